"""Settling the conflicts a git merge left, one at a time (issue 31).

The merge driver keeps the store valid with our side where the two differ,
and lists each conflict in `<store>.conflicts` (gitshare.py). Settling one
says which side is right, or gives the value: `--ours` keeps what the store
has, `--theirs` puts the other side's in, `--value V` puts V in. A field
takes the value (validated as any edit is); two values for one period are
settled by recording the chosen value again, now and by the settler, so the
history says who decided; a target removed on one side and changed on the
other is removed (--ours where ours removed it, --theirs where theirs did)
or kept; one id added twice keeps one of the two.
"""

from __future__ import annotations

import json

from ..model.dates import parse_period
from ..model.operations import observe
from ..model.quantity import from_json_number
from ..model.rules import validate
from ..model.stored import from_dict, to_dict
from ..model.target import Observation, Target
from ..util.errors import InputError
from ..util.frozen import replace
from ..util.i18n import _


def choose(items: list[dict], target_id: str, field: str | None) -> list[dict]:
    """The conflicts of `target_id` (and `field`, where given) among `items`; an error where there are none."""
    found = [c for c in items if c.get("id") == target_id and (field is None or c.get("field") == field)]
    if not found:
        fields = sorted({c.get("field") for c in items if c.get("id") == target_id})
        raise InputError(
            _("{id} has no merge conflict{on}; its conflicts: {fields}").format(
                id=target_id,
                on=_(" on {field}").format(field=field) if field else "",
                fields=", ".join(fields) or _("none"),
            )
        )
    return found


def _value(text: str):
    """--value as the field holds it: JSON where it reads as JSON (a number, true, a list), else the text."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def settle(store, conflict: dict, side: str, *, value: str | None, by: str | None, now: str, today) -> str:
    """Settle one conflict in `store` (open for writing): side "ours", "theirs" or "value". What was done, in words."""
    cid, field = conflict["id"], conflict["field"]
    if field == "(added twice)":
        copy = conflict.get("theirs")
        if side == "value":
            raise InputError(_("a target added twice is settled with --ours or --theirs"))
        if side == "theirs":
            theirs = store.resolve(copy)
            store.remove(copy)
            store.replace(cid, replace(theirs, id=cid))
            return _("{id}: theirs kept, ours dropped").format(id=cid)
        store.remove(copy)
        return _("{id}: ours kept, theirs ({copy}) dropped").format(id=cid, copy=copy)
    if field == "(target)":
        removed_by_ours = conflict.get("ours") is None
        if side == "value":
            raise InputError(_("a target removed on one side is settled with --ours or --theirs"))
        removal_wins = (side == "ours") == removed_by_ours
        if removal_wins:
            store.remove(cid)
            return _("{id}: removed, as one side did").format(id=cid)
        return _("{id}: kept with its changes").format(id=cid)
    t = store.resolve(cid)
    if field.startswith("value "):
        return _value_settled(
            store, t, field[6:], conflict=conflict, side=side, value=value, by=by, now=now, today=today
        )
    if side == "ours":
        return _("{id}: {field} stays {value}").format(
            id=cid, field=field, value=json.dumps(conflict.get("ours"), ensure_ascii=False)
        )
    new = conflict.get("theirs") if side == "theirs" else _value(value)
    doc = to_dict(t)
    path = field.split(".")
    holder = doc
    for key in path[:-1]:
        holder = holder.setdefault(key, {})
    if new is None:
        holder.pop(path[-1], None)
    else:
        holder[path[-1]] = new
    if by:
        doc["edited_by"] = by
    try:
        changed = validate(from_dict(doc))
    except (ValueError, TypeError) as e:
        raise InputError(
            _("{field}: {value} does not make a valid target ({detail})").format(
                field=field, value=json.dumps(new, ensure_ascii=False), detail=e
            )
        ) from None
    store.replace(cid, changed)
    return _("{id}: {field} is now {value}").format(id=cid, field=field, value=json.dumps(new, ensure_ascii=False))


def _value_settled(
    store, t: Target, period: str, *, conflict: dict, side: str, value: str | None, by: str | None, now: str, today
) -> str:
    """Two values for one period: the chosen one recorded again, now, so that it counts and the history says who chose."""
    chosen = conflict.get("ours") if side == "ours" else conflict.get("theirs") if side == "theirs" else None
    when = next((o.date for o in t.observations if o.date.label == period), None)
    if when is None:
        when = parse_period(period)
    if chosen is not None:
        o = Observation(when, from_json_number(chosen), now, _("settles a merge conflict"), None, None, by)
    else:
        o = observe(t, value, when, today=today, recorded_at=now, note=_("settles a merge conflict"), by=by)
    effective = next((x for x in reversed(t.observations) if x.date.last == when.last), None)
    if effective is not None and effective.measure is None and effective.value == o.value:
        return _("{id}: {period} stays {value}").format(id=t.id, period=period, value=o.value)
    store.replace(t.id, t.with_observation(o))
    return _("{id}: {period} is {value}, recorded again to count").format(id=t.id, period=period, value=o.value)
