"""Import, last step: what an import would do to a store (a Plan), all or
nothing: every row is read and every resulting target checked before
anything is written; the first problem names its row and column. It is
idempotent: an existing id is updated with the columns given, and an
observation identical to one already there (date, value, note, source) is
not added again.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..model.corrections import plausibility
from ..model.operations import Levels, change_unit
from ..model.quantity import same_dimension
from ..model.rules import check_id, parse_unit, validate
from ..model.settings import Settings
from ..model.stored import to_dict
from ..model.target import Target
from ..util.errors import InputError
from ..util.frozen import replace
from ..util.i18n import _
from . import jsonstream
from .readrows import Rows, StreamedJSON
from .rowfields import _cell, _fail, _key, _located, observation_from, target_fields

WARNINGS_KEPT = 100  # an import of thousands of rows says how many more, not each one


@dataclass(slots=True)
class Plan:
    """What an import would do."""

    targets: list[Target] = field(default_factory=list)  # the new or changed targets, final form
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    observations_added: int = 0
    observations_skipped: int = 0
    observations_repeated: int = 0  # the same row again in the file: added once
    settings: Settings | None = None
    warnings: list[str] = field(default_factory=list)  # plausibility, recorded all the same: the first ones
    warnings_found: int = 0  # all of them
    notes: list[str] = field(default_factory=list)  # rows read otherwise than written, or left out

    def warn(self, found: list[str]) -> None:
        self.warnings_found += len(found)
        self.warnings += found[: max(WARNINGS_KEPT - len(self.warnings), 0)]

    def settle(self, t: Target, before: Target | None) -> dict | None:
        """Count `t` as added, updated or unchanged; its document if it is to be written."""
        doc = to_dict(t)
        if before is None:
            self.added.append(t.id)
        elif doc != to_dict(before):
            self.updated.append(t.id)
        else:
            self.unchanged.append(t.id)
            return None
        return doc

    def take_settings(self, raw: dict | None) -> None:
        if raw:
            try:
                self.settings = Settings.from_dict(raw)
            except InputError as e:
                raise InputError(_("settings: {detail}").format(detail=e)) from None


def _row_id(row: dict, where: str) -> str:
    target_id = _cell(row, "id", where)
    if target_id is None:
        raise _fail(where, "id", _("missing"))
    try:
        check_id(target_id)
    except InputError as e:
        raise _located(where, e) from None
    return target_id


def _planned(
    row: dict, where: str, target_id: str, *, before: Target | None, today, now: str, by: str | None = None
) -> Target:
    """The target a row makes (new) or makes of `before`, checked."""
    if before is not None and (unit := _cell(row, "unit", where)) is not None:
        # A file whose target is in another unit (a colleague's export after an edit --unit): the values
        # already here are converted into it first, so that no number is read in the wrong unit.
        try:
            unit = parse_unit(unit)
        except InputError as e:
            raise _fail(where, "unit", e) from None
        if unit != before.unit:
            if not same_dimension(unit, before.unit):
                raise _fail(
                    where,
                    "unit",
                    _(
                        "{unit} does not convert from {old}, the unit {id} has in the store: its "
                        "values would be read in the wrong unit"
                    ).format(unit=unit, old=before.unit or _("no unit"), id=before.id),
                )
            before = change_unit(before, unit)
    fields = target_fields(row, where, today, existing=before)
    if before is None:
        if "title" not in fields:
            raise _fail(where, "title", _("a new target needs a title"))
        t = Target(
            id=target_id, **{"created_at": now, "created_by": by if "created_at" not in fields else None, **fields}
        )
    else:
        t = replace(before, **fields)
    try:
        validate(t)
    except InputError as e:
        raise _located(where, e) from None
    return t


class _Observations:
    """The observation rows of an import, in order. An observation already
    in the store is not added again; each one in the store matches one row
    (a multiset), so an export that holds the same value twice imports as
    twice. Counted in a dict: linear in the rows."""

    def __init__(self, plan: Plan, today, now: str, by: str | None = None):
        self.plan, self.today, self.now, self.by = plan, today, now, by
        self.there: dict[str, Counter] = {}
        self.seen: set[tuple] = set()
        self.levels: dict[str, Levels] = {}
        self.added: dict[str, list] = {}

    def add(self, row: dict, where: str, t: Target) -> None:
        if t.id not in self.levels:
            self.levels[t.id] = Levels(t)
        obs, text = observation_from(
            row, where, t, today=self.today, now=self.now, levels=self.levels[t.id], by=self.by
        )
        self.levels[t.id].add(obs)  # a later row's change or yoy counts this one
        if t.id not in self.there:
            self.there[t.id] = Counter(_key(o) for o in t.observations)
        key = _key(obs)
        if self.there[t.id][key]:
            self.there[t.id][key] -= 1
            self.plan.observations_skipped += 1
            return
        # The same row twice in one file (the same value, recorded at the same time or at none) is one value,
        # as it is across two runs; an export's two recordings of one value (two times) stay two.
        again = (t.id, key, _cell(row, "recorded_at", where))
        if again in self.seen:
            self.plan.observations_repeated += 1
            return
        self.seen.add(again)
        self.added.setdefault(t.id, []).append((obs, where, text))
        self.plan.observations_added += 1

    def onto(self, t: Target) -> Target:
        """`t` with the observations added to it, each warned about against the values before it."""
        new = self.added.get(t.id)
        if not new:
            return t
        t = replace(t, observations=t.observations + tuple(o for o, _, _ in new))
        for obs, where, text in new:  # against the values before it, this file's included
            self.plan.warn([f"{where}: {w}" for w in plausibility(t, obs, text)])
        return t


def plan_import(rows: Rows, existing: list[Target], today, *, now: str, progress=None, by: str | None = None) -> Plan:
    """Everything the import would write; raises InputError on the first bad row."""
    current = {t.id: t for t in existing}
    result: dict[str, Target] = {}
    plan = Plan()
    step = progress or (lambda: None)
    for where, row in rows.targets:
        step()
        target_id = _row_id(row, where)
        result[target_id] = _planned(
            row, where, target_id, before=result.get(target_id) or current.get(target_id), today=today, now=now, by=by
        )
    observations = _Observations(plan, today, now, by)
    for where, row in rows.observations:
        step()
        target_id = _cell(row, "id", where)
        t = result.get(target_id) or current.get(target_id)
        if t is None:
            raise _fail(where, "id", _("no target {id} in the store or in the file").format(id=repr(target_id)))
        observations.add(row, where, t)
    for target_id in observations.added:
        result[target_id] = observations.onto(result.get(target_id) or current[target_id])
    for target_id, t in result.items():
        if plan.settle(t, current.get(target_id)) is not None:
            plan.targets.append(t)
    plan.take_settings(rows.settings)
    plan.notes = list(rows.notes)
    return plan


def plan_streamed(stream: "StreamedJSON", lookup, today, *, now: str, keep, by: str | None = None) -> Plan:
    """plan_import for a JSON export read as it arrives: each target is
    planned with its observations and handed to `keep(id, document)` if
    it is to be written, and then let go, so no more than one target is held.
    `lookup(id)` is the store's target of that id, or None. An id given twice
    in the file raises Unstreamable (plan_import reads such a file whole)."""
    plan = Plan()
    seen: set[str] = set()
    for where, row, rows in stream:
        target_id = _row_id(row, where)
        if target_id in seen:
            raise jsonstream.Unstreamable(f"id {target_id} given twice")
        seen.add(target_id)
        before = lookup(target_id)
        t = _planned(row, where, target_id, before=before, today=today, now=now, by=by)
        observations = _Observations(plan, today, now, by)
        for where_obs, obs_row in rows:
            observations.add(obs_row, where_obs, t)
        t = observations.onto(t)
        doc = plan.settle(t, before)
        if doc is not None:
            keep(t.id, doc)
    plan.take_settings(stream.settings)
    return plan
