"""The words extract reads: units built from measures, cue words of the
future and the past, of kinds and of headings, and numbers said in words."""

from __future__ import annotations

import re

CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
# Units are built, not listed one by one: a measure (a physical unit, money,
# or a classifier that counts things), optionally with what is measured
# (吨标准煤, 吨二氧化碳当量), after an optional magnitude (万, 亿, 千) that the
# number pattern reads. Longest first, so 平方公里 wins over 公里 and 立方米 over 米.
CN_MEASURES = (
    # physical measures
    "千瓦时",
    "千瓦",
    "兆瓦",
    "吉瓦",
    "瓦",
    "度",
    "吨",
    "千克",
    "公斤",
    "克",
    "斤",
    "立方米",
    "平方公里",
    "平方千米",
    "平方米",
    "公里",
    "千米",
    "米",
    "公顷",
    "亩",
    "升",
    "标准立方米",
    "标方",
    "微克",
    "毫克",
    "毫米",
    "毫升",
    # money
    "元",
    "美元",
    "欧元",
    # shares and times
    "个百分点",
    "百分点",
    "%",
    "％",
    "‰",
    "倍",
    "小时",
    "分钟",
    "岁",
    # classifiers: counts of things
    "人次",
    "人",
    "名",
    "位",
    "户",
    "家",
    "个",
    "种",
    "项",
    "座",
    "所",
    "条",
    "处",
    "套",
    "张",
    "部",
    "件",
    "批",
    "架",
    "艘",
    "列",
    "辆",
    "台",
    "次",
    "个工作日",
    "工作日",
    "天",
    "棵",
    "株",
    "份",
    "场",
    "栋",
    "幢",
    "册",
)
CN_MEASURED = ("标准煤", "标煤", "油当量", "二氧化碳当量", "二氧化碳", "CO2当量")
UNITS_CN = sorted(
    {m + q for m in CN_MEASURES for q in ("", *CN_MEASURED) if not q or m in ("吨", "千克", "公斤")} | {"千元"},
    key=len,
    reverse=True,
)
# English: an SI prefix on a unit symbol (GW, TWh, MtCO2e, km2), or a unit's name.
_EN_SYMBOLS = ("Wh", "W", "tCO2e", "tCO2", "t", "m3", "m2", "m")
UNITS_EN = [
    p + s for p in ("T", "G", "M", "k", "") for s in _EN_SYMBOLS if p + s not in ("m", "t", "Mm", "Gm", "Tm")
] + [
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "tonnes",
    "tons",
    "megatonnes",
    "percent",
    "per cent",
    "%",
    "percentage points",
    "hectares",
    "acres",
    "square metres",
    "square meters",
    "square kilometres",
    "square kilometers",
    "cubic metres",
    "cubic meters",
    "megalitres",
    "megaliters",
    "litres",
    "liters",
    "gigawatts",
    "megawatts",
    "gigawatt",
    "megawatt",
    "kilowatts",
    "kilowatt",
    "gigawatt-peak",
    "megawatt-peak",
    "kilowatt-peak",
    "GWp",
    "MWp",
    "kWp",
    "terawatt hours",
    "gigawatt hours",
    "megawatt hours",
    # US customary and imperial units, by name
    "metres",
    "meters",
    "yards",
    "decibels",
    "dB",
    "kg",
    "minutes",
    "hours",
    "days",
    "weeks",
    "months",
    "mph",
    "km/h",
    "miles per hour",
    "kilograms",
    "grams",
    "micrograms",
    "milligrams",
    "gallons",
    "barrels",
    "pounds",
    "feet",
    "square feet",
    "square miles",
    "cubic feet",
    "short tons",
    "therms",
    "BTU",
    "MMBtu",
    "quads",
]
EN_MAGNITUDE = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
RATE_UNITS = re.compile(r"^[台个人辆张]/(万|千|百)?[人户]")  # 360台/万人, 3.5张/千人

FUTURE_CN = ("力争", "计划", "预计", "有望", "争取", "确保", "目标", "将", "拟", "要", "规划", "预期")
# A cue is a word, not a character inside another word: 要 in 主要, 需要 or
# 要求 does not speak of the future, nor 将 in 将军; and nothing inside a
# document's title (《…规划》) is a cue about the sentence.
NOT_CUES = re.compile(r"《[^》]*》|主要|需要|重要|要求|要素|只要|必要|将军|计划单列|规划局|[比较]上一?年")
PAST_CN = (
    "已经",
    "已",
    "累计",
    "截至",
    "截止",
    "目前",
    "去年",
    "近年来",
    "先后",
    "共计",
    "总计",
    "当年",
    "成为",
    "被认定",
    "获批",
    "入驻",
    "落户",
    "同比",
    "上年",
    "全年",
    # statistics reported: 据统计，今年前三季度…城镇调查失业率5.1%
    "据统计",
    "据初步统计",
    "统计显示",
    "数据显示",
    "前三季度",
)
FUTURE_EN = (
    "will",
    "shall",
    "aim",
    "aims",
    "target",
    "goal",
    "plan",
    "plans",
    "by 20",
    "expected to",
    "should",
    "wants",
    "want",
    "commit",
    "to reach",
    "to cut",
    "to raise",
    "to build",
    "expects",
    "expect",
    "is to",
    "are to",
    # an undertaking said in the perfect: "has pledged to recruit", "has committed to reducing"
    "pledged to",
    "pledges to",
    "pledge to",
    "committed to",
    "promised to",
    "promises to",
    "vowed to",
    "intends to",
    "must",
)
PAST_EN = (
    "reached",
    "was",
    "were",
    "had",
    "last year",
    "so far",
    "achieved",
    "recorded",
    "rose",
    "fell",
    "grew",
    "stood at",
)
# "has" and "have" speak of the past in the perfect ("has installed", "have been"),
# not as "to have access" or "will have".
PERFECT_EN = re.compile(
    r"(?<!\bto )(?<!\bwill )(?<!\bshould )(?<!\bmust )(?<!\bmay )(?<!\bcould )(?<!\bwould )"
    r"\b(has|have)\s+(?:already\s+|now\s+|so far\s+|since\s+)?(?:been|[a-z]{2,}ed|[a-z]+en|built|made|set|"
    r"met|put|cut|spent|won|paid|sold|seen|done|got|brought|kept|led|lost|held|hit)\b",
    re.I,
)

