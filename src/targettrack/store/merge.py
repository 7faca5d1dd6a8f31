"""Three-way merge of stores, per target and per field: git's merge driver (pure).

Two analysts who each record a value and pull must not get a conflict in a
file no one should edit by hand. Git gives the common ancestor (base), ours
and theirs; this merges them as targets, not as lines:

* targets are matched by id, never by TinyDB's document key ("12" may be two
  different targets on two sides); the merged store is renumbered 1..n, base
  targets first in their order, then the new ones by id;
* a target added on one side, or identically on both, is kept; one id
  added on both sides for two targets is never made into one: ours keeps the
  id, theirs is kept whole under `ID-theirs` (with its own values), and the
  conflict says so;
* a field changed on one side takes that side; changed the same way on both,
  that value; changed differently on both, it is a conflict: ours stays, and
  the conflict is reported with both values;
* observations are a union: those in the base stay unless a side deleted
  them (update --delete), and those new on either side are added in the order
  they were recorded, so of two values for one period the later recording
  counts; both stay in the history, and the pair is reported;
* a target removed on one side and changed on the other is a conflict: the
  changed target is kept (no recorded value is lost);
* a merge that would give an invalid target keeps ours whole, as a conflict;
* a side that moved the target to another unit (edit --unit converts every
  value) has the other side's values converted into it before anything is
  compared (an observation is a bare number in the target's unit: 6 recorded
  in 亿元 is 60000 once the other side moved to 万元); where the units do not
  convert (a relabel into another kind of unit, or both sides moving to
  different units), it is a conflict on the unit and ours is kept whole.

Everything but which side a conflict keeps is symmetric in ours and theirs.
"""

from __future__ import annotations

import json
from typing import NamedTuple

from ..model.operations import change_unit
from ..model.rules import validate
from ..model.stored import from_dict, to_dict
from ..util.errors import InputError
from ..util.i18n import _

TARGETS, META = "targets", "meta"
BOOKKEEPING = ("edited_by", "created_at", "created_by")


class Conflict(NamedTuple):
    id: str
    field: str
    ours: object
    theirs: object
    ours_by: str | None = None  # who made our side's change (edited_by, recorded_by), where the store says
    theirs_by: str | None = None
    ours_side: str | None = None  # the commit of each side, as git named it (set by the driver: gitshare.sides)
    theirs_side: str | None = None

    def describe(self) -> str:
        return describe(self.to_dict())

    def to_dict(self) -> dict:
        d = {"id": self.id, "field": self.field, "ours": self.ours, "theirs": self.theirs}
        for key in ("ours_by", "theirs_by", "ours_side", "theirs_side"):
            if getattr(self, key):
                d[key] = getattr(self, key)
        return d


def _side(c: dict, which: str) -> str:
    """How a conflict names one side: its commit as git named it, and who made the change there."""
    name = c.get(f"{which}_side") or (_("ours") if which == "ours" else _("theirs"))
    by = c.get(f"{which}_by")
    return name + (_(", by {name}").format(name=by) if by and by not in name else "")


def describe(c: dict) -> str:
    """One conflict, kept or new, in plain words, with both sides and who made them."""

    def show(v):
        return _("(removed)") if v is None else json.dumps(v, ensure_ascii=False)

    cid, field, ours, theirs = c.get("id"), c.get("field"), c.get("ours"), c.get("theirs")
    if field == "(added twice)":
        return _(
            "{id}: added in {ours} and in {theirs} as two different targets; ours keeps the id, theirs is kept "
            "as {copy}"
        ).format(id=cid, ours=_side(c, "ours"), theirs=_side(c, "theirs"), copy=theirs)
    if field == "(target)":
        if ours is None or theirs is None:
            return _("{id}: removed in {removed} and changed in {changed}; the changed target is kept").format(
                id=cid,
                removed=_side(c, "ours" if ours is None else "theirs"),
                changed=_side(c, "theirs" if ours is None else "ours"),
            )
        return _("{id}: the two sides' changes do not make a valid target together; ours is kept").format(id=cid)
    if field.startswith("value "):
        return _(
            "{id}: {period} was recorded as {ours} in {ours_side} and as {theirs} in {theirs_side}; both are in "
            "the history, and the one recorded later counts"
        ).format(
            id=cid,
            period=field[6:],
            ours=show(ours),
            theirs=show(theirs),
            ours_side=_side(c, "ours"),
            theirs_side=_side(c, "theirs"),
        )
    return _("{id}: {field} is {ours} in {ours_side} and {theirs} in {theirs_side}; the store has {ours}").format(
        id=cid,
        field=field,
        ours=show(ours),
        theirs=show(theirs),
        ours_side=_side(c, "ours"),
        theirs_side=_side(c, "theirs"),
    )


