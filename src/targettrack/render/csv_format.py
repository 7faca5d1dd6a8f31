"""`--format csv`: one row per target, the header always printed.

The record's nested fields are flattened: tags joined with ';', the source
spread over source_document, source_url, ... columns.
"""

from __future__ import annotations

from ..judge.listrecord import FIELDS, SOURCE_FIELDS, json_record
from ..util.csvcells import row_line, write_rows

HEADER = [f for f in FIELDS if f != "source"] + [f"source_{k}" for k in SOURCE_FIELDS]


def piece(t, a) -> str:
    """One target's row, written out (the record flattened)."""
    r = json_record(t, a)
    for k, v in r.pop("source").items():
        r[f"source_{k}"] = v
    return row_line(HEADER, r)


def render(rows, out, *, color: bool = False) -> None:
    render_pieces([piece(t, a) for t, a in rows], out)


def render_pieces(pieces: list[str], out, *, color: bool = False) -> None:
    write_rows(HEADER, [], out)
    for p in pieces:
        out.write(p)
