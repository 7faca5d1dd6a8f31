"""`update` against `task N modify`, run alternately: one figure in minutes.

    python bench/alternate.py [--size 10000] [--runs 15]

run.py times every command of every size (~17 minutes here); this times
the one pair whose ratio was still over its goal, each run of one followed
by a run of the other, so that a slower stretch of the machine (the disk
flushing, another process) falls on both alike. Run it with a virtual
environment's interpreter in which targettrack is installed, as run.py.
The stores and Taskwarrior's data are run.py's (made here if missing).
With PYTHONPATH set to another checkout's src/, that code is timed."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
from pathlib import Path

from run import TODAY, fresh_copy, generate, run_once, taskwarrior_data


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--work", type=Path, default=Path("/tmp/targettrack-bench"))
    a = ap.parse_args(argv)
    script = Path(sys.executable).parent / "targettrack"
    task = shutil.which("task")
    if not script.exists() or not task:
        print("needs targettrack beside this interpreter and Taskwarrior's task on PATH", file=sys.stderr)
        return 2
    a.work.mkdir(parents=True, exist_ok=True)
    n = a.size
    store = a.work / f"store-{n}.json"
    if not store.exists():
        generate(n, store)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(a.work), "TARGETTRACK_TODAY": TODAY}
    if "PYTHONPATH" in os.environ:  # another checkout's src/, timed with this environment's console script
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    writable = fresh_copy(store, a.work / f"alternate-{n}.json")
    one = f"t{n // 2:06d}"
    update = [str(script), "--db", str(writable), "update", one, "+1", "-q"]
    modify = [task, str(n // 2), "modify", "priority:H"]
    task_env = taskwarrior_data(task, a.work, n)
    ours, theirs = [], []
    for i in range(a.runs + 1):
        t, _ = run_once(update, env)
        u, _ = run_once(modify, task_env)
        if i:  # the first run of each only warms the caches (and makes the store targettrack's own)
            ours.append(t)
            theirs.append(u)
    mine, peer = statistics.median(ours) * 1000, statistics.median(theirs) * 1000
    print(
        f"{n} targets, {a.runs} runs each, medians: update {mine:.1f} ms, task N modify {peer:.1f} ms, "
        f"{mine / peer:.2f} x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
