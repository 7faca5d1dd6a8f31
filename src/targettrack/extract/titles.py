"""Titles for what extract proposes: the noun phrase a number counts, the
subject before a Chinese verb, and, in English, the thing a target is
about when the sentence says it in other words than a noun after the
number (all of them, nought of them, a list that shares the first amount's
thing, what a sum is spent on).

Titles are not scored by the corpus: each rule here came from a title a
reader would not have written, and tests/test_extract.py holds it."""

from __future__ import annotations

import re

from .clause import relative_cn
from .forms import ALL_IN_A_STATE
from .quantities import Quantity
from .vocabulary import HEDGES_EN


def title_after(text: str) -> str:
    """The noun phrase after a number: up to the next separator, without
    modifiers (the part after the last 的), and short."""
    phrase = re.split(r"[、，,。；;：:（(）)“”\"]|以上|以下|以内|左右|的目标|目标", text, maxsplit=1)[0].strip()
    phrase = re.sub(r"^(的|个|以上|以下|以内|左右|多)+", "", phrase)
    if "的" in phrase:
        phrase = phrase.rsplit("的", 1)[1]
    return phrase.strip(" ，,")[:30]


# "reduce building energy use intensity 30%": the object right before the amount
_EN_BARE_OBJECT = re.compile(
    r"\b(?:cut(?:ting)?|reduc(?:e|ing)|lower(?:ing)?|rais(?:e|ing)|increas(?:e|ing)|grow(?:ing)?|"
    r"boost(?:ing)?)\s+(?:the\s+)?(?P<np>[a-z][a-z0-9. -]{2,60}?)\s*$"
)
EN_OBJECT = re.compile(
    r"(?:cut|reduce|lower|raise|increase|bring|keep|limit|hold|grow|double)\s+(?:the\s+)?"
    rf"(?P<np>[a-z][a-z0-9. -]*?)\s+(?:to|by|at|below|under|above)\s*(?:(?:{HEDGES_EN})\s*)?$"
)


_EN_WANTED = re.compile(
    r"\b(?:requires?|wants?|expects?|calls? for|aims? for|needs?)\s+(?:the\s+)?"
    r"(?P<np>[a-z][a-z0-9' -]{2,80}?)\s*$"
)


def title_en(before: str, after: str, q: Quantity) -> str:
    being = re.match(
        r"\s*of\s+(?:all\s+|the\s+)?([a-z][a-z' -]*?)\s+(?:are|is|be|were|live|living)\s+(in\s+[a-z][a-z -]*?)"
        r"(?:\s+(?:and|by)\b|[.,;]|$)",
        after,
    )
    if being:
        return f"{being[1]} {being[2]}"  # "10% of children are in relative poverty"
    of = re.match(
        r"\s*of\s+(?:all\s+|the\s+)?([A-Za-z][A-Za-z' -]*?)(?:\s+(?:by|in|a|per|each|every|from|to|for|over|"
        r"within|during|before|until|at|on)\b|\s+and\s+(?=\d)|[.,;]|$)",
        after,
    )
    if of:
        return of.group(1).strip()
    change_in = re.match(
        r"\s*(?:(?:relative|absolute|net|overall|further|total)\s+)?(?:reduction|cut|decrease|increase|rise|"
        r"fall|drop)\s+in\s+(?:the\s+)?([a-z][a-z' -]*?)"
        r"(?:\s+(?:by|in|from|to|for|relative|compared|below|above)\b|[.,;]|$)",
        after,
        re.I,
    )
    if change_in:
        return change_in.group(1).strip()  # "a 51% reduction in greenhouse gas emissions"
    if q.noun:
        return q.noun
    spent = re.match(
        r"\s*(?:(?:a|per|each)\s+year\s+)?(?:in|on|for)\s+(?!the\s+(?:next|coming)\b)([a-z][a-z -]*?)"
        r"(?:\s+(?:by|in|from|to|over|between)\b|[.,;]|$)",
        after,
    )
    if spent and q.unit in ("USD", "EUR", "GBP"):
        return spent[1].strip()  # "$20 billion a year in international biodiversity finance"
    obj = EN_OBJECT.search(before.lower()) or _EN_BARE_OBJECT.search(before.lower())
    if obj:
        return obj.group("np").strip()
    # The sentence's subject, before its verb: "Temporary accommodation placements will be reduced by a third".
    subject = re.match(
        r"\s*(?:(?:by|in|from)\s+\d{4},\s*)?(?:the\s+)?(?P<np>[A-Za-z][A-Za-z' -]{2,60}?)\s+"
        r"(?:will|shall|must|should|is|are|to be|has to|have to)\b",
        before,
    )
    if subject and not re.match(
        r"(?:we|they|it|the (?:city|state|council|government|region|[a-z -]*(?:authority|agency|department|ministry|programme|program|board|utility|operator|company)))\b",
        subject["np"],
        re.I,
    ):
        return subject["np"].strip()
    made = re.search(
        r"\b(?:create|build|deliver|achieve|provide|reach|add)\s+(?:an?\s+|the\s+)?(?P<np>[a-z][a-z -]{2,40}?)"
        r"\s+of\s*$",
        before,
    )
    if made:
        return made["np"].strip()  # "create an additional carbon sink of 2.5 to 3 billion tonnes"
    named = re.search(
        r"\b(?:targets?|limits?|standards?|goals?)\s+for\s+(?P<np>[A-Za-z0-9.₂ -]{1,40}?)\s+of\s*$", before
    )
    if named:
        return named["np"].strip()  # "the interim target for PM2.5 of 10 micrograms per cubic metre"
    # What a law or a plan requires of something: "The Act requires net emissions of all gases … [to reach zero]".
    wanted = _EN_WANTED.search(before)
    if wanted:
        return wanted["np"].strip()
    tail = before.strip().split(",")[-1].strip()
    return tail if len(tail) <= 40 else tail[-40:].split(" ", 1)[-1]  # whole words only


