"""Read a document's bytes into text: encoding detection and the checks that reject junk.

Government files come as UTF-8, UTF-8 with BOM, or GB18030/GBK. We try them in that
order; GB18030 decodes almost any byte string, so binary input is caught first by its
control-character ratio.
"""

from __future__ import annotations

from dataclasses import dataclass

# Share of control characters (other than whitespace) above which a file is binary.
MAX_CONTROL_SHARE = 0.01
ENCODINGS = ("utf-8-sig", "gb18030")


class UnreadableDocument(ValueError):
    """A file that cannot be read as text; the message says why in one line."""


@dataclass(frozen=True, slots=True)
class ReadDocument:
    text: str  # decoded text, unchanged otherwise (normalisation happens later)
    encoding: str  # "utf-8", "utf-8-sig" or "gb18030"


def read_document(data: bytes, name: str = "") -> ReadDocument:
    """Decode bytes to text, detecting the encoding.

    >>> read_document("总投资66亿元".encode("gbk")).encoding
    'gb18030'
    """
    # Messages are in Chinese: officials read them on the upload page and the CLI.
    label = f"{name}：" if name else ""
    if not data.strip():
        raise UnreadableDocument(f"{label}文件为空")
    if b"\x00" in data[:65536]:
        raise UnreadableDocument(f"{label}是二进制文件，不是文本（含 NUL 字节）")
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _control_share(text) > MAX_CONTROL_SHARE:
            raise UnreadableDocument(f"{label}是二进制文件，不是文本（控制字符过多）")
        if encoding == "utf-8-sig" and not data.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8"
        return ReadDocument(text=text, encoding=encoding)
    raise UnreadableDocument(f"{label}编码无法识别（不是 UTF-8 或 GB18030/GBK 文本）")


def _control_share(text: str) -> float:
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return controls / max(len(sample), 1)
