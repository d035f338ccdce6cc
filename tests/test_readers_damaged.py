"""Readers on hostile and damaged input: zip bombs, protected .docx, footnote types, hyphens,
nested tables, moved text; damaged and ambiguous text encodings; broken PDF text maps
and junk before %PDF-; check_supported and the size limit."""

import io
import zipfile

import docx
import pytest
from builders import docx_bytes, pdf_from_objects, write_pdf
from timing import cpu_seconds, growth

from dj_archive.errors import ReadError, UnsupportedFormat
from dj_archive.readers import DEFAULT_MAX_MB, check_supported, max_bytes, read_document
from dj_archive.readers.docx import docx_text
from dj_archive.readers.pdf import pdf_text
from dj_archive.readers.text import decode_text

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
TEXT = "机关第一党支部召开支委会，研究党费收缴和“主题党日”安排。\n第二行：发展预备党员两名。"


def _zip(parts: dict, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, xml in parts.items():
            zf.writestr(name, xml)
    return buf.getvalue()


def _document(body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document {W_NS}><w:body>{body}</w:body></w:document>'


# --- .docx -----------------------------------------------------------------------------


def test_docx_zip_bomb_is_refused_before_inflating(monkeypatch):
    monkeypatch.setenv("DJ_ARCHIVE_MAX_MB", "1")  # parts may inflate to 4 MB
    padding = "<w:p/>" * 1_000_000  # 6 MB of XML, a few KB compressed
    data = _zip({"word/document.xml": _document("<w:p><w:r><w:t>正文</w:t></w:r></w:p>" + padding)})
    assert len(data) < 100_000
    with pytest.raises(ReadError, match=r"^document\.xml is 5\.7 MB uncompressed, above the limit of 4 MB"):
        docx_text(data)


def test_docx_footnotes_zip_bomb_is_refused(monkeypatch):
    monkeypatch.setenv("DJ_ARCHIVE_MAX_MB", "1")
    notes = f"<w:footnotes {W_NS}>" + "<w:footnote/>" * 500_000 + "</w:footnotes>"
    data = _zip({"word/document.xml": _document("<w:p><w:r><w:t>正文</w:t></w:r></w:p>"), "word/footnotes.xml": notes})
    with pytest.raises(ReadError, match=r"^footnotes\.xml is \S+ MB uncompressed, above the limit"):
        docx_text(data)


def test_docx_parts_within_the_limit_still_read(monkeypatch):
    monkeypatch.setenv("DJ_ARCHIVE_MAX_MB", "1")
    assert docx_text(docx_bytes(["正文"])) == "正文"


def _ole2(*streams: str) -> bytes:
    """The start of an OLE2 compound file with directory entries named ``streams``."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    entries = b"".join(name.encode("utf-16-le").ljust(64, b"\x00") + b"\x00" * 64 for name in streams)
    return header + entries


def test_password_protected_docx_says_so(tmp_path):
    p = tmp_path / "加密.docx"
    p.write_bytes(_ole2("Root Entry", "EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"))
    with pytest.raises(ReadError, match=r"^password-protected \.docx; save an unprotected copy$"):
        read_document(p)


def test_a_real_legacy_doc_named_docx_is_still_explained(tmp_path):
    p = tmp_path / "记录.docx"
    p.write_bytes(_ole2("Root Entry", "WordDocument", "1Table"))
    with pytest.raises(UnsupportedFormat, match="really a legacy .doc"):
        read_document(p)


def test_docx_normal_footnotes_are_read_and_layout_ones_dropped():
    notes = f"""<w:footnotes {W_NS}>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:t>分隔</w:t></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:t>续分隔</w:t></w:r></w:p></w:footnote>
<w:footnote w:type="continuationNotice" w:id="2"><w:p><w:r><w:t>续注</w:t></w:r></w:p></w:footnote>
<w:footnote w:type="normal" w:id="3"><w:p><w:r><w:t>脚注一：见会议记录。</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="4"><w:p><w:r><w:t>脚注二。</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""
    data = _zip({"word/document.xml": _document("<w:p><w:r><w:t>正文</w:t></w:r></w:p>"), "word/footnotes.xml": notes})
    assert docx_text(data) == "正文\n脚注一：见会议记录。\n脚注二。"


def test_docx_hyphens_and_symbols():
    body = (
        "<w:p><w:r><w:t>2023</w:t><w:noBreakHyphen/><w:t>2024学年</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>super</w:t><w:softHyphen/><w:t>vision</w:t>"
        '<w:sym w:font="Wingdings" w:char="F0FC"/><w:t>完成</w:t></w:r></w:p>'
    )
    assert docx_text(_zip({"word/document.xml": _document(body)})) == "2023-2024学年\nsupervision完成"


def test_docx_nested_table_does_not_glue_onto_the_outer_cell():
    d = docx.Document()
    d.add_paragraph("前言")
    outer = d.add_table(rows=1, cols=2)
    cell = outer.cell(0, 0)
    cell.text = "参会人员"
    inner = cell.add_table(rows=2, cols=2)
    for i, row in enumerate([["王晓明", "书记"], ["李建华", "委员"]]):
        for j, value in enumerate(row):
            inner.cell(i, j).text = value
    outer.cell(0, 1).text = "共2人"
    buf = io.BytesIO()
    d.save(buf)
    assert docx_text(buf.getvalue()) == "前言\n参会人员 王晓明 书记 李建华 委员\t共2人"


def test_docx_moved_text_is_read_once():
    body = (
        '<w:p><w:moveFrom w:id="1" w:author="a"><w:r><w:t>移动的句子。</w:t></w:r></w:moveFrom>'
        "<w:r><w:t>原有内容。</w:t></w:r>"
        '<w:moveTo w:id="2" w:author="a"><w:r><w:t>移动的句子。</w:t></w:r></w:moveTo></w:p>'
    )
    assert docx_text(_zip({"word/document.xml": _document(body)})) == "原有内容。移动的句子。"


def _long_docx(paragraphs: int) -> bytes:
    """A .docx of ``paragraphs`` two-run paragraphs and a table of a quarter as many rows."""
    paras = "".join(
        f"<w:p><w:r><w:t>第{i}段：上半年共召开支委会6次，</w:t></w:r><w:r><w:t>开展主题党日活动3次。</w:t></w:r></w:p>"
        for i in range(paragraphs)
    )
    rows = "".join(
        f"<w:tr><w:tc><w:p><w:r><w:t>党员{i}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>{i}元</w:t></w:r></w:p></w:tc></w:tr>"
        for i in range(paragraphs // 4)
    )
    return _zip({"word/document.xml": _document(paras + f"<w:tbl>{rows}</w:tbl>")})


def test_docx_reading_stays_fast():
    data = _long_docx(20000)  # 2.3 MB of XML
    text = docx_text(data)
    assert text.count("\n") == 20000 + 5000 - 1 and text.endswith("党员4999\t4999元")
    # CPU of this thread, GC paused, least of 3 (see timing.py): ~0.1 s with the XSLT
    assert cpu_seconds(lambda: docx_text(data)) < 1.0
    # and linear: 4x the paragraphs, ~4x the time (a step quadratic in them: ~16x)
    docs = {n: _long_docx(n) for n in (4000, 16000)}
    assert growth(lambda n: docx_text(docs[n]), 4000, 16000) < 8


# --- text ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("gbk")[:-1],  # truncated inside its last character
        TEXT.encode("gbk")[:10] + b"\xff" + TEXT.encode("gbk")[10:],  # one bad byte
        "支部党员大会".encode("gbk")[:-1],
    ],
    ids=["truncated", "bad-byte", "short-truncated"],
)
def test_gbk_with_a_damaged_byte_is_read_with_a_visible_replacement(data):
    text, enc = decode_text(data)
    assert enc == "gb18030"
    assert text.count("\ufffd") == 1
    assert text.replace("\ufffd", "") in (TEXT[:-1], TEXT, "支部党员大")


def test_long_gbk_damaged_after_the_detection_sample():
    body = (TEXT + "\n") * 6000  # ~300 KB: charset-normalizer sees only the first 200 KB
    text, enc = decode_text(body.encode("gbk") + b"\xd6")
    assert enc == "gb18030"
    assert text == body + "\ufffd"


def test_utf8_truncated_inside_the_last_character():
    for cut in (1, 2):
        text, enc = decode_text(TEXT.encode("utf-8")[:-cut])
        assert (text, enc) == (TEXT[:-1] + "\ufffd", "utf-8")


@pytest.mark.parametrize("s", ["学习", "学习\n", "写些", "学习写"])
def test_short_gbk_that_is_also_valid_utf8_reads_as_chinese(s):
    data = s.encode("gbk")
    data.decode("utf-8")  # valid UTF-8 too: "学习" is "ѧϰ"
    assert decode_text(data) == (s, "gb18030")


@pytest.mark.parametrize(
    "s",
    [
        "Привет",
        "Привет мир",
        "Партийная организация провела собрание. " * 20,
        "Ελληνικά γράμματα",
        "Η κομματική οργάνωση πραγματοποίησε συνέλευση. " * 10,
        "café ’quoted’",
    ],
)
def test_genuine_utf8_russian_and_greek_stay_utf8(s):
    assert decode_text(s.encode("utf-8")) == (s, "utf-8")


def test_random_high_bytes_are_still_refused():
    import random

    rng = random.Random(7)
    accepted = 0
    for _ in range(200):
        data = bytes(rng.randrange(128, 256) for _ in range(rng.randrange(40, 2000)))
        try:
            decode_text(data)
            accepted += 1
        except ReadError:
            pass
    assert accepted <= 2


@pytest.mark.parametrize(
    "data",
    [bytes([0xD2]) * 600, b"abc" + b"\xff" * 500, TEXT.encode("gbk")[:20] + bytes(range(128, 256)) * 3],
    ids=["valid-gb18030-but-no-text", "mostly-damaged", "half-garbage"],
)
def test_the_lossy_fallback_does_not_accept_garbage(data):
    with pytest.raises(ReadError, match="^cannot detect the text encoding"):
        decode_text(data)


# --- PDF -------------------------------------------------------------------------------


def _pdf_with_tounicode(mapping: dict, codes: bytes) -> bytes:
    """A one-page PDF showing ``codes`` in a font whose ToUnicode map sends each code
    to a UTF-16BE hex value from ``mapping`` (which may be a lone surrogate)."""
    bf = "".join(f"<{c:02X}> <{u}>\n" for c, u in mapping.items())
    cmap = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /Test def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
        f"{len(mapping)} beginbfchar\n{bf}endbfchar\n"
        "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode()
    content = b"BT /F1 12 Tf 72 720 Td <" + codes.hex().encode() + b"> Tj ET"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
    ]
    return pdf_from_objects(objs)


