"""Reading one clause: its cues of the future and the past, the kind its
words give a number, and a target's title."""

from __future__ import annotations

from functools import lru_cache
import re

from .vocabulary import CAP_CUES, DECREASE_CUES, FLOOR_CUES, HEDGES_EN, INCREASE_CUES, NOT_CUES, PAST_CN, PAST_EN
from .quantities import Quantity


def clauses(text: str) -> list[tuple[str, int]]:
    out, start = [], 0
    # 600,000 is one number; "… by 2028 and to keep …" starts a second part of an English sentence
    for m in re.finditer(r"[，：:]|,(?!\d{3})|\s(?=and (?:to|will|shall|must) )", text):
        out.append((text[start:m.end()], start))
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
    m = re.search(r"\bin (\d{4})\b", text, re.I)
    if m and (year is None or int(m[1]) < year):
        return f"in {m[1]}"
    cue = cue_in(text, PAST_CN)
    if cue:
        return cue
    if re.search(r"(?<![为除])了(?!解)", text):
        return "了"
    return cue_in(text, PAST_EN) if re.search(r"[a-z]", text, re.I) else None


def title_after(text: str) -> str:
    """The noun phrase after a number: up to the next separator, without
    modifiers (the part after the last 的), and short."""
    phrase = re.split(r"[、，,。；;：:（(）)“”\"]|以上|以下|以内|左右|的目标|目标", text, maxsplit=1)[0].strip()
    phrase = re.sub(r"^(的|个|以上|以下|以内|左右|多)+", "", phrase)
    if "的" in phrase:
        phrase = phrase.rsplit("的", 1)[1]
    return phrase.strip(" ，,")[:30]


# "reduce building energy use intensity 30%": the object right before the amount
_EN_BARE_OBJECT = re.compile(r"\b(?:cut(?:ting)?|reduc(?:e|ing)|lower(?:ing)?|rais(?:e|ing)|increas(?:e|ing)|grow(?:ing)?|"
                             r"boost(?:ing)?)\s+(?:the\s+)?(?P<np>[a-z][a-z0-9. -]{2,60}?)\s*$")
EN_OBJECT = re.compile(r"(?:cut|reduce|lower|raise|increase|bring|keep|limit|hold|grow|double)\s+(?:the\s+)?"
                       rf"(?P<np>[a-z][a-z0-9. -]*?)\s+(?:to|by|at|below|under|above)\s*(?:(?:{HEDGES_EN})\s*)?$")


_EN_WANTED = re.compile(r"\b(?:requires?|wants?|expects?|calls? for|aims? for|needs?)\s+(?:the\s+)?"
                        r"(?P<np>[a-z][a-z0-9' -]{2,80}?)\s*$")


def title_en(before: str, after: str, q: Quantity) -> str:
    being = re.match(r"\s*of\s+(?:all\s+|the\s+)?([a-z][a-z' -]*?)\s+(?:are|is|be|were|live|living)\s+(in\s+[a-z][a-z -]*?)"
                     r"(?:\s+(?:and|by)\b|[.,;]|$)", after)
    if being:
        return f"{being[1]} {being[2]}"  # "10% of children are in relative poverty"
    of = re.match(r"\s*of\s+(?:all\s+|the\s+)?([A-Za-z][A-Za-z' -]*?)(?:\s+(?:by|in|a|per|each|every|from|to|for|over|"
                  r"within|during|before|until|at|on)\b|\s+and\s+(?=\d)|[.,;]|$)",
                  after)
    if of:
        return of.group(1).strip()
    change_in = re.match(r"\s*(?:(?:relative|absolute|net|overall|further|total)\s+)?(?:reduction|cut|decrease|increase|rise|"
                         r"fall|drop)\s+in\s+(?:the\s+)?([a-z][a-z' -]*?)"
                         r"(?:\s+(?:by|in|from|to|for|relative|compared|below|above)\b|[.,;]|$)", after, re.I)
    if change_in:
        return change_in.group(1).strip()  # "a 51% reduction in greenhouse gas emissions"
    if q.noun:
        return q.noun
    spent = re.match(r"\s*(?:(?:a|per|each)\s+year\s+)?(?:in|on|for)\s+(?!the\s+(?:next|coming)\b)([a-z][a-z -]*?)"
                     r"(?:\s+(?:by|in|from|to|over|between)\b|[.,;]|$)", after)
    if spent and q.unit in ("USD", "EUR", "GBP"):
        return spent[1].strip()  # "$20 billion a year in international biodiversity finance"
    obj = EN_OBJECT.search(before.lower()) or _EN_BARE_OBJECT.search(before.lower())
    if obj:
        return obj.group("np").strip()
    # The sentence's subject, before its verb: "Temporary accommodation placements will be reduced by a third".
    subject = re.match(r"\s*(?:(?:by|in|from)\s+\d{4},\s*)?(?:the\s+)?(?P<np>[A-Za-z][A-Za-z' -]{2,60}?)\s+"
                       r"(?:will|shall|must|should|is|are|to be|has to|have to)\b", before)
    if subject and not re.match(r"(?:we|they|it|the (?:city|state|council|government|region|[a-z -]*(?:authority|agency|department|ministry|programme|program|board|utility|operator|company)))\b", subject["np"], re.I):
        return subject["np"].strip()
    made = re.search(r"\b(?:create|build|deliver|achieve|provide|reach|add)\s+(?:an?\s+|the\s+)?(?P<np>[a-z][a-z -]{2,40}?)"
                     r"\s+of\s*$", before)
    if made:
        return made["np"].strip()  # "create an additional carbon sink of 2.5 to 3 billion tonnes"
    named = re.search(r"\b(?:targets?|limits?|standards?|goals?)\s+for\s+(?P<np>[A-Za-z0-9.₂ -]{1,40}?)\s+of\s*$", before)
    if named:
        return named["np"].strip()  # "the interim target for PM2.5 of 10 micrograms per cubic metre"
    # What a law or a plan requires of something: "The Act requires net emissions of all gases … [to reach zero]".
    wanted = _EN_WANTED.search(before)
    if wanted:
        return wanted["np"].strip()
    tail = before.strip().split(",")[-1].strip()
    return tail if len(tail) <= 40 else tail[-40:].split(" ", 1)[-1]  # whole words only


