"""Fiscal years end where the country's do (extract/fiscal.py, issue 34)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from targettrack.extract import extract
from targettrack.extract.fiscal import CALENDARS, calendar_of

# (a sentence naming the country, the month its fiscal year ends, "fiscal Y" ends in Y + this)
NAMED = {
    "Japan": ("The Japanese government", 3, 1),
    "India": ("India's government", 3, 0),
    "the United Kingdom": ("The UK government", 3, 1),
    "Canada": ("Canada's government", 3, 0),
    "Australia": ("The Australian government", 6, 0),
    "New Zealand": ("New Zealand's government", 6, 0),
    "the United States": ("The United States government", 9, 0),
}


def _deadline(text: str):
    [c] = [c for c in extract(text, "t.txt") if not c.observation]
    return c


@pytest.mark.parametrize("country", [c.country for c in CALENDARS])
@given(year=st.integers(2000, 2090))
@settings(max_examples=20, deadline=None)
def test_a_fiscal_year_ends_where_the_named_countrys_does(country, year):
    who, month, later = NAMED[country]
    c = _deadline(f"{who} will cut emissions by 40% from 2013 levels by fiscal {year}.\n")
    assert c.deadline.label == f"{year + later}-{month:02d}", (country, c.why_deadline)
    assert country in c.why_deadline and not any("fiscal year" in r for r in c.review)


@given(year=st.integers(2000, 2089))
@settings(max_examples=30, deadline=None)
def test_a_split_year_ends_in_its_second_year(year):
    text = f"In England, consumption must fall to 122 litres per person per day by {year}-{(year + 1) % 100:02d}.\n"
    assert _deadline(text).deadline.label == f"{year + 1}-03"


def test_no_country_keeps_the_calendar_year_and_says_so():
    c = _deadline("The agency will cut costs by 10% from 2020 by fiscal 2030.\n")
    assert c.deadline.label == "2030"
    assert any("whose country the document does not say" in r for r in c.review)


def test_the_country_named_most_decides_and_a_tie_decides_nothing():
    assert calendar_of("Tokyo said the yen fell; METI agreed.").country == "Japan"
    assert calendar_of("Japan and India met.") is None
    assert calendar_of("No country here.") is None
    assert calendar_of("Ministry of Economy, Trade and Industry").country == "Japan"
