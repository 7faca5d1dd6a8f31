"""The terminal chart's shape on fixed data, in colour and in plain mode."""

import re
from datetime import date
from decimal import Decimal as D

import pytest

from targettrack.judge.assess import assess
from targettrack.model.dates import parse_period as P
from targettrack.model.target import Observation, Target
from targettrack.render.chart import draw
from targettrack.render.chartdata import chart_data
from targettrack.util.textwidth import width

ANSI = re.compile(r"\x1b\[[0-9;]*m")
T = Target(
    id="d",
    title="工业机器人密度",
    unit="台/万人",
    target=D(500),
    baseline=D(260),
    baseline_date=P("2022"),
    deadline=P("2025"),
    observations=(Observation(P("2024-06"), D(380), "a"), Observation(P("2025-06"), D(420), "b")),
)
AS_OF = date(2025, 6, 30)


def plot_area(lines):
    """Rows of the plot (without the y labels and the axis line)."""
    return [line.split("|", 1)[1] for line in lines[:10]]


@pytest.mark.parametrize("total", [40, 60, 78, 120])
def test_the_chart_fits_the_width(total):
    c = chart_data(T, assess(T, AS_OF))
    for color in (False, True):
        for line in draw(c, total, color=color):
            assert width(ANSI.sub("", line)) <= total, line


def test_plain_marks_in_their_places():
    c = chart_data(T, assess(T, AS_OF))
    lines = draw(c, 78, color=False)
    rows = plot_area(lines)
    w = len(rows[0])
    assert all(len(r) == w for r in rows)
    assert set("".join(rows)) <= set(" o.=|:*")  # ASCII only
    # The target level is a full row of '=' except where a stronger mark sits.
    target_row = next(i for i, r in enumerate(rows) if r.count("=") > w // 2)
    assert target_row == 2  # 500, on an axis of round ticks from 0 to 600 (issue 33: was 0 to 512)
    # A value is drawn in the middle of its period, and so is the deadline period (2025), under its label:
    # the range runs to the end of that period. As of 2025-06-30 the "today" line sits at the deadline's.
    deadline_cols = {i for r in rows for i, ch in enumerate(r) if ch == "|"}
    assert len(deadline_cols) == 1
    col = deadline_cols.pop()
    assert w * 0.8 < col < w - 1
    today_cols = {i for r in rows for i, ch in enumerate(r) if ch == ":"}
    assert today_cols <= {col - 1, col + 1}
    obs = sorted((j, i) for i, r in enumerate(rows) for j, ch in enumerate(r) if ch == "o")  # (column, row)
    assert len(obs) == 2 and obs[0][1] >= obs[1][1]  # the later value is drawn no lower
    assert abs(obs[1][0] - col) <= 1  # 2025-06's value, at the middle of 2025 as the deadline period
    assert any("*" in r or "." in r for r in rows)
    assert lines[0].startswith("600台/万人|") and "0台/万人|" in lines[9]  # an amount: from zero, round ticks
    assert [line.split("|")[0].strip() for line in lines[:10] if line.split("|")[0].strip()] == [
        "600台/万人",
        "400台/万人",
        "200台/万人",
        "0台/万人",
    ]
    margin = width(lines[0].split("|")[0]) + 1  # in cells: 台 is two wide
    axis = lines[11]
    assert axis.startswith(" " * margin + "2022-01-01")
    assert axis.find("2025") - margin <= col <= axis.find("2025") - margin + 4  # the deadline by its period
    assert "o values" in lines[12] and "= target" in "".join(lines[12:])


def test_a_zoomed_chart_is_drawn_cut():
    c = chart_data(T, assess(T, AS_OF), zoom=True)
    lines = draw(c, 78, color=False)
    assert c.cut and "~" in lines[9] and not lines[9].strip().startswith("0")
    assert "~" not in "".join(draw(chart_data(T, assess(T, AS_OF)), 78, color=False)[:10])


def test_colour_marks():
    c = chart_data(T, assess(T, date(2025, 9, 30)))  # as of a day apart from the deadline period's middle
    text = "\n".join(draw(c, 78, color=True))
    assert "\x1b[" in text and "●" in text and "│" in text and "─" in text and "┊" in text
    plain_text = ANSI.sub("", text)
    assert plain_text.count("●") == 3  # two values and the legend


def test_show_draws_the_chart_plain_off_a_terminal(sample):
    sample.ok("update", "sh-robot-industry", "850", "--date", "2024-12")
    out = sample.ok("show", "sh-robot-industry", env={"COLUMNS": "60"})
    assert "  chart\n" in out and "\x1b" not in out
    chart = out.split("  chart\n", 1)[1].splitlines()
    assert all(width(line) <= 60 for line in chart)
    assert any("+----" in line for line in chart) and any("o" in line.split("|", 1)[-1] for line in chart)
    assert "chart" not in sample.ok("show", "hezhou-airport")  # a milestone has no chart


def test_list_table_has_progress_bars_on_a_terminal():
    from io import StringIO

    from targettrack.render.table import render

    class Tty(StringIO):
        def isatty(self):
            return True

    t = T
    a = assess(t, AS_OF)
    out = Tty()
    render([(t, a)], out, color=True, total=120)
    text = ANSI.sub("", out.getvalue())
    assert "██████" in text and "67%" in text and "|" in text
    narrow = Tty()  # no room for the bar beside every column: the percentage alone
    render([(t, a)], narrow, color=True, total=84)
    text = ANSI.sub("", narrow.getvalue())
    assert "█" not in text and "67%" in text and "CURRENT" in text


def test_the_legend_fits_40_columns():
    """Issue 33, item 8: at 40 columns a legend item ('. straight line to the target') ran a cell past the edge."""
    c = chart_data(T, assess(T, AS_OF))
    for total in (36, 40, 60):  # show draws it 4 cells in: a 40-column terminal gives 36
        lines = draw(c, total, color=False)
        assert all(width(line) <= total for line in lines), max(lines, key=width)
        legend = " ".join(" ".join(lines[12:]).split())
        assert "straight line to the target" in legend
