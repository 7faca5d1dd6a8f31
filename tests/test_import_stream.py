"""Import read as it arrives (issue 14, item 6): a JSON export is decoded a
target at a time (jsonstream), planned and encoded to its line, so import's
memory follows the store, not five times it. Same rules, same errors, same
bytes as reading the file whole."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TT, assert_one_line_error
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import TODAY, targets

from targettrack.exchange import exporting, importing, importplan, jsonstream, readrows
from targettrack.store.fileformat import Delta

NOW = "2026-11-26T00:00:00.000000Z"
checks = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.characters(codec="utf-8"), max_size=8),
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=6), kids, max_size=4),
    max_leaves=12,
)
documents = st.one_of(
    st.lists(json_values, max_size=5),
    st.dictionaries(st.sampled_from(["format", "settings", "version", "x"]), json_values, max_size=3).flatmap(
        lambda head: st.lists(json_values, max_size=5).map(lambda ts: {**head, "targets": ts})
    ),
    json_values,
)


def _cut(text: str, sizes: list[int]):
    at, i = 0, 0
    while at < len(text):
        n = sizes[i % len(sizes)]
        yield text[at : at + n]
        at, i = at + n, i + 1


def _streamed(text: str, sizes: list[int]):
    doc = jsonstream.Export(_cut(text, sizes))
    return list(doc.targets()), doc.header, doc.found


def _expected(value):
    """What Export gives for a document json.loads decodes to `value`."""
    if isinstance(value, list):
        return value, None, True
    if isinstance(value, dict):
        head = {k: v for k, v in value.items() if k != "targets" or not isinstance(v, list)}
        found = isinstance(value.get("targets"), list)
        return (value["targets"] if found else []), head, found
    return [], value, False


@pytest.fixture(autouse=True)
def small_window(monkeypatch):
    monkeypatch.setattr(jsonstream, "KEEP", 16)  # text read is dropped often: positions must survive it


@checks
@given(documents, st.integers(0, 2), st.lists(st.integers(1, 40), min_size=1, max_size=5))
def test_a_document_read_in_pieces_is_what_json_loads_reads(value, indent, sizes):
    text = json.dumps(value, ensure_ascii=False, indent=indent or None)
    assert _streamed(text, sizes) == _expected(json.loads(text))


@checks
@given(documents, st.data(), st.lists(st.integers(1, 40), min_size=1, max_size=5))
def test_a_damaged_document_fails_where_and_as_json_loads_fails(value, data, sizes):
    text = json.dumps(value, ensure_ascii=False, indent=1)
    at = data.draw(st.integers(0, len(text)))
    how = data.draw(st.sampled_from(["drop", "insert", "cut"]))
    if how == "drop":
        text = text[:at] + text[at + 1 :]
    elif how == "insert":
        text = text[:at] + data.draw(st.sampled_from(list('{}[],:"\\ \n1aé'))) + text[at:]
    else:
        text = text[:at]
    try:
        expected = _expected(json.loads(text))
    except json.JSONDecodeError as e:
        with pytest.raises(jsonstream.JSONError) as got:
            _streamed(text, sizes)
        assert (got.value.msg, got.value.lineno, got.value.colno) == (e.msg, e.lineno, e.colno)
        return
    try:
        assert _streamed(text, sizes) == expected
    except jsonstream.Unstreamable:  # "targets" given twice: read whole by the caller
        assert text.count('"targets"') > 1


def test_targets_given_twice_is_left_to_the_whole_reader():
    with pytest.raises(jsonstream.Unstreamable):
        _streamed('{"targets": [1], "targets": [2]}', [5])


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.integers(1, 50).map(str),
        st.tuples(st.none() | st.text(max_size=20).map(str.encode), st.none() | st.text(max_size=20).map(str.encode)),
        max_size=5,
    ),
    st.none() | st.tuples(st.text(max_size=20).map(str.encode), st.text(max_size=20).map(str.encode)),
)
def test_the_floor_of_a_change_records_size_is_never_above_it(docs, meta):
    delta = Delta(meta, docs)
    assert delta.least_record_size() <= len(delta.to_json(1).encode("utf-8"))


# --- planning: one target at a time -----------------------------------------------


def _export(n: int) -> list[str]:
    """A JSON export of n targets, as pieces of text: the head, then one target per piece."""
    head = '{"format": "targettrack-export", "version": 1, "settings": {}, "targets": ['
    targets = [
        json.dumps(
            {
                "id": f"t{i}",
                "title": f"target {i}",
                "kind": "increase",
                "unit": "个",
                "target": 10,
                "deadline": "2030",
                "observations": [{"date": "2025", "value": i}],
            }
        )
        for i in range(n)
    ]
    return [head] + [("," if i else "") + t for i, t in enumerate(targets)] + ["]}"]


def test_each_target_is_planned_and_let_go_before_the_file_is_read_much_further():
    pieces = _export(50)
    pulled = []

    def counted():
        for piece in pieces:
            pulled.append(piece)
            yield piece

    seen_at = []
    plan = importplan.plan_streamed(
        readrows.StreamedJSON(counted(), "f.json"),
        lambda i: None,
        TODAY,
        now=NOW,
        keep=lambda target_id, doc: seen_at.append((target_id, len(pulled))),
    )
    assert len(plan.added) == 50 and plan.observations_added == 50
    # Target k (in piece k + 1) is kept with at most the next piece read: a
    # reader that decoded the whole file first would have read all 52 by then.
    assert all(n <= k + 3 for k, (_, n) in enumerate(seen_at)), seen_at[:5]
    assert [i for i, _ in seen_at] == [f"t{k}" for k in range(50)]


def test_streamed_and_whole_plans_agree():
    text = "".join(_export(20))
    whole = importplan.plan_import(readrows.read(text, "f.json"), [], TODAY, now=NOW)
    docs = []
    streamed = importplan.plan_streamed(
        readrows.StreamedJSON(iter([text]), "f.json"),
        lambda i: None,
        TODAY,
        now=NOW,
        keep=lambda target_id, doc: docs.append(doc),
    )
    assert (streamed.added, streamed.observations_added) == (whole.added, whole.observations_added)
    from targettrack.model.stored import to_dict

    assert docs == [to_dict(t) for t in whole.targets]


# --- through the command line ----------------------------------------------------


def test_an_export_imported_in_tiny_pieces_gives_back_the_same_bytes(sample, tmp_path, monkeypatch):
    exported = tmp_path / "all.json"
    sample.ok("export", "-o", str(exported))
    monkeypatch.setattr(importing, "PIECE", 7)
    fresh = TT(tmp_path / "fresh.json")
    fresh.ok("init")
    out = fresh.ok("import", str(exported))
    assert "0 unchanged" in out
    assert fresh.db.read_bytes() == sample.db.read_bytes()
    assert "0 target(s), update 0" in fresh.ok("import", str(exported))  # idempotent


def test_an_id_given_twice_is_read_whole_and_the_later_row_wins(tt, tmp_path):
    f = tmp_path / "twice.json"
    f.write_text(
        json.dumps([{"id": "a", "title": "first", "kind": "milestone"}, {"id": "a", "title": "second"}]),
        encoding="utf-8",
    )
    assert "add 1 target(s)" in tt.ok("import", str(f))
    assert json.loads(tt.ok("show", "a", "-f", "json"))["title"] == "second"


def test_a_json_export_in_gb18030_is_read_whole_in_that_encoding(tt, tmp_path):
    f = tmp_path / "gbk.json"
    f.write_bytes(
        json.dumps([{"id": "a", "title": "机器人", "kind": "milestone"}], ensure_ascii=False).encode("gb18030")
    )
    r = tt("import", str(f))
    assert r.code == 0 and "read as GB18030" in r.err
    assert json.loads(tt.ok("show", "a", "-f", "json"))["title"] == "机器人"


@pytest.mark.parametrize(
    "content, words",
    [
        ('{"format": "other", "targets": [{"id": "BAD ID"}]}', ["expected a targettrack export"]),
        (
            '{"targets": [{"id": "x", "title": "t", "kind": "milestone"}], "format": "other"}',
            ["expected a targettrack export"],
        ),
        ('{"format": "targettrack-export", "targets": 5}', ['"targets" is not a list']),
        ('{"format": "targettrack-export"}', ['"targets" is not a list']),
        (
            '[{"id": "a", "title": "t", "kind": "milestone"},\n {"id": "b", "title": "t", "kind": "milestone"},\n'
            ' {"id": "c", "title": "t", "target": "q"}]',
            ["target 3", "column target"],
        ),
        (
            '[{"id": "a", "title": "t", "kind": "milestone"},\n {"id": "b" "title": "t"}]',
            ["not valid JSON (line 2, column 13: Expecting ',' delimiter)"],
        ),
    ],
)
def test_a_streamed_import_that_fails_late_writes_nothing(sample, tmp_path, monkeypatch, content, words):
    monkeypatch.setattr(importing, "PIECE", 5)
    f = tmp_path / "bad.json"
    f.write_text(content, encoding="utf-8")
    before = sample.digest()
    assert_one_line_error(sample("import", str(f)), 2, *words)
    assert sample.digest() == before


def test_a_dry_run_of_a_streamed_import_names_what_it_would_do_and_writes_nothing(tt, tmp_path):
    f = tmp_path / "new.json"
    f.write_text("".join(_export(3)), encoding="utf-8")
    before = tt.digest()
    out = tt.ok("import", str(f), "--dry-run")
    assert "would add 3 target(s)" in out and "  add t0\n  add t1\n  add t2\n" in out
    assert tt.digest() == before


def test_the_installed_command_imports_an_export_from_a_pipe(sample, tmp_path):
    exported = tmp_path / "all.json"
    sample.ok("export", "-o", str(exported))
    fresh = TT(tmp_path / "fresh.json")
    fresh.ok("init")
    script = Path(sys.executable).parent / "targettrack"
    r = subprocess.run(
        f"{script} --db {fresh.db} import <(cat {exported})",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    assert fresh.db.read_bytes() == sample.db.read_bytes()


def test_a_streamed_import_of_a_few_targets_brings_the_kept_rows_up_to_date(sample, tmp_path, monkeypatch):
    from targettrack.cache import rows as rowcache

    sample.ok("list")  # the rows are kept
    target = json.loads(sample.ok("export"))["targets"][0]
    target["observations"] = [{"date": "2026-10", "value": 4}]
    f = tmp_path / "one.json"
    f.write_text(json.dumps([target], ensure_ascii=False), encoding="utf-8")
    judged, real = [], rowcache.judged
    monkeypatch.setattr(rowcache, "judged", lambda number, t, *a, **k: judged.append(t.id) or real(number, t, *a, **k))
    assert "update 1" in sample.ok("import", str(f))
    assert judged == [target["id"]]  # the one changed target, decoded from the line the import wrote
    judged.clear()
    kept = sample.ok("list")
    assert judged == []  # served from the patched rows
    assert kept == sample.ok("--no-cache", "list")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(targets(), min_size=1, max_size=4, unique_by=lambda t: t.id), st.integers(1, 60))
def test_any_export_planned_as_it_streams_is_what_planning_it_whole_gives(ts, piece):
    """Generated targets, any text in any field, exported and read back in
    pieces of any size: the same documents, counts and warnings as reading
    the export whole, and none of them when the store already holds them."""
    from targettrack.model.settings import Settings
    from targettrack.model.stored import to_dict

    text = exporting.export_json(ts, Settings(), NOW, schema=3)
    whole = importplan.plan_import(readrows.read(text, "f.json"), [], TODAY, now=NOW)
    docs = []
    streamed = importplan.plan_streamed(
        readrows.StreamedJSON(_cut(text, [piece]), "f.json"),
        lambda i: None,
        TODAY,
        now=NOW,
        keep=lambda target_id, doc: docs.append(doc),
    )
    assert docs == [to_dict(t) for t in whole.targets]
    assert (streamed.added, streamed.observations_added, streamed.warnings) == (
        whole.added,
        whole.observations_added,
        whole.warnings,
    )
    held = {t.id: t for t in whole.targets}
    again = importplan.plan_streamed(
        readrows.StreamedJSON(_cut(text, [piece]), "f.json"),
        held.get,
        TODAY,
        now=NOW,
        keep=lambda target_id, doc: pytest.fail("nothing changed"),
    )
    assert again.unchanged == [t.id for t in ts] and again.observations_added == 0
