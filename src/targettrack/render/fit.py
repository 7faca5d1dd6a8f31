"""Text that fits a terminal: line breaking for mixed Chinese and English,
and a table's column widths, with nothing cut and nothing broken inside.

Pure functions of text and a width (no terminal here), so that every rule
is tested directly:

* a line breaks at a space, or between two Chinese (CJK) characters; never
  inside a Latin word, a number, an id or a status, unless a single word is
  wider than the whole line (then it is folded, and no character is lost);
* CJK punctuation follows the usual line-breaking rules (禁则): no line starts
  with closing punctuation (，。、；：？！）」』》…) and none ends with an
  opening one (（「『《); a last line is not one Chinese character alone
  where a break a character earlier fits (no orphan: 百分/点 is 百/分点);
* widths are display cells as the terminal draws them: two for a CJK
  character, and for East Asian "ambiguous" characters (Ⅲ, ①, box lines)
  one, or two with TARGETTRACK_CJK_WIDTH=2 (CJK terminals draw them wide).
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

from ..util.textwidth import width

# A number's magnitude: it and the measure word after it stay with the number (850亿元).
MAGNITUDES = frozenset("十百千万亿")
# Never at the start of a line: they close what came before.
CLOSING = frozenset("，。、；：？！）」』》〉】〕〗〙〛”’…‥·・ー～%％,.;:?!)]}°℃")
# Never at the end of a line: they open what follows.
OPENING = frozenset("（「『《〈【〔〖〘〚“‘([{")


def _breaks_around(ch: str) -> bool:
    """A character a line may break before and after (a CJK ideograph, kana,
    hangul or full-width form): Chinese has no spaces between words."""
    if ch.isascii():
        return False
    return unicodedata.east_asian_width(ch) in ("W", "F")


def tokens(text: str) -> list[tuple[str, bool]]:
    """(token, space before it) for each piece a line may break between.

    Latin words, numbers and ids are one token each; every CJK character is
    its own; closing punctuation joins the token before it and opening
    punctuation the token after it, across a space if there is one."""
    out: list[list] = []
    space = False  # a space before what comes next
    glue = False  # what comes next joins the last token (it was opening punctuation)
    word = ""

    def put(piece: str) -> None:
        nonlocal space, glue
        if glue and out:
            out[-1][0] += (" " if space else "") + piece
        else:
            out.append([piece, space and bool(out)])
        space = glue = False

    for ch in text:
        if ch == " ":
            if word:
                put(word)
                word = ""
            space = True
            continue
        if ch in CLOSING:
            if word:
                word += ch
                if _breaks_around(ch):  # a line may break after Chinese punctuation: achieved、on-track
                    put(word)
                    word = ""
            elif out and not glue:
                out[-1][0] += (" " if space else "") + ch
                space = False
            else:
                word = ch
            continue
        if ch in OPENING:
            if word:
                put(word)
                word = ""
            put(ch)  # after another opening mark, it joins that one
            glue = True
            continue
        if _breaks_around(ch):
            if word[-1:].isdigit() and ch in MAGNITUDES:  # 850亿元, 61.1万辆: the magnitude and what follows
                word += ch
                continue
            if word[-1:].isdigit() or (word[-1:] in MAGNITUDES and word[-2:-1].isdigit()):
                put(word + ch)  # a number keeps its measure word: 1000辆, 25种, 10家, 850亿元
            else:
                if word:
                    put(word)
                put(ch)
            word = ""
            continue
        word += ch
    if word:
        put(word)
    return [(t, s) for t, s in out]


def wrap(text: str, cells: int) -> list[str]:
    """`text` in lines of at most `cells` display cells (see the module's rules)."""
    if cells < 1:
        cells = 1
    if width(text) <= cells:
        return [text]
    lines: list[list[tuple[str, bool]]] = []  # each line's tokens, with the space before each
    line: list[tuple[str, bool]] = []
    used = 0
    for tok, space in tokens(text):
        w = width(tok)
        gap = 1 if space and line else 0
        if used + gap + w <= cells:
            line.append((tok, bool(gap)))
            used += gap + w
            continue
        if line:
            lines.append(line)
            line, used = [], 0
        if w <= cells:
            line, used = [(tok, False)], w
            continue
        for piece in _fold(tok, cells):  # a word wider than the line: folded, never cut
            if used:
                lines.append(line)
            line, used = [(piece, False)], width(piece)
    if line or not lines:
        lines.append(line)
    _no_orphan(lines, cells)
    return ["".join((" " if gap else "") + tok for tok, gap in toks) for toks in lines]


def _one_character(tok: str) -> bool:
    """A Chinese character alone (with the punctuation that closes it): 点, 点。"""
    core = tok.rstrip("".join(CLOSING))
    return len(core) == 1 and _breaks_around(core)


def _no_orphan(lines: list[list[tuple[str, bool]]], cells: int) -> None:
    """A last line of one Chinese character takes the character before it
    too, where the line before can give it up (a break one character
    earlier, between two Chinese characters) and the two still fit."""
    if len(lines) < 2 or len(lines[-1]) != 1 or not _one_character(lines[-1][0][0]):
        return
    before = lines[-2]
    if len(before) < 2 or not _one_character(before[-1][0]) or before[-1][1]:
        return
    moved = before[-1][0]
    if width(moved) + width(lines[-1][0][0]) <= cells:
        lines[-1] = [(moved, False), (lines[-1][0][0], False)]
        del before[-1]


def _fold(word: str, cells: int) -> list[str]:
    pieces, piece, used = [], "", 0
    for ch in word:
        w = width(ch)
        if used + w > cells and piece:
            pieces.append(piece)
            piece, used = "", 0
        piece += ch
        used += w
    pieces.append(piece)
    return pieces


def longest_token(text: str) -> int:
    """The widest piece of `text` that a line cannot break inside."""
    return max((width(t) for t, _ in tokens(text)), default=0)


class Layout(NamedTuple):
    """Which columns a table shows and how wide each is; `stacked` when even
    the id, the status and a readable title do not fit side by side: then
    each row is its id and status, with the title on lines of its own."""

    shown: tuple[int, ...]  # indexes of the columns shown, in order
    widths: tuple[int, ...]  # their widths in cells
    dropped: tuple[str, ...]  # names of the columns left out
    stacked: bool = False


def table_layout(
    names: tuple[str, ...],
    rows: list[tuple[str, ...]],
    total: int,
    *,
    drop_order: tuple[str, ...],
    wrapping: str,
    readable: int,
    border: int = 3,
    edge: int = 1,
    headers: tuple[str, ...] | None = None,
) -> Layout:
    """Column widths for a table `total` cells wide. Every column but
    `wrapping` (the title) keeps its widest cell (an id, a status or a number
    is never broken); `wrapping` takes the rest, but never less than
    `readable` cells (or its longest word): before that, the columns in
    `drop_order` are left out one by one. `border` is what each column adds
    (a separator and padding), `edge` the table's outer edge. `headers`: the
    names as shown, when they are not `names` (another language)."""
    shown = headers or names
    natural = [max([width(r[i]) for r in rows] + [width(shown[i])]) for i in range(len(names))]
    wrap_at = names.index(wrapping)
    want = max([longest_token(r[wrap_at]) for r in rows] + [width(shown[wrap_at])])
    floor = min(max(readable, want), natural[wrap_at])
    shown = list(range(len(names)))
    dropped: list[str] = []
    candidates = [n for n in drop_order if n in names]
    while True:
        fixed = sum(natural[i] for i in shown if i != wrap_at)
        room = total - fixed - border * len(shown) - edge
        if room >= floor:
            widths = tuple(min(natural[i], room) if i == wrap_at else natural[i] for i in shown)
            return Layout(tuple(shown), widths, tuple(dropped))
        if not candidates:
            return Layout(tuple(shown), tuple(natural[i] for i in shown), tuple(dropped), stacked=True)
        name = candidates.pop(0)
        shown.remove(names.index(name))
        dropped.append(name)