class Merged(NamedTuple):
    data: dict
    conflicts: tuple[Conflict, ...]
    notes: tuple[str, ...]  # merged cleanly, but worth saying (two values for one period)


def _key(o: dict) -> str:
    return json.dumps(o, sort_keys=True, ensure_ascii=False)


def _by_id(data: dict | None) -> dict[str, tuple[int, dict]]:
    if not data:
        return {}
    docs = sorted(data.get(TARGETS, {}).items(), key=lambda kv: int(kv[0]))
    return {doc["id"]: (i, doc) for i, (_, doc) in enumerate(docs)}


def _fields(b: dict, o: dict, t: dict, *, where: str, conflicts: list) -> dict:
    """Three-way merge of two dicts, key by key (a nested dict, such as the source, key by key too)."""
    out = {}
    for k in sorted(set(b) | set(o) | set(t)):
        bv, ov, tv = b.get(k), o.get(k), t.get(k)
        if ov == tv:
            v = ov
        elif ov == bv:
            v = tv
        elif tv == bv:
            v = ov
        elif all(isinstance(x, dict) or x is None for x in (bv, ov, tv)):
            v = _fields(bv or {}, ov or {}, tv or {}, where=f"{where}{k}.", conflicts=conflicts) or None
        elif not where and k in BOOKKEEPING:
            v = ov  # who last edited, when it was added: both sides' edits are merged, which is no conflict
        else:
            conflicts.append((f"{where}{k}", ov, tv))
            v = ov
        if v is not None:
            out[k] = v
    return out


def _observations(b: list, o: list, t: list, *, tid: str, notes: list, conflicts: list | None = None) -> list:
    bk, ok, tk = [_key(x) for x in b], {_key(x) for x in o}, {_key(x) for x in t}
    kept = [x for x, k in zip(b, bk) if k in ok and k in tk]
    base = set(bk)
    new = {}
    for side in (o, t):
        for x in side:
            k = _key(x)
            if k not in base:
                new[k] = x
    added = sorted(new.values(), key=lambda x: (x.get("recorded_at") or "", _key(x)))
    ours_new = {x.get("date"): x for x in o if _key(x) not in base}
    for x in t:
        mine = ours_new.get(x.get("date"))
        if _key(x) not in base and mine is not None and mine.get("value") != x.get("value"):
            earlier, later = sorted((mine, x), key=lambda y: (y.get("recorded_at") or "", _key(y)))
            notes.append(
                _(
                    "{id}: {date} was recorded on both sides ({earlier} and {later}); both are kept in the "
                    "history, and {later}, recorded later, counts"
                ).format(id=tid, date=x.get("date"), earlier=_by(earlier), later=_by(later))
            )
            if conflicts is not None:  # two values for one period: someone must say which is right
                conflicts.append(
                    Conflict(
                        tid,
                        f"value {x.get('date')}",
                        mine.get("value"),
                        x.get("value"),
                        mine.get("recorded_by"),
                        x.get("recorded_by"),
                    )
                )
    return kept + added


def _one_unit(b: dict | None, o: dict, t: dict, *, tid: str, conflicts: list[Conflict]):
    """The three sides with their values in the unit the merge keeps: the one a
    side moved to (ours where both moved, with a conflict); theirs None where
    that cannot be done (the conflict is said)."""
    units = [(d or {}).get("unit", "") for d in (b, o, t)]
    bu, ou, tu = units
    if ou == tu and (b is None or bu == ou):
        return b, o, t
    unit = ou if tu == bu else tu if ou == bu else ou
    if ou != tu and ou != bu and tu != bu:
        conflicts.append(Conflict(tid, "unit", ou, tu))  # both moved, differently: ours, theirs converted

    def into(doc):
        if doc is None or doc.get("unit", "") == unit:
            return doc
        try:
            return to_dict(change_unit(from_dict(doc), unit))
        except (InputError, ValueError):
            return None

    b2, t2 = into(b), into(t)
    if t2 is None or (b is not None and b2 is None):
        if not any(c.id == tid and c.field == "unit" for c in conflicts):
            conflicts.append(Conflict(tid, "unit", ou, tu))
        return b, o, None
    o2 = into(o)
    if o2 is None:
        conflicts.append(Conflict(tid, "unit", ou, tu))
        return b, o, None
    return b2, o2, t2


def _by(o: dict) -> str:
    """A value of an observation as a merge names it: with who recorded it, where the store says."""
    who = o.get("recorded_by")
    return f"{o.get('value')}" + (_(" by {name}").format(name=who) if who else "")


