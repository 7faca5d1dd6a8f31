"""The words plans put around a target value: 以上, 不低于, 左右, at least, about.

Plans write nearly every target with a qualifier: 粮食产量6.5亿吨以上, 不低于
3.4%, 城镇调查失业率控制在5.5%以内, 常住人口城镇化率65%左右, "at least 40%",
"more than 300,000". The words say which way the target binds (a floor or
an increase: at least; a cap or a decrease: at most) or that it is
approximate (左右, 约, 力争, about). They belong to the target, never to its
unit: `split` takes them off the text of a value and says what they mean;
the number and unit left are read as any other value (quantity.py).

A strict word (超过, 高于, more than, over) is read as "at least": a
published figure equal to the bound is itself rounded, and the plans'
own reviews count it as met (docs/statuses.md, "Qualifiers").
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..util.errors import InputError
from ..util.i18n import N_, _

AT_LEAST, AT_MOST = "at-least", "at-most"

# Words before the number, longest first so that 不低于 is not read as 低于.
# (words, sense): sense AT_LEAST, AT_MOST, or None for an approximate value.
_BEFORE = (
    ("不低于", AT_LEAST),
    ("不少于", AT_LEAST),
    ("不小于", AT_LEAST),
    ("不下于", AT_LEAST),
    ("至少", AT_LEAST),
    ("最低", AT_LEAST),
    ("超过", AT_LEAST),
    ("高于", AT_LEAST),
    ("大于", AT_LEAST),
    ("多于", AT_LEAST),
    ("不超过", AT_MOST),
    ("不高于", AT_MOST),
    ("不多于", AT_MOST),
    ("不大于", AT_MOST),
    ("最多", AT_MOST),
    ("至多", AT_MOST),
    ("最高", AT_MOST),
    ("低于", AT_MOST),
    ("少于", AT_MOST),
    ("小于", AT_MOST),
    ("控制在", AT_MOST),
    ("大约", None),
    ("约", None),
    ("力争", None),
    ("≥", AT_LEAST),
    (">=", AT_LEAST),
    (">", AT_LEAST),
    ("≤", AT_MOST),
    ("<=", AT_MOST),
    ("<", AT_MOST),
    ("≈", None),
    ("~", None),
)
_BEFORE_EN = (
    ("no less than", AT_LEAST),
    ("not less than", AT_LEAST),
    ("no fewer than", AT_LEAST),
    ("not fewer than", AT_LEAST),
    ("a minimum of", AT_LEAST),
    ("at least", AT_LEAST),
    ("more than", AT_LEAST),
    ("greater than", AT_LEAST),
    ("above", AT_LEAST),
    ("over", AT_LEAST),
    ("minimum", AT_LEAST),
    ("no more than", AT_MOST),
    ("not more than", AT_MOST),
    ("a maximum of", AT_MOST),
    ("at most", AT_MOST),
    ("up to", AT_MOST),
    ("less than", AT_MOST),
    ("fewer than", AT_MOST),
    ("under", AT_MOST),
    ("below", AT_MOST),
    ("maximum", AT_MOST),
    ("approximately", None),
    ("around", None),
    ("about", None),
    ("roughly", None),
    ("circa", None),
    ("nearly", None),
    ("some", None),
)
# Words after the number (and its unit).
_AFTER = (
    ("及以上", AT_LEAST),
    ("或以上", AT_LEAST),
    ("以上", AT_LEAST),
    ("及以下", AT_MOST),
    ("或以下", AT_MOST),
    ("以下", AT_MOST),
    ("以内", AT_MOST),
    ("之内", AT_MOST),
    ("左右", None),
    ("上下", None),
)
_AFTER_EN = (
    ("or more", AT_LEAST),
    ("or above", AT_LEAST),
    ("or over", AT_LEAST),
    ("and above", AT_LEAST),
    ("and over", AT_LEAST),
    ("or higher", AT_LEAST),
    ("at least", AT_LEAST),
    ("or less", AT_MOST),
    ("or fewer", AT_MOST),
    ("or below", AT_MOST),
    ("or lower", AT_MOST),
    ("at most", AT_MOST),
    ("or so", None),
)
_EN_BEFORE = re.compile(r"(?i)(" + "|".join(re.escape(w) for w, _s in _BEFORE_EN) + r")\s+(?=[-+$£€¥\d.])")
_EN_AFTER = re.compile(r"(?i)\s+(" + "|".join(re.escape(w) for w, _s in _AFTER_EN) + r")$")
_SENSE_EN = {w: s for w, s in _BEFORE_EN} | {w: s for w, s in _AFTER_EN}

_SENSE_CN = dict(_BEFORE + _AFTER)
SENSES = {AT_LEAST: N_("at least"), AT_MOST: N_("at most")}
# Which kinds each sense goes with (kinds.py's names).
KINDS_OF = {AT_LEAST: ("increase", "floor"), AT_MOST: ("decrease", "cap")}


class Qualifier(NamedTuple):
    words: str  # as the document wrote them: 以上, 不低于, 控制在…以内, at least
    sense: str | None  # AT_LEAST, AT_MOST, or None (only approximate)
    approx: bool  # 左右, 约, 力争, about: judged like the plain value

    def describe(self) -> str:
        """What the words mean, in the reader's language: at least, at most, about."""
        parts = [_(SENSES[self.sense])] if self.sense else []
        if self.approx:
            parts.insert(0, _("about"))
        return " ".join(parts)


