"""The shipped stores (issue 11, item 8): data/cn-14th-five-year-plan.json is
what its build script makes, the package carries it byte for byte, and it
judges the plan's indicators as of a frozen day."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import TT, assert_one_line_error

from targettrack.exchange.samples import SAMPLES, sample_bytes

REPO = Path(__file__).resolve().parent.parent
CN = REPO / "data" / "cn-14th-five-year-plan.json"
BIN = Path(sys.executable).parent


def test_the_package_carries_each_shipped_store_byte_for_byte():
    assert sample_bytes("cn-14fyp") == CN.read_bytes()
    assert sample_bytes("seed") == (REPO / "data" / "targets.json").read_bytes()
    assert set(SAMPLES) == {"seed", "cn-14fyp"}


def test_the_build_script_makes_the_shipped_file(tmp_path):
    (tmp_path / "data").mkdir()
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("TARGETTRACK_DB", None)
    r = subprocess.run(
        ["sh", str(REPO / "data" / "cn-14th-five-year-plan.sh")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "data" / "cn-14th-five-year-plan.json").read_bytes() == CN.read_bytes()
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["cn-14th-five-year-plan.json"]


def test_init_sample_cn_14fyp(tmp_path):
    t = TT(tmp_path / "t.json")
    assert t.ok("init", "--sample", "cn-14fyp") == f"created {(tmp_path / 't.json').resolve()} with 17 targets\n"
    rows = {r["id"]: r for r in json.loads(t.ok("list", "-f", "json"))}
    assert len(rows) == 17 and {r["plan"] for r in rows.values()} == {"cn-14fyp"}
    assert all(r["source"]["document"] and r["source"]["url"] for r in rows.values())
    assert sum(r["binding"] is True for r in rows.values()) == 8
    assert sum(r["binding"] is False for r in rows.values()) == 9
    forms = {r["id"]: (r["form"], r["change"], r["each"]) for r in rows.values()}
    assert forms["cn-energy-intensity"] == ("change", "relative", None)
    assert forms["cn-life-expectancy"] == ("change", "absolute", None)
    assert forms["cn-rd-spending"] == ("growth", None, None)
    assert forms["cn-unemployment"] == ("level", None, "year")
    # as of 2026-11-26 (frozen): 2022's 5.6% broke the 5.5% bound; urbanization passed 65% in 2023
    assert rows["cn-unemployment"]["status"] == "breached"
    assert rows["cn-urbanization"]["status"] == "achieved" and rows["cn-urbanization"]["achieved_date"] == "2023-12-31"
    # (1 + 14.6%)(1 + 10.1%) over 2 years (the final bulletins' figures, issue 29): 12.33% a year;
    # 2025 not recorded yet
    assert rows["cn-rd-spending"]["current"] == 12.33 and rows["cn-rd-spending"]["status"] == "awaiting-data"
    assert rows["cn-energy-intensity"]["current"] == -2.7
    # grain in 亿斤 and 万吨, converted to 亿吨: all four years above 6.5
    grain = json.loads(t.ok("history", "cn-grain-capacity", "-f", "json"))
    assert [o["value"] for o in grain] == [6.8285, 6.8653, 6.9541, 7.065]
    every = [o for tid in rows for o in json.loads(t.ok("history", tid, "--all", "-f", "json"))]
    assert len(every) == 16 and all(o["source"] and o["note"] for o in every)  # + R&D 2021 final, schooling 2022
    # the 2022 R&D growth was revised from 10.4% to 10.1%: both kept, the first superseded
    rd = json.loads(t.ok("history", "cn-rd-spending", "--all", "-f", "json"))
    assert [(o["value"], o["superseded"]) for o in rd if o["date_as_given"] == "2022"] == [(10.4, True), (10.1, False)]


def test_a_sample_needs_its_flag_and_a_known_name(tmp_path):
    t = TT(tmp_path / "t.json")
    assert_one_line_error(t("init", "cn-14fyp"), 2, "--sample cn-14fyp")
    assert_one_line_error(t("init", "--sample", "cn-15fyp"), 2, "seed, cn-14fyp")
    assert not (tmp_path / "t.json").exists()


def test_the_samples_are_kept_once_and_a_built_wheel_carries_them(tmp_path):
    """Issue 35: data/ holds the shipped stores; the package's copies are made by the build (setup.py)."""
    import zipfile

    assert not list((REPO / "src" / "targettrack").rglob("*.json"))  # no copy in the source tree
    tree = tmp_path / "tree"  # the build writes build/ beside setup.py: a copy, not the checkout
    tree.mkdir()
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copy(REPO / name, tree / name)
    shutil.copytree(REPO / "src", tree / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copytree(REPO / "data", tree / "data")
    shutil.copytree(REPO / "man", tree / "man")
    r = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(tree)],
        capture_output=True,
        text=True,
        timeout=300,
    )  # as `pip install .` builds it
    assert r.returncode == 0, r.stderr[-2000:]
    wheel = next(tmp_path.glob("targettrack-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        for name in SAMPLES.values():
            assert z.read(f"targettrack/samples/{name}") == (REPO / "data" / name).read_bytes()
        # the manual page, installed in share/man/man1 beside bin/ (issue 33)
        man = [n for n in z.namelist() if n.endswith(".data/data/share/man/man1/targettrack.1")]
        assert man and z.read(man[0]) == (REPO / "man" / "targettrack.1").read_bytes()
