"""`--format csv`: one row per target, the header always printed.

The record's nested fields are flattened: tags joined with ';', the source
spread over source_document, source_url, ... columns.
"""

from __future__ import annotations

import csv

from ..records import FIELDS, SOURCE_FIELDS, record

HEADER = [f for f in FIELDS if f != "source"] + [f"source_{k}" for k in SOURCE_FIELDS]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = ";".join(value)
    if isinstance(value, str):
        # A spreadsheet runs a text cell starting with = + - @ as a formula
        # (OWASP "CSV injection"): a leading apostrophe keeps it text.
        return "'" + value if value.startswith(FORMULA_START) else value
    return str(value)


def write_rows(header, dict_rows, out) -> None:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    for r in dict_rows:
        w.writerow([cell(r.get(k)) for k in header])


def render(rows, out, *, color: bool = False) -> None:
    flat = []
    for t, a in rows:
        r = record(t, a)
        for k, v in r.pop("source").items():
            r[f"source_{k}"] = v
        flat.append(r)
    write_rows(HEADER, flat, out)
