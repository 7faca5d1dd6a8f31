#!/bin/sh
# Builds data/cn-14th-five-year-plan.json: the main indicators of China's 14th
# Five-Year Plan outline (专栏1), in the forms the outline writes them, with
# the yearly national figures found quoted from the National Bureau of
# Statistics (NBS). Every value carries its source and the words quoted; an
# indicator whose figures were not found quoted has no data. Run from the
# repository root with targettrack installed:  sh data/cn-14th-five-year-plan.sh
set -eu
OUT=data/cn-14th-five-year-plan.json
rm -f "$OUT"
rm -rf "$OUT.backups" "$OUT.lock"
export TARGETTRACK_DB="$PWD/$OUT" TARGETTRACK_TODAY=2026-11-26 TARGETTRACK_USER="样例数据"
tt() { targettrack "$@" >/dev/null; }
targettrack init >/dev/null

OUTLINE="《中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要》专栏1 “十四五”时期经济社会发展主要指标"
URL="https://www.gov.cn/xinwen/2021-03/13/content_5592681.htm"
add() {  # id title title_en ... (the rest are the target's own options)
  id=$1; title=$2; en=$3; shift 3
  tt add "$id" --title "$title" --title-en "$en" --plan cn-14fyp --tag 十四五 --start 2021 --deadline 2025 \
    --owner 全国人民代表大会 --source "$OUTLINE" --source-url "$URL" --source-publisher 新华社 \
    --source-date 2021-03-13 "$@"
}

# The 17 numeric indicators of the 20 (GDP growth, labour productivity growth and
# disposable income growth are set relative to GDP growth, without a figure).
add cn-urbanization 常住人口城镇化率 "Urbanization rate of the resident population" \
  --target 65% --baseline 60.6% --baseline-date 2019 --expected --source-note "2025年 65; 60.6 为2019年数据（*）; 预期性"
add cn-rd-spending 全社会研发经费投入增长 "Growth of R&D spending" \
  --growth ">7%" --unit 亿元 --baseline-date 2020 --expected \
  --source-note "年均 >7%, 投入强度高于“十三五”时期实际; 预期性. The plan's 7% is growth at comparable (constant) prices; the yearly growth recorded below is the bulletins' nominal growth (current prices), which runs above it by the rise in prices."
add cn-patents 每万人口高价值发明专利拥有量 "High-value invention patents per 10,000 people" \
  --target 12件 --baseline 6.3 --baseline-date 2020 --expected --source-note "2020年 6.3, 2025年 12; 预期性"
add cn-digital-economy 数字经济核心产业增加值占GDP比重 "Value added of core digital industries, share of GDP" \
  --target 10% --baseline 7.8 --baseline-date 2020 --expected --source-note "2020年 7.8, 2025年 10; 预期性"
add cn-unemployment 城镇调查失业率 "Surveyed urban unemployment rate" \
  --kind cap --target "<5.5%" --each year --expected --source-note "<5.5, 每年; 预期性"
add cn-education-years 劳动年龄人口平均受教育年限 "Average years of schooling of the working-age population" \
  --target 11.3年 --baseline 10.8 --baseline-date 2020 --binding --source-note "2020年 10.8, 2025年 11.3; 约束性"
add cn-doctors 每千人口拥有执业（助理）医师数 "Licensed (assistant) doctors per 1,000 people" \
  --target 3.2人 --baseline 2.9 --baseline-date 2020 --expected --source-note "2020年 2.9, 2025年 3.2; 预期性"
add cn-pension-coverage 基本养老保险参保率 "Basic pension insurance coverage" \
  --target 95% --baseline 91 --baseline-date 2020 --expected --source-note "2020年 91, 2025年 95; 预期性"
add cn-childcare 每千人口拥有3岁以下婴幼儿托位数 "Childcare places for under-3s per 1,000 people" \
  --target 4.5个 --baseline 1.8 --baseline-date 2020 --expected --source-note "2020年 1.8, 2025年 4.5; 预期性"
add cn-life-expectancy 人均预期寿命 "Life expectancy" \
  --change +1岁 --baseline 77.3 --baseline-date 2019 --expected --source-note "77.3 为2019年数据（*）, 〔1〕: 五年累计提高1岁; 预期性"
add cn-energy-intensity 单位GDP能源消耗降低 "Energy use per unit of GDP, cumulative fall" \
  --change -13.5% --baseline-date 2020 --binding --source-note "〔13.5〕: 五年累计降低13.5%; 约束性"
add cn-co2-intensity 单位GDP二氧化碳排放降低 "CO2 emissions per unit of GDP, cumulative fall" \
  --change -18% --baseline-date 2020 --binding --source-note "〔18〕: 五年累计降低18%; 约束性"
add cn-air-quality 地级及以上城市空气质量优良天数比率 "Share of days with good air, cities at prefecture level and above" \
  --target 87.5% --baseline 87 --baseline-date 2020 --binding --source-note "2020年 87, 2025年 87.5; 约束性"
add cn-surface-water 地表水达到或好于Ⅲ类水体比例 "Share of surface water of grade III or better" \
  --target 85% --baseline 83.4 --baseline-date 2020 --binding --source-note "2020年 83.4, 2025年 85; 约束性"
add cn-forest-cover 森林覆盖率 "Forest cover" \
  --target 24.1% --baseline 23.2 --baseline-date 2019 --binding --source-note "23.2 为2019年数据（*）, 2025年 24.1; 约束性"
add cn-grain-capacity 粮食综合生产能力 "Grain production capacity" \
  --kind floor --target ">6.5亿吨" --each year --binding \
  --source-note ">6.5, 每年; 约束性. Judged on the year's grain output, as the NBS publishes it."
