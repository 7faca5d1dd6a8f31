"""Export and import: the whole store as JSON or CSV, and back (pure: text in, text out).

JSON export: {"format": "targettrack-export", "version": 1, "schema": N,
"exported_at": ..., "settings": {...}, "targets": [target, ...]} where each
target is the store's own document (observations inside).

CSV export: two tables separated by one empty line, each with its header:
targets (TARGET_COLUMNS), then observations (OBSERVATION_COLUMNS). Import
reads any number of such tables and tells them apart by their header; values
and dates take the command line's forms (1000亿元, 2025年底). A text cell the
export protected from spreadsheets with a leading ' has it removed.

Import is all or nothing: every row is read and every resulting target
checked before anything is written; the first problem names its row and
column. It is idempotent: an existing id is updated with the columns given,
and an observation identical to one already there (date, value, note,
source) is not added again.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field

from ..util.csvcells import Number, unprotect, write_rows
from ..model.dates import Period, parse_frequency, parse_lag, parse_period
from ..util.errors import InputError, at
from ..util.frozen import replace
from . import jsonstream
from ..util.i18n import N_, _
from ..model.target import CHANGES, FORMS, Observation, Source, Target, check_id, check_kind, check_method, check_tag, parse_tags, parse_unit, to_dict, validate
from ..model.operations import Levels, amount_in, change_unit, kind_for, observe, plausibility, qualified_target, qualifier_fields, target_and_unit
from ..model.qualifiers import KINDS_OF, read_words
from ..model.quantity import format_number, from_json_number, same_dimension
from ..model.settings import Settings

EXPORT_FORMAT = "targettrack-export"
TARGET_COLUMNS = ["id", "title", "title_en", "kind", "unit", "baseline", "baseline_date", "target", "start",
                  "deadline", "tags", "owner", "plan", "method", "source", "source_publisher", "source_date",
                  "source_url", "source_quote", "source_note", "created_at",
                  # schema 3 (docs/statuses.md, "Target forms" and "How statistics arrive")
                  "form", "change", "each", "binding", "frequency", "lag",
                  # schema 4 (docs/statuses.md, "Qualifiers" and "A target for the deadline's value")
                  "qualifier", "approx", "at_deadline",
                  # who added it and who last edited it (issue 31)
                  "created_by", "edited_by"]
# `measure` is "yoy" for a year-on-year change kept as given (a change or growth target), empty for a level.
OBSERVATION_COLUMNS = ["id", "date", "value", "note", "source", "recorded_at", "measure", "recorded_by"]
# What an observation row may give instead of `value` (import only; export writes levels):
# `change`, an increment on the latest value (update --by); `yoy`, a change in
# percent on the value a year before (update --yoy).
VALUE_COLUMNS = ("value", "change", "yoy")
IMPORT_OBSERVATION_COLUMNS = OBSERVATION_COLUMNS + ["change", "yoy"]
# Free text, given back exactly as written; every other cell is a value,
# date or name, and white space around it is dropped.
TEXT_COLUMNS = {"title", "title_en", "owner", "plan", "note", "source", "source_publisher", "source_url",
                "source_quote", "source_note", "recorded_by", "created_by", "edited_by"}
SOURCE_COLUMNS = {"source": "document", "source_publisher": "publisher", "source_date": "date",
                  "source_url": "url", "source_quote": "quote", "source_note": "note"}


# Chinese column headers, as analysts label their sheets (docs/guide.md lists them).
# One map for both tables: a header means the same column wherever it is.
HEADER_ALIASES = {
    "编号": "id", "代码": "id", "名称": "title", "标题": "title", "指标": "title", "指标名称": "title",
    "英文名称": "title_en", "英文标题": "title_en", "类型": "kind", "单位": "unit", "计量单位": "unit",
    "基期值": "baseline", "基数": "baseline", "基期": "baseline_date", "基期年份": "baseline_date",
    "目标值": "target", "目标": "target", "起始": "start", "开始": "start", "开始日期": "start",
    "截止": "deadline", "截止日期": "deadline", "期限": "deadline", "完成时限": "deadline", "标签": "tags",
    "责任单位": "owner", "牵头单位": "owner", "规划": "plan", "方法": "method", "来源": "source",
    "发布单位": "source_publisher", "发布日期": "source_date", "链接": "source_url", "网址": "source_url",
    "原文": "source_quote", "引文": "source_quote", "来源备注": "source_note", "创建时间": "created_at",
    "形式": "form", "变化类型": "change", "每期": "each", "属性": "binding", "频率": "frequency", "滞后": "lag",
    "日期": "date", "时间": "date", "数值": "value", "值": "value", "实际值": "value", "备注": "note",
    "记录时间": "recorded_at", "增量": "change", "同比": "yoy", "同比增长": "yoy", "度量": "measure",
}


# --- export -------------------------------------------------------------------

def export_json(targets, settings: Settings, exported_at: str, schema: int) -> str:
    return "".join(export_json_pieces(targets, settings, exported_at, schema))


def export_json_pieces(targets, settings: Settings, exported_at: str, schema: int):
    """The JSON export, as pieces of text to write one after the other (the
    targets may be an iterator: nothing holds the whole store's text), the
    same bytes as json.dumps(document, ensure_ascii=False, indent=1). A
    target may come already written, as its json_piece."""
    from ..util.jsonindent import dumps

    head = {"format": EXPORT_FORMAT, "version": 1, "schema": schema, "exported_at": exported_at,
            "settings": settings.to_dict()}
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
    return [{"id": t.id, "date": o.date.label, "value": _shown(t, o), "note": o.note, "source": o.source,
             "recorded_at": o.recorded_at, "measure": o.measure, "recorded_by": o.recorded_by}
            for o in t.observations]


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


# --- import: reading rows -------------------------------------------------------

@dataclass
class Rows:
    targets: list[tuple[str, dict]] = field(default_factory=list)       # (where, row)
    observations: list[tuple[str, dict]] = field(default_factory=list)
    settings: dict | None = None
    notes: list[str] = field(default_factory=list)  # what was read otherwise than asked, or left out (plantable)
    ids: set[str] = field(default_factory=set)      # the ids made for rows that had none (plantable)


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
        raise InputError(_('{name}: no rows to import').format(name=name))
    # A cell may be as long as export writes it (a quote of a whole page).
    csv.field_size_limit(2**31 - 1)
    if sep != ",":
        rows.notes.append(_("{name}: read as {kind}-separated").format(
            name=name, kind=_("tab") if sep == "\t" else _("semicolon")))
    for first_line, table in tables:
        try:
            _read_table(rows, name, first_line, table, sep)
        except csv.Error as e:
            raise InputError(_('{name}, from line {number}: not CSV as export writes it ({detail})').format(
                name=name, number=first_line + 1, detail=e)) from None
    return rows


def _read_table(rows: Rows, name: str, first_line: int, table: list[str], sep: str = ",") -> None:
    reader = csv.reader(io.StringIO("".join(table)), strict=True, delimiter=sep)  # an unclosed quote is an error
    try:
        header = next(reader)
    except StopIteration:
        return
    add_table(rows, name, _("line {n}").format(n=first_line + 1), header, reader, unprotect)


def add_table(rows: Rows, name: str, where: str, header: list[str], body, clean_cell) -> None:
    """One table of rows (a CSV table or a spreadsheet's sheet): the header
    names the kind of table (target or observation columns, English or
    Chinese), and each row becomes a dict of the cells given."""
    from . import plantable

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
                    rows.notes.append(_("{name}, {where}: skipped {text} above the header row").format(
                        name=name, where=where, text=repr(" ".join(c.strip() for c in row if c.strip())[:60])))
                header, skipped = below, len(above)
                break
            above.append(below)
        if skipped == 0 and len(above) > 1:  # no header below after all: the rows read go back in front
            import itertools

            body = itertools.chain(above[1:], body)
    header = _named(header)
    while header and not header[-1]:
        header.pop()  # a spreadsheet pads the header with empty cells: not columns
    if "" in header:
        raise InputError(_("{name}, {where}: column {letter} has no name in the header row; name it (id, title, "
                           "date, value, ...) or empty the column").format(
            name=name, where=where, letter=_letter(header.index(""))))
    if plantable.is_plan_table(header):  # a plan's indicator table as printed: 指标, 2020年, 2025年, 属性
        rows.targets += plantable.rows(header, body, lambda n: _("{name}, {where}, row {n}").format(
            name=name, where=where, n=n), rows.ids, rows.notes)
        return
    if "title" in header:
        kind, required, allowed, sink = _("target"), ("id", "title"), TARGET_COLUMNS, rows.targets
    elif "date" in header and any(c in header for c in VALUE_COLUMNS):
        kind, required, allowed, sink = _("observation"), ("id", "date"), IMPORT_OBSERVATION_COLUMNS, rows.observations
    else:
        raise InputError(_('{name}, {where}: a header row must name target columns ({items}, ...) or observation '
                            'columns ({items2}, ...); got {items3}').format(
            name=name, where=where, items=', '.join(TARGET_COLUMNS[:4]), items2=', '.join(OBSERVATION_COLUMNS[:3]), items3=', '.join(header)))
    unknown = [h for h in header if h not in allowed]
    if unknown:
        raise InputError(_('{name}, {where}: unknown {kind} column {value}; the columns are {items}').format(
            name=name, where=where, kind=kind, value=repr(unknown[0]), items=', '.join(allowed)))
    if len(set(header)) != len(header):
        raise InputError(_('{name}, {where}: a column is named twice').format(name=name, where=where))
    for need in required:
        if need not in header:
            raise InputError(_('{name}, {where}: {kind} rows need a {need} column').format(
                name=name, where=where, kind=kind, need=repr(need)))
    for n, cells in enumerate(body, start=2 + skipped):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header) and not any(c.strip() for c in cells[len(header):]):
            cells = cells[:len(header)]  # padded with empty cells by a spreadsheet
        if len(cells) != len(header):
            raise InputError(_('{name}, {kind} table row {n}: {count} cells for {count2} columns').format(
                name=name, kind=kind, n=n, count=len(cells), count2=len(header)))
        row = {h: clean_cell(c) for h, c in zip(header, cells) if c != ""}
        _lost_digits(row, _("{name}, {kind} table row {n}").format(name=name, kind=kind, n=n), rows.notes)
        sink.append((_("{name}, {kind} table row {n}").format(name=name, kind=kind, n=n), row))


def _named(header: list[str]) -> list[str]:
    return [HEADER_ALIASES.get(h.strip().lower(), h.strip().lower()) for h in header]


def _recognised(header: list[str]) -> bool:
    """A header row of import's: target or observation columns, or a plan's table."""
    from . import plantable

    named = [h for h in header if h]
    return ("title" in named or ("date" in named and any(c in named for c in VALUE_COLUMNS))
            or plantable.is_plan_table(named))


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
            notes.append(_("{where}, column {column}: {value} ({whole}) may have lost digits in a spreadsheet, which "
                           "keeps 15; check it").format(where=where, column=column, value=cell.strip(), whole=whole))


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
        return InputError(_('{name}: not valid JSON (line {line}, column {column}: {detail})').format(
            name=name, line=e.lineno, column=e.colno, detail=e.msg))
    if isinstance(e, RecursionError):
        return InputError(_('{name}: not a targettrack export (JSON nested too deeply)').format(name=name))
    if "integer string conversion" in str(e):  # Python refuses an integer of more than 4,300 digits
        return InputError(_('{name}: a number of more than 4,300 digits; nothing tracked is that long').format(
            name=name))
    return InputError(_('{name}: not valid JSON ({detail})').format(name=name, detail=str(e)[:200]))


def _check_export(doc, name: str, whole: bool) -> None:
    """Refuse a document that is not an export; with `whole` False (its
    members read so far) only a "format" that is there and wrong."""
    if isinstance(doc, dict) and (doc.get("format") == EXPORT_FORMAT or not whole and "format" not in doc):
        return
    raise InputError(_('{name}: expected a targettrack export (an object with "format": "{export_format}") or '
                       'a JSON array of targets').format(name=name, export_format=EXPORT_FORMAT))


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
        raise InputError(_('{where}: not an object').format(where=where))
    obs = t.get("observations") or []
    if not isinstance(obs, list):
        raise InputError(_('{where}, field observations: not a list').format(where=where))
    src = t.get("source") or {}
    if not isinstance(src, dict):
        raise InputError(_('{where}, field source: not an object').format(where=where))
    row = {k: v for k, v in t.items() if k not in ("observations", "source")}
    row.update({col: src[key] for col, key in SOURCE_COLUMNS.items() if src.get(key) is not None})
    unknown = [k for k in row if k not in TARGET_COLUMNS]
    if unknown:
        raise InputError(_('{where}: unknown field {value}').format(where=where, value=repr(unknown[0])))
    observations = []
    for j, o in enumerate(obs, 1):
        if not isinstance(o, dict):
            raise InputError(_('{where}, observation {j}: not an object').format(where=where, j=j))
        unknown = [k for k in o if k not in IMPORT_OBSERVATION_COLUMNS]
        if unknown:
            raise InputError(_('{where}, observation {j}: unknown field {value}').format(
                where=where, j=j, value=repr(unknown[0])))
        observations.append((_("{where}, observation {j}").format(where=where, j=j), {**o, "id": row.get("id")}))
    return row, observations


def read(text: str, name: str) -> Rows:
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith(("{", "[")):
        return read_json(text, name)
    return read_csv(text.lstrip("\ufeff"), name)


# --- import: rows to targets -----------------------------------------------------
# The same rules as the command line (model.validate, ops.observe); only the
# place named in a refusal differs: "FILE, target table row 3, column unit".

def _cell(row: dict, column: str, where: str) -> str | None:
    v = row.get(column)
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, (str, int, float, list)):
        raise _fail(where, column, _("not text or a number"))
    if isinstance(v, list):
        if column != "tags" or not all(isinstance(x, str) for x in v):
            raise _fail(where, column, _("not text"))
        return ";".join(v)
    try:
        text = v if isinstance(v, str) else format_number(from_json_number(v))
    except ValueError as e:
        raise _fail(where, column, e) from None
    if column not in TEXT_COLUMNS:
        text = text.strip()  # " 2025 " in a hand-made sheet is 2025; a title keeps its spaces
    return text or None


def _fail(where: str, column: str, e) -> InputError:
    return at(_("{where}, column {column}").format(
        where=where, column=column), e if isinstance(e, InputError) else InputError(str(e)))


def _located(where: str, e: InputError) -> InputError:
    """A rule's refusal, said of the row (and the column, when the rule names its field)."""
    return at(_("{where}, column {column}").format(where=where, column=e.field) if e.field else where, e)


def _period(row, column, where, today) -> Period | None:
    v = _cell(row, column, where)
    if v is None:
        return None
    try:
        return parse_period(v, today)
    except InputError as e:
        raise _fail(where, column, e) from None


def _tags(row: dict, where: str) -> tuple[str, ...] | None:
    v = row.get("tags")
    if v is None:
        return None
    try:
        if isinstance(v, list):  # JSON keeps each tag whole: a tag is checked, never split
            if not all(isinstance(x, str) for x in v):
                raise InputError(_('not a list of text'))
            return tuple(dict.fromkeys(check_tag(x) for x in v))
        text = _cell(row, "tags", where)
        return None if text is None else parse_tags([text], ";")
    except InputError as e:
        raise _fail(where, "tags", e) from None


def target_fields(row: dict, where: str, today, existing: Target | None) -> dict:
    """The fields a target row sets (a column left empty keeps what is there).
    A target written as a plan writes it (6.5亿吨以上) gives its qualifier,
    and the kind the qualifier says where the row gives none (ops.kind_for)."""
    f: dict = {}
    for column in ("title", "title_en", "owner", "plan", "created_at", "created_by", "edited_by"):
        v = _cell(row, column, where)
        if v is not None:
            f[column] = v
    try:
        kind = _cell(row, "kind", where)
        if kind is not None:
            f["kind"] = check_kind(kind)
        method = _cell(row, "method", where)
        if method is not None:
            f["method"] = check_method(method)
        unit = _cell(row, "unit", where)
        if unit is not None:
            unit = parse_unit(unit)
        target_text, qualifier = qualified_target(_cell(row, "target", where))
        words = _cell(row, "qualifier", where)
        if words is not None:
            qualifier = read_words(words)
        if existing is None:  # as on the command line: the unit written after the value
            unit, target = target_and_unit(f.get("kind", "increase"), target_text, unit)
            f["target"] = target
        if unit is not None:
            f["unit"] = unit
        unit_now = f.get("unit", existing.unit if existing else "")
        for column, text in (("target", target_text), ("baseline", _cell(row, "baseline", where))):
            if column not in f or f[column] is None:
                v = amount_in(text, unit_now, column)
                if v is not None:
                    f[column] = v
        if f.get("target") is None:
            f.pop("target", None)
        f.update(qualifier_fields(qualifier))
    except InputError as e:
        raise _located(where, e) from None
    for column in ("deadline", "start", "baseline_date"):
        p = _period(row, column, where, today)
        if p is not None:
            f[column] = p
    tags = _tags(row, where)
    if tags is not None:
        f["tags"] = tags
    f.update(_form_cells(row, where))
    if qualifier is not None and "kind" not in f and (existing is None or existing.kind not in
                                                      KINDS_OF.get(qualifier.sense, (existing.kind,))):
        base = f.get("baseline", existing.baseline if existing else None)
        kind = kind_for(qualifier, form=f.get("form", existing.form if existing else None),
                        each=f.get("each", existing.each if existing else None),
                        deadline=f.get("deadline", existing.deadline if existing else None), baseline=base,
                        target=f.get("target", existing.target if existing else None))
        if kind:
            f["kind"] = kind
    source = {key: _cell(row, column, where) for column, key in SOURCE_COLUMNS.items()}
    if any(v is not None for v in source.values()):
        base = existing.source if existing else Source()
        f["source"] = replace(base, **{k: v for k, v in source.items() if v is not None})
    return f


_FLAG_WORDS = {"true": True, "yes": True, "1": True, "是": True, "false": False, "no": False, "0": False,
               "否": False, "": False}
_BINDING_WORDS = {"true": True, "yes": True, "1": True, "binding": True, "约束性": True,
                  "false": False, "no": False, "0": False, "expected": False, "预期性": False}


def _form_cells(row: dict, where: str) -> dict:
    """form, change, each, frequency, lag and binding, as the command line reads them."""
    f: dict = {}
    readers = {"form": lambda v: _one_of(v, FORMS, N_("form")), "change": lambda v: _one_of(v, CHANGES, N_("change")),
               "each": parse_frequency, "frequency": parse_frequency, "lag": parse_lag}
    for column, read in readers.items():
        v = _cell(row, column, where)
        if v is not None:
            try:
                f[column] = read(v)
            except InputError as e:
                raise _fail(where, column, e) from None
    v = row.get("binding")
    if v is not None:
        word = v if isinstance(v, bool) else _BINDING_WORDS.get(str(v).strip().lower())
        if word is None:
            raise _fail(where, "binding", _("not true or false (binding/约束性 or expected/预期性)"))
        f["binding"] = word
    for column in ("approx", "at_deadline"):
        v = row.get(column)
        if v is not None:
            word = v if isinstance(v, bool) else _FLAG_WORDS.get(str(v).strip().lower())
            if word is None:
                raise _fail(where, column, _("not true or false"))
            if word or column == "at_deadline":  # approx comes from the qualifier's words when they say so
                f[column] = word
    return f


def _one_of(value: str, allowed: tuple, what: str) -> str:
    if value not in allowed:
        raise InputError(_('{value} is not a {what}: one of {items}').format(
            value=repr(value), what=_(what), items=', '.join(allowed)))
    return value


def observation_from(row: dict, where: str, target: Target, today, now: str,
                     levels: Levels | None = None, by: str | None = None) -> tuple[Observation, str | None]:
    """The observation a row records, and the text of its value (for warnings)."""
    date = _period(row, "date", where, today)
    if date is None:
        raise _fail(where, "date", _("missing"))
    given = [(c, _cell(row, c, where)) for c in VALUE_COLUMNS]
    given = [(c, v) for c, v in given if v is not None]
    if len(given) != 1:
        rule = _("give exactly one of value, change (an increment) or yoy (a change in % on the year before)")
        got = _("; got {columns}").format(columns=", ".join(c for c, _v in given)) if given else ""
        raise _fail(where, "value", rule + got)
    column, raw = given[0]
    how = {"value": "level", "change": "by", "yoy": "yoy"}[column]
    measure = _cell(row, "measure", where)
    if measure is not None:
        if measure != "yoy" or column != "value":
            raise _fail(where, "measure", _("is 'yoy' (the value is a change in % on the year before) or empty"))
        how = "yoy"
    try:
        o = observe(target, raw, date, today, _cell(row, "recorded_at", where) or now,
                    _cell(row, "note", where), _cell(row, "source", where), how=how, levels=levels,
                    by=_cell(row, "recorded_by", where) or (None if _cell(row, "recorded_at", where) else by))
    except InputError as e:
        if e.field in ("by", "yoy", "value"):
            raise _fail(where, column, e) from None
        raise _located(where, e) from None
    # The text a person typed, for the warnings about it; a JSON number was written by a program.
    typed = how == "level" and isinstance(row.get(column), str)
    return o, raw if typed else None


def _key(o: Observation) -> tuple:
    """What makes two observations the same one (when it was recorded aside)."""
    return (o.date.label, o.value, o.note or None, o.source or None, o.measure)


WARNINGS_KEPT = 100  # an import of thousands of rows says how many more, not each one


@dataclass
class Plan:
    """What an import would do."""
    targets: list[Target] = field(default_factory=list)        # the new or changed targets, final form
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    observations_added: int = 0
    observations_skipped: int = 0
    observations_repeated: int = 0                      # the same row again in the file: added once
    settings: Settings | None = None
    warnings: list[str] = field(default_factory=list)   # plausibility, recorded all the same: the first ones
    warnings_found: int = 0                              # all of them
    notes: list[str] = field(default_factory=list)       # rows read otherwise than written, or left out

    def warn(self, found: list[str]) -> None:
        self.warnings_found += len(found)
        self.warnings += found[:max(WARNINGS_KEPT - len(self.warnings), 0)]

    def settle(self, t: Target, before: Target | None) -> dict | None:
        """Count `t` as added, updated or unchanged; its document if it is to be written."""
        doc = to_dict(t)
        if before is None:
            self.added.append(t.id)
        elif doc != to_dict(before):
            self.updated.append(t.id)
        else:
            self.unchanged.append(t.id)
            return None
        return doc

    def take_settings(self, raw: dict | None) -> None:
        if raw:
            try:
                self.settings = Settings.from_dict(raw)
            except InputError as e:
                raise InputError(_('settings: {detail}').format(detail=e)) from None


def _row_id(row: dict, where: str) -> str:
    target_id = _cell(row, "id", where)
    if target_id is None:
        raise _fail(where, "id", _("missing"))
    try:
        check_id(target_id)
    except InputError as e:
        raise _located(where, e) from None
    return target_id


def _planned(row: dict, where: str, target_id: str, before: Target | None, today, now: str,
             by: str | None = None) -> Target:
    """The target a row makes (new) or makes of `before`, checked."""
    if before is not None and (unit := _cell(row, "unit", where)) is not None:
        # A file whose target is in another unit (a colleague's export after an edit --unit): the values
        # already here are converted into it first, so that no number is read in the wrong unit.
        try:
            unit = parse_unit(unit)
        except InputError as e:
            raise _fail(where, "unit", e) from None
        if unit != before.unit:
            if not same_dimension(unit, before.unit):
                raise _fail(where, "unit", _("{unit} does not convert from {old}, the unit {id} has in the store: its "
                                             "values would be read in the wrong unit").format(
                    unit=unit, old=before.unit or _("no unit"), id=before.id))
            before = change_unit(before, unit)
    fields = target_fields(row, where, today, before)
    if before is None:
        if "title" not in fields:
            raise _fail(where, "title", _("a new target needs a title"))
        t = Target(id=target_id, **{"created_at": now, "created_by": by if "created_at" not in fields else None,
                                    **fields})
    else:
        t = replace(before, **fields)
    try:
        validate(t)
    except InputError as e:
        raise _located(where, e) from None
    return t


class _Observations:
    """The observation rows of an import, in order. An observation already
    in the store is not added again; each one in the store matches one row
    (a multiset), so an export that holds the same value twice imports as
    twice. Counted in a dict: linear in the rows."""

    def __init__(self, plan: Plan, today, now: str, by: str | None = None):
        self.plan, self.today, self.now, self.by = plan, today, now, by
        self.there: dict[str, Counter] = {}
        self.seen: set[tuple] = set()
        self.levels: dict[str, Levels] = {}
        self.added: dict[str, list] = {}

    def add(self, row: dict, where: str, t: Target) -> None:
        if t.id not in self.levels:
            self.levels[t.id] = Levels(t)
        obs, text = observation_from(row, where, t, self.today, self.now, self.levels[t.id], self.by)
        self.levels[t.id].add(obs)  # a later row's change or yoy counts this one
        if t.id not in self.there:
            self.there[t.id] = Counter(_key(o) for o in t.observations)
        key = _key(obs)
        if self.there[t.id][key]:
            self.there[t.id][key] -= 1
            self.plan.observations_skipped += 1
            return
        # The same row twice in one file (the same value, recorded at the same time or at none) is one value,
        # as it is across two runs; an export's two recordings of one value (two times) stay two.
        again = (t.id, key, _cell(row, "recorded_at", where))
        if again in self.seen:
            self.plan.observations_repeated += 1
            return
        self.seen.add(again)
        self.added.setdefault(t.id, []).append((obs, where, text))
        self.plan.observations_added += 1

    def onto(self, t: Target) -> Target:
        """`t` with the observations added to it, each warned about against the values before it."""
        new = self.added.get(t.id)
        if not new:
            return t
        t = replace(t, observations=t.observations + tuple(o for o, _, _ in new))
        for obs, where, text in new:  # against the values before it, this file's included
            self.plan.warn([f"{where}: {w}" for w in plausibility(t, obs, text)])
        return t


def plan_import(rows: Rows, existing: list[Target], today, now: str, progress=None, by: str | None = None) -> Plan:
    """Everything the import would write; raises InputError on the first bad row."""
    current = {t.id: t for t in existing}
    result: dict[str, Target] = {}
    plan = Plan()
    step = progress or (lambda: None)
    for where, row in rows.targets:
        step()
        target_id = _row_id(row, where)
        result[target_id] = _planned(row, where, target_id, result.get(target_id) or current.get(target_id),
                                     today, now, by)
    observations = _Observations(plan, today, now, by)
    for where, row in rows.observations:
        step()
        target_id = _cell(row, "id", where)
        t = result.get(target_id) or current.get(target_id)
        if t is None:
            raise _fail(where, "id", _("no target {id} in the store or in the file").format(id=repr(target_id)))
        observations.add(row, where, t)
    for target_id in observations.added:
        result[target_id] = observations.onto(result.get(target_id) or current[target_id])
    for target_id, t in result.items():
        if plan.settle(t, current.get(target_id)) is not None:
            plan.targets.append(t)
    plan.take_settings(rows.settings)
    plan.notes = list(rows.notes)
    return plan


def plan_streamed(stream: "StreamedJSON", lookup, today, now: str, keep, by: str | None = None) -> Plan:
    """plan_import for a JSON export read as it arrives: each target is
    planned with its observations and handed to `keep(id, document)` if
    it is to be written, and then let go, so no more than one target is held.
    `lookup(id)` is the store's target of that id, or None. An id given twice
    in the file raises Unstreamable (plan_import reads such a file whole)."""
    plan = Plan()
    seen: set[str] = set()
    for where, row, rows in stream:
        target_id = _row_id(row, where)
        if target_id in seen:
            raise jsonstream.Unstreamable(f"id {target_id} given twice")
        seen.add(target_id)
        before = lookup(target_id)
        t = _planned(row, where, target_id, before, today, now, by)
        observations = _Observations(plan, today, now, by)
        for where_obs, obs_row in rows:
            observations.add(obs_row, where_obs, t)
        t = observations.onto(t)
        doc = plan.settle(t, before)
        if doc is not None:
            keep(t.id, doc)
    plan.take_settings(stream.settings)
    return plan
