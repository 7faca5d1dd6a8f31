"""`--format csv`: one row per target, the header always printed.

The record's nested fields are flattened: tags joined with ';', the source
spread over source_document, source_url, ... columns.
"""

from __future__ import annotations

from ..csvcells import write_rows
from ..records import FIELDS, SOURCE_FIELDS, record

HEADER = [f for f in FIELDS if f != "source"] + [f"source_{k}" for k in SOURCE_FIELDS]


def render(rows, out, *, color: bool = False) -> None:
    flat = []
    for t, a in rows:
        r = record(t, a)
        for k, v in r.pop("source").items():
            r[f"source_{k}"] = v
        flat.append(r)
    write_rows(HEADER, flat, out)