INCREASE_CUES = (
    "达到",
    "超过",
    "突破",
    "不少于",
    "以上",
    "力争",
    "增加到",
    "提高到",
    "提升到",
    "增至",
    "打造",
    "建成",
    "新增",
    "培育",
    "引进",
    "at least",
    "reach",
    "exceed",
    "more than",
    "over",
    "raise",
)
DECREASE_CUES = (
    "控制在",
    "以内",
    "下降到",
    "降至",
    "降低到",
    "减少到",
    "压减到",
    "压缩至",
    "压缩到",
    "缩短至",
    "缩短到",
    "at most",
    "under",
    "below",
    "reduce to",
    "cut to",
    "no more than",
    "fewer than",
    "less than",
    "not exceed",
    "not to exceed",
    "not more than",
)
CAP_CUES = (
    "最高",
    "上限",
    "不超过",
    "最多",
    "小于",
    "不高于",
    "up to",
    "caps",
    "cap",
    "capped at",
    "no more than",
    "at most",
    "capped",
    "kept below",
    "kept under",
    "kept at or below",
    "not exceed",
    "not to exceed",
    "not more than",
)
FLOOR_CUES = ("不低于", "不少于", "至少", "最低", "at least", "no less than")
RATE_CUES = re.compile(
    r"(年均|平均每年|每年|年)(增长|增速|提高|下降)|增速|增长率|同比|(比|较)(\d{4}|上)年(水平)?(下降|降低|提高|增长|减少)|"
    r"(增长|提高|下降|减少|降低)(了)?\s*$|\bannual\b(?!\s+(?:mean|average|concentrations?|consumption|production|output|sales))|compared with|"
    r"from \d{4} levels|"
    r"\b(cut|reduce|lower|raise|increase)\b[a-z ]*\bby\s*$"
)
RATE_AFTER = re.compile(r"^\s*(a year|per year|each year|every year|annually|a month|per month)\b")
MILESTONE_VERBS = ("建成", "开通", "投运", "投产", "通车", "竣工", "完成", "推进", "建设", "启用", "开工")
MILESTONE_NOUNS = (
    "机场",
    "铁路",
    "高速",
    "高铁",
    "地铁",
    "轨道交通",
    "大桥",
    "隧道",
    "港",
    "码头",
    "航道",
    "疏浚",
    "枢纽",
    "电站",
    "核电站",
    "水库",
    "医院",
    "体育馆",
    "博物馆",
    "段）",
    "段)",
    "线",
)
BULLET = re.compile(
    r"^\s*(?:(?:[-*•▶►·◎●■□◆★☆○※]|——?)\s*)+|^\s*[（(][一二三四五六七八九十\d]+[）)]\s*|^\s*\d+[.、)]\s*"
    r"|^\s*[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]\s*"
)
# A numbered heading of a plan: 三、发展目标, 第二章 主要目标, ## Targets.
NUMBERED_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十\d]+[章节部分篇]\s*|#{1,6}\s+)"
)
# A section whose heading names targets: the deadline its first paragraph
# opens with governs the paragraphs under it, until the next heading.
TARGET_HEADING = re.compile(
    r"目标|指标|工作要点|工作计划|重点工作|\b(?:targets?|goals?|objectives?|ambitions?|"
    r"commitments?|priorities)\b",
    re.I,
)
# What may come before a paragraph's opening deadline: 「◎《方案》明确，」, 「《规划》提出：」.
LEAD_IN = re.compile(
    r"^[\s◎●■□◆★☆○※>—-]*(?:(?:《[^》]{1,80}》|[^，,。；;：:]{0,16}(?:方案|规划|意见|计划|通知|纲要|文件|报告|"
    r"政府|部门|省|市))(?:中)?(?:还|进一步)?(?:明确|提出|指出|要求|规定|强调|显示|表示)(?:了)?\s*[，,：:]?\s*)?"
)
CN_NUM = rf"[{CN_DIGITS}]+"
AR_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a hundred": 100,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}


def count_word(word: str | None) -> int | None:
    """3 for "3", "three" or 三; None for a word it does not know."""
    if not word:
        return None
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word.lower())


# Words that hedge an amount without changing what it is: "by nearly 80%", "by at least 40%".
HEDGES_EN = (
    r"at least|at most|no more than|around|about|some|nearly|almost|roughly|approximately|close to|"
    r"more than|over|up to|as much as|an estimated"
)
