"""One sentence: the targets it proposes and the facts about the past it states."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from ..model.dates import Period, parse_period
from ..model.kinds import KIND
from ..model.qualifiers import AT_MOST, KINDS_OF
from ..model.qualifiers import around as qualifier_around
from .candidate import Candidate, Segment
from .clause import CONTEXT, WEAK_PAST, clauses, cue_in, kind_of, past_cue, relative_cn
from .deadline import deadline_near, deadlines, find_deadline
from .forms import (
    DOWN_CN,
    FORECAST_SAID,
    NET_ZERO,
    TO_LEVEL,
    UNITLESS_CN,
    UP_CN,
    WORD_LEVELS,
    base_year,
    each_period,
    form_of,
    word_changes,
)
from .labels import is_label
from .milestones import milestones
from .observed import observation
from .quantities import Quantity, quantities
from .titles import english_title, title_after, title_before
from .vocabulary import FUTURE_CN, FUTURE_EN, INCREASE_CUES, RATE_CUES

# A flow measured over its year (贸易额, 产量, 收入), stated for one year (2025年…4万亿元): only that
# year's value settles it (Target.at_deadline), unlike a level or a total reached by then.
FLOW_TITLE = re.compile(r"(?:额|产量|产值|增加值|收入|销量|营收|利用外资|进出口|投资|客流量|吞吐量)$")


# A clause that names its own past year is about that year, whatever date its sentence gives
# (今年…稳定在700亿斤以上，…，去年…达到712亿斤).
_NAMED_PAST = re.compile(r"去年|上年|前年|\d{4}年|last year|in \d{4}", re.I)
# The units of a concentration in air or water: a level named in them is one to bring down to.
_CONCENTRATION = re.compile(r"per cubic met|/立方米|/m³|/m3|[µμ]g|\bppm\b|\bppb\b|毫克/升|mg/l", re.I)
# Words of a limit that stands, with no date of its own (补贴最高50万元): the date of the words around it is not its.
STANDING_LIMITS = ("最高", "上限", "最多", "不超过", "up to", "capped", "no more than", "at most")


class _Sentence(NamedTuple):
    """What is worked out once per sentence, not once per number: a sentence
    can hold thousands of numbers, and each of these reads the whole of it."""

    seg: Segment
    text: str
    year: int | None
    file: str
    found: list  # the deadlines it states
    own: tuple | None  # its own deadline (find_deadline)
    inherited: Period | None  # the deadline its place gives it, and why
    why_inherited: str
    from_paragraph: bool  # that deadline is another sentence's of the paragraph
    early: re.Match | None  # 提前2年实现: reported as reached early
    planned: bool
    past: str | None  # its cue of the past
    future: bool
    quote: str
    chinese: bool
    years_from_unstated: bool


class _Clause(NamedTuple):
    text: str
    start: int  # where it starts in the sentence
    future: bool
    past: str | None
    increase: bool
    english: bool
    words: list  # its changes in words (halve, double), as word_changes gives them


def analyse(seg: Segment, year: int | None, file: str) -> list[Candidate]:
    sent = _sentence(seg, year, file)
    out: list[Candidate] = []
    if FORECAST_SAID.search(sent.text.strip()):
        return out  # "…, the industry body forecasts.": what someone expects, not what anyone sets out to do
    last_bound = None  # (where its number ends in the sentence, kind, why): a list after it shares its bound
    last_amount = None  # (the last amount of the clauses before, where it ends in the sentence)
    for clause, cstart in clauses(sent.text):
        c, numbers, last_amount = _clause(sent, clause, cstart, last_amount=last_amount)
        for q in numbers:
            found = _from_number(sent, c, q, out=out, last_bound=last_bound)
            if found is None:
                continue
            out.append(found)
            if not found.observation:
                bound = KIND[found.kind].shape == "bound"
                last_bound = (cstart + q.end, found.kind, found.why_kind) if bound else None
    if sent.early and year:
        out += _reported_early(sent, out)
    if not any(not c.observation for c in out):
        deadline, why = sent.own if sent.own else (sent.inherited, sent.why_inherited)
        out += milestones(seg, sent.text, deadline, why_deadline=why, file=file, year=year)
    return out


def _sentence(seg: Segment, year: int | None, file: str) -> _Sentence:
    text = seg.text
    found = deadlines(text, year)
    own = find_deadline(text, year)
    inherited, why_inherited = seg.inherited, seg.inherited_why
    from_paragraph = False
    early = re.search(r"提前((?<!\d)\d+|[一二两三四五])年(实现|完成|达到)", text)
    if not found and inherited is None and early and year:
        n = int(early[1]) if early[1].isdigit() else {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}[early[1]]
        inherited, why_inherited = parse_period(str(year + n)), f"'{early.group(0)}' in {year} (--year): due {year + n}"
    if not found and inherited is None and seg.paragraph and seg.paragraph != text:
        near = find_deadline(seg.paragraph, year)
        if near:
            inherited, why_inherited = near[0], f"the same paragraph: {near[1]}"
            from_paragraph = True
    # A future deadline in the sentence turns 累计 (in total) into a total to reach.
    planned = any(year is None or d.period.last.year > year for d in found) or bool(
        seg.inherited and (year is None or seg.inherited.last.year >= year)
    )
    sentence_past = past_cue(text, bool(own), year)
    if sentence_past in WEAK_PAST and planned:
        sentence_past = None
    # A deadline given by the sentence's place (its paragraph's or section's
    # opening date) makes it a plan unless it speaks of the past itself.
    placed = seg.inherited is not None and not sentence_past
    return _Sentence(
        seg,
        text,
        year,
        file,
        found,
        own,
        inherited,
        why_inherited,
        from_paragraph,
        early,
        planned,
        sentence_past,
        bool(own) or placed or cue_in(text, FUTURE_CN) or cue_in(text, FUTURE_EN),
        text.strip(),
        bool(re.search(r"[\u4e00-\u9fff]", text)),
        bool(re.search(r"((?<!\d)\d+|[一二三四五十])年(内|引进|建成|完成|实现)", text)) and not own,
    )


# What someone expects to happen, not what a plan sets out to do (real text, issue 34: en-13, en-18).
FORECAST_EN = re.compile(
    r"\b(?:is|are|was|were)\s+(?:projected|forecast|predicted|estimated)\s+to\b|"
    r"\b(?:can|could)\s+(?:reach|install|hit)\b|\bbelieves\b",
    re.I,
)
# A sentence that says what will happen if nothing changes: none of its numbers is a target.
FORECAST_SENTENCE_EN = re.compile(r"\bif (?:current )?trends continue\b|\bon (?:the )?current trends?\b", re.I)


def _clause(sent: _Sentence, clause: str, cstart: int, *, last_amount) -> tuple[_Clause, list[Quantity], tuple | None]:
    """A clause's cues, and its numbers: amounts, changes and levels in words, unitless levels, net zero."""
    text, year = sent.text, sent.year
    clause_deadline = find_deadline(clause, year)
    clause_past = past_cue(clause, bool(clause_deadline), year)
    if clause_past in WEAK_PAST and sent.planned:
        clause_past = None  # 到2026年，累计完成…800个: a total to reach
    english = bool(re.search(r"[A-Za-z]{3}", clause)) and not re.search(r"[\u4e00-\u9fff]", clause)
    numbers = quantities(clause, (last_amount[0], text[last_amount[1] : cstart]) if last_amount else None)
    if english and (FORECAST_EN.search(clause) or FORECAST_SENTENCE_EN.search(text)):
        numbers = []  # "is projected to have 12 million", "can reach up to 5.33 GW": a forecast, no one's target
    if numbers:
        last_amount = (numbers[-1], cstart + numbers[-1].end)
    # "double the number of places to 15,000": the level it names is the target, not the doubling
    words = [
        w
        for w in word_changes(clause)
        if not any(w[0] < q.end and q.start < w[1] for q in numbers)
        and not re.search(r"\bto\s+(?:around\s+|about\s+|some\s+)?[\d£$€]", clause[w[1] : w[1] + 80])
        # "250,000 housing starts …, about double the current pace": a comparison of the amount before it
        and not re.search(
            r"\d[^.;]*,\s*(?:about\s+|roughly\s+|nearly\s+|almost\s+|more than\s+)?$",
            text[max(0, cstart + w[0] - CONTEXT * 3) : cstart + w[0]],
        )
    ]
    for start, end, value, said in words:
        numbers.append(Quantity(value, "%", said, start, end, False))
    numbers.sort(key=lambda q: q.start)
    _levels_in_words(clause, english, numbers)
    c = _Clause(
        clause,
        cstart,
        bool(clause_deadline) or cue_in(clause, FUTURE_CN) or cue_in(clause, FUTURE_EN),
        clause_past,
        cue_in(clause, INCREASE_CUES),
        english,
        words,
    )
    return c, numbers, last_amount


