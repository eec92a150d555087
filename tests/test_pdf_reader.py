"""The pdf reader on real PDFs: LibreOffice exports of formgen's .docx, reportlab-drawn
forms (ruled, unruled, split over pages with and without a repeated header), a font
with no Unicode mapping, and broken, encrypted, scanned and oversized files."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from compare import differences
from formgen import expected_for, sample_records, write_docx
from pdfgen import write_cid_pdf, write_pdf

from pipeline import settings
from pipeline.errors import CorruptFile, EmptyFile, EncryptedFile, TooLarge
from pipeline.extract import extract_file
from pipeline.readers import pdf as pdf_reader


@pytest.fixture(scope="session")
def records():
    return sample_records()


@pytest.fixture(scope="session")
def drawn(tmp_path_factory, records) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("drawn")
    return {
        "ruled": write_pdf(records, d / "ruled.pdf"),
        "unruled": write_pdf(records, d / "unruled.pdf", ruled=False),
        "pages_repeat": write_pdf(records, d / "pages_repeat.pdf", rows_per_page=12, repeat_header=True),
        "pages_norepeat": write_pdf(records, d / "pages_norepeat.pdf", rows_per_page=12, repeat_header=False),
        "unruled_pages": write_pdf(records, d / "unruled_pages.pdf", ruled=False, rows_per_page=12),
        "annual_only": write_pdf(records, d / "annual_only.pdf", "annual_only", new_page_per_form=True),
        "small_font": write_pdf(records, d / "small_font.pdf", font_size=7),
        "rotated": write_pdf(records, d / "rotated.pdf", rows_per_page=14, rotated=True),
        "furniture": write_pdf(records, d / "furniture.pdf", rows_per_page=12, repeat_header=False, furniture=True),
        "unruled_furniture": write_pdf(records, d / "unruled_furniture.pdf", ruled=False, rows_per_page=12,
                                       furniture=True),
    }


def _soffice_pdf(docxs: list[Path], out: Path) -> None:
    exe = shutil.which(settings.get().soffice) or shutil.which("soffice")
    if exe is None:
        pytest.fail("LibreOffice (soffice) is not installed; the setup script installs it")
    profile = out / "lo_profile"
    subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), *map(str, docxs)], check=True, capture_output=True, timeout=300)


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory, records) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("lo")
    docxs = {
        "standard": write_docx(records, d / "standard.docx", "standard", separator="pagebreak"),
        "annual_only": write_docx(records, d / "annual_only.docx", "annual_only", two_tables=True,
                                  separator="pagebreak"),
        # twenty forms run on under titles: LibreOffice cuts rows and merged boxes at page feet
        "heading": write_docx(list(records) * 4, d / "heading.docx", "standard", separator="heading"),
    }
    docxs["furniture"] = _with_header_footer(
        write_docx(list(records) * 2, d / "furniture.docx", "standard", separator="heading"))
    _soffice_pdf(list(docxs.values()), d)
    return {k: v.with_suffix(".pdf") for k, v in docxs.items()}


def _with_header_footer(path: Path) -> Path:
    """A running header and a footer with a PAGE field on every page, as departments print them."""
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    doc = Document(str(path))
    section = doc.sections[0]
    section.header.paragraphs[0].text = "2026年度项目支出绩效目标汇编（内部资料）"
    para = section.footer.paragraphs[0]
    para.text = "第 "
    para._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    para.add_run(" 页")
    doc.save(str(path))
    return path


def _check(path: Path, records, layout: str) -> None:
    got = extract_file(path, checks=False)
    assert len(got) == len(records), f"{path.name}: {len(got)} forms, expected {len(records)}"
    problems = []
    for g, r in zip(got, records):
        diff = differences(g.to_dict(), expected_for(r, layout))
        if diff:
            problems.append(f"{r.project_name}: " + "; ".join(diff[:4]))
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


# ------------------------------------------------------------------ reportlab-drawn forms


@pytest.mark.parametrize("name", ["ruled", "unruled", "pages_repeat", "pages_norepeat", "unruled_pages",
                                  "small_font", "furniture", "unruled_furniture", "rotated"])
def test_drawn_forms_read_as_their_records(drawn, records, name):
    _check(drawn[name], records, "standard")


def test_drawn_annual_only(drawn, records):
    _check(drawn["annual_only"], records, "annual_only")


@pytest.mark.parametrize("name", ["ruled", "unruled", "pages_norepeat"])
def test_pdfminer_fallback_reads_the_same(drawn, records, name, monkeypatch):
    """Files PDFium refuses go through pdfminer: the same rows come out."""
    fast = pdf_reader.read(drawn[name])
    monkeypatch.setattr(pdf_reader, "_pages_pdfium", lambda path, max_pages: None)  # as if PDFium had refused the file
    slow = pdf_reader.read(drawn[name])
    assert [(r.page, r.table, r.row, [(c.text, c.col, c.span) for c in r.cells]) for r in slow.rows] == [
        (r.page, r.table, r.row, [(c.text, c.col, c.span) for c in r.cells]) for r in fast.rows]
    _check(drawn[name], records, "standard")


def test_reads_from_threads(drawn):
    """PDFium is not thread-safe; the reader serialises it (flows read files in threads)."""
    from concurrent.futures import ThreadPoolExecutor

    paths = [drawn["ruled"], drawn["unruled"], drawn["pages_repeat"], drawn["small_font"]] * 3
    with ThreadPoolExecutor(4) as pool:
        docs = list(pool.map(pdf_reader.read, paths))
    assert all(len(d.rows) == len(docs[i % 4].rows) for i, d in enumerate(docs))


def test_ruled_rows_carry_grid_columns_and_merged_boxes(drawn):
    doc = pdf_reader.read(drawn["ruled"])
    header = next(r for r in doc.rows if "一级指标" in r.texts)
    assert [c.col for c in header.cells] == [0, 1, 2, 3, 4, 5]
    # the merged 一级 box: its text once, on the first row it covers
    rows = [r for r in doc.rows if r.table == header.table]
    assert sum("产出指标" in r.texts for r in rows) == 1
    # ... covering its rows: 产出指标 heads four indicators (two of 数量指标), 成本指标 three
    # 二级 rows (two of them empty), the 绩效指标 box the header row and all indicator rows
    spans = {c.text: c.row_span for r in rows for c in r.cells if c.text in ("产出指标", "数量指标", "成本指标", "绩效指标")}
    assert spans == {"产出指标": 4, "数量指标": 2, "成本指标": 3, "绩效指标": 11}
    period = next(r for r in doc.rows if r.cells and r.cells[0].text == "实施周期")
    assert [c.text for c in period.cells][1:] == ["起始年度", "2026", "到期年度", "2026"]
    assert period.cells[-1].span == 2 and all(r.page for r in doc.rows)


@pytest.mark.parametrize("engine", ["pdfium", "pdfminer"])
def test_rules_drawn_in_form_xobjects(tmp_path, records, engine, monkeypatch):
    """A grid drawn inside form XObjects (placed by a translation) is read as ruling lines:
    merged boxes and grid columns come back as from a grid drawn on the page."""
    path = write_pdf(records, tmp_path / "xobject.pdf", rows_per_page=12, rules_in_form=True)
    assert b"/Subtype /Form" in path.read_bytes()
    if engine == "pdfminer":
        monkeypatch.setattr(pdf_reader, "_pages_pdfium", lambda path, max_pages: None)
    doc = pdf_reader.read(path)
    period = next(r for r in doc.rows if r.cells and r.cells[0].text == "实施周期")
    assert [c.text for c in period.cells][1:] == ["起始年度", "2026", "到期年度", "2026"]
    assert period.cells[-1].span == 2
    _check(path, records, "standard")


def test_several_forms_on_one_page(tmp_path, records):
    short = [records[4], records[4]]
    path = write_pdf(short, tmp_path / "two.pdf", font_size=6)
    doc = pdf_reader.read(path)
    assert {r.page for r in doc.rows} == {1}
    assert len({r.table for r in doc.rows if r.table is not None}) == 2
    _check(path, short, "standard")


def test_table_over_pages_keeps_its_index_and_columns(drawn):
    doc = pdf_reader.read(drawn["pages_norepeat"])
    first_form = []
    for r in doc.rows:
        if r.table is None and r.texts == ["项目绩效目标表"] and first_form:
            break
        first_form.append(r)
    pages = {r.page for r in first_form if r.table is not None}
    assert len(pages) >= 2
    assert len({r.table for r in first_form if r.table is not None}) == 1
    values = [c.col for r in first_form for c in r.cells if c.text == "≥120份"]
    assert values == [4, 5]


@pytest.mark.parametrize("ruled", [True, False])
def test_wrapped_goal_is_one_cell(tmp_path, records, ruled):
    import copy

    r = copy.deepcopy(records[2])
    r.goal_overall = r.goal_overall * 3  # three lines and more in its cell
    path = write_pdf([r, records[0]], tmp_path / "long.pdf", ruled=ruled)
    doc = pdf_reader.read(path)
    cells = [c.text for row in doc.rows for c in row.cells if c.text.replace("\n", "") == r.goal_overall]
    assert cells and cells[0].count("\n") >= 2  # wrapped in the PDF, one cell here
    _check(path, [r, records[0]], "standard")


# ------------------------------------------------------------------ LibreOffice exports


@pytest.mark.slow
@pytest.mark.parametrize("layout", ["standard", "annual_only"])
def test_libreoffice_pdf_reads_as_the_docx(libreoffice, records, layout):
    _check(libreoffice[layout], records, layout)


@pytest.mark.slow
def test_libreoffice_forms_after_titles(libreoffice, records):
    """Forms one after another under 项目绩效目标表 titles, tables cut at page feet (a row's
    cells, or a merged 总体绩效目标 box, go on overleaf) and joined again."""
    doc = pdf_reader.read(libreoffice["heading"])
    assert max(r.page for r in doc.rows) >= 15
    _check(libreoffice["heading"], list(records) * 4, "standard")


@pytest.mark.slow
def test_libreoffice_header_and_page_numbers_do_not_cut_tables(libreoffice, records):
    doc = pdf_reader.read(libreoffice["furniture"])
    assert not any("汇编" in t or "第" in t and "页" in t for r in doc.rows for t in r.texts)
    _check(libreoffice["furniture"], list(records) * 2, "standard")


# ------------------------------------------------------------------ text the font cannot map


def test_cid_text_is_kept_and_noted(tmp_path):
    doc = pdf_reader.read(write_cid_pdf(tmp_path / "cid.pdf"))
    assert any("(cid:" in t for r in doc.rows for t in r.texts)
    assert doc.notes and doc.notes[0][0] == "garbled" and "(cid:" in doc.notes[0][1]


# ------------------------------------------------------------------ files that must be refused


def test_encrypted_pdf(tmp_path, records):
    path = write_pdf(records[:1], tmp_path / "locked.pdf", encrypt="secret")
    with pytest.raises(EncryptedFile) as e:
        extract_file(path)
    assert "加密" in e.value.reason_zh


def test_owner_password_only_is_readable(tmp_path, records):
    """Permissions set with an owner password and an empty user password do not block text."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    enc = StandardEncryption("", ownerPassword="owner", canPrint=0, canModify=0, canCopy=0)
    path = write_pdf(records[:2], tmp_path / "restricted.pdf", encrypt=enc)
    _check(path, records[:2], "standard")


