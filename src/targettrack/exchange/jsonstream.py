"""A JSON export read as it arrives: one target at a time (pure: text pieces in).

`json.loads` of a 10,000-target export holds every target as Python dicts
at once, four to five times the file; import then builds rows and targets
from them. Here the document's frame (the export's object, or a bare array
of targets) is walked by hand and each element of its "targets" array is
decoded alone by the standard decoder (`raw_decode`), so only the element
being read and a window of text are held.

What is accepted is exactly what `json.loads` accepts, and a problem is
reported at the same line and column with the decoder's own words: an
element cut by the end of a piece of text fails to decode and is tried
again with more text, so an error is only final when the text has ended.
"""

from __future__ import annotations

import json
import re
from typing import Iterable, Iterator

_DECODER = json.JSONDecoder()
_NON_SPACE = re.compile(r"[^ \t\n\r]")  # JSON's white space is these four, nothing else
KEEP = 1 << 20  # text already read is dropped once this much of it piles up


class Unstreamable(Exception):
    """What only the whole document says: "targets" given twice (the last
    counts), or an id given twice. The caller decodes it whole instead."""


class JSONError(ValueError):
    """Not valid JSON: the decoder's message, with the line and column in the whole text."""

    def __init__(self, msg: str, line: int, column: int):
        super().__init__(f"{msg}: line {line} column {column}")
        self.msg, self.lineno, self.colno = msg, line, column


class Text:
    """The text of `pieces`, read on demand, with positions kept in the whole."""

    def __init__(self, pieces: Iterable[str]):
        self._pieces = iter(pieces)
        self.buf = ""
        self.pos = 0
        self.ended = False
        self._lines = 0  # newlines in the text dropped from buf
        self._column = 0  # characters after the last dropped newline

    def _more(self, at_least: int = 1) -> bool:
        """Read at least `at_least` more characters (or to the end); False,
        and nothing moved, if there were none."""
        got = []
        size = 0
        while size < at_least:
            piece = next(self._pieces, None)
            if piece is None:
                self.ended = True
                break
            got.append(piece)
            size += len(piece)
        if not size:
            return False
        if self.pos > KEEP:  # what was read before pos is done with: let it go, counting its lines
            dropped = self.buf[: self.pos]
            newlines = dropped.count("\n")
            self._lines += newlines
            self._column = len(dropped) - dropped.rindex("\n") - 1 if newlines else self._column + len(dropped)
            self.buf, self.pos = self.buf[self.pos :], 0
        self.buf += "".join(got)
        return True

    def peek(self) -> str | None:
        """The next character that is not white space (not consumed), or None at the end."""
        while True:
            m = _NON_SPACE.search(self.buf, self.pos)
            if m is not None:
                self.pos = m.start()
                return self.buf[self.pos]
            self.pos = len(self.buf)
            if not self._more():
                return None

    def take(self, char: str, expecting: str) -> None:
        if self.peek() != char:
            raise self.error(expecting, self.pos)
        self.pos += 1

    def value(self):
        """The next JSON value, decoded."""
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as e:
                # Perhaps only cut short by the end of what was read: read as
                # much again (so a long value is not decoded over and over).
                if self._more(max(len(self.buf) - self.pos, 1)):
                    continue
                raise self.error(e.msg, e.pos) from None
            # A number read up to the end of what was read, or to a "." or
            # "e+" that might go on (0. of 0.5, 1e of 1e5), may be longer.
            if type(value) in (int, float) and len(self.buf) - end < 3 and not self.ended and self._more():
                continue
            self.pos = end
            return value

    def error(self, msg: str, pos: int) -> JSONError:
        before = self.buf.rfind("\n", 0, pos)
        line = self._lines + self.buf.count("\n", 0, pos) + 1
        column = pos - before if before >= 0 else self._column + pos + 1
        return JSONError(msg, line, column)


class Export:
    """The document in `pieces`: a targettrack export (an object whose
    "targets" is an array) or a bare array of targets.

    `targets()` yields the decoded elements of that array, in order; once it
    is exhausted, `header` holds the object's other members (None for a bare
    array, the value itself if it is neither) and `found` whether an array of
    targets was there at all (False when "targets" was missing or not an
    array, as `header` then shows). Raises JSONError as the whole text would
    have failed to decode, and Unstreamable for "targets" given twice."""

    def __init__(self, pieces: Iterable[str]):
        self._text = Text(pieces)
        self.header: dict | None = None
        self.found = False

    def targets(self) -> Iterator:
        text = self._text
        first = text.peek()
        if first == "[":
            self.found = True
            yield from self._array()
        elif first == "{":
            self.header = {}
            yield from self._members()
        else:
            self.header = text.value()  # not an object or array: the caller says what it expected
        if text.peek() is not None:
            raise text.error("Extra data", text.pos)

    def _items(self, opening: str, closing: str) -> Iterator[None]:
        """Once at the start of each item of the array or object that opens
        here (the caller reads the item), then past its closing bracket."""
        text = self._text
        text.take(opening, "Expecting value")
        if text.peek() == closing:
            text.pos += 1
            return
        while True:
            yield
            if text.peek() == closing:
                text.pos += 1
                return
            text.take(",", "Expecting ',' delimiter")

    def _array(self) -> Iterator:
        for _ in self._items("[", "]"):
            yield self._text.value()

    def _members(self) -> Iterator:
        text = self._text
        for _ in self._items("{", "}"):
            if text.peek() != '"':
                raise text.error("Expecting property name enclosed in double quotes", text.pos)
            key = text.value()
            text.take(":", "Expecting ':' delimiter")
            if key == "targets" and ("targets" in self.header or self.found):
                raise Unstreamable("targets given twice")
            if key == "targets" and text.peek() == "[":
                self.found = True
                yield from self._array()
            else:
                self.header[key] = text.value()