def _levels_in_words(clause: str, english: bool, numbers: list[Quantity]) -> None:
    """Add to `numbers` the levels a clause gives without an amount: 降至25左右, all of it, net zero."""
    if not numbers and not english:
        numbers[:] = [
            Quantity(Decimal(m["num"]), "", m["num"], m.start("num"), m.end("num"), m["tail"] == "左右")
            for m in UNITLESS_CN.finditer(clause)
        ]
    for pattern, value, unit in WORD_LEVELS:
        m = pattern.search(clause)
        if (
            m
            and not any(m.start() < q.end and q.start < m.end() for q in numbers)
            and (not numbers or value in ("0", "100"))
        ):  # nought and all of it stand beside other numbers
            numbers.append(Quantity(Decimal(value), unit, m.group(0).strip(), m.start(), m.end(), False))
            numbers.sort(key=lambda q: q.start)
            break
    m = NET_ZERO.search(clause) if english else None
    if m and (
        not numbers or re.match(r"\s*(?:emissions\s+)?(?:by|no later than|before|in)\s+\d{4}", clause[m.end() :])
    ):
        numbers.append(Quantity(Decimal(0), "", m.group(0), m.start(), m.end(), False, noun="net emissions"))
        numbers.sort(key=lambda q: q.start)


def _from_number(sent: _Sentence, c: _Clause, q: Quantity, *, out: list[Candidate], last_bound) -> Candidate | None:
    """One number of a clause: a target, a fact about the past, or nothing (a label, a past year's figure)."""
    clause, cstart, text = c.text, c.start, sent.text
    # The words that say what a number is stand near it: reading only
    # CONTEXT characters either side keeps a sentence of thousands of
    # numbers linear.
    before, after = clause[max(0, q.start - CONTEXT) : q.start], clause[q.end : q.end + CONTEXT]
    if is_label(clause, q, before):
        return None
    if (
        sent.chinese
        and q.unit not in ("%", "％")
        and re.search(r"(?:提高|增加|上调|提升|增长)\s*$", before)
        and re.match(r"^[，,]?\s*(?:达到|至|到)[^，。；;]{0,12}?\d", text[cstart + q.end : cstart + q.end + 20])
    ):
        return None  # 提高20元，达到每人每月123元: the increment of the level that is the target
    near = deadline_near(sent.found, cstart + q.start, (cstart, cstart + len(clause)), english=c.english, text=text)
    deadline, why_deadline = (near.period, near.how) if near else (sent.inherited, sent.why_inherited)
    kind, why_kind = _kind(
        sent, c, q, before=before, after=after, deadline=deadline, why_deadline=why_deadline, last_bound=last_bound
    )
    # A bound said by a rule's words; a rate's name alone (失业率5.1%) in words of the past is what it was
    standing = KIND[kind].shape == "bound" and not (
        why_kind.endswith("a rate to keep at or below") and (c.past or sent.past) and not c.future
    )
    year = sent.year
    if (
        standing
        and not near
        and year is not None
        and (opened := re.match(r"\s*(\d{4})年", text))
        and int(opened[1]) < year
    ):
        return None  # 「2022年，…控制在20亿立方米以内」 in a document of 2023: how a past year went
    past_deadline = deadline is not None and year is not None and deadline.last.year < year and not sent.early
    if past_deadline:
        is_target = False  # “十三五”期间… in a document of 2023: what was planned, now the past
    elif (
        standing
        or c.future
        or (
            TO_LEVEL.search(before)
            and ((near and not _NAMED_PAST.fullmatch(c.past or "")) or not (c.past or sent.past))
        )
    ):
        is_target = True  # 「到2027年，…从目前29.3降至25左右」: 目前 is the 29.3
    elif c.past or (sent.past and not sent.future):
        is_target = False
    else:
        is_target = bool(sent.future)
    if not is_target:
        if not past_deadline and (c.past or sent.past):
            cue = c.past or sent.past
            return observation(
                clause,
                before,
                after,
                q=q,
                text=text,
                seg=sent.seg,
                file=sent.file,
                cue=cue,
                year=year,
                quote=sent.quote,
            )
        return None
    return _target(
        sent,
        c,
        q,
        before=before,
        after=after,
        near=near,
        deadline=deadline,
        why_deadline=why_deadline,
        kind=kind,
        why_kind=why_kind,
        out=out,
    )