def test_decompression_bomb(tmp_path):
    """A small file whose content stream inflates a thousandfold is refused before parsing."""
    import zlib

    body = zlib.compress(b" " * (20 << 20), 9)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    path = tmp_path / "bomb.pdf"
    path.write_bytes(bytes(out))
    with pytest.raises(TooLarge) as e:
        extract_file(path)
    assert "压缩" in e.value.reason_zh


def test_truncated_pdf(tmp_path, drawn):
    data = drawn["ruled"].read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(CorruptFile):
        extract_file(path)


def test_missing_eof_marker_is_noted(tmp_path, drawn, records):
    """A file PDFium can repair is read, with a note that it may be incomplete."""
    path = tmp_path / "no_eof.pdf"
    path.write_bytes(drawn["ruled"].read_bytes().replace(b"%%EOF", b""))
    doc = pdf_reader.read(path)
    assert [k for k, _ in doc.notes] == ["truncated"]
    _check(path, records, "standard")


def test_not_a_pdf(tmp_path):
    path = tmp_path / "fake.pdf"
    path.write_text("项目名称\t某项目\n", encoding="utf-8")
    with pytest.raises(CorruptFile) as e:
        extract_file(path)
    assert "PDF" in e.value.reason_zh


def test_too_many_pages(tmp_path, drawn, monkeypatch):
    monkeypatch.setenv("JIXIAO_MAX_PDF_PAGES", "2")
    settings.reset()
    try:
        with pytest.raises(TooLarge) as e:
            extract_file(drawn["pages_repeat"])
        assert "页" in e.value.reason_zh
    finally:
        monkeypatch.delenv("JIXIAO_MAX_PDF_PAGES")
        settings.reset()


def test_scan_without_text_layer(tmp_path):
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    # a blank white page scanned at 200 dpi: its image inflates a thousandfold, yet image
    # data is never decoded to read text, so this is a scan, not a bomb
    c.drawImage(ImageReader(Image.new("L", (1700, 2300), 255)), 0, 0, 595, 842)
    c.save()
    with pytest.raises(EmptyFile) as e:
        extract_file(path)
    assert "扫描件" in e.value.reason_zh


def test_blank_pdf(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "blank.pdf"
    c = canvas.Canvas(str(path))
    c.rect(100, 100, 200, 200)
    c.save()
    with pytest.raises(EmptyFile):
        extract_file(path)


def test_env_is_clean():
    assert "JIXIAO_MAX_PDF_PAGES" not in os.environ