def title_before(text: str) -> str:
    """The subject before the verb: 'X达到N' -> X."""
    rel = relative_cn(text.strip())
    if rel:
        down = rel["verb"] in ("下降", "降低", "减少")
        return f"{title_before(rel['subject'] + '达到') or rel['subject']}{'降幅' if down else '增幅'}（比{rel['year']}年）"
    head = re.split(
        r"(达到|超过|突破|不少于|不低于|不超过|控制在|下降到|降至|降低到|减少到|提高到|提升到|增加到|增至|"
        r"占比|占|为|实现|稳定在|保持在|reach|exceed|to)\s*$",
        text.strip(),
        maxsplit=1,
    )[0]
    # a year before the subject (2025年, 今年), not the 年 inside a name (老年医学科, 青年人才)
    head = re.split(r"[、，,。；;：:]|年，|\d{4}年(?:底|末)?|(?:今|明|去|当|本|全)年", head)[-1].strip()
    head = re.sub(r"^(全市|全省|全区|全国|全县|其中|力争|确保|争取|到|实现|使|推动|将|届时|同时)+", "", head)
    head = re.sub(
        r"(力争|预计|计划|将|要|争取|确保|可)?(生产|建成|建设|完成|新增|引进|培育|打造|销售|推广|实现|"
        r"达到|超过|突破|享受|提供|发放|累计)$",
        "",
        head,
    )
    head = re.sub(r"(力争|预计|计划|将|要|争取|确保|可|能够|有望|可望|最高|最低|最多|最少)+$", "", head.strip())
    if "的" in head:
        whole, tail = head.rsplit("的", 1)
        # 「设置老年医学科的比例」: a share or a count alone says nothing; it keeps what it is of
        head = (
            head
            if re.fullmatch(r"(?:比例|比重|占比|数量|总量|规模|人数|个数|面积|覆盖率|增速|水平)", tail.strip())
            else tail
        )
    return head.strip()[:30]


def english_title(q: Quantity, before: str, after: str, *, rest: str, word_change: bool, previous: str | None) -> str:
    """The title of an English amount: `before` and `after` are its clause's
    words either side, `rest` the sentence after it, `previous` the title of
    the amount before it in the same sentence (None: there is none)."""
    title = title_en(before, after, q)
    title = _title_from_the_verb(title, q, before, after=after, word_change=word_change)
    title = _title_from_a_whole(title, q, before, after=after, previous=previous)
    title = _title_from_an_end(title, q, before, after=after, rest=rest, previous=previous)
    title = _title_tidied(title, q, before, after=after, previous=previous)
    return title


