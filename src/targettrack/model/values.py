"""Observation values per kind: read from what people type, shown as people read them.

A milestone's values are 1 (done) and 0 (not done); every other kind records
a quantity in the target's unit. READERS and SHOWN have one entry per kind
(tests/test_kinds.py checks that none is missing).
"""

from __future__ import annotations

from decimal import Decimal

from ..util.errors import InputError
from ..util.i18n import _
from .qualifiers import split
from .quantity import Quantity, format_quantity, normalize_text, parse_quantity, value_in_unit
from .target import DONE, NOT_DONE, Target, change_text

DONE_WORDS = {"done", "yes", "true", "1", "完成", "已完成", "建成", "已建成", "达成", "是"}
NOT_DONE_WORDS = {"undone", "not-done", "no", "false", "0", "未完成", "否"}


def _read_done(t: Target, text: str) -> Decimal:
    word = normalize_text(text).lower()
    if word in DONE_WORDS:
        return DONE
    if word in NOT_DONE_WORDS:
        return NOT_DONE
    raise InputError(
        _("{id} is a milestone; give 'done' (or 'undone' to correct a mistake), not {text}").format(
            id=t.id, text=repr(text)
        ),
        field="value",
    )


def _read_level(t: Target, text: str) -> Decimal:
    try:
        q = parse_quantity(text)
        return value_in_unit(Quantity(q.number, q.unit), t.unit)
    except InputError as e:
        _not_qualified(text)
        raise InputError(str(e), field="value") from None


def _not_qualified(text: str) -> None:
    """A value arrives as a number: 以上, 左右 or "at least" belong to a target (add or edit)."""
    try:
        core, q = split(normalize_text(text))
    except InputError:
        return
    if q is not None:
        raise InputError(
            _("{text}: a value is a number, and {words} qualifies a target, not a value; give {core}").format(
                text=repr(text), words=q.words, core=core
            ),
            field="value",
        )


def _show_done(t: Target, value) -> str:
    return _("done") if value else _("not done")


def _show_level(t: Target, value) -> str:
    return format_quantity(value, t.unit)


READERS = {
    "increase": _read_level,
    "decrease": _read_level,
    "cap": _read_level,
    "floor": _read_level,
    "milestone": _read_done,
}
SHOWN = {
    "increase": _show_level,
    "decrease": _show_level,
    "cap": _show_level,
    "floor": _show_level,
    "milestone": _show_done,
}


def read_value(t: Target, text: str) -> Decimal:
    """The level `text` records for `t`, in its unit (InputError with field 'value')."""
    return READERS[t.kind](t, text)


def show_value(t: Target, value, measure: str | None = None) -> str:
    """How one recorded value of `t` reads: 850亿元, done, not done, -2.7% yoy."""
    if measure == "yoy":
        return _("{change} yoy").format(change=("+" if value > 0 else "") + format_quantity(value, "%"))
    return SHOWN[t.kind](t, value)


def show_measure(t: Target, value) -> str:
    """How what a target's form measures reads: a change (-6.96%, +0.5岁, +2 pp),
    an average growth (10.32% a year) or a running total; a level as a level."""
    if value is None:
        return "-"
    if t.form == "change":
        return change_text(value, t)
    if t.form == "growth":
        return _("{rate} a year").format(rate=format_quantity(value, "%"))
    if t.form == "cumulative":
        return format_quantity(value, t.unit)
    return show_value(t, value)
