"""`--format json`: a JSON array of records (see records.FIELDS)."""

from __future__ import annotations

import json

from ..records import record


def dump(obj, out) -> None:
    out.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def render(rows, out, *, color: bool = False) -> None:
    dump([record(t, a) for t, a in rows], out)
