"""Issue 16, spreadsheets: Excel workbooks out and in, through the CLI."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime

from conftest import TT, assert_one_line_error
from openpyxl import Workbook, load_workbook


def _store(tt):
    tt.ok(
        "add",
        "e",
        "--title",
        "=单位GDP能耗\r\n_x000D_",
        "--change",
        "-13.5%",
        "--baseline-date",
        "2020",
        "--deadline",
        "2025-12-31",
        "--binding",
    )
    tt.ok("update", "e", "--yoy", "-2.7%", "--date", "2021", "--note", "比上年下降2.7%")
    tt.ok("add", "g", "--title", "粮食", "--kind", "floor", "--target", "6.5亿吨", "--each", "year", "--start", "2021")
    tt.ok("update", "g", "6.8285", "--date", "2021")
    tt.ok("update", "g", "0.12345678901234567890", "--date", "2022", "--quiet")


def test_a_workbook_has_real_numbers_dates_a_frozen_header_and_a_kind_drop_down(tt, tmp_path):
    _store(tt)
    out = tmp_path / "all.xlsx"
    tt.ok("export", "-o", str(out))
    wb = load_workbook(out)
    assert wb.sheetnames == ["targets", "observations"]
    targets, obs = wb["targets"], wb["observations"]
    assert targets.freeze_panes == "A2" and obs.freeze_panes == "A2"
    header = [c.value for c in targets[1]]
    row = dict(zip(header, [c.value for c in targets[2]]))
    assert row["title"] == "=单位GDP能耗_x000D_\n_x005F_x000D_"  # text, never a formula; CR escaped
    assert targets.cell(row=2, column=header.index("title") + 1).data_type == "s"
    assert row["target"] == -13.5 and row["deadline"] == datetime(2025, 12, 31) and row["binding"] == "true"
    validations = targets.data_validations.dataValidation
    assert len(validations) == 1 and "increase,decrease,cap,floor,milestone" in validations[0].formula1
    values = [c.value for c in obs["C"]][1:]
    assert values == [-2.7, 6.8285, "0.1234567890123456789"]  # a double cannot hold the last exactly: text
    # and back
    t2 = TT(tmp_path / "b.json")
    t2.ok("init")
    assert "add 2 target(s)" in t2.ok("import", str(out))
    assert t2.ok("export", "-f", "csv") == tt.ok("export", "-f", "csv")


def test_a_workbook_made_elsewhere_with_chinese_headers_and_date_cells(tt, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "指标"
    ws.append(["编号", "名称", "目标值", "截止日期", "属性"])
    ws.append(["urban", "常住人口城镇化率", "65%", date(2025, 12, 31), "约束性"])
    values = wb.create_sheet("数据")
    values.append(["编号", "日期", "数值", "备注"])
    values.append(["urban", 2024, 67, "公报"])
    values.append(["urban", datetime(2025, 6, 30), 67.5, None])
    values.append(["urban", 45473, 66, "a serial day number: 2024-06-30"])
    f = tmp_path / "mine.xlsx"
    wb.save(f)
    tt.ok("import", str(f))
    r = json.loads(tt.ok("show", "urban", "-f", "json"))
    assert (r["target"], r["deadline"], r["binding"]) == (65, "2025-12-31", True)
    assert [(o["date_as_given"], o["value"]) for o in r["observations"]] == [
        ("2024-06-30", 66),
        ("2024", 67),
        ("2025-06-30", 67.5),
    ]


def test_the_template_is_empty_and_documented(tt, tmp_path):
    out = tmp_path / "t.xlsx"
    tt.ok("export", "--format", "xlsx", "--template", "-o", str(out))
    wb = load_workbook(out)
    assert wb.sheetnames == ["targets", "observations", "notes"]
    assert wb["targets"].max_row == 1 and [c.value for c in wb["observations"][1]][:3] == ["id", "date", "value"]
    assert any("约束性" in (c.value or "") for row in wb["notes"].iter_rows() for c in row)
    assert_one_line_error(tt("export", "--template"), 2, "--template goes with --format xlsx")


def test_a_broken_workbook_is_refused_in_one_line(tt, tmp_path):
    f = tmp_path / "bad.xlsx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    f.write_bytes(buf.getvalue())
    before = tt.digest()
    assert_one_line_error(tt("import", str(f)), 2, "not an Excel workbook")
    empty = Workbook()
    empty.save(tmp_path / "empty.xlsx")
    assert_one_line_error(tt("import", str(tmp_path / "empty.xlsx")), 2, "no sheet with target or observation")
    assert tt.digest() == before


def test_libreoffice_reads_the_workbook_when_it_is_installed(tt, tmp_path):
    """Another program than the one that wrote it: LibreOffice converts the sheet to CSV
    (skipped where LibreOffice is not installed, as in CI)."""
    import shutil
    import subprocess

    import pytest

    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    _store(tt)
    out = tmp_path / "all.xlsx"
    tt.ok("export", "-o", str(out))
    subprocess.run(
        [
            office,
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    text = (tmp_path / "all.csv").read_text(encoding="utf-8", errors="replace")
    assert text.startswith("id,title,") and "粮食" in text and "-13.5" in text


def test_a_workbook_saved_by_libreoffice_imports_without_an_edit(tt, tmp_path):
    """The other way: a sheet typed with Chinese headers, saved as .xlsx by LibreOffice
    (skipped where LibreOffice is not installed, as in CI)."""
    import shutil
    import subprocess

    import pytest

    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    src = tmp_path / "sheet.csv"
    src.write_text("编号,指标名称,目标值,截止日期,属性\ngrain,粮食综合生产能力,6.5亿吨,2025,约束性\n", encoding="utf-8")
    subprocess.run(
        [office, "--headless", "--infilter=CSV:44,34,76", "--convert-to", "xlsx", "--outdir", str(tmp_path), str(src)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    tt.ok("import", str(tmp_path / "sheet.xlsx"))
    r = json.loads(tt.ok("show", "grain", "-f", "json"))
    assert (r["title"], r["target"], r["unit"], r["binding"]) == ("粮食综合生产能力", 6.5, "亿吨", True)
