"""How sure each proposal's reading is (extract/confidence.py), --min-confidence,
and the review table's order: the least sure first (issue 34)."""

from __future__ import annotations

import json

from conftest import TT, assert_one_line_error
from hypothesis import given, settings
from hypothesis import strategies as st

from targettrack.extract import extract
from targettrack.extract.confidence import DOUBTS, at_least, confidence, doubtful_first

TEXT = (
    "By 2030, 40 hydrogen stations will be built.\n\n"
    "We will build 500 charging stations.\n\n"
    "到2025年，新能源汽车销量达到100万辆以上。\n"
)


def test_a_reading_nothing_casts_doubt_on_is_sure_and_each_doubt_lowers_it():
    sure, plain, undated = sorted(extract(TEXT, "t.txt"), key=lambda c: -confidence(c)[0])
    assert confidence(sure) == (1.0, [])
    assert confidence(plain) == (0.56, ["its kind is from no direction word"])
    value, why = confidence(undated)
    assert value < 0.1 and "no deadline found" in why


@given(st.text(alphabet="到2030年，达到以上万亿元 by 2025 at least 40% of cut to.\n", max_size=80))
@settings(max_examples=150, deadline=None)
def test_confidence_is_a_share_and_its_doubts_are_named(text):
    for c in extract(text, "t.txt"):
        value, why = confidence(c)
        assert 0 <= value <= 1
        assert (value == 1) == (not why)
        assert set(why) <= {d.why for d in DOUBTS}


def test_at_least_keeps_the_sure_and_their_observations():
    text = (
        "2020年新能源汽车销量为50万辆。到2025年，新能源汽车销量达到100万辆。\n\nWe will build 500 charging stations.\n"
    )
    cands = extract(text, "t.txt")
    kept, unsure = at_least(cands, 0.5)
    assert [c.id for c in unsure] == ["charging-stations"]
    assert any(c.observation for c in kept) and all(
        not c.observation or c.for_target != "charging-stations" for c in kept
    )
    assert at_least(cands, 0) == (cands, [])
    assert [confidence(c)[0] for c in doubtful_first(cands)] == sorted(confidence(c)[0] for c in cands)


def test_min_confidence_on_the_command_line(tt: TT):
    r = tt("extract", "-", "--format", "json", "--min-confidence", "0.6", input=TEXT)
    docs = json.loads(r.out)["targets"]
    assert r.code == 0 and [d["target"] for d in docs] == [100]
    assert "confidence 1.00" in docs[0]["source"]["note"]
    assert "less sure than 0.6 left out: hydrogen-stations" in r.err
    every = json.loads(tt.ok("extract", "-", "--format", "json", input=TEXT))["targets"]
    assert "confidence 0.56 (its kind is from no direction word)" in every[0]["source"]["note"]
    for bad in ("1.5", "-0.1"):
        assert_one_line_error(tt("extract", "-", "--min-confidence", bad, input=TEXT), 2, "--min-confidence")


def test_the_review_table_puts_the_least_sure_first(tt: TT):
    out = tt.ok("extract", "-", "--format", "table", input=TEXT)
    rows = [line.split()[0] for line in out.splitlines()[1:]]
    assert rows == ["charging-stations", "hydrogen-stations", "xin-neng-yuan-qi-che-xiao-liang"]
    assert "SURE" in out.splitlines()[0] and "0.56" in out
