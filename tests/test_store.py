"""The store: refusal of missing, empty, corrupt and foreign files (exit 3,
file untouched), deterministic bytes, atomic writes and the lock."""

import errno
import fcntl
import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import SHIPPED, TT, assert_one_line_error

from targettrack.exchange.samples import sample_bytes
from targettrack.store import readwrite as store_mod
from targettrack.store.fileformat import dumps
from targettrack.store.readwrite import Store
from targettrack.store.storefile import SCHEMA_VERSION, parse

GOOD_HEAD = '{"meta": {"1": {"app": "targettrack", "schema": 1}}, "targets": {'

BROKEN = {
    "empty": b"",
    "whitespace": b"  \n\n",
    "truncated": SHIPPED.read_bytes()[:500],
    "extra data": SHIPPED.read_bytes() + b"}\n",
    "invalid json": b"{not json",
    "binary": bytes(range(256)),
    "a list": b"[]",
    "a plain tinydb file": b'{"_default": {"1": {"id": "x"}}}',
    "another app": b'{"meta": {"1": {"app": "other", "schema": 1}}, "targets": {}}',
    "newer schema": b'{"meta": {"1": {"app": "targettrack", "schema": 99}}, "targets": {}}',
    "targets not a map": (GOOD_HEAD[:-1] + "[]}").encode(),
    "bad target": (GOOD_HEAD + '"1": {"id": "x", "title": "t", "kind": "increase", "target": "lots"}}}').encode(),
    "bad date": (GOOD_HEAD + '"1": {"id": "x", "title": "t", "deadline": "someday"}}}').encode(),
    "duplicate id": (GOOD_HEAD + '"1": {"id": "x", "title": "t"}, "2": {"id": "x", "title": "u"}}}').encode(),
}


@pytest.mark.parametrize("name", list(BROKEN))
@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["show", "x"],
        ["info"],
        ["update", "x", "3"],
        ["add", "y", "--title", "y", "--kind", "milestone"],
        ["remove", "x", "--yes"],
    ],
)
def test_broken_store_is_exit_3_and_untouched(tmp_path, name, command):
    path = tmp_path / "targets.json"
    path.write_bytes(BROKEN[name])
    r = TT(path)(*command)
    assert_one_line_error(r, 3, str(path))
    assert path.read_bytes() == BROKEN[name]
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == ["targets.json"]


@pytest.mark.parametrize(
    "command", [["show", "sh-robot-brands"], ["update", "sh-robot-brands", "3"], ["history", "sh-robot-brands"]]
)
def test_an_id_copied_onto_a_second_line_by_hand_is_refused_not_guessed(tmp_path, command):
    """targettrack finds a target in bytes it wrote itself by the first line
    with its id (ids are unique there); in the same layout edited by other
    hands, an id on two lines is still found out."""
    path = tmp_path / "targets.json"
    TT(path)("init", "--sample")
    TT(path)("update", "sh-robot-brands", "4")  # the file is targettrack's own: found by the first line
    raw = path.read_bytes()
    from targettrack.store import fileformat as layout

    number, start, end = layout.find_id(raw, "sh-robot-brands")
    line = raw[start:end]  # the target's block
    last = max(int(k) for k in json.loads(raw)["targets"])
    assert b'"id": "sh-robot-brands"' in line
    copied = (
        raw[: -len(b"\n}\n}\n")]
        + b",\n"
        + line.replace(b'"%s": {' % number.encode(), b'"%d": {' % (last + 1), 1)
        + b"\n}\n}\n"
    )
    path.write_bytes(copied)
    r = TT(path)(*command)
    assert_one_line_error(r, 3, str(path), "sh-robot-brands")
    assert path.read_bytes() == copied


@pytest.mark.parametrize("command", [["list"], ["show", "x"], ["info"], ["history", "x"]])
def test_reading_a_missing_store_is_exit_3_and_creates_nothing(tmp_path, command):
    path = tmp_path / "typo.json"
    r = TT(path)(*command)
    assert_one_line_error(r, 3, str(path), "no store here", "init")
    assert list(tmp_path.iterdir()) == []


def test_writing_to_a_missing_store_is_exit_3(tmp_path):
    path = tmp_path / "typo.json"
    r = TT(path)("update", "x", "3")
    assert_one_line_error(r, 3, "no store here")
    assert not path.exists()


