"""The records: every immutable record of the library is a typing.NamedTuple
(util/frozen.py says why), and stays immutable where it keeps a computed
value (Target's index) or shares a default (Settings' bands, Lines' docs)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from targettrack.model.dates import parse_period
from targettrack.model.settings import Settings
from targettrack.model.target import Observation, Target
from targettrack.store.fileformat import Lines
from targettrack.util.frozen import as_dict, fields, replace

SRC = Path(__file__).resolve().parent.parent / "src" / "targettrack"


def test_no_record_is_made_by_a_home_made_decorator():
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                names = [d.id for d in node.decorator_list if isinstance(d, ast.Name)]
                assert "record" not in names, f"{path.relative_to(SRC)}: {node.name}"


def test_records_are_named_tuples_and_refuse_assignment():
    t = Target("a", "A", target=5)
    for record in (t, Settings(), Lines(b"meta"), parse_period("2025")):
        assert isinstance(record, tuple) and fields(record) == type(record)._fields
        with pytest.raises(AttributeError):
            record.kind = "x"
    assert replace(t, title="B") == t._replace(title="B") and as_dict(t)["title"] == "A"


def test_target_keeps_its_index_once_and_stays_immutable():
    t = Target("a", "A", target=5, observations=(Observation(parse_period("2024"), 3, "2025-01-01T00:00:00Z"),))
    assert t.index is t.index and t.series == t.index.points
    with pytest.raises(AttributeError):
        t.index = None
    with pytest.raises(AttributeError):
        del t.title


def test_shared_defaults_cannot_be_changed_in_place():
    s = Settings()
    with pytest.raises(TypeError):
        s.bands["linear"] = None
    with pytest.raises(TypeError):
        Lines(b"meta").docs["1"] = b"x"
    changed = s.set("lag.year", "60d")
    assert changed.lags["year"] == 60 and Settings().lags["year"] != 60  # set() makes a new dict
    assert Settings.from_dict(changed.to_dict()) == changed


@pytest.mark.parametrize("module", ["targettrack.model.target", "targettrack.judge.assessment"])
def test_a_record_module_imports_no_dataclasses(module):
    import subprocess
    import sys

    code = f"import sys, {module}; print('dataclasses' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip()
    assert out == "False"
    importlib.import_module(module)
