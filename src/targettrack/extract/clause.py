"""Reading one clause: its cues of the future and the past, and the kind
its words give a number (titles.py gives the title)."""

from __future__ import annotations

import re
from functools import lru_cache

from .vocabulary import CAP_CUES, DECREASE_CUES, FLOOR_CUES, INCREASE_CUES, NOT_CUES, PAST_CN, PAST_EN, PERFECT_EN

# The kind of a number with no word for its direction beside it (confidence.py doubts it).
NO_DIRECTION_WORD = "a number to reach, stated as a plan"


def clauses(text: str) -> list[tuple[str, int]]:
    out, start = [], 0
    # 600,000 is one number; "… by 2028 and to keep …" starts a second part of an English sentence
    for m in re.finditer(r"[，：:]|,(?!\d{3})|\s(?=and (?:to|will|shall|must) )", text):
        out.append((text[start : m.end()], start))
        start = m.end()
    out.append((text[start:], start))
    return out


@lru_cache(maxsize=None)
def _word_pattern(word: str) -> re.Pattern:
    """An English cue as a word ("plan" is not in "explanation"); a Chinese one as it is written."""
    if re.fullmatch(r"[a-z][a-z' ]*[a-z]", word):
        return re.compile(rf"\b{re.escape(word)}\b")
    return re.compile(re.escape(word))


def cue_in(text: str, words) -> str | None:
    low = NOT_CUES.sub("|", text.lower())
    return next((w for w in words if _word_pattern(w).search(low)), None)


def past_cue(text: str, deadline_here: bool, year: int | None) -> str | None:
    """The cue that makes a clause a statement about the past, or None."""
    if deadline_here:
        return None
    m = re.search(r"(?<![比较与同])(\d{4})年(?!底前|前|以前|之前|相比|水平)", text)
    if m and (year is None or int(m[1]) < year) and not re.search(r"(到|至)\d{4}年", text):
        return f"{m[1]}年"
    m = re.search(r"(?<!\bthan )\bin (\d{4})\b", text, re.I)  # "50% fewer emissions than in 2004" compares with it
    if m and (year is None or int(m[1]) < year):
        return f"in {m[1]}"
    cue = cue_in(text, PAST_CN)
    if cue:
        return cue
    if re.search(r"(?<![为除])了(?!解)", text):
        return "了"
    if not re.search(r"[a-z]", text, re.I):
        return None
    perfect = PERFECT_EN.search(text)
    return cue_in(text, PAST_EN) or (perfect[1] + " " if perfect else None)


# "X比2020年下降" at the end of the words before a number. Matched from the
# cue back to the last separator, not with a lazy subject in front: that
# tried every start and was quadratic in a long sentence.
_RELATIVE_END = re.compile(r"(?:比|较)(?P<year>\d{4})年?(?:水平)?(?P<verb>下降|降低|减少|提高|增长|上升)$")


def relative_cn(text: str) -> dict | None:
    """{"subject", "year", "verb"} of a change relative to a year that `text` ends with, or None."""
    m = _RELATIVE_END.search(text)
    if not m:
        return None
    return {"subject": re.split(r"[，,、；;]", text[: m.start()])[-1], "year": m["year"], "verb": m["verb"]}


CONTEXT = 100


def kind_of(
    before: str,
    at: str,
    clause_increase: str | None,
    *,
    has_deadline: bool,
    one_year: bool = False,
    following: str = "",
) -> tuple[str, str]:
    """The kind a number's words say: `before` it, `at` it (the number and
    what follows), `following` its quantity (after the unit), and an increase
    cue anywhere in its clause. `one_year`: the deadline is the year's own
    (今年, 2025年 in a report of 2025)."""
    # English cues are longer than Chinese ones ("no more than" against 不超过): a wider window
    near = before[-32:] if re.search(r"[A-Za-z]{2}", before[-12:]) else before[-12:]
    # "no fewer than", "not less than": at least, whatever "fewer than" alone says
    near = re.sub(r"\b(?:no|not)\s+(?:fewer|less)\s+than\b", "at least", near, flags=re.I)
    cap = cue_in(near, CAP_CUES)
    floor = cue_in(near, FLOOR_CUES)
    if cap and floor:  # 年度最高支付限额不低于2000元: the cue next to the number says it; 最高 is part of a name
        cap, floor = (None, floor) if near.rfind(floor) > near.rfind(cap) else (cap, None)
    dec = cue_in(near + at[:6], DECREASE_CUES)
    if cap and (not has_deadline or cap in ("最高", "上限", "小于", "不高于", "caps", "cap", "capped at")):
        return "cap", cap
    if floor and not has_deadline:
        return "floor", floor
    kept_at = re.search(r"(?:稳定在|保持在)\s*$", near)
    bound = re.match(r"\s*以(上|下)", following)
    if kept_at and bound and not has_deadline:  # 粮食播种面积稳定在8000万亩以上: a standing floor (以下: a ceiling)
        return ("floor" if bound[1] == "上" else "cap"), kept_at.group(0) + bound.group(0).strip()
    if dec:
        kept = _LOWER_IS_BETTER.search(re.sub(r"(?:控制在|保持在|不超过)\s*$", "", before[-16:]).rstrip())
        if kept and one_year and re.match(r"^[\d.]+\s*[%％‰]", at):
            return "cap", f"{kept.group(0)}: a rate to keep at or below this year"  # 失业率控制在5.5%左右
        if not has_deadline and dec in ("控制在", "以内"):
            return "cap", dec  # a standing ceiling: 补贴资金总额控制在5亿元以内
        return "decrease", dec
    en = re.search(
        r"\b(reduce|reduced|reducing|cut|cutting|slash|slashed|axe|axed|lower|lowered|lowering|bring down|"
        r"brought down|bringing down|"
        r"shorten|shortened|limit|fall|falls|fallen|falling|drop|drops|dropped|decline|declines|"
        r"reduction|reductions|decrease|decreased|decreasing)\b"
        # "axe emissions to at least 472.9 million": the floor of a cut is still a cut
        r"[a-z0-9. -]*\b(?<!up )to\s*(?:at least\s+|about\s+|around\s+|roughly\s+|some\s+)?$",
        before.lower(),
    )
    if en:
        return "decrease", f"{en.group(1)} ... to"
    inc = cue_in(near, INCREASE_CUES) or clause_increase
    lower = _LOWER_IS_BETTER.search(before[-10:])
    if lower and not cue_in(near, INCREASE_CUES) and re.match(r"^[\d.]+\s*[%％‰]", at):
        # 城镇调查失业率5.5%左右, 居民消费价格涨幅3%左右: a rate to keep down, said without a verb
        return "cap", f"{lower.group(0)}: a rate to keep at or below"
    return "increase", inc or NO_DIRECTION_WORD


# Words of the past that a future deadline in the sentence makes words of a plan.
WEAK_PAST = ("累计", "共计", "总计", "全年")
# Rates whose plan is to keep them down: said without a verb, the number is a ceiling.
_LOWER_IS_BETTER = re.compile(r"(失业率|涨幅|赤字率|死亡率|发生率|漏损率|负债率|不良率|空置率|超标率)\s*$")
