"""Excel workbooks in and out (`export --format xlsx`, `import FILE.xlsx`).

The same two tables as CSV (exchange.TARGET_COLUMNS, OBSERVATION_COLUMNS),
one sheet each, so a workbook round-trips exactly as CSV does:

* a number is a number cell when a double holds it exactly, else text
  (Excel keeps 15 significant digits; a store may hold more);
* a date given as a day is a real Excel date; a year, month or quarter
  stays the text that says so (2025, 2025-06), since a date cell would
  turn "by 2025" into 31 December;
* text is always a text cell, never a formula, and characters XML cannot
  hold (control characters, CR) are written as Excel itself writes them,
  _xHHHH_, with a literal "_xHHHH_" escaped as _x005F_xHHHH_.

openpyxl is imported only here, and only when a workbook is read or written.
"""

from __future__ import annotations

import io
import math
import re
from datetime import date, datetime
from decimal import Decimal

from ..model.kinds import KINDS
from ..model.quantity import format_number, from_json_number
from ..util.csvcells import Number
from ..util.errors import InputError
from ..util.i18n import _
from .columns import HEADER_ALIASES, OBSERVATION_COLUMNS, TARGET_COLUMNS
from .exporting import export_rows
from .readrows import Rows, add_table

SHEETS = {"targets": TARGET_COLUMNS, "observations": OBSERVATION_COLUMNS}
DATE_COLUMNS = {"date", "deadline", "start", "baseline_date", "source_date"}
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\r\ufffe\uffff]")
XLSX_MAGIC = b"PK\x03\x04"  # a workbook is a zip file

NOTES = [
    ("sheet", "column", "what it takes"),
    ("targets", "id", "1-64 characters: a-z, 0-9, '-', '_' or '.'; 编号"),
    ("targets", "title", "what the target is about; 名称"),
    ("targets", "kind", f"one of {', '.join(KINDS)} (default increase); 类型"),
    ("targets", "unit", "家, 个, 亿元, km, %; 单位"),
    ("targets", "baseline / baseline_date", "the value at the start and its period; 基期值 / 基期"),
    ("targets", "target", "the value to reach, or the limit (1000亿元, 65%); 目标值"),
    ("targets", "start / deadline", "2025, 2025-06, 2025Q3, 2025年底, or a date cell; 起始 / 截止日期"),
    (
        "targets",
        "form / change / each",
        "change, growth or cumulative; relative, absolute or points; year, quarter ...",
    ),
    ("targets", "binding", "true (约束性) or false (预期性); 属性"),
    ("targets", "frequency / lag", "year, half, quarter, month or day; 90d; 频率 / 滞后"),
    ("observations", "id / date", "the target's id; the period the value is for (2024, 2024-06, a date cell); 日期"),
    ("observations", "value", "the level (850亿元, -0.5%); 数值"),
    ("observations", "change", "instead of value: an increment on the latest value; 增量"),
    ("observations", "yoy", "instead of value: a change in % on the year before; 同比"),
    ("observations", "note / source", "备注 / 来源"),
]


def escape(text: str) -> str:
    """Text as an xlsx cell holds it (OOXML's ST_Xstring escapes)."""
    text = _ESCAPED.sub(lambda m: "_x005F" + m.group(0), text)
    return _ILLEGAL.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)


def unescape(text: str) -> str:
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def _exact_float(value: Decimal) -> float | int | None:
    if value == value.to_integral_value() and abs(value) < 2**53:
        return int(value)
    f = float(value)
    return f if Decimal(repr(f)) == value else None


def _write_cell(ws, row: int, col: int, *, column: str, value) -> None:
    from openpyxl.cell.cell import TYPE_STRING

    cell = ws.cell(row=row, column=col)
    if value is None or value == "":
        return
    if isinstance(value, Number):
        number = _exact_float(Decimal(str.__str__(value)))
        if number is not None:
            cell.value = number
            return
        value = str.__str__(value)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        cell.value = value
        return
    if column in DATE_COLUMNS and isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        cell.value = date.fromisoformat(value)
        cell.number_format = "yyyy-mm-dd"
        return
    cell.value = escape(value if isinstance(value, str) else ";".join(value) if isinstance(value, list) else str(value))
    cell.data_type = TYPE_STRING  # never a formula, whatever it starts with