def _title_from_the_verb(title: str, q: Quantity, before: str, *, after: str, word_change: bool) -> str:
    """A cap's object, a comparison's subject, the thing a word change (halve, double) is of."""
    capped = re.search(
        r"\b(?:cap|caps|capped|limit|limits)\s+(?:the\s+)?([a-z][a-z -]{2,40}?)\s+(?:at|to)\s*$", before, re.I
    )
    if capped:  # "cap annual flights at 380,000"
        title = capped[1]
    than = (
        re.match(r"\s*(?:less|fewer|lower|more|higher|greater)\s+([a-z][a-z -]*?)\s+(?:than|by\s+\d{4})\b", after, re.I)
        if q.unit in ("", "%")
        else None
    )
    if than:  # "50% fewer greenhouse gas emissions than in 2004": what is compared
        title = than[1]
    if word_change:  # "halve food waste", "double the number of charge points"; else the subject
        thing = re.sub(r"^(?:the number of|the amount of|the)\s+", "", after.strip(" .,;")).split(" by ")[0]
        if thing and not re.match(r"(?:by|to|in|from|of|on|at)\b|\d", thing):
            title = thing
        inside = re.match(
            r"\S+\s+(?:the number of |the amount of |the )?(.+?)\s+(?:by\s+(?:an?|one|two|three|four|five|"
            r"seven|nine)[- ](?:thirds?|quarters?|fifths?|sixths?|eighths?|tenths?)|in half|by half)$",
            q.words,
            re.I,
        )
        if inside:  # "cut the number of fly-tipping incidents in the borough by a quarter"
            title = inside[1]
    changes = r"(?:reduction|cut|decrease|drop|fall|decline|increase|rise)"
    own = re.match(rf"\s*{changes}\s+(?:in|for)\s+(?:the\s+)?([a-z][a-z -]{{0,30}}?\bsector)\b", after, re.I)
    sector = own or re.search(r"^[^.;]{0,60}?\bfor\s+(?:the\s+)?([a-z][a-z -]{0,30}?\bsector)\b", after, re.I)
    if sector and (own or re.fullmatch(rf"(?:an?|(?:an?\s+)?{changes}(?:\s+of)?|)", title, re.I)):
        title = sector[1]  # "a 50% drop for the commercial sector": what falls is the sector's
    return title


def _title_from_a_whole(title: str, q: Quantity, before: str, *, after: str, previous: str | None) -> str:
    """A whole or a share of something: a fully zero-emission fleet, all packaging recyclable, one in four homes."""
    whole = re.match(r"(?:fully|entirely|wholly|completely|100 per ?cent)[- ](.+)", q.words, re.I)
    if whole and (noun := re.match(r"\s*([a-z]+)", after)):
        title = f"{whole[1]} {noun[1]}"  # "a fully zero-emission fleet": the zero-emission fleet
    then_in = re.match(r"\s*(?:are|is)\s+(in\s+[a-z][a-z -]*?)(?:[.,;]|\s+and\b|$)", after)
    if then_in and previous and " in " in previous:
        title = f"{previous.split(' in ')[0]} {then_in[1]}"  # "… and fewer than 5% are in absolute poverty"
    state = (
        re.match(
            rf"\s+(?:[^.;,]{{0,50}}?\s)?(?:(?:must|will|should|shall|are to|is to|to) be|to) (?:fully |made )?"
            rf"({ALL_IN_A_STATE})\b",
            after,
            re.I,
        )
        if q.value == 100 and re.search(r"\b(?:all|entire|whole)\s*$", before, re.I)
        else None
    )
    if state:
        thing = re.sub(r"^of (?:the|our|its|their|his|her) ", "", q.words, flags=re.I)
        title = f"{state[1]} share of {thing}"  # "all plastic packaging … must be recyclable"
    share = re.fullmatch(r"(?:one|two|three|four|nine)\s+(?:in|out of)\s+[a-z]+", q.words, re.I)
    thing = (
        re.match(r"\s+([a-z][a-z -]*?)(?=\s+(?:to|will|should|must|are|were|in|by|with|who|that)\b|[.,;]|$)", after)
        if share
        else None
    )
    if thing:  # "one in four homes to have rooftop solar": what the share is of
        title = thing[1]
    everyone = re.match(r"(access\s+to\s+.+?)\s+for\s+(?:all|everyone)$", q.words, re.I) if q.value == 100 else None
    if everyone:  # "ensure access to safe drinking water for all"
        title = everyone[1]
    return title


