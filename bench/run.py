"""Time targettrack (and, when installed, Taskwarrior and hledger) as whole processes.

    python bench/run.py [--sizes 1000,10000,100000] [--runs 10] [--no-peers]
                        [--out docs/benchmarks.md] [--json bench/results.json]

Run it with a virtual environment's interpreter in which targettrack is
installed: the console script beside that interpreter is what gets timed.
Each operation runs once to warm the caches, then --runs times; the table
gives the median wall time, and the peak memory of one more run measured
through GNU time (see peak_memory for why not wait4 alone). Stores come from bench/generate.py; peers get the same counts of
tasks and transactions.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

TODAY = "2026-11-26"


def run_once(cmd: list[str], env: dict, ok=(0,), stdin_path: Path | None = None) -> tuple[float, int]:
    """Wall seconds and peak resident memory (bytes) of one process."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    try:
        start = time.perf_counter()
        # stderr to a file, not a pipe: a pipe nobody reads until the end
        # fills at 64 KB and blocks the command being timed.
        with tempfile.TemporaryFile() as errors:
            p = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=errors, env=env)
            _, status, usage = os.wait4(p.pid, 0)
            elapsed = time.perf_counter() - start
            p.returncode = os.waitstatus_to_exitcode(status)
            errors.seek(0)
            err = errors.read().decode("utf-8", "replace")
    finally:
        if stdin_path:
            stdin.close()
    if p.returncode not in ok:
        raise RuntimeError(f"{' '.join(cmd)} exited {p.returncode}: {err[-500:]}")
    return elapsed, usage.ru_maxrss * 1024


GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None


