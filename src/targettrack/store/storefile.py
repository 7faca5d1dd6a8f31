"""The store file's bytes on disk: read, checked and written whole or line by
line, always atomically, with the new version kept first (versions.py).
Only store/ uses it; commands open a store through readwrite.Store.

The file is TinyDB's JSON, pretty-printed one field a line with sorted keys
(fileformat.py), so the same content always gives the same bytes and `git
diff` shows one line per change. targettrack reads and writes it itself,
not through TinyDB, whose storage only reads and writes the whole file as
one dict: a file known (by its identity) to be the one targettrack wrote is
used line by line, so a command about one target of 10,000 decodes and
encodes one line.
"""

from __future__ import annotations

import errno
import glob
import json
import os
import signal
import threading
from contextlib import contextmanager
from pathlib import Path

from ..util.errors import StoreError
from ..util.i18n import _
from . import fileformat as layout
from .atomicwrite import discard, prepared, put_in_place
from .fileformat import META_TABLE, TARGETS_TABLE, Lines, dumps
from .lock import (
    read_store,
    real_path,
)

SCHEMA_VERSION = 4
# What each schema added (older stores are read as they are and upgraded on
# their first write): 2 = optional "method" and "plan" on targets, and
# "settings" in the meta document; 3 = optional "form", "change", "each",
# "binding", "frequency" and "lag" on targets, "measure" on observations,
# and lag.* settings (issue 11). A value in an older store is a level, as
# before, so upgrading only raises the number; but an older targettrack
# must not read a store whose values may be year-on-year changes. 4 =
# optional "qualifier", "approx" and "at_deadline" on targets (issue 29):
# an older targettrack would judge a target for the deadline's value as
# achieved years early, and drop the plan's words on its next write.
APP = "targettrack"


def guards(store: Path, output: str) -> bool:
    """Whether writing `output` would overwrite the store, its lock or a kept version."""
    out = real_path(output)
    store = real_path(store)
    if out in (store, Path(str(store) + ".lock")):
        return True
    from .versions import folder

    return real_path(folder(store)) in out.parents


# What this process has committed to the store, for the message on Ctrl-C.
COMMITTED: list[str] = []


@contextmanager
def _uninterrupted():
    """Hold Ctrl-C (and SIGTERM) until the store is replaced, so the command
    can say truthfully whether its change was saved."""
    held = {signal.SIGINT, signal.SIGTERM}
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (ValueError, OSError):  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


# --- bytes on disk ----------------------------------------------------------


def empty_data() -> dict:
    return {META_TABLE: {"1": {"app": APP, "schema": SCHEMA_VERSION}}, TARGETS_TABLE: {}}


