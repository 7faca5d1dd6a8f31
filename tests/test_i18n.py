"""Two languages (issue 12, item 1): the catalog is whole and compiled, the
language is chosen like every other program's, and the machine contract
(JSON keys, CSV headers, status codes) never changes with it."""

from __future__ import annotations

import ast
import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FROZEN_TODAY, SHIPPED, TT

from targettrack.exchange.columns import TARGET_COLUMNS
from targettrack.judge.statuses import STATUSES
from targettrack.model.settings import KEYS
from targettrack.util import i18n

SRC = Path(__file__).resolve().parent.parent / "src" / "targettrack"
PO = i18n.LOCALE_DIR / "zh" / "LC_MESSAGES" / "targettrack.po"
CN_PLAN = SHIPPED.parent / "cn-14th-five-year-plan.json"
LABELS = {
    "achieved": "已实现",
    "on-track": "进展顺利",
    "at-risk": "存在风险",
    "off-track": "明显滞后",
    "regressing": "出现倒退",
    "missed": "未实现",
    "within": "未超限",
    "breached": "已超限",
    "pending": "待完成",
    "no-data": "暂无数据",
    "not-started": "未开始",
    "awaiting-data": "待公布数据",
}


def marked_messages() -> dict[str, str]:
    """Every message marked in the code (_, N_, p_, NP_ with literal text) -> where."""
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            args = node.args
            if node.func.id in ("_", "N_") and args and isinstance(args[0], ast.Constant):
                key = args[0].value
            elif node.func.id in ("p_", "NP_") and len(args) == 2 and all(isinstance(a, ast.Constant) for a in args):
                key = f"{args[0].value}\x04{args[1].value}"
            else:
                continue
            found.setdefault(key, f"{path.relative_to(SRC)}:{node.lineno}")
    return found


def help_messages() -> dict[str, str]:
    """Every help text and docstring of the command line, as Typer shows it
    (translated when shown: cli/helptext.py), and click's headings."""
    from typer.main import get_command

    from targettrack.cli import app

    found = {
        h: "click"
        for h in (
            "Arguments",
            "Options",
            "Commands",
            "Usage: ",
            "Examples:",
            "Show this message and exit.",
            "required",
            "default: {default}",
        )
    }

    def walk(cmd, path):
        if cmd.help:
            found.setdefault(cmd.help, path)
        for p in cmd.params:
            if getattr(p, "help", None):
                found.setdefault(p.help, f"{path} {p.opts[0] if p.opts else p.name}")
        for name, sub in getattr(cmd, "commands", {}).items():
            walk(sub, f"{path} {name}")

    walk(get_command(app), "targettrack")
    return found


def test_every_marked_message_has_a_chinese_translation_and_nothing_else_is_in_the_catalog():
    catalog = {k: v for k, v in i18n.read_po(PO).items() if k}
    code = {**marked_messages(), **help_messages()}
    missing = sorted(f"{k!r} ({code[k]})" for k in code if not catalog.get(k))
    assert not missing, "no Chinese for: " + ", ".join(missing)
    assert not sorted(set(catalog) - set(code)), "in the catalog but not in the code"


def test_placeholders_are_the_same_in_both_languages():
    for msgid, msgstr in i18n.read_po(PO).items():
        if msgid:
            assert sorted(re.findall(r"{\w*}", msgid)) == sorted(re.findall(r"{\w*}", msgstr)), msgid


def test_the_shipped_catalog_is_the_compiled_po():
    assert (PO.with_suffix(".mo")).read_bytes() == i18n.mo_bytes(i18n.read_po(PO)), (
        "run: python -m targettrack.i18n compile"
    )


def test_the_status_labels_are_the_plans_words():
    i18n.use("zh")
    try:
        assert {s: i18n._(s) for s in STATUSES} == LABELS
        assert i18n.p_("show", "expected") == "应达进度" and i18n._("expected") == "预期性"
    finally:
        i18n.use("en")
    assert {s: i18n._(s) for s in STATUSES} == {s: s for s in STATUSES}


