"""Numbers in a policy text that are not targets: a count of the document's
own items (8部门, 59项具体措施, three pillars), of the bodies that issued it,
a share of the day (24/7), a fact about what exists now (its population of
2 million).
"""

from __future__ import annotations

import re

from .quantities import Quantity

# A count of the document's own items, a share of time, a label: not targets.
_LABEL_AFTER_CN = {  # after the classifier: 8部门, 15个部门, 59项具体措施, 20条意见
    "部": re.compile(r"^(?:门|委|署|局)"),
    "个": re.compile(r"^(?:部门|单位|方面)"),
    "项": re.compile(r"^(?:具体|重点|主要|重大)?(?:措施|任务|举措|政策|行动|内容|条款|改革|意见|指标)"),
    "条": re.compile(r"^(?:具体|重点|主要)?(?:措施|意见|举措|政策|规定)"),
}
_LABEL_NOUNS_EN = re.compile(
    r"^(?:targets?|goals?|actions?|measures?|recommendations?|priorities|commitments?|"
    r"objectives?|principles?|pillars?|steps?|points?|chapters?|sections?|years?|months?|days?)\b"
)
_FACT_BEFORE_EN = re.compile(
    r"\b(?:its|their|our|his|her|the city's|the state's)\s+(?:[a-z-]+\s+){0,2}of\s*(?:around|about|some)?\s*$"
    r"|\bbaseline of\s*(?:around|about|some)?\s*$|\bcurrently\s+(?:[a-z-]+\s+){0,3}$",
    re.I,
)


def is_label(clause: str, q: "Quantity", before: str) -> bool:
    """A count of the document's own items or of the bodies that issued it,
    a share of the day (24/7), a fact about what exists: not a target."""
    after = clause[q.end :]
    # Rules called alike, positionally (clause, q, before, after).
    for rule in (
        _counts_and_conditions,
        _forecasts_and_rules,
        _names_and_scopes,
    ):
        found = rule(clause, q, before, after)
        if found is not None:
            return found
    return bool(_FACT_BEFORE_EN.search(before))


def _counts_and_conditions(clause, q, before, after):
    if q.unit in _LABEL_AFTER_CN and _LABEL_AFTER_CN[q.unit].match(after):
        return True
    if re.search(r"(?:^|[^A-Za-z\d.,])\d[\d.,]*\s*[%％]?\s*(?:to|-|–|—|~|～|至)\s*$", before) and not re.search(
        r"(?:\bfrom|[从由])\s*(?:around\s+|about\s+)?[\d.]+\s*[%％]?\s*(?:to|至|到)\s*$", before, re.I
    ):
        return True  # the upper end of a range, "36% to 38%": the range is proposed by its first number
    if (
        re.match(
            r"(?:(?:working|business|calendar)\s+)?(?:weeks?|days?|months?|hours?|minutes?|seconds?)\b",
            q.noun or q.unit,
        )
        and not re.match(r"\s*on\s+average\b", after, re.I)
        and (
            re.search(r"\bwithin\s*$|\bwait(?:ing|s|ed)?\s+(?:(?:more|longer)\s+than|over)\s*$", before)
            or re.search(
                r"[\d.]+\s*(?:%|percent|per cent)\s+of\b[^.;]{0,80}\b(?:no "
                r"(?:longer|more) than|less than|under|in)\s*$",
                before,
                re.I,
            )
        )
    ):
        return True  # "start treatment within 18 weeks", "92% of patients to wait no longer than 18 weeks": a condition
        # ("arrive within 8 minutes on average" is a time to bring down, below)
    if (
        re.fullmatch(r"miles|km|kilomet(?:re|er)s|met(?:re|er)s|yards|feet", q.unit or "")
        and re.search(r"\b(?:within|no (?:more|further|farther) than|less than|under)\s*$", before, re.I)
        and re.match(r"\s*(?:['’]s?\s+)?(?:(?:walk|drive|ride|cycle)\s+)?(?:of|from)\b", after, re.I)
    ):
        return True  # "a rapid charger within 10 miles of every resident": how near, a condition of access
    if re.search(
        r"\b(?:bills?|prices?|fares?|costs?|premiums?|charges?|tariffs?)\s+(?:will|would|could|may|are (?:expected|"
        r"set|likely) to|is (?:expected|set|likely) to)\s+(?:rise|increase|go up|fall|drop|come down)\s+by\s+"
        r"(?:an average of\s+|about\s+|around\s+|roughly\s+|some\s+)?$",
        before,
        re.I,
    ):
        return True  # "Bills will rise by an average of £86 a year": what people will pay, foreseen, not a target
    if q.unit in ("米", "公里") and re.match(r"^(?:范围内的?)?(?:覆盖率|服务半径|覆盖|半径|范围)", after):
        return True  # 公交站点500米覆盖率: a distance in an indicator's name
    if q.unit == "分钟" and re.match(r"^(?:通勤|车程|步行|骑行|生活圈|服务圈|交通圈|可达)", after):
        return True  # 45分钟通勤比例: part of an indicator's name
    if re.search(r"(?:减按|按)\s*$", before) or re.match(r"^的?税率", after):
        return True  # 减按25%计算, 按20%的税率: the terms of a tax rule
    if re.search(
        r"\b(?:with|at)\s+(?:a\s+)?(?:total\s+)?(?:budget|funding|cost|price)\s+of\s*(?:about\s+|around\s+|some\s+)?$|\b(?:allocates?|allocated|earmarks?|"
        r"earmarked|approved|approves)\s*(?:about\s+|around\s+|some\s+)?$",
        before,
        re.I,
    ):
        return True  # "with a budget of £5 billion": the means, not the target
    if re.search(
        r"\benough\s+(?:to|for)\s+(?:power|supply|heat|serve|feed|house|meet the needs of)?\s*(?:about\s+|around\s+|some\s+)?$",
        before,
        re.I,
    ):
        return (
            True  # "30 gigawatts of offshore wind by 2030, enough to power 10 million homes": what the target is worth
        )
    if re.search(
        r"\b(?:expects?|expected|projects?|projected|forecasts?|predicts?|predicted|anticipates?)\b[^.;]{0,40}?"
        r"\b(?:demand|population|consumption|traffic|prices?)\b[^.;]{0,30}?\b(?:grow|rise|increase|climb|double)\b"
        r"[^.;]{0,20}$|\b(?:demand|population|consumption|traffic|prices?)\b[^.;]{0,30}?\b(?:is|are)\s+(?:expected|"
        r"projected|forecast)\s+to\s+(?:grow|rise|increase|climb)\b[^.;]{0,20}$",
        before,
        re.I,
    ):
        return True  # "expects electricity demand to grow by 75% by 2050": a forecast, not a target
    return None


