"""The store file's bytes, line by line: no file access here.

A store is written in one layout, so that the same content always gives the
same bytes and `git diff` shows one line per changed target:

    {
    "meta": {
    "1": {"app": "targettrack", "schema": 3}
    },
    "targets": {
    "1": {...one target, sorted keys...},
    "2": {...}
    }
    }

That layout is also what lets a command that changes one target of 10,000
rewrite one line instead of decoding and encoding them all: `split` cuts the
bytes into lines without decoding JSON, `join` puts them back, and a change
(`Delta`) is the lines it replaced and the lines that replaced them, which is
also how the version log keeps it (backups.py). `join(split(raw)) == raw`
holds for every file `split` accepts; anything else is left to the full
decoder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

META_TABLE = "meta"
TARGETS_TABLE = "targets"

_OPEN_META = b'"meta": {'
_OPEN_TARGETS = b'"targets": {'


def doc_line(doc_id: str, doc: dict) -> str:
    """One document's line (without the comma that follows all but the last)."""
    return f"{json.dumps(str(doc_id))}: {json.dumps(doc, ensure_ascii=False, sort_keys=True, allow_nan=False)}"


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
                body = doc_line(doc_id, doc)
            out.append(body + ("," if di < len(docs) - 1 else ""))
        out.append("}" + ("," if ti < len(names) - 1 else ""))
    out.append("}")
    return "\n".join(out) + "\n"


@dataclass
class Lines:
    """A store in the layout above: the meta document's line and each target
    document's line by its number (in ascending order), as bytes."""

    meta: bytes
    docs: dict[str, bytes] = field(default_factory=dict)


_HEAD = b'{\n"meta": {\n'
_MIDDLE = b'\n},\n"targets": {\n'
_TAIL = b'\n}\n}\n'


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
    meta = raw[len(_HEAD):middle]
    if not meta.startswith(b'"1": {') or not meta.endswith(b"}") or b"\n" in meta:
        return None
    start = middle + len(_MIDDLE)
    if start == len(raw) - len(_TAIL) + 1 and raw[start - 1:] == b"\n}\n}\n":
        return Lines(meta)  # no targets: '"targets": {' is followed by '}'
    body = raw[start:len(raw) - len(_TAIL)]
    lines = body.split(b",\n")
    if body.count(b"\n") != len(lines) - 1:
        return None
    keys = [line[1:line.find(b'": {')] for line in lines]
    if not b"".join(keys).isdigit() or any(k[:1] == b"0" for k in keys):
        return None
    numbers = list(map(int, keys))
    if any(a >= b for a, b in zip(numbers, numbers[1:])):
        return None
    if not all(line[:1] == b'"' and line[-1:] == b"}" for line in lines):
        return None
    return Lines(meta, dict(zip((k.decode("ascii") for k in keys), lines)))


def documents(raw: bytes):
    """(number, the JSON of its document) of each target line of a store in
    the layout above, one at a time and without copying the rest: for bytes
    known to be targettrack's own (split() checked them when they were
    written). A line that is not of the layout raises ValueError."""
    middle = raw.find(_MIDDLE, len(_HEAD)) if raw.startswith(_HEAD) and raw.endswith(_TAIL) else -1
    if middle < 0:
        raise ValueError("not in targettrack's layout")
    start, end = middle + len(_MIDDLE), len(raw) - len(_TAIL)
    while start < end:
        stop = raw.find(b",\n", start, end)
        stop = end if stop < 0 else stop
        colon = raw.find(b'": {', start, stop)
        if raw[start:start + 1] != b'"' or colon < 0 or raw[stop - 1:stop] != b"}":
            raise ValueError("not in targettrack's layout")
        yield raw[start + 1:colon].decode("ascii"), raw[colon + 3:stop]
        start = stop + 2


def meta_line(raw: bytes) -> bytes | None:
    """The meta document's line of a store in the layout above, without
    cutting the rest (None for any other text)."""
    if not raw.startswith(_HEAD):
        return None
    middle = raw.find(_MIDDLE, len(_HEAD))
    meta = raw[len(_HEAD):middle] if middle > 0 else b""
    return meta if meta.startswith(b'"1": {') and meta.endswith(b"}") and b"\n" not in meta else None


def join(lines: Lines) -> bytes:
    docs = lines.docs
    body = b",\n".join(docs[k] for k in sorted(docs, key=int)) if docs else None
    parts = [b"{", _OPEN_META, lines.meta, b"},", _OPEN_TARGETS]
    if body is not None:
        parts.append(body)
    parts += [b"}", b"}", b""]
    return b"\n".join(parts)


def line_id(line: bytes) -> str | None:
    """The target id in a document line of this layout, without decoding the
    line; None if it cannot be read that way (the caller decodes instead).

    Exact, not a guess: inside a JSON string every quote is escaped, so
    `{"id": "` or `, "id": "` can only be a key; and with no `{` or `[`
    between the document's brace and that key, it is a key of the document
    itself, not of an object nested in it."""
    start = line.find(b'": {') + 3
    at = line.find(b'"id": "', start)
    if at < 0 or line[at - 1:at] not in (b"{", b" ") or (at > start + 1 and line[at - 2:at] != b", "):
        return None
    if line.find(b"{", start + 1, at) >= 0 or line.find(b"[", start + 1, at) >= 0:
        return None
    value_start = at + 7
    end = line.find(b'"', value_start)
    value = line[value_start:end]
    if end < 0 or b"\\" in value:
        return None
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return None


@dataclass(frozen=True)
class Delta:
    """What one change did to the lines: for the meta line and for each
    changed document, (before, after); None for a document added or removed."""

    meta: tuple[bytes, bytes] | None
    docs: dict[str, tuple[bytes | None, bytes | None]]

    def to_json(self, base: int) -> str:
        def text(b):
            return None if b is None else b.decode("utf-8")

        out = {"base": base, "docs": {k: [text(b), text(a)] for k, (b, a) in sorted(self.docs.items(), key=lambda kv: int(kv[0]))}}
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

    def size(self) -> int:
        return sum(len(b or b"") + len(a or b"") for b, a in self.docs.values()) + \
            (len(self.meta[0]) + len(self.meta[1]) if self.meta else 0)


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