def test_pdf_lone_surrogates_become_replacement_characters(tmp_path):
    data = _pdf_with_tounicode({1: "D800", 2: "4E2D", 3: "6587", 4: "DC00"}, b"\x02\x01\x03\x04")
    text, pages = pdf_text(data)
    assert (text, pages) == ("中\ufffd文\ufffd", 1)
    text.encode("utf-8")  # was: UnicodeEncodeError when the index stored it
    p = tmp_path / "坏映射.pdf"
    p.write_bytes(data)
    assert read_document(p).text == "中\ufffd文\ufffd"


def test_pdf_surrogate_pair_becomes_one_character():
    text, _ = pdf_text(_pdf_with_tounicode({1: "D840", 2: "DC00", 3: "4E2D"}, b"\x03\x01\x02"))
    assert text == "中\U00020000"


def test_pdf_with_junk_before_the_header(tmp_path):
    clean = write_pdf(tmp_path / "谈话.pdf", ["廉政谈话记录", "谈话对象：李建华"]).read_bytes()
    for junk in (b"\xef\xbb\xbf", b"From gateway: scanned for viruses\r\n" * 20):
        text, pages = pdf_text(junk + clean)
        assert (text, pages) == ("廉政谈话记录\n谈话对象：李建华", 1)
    with pytest.raises(ReadError, match=r"^not a PDF file \(no %PDF header\)$"):
        pdf_text(b"x" * 1024 + clean)


