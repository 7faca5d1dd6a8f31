"""Settings of a store: the default method and the band edges of each method.

Plain data with the published defaults; the store keeps only what differs
from them (`targettrack config`), and `info` shows those.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from types import MappingProxyType
from typing import NamedTuple

from ..util.errors import InputError
from ..util.frozen import replace
from ..util.i18n import _, check
from .dates import parse_lag

METHODS = ("linear", "cagr", "projection")
BAND_NAMES = ("on-track", "at-risk", "off-track")  # each is the lower edge of its band


class Bands(NamedTuple):
    on_track: Fraction
    at_risk: Fraction
    off_track: Fraction

    def status(self, ratio: float | Fraction) -> str:
        if ratio >= self.on_track:
            return "on-track"
        if ratio >= self.at_risk:
            return "at-risk"
        if ratio >= self.off_track:
            return "off-track"
        return "regressing"


# Eurostat / Open SDG for linear and cagr; the UN 2023 progress chart for projection.
DEFAULT_BANDS = {
    "linear": Bands(Fraction(95, 100), Fraction(60, 100), Fraction(0)),
    "cagr": Bands(Fraction(95, 100), Fraction(60, 100), Fraction(0)),
    "projection": Bands(Fraction(95, 100), Fraction(10, 100), Fraction(0)),
}


# How long after a period ends its value is usually published (docs/statuses.md, "How
# statistics arrive"): the annual communiqué comes in late February to March.
DEFAULT_LAGS = {"year": 90, "half": 45, "quarter": 45, "month": 30, "day": 0}


def _all_keys() -> tuple[str, ...]:
    return (
        ("method",)
        + tuple(f"{m}.{b}" for m in METHODS for b in BAND_NAMES)
        + tuple(f"lag.{f}" for f in DEFAULT_LAGS)
        + ("lang",)
    )


KEYS = _all_keys()


class Settings(NamedTuple):
    method: str = "linear"
    # Read-only views of the defaults, shared by every Settings (set() makes new dicts, never changes these)
    bands: Mapping = MappingProxyType(DEFAULT_BANDS)
    lags: Mapping = MappingProxyType(DEFAULT_LAGS)  # frequency -> days
    lang: str = ""  # zh or en for everyone using this store; "": each reader's own (i18n.py)

    def get(self, key: str) -> str:
        check_key(key)
        if key == "method":
            return self.method
        if key == "lang":
            return self.lang
        m, b = key.split(".")
        if m == "lag":
            return f"{self.lags[b]}d"
        return _show(getattr(self.bands[m], b.replace("-", "_")))

    def set(self, key: str, value: str) -> "Settings":
        check_key(key)
        if key == "method":
            if value not in METHODS:
                raise InputError(
                    _("method: {value} is not one of {items}").format(value=repr(value), items=", ".join(METHODS))
                )
            return replace(self, method=value)
        if key == "lang":
            return replace(self, lang=check(value, "lang") if value else "")
        m, b = key.split(".")
        if m == "lag":
            try:
                days = parse_lag(value)
            except InputError as e:
                raise InputError(_("{key}: {detail}").format(key=key, detail=e)) from None
            return replace(self, lags={**self.lags, b: days})
        try:
            number = Fraction(value)
        except (ValueError, ZeroDivisionError):
            raise InputError(
                _("{key}: {value} is not a number (e.g. 0.95)").format(key=key, value=repr(value))
            ) from None
        if not -10 <= number <= 10:
            raise InputError(_("{key}: {value} is out of range (-10 to 10)").format(key=key, value=value))
        bands = dict(self.bands)
        new = replace(bands[m], **{b.replace("-", "_"): number})
        if not new.on_track >= new.at_risk >= new.off_track:
            raise InputError(
                _(
                    "{key}: the edges must keep on-track >= at-risk >= off-track (would be {show}, {show2}, {show3})"
                ).format(key=key, show=_show(new.on_track), show2=_show(new.at_risk), show3=_show(new.off_track))
            )
        bands[m] = new
        return replace(self, bands=bands)

    def reset(self, key: str) -> "Settings":
        check_key(key)
        default = Settings()
        if key in ("method", "lang"):
            return replace(self, **{key: getattr(default, key)})
        return self.set(key, default.get(key))

    def changed(self) -> dict[str, str]:
        """The settings that differ from the defaults, as text."""
        default = Settings()
        return {k: self.get(k) for k in KEYS if self.get(k) != default.get(k)}

    def to_dict(self) -> dict:
        return self.changed()

    @classmethod
    def from_dict(cls, d: dict | None) -> "Settings":
        s = cls()
        for key, value in (d or {}).items():
            s = s.set(key, str(value))
        return s


def check_key(key: str) -> None:
    if key not in KEYS:
        raise InputError(
            _("unknown setting {key}; the settings are: {items}").format(key=repr(key), items=", ".join(KEYS))
        )


def _show(x: Fraction) -> str:
    text = f"{float(x):.6f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"
