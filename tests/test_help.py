"""Help that reads well (issue 12, item 3): no Python types, whole summaries,
one vocabulary for formats, examples that run, and shell completion."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import SHIPPED, TT

from targettrack.cli import app
from targettrack.cli.examples import EXAMPLES
from targettrack.util.textwidth import width

COMMANDS = sorted(EXAMPLES)
FORMAT_WORDS = {"table", "text", "json", "csv", "markdown", "html", "xlsx", "ics"}


def help_of(t: TT, *command: str, lang: str = "en") -> str:
    return t.ok("--lang", lang, *command, "--help", db=False, env={"COLUMNS": "80"})


def test_every_command_has_examples():
    registered = {(i.name or i.callback.__name__.rstrip("_").replace("_", "-")) for i in app.registered_commands}
    assert registered == set(EXAMPLES)


def test_the_command_line_shape_is_made_from_the_declarations():
    """cli/shape.py (what program.load and the fast lane know of the command
    line without Typer) is what shapegen reads from the Typer commands today."""
    from targettrack.cli import shape, shapegen

    made = shapegen.shape()
    assert made == {name: getattr(shape, name) for name in made}, (
        "cli/shape.py is stale: run .venv/bin/python -m targettrack.cli.shapegen"
    )
    assert made["FAMILIES"]["update"] == "change" and made["LANE"]["update"]["values"]["--date"] == "on"


def test_the_shape_check_can_fail(monkeypatch):
    from targettrack.cli import shape, shapegen

    monkeypatch.setitem(shapegen.LANE, "list", ("sort", "fmt", "status", "tag"))  # the lane takes one more
    made = shapegen.shape()
    assert made["LANE"]["list"] != shape.LANE["list"] and "--tag" in made["LANE"]["list"]["many"]


def test_the_words_before_a_command_are_the_root_options_typer_knows():
    import typer.main

    from targettrack.cli.program import ROOT_VALUE_OPTIONS, family_of

    root = typer.main.get_command(app)
    taking_values = {name for p in root.params if not p.is_flag and p.param_type_name == "option" for name in p.opts}
    assert taking_values == set(ROOT_VALUE_OPTIONS)
    assert family_of(["--db", "update", "list"]) == "view"  # --db's value is not the command
    assert family_of(["--lang=zh", "--no-color", "update", "x", "1"]) == "change"
    assert family_of(["--db", "x.json"]) is None  # no command: everything, for the help
    assert family_of(["--help"]) is None and family_of(["updat"]) is None  # Typer's help and its "did you mean"


def test_a_command_runs_in_a_process_that_registered_only_its_family(tmp_path):
    import sys

    code = (
        "import sys; from targettrack.cli import program as p; sys.argv = ['targettrack', '--db', sys.argv[1], "
        "'init'];\ntry:\n    p.main()\nexcept SystemExit: pass"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    probe = code.replace("p.main()", "p.end = lambda c: print(sorted(p._loaded), file=sys.stderr)\n    p.main()")
    r = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "s.json")], capture_output=True, text=True, env=env, timeout=60
    )
    assert r.returncode == 0 and r.stderr.strip().endswith("['change']"), r.stderr
    assert (tmp_path / "s.json").exists()


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("command", [[]] + [[c] for c in COMMANDS], ids=["root"] + COMMANDS)
def test_help_reads_well_at_80_columns(tmp_path, command, lang):
    out = help_of(TT(tmp_path / "x.json"), *command, lang=lang)
    assert not re.search(r"<(str|int|list|bool|float|path)", out), out  # no Python types
    assert "[[" not in out and "{" not in out.split("\n")[0]  # usage as the metavars say
    assert "..." not in re.split("Daily:|日常：", out)[-1] if not command else True  # summaries whole
    assert all(width(line) <= 80 for line in out.split("\n")), max(out.split("\n"), key=width)
    assert not re.search(r"[a-z]-\n\s+[a-z]", out)  # never broken at a hyphen
    if command:
        assert ("Examples:" if lang == "en" else "示例：") + "\n    targettrack " in out
    if lang == "zh":  # the help itself is Chinese: the summary, and no English sentence left in the options
        assert re.search(r"[\u4e00-\u9fff]", out.split("\n")[2]), out.split("\n")[2]
        prose = re.sub(r"--[a-z-]+", "", out.split("示例")[0])  # option names are the same in both
        assert not re.search(r"\b(the|and|of|or a)\b", prose), out
    for formats in re.findall(r"--format[^\n]*?FORMAT\s+([^\n(（]*)", out):
        words = {w.strip(" ,.。") for w in re.split("[,、]", formats) if w.strip(" ,.。")}
        assert words <= FORMAT_WORDS, words


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("command", [[]] + [[c] for c in COMMANDS], ids=["root"] + COMMANDS)
def test_help_narrows_to_40_columns(tmp_path, command, lang):
    out = TT(tmp_path / "x.json").ok("--lang", lang, *command, "--help", db=False, env={"COLUMNS": "40"})
    over = [line for line in out.split("\n") if width(line) > 40]
    assert not over, over
    for example in EXAMPLES.get(command[0] if command else "", []):  # examples stay whole, only folded
        for word in example.split("#")[0].split():
            assert word in out, word


def test_the_commands_are_grouped_and_the_first_ones_come_first(tmp_path):
    out = help_of(TT(tmp_path / "x.json"))
    heads = [h for h in re.findall(r"^(\w[\w ]*):$", out, re.M) if h not in ("Usage", "Options")]
    assert heads == ["Start with", "Daily", "Targets", "Data", "Store", "Sharing"], heads
    daily = out.split("Daily:")[1].split("Targets:")[0]
    assert [line.split()[0] for line in daily.splitlines() if line.startswith("  ") and not line.startswith("   ")] == [
        "list",
        "show",
        "update",
        "report",
    ]
    listed = re.findall(r"^  ([a-z][a-z-]+)  ", out, re.M)
    assert "merge" not in listed and "textconv" not in listed  # git's, never typed
    zh = help_of(TT(tmp_path / "x.json"), lang="zh")
    assert "日常：" in zh and "共享：" in zh  # a Chinese colon


def test_old_format_names_still_work(sample):
    assert sample.ok("list", "--format", "plain") == sample.ok("list", "--format", "text")
    assert sample.ok("show", "sh-robot-brands", "--format", "table") == sample.ok("show", "sh-robot-brands")


def test_every_example_runs(tmp_path, monkeypatch):
    """Each command's examples, in order, on a copy of the shipped store."""
    db = tmp_path / "targets.json"
    shutil.copy(SHIPPED, db)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.txt").write_text(
        "上海计划到2025年，打造10家行业一流的机器人头部品牌、100个标杆示范的机器人应用场景。", encoding="utf-8"
    )
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    t = TT(db)
    order = [
        "init",
        "add",
        "update",
        "edit",
        "list",
        "show",
        "history",
        "info",
        "plans",
        "config",
        "report",
        "site",
        "export",
        "import",
        "extract",
        "remove",
        "recover",
        "undo",
        "doctor",
        "cache",
        "conflicts",
        "git-setup",
        "diff",
        "textconv",
    ]
    assert set(order) | {"merge"} == set(EXAMPLES)
    for command in order:
        if command == "diff":  # a commit to compare with
            env = {
                **os.environ,
                "GIT_AUTHOR_NAME": "a",
                "GIT_AUTHOR_EMAIL": "a@x",
                "GIT_COMMITTER_NAME": "a",
                "GIT_COMMITTER_EMAIL": "a@x",
            }
            subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True, env=env)
            subprocess.run(["git", "commit", "-qm", "the store"], cwd=tmp_path, check=True, env=env)
        joined = "\n".join(EXAMPLES[command]).replace("\\\n", " ").split("\n")  # a line ending in \ goes on
        for example in joined:
            argv = shlex.split(example, comments=True)
            if ">" in argv:  # a redirection: the shell's, not the command's
                argv = argv[: argv.index(">")]
            assert argv[0] == "targettrack"
            argv = [os.path.expanduser(a) if a.startswith("~") else a for a in argv[1:]]
            if argv[0] == "--db":  # a new store of its own
                (tmp_path / "new").mkdir(exist_ok=True)
                argv[1] = str(tmp_path / "new" / os.path.basename(argv[1]))
            if "--restore" in argv:
                db.write_bytes(b"garbage")  # what --restore is for
            r = t(*argv, db=argv[0] != "--db", input="")
            # --fail-on exits 1 when a reported target has the status (the shipped store has a missed one)
            assert r.code == (1 if "--fail-on" in argv else 0) and not r.err.startswith("targettrack: error"), (
                example,
                r.err,
            )


