"""Layers point down (beancount's core never imports its scripts): a module
may import only modules of its own layer or below. Parsed from the source,
so an import inside a function counts too."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "targettrack"

LAYERS = [
    # 0: parsing what people write, settings, files, text
    {"errors", "frozen", "qualifiers", "who", "quantity", "dates", "settings", "atomicfile", "csvcells", "textwidth", "textfile", "layout", "jsonindent", "jsonstream", "i18n", "ordering", "lockfile", "terminal", "cachefiles", "clock"},
    # 1: the data
    {"kinds", "model", "values"},
    # 2: judging and changing targets
    {"forms", "timing", "assess", "digest", "ops"},
    # 3: views as data, the store and its versions, exchange, extract
    {"records", "report", "brief", "rollup", "selection", "store", "backups", "doctor", "exchange", "plantable", "settling", "storediff", "importing", "exportcache", "xlsx", "merge", "gitshare", "extract", "sample"},
    # 4: drawing, the drawn rows kept between runs, and commands the fast lane runs too
    {"render", "rowcache", "reportrows", "session", "recording"},
    # 5: the command line
    {"cli", "fastparams", "fastlane", "__main__", "entry"},
]
RANK = {name: i for i, layer in enumerate(LAYERS) for name in layer}
# Below render, these never use render or cli (they are the library).
LIBRARY = {"store", "exchange", "importing", "backups", "doctor", "model", "ops"}


def _module(path: Path, src: Path) -> str:
    parts = path.relative_to(src).with_suffix("").parts
    return parts[0] if parts[0] not in ("__init__",) else "__init__"


def _imports(path: Path, src: Path) -> list[tuple[int, str]]:
    """(line, top-level targettrack module) for every relative or absolute import of ours."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package_depth = len(path.relative_to(src).parts) - 1  # 0 for targettrack/x.py, 1 for targettrack/render/x.py
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                up = node.level - 1
                if up < package_depth:  # a sibling in the same subpackage
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
        if me == "__init__":
            continue
        for line, other in _imports(path, src):
            if other in ("__init__", "__version__", me):
                continue
            if RANK.get(other, 99) > RANK[me]:
                wrong.append(f"{path.relative_to(src)}:{line} ({me}, layer {RANK[me]}) imports {other} "
                             f"(layer {RANK.get(other)})")
    return wrong


def test_every_module_has_a_layer():
    modules = {_module(p, SRC) for p in SRC.rglob("*.py")} - {"__init__"}
    assert modules <= set(RANK), f"put these in a layer: {sorted(modules - set(RANK))}"


def test_imports_point_down():
    wrong = violations(SRC)
    assert not wrong, "imports that point up:\n" + "\n".join(wrong)


def test_the_library_never_reaches_render_or_cli():
    for path in sorted(SRC.glob("*.py")):
        if _module(path, SRC) in LIBRARY:
            assert not [o for _, o in _imports(path, SRC) if o in ("render", "cli")], path.name


def test_the_check_can_fail(tmp_path):
    fake = tmp_path / "targettrack"
    (fake / "render").mkdir(parents=True)
    (fake / "model.py").write_text("from .quantity import clean\n\ndef f():\n    from .assess import assess\n")
    (fake / "render" / "cells.py").write_text("from ..cli import app\nfrom .plain import write_table\n")
    (fake / "store.py").write_text("import targettrack.render.table\n")
    assert [w.split(" imports ")[1].split()[0] for w in violations(fake)] == ["assess", "cli", "render"]
