"""Page furniture of government web pages: what surrounds a report on its page and is no part of it.

Breadcrumbs (当前位置:首页>政务公开>…), copyright and licence lines, widget text (字体:[大 中 小],
分享到, 浏览次数:93, 打印本页) and the disclosure catalogue's metadata rows (索引号, 主题分类, 发布机构,
公开方式 …). The HTML reader drops the chrome and the widgets while it reads a page; a report saved
as plain text carries them all in its first lines, where the matcher must not take them for the
body (ingest keeps the metadata rows: metadata.py reads the publication date from them).
"""

from __future__ import annotations

import re

_COLON = r"[:\uff1a]"
_OPEN = r"[\[\u3010\uff3b]"
_CLOSE = r"[\]\u3011\uff3d]"
WIDGET_TEXT = re.compile(
    "|".join((
        rf"{_OPEN}?\s*(?<!文)字[体号](?:大小)?\s*{_COLON}?\s*(?:{_OPEN}[\s大中小]*{_CLOSE}|大\s*中\s*小|$)\s*{_CLOSE}?",
        rf"(?:浏览次数|浏览量|阅读次数|阅读量|访问次数|访问量|点击数|点击量|点击次数)\s*{_COLON}\s*\d*\s*次?",
        rf"分享到\s*{_COLON}?(?:\s*(?:微信|朋友圈|新浪微博|腾讯微博|微博|QQ空间|QQ|人人网|豆瓣))*",
        rf"{_OPEN}?\s*(?:打印本页|打印此页|打印文章|关闭窗口|关闭本页|加入收藏|收藏本页|返回顶部)\s*{_CLOSE}?",
        rf"{_OPEN}\s*(?:打印|关闭|收藏|返回)\s*{_CLOSE}",
    ))
)
CHROME_LINE = re.compile(
    rf"^\s*(?:(?:当前位置|您当前的位置|您当前位置|您现在的位置|您现在所在的位置|您所在的位置|所在位置)\s*(?:{_COLON}|[^\n]*?[>\uff1e»›])"
    rf"|首页\s*(?:[>\uff1e»›/]|$)|[>\uff1e»›]{{2}})"
    r"|版权所有(?![者人])|ICP备\s*\d|公网安备\s*\d|网站标识码|欢迎您?的?访问|^\s*(?:您好[!\uff01]?\s*$|今天是)"
)
_CATALOGUE_LABEL = (
    r"(?:(?:信息)?索\s*引\s*号|文件名称|名\s*称|发文机构|公文时效|公文种类|主题分类|体裁分类|组配分类|信息分类|"
    r"发布机构|发布部门|发文机关|成文日期|生成日期|发布日期|发布时间|公开方式|公开范围|公开时限|文件编号|发文字号|"
    r"文号|有效性|时效|来源|信息来源|标题)"
)
_CATALOGUE_ROW = re.compile(rf"^[\s|•·\-]*(?:{_CATALOGUE_LABEL}\s*{_COLON}|{_OPEN}{_CATALOGUE_LABEL}{_CLOSE})")
"""A row of the disclosure catalogue: 索引号: …, - 公开方式:, or a label in brackets ([发布机构]…)."""
_BULLETS = " |•·"


def is_page_furniture(line: str) -> bool:
    """Is this line of a saved page chrome, a catalogue row, or nothing but widget text?"""
    return bool(
        CHROME_LINE.search(line) or _CATALOGUE_ROW.match(line) or not WIDGET_TEXT.sub("", line).strip(_BULLETS)
    )
