"""`targettrack site` at 10,000 targets: the first build, and a build after one update.

    python bench/site.py [--size 10000] [--runs 3] [--out docs/benchmarks.md]

Issue 32's goals: the site of 10,000 targets built in under a minute from
nothing, and again after one `update` in under 2 seconds. Each run builds
from nothing into a new folder (the first run of a day is the same work:
every page is judged as of that day), then records a new value of one
target (a real change, the next run must find it) and builds again, then
builds once more with nothing changed. Run it with a virtual environment's
interpreter in which targettrack is installed. Prints a Markdown table and,
with --out, puts it in that page between its markers.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402
from run import TODAY, run_once  # noqa: E402

START, END = "<!-- site benchmark: begin -->", "<!-- site benchmark: end -->"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", type=Path, default=Path("/tmp/targettrack-bench-site"))
    ap.add_argument("--out", type=Path, help="a Markdown page to put the table in, between its markers")
    a = ap.parse_args(argv)
    script = Path(sys.executable).parent / "targettrack"
    a.work.mkdir(parents=True, exist_ok=True)
    store = a.work / f"s{a.size}.json"
    if not store.exists():
        generate(a.size, store)
    env = {**os.environ, "TARGETTRACK_TODAY": TODAY, "XDG_CACHE_HOME": str(a.work / "cache")}
    ids = subprocess.run(
        [str(script), "--db", str(store), "list", "--format", "json", "--limit", "100"],
        env=env,
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    import json

    targets = [r["id"] for r in json.loads(ids) if r["kind"] in ("increase", "decrease")]
    cold, after_update, unchanged, files = [], [], [], 0
    for i in range(a.runs):
        site = a.work / "site"
        shutil.rmtree(site, ignore_errors=True)
        build = [str(script), "--db", str(store), "site", str(site), "--quiet"]
        cold.append(run_once(build, env)[0])
        files = sum(1 for p in site.rglob("*") if p.is_file())
        # a value never recorded before: every run a real change
        run_once(
            [str(script), "--db", str(store), "update", targets[i], str(1000 + i), "--date", "2026-06-30", "--quiet"],
            env,
        )
        after_update.append(run_once(build, env)[0])
        unchanged.append(run_once(build, env)[0])
    rows = [
        ("first build, from nothing", cold, 60),
        ("after one `update`", after_update, 2),
        ("nothing changed", unchanged, None),
    ]
    table = [
        f"`site` at {a.size:,} targets ({files:,} files), median of {a.runs} runs, "
        f"on {platform.machine()} with {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"`python bench/site.py --size {a.size} --runs {a.runs}`:",
        "",
        "| build | median | runs | goal |",
        "|---|---|---|---|",
    ]
    for name, times, goal in rows:
        median = statistics.median(times)
        met = "" if goal is None else f"under {goal} s: {'met' if median < goal else 'NOT met'}"
        table.append(f"| {name} | {median:.2f} s | {', '.join(f'{t:.2f}' for t in times)} | {met} |")
    text = "\n".join(table) + "\n"
    print(text)
    if a.out:
        page = a.out.read_text(encoding="utf-8")
        before, _, rest = page.partition(START)
        _, _, after = rest.partition(END)
        a.out.write_text(before + START + "\n" + text + END + after, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