# "X比2020年下降" at the end of the words before a number. Matched from the
# cue back to the last separator, not with a lazy subject in front: that
# tried every start and was quadratic in a long sentence.
_RELATIVE_END = re.compile(r"(?:比|较)(?P<year>\d{4})年?(?:水平)?(?P<verb>下降|降低|减少|提高|增长|上升)$")


def relative_cn(text: str) -> dict | None:
    """{"subject", "year", "verb"} of a change relative to a year that `text` ends with, or None."""
    m = _RELATIVE_END.search(text)
    if not m:
        return None
    return {"subject": re.split(r"[，,、；;]", text[:m.start()])[-1], "year": m["year"], "verb": m["verb"]}


def title_before(text: str) -> str:
    """The subject before the verb: 'X达到N' -> X."""
    rel = relative_cn(text.strip())
    if rel:
        down = rel["verb"] in ("下降", "降低", "减少")
        return f"{title_before(rel['subject'] + '达到') or rel['subject']}{'降幅' if down else '增幅'}（比{rel['year']}年）"
    head = re.split(r"(达到|超过|突破|不少于|不低于|不超过|控制在|下降到|降至|降低到|减少到|提高到|提升到|增加到|增至|"
                    r"占比|占|为|实现|稳定在|保持在|reach|exceed|to)\s*$", text.strip(), maxsplit=1)[0]
    # a year before the subject (2025年, 今年), not the 年 inside a name (老年医学科, 青年人才)
    head = re.split(r"[、，,。；;：:]|年，|\d{4}年(?:底|末)?|(?:今|明|去|当|本|全)年", head)[-1].strip()
    head = re.sub(r"^(全市|全省|全区|全国|全县|其中|力争|确保|争取|到|实现|使|推动|将|届时|同时)+", "", head)
    head = re.sub(r"(力争|预计|计划|将|要|争取|确保|可)?(生产|建成|建设|完成|新增|引进|培育|打造|销售|推广|实现|"
                  r"达到|超过|突破|享受|提供|发放|累计)$", "", head)
    head = re.sub(r"(力争|预计|计划|将|要|争取|确保|可|能够|有望|可望|最高|最低|最多|最少)+$", "", head.strip())
    if "的" in head:
        whole, tail = head.rsplit("的", 1)
        # 「设置老年医学科的比例」: a share or a count alone says nothing; it keeps what it is of
        head = head if re.fullmatch(r"(?:比例|比重|占比|数量|总量|规模|人数|个数|面积|覆盖率|增速|水平)", tail.strip()) else tail
    return head.strip()[:30]


CONTEXT = 100


def kind_of(before: str, at: str, clause_increase: str | None, has_deadline: bool,
            one_year: bool = False) -> tuple[str, str]:
    """The kind a number's words say: `before` it, `at` it (the number and
    what follows), and an increase cue anywhere in its clause. `one_year`: the
    deadline is the year's own (今年, 2025年 in a report of 2025)."""
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
    if dec:
        kept = _LOWER_IS_BETTER.search(re.sub(r"(?:控制在|保持在|不超过)\s*$", "", before[-16:]).rstrip())
        if kept and one_year and re.match(r"^[\d.]+\s*[%％‰]", at):
            return "cap", f"{kept.group(0)}: a rate to keep at or below this year"  # 失业率控制在5.5%左右
        if not has_deadline and dec in ("控制在", "以内"):
            return "cap", dec  # a standing ceiling: 补贴资金总额控制在5亿元以内
        return "decrease", dec
    en = re.search(r"\b(reduce|reduced|cut|lower|lowered|bring down|limit|fall|drop|decline)\b[a-z0-9. -]*\b(?<!up )to\s*$",
                   before.lower())
    if en:
        return "decrease", f"{en.group(1)} ... to"
    inc = cue_in(near, INCREASE_CUES) or clause_increase
    lower = _LOWER_IS_BETTER.search(before[-10:])
    if lower and not cue_in(near, INCREASE_CUES) and re.match(r"^[\d.]+\s*[%％‰]", at):
        # 城镇调查失业率5.5%左右, 居民消费价格涨幅3%左右: a rate to keep down, said without a verb
        return "cap", f"{lower.group(0)}: a rate to keep at or below"
    return "increase", inc or "a number to reach, stated as a plan"


# Words of the past that a future deadline in the sentence makes words of a plan.
WEAK_PAST = ("累计", "共计", "总计", "全年")
# Rates whose plan is to keep them down: said without a verb, the number is a ceiling.
_LOWER_IS_BETTER = re.compile(r"(失业率|涨幅|赤字率|死亡率|发生率|漏损率|负债率|不良率|空置率|超标率)\s*$")