@pytest.mark.parametrize(
    "environ, option, configured, expected",
    [
        ({}, None, None, ("en", "the default (no locale set)")),
        ({"LANG": "zh_CN.UTF-8"}, None, None, ("zh", "the locale (LANG=zh_CN.UTF-8)")),
        ({"LANG": "C"}, None, None, ("en", "the locale (LANG=C)")),  # cron
        ({"LC_ALL": "POSIX", "LANG": "zh_CN.UTF-8"}, None, None, ("en", "the locale (LC_ALL=POSIX)")),
        ({"LANGUAGE": "zh_TW:en"}, None, None, ("zh", "the locale (LANGUAGE=zh_TW:en)")),
        ({"LANG": "C"}, None, "zh", ("zh", "the store's config lang")),  # the store says otherwise
        ({"TARGETTRACK_LANG": "en", "LANG": "zh_CN.UTF-8"}, None, "zh", ("en", "TARGETTRACK_LANG")),
        ({"TARGETTRACK_LANG": "en"}, "zh", None, ("zh", "--lang")),
    ],
)
def test_the_language_is_chosen_like_every_other_programs(environ, option, configured, expected):
    assert i18n.choose(option, environ, configured) == expected


def test_list_and_report_in_chinese_keep_the_machine_contract(tmp_path):
    t = TT(tmp_path / "plan.json")
    t.db.write_bytes(CN_PLAN.read_bytes())
    table = t.ok("--lang", "zh", "list")
    assert table.split("\n")[0].split() == ["编号", "状态", "进度", "当前值", "目标值", "截止", "属性", "名称"]
    assert "待公布数据" in table and "awaiting-data" not in table
    english, chinese = (json.loads(t.ok("--lang", lang, "list", "-f", "json")) for lang in ("en", "zh"))
    assert [set(r) for r in english] == [set(r) for r in chinese]  # the same keys
    assert [r["status"] for r in english] == [r["status"] for r in chinese]  # the same codes
    assert {r["status_label"] for r in chinese} <= set(LABELS.values())
    assert all(r["status_label"] == r["status"] for r in english)
    assert t.ok("--lang", "zh", "list", "-f", "csv").split("\n")[0] == t.ok("list", "-f", "csv").split("\n")[0]
    report = t.ok("--lang", "zh", "report")
    assert report.startswith("targettrack 报告：截至2026年11月26日") and "需要关注（16）" in report
    html = t.ok("--lang", "zh", "report", "-f", "html")
    assert '<html lang="zh-CN">' in html and ">待公布数据</span>" in html


def test_the_stores_config_lang_applies_unless_the_reader_chose(tmp_path):
    t = TT(tmp_path / "plan.json")
    t.db.write_bytes(CN_PLAN.read_bytes())
    t.ok("config", "lang", "zh")
    assert t.ok("list").startswith("编号")
    assert t.ok("--lang", "en", "list").startswith("ID")
    assert t.ok("list", env={"TARGETTRACK_LANG": "en"}).startswith("ID")
    info = t.ok("info")
    assert "language      zh（依据：数据文件的 config lang）" in info
    assert json.loads(t.ok("info", "-f", "json"))["language_chosen_by"] == "the store's config lang"  # the contract
    assert_error = t("config", "lang", "fr")
    assert (
        assert_error.code == 2
        and assert_error.err == "targettrack：错误：lang：targettrack 不支持语言 'fr'；请用 zh 或 en\n"
    )
    t.ok("config", "lang", "")  # back to each reader's own
    assert t.ok("list").startswith("ID")


