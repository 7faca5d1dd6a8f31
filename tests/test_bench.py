"""The benchmark runs (on a tiny store, once each): timings live in
docs/benchmarks.md, never in tests."""

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_the_benchmark_runs_on_a_tiny_store(tmp_path):
    out, res = tmp_path / "b.md", tmp_path / "b.json"
    r = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "run.py"),
            "--sizes",
            "20",
            "--runs",
            "1",
            "--no-peers",
            "--history-updates",
            "5",
            "--work",
            str(tmp_path / "work"),
            "--out",
            str(out),
            "--json",
            str(res),
        ],
        capture_output=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr.decode()[-2000:]
    data = json.loads(res.read_text())
    ops = data["sizes"]["20"]["ops"]
    nextday = "list --format text (a new day, after an update)"
    edited, nocache = "list --format text (one target edited by hand)", "--no-cache list --format text"
    new_year = "list --format text (the first of a new year, rows kept the day before)"
    month_end = "list --format text (the first of a month end, rows kept the day before)"
    english, chinese = "list (alternating with --lang zh)", "--lang zh list (alternating with English)"
    pretty = "update (the first write to a pretty-printed store)"
    assert set(ops) == {
        new_year,
        month_end,
        english,
        chinese,
        pretty,
        "list --format text",
        "list --format json",
        "show",
        "update",
        "report",
        "export",
        "import",
        nextday,
        edited,
        nocache,
    }
    one_way = ("import", nextday, edited, nocache, new_year, month_end, english, chinese, pretty)
    assert all(set(m) == {"warm", "cold"} for op, m in ops.items() if op not in one_way)
    assert set(ops["import"]) == set(ops[edited]) == set(ops[nocache]) == set(ops[pretty]) == {"cold"}
    assert set(ops[nextday]) == set(ops[new_year]) == set(ops[month_end]) == set(ops[english]) == {"warm"}
    assert all(x["median_ms"] > 0 and x["peak_mb"] > 0 for m in ops.values() for x in m.values())
    history = data["sizes"]["20"]["history"]
    assert history["updates"] == 5 and 0 < history["ratio"] < 10
    assert "--version" in data["fixed"] and "list (shipped store)" in data["fixed"]
    assert out.read_text().startswith("# Benchmarks")


def test_the_generator_makes_a_store_targettrack_reads(tmp_path):
    sys.path.insert(0, str(REPO / "bench"))
    from generate import generate

    from targettrack.store.readwrite import Store

    generate(50, tmp_path / "s.json")
    with Store(tmp_path / "s.json") as s:
        targets = s.targets()
    assert len(targets) == 50
    assert {t.kind for t in targets} >= {"increase", "milestone"}
    assert any(not t.title.isascii() for t in targets) and any(len(t.observations) >= 6 for t in targets)


def test_the_alternating_update_timer_runs_or_says_what_it_needs(tmp_path):
    import shutil

    cmd = [
        sys.executable,
        str(REPO / "bench" / "alternate.py"),
        "--size",
        "20",
        "--runs",
        "1",
        "--work",
        str(tmp_path / "work"),
    ]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    if shutil.which("task"):
        assert r.returncode == 0, r.stderr[-2000:]
        assert r.stdout.startswith("20 targets, 1 runs each, medians: update ") and " x\n" in r.stdout
    else:
        assert r.returncode == 2 and "Taskwarrior" in r.stderr


def test_the_site_benchmark_runs_on_a_tiny_store(tmp_path):
    page = tmp_path / "b.md"
    page.write_text("before\n<!-- site benchmark: begin -->\nold\n<!-- site benchmark: end -->\nafter\n")
    r = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "site.py"),
            "--size",
            "40",
            "--runs",
            "1",
            "--work",
            str(tmp_path / "w"),
            "--out",
            str(page),
        ],
        capture_output=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr.decode()[-2000:]
    text = page.read_text()
    assert text.startswith("before\n") and text.endswith("after\n") and "old" not in text
    assert "| first build, from nothing |" in text and "| after one `update` |" in text