def export_xlsx(targets, template: bool = False) -> bytes:
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    wb.remove(wb.active)
    tables = export_rows([] if template else targets)
    for sheet, columns in SHEETS.items():
        ws = wb.create_sheet(sheet)
        for col, name in enumerate(columns, 1):
            ws.cell(row=1, column=col, value=name)
        for r, row in enumerate(tables[sheet], 2):
            for col, name in enumerate(columns, 1):
                _write_cell(ws, r, col, column=name, value=row.get(name))
        ws.freeze_panes = "A2"
        if sheet == "targets":
            kind = DataValidation(type="list", formula1=f'"{",".join(KINDS)}"', allow_blank=True)
            letter = ws.cell(row=1, column=columns.index("kind") + 1).column_letter
            kind.add(f"{letter}2:{letter}100000")
            ws.add_data_validation(kind)
    if template:
        notes = wb.create_sheet("notes")
        for r, line in enumerate(NOTES, 1):
            for c, text in enumerate(line, 1):
                notes.cell(row=r, column=c, value=text)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


MAX_COLUMNS = 256  # a sheet of import's is a few dozen columns wide; a cell beyond this is refused, never padded to


def _read_cell(value, percent: bool = False) -> str:
    """A cell as import reads text. `percent`: the cell shows a number as a
    percentage (0.035 shown as 3.5%), and means 3.5%."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if value.time() == datetime.min.time():
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        number = from_json_number(value)  # ValueError out of range, said by the caller with its cell
        return format_number(number * 100) + "%" if percent else format_number(number)
    return unescape(str(value))


def _date_cell(value):
    """A number in a date column: a whole year (2025) stays a year; from 10000 on it is
    an Excel serial day number (45473 is 2024-06-30), as a cell not formatted
    as a date shows one. Anything else (2024.1, which Excel keeps for a
    typed 2024.10) is neither: a ValueError the caller says with its cell."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return value
    if not math.isfinite(value) or value != int(value) or not 1000 <= value < 2958466:
        raise ValueError(
            _(
                "{value} in a date column is neither a year nor an Excel date (Excel keeps a typed "
                "2024.10 as 2024.1): type the period as text, such as 2024-10, or as a date cell"
            ).format(value=format_number(from_json_number(value)))
        )
    if value >= 10000:
        from openpyxl.utils.datetime import from_excel

        return from_excel(value)
    return int(value)


def _scan(archive, path: str) -> tuple[list[str], list[str]]:
    """The sheet's formulas with no value saved (data_only reads them as empty)
    and its merged ranges, read from its XML as it streams (openpyxl's
    read-only mode says neither)."""
    from xml.etree.ElementTree import iterparse

    try:
        with archive.open(path) as f:
            head, found = b"", False
            while chunk := f.read(1 << 20):
                if b"<f" in head[-8:] + chunk or b"mergeCell" in head[-16:] + chunk:
                    found = True
                    break
                head = chunk
    except KeyError:
        return [], []
    if not found:
        return [], []
    formulas, merged = [], []
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    with archive.open(path) as f:
        for _event, elem in iterparse(f):
            if elem.tag == ns + "c":
                v = elem.find(ns + "v")
                if elem.find(ns + "f") is not None and (v is None or not (v.text or "").strip()):
                    formulas.append(elem.get("r") or "?")
                elem.clear()
            elif elem.tag == ns + "mergeCell":
                merged.append(elem.get("ref") or "?")
            elif elem.tag == ns + "row":
                elem.clear()
    return formulas, merged