def _kind(sent: _Sentence, c: _Clause, q: Quantity, *, before, after, deadline, why_deadline, last_bound):
    """The kind of target a number is, and why: the clause's cues, then what the number's own words say."""
    clause, cstart, english = c.text, c.start, c.english
    one_year = any(w in why_deadline for w in ("'this year'", "'next year'", "(the document's year)"))
    kind, why_kind = kind_of(
        before,
        clause[q.start : q.start + 6],
        c.increase,
        has_deadline=deadline is not None,
        one_year=one_year,
        following=clause[q.end : q.end + 4],
    )
    rising = KIND[kind].shape == "path" and KIND[kind].direction > 0
    if (
        english
        and q.unit == "%"
        and rising
        and deadline is None
        and re.match(
            r"\s*of\s+[^.;]{0,80}?\bwithin\s+(?:\d+|a|an|one|two|three|four|five|six|seven|eight|ten|twelve|"
            r"twenty-four|forty-eight)[\s-]+(?:working\s+|calendar\s+)?(?:seconds?|minutes?|hours?|days?|weeks?|"
            r"months?)\b",
            after,
            re.I,
        )
    ):
        # "attend 90% of burglaries within 48 hours": a standard kept all the time, with no date
        kind, why_kind = "floor", "a share within a time, with no date: a standard to keep up"
    if english and re.fullmatch(r"(?:minutes|hours|days|weeks)", q.unit) and re.match(r"\s*on average\b", after):
        if KIND[kind].shape == "path" and KIND[kind].direction > 0:
            # "reach the most urgent calls in 7 minutes on average": a time to keep down
            kind, why_kind = (
                ("decrease", "a time on average: to bring down to")
                if deadline
                else ("cap", "a time on average: to keep at or below")
            )
    if (
        last_bound
        and KIND[kind].shape != "bound"
        and re.fullmatch(
            r"\s*[A-Za-z][A-Za-z -]{0,40}?\s*(?:,|\band\b)\s*", sent.text[last_bound[0] : cstart + q.start]
        )
    ):
        kind, why_kind = last_bound[1], f"{last_bound[2]} (a list after it)"  # "at least 16% X, 6% Y and 6% Z"
    if KIND[kind].shape == "path" and KIND[kind].direction > 0 and not c.increase and _CONCENTRATION.search(q.unit):
        kind, why_kind = "decrease", "a concentration of a pollutant: a level to bring down to"
    return kind, why_kind


