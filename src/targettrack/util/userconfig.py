"""A person's own defaults: $XDG_CONFIG_HOME/targettrack/config.toml
(~/.config/targettrack/config.toml), beside the store's shared settings.

    db = "~/work/targets.json"   # the store, when neither --db nor TARGETTRACK_DB names one
    lang = "zh"                  # below --lang and TARGETTRACK_LANG, above the store's config lang
    pager = "less -FRX"          # below TARGETTRACK_PAGER, above PAGER ("" pages nothing)
    color = "never"              # auto, always or never: below --color, NO_COLOR and FORCE_COLOR

The command line comes first, then the environment, then this file, then
the store's settings and the defaults. A file that is not TOML, a key it
does not know or a value it cannot take is an error (exit 2) naming the
file, never ignored: a typo would otherwise go unnoticed. Read once per
process, and only if it exists (a fast `list` pays one stat).
"""

from __future__ import annotations

import os

from .errors import InputError
from .i18n import _

KEYS = {"db": None, "lang": ("en", "zh"), "pager": None, "color": ("auto", "always", "never")}
_read: dict | None = None


def path() -> str:
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return os.path.join(base, "targettrack", "config.toml")


def settings() -> dict:
    """The file's settings ({} if there is none)."""
    global _read
    if _read is None:
        _read = _load(path())
    return _read


def get(key: str) -> str | None:
    return settings().get(key)


def forget() -> None:
    """Read the file again next time (a test, or a process that ran several commands, changes it)."""
    global _read
    _read = None


def _load(where: str) -> dict:
    try:
        with open(where, "rb") as f:
            raw = f.read()
    except FileNotFoundError:
        return {}
    except OSError as e:
        raise InputError(_("{path}: cannot read it ({reason})").format(path=where, reason=e.strerror)) from None
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise InputError(_("{path}: not a TOML file ({reason})").format(path=where, reason=e)) from None
    for key, value in data.items():
        if key not in KEYS:
            raise InputError(
                _("{path}: {key} is not a setting; the settings are {known}").format(
                    path=where, key=repr(key), known=", ".join(KEYS)
                )
            )
        allowed = KEYS[key]
        if not isinstance(value, str):
            raise InputError(
                _("{path}: {key} takes a text in quotes, not {value}").format(path=where, key=key, value=value)
            )
        if allowed and value not in allowed:
            raise InputError(
                _("{path}: {key} = {value} is not one of {allowed}").format(
                    path=where, key=key, value=repr(value), allowed=", ".join(allowed)
                )
            )
    if "db" in data:
        data["db"] = os.path.expanduser(data["db"])
    return data
