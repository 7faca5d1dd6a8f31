"""Export: the whole store as JSON or CSV (pure: targets in, text out).

JSON export: {"format": "targettrack-export", "version": 1, "schema": N,
"exported_at": ..., "settings": {...}, "targets": [target, ...]} where each
target is the store's own document (observations inside).

CSV export: two tables separated by one empty line, each with its header:
targets (TARGET_COLUMNS), then observations (OBSERVATION_COLUMNS).
"""

from __future__ import annotations

import io

from ..model.quantity import format_number
from ..model.settings import Settings
from ..model.stored import to_dict
from ..model.target import Observation, Target
from ..util.csvcells import Number, write_rows
from .columns import EXPORT_FORMAT, OBSERVATION_COLUMNS, SOURCE_COLUMNS, TARGET_COLUMNS

# --- export -------------------------------------------------------------------


def export_json(targets, settings: Settings, exported_at: str, *, schema: int) -> str:
    return "".join(export_json_pieces(targets, settings, exported_at, schema=schema))


def export_json_pieces(targets, settings: Settings, exported_at: str, *, schema: int):
    """The JSON export, as pieces of text to write one after the other (the
    targets may be an iterator: nothing holds the whole store's text), the
    same bytes as json.dumps(document, ensure_ascii=False, indent=1). A
    target may come already written, as its json_piece."""
    from ..util.jsonindent import dumps

    head = {
        "format": EXPORT_FORMAT,
        "version": 1,
        "schema": schema,
        "exported_at": exported_at,
        "settings": settings.to_dict(),
    }
    text = dumps(head)
    yield text[:-2] + ',\n "targets": '
    sep = "[\n  "
    for t in targets:
        yield sep  # apart from the target: no copy of a long piece to join them
        yield t if type(t) is str else json_piece(t)
        sep = ",\n  "
    yield "[]\n}\n" if sep == "[\n  " else "\n ]\n}\n"


def json_piece(t: Target) -> str:
    """One target as the JSON export writes it (exportcache.py keeps these)."""
    from ..util.jsonindent import dumps

    return dumps(to_dict(t), 2)


def _target_row(t: Target) -> dict:
    d = to_dict(t)
    row = {k: d.get(k) for k in TARGET_COLUMNS}
    row["tags"] = ";".join(t.tags)
    row["target"] = Number(format_number(t.target)) if t.target is not None else None
    row["baseline"] = Number(format_number(t.baseline)) if t.baseline is not None else None
    row["binding"] = None if t.binding is None else ("true" if t.binding else "false")
    row["approx"] = "true" if t.approx else None
    row["at_deadline"] = "true" if t.at_deadline else None
    for column, key in SOURCE_COLUMNS.items():
        row[column] = getattr(t.source, key)
    return row


def export_rows(targets: list[Target]) -> dict[str, list[dict]]:
    """The two tables export writes (CSV or a workbook): target rows, then observation rows
    in stored order, so that an import gives back the same store."""
    obs = [row for t in targets for row in _observation_rows(t)]
    return {"targets": [_target_row(t) for t in targets], "observations": obs}


def _observation_rows(t: Target) -> list[dict]:
    return [
        {
            "id": t.id,
            "date": o.date.label,
            "value": _shown(t, o),
            "note": o.note,
            "source": o.source,
            "recorded_at": o.recorded_at,
            "measure": o.measure,
            "recorded_by": o.recorded_by,
        }
        for o in t.observations
    ]


def _shown(t: Target, o: Observation):
    """A value as a spreadsheet cell: a number, or done / undone for a milestone (as `update` takes it)."""
    if t.spec.boolean:
        return "done" if o.value else "undone"
    return Number(format_number(o.value))


def export_csv(targets) -> str:
    return "".join(export_csv_pieces(targets))


def export_csv_pieces(targets):
    """The CSV export as pieces of text, the targets read once (they may be an
    iterator): their rows are written as they come, their observations'
    rows (the second table) are held as text until the end."""
    later = io.StringIO()
    write_rows(OBSERVATION_COLUMNS, (), later)
    out = io.StringIO()
    write_rows(TARGET_COLUMNS, (), out)
    for t in targets:
        write_rows(TARGET_COLUMNS, [_target_row(t)], out, header_line=False)
        write_rows(OBSERVATION_COLUMNS, _observation_rows(t), later, header_line=False)
        if out.tell() > 1 << 16:
            yield out.getvalue()
            out = io.StringIO()
    out.write("\n")
    yield out.getvalue()
    yield later.getvalue()


# --- export --fields ------------------------------------------------------------------------


def fields_known() -> tuple[str, ...]:
    """What `export --fields` takes: the targets table's columns, and `observations` (the values)."""
    return (*TARGET_COLUMNS, "observations")


def chosen_json_pieces(targets, fields: tuple[str, ...], settings: Settings, exported_at: str, *, schema: int):
    """The JSON export with each target cut to `fields`, in that order: its document's own keys as stored
    (a source's as source, source_publisher...: the targets table's names), `observations` its values."""
    from ..util.jsonindent import dumps

    def piece(t: Target) -> str:
        d, row = to_dict(t), _target_row(t)
        kept = {}
        for k in fields:
            if k == "observations":
                kept[k] = d.get("observations", [])
            elif k in SOURCE_COLUMNS:
                kept[k] = row[k]
            else:
                kept[k] = d.get(k)
        return dumps(kept, 2)

    return export_json_pieces((piece(t) for t in targets), settings, exported_at, schema=schema)


def chosen_csv_pieces(targets, fields: tuple[str, ...]):
    """The CSV export's targets table cut to `fields` (the observations table follows if asked for)."""
    columns = [f for f in fields if f != "observations"]
    out, later = io.StringIO(), io.StringIO()
    write_rows(columns, (), out)
    if "observations" in fields:
        write_rows(OBSERVATION_COLUMNS, (), later)
    for t in targets:
        write_rows(columns, [_target_row(t)], out, header_line=False)
        if "observations" in fields:
            write_rows(OBSERVATION_COLUMNS, _observation_rows(t), later, header_line=False)
    if "observations" in fields:
        out.write("\n")
    yield out.getvalue()
    yield later.getvalue()