def peak_memory(cmd, env, ok=(0,)) -> int:
    """Peak RSS of the command itself. A child forked from this (large) runner
    inherits the runner's high-water mark at exec, so wait4 alone would report
    the runner's memory; GNU time forks the command from a small process."""
    if GNU_TIME is None:
        return run_once(cmd, env, ok)[1]
    out = Path(env.get("HOME", "/tmp")) / ".peak"
    p = subprocess.run(
        [GNU_TIME, "-f", "%M", "-o", str(out), *cmd], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    if p.returncode not in ok:
        raise RuntimeError(f"{' '.join(cmd)} exited {p.returncode}")
    return int(out.read_text().split()[-1]) * 1024


def measure(cmd, env, runs, setup=None, ok=(0,), vary=None) -> dict:
    """`vary(i)`: the command of run i, where each run must make a change of its own (a real `update`,
    a real `task N modify`: one that changes nothing writes nothing)."""
    times = []
    for i in range(runs + 1):
        if setup:
            setup()
        t, _ = run_once(vary(i) if vary else cmd, env, ok)
        if i:  # the first run only warms the caches
            times.append(t)
    if setup:
        setup()
    peak = peak_memory(vary(runs + 1) if vary else cmd, env, ok)
    return {
        "median_ms": round(statistics.median(times) * 1000, 1),
        "min_ms": round(min(times) * 1000, 1),
        "peak_mb": round(peak / 2**20, 1),
        "runs": runs,
    }


# --- targettrack ----------------------------------------------------------------


def targettrack_ops(script: Path, work: Path, n: int, runs: int, updates: int = 100) -> dict:
    """Each command warm (on a store targettrack wrote last, which it knows by
    the file's identity) and cold (on the same bytes in a file it did not
    write: as after an edit by hand or by git)."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(work), "TARGETTRACK_TODAY": TODAY}
    store = work / f"store-{n}.json"
    if not store.exists():
        generate(n, store)
    size_mb = store.stat().st_size / 2**20
    warm = fresh_copy(store, work / f"warm-{n}.json")
    one = f"t{n // 2:06d}"
    # One change and its undo: the same bytes, now known as targettrack's own.
    subprocess.run(
        [str(script), "--db", str(warm), "update", one, "+1", "-q"], env=env, check=True, stdout=subprocess.DEVNULL
    )
    subprocess.run([str(script), "--db", str(warm), "undo"], env=env, check=True, stdout=subprocess.DEVNULL)
    writable = fresh_copy(store, work / f"writable-{n}.json")
    export = work / f"export-{n}.json"
    subprocess.run([str(script), "--db", str(store), "export", "-o", str(export)], env=env, check=True)
    fresh = work / f"fresh-{n}.json"

    def empty_store():
        for p in work.glob(f"fresh-{n}.json*"):
            shutil.rmtree(p) if p.is_dir() else p.unlink()
        subprocess.run(
            [str(script), "init"], env={**env, "TARGETTRACK_DB": str(fresh)}, check=True, stdout=subprocess.DEVNULL
        )

    def touched():  # the same bytes in a new file: not the one targettrack wrote
        writable.write_bytes(writable.read_bytes())

    cold = fresh_copy(store, work / f"cold-{n}.json")

    def edited():  # as after an edit by hand or a git pull: the file changed since anything was kept of it
        cold.write_bytes(cold.read_bytes())

    reads = {
        "list --format text": ["list", "--format", "text"],
        "list --format json": ["list", "--format", "json"],
        "show": ["show", one],
        "report": ["report"],
        "export": ["export"],
    }
    ops = {}
    for name, args in reads.items():
        ops[name] = {
            "warm": measure([str(script), "--db", str(warm), *args], env, runs),
            "cold": measure([str(script), "--db", str(cold), *args], env, runs, setup=edited),
        }
    # The first list of a new day after a targettrack write: the write brought
    # the kept rows up to date; a day later, the rows whose run ended are judged again.
    nextday = fresh_copy(store, work / f"nextday-{n}.json")
    subprocess.run([str(script), "--db", str(nextday), "list"], env=env, check=True, stdout=subprocess.DEVNULL)
    tomorrow = {**env, "TARGETTRACK_TODAY": (date.fromisoformat(TODAY) + timedelta(days=1)).isoformat()}

    def written_today():
        subprocess.run(
            [str(script), "--db", str(nextday), "update", one, "+1", "-q"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    ops[NEXT_DAY] = {
        "warm": measure(
            [str(script), "--db", str(nextday), "list", "--format", "text"], tomorrow, runs, setup=written_today
        )
    }
    # After other hands: one target's line edited (as by hand or a git pull), then list.
    edited_one = fresh_copy(store, work / f"edited-{n}.json")
    subprocess.run([str(script), "--db", str(edited_one), "list"], env=env, check=True, stdout=subprocess.DEVNULL)
    flip = [b'"title": "', b'"title": "~']

    def one_line_edited():
        raw = edited_one.read_bytes()
        i = raw.index(b'"id": "' + one.encode() + b'"')
        start, end = raw.rindex(b"\n", 0, i), raw.index(b"\n", i)
        line = raw[start:end]
        line = line.replace(flip[0], flip[1], 1) if flip[1] not in line else line.replace(flip[1], flip[0], 1)
        edited_one.write_bytes(raw[:start] + line + raw[end:])

    ops[HAND_EDIT] = {
        "cold": measure(
            [str(script), "--db", str(edited_one), "list", "--format", "text"], env, runs, setup=one_line_edited
        )
    }
    ops[NO_CACHE] = {
        "cold": measure(
            [str(script), "--no-cache", "--db", str(cold), "list", "--format", "text"], env, runs, setup=edited
        )
    }
    # `update` as users meet it: the rows kept (a list ran), each run a real change (its own value).
    subprocess.run([str(script), "--db", str(writable), "list"], env=env, check=True, stdout=subprocess.DEVNULL)

    def updating(i):
        return [str(script), "--db", str(writable), "update", one, str(1000 + i), "-q"]

    ops["update"] = {
        "warm": measure(None, env, runs, vary=updating),
        "cold": measure(None, env, runs, setup=touched, vary=updating),
    }
    ops.update(first_lists(script, store, work, n, runs))
    ops.update(languages(script, store, work, n, runs))
    ops[PRETTY] = {"cold": pretty_first_write(script, store, work, n, runs, one)}
    ops["import"] = {
        "cold": measure([str(script), "--db", str(fresh), "import", str(export)], env, runs, setup=empty_store)
    }
    out = {"store_mb": round(size_mb, 2), "ops": ops}
    if n <= HISTORY_UP_TO:
        out["history"] = history(script, store, work / f"history-{n}.json", env, updates)
    return out


HISTORY_UP_TO = 10_000  # 100 updates of a 100,000-target store take minutes: measured up to here


NEW_YEAR = "list --format text (the first of a new year, rows kept the day before)"
MONTH_END = "list --format text (the first of a month end, rows kept the day before)"
ENGLISH = "list (alternating with --lang zh)"
CHINESE = "--lang zh list (alternating with English)"
PRETTY = "update (the first write to a pretty-printed store)"


def first_lists(script: Path, store: Path, work: Path, n: int, runs: int) -> dict:
    """The first list of a day that ends a year or a month, with the rows kept the day before
    (restored before every run: the first list of the day is the one timed)."""
    out = {}
    for name, before, day in ((NEW_YEAR, "2026-12-31", "2027-01-01"), (MONTH_END, "2026-11-29", "2026-11-30")):
        path = fresh_copy(store, work / f"first-{day}-{n}.json")
        cache, kept = work / f"cache-{day}-{n}", work / f"kept-{day}-{n}"
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(work), "XDG_CACHE_HOME": str(cache)}
        shutil.rmtree(cache, ignore_errors=True)
        subprocess.run(
            [str(script), "--db", str(path), "list"],
            env={**env, "TARGETTRACK_TODAY": before},
            check=True,
            stdout=subprocess.DEVNULL,
        )
        shutil.rmtree(kept, ignore_errors=True)
        shutil.copytree(cache, kept)

        def yesterday(cache=cache, kept=kept):
            shutil.rmtree(cache, ignore_errors=True)
            shutil.copytree(kept, cache)

        cmd = [str(script), "--db", str(path), "list", "--format", "text"]
        out[name] = {"warm": measure(cmd, {**env, "TARGETTRACK_TODAY": day}, runs, setup=yesterday)}
    return out


def languages(script: Path, store: Path, work: Path, n: int, runs: int) -> dict:
    """`list` and `--lang zh list` alternately on one store (an analyst beside a Chinese cron report):
    the runs interleaved, each language's median of its own runs."""
    path = fresh_copy(store, work / f"languages-{n}.json")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(work),
        "TARGETTRACK_TODAY": TODAY,
        "XDG_CACHE_HOME": str(work / f"cache-languages-{n}"),
    }
    cmds = {
        ENGLISH: [str(script), "--db", str(path), "list", "--format", "text"],
        CHINESE: [str(script), "--lang", "zh", "--db", str(path), "list", "--format", "text"],
    }
    times = {name: [] for name in cmds}
    for i in range(runs + 1):
        for name, cmd in cmds.items():
            t, _ = run_once(cmd, env)
            if i:
                times[name].append(t)
    return {
        name: {
            "warm": {
                "median_ms": round(statistics.median(ts) * 1000, 1),
                "min_ms": round(min(ts) * 1000, 1),
                "peak_mb": round(peak_memory(cmds[name], env) / 2**20, 1),
                "runs": runs,
            }
        }
        for name, ts in times.items()
    }


