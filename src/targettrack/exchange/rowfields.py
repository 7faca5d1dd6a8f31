"""Import, second step: a row's cells read as a target's fields or an
observation, by the command line's rules (model.target.validate,
model.operations.observe); only the place named in a refusal differs:
"FILE, target table row 3, column unit".
"""

from __future__ import annotations

from ..model.dates import Period, parse_frequency, parse_lag, parse_period
from ..model.operations import Levels, amount_in, observe, target_and_unit
from ..model.planwords import kind_for, qualified_target, qualifier_fields
from ..model.qualifiers import KINDS_OF, read_words
from ..model.quantity import format_number, from_json_number
from ..model.rules import check_kind, check_method, check_tag, parse_tags, parse_unit
from ..model.target import CHANGES, FORMS, Observation, Source, Target
from ..util.errors import InputError, at
from ..util.frozen import replace
from ..util.i18n import N_, _
from .columns import SOURCE_COLUMNS, TEXT_COLUMNS, VALUE_COLUMNS

# --- import: rows to targets -----------------------------------------------------
# The same rules as the command line (model.validate, ops.observe); only the
# place named in a refusal differs: "FILE, target table row 3, column unit".


def _cell(row: dict, column: str, where: str) -> str | None:
    v = row.get(column)
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, (str, int, float, list)):
        raise _fail(where, column, _("not text or a number"))
    if isinstance(v, list):
        if column != "tags" or not all(isinstance(x, str) for x in v):
            raise _fail(where, column, _("not text"))
        return ";".join(v)
    try:
        text = v if isinstance(v, str) else format_number(from_json_number(v))
    except ValueError as e:
        raise _fail(where, column, e) from None
    if column not in TEXT_COLUMNS:
        text = text.strip()  # " 2025 " in a hand-made sheet is 2025; a title keeps its spaces
    return text or None


def _fail(where: str, column: str, e) -> InputError:
    return at(
        _("{where}, column {column}").format(where=where, column=column),
        e if isinstance(e, InputError) else InputError(str(e)),
    )


def _located(where: str, e: InputError) -> InputError:
    """A rule's refusal, said of the row (and the column, when the rule names its field)."""
    return at(_("{where}, column {column}").format(where=where, column=e.field) if e.field else where, e)


def _period(row, column, where, *, today) -> Period | None:
    v = _cell(row, column, where)
    if v is None:
        return None
    try:
        return parse_period(v, today)
    except InputError as e:
        raise _fail(where, column, e) from None


def _tags(row: dict, where: str) -> tuple[str, ...] | None:
    v = row.get("tags")
    if v is None:
        return None
    try:
        if isinstance(v, list):  # JSON keeps each tag whole: a tag is checked, never split
            if not all(isinstance(x, str) for x in v):
                raise InputError(_("not a list of text"))
            return tuple(dict.fromkeys(check_tag(x) for x in v))
        text = _cell(row, "tags", where)
        return None if text is None else parse_tags([text], ";")
    except InputError as e:
        raise _fail(where, "tags", e) from None


def target_fields(row: dict, where: str, today, *, existing: Target | None) -> dict:
    """The fields a target row sets (a column left empty keeps what is there).
    A target written as a plan writes it (6.5亿吨以上) gives its qualifier,
    and the kind the qualifier says where the row gives none (ops.kind_for)."""
    f: dict = {}
    for column in ("title", "title_en", "owner", "plan", "created_at", "created_by", "edited_by"):
        v = _cell(row, column, where)
        if v is not None:
            f[column] = v
    try:
        kind = _cell(row, "kind", where)
        if kind is not None:
            f["kind"] = check_kind(kind)
        method = _cell(row, "method", where)
        if method is not None:
            f["method"] = check_method(method)
        unit = _cell(row, "unit", where)
        if unit is not None:
            unit = parse_unit(unit)
        target_text, qualifier = qualified_target(_cell(row, "target", where))
        words = _cell(row, "qualifier", where)
        if words is not None:
            qualifier = read_words(words)
        if existing is None:  # as on the command line: the unit written after the value
            unit, target = target_and_unit(f.get("kind", "increase"), target_text, unit)
            f["target"] = target
        if unit is not None:
            f["unit"] = unit
        unit_now = f.get("unit", existing.unit if existing else "")
        for column, text in (("target", target_text), ("baseline", _cell(row, "baseline", where))):
            if column not in f or f[column] is None:
                v = amount_in(text, unit_now, column)
                if v is not None:
                    f[column] = v
        if f.get("target") is None:
            f.pop("target", None)
        f.update(qualifier_fields(qualifier))
    except InputError as e:
        raise _located(where, e) from None
    for column in ("deadline", "start", "baseline_date"):
        p = _period(row, column, where, today=today)
        if p is not None:
            f[column] = p
    tags = _tags(row, where)
    if tags is not None:
        f["tags"] = tags
    f.update(_form_cells(row, where))
    if (
        qualifier is not None
        and "kind" not in f
        and (existing is None or existing.kind not in KINDS_OF.get(qualifier.sense, (existing.kind,)))
    ):
        base = f.get("baseline", existing.baseline if existing else None)
        kind = kind_for(
            qualifier,
            form=f.get("form", existing.form if existing else None),
            each=f.get("each", existing.each if existing else None),
            deadline=f.get("deadline", existing.deadline if existing else None),
            baseline=base,
            target=f.get("target", existing.target if existing else None),
        )
        if kind:
            f["kind"] = kind
    source = {key: _cell(row, column, where) for column, key in SOURCE_COLUMNS.items()}
    if any(v is not None for v in source.values()):
        base = existing.source if existing else Source()
        f["source"] = replace(base, **{k: v for k, v in source.items() if v is not None})
    return f


