"""Deadlines and periods: hand cases and properties. Nothing reads the clock."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from targettrack.model.dates import five_year_plan, parse_period
from targettrack.util.errors import InputError

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    "text, label, last",
    [
        ("2025", "2025", "2025-12-31"),
        ("2025年底", "2025", "2025-12-31"),
        ("2025年末", "2025", "2025-12-31"),
        ("2025-06", "2025-06", "2025-06-30"),
        ("2025年6月", "2025-06", "2025-06-30"),
        ("2025年上半年", "2025-H1", "2025-06-30"),
        ("2025年下半年", "2025-H2", "2025-12-31"),
        ("2025年第三季度", "2025-Q3", "2025-09-30"),
        ("2025年三季度", "2025-Q3", "2025-09-30"),
        ("2025Q3", "2025-Q3", "2025-09-30"),
        ("Q3 2025", "2025-Q3", "2025-09-30"),
        ("2025-q4", "2025-Q4", "2025-12-31"),
        ("十四五末", "2025", "2025-12-31"),
        ("十五五末", "2030", "2030-12-31"),
        ("十四五", "2021-2025", "2025-12-31"),
        ("2023—2025年", "2023-2025", "2025-12-31"),
        ("2025-12-31", "2025-12-31", "2025-12-31"),
        ("2025年12月31日", "2025-12-31", "2025-12-31"),
        ("2024-02", "2024-02", "2024-02-29"),
        ("２０２５年底", "2025", "2025-12-31"),
        ("end of 2025", "2025", "2025-12-31"),
    ],
)
def test_partial_dates_mean_the_end_of_their_period(text, label, last):
    p = parse_period(text)  # no today given: these forms must not need it
    assert p.label == label
    assert p.last.isoformat() == last


def test_start_of_a_period_is_its_first_day():
    assert parse_period("2023").first == date(2023, 1, 1)
    assert parse_period("2025Q3").first == date(2025, 7, 1)
    assert parse_period("十四五").first == date(2021, 1, 1)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("today", "2026-11-26"),
        ("+30d", "2026-12-26"),
        ("+6m", "2027-05-26"),
        ("+2y", "2028-11-26"),
        ("-1w", "2026-11-19"),
        ("+3m", "2027-02-26"),
    ],
)
def test_relative_dates_count_from_the_given_today(text, expected):
    assert parse_period(text, TODAY).last.isoformat() == expected


def test_relative_month_clamps_to_month_end():
    assert parse_period("+6m", date(2026, 8, 31)).last == date(2027, 2, 28)


def test_relative_forms_need_a_today():
    with pytest.raises(InputError, match="relative to today"):
        parse_period("+6m")


@pytest.mark.parametrize(
    "bad",
    ["", "abc", "2025-02-30", "2025-13", "Q5 2025", "2025年13月", "+6x", "25", "2026-2024", "十四五年", "12/11/2025"],
)
def test_refuses_what_is_not_a_date(bad):
    with pytest.raises(InputError):
        parse_period(bad, TODAY)


def test_five_year_plans():
    assert five_year_plan(14) == (2021, 2025)
    assert five_year_plan(13) == (2016, 2020)
    assert five_year_plan(15) == (2026, 2030)
    assert five_year_plan(1) == (1953, 1957)


# --- properties ------------------------------------------------------------

days = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@given(days)
def test_iso_dates_round_trip(d):
    p = parse_period(d.isoformat())
    assert p.first == p.last == d and p.precision == "day"


@given(
    days,
    st.sampled_from(
        [
            "{y}",
            "{y}年底",
            "{y}-{m:02d}",
            "{y}年{m}月",
            "{y}Q{q}",
            "Q{q} {y}",
            "{y}年第{q}季度",
            "{y}年{half}半年",
            "{y}-H{h}",
        ]
    ),
)
def test_labels_parse_back_to_the_same_period_and_contain_no_today(d, form):
    text = form.format(
        y=d.year, m=d.month, q=(d.month - 1) // 3 + 1, h=1 if d.month <= 6 else 2, half="上" if d.month <= 6 else "下"
    )
    p = parse_period(text)
    assert parse_period(p.label) == p
    # Whatever today is, an absolute form means the same period.
    assert parse_period(text, date(2000, 1, 1)) == parse_period(text, date(2100, 6, 15)) == p
    assert p.first <= d <= p.last
    assert (p.last + timedelta(days=1)).day == 1  # ends on the last day of a month


@given(st.text(max_size=20))
def test_parser_never_crashes_on_arbitrary_text(s):
    try:
        p = parse_period(s, TODAY)
    except InputError as e:
        assert str(e)
        return
    assert p.first <= p.last


@given(
    st.integers(0, 99999),
    st.sampled_from(["", "d", "w", "m", "y"]),
    st.sampled_from(["", " "]),
    st.dates(min_value=date(1900, 1, 1), max_value=date(9999, 12, 31)),
)
def test_a_span_counts_days_and_weeks_as_the_calendar_does(n, unit, space, as_of):
    """clock.span_days counts days and weeks itself (the fast lane imports no
    dateutil) and must agree with the calendar's +90d and +12w."""
    from targettrack.model.clock import span_days

    try:
        later = parse_period(f"+{n}{unit or 'd'}", as_of).last
    except InputError:  # past the end of the calendar
        later = date.max
    assert span_days(f"{space}{n}{space}{unit}", as_of) == (later - as_of).days


@given(st.text(max_size=12))
def test_a_span_is_a_count_of_days_or_a_one_line_error(text):
    from targettrack.model.clock import span_days

    try:
        days = span_days(text, date(2026, 11, 26))
    except InputError as e:
        assert str(e).startswith("--within: ") and "\n" not in str(e)
    else:
        assert days >= 0