def _target(
    b: dict | None, o: dict | None, t: dict | None, *, tid: str, conflicts: list[Conflict], notes: list
) -> dict | None:
    if o is None and t is None:
        return None
    if b is not None and (o is None or t is None):
        other = t if o is None else o
        if other == b:
            return None  # removed on one side, untouched on the other
        conflicts.append(
            Conflict(
                tid,
                "(target)",
                None if o is None else "(changed)",
                None if t is None else "(changed)",
                (o or {}).get("edited_by"),
                (t or {}).get("edited_by"),
            )
        )
        return other  # removed against changed: keep what was changed
    if o is None or t is None:
        return o if t is None else t
    if b is not None and (o == b or t == b):
        return t if o == b else o  # changed on one side only: that side, whole
    b, o, t = _one_unit(b, o, t, tid=tid, conflicts=conflicts)
    if t is None:
        return o  # the units do not convert: ours, whole, and the conflict says why
    if b is None and o.get("created_at") != t.get("created_at"):
        # the same target added on both sides: added when it was first added, which is no conflict
        first = min(x for x in (o.get("created_at"), t.get("created_at")) if x is not None)
        o, t = {**o, "created_at": first}, {**t, "created_at": first}
    found: list = []
    fields = _fields(
        {k: v for k, v in (b or {}).items() if k != "observations"},
        {k: v for k, v in o.items() if k != "observations"},
        {k: v for k, v in t.items() if k != "observations"},
        where="",
        conflicts=found,
    )
    values: list[Conflict] = []
    obs = _observations(
        (b or {}).get("observations", []),
        o.get("observations", []),
        t.get("observations", []),
        tid=tid,
        notes=notes,
        conflicts=values,
    )
    if obs:
        fields["observations"] = obs
    try:
        validate(from_dict(fields))
    except (ValueError, InputError) as e:
        conflicts.append(Conflict(tid, "(target)", "(changed)", "(changed)", o.get("edited_by"), t.get("edited_by")))
        notes.append(
            _("{id}: the two sides' fields do not make a valid target together ({detail}); kept ours").format(
                id=tid, detail=e
            )
        )
        return o
    conflicts.extend(Conflict(tid, f, ov, tv, o.get("edited_by"), t.get("edited_by")) for f, ov, tv in found)
    conflicts.extend(values)
    return fields


def _same_target(o: dict, t: dict) -> bool:
    """Two targets added under one id on two sides are the same one when only
    the time each was added (and what each side recorded) differs."""

    def plain(d):
        return {k: v for k, v in d.items() if k not in ("created_at", "observations")}

    return plain(o) == plain(t)


def _free(tid: str, taken: set[str]) -> str:
    """`tid`, or `tid-2`, `tid-3`… where it is taken (an id is at most 64 characters)."""
    base = tid[:58]
    found, n = base, 2
    while found in taken:
        found, n = f"{base}-{n}", n + 1
    taken.add(found)
    return found


def merge(base: dict | None, ours: dict, theirs: dict) -> Merged:
    """The merged store data (TinyDB's dict), the conflicts and the notes."""
    b, o, t = _by_id(base), _by_id(ours), _by_id(theirs)
    conflicts: list[Conflict] = []
    notes: list[str] = []
    order = sorted(set(b) | set(o) | set(t), key=lambda i: (b[i][0] if i in b else len(b), i))
    merged = []
    taken = set(order)
    for tid in order:
        if tid not in b and tid in o and tid in t and not _same_target(o[tid][1], t[tid][1]):
            merged.append(o[tid][1])
            theirs_id = _free(f"{tid}-theirs", taken)
            merged.append({**t[tid][1], "id": theirs_id})
            conflicts.append(
                Conflict(tid, "(added twice)", tid, theirs_id, o[tid][1].get("created_by"), t[tid][1].get("created_by"))
            )
            continue
        doc = _target(
            b.get(tid, (0, None))[1],
            o.get(tid, (0, None))[1],
            t.get(tid, (0, None))[1],
            tid=tid,
            conflicts=conflicts,
            notes=notes,
        )
        if doc is not None:
            merged.append(doc)
    bm, om, tm = ((d or {}).get(META, {}).get("1", {}) for d in (base, ours, theirs))
    meta_conflicts: list = []
    meta = _fields(
        {k: v for k, v in bm.items() if k != "schema"},
        {k: v for k, v in om.items() if k != "schema"},
        {k: v for k, v in tm.items() if k != "schema"},
        where="",
        conflicts=meta_conflicts,
    )
    meta["schema"] = max(om.get("schema", 0), tm.get("schema", 0))
    conflicts.extend(Conflict("(settings)", f, ov, tv) for f, ov, tv in meta_conflicts)
    data = {META: {"1": meta}, TARGETS: {str(i): doc for i, doc in enumerate(merged, 1)}}
    return Merged(data, tuple(conflicts), tuple(notes))
