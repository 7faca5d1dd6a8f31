"""The kept rows' journal of patches (cache/rowpatches.py, issue 36 item 3):
a write of a few targets appends their rows and reads nothing else of the
rows; every list reads the same as with nothing kept; a journal that is
long, damaged or for other rows is folded, ignored or a miss, never an
error."""

from __future__ import annotations

import os

import pytest
from conftest import TT

from targettrack.cache import rowpatches
from targettrack.cache import rows as rowcache


def _files():
    folder = rowcache.folder()
    rows = sorted(folder.glob("*" + rowcache.SUFFIX))
    return rows, [rowpatches.path_of(str(p)) for p in rows]


def _same_as_nothing_kept(t: TT, *args: str) -> None:
    assert t.ok("list", *args) == t.ok("--no-cache", "list", *args)


def test_an_update_appends_its_row_and_leaves_the_rows_file_alone(sample):
    sample.ok("list")
    [rows], [journal] = _files()
    before = os.stat(rows)
    for i, target in enumerate(["sh-robot-brands", "sh-robot-scenarios", "sh-robot-brands"]):
        sample.ok("update", target, str(3 + i), "--date", f"2024-0{i + 4}", "-q")
    after = os.stat(rows)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # not rewritten
    assert len(rowpatches.read(str(rows)).patches) == 3
    _same_as_nothing_kept(sample)
    _same_as_nothing_kept(sample, "--sort", "status")


def test_edits_adds_and_removals_are_patched_alike(sample):
    sample.ok("list")
    sample.ok("edit", "sh-robot-brands", "--title", "十家品牌")
    sample.ok("add", "new-one", "--title", "新目标", "--target", "5", "--deadline", "2027")
    sample.ok("remove", "hezhou-airport", "--yes")
    [rows], _ = _files()
    assert len(rowpatches.read(str(rows)).patches) == 3
    _same_as_nothing_kept(sample)


def test_a_long_journal_is_folded_into_the_rows(sample, monkeypatch):
    monkeypatch.setattr(rowpatches, "AT_MOST", 2)
    sample.ok("list")
    [rows], _ = _files()
    inode = os.stat(rows).st_ino
    for i in range(3):
        sample.ok("update", "sh-robot-brands", str(3 + i), "--date", f"2024-0{i + 4}", "-q")
    assert os.stat(rows).st_ino != inode  # the third write folded the two patches in and started anew
    assert rowpatches.read(str(rows)).patches == ()
    _same_as_nothing_kept(sample)


@pytest.mark.parametrize("damage", [b"", b"x" * 40, None])
def test_a_damaged_or_foreign_journal_is_a_miss_never_an_error(sample, damage):
    sample.ok("list")
    [rows], [journal] = _files()
    sample.ok("update", "sh-robot-brands", "3", "--date", "2024-04", "-q")
    if damage is None:  # the journal of other rows: a rows file kept for another store's bytes
        j = rowpatches.read(str(rows))
        j.head = j.head[:3] + ((0,) * 6,) + j.head[4:]
        rowpatches.write(str(rows), j, sample.db)
    else:
        with open(journal, "wb") as f:
            f.write(damage)
    _same_as_nothing_kept(sample)
    sample.ok("update", "sh-robot-scenarios", "7", "--date", "2024-04", "-q")
    _same_as_nothing_kept(sample)


def test_a_hand_edit_between_updates_is_seen(sample):
    sample.ok("list")
    sample.ok("update", "sh-robot-brands", "3", "--date", "2024-04", "-q")
    sample.db.write_bytes(sample.db.read_bytes().replace("打造10家".encode(), "打造12家".encode(), 1))
    _same_as_nothing_kept(sample)
    sample.ok("update", "sh-robot-brands", "4", "--date", "2024-05", "-q")
    _same_as_nothing_kept(sample)