def test_messages_say_what_is_wrong(tmp_path):
    path = tmp_path / "t.json"
    for name, words in [
        ("empty", "empty"),
        ("invalid json", "invalid JSON at line 1"),
        ("binary", "not UTF-8"),
        ("another app", "not a targettrack store"),
        ("newer schema", "newer targettrack"),
        ("bad target", "target document 1"),
    ]:
        path.write_bytes(BROKEN[name])
        assert_one_line_error(TT(path)("list"), 3, words)


def test_a_folder_is_not_a_store(tmp_path):
    assert_one_line_error(TT(tmp_path)("list"), 3, "folder")


def test_same_content_gives_the_same_bytes(tmp_path):
    a, b = TT(tmp_path / "a.json"), TT(tmp_path / "b.json")
    a.ok("init", "--sample")
    b.ok("init", "--sample")
    assert a.db.read_bytes() == b.db.read_bytes() == SHIPPED.read_bytes() == sample_bytes()
    data = parse(a.db, a.db.read_bytes())
    assert dumps(data) == a.db.read_text(encoding="utf-8")


def test_a_target_a_block_a_field_a_line_utf8_and_sorted_keys():
    from targettrack.store import fileformat as layout

    raw = SHIPPED.read_bytes()
    blocks = layout.split(raw)
    assert blocks is not None and len(blocks.docs) == 11
    assert "上海市人民政府" in SHIPPED.read_text(encoding="utf-8")  # not \\u-escaped
    for block in blocks.docs.values():
        fields = [line for line in block.decode("utf-8").split("\n")[1:-1] if line.startswith(' "')]
        keys = [json.loads(line.split(": ", 1)[0]) for line in fields]
        assert keys == sorted(keys) and len(keys) == len(json.loads(layout.line_body(block)))


def test_one_value_recorded_is_a_short_diff_and_one_field_edited_a_line(sample):
    """Issue 31: a reviewer reads a pull request of one value as a line or two, not a 9.5 KB target line."""
    import difflib

    def diff_bytes(before: str, after: str) -> tuple[int, list[str]]:
        changed = [
            line
            for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))
        ]
        return sum(len(line.encode("utf-8")) + 1 for line in changed), changed

    first = sample.db.read_text(encoding="utf-8")
    sample.ok("update", "sh-robot-brands", "3", "--date", "2024-06", "--note", "两家新品牌")
    second = sample.db.read_text(encoding="utf-8")
    sample.ok("update", "sh-robot-brands", "5", "--date", "2025")
    third = sample.db.read_text(encoding="utf-8")
    size, changed = diff_bytes(second, third)
    assert size <= 400 and len(changed) == 3, changed  # the value's line, and the comma after the one before it
    size, changed = diff_bytes(first, second)
    assert size <= 400 and all(
        "observations" in line or "2024-06" in line or line.strip() in ("+ ],", "- ]") for line in changed
    ), changed
    sample.ok("edit", "sh-robot-brands", "--owner", "上海市经信委")
    size, changed = diff_bytes(third, sample.db.read_text(encoding="utf-8"))
    assert [line for line in changed if "owner" in line] == [
        '- "owner": "上海市人民政府",',
        '+ "owner": "上海市经信委",',
    ]
    assert len(changed) <= 4 and size <= 400  # the owner, and who last edited it


def test_writes_are_atomic_and_leave_no_temporary_files(sample, monkeypatch):
    calls = []
    real_replace = os.replace

    def spy(src, dst):
        calls.append((os.path.basename(src), os.path.basename(dst)))
        assert json.loads(open(src, encoding="utf-8").read())  # complete before it is swapped in
        return real_replace(src, dst)

    monkeypatch.setattr(store_mod.os, "replace", spy)
    sample.ok("update", "sh-robot-brands", "3")
    store_swaps = [c for c in calls if c[1] == "targets.json"]
    assert len(store_swaps) == 1 and store_swaps[0][0].startswith(".targets.json.")
    assert sorted(p.name for p in sample.db.parent.iterdir()) == [
        "targets.json",
        "targets.json.backups",
        "targets.json.lock",
    ]


@pytest.mark.parametrize(
    "err, words", [(errno.ENOSPC, "disk is full"), (errno.EROFS, "Read-only"), (errno.EACCES, "Permission denied")]
)
def test_a_failed_write_is_exit_3_and_the_store_is_unchanged(sample, monkeypatch, err, words):
    before = sample.digest()

    def fail(src, dst):
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(store_mod.os, "replace", fail)
    r = sample("update", "sh-robot-brands", "3")
    assert_one_line_error(r, 3, "cannot write", words, "unchanged")
    assert sample.digest() == before
    assert sorted(p.name for p in sample.db.parent.iterdir()) == ["targets.json", "targets.json.lock"]


