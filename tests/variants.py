"""The same report in the forms reviewers receive, generated from a plain-text seed for tests.

A saved government web page (navigation, breadcrumb, scripts, styles, font-size, sharing and
print widgets, view counter, footer around the body), the same page in GBK bytes with a GB2312
meta charset, a Word file, a PDF with a text layer and running header and page numbers, GB18030
bytes, a text hard-wrapped every few dozen characters, and one with full-width digits.
"""

from __future__ import annotations

import html
import io
from pathlib import Path

import docx
from PIL import Image, ImageDraw
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate

from scorer.normalize import heading_level

CJK_FONT = "STSong-Light"  # a CID font every PDF reader has: no font file needed
pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))

NAV = ("网站首页", "走进本市", "政务公开", "政务服务", "互动交流", "专题专栏")
BOILERPLATE = ("分享到", "浏览次数", "打印本页", "关闭窗口", "字体", "当前位置", "网站首页", "走进本市",
               "版权所有", "网站标识码", "ICP备", "var _hmt", "font-size", "相关链接", "上一篇")

_PAGE = """<!DOCTYPE html>
<html>
<head>
{meta}
<title>{title}_人民政府门户网站</title>
<link rel="stylesheet" href="/css/style.css">
<style type="text/css">body {{ font-size: 14px; }} .nav li {{ float: left; }}</style>
<script type="text/javascript">var _hmt = _hmt || []; document.write("分享到 浏览次数");</script>
</head>
<body>
<div class="topbar"><a href="/">网站首页</a> | <a href="/wza">无障碍浏览</a> | <a href="/en">English</a></div>
<div class="nav"><ul>{nav}</ul></div>
<div class="position">当前位置\uff1a<a href="/">首页</a> &gt;&gt; <a href="/zwgk">政务公开</a> &gt;&gt; <a href="/zwgk/fzzf">法治政府</a></div>
<table width="1000" align="center"><tr><td class="main">
<div class="article">
<h1>{title}</h1>
<div class="info"><span>浏览次数\uff1a<span id="hits">93</span></span>&nbsp;&nbsp;<span>字体\uff1a\uff3b<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>\uff3d</span></div>
<div class="content" id="zoom">
{body}
</div>
<div class="tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="bdsharebuttonbox">分享到\uff1a<a class="bds_weixin">微信</a> <a class="bds_tsina">微博</a> <a class="bds_qzone">QQ空间</a></div>
<div class="links"><p>相关链接\uff1a</p><ul><li><a href="/1">上一篇\uff1a关于印发工作要点的通知</a></li><li><a href="/2">下一篇\uff1a政府信息公开年度报告</a></li><li><a href="/3">法规规章库</a></li></ul></div>
</div>
</td></tr></table>
<div id="footer"><table><tr><td>主办单位\uff1a人民政府办公室 版权所有 <a href="/map">网站地图</a> <a href="/lx">联系我们</a> <a href="/sm">隐私声明</a></td></tr>
<tr><td>网站标识码\uff1a1303000001 冀ICP备05004780号</td></tr></table></div>
<script>var s = document.createElement("script"); s.src = "/count.js?font-size=3";</script>
</body>
</html>
"""


def lines(text: str) -> list[str]:
    """The seed's non-blank lines, as a Word or web author would have typed them."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def web_page(text: str, encoding: str = "utf-8") -> bytes:
    """The report as the body of a saved government page; `encoding` "gbk" declares GB2312."""
    title, *rest = lines(text)
    if encoding == "utf-8":
        meta = '<meta charset="utf-8">'
    else:
        meta = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    page = _PAGE.format(
        meta=meta,
        title=html.escape(title),
        nav="".join(f'<li><a href="/{i}">{label}</a></li>' for i, label in enumerate(NAV)),
        body="\n".join(f"<p>&nbsp;&nbsp;{html.escape(line)}</p>" for line in rest),
    )
    return page.encode(encoding, errors="xmlcharrefreplace")  # GBK lacks a few: &#160; as sites do


def word(text: str) -> bytes:
    """A .docx: the title, headings in a heading style, paragraphs, and a page header."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "人民政府文件"
    title, *rest = lines(text)
    document.add_heading(title, level=0)
    for line in rest:
        if heading_level(line) == 1:
            document.add_heading(line, level=1)
        else:
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf(text: str, title_as_later_header: bool = False) -> bytes:
    """An A4 PDF with a text layer: indented paragraphs, a running header and "- n -" numbers;
    or, with `title_as_later_header`, no header on page 1 and the report's title as the header of
    every later page (a common layout)."""
    body = ParagraphStyle("body", fontName=CJK_FONT, fontSize=12, leading=20, wordWrap="CJK", firstLineIndent=24)
    heading = ParagraphStyle("title", parent=body, fontSize=16, leading=28, alignment=TA_CENTER, firstLineIndent=0)
    title, *rest = lines(text)
    story = [Paragraph(html.escape(title), heading)] + [Paragraph(html.escape(line), body) for line in rest]

    def running(canvas: Canvas, document: SimpleDocTemplate) -> None:
        canvas.setFont(CJK_FONT, 9)
        if not title_as_later_header:
            canvas.drawCentredString(A4[0] / 2, A4[1] - 40, "人民政府文件")
        elif document.page > 1:
            canvas.drawCentredString(A4[0] / 2, A4[1] - 40, title)
        canvas.drawCentredString(A4[0] / 2, 30, f"- {document.page} -")

    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story, onFirstPage=running, onLaterPages=running)
    return out.getvalue()


def scanned_pdf(text_pages: int = 0) -> bytes:
    """A PDF of two pages that are only pictures of text, as a scanner makes them, after
    `text_pages` pages with a text layer."""
    image = Image.new("L", (620, 880), 255)
    draw = ImageDraw.Draw(image)
    for y in range(80, 820, 28):
        draw.rectangle((60, y, 560, y + 12), fill=40)
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    for _ in range(text_pages):
        canvas.setFont(CJK_FONT, 16)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 100, "法治政府建设情况报告")
        canvas.showPage()
    for _ in range(2):
        canvas.drawInlineImage(image, 0, 0, width=A4[0], height=A4[1])
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def hard_wrapped(text: str, width: int = 32) -> str:
    """Every line broken each `width` characters, as text copied out of a PDF is."""
    return "\n".join(
        line[i:i + width] for line in text.split("\n") for i in range(0, max(len(line), 1), width)
    )


def full_width_digits(text: str) -> str:
    return text.translate({ord("0") + i: 0xFF10 + i for i in range(10)})


def write_variants(seed: Path, directory: Path) -> dict[str, Path]:
    """Every variant of `seed` written into `directory`, by variant name."""
    text = seed.read_text(encoding="utf-8")
    contents = {
        "html": ("html", web_page(text)),
        "html_gbk": ("htm", web_page(text, "gbk")),
        "docx": ("docx", word(text)),
        "pdf": ("pdf", pdf(text)),
        "gb18030": ("txt", text.encode("gb18030")),
        "hard_wrapped": ("txt", hard_wrapped(text).encode("utf-8")),
        "full_width_digits": ("txt", full_width_digits(text).encode("utf-8")),
    }
    paths = {}
    for name, (suffix, data) in contents.items():
        paths[name] = directory / f"{seed.stem}.{name}.{suffix}"
        paths[name].write_bytes(data)
    return paths
