"""A person's own defaults in $XDG_CONFIG_HOME/targettrack/config.toml
(issue 33): the store, the language, the pager and colour, below the
command line and the environment; a bad file is one line, never ignored."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SHIPPED, assert_one_line_error

SCRIPT = Path(sys.executable).parent / "targettrack"


@pytest.fixture
def home(tmp_path):
    store = tmp_path / "mine.json"
    shutil.copy(SHIPPED, store)
    config = tmp_path / "config" / "targettrack" / "config.toml"
    config.parent.mkdir(parents=True)
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "TARGETTRACK_TODAY": "2026-11-26",
        "LANG": "C.UTF-8",
    }
    return store, config, env


def run(env, *args, **more):
    return subprocess.run([str(SCRIPT), *args], env={**env, **more}, capture_output=True, text=True)


def test_the_store_and_the_language_from_the_file(home):
    store, config, env = home
    config.write_text(f'db = "{store}"\nlang = "zh"\n', encoding="utf-8")
    r = run(env, "list")  # the fast lane
    assert r.returncode == 0 and "状态" in r.stdout and "sh-robot-brands" in r.stdout, r.stderr
    r = run(env, "info", "--format", "json")  # the full command line
    info = json.loads(r.stdout)
    assert info["store"] == str(store.resolve()) and info["chosen_by"] == str(config)
    assert info["language"] == "zh" and info["config_file"] == {
        "path": str(config),
        "settings": {"db": str(store), "lang": "zh"},
    }


def test_the_command_line_and_the_environment_come_first(home, tmp_path):
    store, config, env = home
    config.write_text(f'db = "{store}"\nlang = "zh"\n', encoding="utf-8")
    assert "STATUS" in run(env, "--lang", "en", "list").stdout
    assert "STATUS" in run(env, "list", TARGETTRACK_LANG="en").stdout
    other = tmp_path / "other.json"
    r = run(env, "list", TARGETTRACK_DB=str(other))
    assert r.returncode == 3 and str(other) in r.stderr  # the environment's store, not the file's


def test_a_home_in_the_file_is_expanded(home):
    store, config, env = home
    config.write_text('db = "~/mine.json"\n', encoding="utf-8")
    assert "sh-robot-brands" in run(env, "list").stdout


def test_colour_and_pager_from_the_file(home):
    store, config, env = home
    config.write_text(f'db = "{store}"\ncolor = "always"\n', encoding="utf-8")
    assert "\x1b[" in run(env, "list").stdout
    assert "\x1b[" not in run(env, "list", NO_COLOR="1").stdout  # the environment first
    assert "\x1b[" not in run(env, "--color", "never", "list").stdout
    from targettrack.util import pager, userconfig

    os.environ.pop("TARGETTRACK_PAGER", None)
    config.write_text('pager = "most"\n', encoding="utf-8")
    userconfig.forget()
    os.environ["XDG_CONFIG_HOME"] = str(config.parent.parent)
    try:
        assert pager.command() == "most"
        os.environ["TARGETTRACK_PAGER"] = "more"
        assert pager.command() == "more"
    finally:
        os.environ.pop("TARGETTRACK_PAGER", None)
        userconfig.forget()


@pytest.mark.parametrize(
    "text, words",
    [
        ("db = \n", "not a TOML file"),
        ("colour = 'never'\n", "'colour' is not a setting"),
        ("lang = 'fr'\n", "is not one of en, zh"),
        ("db = 3\n", "takes a text in quotes"),
    ],
)
def test_a_bad_file_is_one_line_and_exit_2(home, text, words):
    store, config, env = home
    config.write_text(text, encoding="utf-8")
    before = store.read_bytes()
    for args in (["list"], ["show", "sh-robot-brands"], ["update", "sh-robot-brands", "3", "--date", "2024"]):
        r = run(env, "--db", str(store), *args)
        assert r.returncode == 2 and r.stderr.count("\n") == 1 and words in r.stderr and str(config) in r.stderr, (
            args,
            r.stderr,
        )
    assert store.read_bytes() == before  # nothing written
    assert (
        "sh-robot-brands" in run(env, "--db", str(store), "list", "--format", "json", XDG_CONFIG_HOME="/nowhere").stdout
    )


def test_in_process_too(sample, tmp_path):
    config = tmp_path / "config" / "targettrack" / "config.toml"  # conftest's XDG_CONFIG_HOME
    config.parent.mkdir(parents=True)
    config.write_text("lang = 'x'\n", encoding="utf-8")
    from targettrack.util import userconfig

    userconfig.forget()
    assert_one_line_error(sample("show", "sh-robot-brands"), 2, "config.toml")