def _target(sent, c, q, *, before, after, near, deadline, why_deadline, kind, why_kind, out) -> Candidate:
    """A number found to be a target: its form, title, period, qualifier and what to review."""
    q, form, change, base, kind, why_kind, review, word_change = _form(
        sent, c, q, before=before, deadline=deadline, why_deadline=why_deadline, kind=kind, why_kind=why_kind
    )
    text, cstart, english = sent.text, c.start, c.english
    if english:
        title = english_title(
            q,
            before,
            after,
            rest=text[cstart + q.end : cstart + q.end + CONTEXT * 3],
            word_change=word_change,
            previous=out[-1].title if out and out[-1].quote == sent.quote else None,
        )
    else:
        title = _chinese_title(sent, c, q, before=before, after=after, form=form, change=change)
    rest = after.lstrip()[len(q.noun) :] if q.noun and after.lstrip().startswith(q.noun) else after
    chained = (
        english
        and out
        and out[-1].quote == sent.quote
        and re.search(r"\b(?:rising|increasing|growing|climbing|going up)\s+to\s*$", before)
    )
    if chained:  # "$20 billion a year by 2025, rising to $30 billion by 2030": the same measure, later
        title = out[-1].title
    each = None
    if not form:
        core = re.sub(r"(?:[\d.]+\s*[%％‰]?\s*(?:左右|以上)?\s*[、和及]\s*)+$", "", before)
        each = each_period(before, rest, sent.chinese) or (out[-1].each if chained else None)
        if each is None and (
            RATE_CUES.search(before[-14:])
            or RATE_CUES.search(core[-14:])
            or RATE_CUES.search(before[-40:].lower())
            or (q.unit.endswith("百分点") and re.search(r"(提高|下降|降低|增加)", before[-8:]))
        ):
            review.append("a rate or a change, not a level: check before tracking it as one")
    review += _review(sent, kind, near, deadline=deadline, why_deadline=why_deadline, q=q)
    # A cap or floor keeps a deadline its sentence states; a rate to keep down keeps the one
    # its paragraph opens with (今年发展主要预期目标是：…失业率5.5%左右). A standing limit
    # (最高1亿元) has none: the deadline of the words around it is not its own.
    bound_dated = why_deadline.startswith("the paragraph opens with") and (
        why_kind.endswith("to keep at or below") or why_kind not in STANDING_LIMITS
    )
    qualified = _qualifier(before, after, form, kind=kind)
    flow = (
        not form
        and not each
        and sent.chinese
        and deadline is not None
        and KIND[kind].shape == "path"
        and re.search(rf"(?<![\d到至]){deadline.last.year}年(?!底|末|前|以前|以后)", before[-24:])
        and FLOW_TITLE.search(title or "")
    )
    return Candidate(
        title or ("target" if english else "目标"),
        kind,
        q.value,
        q.unit,
        deadline if KIND[kind].shape != "bound" or sent.own or bound_dated else None,
        sent.quote,
        sent.seg.line,
        sent.file,
        review=review,
        why_kind=why_kind,
        why_deadline=why_deadline if deadline else "",
        number=q.words,
        form=form,
        change=change,
        baseline_date=base,
        each=each,
        qualifier=qualified.words or None if qualified else None,
        approx=bool(qualified and qualified.approx),
        at_deadline=bool(flow),
    )


