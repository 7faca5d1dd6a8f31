"""A change to a store as an analyst reads it (issue 31): `targettrack diff
[REV]` and the textconv `git diff` uses once `git-setup` has run.

A reviewer of a pull request wants "sh-robot-brands: 2024 value 7家 (was
6家), recorded by 王芳", not two JSON lines. Both views here are made from
the decoded stores, so they read alike whatever the bytes' layout: `changes`
says what changed between two stores, target by target and field by field,
each value by its period (the value in effect: a revision is a change of
the value); `lines` is one line per field and per value, sorted, for git to
diff as text (git's textconv), so that `git diff` and `git log -p` show one
line per value changed.
"""

from __future__ import annotations

import json

from ..model.corrections import in_effect
from ..model.stored import from_dict, to_dict
from ..model.target import Target
from ..model.values import show_value
from ..util.i18n import _

_QUIET = ("observations", "id", "edited_by", "created_at", "created_by")


def _targets(data: dict | None) -> dict[str, Target]:
    out = {}
    for doc in ((data or {}).get("targets") or {}).values():
        try:
            t = from_dict(doc)
        except (ValueError, TypeError, ArithmeticError):
            continue
        out[t.id] = t
    return out


def _values(t: Target) -> dict[str, object]:
    """Each period's value in effect (a later recording replaces an earlier one), by its label."""
    return {o.date.label: o for o, current in zip(t.observations, in_effect(t)) if current}


def _field(doc: dict, key: str) -> str:
    v = doc.get(key)
    return "-" if v is None else v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, sort_keys=True)


def _fields(t: Target) -> dict:
    return {k: v for k, v in to_dict(t).items() if k not in _QUIET}


def changes(old: dict | None, new: dict | None) -> list[str]:
    """What changed from store `old` to store `new` (decoded), a line a change, targets in id order."""
    before, after = _targets(old), _targets(new)
    out = []
    for tid in sorted(before.keys() | after.keys()):
        o, n = before.get(tid), after.get(tid)
        if o is None:
            out.append(_("{id}: added ({title}){by}").format(id=tid, title=n.title, by=_by(n.created_by)))
            for period, obs in sorted(_values(n).items(), key=lambda kv: kv[1].date.last):
                out.append(
                    _("{id}: {period} value {value}{by}").format(
                        id=tid, period=period, value=show_value(n, obs.value, obs.measure), by=_by(obs.recorded_by)
                    )
                )
            continue
        if n is None:
            out.append(_("{id}: removed ({title})").format(id=tid, title=o.title))
            continue
        of, nf = _fields(o), _fields(n)
        for key in sorted(of.keys() | nf.keys()):
            if of.get(key) != nf.get(key):
                out.append(
                    _("{id}: {field} {value} (was {old}){by}").format(
                        id=tid, field=key, value=_field(nf, key), old=_field(of, key), by=_by(n.edited_by, _("edited"))
                    )
                )
        ov, nv = _values(o), _values(n)
        for period in sorted(ov.keys() | nv.keys(), key=lambda p: (nv.get(p) or ov.get(p)).date.last):
            a, b = ov.get(period), nv.get(period)
            if b is None:
                out.append(
                    _("{id}: {period} value deleted (was {old})").format(
                        id=tid, period=period, old=show_value(o, a.value, a.measure)
                    )
                )
            elif a is None:
                out.append(
                    _("{id}: {period} value {value}{by}").format(
                        id=tid, period=period, value=show_value(n, b.value, b.measure), by=_by(b.recorded_by)
                    )
                )
            elif (a.value, a.measure, a.note, a.source) != (b.value, b.measure, b.note, b.source):
                out.append(
                    _("{id}: {period} value {value} (was {old}){by}").format(
                        id=tid,
                        period=period,
                        value=show_value(n, b.value, b.measure),
                        old=show_value(o, a.value, a.measure),
                        by=_by(b.recorded_by),
                    )
                )
    return out


def _by(name: str | None, verb: str | None = None) -> str:
    if not name:
        return ""
    return _(", {verb} by {name}").format(verb=verb, name=name) if verb else _(", recorded by {name}").format(name=name)


def lines(data: dict) -> list[str]:
    """The store as text for git to diff (textconv): a line per field and per value, in id and period order."""
    out = []
    for tid, t in sorted(_targets(data).items()):
        for key, value in sorted(_fields(t).items()):
            out.append(f"{tid}  {key}  {json.dumps(value, ensure_ascii=False, sort_keys=True)}")
        for o, current in sorted(zip(t.observations, in_effect(t)), key=lambda oc: oc[0].date.last):
            said = "  ".join(x for x in (o.note, o.source) if x)
            out.append(
                f"{tid}  {o.date.label}  {show_value(t, o.value, o.measure)}"
                f"{'' if current else '  ' + _('(superseded)')}  {o.recorded_at[:10]}"
                f"{'  ' + o.recorded_by if o.recorded_by else ''}{'  ' + said if said else ''}"
            )
    return out
