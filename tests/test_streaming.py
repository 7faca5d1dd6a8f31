"""Export written as it is read (issue 14, item 6): the same bytes as before,
from a store targettrack wrote or any other, and no lock held while a slow
reader drains the pipe."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from conftest import TT
from hypothesis import given
from hypothesis import strategies as st

from targettrack.util import jsonindent

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.characters(codec="utf-8")),
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=6), kids, max_size=4),
    max_leaves=20,
)


@given(json_values, st.integers(0, 3), st.integers(1, 4))
def test_the_fast_indenter_writes_what_json_writes(value, level, indent):
    expected = json.dumps(value, ensure_ascii=False, indent=indent)
    if level:  # as an element nested `level` deep: every line after the first moves right
        expected = expected.replace("\n", "\n" + " " * level)
    assert jsonindent.dumps(value, level, indent) == expected


def export(t: TT, *args) -> str:
    out = t.ok("export", *args)
    return "\n".join(line for line in out.split("\n") if '"exported_at"' not in line)


def test_export_is_the_same_from_lines_and_from_the_whole_file(sample):
    from targettrack.store import keeping

    sample.ok("update", "sh-robot-brands", "3", "--date", "2024-06")  # now known as targettrack's own file

    assert keeping.written_by_us(sample.db, os.stat(sample.db))
    by_lines = export(sample), sample.ok("export", "--format", "csv")
    sample.db.write_bytes(sample.db.read_bytes())  # the same bytes, but another file: decoded whole
    assert not keeping.written_by_us(sample.db, os.stat(sample.db))
    assert (export(sample), sample.ok("export", "--format", "csv")) == by_lines
    doc = json.loads(by_lines[0])
    assert [t["id"] for t in doc["targets"]][:2] == ["sh-robot-brands", "sh-robot-scenarios"]
    assert by_lines[1].count("\n\n") == 1 and by_lines[1].startswith("id,title,")


def test_an_empty_store_exports_an_empty_list(tt):
    doc = json.loads(tt.ok("export"))
    assert doc["targets"] == [] and doc["format"] == "targettrack-export"
    assert tt.ok("export", "--format", "csv").split("\n\n")[1].startswith("id,date,value")


def test_a_slow_reader_of_an_export_does_not_hold_the_lock(tmp_path):
    """`export | less` must not lock writers out: the store is read under the
    lock, then written out from memory."""
    exe = str(Path(sys.executable).parent / "targettrack")  # the installed console script
    db = tmp_path / "targets.json"
    repo = Path(__file__).resolve().parent.parent
    # Far more than a pipe holds (64 KB), so the export waits on its reader.
    subprocess.run([sys.executable, str(repo / "bench" / "generate.py"), "300", str(db)], check=True)
    env = dict(os.environ, TARGETTRACK_DB=str(db), TARGETTRACK_LOCK_TIMEOUT="2")
    subprocess.run([exe, "update", "t000150", "3", "-q"], env=env, check=True, capture_output=True)
    reader = subprocess.Popen(f"'{exe}' export | (sleep 4; cat > /dev/null)", shell=True, env=env)
    try:
        time.sleep(1)
        started = time.monotonic()
        r = subprocess.run([exe, "update", "t000150", "4", "-q"], env=env, capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        assert time.monotonic() - started < 2
    finally:
        reader.wait(timeout=30)
    assert reader.returncode == 0


def test_export_to_a_file_is_written_whole_or_not_at_all(sample, tmp_path):
    out = tmp_path / "all.json"
    out.write_text("old")
    sample.ok("export", "-o", str(out))
    assert json.loads(out.read_text(encoding="utf-8"))["targets"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
