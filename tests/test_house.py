"""The house stays readable (issue 35): modules a reader can take in at one
sitting, functions a reader can hold, and the samples kept once."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "targettrack"
MODULE_LINES = 600
FUNCTION_LINES = 80


def _functions(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node.name, node.lineno, node.end_lineno - node.lineno + 1


def test_no_module_is_longer_than_a_sitting():
    long = {
        str(p.relative_to(SRC)): n for p in SRC.rglob("*.py") if (n := len(p.read_text().splitlines())) > MODULE_LINES
    }
    assert not long, f"modules over {MODULE_LINES} lines: {long}"


def test_no_function_is_longer_than_a_reader_can_hold():
    long = [
        f"{p.relative_to(SRC)}:{line} {name} ({n} lines)"
        for p in sorted(SRC.rglob("*.py"))
        for name, line, n in _functions(p)
        if n > FUNCTION_LINES
    ]
    assert not long, f"functions over {FUNCTION_LINES} lines:\n" + "\n".join(long)


def test_the_shipped_stores_are_kept_once():
    """data/ holds them; the package gets its copies at build time (setup.py), none in the source tree."""
    data = {p.name: p.read_bytes() for p in (SRC.parent.parent / "data").glob("*.json")}
    copies = [p for p in SRC.rglob("*.json") if p.read_bytes() in data.values()]
    assert data and not copies, copies


def test_the_checks_can_fail(tmp_path):
    body = "\n".join(f"    x = {i}" for i in range(FUNCTION_LINES))
    path = tmp_path / "m.py"
    path.write_text(f"def f():\n{body}\n")
    assert [n for _, _, n in _functions(path)] == [FUNCTION_LINES + 1]
