"""A store from other hands (pretty-printed, keys in another order) is read a
document at a time (store/recast.py), never decoded whole into dicts, and its
first write is byte for byte what the whole decoder's write was (issue 36)."""

from __future__ import annotations

import json
import random

import pytest
from conftest import SHIPPED, TT, assert_one_line_error, store_data
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import targets

from targettrack.model.stored import to_dict
from targettrack.store import fileformat as layout
from targettrack.store import recast, storefile


def _as_written(data: dict, indent, ensure_ascii: bool, sort_keys: bool, seed: int) -> bytes:
    """`data` as another program might write it: its own indent, escapes and key order."""
    rng = random.Random(seed)

    def shuffled(value):
        if isinstance(value, dict):
            items = [(k, shuffled(v)) for k, v in value.items()]
            rng.shuffle(items)
            return dict(items)
        if isinstance(value, list):
            return [shuffled(v) for v in value]
        return value

    text = json.dumps(shuffled(data), indent=indent, ensure_ascii=ensure_ascii, sort_keys=sort_keys)
    return text.encode("utf-8")


def _tables(raw: bytes, stretch: int) -> dict:
    """The tables documents() gives (an empty table gives no document, so it is there, empty)."""
    found: dict = {"meta": {}, "targets": {}}
    for table, key, doc in recast.documents(raw, stretch):
        found.setdefault(table, {})[key] = doc
    return found


writers = st.tuples(st.sampled_from([None, 0, 1, 2, 4, "\t"]), st.booleans(), st.booleans(), st.integers(0, 2**16))


def _data(ts) -> dict:
    return store_data(*(dict(to_dict(t), id=f"{t.id}-{i}") for i, t in enumerate(ts)))


@given(st.lists(targets(), max_size=4), writers, st.integers(1, 64))
@settings(max_examples=150, deadline=None)
def test_documents_are_the_decoders_at_any_stretch(ts, writer, stretch):
    """Every document as json.loads gives it, however written and wherever
    the decoded stretches cut the text (inside a character, a key, a value)."""
    data = _data(ts)
    raw = _as_written(data, *writer)
    assert _tables(raw, stretch) == json.loads(raw)


@given(st.lists(targets(), min_size=1, max_size=3), writers, st.integers(1, 64), st.data())
@settings(max_examples=100, deadline=None)
def test_a_cut_store_is_never_read_as_whole(ts, writer, stretch, data):
    raw = _as_written(_data(ts), *writer).rstrip()
    cut = data.draw(st.integers(0, len(raw) - 1))
    with pytest.raises(recast.NotPlain):
        _tables(raw[:cut], stretch)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=12,
)


@given(
    st.dictionaries(st.sampled_from(["meta", "targets", "other", ""]), json_values, max_size=3),
    st.integers(1, 64),
)
@settings(max_examples=200, deadline=None)
def test_any_other_json_is_not_plain_or_read_as_the_decoder_reads_it(doc, stretch):
    raw = json.dumps(doc, indent=1).encode()
    try:
        found = _tables(raw, stretch)
    except recast.NotPlain:
        return
    assert found == json.loads(raw)
    assert set(found) == {"meta", "targets"}


def test_a_key_twice_or_another_table_is_left_to_the_whole_decoder():
    for raw in (
        b'{"meta": {"1": {}}, "targets": {}, "meta": {"1": {}}}',
        b'{"meta": {"1": {}}, "targets": {"1": {}, "1": {}}}',
        b'{"meta": {"1": {}}, "targets": {}, "_default": {}}',
        b'{"meta": {"1": {}}, "targets": {"1": []}}',
        b'{"meta": {"1": {}}, "targets": {}} x',
        b'\xef\xbb\xbf{"meta": {"1": {}}, "targets": {}}',
        b'{"meta": {"1": {}}, "targets": {"1": {"t": "\xff"}}}',
    ):
        with pytest.raises(recast.NotPlain):
            _tables(raw, 8)


