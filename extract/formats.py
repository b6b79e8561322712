"""File formats -> plain text: .txt/.md, .html/.htm (article text), .pdf (text layer), .docx.

Each reader takes the file's bytes and returns `(text, encoding_or_format)`; a file that
cannot be read raises `UnreadableDocument` with one line of Chinese for the person who
uploaded it. Parsing is left to well-kept libraries (lxml, pypdf, python-docx), imported
lazily so that reading plain text needs none of them. Nothing here writes to disk.

TODO:
- scanned PDFs (no text layer) are refused; OCR is out of scope.
- legacy .doc / .wps files are refused; ask for .docx.
- HTML boilerplate is dropped by tag and by class/id words; pages that put navigation
  in plain <div>s with other class names keep it.
"""

from __future__ import annotations

import io
import re
from pathlib import PurePath
from typing import Any

from extract.reading import ReadDocument, UnreadableDocument, read_document

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES: tuple[str, ...] = TEXT_SUFFIXES + HTML_SUFFIXES + (".pdf", ".docx")

# Tags that hold no article text (navigation, page chrome, code); <header> see _is_chrome.
HTML_DROP_TAGS = (
    "script", "style", "noscript", "template", "nav", "footer", "aside",
    "form", "iframe", "svg", "button", "select", "head",
)
# class/id words of page chrome on Chinese government and news sites.
HTML_DROP_WORDS = frozenset(
    {"nav", "navbar", "menu", "breadcrumb", "crumb", "footer", "sidebar", "share",
     "copyright", "toolbar", "topbar", "links"}
)
HTML_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
     "article", "main", "table", "ul", "ol", "blockquote", "pre", "dd", "dt", "td", "th"}
)

def document_text(data: bytes, name: str) -> tuple[str, str]:
    """Text of a file and how it was read, chosen by the file's suffix.

    >>> document_text("高新区总投资66亿元".encode("gbk"), "a.txt")
    ('高新区总投资66亿元', 'gb18030')
    """
    suffix = PurePath(name).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        read = _read_text(data, name)
        return read.text, read.encoding
    if suffix in HTML_SUFFIXES:
        return html_text(data, name)
    if suffix == ".pdf":
        return pdf_text(data, name)
    if suffix == ".docx":
        return docx_text(data, name)
    allowed = " ".join(SUFFIXES)
    raise UnreadableDocument(f"{name}：不支持的文件类型“{suffix or '无后缀'}”，可用：{allowed}")


def html_text(data: bytes, name: str = "") -> tuple[str, str]:
    """Article text of an HTML page: scripts, styles, navigation, header, footer dropped.

    >>> html_text("<nav>首页</nav><p>总投资66亿元</p>".encode(), "a.html")
    ('总投资66亿元', 'html:utf-8')
    """
    import lxml.etree
    import lxml.html

    read = _read_text(data, name)
    # lxml refuses str input that carries an XML encoding declaration.
    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", read.text)
    try:
        root = lxml.html.document_fromstring(markup)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise UnreadableDocument(f"{name}：HTML 无法解析（{_one_line(exc)}）") from exc
    for element in list(root.iter(lxml.etree.Element)):
        if element.getparent() is not None and _is_chrome(element):
            element.drop_tree()
    body = _main_content(root)
    for element in body.iter(lxml.etree.Element):
        if isinstance(element.tag, str) and element.tag.lower() in HTML_BLOCK_TAGS:
            # Newlines around blocks keep paragraphs apart in text_content().
            element.tail = "\n" + (element.tail or "")
            if element.tag.lower() != "br":
                element.text = "\n" + (element.text or "")
    text = _tidy_lines(body.text_content())
    if not text:
        raise UnreadableDocument(f"{name}：网页中没有正文文字")
    return text, f"html:{read.encoding}"


def pdf_text(data: bytes, name: str = "") -> tuple[str, str]:
    """Text layer of a PDF, pages joined by blank lines; scanned PDFs are refused.

    >>> pdf_text(b"%PDF-1.4 not really", "a.pdf")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    extract.reading.UnreadableDocument: a.pdf：PDF 文件已损坏或格式不对（...）
    """
    import pypdf

    if not data.strip():
        raise UnreadableDocument(f"{name}：文件为空")
    if not data.lstrip().startswith(b"%PDF"):
        raise UnreadableDocument(f"{name}：不是 PDF 文件（缺少 %PDF 文件头）")
    pages: list[str] = []
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableDocument(f"{name}：PDF 已加密，无法读取")
        for page in reader.pages:
            pages.append(page.extract_text() or "")
    except UnreadableDocument:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types on malformed files
        raise UnreadableDocument(f"{name}：PDF 文件已损坏或格式不对（{_one_line(exc)}）") from exc
    text = "\n\n".join(page.strip("\n") for page in pages).replace("\x00", "").strip()
    if not text:
        raise UnreadableDocument(f"{name}：PDF 没有文字层（可能是扫描件，需要先做文字识别）")
    return text, "pdf"


def docx_text(data: bytes, name: str = "") -> tuple[str, str]:
    """Paragraphs and table rows of a Word .docx file, in document order."""
    import docx
    from docx.table import Table

    if not data.strip():
        raise UnreadableDocument(f"{name}：文件为空")
    lines: list[str] = []
    try:
        document = docx.Document(io.BytesIO(data))
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    lines.append("\t".join(cell.text.strip() for cell in row.cells))
            else:
                lines.append(block.text)
    except Exception as exc:  # noqa: BLE001 - zipfile/lxml/docx errors on malformed files
        raise UnreadableDocument(f"{name}：DOCX 文件已损坏或格式不对（{_one_line(exc)}）") from exc
    text = "\n".join(lines).strip()
    if not text:
        raise UnreadableDocument(f"{name}：Word 文件中没有文字")
    return text, "docx"


def _read_text(data: bytes, name: str) -> ReadDocument:
    return read_document(data, name)


def _is_chrome(element: Any) -> bool:  # element: lxml.html.HtmlElement (untyped library)
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if tag == "header":
        # An <article>'s own <header> holds its headline; the page's header is chrome.
        return not any(a.tag in ("article", "main") for a in element.iterancestors())
    if tag in HTML_DROP_TAGS:
        return True
    if element.get("role", "").lower() in ("navigation", "banner", "contentinfo"):
        return True
    words = re.split(r"[\s_\-]+", f"{element.get('class', '')} {element.get('id', '')}".lower())
    return any(word in HTML_DROP_WORDS for word in words)


def _main_content(root: Any) -> Any:  # lxml.html.HtmlElement -> HtmlElement
    """The <article> or <main> element when the page marks one, else <body>."""
    for xpath in ("//article", "//main", "//*[@role='main']", "//body"):
        found = root.xpath(xpath)
        if found:
            return found[0]
    return root


def _tidy_lines(text: str) -> str:
    lines = (re.sub(r"[ \t\u3000\xa0]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:120]
