"""`--format json`: a JSON array of records (see records.FIELDS)."""

from __future__ import annotations

import json

from ..judge.listrecord import json_record


def dump(obj, out) -> None:
    out.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def piece(t, a) -> str:
    """One target's record, as its line of the array."""
    return json.dumps(json_record(t, a), ensure_ascii=False)


def render(rows, out, *, color: bool = False) -> None:
    render_pieces([piece(t, a) for t, a in rows], out)


def render_pieces(pieces: list[str], out, *, color: bool = False) -> None:
    """One record a line inside the array: still one JSON document, readable,
    and much faster to write than indented JSON for a large store
    (docs/benchmarks.md has the figures)."""
    if not pieces:
        out.write("[]\n")
        return
    out.write("[\n")
    for i, p in enumerate(pieces):
        out.write(p + (",\n" if i < len(pieces) - 1 else "\n]\n"))
