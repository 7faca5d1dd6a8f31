"""The text and Markdown report from kept rows (reportrows.py) says what the
report judged afresh says: on any day after the rows were kept, for any
`--since`, with any filter, in both languages, after changes by targettrack
and by other hands. Whole stores through the CLI, and generated targets
through the library against report.build itself."""

from __future__ import annotations

import io
import itertools
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import FROZEN_TODAY, TT
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from strategies import targets

from targettrack.cache import reportrows
from targettrack.cache import rows as rowcache
from targettrack.judge.selection import Filter
from targettrack.render import report_markdown, report_text
from targettrack.render.report_common import facts
from targettrack.report import build as report
from targettrack.store.lock import real_path
from targettrack.store.readwrite import Store
from targettrack.util.frozen import replace

DAYS = ["2021-06-30", "2025-01-01", "2025-04-01", "2026-03-31", "2026-11-26", "2026-12-03", "2027-06-30", "2031-01-01"]
ASKED = [
    [],
    ["--since", "2026-01-01"],
    ["--since", "2019-12-31"],
    ["--within", "2y"],
    ["--status", "missed,at-risk"],
    ["--binding"],
    ["--tag", "十四五"],
    ["--plan", "cn-14fyp"],
    ["--method", "cagr"],
]


def kept_files() -> list[Path]:
    folder = rowcache.folder()
    return sorted(folder.glob("*" + rowcache.SUFFIX)) if folder.exists() else []


def fresh(t: TT, *args: str, env: dict | None = None) -> str:
    return t.ok("--no-cache", "report", *args, env=env)


@pytest.fixture
def plan(tmp_path) -> TT:
    """The 14th Five-Year Plan's indicators: yearly values, lags, forms; their statuses move with the date."""
    t = TT(tmp_path / "plan" / "targets.json")
    t.ok("init", "--sample", "cn-14fyp")
    return t


def test_the_report_keeps_rows_and_a_second_report_reads_them(sample, monkeypatch):
    assert kept_files() == []
    first = sample.ok("report")
    assert len(kept_files()) == 1, "a report on a miss keeps the rows, as a list does"
    from targettrack.judge import assess as assess_module

    judging = []
    real = assess_module.assess
    monkeypatch.setattr(assess_module, "assess", lambda t, *a, **k: judging.append(t.id) or real(t, *a, **k))
    assert sample.ok("report") == first == fresh(sample)
    quiet = {
        e[rowcache.ID]
        for e in _kept(sample).entries
        if reportrows.quiet(e, (date.fromisoformat(FROZEN_TODAY) - timedelta(days=7)).toordinal())
    }
    assert quiet and not quiet & set(judging), "a target whose row holds over the week is not judged again"


def _kept(t: TT):
    from targettrack.store.lock import read_store

    path = real_path(t.db)
    return rowcache.load(path, rowcache.identity(*read_store(path)), None, lang_given=False)


@pytest.mark.parametrize("store", ["sample", "plan"])
@pytest.mark.parametrize("today", DAYS)
def test_rows_kept_on_one_day_report_right_on_another(request, store, today):
    t = request.getfixturevalue(store)
    t.ok("list")  # kept on the frozen today, 2026-11-26
    later = {"TARGETTRACK_TODAY": today}
    for args in ASKED:
        if "--since" in args and args[1] > today:
            continue
        for fmt in ("text", "markdown"):
            asked = ["--format", fmt, *args]
            assert t.ok("report", *asked, env=later) == fresh(t, *asked, env=later), (today, asked)


@pytest.mark.parametrize(
    "args", [["--as-of", "2025-06-30"], ["--as-of", "2026-11-20", "--since", "2026-11-01"], ["--as-of", "2030-01-01"]]
)
def test_another_report_date_reads_right_and_keeps_only_todays_rows(plan, args):
    plan.ok("update", "cn-urbanization", "66", "--date", "2025", "-q")
    plan.ok("list")
    before = kept_files()[0].read_bytes()
    assert plan.ok("report", *args) == fresh(plan, *args)
    assert kept_files()[0].read_bytes() == before


def test_the_chinese_report_reads_the_same_from_rows(plan):
    plan.ok("--lang", "zh", "list")
    for args in ASKED[:4]:
        assert plan.ok("--lang", "zh", "report", *args) == plan.ok("--no-cache", "--lang", "zh", "report", *args)
    # rows drawn in Chinese are not an English report's: judged again, and right
    assert plan.ok("report") == fresh(plan)


