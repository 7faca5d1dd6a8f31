"""Display width and safe display of user text, without importing Rich.

Plain output must align Chinese titles (two columns a character) and must
never pass a user's control characters or ANSI escapes to the terminal.
"""

from __future__ import annotations

import os
import unicodedata

# East Asian "ambiguous" characters (Ⅲ, ①, ·, box lines) are one cell wide
# in most terminals and two in CJK ones: TARGETTRACK_CJK_WIDTH=2 says so.
AMBIGUOUS_WIDE = os.environ.get("TARGETTRACK_CJK_WIDTH", "").strip() == "2"
_WIDE = ("W", "F", "A") if AMBIGUOUS_WIDE else ("W", "F")

_CONTROL = {c: f"\\x{c:02x}" for c in list(range(0x20)) + [0x7F] + list(range(0x80, 0xA0))}
_CONTROL[0x09] = " "  # a tab in a title is just space
# Bidirectional overrides and isolates reorder what the terminal shows (the
# "Trojan Source" trick), and line separators break a line: show them as codes.
_CONTROL.update(
    {
        c: f"\\u{c:04x}"
        for c in [0x061C, 0x200E, 0x200F, 0x2028, 0x2029] + list(range(0x202A, 0x202F)) + list(range(0x2066, 0x206A))
    }
)


# For data (CSV, JSON) shown on a terminal: the same codes, but tabs and
# line ends stay, since they are the format's own.
_DATA_CONTROL = {c: v for c, v in _CONTROL.items() if c not in (0x09, 0x0A)}


def terminal_safe(text: str) -> str:
    """Data text with every character that would drive a terminal (ESC, CR,
    C1 codes, bidirectional overrides) shown as a code; newlines and tabs kept."""
    if text.isascii() and all(c >= " " or c in "\n\t" for c in text) and "\x7f" not in text:
        return text
    return text.translate(_DATA_CONTROL)


def safe(text: str | None) -> str:
    """User text with control characters shown as \\xNN instead of acting."""
    if not text:
        return ""
    if text.isascii() and text.isprintable():
        return text
    return text.translate(_CONTROL)


def width(text: str) -> int:
    if text.isascii():
        return len(text)
    w = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in _WIDE else 1
    return w


def pad(text: str, cells: int) -> str:
    return text + " " * max(cells - width(text), 0)