def _qualifier(before: str, after: str, form: str | None, *, kind: str):
    """The words around a target's value (以上, 左右, at least), kept only where they agree with its kind."""
    qualified = qualifier_around(before, after)
    if (
        qualified
        and qualified.sense
        and form != "growth"
        and (
            (form == "change" and qualified.sense == AT_MOST)
            or (form != "change" and kind not in KINDS_OF[qualified.sense])
        )
    ):
        return qualified._replace(sense=None, words="") if qualified.approx else None
    return qualified


def _form(sent, c, q, *, before, deadline, why_deadline, kind, why_kind):
    """A target's form (a change from a base year, a growth rate) where its words give one; the number as
    that form reads it; notes to review."""
    text, cstart, english, chinese, year = sent.text, c.start, c.english, sent.chinese, sent.year
    word_change = q.noun is None and q.unit == "%" and any(q.start == w[0] for w in c.words)
    form = change = base = None
    review = []
    if q.noun == "net emissions":
        kind, why_kind = "decrease", f"'{q.words}': emissions brought to zero"
    elif q.value == 0 and not q.words[:1].isdigit():
        kind, why_kind = "decrease", f"'{q.words}': brought down to nought"
    elif word_change:
        onward = re.split(r"\sand (?:to|will|shall|must) ", text[cstart + q.end : cstart + q.end + CONTEXT])[0]
        form, change, base, note = (
            "change",
            "relative",
            *base_year(before, onward, deadline, chinese=chinese, plan=why_deadline, year=year),
        )
        kind, why_kind = ("decrease" if q.value < 0 else "increase"), f"'{q.words}' in words"
        q = Quantity(q.value, "", q.words, q.start, q.end, False)
        review.append(note) if note else None
    else:
        # The base year may be said after the deadline, in the sentence's next clause:
        # "reduce emissions by 68% by 2030, compared to 1990 levels".
        onward = text[cstart + q.start : cstart + q.start + CONTEXT]
        said_before = text[max(0, cstart + q.start - CONTEXT) : cstart + q.start] if english else before
        shape = form_of(said_before, onward, q, deadline=deadline, chinese=chinese, plan=why_deadline, year=year)
        if shape:
            form, change, value, kind, base, note = shape
            # a relative change and a growth rate are in %, of an indicator whose unit the text does
            # not give; a change in points is of a percentage; an absolute change keeps its unit
            unit = {"relative": "", "points": "%"}.get(change, q.unit) if form == "change" else ""
            q = Quantity(value, unit, q.words, q.start, q.end, q.approximate, q.noun)
            why_kind = {"growth": "an average growth rate a year", "change": f"a {change} change"}[form] + (
                f" from {base}" if base else ""
            )
            if note:
                review.append(note)
    return q, form, change, base, kind, why_kind, review, word_change


