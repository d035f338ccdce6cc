"""Readers: every encoding an office produces, docx tables, PDFs, and clear refusals."""

import io
import zipfile

import docx
import pytest
from builders import docx_bytes, write_pdf, write_scan_pdf

from dj_archive.errors import NoTextLayer, ReadError, UnsupportedFormat
from dj_archive.readers import read_document
from dj_archive.readers.docx import docx_text
from dj_archive.readers.text import decode_text

TEXT = "机关第一党支部召开支委会，研究党费收缴和“主题党日”安排。\n第二行：发展预备党员两名。"


@pytest.mark.parametrize(
    "encoding, data",
    [
        ("utf-8", TEXT.encode("utf-8")),
        ("utf-8-sig", TEXT.encode("utf-8-sig")),
        ("gb18030", TEXT.encode("gbk")),
        ("gb18030", TEXT.replace("\n", "\r\n").encode("gb18030")),
        ("utf-16", b"\xff\xfe" + TEXT.encode("utf-16-le")),
        ("utf-16", b"\xfe\xff" + TEXT.encode("utf-16-be")),
        ("utf-16-le", TEXT.encode("utf-16-le")),
    ],
)
def test_text_encodings_decode_to_the_same_text(encoding, data):
    text, enc = decode_text(data)
    assert text == TEXT
    assert enc == encoding


def test_short_gbk_text_is_not_mistaken_for_another_encoding():
    for s in ["党费", "支委会记录", "二〇二三年七月五日", "黨費收繳"]:
        assert decode_text(s.encode("gb18030"))[0] == s


def test_gb18030_only_characters():
    s = "𠀀字与㐀字都在GB18030里，还有欧元€。"
    assert decode_text(s.encode("gb18030"))[0] == s


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file (0 bytes)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary content, not text (NUL bytes)"),
    ],
)
def test_text_refusals(data, reason):
    with pytest.raises(ReadError) as e:
        decode_text(data)
    assert str(e.value) == reason


def test_docx_reads_paragraphs_and_tables_in_order():
    data = docx_bytes(
        ["标题：支委会会议记录", "会议内容如下。"], table=[["时间", "2023年3月15日"], ["地点", "党员活动室"]]
    )
    assert docx_text(data) == "标题：支委会会议记录\n会议内容如下。\n时间\t2023年3月15日\n地点\t党员活动室"


def test_docx_text_agrees_with_python_docx():
    paragraphs = ["一、主要工作", "（一）抓好政治建设。一是组织集中学习10次。", "", "二、存在的问题"]
    data = docx_bytes(paragraphs, table=[["姓名", "党费"], ["王晓明", "60元"]])
    d = docx.Document(io.BytesIO(data))
    reference = [p.text for p in d.paragraphs] + ["\t".join(c.text for c in row.cells) for row in d.tables[0].rows]
    assert docx_text(data).split("\n") == [x for x in reference if x] or docx_text(data).split("\n") == reference


def test_docx_that_is_really_a_doc(tmp_path):
    p = tmp_path / "记录.docx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(UnsupportedFormat, match="really a legacy .doc"):
        read_document(p)


def test_truncated_docx(tmp_path):
    data = docx_bytes(["正文"])
    p = tmp_path / "坏.docx"
    p.write_bytes(data[: len(data) // 2])
    with pytest.raises(ReadError, match=r"^corrupt \.docx"):
        read_document(p)


def test_zip_that_is_not_a_word_document(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "hi")
    p = tmp_path / "x.docx"
    p.write_bytes(buf.getvalue())
    with pytest.raises(ReadError, match="no word/document.xml"):
        read_document(p)


def test_pdf_text_layer(tmp_path):
    p = write_pdf(tmp_path / "谈话.pdf", ["廉政谈话记录", "谈话对象：李建华"])
    doc = read_document(p)
    assert doc.text == "廉政谈话记录\n谈话对象：李建华"
    assert doc.pages == 1


def test_pdf_without_text_layer(tmp_path):
    p = write_scan_pdf(tmp_path / "扫描件.pdf")
    with pytest.raises(NoTextLayer, match=r"^PDF has no text layer \(1 page\(s\), probably a scan\)"):
        read_document(p)


def test_encrypted_pdf(tmp_path):
    p = write_pdf(tmp_path / "加密.pdf", ["机密内容"], encrypt="secret")
    with pytest.raises(ReadError, match="encrypted PDF"):
        read_document(p)


@pytest.mark.parametrize("name, reason", [("演示.dps", "WPS .dps slides"), ("视频.mp4", "unsupported file type .mp4")])
def test_unsupported_formats_say_what_to_do(tmp_path, name, reason):
    p = tmp_path / name
    p.write_bytes(b"whatever")
    with pytest.raises(UnsupportedFormat, match=reason):
        read_document(p)


def test_size_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("DJ_ARCHIVE_MAX_MB", "0.001")
    p = tmp_path / "大.txt"
    p.write_text("党" * 2000, encoding="utf-8")
    with pytest.raises(ReadError, match=r"above the 0 MB limit \(set DJ_ARCHIVE_MAX_MB to raise it\)"):
        read_document(p)


def _zip(parts: dict) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, xml in parts.items():
            zf.writestr(name, xml)
    return buf.getvalue()


W_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)


def test_docx_text_boxes_once_and_footnotes():
    document = f"""<?xml version="1.0" encoding="UTF-8"?>
<w:document {W_NS}><w:body>
<w:p><w:r><w:t>正文第一段</w:t></w:r></w:p>
<w:p><w:r><mc:AlternateContent>
  <mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框里的内容</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>
  <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框里的内容</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>
</mc:AlternateContent></w:r><w:r><w:t>之后</w:t></w:r></w:p>
<w:p><w:r><w:t>有</w:t></w:r><w:r><w:delText>删掉的</w:delText></w:r><w:r><w:tab/><w:t>修订</w:t></w:r></w:p>
</w:body></w:document>"""
    footnotes = f"""<?xml version="1.0" encoding="UTF-8"?>
<w:footnotes {W_NS}>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:t>脚注：数据来源于支委会会议记录。</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""
    text = docx_text(_zip({"word/document.xml": document, "word/footnotes.xml": footnotes}))
    assert text == "正文第一段\n文本框里的内容\n之后\n有\t修订\n脚注：数据来源于支委会会议记录。"
