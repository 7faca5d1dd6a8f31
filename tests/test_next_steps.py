"""What to do next (issue 33, item 12): ids as typed in capitals, digits
typed as letters, a span in words, and one line of advice on a terminal
after init and after a list that shows nothing."""

from __future__ import annotations

import io
import sys

import pytest
from conftest import TT, assert_one_line_error
from hypothesis import given
from hypothesis import strategies as st

from targettrack.model.quantity import parse_quantity
from targettrack.util import terminal
from targettrack.util.errors import InputError


def test_an_id_in_capitals_is_the_lower_case_id(sample):
    assert "sh-robot-brands" in sample.ok("show", "SH-ROBOT-BRANDS").splitlines()[0]
    assert "sh-robot-brands: 3家" in sample.ok("update", "SH-Robot-Brands", "3", "--date", "2024-06")
    assert "sh-robot-scenarios" in sample.ok("show", "SH-ROBOT-SC").splitlines()[0]  # a prefix too


def test_a_letter_o_for_a_zero_is_refused_with_the_number_meant(sample):
    r = sample("update", "sh-robot-brands", "1O0", "--date", "2024-06")
    assert_one_line_error(r, 2, "'1O0'", "did you mean 100?")
    with pytest.raises(InputError, match="did you mean -512"):
        parse_quantity("-5l2")
    assert parse_quantity("12 l").unit == "l" and parse_quantity("3 Ohm").unit == "Ohm"  # units stay units


@given(st.integers(1, 10**6), st.sampled_from(["", " "]), st.sampled_from(["万元", "km", "l", "%", "家", "Ohm"]))
def test_real_units_are_never_taken_for_digits(n, space, unit):
    assert parse_quantity(f"{n}{space}{unit}").unit == unit


def test_a_span_in_words_is_answered_with_how_to_write_it(sample):
    r = sample("report", "--within", "3 months")
    assert_one_line_error(r, 2, "--within", "3m")


def test_the_advice_is_for_a_terminal_only(monkeypatch):
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    err.isatty = lambda: False
    terminal.nothing_listed(False)
    assert err.getvalue() == ""
    err.isatty = lambda: True
    terminal.nothing_listed(True)
    terminal.nothing_listed(False)
    said = err.getvalue().splitlines()
    assert said[0].startswith("targettrack: next: no target matches") and "targettrack add ID" in said[1]


def test_an_empty_table_draws_no_box(tmp_path):
    t = TT(tmp_path / "s.json")
    t.ok("init")
    assert t.ok("list", "--format", "table") == ""
    assert t.ok("list", "--format", "text").strip() != ""  # a script still gets the heading it parses
