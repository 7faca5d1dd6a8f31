"""Kinds are a closed set: every table that does something per kind has an
entry for every kind, and no module outside kinds.py tells kinds apart by
name (beancount's coverage test over ALL_DIRECTIVES)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from targettrack.judge import assess
from targettrack.model import rules, values
from targettrack.model.kinds import KIND, KINDS
from targettrack.render import chartdata

SRC = Path(__file__).resolve().parent.parent / "src" / "targettrack"

# Every per-kind table in the code. A new table goes here; a new kind needs
# an entry in each.
TABLES = {
    "rules.RULES (validation)": rules.RULES,
    "values.READERS (reading a value)": values.READERS,
    "values.SHOWN (showing a value)": values.SHOWN,
    "assess.ASSESSORS (status)": assess.ASSESSORS,
    "chartdata.CHARTS (chart)": chartdata.CHARTS,
}


@pytest.mark.parametrize("name", TABLES)
def test_every_kind_has_an_entry_in_every_table(name):
    table = TABLES[name]
    assert set(table) == set(KINDS), f"{name}: missing {set(KINDS) - set(table)}, extra {set(table) - set(KINDS)}"


def test_kind_facts_are_consistent():
    assert KINDS == tuple(KIND) and len(KINDS) == len(set(KINDS))
    for k in KIND.values():
        assert k.shape in ("path", "bound", "event")
        assert k.boolean == (k.direction == 0) == (not k.needs_target)
        assert k.comparison in ("", "<=", ">=") and k.help


# A comparison of a kind with a name, e.g. `t.kind == "cap"` or
# `kind in ("cap", "floor")`: code that a new kind would have to find.
KIND_TEST = re.compile(r"""kind\s*(==|!=|\bin\b|\bnot in\b)\s*[\(\[{]?\s*["'](%s)["']""" % "|".join(KINDS))


def test_no_module_tells_kinds_apart_by_name():
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "kinds.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if KIND_TEST.search(line):
                found.append(f"{path.relative_to(SRC)}:{n}: {line.strip()}")
    assert not found, "use kinds.KIND facts or a per-kind table:\n" + "\n".join(found)


def test_the_check_above_can_fail():
    assert KIND_TEST.search('if t.kind == "milestone":')
    assert KIND_TEST.search('standing = kind in ("cap", "floor")')
    assert not KIND_TEST.search('standing = KIND[kind].shape == "bound"')
