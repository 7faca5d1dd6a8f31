"""Values, units and Chinese magnitudes: hand cases and properties."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from targettrack.model.quantity import (
    Quantity,
    format_number,
    format_quantity,
    from_json_number,
    json_number,
    parse_chinese_numeral,
    parse_quantity,
    to_chinese_numeral,
    unit_info,
    value_in_unit,
)
from targettrack.util.errors import InputError


@pytest.mark.parametrize(
    "text, number, unit",
    [
        ("1000", "1000", ""),
        ("1,000", "1000", ""),
        ("1.5e3", "1500", ""),
        ("45%", "45", "%"),
        ("100万", "100", "万"),
        ("100万元", "100", "万元"),
        ("1000亿元", "1000", "亿元"),
        ("1.2万亿元", "1.2", "万亿元"),
        ("一千亿", "100000000000", ""),
        ("两千五百万", "25000000", ""),
        ("１，０００", "1000", ""),  # full-width digits and comma
        ("1000 km", "1000", "km"),
        ("360台/万人", "360", "台/万人"),
        ("2万台", "2", "万台"),
        ("一点五万", "15000", ""),
        (".5", "0.5", ""),
        ("=-5", "-5", ""),
    ],
)
def test_reads_values_as_written(text, number, unit):
    q = parse_quantity(text)
    assert q.number == D(number) and q.unit == unit


def test_a_sign_is_part_of_the_value():
    # Statistics publish growth as +5.2% and a fall as -0.5% (issue 11); an increment is update --by.
    assert parse_quantity("+3") == Quantity(D(3), "")
    assert parse_quantity("-3") == Quantity(D(-3), "")
    assert parse_quantity("+5.2%") == Quantity(D("5.2"), "%")
    assert parse_quantity("-0.5%") == Quantity(D("-0.5"), "%")
    assert parse_quantity("=-5") == Quantity(D(-5), "")


@pytest.mark.parametrize("bad", ["", "  ", "abc", "1,00", "1..2", "nan", "inf", "1e999", "--3", "百", "１２a\x1b[31m"])
def test_refuses_what_is_not_a_value(bad):
    with pytest.raises(InputError):
        parse_quantity(bad)


@pytest.mark.parametrize(
    "value, target_unit, expected",
    [
        ("8500000万元", "亿元", "850"),
        ("850亿元", "万元", "8500000"),
        ("1.2万亿元", "亿元", "12000"),
        ("100万", "亿元", "0.01"),  # a bare magnitude attaches to the target's base (元)
        ("100万", "万元", "100"),
        ("100万", "家", "1000000"),
        ("1000", "亿元", "1000"),  # a bare number is already in the target's unit
        ("1000公里", "km", "1000"),
        ("1000千米", "公里", "1000"),
        ("1500 m", "km", "1.5"),
        ("2万台", "台", "20000"),
        ("45%", "%", "45"),
        ("13657亿斤", "亿吨", "6.8285"),  # grain: the 2021 communiqué's 13657亿斤 is 68285万吨
        ("69541万吨", "亿吨", "6.9541"),
    ],
)
def test_converts_into_the_targets_unit(value, target_unit, expected):
    got = value_in_unit(parse_quantity(value), target_unit)
    assert got == D(expected) and str(got) == expected  # exact, no float noise


@pytest.mark.parametrize("value, target_unit", [("5km", "亿元"), ("3家", "个"), ("45%", "亿元"), ("10元", "")])
def test_refuses_incompatible_units(value, target_unit):
    # a target with no unit says to give one (issue 29): "no unit to convert 元 into"
    with pytest.raises(InputError, match="cannot be converted|no unit to convert"):
        value_in_unit(parse_quantity(value), target_unit)


def test_unit_info_knows_magnitudes_and_synonyms():
    assert unit_info("万元").dimension == "CNY" and unit_info("万元").scale == 10**4
    assert unit_info("公里").scale == unit_info("km").scale == unit_info("千米").scale == unit_info("KM").scale
    assert unit_info("家").dimension != unit_info("个").dimension
    assert unit_info("万").dimension == "" and unit_info("万").magnitude == 10**4


def test_display_is_exact_and_readable():
    assert format_number(D("850.00")) == "850"
    assert format_number(D("1E+3")) == "1000"
    assert format_number(D("0.1") + D("0.2")) == "0.3"
    assert format_quantity(D(850), "亿元") == "850亿元"
    assert format_quantity(D(1000), "km") == "1000 km"
    assert format_quantity(D(45), "%") == "45%"


@pytest.mark.parametrize(
    "n, text",
    [
        (10, "十"),
        (15, "十五"),
        (105, "一百零五"),
        (100000000000, "一千亿"),
        (25000000, "两千五百万"),
        (120000000, "一亿二千万"),
        (1000000000000, "一万亿"),
    ],
)
def test_chinese_numerals(n, text):
    assert parse_chinese_numeral(text) == n


# --- properties ------------------------------------------------------------

decimals = st.decimals(min_value=D("-1e15"), max_value=D("1e15"), allow_nan=False, allow_infinity=False, places=6)


@given(st.integers(min_value=0, max_value=10**15))
def test_chinese_numerals_round_trip(n):
    assert parse_chinese_numeral(to_chinese_numeral(n)) == n


@given(decimals)
def test_formatted_numbers_read_back_exactly(x):
    assert parse_quantity("=" + format_number(x)).number == x


@given(
    st.integers(min_value=0, max_value=10**12),
    st.sampled_from(["", "万", "亿", "万亿"]),
    st.sampled_from(["元", "家", "km", "辆", ""]),
)
def test_magnitude_and_unit_compose(n, mag, base):
    q = parse_quantity(f"{n}{mag}{base}")
    assert q.number == n
    target = base or "个"
    factor = {"": 1, "万": 10**4, "亿": 10**8, "万亿": 10**12}[mag]
    if base:
        assert value_in_unit(q, target) == n * factor
    elif mag:
        assert value_in_unit(q, target) == n * factor


@given(st.integers(min_value=0, max_value=10**9))
def test_grouped_thousands_read_like_plain(n):
    assert parse_quantity(f"{n:,}").number == parse_quantity(str(n)).number == n


@given(decimals, st.sampled_from(["亿元", "万元", "元"]), st.sampled_from(["亿元", "万元", "元"]))
def test_conversion_is_exact_and_reversible(x, a, b):
    there = value_in_unit(Quantity(x, a), b)
    assert value_in_unit(Quantity(there, b), a) == x


@given(decimals)
def test_json_numbers_round_trip_exactly(x):
    assert from_json_number(json_number(x)) == x


@given(st.text(max_size=30))
def test_parser_never_crashes_on_arbitrary_text(s):
    # Anything other than a value or an InputError (a crash) fails the test.
    try:
        q = parse_quantity(s)
    except InputError as e:
        assert str(e)
        return
    assert q.number.is_finite() and "\n" not in q.unit
