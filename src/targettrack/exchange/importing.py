"""Import into an open store, a JSON export read a target at a time.

An export of 10,000 targets decoded whole is five times its size in Python
objects, and the targets planned from it as much again; a store of 100,000
took 3 GB to import. A JSON export in UTF-8 (what `export` writes) is read
here as it is decoded, each target planned with its observations, encoded
to its line and let go (importplan.plan_streamed). What needs the whole file
at once (an id given twice, "targets" given twice, text that is not UTF-8)
is left to importplan.plan_import, as is CSV and a workbook: same rules, same
messages, the store untouched until everything is read.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from ..util.errors import InputError
from ..util.i18n import _
from . import importplan, jsonstream, readrows
from .importplan import Plan

PIECE = 1 << 20  # bytes decoded at a time


class Source:
    """The file to import: a path, read a piece at a time (nothing of it is
    held), or bytes already read (stdin)."""

    def __init__(self, name: str, path: Path | None = None, raw: bytes | None = None):
        self.name, self.path, self.raw = name, path, raw

    def size(self) -> int:
        return len(self.raw) if self.raw is not None else self._stat().st_size

    def head(self, n: int) -> bytes:
        if self.raw is not None:
            return self.raw[:n]
        with self._open() as f:
            return f.read(n)

    def chunks(self, step=None):
        if self.raw is not None:
            for at in range(0, len(self.raw), PIECE):
                if step is not None:
                    step(min(PIECE, len(self.raw) - at))
                yield self.raw[at : at + PIECE]
            return
        with self._open() as f:
            while True:
                try:
                    chunk = f.read(PIECE)
                except OSError as e:
                    raise self._unreadable(e) from None
                if not chunk:
                    return
                if step is not None:
                    step(len(chunk))
                yield chunk

    def whole(self) -> bytes:
        if self.raw is None:
            try:
                return self.path.read_bytes()
            except OSError as e:
                raise self._unreadable(e) from None
        return self.raw

    def _open(self):
        try:
            return open(self.path, "rb")
        except OSError as e:
            raise self._unreadable(e) from None

    def _stat(self):
        try:
            return os.stat(self.path)
        except OSError as e:
            raise self._unreadable(e) from None

    def _unreadable(self, e: OSError) -> InputError:
        return InputError(_("FILE: cannot read {file} ({reason})").format(file=self.path, reason=e.strerror))


def streamable(head: bytes) -> bool:
    """JSON (an object or an array), perhaps after a UTF-8 byte-order mark, by the file's first bytes."""
    start = len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0
    for byte in head[start:]:
        if byte not in b" \t\r\n":
            return byte in b"{["
    return False


def pieces(chunks):
    """The text of UTF-8 bytes, a piece at a time (UnicodeDecodeError if they are not UTF-8)."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    for chunk in chunks:
        yield decoder.decode(chunk)
    yield decoder.decode(b"", final=True)


def streamed(store, source: Source, today, *, now: str, write: bool, step=None, by: str | None = None) -> Plan | None:
    """Plan the import of `source` (a JSON export) into `store` and, with
    `write`, write it: one write, all or nothing. None if the file must be
    read whole instead (see the module's note); nothing is written then."""
    if not streamable(source.head(HEAD)):
        return None
    stream = readrows.StreamedJSON(pieces(source.chunks(step)), source.name)
    batch = store.batch() if write else None
    try:
        plan = importplan.plan_streamed(
            stream, store.get, today, now=now, keep=batch.add if batch is not None else _ignore, by=by
        )
    except (jsonstream.Unstreamable, UnicodeDecodeError):
        return None
    if batch is not None and (batch.lines or plan.settings and plan.settings != store.settings()):
        store.describe(f"import {source.name}")
        store.put_batch(batch, plan.settings)
    return plan


HEAD = 4096  # white space before the first { or [ in more than this is not an export worth streaming


def _ignore(target_id: str, doc: dict) -> None:
    pass
