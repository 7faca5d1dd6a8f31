"""Round trips (beancount's assertRoundTrip): any valid target, with any text in
any field, comes back unchanged through the store and through export and
import in JSON and in CSV."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import TODAY, targets

from targettrack.exchange import exporting, importplan, readrows
from targettrack.model.rules import validate
from targettrack.model.settings import Settings
from targettrack.model.stored import from_dict, to_dict
from targettrack.store.readwrite import Store

NOW = "2026-11-26T00:00:00.000000Z"
many = st.lists(targets(), min_size=1, max_size=4, unique_by=lambda t: t.id)
checks = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@checks
@given(targets())
def test_every_generated_target_is_valid_and_maps_to_itself(t):
    validate(t)
    assert from_dict(to_dict(t)) == t


@checks
@given(many)
def test_store_gives_back_what_it_was_given(ts):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "targets.json"
        Store.create(path, ts)
        with Store(path) as store:
            assert store.targets() == ts


def _import(text: str, existing=()) -> importplan.Plan:
    return importplan.plan_import(readrows.read(text, "file"), list(existing), TODAY, now=NOW)


@checks
@given(many)
def test_json_export_then_import_is_the_identity(ts):
    text = exporting.export_json(ts, Settings(), NOW, schema=2)
    plan = _import(text)
    assert [to_dict(t) for t in plan.targets] == [to_dict(t) for t in ts]
    assert exporting.export_json(plan.targets, Settings(), NOW, schema=2) == text  # byte for byte
    again = _import(text, plan.targets)  # importing it again changes nothing
    assert again.targets == [] and again.observations_added == 0


@checks
@given(many)
def test_csv_export_then_import_is_the_identity(ts):
    text = exporting.export_csv(ts)
    plan = _import(text)
    assert [to_dict(t) for t in plan.targets] == [to_dict(t) for t in ts]
    assert exporting.export_csv(plan.targets) == text
    again = _import(text, plan.targets)
    assert again.targets == [] and again.observations_added == 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(many)
def test_xlsx_export_then_import_is_the_identity(ts):
    from targettrack.exchange.xlsx import export_xlsx, read_xlsx

    plan = importplan.plan_import(read_xlsx(export_xlsx(ts), "file.xlsx"), [], TODAY, now=NOW)
    assert [to_dict(t) for t in plan.targets] == [to_dict(t) for t in ts]
