"""Deadlines and periods as people write them: 2025, 2025年底, 2025Q3, 十四五末.

A date is read into a `Period` that keeps the precision the user gave: "by
2025" stays the year 2025 (shown as 2025) and resolves to 2025-12-31 only when
a day is needed. Nothing here fills missing parts from today's date (as
dateutil's parser does); only `today` and relative forms (+6m) look at today,
and today is always passed in, so tests and `--as-of` can fix it.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from fractions import Fraction
from typing import NamedTuple

from ..util.errors import InputError
from ..util.i18n import N_, _
from .clock import shift  # noqa: F401 (re-exported: the dates' arithmetic, kept light in clock.py for the fast lane)
from .quantity import normalize_text

ACCEPTED_DATES = N_(
    "an ISO date (2025-12-31), 2025-06, 2025, 2025年底, 2025年6月, 2025年上半年, "
    "2025年第三季度, 2025Q3, Q3 2025, 2023-2025, 十四五末, 6/30/2025, Jun-25, Dec 2025, FY2025, "
    "today, or +30d/+6m/+2y"
)
# Month names as spreadsheets write them (Jun-24, Dec 2028, March 2026).
_MONTH_NAMES = {
    name: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}

_CN_ORDINAL = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


class Period(NamedTuple):
    """A span of days with the label it was given in canonical form.

    first/last bound it; `label` is what we store and show (2025, 2025-06,
    2025-Q3, 2025-H1, 2023-2025 or 2025-06-30) and parses back to itself.
    """

    first: date
    last: date
    label: str

    @property
    def precision(self) -> str:
        # From the canonical label's shape, without a regex: judging a large
        # store asks this of every value (timing.frequency).
        label = self.label
        if self.first == self.last:
            return "day"
        if len(label) == 4:
            return "year"
        if len(label) == 7:
            return {"Q": "quarter", "H": "half"}.get(label[5], "month")
        return "years"

    def __str__(self) -> str:
        return self.label


def year_before(p: Period) -> Period:
    """The same period a year earlier: 2021 -> 2020, 2021-03 -> 2020-03,
    2021-Q1 -> 2020-Q1, 2021-H2 -> 2020-H2, 2021-03-31 -> 2020-03-31
    (29 February -> 28 February). What a year-on-year change is measured from."""
    if p.first.year <= 1:
        raise InputError(_("{p} has no year before it").format(p=p))
    label = p.label
    if re.fullmatch(r"\d{4}(-(\d{2}|Q[1-4]|H[12]))?", label):
        return parse_period(f"{int(label[:4]) - 1:04d}{label[4:]}")
    if p.first == p.last:
        last = p.last
        return day(
            last.replace(year=last.year - 1, day=28)
            if (last.month, last.day) == (2, 29)
            else last.replace(year=last.year - 1)
        )
    raise InputError(_("{p}: a year-on-year change needs a day, month, quarter, half or year").format(p=p))


def day(d: date) -> Period:
    return Period(d, d, d.isoformat())


def _month(y: int, m: int) -> Period:
    return Period(date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), f"{y:04d}-{m:02d}")


def _year(y: int) -> Period:
    return Period(date(y, 1, 1), date(y, 12, 31), f"{y:04d}")


def _quarter(y: int, q: int) -> Period:
    first = date(y, 3 * q - 2, 1)
    last = _month(y, 3 * q).last
    return Period(first, last, f"{y:04d}-Q{q}")


def _half(y: int, h: int) -> Period:
    return Period(date(y, 1 if h == 1 else 7, 1), date(y, 6, 30) if h == 1 else date(y, 12, 31), f"{y:04d}-H{h}")


def _years(a: int, b: int) -> Period:
    if b < a:
        raise InputError(_("the range {a}-{b} ends before it starts").format(a=a, b=b))
    return Period(date(a, 1, 1), date(b, 12, 31), f"{a:04d}-{b:04d}")


def five_year_plan(n: int) -> tuple[int, int]:
    """The years of China's n-th five-year plan (十四五 = 14th = 2021-2025).

    The first two ran 1953-1962; then three years of readjustment, so the third
    began in 1966 and every later one five years after the one before.
    """
    if n == 1:
        return 1953, 1957
    if n == 2:
        return 1958, 1962
    start = 1966 + 5 * (n - 3)
    return start, start + 4


_CN_TENS = {"十": 10, "十一": 11, "十二": 12, "十三": 13, "十四": 14, "十五": 15, "十六": 16}


def _relative(today: date, sign: int, n: int, *, unit: str) -> date:
    from dateutil.relativedelta import relativedelta  # only relative dates pay for it

    delta = {
        "d": relativedelta(days=n),
        "w": relativedelta(weeks=n),
        "m": relativedelta(months=n),
        "y": relativedelta(years=n),
    }[unit]
    return today + delta if sign > 0 else today - delta


def parse_period(text: str, today: date | None = None) -> Period:
    """Read a date or period. `today` is needed only for today/+30d forms."""
    raw = text
    s = normalize_text(text).replace("—", "-").replace("–", "-").replace("～", "-")
    s = re.sub(r"\s+", " ", s)
    low = s.lower()
    bad = InputError(
        _("cannot read {raw} as a date; expected {accepted}").format(raw=repr(raw), accepted=_(ACCEPTED_DATES))
    )
    if not s:
        raise bad

    def need_today() -> date:
        if today is None:
            raise InputError(_("{raw} is relative to today, which is not allowed here").format(raw=repr(raw)))
        return today

    if low in ("today", "今天", "今日"):
        return day(need_today())
    if low in ("yesterday", "昨天"):
        return day(shift(need_today(), -1))
    m = re.fullmatch(r"([+-])\s*(\d{1,5})\s*([dwmy])", low)
    if m:
        sign = 1 if m.group(1) == "+" else -1
        base = need_today()
        try:
            return day(_relative(base, sign, int(m.group(2)), unit=m.group(3)))
        except (OverflowError, ValueError):
            raise InputError(_("{raw} is out of range").format(raw=repr(raw))) from None

    try:
        period = _parse_absolute(s, low)
    except InputError:
        raise
    except ValueError as e:  # date(2025, 2, 30) and friends
        why = str(e)  # Python's words, said again in the reader's language
        message = (
            _("{raw} is not a real date: that month has no such day")
            if "day is out of range" in why
            else _("{raw} is not a real date: the year must be from 1 to 9999")
            if "year" in why
            else _("{raw} is not a real date")
        )
        raise InputError(message.format(raw=repr(raw))) from None
    if period is None:
        raise bad
    return period


def _parse_absolute(s: str, low: str) -> Period | None:
    y = r"(\d{4})"
    if m := re.fullmatch(y + r"[-/.](\d{1,2})[-/.](\d{1,2})", s):
        return day(date(int(m[1]), int(m[2]), int(m[3])))
    if m := re.fullmatch(r"(\d{4})(\d{2})(\d{2})", s):
        return day(date(int(m[1]), int(m[2]), int(m[3])))
    if m := re.fullmatch(y + r"年(\d{1,2})月(\d{1,2})[日号]?", s):
        return day(date(int(m[1]), int(m[2]), int(m[3])))
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", s):
        return day(_day_and_month(int(m[1]), int(m[2]), int(m[3]), text=s))
    if m := re.fullmatch(r"([a-z]{3,9})\.?[- ]?('?\d{2}|\d{4})", low):
        if m[1] in _MONTH_NAMES:
            return _month(_two_digit_year(m[2].lstrip("'")), _MONTH_NAMES[m[1]])
    if m := re.fullmatch(r"fy ?(\d{4})", low):
        return _year(int(m[1]))  # China's fiscal year is the calendar year (预算年度)
    if m := re.fullmatch(y + r"[-/.](\d{1,2})", s):
        return _month(int(m[1]), _checked_month(int(m[2])))
    if m := re.fullmatch(y + r"年(\d{1,2})月(?:底|末|份)?", s):
        return _month(int(m[1]), _checked_month(int(m[2])))
    if m := re.fullmatch(y + r"(?:年)?(?:底|末|年底|年末|年终)?", s):
        return _year(int(m[1]))
    if m := re.fullmatch(r"(?:end of|end|by|by the end of|in) " + y, low):
        return _year(int(m[1]))
    if m := re.fullmatch(y + r" ?[-]? ?q([1-4])", low) or re.fullmatch(r"q([1-4])[ -]?" + y, low):
        yr, q = (m[1], m[2]) if len(m[1]) == 4 else (m[2], m[1])
        return _quarter(int(yr), int(q))
    if m := re.fullmatch(y + r" ?[-]? ?h([12])", low) or re.fullmatch(r"h([12])[ -]?" + y, low):
        yr, h = (m[1], m[2]) if len(m[1]) == 4 else (m[2], m[1])
        return _half(int(yr), int(h))
    if m := re.fullmatch(y + r"年?(?:第)?([一二三四1-4])季度(?:末|底)?", s):
        return _quarter(int(m[1]), _CN_ORDINAL[m[2]])
    if m := re.fullmatch(y + r"年?(上|下)半年(?:末|底)?", s):
        return _half(int(m[1]), 1 if m[2] == "上" else 2)
    if m := re.fullmatch(y + r"年?年中", s):
        return _half(int(m[1]), 1)
    if m := re.fullmatch(y + r"\s?(?:-|至|到|~)\s?" + y + r"年?", s):
        return _years(int(m[1]), int(m[2]))
    if m := re.fullmatch(r"[\"“”]?(十[一二三四五六]?)五[\"“”]?(时期|期间|规划期)?(末|期末|末期)?", s):
        first, last = five_year_plan(_CN_TENS[m[1]])
        if m[3]:
            return _year(last)
        return _years(first, last)
    return None


def _day_and_month(a: int, b: int, year: int, *, text: str) -> date:
    """6/30/2024 (month first, as US Excel writes it) or 30/6/2024 (day first):
    whichever reading is a date; when both are, the writer must say."""
    if a > 12 and b <= 12:
        return date(year, b, a)
    if b > 12 and a <= 12 or a == b:
        return date(year, a, b)
    if a > 12 and b > 12:
        raise InputError(_("{text} is not a date: neither {a} nor {b} is a month").format(text=repr(text), a=a, b=b))
    raise InputError(
        _("{text} is ambiguous (month/day or day/month?): write {year}-{a}-{b} or {year}-{b}-{a}").format(
            text=repr(text), year=year, a=format(a, "02d"), b=format(b, "02d")
        )
    )


def _two_digit_year(text: str) -> int:
    """Excel's rule for a two-digit year: 00-29 are 2000-2029, 30-99 are 1930-1999."""
    n = int(text)
    if len(text) == 4:
        return n
    return 2000 + n if n < 30 else 1900 + n