def test_shell_completion_completes_commands_and_ids(tmp_path):
    exe = os.path.join(os.path.dirname(os.sys.executable), "targettrack")  # the installed console script
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "TARGETTRACK_DB": str(SHIPPED),
        "_TARGETTRACK_COMPLETE": "complete_bash",
        "COMP_WORDS": "targettrack li",
        "COMP_CWORD": "1",
    }
    r = subprocess.run([exe], env=env, capture_output=True, text=True)
    assert "list" in r.stdout.split()
    env.update(COMP_WORDS="targettrack show sh-robot-b", COMP_CWORD="2")
    r = subprocess.run([exe], env=env, capture_output=True, text=True)
    assert r.stdout.split() == ["sh-robot-brands"]
    env = {k: v for k, v in env.items() if not k.startswith(("_TARGETTRACK", "COMP_"))}
    # from bash, as a user types it (and not its last command, which bash would exec in its place):
    # Typer finds the shell from the process tree
    r = subprocess.run(["bash", "-c", f"'{exe}' --show-completion; exit $?"], env=env, capture_output=True, text=True)
    assert "complete -o default -F _targettrack_completion targettrack" in r.stdout, r.stderr


@pytest.mark.parametrize(
    "words, offered",
    [
        ("targettrack list --status mi", ["missed"]),
        ("targettrack list --status missed,on", ["missed,on-track"]),  # the next of a comma-separated list
        ("targettrack list --sort dead", ["deadline"]),
        ("targettrack list --plan sh", ["sh-robot-plan-2025"]),  # from the store
        ("targettrack list --tag rob", ["robotics"]),
        ("targettrack report --format ht", ["html"]),
        ("targettrack list --kind mi", ["milestone"]),
        ("targettrack report --method c", ["cagr"]),
        ("targettrack --lang z", ["zh"]),
        ("targettrack --color al", ["always"]),
    ],
)
def test_shell_completion_completes_option_values(tmp_path, words, offered):
    exe = os.path.join(os.path.dirname(os.sys.executable), "targettrack")
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "TARGETTRACK_DB": str(SHIPPED),
        "_TARGETTRACK_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
    }
    r = subprocess.run([exe], env=env, capture_output=True, text=True)
    assert r.stdout.split() == offered and r.stderr == "", r.stderr