def _title_from_an_end(title: str, q: Quantity, before: str, *, after: str, rest: str, previous: str | None) -> str:
    """What is done to all of a thing, or ended, or brought to nought; a share of the amount before."""
    acted = re.search(r"\b(replace|remove|connect|upgrade|convert)\s+all\s*$", before, re.I) if q.value == 100 else None
    clean = (
        re.match(r"\s*from\s+(clean|renewable|low-carbon|zero-carbon|carbon-free|green)\s", after, re.I)
        if q.value == 100 and re.search(r"\ball\s*$", before, re.I)
        else None
    )
    if acted or clean:
        thing = re.split(r"\s+with\s+", re.sub(r"^of (?:the|its|their|our|his|her) ", "", q.words, flags=re.I))[0]
        done = {
            "replace": "replaced",
            "remove": "removed",
            "connect": "connected",
            "upgrade": "upgraded",
            "convert": "converted",
        }
        # "replace all lead service lines": lead service lines replaced; "all of our electricity from clean sources"
        title = f"{thing} {done[acted[1].lower()]}" if acted else f"{clean[1].lower()} share of {thing}"
    stops = re.match(r"(.+?)\s+will\s+end$", q.words) if q.value == 0 else None
    if stops:  # "Sales of new petrol and diesel cars will end in 2030": what ends
        title = stops[1][0].lower() + stops[1][1:]
    ended = re.match(r"(?:eliminat|eradicat|phas|end)", q.words, re.I) if q.value == 0 else None
    if ended:  # "eradicate possums, rats and stoats from New Zealand by 2050"
        title = re.split(r"\s+(?:by|no later than|before)\s+\d{4}|[.;]", rest, maxsplit=1)[0].strip(" ,")
    if q.words.lower() == "all" and (every := re.match(r"\s*([a-z-]+\s+[a-z-]+)", after)):
        title = every[1]  # "all zero-emission vehicles by 2035"
    nought = re.match(r"zero\s+(.+)", q.words, re.I) if q.value == 0 else None
    if nought:  # "zero biodegradable or recyclable waste sent to landfill by 2026": what is to be nought
        said = re.split(r"\s+(?:by|no later than|in|before)\s+\d{4}|[.,;]", after, maxsplit=1)[0]
        title = f"{nought[1]}{said}".strip()
    all_new = re.search(r"\ball new\s*$", before, re.I) and re.search(
        r"\b(zero[- ]emissions?|electric|emissions?[- ]free)\b", after, re.I
    )
    if all_new and q.value == 100:
        title = f"{all_new[1]} share of new {q.words}"  # "all new cars sold … to be zero-emission"
    them = re.match(r"\s*of\s+(?:them|these|those)\s+([a-z][a-z -]*?)\s*(?:[.,;]|$)", after)
    if them and previous:
        title = f"{previous} {them[1]}"  # "800,000 new homes …, with 70% of them in established suburbs"
    return title


def _title_tidied(title: str, q: Quantity, before: str, *, after: str, previous: str | None) -> str:
    """The amount before's thing where this one names none; an average time; a grant's purpose; stray words cut."""
    if (
        re.fullmatch(r"(?:and|or|then|to|by|the|a|an|\s)*", title)
        or re.search(r"\d\s*%|\b(?:19|20)\d{2}\b", title)
        or title.startswith("of ")
        or re.match(r"(?:rising|falling|increasing|decreasing|growing|up|down)\s+to\b|at a rate\b", title)
    ) and previous:
        # "to 85% of premises by 2025 and to nationwide coverage by 2030": the amount before's thing
        title = previous
    timed = (
        re.search(r"\b(?:to|should|will|must|shall)\s+(?P<vp>[a-z][a-z' -]{3,60}?)\s+(?:within|in)\s*$", before)
        if re.fullmatch(r"minutes|hours|days|weeks", q.unit) and re.match(r"\s*on\s+average\b", after)
        else None
    )
    if timed:  # "arrive at house fires within 8 minutes on average": the average time to arrive at house fires
        title = f"average time to {timed['vp']}"
    grant = re.search(
        r"\b(grants?|subsid(?:y|ies)|payments?|loans?|allowances?|rebates?)\s+of\s+(?:up\s+to\s+)?$", before, re.I
    )
    if grant and (towards := re.match(r"\s*(?:for|towards)\s+(?:a|an|the)?\s*([a-z][a-z -]*?)(?:[.,;]|$)", after)):
        title = f"{grant[1]} for {towards[1]}"  # "grants of up to £7,500 for a heat pump"
    title = re.sub(r"\s+from\s+[\d.,]+$", "", title)  # "the number of electric buses from 200 [to 400]"
    title = re.sub(r"^(?:the\s+)?(?:number|amount) of\s+", "", title)
    title = re.sub(
        r"\s+(?:(?:will|should|must)\s+be|to be)\s+[\w-]+$", "", title
    )  # "landfill methane emissions to be cut"
    title = re.sub(r"^(?:its|their|our|the)\s+", "", title)
    return title
