"""The store file's bytes, line by line: no file access here.

A store is written in one layout, so that the same content always gives the
same bytes, and so that `git diff` of one value recorded is a line or two a
reviewer can read (issue 31): each target is a block of lines, one field a
line (sorted), and each of its values a line of its own:

    {
    "meta": {
    "1": {"app": "targettrack", "schema": 4}
    },
    "targets": {
    "1": {
     "deadline": "2025",
     "id": "sh-robot-brands",
     "observations": [
      {"date": "2024", "recorded_at": "...", "recorded_by": "王芳", "value": 3},
      {"date": "2025", "recorded_at": "...", "recorded_by": "李明", "value": 5}
     ],
     "title": "10 leading robot brands"
    },
    "2": {
     ...
    }
    }
    }

Inside a block every line starts with a space, and a line break inside JSON
text is always escaped, so a raw line break followed by a quote starts a
target's block and nothing else. In this module a target's "line" is its
block (the bytes from its `"N": {` to its closing `}`).

That layout is also what lets a command that changes one target of 10,000
rewrite one block instead of decoding and encoding them all: `split` cuts
the bytes into blocks without decoding JSON, `join` puts them back, and a
change (`Delta`) is the blocks it replaced and the blocks that replaced
them, which is also how the version log keeps it (backups.py).
`join(split(raw)) == raw` holds for every file `split` accepts; anything
else (an older store with a target a line, a file from other hands) is left
to the full decoder, and its next write is in this layout.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

META_TABLE = "meta"
TARGETS_TABLE = "targets"

_OPEN_META = b'"meta": {'
_OPEN_TARGETS = b'"targets": {'


# json.dumps with these options makes a new encoder at every call: a store
# of 10,000 targets is 380,000 values, and one encoder made once writes
# them in two thirds of the time (the same text: dumps makes this encoder).
_value = json.JSONEncoder(ensure_ascii=False, sort_keys=True, allow_nan=False).encode


def compact(doc: dict) -> str:
    """A document's JSON on one line, keys sorted (a store read, not written: recast.py)."""
    return _value(doc)


def doc_line(doc_id: str, doc: dict) -> str:
    """One target's block (without the comma that follows all but the last): its
    fields a line each, sorted; its observations a line each. The meta document
    (doc_id "1" of the meta table, written by meta_doc_line) stays on one line."""
    keys = sorted(doc)
    out = [f"{json.dumps(str(doc_id))}: {{"]
    for i, key in enumerate(keys):
        comma = "," if i < len(keys) - 1 else ""
        value = doc[key]
        if key == "observations" and isinstance(value, list) and value:
            out.append(f" {_value(key)}: [")
            out += [f"  {_value(o)}," for o in value[:-1]]
            out.append(f"  {_value(value[-1])}")
            out.append(f" ]{comma}")
        else:
            out.append(f" {_value(key)}: {_value(value)}{comma}")
    out.append("}")
    return "\n".join(out)


def meta_doc_line(doc: dict) -> str:
    """The meta document's line: one line, as every store has had it."""
    return f'"1": {_value(doc)}'


def line_body(line: bytes) -> bytes:
    """The document's JSON in its line (doc_line's output, encoded)."""
    return line[line.index(b": ") + 2 :]


def dumps(data: dict, reuse: dict[str, str] | None = None) -> str:
    """Deterministic text: tables in name order, documents in id order, one per line.

    `reuse` maps a target document's number to its line as last written, for
    documents that have not changed."""
    out = ["{"]
    names = sorted(data)
    for ti, name in enumerate(names):
        docs = sorted(data[name].items(), key=lambda kv: int(kv[0]))
        out.append(f"{json.dumps(name)}: {{")
        lines = reuse if reuse is not None and name == TARGETS_TABLE else {}
        for di, (doc_id, doc) in enumerate(docs):
            body = lines.get(str(doc_id))
            if body is None:
                body = doc_line(doc_id, doc) if name == TARGETS_TABLE else f"{json.dumps(str(doc_id))}: {_value(doc)}"
            out.append(body + ("," if di < len(docs) - 1 else ""))
        out.append("}" + ("," if ti < len(names) - 1 else ""))
    out.append("}")
    return "\n".join(out) + "\n"


class Lines(NamedTuple):
    """A store in the layout above: the meta document's line and each target
    document's line by its number (in ascending order), as bytes."""

    meta: bytes
    docs: Mapping = MappingProxyType({})  # read-only when none are given: a write copies the docs it changes


_HEAD = b'{\n"meta": {\n'
_MIDDLE = b'\n},\n"targets": {\n'
_TAIL = b"\n}\n}\n"