def _chinese_title(sent, c, q, *, before, after, form, change) -> str:
    """A Chinese target's title: the words after the number or before it; each subject of a 分别 list its own."""
    text, cstart = sent.text, c.start
    title = title_after(after) if after.strip() and not re.match(r"^[，,。；;、）)]", after) else ""
    if not title or len(title) < 2 or relative_cn(before.strip()) or form:
        title = title_before(re.sub(r"每[年月]\s*$", "", before))
    if re.match(r"(?:达到|至|到)?(?:每人|每户|每年|每月)*$", title) and cstart:
        # 「…最低标准提高20元，达到每人每月123元」: the subject is the clause before's
        head = re.split(r"[，,；;]", text[:cstart].rstrip("，, "))[-1]
        title = title_before(re.sub(r"(?:提高|增加|上调|提升|增长)[^，,]*$", "", head) + "达到") or title
    # "X和Y分别降低13.5%、18%": the values share the verb; each takes its own subject.
    core = re.sub(r"(?:[\d.]+\s*[%％‰]?\s*(?:左右|以上)?\s*[、和及]\s*)+$", "", before)
    respective = re.search(r"分别(?:比\d{4}年)?(下降|降低|减少|提高|增长|达到|控制在)?\s*$", core) or (
        re.search(r"分别", core) and re.search(r"(下降|降低|减少|提高|增长)\s*$", core)
    )
    if respective:
        head = core[: core.index("分别")] if "分别" in core else core
        head = re.sub(r"(?:比|较)(?:\d{4}|上一?)年?(?:水平)?$", "", head.strip())
        subject = re.split(r"[，,；;]", head)[-1]
        subjects = [x for x in re.split(r"和|、|及|与", subject) if x.strip()]
        index = before[len(core) :].count("、")
        if index < len(subjects):
            verb = respective.group(1) or ""
            down = verb in DOWN_CN or bool(re.search(r"(下降|降低|减少)\s*$", core))
            title = title_before(subjects[index].strip() + "达到") + (
                ("降幅" if down else "增幅") if form or verb in DOWN_CN + UP_CN else ""
            )
    elif form and sent.chinese:
        subject = re.sub(
            r"(?:(?:比|较)(?:\d{4}|上一?)年?(?:水平|末)?)?(?:分别)?(?:下降|降低|减少|压减|削减|提高|增长|上升|"
            r"增加|提升|延长|缩短|年均增长|年均增速|平均每年增长)?(?:超过|达到|保持在)?\s*$",
            "",
            core.strip(),
        )
        subject = re.sub(
            r"(?:年均|平均每年|每年)(?:增长|增速|提高)?(?:率)?(?:超过|达到|保持在|不低于|不少于)?\s*$",
            "",
            subject,
        )
        title = title_before(subject + "达到") or title
        if form == "change" and change != "absolute":
            title += "降幅" if q.value < 0 else "增幅"
    return title


def _review(sent, kind, near, *, deadline, why_deadline, q) -> list[str]:
    """What a reader should check before tracking a target."""
    review = []
    if sent.years_from_unstated:
        review.append("the deadline is given as a number of years from an unstated start")
    if q.approximate:
        review.append("an approximate number (余/多)")
    if deadline is None and KIND[kind].needs_deadline:
        review.append("no deadline found")
    if "(--year)" in why_deadline and "' from " in why_deadline:
        review.append("the deadline is counted from the document's year (--year)")
    if sent.from_paragraph and not near:
        review.append("the deadline comes from another sentence of the paragraph")
    if sent.early and deadline is not None:
        review.append(f"reported as already reached ('{sent.early.group(0)}')")
    return review


def _reported_early(sent: _Sentence, out: list[Candidate]) -> list[Candidate]:
    """提前2年实现: each target of the sentence is also a value, reached in the document's year."""
    return [
        Candidate(
            c.title,
            c.kind,
            c.value,
            c.unit,
            None,
            sent.quote,
            sent.seg.line,
            sent.file,
            observation=True,
            observed=parse_period(str(sent.year)),
            why_kind=f"reported as reached: '{sent.early.group(0)}'",
            number=c.number,
        )
        for c in out
        if not c.observation and c.value is not None
    ]
