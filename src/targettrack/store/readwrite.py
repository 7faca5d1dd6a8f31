"""The store file: the only module that reads or writes it.

Why this is more than `TinyDB("targets.json")` (measured in the project's
field notes): TinyDB's JSONStorage rewrites the file in place, so a kill
mid-write leaves corrupt JSON; two processes updating at once lose updates;
and a missing or corrupt file is silently treated as empty. Here:

* the store's path is resolved once: a symbolic link to a store (a dotfile,
  a synced folder) is written through, and the lock and the kept versions
  belong to the real file;
* every writing command holds an exclusive `flock` on `<store>.lock` (a
  separate, stable file: a lock on the store itself would be lost when
  os.replace swaps the inode) from before it reads until after it writes,
  and checks that the file it locked is still the one at that path;
* every write keeps the new version (backups.py) and only then goes to a
  temporary file in the same folder, is fsynced, and replaces the store with
  os.replace, then the folder is fsynced; Ctrl-C waits until that is done;
* reading commands never create a file beside the store (the caches are in
  $XDG_CACHE_HOME); they take a shared lock only if the
  lock file already exists, so they never see a store between two writers;
* a missing, empty, non-UTF-8, non-JSON, foreign, newer, read-only or
  not-regular store (a FIFO, a device) is a StoreError naming the file and
  the problem, and is never overwritten.

The file is TinyDB's JSON, pretty-printed one target per line with sorted
keys (layout.py), so the same content always gives the same bytes and `git
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
import stat
import threading
from contextlib import contextmanager
from pathlib import Path

from . import fileformat as layout
from .atomicwrite import atomic_write, discard, prepared, put_in_place
from ..util.errors import InputError, StoreError
from ..util.i18n import _
from ..model.target import Target, from_dict, to_dict
from .fileformat import META_TABLE, TARGETS_TABLE, Lines, dumps
from ..model.settings import Settings
from .lock import DEFAULT_LOCK_TIMEOUT, Location, Lock, default_path, holders, locate, lock_timeout, read_store, read_store_bytes, reading, real_path

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
# Store.exact: past this many targets, one index of every line's id (~40 ms
# at 10,000 targets) costs less than searching the bytes for each.
FOUND_BY_BYTES_AT_MOST = 16


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
        raise StoreError(_("{path}: the store is empty (0 targets would be a lie); restore it from a backup or git, or "
                           "run 'targettrack --db {path} init' on a new path").format(path=path))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise StoreError(_('{path}: not a targettrack store (not UTF-8 text at byte {byte})').format(
            path=path, byte=e.start)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise StoreError(_("{path}: corrupt store (invalid JSON at line {line}, column {column}: {error})").format(
            path=path, line=e.lineno, column=e.colno, error=e.msg)) from None
    except RecursionError:
        raise StoreError(_('{path}: corrupt store (JSON nested too deeply to be a store)').format(path=path)) from None
    except ValueError as e:  # e.g. an integer of more than 4,300 digits
        raise StoreError(_('{path}: corrupt store ({detail})').format(path=path, detail=str(e)[:100])) from None
    meta = data.get(META_TABLE) if isinstance(data, dict) else None
    info = meta.get("1") if isinstance(meta, dict) else None
    if not isinstance(info, dict) or info.get("app") != APP or not isinstance(info.get("schema"), int):
        raise StoreError(_("{path}: not a targettrack store (no '{meta_table}' table with app and schema version)").format(
                        path=path, meta_table=META_TABLE))
    if info["schema"] > SCHEMA_VERSION:
        raise StoreError(_("{path}: written by a newer targettrack (schema {schema}; this version reads up to "
                           "{supported}); upgrade targettrack").format(path=path, schema=info["schema"],
                                                                        supported=SCHEMA_VERSION))
    targets = data.get(TARGETS_TABLE, {})
    if not isinstance(targets, dict) or not all(isinstance(d, dict) and k.isdigit() for k, d in targets.items()):
        raise StoreError(_("{path}: corrupt store (the '{targets_table}' table is not a map of numbered documents)").format(
                        path=path, targets_table=TARGETS_TABLE))
    data.setdefault(TARGETS_TABLE, {})
    return data


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
        self.kind = kind                  # how backups logs this write: "change", or "init" for a new store
        self._raw: bytes | None = None    # the bytes read (or last written)
        self._pieces: layout.Pieces | None = None  # the bytes last written, not yet joined (raw joins them)
        self._meta_line: bytes | None = None  # the meta document's line last written
        self.st: os.stat_result | None = None
        self._data: dict | None = None
        self._lines: Lines | None = None
        self.trusted = False              # the bytes are known to be targettrack's own, in its layout
        self.framed = False               # in its layout, from other hands: each line checked before use
        self.ours = False                 # the very bytes targettrack last wrote here: each id on one line
        self.state = "new"                # backups.reconcile: "ours", "kept" or "new"
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
        self._lines, self.trusted, self.framed, self.ours = None, False, False, False

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
                meta = json.loads(line[line.index(b": ") + 2:])
            except (ValueError, UnicodeDecodeError):
                meta = None
            if isinstance(meta, dict) and meta.get("app") == APP and isinstance(meta.get("schema"), int) \
                    and meta["schema"] <= SCHEMA_VERSION:
                return meta
            self.distrust()  # not what we wrote after all: the full decoder says what is wrong
        return self.data()[META_TABLE]["1"]

    def write(self, meta: dict, changes: dict[str, dict | bytes | None], full: dict | None = None) -> None:
        """Write the store with `meta` and the changed target documents
        (None: removed; bytes: the document's line, layout.doc_line encoded),
        or, for a new store, `full` (TinyDB's whole dict)."""
        if not self.writable:
            raise RuntimeError("write through a read-only store")  # a bug, not a user error
        from . import versions as backups

        migrating = meta["schema"] < SCHEMA_VERSION
        meta = dict(meta, schema=SCHEMA_VERSION)
        delta = new_lines = None
        spliced = None
        meta_line = layout.meta_doc_line(meta).encode("utf-8")
        if full is None and self._lines is None and self.trusted:  # a few lines: spliced in, nothing cut
            raw = self.read()
            spliced = layout.splice(raw, meta_line, {doc_id: _encoded(doc_id, doc) for doc_id, doc in changes.items()},
                                    self.spans_in(raw))
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
            delta = layout.Delta((self.lines.meta, new.meta) if new.meta != self.lines.meta else None, docs)
            encoded = layout.join(new)
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
        try:
            remove_stray_temporaries(self.path)
            if self.raw is not None and self.state == "new":
                # Changed outside targettrack, never written by it, or older: keep it as found.
                backups.keep(self.path, self.raw, "the store as found before this change",
                             "migration" if migrating else "found")
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
            entry = backups.keep(self.path, encoded, self.command or "change", self.kind, delta=delta,
                                 sha256=hashed[0])
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
            backups.forget(self.path, entry)
            raise _write_error(self.path, e) from None
        backups.note_written(self.path, entry)
        self.took(encoded, new_lines, meta_line if spliced is not None else None)
        self.state = "ours"

    def _version_error(self, e: OSError) -> StoreError:
        from . import versions as backups

        return StoreError(_('{path}: cannot write a version of the store in {folder} ({reason}); nothing was '
                            'written, the store is unchanged').format(
            path=self.path, folder=backups.folder(self.path), reason=_reason(e)))

    def took(self, raw: bytes | layout.Pieces, lines: Lines | None = None, meta_line: bytes | None = None) -> None:
        """The store now holds `raw` (whole or in pieces), which targettrack
        just wrote (cut into `lines`, with this meta line)."""
        if isinstance(raw, layout.Pieces):
            self._raw, self._pieces = None, raw
        else:
            self._raw, self._pieces = raw, None
        self._data, self._meta_line = None, meta_line
        self._lines, self.trusted, self.ours = lines, True, True


def _encoded(doc_id: str, doc: dict | bytes | None) -> bytes | None:
    return doc if doc is None or isinstance(doc, bytes) else layout.doc_line(doc_id, doc).encode("utf-8")


def _reason(e: OSError) -> str:
    return "the disk is full" if e.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG) else (e.strerror or str(e))


def _write_error(path: Path, e: OSError) -> StoreError:
    return StoreError(_('{path}: cannot write the store ({reason}); it is unchanged').format(
        path=path, reason=_reason(e)))


def upgrade(data: dict) -> dict:
    """Bring an older store's data to SCHEMA_VERSION before it is written."""
    meta = data[META_TABLE]["1"]
    if meta["schema"] < SCHEMA_VERSION:
        meta["schema"] = SCHEMA_VERSION  # schemas 2, 3 and 4 only added optional fields
    return data


class Store:
    """Targets in a store file, for the length of one command.

    Use as a context manager: `with Store(path, write=True) as s: ...`. The
    lock is held until the block ends. Each change is written at once.
    """

    def __init__(self, path: Path, *, write: bool = False, timeout: float | None = None, command: str = ""):
        self.path = real_path(path)
        self.write = write
        self.command = command  # what the journal says this write did (shown by undo)
        self._lock = Lock(self.path, write, lock_timeout() if timeout is None else timeout)
        self._file: StoreFile | None = None
        self._ids: dict[str, int] | None = None     # id -> document number
        self._parsed: dict[str, Target] = {}        # the targets parsed so far
        self._found: tuple[bytes | None, dict] = (None, {})  # id -> number, found in these bytes (_number)
        self.as_read: tuple[bytes, os.stat_result] | None = None  # the bytes first read and their file's identity
        # document number -> the target written (None: removed; bytes: its line, from a Batch)
        self.changed: dict[int, Target | bytes | None] = {}
        self.rewritten = False                      # more changed than targets (settings, an undo)

    def __enter__(self) -> "Store":
        self._lock.acquire()
        try:
            self._file = StoreFile(self.path, self.write, self.command)
            self._file.read()
            self.as_read = (self._file.raw, self._file.st)
            from . import versions as backups

            if self.write:
                self._check_writable()
                try:
                    self._file.state = backups.reconcile(self.path, self._file.raw, self._file.st)
                except backups.JournalDamaged:
                    self._file.state = "new"  # the write sets the log aside and rebuilds it
                # Bytes identical to the version targettrack last wrote were
                # made from checked targets, in its own layout: a change to
                # one target rewrites one line. Anything else (a hand edit, a
                # file from elsewhere) is decoded and checked whole first.
                if self._file.state != "ours" or not self._file.trust_lines():
                    self._file.data()
                    self.targets()
                else:
                    self._file.ours = True
            elif backups.written_by_us(self.path, self._file.st):
                self._file.trusted = self._file.ours = True  # its lines are cut only if a command needs them
            elif layout.framed(self._file.raw):
                # From other hands (an edit, a git pull) but in the layout:
                # its lines are checked one at a time when first needed, not
                # decoded whole (five times the file in dicts).
                self._file.framed = True
            self._file.meta()  # fail now, with the reason, before any work
        except BaseException:
            self._lock.release()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self._lock.release()

    def _check_writable(self) -> None:
        """A store without write permission (chmod a-w) is a choice to respect,
        even by its owner or root, who could replace it anyway."""
        st = os.stat(self.path)
        if not st.st_mode & 0o222 or not os.access(self.path, os.W_OK):
            raise StoreError(_("{path}: the store is read-only (mode {mode}); nothing was written (chmod u+w it to "
                               "allow changes)").format(path=self.path, mode=f"{stat.S_IMODE(st.st_mode):04o}"))

    @classmethod
    def create(cls, path: Path, targets: list[Target] = ()) -> None:
        """Write a new store; refuse if anything is already at `path`."""
        path = real_path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(_('{parent}: cannot create the folder ({reason})').format(
                parent=path.parent, reason=e.strerror)) from None
        lock = Lock(path, True, lock_timeout())
        lock.acquire()
        try:
            if os.path.lexists(path):
                raise InputError(_("{path} already exists; init never overwrites a store (use another --db path, or "
                                   "remove the file yourself)").format(path=path))
            data = empty_data()
            data[TARGETS_TABLE] = {str(i): to_dict(t) for i, t in enumerate(targets, 1)}
            # Logged as "init": undo never goes back past it, into the
            # versions of an old store that was deleted at this path.
            StoreFile(path, True, "init", kind="init").write(data[META_TABLE]["1"], {}, full=data)
        finally:
            lock.release()

    # --- reading ------------------------------------------------------------

    def schema(self) -> int:
        return self._file.meta()["schema"]

    def settings(self) -> Settings:
        raw = self._file.meta().get("settings")
        try:
            return Settings.from_dict(raw if isinstance(raw, dict) else None)
        except InputError as e:
            raise StoreError(_('{path}: corrupt store (settings: {detail})').format(path=self.path, detail=e)) from None

    def _ready(self) -> None:
        """Framed bytes checked, before any of their lines is used alone."""
        if self._file.framed and not self._file.check_lines():
            self._file.data()

    def _index(self) -> dict[str, int]:
        """id -> document number: from the lines when they are trusted (no
        decoding), else from the decoded documents; a command about one target
        parses only that one (from_dict is the costly part)."""
        self._ready()
        if self._ids is None:
            ids: dict[str, int] = {}
            lines = self._file.lines if self._file._data is None else None
            if lines is not None:
                for key, line in lines.docs.items():
                    target_id = layout.line_id(line)
                    if target_id is None:
                        doc = self._doc_from_line(key)
                        target_id = doc.get("id") if isinstance(doc, dict) else None
                    self._add_id(ids, key, target_id)
            else:
                for key, doc in self._file.data()[TARGETS_TABLE].items():
                    self._add_id(ids, key, doc.get("id") if isinstance(doc, dict) else None)
            self._ids = ids
        return self._ids

    def _add_id(self, ids: dict[str, int], key: str, target_id) -> None:
        if not isinstance(target_id, str):
            raise StoreError(_("{path}: corrupt store (target document {key}: missing 'id')").format(
                path=self.path, key=key))
        if target_id in ids:
            raise StoreError(_('{path}: corrupt store (id {target_id} appears twice)').format(
                path=self.path, target_id=repr(target_id)))
        ids[target_id] = int(key)

    def _corrupt(self, key, detail) -> StoreError:
        """The error of a target document that cannot be read, and why."""
        return StoreError(_('{path}: corrupt store (target document {key}: {detail})').format(
            path=self.path, key=key, detail=detail))

    def _doc_from_line(self, key: str) -> dict:
        line = self._line(key)
        return self._json(key, line[line.index(b": ") + 2:])

    def _json(self, key: str, doc: bytes) -> dict:
        try:
            return json.loads(doc)
        except (ValueError, UnicodeDecodeError, RecursionError) as e:
            raise self._corrupt(key, str(e)[:100]) from None

    def _line(self, key: str) -> bytes:
        """Document `key`'s line: found in the bytes when they are not cut (a command about one target)."""
        if self._file._lines is None and self._file.trusted:
            raw = self._file.read()
            span = self._file.line_span(key)
            if span is not None:
                return raw[span[0]:span[1]]
        return self._file.lines.docs[key]

    def _doc(self, key: str) -> dict:
        if self._file._data is None and (self._file._lines is None and self._file.trusted
                                         or self._file.lines is not None):
            return self._doc_from_line(key)
        return self._file.data()[TARGETS_TABLE][key]

    def _number(self, target_id: str) -> int:
        """The document number of `target_id` (KeyError if none): found by its
        bytes in a file targettrack wrote, without reading every line's id."""
        self._ready()
        if self._ids is None and self._file._data is None and self._file._lines is None and self._file.trusted:
            found = self._found_by_bytes(target_id)
            if found is not None:
                return found
        return self._index()[target_id]

    def _found_by_bytes(self, target_id: str) -> int | None:
        raw = self._file.read()
        if self._found[0] is not raw:  # numbers found in bytes hold for those bytes only
            self._found = (raw, {})
        if target_id not in self._found[1]:
            # In bytes targettrack wrote, ids are unique (every write keeps
            # them so): the first line with the id is the only one, and the
            # rest of the file (half of it, on average) need not be searched.
            found = layout.find_id(raw, target_id, first=self._file.ours)
            if found is not None:
                self._file.spans_in(raw)[found[0]] = found[1:]
            self._found[1][target_id] = None if found is None else int(found[0])
        return self._found[1][target_id]

    def _target(self, target_id: str) -> Target:
        t = self._parsed.get(target_id)
        if t is None:
            doc_id = self._number(target_id)
            try:
                t = from_dict(self._doc(str(doc_id)))
            except (ValueError, TypeError, ArithmeticError) as e:
                raise self._corrupt(doc_id, e) from None
            if t.id != target_id:
                raise StoreError(_('{path}: corrupt store (target document {doc_id}: id {id} where {target_id} was '
                                    'read)').format(
                    path=self.path, doc_id=doc_id, id=repr(t.id), target_id=repr(target_id)))
            self._parsed[target_id] = t
        return t

    def targets(self) -> list[Target]:
        if self._ids is None and self._file._data is None and (self._file.trusted or self._file.framed):
            self._decode_lines()
        if self._ids is None:
            self._file.data()
        index = self._index()
        return [self._target(i) for i in sorted(index, key=index.__getitem__)]

    def _decode_lines(self) -> None:
        """Every target, each from its own line, its decoded dict let go as
        the target is made: no table of all of them in dicts (five times the
        file) next to the targets. Lines that are not as the layout has
        them leave the store to the whole decoder (nothing kept from here)."""
        f = self._file
        ids: dict[str, int] = {}
        parsed: dict[str, Target] = {}
        try:
            for key, doc in layout.documents(f.read()):
                d = json.loads(doc.decode("utf-8"))
                if not key.isdigit() or key in parsed or not isinstance(d, dict):
                    raise ValueError("not a numbered document")
                parsed[key] = self._once(ids, key, d)
        except (ValueError, RecursionError):
            f.distrust()
            return
        f.framed, f.trusted = False, True
        self._ids = ids
        self._parsed.update((t.id, t) for t in parsed.values())

    def numbered(self) -> list[tuple[int, Target]]:
        """(document number, target) of every target, in store order."""
        targets = self.targets()
        index = self._index()
        return [(index[t.id], t) for t in targets]

    def written(self) -> tuple[bytes | layout.Pieces, os.stat_result, bytes | None] | None:
        """The bytes this command wrote last (whole or in pieces), their file's
        identity and their meta line; None if it wrote nothing."""
        if not (self.changed or self.rewritten) or self._file is None:
            return None
        return self._file.written(), os.stat(self.path), self._file.meta_line()

    def ids(self) -> list[str]:
        """Every target id, in store order (from the lines of a file targettrack wrote: nothing decoded)."""
        index = self._index()
        return sorted(index, key=index.__getitem__)

    def iter_targets(self):
        """All targets in store order, one at a time, from the bytes read
        under the lock (usable after the block ends). From the lines of a
        file targettrack wrote, each is decoded when it is reached, so an
        export holds one target at a time; a file from other hands is checked
        first (line by line if it is in the layout, else decoded whole), so
        that nothing is written out before a problem is found."""
        self._ready()
        if self._ids is not None or self._file.lines is None:
            return iter(self.targets())
        return self._each_line()

    def each_target(self):
        """Every target in store order, one at a time and none kept (a list
        of 10,000 holds what it shows of them, not the targets): each_numbered's."""
        for _, t in self.each_numbered():
            yield t

    def each_numbered(self):
        """(document number, target) of every target in store order, one at
        a time and none kept.

        From the lines of a file in the layout, each decoded once, as it is
        reached; a file from other hands has its lines' numbers checked
        first (in order, each once: no JSON decoded), and the first line
        that is not a JSON object hands the rest to the whole decoder, which
        says what is wrong or reads a file that is valid but not in the
        layout. The targets already given are those it gives too: a line
        that decodes alone is a whole document, since the one holding it
        would have failed first. Any other file is decoded whole first."""
        f = self._file
        if self._ids is not None or f._data is not None or not (f.trusted or f.framed) \
                or f.framed and not layout.numbered_in_order(f.read()):  # targettrack's own file: checked when written
            yield from self.numbered()
            return
        ids: dict[str, int] = {}
        last = 0
        for key, doc in layout.documents(f.read()):
            try:
                d = json.loads(doc.decode("utf-8"))
            except (ValueError, RecursionError):
                d = None
            if not isinstance(d, dict):
                break
            yield int(key), self._once(ids, key, d)
            last = int(key)
        else:
            f.framed, f.trusted = False, f.trusted or f.framed  # every line checked
            return
        table = f.data()[TARGETS_TABLE]
        for key in sorted((k for k in table if int(k) > last), key=int):
            yield int(key), self._once(ids, key, table[key])

    def _once(self, ids: dict[str, int], key: str, d: dict) -> Target:
        """The target of document `key`, or the corrupt store's error (its id among `ids` already, too)."""
        try:
            t = from_dict(d)
        except (ValueError, TypeError, ArithmeticError) as e:
            raise self._corrupt(key, e) from None
        self._add_id(ids, key, t.id)
        return t

    def documents(self):
        """(document number, the raw JSON of its line) of every target, one
        at a time in store order, for bytes targettrack wrote itself (their
        lines were checked when written); None for any other file."""
        self._ready()
        if self._ids is not None or not self._file.trusted:
            return None
        if self._file._lines is None:  # not cut yet: read line by line, no copy of the whole
            return layout.documents(self._file.raw)
        lines = self._file.lines
        return ((key, lines.docs[key][lines.docs[key].index(b": ") + 2:]) for key in sorted(lines.docs, key=int))

    def decoded(self, key: str, doc: bytes) -> Target:
        """The target of one document line (documents()), or the store's corrupt error."""
        try:
            return from_dict(self._json(key, doc))
        except (ValueError, TypeError, ArithmeticError) as e:
            raise self._corrupt(key, e) from None

    def _each_line(self):
        lines = self._file.lines
        for key in sorted(lines.docs, key=int):
            try:
                yield from_dict(self._doc_from_line(key))
            except (ValueError, TypeError, ArithmeticError) as e:
                raise self._corrupt(key, e) from None

    def resolve(self, ref: str) -> Target:
        """An exact id, or an unambiguous prefix of one."""
        self._ready()
        if self._ids is None and self._file._data is None and self._file._lines is None and self._file.trusted \
                and self._found_by_bytes(ref) is not None:
            return self._target(ref)  # an exact id, found by its bytes
        ids = self._index()
        if ref in ids:
            return self._target(ref)
        matches = sorted(i for i in ids if i.startswith(ref)) if ref else []
        if len(matches) == 1:
            return self._target(matches[0])
        if matches:
            shown = ", ".join(matches[:8]) + (", ..." if len(matches) > 8 else "")
            raise InputError(_("id prefix {ref} is ambiguous: it matches {shown}").format(ref=repr(ref), shown=shown))
        import difflib

        near = difflib.get_close_matches(ref, list(ids), n=3)
        hint = (_("; did you mean {ids}?").format(ids=", ".join(near)) if near
                else _("; 'targettrack list' shows the ids"))
        raise InputError(_("no target with id {ref}").format(ref=repr(ref)) + hint)

    def exact(self, ids: list[str]) -> list[Target]:
        """The targets of these exact ids (KeyError for one not here), each
        decoded alone: found by their bytes when they are few, past that by
        one index of every line's id (each search of the bytes reads up to
        the whole file)."""
        self._ready()
        if len(ids) > FOUND_BY_BYTES_AT_MOST:
            self._index()
        return [self._target(i) for i in ids]

    # --- writing ------------------------------------------------------------

    def _write(self, changes: dict[str, Target | bytes | None], settings: Settings | None = None) -> None:
        """Write these changed documents (None: removed; bytes: a Batch's
        line) and, if given, the settings: all or nothing."""
        meta = self._file.meta()
        if settings is not None:
            meta = {"app": APP, "schema": meta["schema"]}
            if settings.to_dict():
                meta["settings"] = settings.to_dict()
        docs = {k: (t if t is None or isinstance(t, bytes) else to_dict(t)) for k, t in changes.items()}
        self._file.write(meta, docs)
        self.changed.update({int(k): t for k, t in changes.items()})
        self.rewritten = self.rewritten or settings is not None

    def save_settings(self, settings: Settings) -> None:
        self._write({}, settings)

    def add(self, target: Target) -> None:
        if target.id in self._index():
            raise InputError(_("a target with id {id} already exists; use 'targettrack edit {bare}' to change it").format(
                                                id=repr(target.id), bare=target.id))
        self.add_many([target])

    def put_all(self, targets: list[Target], settings: Settings | None = None) -> None:
        """Add or replace many targets (and the settings) in one write: all or nothing."""
        ids = dict(self._index())
        next_id = max(ids.values(), default=0) + 1
        changes: dict[str, Target | None] = {}
        for t in targets:
            if t.id in ids:
                doc_id = ids[t.id]
            else:
                doc_id, next_id = next_id, next_id + 1
            changes[str(doc_id)] = t
            ids[t.id] = doc_id
        self._write(changes, settings)
        self._ids = ids
        for t in targets:
            self._parsed[t.id] = t

    def get(self, target_id: str) -> Target | None:
        """The target of this id, or None; not kept for later (an import of
        thousands looks at each one once)."""
        t = self._parsed.get(target_id)
        if t is not None or target_id not in self._index():
            return t
        t = self._target(target_id)
        del self._parsed[target_id]
        return t

    def batch(self) -> "Batch":
        return Batch(self._index())

    def put_batch(self, batch: "Batch", settings: Settings | None = None) -> None:
        """put_all for a Batch: its lines (and the settings) in one write."""
        self._write(batch.lines, settings)
        self._ids = batch.ids
        for number in batch.lines:
            self._parsed.pop(batch.ids_at[number], None)

    def add_many(self, targets: list[Target]) -> None:
        # New numbers follow the highest in the store, as TinyDB numbers them.
        self.put_all(targets)

    def replace(self, old_id: str, target: Target) -> None:
        doc_id = self._number(old_id) if target.id == old_id else self._index()[old_id]
        self._write({str(doc_id): target})
        self._parsed.pop(old_id, None)
        if self._ids is not None:
            del self._ids[old_id]
            self._ids[target.id] = doc_id
        self._parsed[target.id] = target

    def remove(self, target_id: str) -> None:
        doc_id = self._index()[target_id]
        self._write({str(doc_id): None})
        del self._ids[target_id]
        self._parsed.pop(target_id, None)

    def describe(self, command: str) -> None:
        """What this command's write does, for the backup journal and `undo`."""
        self.command = command
        if self._file is not None:
            self._file.command = command

    def undo(self):
        """Put back the version before the newest one; returns the undone version's log entry.

        The log is changed first (the newest version marked undone), then the
        store: a crash in between is noticed by backups.reconcile."""
        from . import versions as backups

        raw = self._file.read()
        try:
            backups.read_journal(self.path)  # a damaged log: refuse before keeping anything
            if self._file.state == "new":  # changed outside targettrack: keep that first
                backups.keep(self.path, raw, "changes made outside targettrack", "found")
            step = backups.undo_step(self.path)
        except backups.JournalDamaged as e:
            raise StoreError(_("{detail}; nothing was undone. The kept versions are still in {folder} ('targettrack doctor' lists them); the next change rebuilds the log").format(
                                detail=e, folder=backups.folder(self.path))) from None
        except OSError as e:
            raise StoreError(_('{path}: cannot keep a version of the store ({reason}); nothing was undone').format(
                path=self.path, reason=_reason(e))) from None
        if step is None:
            raise InputError(_("nothing to undo: {path} has no earlier version").format(path=self.path))
        newest, previous = step
        content = backups.before(self.path, newest, previous, raw if self._file.state == "ours" else None)
        if content is None:
            raise StoreError(_('{file}: cannot read the version to go back to; nothing was undone').format(
                file=backups.folder(self.path) / previous.file))
        if previous.sha256 is None:  # an old full copy: never put back something that would not load
            parse(backups.folder(self.path) / previous.file, content)
        try:
            backups.set_undone(self.path, newest.n, True)
        except OSError as e:
            raise StoreError(_('{folder}: cannot record the undo ({reason}); nothing was undone').format(
                folder=backups.folder(self.path), reason=_reason(e))) from None
        try:
            with _uninterrupted():
                atomic_write(self.path, content)
                COMMITTED.append(f"undo {newest.command}")
        except OSError as e:
            try:
                backups.set_undone(self.path, newest.n, False)
            except OSError:
                pass  # reconcile notices the store still holds the undone version
            raise _write_error(self.path, e) from None
        backups.note_written(self.path, previous)
        self._file.took(content)
        self.rewritten = True
        self._file.state = "ours" if previous.kind in ("change", "init") else "kept"
        self._ids, self._parsed = None, {}
        return newest

    def removed(self, target_id: str):
        """A target no longer in the store, as the newest kept version that
        holds it has it (the state just before it was removed), and that
        version's file and log entry. Later changes to other targets stay."""
        from . import versions as backups

        if target_id in self._index():
            raise InputError(_("{target_id} is in the store; recover brings back a removed target ('targettrack undo' reverts the last change)").format(
                                target_id=target_id))
        for doc, snap, entry in backups.documents_newest_first(self.path, target_id):
            try:
                return from_dict(doc), snap, entry
            except (ValueError, TypeError, ArithmeticError):
                continue
        raise InputError(_("no kept version holds a target {target_id} (versions are kept in {folder}; 'targettrack doctor' lists them)").format(
                        target_id=repr(target_id), folder=backups.folder(self.path)))


class Batch:
    """New or changed target documents for one write, each encoded to its
    line as it is added, numbered as put_all numbers them: an import of
    thousands holds their lines, not their targets."""

    def __init__(self, ids: dict[str, int]):
        self.ids = dict(ids)
        self.ids_at: dict[str, str] = {}          # document number -> the id written there
        self.lines: dict[str, bytes] = {}
        self._next = max(ids.values(), default=0) + 1

    def add(self, target_id: str, doc: dict) -> None:
        number = self.ids.get(target_id)
        if number is None:
            number, self._next = self._next, self._next + 1
            self.ids[target_id] = number
        key = str(number)
        self.lines[key] = layout.doc_line(key, doc).encode("utf-8")
        self.ids_at[key] = target_id