_FLAG_WORDS = {
    "true": True,
    "yes": True,
    "1": True,
    "是": True,
    "false": False,
    "no": False,
    "0": False,
    "否": False,
    "": False,
}
_BINDING_WORDS = {
    "true": True,
    "yes": True,
    "1": True,
    "binding": True,
    "约束性": True,
    "false": False,
    "no": False,
    "0": False,
    "expected": False,
    "预期性": False,
}


def _form_cells(row: dict, where: str) -> dict:
    """form, change, each, frequency, lag and binding, as the command line reads them."""
    f: dict = {}
    readers = {
        "form": lambda v: _one_of(v, FORMS, N_("form")),
        "change": lambda v: _one_of(v, CHANGES, N_("change")),
        "each": parse_frequency,
        "frequency": parse_frequency,
        "lag": parse_lag,
    }
    for column, read in readers.items():
        v = _cell(row, column, where)
        if v is not None:
            try:
                f[column] = read(v)
            except InputError as e:
                raise _fail(where, column, e) from None
    v = row.get("binding")
    if v is not None:
        word = v if isinstance(v, bool) else _BINDING_WORDS.get(str(v).strip().lower())
        if word is None:
            raise _fail(where, "binding", _("not true or false (binding/约束性 or expected/预期性)"))
        f["binding"] = word
    for column in ("approx", "at_deadline"):
        v = row.get(column)
        if v is not None:
            word = v if isinstance(v, bool) else _FLAG_WORDS.get(str(v).strip().lower())
            if word is None:
                raise _fail(where, column, _("not true or false"))
            if word or column == "at_deadline":  # approx comes from the qualifier's words when they say so
                f[column] = word
    return f


def _one_of(value: str, allowed: tuple, what: str) -> str:
    if value not in allowed:
        raise InputError(
            _("{value} is not a {what}: one of {items}").format(
                value=repr(value), what=_(what), items=", ".join(allowed)
            )
        )
    return value


def observation_from(
    row: dict, where: str, target: Target, *, today, now: str, levels: Levels | None = None, by: str | None = None
) -> tuple[Observation, str | None]:
    """The observation a row records, and the text of its value (for warnings)."""
    date = _period(row, "date", where, today=today)
    if date is None:
        raise _fail(where, "date", _("missing"))
    given = [(c, _cell(row, c, where)) for c in VALUE_COLUMNS]
    given = [(c, v) for c, v in given if v is not None]
    if len(given) != 1:
        rule = _("give exactly one of value, change (an increment) or yoy (a change in % on the year before)")
        got = _("; got {columns}").format(columns=", ".join(c for c, _v in given)) if given else ""
        raise _fail(where, "value", rule + got)
    column, raw = given[0]
    how = {"value": "level", "change": "by", "yoy": "yoy"}[column]
    measure = _cell(row, "measure", where)
    if measure is not None:
        if measure != "yoy" or column != "value":
            raise _fail(where, "measure", _("is 'yoy' (the value is a change in % on the year before) or empty"))
        how = "yoy"
    try:
        o = observe(
            target,
            raw,
            date,
            today=today,
            recorded_at=_cell(row, "recorded_at", where) or now,
            note=_cell(row, "note", where),
            source=_cell(row, "source", where),
            how=how,
            levels=levels,
            by=_cell(row, "recorded_by", where) or (None if _cell(row, "recorded_at", where) else by),
        )
    except InputError as e:
        if e.field in ("by", "yoy", "value"):
            raise _fail(where, column, e) from None
        raise _located(where, e) from None
    # The text a person typed, for the warnings about it; a JSON number was written by a program.
    typed = how == "level" and isinstance(row.get(column), str)
    return o, raw if typed else None


def _key(o: Observation) -> tuple:
    """What makes two observations the same one (when it was recorded aside)."""
    return (o.date.label, o.value, o.note or None, o.source or None, o.measure)
