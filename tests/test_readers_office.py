"""Readers for spreadsheets, slides, RTF and Word 97-2003 binary documents; password
protection explained. Files are written here by the real libraries (openpyxl,
python-pptx, msoffcrypto-tool) or taken from the sample archive (the .xls/.doc/.wps
there were made by LibreOffice when the sample was generated)."""

import io
import struct
from pathlib import Path

import pytest

from dj_archive.errors import ReadError, UnsupportedFormat
from dj_archive.readers import read_document
from dj_archive.readers.worddoc import word_stream_text

ARCHIVE = Path(__file__).resolve().parents[1] / "archive"


def _xlsx_bytes():
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "2023年党费"
    ws.append(["姓名", "月份", "金额"])
    ws.append(["王晓明", "1月", 60.0])
    ws.append([None, None, None])
    ws2 = wb.create_sheet("花名册")
    ws2.append(["李娟", "女", "1985-03", None, None])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_every_sheet_named_rows_tab_separated(tmp_path):
    p = tmp_path / "党费收缴台账.xlsx"
    p.write_bytes(_xlsx_bytes())
    doc = read_document(p)
    assert doc.format == "xlsx" and doc.pages == 2
    assert doc.text == "【2023年党费】\n姓名\t月份\t金额\n王晓明\t1月\t60\n【花名册】\n李娟\t女\t1985-03"


def test_pptx_slides_tables_and_notes(tmp_path):
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[1])
    s.shapes.title.text = "专题党课：学习贯彻党的二十大精神"
    s.placeholders[1].text = "一、深刻领会\n二、结合实际"
    t = s.shapes.add_table(2, 2, Inches(1), Inches(5), Inches(4), Inches(1)).table
    t.cell(0, 0).text, t.cell(0, 1).text = "姓名", "职务"
    t.cell(1, 0).text, t.cell(1, 1).text = "王晓明", "书记"
    s.notes_slide.notes_text_frame.text = "讲稿备注：联系支部实际"
    s2 = prs.slides.add_slide(prs.slide_layouts[5])
    s2.shapes.title.text = "谢谢"
    p = tmp_path / "党课.pptx"
    prs.save(p)
    doc = read_document(p)
    assert doc.format == "pptx" and doc.pages == 2
    assert doc.text.splitlines() == [
        "专题党课：学习贯彻党的二十大精神",
        "一、深刻领会",
        "二、结合实际",
        "姓名\t职务",
        "王晓明\t书记",
        "讲稿备注：联系支部实际",
        "谢谢",
    ]


def test_rtf_gbk_and_unicode_escapes(tmp_path):
    p = tmp_path / "通知.rtf"
    p.write_bytes(
        rb"{\rtf1\ansi\ansicpg936{\fonttbl{\f0\fnil \'cb\'ce\'cc\'e5;}}\f0 \'d6\'a7\'b2\'bf\'b4\'f3\'bb\'e1\par "
        rb"\u20826?\u-28672?\par}"
    )
    doc = read_document(p)
    assert (doc.format, doc.text) == ("rtf", "支部大会\n党退")


def test_password_protected_xlsx_is_explained(tmp_path):
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = io.BytesIO(_xlsx_bytes())
    enc = io.BytesIO()
    OOXMLFile(plain).encrypt("123456", enc)
    p = tmp_path / "花名册（加密）.xlsx"
    p.write_bytes(enc.getvalue())
    with pytest.raises(ReadError, match="password-protected Office file"):
        read_document(p)


@pytest.mark.parametrize("name", ["坏.xlsx", "坏.xls", "坏.pptx", "坏.doc", "坏.wps", "坏.et", "坏.rtf"])
def test_damaged_office_files_get_a_reason(tmp_path, name):
    p = tmp_path / name
    p.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600 if name.endswith((".doc", ".xls")) else b"junk" * 50
    )
    with pytest.raises(ReadError) as info:
        read_document(p)
    assert str(info.value) and "Traceback" not in str(info.value)


