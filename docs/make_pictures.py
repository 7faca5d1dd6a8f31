"""Make the README's pictures from the shipped store.

    python docs/make_pictures.py      (needs targettrack installed, and chromium)

docs/chart.svg: `targettrack show` with its chart, in colour, exported by
Rich as an SVG terminal picture. docs/report.png: the HTML report of the
shipped store, screenshotted by headless Chromium; docs/report-charts.png:
the "Each target" part of the report of the 14th Five-Year Plan's store
(data/cn-14th-five-year-plan.json), which has values to chart;
docs/report-zh.png: that report in Chinese (--lang zh). Chinese needs CJK
fonts (apt-get install fonts-noto-cjk).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SCRIPT = Path(sys.executable).parent / "targettrack"
ENV = {**os.environ, "TARGETTRACK_TODAY": "2026-11-26", "COLUMNS": "100"}


def terminal_svg(store: Path) -> None:
    from rich.console import Console
    from rich.text import Text

    env = {**ENV, "FORCE_COLOR": "1"}
    # show draws its colour chart only on a terminal: run it under a pseudo-terminal, as the tests do.
    sys.path.insert(0, str(REPO / "tests"))
    from conftest import read_terminal

    _code, printed = read_terminal(["--db", str(store), "show", "sanofi-innovative-drugs"], env)
    out = printed.replace("\r\n", "\n")
    keep = out.split("  chart\n", 1)
    text = "$ targettrack show sanofi-innovative-drugs\n" + keep[0].split("\n", 1)[0] + "\n  ...\n  chart\n" + keep[1]
    console = Console(record=True, width=100, force_terminal=True, color_system="truecolor", file=open(os.devnull, "w"))
    console.print(Text.from_ansi(text))
    console.save_svg(str(HERE / "chart.svg"), title="targettrack show")


def report_png(
    store: Path, work: Path, picture: str = "report.png", charts_only: bool = False, lang: str = "en"
) -> None:
    page = work / picture.replace(".png", ".html")
    subprocess.run([str(SCRIPT), "--lang", lang, "--db", str(store), "report", "-o", str(page)], env=ENV, check=True)
    if charts_only:  # the page's head, then its last part: each target with its chart
        html = page.read_text(encoding="utf-8")
        body = html.index("<body>") + len("<body>")
        page.write_text(html[:body] + html[html.index("<h2>Each target</h2>") :], encoding="utf-8")
    chromium = shutil.which("chromium")
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--hide-scrollbars",
            f"--user-data-dir={work / 'p'}",
            f"--screenshot={HERE / picture}",
            "--window-size=1100,1600",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
    )


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as d:
        store = Path(d) / "targets.json"
        shutil.copy(REPO / "data" / "targets.json", store)
        terminal_svg(store)
        report_png(store, Path(d))
        report_png(REPO / "data" / "cn-14th-five-year-plan.json", Path(d), "report-charts.png", charts_only=True)
        report_png(REPO / "data" / "cn-14th-five-year-plan.json", Path(d), "report-zh.png", lang="zh")
    print("wrote docs/chart.svg, docs/report.png, docs/report-charts.png and docs/report-zh.png")
