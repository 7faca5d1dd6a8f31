"""Import, first step: a file's text read as rows (pure: text in, rows out).

CSV: any number of tables, told apart by their header; a text cell the
export protected from spreadsheets with a leading ' has it removed. JSON: an
export, whole or streamed a target at a time.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field

from ..model.quantity import format_number, from_json_number
from ..util.csvcells import unprotect
from ..util.errors import InputError
from ..util.i18n import _
from . import jsonstream
from .columns import (
    EXPORT_FORMAT,
    HEADER_ALIASES,
    IMPORT_OBSERVATION_COLUMNS,
    OBSERVATION_COLUMNS,
    SOURCE_COLUMNS,
    TARGET_COLUMNS,
    VALUE_COLUMNS,
)

# --- import: reading rows -------------------------------------------------------


@dataclass(slots=True)
class Rows:
    targets: list[tuple[str, dict]] = field(default_factory=list)  # (where, row)
    observations: list[tuple[str, dict]] = field(default_factory=list)
    settings: dict | None = None
    notes: list[str] = field(default_factory=list)  # what was read otherwise than asked, or left out (plantable)
    ids: set[str] = field(default_factory=set)  # the ids made for rows that had none (plantable)


def delimiter(text: str) -> str:
    """The cells' separator, as spreadsheets save them: a comma, or a tab (Excel's "Unicode Text"), or a
    semicolon (Excel where a comma is the decimal mark): the one the first line of cells uses most,
    outside quotes."""
    first = next((line for line in text.split("\n") if line.strip("\r\t ,;")), "")
    outside = re.sub(r'"[^"]*"', "", first)
    counts = {d: outside.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _blank(line: str, sep: str) -> bool:
    """A line with no cell in it: empty, or only separators (a spreadsheet's saved blank row: ,,,,)."""
    return line.strip("\r\n\t ").replace(sep, "").replace('""', "").strip() == ""


def read_csv(text: str, name: str) -> Rows:
    rows = Rows()
    sep = delimiter(text)
    # Rows end at "\n" (or "\r\n") only: str.splitlines would also break a
    # row at a form feed or U+2028 inside a title.
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    tables: list[tuple[int, list[str]]] = []
    start, chunk, quotes = 0, [], 0
    for i, line in enumerate(lines):
        # A blank line outside quotes ends a table; inside a quoted cell it is data.
        if _blank(line, sep) and chunk and quotes % 2 == 0:
            tables.append((start, chunk))
            chunk, quotes = [], 0
        elif chunk or not _blank(line, sep):
            if not chunk:
                start = i
            chunk.append(line)
            quotes += line.count('"')
    if chunk:
        tables.append((start, chunk))
    if not tables:
        raise InputError(_("{name}: no rows to import").format(name=name))
    # A cell may be as long as export writes it (a quote of a whole page).
    csv.field_size_limit(2**31 - 1)
    if sep != ",":
        rows.notes.append(
            _("{name}: read as {kind}-separated").format(name=name, kind=_("tab") if sep == "\t" else _("semicolon"))
        )
    for first_line, table in tables:
        try:
            _read_table(rows, name, first_line, table=table, sep=sep)
        except csv.Error as e:
            raise InputError(
                _("{name}, from line {number}: not CSV as export writes it ({detail})").format(
                    name=name, number=first_line + 1, detail=e
                )
            ) from None
    return rows


def _read_table(rows: Rows, name: str, first_line: int, *, table: list[str], sep: str = ",") -> None:
    reader = csv.reader(io.StringIO("".join(table)), strict=True, delimiter=sep)  # an unclosed quote is an error
    try:
        header = next(reader)
    except StopIteration:
        return
    add_table(rows, name, _("line {n}").format(n=first_line + 1), header=header, body=reader, clean_cell=unprotect)


def add_table(rows: Rows, name: str, where: str, *, header: list[str], body, clean_cell) -> None:
    """One table of rows (a CSV table or a spreadsheet's sheet): the header
    names the kind of table (target or observation columns, English or
    Chinese), and each row becomes a dict of the cells given."""
    from . import plantable

    header, body, skipped = _header_row(rows, name, where, header=header, body=body)
    header = _named(header)
    while header and not header[-1]:
        header.pop()  # a spreadsheet pads the header with empty cells: not columns
    if "" in header:
        raise InputError(
            _(
                "{name}, {where}: column {letter} has no name in the header row; name it (id, title, "
                "date, value, ...) or empty the column"
            ).format(name=name, where=where, letter=_letter(header.index("")))
        )
    if plantable.is_plan_table(header):  # a plan's indicator table as printed: 指标, 2020年, 2025年, 属性
        rows.targets += plantable.rows(
            header,
            body,
            lambda n: _("{name}, {where}, row {n}").format(name=name, where=where, n=n),
            taken=rows.ids,
            notes=rows.notes,
        )
        return
    if "title" in header:
        kind, required, allowed, sink = _("target"), ("id", "title"), TARGET_COLUMNS, rows.targets
    elif "date" in header and any(c in header for c in VALUE_COLUMNS):
        kind, required, allowed, sink = _("observation"), ("id", "date"), IMPORT_OBSERVATION_COLUMNS, rows.observations
    else:
        raise InputError(
            _(
                "{name}, {where}: a header row must name target columns ({items}, ...) or observation "
                "columns ({items2}, ...); got {items3}"
            ).format(
                name=name,
                where=where,
                items=", ".join(TARGET_COLUMNS[:4]),
                items2=", ".join(OBSERVATION_COLUMNS[:3]),
                items3=", ".join(header),
            )
        )
    _check_header(header, allowed, required, name=name, where=where, kind=kind)
    for n, cells in enumerate(body, start=2 + skipped):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header) and not any(c.strip() for c in cells[len(header) :]):
            cells = cells[: len(header)]  # padded with empty cells by a spreadsheet
        if len(cells) != len(header):
            raise InputError(
                _("{name}, {kind} table row {n}: {count} cells for {count2} columns").format(
                    name=name, kind=kind, n=n, count=len(cells), count2=len(header)
                )
            )
        row = {h: clean_cell(c) for h, c in zip(header, cells) if c != ""}
        _lost_digits(row, _("{name}, {kind} table row {n}").format(name=name, kind=kind, n=n), rows.notes)
        sink.append((_("{name}, {kind} table row {n}").format(name=name, kind=kind, n=n), row))


