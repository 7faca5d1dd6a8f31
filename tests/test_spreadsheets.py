"""Issue 16, spreadsheets (CSV half): files as Excel saves them, Chinese
headers, dates as spreadsheets write them, and CSV that Excel opens right."""

from __future__ import annotations

import codecs
import json
from datetime import date

import pytest
from conftest import assert_one_line_error
from hypothesis import given
from hypothesis import strategies as st

from targettrack.model.dates import parse_period
from targettrack.util.errors import InputError
from targettrack.util.textfile import decode

CSV = "id,title,target,deadline\nx,机器人头部品牌,10家,2025\n"


@pytest.mark.parametrize(
    "encoding, said",
    [("gb18030", "GB18030"), ("gbk", "GB18030"), ("utf-16", "UTF-16"), ("utf-8-sig", None), ("utf-8", None)],
)
def test_csv_as_excel_saves_it_is_read_and_the_encoding_said(tt, tmp_path, encoding, said):
    f = tmp_path / "in.csv"
    f.write_bytes(CSV.encode(encoding))
    r = tt("import", str(f))
    assert r.code == 0, r.err
    assert (f"read as {said}" in r.err) if said else "read as" not in r.err
    assert json.loads(tt.ok("show", "x", "-f", "json"))["title"] == "机器人头部品牌"


@pytest.mark.parametrize(
    "raw, words",
    [
        (b"id,title\xff\x00\x01", ("NUL bytes", "CSV UTF-8")),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", ("marked as UTF-16", "CSV UTF-8")),
        (b"id,title\n\x81\x30", ("neither UTF-8 nor GB18030", "CSV UTF-8")),
    ],
)
def test_a_file_that_cannot_be_read_says_how_to_save_it(tt, tmp_path, raw, words):
    f = tmp_path / "in.csv"
    f.write_bytes(raw)
    before = tt.digest()
    assert_one_line_error(tt("import", str(f)), 2, *words)
    assert tt.digest() == before


@given(st.text(max_size=40))
def test_decoding_gives_back_any_text_saved_as_utf8_with_or_without_bom_or_utf16(text):
    if not text.startswith("\ufeff"):  # without a BOM, a text that starts with U+FEFF cannot be told from one
        assert decode(text.encode("utf-8"), "f") == (text, "utf-8")
    assert decode(codecs.BOM_UTF8 + text.encode("utf-8"), "f") == (text, "utf-8")
    if "\x00" not in text:
        assert decode(text.encode("utf-16"), "f") == (text, "utf-16")


@pytest.mark.parametrize(
    "text",
    [
        "常住人口城镇化率,65%,2025",
        "单位GDP能源消耗降低〔13.5〕%",
        "粮食综合生产能力（亿吨）",
        "柔性引进人才引才补贴最高100万元；贺州民用机场",
    ],
)
def test_decoding_gives_back_chinese_saved_in_gbk(text):
    # Bytes of a few Chinese characters in GBK are almost never valid UTF-8 as well (about 0.15 to the
    # power of the number of characters); these real phrases are not.
    assert decode(text.encode("gbk"), "f") == (text, "gb18030")
    assert decode(text.encode("gb18030"), "f") == (text, "gb18030")


def test_chinese_column_headers(tt, tmp_path):
    f = tmp_path / "in.csv"
    f.write_text(
        "编号,指标名称,目标值,截止日期,属性,责任单位\nurban,常住人口城镇化率,65%,2025,约束性,国家发展改革委\n\n"
        "编号,日期,数值,备注,来源\nurban,2024,67.00%,城镇化率为67.00%,国家统计局\n",
        encoding="utf-8",
    )
    tt.ok("import", str(f))
    r = json.loads(tt.ok("show", "urban", "-f", "json"))
    assert (r["title"], r["target"], r["deadline_as_given"], r["binding"], r["owner"]) == (
        "常住人口城镇化率",
        65,
        "2025",
        True,
        "国家发展改革委",
    )
    assert [(o["value"], o["note"], o["source"]) for o in r["observations"]] == [(67, "城镇化率为67.00%", "国家统计局")]