def test_a_chinese_locale_in_a_real_process_and_cron_in_english():
    exe = Path(sys.executable).parent / "targettrack"
    base = {"PATH": os.environ["PATH"], "TARGETTRACK_TODAY": FROZEN_TODAY, "HOME": os.environ.get("HOME", "/root")}
    zh = subprocess.run(
        [str(exe), "--db", str(SHIPPED), "list"], env={**base, "LANG": "zh_CN.UTF-8"}, capture_output=True, text=True
    )
    assert zh.returncode == 0 and zh.stdout.startswith("编号") and "暂无数据" in zh.stdout
    cron = subprocess.run(
        [str(exe), "--db", str(SHIPPED), "list", "-f", "csv"], env={**base, "LANG": "C"}, capture_output=True, text=True
    )
    rows = list(csv.DictReader(io.StringIO(cron.stdout)))
    assert rows and {r["status"] for r in rows} <= set(STATUSES)


@pytest.mark.parametrize("db", [SHIPPED, CN_PLAN], ids=["shipped", "cn-14fyp"])
def test_no_english_word_is_left_in_chinese_list_show_and_report(tmp_path, db):
    """What targettrack itself says, in Chinese: every English word left must
    be the user's (an id, a title, a tag, a plan, a source, a note), a unit,
    the store's path or the program's name. (--help: tests/test_help.py.)"""
    t = TT(tmp_path / "store.json")
    t.db.write_bytes(db.read_bytes())
    rows = json.loads(t.ok("list", "-f", "json"))
    theirs = [str(t.db), "targettrack", "Open SDG"]
    for r in rows:
        theirs += [
            r["id"],
            r["title"],
            r["title_en"] or "",
            r["plan"] or "",
            r["owner"] or "",
            *r["tags"],
            *[v for v in (r["source"] or {}).values() if v],
        ]
        for o in json.loads(t.ok("show", r["id"], "-f", "json"))["observations"]:
            theirs += [o["note"] or "", o["source"] or ""]
    outputs = {"list": t.ok("--lang", "zh", "list"), "report": t.ok("--lang", "zh", "report")}
    outputs.update({f"show {r['id']}": t.ok("--lang", "zh", "show", r["id"]) for r in rows})
    units = {"km", "kg", "pp"}
    for name, out in outputs.items():
        for text in sorted(theirs, key=len, reverse=True):
            if text:
                out = out.replace(text, " ")
        out = re.sub(r"https?://\S+", " ", out)
        english = set(re.findall(r"[A-Za-z][A-Za-z-]*[A-Za-z]", out)) - units
        assert not english, (name, sorted(english))


# Calls whose text a person reads: an error or warning, a line printed, a
# question asked, a finding of doctor, a note of merge. Their words must go
# through the catalog; composing translated pieces ("{where}: {message}") is fine.
# name -> the arguments that are text (Finding's level and _fail's column are codes)
SAID = {
    "InputError": (0,),
    "StoreError": (0,),
    "JournalDamaged": (0,),
    "Finding": (1,),
    "print": (0,),
    "typer.echo": (0,),
    "typer.confirm": (0,),
    "typer.prompt": (0,),
    "notes.append": (0,),
    "_fail": (2,),
}
# Said to a developer, or a command shown as it is typed.
NOT_SAID = {("i18n.py", "wrote")}
WORD = re.compile(r"(?<![-\w{])[A-Za-z]{2,}(?![\w}])")


