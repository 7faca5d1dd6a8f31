"""How `extract` shows its candidates: the import format (JSON, CSV), or a
review listing with the quoted words and the number highlighted."""

from __future__ import annotations

import io
import json

from ..exchange.columns import EXPORT_FORMAT, OBSERVATION_COLUMNS, TARGET_COLUMNS
from ..extract import Candidate
from ..extract.confidence import said
from ..model.kinds import KIND
from ..model.quantity import format_number, format_quantity, json_number
from ..util.csvcells import write_rows
from ..util.textwidth import safe


def explain(c: Candidate) -> str:
    """Which cue decided the kind and the deadline, and what to check: the source note."""
    parts = [f"extracted from {c.file}, line {c.line}", f"kind: {c.why_kind}"]
    parts.append(f"deadline: {c.why_deadline}" if c.deadline else "deadline: none found")
    if c.review:
        parts.append("review: " + "; ".join(c.review))
    parts.append(said(c))
    return "; ".join(parts)


def importable(c: Candidate) -> bool:
    """import takes an increase or decrease target only with a deadline, and
    a change or a growth rate only with its base year."""
    return (
        not c.observation
        and (c.deadline is not None or not KIND[c.kind].needs_deadline)
        and (c.form is None or c.baseline_date is not None)
    )


def target_docs(cands: list[Candidate], undated: bool = False) -> list[dict]:
    """The import format's targets: those import takes. A target found
    without the deadline its kind needs (or a change without its base year)
    is left out, so that `extract --format json > f; import f` works; the
    command names what it left out. `undated=True` lists them too, with
    "deadline": null and a review note, for a person to complete (import
    refuses them until then)."""
    docs = []
    for c in cands:
        if c.observation or (not importable(c) and not undated):
            continue
        d = {
            "id": c.id,
            "title": c.title,
            "kind": c.kind,
            "source": {"document": c.file, "quote": c.quote, "note": explain(c)},
        }
        if c.unit:
            d["unit"] = c.unit
        if c.value is not None:
            d["target"] = json_number(c.value)
        if c.deadline or not importable(c):
            d["deadline"] = c.deadline.label if c.deadline else None
        if c.plan:
            d["plan"] = c.plan
        if c.form:
            d["form"] = c.form
        if c.change:
            d["change"] = c.change
        if c.baseline_date:
            d["baseline_date"] = c.baseline_date.label
        if c.each:
            d["each"] = c.each
        if c.qualifier:
            d["qualifier"] = c.qualifier
        if c.approx:
            d["approx"] = True
        if c.at_deadline:
            d["at_deadline"] = True
        obs = [o for o in cands if o.observation and o.for_target == c.id and o.observed]
        if obs:
            d["observations"] = [
                {
                    "date": o.observed.label,
                    "value": json_number(o.value),
                    "note": f"from {o.file}, line {o.line}",
                    "source": o.quote,
                }
                for o in obs
            ]
        docs.append(d)
    return docs


def as_json(cands: list[Candidate], undated: bool = False) -> str:
    """Import's format: the proposals import takes, and with `undated` those it refuses too (deadline null)."""
    return (
        json.dumps(
            {"format": EXPORT_FORMAT, "version": 1, "targets": target_docs(cands, undated)},
            ensure_ascii=False,
            indent=1,
        )
        + "\n"
    )


def as_csv(cands: list[Candidate], undated: bool = False) -> str:
    """Import's format, in CSV (as_json's choice of proposals)."""
    out = io.StringIO()
    docs = target_docs(cands, undated)
    rows = []
    for d in docs:
        rows.append(
            {
                "id": d["id"],
                "title": d["title"],
                "kind": d["kind"],
                "unit": d.get("unit"),
                "target": format_number(c_value) if (c_value := _value(d)) is not None else None,
                "deadline": d.get("deadline"),
                "plan": d.get("plan"),
                "form": d.get("form"),
                "change": d.get("change"),
                "baseline_date": d.get("baseline_date"),
                "each": d.get("each"),
                "qualifier": d.get("qualifier"),
                "approx": "true" if d.get("approx") else None,
                "at_deadline": "true" if d.get("at_deadline") else None,
                "source": d["source"]["document"],
                "source_quote": d["source"]["quote"],
                "source_note": d["source"]["note"],
            }
        )
    write_rows(TARGET_COLUMNS, rows, out)
    out.write("\n")
    obs = [{"id": d["id"], **o} for d in docs for o in d.get("observations", [])]
    write_rows(OBSERVATION_COLUMNS, obs, out)
    return out.getvalue()


def _value(d: dict):
    from decimal import Decimal

    v = d.get("target")
    return None if v is None else Decimal(str(v))


def shown_value(c: Candidate) -> str:
    """The proposed target as `add` would read it back (model.Target.describe_target):
    1000亿元, -13.5% from 2020, at least 7% a year from 2020, 40 TWh each year."""
    from ..model.target import Target

    return Target(
        id=c.id or "-",
        title=c.title,
        kind=c.kind,
        unit=c.unit,
        target=c.value,
        deadline=c.deadline,
        baseline_date=c.baseline_date,
        form=c.form,
        change=c.change,
        each=c.each,
    ).describe_target()


def highlight_plain(c: Candidate) -> str:
    """The quote with the number marked [[like this]] (plain text has no bold)."""
    quote = safe(c.quote)
    if c.number and c.number in quote:
        return quote.replace(c.number, f"[[{c.number}]]", 1)
    return quote


def as_plain(cands: list[Candidate], out) -> None:
    targets = [c for c in cands if not c.observation]
    for c in targets:
        value = shown_value(c)
        out.write(f"{c.id}  {c.kind}  {value}  by {c.deadline.label if c.deadline else '-'}  {safe(c.title)}\n")
        out.write(f"    “{highlight_plain(c)}” ({c.file}:{c.line})\n")
        out.write(f"    {explain(c).split('; ', 1)[1]}\n")
    for o in (c for c in cands if c.observation):
        out.write(
            f"observation for {o.for_target}: {format_quantity(o.value, o.unit)} "
            f"{o.observed.label if o.observed else ''}  “{highlight_plain(o)}” ({o.file}:{o.line})\n"
        )
    out.write(f"{len(targets)} target(s) proposed\n")


def as_table(cands: list[Candidate], out, *, total: int | None = None, color: bool = False) -> None:
    """The proposals as list's own table code draws them (plain.write_table): an id or a number is never
    broken (Rich broke pinyin ids mid-syllable), the title, the quote and the checks wrap under themselves
    by fit.py's rules, each proposal stacked on a narrow terminal; the number in the quote [[marked]].
    The least sure first (SURE: confidence.py), for a reader who checks from the top."""
    from ..extract.confidence import confidence, doubtful_first
    from .plain import write_table

    rows = [("ID", "KIND", "TARGET", "DEADLINE", "SURE", "TITLE", "CHECK", "QUOTED WORDS")]  # the quote last: it wraps
    for c in doubtful_first([c for c in cands if not c.observation]):
        rows.append(
            (
                c.id,
                c.kind,
                shown_value(c),
                c.deadline.label if c.deadline else "-",
                f"{confidence(c)[0]:.2f}",
                safe(c.title),
                "; ".join(c.review) or "-",
                highlight_plain(c),
            )
        )
    if len(rows) == 1:
        out.write("0 target(s) proposed\n")
        return
    styles = {6: lambda cell: "" if cell == "-" else "yellow"} if color else None
    write_table(rows, out, total=total, styles=styles)
