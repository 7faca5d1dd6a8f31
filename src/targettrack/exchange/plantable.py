"""A plan's table of indicators, as printed, read as target rows (pure).

Five-year plans end their targets in one table: 指标, 单位, 2020年, 2025年,
年均/累计, 属性 (the 14th Five-Year Plan's 20 main indicators, and every
province's after it). Pasted into a sheet or a CSV file, it is imported as
it is: one target per indicator row, its id made from the title. The first
year column is the base (baseline and baseline date), the last the target
and deadline; 年均 (a yearly average) is an average growth rate, or a bound
each year for a rate; 〔…〕 or 累计 is a change over the whole plan; marks
such as >7, <5.5, 6.5以上, 5.5左右 are the target's qualifier; 约束性 /
预期性 say whether it is binding. A row that sets no number (保持在合理区间,
与GDP增长基本同步) is left out, and the import says so; so is a footnote
mark (60.6*), whose meaning (a base of another year) only the table's notes
give.
"""

from __future__ import annotations

import re

from ..util.i18n import _

_YEAR = re.compile(r"^(?P<year>(?:19|20)\d\d)\s*年?(?:目标值?|值|末)?$")
_AVERAGE = ("年均/累计", "年均", "累计", "年均增长", "年均/累计值", "average", "average/cumulative")
_CUMULATIVE_HEADERS = ("累计",)
_NUMBERING = re.compile(r"^\s*(?:\d+|[一二三四五六七八九十]+)\s*[.、．)）]\s*")
_UNIT_IN_TITLE = re.compile(r"\s*[（(]\s*(?P<unit>[^（）()]{1,12})\s*[）)]\s*$")
_BRACKETED = re.compile(r"^[〔［\[]\s*(?P<n>[^〕］\]]+?)\s*[〕］\]]$")
_EMPTY = ("", "—", "－", "-", "/", "——", "…")
_DOWN = ("降低", "下降", "减少", "压减", "削减")
_RATE = ("率", "比重", "比例", "占比", "覆盖率", "指数")


def is_plan_table(header: list[str]) -> bool:
    """A header of an indicator column and year columns (2020年, 2025), with no id column."""
    years = [h for h in header if _YEAR.match(h.strip())]
    return "id" not in header and "title" in header and len(years) >= 1


def _year_columns(header: list[str]) -> list[tuple[int, int]]:
    """(index, year) of the year columns, in the order of the years."""
    found = [(i, int(m["year"])) for i, h in enumerate(header) if (m := _YEAR.match(h.strip()))]
    return sorted(found, key=lambda iy: iy[1])


def _cell(cells: list[str], i: int | None) -> str:
    if i is None or i >= len(cells):
        return ""
    text = cells[i].strip()
    return "" if text in _EMPTY else text


def _unmarked(text: str, notes: list[str], where: str, *, column: str) -> str:
    """A number without its footnote mark (60.6* -> 60.6), said in the notes."""
    if text.endswith(("*", "＊")):
        notes.append(
            _(
                "{where}, column {column}: {text}: the footnote mark is left out (the table's notes say "
                "what it means, e.g. another base year)"
            ).format(where=where, column=column, text=text)
        )
        return text.rstrip("*＊").strip()
    return text


def _is_number(text: str) -> bool:
    from ..model.qualifiers import split
    from ..model.quantity import parse_quantity

    try:
        parse_quantity(split(text)[0])
        return True
    except Exception:  # InputError or a qualifier that says opposite things: not a number to import
        return False


