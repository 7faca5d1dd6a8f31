"""`--fields` (issue 33): the fields a person chose, in the order given, as a
table's columns or the keys of JSON and CSV, on list, show and history; a
field it does not know is one line naming them all."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import assert_one_line_error


def test_list_json_has_the_fields_in_order(sample):
    rows = json.loads(sample.ok("list", "--fields", "status,id", "--fields", "source_publisher", "-f", "json"))
    assert rows and all(list(r) == ["status", "id", "source_publisher"] for r in rows)
    full = {r["id"]: r for r in json.loads(sample.ok("list", "-f", "json"))}
    assert all(r["status"] == full[r["id"]]["status"] for r in rows)
    assert [r["id"] for r in rows] == list(full)  # the order of --sort, as without --fields


def test_list_csv_and_table(sample):
    got = list(csv.reader(io.StringIO(sample.ok("list", "--fields", "id,current,tags", "-f", "csv"))))
    assert got[0] == ["id", "current", "tags"] and len(got) == 12
    assert ["sh-robot-brands", "", "shanghai;robotics;十百千"] in got
    table = sample.ok("list", "--fields", "id,target,deadline", "--status", "achieved")
    assert table.split("\n")[0].split() == ["ID", "TARGET", "DEADLINE"]
    assert "sanofi-innovative-drugs  25种" in table  # a value with its unit, as a person reads it


def test_list_fields_keep_the_filters_and_the_limit(sample):
    rows = json.loads(sample.ok("list", "--fields", "id", "--status", "pending", "-n", "2", "-f", "json"))
    assert len(rows) == 2 and all(list(r) == ["id"] for r in rows)


def test_show_and_history(sample):
    one = json.loads(sample.ok("show", "sh-robot-brands", "--fields", "id,status,observations", "-f", "json"))
    assert list(one) == ["id", "status", "observations"] and one["observations"] == []
    text = sample.ok("show", "sh-robot-brands", "--fields", "target,deadline")
    assert text.split("\n")[:2] == ["target    10家", "deadline  2025"]
    sample.ok("update", "sh-robot-brands", "6", "--date", "2024", "--source", "市经信委")
    values = json.loads(sample.ok("history", "sh-robot-brands", "--fields", "value,source", "-f", "json"))
    assert values == [{"value": 6, "source": "市经信委"}]
    assert sample.ok("history", "sh-robot-brands", "--fields", "date_as_given,value").split("\n")[1].split() == [
        "2024",
        "6",
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--fields", "id,nope"],
        ["list", "--fields", ","],
        ["show", "sh-robot-brands", "--fields", "titel"],
        ["history", "sh-robot-brands", "--fields", "status"],
    ],
)
def test_a_field_it_does_not_know_is_one_line_naming_them_all(sample, args):
    r = sample(*args)
    assert_one_line_error(r, 2, "--fields")
    assert ("the fields are id, " in r.err) and ("value" in r.err)


def test_export_json_and_csv_keep_the_fields_given(sample):
    sample.ok("update", "sh-robot-brands", "6", "--date", "2024")
    doc = json.loads(sample.ok("export", "--fields", "id,target,source_publisher,observations"))
    assert doc["format"] == "targettrack-export" and len(doc["targets"]) == 11
    brands = next(t for t in doc["targets"] if t["id"] == "sh-robot-brands")
    assert list(brands) == ["id", "target", "source_publisher", "observations"] and brands["target"] == 10
    assert [o["value"] for o in brands["observations"]] == [6]
    text = sample.ok("export", "--fields", "deadline,id", "-f", "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["deadline", "id"] and ["2025", "sh-robot-brands"] in rows and [] not in rows  # no second table
    both = sample.ok("export", "--fields", "id,observations", "-f", "csv")
    assert "\n\nid,date,value" in both  # the observations table, as export writes it


def test_export_fields_it_cannot_cut_say_so(sample):
    assert_one_line_error(sample("export", "--fields", "id", "-f", "ics"), 2, "--fields")
    assert_one_line_error(sample("export", "--fields", "nope"), 2, "--fields", "observations")
