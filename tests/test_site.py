"""`targettrack site DIR` (issue 32): a static website of the whole store.

Its links all resolve offline (a crawler over the built folder) and none
reaches another host for a page's own parts; both languages; a second run
after one update rewrites only what changed; a folder that is not a site is
refused; the pages at 390 and 1280 px in a real browser, and the search
that needs no server.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import SHIPPED, TT, assert_one_line_error
from hypothesis import given
from hypothesis import strategies as st
from test_html import chromium

from targettrack.site import build as sitebuild
from targettrack.site import paths


@pytest.fixture
def cn(tmp_path) -> TT:
    """The 14th Five-Year Plan's indicators: values over years, sources, Chinese and English titles."""
    t = TT(tmp_path / "cn.json")
    t.ok("init", "--sample", "cn-14fyp")
    return t


def built(t: TT, folder: Path, *args: str) -> str:
    r = t("site", str(folder), *args)
    assert r.code == 0 and r.out == "", r.err
    return r.err


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append((tag, name, value))
            if name == "id" and value:
                self.ids.add(value)


def crawl(folder: Path) -> tuple[set[str], list[str]]:
    """From the root index, every page reached by relative links; and what is broken."""
    seen, broken, todo = set(), [], ["index.html"]
    while todo:
        page = todo.pop()
        if page in seen:
            continue
        seen.add(page)
        parser = _Links()
        parser.feed((folder / page).read_text(encoding="utf-8"))
        for tag, attr, value in parser.links:
            if re.match(r"[a-z]+:", value):  # another scheme: only a link out to a document's own page
                if not (tag == "a" and attr == "href" and value.startswith(("https://", "http://"))):
                    broken.append(f"{page}: {tag} {attr}={value[:60]}")
                continue
            if value.startswith(("/", "//")):
                broken.append(f"{page}: not relative: {value}")
                continue
            path = value.split("#")[0].split("?")[0]
            if not path:
                continue
            rel = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
            if rel.startswith("..") or not (folder / rel).is_file():
                broken.append(f"{page}: {value} -> {rel}")
            elif rel.endswith(".html"):
                todo.append(rel)
    return seen, broken


def test_every_link_resolves_offline_and_every_page_is_reached(cn, tmp_path):
    folder = tmp_path / "site"
    said = built(cn, folder)
    assert "17 targets" in said and "open " in said
    pages, broken = crawl(folder)
    assert not broken, broken[:10]
    on_disk = {str(p.relative_to(folder)) for p in folder.rglob("*.html")}
    assert pages == on_disk  # no page that nothing links to
    ids = json.loads(cn.ok("list", "-f", "json"))
    for lang in paths.LANGS:
        assert {f"{lang}/targets/{r['id']}.html" for r in ids} <= pages
    # Every page's data, beside it.
    for r in ids:
        values = json.loads((folder / "data" / "targets" / f"{r['id']}.json").read_text(encoding="utf-8"))
        assert values["target"]["id"] == r["id"] and isinstance(values["values"], list)
    everything = json.loads((folder / "data" / "targets.json").read_text(encoding="utf-8"))
    assert [x["id"] for x in everything] == sorted(x["id"] for x in everything) or len(everything) == len(ids)
    assert {x["id"] for x in everything} == {r["id"] for r in ids}


def test_nothing_is_fetched_from_another_host(cn, tmp_path):
    folder = tmp_path / "site"
    built(cn, folder)
    for page in folder.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "default-src &#x27;none&#x27;" in text  # the policy forbids any other source
        assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)="(https?:)?//', text), page


