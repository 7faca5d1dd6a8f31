"""Text files as spreadsheets and editors save them: the encoding, found.

Excel on Chinese Windows saves "CSV (Comma delimited)" in GBK (GB18030 is
its superset), "CSV UTF-8" with a byte-order mark, and "Unicode Text" in
UTF-16 with a byte-order mark. A strict try of each, in this order, is
enough: UTF-8 is tried before GB18030 because bytes that decode as UTF-8
are almost never meant as GBK, and a BOM says UTF-16 outright. No detector
library: three strict decodes say which, or that none fits.
"""

from __future__ import annotations

import codecs

from .errors import InputError
from .i18n import N_, _

EXCEL_HINT = N_("in Excel, choose File > Save As > 'CSV UTF-8 (Comma delimited)'; "
                 "files in UTF-8, UTF-16 (with its byte-order mark) and GB18030/GBK are read")


def decode(raw: bytes, name: str) -> tuple[str, str]:
    """(text, the encoding it was read in: utf-8, utf-16 or gb18030), or an InputError."""
    if raw.startswith(codecs.BOM_UTF8):
        return _strict(raw[len(codecs.BOM_UTF8):], "utf-8", name), "utf-8"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(raw, "utf-16", name), "utf-16"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in raw:  # UTF-16 without its mark, or a binary file: neither is GBK
        raise InputError(_('{name}: not text that can be read (NUL bytes); {excel_hint}').format(
            name=name, excel_hint=_(EXCEL_HINT)))
    try:
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as e:
        raise InputError(_('{name}: neither UTF-8 nor GB18030 text (byte {byte}); {excel_hint}').format(
            name=name, byte=e.start, excel_hint=_(EXCEL_HINT))) from None


def _strict(raw: bytes, encoding: str, name: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError(_('{name}: marked as {upper} but not valid {upper} (byte {byte}); {excel_hint}').format(
            name=name, upper=encoding.upper(), byte=e.start, excel_hint=_(EXCEL_HINT))) from None