def _sheet_rows(ws, name: str) -> list[tuple[int, list[str]]]:
    """(row number, cells as text) of each row with something in it, read as it
    streams: never padded to the size a sheet declares, at most MAX_COLUMNS wide."""
    rows: list[tuple[int, list[str]]] = []
    dates: set[int] = set()
    header_seen = False
    at = 0
    cells_of = ws.iter_rows()
    while True:
        try:
            row = next(cells_of, None)
        except Exception as e:  # a damaged part (a shared string that is not there, a bad value): said, not raised
            raise InputError(
                _(
                    "{name}, sheet {sheet}, after row {row}: the workbook is damaged ({kind}); open it in "
                    "Excel and save it again"
                ).format(name=name, sheet=ws.title, row=at, kind=type(e).__name__)
            ) from None
        if row is None:
            break
        at += 1
        texts: list[str] = []
        for i, cell in enumerate(row):
            value = getattr(cell, "value", None)
            if value is None or value == "":
                texts.append("")
                continue
            where = _("{name}, sheet {sheet}, cell {cell}").format(
                name=name, sheet=ws.title, cell=f"{_letter(i)}{getattr(cell, 'row', at) or at}"
            )
            if i >= MAX_COLUMNS:
                raise InputError(
                    _("{where}: beyond column {last}; a sheet for import has at most {n} columns").format(
                        where=where, last=_letter(MAX_COLUMNS - 1), n=MAX_COLUMNS
                    )
                )
            try:
                if i in dates:
                    value = _date_cell(value)
                percent = isinstance(value, (int, float)) and "%" in (getattr(cell, "number_format", "") or "")
                texts.append(_read_cell(value, percent and i not in dates))
            except ValueError as e:
                raise InputError(f"{where}: {e}") from None
        while texts and not texts[-1].strip():
            texts.pop()
        if not texts:
            continue
        if not header_seen:
            header_seen = True
            names = [HEADER_ALIASES.get(t.strip().lower(), t.strip().lower()) for t in texts]
            dates = {i for i, n in enumerate(names) if n in DATE_COLUMNS}
        rows.append((getattr(row[0], "row", at) or at, texts))
    return rows


def _letter(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i + 1)


def read_xlsx(raw: bytes, name: str) -> Rows:
    """Each sheet whose first row names target or observation columns (English or Chinese) is a table."""
    from zipfile import BadZipFile, ZipFile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        archive = ZipFile(io.BytesIO(raw))
    except (BadZipFile, KeyError, ValueError, OSError) as e:
        raise InputError(
            _("{name}: not an Excel workbook that can be read ({kind}); save it from Excel as .xlsx").format(
                name=name, kind=type(e).__name__
            )
        ) from None
    rows = Rows()
    for ws in wb.worksheets:
        if ws.title == "notes":
            continue
        formulas, merged = _scan(archive, getattr(ws, "_worksheet_path", "").lstrip("/"))
        if formulas:
            raise InputError(
                _(
                    "{name}, sheet {sheet}, cell {cell}: a formula with no value saved; open the workbook "
                    "in Excel and save it first"
                ).format(name=name, sheet=ws.title, cell=formulas[0])
            )
        ws.reset_dimensions()  # the rows as they are, not the size the sheet declares
        found = _sheet_rows(ws, name)
        if not found:
            continue
        header_row = found[0][0]
        spans = [m for m in merged if _below(m, header_row)]
        if spans:
            raise InputError(
                _(
                    "{name}, sheet {sheet}, cells {cells}: merged cells in the table give their value to "
                    "their first cell only; unmerge them so that each row has its own"
                ).format(name=name, sheet=ws.title, cells=spans[0])
            )
        header = found[0][1]
        body = [(texts + [""] * len(header))[: len(header)] for _row, texts in found[1:]]
        if any(len(texts) > len(header) for _row, texts in found[1:]):
            row, texts = next((r, t) for r, t in found[1:] if len(t) > len(header))
            raise InputError(
                _("{name}, sheet {sheet}, cell {cell}: a value beyond the last named column").format(
                    name=name, sheet=ws.title, cell=f"{_letter(len(header))}{row}"
                )
            )
        add_table(rows, name, _("sheet {name}").format(name=ws.title), header=header, body=body, clean_cell=lambda c: c)
    wb.close()
    if not rows.targets and not rows.observations:
        raise InputError(_("{name}: no sheet with target or observation columns").format(name=name))
    return rows


def _below(ref: str, header_row: int) -> bool:
    """Whether a merged range (A2:A4) reaches below the header row (a title merged above it is no harm)."""
    rows = [int(n) for n in re.findall(r"\d+", ref)]
    return bool(rows) and max(rows) > header_row
