"""`list` judged as the store is read (issue 14, memory): each target is
decoded from its line, judged, made into what the format shows of it and
let go, so a list holds its output, not every target. The same bytes as
judging them all at once, in every format and order."""

from __future__ import annotations

import json

import pytest
from conftest import assert_one_line_error
from strategies import TODAY

from targettrack import render
from targettrack.judge.assess import assess
from targettrack.judge.selection import Filter, select, select_each, sort_rows
from targettrack.store.readwrite import Store


@pytest.mark.parametrize("fmt", ["json", "csv", "text", "table"])
@pytest.mark.parametrize("by", ["deadline", "status", "id", "progress", "urgency"])
def test_pieces_in_order_are_what_rendering_sorted_rows_writes(sample, fmt, by):
    import io

    with Store(sample.db) as store:
        targets = store.targets()
        settings = store.settings()
    rows = sort_rows(select(targets, Filter(), TODAY, settings=settings), by)
    whole = io.StringIO()
    render.list_renderer(fmt)(rows, whole)
    piece, render_pieces = render.list_pieces(fmt)
    streamed = io.StringIO()
    render_pieces(
        select_each(iter(targets), Filter(), TODAY, settings=settings, method=None, by=by, piece=piece), streamed
    )
    assert streamed.getvalue() == whole.getvalue()


def test_each_target_is_made_into_its_piece_before_the_next_is_read(sample):
    with Store(sample.db) as store:
        targets = store.targets()
    read = []

    def one_at_a_time():
        for t in targets:
            read.append(t.id)
            yield t

    made = []
    select_each(
        one_at_a_time(),
        Filter(),
        TODAY,
        settings=None,
        method=None,
        by="deadline",
        piece=lambda t, a: made.append((t.id, len(read))) or t.id,
    )
    # a reader that took every target first would have read all of them before the first piece
    assert made == [(t.id, i) for i, t in enumerate(targets, 1)]


def test_a_status_filter_keeps_what_select_keeps(sample):
    with Store(sample.db) as store:
        targets = store.targets()
    flt = Filter(statuses=frozenset({"pending", "on-track"}))
    expected = [t.id for t, _ in sort_rows(select(targets, flt, TODAY), "id")]
    assert (
        select_each(iter(targets), flt, TODAY, settings=None, method=None, by="id", piece=lambda t, a: t.id) == expected
    )
    assert all(assess(t, TODAY).status in flt.statuses for t in targets if t.id in expected)


def test_each_target_reads_a_store_from_other_hands_line_by_line_and_says_what_is_wrong(sample):
    expected = sample.ok("list", "--format", "json")
    raw = sample.db.read_bytes()
    sample.db.write_bytes(raw.replace(b'"title": ', b'"title":  '))  # the same targets, from an editor
    assert sample.ok("list", "--format", "json") == expected
    assert sample.ok("--no-cache", "list", "--format", "json") == expected
    # A line broken in the middle of the file: the whole decoder's error, and nothing on stdout.
    lines = raw.split(b"\n")
    lines[8] = lines[8][:-10]
    sample.db.write_bytes(b"\n".join(lines))
    r = sample("list", "--format", "json")
    assert_one_line_error(r, 3, "corrupt store (invalid JSON at line 9")
    assert r.out == ""
    # The same id in two targets: the store's error, as for any other command.
    sample.db.write_bytes(raw.replace(b'"id": "sh-robot-scenarios"', b'"id": "sh-robot-brands"'))
    assert_one_line_error(sample("list", "--format", "csv"), 3, "id 'sh-robot-brands' appears twice")


def test_a_store_not_in_the_layout_is_read_whole_with_the_same_output(sample, tmp_path):
    expected = json.loads(sample.ok("list", "--format", "json"))
    data = json.loads(sample.db.read_bytes())
    sample.db.write_text(json.dumps(data, indent=4), encoding="utf-8")  # valid, but not one target a line
    assert json.loads(sample.ok("list", "--format", "json")) == expected