def pretty_first_write(script: Path, store: Path, work: Path, n: int, runs: int, one: str) -> dict:
    """`update` of a store another program wrote, pretty-printed (json.dump(indent=2), as an editor or a
    script saves it): the first write reads, checks and rewrites it in targettrack's layout."""
    pretty = work / f"pretty-{n}.json"
    source = work / f"pretty-source-{n}.json"
    if not source.exists():
        write_pretty(store, source)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(work), "TARGETTRACK_TODAY": TODAY}

    def foreign():
        shutil.rmtree(Path(str(pretty) + ".backups"), ignore_errors=True)
        shutil.copyfile(source, pretty)

    return measure(
        None,
        env,
        runs,
        setup=foreign,
        vary=lambda i: [str(script), "--db", str(pretty), "update", one, str(2000 + i), "-q"],
    )


def write_pretty(store: Path, out: Path) -> None:
    """The store as `json.dump(data, indent=2, ensure_ascii=False)` writes it, the same bytes, made one
    document at a time (json.loads of a 1,000,000-target store would hold ten times it in dicts)."""
    from targettrack.store import recast

    tables: dict[str, list] = {"meta": [], "targets": []}  # a store's two tables, in its order
    for table, key, doc in recast.documents(store.read_bytes()):
        tables.setdefault(table, []).append((key, doc))
    with out.open("w", encoding="utf-8") as f:
        f.write("{")
        for ti, (table, docs) in enumerate(tables.items()):
            f.write(("," if ti else "") + f"\n  {json.dumps(table)}: {{")
            for di, (key, doc) in enumerate(docs):
                body = json.dumps(doc, ensure_ascii=False, indent=2).replace("\n", "\n    ")
                f.write(("," if di else "") + f"\n    {json.dumps(key)}: {body}")
            f.write("\n  }" if docs else "}")
        f.write("\n}")


def fresh_copy(store: Path, path: Path) -> Path:
    for p in path.parent.glob(path.name + "*"):
        shutil.rmtree(p) if p.is_dir() else p.unlink()
    shutil.copy(store, path)
    return path