def parse(path: Path, raw: bytes) -> dict:
    """Bytes of a store file -> TinyDB's dict, or a StoreError saying what is wrong."""
    if not raw.strip():
        raise StoreError(
            _(
                "{path}: the store is empty (0 targets would be a lie); restore it from a backup or git, or "
                "run 'targettrack --db {path} init' on a new path"
            ).format(path=path)
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise StoreError(
            _("{path}: not a targettrack store (not UTF-8 text at byte {byte})").format(path=path, byte=e.start)
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise StoreError(
            _("{path}: corrupt store (invalid JSON at line {line}, column {column}: {error})").format(
                path=path, line=e.lineno, column=e.colno, error=e.msg
            )
        ) from None
    except RecursionError:
        raise StoreError(_("{path}: corrupt store (JSON nested too deeply to be a store)").format(path=path)) from None
    except ValueError as e:  # e.g. an integer of more than 4,300 digits
        raise StoreError(_("{path}: corrupt store ({detail})").format(path=path, detail=str(e)[:100])) from None
    meta = data.get(META_TABLE) if isinstance(data, dict) else None
    info = meta.get("1") if isinstance(meta, dict) else None
    if not isinstance(info, dict) or info.get("app") != APP or not isinstance(info.get("schema"), int):
        raise StoreError(
            _("{path}: not a targettrack store (no '{meta_table}' table with app and schema version)").format(
                path=path, meta_table=META_TABLE
            )
        )
    if info["schema"] > SCHEMA_VERSION:
        raise StoreError(
            _(
                "{path}: written by a newer targettrack (schema {schema}; this version reads up to "
                "{supported}); upgrade targettrack"
            ).format(path=path, schema=info["schema"], supported=SCHEMA_VERSION)
        )
    targets = data.get(TARGETS_TABLE, {})
    if not isinstance(targets, dict) or not all(isinstance(d, dict) and k.isdigit() for k, d in targets.items()):
        raise StoreError(
            _("{path}: corrupt store (the '{targets_table}' table is not a map of numbered documents)").format(
                path=path, targets_table=TARGETS_TABLE
            )
        )
    data.setdefault(TARGETS_TABLE, {})
    return data


def plain_meta(meta) -> bool:
    """A meta document this targettrack reads as it is (else the whole decoder says why not)."""
    return (
        isinstance(meta, dict)
        and meta.get("app") == APP
        and isinstance(meta.get("schema"), int)
        and meta["schema"] <= SCHEMA_VERSION
    )


def remove_stray_temporaries(path: Path) -> None:
    """Temporary files of a writer that was killed mid-write. Only called
    while holding the lock, so no live writer owns one."""
    for tmp in stray_temporaries(path):
        try:
            tmp.unlink()
        except OSError:
            pass


def stray_temporaries(path: Path) -> list[Path]:
    """Temporary files that atomic_write left behind for the store, its versions or their log."""
    from .versions import JOURNAL, WRITTEN, folder, is_version_file

    here = path.parent if str(path.parent) else Path(".")
    found = list(here.glob(f".{glob.escape(path.name)}.*.tmp"))
    kept = folder(path)
    if kept.is_dir() and not kept.is_symlink():
        for p in kept.glob(".*.tmp"):
            name = p.name[1:].split(".tmp")[0].rsplit(".", 1)[0]  # .000012.json.abc123.tmp -> 000012.json
            if name in (JOURNAL, WRITTEN) or is_version_file(name):
                found.append(p)
    return sorted(found)


class StoreFile:
    """The store's bytes for one command, and the one place they are written.

    Read once (we hold the lock, so the file cannot change under us). Two
    views of the same bytes: `lines`, the file cut into one line per target
    without decoding it (only for bytes targettrack wrote itself, see
    layout.py), and `data()`, the whole file decoded and checked. A command
    about one target uses the first; `list` and a file changed outside
    targettrack use the second. A write changes only the lines of the
    documents that changed, keeps the new version (backups.py: the changed
    lines, or a full copy now and then), and only then replaces the store.
    """

    def __init__(self, path: Path, writable: bool, command: str = "", kind: str = "change"):
        self.path = path
        self.writable = writable
        self.command = command
        self.kind = kind  # how backups logs this write: "change", or "init" for a new store
        self._raw: bytes | None = None  # the bytes read (or last written)
        self._pieces: layout.Pieces | None = None  # the bytes last written, not yet joined (raw joins them)
        self._meta_line: bytes | None = None  # the meta document's line last written
        self.st: os.stat_result | None = None
        self._data: dict | None = None
        self._lines: Lines | None = None
        self.trusted = False  # the bytes are known to be targettrack's own, in its layout
        self.framed = False  # in its layout, from other hands: each line checked before use
        self.ours = False  # the very bytes targettrack last wrote here: each id on one line
        self.recast = False  # `lines` hold these bytes' documents in the layout, not their own bytes (recast.py)
        self.state = "new"  # backups.reconcile: "ours", "kept" or "new"
        # Lines found in these bytes (document number -> find_line's span):
        # a command about one target searches 10,000 lines' bytes once, not
        # again to read the line and again to splice the new one in.
        self.spans: tuple[bytes | None, dict[str, tuple[int, int]]] = (None, {})

    def spans_in(self, raw: bytes) -> dict[str, tuple[int, int]]:
        """The lines found so far in `raw` (spans found in other bytes do not hold for it)."""
        if self.spans[0] is not raw:
            self.spans = (raw, {})
        return self.spans[1]

    def line_span(self, number: str) -> tuple[int, int] | None:
        """Where document `number`'s line is in the bytes read (find_line), found once."""
        raw = self.read()
        found = self.spans_in(raw)
        if number not in found:
            span = layout.find_line(raw, number)
            if span is None:
                return None
            found[number] = span
        return found[number]

    @property
    def raw(self) -> bytes | None:
        if self._pieces is not None:  # joined on first use: an update never reads what it wrote
            self._raw, self._pieces = self._pieces.join(), None
        return self._raw

    def written(self) -> bytes | layout.Pieces | None:
        """The bytes last written (or read), whole or in the pieces they were written as."""
        return self._pieces if self._pieces is not None else self._raw

    def meta_line(self) -> bytes | None:
        """The meta document's line of the bytes last written (or read), if in the layout."""
        if self._pieces is not None and self._meta_line is not None:
            return self._meta_line
        if self._lines is not None:
            return self._lines.meta
        return layout.meta_line(self.read())

    def read(self) -> bytes:
        if self.raw is None:
            self._raw, self.st = read_store(self.path)
        return self._raw

    def data(self) -> dict:
        if self._data is None:
            self._data = parse(self.path, self.read())
        return self._data

    def trust_lines(self) -> bool:
        """Use the line view, if these bytes are in targettrack's layout
        (the frame is checked here; lines are cut only if a command needs them)."""
        self.trusted = True
        raw = self.read()
        if self._lines is None and layout.meta_line(raw) is not None and raw.endswith(b"\n}\n}\n"):
            return True
        return self.lines is not None

    @property
    def lines(self) -> Lines | None:
        """The line view of trusted bytes (cut on first use: `list` decodes
        the whole file and never needs it); None for any other bytes."""
        if self._lines is None and self.trusted:
            self._lines = layout.split(self.read())
            self.trusted = self._lines is not None
        return self._lines

    def distrust(self) -> None:
        self._lines, self.trusted, self.framed, self.ours, self.recast = None, False, False, False, False

    def recast_as(self, lines: Lines) -> None:
        """These bytes' documents, checked, in the layout (Store.recast): each
        is used from its line, and the first write writes every line, as
        the whole decoder's write would."""
        self._lines, self.trusted, self.framed, self.ours, self.recast = lines, True, False, False, True

    def check_lines(self) -> bool:
        """Check each line of framed bytes as the whole decoder would (UTF-8,
        a JSON object, numbered once) without keeping any: True, and the
        bytes are trusted from now on; False if a line is not of the layout
        or not valid, and the caller decodes the whole file (which says what
        is wrong, or reads a valid file that is not in the layout)."""
        self.framed = False
        seen: set[str] = set()
        try:
            for key, doc in layout.documents(self.read()):
                if not key.isdigit() or key in seen or not isinstance(json.loads(doc.decode("utf-8")), dict):
                    return False
                seen.add(key)
        except (ValueError, RecursionError):
            return False
        self.trusted = True
        return True

    def meta(self) -> dict:
        """The meta document (decoded alone when the lines are trusted)."""
        line = self.meta_line() if self._data is None and (self.trusted or self.framed) else None
        if line is not None:
            try:
                meta = json.loads(layout.line_body(line))
            except (ValueError, UnicodeDecodeError):
                meta = None
            if plain_meta(meta):
                return meta
            self.distrust()  # not what we wrote after all: the full decoder says what is wrong
        return self.data()[META_TABLE]["1"]

    def write(self, meta: dict, changes: dict[str, dict | bytes | None], full: dict | None = None) -> None:
        """Write the store with `meta` and the changed target documents
        (None: removed; bytes: the document's line, layout.doc_line encoded),
        or, for a new store, `full` (TinyDB's whole dict)."""
        if not self.writable:
            raise RuntimeError("write through a read-only store")  # a bug, not a user error
        from . import keeping
        from . import versions as backups

        migrating = meta["schema"] < SCHEMA_VERSION
        meta = dict(meta, schema=SCHEMA_VERSION)
        meta_line = layout.meta_doc_line(meta).encode("utf-8")
        encoded, delta, new_lines, spliced = self._encoded(meta, meta_line, changes, full=full)
        try:
            remove_stray_temporaries(self.path)
            if self.raw is not None and self.state == "new":
                # Changed outside targettrack, never written by it, or older: keep it as found.
                keeping.keep(
                    self.path,
                    self.raw,
                    "the store as found before this change",
                    kind="migration" if migrating else "found",
                )
                self.state = "kept"
        except OSError as e:
            backups.remove_if_empty(self.path)
            raise self._version_error(e) from None
        # The new bytes go to a temporary file (and to disk) while another
        # thread takes their SHA-256 for the log: hashlib and the write both
        # let go of the GIL, and at 10,000 targets each takes ~7 ms. Only
        # once the version is logged does the file replace the store.
        hashed: list[str] = []
        hasher = threading.Thread(target=lambda: hashed.append(backups.digest(encoded)))
        hasher.start()
        try:
            tmp = prepared(self.path, encoded)
        except OSError as e:
            raise _write_error(self.path, e) from None
        finally:
            hasher.join()
        try:
            entry = keeping.keep(
                self.path, encoded, self.command or "change", kind=self.kind, delta=delta, sha256=hashed[0]
            )
        except OSError as e:
            discard(tmp)
            backups.remove_if_empty(self.path)
            raise self._version_error(e) from None
        except BaseException:
            discard(tmp)
            raise
        try:
            with _uninterrupted():
                put_in_place(tmp, self.path)
                COMMITTED.append(self.command or "change")
        except OSError as e:
            keeping.forget(self.path, entry)
            raise _write_error(self.path, e) from None
        keeping.note_written(self.path, entry)
        self.now_holds(encoded, new_lines, meta_line if full is None else None)
        self.state = "ours"

    def _encoded(self, meta: dict, meta_line: bytes, changes: dict, *, full: dict | None):
        """The store's new bytes, the change record over the old (a Delta, or None), its new Lines
        (None: not cut) and the splice (None: not spliced): a few lines spliced into the bytes as
        read, the kept Lines patched, or the whole store decoded and encoded."""
        delta = new_lines = None
        spliced = None
        if full is None and self._lines is None and self.trusted:  # a few lines: spliced in, nothing cut
            raw = self.read()
            spliced = layout.splice(
                raw,
                meta_line,
                {doc_id: _encoded(doc_id, doc) for doc_id, doc in changes.items()},
                spans=self.spans_in(raw),
            )
        if full is not None:
            encoded = dumps(upgrade(full)).encode("utf-8")
        elif spliced is not None:
            encoded, delta = spliced
        elif self.lines is not None:
            new = layout.Lines(meta_line, dict(self.lines.docs))
            docs: dict[str, tuple[bytes | None, bytes | None]] = {}
            for doc_id, doc in changes.items():
                before = self.lines.docs.get(doc_id)
                after = _encoded(doc_id, doc)
                if after is None:
                    new.docs.pop(doc_id, None)
                else:
                    new.docs[doc_id] = after
                if before != after:
                    docs[doc_id] = (before, after)
            if not self.recast:
                delta = layout.Delta((self.lines.meta, new.meta) if new.meta != self.lines.meta else None, docs)
            else:  # the lines are not the bytes read: a change record over those only if they are in the layout
                old = layout.split(self.raw) if layout.framed(self.raw) else None
                delta = layout.diff(old, new) if old is not None else None
            encoded = layout.pieces(new)
            new_lines = new
        else:
            data = dict(self.data())
            table = dict(data[TARGETS_TABLE])
            for doc_id, doc in changes.items():
                if doc is None:
                    table.pop(doc_id, None)
                else:
                    table[doc_id] = json.loads(layout.line_body(doc)) if isinstance(doc, bytes) else doc
            data[TARGETS_TABLE] = table
            data[META_TABLE] = {"1": meta}
            encoded = dumps(data).encode("utf-8")
            old = layout.split(self.raw) if self.raw is not None else None
            new_lines = layout.split(encoded) if old is not None else None
            if old is not None and new_lines is not None:
                delta = layout.diff(old, new_lines)
        return encoded, delta, new_lines, spliced

    def _version_error(self, e: OSError) -> StoreError:
        from . import versions as backups

        return StoreError(
            _(
                "{path}: cannot write a version of the store in {folder} ({reason}); nothing was "
                "written, the store is unchanged"
            ).format(path=self.path, folder=backups.folder(self.path), reason=_reason(e))
        )

    def now_holds(self, raw: bytes | layout.Pieces, lines: Lines | None = None, meta_line: bytes | None = None) -> None:
        """The store now holds `raw` (whole or in pieces), which targettrack
        just wrote (cut into `lines`, with this meta line)."""
        if isinstance(raw, layout.Pieces):
            self._raw, self._pieces = None, raw
        else:
            self._raw, self._pieces = raw, None
        self._data, self._meta_line = None, meta_line
        self._lines, self.trusted, self.ours, self.recast = lines, True, True, False


def _encoded(doc_id: str, doc: dict | bytes | None) -> bytes | None:
    return doc if doc is None or isinstance(doc, bytes) else layout.doc_line(doc_id, doc).encode("utf-8")


def _reason(e: OSError) -> str:
    return "the disk is full" if e.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG) else (e.strerror or str(e))


def _write_error(path: Path, e: OSError) -> StoreError:
    return StoreError(
        _("{path}: cannot write the store ({reason}); it is unchanged").format(path=path, reason=_reason(e))
    )


def upgrade(data: dict) -> dict:
    """Bring an older store's data to SCHEMA_VERSION before it is written."""
    meta = data[META_TABLE]["1"]
    if meta["schema"] < SCHEMA_VERSION:
        meta["schema"] = SCHEMA_VERSION  # schemas 2, 3 and 4 only added optional fields
    return data