@pytest.fixture
def pretty(tmp_path) -> TT:
    """The shipped store as `json.dump(indent=2)` wrote it, keys in another order."""
    path = tmp_path / "pretty.json"
    path.write_bytes(_as_written(json.loads(SHIPPED.read_bytes()), 2, False, False, 7))
    return TT(path)


@pytest.fixture
def no_whole_decoder(monkeypatch):
    def refused(path, raw):
        raise AssertionError("the whole store was decoded")

    monkeypatch.setattr(storefile, "parse", refused)


def _first_id(tt: TT) -> str:
    return json.loads(tt.ok("list", "--format", "json"))[0]["id"]


def test_first_write_is_the_whole_decoders_and_undo_gives_the_file_back(pretty, no_whole_decoder):
    found = pretty.db.read_bytes()
    before = json.loads(found)
    target = _first_id(pretty)
    pretty.ok("update", target, "7", "--date", "2026-01", "-q")
    written = pretty.db.read_bytes()
    after = json.loads(written)
    assert written == layout.dumps(after).encode()  # the layout, as the whole decoder's write gave it
    number = next(k for k, d in before["targets"].items() if d["id"] == target)
    changed = after["targets"].pop(number)
    assert changed["observations"][-1]["value"] == 7
    before["targets"].pop(number)
    assert after == before  # nothing else changed
    pretty.ok("undo")
    assert pretty.db.read_bytes() == found


@pytest.mark.parametrize(
    "args",
    [["list"], ["--no-cache", "list", "--format", "json"], ["report"], ["export", "--format", "csv"], ["show", "ID"]],
)
def test_reading_commands_read_a_document_at_a_time(tmp_path, args, monkeypatch):
    """The same output as from the store in targettrack's own layout, without the whole decoder."""
    path = tmp_path / "targets.json"
    data = json.loads(SHIPPED.read_bytes())
    path.write_bytes(layout.dumps(data).encode())  # targettrack's own layout first
    args = [_first_id(TT(path)) if a == "ID" else a for a in args]
    expected = TT(path).ok(*args)
    path.write_bytes(_as_written(data, 2, True, False, 3))  # then the same store from other hands
    monkeypatch.setattr(storefile, "parse", lambda path, raw: pytest.fail("the whole store was decoded"))
    assert TT(path).ok(*args) == expected


def _corrupt(tmp_path, edit) -> TT:
    data = json.loads(SHIPPED.read_bytes())
    edit(data["targets"])
    path = tmp_path / "pretty.json"
    path.write_bytes(_as_written(data, 2, False, True, 1))
    return TT(path)


def test_a_target_that_cannot_be_read_stops_the_write_and_leaves_the_file(tmp_path):
    tt = _corrupt(tmp_path, lambda docs: docs["2"].pop("id"))
    found = tt.db.read_bytes()
    r = tt("update", "x", "7", "-q")
    assert_one_line_error(r, 3, "corrupt store", "target document 2", "missing 'id'")
    assert tt.db.read_bytes() == found


def test_an_id_twice_is_the_same_error_as_before(tmp_path):
    def twice(docs):
        docs["3"]["id"] = docs["1"]["id"]

    tt = _corrupt(tmp_path, twice)
    for args in (["update", "x", "7", "-q"], ["list"], ["export"]):
        assert_one_line_error(tt(*args), 3, "corrupt store", "appears twice")


def test_export_writes_nothing_before_a_bad_target_is_found(tmp_path):
    def bad(docs):
        docs[str(len(docs))]["kind"] = "sideways"

    tt = _corrupt(tmp_path, bad)
    out = tmp_path / "out.csv"
    r = tt("export", "--format", "csv", "-o", str(out))
    assert r.code == 3 and "corrupt store" in r.err, r.err
    assert not out.exists()


def test_a_store_with_another_table_is_read_whole_and_kept(tmp_path):
    data = json.loads(SHIPPED.read_bytes())
    data["notes"] = {"1": {"text": "kept"}}
    path = tmp_path / "other.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    tt = TT(path)
    tt.ok("update", _first_id(tt), "7", "-q")
    assert json.loads(path.read_bytes())["notes"] == {"1": {"text": "kept"}}