def _header_row(rows: Rows, name: str, where: str, *, header: list[str], body):
    """The table's header row: the first, or within three rows below a title above it (said in
    rows.notes, not refused); the rows after it; how many rows were skipped."""
    body = iter(body)
    skipped = 0
    if not _recognised(_named(header)):
        # A title above the table (one merged cell, or the upper rows of a two-row header): the table's
        # header is a row below it, within three. Said, not refused.
        above = [header]
        while len(above) <= 3:
            below = next(body, None)
            if below is None:
                break
            if _recognised(_named(below)):
                for row in above:
                    rows.notes.append(
                        _("{name}, {where}: skipped {text} above the header row").format(
                            name=name, where=where, text=repr(" ".join(c.strip() for c in row if c.strip())[:60])
                        )
                    )
                header, skipped = below, len(above)
                break
            above.append(below)
        if skipped == 0 and len(above) > 1:  # no header below after all: the rows read go back in front
            import itertools

            body = itertools.chain(above[1:], body)
    return header, body, skipped


def _check_header(header: list[str], allowed, required, *, name: str, where: str, kind: str) -> None:
    """Refuse a header with a column of another table, a column named twice, or a required one missing."""
    unknown = [h for h in header if h not in allowed]
    if unknown:
        raise InputError(
            _("{name}, {where}: unknown {kind} column {value}; the columns are {items}").format(
                name=name, where=where, kind=kind, value=repr(unknown[0]), items=", ".join(allowed)
            )
        )
    if len(set(header)) != len(header):
        raise InputError(_("{name}, {where}: a column is named twice").format(name=name, where=where))
    for need in required:
        if need not in header:
            raise InputError(
                _("{name}, {where}: {kind} rows need a {need} column").format(
                    name=name, where=where, kind=kind, need=repr(need)
                )
            )


def _named(header: list[str]) -> list[str]:
    return [HEADER_ALIASES.get(h.strip().lower(), h.strip().lower()) for h in header]


def _recognised(header: list[str]) -> bool:
    """A header row of import's: target or observation columns, or a plan's table."""
    from . import plantable

    named = [h for h in header if h]
    return (
        "title" in named
        or ("date" in named and any(c in named for c in VALUE_COLUMNS))
        or plantable.is_plan_table(named)
    )


def _letter(i: int) -> str:
    letters = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        letters = chr(65 + r) + letters
    return letters


# A number a spreadsheet shows in scientific notation with all of its 15 significant digits used
# (1.23456789012346E+016) may have been cut: 12345678901234567 was saved as 12345678901234600.
_SCIENTIFIC = re.compile(r"^[+-]?\d\.\d{13,}[eE][+-]?\d+$")


def _lost_digits(row: dict, where: str, notes: list[str]) -> None:
    for column, cell in row.items():
        if isinstance(cell, str) and _SCIENTIFIC.match(cell.strip()):
            whole = format_number(from_json_number(cell.strip()))
            notes.append(
                _(
                    "{where}, column {column}: {value} ({whole}) may have lost digits in a spreadsheet, which "
                    "keeps 15; check it"
                ).format(where=where, column=column, value=cell.strip(), whole=whole)
            )