def split(raw: bytes) -> Lines | None:
    """The lines of a store in the layout above, or None for any other text
    (another layout, other tables, a document over two lines): those take the
    full decoder. Only the frame is checked here, not the JSON in a line.

    A line break inside a JSON document is always escaped, so every raw
    line break in a store is one of the layout's."""
    if not raw.startswith(_HEAD) or not raw.endswith(_TAIL):
        return None
    middle = raw.find(_MIDDLE, len(_HEAD))
    if middle < 0:
        return None
    meta = raw[len(_HEAD) : middle]
    if not meta.startswith(b'"1": {') or not meta.endswith(b"}") or b"\n" in meta:
        return None
    start = middle + len(_MIDDLE)
    if start == len(raw) - len(_TAIL) + 1 and raw[start - 1 :] == b"\n}\n}\n":
        return Lines(meta)  # no targets: '"targets": {' is followed by '}'
    try:
        blocks = list(_blocks(raw, start, len(raw) - len(_TAIL)))
    except ValueError:
        return None
    keys = [block[1 : block.find(b'": {')] for block in blocks]
    if not b"".join(keys).isdigit() or any(k[:1] == b"0" for k in keys):
        return None
    numbers = list(map(int, keys))
    if any(a >= b for a, b in zip(numbers, numbers[1:])):
        return None
    return Lines(meta, dict(zip((k.decode("ascii") for k in keys), blocks)))


def _blocks(raw: bytes, start: int, end: int):
    """Each target's block between `start` and `end` (the targets table's body), as bytes;
    ValueError at anything that is not a block of the layout (an older store's one-line target)."""
    while start < end:
        nxt = raw.find(b'\n"', start, end)
        stop = end if nxt < 0 else nxt - 1  # the block's last byte is before ",\n"
        if nxt >= 0 and raw[nxt - 1 : nxt] != b",":
            raise ValueError("not in targettrack's layout")
        if raw[start : start + 1] != b'"' or raw[stop - 2 : stop] != b"\n}" or raw.find(b'": {\n', start, stop) < 0:
            raise ValueError("not in targettrack's layout")
        yield raw[start:stop]
        start = nxt + 1 if nxt >= 0 else end


def documents(raw: bytes):
    """(number, the JSON of its document) of each target line of a store in
    the layout above, one at a time and without copying the rest: for bytes
    known to be targettrack's own (split() checked them when they were
    written). A line that is not of the layout raises ValueError."""
    middle = raw.find(_MIDDLE, len(_HEAD)) if raw.startswith(_HEAD) and raw.endswith(_TAIL) else -1
    if middle < 0:
        raise ValueError("not in targettrack's layout")
    start, end = middle + len(_MIDDLE), len(raw) - len(_TAIL)
    if start > end:
        return  # no targets
    for block in _blocks(raw, start, end):
        colon = block.find(b'": {')
        yield block[1:colon].decode("ascii"), block[colon + 3 :]


def numbered_in_order(raw: bytes) -> bool:
    """The target lines of a store in the layout are numbered in ascending
    order, each number once (no JSON decoded): what reading them one at a
    time needs of a file from other hands."""
    last = 0
    try:
        for key, _doc in documents(raw):
            if not key.isdigit() or int(key) <= last:
                return False
            last = int(key)
    except (ValueError, UnicodeDecodeError):
        return False
    return True


# --- a few lines, without cutting the whole file ---------------------------------
# A command about one target of 10,000 finds its line by its number or its id
# and splices the new line in: split() and join() of every line were most of
# an update. Only for bytes known to be in this layout (targettrack's own);
# splice() gives the very bytes and change record join() and diff() would.


def _body(raw: bytes) -> tuple[int, int] | None:
    """Where the target lines are: from the first line's start to the last line's end (its newline)."""
    if not raw.startswith(_HEAD) or not raw.endswith(_TAIL):
        return None
    middle = raw.find(_MIDDLE, len(_HEAD))
    if middle < 0:
        return None
    start, end = middle + len(_MIDDLE), len(raw) - len(_TAIL)
    return (start, end) if start <= end else None  # an empty table has no lines


def find_line(raw: bytes, number: str) -> tuple[int, int] | None:
    """(start, end) of document `number`'s line, without its comma; None if it has none.
    A line break in a document is always escaped, so a raw one starts a line."""
    body = _body(raw)
    if body is None:
        return None
    at = raw.find(b'\n"' + number.encode("ascii") + b'": {\n', body[0] - 1, body[1])
    if at < 0:
        return None
    return at + 1, _block_end(raw, at + 1, body[1])


def _block_end(raw: bytes, start: int, end: int) -> int:
    """Where the block that starts at `start` ends (before its comma)."""
    nxt = raw.find(b'\n"', start + 1, end)
    return end if nxt < 0 else nxt - 1