def history(script: Path, store: Path, path: Path, env: dict, updates: int = 100) -> dict:
    """What the kept versions take after `updates` updates of different
    targets, against the store's size."""
    import random

    fresh_copy(store, path)
    data = json.loads(store.read_text(encoding="utf-8"))["targets"]
    ids = [d["id"] for d in data.values() if d.get("kind") != "milestone"]
    rng = random.Random(14)
    for i in range(updates):
        subprocess.run(
            [str(script), "--db", str(path), "update", rng.choice(ids), str(i), "-q"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    folder = Path(str(path) + ".backups")
    kept = sum(p.stat().st_size for p in folder.iterdir())
    size = path.stat().st_size
    return {
        "updates": updates,
        "kept_mb": round(kept / 2**20, 2),
        "store_mb": round(size / 2**20, 2),
        "ratio": round(kept / size, 2),
        "files": len(list(folder.iterdir())),
    }


def fixed_ops(script: Path, work: Path, runs: int) -> dict:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(work), "TARGETTRACK_TODAY": TODAY}
    shipped = REPO / "data" / "targets.json"
    out = {
        "--version": measure([str(script), "--version"], env, runs),
        "list (shipped store)": measure([str(script), "--db", str(shipped), "list"], env, runs),
        "list (shipped store, --lang zh)": measure(
            [str(script), "--lang", "zh", "--db", str(shipped), "list"], env, runs
        ),
    }
    watson = shutil.which("watson")
    if watson:
        out["watson --version"] = measure([watson, "--version"], env, runs)
    return out


# --- peers ------------------------------------------------------------------------


def taskwarrior_ops(work: Path, n: int, runs: int) -> dict | None:
    task = shutil.which("task")
    if not task:
        return None
    env = taskwarrior_data(task, work, n)
    return {
        "task list": measure([task, "list"], env, runs),
        "task N modify": measure(
            None, env, runs, vary=lambda i: [task, str(n // 2), "modify", f"description:changed {i} {time.time_ns()}"]
        ),
        "task export": measure([task, "export"], env, runs),
    }


def taskwarrior_data(task: str, work: Path, n: int) -> dict:
    """Taskwarrior's data of n tasks in `work` (made once), and the environment that uses it."""
    data = work / f"task-{n}"
    rc = work / f"taskrc-{n}"
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(work), "TASKRC": str(rc), "TASKDATA": str(data)}
    if not data.exists():
        data.mkdir()
        rc.write_text(f"data.location={data}\nconfirmation=off\nhooks=off\nnews.version=2.6.2\n")
        base = datetime(2024, 1, 1, tzinfo=timezone.utc)
        tasks = [
            {
                "uuid": str(uuid.UUID(int=i + 1)),
                "status": "pending",
                "description": f"目标 target {i} 机器人产业",
                "entry": (base + timedelta(minutes=i)).strftime("%Y%m%dT%H%M%SZ"),
                "project": f"plan{i // 8}",
                "tags": ["economy", "十四五"],
                "due": (base + timedelta(days=365 + i % 1000)).strftime("%Y%m%dT%H%M%SZ"),
            }
            for i in range(n)
        ]
        src = work / f"tasks-{n}.json"
        src.write_text(json.dumps(tasks, ensure_ascii=False))
        subprocess.run(
            [task, "import", str(src)], env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
    return env


def hledger_ops(work: Path, n: int, runs: int) -> dict | None:
    hledger = shutil.which("hledger")
    if not hledger:
        return None
    journal = work / f"ledger-{n}.journal"
    if not journal.exists():
        lines = [
            "~ monthly",
            "    expenses:robots    500.00 CNY",
            "    expenses:drugs     300.00 CNY",
            "    assets:bank",
            "",
        ]
        start = date(2024, 1, 1)
        for i in range(n):
            d = start + timedelta(days=i * 730 // max(n, 1))
            account = "expenses:robots" if i % 2 else "expenses:drugs"
            lines += [f"{d.isoformat()} 目标 {i}", f"    {account}    {10 + i % 90}.00 CNY", "    assets:bank", ""]
        journal.write_text("\n".join(lines), encoding="utf-8")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(work), "LANG": "C.UTF-8"}
    return {
        "hledger balance --budget -M": measure([hledger, "-f", str(journal), "balance", "--budget", "-M"], env, runs)
    }


# --- report -----------------------------------------------------------------------

NEXT_DAY = "list --format text (a new day, after an update)"
HAND_EDIT = "list --format text (one target edited by hand)"
NO_CACHE = "--no-cache list --format text"
GOALS = [  # (our op, warm or cold, peer op, at most this ratio), at 10,000 targets (issues 14 and 36)
    ("list --format text", "warm", "task list", 0.5),
    (NEXT_DAY, "warm", "task list", 0.5),
    (HAND_EDIT, "cold", "task list", 1.5),
    ("list --format text", "cold", "task list", 1.5),
    ("update", "warm", "task N modify", 1.0),
    (NEW_YEAR, "warm", "task list", 1.0),
    (MONTH_END, "warm", "task list", 1.0),
    (ENGLISH, "warm", "task list", 0.5),
    (CHINESE, "warm", "task list", 0.5),
    ("report", "warm", "hledger balance --budget -M", 0.5),
    ("export", "warm", "task export", 1.5),
]
MEMORY_FACTOR, MEMORY_FLOOR_MB = 6, 40


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Linux {platform.release()}, Python {platform.python_version()}"


def peer_versions() -> str:
    """The peers' versions, as each says it."""
    said = []
    for name, args in (("task", ["--version"]), ("hledger", ["--version"]), ("watson", ["--version"])):
        path = shutil.which(name)
        if path:
            p = subprocess.run([path, *args], capture_output=True, text=True)
            said.append(f"{name} {(p.stdout or p.stderr).strip().splitlines()[0] if (p.stdout or p.stderr) else '?'}")
    return "; ".join(said) or "none installed"


def to_markdown(results: dict) -> str:
    out = [
        "# Benchmarks",
        "",
        f"Measured {results['date']} on {results['machine']}.",
        f"Peers: {results.get('peers', 'not recorded')}.",
        f"Command: `{results['command']}`.",
        f"Each figure is the median of {results['runs']} runs after one warm-up, of the whole process; "
        "memory is the peak resident set size of one more run, measured by GNU time. *Warm*: the store "
        "is the file targettrack wrote last (it knows it by its identity), and `list` has kept its rows "
        "(rowcache.py). *Cold*: the same bytes rewritten before every run, as after an edit by hand or by "
        "git: nothing is kept for that file, so it is checked line by line (`update` decodes it whole and "
        "keeps it as a version); `list` and `export` use what they kept by each line's bytes. *A new "
        "day, after an update*: `update` changes a target (and its kept row) on one day, then `list` runs "
        "on the next. *One target edited by hand*: one line of the file changed before every run. "
        "`--no-cache`: every target decoded and judged, nothing kept. *The first of a new year* (and *of a "
        "month end*): the rows kept by a list on the day before, restored before each run, then the first "
        "list of the day (a quarter of a store's rows may run out that day). *Alternating*: `list` and "
        "`--lang zh list` run one after the other on one store. `update` runs with the rows kept and makes "
        "a real change each run (its own value), as `task N modify` does (a new description each run). "
        "*The first write to a pretty-printed store*: the store as `json.dump(indent=2)` writes it, "
        "restored before each run.",
        "",
    ]
    out += ["## Start-up", "", "| operation | median ms | peak MB |", "|---|---|---|"]
    for op, r in results["fixed"].items():
        out.append(f"| `{op}` | {r['median_ms']} | {r['peak_mb']} |")
    for n, r in results["sizes"].items():
        out += [
            "",
            f"## {int(n):,} targets (store {r['store_mb']} MB)",
            "",
            "| operation | warm ms | cold ms | peak MB (warm) | peak MB (cold) | peak / store size |",
            "|---|---|---|---|---|---|",
        ]
        for op, m in r["ops"].items():
            w, c = m.get("warm"), m.get("cold")
            worst = max(x["peak_mb"] for x in (w, c) if x)
            out.append(
                f"| `targettrack {op}` | {w['median_ms'] if w else ''} | {c['median_ms'] if c else ''} | "
                f"{w['peak_mb'] if w else ''} | {c['peak_mb'] if c else ''} | {worst / r['store_mb']:.1f} x |"
            )
        for op, m in (r.get("peers") or {}).items():
            out.append(f"| `{op}` | {m['median_ms']} | | {m['peak_mb']} | | |")
        h = r.get("history")
        if h:
            out += [
                "",
                f"Kept history after {h['updates']} updates: {h['kept_mb']} MB in {h['files']} files "
                f"for a {h['store_mb']} MB store ({h['ratio']} x).",
            ]
    out += ["", "## Goals", "", "| goal | measured | met |", "|---|---|---|"]
    for line in goal_lines(results):
        out.append(line)
    notes = HERE / "NOTES.md"
    if notes.exists():  # the analysis, kept by hand beside the runner
        out += ["", notes.read_text(encoding="utf-8").strip()]
    return "\n".join(out) + "\n"


def goal_lines(results: dict) -> list[str]:
    lines = []
    sizes = results["sizes"]
    if "10000" in sizes:
        r = sizes["10000"]
        for ours, how, peer, limit in GOALS:
            if peer in (r.get("peers") or {}):
                mine = r["ops"][ours][how]["median_ms"]
                ratio = mine / r["peers"][peer]["median_ms"]
                lines.append(
                    f"| `{ours}` ({how}) at 10,000 <= {limit} x `{peer}` | {ratio:.2f} x "
                    f"({mine} / {r['peers'][peer]['median_ms']} ms) | {'yes' if ratio <= limit else 'no'} |"
                )
        h = r.get("history")
        if h:
            lines.append(
                f"| kept history after {h['updates']} updates at 10,000 <= 2 x the store | {h['ratio']} x | "
                f"{'yes' if h['ratio'] <= 2 else 'no'} |"
            )
    fixed = results["fixed"]
    if "list (shipped store, --lang zh)" in fixed:
        a, b = fixed["list (shipped store, --lang zh)"]["median_ms"], fixed["list (shipped store)"]["median_ms"]
        lines.append(
            f"| `list` on the shipped store in Chinese within 5 ms of English | {a - b:+.1f} ms ({a} / {b} ms) | "
            f"{'yes' if abs(a - b) <= 5 else 'no'} |"
        )
    if "watson --version" in fixed:
        a, b = fixed["list (shipped store)"]["median_ms"], fixed["watson --version"]["median_ms"]
        lines.append(
            f"| `list` on the shipped store <= 0.8 x `watson --version` | {a / b:.2f} x ({a} / {b} ms) | "
            f"{'yes' if a <= 0.8 * b else 'no'} |"
        )
    if "10000" in sizes and "100000" in sizes:
        for op, m in sizes["10000"]["ops"].items():
            for how in ("warm", "cold"):
                if how in m:
                    ratio = sizes["100000"]["ops"][op][how]["median_ms"] / m[how]["median_ms"]
                    lines.append(
                        f"| `{op}` ({how}): 100,000 <= 11 x 10,000 | {ratio:.1f} x | {'yes' if ratio <= 11 else 'no'} |"
                    )
    for n, r in sizes.items():
        limit = max(MEMORY_FACTOR * r["store_mb"], MEMORY_FLOOR_MB)
        worst_op, worst = max(
            ((op, max(x["peak_mb"] for x in m.values())) for op, m in r["ops"].items()), key=lambda kv: kv[1]
        )
        lines.append(
            f"| peak memory at {int(n):,} <= {limit:.0f} MB (6 x store, or 40 MiB) | {worst} MB "
            f"(`{worst_op}`) | {'yes' if worst <= limit else 'no'} |"
        )
    return lines


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--history-updates", type=int, default=100, help="updates before the kept history is measured")
    ap.add_argument("--work", type=Path, default=Path("/tmp/targettrack-bench"))
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks.md")
    ap.add_argument("--json", type=Path, default=HERE / "results.json")
    ap.add_argument(
        "--render-only",
        action="store_true",
        help="write --out again from --json's results, measuring nothing (after NOTES.md changed)",
    )
    a = ap.parse_args(argv)
    if a.render_only:
        a.out.write_text(to_markdown(json.loads(a.json.read_text(encoding="utf-8"))), encoding="utf-8")
        return 0
    script = Path(sys.executable).parent / "targettrack"
    if not script.exists():
        print(f"no targettrack beside {sys.executable}: install it in this environment first", file=sys.stderr)
        return 2
    a.work.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in a.sizes.split(",") if s]
    results = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "machine": machine(),
        "peers": peer_versions(),
        "runs": a.runs,
        "command": "python bench/run.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "fixed": fixed_ops(script, a.work, a.runs),
        "sizes": {},
    }
    for n in sizes:
        print(f"timing {n} targets ...", file=sys.stderr)
        r = targettrack_ops(script, a.work, n, a.runs, a.history_updates)
        if not a.no_peers:
            peers = {}
            peers.update(taskwarrior_ops(a.work, n, a.runs) or {})
            peers.update(hledger_ops(a.work, n, a.runs) or {})
            r["peers"] = peers
        results["sizes"][str(n)] = r
    a.json.parent.mkdir(parents=True, exist_ok=True)
    a.json.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(to_markdown(results), encoding="utf-8")
    print(to_markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