def test_new_bytes_that_cannot_be_written_leave_the_store_its_log_and_no_temporary_file(sample, monkeypatch):
    """The new version is written to its temporary file before it is logged
    (its hash is taken meanwhile): a refusal there logs nothing."""
    from targettrack.store import atomicwrite as atomicfile
    from targettrack.store import versions as backups

    sample.ok("update", "sh-robot-brands", "2")
    before, log = sample.digest(), backups.read_journal(sample.db)
    real_fsync = atomicfile.os.fsync

    def full(fd):
        if os.path.basename(os.readlink(f"/proc/self/fd/{fd}")).startswith(".targets.json."):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_fsync(fd)

    monkeypatch.setattr(atomicfile.os, "fsync", full)
    r = sample("update", "sh-robot-brands", "3")
    assert_one_line_error(r, 3, "cannot write the store", "disk is full", "unchanged")
    assert sample.digest() == before and backups.read_journal(sample.db) == log
    assert not [p for p in sample.db.parent.iterdir() if p.name.endswith(".tmp")]
    monkeypatch.setattr(atomicfile.os, "fsync", real_fsync)
    sample.ok("update", "sh-robot-brands", "3")
    [entry] = backups.read_journal(sample.db)[-1:]
    assert entry.sha256 == backups.digest(sample.db.read_bytes())  # the hash taken alongside is the bytes' own


def test_the_file_mode_is_kept(sample):
    os.chmod(sample.db, 0o640)
    sample.ok("update", "sh-robot-brands", "3")
    assert oct(os.stat(sample.db).st_mode & 0o777) == "0o640"