add cn-energy-capacity 能源综合生产能力 "Energy production capacity" \
  --kind floor --target ">46亿吨标准煤" --each year --binding --source-note ">46, 每年; 约束性"

# Yearly national figures, each as quoted (the page it was read on is named).
NBS21="国家统计局《中华人民共和国2021年国民经济和社会发展统计公报》, 2022-02-28 (quoted at https://fx361.cc/page/2022/1117/11072185.shtml)"
tt update cn-energy-intensity --yoy -2.7% --date 2021 --source "$NBS21" --note "全国万元国内生产总值能耗比上年下降2.7%"
tt update cn-co2-intensity --yoy -3.8% --date 2021 --source "$NBS21" --note "万元国内生产总值二氧化碳排放下降3.8%"
tt update cn-rd-spending --yoy 14.2% --date 2021 --source "$NBS21" \
  --note "全年研究与试验发展(R&D)经费支出27864亿元,比上年增长14.2% (the communiqué's preliminary figure)"
tt update cn-rd-spending --yoy 14.6% --date 2021 \
  --source "国家统计局、科学技术部、财政部《2021年全国科技经费投入统计公报》, 2022-08-31 (quoted by 科技日报 at https://keji.rednet.cn/content/2022/08/31/11773536.html)" \
  --note "全国共投入研究与试验发展(R&D)经费27956.3亿元,比上年增加3563.2亿元,增长14.6% (the final figure, as 2022's below)"
tt update cn-rd-spending --yoy 10.4% --date 2022 \
  --source "求是网《中国高质量发展取得新成效》, 2023-10-08 (https://www.qstheory.cn/international/2023-10/08/c_1129936749.htm)" \
  --note "2022年,中国全社会研究与试验发展(R&D)经费投入达3.1万亿元,首次突破3万亿元,比上年增长10.4%"
tt update cn-rd-spending --yoy 10.1% --date 2022 \
  --source "国家统计局、科学技术部、财政部《2022年全国科技经费投入统计公报》, 2023-09-18 (quoted by 中国新闻网 at http://xgambeijing.cn/cn/Instant/domestic/202309/t20230918_7488851.html)" \
  --note "全国共投入研究与试验发展(R&D)经费30782.9亿元,比上年增加2826.6亿元,增长10.1% (the later, revised figure)"
tt update cn-unemployment 5.6% --date 2022 \
  --source "国家统计局《中华人民共和国2022年国民经济和社会发展统计公报》, 2023-02-28 (quoted at https://freewechat.com/a/MzA5NjI1ODAzNQ==/2797174616/)" \
  --note "全年全国城镇调查失业率平均值为5.6%"
tt update cn-unemployment 5.2% --date 2023 \
  --source "国家统计局《2023年国民经济和社会发展统计公报》, 2024-02-29, as reported by 新华社 (http://www.0492.com.cn/skkx/skjx/content/post_1129545.html)" \
  --note "2023年,全国城镇调查失业率均值为5.2%,比上年下降0.4个百分点"
tt update cn-urbanization 66.16% --date 2023 \
  --source "国家统计局《2023年国民经济和社会发展统计公报》, 2024-02-29, as reported by 人民网 (http://15672526ak.iask.in:8082/general/pass.php?tj0fX=6S.html)" \
  --note "2023年末,全国常住人口城镇化率为66.16%,比上年末提高0.94个百分点"
tt update cn-urbanization 67.00% --date 2024 \
  --source "国家统计局局长康义, 国新办2024年国民经济运行情况新闻发布会, 2025-01-17 (quoted at http://sdhenghua.com/fuwuxiangmu/322739.html)" \
  --note "城镇化率为67.00%"
tt update cn-grain-capacity 13657亿斤 --date 2021 \
  --source "国家统计局《2021年国民经济和社会发展统计公报》, 2022-02-28 (quoted at http://qgebv.cn/fzdt/cs/2022/0301/170684.html)" \
  --note "2021年糧食總產量13657億斤,比上年增產267億斤,增長2.0%"
tt update cn-grain-capacity 68653万吨 --date 2022 \
  --source "国家统计局《中华人民共和国2022年国民经济和社会发展统计公报》, 2023-02-28 (its agriculture part quoted at http://www.claytorial.com/lysc/scfx/xm/202303/t20230301_67603.html)" \
  --note "2022年全年糧食產量68653萬噸,比上年增加368萬噸,增產0.5% (13731亿斤 elsewhere is this figure rounded)"
tt update cn-grain-capacity 69541万吨 --date 2023 \
  --source "国务院新闻办公室新闻发布会, 2024-01-17, as reported by 央视网 (http://103.52.134.50/scripts/wab.php?U7k=qv5AJ.html)" \
  --note "2023年,粮食产量再创新高,达到69541万吨"
tt update cn-grain-capacity 14130亿斤 --date 2024 \
  --source "国家统计局, 2025-01-17, as reported (http://www.auto-ty.com/2025/0124/722207.shtml)" \
  --note "去年,我國糧食產量達14130億斤,首次邁上1.4萬億斤新臺階"
tt update cn-education-years 10.93 --date 2022 \
  --source "国家统计局人口和就业统计司司长王萍萍, 2023-01-18, as reported by 证券时报·e公司 (http://dzb.jinbaonet.com/yaowen/2023/0118/100091014.html)" \
  --note "2022年,我国16—59岁劳动年龄人口平均受教育年限达到10.93年,比2021年提高0.11年,比2020年提高0.18年"
tt update cn-education-years 11.05 --date 2023 \
  --source "国家统计局副局长盛来运, 2024-01-17, as reported by 商业电台 (https://www.881903.com/news/amp/finance/2523182)" \
  --note "勞動年齡人口平均受教育年限提升至11.05年"
rm -rf "$OUT.backups" "$OUT.lock"
echo "wrote $OUT"
