"""Values and units: exact numbers, Chinese magnitudes, unit conversion.

Numbers are `Decimal` from the moment they are read to the moment they are
shown, so 8500000万元 becomes exactly 850亿元 and 0.1 + 0.2 is 0.3. A unit
label is kept as the user wrote it (公里 stays 公里); what it *means* is a
dimension, a base factor and a Chinese magnitude (万元 = 10^4 x 元), and only
labels of the same dimension are ever converted into each other.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation, localcontext
from typing import NamedTuple

from ..util import i18n
from ..util.errors import InputError
from ..util.i18n import N_, _

# Single-character magnitudes, as they appear after a number (1000亿, 2万台).
MAGNITUDES = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}
_EN_MAGNITUDES = {
    "thousand": 10**3,
    "k": 10**3,
    "million": 10**6,
    "mn": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "trillion": 10**12,
}

# Units that convert into each other: label -> (dimension, factor to the
# dimension's base). Labels are matched exactly first, then case-folded, so
# "KM" is km but a custom unit keeps its own spelling. A label not listed here
# is a dimension of its own (家, 个, 种, 辆 are counts of different things and
# must never be added together).
_D = Decimal
UNITS: dict[str, tuple[str, Decimal]] = {
    # money (renminbi)
    "元": ("CNY", _D(1)),
    "yuan": ("CNY", _D(1)),
    "cny": ("CNY", _D(1)),
    "rmb": ("CNY", _D(1)),
    "人民币": ("CNY", _D(1)),
    "美元": ("USD", _D(1)),
    "usd": ("USD", _D(1)),
    "us$": ("USD", _D(1)),
    "$": ("USD", _D(1)),
    "dollar": ("USD", _D(1)),
    "dollars": ("USD", _D(1)),
    "us dollars": ("USD", _D(1)),
    "欧元": ("EUR", _D(1)),
    "eur": ("EUR", _D(1)),
    "€": ("EUR", _D(1)),
    "euro": ("EUR", _D(1)),
    "euros": ("EUR", _D(1)),
    "英镑": ("GBP", _D(1)),
    "gbp": ("GBP", _D(1)),
    "£": ("GBP", _D(1)),
    "sterling": ("GBP", _D(1)),
    "pounds sterling": ("GBP", _D(1)),
    # length
    "m": ("length", _D(1)),
    "米": ("length", _D(1)),
    "km": ("length", _D(1000)),
    "公里": ("length", _D(1000)),
    "千米": ("length", _D(1000)),
    "cm": ("length", _D("0.01")),
    "厘米": ("length", _D("0.01")),
    # mass
    "g": ("mass", _D(1)),
    "克": ("mass", _D(1)),
    "kg": ("mass", _D(1000)),
    "千克": ("mass", _D(1000)),
    "公斤": ("mass", _D(1000)),
    "t": ("mass", _D(10**6)),
    "吨": ("mass", _D(10**6)),
    # 斤 (市斤) is half a kilogram: grain output is published in 亿斤 as well as 万吨
    "斤": ("mass", _D(500)),
    "市斤": ("mass", _D(500)),
    # shares
    "%": ("percent", _D(1)),
    "‰": ("percent", _D("0.1")),
    "百分点": ("percentage-point", _D(1)),
    "个百分点": ("percentage-point", _D(1)),
    "pp": ("percentage-point", _D(1)),
    # power and energy
    "w": ("power", _D(1)),
    "瓦": ("power", _D(1)),
    "kw": ("power", _D(10**3)),
    "千瓦": ("power", _D(10**3)),
    "mw": ("power", _D(10**6)),
    "gw": ("power", _D(10**9)),
    "kwh": ("energy", _D(1)),
    "千瓦时": ("energy", _D(1)),
    "度": ("energy", _D(1)),
    "mwh": ("energy", _D(10**3)),
    "gwh": ("energy", _D(10**6)),
    "twh": ("energy", _D(10**9)),
    # area
    "平方米": ("area", _D(1)),
    "m2": ("area", _D(1)),
    "㎡": ("area", _D(1)),
    "平方公里": ("area", _D(10**6)),
    "km2": ("area", _D(10**6)),
}

ACCEPTED_VALUES = N_(
    "a number such as 1000, 1,000, 1.5e3, 45%, 100万元, 1000亿元, 1.2万亿元, 一千亿, 两千五百万, $17 billion or £2bn"
)
# A currency written before the number ($17 billion, US$17 bn, £2bn, €1.5
# trillion) is read as its code after it: 17 billion USD.
_CURRENCY_FIRST = re.compile(r"(?i)^(us\$|\$|£|€)\s*")
_CURRENCY_CODES = {"us$": "USD", "$": "USD", "£": "GBP", "€": "EUR"}

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "两": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = {"万": 10**4, "亿": 10**8}
_CN_CHARS = "".join(_CN_DIGITS) + "".join(_CN_SMALL) + "".join(_CN_BIG) + "点"

_ARABIC = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?")
_CHINESE = re.compile(f"[{_CN_CHARS}]+")
_MAX_EXPONENT = 40  # beyond 10^40 nothing is a policy target; refuse, don't print 1e6 digits


class UnitInfo(NamedTuple):
    dimension: str  # "" for a bare magnitude such as 万
    factor: Decimal  # base factor of the unit without its magnitude (km = 1000 m)
    magnitude: Decimal  # the Chinese/English magnitude in front of it (万元 -> 10^4)

    @property
    def scale(self) -> Decimal:
        return self.factor * self.magnitude


class Quantity(NamedTuple):
    """A number as written, with the unit label that followed it ("" if none)."""

    number: Decimal
    unit: str = ""


def normalize_text(text: str) -> str:
    # NFKC folds full-width digits, commas, percent signs and spaces
    # (１，０００％ -> 1,000%) that Chinese input methods produce.
    text = unicodedata.normalize("NFKC", text)
    return text.replace("\u2212", "-").strip()


def _split_magnitude(label: str) -> tuple[Decimal, str]:
    """Split "万亿元" into (10^12, "元"), "million yuan" into (10^6, "yuan")."""
    mag = Decimal(1)
    i = 0
    while i < len(label) and label[i] in MAGNITUDES:
        mag *= MAGNITUDES[label[i]]
        i += 1
    rest = label[i:].strip()
    if i == 0:
        word, _, tail = label.partition(" ")
        if word.lower() in _EN_MAGNITUDES:
            return Decimal(_EN_MAGNITUDES[word.lower()]), tail.strip()
    return mag, rest


def _lookup(label: str) -> tuple[str, Decimal] | None:
    return UNITS.get(label) or UNITS.get(label.casefold())


def unit_info(label: str | None) -> UnitInfo:
    label = normalize_text(label or "")
    if not label:
        return UnitInfo("", Decimal(1), Decimal(1))
    known = _lookup(label)
    if known:  # whole labels first: 千米 is a kilometre, not a thousand 米
        return UnitInfo(known[0], known[1], Decimal(1))
    mag, rest = _split_magnitude(label)
    if not rest:
        return UnitInfo("", Decimal(1), mag)
    known = _lookup(rest)
    if known:
        return UnitInfo(known[0], known[1], mag)
    return UnitInfo(rest, Decimal(1), mag)


def same_dimension(a: str | None, b: str | None) -> bool:
    return unit_info(a).dimension == unit_info(b).dimension


def parse_chinese_numeral(text: str) -> Decimal:
    """一千亿 -> 100000000000, 两千五百万 -> 25000000, 一点五万 -> 15000."""
    if "点" in text:
        whole, _dot, frac = text.partition("点")
        digits = ""
        i = 0
        while i < len(frac) and frac[i] in _CN_DIGITS:
            digits += str(_CN_DIGITS[frac[i]])
            i += 1
        tail = frac[i:]
        if not digits or any(c not in MAGNITUDES for c in tail):
            raise InputError(_("cannot read Chinese numeral {text}").format(text=repr(text)))
        value = (parse_chinese_numeral(whole) if whole else Decimal(0)) + Decimal("0." + digits)
        for c in tail:
            value *= MAGNITUDES[c]
        return value
    total = 0  # everything above the current 万/亿 section
    section = 0  # the part below 万 being built
    digit = None
    seen_digit = False
    for c in text:
        if c in _CN_DIGITS:
            if digit is not None and digit != 0 and _CN_DIGITS[c] != 0:
                raise InputError(_("cannot read Chinese numeral {text}").format(text=repr(text)))
            digit = _CN_DIGITS[c]
            seen_digit = True
        elif c in _CN_SMALL:
            section += (1 if digit is None else digit) * _CN_SMALL[c]
            digit = None
        elif c == "万":
            total += (section + (digit or 0)) * 10**4
            section, digit = 0, None
        elif c == "亿":
            total = (total + section + (digit or 0)) * 10**8
            section, digit = 0, None
        else:
            raise InputError(_("cannot read Chinese numeral {text}").format(text=repr(text)))
    if not seen_digit and not text.startswith(("十", "拾")):
        raise InputError(_("cannot read Chinese numeral {text}").format(text=repr(text)))
    return Decimal(total + section + (digit or 0))


def to_chinese_numeral(n: int) -> str:
    """The inverse of parse_chinese_numeral for whole numbers (used by tests
    and by nothing that must be fast)."""
    digits = "零一二三四五六七八九"
    if n == 0:
        return "零"

    def below_10k(x: int) -> str:
        out, zero = "", False
        for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = x // unit % 10
            if d:
                if zero and out:
                    out += "零"
                out += digits[d] + name
                zero = False
            else:
                zero = True
        return out

    parts = []
    for big, name in ((10**8, "亿"), (10**4, "万"), (1, "")):
        chunk = n // big
        n %= big
        if chunk:
            text = to_chinese_numeral(chunk) if chunk >= 10**4 else below_10k(chunk)
            if parts and chunk < 1000:
                text = "零" + text
            parts.append(text + name)
    return "".join(parts).replace("零零", "零")


# A unit that is only the letters O, o, l and I mixed with digits (1O0, 5l2): digits mistyped.
_LOOKS_LIKE_DIGITS = re.compile(r"^(?=[0-9OolI]*[0-9])[OolI][0-9OolI]*$")
_AS_DIGITS = str.maketrans("OolI", "0011")


def parse_quantity(text: str) -> Quantity:
    """Read a value as people write it in policy documents and on the command line.

    A sign is part of the value: statistics publish growth as +5.2% and a
    fall as -0.5% (an increment is said apart: `update --by`). "=-5" is
    still read as -5."""
    raw = text
    s = normalize_text(text)
    bad = InputError(
        _("cannot read {raw} as a value; expected {accepted}").format(raw=repr(raw), accepted=_(ACCEPTED_VALUES))
    )
    if not s:
        raise bad
    sign = 1
    if s[0] == "=":  # "=-5": how a negative level was written before a sign was a level
        s = s[1:].lstrip()
    if s[:1] in ("+", "-"):
        sign = -1 if s[0] == "-" else 1
        s = s[1:].lstrip()
    currency = _CURRENCY_FIRST.match(s)
    if currency:
        s = s[currency.end() :]
    m = _ARABIC.match(s)
    if m:
        try:
            number = Decimal(m.group(0).replace(",", ""))
        except InvalidOperation:
            raise bad from None
    else:
        m = _CHINESE.match(s)
        if not m:
            raise bad
        number = parse_chinese_numeral(m.group(0))
    if abs(number.adjusted()) > _MAX_EXPONENT and number != 0:
        raise InputError(
            _("{raw} is out of range (at most 10^{max_exponent})").format(raw=repr(raw), max_exponent=_MAX_EXPONENT)
        )
    unit = s[m.end() :].strip()
    if unit and (unit[0].isdigit() or unit[0] in ",.+-="):
        raise bad
    if _LOOKS_LIKE_DIGITS.match(unit):  # 1O0: a letter O (or l, I) typed for a digit
        meant = s[: m.end()].strip() + unit.translate(_AS_DIGITS)
        raise InputError(
            _("cannot read {raw} as a value: did you mean {meant}? (a letter where a digit goes)").format(
                raw=repr(raw), meant=("-" if sign < 0 else "") + meant
            )
        )
    if any(unicodedata.category(c).startswith("C") for c in unit):
        raise bad
    if currency:
        if unit and unit_info(unit).dimension:  # "$17 yuan": two currencies
            raise bad
        code = _CURRENCY_CODES[currency.group(1).lower()]
        unit = f"{unit} {code}" if unit else code
    return Quantity(sign * number, unit)


def clean(value: Decimal) -> Decimal:
    """Drop trailing zeros and -0, so 850.00 shows and stores as 850."""
    if value == 0:
        return Decimal(0)
    value = value.normalize()
    if value == value.to_integral_value() and value.adjusted() < 28:
        return value.quantize(Decimal(1))
    return value


def value_in_unit(q: Quantity, target_unit: str | None) -> Decimal:
    """The number `q` means, expressed in `target_unit`.

    A bare number is already in the target's unit. A bare magnitude (100万)
    attaches to the target's base: 100万 against a target in 亿元 is 100万元.
    Anything else must share the target's dimension.
    """
    if not q.unit:
        return clean(q.number)
    src, dst = unit_info(q.unit), unit_info(target_unit)
    # The factors are powers of ten, so these results are exact; the wide
    # context keeps them so for numbers with many digits.
    with localcontext() as ctx:
        ctx.prec = 60
        if src.dimension == "":
            return clean(q.number * src.magnitude / dst.magnitude)
        if src.dimension != dst.dimension:
            if not target_unit:
                # Said of the target's unit (field "unit"): the command line names --unit, an import its column.
                raise InputError(
                    _("the target has no unit to convert {unit} into: give it its unit ({unit})").format(unit=q.unit),
                    field="unit",
                )
            raise InputError(
                _(
                    "unit {unit} cannot be converted to the target's unit ({shown}); give the value in {value} or a unit of the same kind"
                ).format(unit=repr(q.unit), shown=target_unit, value=target_unit)
            )
        return clean(q.number * src.scale / dst.scale)


def convert(value: Decimal, from_unit: str | None, to_unit: str | None) -> Decimal:
    return value_in_unit(Quantity(value, from_unit or ""), to_unit)


def fold_bare_magnitude(q: Quantity) -> Quantity:
    """100万 with no unit after it is the number 1000000."""
    info = unit_info(q.unit)
    if q.unit and info.dimension == "":
        return Quantity(clean(q.number * info.magnitude), "")
    return q


def format_number(value: Decimal | int | None) -> str:
    if value is None:
        return ""
    value = clean(value if isinstance(value, Decimal) else Decimal(str(value)))
    return format(value, "f")


def format_difference(value: Decimal | None, unit: str | None) -> str:
    """A difference between two values: in percentage points where the values
    are percentages (2 pp, as statisticians write 2个百分点), else in the unit."""
    if unit == "%":
        return format_quantity(value, "个百分点" if i18n.current == "zh" else "pp")
    return format_quantity(value, unit)


def format_quantity(value: Decimal | None, unit: str | None) -> str:
    if value is None:
        return "-"
    text = format_number(value)
    if not unit:
        return text
    # Latin units read better apart (1000 km); Chinese and symbols sit close (850亿元, 45%).
    return f"{text} {unit}" if unit[0].isascii() and unit[0].isalpha() else f"{text}{unit}"


def json_number(value: Decimal | None):
    """A Decimal as JSON can hold it without loss: int, a float that reads back
    to the same digits, or (rarely) the exact string."""
    if value is None:
        return None
    value = clean(value)
    if value == value.to_integral_value():
        return int(value)
    f = float(value)
    if Decimal(repr(f)) == value:
        return f
    return format(value, "f")


def from_json_number(raw) -> Decimal:
    if type(raw) is int:  # the common case, and already exact
        return Decimal(raw)
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise ValueError(f"not a number: {raw!r}")
    # repr of a float is its shortest round-trip form: 0.1 reads back as 0.1.
    try:
        value = Decimal(repr(raw) if isinstance(raw, float) else str(raw))
    except ArithmeticError:  # InvalidOperation: not a number at all
        raise ValueError(f"not a number: {str(raw)[:40]!r}") from None
    if not value.is_finite():
        raise ValueError(f"not a finite number: {str(raw)[:40]}")
    if value != 0 and abs(value.adjusted()) > _MAX_EXPONENT:
        raise ValueError(f"{str(raw)[:40]!r} is out of range (at most 10^{_MAX_EXPONENT})")
    return clean(value)
