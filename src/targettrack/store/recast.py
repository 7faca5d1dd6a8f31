"""A store from other hands (pretty-printed by an editor or a script, its
keys in another order) read one target document at a time, so that its
first write holds one document decoded at a time instead of the whole file
in dicts (thirteen times the file: issue 36). No file access here.

Only the two levels above the documents are walked here: the top object
with its "meta" and "targets" tables, and each table's members; each
document is decoded by the JSON decoder's own scanner, from text decoded
a stretch at a time (a megabyte, more while a document runs past it).
Anything else a JSON decoder would take (another table, a key given twice,
a document that is not an object) is NotPlain, as is anything it would
not: the caller then decodes the whole file, which reads it, or says
exactly what is wrong with it.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from json.decoder import scanstring

from .fileformat import META_TABLE, TARGETS_TABLE

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
STRETCH = 1 << 20  # bytes decoded at a time


class NotPlain(Exception):
    """Bytes that are not a plain store object: left to the whole decoder."""


def documents(raw: bytes, stretch: int = STRETCH) -> Iterator[tuple[str, str, object]]:
    """(table, document key, the decoded document) of every document, in the
    file's order; raises NotPlain where the file is not two tables of objects
    (checked as far as it has been read: the end is checked last)."""
    text = _Text(raw, stretch)
    text.expect("{")
    tables: set[str] = set()
    more = not text.closes()
    while more:
        table = text.key()
        if table not in (META_TABLE, TARGETS_TABLE) or table in tables:
            raise NotPlain(table)
        tables.add(table)
        text.expect("{")
        keys: set[str] = set()
        inner = not text.closes()
        while inner:
            key = text.key()
            if key in keys:
                raise NotPlain(key)
            keys.add(key)
            yield table, key, text.value()
            inner = text.follows()
        more = text.follows()
    if not text.ended() or tables != {META_TABLE, TARGETS_TABLE}:
        raise NotPlain("the end")


class _Text:
    """The file's text, decoded a stretch at a time, read from `at` on."""

    def __init__(self, raw: bytes, stretch: int):
        self.raw, self.stretch = memoryview(raw), stretch
        self.read = 0  # bytes decoded so far
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.text, self.at = "", 0

    def _more(self) -> bool:
        """Decode the next stretch onto what is left to read (False at the end of the bytes)."""
        if self.read >= len(self.raw):
            return False
        end = min(len(self.raw), self.read + max(self.stretch, len(self.text) - self.at))
        try:
            added = self.decoder.decode(self.raw[self.read : end], final=end == len(self.raw))
        except UnicodeDecodeError:
            raise NotPlain("UTF-8") from None
        self.text, self.at, self.read = self.text[self.at :] + added, 0, end
        return True

    def _space(self) -> str:
        """The next character after white space ('' at the end)."""
        while True:
            self.at = _SPACE.match(self.text, self.at).end()
            if self.at < len(self.text) or not self._more():
                return self.text[self.at : self.at + 1]

    def expect(self, mark: str) -> None:
        if self._space() != mark:
            raise NotPlain(mark)
        self.at += 1

    def closes(self) -> bool:
        """An object closes here (its `}` read), or a member follows."""
        if self._space() == "}":
            self.at += 1
            return True
        return False

    def follows(self) -> bool:
        """After a value: a comma (True, another member follows) or the object's `}` (False)."""
        mark = self._space()
        if mark not in (",", "}"):
            raise NotPlain(mark)
        self.at += 1
        return mark == ","

    def key(self) -> str:
        """A member's key and its colon."""
        self.expect('"')
        key = self._whole(lambda: scanstring(self.text, self.at))
        self.expect(":")
        return key

    def value(self):
        """The object that starts here, decoded by the JSON decoder."""
        if self._space() != "{":
            raise NotPlain("{")
        return self._whole(lambda: _DECODER.raw_decode(self.text, self.at))

    def _whole(self, decode):
        """What `decode` reads from here, with more text decoded while it runs past the end of it."""
        while True:
            try:
                found, self.at = decode()
                return found
            except ValueError:  # cut short by the stretch, or wrong: the whole decoder says which
                if not self._more():
                    raise NotPlain(self.at) from None

    def ended(self) -> bool:
        return self._space() == ""
