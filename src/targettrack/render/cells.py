"""The short text cells that the table and plain formats show for a target."""

from __future__ import annotations

from decimal import Decimal

from ..judge.assessment import Assessment
from ..model.quantity import format_difference, format_quantity
from ..model.target import Target, change_text
from ..model.values import show_measure
from ..util.i18n import N_, _
from ..util.textwidth import safe, width
from .lines import COLUMNS, HEADERS, Line, columns, header  # noqa: F401 (the list's lines, drawn from these cells)


def status_text(a: Assessment) -> str:
    """The status in the reader's language (its code in English), and whether its data are overdue."""
    return _(a.status) + (_(" (stale)") if a.stale and a.status != "awaiting-data" else "")


def amount(x, unit: str) -> str:
    """A derived amount (a projection), to two decimals, in the target's unit."""
    if x is None:
        return "-"
    return format_quantity(Decimal(str(round(float(x), 2))), unit)


def difference(x, unit: str) -> str:
    """A derived difference or rate of change, to two decimals: in percentage
    points where the target is a percentage (0.4 pp, not 0.4%)."""
    if x is None:
        return "-"
    return format_difference(Decimal(str(round(float(x), 2))), unit)


def progress_cell(t: Target, a: Assessment) -> str:
    if t.spec.boolean:
        return _("done") if a.achieved_date else "-"
    if a.progress is None:
        return "-"
    return f"{float(a.progress) * 100:.0f}%"


def current_cell(t: Target, a: Assessment) -> str:
    if a.current is None:
        return "-"
    return show_measure(t, a.current)


def target_cell(t: Target) -> str:
    if t.spec.boolean:
        return _("done")
    about = _("~") if t.approx else ""  # 约 in Chinese: an approximate target (左右, about)
    if t.form == "change":
        return about + change_text(t.target, t)
    if t.form == "growth":
        return _(">=" if t.spec.direction > 0 else "<=") + " " + about + format_quantity(t.target, "%") + _("/yr")
    prefix = _(t.spec.comparison) + " " if t.spec.comparison else ""  # ≥ and ≤ in Chinese
    each = _(PER[t.each]) if t.each else ""
    return prefix + about + format_quantity(t.target, t.unit) + each


def target_words(t: Target) -> str:
    """The target as `show` says it: its cell, the plan's own words and what
    they mean (以上: at least), and whether only the deadline period's value counts."""
    text = target_cell(t)
    if t.qualifier:
        from ..model.qualifiers import read_words

        text += _("  ({words}: {meaning})").format(words=t.qualifier, meaning=read_words(t.qualifier).describe())
    if t.at_deadline:
        text += _("  (the deadline period's value)")
    return text


COMPARISONS = (N_("<="), N_(">="), N_("<"), N_(">"))  # a bound's sign, as the reader's language writes it

BINDING_WORDS = {True: N_("binding"), False: N_("expected"), None: "-"}
PER = {"year": N_("/year"), "half": N_("/half"), "quarter": N_("/quarter"), "month": N_("/month"), "day": N_("/day")}


def title_of(t: Target) -> str:
    """The title in the reader's language: title_en in English when the
    target has one, its title otherwise (`show` gives both)."""
    from ..util import i18n

    return safe(t.title_en if i18n.current == "en" and t.title_en else t.title)


def line(t: Target, a: Assessment) -> Line:
    cells = row_cells(t, a, True)
    return Line(
        cells,
        a.status,
        None if a.progress is None else float(a.progress),
        None if a.expected is None else float(a.expected),
        t.spec.shape == "path",
        t.binding is not None,
        tuple(width(c) for c in cells[:-1]),
    )  # the title, last and unpadded, is measured only to wrap


def row_cells(t: Target, a: Assessment, binding: bool = False) -> tuple[str, ...]:
    cells = (
        t.id,
        status_text(a),
        progress_cell(t, a),
        current_cell(t, a),
        target_cell(t),
        t.deadline.label if t.deadline else "-",
    )
    return cells + ((_(BINDING_WORDS[t.binding]),) if binding else ()) + (title_of(t),)
