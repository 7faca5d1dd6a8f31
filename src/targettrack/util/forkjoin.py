"""Work shared with one forked copy of this process, where a second core is
free: the first list of a new year judges a thousand targets again at
10,000 (about 0.3 s, issue 36), and half of them judged beside the other
half on a second core takes half the wall time. The results come back
marshalled through a pipe, so they must be what marshal writes (the kept
rows are). Anything that goes wrong in the copy (an error, a signal, a
result marshal cannot write) leaves its half to this process: the answer
never depends on the fork, only the time.
"""

from __future__ import annotations

import marshal
import os


def cores() -> int:
    """The cores this process may run on (a container's share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def in_two(items: list, work, *, at_least: int):
    """work(items), as work(first half) and work(second half) in a forked
    copy at once, the two merged as dicts (work returns a dict, or None
    for "no answer", which wins). One process where there are fewer than
    `at_least` items, one core, or no fork."""
    if len(items) < at_least or cores() < 2 or not hasattr(os, "fork"):
        return work(items)
    half = len(items) // 2
    theirs_items = items[half:]
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the copy: its half, marshalled to the pipe, and out without any exit handler
        code = 1
        try:
            os.close(read_end)
            data = marshal.dumps(work(theirs_items))
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    try:
        # The pipe is closed before the wait, however this half ends: a copy
        # still writing then stops (a broken pipe) instead of waiting forever.
        with os.fdopen(read_end, "rb") as pipe:
            mine = work(items[:half])
            data = pipe.read()
    finally:
        _, status = os.waitpid(pid, 0)
    theirs = marshal.loads(data) if status == 0 and data else work(theirs_items)
    if mine is None or theirs is None:
        return None
    return {**mine, **theirs}