def _english_words(node: ast.AST) -> list[str]:
    """English words in a literal or an f-string's literal parts (option names
    such as --format, placeholders and file extensions aside)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        parts = [node.value]
    elif isinstance(node, ast.JoinedStr):
        parts = [v.value for v in node.values if isinstance(v, ast.Constant)]
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _english_words(node.left) + _english_words(node.right)
    elif isinstance(node, ast.Call) and ast.unparse(node.func) == "safe" and node.args:  # made safe for a terminal
        return _english_words(node.args[0])
    else:
        return []
    return [w for p in parts for w in WORD.findall(re.sub(r"--?[\w-]+|\.\w+\b|\{\w*\}", " ", p))]


def _said_in_english() -> list[str]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name in ("examples.py", "helptext.py"):  # commands in examples; help is translated when shown
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and ast.unparse(node.func) in SAID:
                for i in SAID[ast.unparse(node.func)]:
                    words = _english_words(node.args[i]) if i < len(node.args) else []
                    if words and (path.name, words[0]) not in NOT_SAID:
                        found.append(f"{path.relative_to(SRC)}:{node.lineno} {' '.join(words[:4])}")
    return found


def test_every_error_warning_and_message_a_person_reads_goes_through_the_catalog():
    said = _said_in_english()
    assert not said, f"{len(said)} messages not marked for translation: " + "; ".join(said)


def test_the_check_for_english_messages_can_fail():
    tree = ast.parse('raise InputError(f"{x} is not a date")\nprint(f"{a}: {b}")\nraise StoreError(_("fine {x}"))')
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and ast.unparse(n.func) in SAID]
    assert [_english_words(a) for c in calls for a in c.args] == [["is", "not", "date"], [], []]
    assert _english_words(ast.parse('f"--format {x}: see .xlsx"').body[0].value) == ["see"]


def test_errors_warnings_and_doctor_in_chinese_leave_no_english_word(tmp_path):
    """A reader who chose Chinese gets errors, warnings and doctor's findings in
    Chinese; what is left in English is theirs (ids, values, file names) or a
    name they type (options, commands, settings, codes)."""
    t = TT(tmp_path / "store.json")
    t.db.write_bytes(SHIPPED.read_bytes())
    tid = json.loads(t.ok("list", "-f", "json"))[0]["id"]
    bad_csv = tmp_path / "bad.csv"
    bad_csv.write_text("id,title,colour\nx,y,red\n", encoding="utf-8")
    said = {
        "bad date": t("--lang", "zh", "update", tid, "5", "--date", "2025-02-30"),
        "ambiguous date": t("--lang", "zh", "update", tid, "5", "--date", "03/04/2025"),
        "bad unit": t(
            "--lang", "zh", "add", "new", "--title", "新", "--target", "5", "--unit", "1x", "--deadline", "2030"
        ),
        "baseline after deadline": t(
            "--lang",
            "zh",
            "add",
            "new",
            "--title",
            "新",
            "--target",
            "5",
            "--baseline",
            "1",
            "--baseline-date",
            "2031",
            "--deadline",
            "2030",
        ),
        "unknown column": t("--lang", "zh", "import", str(bad_csv)),
        "unknown setting": t("--lang", "zh", "config", "colour", "red"),
        "no such option": t("--lang", "zh", "update", tid, "5", "--colour"),
        "missing store": t("--lang", "zh", "list", db=False, env={"TARGETTRACK_DB": str(tmp_path / "none.json")}),
        "remove without a terminal": t("--lang", "zh", "remove", tid),
        "unknown command": t("--lang", "zh", "lsit"),  # the parser's own words, too
        "missing argument": t("--lang", "zh", "show"),
        "unknown option": t("--lang", "zh", "list", "--colour"),
    }
    for name, r in said.items():
        assert r.code != 0 and r.err.startswith("targettrack：错误："), (name, r.err)
    doctor = t("--lang", "zh", "doctor")
    assert doctor.code == 0 and "可以载入" in doctor.out
    typed = [
        str(tmp_path),
        tid,
        "bad.csv",
        "colour",
        "red",
        "targettrack",
        "TARGETTRACK_DB",
        "none.json",
        "undo",
        "update",
        "help",
        "yes",
        "lang",
        "method",
        "doctor",
        "lsit",
        "list",
        "show",
        "ID",
        *TARGET_COLUMNS,
        *KEYS,
    ]  # column and setting names
    for name, text in [*((n, r.err) for n, r in said.items()), ("doctor", doctor.out)]:
        for word in sorted(typed, key=len, reverse=True):
            text = text.replace(word, " ")
        text = re.sub(r"--?[\w-]+|'[^']*'|\S+\.json", " ", text)  # options, quoted values, file names
        english = set(re.findall(r"[A-Za-z][A-Za-z-]*[A-Za-z]", text)) - {"km"}  # a unit
        assert not english, (name, sorted(english), text)