# --- check_supported and max_bytes -------------------------------------------------------


def test_check_supported_looks_only_at_the_name(tmp_path):
    missing = tmp_path / "不存在"
    assert check_supported(missing / "记录.DOCX") == ".docx"
    assert check_supported(missing / "说明.md") == ".md"
    assert check_supported(missing / "记录.doc") == ".doc"
    with pytest.raises(UnsupportedFormat, match=r"^WPS \.dps slides are not supported"):
        check_supported(missing / "演示.dps")
    with pytest.raises(UnsupportedFormat, match=r"^unsupported file type \.mp4$"):
        check_supported(missing / "视频.mp4")
    with pytest.raises(UnsupportedFormat, match=r"^unsupported file type \(no extension\)$"):
        check_supported(missing / "README")


def test_read_document_refuses_unsupported_without_reading(tmp_path, monkeypatch):
    import dj_archive.readers as readers

    def boom(path):
        raise AssertionError("read the bytes of an unsupported file")

    monkeypatch.setattr(readers, "read_bytes", boom)
    with pytest.raises(UnsupportedFormat):
        read_document(tmp_path / "大视频.mp4")


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "-5", "0", "abc", ""])
def test_max_bytes_ignores_nonsense_limits(monkeypatch, value):
    monkeypatch.setenv("DJ_ARCHIVE_MAX_MB", value)
    assert max_bytes() == DEFAULT_MAX_MB * 1024 * 1024


def test_max_bytes_honours_a_real_limit(monkeypatch):
    monkeypatch.setenv("DJ_ARCHIVE_MAX_MB", "2.5")
    assert max_bytes() == int(2.5 * 1024 * 1024)
