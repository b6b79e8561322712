"""extract.formats: bytes of .txt/.md/.html/.pdf/.docx -> text, or a one-line refusal."""

from __future__ import annotations

import pytest
from store_fakes import minimal_docx, minimal_pdf

from extract.formats import document_text
from extract.reading import UnreadableDocument

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>高新区新闻网</title>
<style>p {{ color: red }}</style><script>var nav = "首页";</script></head>
<body>
<header class="site-header"><a href="/">网站首页</a></header>
<nav><ul><li>新闻中心</li><li>政务公开</li></ul></nav>
<div class="breadcrumb">当前位置：首页 &gt; 新闻</div>
<article>
  <header><h1>高新区重点项目集中开工</h1></header>
  <p>本报讯　总投资<b>66</b>亿元，<br>新增企业12家。</p>
  <p>{extra}</p>
</article>
<aside>热点排行</aside>
<footer>版权所有 高新区管委会</footer>
</body></html>
"""


def html(extra: str = "第二段。") -> bytes:
    return PAGE.format(extra=extra).encode("utf-8")


# --- text -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param("总投资66亿元".encode(), ("总投资66亿元", "utf-8"), id="utf-8"),
        pytest.param("总投资66亿元".encode("utf-8-sig"), ("总投资66亿元", "utf-8-sig"), id="utf-8-bom"),
        pytest.param("总投资66亿元".encode("gbk"), ("总投资66亿元", "gb18030"), id="gbk"),
    ],
)
def test_text_file_is_decoded(data: bytes, expected: tuple[str, str]) -> None:
    assert document_text(data, "a.txt") == expected


def test_markdown_is_read_as_text() -> None:
    assert document_text("# 标题\n总投资66亿元".encode(), "a.md")[0] == "# 标题\n总投资66亿元"


def test_suffix_is_case_insensitive() -> None:
    assert document_text("总投资".encode(), "A.TXT")[0] == "总投资"


# --- html -----------------------------------------------------------------------------


def test_html_keeps_the_article_text() -> None:
    assert document_text(html(), "a.html")[0] == "高新区重点项目集中开工\n本报讯 总投资66亿元，\n新增企业12家。\n第二段。"


@pytest.mark.parametrize("chrome", ["网站首页", "新闻中心", "当前位置", "热点排行", "版权所有", "var nav", "color"])
def test_html_drops_page_chrome(chrome: str) -> None:
    assert chrome not in document_text(html(), "a.html")[0]


def test_html_without_article_uses_body() -> None:
    page = "<html><body><nav>首页</nav><div><p>总投资66亿元</p></div></body></html>".encode()
    assert document_text(page, "a.htm")[0] == "总投资66亿元"


def test_html_in_gbk_is_decoded() -> None:
    page = "<html><body><p>总投资66亿元</p></body></html>".encode("gbk")
    assert document_text(page, "a.html") == ("总投资66亿元", "html:gb18030")


def test_html_with_xml_declaration_is_read() -> None:
    page = '<?xml version="1.0" encoding="utf-8"?><html><body><p>总投资</p></body></html>'.encode()
    assert document_text(page, "a.html")[0] == "总投资"


def test_html_script_text_stays_out_but_escaped_text_stays_in() -> None:
    page = "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><script>alert(2)</script>".encode()
    assert document_text(page, "a.html")[0] == "<script>alert(1)</script>"


# --- pdf and docx ---------------------------------------------------------------------


def test_pdf_text_layer_is_read() -> None:
    assert document_text(minimal_pdf("Investment 66 yi yuan"), "a.pdf") == ("Investment 66 yi yuan", "pdf")


def test_docx_paragraphs_and_tables_are_read() -> None:
    data = minimal_docx(["高新区总投资66亿元", "新增企业12家"], [["项目", "投资"], ["一期", "5亿元"]])
    assert document_text(data, "a.docx") == ("高新区总投资66亿元\n新增企业12家\n项目\t投资\n一期\t5亿元", "docx")


# --- refusals ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        pytest.param(b"", "a.txt", "文件为空", id="empty-text"),
        pytest.param(b"  \n\t ", "a.txt", "文件为空", id="blank-text"),
        pytest.param(bytes(range(256)) * 40, "a.txt", "二进制", id="binary-as-text"),
        pytest.param(b"<html><nav>x</nav></html>", "a.html", "没有正文", id="html-only-navigation"),
        pytest.param(b"", "a.html", "文件为空", id="empty-html"),
        pytest.param(b"hello", "a.pdf", "不是 PDF", id="pdf-no-header"),
        pytest.param(b"%PDF-1.7\n1 0 obj <<>> garbage", "a.pdf", "PDF 文件已损坏", id="pdf-malformed"),
        pytest.param(minimal_pdf("x")[:200], "a.pdf", "PDF 文件已损坏", id="pdf-truncated"),
        pytest.param(minimal_pdf(" "), "a.pdf", "没有文字层", id="pdf-without-text"),
        pytest.param(b"PK\x03\x04 not a zip", "a.docx", "DOCX 文件已损坏", id="docx-malformed"),
        pytest.param(minimal_docx([""]), "a.docx", "没有文字", id="docx-empty"),
        pytest.param(b"abc", "a.exe", "不支持的文件类型", id="unsupported-suffix"),
        pytest.param(b"abc", "README", "无后缀", id="no-suffix"),
    ],
)
def test_unreadable_file_gets_one_line_message(data: bytes, name: str, message: str) -> None:
    with pytest.raises(UnreadableDocument, match=message) as caught:
        document_text(data, name)
    assert "\n" not in str(caught.value)