def test_ppt_without_libreoffice_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("DJ_ARCHIVE_SOFFICE", str(tmp_path / "no-such-soffice"))
    p = tmp_path / "党课.ppt"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(UnsupportedFormat, match=r"^\.ppt needs LibreOffice"):
        read_document(p)


# --- Word 97-2003 binary: piece table, fields, hidden text -----------------------------


def _word_streams():
    """A WordDocument stream and its 1Table stream, laid out by hand per MS-DOC: one
    8-bit piece, one UTF-16 piece holding a field and a run hidden by sprmCFVanish."""
    piece1 = b"Hello, Word "
    piece2 = "支部\x13 PAGE \\* MERGEFORMAT \x14第3页\x15隐藏文字正文\r表格\x07单元\x07\x07".encode("utf-16-le")
    fc1, fc2 = 1024, 1200
    hidden_start = fc2 + 2 * len("支部\x13 PAGE \\* MERGEFORMAT \x14第3页\x15")
    hidden_end = hidden_start + 2 * len("隐藏文字")
    n1, n2 = len(piece1), len(piece2) // 2
    # FIB: base (flags: fWhichTblStm), csw=14, cslw=22 with ccpText, cbRgFcLcb=93 pairs.
    fib = bytearray(32)
    struct.pack_into("<HH", fib, 0, 0xA5EC, 0x00C1)
    struct.pack_into("<H", fib, 0x0A, 0x0200)
    fib += struct.pack("<H", 14) + bytes(28)
    lw = [0] * 22
    lw[3] = n1 + n2
    fib += struct.pack("<H", 22) + struct.pack("<22i", *lw)
    pairs = [(0, 0)] * 93
    # table stream: Clx (Pcdt with two pieces), then PlcBteChpx (one FKP, page 4)
    plc = struct.pack("<3I", 0, n1, n1 + n2)
    plc += struct.pack("<HIH", 0, (fc1 * 2) | 0x40000000, 0) + struct.pack("<HIH", 0, fc2, 0)
    clx = b"\x01" + struct.pack("<h", 3) + b"\x00\x00\x00" + b"\x02" + struct.pack("<I", len(plc)) + plc
    bte = struct.pack("<2I", hidden_start, hidden_end) + struct.pack("<I", 4)
    table = clx + bte
    pairs[33] = (0, len(clx))
    pairs[12] = (len(clx), len(bte))
    fib += struct.pack("<H", 93) + b"".join(struct.pack("<II", *p) for p in pairs)
    word = bytearray(4096)
    word[: len(fib)] = fib
    word[fc1 : fc1 + n1] = piece1
    word[fc2 : fc2 + len(piece2)] = piece2
    # ChpxFkp at page 4: one run [hidden_start, hidden_end) with sprmCFVanish = 1
    page = bytearray(512)
    struct.pack_into("<2I", page, 0, hidden_start, hidden_end)
    page[8] = 0x100 // 2
    page[0x100:0x104] = bytes([3]) + struct.pack("<H", 0x083C) + b"\x01"
    page[511] = 1
    word[2048:2560] = page
    return bytes(word), table


def test_word_piece_table_8bit_and_utf16_fields_and_hidden_text():
    word, table = _word_streams()
    assert word_stream_text(word, table).splitlines() == ["Hello, Word 支部第3页正文", "表格", "单元"]


def test_word_encrypted_flag_is_explained():
    word, table = _word_streams()
    word = bytearray(word)
    struct.pack_into("<H", word, 0x0A, 0x0300)
    with pytest.raises(ReadError, match="password-protected Word document"):
        word_stream_text(bytes(word), table)


def test_word_truncated_piece_table_is_a_reason():
    word, table = _word_streams()
    with pytest.raises(ReadError, match="corrupt Word document"):
        word_stream_text(word, table[:12])