def _target_of(
    row: dict,
    title: str,
    unit: str,
    *,
    last: str,
    extra: str,
    cumulative_column: bool,
    first_year: int,
    where: str,
    notes: list[str],
) -> bool:
    """Put the row's target in `row`: a change over the plan's years (〔13.5〕), an average a year, or the
    last year's level. False, with a note, where the cells set no number."""
    bracket = _BRACKETED.match(last) or _BRACKETED.match(extra)
    down = any(w in title for w in _DOWN)
    if bracket or (extra and cumulative_column):
        amount = bracket["n"] if bracket else extra
        if not _is_number(amount):
            notes.append(
                _("{where}: {title}: {text} sets no number; not imported").format(where=where, title=title, text=amount)
            )
            return False
        # A change over the plan's years: 〔13.5〕 of a 降低 indicator is -13.5% of its level, of a
        # rate that rises (率, 比重) +13.5 points, of a level in its unit (〔1〕岁) +1.
        row.update(form="change", kind="decrease" if down else "increase", target=("-" if down else "+") + amount)
        if unit == "%" and not down and title.endswith(_RATE):
            row["change"] = "points"
        elif unit == "%":
            row["change"] = "relative"
            row.pop("unit", None)
        else:
            row["change"] = "absolute"
        if unit == "%":
            row.pop("baseline", None)
    elif extra:
        if not _is_number(extra):
            notes.append(
                _("{where}: {title}: {text} sets no number; not imported").format(where=where, title=title, text=extra)
            )
            return False
        if unit == "%" and title.endswith(_RATE):
            # 城镇调查失业率 <5.5 (年均): a bound that holds each year of the plan
            row.update(target=extra, each="year", start=str(first_year + 1))
            row.pop("baseline", None)
            row.pop("baseline_date", None)
        else:  # 研发经费投入增长 >7 (年均): an average growth a year
            row.update(form="growth", target=extra)
            if unit == "%":
                row.pop("unit", None)
            row.pop("baseline", None)
    elif last and _is_number(last):
        row["target"] = last
    else:
        notes.append(
            _("{where}: {title}: {text} sets no number; not imported").format(
                where=where, title=title, text=last or _("nothing")
            )
        )
        return False
    return True


def rows(header: list[str], body, where_of, *, taken: set[str], notes: list[str]) -> list[tuple[str, dict]]:
    """The target rows of a plan table: (where, row) with the import's own columns.
    `header` is already mapped to column names where it names one (exchange.HEADER_ALIASES)."""
    from ..extract.document import slug

    years = _year_columns(header)
    col = {h: i for i, h in enumerate(header)}
    average = next((i for i, h in enumerate(header) if h.strip() in _AVERAGE), None)
    cumulative_column = average is not None and header[average].strip() in _CUMULATIVE_HEADERS
    out = []
    for n, cells in enumerate(body, start=2):
        if not any(c.strip() for c in cells):
            continue
        where = where_of(n)
        raw_title = _cell(cells, col.get("title"))
        if not raw_title:
            continue  # a category heading on a row of its own, or a note under the table
        title = _NUMBERING.sub("", raw_title)
        unit = _cell(cells, col.get("unit"))
        m = _UNIT_IN_TITLE.search(title)
        if m:
            title = title[: m.start()].strip()
            unit = unit or m["unit"]
        row = {"title": title}
        for name in ("plan", "owner", "title_en", "tags", "source", "kind", "binding", "note"):
            if name in col and _cell(cells, col[name]):
                row[name] = _cell(cells, col[name])
        if unit:
            row["unit"] = unit
        first_year, first = years[0][1], _unmarked(_cell(cells, years[0][0]), notes, where, column=header[years[0][0]])
        last_year, last = years[-1][1], _unmarked(_cell(cells, years[-1][0]), notes, where, column=header[years[-1][0]])
        extra = _unmarked(_cell(cells, average), notes, where, column=header[average]) if average is not None else ""
        if len(years) > 1 and first and _is_number(first) and not _BRACKETED.match(first):
            row["baseline"] = first
        row["deadline"] = str(last_year)
        if not _target_of(
            row,
            title,
            unit,
            last=last,
            extra=extra,
            cumulative_column=cumulative_column,
            first_year=first_year,
            where=where,
            notes=notes,
        ):
            continue
        if len(years) > 1 and ("baseline" in row or row.get("form") in ("change", "growth")):
            row["baseline_date"] = str(first_year)  # the base period a level, a change or a growth is from
        row["id"] = slug(title, taken)
        out.append((where, row))
    return out