def _combine(words: list[str], senses: list[str | None], text: str) -> Qualifier | None:
    if not words:
        return None
    bounds = {s for s in senses if s}
    if len(bounds) > 1:
        raise InputError(
            _("{text}: {first} and {second} say opposite things (at least and at most)").format(
                text=repr(text), first=words[0], second=words[-1]
            )
        )
    sense = bounds.pop() if bounds else None
    approx = any(s is None for s in senses)
    return Qualifier("…".join(words), sense, approx)


def split(text: str) -> tuple[str, Qualifier | None]:
    """(the value without its qualifier, the qualifier or None).

    "6.5亿吨以上" -> ("6.5亿吨", 以上: at least); "不低于3.4%" -> ("3.4%", …);
    "控制在5.5%以内" -> ("5.5%", 控制在…以内: at most); "at least 40%" ->
    ("40%", at least); "60%左右" -> ("60%", 左右: about)."""
    s = text.strip()
    words: list[str] = []
    senses: list[str | None] = []
    for _round in range(2):  # 力争…以上, 控制在…以内: a word on each side at most; "力争达到" is not a value
        for w, sense in _BEFORE:
            if s.startswith(w) and len(s) > len(w):
                words.append(w)
                senses.append(sense)
                s = s[len(w) :].lstrip()
                break
        else:
            m = _EN_BEFORE.match(s)
            if not m:
                break
            words.append(m.group(1).lower())
            senses.append(_SENSE_EN[m.group(1).lower()])
            s = s[m.end() :]
    tail_words: list[str] = []
    tail_senses: list[str | None] = []
    for w, sense in _AFTER:
        if s.endswith(w) and len(s) > len(w):
            tail_words.append(w)
            tail_senses.append(sense)
            s = s[: -len(w)].rstrip()
            break
    else:
        m = _EN_AFTER.search(s)
        if m and m.start() > 0:
            tail_words.append(m.group(1).lower())
            tail_senses.append(_SENSE_EN[m.group(1).lower()])
            s = s[: m.start()].rstrip()
    return s, _combine(words + tail_words, senses + tail_senses, text)


def read_words(words: str) -> Qualifier:
    """A qualifier stored or imported as its words alone (以上, 控制在…以内, at least)."""
    parts = [p.strip() for p in words.replace("...", "…").split("…") if p.strip()]
    senses: list[str | None] = []
    for p in parts:
        if p in _SENSE_CN:
            senses.append(_SENSE_CN[p])
        elif p.lower() in _SENSE_EN:
            senses.append(_SENSE_EN[p.lower()])
        else:
            parts = []
            break
    if not parts:
        raise InputError(
            _("{words} is not a qualifier: words such as {examples}").format(
                words=repr(words), examples="以上, 以下, 以内, 左右, 不低于, 不超过, 约, at least, at most, about"
            ),
            field="qualifier",
        )
    return _combine([p if p in _SENSE_CN else p.lower() for p in parts], senses, words)


def in_unit(unit: str) -> str | None:
    """The qualifier glued onto a unit as a plan writes it (亿吨以上, %左右, ≥%), or None."""
    for w, _s in _AFTER + _BEFORE:
        if not w.isascii() or w in ("<", ">", "<=", ">="):
            if unit.endswith(w) or unit.startswith(w):
                return w
    return None


_LINKS = ("达到", "保持在", "稳定在", "提高到", "提高至", "增加到", "增至", "降至", "降到", "下降到", "为", "在", "到")
_EN_BEFORE_END = re.compile(r"(?i)\b(" + "|".join(re.escape(w) for w, _s in _BEFORE_EN) + r")\s*$")


def around(before: str, after: str) -> Qualifier | None:
    """The qualifier a document puts around a number it states (extract):
    the words just before it (不低于, 控制在, at least) and just after its
    unit (以上, 以内, 左右); None where there are none."""
    words: list[str] = []
    senses: list[str | None] = []
    head = before.rstrip()
    for link in _LINKS:
        if head.endswith(link) and not head.endswith("控制在"):
            head = head[: -len(link)].rstrip()
            break
    for w, sense in _BEFORE:
        if not w.isascii() and head.endswith(w):
            words.append(w)
            senses.append(sense)
            break
    else:
        m = _EN_BEFORE_END.search(before)
        if m:
            words.append(m.group(1).lower())
            senses.append(_SENSE_EN[m.group(1).lower()])
    tail = after.lstrip()
    for w, sense in _AFTER:
        if tail.startswith(w):
            words.append(w)
            senses.append(sense)
            break
    try:
        return _combine(words, senses, before + after)
    except InputError:  # words that contradict each other: none proposed
        return None
