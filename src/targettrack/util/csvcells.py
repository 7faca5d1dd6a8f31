"""CSV cells as a spreadsheet will read them: the one CSV writer of every output.

Both the views (render/) and export (exchange.py) write through here, so the
guard against formula injection is in one place.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Number(str):
    """A number already written as text (exact, as format_number gives it): a
    spreadsheet reads -2.1 as a number, so it is never guarded as a formula."""


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Number):
        return str.__str__(value)
    if isinstance(value, list):
        value = ";".join(value)
    if isinstance(value, str):
        # A spreadsheet runs a text cell starting with = + - @ as a formula
        # (OWASP "CSV injection"): a leading apostrophe keeps it text. A
        # leading apostrophe the user typed gets one more, so that reading
        # the cell back (unprotect) gives exactly what was written.
        return "'" + value if value.startswith(FORMULA_START + ("'",)) else value
    return str(value)


def unprotect(text: str) -> str:
    """The cell as it was before `cell` protected it."""
    if text.startswith("'") and text[1:].startswith(FORMULA_START + ("'",)):
        return text[1:]
    return text


def _quoted(text: str) -> str:
    # csv.writer quotes a field holding "\n" but not one holding a lone "\r"
    # (with lineterminator "\n"), and the reader then splits it: quote both.
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def write_rows(header, dict_rows, out, *, header_line: bool = True) -> None:
    if header_line:
        out.write(",".join(_quoted(h) for h in header) + "\n")
    for r in dict_rows:
        out.write(row_line(header, r))


def row_line(header, r: dict) -> str:
    """One row of write_rows, with its newline."""
    return ",".join(_quoted(cell(r.get(k))) for k in header) + "\n"
