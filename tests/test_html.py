"""The HTML report: static checks, and a real headless Chromium (Debian's
chromium; .ci/run installs it): it loads with no console errors, every
target has its chart, and an injected <script> does not run."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import SHIPPED, TT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--mute-audio",
]
HOSTILE_TITLE = '<script>document.title="PWNED";document.body.dataset.pwned=1</script><img src=x onerror="document.title=\'PWNED\'">'


@pytest.fixture
def every_status(tmp_path) -> TT:
    """A store with a target in every status, as of the frozen today (2026-11-26)."""
    t = TT(tmp_path / "all.json")
    t.ok("init")

    def target(i, *args):
        t.ok("add", i, "--title", f"目标 {i}", *args)

    trajectory = ["--target", "100", "--deadline", "2027-12-31", "--baseline", "0", "--baseline-date", "2025-12-31"]
    for name, value in [("on-track", "95"), ("at-risk", "30"), ("off-track", "10"), ("regressing", "-5")]:
        target(name, *trajectory)
        t.ok("update", name, f"={value}", "--date", "2026-11-26")
    target("achieved", *trajectory)
    t.ok("update", "achieved", "100", "--date", "2026-06-30")
    target("missed", "--target", "100", "--deadline", "2025-12-31", "--baseline", "0", "--baseline-date", "2024-12-31")
    t.ok("update", "missed", "40", "--date", "2025-12-31")
    target("within", "--kind", "cap", "--target", "100万元")
    t.ok("update", "within", "80万元")
    target("breached", "--kind", "cap", "--target", "100万元")
    t.ok("update", "breached", "120万元")
    target("pending", "--kind", "milestone", "--deadline", "2027")
    target("no-data", *trajectory)
    target("not-started", "--target", "10", "--deadline", "2030", "--start", "2028")
    target("hostile", "--kind", "milestone")
    t.ok("edit", "hostile", "--title", HOSTILE_TITLE)
    statuses = {r["id"]: r["status"] for r in json.loads(t.ok("list", "-f", "json"))}
    assert {s for i, s in statuses.items() if i != "hostile"} == {
        "achieved",
        "on-track",
        "at-risk",
        "off-track",
        "regressing",
        "missed",
        "within",
        "breached",
        "pending",
        "no-data",
        "not-started",
    }
    return t


def html_of(t: TT, tmp_path: Path, name: str) -> Path:
    out = tmp_path / name
    t.ok("report", "-o", str(out))
    return out


def test_static_checks(every_status, tmp_path):
    page = html_of(every_status, tmp_path, "r.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in page
    assert not re.search(r'(src|href)="(https?:)?//', page)  # nothing from the network
    assert "<script>document.title" not in page and "&lt;script&gt;document.title" in page
    for r in json.loads(every_status.ok("list", "-f", "json")):
        section = page.split(f'id="t-{r["id"]}"', 1)[1].split("</section>", 1)[0]
        if r["kind"] == "milestone":  # a dated mark, not a chart
            assert "<svg" not in section and 'class="mark"' in section, r["id"]
        elif r["current"] is None:  # no value yet: said, not an empty chart
            assert "<svg" not in section and "No values recorded yet" in section, r["id"]
        else:
            assert "<svg" in section and '<ul class="legend">' in section and "<figcaption>" in section, r["id"]
            if r["unit"]:
                assert 'class="unit"' in section, r["id"]
    assert "@page { size: A4" in page
    for title in (
        "Needs attention",
        "Deadlines within 90 days",
        "Status changes since",
        "New values since",
        "Achieved since",
    ):  # every section of the text report
        assert f"<h2>{title}" in page, title


def test_chart_ticks_are_round_and_start_at_a_sensible_base(every_status, tmp_path):
    page = html_of(every_status, tmp_path, "r.html").read_text(encoding="utf-8")
    charts = re.findall(r"<svg.*?</svg>", page)
    assert charts
    for svg in charts:
        ticks = [
            float(v.replace(",", ""))
            for v in re.findall(r'<text class="tick" [^>]*text-anchor="end"[^>]*>([^<]+)<', svg)
        ]
        assert len(ticks) >= 3, svg[:200]
        steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:])}
        assert len(steps) == 1
        step = steps.pop()
        mantissa = step / 10 ** __import__("math").floor(__import__("math").log10(step))
        assert round(mantissa, 6) in (1, 2, 5), ticks
        values = [float(v) for v in re.findall(r'<circle class="value" cx="[\d.]+" cy="([\d.]+)"', svg)]
        assert values  # every chart has values (no empty chart)
        if min(ticks) < 0:
            assert any(t > 0 for t in ticks)  # a negative tick only where the values go below zero
        assert min(ticks) <= 0 or 'class="axis-cut"' in svg  # from zero, or drawn cut (--zoom)


def test_the_store_path_is_left_out_unless_asked(sample, tmp_path):
    page = html_of(sample, tmp_path, "r.html").read_text(encoding="utf-8")
    assert str(sample.db.parent) not in page and str(tmp_path) not in page
    sample.ok("report", "-o", str(tmp_path / "s.html"), "--show-store")
    assert str(sample.db) in (tmp_path / "s.html").read_text(encoding="utf-8")
    assert str(sample.db) not in sample.ok("report", "-f", "markdown")
    assert "Store: `" in sample.ok("report", "-f", "markdown", "--show-store")  # (escaped for Markdown)


def test_html_from_the_output_extension_and_the_format(sample, tmp_path):
    assert html_of(sample, tmp_path, "weekly.htm").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sample.ok("report", "-f", "html").count('<section class="target"') == 11


def chromium(page: Path, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess:
    if not CHROMIUM:
        # A fresh machine may lack a browser: skip there, but never in CI, which installs one.
        if os.environ.get("CI"):
            pytest.fail("chromium is missing in CI (.ci/run installs Debian's chromium)")
        pytest.skip("needs Debian's chromium (apt-get install chromium); CI always runs these")
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *extra, page.as_uri()],
        capture_output=True,
        timeout=120,
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("store", ["shipped", "every-status"])
def test_in_a_real_browser(store, every_status, tmp_path, request, lang):
    if store == "shipped":
        t = TT(tmp_path / "shipped.json")
        shutil.copy(SHIPPED, t.db)
    else:
        t = every_status
    page = tmp_path / f"{store}-{lang}.html"
    t.ok("--lang", lang, "report", "-o", str(page))
    shot = tmp_path / f"{store}-{lang}.png"
    r = chromium(page, tmp_path, f"--screenshot={shot}", "--window-size=1280,2400")
    assert shot.exists() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", r.stderr.decode()[-2000:]
    log = r.stderr.decode("utf-8", "replace")
    assert "CONSOLE" not in log and "Uncaught" not in log and "Refused to" not in log, log[-3000:]
    dom = chromium(page, tmp_path, "--dump-dom").stdout.decode("utf-8")
    rows = json.loads(t.ok("list", "-f", "json"))
    n = sum(1 for r in rows if r["kind"] != "milestone" and r["current"] is not None)
    assert dom.count('<figure class="chart">') == n and dom.count("<svg") == 2 * n  # wide and narrow
    assert dom.count('class="mark"') == sum(1 for r in rows if r["kind"] == "milestone")
    assert "PWNED" not in dom.split("</title>", 1)[0] and "data-pwned" not in dom
    if store == "every-status":
        assert "&lt;script&gt;document.title" in dom  # shown as text
    if lang == "zh":
        assert '<html lang="zh-CN">' in dom and "各项目标" in dom
    # Our own script ran (the policy allows it by its hash) while the injected one did not.
    assert 'class="sortable js-sortable"' in dom


def test_readme_screenshot_is_committed():
    shot = Path(__file__).resolve().parent.parent / "docs" / "report.png"
    assert shot.exists() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_every_status_has_its_colour_in_the_html_report_and_the_table():
    from targettrack.judge.statuses import STATUSES
    from targettrack.render.chart_svg import STATUS_COLOUR
    from targettrack.render.table import STATUS_STYLE

    assert set(STATUS_COLOUR) == set(STATUSES) == set(STATUS_STYLE)
    assert len(STATUSES) == 12 and "awaiting-data" in STATUSES


# --- issue 32: charts that are right, a page for a phone, the reader's language, sources and method ------------


@pytest.fixture
def plan(tmp_path) -> TT:
    t = TT(tmp_path / "plan.json")
    t.ok("init", "--sample", "cn-14fyp")
    return t


def _section(page: str, tid: str) -> str:
    return re.search(rf'<section class="target" id="t-{tid}">.*?</section>', page, re.S).group(0)


def _wide(section: str) -> str:
    return re.search(r'<svg class="wide".*?</svg>', section, re.S).group(0)


def _label_x(svg: str, text: str) -> float:
    return float(re.search(rf'<text class="tick time" x="([\d.]+)"[^>]*>{text}<', svg).group(1))


def test_a_years_value_is_drawn_over_its_years_label_and_the_deadline_over_its_own(plan, tmp_path):
    svg = _wide(_section(html_of(plan, tmp_path, "p.html").read_text(encoding="utf-8"), "cn-unemployment"))
    xs = [float(x) for x in re.findall(r'<circle class="value" cx="([\d.]+)"', svg)]
    assert len(xs) == 2  # 2022 and 2023
    year = _label_x(svg, "2023") - _label_x(svg, "2022")
    assert abs(xs[0] - _label_x(svg, "2022")) < year / 20 and abs(xs[1] - _label_x(svg, "2023")) < year / 20
    deadline = float(re.search(r'<line class="deadline" x1="([\d.]+)"', svg).group(1))
    assert abs(deadline - _label_x(svg, "2025")) < year / 20  # not at the edge of "2026"
    edges = [float(x) for x in re.findall(r'<line class="period-edge" x1="([\d.]+)"', svg)]
    assert any(e < xs[0] < e + year * 1.01 and abs((e + year / 2) - xs[0]) < year / 20 for e in edges)


def test_amounts_start_at_zero_unless_zoomed_and_a_zoomed_axis_is_drawn_cut(tmp_path):
    t = TT(tmp_path / "s.json")
    shutil.copy(SHIPPED, t.db)
    t.ok("update", "sh-robot-industry", "850", "--date", "2023", "-q")
    plain = _wide(_section(html_of(t, tmp_path, "a.html").read_text(encoding="utf-8"), "sh-robot-industry"))
    ticks = [
        float(v.replace(",", "")) for v in re.findall(r'<text class="tick" [^>]*text-anchor="end"[^>]*>([^<]+)<', plain)
    ]
    assert min(ticks) == 0 and 'class="axis-cut"' not in plain
    t.ok("report", "--zoom", "-o", str(tmp_path / "z.html"))
    zoomed = _wide(_section((tmp_path / "z.html").read_text(encoding="utf-8"), "sh-robot-industry"))
    ticks = [
        float(v.replace(",", ""))
        for v in re.findall(r'<text class="tick" [^>]*text-anchor="end"[^>]*>([^<]+)<', zoomed)
    ]
    assert min(ticks) > 0 and 'class="axis-cut"' in zoomed and "axis does not start at 0" in zoomed
    shown = t.ok("show", "sh-robot-industry")
    assert "0亿元|" in shown.replace(" ", "") and "~" not in shown.split("chart", 1)[1].split("\n")[-4]
    zoomed_text = t.ok("show", "sh-robot-industry", "--zoom").split("chart", 1)[1]
    assert "~" in zoomed_text and " 2025 " in zoomed_text  # the cut mark, and the deadline by its period


def test_the_english_page_heads_each_target_in_english_and_the_chinese_one_in_chinese(plan, tmp_path):
    en = _section(html_of(plan, tmp_path, "en.html").read_text(encoding="utf-8"), "cn-urbanization")
    assert re.search(r"<h3>Urbanization rate of the resident population ", en)
    assert '<span class="other-title"><span lang="zh-CN">常住人口城镇化率</span></span>' in en
    plan.ok("--lang", "zh", "report", "-o", str(tmp_path / "zh.html"))
    zh = _section((tmp_path / "zh.html").read_text(encoding="utf-8"), "cn-urbanization")
    assert '<h3><span lang="zh-CN">常住人口城镇化率</span> ' in zh
    assert "Urbanization rate of the resident population" in zh.split("</h3>", 1)[1][:300]


def test_sources_method_title_and_the_pages_own_data(plan, tmp_path):
    plan.ok(
        "report",
        "-o",
        str(tmp_path / "p.html"),
        "--title",
        "十四五 indicators",
        "--subtitle",
        "Weekly, for the director",
    )
    page = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert "<h1>十四五 indicators</h1>" in page and "<title>十四五 indicators</title>" in page
    assert "Weekly, for the director" in page
    one = _section(page, "cn-urbanization")
    assert '<a href="https://www.gov.cn/xinwen/2021-03/13/content_5592681.htm" rel="noopener noreferrer">' in one
    assert "新华社" in one and "2021-03-13" in one  # publisher and date
    assert "Values (2023):" in one and "2023年国民经济和社会发展统计公报" in one  # each value's source
    assert "<h2>How statuses are judged</h2>" in page and "R ≥ 0.95" in page
    assert 'class="plans"' in page and "cn-14fyp</span>" in page or "<b>cn-14fyp</b>" in page
    from urllib.parse import unquote

    csv_href = re.search(r'<a download="targets-[\d-]+\.csv" href="data:text/csv;charset=utf-8,([^"]+)"', page).group(1)
    rows = unquote(csv_href).splitlines()
    assert rows[0].startswith("section,") or "id" in rows[0].split(",")
    assert sum("cn-urbanization" in r for r in rows) >= 1
    json_href = re.search(r'href="data:application/json;charset=utf-8,([^"]+)"', page).group(1)
    assert json.loads(unquote(json_href))
    wrong = plan("report", "--title", "x")
    assert wrong.code == 2 and "--title: only the html report" in wrong.err and wrong.out == ""


PROBE = """<script>
window.addEventListener("load", function () {
  var texts = Array.prototype.filter.call(document.querySelectorAll("svg text"), function (t) {
    var r = t.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
  var sizes = texts.map(function (t) { return parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a; });
  parent.postMessage(JSON.stringify({scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
                                     font: Math.min.apply(null, sizes), texts: sizes.length}), "*");
});
</script>"""


def _measured(page: Path, tmp_path: Path, width: int) -> dict:
    """The page in a frame `width` CSS px wide (headless Chromium's window is at least 500 px): how wide its
    content is and its smallest chart text, in CSS px, as the page reports them through the frame."""
    probe = tmp_path / f"probe-{page.stem}-{width}.html"
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page.read_text(encoding="utf-8"))
    probe.write_text(text.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    frame = tmp_path / f"frame-{page.stem}-{width}.html"
    frame.write_text(
        f'<!DOCTYPE html><html><body style="margin:0"><iframe src="{probe.name}" width="{width}" '
        'height="900" style="border:0"></iframe><script>window.addEventListener("message", function (e) '
        '{ document.body.setAttribute("data-probe", e.data); });</script></body></html>',
        encoding="utf-8",
    )
    dom = chromium(frame, tmp_path, "--window-size=1400,1000", "--virtual-time-budget=5000", "--dump-dom")
    found = re.search(r'data-probe="([^"]+)"', dom.stdout.decode("utf-8"))
    assert found, dom.stderr.decode()[-2000:]
    return json.loads(found.group(1).replace("&quot;", '"'))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width", [390, 1280])
def test_on_a_phone_and_a_desktop_nothing_leaves_the_page_and_chart_text_is_readable(plan, tmp_path, lang, width):
    page = tmp_path / f"p-{lang}.html"
    plan.ok("--lang", lang, "report", "-o", str(page))
    got = _measured(page, tmp_path, width)
    assert got["inner"] == width and got["texts"] > 20
    assert got["scroll"] <= width, got  # no horizontal scroll of the page
    assert got["font"] >= 10, got  # every tick label at least 10 CSS px
