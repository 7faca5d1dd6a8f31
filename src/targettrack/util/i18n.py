"""What a person reads, in English or Chinese (中文), chosen like every other
program: `--lang zh|en`, else TARGETTRACK_LANG, else the store's `config
lang`, else the locale (LC_ALL, LC_MESSAGES, LANG, LANGUAGE: any zh* is
Chinese), else English. A C or POSIX locale (cron) is English.

Messages are gettext catalogs, the Python convention: English is the source
text in the code, marked `_("...")`; `locale/zh/LC_MESSAGES/targettrack.po`
holds the Chinese, compiled to the `.mo` that ships in the wheel by
`python -m targettrack.i18n compile` (tests/test_i18n.py fails when the two
differ, on a marked message without a translation, and on placeholders that
differ between the two).

The machine contract never changes with the language: JSON keys, CSV
headers and status codes stay as they are; the JSON gains `status_label`.
"""

from __future__ import annotations

import os
import struct

LANGS = ("en", "zh")
DOMAIN = "targettrack"


def __getattr__(name: str):
    if name == "LOCALE_DIR":  # the catalogs' folder, as a Path (pathlib only for those who ask)
        from pathlib import Path

        return Path(__file__).resolve().parent.parent / "locale"
    raise AttributeError(name)


class _English:
    """The source text itself: English needs no catalog, and no gettext
    (imported only for another language: a fast `list` starts without it)."""

    @staticmethod
    def gettext(message: str) -> str:
        return message

    @staticmethod
    def pgettext(context: str, message: str) -> str:
        return message


_translation = _English()
current = "en"
why = "the default"


def _(message: str) -> str:
    """`message` in the language in use (English is the message itself)."""
    return _translation.gettext(message)


def p_(context: str, message: str) -> str:
    """`message` in a context, for a word that means two things ("expected":
    预期性 as a target's attribute, 应达进度 as a line of `show`)."""
    return _translation.pgettext(context, message)


def N_(message: str) -> str:
    """Marks a message for the catalog where it is defined; `_` translates it where it is shown."""
    return message


def NP_(context: str, message: str) -> str:
    """Marks a message in a context for the catalog; `p_` translates it where it is shown."""
    return message


