"""Numbers with their units: 1000亿元, 32微克/立方米, 8/10万, 40 GW,
600,000 heat pumps, three billion trees."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..model.quantity import clean, parse_chinese_numeral
from ..util.errors import InputError
from .vocabulary import (
    AR_NUM,
    CN_DIGITS,
    CN_MEASURES,
    CN_NUM,
    EN_MAGNITUDE,
    NUMBER_WORDS,
    UNITS_CN,
    UNITS_EN,
    count_word,
)

_UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNITS_CN, key=len, reverse=True)) + r"|/(?:10|十)?万|/千"
# A rate: a measure per (a magnitude of) a measure or a person: 32微克/立方米, 0.45吨/万元, 360台/万人;
# or per a number of people (8/10万: maternal deaths per 100,000 births).
_RATE_UNIT = (
    rf"(?:{'|'.join(re.escape(u) for u in UNITS_CN if u not in ('%', '％', '‰'))})"
    rf"/(?:万|千|百)?(?:{'|'.join(re.escape(u) for u in sorted(CN_MEASURES, key=len, reverse=True))}|车|床)"
)
# A number never starts inside another (after a digit, or after "1," of a
# grouped number): such a match was dropped anyway, and trying every start in
# a long run of digits made the search quadratic (8,000 digits: 5 s).
_NUMBER_START = r"(?<!\d)(?<!\d,)(?<!\d\.)(?<![A-Za-z])"  # nor inside a name (CO2, PM2.5), nor in 2.5's decimals
QUANTITY_CN = re.compile(
    rf"(?P<num>{_NUMBER_START}(?:{AR_NUM})|(?<![{CN_DIGITS}]){CN_NUM})(?P<approx>余|多)?\s*(?P<mag>万亿|亿|万|千)?\s*(?P<unit>{_RATE_UNIT}|{_UNIT_ALT})"
)
_MAGNITUDE_ALONE_CN = re.compile(
    rf"{_NUMBER_START}(?P<num>{AR_NUM})(?P<mag>万亿|亿|万)(?=\s*(?:[，。；,;、）)]|$|以上|左右))"
)
QUANTITY_EN = re.compile(
    # a range: "20-30 million", and "2.5 to 3 billion" (with "to" only where a magnitude follows, and not
    # after "from": "from 20 to 30 million" is a start and an end)
    rf"(?P<cur>[$€£])?\s?{_NUMBER_START}(?P<after_from>(?<=from\s))?(?P<num>{AR_NUM})"
    rf"(?:(?:\s*[-–]\s*|(?(after_from)(?!)|\s+to\s+(?=[\d.,]+\s*(?:thousand|million|billion|trillion))))"
    rf"(?P<upto>{AR_NUM})(?![\d/]))?"
    rf"(?:\s*(?P<mag>thousand|million|billion|trillion|[Mm]illion|[Bb]illion))?"
    rf"(?:\s*(?P<unit>[%％‰]|(?:{'|'.join(re.escape(u) for u in sorted(UNITS_EN, key=len, reverse=True) if u != '%')})"
    r"(?:\s+per\s+(?:cubic|square)\s+(?:metre|meter|kilometre|kilometer)|\s+per\s+(?:tonne|kilowatt hour|megawatt hour))?\b))?"
    # a noun may be a plural acronym: "6,000 more GPs", "500 SMEs"
    r"(?:\s+(?P<noun>(?:(?:new|additional|more|extra)\s+)?(?:[A-Z][a-z]+\s+(?=[a-z]))?(?:[A-Z]{2,6}s\b|[a-z][a-z-]+)"
    r"(?:\s+(?:[A-Z]{2,5}\s+)?[a-z][a-z-]+){0,2}))?"
)
EN_NOT_NOUNS = {
    "or",
    "and",
    "to",
    "for",
    "in",
    "of",
    "the",
    "a",
    "an",
    "per",
    "each",
    "by",
    "with",
    "from",
    "at",
    "on",
    "than",
    "as",
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
    "percent",
    "pilot",
    "over",
    "under",
    "across",
    "along",
    "through",
    "into",
    "within",
    "during",
    "since",
    "before",
    "after",
    "every",
    "until",
    "annually",
    "this",
    "next",
    "last",
    "below",
    "above",
    "compared",
    "relative",
    "against",
    "versus",
    "less",
    "fewer",
    "more",
    "reduction",
    "cut",
    "decrease",
    "increase",
    "rise",
    "fall",
    "growth",
    "higher",
    "lower",
    "respectively",
    "between",
    "among",
    "including",
    "if",
    "when",
    "while",
    "but",
    # auxiliaries, now that a noun may run to three words ("9,000 London buses will be")
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "can",
    "could",
    "must",
    "should",
    "may",
    "might",
    "shall",
    "do",
    "does",
    "did",
}
CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP"}
# A unit written out is stored as its symbol, so "30 gigawatts" and "30 GW" are one unit (quantity.py converts
# between symbols of one dimension: GW and MW, TWh and GWh, km and m).
UNIT_SYMBOLS = {
    "percent": "%",
    "per cent": "%",
    "％": "%",
    "kilometres": "km",
    "kilometers": "km",
    "percentage points": "百分点",
    "gigawatts": "GW",
    "gigawatt": "GW",
    "megawatts": "MW",
    "megawatt": "MW",
    "kilowatts": "kW",
    "gigawatt-peak": "GWp",
    "megawatt-peak": "MWp",
    "kilowatt-peak": "kWp",
    "terawatt hours": "TWh",
    "gigawatt hours": "GWh",
    "megawatt hours": "MWh",
    "kilowatt hours": "kWh",
}


@dataclass(slots=True)
class Quantity:
    value: Decimal
    unit: str
    words: str
    start: int
    end: int
    approximate: bool
    noun: str | None = None  # English: the counted thing (600,000 heat pumps)


# A second amount whose thing goes unsaid, dated like the first: "on 250
# schools by 2025 and on 600 by 2028", "40 GW by 2030 and 50 by 2035", "800
# chargers by 2026, rising to 2,500 by 2030" (not
# "a further 600" or "another 600": an increment, whose total is unsaid).
_DATE = r"(?:by|in|before)\s+(?:(?:the\s+end\s+of|end\s+of|[A-Z][a-z]+)\s+)?(?:19|20)\d{2}\b"
_ELLIPSIS_BEFORE = re.compile(
    r"[^.;\d]{0,60}?\b" + _DATE + r"\s*,?\s*(?:(?:and|then)\s+(?:(?:on|to|for|in|at)\s+)?|"
    r"(?:and\s+)?(?:rising|growing|increasing|climbing|going up)\s+to\s+|(?:and\s+)?reaching\s+)"
)
_ELLIPSIS_AFTER = re.compile(r"\s*" + _DATE)


def quantities(text: str, carry: tuple[Quantity, str] | None = None) -> list[Quantity]:
    """The amounts in `text` (a clause). `carry`: the last amount of the
    sentence's clauses before, and the words from it to this clause, for a
    second amount whose thing goes unsaid ("800 chargers by 2026, rising to
    2,500 by 2030")."""
    # Chinese text is read with Chinese units; English with English ones, % included, so that a
    # percentage does not hide the other numbers of an English sentence ("3,000 beds … 25% of rooms").
    chinese = re.search(r"[\u4e00-\u9fff]", text) is not None
    found = _chinese_amounts(text) if chinese else []
    if not found:
        for m in QUANTITY_EN.finditer(text):
            amount = _english_amount(m, text, found, carry=carry)
            if amount is not None:
                found.append(amount)
        _english_words(text, found)
        found.sort(key=lambda q: q.start)
    return found


def _chinese_amounts(text: str) -> list[Quantity]:
    """The amounts of a Chinese clause, read with Chinese units and magnitudes."""
    found = []
    for m in QUANTITY_CN.finditer(text):
        num = m["num"]
        before = text[max(0, m.start() - 1) : m.start()]
        if before.isdigit() or before == "第":  # 第3条: an article number
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
            continue  # 一个, 一位, 零部件: words, not counts
        mag = m["mag"] or ""
        unit_label = mag + unit if unit not in ("%", "‰") else unit
        if unit == "％":
            unit_label = "%"
        found.append(Quantity(value, unit_label, m.group(0), m.start(), m.end(), bool(m["approx"])))
    # A count in 万 or 亿 with no unit after it, its noun before (游客人次突破10亿, 常住人口达到2000万):
    # the magnitude is the unit.
    for m in _MAGNITUDE_ALONE_CN.finditer(text):
        if not any(q.start < m.end() and m.start() < q.end for q in found):
            found.append(Quantity(Decimal(m["num"].replace(",", "")), m["mag"], m.group(0), m.start(), m.end(), False))
    found.sort(key=lambda q: q.start)
    return found


def _english_amount(m, text: str, found: list[Quantity], *, carry) -> Quantity | None:
    """One match of QUANTITY_EN as an amount, or None where it is a year, a period, or a bare number."""
    noun = re.split(r"\s+(?:a|per|each|every)\s+(?:year|month|week|day)\b", m["noun"] or "")[0]
    words = noun.split()
    if len(words) > 1 and m["noun"] and re.match(r"\s*\d", text[m.end("noun") : m.end("noun") + 20]):
        words.pop()  # "50,000 cases of type [2 diabetes]": the word before a number names it, not the count
    cut = next((i for i, w in enumerate(words) if i and w in EN_NOT_NOUNS), None)
    words = words[:cut] if cut else words  # "114,000 homes over ten [years]": the noun ends at a little word
    while words and words[-1] in EN_NOT_NOUNS:
        words.pop()
    if len(words) > 1 and words[0] in ("more", "additional", "extra", "new"):
        words = words[1:]  # 15,000 more nurses
    noun = " ".join(words) if words and words[0] not in EN_NOT_NOUNS else None
    # each look beside a number reads a window, never the rest of the text (quadratic in a long sentence)
    per_period = re.match(
        r"\s*(?:a|per|each|every)\s+(?:year|month)\b", text[m.end("num") : m.end("num") + 60], re.I
    ) or re.search(
        r"\b(?:cap|caps|capped|limit|limits|limited|increase|increasing|raise|raising|double|doubling|triple|grow|"
        r"growing|expand|expanding|boost|bring|bringing|reduce|reducing|cut|cutting|lower|lowering)\b"
        r"[^.,;]{0,60}\b(?:at|to)\s+(?:around\s+|about\s+|some\s+)?$",
        text[max(0, m.start("num") - 200) : m.start("num")],
        re.I,
    )
    carried = None
    first, between = (
        (found[-1], text[found[-1].end : m.start("num")])
        if found
        else (carry[0], carry[1] + text[: m.start("num")])
        if carry
        else (None, "")
    )
    if (
        not (m["unit"] or noun or m["mag"] or m["cur"] or per_period)
        and first
        and _ELLIPSIS_BEFORE.fullmatch(between)
        and _ELLIPSIS_AFTER.match(text[m.end("num") : m.end("num") + 40])
    ):
        carried = first  # "250 schools by 2025 and [on] 600 by 2028": the thing left unsaid is the first's
        noun = carried.noun
    if not (m["unit"] or noun or m["mag"] or m["cur"] or per_period or carried):  # "to around 100,000 a year"
        return None
    if m["num"].isdigit() and len(m["num"]) == 4 and 1900 <= int(m["num"]) <= 2100 and not m["unit"] and not m["cur"]:
        return None  # a year (not £1900)
    if m["upto"] and len(m["num"]) == 4 and m["num"].startswith(("19", "20")):
        return None  # 2022-2025, a period
    if re.search(r"(?:19|20)\d{2}[-–/]$", text[max(0, m.start("num") - 8) : m.start("num")]):
        return None  # the 09 of 2005-09
    value = Decimal(m["num"].replace(",", ""))
    if m["mag"]:
        value = clean(value * EN_MAGNITUDE[m["mag"].lower()])
    unit = (m["unit"] or "").strip()
    unit = UNIT_SYMBOLS.get(unit.lower(), unit) or CURRENCY.get(m["cur"] or "", "") or (carried.unit if carried else "")
    end = m.end("unit") if m["unit"] else (m.end("mag") if m["mag"] else m.end("num"))
    start = m.start() + len(text[m.start() : end]) - len(text[m.start() : end].lstrip())  # not the space before it
    return Quantity(value, unit, text[start:end].strip(), start, end, False, noun)


def _english_words(text: str, found: list[Quantity]) -> None:
    """Amounts in words, added to `found`: "three billion trees", "four new fire stations", "six months"."""
    # "three billion trees", "two million homes": a number in words before a magnitude
    for m in _EN_WORD_AMOUNT.finditer(text):
        if any(m.start() < q.end and q.start < m.end() for q in found):
            continue
        value = clean(Decimal(count_word(m["n"])) * EN_MAGNITUDE[m["mag"].lower()])
        words = (m["noun"] or "").split()
        while words and words[-1] in EN_NOT_NOUNS:
            words.pop()
        if len(words) > 1 and words[0] in ("more", "additional", "extra", "new"):
            words = words[1:]  # 15,000 more nurses
        noun = " ".join(words) if words and words[0] not in EN_NOT_NOUNS else None
        found.append(Quantity(value, "", text[m.start() : m.end("mag")], m.start(), m.end("mag"), False, noun))
    # "build four new fire stations": a small count in words, after a verb of making, before a plural noun
    for m in [*_EN_WORD_COUNT.finditer(text), *_EN_WORD_COUNT_NEW.finditer(text)]:
        if not any(m.start("n") < q.end and q.start < m.end("n") for q in found):
            found.append(Quantity(Decimal(count_word(m["n"])), "", m["n"], m.start("n"), m.end("n"), False, m["noun"]))
    # "brought down to six months by 2030": a time in words, as the level it is to come to
    for m in _EN_WORD_TIME.finditer(text):
        if not any(m.start("n") < q.end and q.start < m.end("unit") for q in found):
            found.append(
                Quantity(
                    Decimal(count_word(m["n"])),
                    m["unit"].lower(),
                    text[m.start("n") : m.end("unit")],
                    m.start("n"),
                    m.end("unit"),
                    False,
                )
            )


_EN_WORD_TIME = re.compile(
    r"\b(?:down|reduced|cut|brought|fall|fallen|falls|shortened|lowered)\s+to\s+(?P<n>"
    + "|".join(w for w in NUMBER_WORDS if w.isascii() and w.isalpha() and w != "one")  # the words count_word reads
    + r")\s+(?P<unit>minutes|hours|days|weeks|months|years)\b",
    re.I,
)
_EN_WORD_COUNT = re.compile(
    r"\b(?:build|open|create|add|recruit|plant|deliver|establish|construct|hire|train)\s+(?P<n>two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)\s+(?:(?:new|additional|more|extra)\s+)?"
    r"(?P<noun>(?:[a-z][a-z-]+\s+){0,2}?[a-z][a-z-]+s)\b",
    re.I,
)
# "Two new electric ferries will enter service in 2026": new things, counted in words, that a plan says will come
_EN_WORD_COUNT_NEW = re.compile(
    r"(?:^|(?<=[.;:]\s))(?P<n>[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Ee]leven|[Tt]welve)\s+"
    r"(?:new|additional|more|extra)\s+(?P<noun>(?:[a-z][a-z-]+\s+){0,2}?[a-z][a-z-]+s)\s+(?=will\b|are to\b|should\b|must\b)"
)
_EN_WORD_AMOUNT = re.compile(
    r"\b(?P<n>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|a hundred)\s+(?P<mag>thousand|million|billion|trillion)\b"
    r"(?:\s+(?P<noun>(?:new\s+|additional\s+|more\s+)?[a-z][a-z-]+(?:\s+[a-z][a-z-]+)?))?",
    re.I,
)
