"""`--fields`: the fields a person chose, in the order given, as the
columns of a table or the keys of JSON and CSV (gh's `--json FIELDS`).

A target's fields are its record's (judge/listrecord.FIELDS, with
`status_label`, and its source's as `source_document`, `source_url`...);
an observation's are OBSERVATION_FIELDS. In JSON and CSV a field holds the
record's value as it is; in a table, what a person reads (a value with its
unit, a deadline as the plan writes it).
"""

from __future__ import annotations

import json

from ..judge.listrecord import FIELDS, SOURCE_FIELDS, json_record
from ..util.csvcells import row_line, write_rows
from ..util.errors import InputError
from ..util.i18n import _
from .cells import current_cell, progress_cell, target_cell

TARGET_FIELDS = FIELDS + ("status_label",) + tuple(f"source_{k}" for k in SOURCE_FIELDS)


def chosen(given: list[str], known: tuple[str, ...]) -> tuple[str, ...] | None:
    """The fields of --fields (repeated or comma-separated), each once, in order; None if none were given."""
    names = [n.strip() for value in given for n in value.split(",") if n.strip()]
    if not given:
        return None
    unknown = [n for n in names if n not in known]
    if unknown or not names:
        raise InputError(
            _("--fields: {unknown} is not a field; the fields are {known}").format(
                unknown=", ".join(unknown) or repr(",".join(given)), known=", ".join(known)
            )
        )
    return tuple(dict.fromkeys(names))


def value(record: dict, name: str):
    """A field of a record, a source's field included (source_url)."""
    if name.startswith("source_") and name[7:] in SOURCE_FIELDS and "source" in record:
        return (record["source"] or {}).get(name[7:])
    return record.get(name)


def _shown(t, a, record: dict, name: str) -> str:
    """A field as a table shows it."""
    if name == "current":
        return current_cell(t, a)
    if name == "target":
        return target_cell(t)
    if name == "progress":
        return progress_cell(t, a)
    if name == "deadline":
        return t.deadline.label if t.deadline else "-"
    return cell(value(record, name))


def _flat(v):
    return json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else v


def cell(v) -> str:
    if v is None:
        return "-"
    if isinstance(v, list):
        return ", ".join(str(x) for x in v) or "-"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, dict):  # a source: its document, else its address
        return str(v.get("document") or v.get("url") or "-")
    return str(v)


def target_piece(fields: tuple[str, ...], fmt: str):
    """What a list in `fmt` needs of each (target, assessment): a JSON text, a CSV line or a row of cells."""

    def piece(t, a):
        record = json_record(t, a)
        if fmt == "json":
            return json.dumps({k: value(record, k) for k in fields}, ensure_ascii=False)
        if fmt == "csv":  # a whole source in one cell is its JSON
            return row_line(list(fields), {k: _flat(value(record, k)) for k in fields})
        return tuple(_shown(t, a, record, k) for k in fields)

    return piece


def write(fields: tuple[str, ...], fmt: str, pieces: list, out, *, total: int | None = None) -> None:
    """The pieces of target_piece (or of observations: rows of values), written in `fmt`."""
    if fmt == "json":
        from .json_format import render_pieces

        render_pieces(pieces, out)
    elif fmt == "csv":
        write_rows(list(fields), [], out)
        for p in pieces:
            out.write(p)
    else:
        from .plain import write_table

        rows = [tuple(f.upper() for f in fields)] + list(pieces)
        write_table(rows, out, total=total)


def observation_rows(records: list[dict], fields: tuple[str, ...], fmt: str) -> list:
    """History's records cut to `fields`: dicts for JSON, lines for CSV, rows of cells for a table."""
    if fmt == "json":
        return [{k: r[k] for k in fields} for r in records]
    if fmt == "csv":
        return [row_line(list(fields), r) for r in records]
    return [tuple(cell(r[k]) for k in fields) for r in records]


def one_target(t, a, fields: tuple[str, ...], fmt: str, out) -> None:
    """`show --fields`: one JSON object, or a line a field (its values, for `observations`, counted)."""
    from ..judge.listrecord import observation_records

    record = json_record(t, a)
    if "observations" in fields:
        record["observations"] = observation_records(t)
    if fmt == "json":
        out.write(json.dumps({k: value(record, k) for k in fields}, ensure_ascii=False, indent=2) + "\n")
        return
    rows = [
        (k, _("{n} values").format(n=len(record["observations"])) if k == "observations" else _shown(t, a, record, k))
        for k in fields
    ]
    size = max(len(k) for k in fields)
    for k, shown in rows:
        out.write(f"{k.ljust(size)}  {shown}\n")
