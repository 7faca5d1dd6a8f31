"""Hypothesis strategies for valid targets of every kind, with hostile text.

Text fields get any Unicode hypothesis draws (whitespace at either end,
separators, quotes, newlines, formula-looking starts such as = + - @ and a
typed apostrophe), because export and import must give them back unchanged.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import strategies as st

from targettrack.model.dates import day, parse_period
from targettrack.model.kinds import KIND, KINDS
from targettrack.model.target import DONE, NOT_DONE, Observation, Source, Target
from targettrack.util.frozen import replace

TODAY = date(2026, 11, 26)

_tricky = st.sampled_from(
    [
        "=1+1",
        "+3",
        "-2",
        "@SUM(A1)",
        "'@SUM(A1)",
        "''x",
        " padded ",
        "a;b",
        "a,b",
        "\t",
        "\r\n",
        '"quoted"',
        "line\nbreak",
        "\n\nblank\n\nlines",
        "\u2028",
        "\x0c",
        "'",
        "=",
        "🙂",
        "十四五",
    ]
)
text = st.one_of(st.text(min_size=1, max_size=30), _tricky, st.builds(lambda a, b: a + b, _tricky, st.text(max_size=8)))
maybe_text = st.one_of(st.none(), text)
title = text.filter(lambda s: s.strip())
tag = st.text(
    st.characters(blacklist_categories=("Cs", "Z", "Cc"), blacklist_characters=",;"), min_size=1, max_size=12
).filter(lambda s: s.isprintable() and not any(c.isspace() for c in s))
units = st.sampled_from(["", "家", "个", "亿元", "万元", "km", "%", "公里", "t", "items"])
amount = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=3, allow_nan=False, allow_infinity=False
).map(lambda d: d.normalize() + 0)
past_day = st.dates(min_value=date(2000, 1, 1), max_value=TODAY)


@st.composite
def periods(draw, max_day=TODAY):
    d = draw(st.dates(min_value=date(2000, 1, 1), max_value=max_day))
    form = draw(st.sampled_from(["day", "month", "year", "quarter"]))
    label = {
        "day": d.isoformat(),
        "month": f"{d.year}-{d.month:02d}",
        "year": str(d.year),
        "quarter": f"{d.year}Q{(d.month - 1) // 3 + 1}",
    }[form]
    p = parse_period(label)
    return p if p.last <= max_day else day(d)


@st.composite
def observations(draw, boolean: bool):
    value = draw(st.sampled_from([DONE, NOT_DONE])) if boolean else draw(amount)
    recorded = draw(
        st.datetimes(
            min_value=__import__("datetime").datetime(2000, 1, 1),
            max_value=__import__("datetime").datetime(2026, 11, 25),
        )
    )
    return Observation(
        draw(periods()), value, recorded.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), draw(maybe_text), draw(maybe_text)
    )


@st.composite
def targets(draw, kind=None):
    kind = kind or draw(st.sampled_from(KINDS))
    spec = KIND[kind]
    target = None if spec.boolean else draw(amount)
    baseline = None
    if spec.shape == "path":
        baseline = draw(st.one_of(st.none(), amount))
        if baseline is not None and spec.reached(baseline, target) and baseline != target:
            baseline, target = target, baseline  # keep the target on the far side of the baseline
    deadline_year = draw(st.integers(2001, 2040))
    deadline = parse_period(str(deadline_year)) if spec.needs_deadline or draw(st.booleans()) else None
    baseline_date = None
    if baseline is not None and draw(st.booleans()):
        baseline_date = parse_period(str(draw(st.integers(2000, deadline_year if deadline else 2040))))
    source = Source(
        **{k: draw(maybe_text) for k in ("document", "publisher", "url", "quote", "note")},
        date=draw(st.one_of(st.none(), st.sampled_from(["2024", "2024-06", "2024-06-30"]))),
    )
    t = Target(
        id=draw(st.from_regex(r"[a-z0-9][a-z0-9._-]{0,20}", fullmatch=True)),
        title=draw(title),
        kind=kind,
        unit="" if spec.boolean else draw(units),
        target=target,
        deadline=deadline,
        start=None,
        baseline=baseline,
        baseline_date=baseline_date,
        title_en=draw(maybe_text),
        tags=tuple(draw(st.lists(tag, max_size=3, unique=True))),
        owner=draw(maybe_text),
        source=source,
        observations=tuple(draw(st.lists(observations(spec.boolean), max_size=4))),
        created_at="2026-01-02T03:04:05Z",
        method=draw(st.sampled_from([None, "linear", "cagr", "projection"])),
        plan=draw(st.one_of(st.none(), title.filter(lambda s: s.isprintable() and len(s) <= 100))),
    )
    return draw(_qualified(draw(_with_form(t))))


@st.composite
def _qualified(draw, t: Target) -> Target:
    """`t` with the plan's words around its target (schema 4) where they fit its kind and form,
    and, for a level or a change on a path, sometimes for the deadline period's value only."""
    if t.spec.boolean:
        return t
    fits = ["左右", "约", "about"]
    if t.form == "change" or t.kind in ("increase", "floor"):
        fits += ["以上", "不低于", "at least", "力争…以上"]
    if t.form != "change" and t.kind in ("decrease", "cap"):
        fits += ["以内", "控制在…以内", "at most", "≤"]
    words = draw(st.sampled_from([None] + fits))
    at_deadline = t.spec.shape == "path" and t.form in (None, "change") and not t.each and draw(st.booleans())
    approx = words is not None and words in ("左右", "约", "about", "力争…以上")
    return replace(t, qualifier=words, approx=approx, at_deadline=at_deadline)


@st.composite
def _with_form(draw, t: Target) -> Target:
    """`t` in one of the forms of schema 3 (or left a level), with its binding, frequency and lag."""
    spec = t.spec
    extra = dict(
        binding=draw(st.sampled_from([None, True, False])),
        frequency=draw(st.sampled_from([None, "year", "quarter", "month", "day"])),
        lag=draw(st.one_of(st.none(), st.integers(0, 3660))),
    )
    form = draw(st.sampled_from([None, "change", "growth", "cumulative", "each"]))
    base_year = draw(st.integers(2000, t.deadline.last.year if t.deadline else 2040))
    if form == "each" and (spec.shape == "bound" or (spec.shape == "path" and spec.direction > 0)):
        each = draw(st.sampled_from(["year", "quarter", "month"]))
        return replace(t, each=each, **{**extra, "frequency": draw(st.sampled_from([None, each]))})
    if spec.shape != "path" or form in (None, "each"):
        return replace(t, **extra)
    if form == "cumulative":
        if spec.direction < 0:
            return replace(t, **extra)
        return replace(
            t, form="cumulative", start=parse_period(str(base_year)), baseline_date=None, baseline=None, **extra
        )
    yoy = tuple(
        o._replace(measure=draw(st.sampled_from([None, "yoy"])), value=o.value if o.value > -100 else Decimal(-99))
        for o in t.observations
    )
    if form == "growth":
        rate = draw(st.decimals(min_value=Decimal("-99"), max_value=Decimal("50"), places=2)).normalize() + 0
        return replace(
            t, form="growth", target=rate, baseline_date=parse_period(str(base_year)), observations=yoy, **extra
        )
    change = draw(st.sampled_from(["relative", "absolute", "points"]))
    size = abs(t.target) or Decimal(1)
    return replace(
        t,
        form="change",
        change=change,
        target=size * spec.direction,
        unit="%" if change == "points" else t.unit,
        baseline_date=parse_period(str(base_year)),
        observations=yoy,
        **extra,
    )