def find_id(raw: bytes, target_id: str, first: bool = False) -> tuple[str, int, int] | None:
    """The number of the document whose id is `target_id` (line_id's reading
    of its line) and where its line is (find_line's span), or None if no
    line, or more than one, has it. first=True: the first line that has it,
    for bytes whose ids are known to be unique (the rest is not searched)."""
    body = _body(raw)
    if body is None:
        return None
    needle = b'\n "id": ' + json.dumps(target_id, ensure_ascii=False).encode("utf-8")
    found = []
    at = raw.find(needle, body[0], body[1])
    while at >= 0:
        start = raw.rfind(b'\n"', 0, at) + 1
        end = _block_end(raw, start, body[1])
        line = raw[start:end]
        if line_id(line) == target_id:
            found.append((line[1 : line.find(b'": {')].decode("ascii"), start, end))
            if first:
                break
        at = raw.find(needle, end, body[1])
    return found[0] if len(found) == 1 else None


class Pieces(tuple):
    """A file's bytes as the stretches a splice made them of: views of the
    unchanged bytes and the new lines, in order. Written, hashed and
    checksummed piece by piece; joined only where something reads them
    whole: joining a large store's bytes was a measurable part of an update
    (bench/NOTES.md)."""

    __slots__ = ()

    def join(self) -> bytes:
        return b"".join(self)


def size(data: bytes | Pieces) -> int:
    """How many bytes `data` holds, whole or in pieces."""
    return len(data) if isinstance(data, bytes) else sum(map(len, data))


def splice(
    raw: bytes, meta: bytes, changes: dict[str, bytes | None], *, spans: dict[str, tuple[int, int]] | None = None
) -> tuple[Pieces, "Delta"] | None:
    """The bytes (in Pieces) and change record of `raw` with this meta line and these
    document lines (None: removed), as join() and diff() would make them, or
    None where splicing is not simple (the last line removed, a new line that
    does not come after all others, an empty table): the caller cuts the file.
    `spans`: lines already found in `raw` (find_line's spans, by number)."""
    body = _body(raw)
    old_meta = meta_line(raw)
    if body is None or old_meta is None:
        return None
    last_start = raw.rfind(b'\n"', body[0] - 1, body[1]) + 1
    last_number = int(raw[last_start + 1 : raw.find(b'": {', last_start)])
    cuts, added, docs = [], [], {}
    for number, after in changes.items():
        span = spans[number] if spans and number in spans else find_line(raw, number)
        if span is None:
            if after is None:
                continue
            if int(number) <= last_number:
                return None
            added.append((int(number), after))
            docs[number] = (None, after)
            continue
        start, end = span
        before = raw[start:end]
        if after == before:
            continue
        docs[number] = (before, after)
        if after is not None:
            cuts.append((start, end, after))
        elif start == last_start:
            return None  # the last line: the one before it would lose its comma
        else:
            cuts.append((start, end + 2, b""))  # the line, its comma and its newline
    if old_meta != meta:
        meta_at = len(_HEAD)
        cuts.append((meta_at, meta_at + len(old_meta), meta))
    if added:
        added.sort()
        cuts.append((body[1], body[1], [piece for _, line in added for piece in (b",\n", line)]))
    # Views of the unchanged stretches, not slices: slicing 13 MB copies it
    # (5 ms of an update at 10,000), and the pieces are written as they are.
    view = memoryview(raw)
    pieces, at = [], 0
    for start, end, text in sorted(cuts, key=lambda cut: cut[:2]):
        pieces.append(view[at:start])
        if isinstance(text, list):  # the added lines, each a piece
            pieces += text
        else:
            pieces.append(text)
        at = end
    pieces.append(view[at:])
    return Pieces(pieces), Delta((old_meta, meta) if old_meta != meta else None, docs)


def framed(raw: bytes) -> bool:
    """The frame of the layout (its head, meta line and tail), lines unchecked."""
    return raw.endswith(_TAIL) and meta_line(raw) is not None


def meta_line(raw: bytes) -> bytes | None:
    """The meta document's line of a store in the layout above, without
    cutting the rest (None for any other text)."""
    if not raw.startswith(_HEAD):
        return None
    middle = raw.find(_MIDDLE, len(_HEAD))
    meta = raw[len(_HEAD) : middle] if middle > 0 else b""
    return meta if meta.startswith(b'"1": {') and meta.endswith(b"}") and b"\n" not in meta else None


def join(lines: Lines) -> bytes:
    # One join over every piece: the store is built once, not a body and then a copy of it.
    return pieces(lines).join()


