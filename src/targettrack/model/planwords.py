"""The words of a plan's target read into a target's fields: its qualifier
(以上, 不低于, 左右, at least, about) and its form (a change of -13.5%, +1岁
or +5pp from a base year, an average growth, a multiple: 翻一番).
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..util.errors import InputError
from ..util.i18n import _
from .dates import parse_frequency
from .qualifiers import AT_LEAST, Qualifier
from .qualifiers import split as split_qualifier
from .quantity import (
    Quantity,
    clean,
    fold_bare_magnitude,
    normalize_text,
    parse_quantity,
    value_in_unit,
)

# --- qualifiers (docs/statuses.md, "Qualifiers") ---------------------------------------------


def read_quantity(text: str, field: str) -> Quantity:
    try:
        return parse_quantity(text)
    except InputError as e:
        raise InputError(str(e), field=field) from None


def qualified(text: str | None) -> tuple[str | None, Qualifier | None]:
    """A target as a plan writes it (6.5亿吨以上, 不低于3.4%, 60%左右) as the
    value and its qualifier (qualifiers.split); None stays None."""
    if text is None:
        return None, None
    core, q = split_qualifier(normalize_text(text))
    return core, q


def _qualified(text: str, field: str) -> tuple[str, Qualifier | None]:
    try:
        return qualified(text)
    except InputError as e:
        raise InputError(str(e), field=field) from None


def qualified_target(text: str | None) -> tuple[str | None, Qualifier | None]:
    """--target (or a target cell) as the value and its qualifier."""
    return (None, None) if text is None else _qualified(text, "target")


def unit_of(text: str | None, field: str) -> str:
    """The unit written after a value (1000亿元 -> 亿元; a bare magnitude is no unit), or ""."""
    if text is None:
        return ""
    return fold_bare_magnitude(read_quantity(text, field)).unit


def qualifier_fields(q: Qualifier | None) -> dict:
    """The target's fields a qualifier sets: the words, and whether it is approximate."""
    return {} if q is None else {"qualifier": q.words, "approx": q.approx}


def kind_for(q: Qualifier | None, *, form: str | None, each: str | None, deadline, baseline, target) -> str | None:
    """The kind the qualifier's words say, where the user gave none: at least
    is an increase to reach by the deadline, or a floor where there is no
    deadline, the bound holds each period, or the baseline already meets it
    (粮食产量6.5亿吨以上 from 6.69亿吨); at most likewise a decrease or a cap.
    None: the words say nothing of the kind (左右), or the form decides it."""
    if q is None or q.sense is None or form == "change":
        return None
    if form == "growth":
        return "increase" if q.sense == AT_LEAST else "decrease"
    met = (
        baseline is not None
        and target is not None
        and (baseline >= target if q.sense == AT_LEAST else baseline <= target)
    )
    if each or deadline is None or met:
        return "floor" if q.sense == AT_LEAST else "cap"
    return "increase" if q.sense == AT_LEAST else "decrease"


# --- forms (docs/statuses.md, "Target forms") ------------------------------------------------

POINTS = re.compile(r"(?:pp|p\.p\.|个百分点|百分点)$", re.IGNORECASE)
# A change in words, as plans write it: 翻一番 is a doubling (+100%), 翻两番
# a quadrupling (+300%), 减半 a halving (-50%).
_CHANGE_WORDS = {
    "翻一番": 100,
    "翻番": 100,
    "翻了一番": 100,
    "翻两番": 300,
    "翻二番": 300,
    "翻三番": 700,
    "double": 100,
    "doubled": 100,
    "doubling": 100,
    "triple": 200,
    "tripled": 200,
    "tripling": 200,
    "quadruple": 300,
    "quadrupled": 300,
    "减半": -50,
    "下降一半": -50,
    "减少一半": -50,
    "halve": -50,
    "halved": -50,
    "halving": -50,
    "cut by half": -50,
    "cut in half": -50,
}
# 增长1倍 is growth by one times the base: +100% (a level of 2x the base).
_TIMES = re.compile(r"^(?P<sign>[+-]?)(?P<n>\d+(?:\.\d+)?)\s*倍$")


def parse_change(text: str, unit: str | None) -> tuple[str, Decimal, str | None]:
    """(kind of change, amount, unit written) from --change: -13.5% is relative
    (a change in % of the base), +5pp or 提高5个百分点 is in percentage points,
    +1 or +1岁 is absolute (in the target's unit); 翻一番 and double are
    +100%, 翻两番 +300%, +1倍 +100%, 减半 and halve -50%."""
    s = normalize_text(text).strip()
    for word in ("提高", "增加", "上升", "增长"):
        s = s.replace(word, "+") if s.startswith(word) else s
    for word in ("降低", "下降", "减少"):
        s = s.replace(word, "-") if s.startswith(word) else s
    s = s.replace("++", "+").replace("+-", "-")
    words = s.lstrip("+").strip().lower()
    if words in _CHANGE_WORDS:
        return "relative", Decimal(_CHANGE_WORDS[words]), None
    times = _TIMES.match(s)
    if times:
        n = clean(Decimal(times["n"]) * 100)
        return "relative", -n if times["sign"] == "-" else n, None
    if POINTS.search(s):
        number = POINTS.sub("", s).strip()
        q = read_quantity(number, "change")
        if q.unit:
            raise InputError(
                _("{text}: a change in percentage points is a number, e.g. +5pp").format(text=repr(text)),
                field="change",
            )
        return "points", clean(q.number), "%"
    q = read_quantity(s, "change")
    if q.unit == "%":
        # Relative even where the levels are percentages, as 增长5% reads; +5pp is the points.
        return "relative", clean(q.number), None
    if unit is None:
        q = fold_bare_magnitude(q)
        return "absolute", clean(q.number), q.unit or None
    return "absolute", value_in_unit(q, unit), None


def form_fields(
    unit: str | None,
    *,
    change: str | None = None,
    growth: str | None = None,
    cumulative: bool = False,
    each: str | None = None,
    target: str | None = None,
    kind: str | None = None,
) -> dict:
    """The fields --change, --growth, --cumulative and --each set (the change
    or the growth rate is the target), the unit written after a change, and
    the kind a change's sign says when `kind` is not given."""
    given = [
        name
        for name, v in (("--change", change), ("--growth", growth), ("--cumulative", cumulative), ("--each", each))
        if v
    ]
    if len(given) > 1:
        raise InputError(_("{items} do not go together: a target has one form").format(items=" and ".join(given)))
    if (change is not None or growth is not None) and target is not None:
        raise InputError(
            _("{value} is the target: give it or --target, not both").format(
                value="--change" if change is not None else "--growth"
            )
        )
    f: dict = {}
    if change is not None:
        change, f["qualifier"] = _qualified(change, "change")
        how, amount, written = parse_change(change, unit)
        f.update(form="change", change=how, target=amount)
        if kind is None:
            f["kind"] = "increase" if amount > 0 else "decrease"
        if unit is None and written is not None:
            f["unit"] = written
    if growth is not None:
        growth, f["qualifier"] = _qualified(growth, "growth")
        q = read_quantity(growth, "growth")
        if q.unit not in ("", "%"):
            raise InputError(
                _("{growth}: an average growth rate is a percentage a year, e.g. 7%").format(growth=repr(growth)),
                field="growth",
            )
        f.update(form="growth", target=clean(q.number))
    if cumulative:
        f["form"] = "cumulative"
    if each is not None:
        try:
            f["each"] = parse_frequency(each)
        except InputError as e:
            raise InputError(str(e), field="each") from None
    return f
