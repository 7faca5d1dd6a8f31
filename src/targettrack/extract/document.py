"""The whole document: its sentences analysed, a target stated twice kept
once, ids given, facts tied to their targets."""

from __future__ import annotations

import re

from ..model.kinds import KIND
from ..model.quantity import unit_info
from . import fiscal
from .analyse import analyse
from .candidate import Candidate, Segment
from .segments import segments
from .traditional import as_written, simplified


def slug(text: str, taken: set[str]) -> str:
    """A readable id: Chinese in pinyin (pypinyin), other words as they are."""
    from pypinyin import lazy_pinyin  # slow to import (its dictionary): only extract pays for it

    words = lazy_pinyin(text, errors=lambda chunk: re.findall(r"[A-Za-z0-9]+", chunk))
    words = [w.lower() for w in words if re.fullmatch(r"[A-Za-z0-9]+", w)]
    base = "-".join(words)
    while len(base) > 40 and "-" in base:
        base = base.rsplit("-", 1)[0]
    base = base[:48].strip("-") or "target"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _plan_name(seg: Segment, n_targets: int, file: str) -> str | None:
    """The document the sentence names; else its own enumeration; else its section."""
    doc = re.search(r"《([^》]{2,80})》", seg.text)
    if doc:
        return doc.group(1)
    if n_targets > 1:
        stem = re.sub(r"\.[A-Za-z0-9]+$", "", file.rsplit("/", 1)[-1]) or "text"
        return f"{stem}, line {seg.line}"
    if seg.heading:
        return seg.heading[:100]
    return None


def extract(
    text: str, file: str = "-", year: int | None = None, *, known_ids: set[str] | None = None
) -> list[Candidate]:
    found: list[Candidate] = []
    written, text = text, simplified(text)  # Traditional read as Simplified, offset for offset
    calendar = fiscal.calendar_of(text)
    for seg in segments(text, year):
        cands = analyse(seg, year, file)
        for c in cands:
            fiscal.place(c, calendar)
        if text != written:  # quoted as the document writes it
            for c in cands:
                c.quote, c.title, c.number = (as_written(written, text, x) for x in (c.quote, c.title, c.number))
        targets = [c for c in cands if not c.observation]
        plan = _plan_name(seg, len(targets), file)
        for c in targets:
            c.plan = plan
        found += cands
    # The same target stated twice (a sentence, then its bullet list) is one target.
    unique: list[Candidate] = []
    for c in found:
        dup = next(
            (
                u
                for u in unique
                if not u.observation
                and not c.observation
                and u.kind == c.kind
                and u.value == c.value
                and u.unit == c.unit
                and u.deadline == c.deadline
                and u.form == c.form
                and (u.title in c.title or c.title in u.title)
            ),
            None,
        )
        if dup is None:
            unique.append(c)
    taken = set(known_ids or ())
    for c in unique:
        if not c.observation:
            c.id = slug(c.title, taken)
    for c in unique:  # an observation belongs to a target of the same kind of unit and subject
        if c.observation:
            match = next(
                (
                    t
                    for t in unique
                    if not t.observation
                    and not KIND[t.kind].boolean
                    and unit_info(t.unit).dimension == unit_info(c.unit).dimension
                    and _similar(t.title, c.title)
                ),
                None,
            )
            c.for_target = match.id if match else None
    return [c for c in unique if not c.observation or c.for_target]


def _similar(a: str, b: str) -> bool:
    a, b = set(a), set(b)
    return bool(a and b) and len(a & b) / min(len(a), len(b)) >= 0.6


def beside(cands: list[Candidate], store: dict[str, str | None]) -> list[Candidate]:
    """The candidates with ids that never take over a target of the store
    (`store`: id -> its source quote). A target added from this very sentence
    before keeps its id, so adding a document again changes nothing; any
    other holder of the id keeps it, and the candidate takes the next free one
    (emissions -> emissions-2), its observations with it."""
    taken = set(store)
    moved = {}
    for c in cands:
        if not c.observation and c.id in store and store[c.id] != c.quote:
            base, n = c.id, 2
            while f"{base}-{n}" in taken and store.get(f"{base}-{n}") != c.quote:
                n += 1
            moved[c.id] = c.id = f"{base}-{n}"
            taken.add(c.id)
    for c in cands:
        if c.observation and c.for_target in moved:
            c.for_target = moved[c.for_target]
    return cands