def read_json(text: str, name: str) -> Rows:
    try:
        doc = json.loads(text.lstrip("\ufeff"))  # a byte-order mark, as Windows editors write
    except (ValueError, RecursionError) as e:
        raise _not_json(name, e) from None
    if isinstance(doc, list):
        targets, settings = doc, None
    else:
        _check_export(doc, name, True)
        targets, settings = doc.get("targets"), doc.get("settings")
    if not isinstance(targets, list):
        raise InputError(_('{name}: "targets" is not a list').format(name=name))
    rows = Rows(settings=settings if isinstance(settings, dict) else None)
    for i, t in enumerate(targets, 1):
        where = _("{name}, target {i}").format(name=name, i=i)
        row, observations = json_target(t, where)
        rows.targets.append((where, row))
        rows.observations += observations
    return rows


def _not_json(name: str, e: Exception) -> InputError:
    if isinstance(e, (json.JSONDecodeError, jsonstream.JSONError)):
        return InputError(
            _("{name}: not valid JSON (line {line}, column {column}: {detail})").format(
                name=name, line=e.lineno, column=e.colno, detail=e.msg
            )
        )
    if isinstance(e, RecursionError):
        return InputError(_("{name}: not a targettrack export (JSON nested too deeply)").format(name=name))
    if "integer string conversion" in str(e):  # Python refuses an integer of more than 4,300 digits
        return InputError(
            _("{name}: a number of more than 4,300 digits; nothing tracked is that long").format(name=name)
        )
    return InputError(_("{name}: not valid JSON ({detail})").format(name=name, detail=str(e)[:200]))


def _check_export(doc, name: str, whole: bool) -> None:
    """Refuse a document that is not an export; with `whole` False (its
    members read so far) only a "format" that is there and wrong."""
    if isinstance(doc, dict) and (doc.get("format") == EXPORT_FORMAT or not whole and "format" not in doc):
        return
    raise InputError(
        _(
            '{name}: expected a targettrack export (an object with "format": "{export_format}") or '
            "a JSON array of targets"
        ).format(name=name, export_format=EXPORT_FORMAT)
    )


_END = object()


class StreamedJSON:
    """read_json for text that arrives in pieces (jsonstream): the same rows
    and the same errors, yielded a target at a time as (where, row, the
    rows of its observations); `settings` is set once they are all read."""

    def __init__(self, pieces, name: str):
        self.name = name
        self.settings: dict | None = None
        self._doc = jsonstream.Export(pieces)

    def __iter__(self):
        name, doc = self.name, self._doc
        elements, i = doc.targets(), 0
        while True:
            try:  # the decoder's errors only: a row's problems are InputErrors (ValueErrors too)
                t = next(elements, _END)
            except UnicodeDecodeError:
                raise  # not UTF-8 after all: the caller reads it whole, as another encoding
            except (ValueError, RecursionError) as e:
                raise _not_json(name, e) from None
            if t is _END:
                break
            i += 1
            if i == 1 and doc.header is not None:
                _check_export(doc.header, name, False)  # a wrong format is said before any row's problem
            where = _("{name}, target {i}").format(name=name, i=i)
            yield (where, *json_target(t, where))
        if doc.header is not None:
            _check_export(doc.header, name, True)
            if not doc.found:
                raise InputError(_('{name}: "targets" is not a list').format(name=name))
            settings = doc.header.get("settings")
            self.settings = settings if isinstance(settings, dict) else None


def json_target(t, where: str) -> tuple[dict, list[tuple[str, dict]]]:
    """One target of a JSON export as import's rows: its row and its observations' rows."""
    if not isinstance(t, dict):
        raise InputError(_("{where}: not an object").format(where=where))
    obs = t.get("observations") or []
    if not isinstance(obs, list):
        raise InputError(_("{where}, field observations: not a list").format(where=where))
    src = t.get("source") or {}
    if not isinstance(src, dict):
        raise InputError(_("{where}, field source: not an object").format(where=where))
    row = {k: v for k, v in t.items() if k not in ("observations", "source")}
    row.update({col: src[key] for col, key in SOURCE_COLUMNS.items() if src.get(key) is not None})
    unknown = [k for k in row if k not in TARGET_COLUMNS]
    if unknown:
        raise InputError(_("{where}: unknown field {value}").format(where=where, value=repr(unknown[0])))
    observations = []
    for j, o in enumerate(obs, 1):
        if not isinstance(o, dict):
            raise InputError(_("{where}, observation {j}: not an object").format(where=where, j=j))
        unknown = [k for k in o if k not in IMPORT_OBSERVATION_COLUMNS]
        if unknown:
            raise InputError(
                _("{where}, observation {j}: unknown field {value}").format(where=where, j=j, value=repr(unknown[0]))
            )
        observations.append((_("{where}, observation {j}").format(where=where, j=j), {**o, "id": row.get("id")}))
    return row, observations


def read(text: str, name: str) -> Rows:
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith(("{", "[")):
        return read_json(text, name)
    return read_csv(text.lstrip("\ufeff"), name)