def _checked_month(m: int) -> int:
    if not 1 <= m <= 12:
        raise InputError(_("month {m} is not between 1 and 12").format(m=m))
    return m


# --- frequencies and publication lags --------------------------------------------
# Official statistics come for periods (a year, a quarter, a month) and are
# published some time after the period ends. A target's frequency says which
# periods its values are for; its lag, how long after a period's end its value
# is due (docs/statuses.md, "How statistics arrive").

FREQUENCIES = ("year", "half", "quarter", "month", "day")


def period_of(d: date, frequency: str) -> Period:
    """The period of `frequency` that contains the day `d`."""
    if frequency == "day":
        return day(d)
    if frequency == "month":
        return _month(d.year, d.month)
    if frequency == "quarter":
        return _quarter(d.year, (d.month - 1) // 3 + 1)
    if frequency == "half":
        return _half(d.year, 1 if d.month <= 6 else 2)
    return _year(d.year)


def next_period(p: Period, frequency: str) -> Period:
    """The period of `frequency` that follows `p` (the one containing the day after it)."""
    return period_of(shift(p.last, 1), frequency)


def frequency_of(p: Period) -> str:
    """The frequency a value dated `p` comes at: its precision (a range of years is yearly data)."""
    precision = p.precision
    return "year" if precision == "years" else precision


def parse_frequency(text: str) -> str:
    word = normalize_text(text).strip().lower()
    word = {
        "yearly": "year",
        "annual": "year",
        "annually": "year",
        "年": "year",
        "年度": "year",
        "quarterly": "quarter",
        "季": "quarter",
        "季度": "quarter",
        "monthly": "month",
        "月": "month",
        "月度": "month",
        "daily": "day",
        "日": "day",
        "半年": "half",
        "half-year": "half",
    }.get(word, word)
    if word not in FREQUENCIES:
        raise InputError(
            _("{text} is not a frequency: use one of year, half, quarter, month or day").format(text=repr(text)),
            field="frequency",
        )
    return word


def parse_lag(text: str) -> int:
    """A publication lag in days: 90d, 90, 13w (91 days), 90天."""
    s = normalize_text(text).strip().lower().replace(" ", "")
    m = re.fullmatch(r"(\d{1,4})(d|day|days|天|日|w|week|weeks|周)?", s)
    if not m:
        raise InputError(
            _("{text} is not a lag: use a number of days or weeks, e.g. 90d, 90, 13w").format(text=repr(text)),
            field="lag",
        )
    n = int(m[1])
    return n * 7 if m[2] and m[2][0] in "w周" else n


def format_lag(days: int) -> str:
    return f"{days}d"


def years_between(a: Period, b: Period) -> Fraction:
    """Years from the end of `a` to the end of `b`: whole months / 12 between
    periods of a month or longer (2020 -> 2024 is exactly 4), else days / 365.25."""
    if a.precision != "day" and b.precision != "day":
        months = (b.last.year - a.last.year) * 12 + (b.last.month - a.last.month)
        return Fraction(months, 12)
    return Fraction((b.last - a.last).days * 4, 1461)