def from_locale(environ=os.environ) -> str | None:
    """zh or en from the POSIX locale variables, in their order of precedence;
    None when none is set."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = environ.get(var, "")
        if value:
            first = value.split(":")[0].lower()
            return "zh" if first.startswith("zh") else "en"
    return None


def check(value: str, where: str) -> str:
    lang = value.strip().lower().replace("_", "-")
    lang = {"zh-cn": "zh", "zh-hans": "zh", "chinese": "zh", "中文": "zh", "english": "en"}.get(lang, lang)
    if lang not in LANGS:
        from .errors import InputError

        raise InputError(
            _("{where}: {value} is not a language targettrack speaks; give zh or en").format(
                where=where, value=repr(value)
            )
        )
    return lang


def choose(option: str | None, environ=os.environ, configured: str | None = None) -> tuple[str, str]:
    """(the language, why it was chosen)."""
    if option:
        return check(option, "--lang"), "--lang"
    env = environ.get("TARGETTRACK_LANG")
    if env:
        return check(env, "TARGETTRACK_LANG"), "TARGETTRACK_LANG"
    from . import userconfig

    mine = userconfig.get("lang")
    if mine:
        return mine, userconfig.path()
    if configured:
        return configured, N_("the store's config lang")
    found = from_locale(environ)
    if found:
        var = next(v for v in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE") if environ.get(v))
        return found, f"the locale ({var}={environ[var]})"
    return "en", N_("the default (no locale set)")


def said_why(reason: str) -> str:
    """Why the language was chosen, in that language (info's text; its JSON keeps the English)."""
    if reason.startswith("the locale (") and reason.endswith(")"):
        return _("the locale ({setting})").format(setting=reason[len("the locale (") : -1])
    return _(reason)


_catalogs: dict = {}  # language -> its translation, read once (a site switches language 20,000 times)


def use(lang: str, reason: str = "") -> None:
    global _translation, current, why
    current, why = lang, reason or why
    if lang == "en":
        _translation = _English()
        return
    if lang not in _catalogs:
        import gettext

        try:
            with open(
                os.path.join(os.path.dirname(os.path.dirname(__file__)), "locale", lang, "LC_MESSAGES", f"{DOMAIN}.mo"),
                "rb",
            ) as f:
                _catalogs[lang] = gettext.GNUTranslations(f)
        except OSError:  # a broken install: English rather than a crash
            _catalogs[lang] = _English()
    _translation = _catalogs[lang]


def prose_date(d) -> str:
    """A date in a sentence: ISO in English, 2025年12月31日 in Chinese
    (tables keep ISO dates in both)."""
    if current == "zh":
        return f"{d.year}年{d.month}月{d.day}日"
    return d.isoformat()


def listing(items) -> str:
    """Items of a list in a sentence: a, b, c / 甲、乙、丙."""
    return ("、" if current == "zh" else ", ").join(items)


# --- catalogs: .po in, .mo out ----------------------------------------------------------


def read_po(path: os.PathLike) -> dict[str, str]:
    """msgid -> msgstr of a .po file (the subset this project writes: no
    plurals, no contexts; a header entry with an empty msgid)."""
    entries: dict[str, str] = {}
    msgid = msgstr = context = None
    field = None

    def unquote(text: str) -> str:
        import ast

        return ast.literal_eval(text)

    def close():
        if msgid is not None and msgstr is not None:
            entries[(context + "\x04" if context is not None else "") + msgid] = msgstr

    for raw in path.read_text(encoding="utf-8").split("\n"):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("msgctxt "):
            close()
            msgid = msgstr = None
            context, field = unquote(line[8:]), "ctxt"
        elif line.startswith("msgid "):
            if field != "ctxt":
                close()
                context = None
            msgid, msgstr, field = unquote(line[6:]), None, "id"
        elif line.startswith("msgstr "):
            msgstr, field = unquote(line[7:]), "str"
        elif line.startswith('"'):
            if field == "ctxt":
                context += unquote(line)
            elif field == "id":
                msgid += unquote(line)
            else:
                msgstr += unquote(line)
    close()
    return entries


def mo_bytes(entries: dict[str, str]) -> bytes:
    """A GNU .mo catalog (what gettext reads), keys sorted, as msgfmt writes it."""
    keys = sorted(entries)
    ids = b""
    strs = b""
    offsets = []
    for k in keys:
        kid, kstr = k.encode("utf-8"), entries[k].encode("utf-8")
        offsets.append((len(ids), len(kid), len(strs), len(kstr)))
        ids += kid + b"\0"
        strs += kstr + b"\0"
    start = 7 * 4 + 16 * len(keys)
    table_ids, table_strs = [], []
    for o_id, l_id, o_str, l_str in offsets:
        table_ids += [l_id, start + o_id]
        table_strs += [l_str, start + len(ids) + o_str]
    header = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + 8 * len(keys), 0, 0)
    return (
        header
        + struct.pack(f"{len(table_ids)}i", *table_ids)
        + struct.pack(f"{len(table_strs)}i", *table_strs)
        + ids
        + strs
    )


def compile_catalogs() -> list[os.PathLike]:
    written = []
    for po in sorted(__getattr__("LOCALE_DIR").glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo = po.with_suffix(".mo")
        mo.write_bytes(mo_bytes(read_po(po)))
        written.append(mo)
    return written


if __name__ == "__main__":  # python -m targettrack.i18n compile
    import sys

    if sys.argv[1:] != ["compile"]:
        sys.exit("usage: python -m targettrack.i18n compile")
    for path in compile_catalogs():
        print(f"wrote {path}")
