"""Layers point down (beancount's core never imports its scripts): a module
may import only modules of its own layer or below. Parsed from the source,
so an import inside a function counts too."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "targettrack"

# A subpackage's rank: it may import its own subpackage and those of a lower
# or equal rank (the same rank: neighbours that never import each other's
# callers, e.g. report/ and store/). Each __init__.py says the same in words.
RANK = {
    "util": 0,  # errors, languages, text width, the terminal
    "model": 1,  # the data and what people write
    "judge": 2,  # statuses, projections, selection
    "report": 3,
    "store": 3,
    "extract": 3,
    "exchange": 4,  # formats in and out, samples (may read a store)
    "render": 5,  # drawing
    "cache": 6,  # rows render drew, kept between runs
    "site": 6,  # the static website (never imports cache/)
    "cli": 7,  # the command line and its fast lane
}
# The library never uses render, cache or cli.
LIBRARY = {"util", "model", "judge", "report", "store", "extract", "exchange"}
TOP = {"__init__", "__main__"}  # the package itself: __main__ runs the cli


def _module(path: Path, src: Path) -> str:
    """The subpackage a file belongs to (its first folder), or its own name at the top."""
    parts = path.relative_to(src).with_suffix("").parts
    return parts[0]


def _imports(path: Path, src: Path) -> list[tuple[int, str]]:
    """(line, subpackage) for every relative or absolute import of ours from another subpackage."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package_depth = len(path.relative_to(src).parts) - 1  # 0 for targettrack/x.py, 1 for targettrack/render/x.py
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                up = node.level - 1
                if up < package_depth:  # within the same subpackage
                    continue
                names = [node.module.split(".")[0]] if node.module else [a.name for a in node.names]
            elif node.module and node.module.startswith("targettrack."):
                names = [node.module.split(".")[1]]
            else:
                continue
            found += [(node.lineno, n) for n in names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name.split(".")[1]) for a in node.names if a.name.startswith("targettrack.")]
    return found


def violations(src: Path) -> list[str]:
    wrong = []
    for path in sorted(src.rglob("*.py")):
        me = _module(path, src)
        if me in TOP:
            continue
        for line, other in _imports(path, src):
            if other in ("__init__", "__version__", me):
                continue
            if RANK.get(other, 99) > RANK[me]:
                wrong.append(
                    f"{path.relative_to(src)}:{line} ({me}, rank {RANK[me]}) imports {other} (rank {RANK.get(other)})"
                )
    return wrong


def test_every_module_is_in_a_subpackage_with_a_rank():
    modules = {_module(p, SRC) for p in SRC.rglob("*.py")} - TOP
    assert modules <= set(RANK), f"put these in a subpackage with a rank: {sorted(modules - set(RANK))}"


def test_every_subpackage_says_what_it_holds():
    for name in RANK:
        doc = ast.get_docstring(ast.parse((SRC / name / "__init__.py").read_text(encoding="utf-8")))
        assert doc and len(doc) > 80, f"{name}/__init__.py: a paragraph on what it holds and may import"


def test_imports_point_down():
    wrong = violations(SRC)
    assert not wrong, "imports that point up:\n" + "\n".join(wrong)


def test_the_library_never_reaches_render_or_cli():
    for path in sorted(SRC.rglob("*.py")):
        if _module(path, SRC) in LIBRARY:
            assert not [o for _, o in _imports(path, SRC) if o in ("render", "cache", "cli")], path.name


def test_the_check_can_fail(tmp_path):
    fake = tmp_path / "targettrack"
    for name in ("model", "render", "store"):
        (fake / name).mkdir(parents=True)
    (fake / "model" / "target.py").write_text(
        "from .quantity import clean\n\ndef f():\n    from ..judge import assess\n"
    )
    (fake / "render" / "cells.py").write_text("from ..cli import app\nfrom .plain import write_table\n")
    (fake / "store" / "readwrite.py").write_text("import targettrack.render.table\n")
    assert [w.split(" imports ")[1].split()[0] for w in violations(fake)] == ["judge", "cli", "render"]