def _hold_lock(path):
    fd = os.open(str(path) + ".lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.write(fd, b"pid 4242\n")
    return fd


def test_a_writer_waits_for_the_lock_then_gives_up_with_exit_3(sample):
    before = sample.digest()
    fd = _hold_lock(sample.db)
    try:
        r = sample("update", "sh-robot-brands", "3", env={"TARGETTRACK_LOCK_TIMEOUT": "0.2"})
        # The holder is named from the kernel's lock table, never from a note in the file
        # (issue 15: the note outlives its writer).
        assert_one_line_error(r, 3, "locked", f"pid {os.getpid()}, writing", "0.2s", "TARGETTRACK_LOCK_TIMEOUT")
        assert "4242" not in r.err
        r = sample("list", env={"TARGETTRACK_LOCK_TIMEOUT": "0.2"})  # readers wait for writers too
        assert_one_line_error(r, 3, "locked")
    finally:
        os.close(fd)
    assert sample.digest() == before
    sample.ok("update", "sh-robot-brands", "3")  # and once it is free, it works


def test_a_reader_does_not_block_another_reader(sample):
    sample.ok("update", "sh-robot-brands", "3")  # creates the lock file
    fd = os.open(str(sample.db) + ".lock", os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_SH)
    try:
        assert "sh-robot-brands" in sample.ok("list", env={"TARGETTRACK_LOCK_TIMEOUT": "0.2"})
    finally:
        os.close(fd)


def test_bad_lock_timeout_is_exit_2(sample):
    assert_one_line_error(sample("list", env={"TARGETTRACK_LOCK_TIMEOUT": "soon"}), 2, "TARGETTRACK_LOCK_TIMEOUT")


def test_library_api_without_the_cli(tmp_path):
    from targettrack.exchange.samples import sample_targets

    path = tmp_path / "lib.json"
    Store.create(path, sample_targets())
    with Store(path) as s:
        assert s.resolve("sanofi").title == "5年引进25种创新药品和疫苗"
        assert s.schema() == SCHEMA_VERSION
    with Store(path, write=True) as s:
        s.remove("hezhou-airport")
    with Store(path) as s:
        assert len(s.targets()) == 10


def test_init_refuses_to_overwrite(tt):
    before = tt.digest()
    assert_one_line_error(tt("init"), 2, "already exists")
    assert_one_line_error(tt("init", "--sample"), 2, "already exists")
    assert tt.digest() == before


def test_init_creates_missing_folders(tmp_path):
    t = TT(tmp_path / "a" / "b" / "targets.json")
    assert "with 0 targets" in t.ok("init")
    assert t.ok("list").splitlines()[0].startswith("ID")


def test_default_location_and_env(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    t = TT(tmp_path / "unused")
    t.ok("init", db=False)
    assert (tmp_path / "xdg" / "targettrack" / "targets.json").exists()
    assert "chosen_by     default" in t.ok("info", db=False)
    other = tmp_path / "env.json"
    shutil.copy(SHIPPED, other)
    monkeypatch.setenv("TARGETTRACK_DB", str(other))
    out = t.ok("info", db=False)
    assert str(other) in out and "TARGETTRACK_DB" in out and "targets       11" in out
    assert_one_line_error(t("info"), 3, "unused")  # --db wins over the environment


FIRST_SCHEMA = Path(__file__).parent / "fixtures" / "schema1.json"


def test_a_schema_1_store_is_read_as_is_and_upgraded_on_the_first_write(tmp_path):
    path = tmp_path / "old.json"
    shutil.copy(FIRST_SCHEMA, path)
    t = TT(path)
    assert "schema        1" in t.ok("info")
    assert path.read_bytes() == FIRST_SCHEMA.read_bytes()  # reading never rewrites
    t.ok("update", "sh-robot-brands", "3", "--date", "2024-06")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["meta"]["1"]["schema"] == SCHEMA_VERSION == 4
    assert len(data["targets"]) == 11
    assert json.loads(t.ok("show", "sanofi", "-f", "json"))["status"] == "achieved"


SECOND_SCHEMA = Path(__file__).parent / "fixtures" / "schema2.json"


def test_a_schema_2_store_is_judged_by_the_new_rules_and_upgraded_on_the_first_write(tmp_path):
    """Issue 11: schema 3 adds forms, frequencies and year-on-year values; a schema-2 store's
    values are levels and keep their meaning, its settings and plans stay."""
    path = tmp_path / "old.json"
    shutil.copy(SECOND_SCHEMA, path)
    t = TT(path)
    assert "schema        2" in t.ok("info")
    before = {r["id"]: r for r in json.loads(t.ok("list", "-f", "json"))}
    assert path.read_bytes() == SECOND_SCHEMA.read_bytes()  # reading never rewrites
    # 61, 62, 63, 64% for 2021-2024, a 2025 deadline: the 2025 value is awaited (version 0.1 said missed)
    level = before["yearly-level"]
    assert (level["status"], level["form"], level["frequency"], level["data_awaited"]) == (
        "awaiting-data",
        "level",
        "year",
        "2025",
    )
    assert level["last_status"] == "on-track" and level["plan"] == "fixture-plan" and level["method"] == "linear"
    t.ok("update", "yearly-level", "65.2%", "--date", "2025")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["meta"]["1"] == {"app": "targettrack", "schema": 4, "settings": {"cagr.on-track": "0.9"}}
    old = json.loads(SECOND_SCHEMA.read_text(encoding="utf-8"))
    assert len(data["targets"]) == len(old["targets"]) == 12
    # every schema-2 document is kept as it was, but for the one value added
    for key, doc in old["targets"].items():
        new = data["targets"][key]
        if doc["id"] == "yearly-level":
            assert new["observations"][:-1] == doc["observations"]
            assert new["observations"][-1]["date"] == "2025" and "measure" not in new["observations"][-1]
            new = {**new, "observations": doc["observations"]}
        assert new == doc
    after = {r["id"]: r for r in json.loads(t.ok("list", "-f", "json"))}
    assert after["yearly-level"]["status"] == "achieved"
    assert {k: v["status"] for k, v in after.items() if k != "yearly-level"} == {
        k: v["status"] for k, v in before.items() if k != "yearly-level"
    }


def test_tinydb_reads_every_store_targettrack_writes(tt):
    """The file stays TinyDB's JSON, though targettrack now reads and writes
    it line by line itself: TinyDB opens it and finds the same targets."""
    from tinydb import TinyDB

    tt.ok("add", "a", "--title", "甲", "--target", "10", "--deadline", "2030")
    tt.ok("add", "b", "--title", "乙", "--kind", "milestone")
    tt.ok("update", "a", "3", "--date", "2025")
    tt.ok("remove", "b", "--yes")
    tt.ok("undo")
    with TinyDB(tt.db, access_mode="r") as db:
        docs = {d["id"]: d for d in db.table("targets").all()}
        assert db.table("meta").get(doc_id=1)["schema"] == SCHEMA_VERSION
    assert sorted(docs) == ["a", "b"] and docs["a"]["observations"][0]["value"] == 3
