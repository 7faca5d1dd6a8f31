"""Text files as spreadsheets and editors save them: the encoding, found.

Excel on Chinese Windows saves "CSV (Comma delimited)" in GBK (GB18030 is
its superset), "CSV UTF-8" with a byte-order mark, and "Unicode Text" in
UTF-16 with a byte-order mark. A strict try of each, in this order, is
enough: UTF-8 is tried before GB18030 because bytes that decode as UTF-8
are almost never meant as GBK, and a BOM says UTF-16 outright. No detector
library: three strict decodes say which, or that none fits.
"""

from __future__ import annotations

import codecs

from .errors import InputError
from .i18n import N_, _

EXCEL_HINT = N_(
    "in Excel, choose File > Save As > 'CSV UTF-8 (Comma delimited)'; "
    "files in UTF-8, UTF-16 (with its byte-order mark), GB18030/GBK and Big5 are read "
    "(import --encoding chooses one)"
)


# The commonest characters of Chinese text, simplified and traditional, and of
# the words of plans and statistics: a file read in the right one of GB18030
# and Big5 is full of them; read in the wrong one it is mostly rare
# characters (Big5 bytes decode as GB18030 without an error, and back).
_COMMON = set(
    "的一是不了人在有我他这這中大来來上国國个個到说說们們为為子和你地出道也时時年得就那要下以生会會"
    "自着著去之过過家学學对對可她里裡后後小么麼心多天而能好都然没沒日于於起还還发發成事只作当當想看文无無"
    "开開手十用主行方又如前所本见見经經头頭面公同三已老从從动動两兩长長知民样樣现現分将將外但身些与與高意进"
    "進把法此实實回二理美点點月明其种種声聲全工己话話儿兒者向情部正名定女问問力机機给給等几幾很业業最间間新"
    "什打便位因重被走电電四第门門相次东東政海口使教西再平真听聽世气氣信北少关關并並内內加化由却代军軍产產入先"
    "山五太水万萬市眼体體别別处處总總才场場师師书書比住员員九笑性通目华華报報立马馬命张張活难難神数數件安表原车"
    "車白应應路期叫死常提感金何更反合放做系计計或司利受光王果亲親界及今京务務制解各任至清物台象记記边邊共风風"
    "战戰干接它许許八特觉覺望直服毛林题題建南度统統色字请請交爱愛让讓认認算论論百吃义義科怎元社术術结結六功指"
    "思非流每青管夫连連远遠资資队隊跟带帶花快条條院变變联聯言权權往展该該领領传傳近留红紅治决決周保达達办辦运"
    "運武半候七必城父强強步完革深区區即求品士转轉量空甚众眾技轻輕程告江语語英基派满滿式李息写寫呢识識极極令黄"
    "黃德收脸臉钱錢党黨倒未持取设設始版双雙历歷越史商千片容研像找友孩站广廣改议議形委早房音火际際则則首单單据"
    "據导導影失拿网網香似斯专專石若兵弟谁誰校读讀志飞飛观觀争爭究包组組造落视視济濟喜离離虽雖坐集编編宝寶谈談府"
    "拉黑且随隨格尽盡剑劍讲講布杀殺微怕母调調局根曾准團段终終乐樂切级級克精哪官示冷域县縣增亿億斤吨噸项項率"
)


def _common(text: str) -> int:
    return sum(c in _COMMON for c in text)


ENCODINGS = ("utf-8", "utf-16", "gb18030", "big5")


def decode(raw: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """(text, the encoding it was read in: utf-8, utf-16, gb18030 or big5), or an
    InputError. `encoding`: the one the user chose (import --encoding)."""
    if encoding is not None:
        return _strict(
            raw[len(codecs.BOM_UTF8) :] if encoding == "utf-8" and raw.startswith(codecs.BOM_UTF8) else raw,
            encoding,
            name,
        ), encoding
    if raw.startswith(codecs.BOM_UTF8):
        return _strict(raw[len(codecs.BOM_UTF8) :], "utf-8", name), "utf-8"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(raw, "utf-16", name), "utf-16"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in raw:  # UTF-16 without its mark, or a binary file: neither is GBK
        raise InputError(
            _("{name}: not text that can be read (NUL bytes); {excel_hint}").format(name=name, excel_hint=_(EXCEL_HINT))
        )
    found = {}
    for guess in ("gb18030", "big5"):
        try:
            found[guess] = raw.decode(guess)
        except UnicodeDecodeError as e:
            where = e.start
    if not found:
        raise InputError(
            _("{name}: neither UTF-8 nor GB18030 nor Big5 text (byte {byte}); {excel_hint}").format(
                name=name, byte=where, excel_hint=_(EXCEL_HINT)
            )
        ) from None
    # Both decode (they usually do): the one whose text is made of common characters is the one meant.
    best = max(found, key=lambda e: (_common(found[e]), e == "gb18030"))
    return found[best], best


def _strict(raw: bytes, encoding: str, name: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError(
            _("{name}: marked as {upper} but not valid {upper} (byte {byte}); {excel_hint}").format(
                name=name, upper=encoding.upper(), byte=e.start, excel_hint=_(EXCEL_HINT)
            )
        ) from None
