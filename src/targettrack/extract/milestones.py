"""Milestones: the named projects a sentence sets out to build or finish,
with no number (建成贺州机场、…铁路), each a target that is done or not."""

from __future__ import annotations

import re

from .candidate import Candidate, Segment
from .clause import cue_in, past_cue
from .vocabulary import MILESTONE_NOUNS, MILESTONE_VERBS


def milestones(seg: Segment, text: str, deadline, *, why_deadline: str, file: str, year: int | None) -> list[Candidate]:
    """The named projects a sentence with no number sets out to finish (建成…机场、…铁路), as milestones."""
    verb = cue_in(text, MILESTONE_VERBS)
    future = cue_in(text, ("将", "要", "力争", "计划", "确保", "争取", "到", "will", "by 20"))
    if not verb or not (future or deadline) or past_cue(text, bool(deadline), year) in ("已", "已经", "累计"):
        return []
    out = []
    m = re.search(rf"{verb}(.+?)(等(重大|重点)?(项目|工程))?(，|。|；|$)", text)
    if not m:
        return []
    for item in re.split(r"、|和(?=[^、]*$)", m.group(1)):
        item = item.strip(" ，,")
        if any(item.endswith(n) or n in item[-8:] for n in MILESTONE_NOUNS) and 2 <= len(item) <= 40:
            out.append(
                Candidate(
                    item,
                    "milestone",
                    None,
                    "",
                    deadline,
                    text.strip(),
                    seg.line,
                    file,
                    why_kind=f"a named project to {verb}, no number",
                    why_deadline=why_deadline,
                    review=[] if deadline else ["no deadline found (open milestone)"],
                )
            )
    return out