def pieces(lines: Lines) -> Pieces:
    """The bytes of `lines` as the pieces join() would join: written, hashed
    and kept piece by piece, the store's bytes are not held twice."""
    docs = lines.docs
    parts = [b"{\n", _OPEN_META, b"\n", lines.meta, b"\n},\n", _OPEN_TARGETS, b"\n"]
    for k in sorted(docs, key=int):
        parts += [docs[k], b",\n"]
    if docs:
        parts[-1] = b"\n"
    parts.append(b"}\n}\n")
    return Pieces(parts)


def line_id(line: bytes) -> str | None:
    """The target id in a target's block of this layout, without decoding it;
    None if it cannot be read that way (the caller decodes instead).

    Exact, not a guess: a raw line break is never inside JSON text, and only
    the target's own fields start a line with one space, so `\n "id": "` is
    the key of the target itself, not of an object nested in it."""
    at = line.find(b'\n "id": "')  # a top-level key: a block's fields are a line each, one space in
    if at < 0:
        return None
    value_start = at + 9
    end = line.find(b'"', value_start)
    value = line[value_start:end]
    if end < 0 or b"\\" in value:
        return None
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return None


class Delta(NamedTuple):
    """What one change did to the lines: for the meta line and for each
    changed document, (before, after); None for a document added or removed."""

    meta: tuple[bytes, bytes] | None
    docs: dict[str, tuple[bytes | None, bytes | None]]

    def to_json(self, base: int) -> str:
        def text(b):
            return None if b is None else b.decode("utf-8")

        out = {
            "base": base,
            "docs": {k: [text(b), text(a)] for k, (b, a) in sorted(self.docs.items(), key=lambda kv: int(kv[0]))},
        }
        if self.meta is not None:
            out["meta"] = [text(self.meta[0]), text(self.meta[1])]
        return json.dumps(out, ensure_ascii=False, indent=0, sort_keys=True) + "\n"

    @staticmethod
    def from_json(raw: bytes) -> tuple[int, "Delta"]:
        """(the base version's number, the delta); ValueError if it is not one."""
        d = json.loads(raw.decode("utf-8"))

        def data(x):
            if x is None:
                return None
            if not isinstance(x, str):
                raise ValueError("a line is not text")
            return x.encode("utf-8")

        if not isinstance(d, dict) or type(d.get("base")) is not int or not isinstance(d.get("docs"), dict):
            raise ValueError("not a change record")
        docs = {}
        for k, pair in d["docs"].items():
            if not k.isdigit() or not isinstance(pair, list) or len(pair) != 2:
                raise ValueError("a changed line is not of the record's form")
            docs[k] = (data(pair[0]), data(pair[1]))
        meta = d.get("meta")
        if meta is not None:
            if not isinstance(meta, list) or len(meta) != 2 or meta[0] is None or meta[1] is None:
                raise ValueError("the meta line is not of the record's form")
            meta = (data(meta[0]), data(meta[1]))
        return d["base"], Delta(meta, docs)

    def least_record_size(self) -> int:
        """A floor of the bytes of to_json's text: each line with its quotes
        and backslashes escaped, in quotes (to say "too large" without making it)."""

        def least(b):
            return 0 if b is None else len(b) + b.count(b'"') + b.count(b"\\") + 2

        return sum(least(b) + least(a) for b, a in self.docs.values()) + (
            least(self.meta[0]) + least(self.meta[1]) if self.meta else 0
        )

    def size(self) -> int:
        return sum(len(b or b"") + len(a or b"") for b, a in self.docs.values()) + (
            len(self.meta[0]) + len(self.meta[1]) if self.meta else 0
        )


def diff(old: Lines, new: Lines) -> Delta:
    docs = {}
    for k in old.docs.keys() | new.docs.keys():
        before, after = old.docs.get(k), new.docs.get(k)
        if before != after:
            docs[k] = (before, after)
    return Delta((old.meta, new.meta) if old.meta != new.meta else None, docs)


def apply(lines: Lines, delta: Delta, reverse: bool = False) -> Lines:
    """The lines after `delta` (before it, with reverse=True); ValueError if
    `lines` do not hold what the delta says it replaced."""
    frm, to = (1, 0) if reverse else (0, 1)
    docs = dict(lines.docs)
    for k, pair in delta.docs.items():
        if docs.get(k) != pair[frm]:
            raise ValueError(f"document {k} is not the line the change record replaced")
        if pair[to] is None:
            docs.pop(k, None)
        else:
            docs[k] = pair[to]
    meta = lines.meta
    if delta.meta is not None:
        if meta != delta.meta[frm]:
            raise ValueError("the meta line is not the one the change record replaced")
        meta = delta.meta[to]
    return Lines(meta, docs)
