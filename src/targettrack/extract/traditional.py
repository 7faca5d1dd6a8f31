"""Traditional Chinese read as Simplified: a character for a character.

The vocabulary of extract (增长, 万元, 达到, 以上...) is written in Simplified
characters, and a plan reprinted in Traditional (a Hong Kong or Taiwan page,
a big5 copy: 經濟增長6%左右, 最高100萬元) matched none of it. The text is read
through this table, one character for one, so that every offset is the
document's own: the quote, the title and the words of a number are then
taken back from the document as it was written.

Only characters whose Simplified form is unambiguous are here (著, 乾, 麵,
係 are not: 顯著 stays 显著, not 显着). A Simplified text passes unchanged,
but for 於 and 後, which it rarely writes (a surname; 皇后 is 后 already).
"""

from __future__ import annotations

# Pairs: a Traditional character, then its Simplified one.
_PAIRS = (
    "業业發发長长設设區区體体實实達达勵励獎奖級级產产産产項项萬万進进務务領领資资質质給给點点對对債债條条規规"
    "國国礎础個个劃划創创現现強强總总鏈链過过網网轉转鄉乡報报郵邮綱纲載载態态環环從从術术與与標标單单財财動动"
    "鎮镇預预經经濟济價价續续確确儲储認认遞递農农將将優优為为會会費费專专備备連连濱滨評评軍军倉仓佈布視视線线"
    "鐵铁絡络蓋盖較较調调內内據据圍围時时準准帶带極极來来額额穩稳億亿積积爭争縣县臺台盤盘華华園园蘭兰黃黄鄭郑"
    "兩两驗验撥拨雙双獨独獸兽聞闻繼继節节際际灣湾頻频貢贡獻献佔占邁迈聯联細细顆颗濃浓氣气數数斷断勞劳齡龄壽寿"
    "歲岁協协縮缩範范蘇苏屆届響响勁劲躍跃漲涨糧粮別别謀谋換换統统籌筹負负堅坚決决隱隐閑闲購购擴扩問问題题樓楼"
    "構构適适綠绿滿满眾众衛卫裝装銀银補补橋桥羅罗陽阳車车啟启麥麦碼码殘残遷迁況况營营選选場场辦办開开這这盡尽"
    "揮挥撐撑顯显並并於于後后裏里裡里無无麼么們们說说語语請请讓让談谈議议記记計计訂订討讨許许論论證证試试識识"
    "護护讀读變变學学藝艺醫医療疗養养險险稅税貸贷貿贸員员賽赛贏赢貨货販贩買买賣卖職职機机權权殺杀東东軌轨輛辆"
    "輸输運运遠远還还邊边遼辽錢钱鋼钢鐘钟錄录門门閉闭間间關关隊队陸陆階阶隨随雜杂雞鸡電电靈灵韓韩頭头顧顾風风"
    "飛飞飯饭館馆馬马驅驱魚鱼鳥鸟麗丽黨党齊齐龍龙廣广廠厂慶庆應应廢废彈弹徑径戰战戶户擇择擔担擁拥攜携斂敛暫暂"
    "曆历歷历書书樣样樹树檢检歸归殼壳氫氢漢汉溝沟測测濕湿滬沪滅灭潔洁澤泽濾滤災灾煙烟熱热燈灯爐炉牆墙獲获猶犹"
    "畝亩畫画當当監监碩硕礦矿禮礼禍祸種种稱称競竞筆笔築筑簡简紀纪約约紅红納纳紙纸純纯組组結结絕绝維维綜综緊紧"
    "編编緩缓練练織织繫系罰罚習习聲声聽听肅肃脅胁腦脑膽胆臨临舉举興兴艙舱莊庄葉叶蓮莲蔣蒋薦荐藥药蘋苹處处號号"
    "蟲虫衝冲製制複复襲袭覽览觀观覺觉親亲詢询該该詳详誌志誤误課课諮咨謝谢豐丰貝贝責责貫贯貴贵貼贴賈贾賓宾賦赋"
    "賴赖贊赞趕赶趨趋跡迹踐践軟软輔辅輕轻週周違违遺遗邏逻鄰邻釋释針针鈔钞銷销鋪铺鏡镜閱阅隻只雖虽雲云靜静韌韧"
    "頁页順顺顏颜願愿類类飲饮餘余騰腾鬥斗鳳凤鹽盐齒齿倫伦傳传傷伤價价億亿勢势匯汇彙汇廳厅圖图壓压壞坏奪夺婦妇"
    "嚴严壯壮夢梦寬宽實实審审導导層层屬属島岛幣币幫帮庫库廈厦復复態态憑凭懷怀戲戏擊击擬拟敵敌漁渔滯滞濟济瀏浏"
    "爲为牽牵獎奖現现環环瓊琼畢毕療疗盜盗礙碍穩稳窮穷簽签範范糾纠紹绍終终絲丝綫线緒绪緣缘縱纵績绩"
    "纜缆罷罢羣群聖圣聯联腳脚膚肤艱艰蘆芦蝕蚀衆众裏里訊讯訓训託托詞词誠诚誕诞誘诱誰谁諾诺謂谓講讲譜谱譽誉"
    "讚赞貧贫販贩貶贬貸贷費费賀贺賠赔賬账賺赚賽赛趙赵輪轮輯辑轄辖迴回這这遊游運运過过達达違违遜逊遞递遙遥"
    "鄧邓醫医釣钓鈴铃鉅巨銳锐錯错鍵键鎖锁鏈链鑑鉴閣阁闊阔陣阵陳陈陰阴險险雙双雜杂靂雳韋韦頒颁頓顿頗颇頸颈"
    "題题顛颠飄飘飾饰饋馈駐驻驗验體体髒脏鬧闹魯鲁鮮鲜鴻鸿麼么黃黄齡龄"
)
TO_SIMPLIFIED = {ord(t): s for t, s in zip(_PAIRS[0::2], _PAIRS[1::2])}


def simplified(text: str) -> str:
    """`text` with its Traditional characters read as Simplified (the same length, offset for offset)."""
    return text.translate(TO_SIMPLIFIED)


def as_written(original: str, simple: str, piece: str) -> str:
    """`piece` (words of `simple`) as the document `original` writes them."""
    if not piece or simple is original:
        return piece
    at = simple.find(piece)
    return original[at : at + len(piece)] if at >= 0 else piece