def test_each_language_speaks_its_own(cn, tmp_path):
    folder = tmp_path / "site"
    built(cn, folder)
    en = (folder / "en" / "targets" / "cn-unemployment.html").read_text(encoding="utf-8")
    zh = (folder / "zh" / "targets" / "cn-unemployment.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in en and '<html lang="zh-CN">' in zh
    title_en = re.search(r"<h1>(.*?) <span", en).group(1)
    assert not re.search(r"[\u4e00-\u9fff]", title_en)  # the English title first ...
    assert 'class="other-title"' in en and "失业率" in en  # ... the Chinese one small beside it
    assert "失业率" in re.search(r"<h1>(.*?)</h1>", zh).group(1)
    assert "History of status" in en and "状态变化" in zh
    assert 'href="../../zh/targets/cn-unemployment.html"' in en  # the switch, to the same page
    assert 'href="../../en/targets/cn-unemployment.html"' in zh
    # The values with their sources, and the status each left the target at.
    assert "国家统计局" in en and "Status then" in en


def _files(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.rglob("*") if p.is_file()
    }


def test_a_second_run_after_one_update_rewrites_only_what_changed(cn, tmp_path):
    folder = tmp_path / "site"
    built(cn, folder)
    before = _files(folder)
    said = built(cn, folder)
    assert "(0 drawn); 0 files written" in said
    assert _files(folder) == before  # nothing touched
    cn.ok("update", "cn-unemployment", "5.1", "--date", "2025", "--source", "国家统计局2025年公报")
    said = built(cn, folder)
    assert "(1 drawn)" in said
    after = _files(folder)
    changed = {f for f in after if before.get(f) != after[f]}
    plan = paths.plan_slug(json.loads(cn.ok("show", "cn-unemployment", "-f", "json"))["plan"])
    assert {
        "en/targets/cn-unemployment.html",
        "zh/targets/cn-unemployment.html",
        "data/targets/cn-unemployment.csv",
        "data/targets/cn-unemployment.json",
    } <= changed
    allowed = {
        *(f"{lang}/targets/cn-unemployment.html" for lang in paths.LANGS),
        *(f"data/targets/cn-unemployment.{ext}" for ext in ("csv", "json")),
        *(f"{lang}/plans/{plan}.html" for lang in paths.LANGS),
        *(f"data/plans/{plan}.{ext}" for ext in ("csv", "json")),
        *sitebuild.SHARED,
        paths.MANIFEST,
        paths.RECORDS,
    }
    assert changed <= allowed, changed - allowed
    assert "5.1%" in after["en/targets/cn-unemployment.html"][1].decode()


def test_a_target_removed_takes_its_pages_with_it_and_nothing_else(cn, tmp_path):
    folder = tmp_path / "site"
    built(cn, folder)
    (folder / "en" / "notes.txt").write_text("mine")  # a file of the user's own, in the site's folder
    cn.ok("remove", "cn-unemployment", "--yes")
    said = built(cn, folder)
    assert "4 removed" in said
    assert not list(folder.rglob("cn-unemployment.*"))
    assert (folder / "en" / "notes.txt").read_text() == "mine"
    _pages, broken = crawl(folder)
    assert not broken


def test_a_folder_that_is_not_a_site_is_refused_and_left_alone(sample, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "thesis.docx").write_text("three years of work")
    r = sample("site", str(folder))
    assert_one_line_error(r, 2, "not empty")
    assert [p.name for p in folder.iterdir()] == ["thesis.docx"]
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    assert_one_line_error(sample("site", str(a_file)), 2, "is a file")
    assert a_file.read_text() == "x"


def test_a_damaged_manifest_means_every_page_drawn_again_and_nothing_removed(sample, tmp_path):
    folder = tmp_path / "site"
    built(sample, folder)
    (folder / paths.MANIFEST).write_text("{not json")
    said = built(sample, folder)
    assert "(11 drawn)" in said and "0 removed" in said
    (folder / paths.MANIFEST).write_text(json.dumps({"format": 2, "key": "x", "targets": {"f": {"id": 3}}}))
    said = built(sample, folder)
    assert "(11 drawn)" in said
    assert not crawl(folder)[1]


def test_the_store_is_only_read(sample, tmp_path):
    digest = sample.digest()
    built(sample, tmp_path / "site", "--title", "上海 targets", "--subtitle", "weekly")
    assert sample.digest() == digest
    index = (tmp_path / "site" / "en" / "index.html").read_text(encoding="utf-8")
    assert "<h1>上海 targets</h1>" in index and "weekly" in index


def test_a_bad_option_is_one_line_and_writes_nothing(sample, tmp_path):
    assert_one_line_error(sample("site", str(tmp_path / "s"), "--as-of", "someday"), 2, "--as-of")
    assert_one_line_error(sample("site", str(tmp_path / "s"), "--method", "guess"), 2, "guess")
    assert not (tmp_path / "s").exists()


def test_drawn_in_worker_processes_it_is_the_same_site(cn, tmp_path, monkeypatch):
    one = tmp_path / "one"
    built(cn, one)
    monkeypatch.setattr(sitebuild, "PARALLEL_FROM", 1)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    many = tmp_path / "many"
    built(cn, many)
    assert {k: v[1] for k, v in _files(one).items()} == {k: v[1] for k, v in _files(many).items()}


def test_the_installed_command_builds_it(tmp_path):
    import subprocess
    import sys

    store = tmp_path / "t.json"
    shutil.copy(SHIPPED, store)
    exe = Path(sys.executable).parent / "targettrack"
    r = subprocess.run(
        [str(exe), "--db", str(store), "site", str(tmp_path / "s"), "--quiet"], capture_output=True, text=True
    )
    assert r.returncode == 0 and r.stdout == "" and r.stderr == "", r.stderr
    assert (tmp_path / "s" / "zh" / "index.html").exists()


# --- the pure parts -------------------------------------------------------------------

FILE_PATH = st.tuples(
    st.lists(st.sampled_from(["en", "zh", "data", "plans", "targets"]), max_size=3),
    st.sampled_from(["index.html", "a.html", "b.csv", "site.css"]),
)


@given(FILE_PATH, FILE_PATH)
def test_a_link_is_the_relative_path(a, b):
    page, to = "/".join([*a[0], a[1]]), "/".join([*b[0], b[1]])
    assert paths.link(page, to) == posixpath.relpath(to, posixpath.dirname(page) or ".")


@given(st.text(min_size=1, max_size=80), st.text(min_size=1, max_size=80))
def test_a_plans_page_name_is_a_safe_file_name_and_its_own(one, other):
    a, b = paths.plan_slug(one), paths.plan_slug(other)
    assert re.fullmatch(r"[a-z0-9-]+", a) and len(a) <= 60 and a == paths.plan_slug(one)
    assert a != paths.NO_PLAN
    if one != other:
        assert a != b


def test_status_trail_is_the_status_each_value_left():
    from datetime import date
    from decimal import Decimal

    from targettrack.judge.trail import runs, status_trail
    from targettrack.model.dates import parse_period
    from targettrack.model.target import Observation, Target

    t = Target(
        id="x",
        title="x",
        target=Decimal(100),
        baseline=Decimal(0),
        baseline_date=parse_period("2020"),
        deadline=parse_period("2025"),
        observations=tuple(
            Observation(parse_period(y), Decimal(v), None) for y, v in (("2021", "20"), ("2022", "10"), ("2023", "70"))
        ),
    )
    trail = status_trail(t)
    assert [s.status for s in trail] == ["on-track", "off-track", "on-track"]
    assert [(a.date.label, b.date.label, s) for a, b, s in runs(trail)] == [
        ("2021", "2021", "on-track"),
        ("2022", "2022", "off-track"),
        ("2023", "2023", "on-track"),
    ]
    assert date(2023, 12, 31) == trail[-1].observation.date.last


# --- in a real browser -------------------------------------------------------------------

# The probe is a script of the site's own folder (the page's policy allows no other), and reports through the
# frame around the page: headless Chromium's window is at least 500 px wide, a frame as narrow as a phone.
PROBE_JS = """
window.addEventListener("load", function () {
  setTimeout(function () {
    var texts = Array.prototype.filter.call(document.querySelectorAll("svg text"), function (t) {
      var r = t.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
    var sizes = texts.map(function (t) { return parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a; });
    var hits = document.querySelectorAll("#hits li a");
    parent.postMessage(JSON.stringify({scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
      font: sizes.length ? Math.min.apply(null, sizes) : null, texts: sizes.length,
      hits: Array.prototype.map.call(hits, function (a) { return a.getAttribute("href"); })}), "*");
  }, 100);
});
"""


def _in_browser(folder: Path, page: str, tmp_path: Path, width: int, query: str = "") -> dict:
    """`page` of the site, opened from disk in a frame `width` CSS px wide (a copy with the probe, beside
    it); what the probe measured: the page's width, its smallest chart text, the search's hits."""
    stem = page[: -len(".html")]
    probe, frame = folder / f"{stem}-probe-{width}.html", folder / f"{stem}-frame-{width}.html"
    (probe.parent / "probe.js").write_text(PROBE_JS, encoding="utf-8")
    text = (folder / page).read_text(encoding="utf-8")
    probe.write_text(text.replace("</body>", '<script src="probe.js"></script></body>'), encoding="utf-8")
    frame.write_text(
        f'<!DOCTYPE html><html><body style="margin:0"><iframe src="{probe.name}{"?q=" + query if query else ""}" '
        f'width="{width}" height="900" style="border:0"></iframe><script>window.addEventListener("message", '
        'function (e) { document.body.setAttribute("data-probe", e.data); });</script></body></html>',
        encoding="utf-8",
    )
    try:
        r = chromium(frame, tmp_path, "--window-size=1400,1000", "--virtual-time-budget=5000", "--dump-dom")
        found = re.search(r'data-probe="([^"]+)"', r.stdout.decode("utf-8"))
        assert found, r.stderr.decode()[-2000:]
        return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    finally:
        probe.unlink()
        frame.unlink()


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width", [390, 1280])
def test_on_a_phone_and_a_desktop_nothing_leaves_the_page(cn, tmp_path, lang, width):
    folder = tmp_path / "site"
    built(cn, folder)
    plan = paths.plan_slug(json.loads(cn.ok("show", "cn-unemployment", "-f", "json"))["plan"])
    for page in (f"{lang}/index.html", f"{lang}/plans/{plan}.html", f"{lang}/targets/cn-unemployment.html"):
        got = _in_browser(folder, page, tmp_path, width)
        assert got["inner"] == width, got
        assert got["scroll"] <= got["inner"], (page, got)  # no horizontal scroll of the page
        if page.endswith("cn-unemployment.html"):
            assert got["texts"] >= 5 and got["font"] >= 10, (page, got)  # every tick label at least 10 CSS px


def test_the_search_finds_a_target_without_a_server(cn, tmp_path):
    folder = tmp_path / "site"
    built(cn, folder)
    got = _in_browser(folder, "en/index.html", tmp_path, 1280, query="unemploy")
    assert got["hits"] == ["targets/cn-unemployment.html"], got
    got = _in_browser(folder, "zh/index.html", tmp_path, 1280, query="失业")
    assert got["hits"] == ["targets/cn-unemployment.html"], got