def _forecasts_and_rules(clause, q, before, after):
    if re.search(
        r"\b(?:is|are)\s+(?:projected|forecast|predicted)\s+to\s+(?:reach|hit|return to|rise to|fall to|make up|"
        r"account for)\s*$",
        before,
        re.I,
    ):
        return True  # "Bus ridership is projected to reach 95% …": a forecast
    if (
        re.search(r"\b(?:forecasts?|predicts?|projects?|estimates?)\s+that\b[^.;]*$", before, re.I)
        or re.search(
            r"\b(?:government|agency|department|ministry|office|council|regulator|operator|industry|analysts|economists|"
            r"experts|forecasters|body|bank|[A-Z][A-Za-z]+)\s+(?:forecasts|predicts|estimates)\s+(?!that\b)"
            r"[a-z][^.;]*$",
            before,
        )
        or re.search(
            r"\b(?:[Aa]nalysts|[Ee]conomists|[Ee]xperts|[Ff]orecasters|[Ii]nvestors|[Oo]bservers|[Mm]arkets)\s+"
            r"(?:expect|predict|forecast|estimate|project|see)\b[^.;]*$",
            before,
        )
    ):
        return True  # "The agency forecasts that demand will reach 500 TWh", "The government forecasts passenger numbers will grow to"
    if re.search(
        r"\b(?:speed|weight|height|age|noise)\s+limits?\b[^.;,]{0,50}?\b(?:drops?|falls?|rises?|(?:be|is|are)\s+"
        r"(?:cut|lowered|reduced|raised|set|increased))\s+to\s*$",
        before,
        re.I,
    ):
        return True  # "The default speed limit … will drop to 20 mph": a rule's setting, not a target
    if re.search(
        r"每(?:个|一个|座|所|家)?[\u4e00-\u9fff]{1,6}?(?:至少|均|都|各)?(?:建成|建设|配备|设立|设置|配置|有)\s*$",
        before,
    ):
        return True  # 每个街道至少建成1个养老服务中心: a standard for each street, not a count to reach
    if re.search(r"(?:涉及|惠及|带动)[^，。；;]{0,6}$", before):
        return True  # 涉及居民5万户: the scope of a plan, not its target
    if re.match(
        r"^\s*(?:(?:that|which)\s+(?:are|is)\s+)?(?:expected|projected|forecast|predicted|likely)\s+to\b", after, re.I
    ):
        return True  # "on top of the 1.87 million expected to be built anyway": a forecast
    if (
        re.search(r"(?:提高|增加|上调|提升|增长)\s*$", before)
        and q.unit not in ("%", "％")
        and re.match(r"^[，,]?\s*(?:达到|至|到)[^，。；;]{0,12}?\d", after)
    ):
        return True  # 提高20元，达到每人每月123元: the increment of the level that is the target
    if q.unit == "%" and re.match(r"\s*of\s+(?:the\s+)?(?:projected|expected|forecast|anticipated)\b", after, re.I):
        return True  # "about 3% of projected electricity demand in that year": what the target is worth
    if q.unit == "岁" and re.match(
        r"^(?:及)?(?:以下|以上)?的?(?:婴幼儿|儿童|幼儿|老年人|老人|人口|人群|居民|学生|女性|男性|青少年)", after
    ):
        return True  # 3岁以下婴幼儿托位数: an age in an indicator's name
    if q.value in (999, 911, 112, 111, 101, 988) and re.match(
        r"\s*(?:calls?|callers|service|line|number|operators?)\b", after, re.I
    ):
        return True  # "95% of 999 calls": a telephone number
    if (
        q.unit in ("USD", "EUR", "GBP")
        and re.match(
            r"\s*(?:per|a|for each|for every)\s+(?:pupil|student|child|person|head|household|family|home|worker|employee|"
            r"patient|resident|vehicle|car|hectare|acre|tonne)s?\b",
            after,
            re.I,
        )
        and not re.search(
            r"\b(?:up to|at least|at most|no more than|a maximum of|a minimum of|capped at)\s*$", before, re.I
        )
    ):
        return True  # "Schools will receive £500 per pupil": a payment's rate, as a fixed award is; not a target
    return None


