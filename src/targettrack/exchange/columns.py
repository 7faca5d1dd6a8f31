"""The columns of an export and the headers an import recognises (English and
Chinese, as analysts label their sheets): the CSV/JSON contract's names.
"""

from __future__ import annotations

EXPORT_FORMAT = "targettrack-export"
TARGET_COLUMNS = [
    "id",
    "title",
    "title_en",
    "kind",
    "unit",
    "baseline",
    "baseline_date",
    "target",
    "start",
    "deadline",
    "tags",
    "owner",
    "plan",
    "method",
    "source",
    "source_publisher",
    "source_date",
    "source_url",
    "source_quote",
    "source_note",
    "created_at",
    # schema 3 (docs/statuses.md, "Target forms" and "How statistics arrive")
    "form",
    "change",
    "each",
    "binding",
    "frequency",
    "lag",
    # schema 4 (docs/statuses.md, "Qualifiers" and "A target for the deadline's value")
    "qualifier",
    "approx",
    "at_deadline",
    # who added it and who last edited it (issue 31)
    "created_by",
    "edited_by",
]
# `measure` is "yoy" for a year-on-year change kept as given (a change or growth target), empty for a level.
OBSERVATION_COLUMNS = ["id", "date", "value", "note", "source", "recorded_at", "measure", "recorded_by"]
# What an observation row may give instead of `value` (import only; export writes levels):
# `change`, an increment on the latest value (update --by); `yoy`, a change in
# percent on the value a year before (update --yoy).
VALUE_COLUMNS = ("value", "change", "yoy")
IMPORT_OBSERVATION_COLUMNS = OBSERVATION_COLUMNS + ["change", "yoy"]
# Free text, given back exactly as written; every other cell is a value,
# date or name, and white space around it is dropped.
TEXT_COLUMNS = {
    "title",
    "title_en",
    "owner",
    "plan",
    "note",
    "source",
    "source_publisher",
    "source_url",
    "source_quote",
    "source_note",
    "recorded_by",
    "created_by",
    "edited_by",
}
SOURCE_COLUMNS = {
    "source": "document",
    "source_publisher": "publisher",
    "source_date": "date",
    "source_url": "url",
    "source_quote": "quote",
    "source_note": "note",
}


# Chinese column headers, as analysts label their sheets (docs/guide.md lists them).
# One map for both tables: a header means the same column wherever it is.
HEADER_ALIASES = {
    "编号": "id",
    "代码": "id",
    "名称": "title",
    "标题": "title",
    "指标": "title",
    "指标名称": "title",
    "英文名称": "title_en",
    "英文标题": "title_en",
    "类型": "kind",
    "单位": "unit",
    "计量单位": "unit",
    "基期值": "baseline",
    "基数": "baseline",
    "基期": "baseline_date",
    "基期年份": "baseline_date",
    "目标值": "target",
    "目标": "target",
    "起始": "start",
    "开始": "start",
    "开始日期": "start",
    "截止": "deadline",
    "截止日期": "deadline",
    "期限": "deadline",
    "完成时限": "deadline",
    "标签": "tags",
    "责任单位": "owner",
    "牵头单位": "owner",
    "规划": "plan",
    "方法": "method",
    "来源": "source",
    "发布单位": "source_publisher",
    "发布日期": "source_date",
    "链接": "source_url",
    "网址": "source_url",
    "原文": "source_quote",
    "引文": "source_quote",
    "来源备注": "source_note",
    "创建时间": "created_at",
    "形式": "form",
    "变化类型": "change",
    "每期": "each",
    "属性": "binding",
    "频率": "frequency",
    "滞后": "lag",
    "日期": "date",
    "时间": "date",
    "数值": "value",
    "值": "value",
    "实际值": "value",
    "备注": "note",
    "记录时间": "recorded_at",
    "增量": "change",
    "同比": "yoy",
    "同比增长": "yoy",
    "度量": "measure",
}
