"""Targets from text: propose the quantified targets a policy document sets.

Rule-based and explainable (pure: text in, candidates out). Every candidate
says which cue decided its kind and where its deadline came from.

1. The text is cut into segments (sentences, clauses of a list, bullet lines),
   each with its line number. Markdown emphasis is dropped.
2. A deadline is read from the segment (到2025年, 2025年底前, 十四五末,
   "by 2030", 今年年内 with --year), or inherited: a line that is only a
   deadline ("到2025年") or a heading governs the list under it, until a
   blank line or the next heading.
3. Quantities are a number (arabic or Chinese) and a unit from a list of
   units and classifiers (家 个 亿元 台/万人 % km ...), so 一流, 三大 or
   十百千 are never read as numbers, nor are years, dates or article numbers.
4. A quantity is a target when its clause speaks of the future (到…年, 力争,
   计划, 将, 预计, 有望, will, aim ...) or states a standing limit (最高,
   上限, 不超过 / 不低于 with no deadline, "up to"). A clause about the past
   (2023年…达到, 已, 累计, 截至, 目前, 近年来, in 2022, reached) gives an
   observation for a matching target, never a target.
5. Kind from the wording next to the number; rates and relative targets
   (年均增长5%, 比2020年下降13.5%) are flagged for review, never turned into
   levels. Named things to build or open by a date, with no number (建成…机场,
   加快推进…铁路、…机场等重大项目) are milestones.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field
from decimal import Decimal

from .dates import Period, parse_period
from .errors import InputError
from .kinds import KIND
from .quantity import clean, parse_chinese_numeral, unit_info

# --- vocabulary -------------------------------------------------------------

CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
UNITS_CN = [
    "万亿元", "亿元", "万元", "千元", "元", "亿美元", "万美元", "美元",
    "个百分点", "百分点", "%", "％", "‰",
    "万千瓦", "千瓦时", "千瓦", "兆瓦", "吉瓦", "万吨标准煤", "吨标准煤", "万吨", "吨", "万辆", "辆", "万台", "台",
    "万人次", "人次", "万人", "人", "名", "位", "万户", "户", "家", "个", "种", "项", "座", "所", "条", "处", "套",
    "张", "部", "件", "批", "架", "艘", "列", "公里", "千米", "平方公里", "平方米", "万平方米", "万亩", "亩",
    "公顷", "米", "倍", "小时", "分钟", "天", "岁", "次", "亿人次",
]
UNITS_EN = [
    "GW", "MW", "kW", "GWh", "MWh", "TWh", "km", "kilometres", "kilometers", "miles", "tonnes", "tons",
    "percent", "per cent", "%", "percentage points", "hectares", "square metres", "square kilometres",
]
EN_MAGNITUDE = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
RATE_UNITS = re.compile(r"^[台个人辆张]/(万|千|百)?[人户]")   # 360台/万人, 3.5张/千人

FUTURE_CN = ("力争", "计划", "预计", "有望", "争取", "确保", "目标", "将", "拟", "要", "规划", "提出", "预期")
PAST_CN = ("已经", "已", "累计", "截至", "截止", "目前", "去年", "近年来", "先后", "共计", "总计", "当年",
           "成为", "被认定", "获批", "入驻", "落户", "同比", "上年", "全年")
FUTURE_EN = ("will", "shall", "aim", "aims", "target", "goal", "plan", "plans", "by 20", "expected to", "should",
             "commit", "to reach", "to cut", "to raise", "to build")
PAST_EN = ("reached", "was", "were", "had", "has ", "have ", "last year", "so far", "achieved", "recorded",
           "rose", "fell", "grew", "stood at")

INCREASE_CUES = ("达到", "超过", "突破", "不少于", "以上", "力争", "增加到", "提高到", "提升到", "增至", "打造",
                 "建成", "新增", "培育", "引进", "at least", "reach", "exceed", "more than", "over", "raise")
DECREASE_CUES = ("控制在", "以内", "下降到", "降至", "降低到", "减少到", "压减到", "at most", "under", "below",
                 "reduce to", "cut to", "no more than")
CAP_CUES = ("最高", "上限", "不超过", "最多", "up to", "no more than", "at most", "capped")
FLOOR_CUES = ("不低于", "最低", "at least", "no less than")
RATE_CUES = re.compile(r"(年均|平均每年|每年|年)(增长|增速|提高|下降)|增速|增长率|同比|(比|较)(\d{4}|上)年(水平)?(下降|降低|提高|增长|减少)|"
                       r"(增长|提高|下降|减少|降低)(了)?\s*$|annual|compared with|from \d{4} levels|"
                       r"\b(cut|reduce|lower|raise|increase)\b[a-z ]*\bby\s*$")
RATE_AFTER = re.compile(r"^\s*(a year|per year|each year|every year|annually|a month|per month)\b")
MILESTONE_VERBS = ("建成", "开通", "投运", "投产", "通车", "竣工", "完成", "推进", "建设", "启用", "开工")
MILESTONE_NOUNS = ("机场", "铁路", "高速", "高铁", "地铁", "轨道交通", "大桥", "隧道", "港", "码头", "航道",
                   "疏浚", "枢纽", "电站", "核电站", "水库", "医院", "体育馆", "博物馆", "段）", "段)", "线")
BULLET = re.compile(r"^\s*(?:[-*•▶►·]\s*)+|^\s*[（(][一二三四五六七八九十\d]+[）)]\s*|^\s*\d+[.、)]\s*")
CN_NUM = rf"[{CN_DIGITS}]+"
AR_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


@dataclass
class Candidate:
    title: str
    kind: str
    value: Decimal | None
    unit: str
    deadline: Period | None
    quote: str
    line: int
    file: str
    plan: str | None = None
    observation: bool = False          # a fact about the past, not a target
    observed: Period | None = None     # its date, for an observation
    review: list[str] = field(default_factory=list)
    why_kind: str = ""
    why_deadline: str = ""
    number: str = ""                   # the words of the quantity, as quoted
    id: str = ""
    for_target: str | None = None      # an observation's matching target id


@dataclass
class _Segment:
    text: str
    line: int
    start: int          # offset in the original line, for highlighting
    inherited: Period | None
    inherited_why: str
    heading: str | None
    paragraph: str = ""  # the whole line it came from


# --- segmentation --------------------------------------------------------------

def _clean(line: str) -> str:
    line = line.replace("**", "").replace("__", "")
    return line.rstrip()


def _is_heading(text: str) -> bool:
    t = text.strip()
    return (bool(t) and 4 <= len(t) <= 40 and not re.search(r"[。！？；;.!?，,]$", t)
            and not re.search(AR_NUM + r"\s*[%家个亿万元]", t) and not BULLET.match(text)
            and not re.search(r"记者|作者|编辑|责编|来源|摄\b|（.*摄.*）|^□", t))


def segments(text: str, year: int | None) -> list[_Segment]:
    out: list[_Segment] = []
    governing: tuple[Period, str] | None = None
    heading = None
    for n, raw in enumerate(text.splitlines(), 1):
        line = _clean(raw)
        if not line.strip():
            continue  # a deadline line or heading governs its list across blank lines
        body = BULLET.sub("", line)
        is_bullet = body != line
        own = find_deadline(body, year)
        stripped = body.strip()
        # A line that is only a deadline, or a heading with one, governs the list under it.
        if own and len(re.sub(r"[到至在年前底末，,:：\s\d]|by|the|end|of", "", stripped)) <= 2:
            governing = (own[0], f"the line '{stripped}' ({n})")
            continue
        if _is_heading(stripped) and not is_bullet:
            heading = stripped
            governing = (own[0], f"the heading '{stripped}' ({n})") if own else None
        inherited, why = governing if governing and (is_bullet or _is_heading(stripped)) else (None, "")
        for part, offset in _sentences(body):
            out.append(_Segment(part, n, offset + (len(line) - len(body)), inherited, why, heading, body))
        if not is_bullet and not _is_heading(stripped):
            governing = None
    return out


def _sentences(text: str) -> list[tuple[str, int]]:
    parts, start = [], 0
    for m in re.finditer(r"[。！？；;!?]|(?<=[a-z0-9)])\.(\s|$)", text):
        parts.append((text[start:m.end()], start))
        start = m.end()
    if start < len(text):
        parts.append((text[start:], start))
    return [(p, s) for p, s in parts if p.strip()]


# --- deadlines ------------------------------------------------------------------

_DEADLINE_PATTERNS = [
    (re.compile(r"(?:到|至|在|于)?(\d{4})年(?:底|末)?(?:前|以前|之前)"), "before {0}"),
    (re.compile(r"(?:到|至)(\d{4})年(?:底|末)?"), "到{0}年"),
    (re.compile(r"(\d{4})年(?:底|末)(?:前)?"), "{0}年底"),
    (re.compile(r"[\"“]?十([一二三四五六])五[\"”]?(?:时期|期间|期末|末)"), "十{0}五"),
    (re.compile(r"(?:by|before|until)\s+(?:the\s+end\s+of\s+)?(January|February|March|April|May|June|July|"
                r"August|September|October|November|December)\s+(\d{4})", re.I), "by {0} {1}"),
    (re.compile(r"(?:by|before|until)\s+(?:the\s+end\s+of\s+)?(\d{4})", re.I), "by {0}"),
    (re.compile(r"[（(](\d{4})[—–-](\d{4})年?[）)]"), "the plan period ending {1}"),
]


_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]


def find_deadline(text: str, year: int | None) -> tuple[Period, str] | None:
    for pattern, how in _DEADLINE_PATTERNS:
        m = pattern.search(text)
        if m:
            groups = m.groups()
            try:
                if how.startswith("十"):
                    period = parse_period(f"十{groups[0]}五末")
                elif how.startswith("by {0} {1}"):
                    month = _MONTHS.index(groups[0].lower()) + 1
                    period = parse_period(f"{groups[1]}-{month:02d}")
                else:
                    period = parse_period(groups[-1])
            except InputError:
                continue
            return period, how.format(*groups)
    if year and re.search(r"今年(年内|底|年底)|年内|(by|before) the end of (this|the) year|later this year", text):
        return parse_period(str(year)), f"'this year' = {year} (--year)"
    return None


# --- quantities --------------------------------------------------------------

_UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNITS_CN, key=len, reverse=True))
_RATE_UNIT = r"[台个人辆张]/(?:万|千|百)?[人户]"
# A number never starts inside another (after a digit, or after "1," of a
# grouped number): such a match was dropped anyway, and trying every start in
# a long run of digits made the search quadratic (8,000 digits: 5 s).
_NUMBER_START = r"(?<!\d)(?<!\d,)"
QUANTITY_CN = re.compile(
    rf"(?P<num>{_NUMBER_START}(?:{AR_NUM})|(?<![{CN_DIGITS}]){CN_NUM})(?P<approx>余|多)?\s*(?P<mag>万亿|亿|万|千)?\s*(?P<unit>{_RATE_UNIT}|{_UNIT_ALT})")
QUANTITY_EN = re.compile(
    rf"(?P<cur>[$€£])?\s?{_NUMBER_START}(?P<num>{AR_NUM})(?:\s*(?P<mag>thousand|million|billion|trillion|[Mm]illion|[Bb]illion))?"
    rf"(?:\s*(?P<unit>{'|'.join(re.escape(u) for u in sorted(UNITS_EN, key=len, reverse=True))})\b)?"
    r"(?:\s+(?P<noun>(?:new\s+)?[a-z][a-z-]+(?:\s+[a-z][a-z-]+)?))?")
EN_NOT_NOUNS = {"or", "and", "to", "for", "in", "of", "the", "a", "an", "per", "each", "by", "with", "from", "at", "on",
                "than", "as", "is", "are", "was", "were", "will", "would", "percent", "pilot"}
CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP"}


@dataclass
class _Quantity:
    value: Decimal
    unit: str
    words: str
    start: int
    end: int
    approximate: bool
    noun: str | None = None   # English: the counted thing (600,000 heat pumps)


def quantities(text: str) -> list[_Quantity]:
    found = []
    for m in QUANTITY_CN.finditer(text):
        num = m["num"]
        before = text[max(0, m.start() - 1):m.start()]
        if before.isdigit() or before in "第":                         # 第3条: an article number
            continue
        if num[0] in CN_DIGITS and (m.start() > 0 and text[m.start() - 1] in CN_DIGITS):
            continue
        unit = m["unit"]
        if unit == "天" and num[0] in CN_DIGITS:
            continue
        try:
            value = Decimal(num.replace(",", "")) if num[0].isdigit() else parse_chinese_numeral(num)
        except (InputError, ArithmeticError):
            continue
        if num[0] in CN_DIGITS and value < 2:
            continue                                                   # 一个, 一位, 零部件: words, not counts
        mag = m["mag"] or ""
        unit_label = mag + unit if unit not in ("%", "‰") else unit
        if unit == "％":
            unit_label = "%"
        found.append(_Quantity(value, unit_label, m.group(0), m.start(), m.end(), bool(m["approx"])))
    if not found:
        for m in QUANTITY_EN.finditer(text):
            noun = m["noun"]
            words = (noun or "").split()
            while words and words[-1] in EN_NOT_NOUNS:
                words.pop()
            noun = " ".join(words) if words and words[0] not in EN_NOT_NOUNS else None
            if not (m["unit"] or noun or m["mag"] or m["cur"]):
                continue
            if m["num"].isdigit() and len(m["num"]) == 4 and 1900 <= int(m["num"]) <= 2100 and not m["unit"]:
                continue                                               # a year
            value = Decimal(m["num"].replace(",", ""))
            if m["mag"]:
                value = clean(value * EN_MAGNITUDE[m["mag"].lower()])
            unit = (m["unit"] or "").strip()
            unit = {"percent": "%", "per cent": "%", "kilometres": "km", "kilometers": "km",
                    "percentage points": "百分点"}.get(unit.lower(), unit) or CURRENCY.get(m["cur"] or "", "")
            end = m.end("unit") if m["unit"] else (m.end("mag") if m["mag"] else m.end("num"))
            found.append(_Quantity(value, unit, text[m.start():end].strip(), m.start(), end, False, noun))
    return found


# --- one segment --------------------------------------------------------------

def _clauses(text: str) -> list[tuple[str, int]]:
    out, start = [], 0
    for m in re.finditer(r"[，：:]|,(?!\d{3})", text):  # 600,000 is one number
        out.append((text[start:m.end()], start))
        start = m.end()
    out.append((text[start:], start))
    return out


def _has(text: str, words) -> str | None:
    low = text.lower()
    return next((w for w in words if w in low), None)


def _past(text: str, deadline_here: bool, year: int | None) -> str | None:
    """The cue that makes a clause a statement about the past, or None."""
    if deadline_here:
        return None
    m = re.search(r"(?<![比较与同])(\d{4})年(?!底前|前|以前|之前|相比|水平)", text)
    if m and (year is None or int(m[1]) < year) and not re.search(r"(到|至)\d{4}年", text):
        return f"{m[1]}年"
    m = re.search(r"\bin (\d{4})\b", text, re.I)
    if m and (year is None or int(m[1]) < year):
        return f"in {m[1]}"
    cue = _has(text, PAST_CN)
    if cue:
        return cue
    if re.search(r"(?<![为除])了(?!解)", text):
        return "了"
    return _has(text, PAST_EN) if re.search(r"[a-z]", text, re.I) else None


def _title_after(text: str) -> str:
    """The noun phrase after a number: up to the next separator, without
    modifiers (the part after the last 的), and short."""
    phrase = re.split(r"[、，,。；;：:（(）)“”\"]|以上|以内|左右|的目标|目标", text, maxsplit=1)[0].strip()
    phrase = re.sub(r"^(的|个|以上|左右|多)+", "", phrase)
    if "的" in phrase:
        phrase = phrase.rsplit("的", 1)[1]
    return phrase.strip(" ，,")[:30]


EN_OBJECT = re.compile(r"(?:cut|reduce|lower|raise|increase|bring|keep|limit|hold|grow|double)\s+(?:the\s+)?"
                       r"(?P<np>[a-z][a-z -]*?)\s+(?:to|by|at|below|under|above)\s*(?:at least|at most|no more than)?\s*$")


def _title_en(before: str, after: str, q: _Quantity) -> str:
    of = re.match(r"\s*of\s+(?:all\s+|the\s+)?([a-z][a-z' -]*?)(?:\s+(?:by|in|a|per|each|every|from|to|for)\b|[.,;]|$)",
                  after)
    if of:
        return of.group(1).strip()
    if q.noun:
        rest = re.match(r"([a-z -]*?)(?:\s+(?:by|in|a|per|each|every|from|to|for|will|should)\b|[.,;]|$)",
                        after.lstrip())
        return (q.noun if not rest else (q.noun + " " + rest.group(1)).strip()) if False else q.noun
    obj = EN_OBJECT.search(before.lower())
    if obj:
        return obj.group("np").strip()
    return before.strip().split(",")[-1].strip()[-40:]


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


def _title_before(text: str) -> str:
    """The subject before the verb: 'X达到N' -> X."""
    rel = relative_cn(text.strip())
    if rel:
        down = rel["verb"] in ("下降", "降低", "减少")
        return f"{_title_before(rel['subject'] + '达到') or rel['subject']}{'降幅' if down else '增幅'}（比{rel['year']}年）"
    head = re.split(r"(达到|超过|突破|不少于|不低于|不超过|控制在|下降到|降至|降低到|减少到|提高到|提升到|增加到|增至|"
                    r"占比|占|为|实现|reach|exceed|to)\s*$", text.strip(), maxsplit=1)[0]
    head = re.split(r"[、，,。；;：:]|年，|年", head)[-1].strip()
    head = re.sub(r"^(全市|全省|全区|全国|全县|其中|力争|确保|争取|到|实现|使|推动|将)+", "", head)
    head = re.sub(r"(力争|预计|计划|将|要|争取|确保|可)?(生产|建成|建设|完成|新增|引进|培育|打造|销售|推广|实现|"
                  r"达到|超过|突破|享受|提供|发放|累计)$", "", head)
    head = re.sub(r"(力争|预计|计划|将|要|争取|确保|可|能够|有望|可望)+$", "", head.strip())
    if "的" in head:
        head = head.rsplit("的", 1)[1]
    return head.strip()[:30]


CONTEXT = 100


def _kind(before: str, at: str, clause_increase: str | None, has_deadline: bool) -> tuple[str, str]:
    """The kind a number's words say: `before` it, `at` it (the number and
    what follows), and an increase cue anywhere in its clause."""
    near = before[-12:]
    cap = _has(near, CAP_CUES)
    floor = _has(near, FLOOR_CUES)
    dec = _has(before[-12:] + at[:6], DECREASE_CUES)
    if cap and (not has_deadline or cap in ("最高", "上限", "up to")):
        return "cap", cap
    if floor and not has_deadline and floor != "at least":
        return "floor", floor
    if dec:
        return "decrease", dec
    en = re.search(r"\b(reduce|cut|lower|bring down|limit)\b[a-z -]*\bto\s*$", before.lower())
    if en:
        return "decrease", f"{en.group(1)} ... to"
    inc = _has(near, INCREASE_CUES) or clause_increase
    return "increase", inc or "a number to reach, stated as a plan"


def analyse(seg: _Segment, year: int | None, file: str) -> list[Candidate]:
    text = seg.text
    own = find_deadline(text, year)
    deadline, why_deadline = (own if own else (seg.inherited, seg.inherited_why))
    from_paragraph = False
    early = re.search(r"提前((?<!\d)\d+|[一二两三四五])年(实现|完成|达到)", text)
    if deadline is None and early and year:
        n = int(early[1]) if early[1].isdigit() else {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}[early[1]]
        deadline, why_deadline = parse_period(str(year + n)), f"'{early.group(0)}' in {year} (--year): due {year + n}"
    if deadline is None and seg.paragraph and seg.paragraph != text:
        near = find_deadline(seg.paragraph, year)
        if near:
            deadline, why_deadline = near[0], f"the same paragraph: {near[1]}"
            from_paragraph = True
    sentence_future = bool(own) or seg.inherited is not None or _has(text, FUTURE_CN) or _has(text, FUTURE_EN)
    sentence_past = _past(text, bool(own), year)
    # Worked out once per sentence, not once per number: a sentence can hold
    # thousands of numbers, and each of these reads the whole sentence.
    quote = text.strip()
    years_from_unstated = bool(re.search(r"((?<!\d)\d+|[一二三四五十])年(内|引进|建成|完成|实现)", text)) and not own
    out: list[Candidate] = []
    for clause, _ in _clauses(text):
        clause_deadline = find_deadline(clause, year)
        clause_future = bool(clause_deadline) or _has(clause, FUTURE_CN) or _has(clause, FUTURE_EN)
        clause_past = _past(clause, bool(clause_deadline), year)
        clause_increase = _has(clause, INCREASE_CUES)
        english = bool(re.search(r"[A-Za-z]{3}", clause)) and not re.search(r"[\u4e00-\u9fff]", clause)
        for q in quantities(clause):
            # The words that say what a number is stand near it: reading only
            # CONTEXT characters either side keeps a sentence of thousands of
            # numbers linear.
            before, after = clause[max(0, q.start - CONTEXT):q.start], clause[q.end:q.end + CONTEXT]
            kind, why_kind = _kind(before, clause[q.start:q.start + 6], clause_increase, deadline is not None)
            standing = KIND[kind].shape == "bound"
            if standing or clause_future:
                is_target = True
            elif clause_past or (sentence_past and not sentence_future):
                is_target = False
            else:
                is_target = bool(sentence_future)
                if not is_target:
                    continue  # neither a plan nor a fact we can place: not proposed
            if not is_target:
                out.append(_observation(clause, before, after, q, text, seg, file, clause_past or sentence_past, year,
                                        quote))
                continue
            if english:
                title = _title_en(before, after, q)
            else:
                title = _title_after(after) if after.strip() and not re.match(r"^[，,。；;、）)]", after) else ""
                if not title or len(title) < 2 or relative_cn(before.strip()):
                    title = _title_before(before)
            review = []
            rest = after.lstrip()[len(q.noun):] if q.noun and after.lstrip().startswith(q.noun) else after
            # "X和Y分别降低13.5%、18%": the values share the verb; each takes its own subject.
            core = re.sub(r"(?:[\d.]+\s*[%％‰]?\s*[、和及]\s*)+$", "", before)
            respective = re.search(r"分别(下降|降低|减少|提高|增长|达到|控制在)?\s*$", core)
            if respective:
                subject = re.split(r"[，,；;]", core[:respective.start()])[-1]
                subjects = [x for x in re.split(r"和|、|及|与", subject) if x.strip()]
                index = before[respective.end():].count("、")
                if index < len(subjects):
                    verb = respective.group(1) or ""
                    down = verb in ("下降", "降低", "减少")
                    title = _title_before(subjects[index].strip() + "达到") + (("降幅" if down else "增幅") if verb in (
                        "下降", "降低", "减少", "提高", "增长") else "")
            if (RATE_CUES.search(before[-14:]) or RATE_CUES.search(core[-14:]) or RATE_CUES.search(before[-40:].lower())
                    or RATE_AFTER.search(rest)
                    or (q.unit.endswith("百分点") and re.search(r"(提高|下降|降低|增加)", before[-8:]))):
                review.append("a rate or a change, not a level: check before tracking it as one")
            if years_from_unstated:
                review.append("the deadline is given as a number of years from an unstated start")
            if q.approximate:
                review.append("an approximate number (余/多)")
            if deadline is None and KIND[kind].needs_deadline:
                review.append("no deadline found")
            if from_paragraph:
                review.append("the deadline comes from another sentence of the paragraph")
            if early and deadline is not None:
                review.append(f"reported as already reached ('{early.group(0)}')")
            out.append(Candidate(title or "目标", kind, q.value, q.unit,
                                 deadline if KIND[kind].shape != "bound" or own else None, quote, seg.line,
                                 file, review=review, why_kind=why_kind,
                                 why_deadline=why_deadline if deadline else "", number=q.words))
    if early and year:
        for c in [c for c in out if not c.observation and c.value is not None]:
            out.append(Candidate(c.title, c.kind, c.value, c.unit, None, quote, seg.line, file,
                                 observation=True, observed=parse_period(str(year)),
                                 why_kind=f"reported as reached: '{early.group(0)}'", number=c.number))
    if not any(not c.observation for c in out):
        out += _milestones(seg, text, deadline, why_deadline, file, year)
    return out


@lru_cache(maxsize=16)  # once per sentence, however many facts it states
def _observed_when(text: str, year: int | None) -> Period | None:
    """The date a fact about the past refers to: 2023年, 2023年6月, 今年1—9月, 去年."""
    m = re.search(r"(\d{4})年(\d{1,2}月)?(底|末)?", text)
    try:
        if m:
            return parse_period(m.group(0))
        if year:
            m = re.search(r"今年(?:(\d{1,2})[—–-])?(\d{1,2})月", text)
            if m:
                return parse_period(f"{year}-{int(m[2]):02d}")
            if "去年" in text or "last year" in text.lower():
                return parse_period(str(year - 1))
            if "今年" in text or "this year" in text.lower():
                return parse_period(str(year))
    except InputError:
        return None
    return None


def _observation(clause, before, after, q, text, seg, file, cue, year, quote) -> Candidate:
    obs_date = _observed_when(text, year)
    title = _title_before(before) or _title_after(after)
    return Candidate(title, "increase", q.value, q.unit, None, quote, seg.line, file, observation=True,
                     observed=obs_date, why_kind=f"a fact about the past: '{cue}'", number=q.words)


def _milestones(seg, text, deadline, why_deadline, file, year) -> list[Candidate]:
    verb = _has(text, MILESTONE_VERBS)
    future = _has(text, ("将", "要", "力争", "计划", "确保", "争取", "到", "will", "by 20"))
    if not verb or not (future or deadline) or _past(text, bool(deadline), year) in ("已", "已经", "累计"):
        return []
    out = []
    m = re.search(rf"{verb}(.+?)(等(重大|重点)?(项目|工程))?(，|。|；|$)", text)
    if not m:
        return []
    for item in re.split(r"、|和(?=[^、]*$)", m.group(1)):
        item = item.strip(" ，,")
        if any(item.endswith(n) or n in item[-8:] for n in MILESTONE_NOUNS) and 2 <= len(item) <= 40:
            out.append(Candidate(item, "milestone", None, "", deadline, text.strip(), seg.line, file,
                                 why_kind=f"a named project to {verb}, no number", why_deadline=why_deadline,
                                 review=[] if deadline else ["no deadline found (open milestone)"]))
    return out


# --- the document ------------------------------------------------------------------

def slug(text: str, taken: set[str]) -> str:
    """A readable id: Chinese in pinyin (pypinyin), other words as they are."""
    from pypinyin import lazy_pinyin  # 0.1 s to import: only extract pays for it

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


def _plan_name(seg: _Segment, n_targets: int, file: str) -> str | None:
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


def extract(text: str, file: str = "-", year: int | None = None, known_ids: set[str] | None = None) -> list[Candidate]:
    found: list[Candidate] = []
    for seg in segments(text, year):
        cands = analyse(seg, year, file)
        targets = [c for c in cands if not c.observation]
        plan = _plan_name(seg, len(targets), file)
        for c in targets:
            c.plan = plan
        found += cands
    # The same target stated twice (a sentence, then its bullet list) is one target.
    unique: list[Candidate] = []
    for c in found:
        dup = next((u for u in unique if not u.observation and not c.observation and u.kind == c.kind
                    and u.value == c.value and u.unit == c.unit
                    and (u.title in c.title or c.title in u.title)), None)
        if dup is None:
            unique.append(c)
    taken = set(known_ids or ())
    for c in unique:
        if not c.observation:
            c.id = slug(c.title, taken)
    for c in unique:  # an observation belongs to a target of the same kind of unit and subject
        if c.observation:
            match = next((t for t in unique if not t.observation and not KIND[t.kind].boolean
                          and unit_info(t.unit).dimension == unit_info(c.unit).dimension
                          and _similar(t.title, c.title)), None)
            c.for_target = match.id if match else None
    return [c for c in unique if not c.observation or c.for_target]


def _similar(a: str, b: str) -> bool:
    a, b = set(a), set(b)
    return bool(a and b) and len(a & b) / min(len(a), len(b)) >= 0.6