def _names_and_scopes(clause, q, before, after):
    if re.search(r"\bper\s*$", before):
        return True  # "3 hospital beds per 1,000 people": the denominator of a rate
    if (
        re.search(r"\bevery\s*$", before, re.I)
        and re.match(r"(?:minutes?|hours?|days?|weeks?|months?|years?)\b", q.noun or q.unit or "")
        or re.search(r"每隔?\s*$", before)
        and q.unit in ("分钟", "小时", "天", "日", "周", "个月", "月", "年")
    ):
        return True  # "buses at least every 15 minutes", 每5年评估一次: how often, not an amount to reach
    if re.search(
        r"\b(?:now|currently|already|today)\s+(?:runs?|has|have|operates?|owns?|employs?|serves?)\s*$", before, re.I
    ):
        return True  # "the agency now runs 120 electric buses": what there is today
    if re.search(
        r"\b(?:[Tt]ype|[Tt]ier|[Gg]rade|[Cc]ategory|[Bb]and|Goal|SDG|Target|Objective|Indicator|Pillar|"
        r"Priority)\s*$",
        before,
    ):
        return True  # "type 2 diabetes", "Tier 1 suppliers", "Goal 6 aims to …": a number in a name
    if re.match(r"^年一遇", after):
        return True  # 防洪标准达到50年一遇: a standard, not a count of years
    if re.match(
        r"^\s*(?:countries|nations|parties|signatories|members|governments|member states)\s+(?:have\s+)?"
        r"(?:committed|signed|agreed|joined|pledged|endorsed|adopted)\b",
        after,
    ):
        return True  # "more than 140 countries committed to …": who agreed, not a target
    if re.search(
        r"\b(?:Law|Act|Article|Section|Chapter|Regulation|Directive|Rule|Phase|Stage|Title|Schedule|Annex|"
        r"No\.?)\s*$",
        before,
    ):
        return True  # Local Law 97, Article 5
    if re.search(
        r"(?:\b[a-z]+s|^\s*[A-Z][a-z]+s)\s+(?:of\s+)?(?:over|above|under|below|larger than|smaller than|"
        r"more than|less than|longer than|shorter than)\s*$",
        before,
    ) or re.search(r"\b[a-z]+s\s+[a-z]+ing\s+(?:more|fewer|less)\s+than\s*$", before):
        return True  # "buildings over 25,000 square feet": which things a rule covers
    if re.match(r"^\s*(?:[（(]含本数[)）])?(?:以下|以上)?(?:[（(]含本数[)）])?的?部分", after):
        return True  # 应纳税所得额不超过300万元的部分: a bracket of a rule
    if re.match(r"^\s*/\s*\d", after) or re.search(r"\d\s*/\s*$", before):
        return True  # 24/7, 3/4
    if q.noun and _LABEL_NOUNS_EN.match(q.noun):
        return True
    # The start of a change: "from 14.5% to 16.5%", 从29.3降至25, 由8万户增加到10万户
    if re.search(r"\bfrom\s*(?:around|about)?\s*$", before, re.I) and re.match(
        r"^\s*to\s+(?:around\s+|about\s+)?\d", after, re.I
    ):
        return True
    if re.search(r"[从由]\s*$", before) and re.match(
        r"^[^，,。；;]{0,4}?(?:提高|增加|增长|提升|下降|降低|减少|降|升)?(?:到|至)", after
    ):
        return True
    # What there is now: "up from 50,000 today", "50,000 today"
    if re.search(r"\b(?:up|down)\s+from\s*(?:around|about)?\s*$", before, re.I) or re.match(
        r"^\s*(?:today|now|at present|currently)\b", after, re.I
    ):
        return True
    return None