def test_typer_is_a_release_the_patches_of_its_private_modules_were_tested_with():
    """Issue 35: fastparams.py and cli/helptext.py patch typer._coercion and typer._click."""
    from importlib.metadata import version

    from targettrack.cli.typerpatch import TESTED_TYPER

    installed = version("typer")
    assert installed.startswith(tuple(v + "." for v in TESTED_TYPER)), (
        f"typer {installed} is installed, but fastparams.py and cli/helptext.py patch Typer's private modules and "
        f"were tested with {', '.join(TESTED_TYPER)} only: run the tests with it, then widen TESTED_TYPER and "
        f"pyproject.toml's bound"
    )
    pinned = next(
        line
        for line in (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text().splitlines()
        if line.strip().startswith('"typer')
    )
    assert "<" in pinned, pinned  # an upper bound: an untested release is never installed


def test_install_completion_says_what_it_did_in_the_readers_language(tmp_path):
    exe = os.path.join(os.path.dirname(os.sys.executable), "targettrack")
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "SHELL": "/bin/bash"}
    r = subprocess.run([exe, "--lang", "zh", "--install-completion", "bash"], env=env, capture_output=True, text=True)
    assert r.returncode == 0 and "补全已安装到" in r.stdout and "重新打开终端" in r.stdout, r.stdout + r.stderr
    assert (tmp_path / ".bash_completions" / "targettrack.sh").exists()
    r = subprocess.run([exe, "--install-completion", "bash"], env=env, capture_output=True, text=True)
    assert "bash completion installed in" in r.stdout
