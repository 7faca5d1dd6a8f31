"""The store written line by line, and its versions kept as change records
(layout.py, backups.py, issue 14): a change to one target rewrites one line,
is kept as the lines before and after, and every version can still be put
back exactly."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TT
from hypothesis import given
from hypothesis import strategies as st

from targettrack.store import fileformat as layout
from targettrack.store import keeping
from targettrack.store import versions as backups
from targettrack.store.fileformat import dumps
from targettrack.store.readwrite import Store
from targettrack.store.storefile import empty_data

REPO = Path(__file__).resolve().parent.parent


def generated(path: Path, n: int) -> TT:
    subprocess.run([sys.executable, str(REPO / "bench" / "generate.py"), str(n), str(path)], check=True)
    return TT(path)


def measured(db: Path) -> list[str]:
    """Ids of targets that take a number (not milestones)."""
    with Store(db) as s:
        return [t.id for t in s.targets() if t.kind != "milestone"]


def journal(db: Path) -> list[backups.Entry]:
    return backups.read_journal(db)


# --- layout: pure, and property-tested ------------------------------------------------

documents = st.dictionaries(
    st.sampled_from(["id", "title", "kind", "tags", "aa", "zz", "observations"]),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=5), kids, max_size=3),
        max_leaves=6,
    ),
    max_size=6,
)
stores = st.lists(documents, max_size=6).map(
    lambda docs: dict(empty_data(), targets={str(i + 1): d for i, d in enumerate(docs)})
)


@given(stores)
def test_split_and_join_give_back_every_byte(data):
    raw = dumps(data).encode("utf-8")
    lines = layout.split(raw)
    assert lines is not None and layout.join(lines) == raw
    assert sorted(lines.docs, key=int) == sorted(data["targets"], key=int)
    assert json.loads(raw) == data


@given(stores)
def test_documents_reads_each_line_as_split_cuts_it(data):
    raw = dumps(data).encode("utf-8")
    lines = layout.split(raw)
    read = list(layout.documents(raw))
    assert [k for k, _ in read] == sorted(lines.docs, key=int)
    assert [json.loads(doc) for _, doc in read] == [data["targets"][k] for k, _ in read]


def test_documents_refuses_what_is_not_the_layout():
    with pytest.raises(ValueError):
        list(layout.documents(b'{"meta": {}, "targets": {}}'))
    raw = dumps(dict(empty_data(), targets={"1": {"id": "a"}})).encode("utf-8")
    with pytest.raises(ValueError):
        list(layout.documents(raw.replace(b'"1": {', b'"1": [')))


@given(stores, stores)
def test_a_change_record_goes_forwards_and_backwards(a, b):
    old, new = (layout.split(dumps(d).encode("utf-8")) for d in (a, b))
    delta = layout.diff(old, new)
    base, again = layout.Delta.from_json(delta.to_json(7).encode("utf-8"))
    assert base == 7 and again == delta
    assert layout.join(layout.apply(old, again)) == layout.join(new)
    assert layout.join(layout.apply(new, again, reverse=True)) == layout.join(old)


@pytest.mark.parametrize(
    "text",
    [
        b"",
        b'{"meta": {"1": {"app": "targettrack", "schema": 3}}, "targets": {}}',  # one line
        b'{\n"_default": {\n},\n"meta": {\n"1": {}\n},\n"targets": {\n}\n}\n',  # another table
        b'{\n"meta": {\n"1": {"app": "targettrack", "schema": 3}\n},\n"targets": {\n"2": {"id": "b"},\n"1": {"id": "a"}\n}\n}\n',
        b'{\n"meta": {\n"1": {"app": "targettrack", "schema": 3}\n},\n"targets": {\n"01": {"id": "a"}\n}\n}\n',
        b'{\n"meta": {\n"1": {"app": "targettrack", "schema": 3}\n},\n"targets": {\n"1": {"id": "a"}\n,"2": {}\n}\n}\n',
    ],
)
def test_split_refuses_any_other_layout(text):
    assert layout.split(text) is None


@pytest.mark.parametrize(
    "doc, expected",
    [
        ({"id": "a-1", "title": "x"}, "a-1"),
        ({"created_at": '"id": "fake"', "id": "real"}, "real"),  # the words inside a string
        ({"aa": {"id": "nested"}, "id": "top"}, "top"),  # a nested object's id is not at a line's
        ({"aa": ["{"], "id": "top"}, "top"),  # start: the block says which is the target's
        ({"id": 'quote"d'}, None),  # an escape: decode instead
        ({"title": "no id"}, None),
    ],
)
def test_line_id_is_exact_or_gives_up(doc, expected):
    assert layout.line_id(layout.doc_line("3", doc).encode("utf-8")) == expected


# --- one line written, one change record kept ---------------------------------------------


def test_an_update_rewrites_one_line_and_keeps_it_as_a_change_record(tmp_path):
    t = generated(tmp_path / "targets.json", 300)
    before = layout.split(t.db.read_bytes())
    t.ok("update", "t000150", "+1", "-q")
    t.ok("update", "t000150", "+2", "-q")
    after = layout.split(t.db.read_bytes())
    assert {k for k in before.docs if before.docs[k] != after.docs[k]} == {"151"}
    kinds = [(e.kind, e.file[-5:]) for e in journal(t.db)]
    # the store as found (a full copy), then two change records over it
    assert kinds == [("found", ".json"), ("change", "delta"), ("change", "delta")]
    record = json.loads((backups.folder(t.db) / journal(t.db)[-1].file).read_text(encoding="utf-8"))
    assert list(record["docs"]) == ["151"] and record["base"] == 2
    assert '"value": 1' in record["docs"]["151"][0] and '"value": 2' in record["docs"]["151"][1]


def test_kept_history_after_100_updates_is_under_twice_the_store(tmp_path):
    t = generated(tmp_path / "targets.json", 300)
    rng = random.Random(7)
    ids = measured(t.db)
    for i in range(100):
        t.ok("update", rng.choice(ids), str(i), "-q")
    kept = sum(p.stat().st_size for p in backups.folder(t.db).iterdir())
    assert kept < 2 * t.db.stat().st_size
    assert len(journal(t.db)) == 101
    # ...and each of them is still there, exactly.
    entries = journal(t.db)
    for e in entries[::10]:
        raw = backups.content(t.db, e)
        assert raw is not None and backups.digest(raw) == e.sha256


def test_a_full_copy_once_a_day_and_when_the_records_outgrow_the_store(tmp_path):
    t = generated(tmp_path / "targets.json", 20)
    a, b, c = measured(t.db)[:3]
    t.ok("update", a, "+1", "-q")
    entries = journal(t.db)
    assert [e.base is None for e in entries] == [True, False]
    # The copy was made yesterday: today's first change is a full copy.
    log = json.loads((backups.folder(t.db) / "journal.json").read_text())
    log[0]["time"] = "2020-01-01T00:00:00Z"
    (backups.folder(t.db) / "journal.json").write_text(json.dumps(log))
    t.ok("update", b, "+1", "-q")
    t.ok("update", c, "+1", "-q")
    assert [e.base is None for e in journal(t.db)] == [True, False, True, False]
    # Records for a third of the store each: the fourth would outgrow it.
    for i in range(12):
        t.ok("edit", "t000004", "--source-note", "x" * (t.db.stat().st_size // 6) + str(i))
    chain, size = 0, 0
    for e in journal(t.db):
        chain, size = (0, 0) if e.base is None else (chain + 1, size + e.stored)
        assert size <= e.size
    assert sum(e.base is None for e in journal(t.db)) >= 4


def test_undo_applies_the_record_backwards_without_reading_the_copy(sample):
    sample.ok("update", "sh-robot-brands", "3", "--date", "2024-06")
    one = sample.db.read_bytes()
    sample.ok("update", "sh-robot-brands", "4", "--date", "2024-07")
    copies = [backups.folder(sample.db) / e.file for e in journal(sample.db) if e.base is None]
    for p in copies:
        p.unlink()  # gone: undo still has the record and the store it wrote
    assert sample.ok("undo").startswith("undid: update sh-robot-brands 4")
    assert sample.db.read_bytes() == one


def test_undo_after_a_hand_edit_keeps_the_edit_then_goes_back(sample):
    sample.ok("update", "sh-robot-brands", "3", "--date", "2024-06")
    edited = sample.db.read_bytes().replace("打造10家".encode(), "打造12家".encode())
    sample.db.write_bytes(edited)
    assert "changes made outside targettrack" in sample.ok("undo")
    assert sample.db.read_bytes() != edited


def test_an_edit_that_keeps_size_and_modification_time_is_still_noticed(sample):
    """The file is known by size, modification and change time and inode: a
    tool that restores the modification time still changes the change time."""
    sample.ok("update", "sh-robot-brands", "3", "--date", "2024-06")
    st = sample.db.stat()
    raw = sample.db.read_bytes()
    edited = raw.replace("打造10家".encode(), "打造11家".encode())
    assert len(edited) == len(raw)
    with open(sample.db, "r+b") as f:  # in place: same inode, same size
        f.write(edited)
    os.utime(sample.db, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert not keeping.written_by_us(sample.db, os.stat(sample.db))
    sample.ok("update", "sh-robot-brands", "4", "--date", "2024-07")
    kinds = [e.kind for e in journal(sample.db)]
    assert kinds[-2:] == ["found", "change"]  # the edit was kept as found, then changed
    assert "打造11家".encode() in sample.db.read_bytes()


def test_a_crash_before_the_store_is_written_leaves_the_record_undone(sample):
    sample.ok("update", "sh-robot-brands", "3", "--date", "2024-06")
    one = sample.db.read_bytes()
    # As if the process died after keeping version 3 but before replacing the store:
    entries = journal(sample.db)
    lines = layout.split(one)
    changed = dict(lines.docs)
    changed["1"] = changed["1"].replace(b'"value": 3', b'"value": 99')
    new = layout.Lines(lines.meta, changed)
    keeping.keep(sample.db, layout.join(new), "update that never happened", delta=layout.diff(lines, new))
    assert sample.ok("undo").startswith("undid: update sh-robot-brands 3")  # not the one that never happened
    assert [e.undone for e in journal(sample.db)][len(entries) - 1 :] == [True, True]


def test_recover_finds_a_removed_target_in_its_change_record(sample):
    sample.ok("update", "sh-robot-brands", "3", "--date", "2024-06")
    sample.ok("remove", "sh-robot-brands", "--yes")
    assert journal(sample.db)[-1].base is not None
    sample.ok("update", "sh-robot-scenarios", "5", "--date", "2024-06")
    out = sample.ok("recover", "sh-robot-brands")
    assert "sh-robot-brands" in out
    with Store(sample.db) as s:
        back = s.resolve("sh-robot-brands")
    assert [int(o.value) for o in back.observations] == [3]


def test_a_damaged_log_is_rebuilt_with_its_change_records(sample):
    sample.ok("update", "sh-robot-brands", "3", "--date", "2024-06")
    sample.ok("update", "sh-robot-brands", "4", "--date", "2024-07")
    good = sample.db.read_bytes()
    (backups.folder(sample.db) / "journal.json").write_text("[{broken")
    sample.ok("update", "sh-robot-brands", "5", "--date", "2024-08")  # sets the log aside, rebuilds it
    entries = journal(sample.db)
    assert any(e.base is not None and e.command.startswith("(from the version file") for e in entries)
    assert sample.ok("undo").startswith("undid:")
    assert sample.db.read_bytes() == good


def test_a_damaged_change_record_is_skipped_by_restore(sample):
    sample.ok("update", "sh-robot-brands", "3", "--date", "2024-06")
    first = sample.db.read_bytes()
    sample.ok("update", "sh-robot-brands", "4", "--date", "2024-07")
    newest = journal(sample.db)[-1]
    record = backups.folder(sample.db) / newest.file
    record.write_text(record.read_text(encoding="utf-8").replace('\\"value\\": 4', '\\"value\\": 5'), encoding="utf-8")
    sample.db.write_bytes(b"")
    out = sample.ok("doctor", "--restore")
    assert journal(sample.db)[-2].file in out  # the version before: the damaged record fails its SHA-256
    assert sample.db.read_bytes() == first


def test_a_reader_decodes_only_the_target_it_shows(sample, monkeypatch):
    sample.ok("update", "sh-robot-brands", "3", "--date", "2024-06")
    import targettrack.store.storefile as store_module

    calls = []
    real = store_module.parse
    monkeypatch.setattr(store_module, "parse", lambda *a: calls.append(a[0]) or real(*a))
    assert "sh-robot-scenarios" in sample.ok("show", "sh-robot-scenarios")
    sample.ok("update", "sh-robot-scenarios", "7", "--date", "2024-06")
    assert calls == []
    # A hand edit in the layout: the file is no longer the one targettrack
    # wrote, so every line is checked, one at a time, and not decoded whole.
    checked = []
    real_check = store_module.StoreFile.check_lines
    monkeypatch.setattr(store_module.StoreFile, "check_lines", lambda f: checked.append(1) or real_check(f))
    sample.db.write_bytes(sample.db.read_bytes().replace(b'"title": ', b'"title":  ', 1))
    assert "sh-robot-scenarios" in sample.ok("show", "sh-robot-scenarios")
    assert checked == [1] and calls == []
    # A line broken by the edit: the whole decoder says where.
    sample.db.write_bytes(sample.db.read_bytes().replace(b'"title":  ', b'"title":: ', 1))
    broken = next(i for i, line in enumerate(sample.db.read_bytes().split(b"\n"), 1) if b'"title":: ' in line)
    r = sample("show", "sh-robot-scenarios")
    assert r.code == 3 and f"corrupt store (invalid JSON at line {broken}" in r.err, r.err
    assert calls


def test_a_file_in_the_layout_from_other_hands_is_read_line_by_line_with_the_whole_decoders_errors(sample):
    raw = sample.db.read_bytes()
    lines = raw.split(b"\n")
    # Valid JSON that is not in the layout (a document over two lines): read whole, as before.
    first = lines.index(next(x for x in lines if x.startswith(b'"1": {')))
    lines[first] = lines[first].replace(b'", "', b'",\n"', 1)
    sample.db.write_bytes(b"\n".join(lines))
    assert json.loads(sample.ok("show", "sh-robot-brands", "-f", "json"))["id"] == "sh-robot-brands"
    assert len(json.loads(sample.ok("list", "-f", "json"))) == 11
    # The same number twice: the whole decoder keeps the last, and so does the store.
    sample.db.write_bytes(raw.replace(b'\n"2": {', b'\n"1": {', 1))
    assert "sh-robot-brands" not in sample.ok("--no-cache", "list")
    # Not UTF-8 inside a line: the whole decoder's error.
    sample.db.write_bytes(raw.replace("机器人".encode(), b"\xff\xfe", 1))
    r = sample("--no-cache", "list")
    assert r.code == 3 and "not UTF-8" in r.err, r.err


@given(stores, st.data())
def test_splice_makes_the_bytes_and_record_join_and_diff_make(data, draw):
    """A few changed lines spliced in: the same bytes and change record as cutting the whole file."""
    raw = dumps(data).encode("utf-8")
    old = layout.split(raw)
    numbers = sorted(old.docs, key=int)
    changes = {}
    for n in draw.draw(st.lists(st.sampled_from(numbers), unique=True)) if numbers else []:
        changes[n] = draw.draw(st.one_of(st.none(), documents.map(lambda d: d)))
    for extra in range(draw.draw(st.integers(0, 2))):
        n = str(int(numbers[-1]) + 1 + extra if numbers else 1 + extra)
        changes[n] = draw.draw(documents)
    lines = {n: (None if d is None else layout.doc_line(n, d).encode("utf-8")) for n, d in changes.items()}
    meta = (
        old.meta
        if draw.draw(st.booleans())
        else layout.doc_line("1", {"app": "targettrack", "schema": 3, "x": 1}).encode("utf-8")
    )
    new = layout.Lines(meta, dict(old.docs))
    for n, line in lines.items():
        if line is None:
            new.docs.pop(n, None)
        else:
            new.docs[n] = line
    new = layout.Lines(new.meta, dict(sorted(new.docs.items(), key=lambda kv: int(kv[0]))))
    spliced = layout.splice(raw, meta, lines)
    if spliced is None:  # not simple: the last line removed, or nothing in the table
        return
    pieces, delta = spliced
    encoded = pieces.join()
    assert layout.size(pieces) == len(encoded)
    assert encoded == layout.join(new)
    assert delta == layout.diff(old, new)
    # with the lines already found (as a command about one target has them), the same
    spans = {n: span for n in lines if (span := layout.find_line(raw, n)) is not None}
    assert layout.splice(raw, meta, lines, spans=spans) == spliced


def test_find_id_of_an_id_on_two_lines_is_none_unless_the_first_is_asked_for():
    raw = dumps(dict(empty_data(), targets={"1": {"id": "b"}, "2": {"id": "a", "n": 1}, "3": {"id": "a", "n": 2}}))
    raw = raw.encode("utf-8")
    assert layout.find_id(raw, "a") is None
    assert layout.find_id(raw, "a", first=True) == ("2", *layout.find_line(raw, "2"))
    assert layout.find_id(raw, "b") == layout.find_id(raw, "b", first=True) == ("1", *layout.find_line(raw, "1"))


@given(stores)
def test_find_id_and_find_line_read_as_split_does(data):
    raw = dumps(data).encode("utf-8")
    lines = layout.split(raw)
    for n, line in lines.docs.items():
        start, end = layout.find_line(raw, n)
        assert raw[start:end] == line
        target_id = layout.line_id(line)
        having = [k for k, x in lines.docs.items() if target_id is not None and layout.line_id(x) == target_id]
        if len(having) == 1:
            assert layout.find_id(raw, target_id) == layout.find_id(raw, target_id, first=True) == (n, start, end)
        elif having:  # an id on two lines: none, or the first (for bytes whose ids are known to be unique)
            assert layout.find_id(raw, target_id) is None
            assert layout.find_id(raw, target_id, first=True) == (having[0], *layout.find_line(raw, having[0]))
    assert layout.find_line(raw, "999999") is None