def test_values_entered_this_week_show_from_rows_as_afresh(plan):
    plan.ok("list")  # kept on 2026-11-26, the day the store was made
    monday, wednesday = {"TARGETTRACK_TODAY": "2026-12-07"}, {"TARGETTRACK_TODAY": "2026-12-09"}
    plan.ok("update", "cn-urbanization", "66", "--date", "2025", "-q", env=monday)
    plan.ok("update", "cn-education-years", "11.5", "--date", "2025", "-q", env=monday)
    plan.ok("update", "cn-grain-capacity", "--delete", "--date", "2024", "-q", env=monday)
    out = plan.ok("report", env=wednesday)
    assert out == fresh(plan, env=wednesday)
    assert "New values since 2026-12-02 (2)" in out and "11.5年" in out
    assert "cn-education-years" in out.split("Status changes")[1].split("New values")[0]


def test_fail_on_exits_alike_from_rows(plan):
    plan.ok("list")
    kept, afresh = plan("report", "--fail-on", "breached,missed"), plan("--no-cache", "report", "--fail-on", "breached")
    assert (kept.code, kept.out) == (afresh.code, afresh.out) and kept.code == 1
    assert plan("report", "--fail-on", "missed,off-track").code == 0


def test_a_hand_edit_reports_right(plan):
    plan.ok("update", "cn-urbanization", "66", "--date", "2025", "-q")
    plan.ok("list")
    raw = plan.db.read_bytes()
    edited = raw.replace("常住人口城镇化率".encode(), "城镇化率（手改）".encode())
    assert edited != raw
    plan.db.write_bytes(edited)
    assert plan.ok("report") == fresh(plan)
    assert "城镇化率（手改）" in plan.ok("--lang", "zh", "report", "--within", "10y")


def test_a_damaged_store_is_an_error_whatever_was_kept(plan):
    plan.ok("report")
    plan.db.write_bytes(plan.db.read_bytes()[:-40])
    r = plan("report")
    assert r.code == 3 and "corrupt" in r.err and r.out == ""


def test_csv_json_and_html_reports_do_not_use_the_rows(plan, monkeypatch):
    plan.ok("list")
    monkeypatch.setattr(reportrows, "from_kept_rows", lambda *a, **k: pytest.fail("rows used"))
    for fmt in ("csv", "json", "html"):
        assert plan.ok("report", "--format", fmt)


# --- generated targets, against report.build ------------------------------------------


def _drawn(b) -> tuple[str, str]:
    text, md = io.StringIO(), io.StringIO()
    report_text.render(b, text, store="s.json", generated_at="x")
    report_markdown.render(b, md, store=None, generated_at="x")
    return text.getvalue(), md.getvalue()


_counter = itertools.count()


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(targets(), min_size=1, max_size=8),
    st.lists(st.tuples(st.integers(-800, 4000), st.sampled_from([0, 1, 7, 30, 400, 3000])), min_size=1, max_size=4),
    st.sampled_from([None, "linear", "cagr"]),
    st.sampled_from([frozenset(), {"missed"}, {"on-track", "at-risk"}, {"no-data", "achieved"}]),
)
def test_reports_from_rows_are_the_reports_judged_afresh(tmp_path, generated, asked, method, wanted):
    """Rows kept on one day; reports on other days (before it too, when some
    values were not recorded yet), over other spans, for some statuses,
    drawn from them: the same text and Markdown as report.build's."""
    ts = [replace(t, id=f"g{i:02d}") for i, t in enumerate(generated)]
    path = real_path(tmp_path / f"s{next(_counter)}.json")
    Store.create(path, ts)
    kept_on = date(2026, 11, 26)
    opened = lambda: Store(path)  # noqa: E731
    reportrows.from_kept_rows(
        path,
        kept_on,
        kept_on - timedelta(days=7),
        within_days=90,
        today=kept_on,
        method=method,
        flt=Filter(),
        lang_given=True,
        open_store=opened,
    )
    assert kept_files(), "the rows were kept"
    with Store(path) as s:
        stored, settings = s.targets(), s.settings()
    for shift, span in asked:
        on = kept_on + timedelta(days=shift)
        since = on - timedelta(days=span)
        flt = Filter(statuses=frozenset(wanted))
        from_rows = reportrows.from_kept_rows(
            path, on, since, within_days=90, today=kept_on, method=method, flt=flt, lang_given=True, open_store=opened
        )
        afresh = report.build(
            stored,
            on,
            since,
            within_days=90,
            settings=settings,
            method=method,
            flt=flt,
            today=kept_on,
            describe=facts,
        )
        assert _drawn(from_rows) == _drawn(afresh), (on, since)


def test_a_store_changed_while_the_report_judged_is_judged_whole(sample, monkeypatch):
    """The rows kept, then the store not the one they are for when the loud
    targets are judged (another writer in between): everything is judged, by
    keyword (report_for's options after the third are keyword-only)."""
    sample.ok("update", "sh-robot-brands", "3", "--date", "2024-06", "-q")
    sample.ok("list")
    whole = sample.ok("--no-cache", "report")
    calls = []
    monkeypatch.setattr(reportrows, "_judged", lambda *a, **k: calls.append(1))  # None: the store changed
    assert sample.ok("report") == whole and calls