@pytest.mark.parametrize(
    "text, label",
    [
        ("6/30/2024", "2024-06-30"),
        ("30/6/2024", "2024-06-30"),
        ("6/6/2024", "2024-06-06"),
        ("2024/6/30", "2024-06-30"),
        ("Jun-24", "2024-06"),
        ("Dec 2028", "2028-12"),
        ("March 2026", "2026-03"),
        ("Sept 2025", "2025-09"),
        ("Jun '24", "2024-06"),
        ("Jan-99", "1999-01"),
        ("FY2023", "2023"),
        ("fy 2024", "2024"),
    ],
)
def test_dates_as_spreadsheets_write_them(text, label):
    assert parse_period(text).label == label


@pytest.mark.parametrize(
    "text, words",
    [
        ("6/7/2024", ("ambiguous", "2024-06-07", "2024-07-06")),
        ("13/14/2024", ("neither 13 nor 14 is a month",)),
        ("Foo-24", ("cannot read",)),
    ],
)
def test_dates_that_say_too_little_are_refused(text, words):
    with pytest.raises(InputError) as e:
        parse_period(text)
    assert all(w in str(e.value) for w in words)


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_every_day_reads_back_from_month_day_year_when_it_is_unambiguous(d):
    text = f"{d.month}/{d.day}/{d.year}"
    if d.day > 12 or d.day == d.month:
        assert parse_period(text).label == d.isoformat()
    else:
        with pytest.raises(InputError):
            parse_period(text)


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
FULL = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@given(
    st.integers(1930, 2029),
    st.integers(1, 12),
    st.sampled_from(["{m}-{yy}", "{m} {yyyy}", "{M} {yyyy}", "{M}-{yyyy}", "FY{yyyy}"]),
)
def test_every_month_reads_back_as_spreadsheets_write_it(year, month, form):
    text = form.format(m=MONTHS[month - 1], M=FULL[month - 1], yy=f"{year % 100:02d}", yyyy=year)
    expected = f"{year:04d}" if form.startswith("FY") else f"{year:04d}-{month:02d}"
    assert parse_period(text).label == expected


def test_export_csv_for_excel_has_a_bom_and_numbers_stay_numbers(tt, tmp_path):
    tt.ok("add", "e", "--title", "=能耗", "--change", "-13.5%", "--baseline-date", "2020", "--deadline", "2025")
    tt.ok("update", "e", "--yoy", "-2.7%", "--date", "2021")
    out = tmp_path / "all.csv"
    tt.ok("export", "-o", str(out))
    raw = out.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    text = raw.decode("utf-8-sig")
    assert "e,'=能耗," in text  # text that looks like a formula is still guarded
    assert ",-13.5," in text and "e,2021,-2.7," in text  # numbers are numbers
    assert not tt.ok("export", "-f", "csv").startswith("\ufeff")  # a pipe gets none
    assert tt.ok("export", "-f", "csv", "--excel").startswith("\ufeff")
    tt.ok("export", "-o", str(out), "--no-excel")
    assert not out.read_bytes().startswith(codecs.BOM_UTF8)
    # and the file Excel gets reads back into the same store
    tt.ok("export", "-o", str(out))
    fresh = tmp_path / "fresh.json"
    from conftest import TT

    t2 = TT(fresh)
    t2.ok("init")
    t2.ok("import", str(out))
    assert t2.ok("export", "-f", "csv") == tt.ok("export", "-f", "csv")


def test_an_old_export_with_guarded_numbers_still_imports(tt, tmp_path):
    f = tmp_path / "old.csv"
    f.write_text("id,title,kind,target,deadline\nd,能耗,decrease,'-13.5,2025\n", encoding="utf-8")
    tt.ok("import", str(f))
    assert json.loads(tt.ok("show", "d", "-f", "json"))["target"] == -13.5
