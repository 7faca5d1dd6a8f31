"""The document cut into sentences, each with the deadline its place gives
it: the list under a deadline line, its paragraph's opening date, its
section of targets."""

from __future__ import annotations

import re

from ..model.dates import Period, parse_period
from .candidate import Segment
from .deadline import deadlines, find_deadline
from .vocabulary import AR_NUM, BULLET, LEAD_IN, NUMBERED_HEADING, TARGET_HEADING


def _clean(line: str) -> str:
    line = line.replace("**", "").replace("__", "")
    return line.rstrip()


def _is_heading(text: str) -> bool:
    t = text.strip()
    if NUMBERED_HEADING.match(t) and len(t) <= 40 and not re.search(r"[。！？；;!?，,]", t):
        return True
    return (
        bool(t)
        and 4 <= len(t) <= 40
        and not re.search(r"[。！？；;.!?，,]$", t)
        and not re.search(AR_NUM + r"\s*[%家个亿万元]", t)
        and not BULLET.match(text)
        and not re.search(r"记者|作者|编辑|责编|来源|摄\b|（.*摄.*）|^□", t)
    )


_CJK = re.compile(r"[\u4e00-\u9fff]")
# A time the paragraph gives itself that is not a date: it is not the section's deadline.
_OTHER_TIME = re.compile(r"年内|今后|未来[一二三四五六七八九十\d]+年|近期|任期|每年|届时")


def _lead(body: str, year: int | None) -> tuple[Period, str] | None:
    """A deadline that opens a paragraph (after a lead-in such as 《方案》明确，):
    到2030年，…  "十四五"期间，…  By 2030, …  It governs the paragraph's later
    sentences, which often have no future word of their own."""
    rest = body[LEAD_IN.match(body).end() :]
    found = deadlines(rest, year)
    if found and found[0].start <= 4:
        return found[0].period, found[0].how
    return None


def segments(text: str, year: int | None) -> list[Segment]:
    """The text's sentences, each with the deadline its place in the document
    gives it: a clause's own date wins over its sentence's, a sentence's over
    the paragraph's opening one, a paragraph's over its section's."""
    out: list[Segment] = []
    governing: tuple[Period, str] | None = None  # over the list (bullets) under a line
    section: tuple[Period, str] | None = None  # over the paragraphs of a section of targets
    in_targets = False
    dated_heading = False  # the section's deadline is its heading's own: "Targets for 2030"
    heading = None
    titled = _titled(text)  # "2020年我国环境保护奋斗目标": the year of every target the document lists
    for n, raw in enumerate(text.splitlines(), 1):
        line = _clean(raw)
        if not line.strip():
            continue  # a deadline line or heading governs its list across blank lines
        body = BULLET.sub("", line)
        is_bullet = body != line and not NUMBERED_HEADING.match(line)
        if not is_bullet:
            body = line
        own = find_deadline(body, year)
        stripped = body.strip()
        # A line that is only a deadline, or a heading with one, governs the list under it.
        if own and len(re.sub(r"[到至在年前底末，,:：\s\d]|by|the|end|of", "", stripped)) <= 2:
            governing = (own[0], f"the line '{stripped}' ({n})")
            if in_targets:
                section = governing
            continue
        is_heading = _is_heading(stripped) and not is_bullet
        lead = None if is_heading else _lead(stripped, year)
        if is_heading:
            heading = stripped
            governing = (own[0], f"the heading '{stripped}' ({n})") if own else None
            in_targets = bool(TARGET_HEADING.search(stripped))
            section = governing if in_targets else None
            dated_heading = section is not None
        elif lead and in_targets and _CJK.search(stripped):
            section = (lead[0], f"the section '{heading}' opens with '{lead[1]}' ({n})")
            dated_heading = False
        elif own and re.search(r"[：:]\s*$", stripped):
            governing = (own[0], f"the line '{stripped}' ({n})")  # 到2025年，主要目标是： and a list
            out += [Segment(p, n, o + (len(line) - len(body)), None, "", heading, body) for p, o in _sentences(body)]
            continue
        if governing and (is_bullet or is_heading):
            inherited, why = governing
        elif (
            section and not is_heading and (_CJK.search(stripped) or dated_heading) and not _OTHER_TIME.search(stripped)
        ):
            # A Chinese plan's section of targets (二、发展目标 / 到2025年，… / more
            # paragraphs), or in either language one whose heading is dated ("Targets for 2030")
            inherited, why = section
        elif titled and _CJK.search(stripped) and not _OTHER_TIME.search(stripped):
            inherited, why = titled
        else:
            inherited, why = None, ""
        for i, (part, offset) in enumerate(_sentences(body)):
            inh, inh_why = inherited, why
            if lead and i > 0:
                inh, inh_why = lead[0], f"the paragraph opens with '{lead[1]}' (line {n})"
            out.append(Segment(part, n, offset + (len(line) - len(body)), inh, inh_why, heading, body))
        if not is_bullet and not is_heading:
            governing = None
    return out


_TITLE_YEAR = re.compile(r"^\D{0,6}((?:19|20)\d{2})年[^，。；,;]{0,12}目标")


def _titled(text: str) -> tuple[Period, str] | None:
    """The year a document's title gives all its targets (2020年我国环境保护奋斗目标是?): its first line."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    m = _TITLE_YEAR.match(first)
    if not m:
        return None
    return parse_period(m.group(1)), f"the document's title '{first}'"


def _sentences(text: str) -> list[tuple[str, int]]:
    parts, start = [], 0
    for m in re.finditer(r"[。！？；;!?]|(?<=[a-z0-9)%])\.(\s|$)", text):
        parts.append((text[start : m.end()], start))
        start = m.end()
    if start < len(text):
        parts.append((text[start:], start))
    return [(p, s) for p, s in parts if p.strip()]
