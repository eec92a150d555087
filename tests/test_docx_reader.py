"""The .docx reader on real documents: python-docx forms from tests/formgen.py in every
layout, and hand-written WordprocessingML for what python-docx cannot produce
(content controls, tracked changes, fields, nested tables, strict namespace)."""

from __future__ import annotations

import itertools
import zipfile
from pathlib import Path

import formgen
import pytest
from compare import assert_same, norm

from pipeline.document import RawDocument
from pipeline.extract import extract_file
from pipeline.readers import docx as docx_reader

COMBOS = list(itertools.product(formgen.LAYOUTS, (False, True), formgen.SEPARATORS))


@pytest.fixture(scope="session")
def records():
    return formgen.sample_records()


@pytest.fixture(scope="session")
def built(tmp_path_factory, records):
    """Every layout x one/two tables x separator, all sample forms in each file."""
    root = tmp_path_factory.mktemp("docx_forms")
    out = {}
    for layout, two, sep in COMBOS:
        p = root / f"{layout}_{'two' if two else 'one'}_{sep}.docx"
        out[layout, two, sep] = formgen.write_docx(records, p, layout, two_tables=two, separator=sep,
                                                   paragraphs_between=not (two and sep == "pagebreak"))
    return out


@pytest.mark.parametrize("layout,two,sep", COMBOS, ids=[f"{a}-{'two' if b else 'one'}-{c}" for a, b, c in COMBOS])
def test_every_layout_extracts_the_expected_records(built, records, layout, two, sep):
    got = [r.to_dict() for r in extract_file(built[layout, two, sep], checks=False)]
    assert len(got) == len(records)
    for i, (g, r) in enumerate(zip(got, records)):
        assert_same(g, formgen.expected_for(r, layout), f"{layout}/{two}/{sep} form {i}")
        assert g["source"]["format"] == "docx" and g["source"]["form_index"] == i


def test_raw_document_shape(built, records):
    doc = docx_reader.read(built["standard", True, "heading"])
    assert isinstance(doc, RawDocument) and doc.format == "docx"
    tables = sorted({r.table for r in doc.rows if r.table is not None})
    assert tables == list(range(2 * len(records)))  # header block + indicators per form
    titles = [r for r in doc.rows if r.table is None and r.cells[0].text == "项目绩效目标表"]
    assert len(titles) == len(records)
    for r in doc.rows:
        if r.table is not None:
            cols = [c.col for c in r.cells]
            assert cols == sorted(cols) and all(c is not None for c in cols)
    # row indices restart per table and count every w:tr
    first = [r for r in doc.rows if r.table == 0]
    assert [r.row for r in first] == list(range(len(first)))


def test_merged_cells_are_read_once_and_inherited(built, records):
    doc = docx_reader.read(built["standard", False, "heading"])
    rows = [r for r in doc.rows if r.table == 0]
    texts = [c.text for r in rows for c in r.cells]
    rec = records[0]
    # each 一级 is written once (merged vertically), each merged cell's continuation is empty
    for l1 in {i.level1 for i in rec.indicators}:
        assert texts.count(l1) == 1, l1
    assert texts.count("绩效指标") == 1 and texts.count("总体绩效目标") == 1
    ind_rows = rows[next(i for i, r in enumerate(rows) if r.cells[0].text == "绩效指标") + 1:]
    assert all(r.cells[0].text == "" and r.cells[0].col == 0 for r in ind_rows)
    # the name column is always grid column 3, whatever was merged to its left
    assert all(r.cells[3].col == 3 for r in ind_rows)
    got = extract_file(built["standard", False, "heading"], checks=False)[0]
    assert [(i.level1, i.level2) for i in got.indicators] == [(i.level1, i.level2) for i in rec.indicators]


def test_horizontal_spans_give_grid_columns(built):
    doc = docx_reader.read(built["split", False, "pagebreak"])
    period = next(r for r in doc.rows if r.cells and r.cells[0].text == "实施周期")
    assert [(c.text, c.col, c.span) for c in period.cells] == [
        ("实施周期", 0, 1), ("起始年度", 1, 1), ("2026", 2, 1), ("到期年度", 3, 1), ("2026", 4, 3)]
    name = next(r for r in doc.rows if r.cells and r.cells[0].text == "项目名称")
    assert (name.cells[1].col, name.cells[1].span) == (1, 6)


def test_page_breaks_mark_the_next_row(built, records):
    doc = docx_reader.read(built["standard", False, "pagebreak"])
    starts = [r for r in doc.rows if r.break_before]
    assert len(starts) == len(records) - 1
    doc = docx_reader.read(built["standard", False, "heading"])
    assert not any(r.break_before for r in doc.rows)


@pytest.mark.parametrize("layout", formgen.LAYOUTS)
def test_same_form_as_txt_and_docx_gives_the_same_record(tmp_path, records, layout):
    t = [r.to_dict() for r in extract_file(formgen.write_txt(records, tmp_path / "f.txt", layout), checks=False)]
    d = [r.to_dict() for r in extract_file(formgen.write_docx(records, tmp_path / "f.docx", layout), checks=False)]
    assert len(t) == len(d) == len(records)
    for a, b, rec in zip(t, d, records):
        assert_same(b, a, layout)
        assert_same(a, formgen.expected_for(rec, layout), layout)


def test_expected_for_layouts(records):
    """expected_for states the layout rules: annual only loses period values, split reassembles."""
    rec = records[1]
    a = formgen.expected_for(rec, "annual_only")
    assert all(i["period_value"] is None and i["period_target"] is None for i in a["indicators"])
    s = formgen.expected_for(rec, "split")
    vals = {i["name"]: i["annual_value"] for i in s["indicators"]}
    assert vals["每场活动参与人数"] == "≥30人"  # 30人以上 -> ≥ | 30 | 人
    assert vals["服务对象补贴标准"] == "1000元/户"  # = is not written back
    assert vals["老年人生活质量"] == "逐步提高"  # 定性: the text alone
    assert formgen.split_value("7人") == ("=", "7", "人")
    assert formgen.split_value("100%完成") == ("定性", "100%完成", "")


# ------------------------------------------------------------------ hand-written WordprocessingML

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
      'wordprocessingml.document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>')


def write_package(path: Path, body: str, ns: str = W, doc_name: str = "word/document.xml") -> Path:
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           f'<w:document xmlns:w="{ns}" '
           f'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}'
           f'<w:sectPr/></w:body></w:document>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS.replace("word/document.xml", doc_name))
        z.writestr(doc_name, xml)
    return path


def p(text: str, extra: str = "") -> str:
    return f"<w:p>{extra}<w:r><w:t>{text}</w:t></w:r></w:p>"


RESTART = '<w:vMerge w:val="restart"/>'
CONTINUE = "<w:vMerge/>"
CONTINUE_EXPLICIT = '<w:vMerge w:val="continue"/>'
SPAN2 = '<w:gridSpan w:val="2"/>'
SPAN4 = '<w:gridSpan w:val="4"/>'
HMERGE = '<w:hMerge/>'
HMERGE_RESTART = '<w:hMerge w:val="restart"/>'
GRID_BEFORE1 = '<w:trPr><w:gridBefore w:val="1"/></w:trPr>'


def tc(inner: str, tcpr: str = "") -> str:
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{inner}</w:tc>"


def test_run_level_text_rules(tmp_path):
    cell = ("<w:p><w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink>"
            "<w:smartTag><w:r><w:t>标签</w:t></w:r></w:smartTag>"
            "<w:ins><w:r><w:t>插入</w:t></w:r></w:ins>"
            "<w:del><w:r><w:delText>删除</w:delText></w:r></w:del>"
            "<w:del><w:r><w:t>也删除</w:t></w:r></w:del>"
            "<w:moveFrom><w:r><w:t>移走</w:t></w:r></w:moveFrom>"
            "<w:r><w:fldChar w:fldCharType=\"begin\"/><w:instrText>PAGE \\* MERGEFORMAT</w:instrText>"
            "<w:fldChar w:fldCharType=\"end\"/></w:r>"
            "<w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t><w:cr/><w:t>丁</w:t></w:r></w:p>"
            "<w:p><w:sdt><w:sdtContent><w:r><w:t>控件</w:t></w:r></w:sdtContent></w:sdt></w:p>")
    body = f"<w:tbl><w:tr>{tc(cell)}</w:tr></w:tbl>"
    doc = docx_reader.read(write_package(tmp_path / "runs.docx", body))
    assert doc.rows[0].cells[0].text == "链接标签插入甲 乙\n丙\n丁\n控件"


def test_content_controls_rows_cells_and_grid_before(tmp_path):
    row1 = (f"<w:tr>{GRID_BEFORE1}{tc(p('项目名称'))}"
            f"<w:sdt><w:sdtContent>{tc(p('控件里的名称'), SPAN2)}</w:sdtContent></w:sdt>"
            f"{tc(p('尾'))}</w:tr>")
    row2 = f"<w:sdt><w:sdtContent><w:tr>{tc(p('甲'))}{tc(p('乙'))}</w:tr></w:sdtContent></w:sdt>"
    deleted = f"<w:tr><w:trPr><w:del w:id=\"1\" w:author=\"x\"/></w:trPr>{tc(p('已删除的行'))}</w:tr>"
    body = (f"<w:sdt><w:sdtContent>{p('控件段落')}</w:sdtContent></w:sdt>"
            f"<w:tbl>{row1}{deleted}{row2}</w:tbl>")
    doc = docx_reader.read(write_package(tmp_path / "sdt.docx", body))
    assert doc.rows[0].table is None and doc.rows[0].cells[0].text == "控件段落"
    r1, r2 = doc.rows[1], doc.rows[2]
    assert [(c.text, c.col, c.span) for c in r1.cells] == [("项目名称", 1, 1), ("控件里的名称", 2, 2), ("尾", 4, 1)]
    assert [(c.text, c.col) for c in r2.cells] == [("甲", 0), ("乙", 1)]
    assert (r1.table, r1.row, r2.table, r2.row) == (0, 0, 0, 1)
    assert len(doc.rows) == 3  # the tracked-deleted row is gone


def test_vmerge_continuation_is_empty_and_nested_tables_flatten(tmp_path):
    nested = f"<w:tbl><w:tr>{tc(p('内表甲'))}{tc(p('内表乙'))}</w:tr></w:tbl>"
    body = ("<w:tbl>"
            f"<w:tr>{tc(p('成本指标'), RESTART)}{tc(p('A') + nested)}</w:tr>"
            f"<w:tr>{tc(p('成本指标'), CONTINUE)}{tc(p('B'))}</w:tr>"
            f"<w:tr>{tc(p('x'), CONTINUE_EXPLICIT)}{tc(p('C'))}</w:tr>"
            "</w:tbl>")
    doc = docx_reader.read(write_package(tmp_path / "vm.docx", body))
    assert [r.texts for r in doc.rows] == [["成本指标", "A\n内表甲\n内表乙"], ["", "B"], ["", "C"]]
    assert {r.table for r in doc.rows} == {0}  # the nested table is not a table of the file


def test_breaks_between_paragraphs(tmp_path):
    body = (p("一") + "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>" + p("二")
            + p("三", "<w:pPr><w:pageBreakBefore/></w:pPr>")
            + "<w:p><w:pPr><w:sectPr/></w:pPr></w:p>" + f"<w:tbl><w:tr>{tc(p('四'))}</w:tr></w:tbl>"
            + p("<![CDATA[五]]>"))
    doc = docx_reader.read(write_package(tmp_path / "br.docx", body))
    assert [(r.texts[0], r.break_before) for r in doc.rows] == [
        ("一", False), ("二", True), ("三", True), ("四", True), ("五", False)]


def test_alternate_content_fallback_is_not_read_twice(tmp_path):
    body = ("<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:t>文本框</w:t></mc:Choice>"
            "<mc:Fallback><w:t>文本框</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>")
    doc = docx_reader.read(write_package(tmp_path / "mc.docx", body))
    assert doc.rows[0].texts == ["文本框"]


def test_strict_ooxml_and_main_part_from_rels(tmp_path):
    body = f"<w:tbl><w:tr>{tc(p('项目名称'))}{tc(p('严格格式'))}</w:tr></w:tbl>"
    path = write_package(tmp_path / "strict.docx", body, ns="http://purl.oclc.org/ooxml/wordprocessingml/main",
                         doc_name="word/document2.xml")
    doc = docx_reader.read(path)
    assert doc.rows[0].texts == ["项目名称", "严格格式"]


def test_forms_read_from_hand_written_xml_match_python_docx(tmp_path, records):
    """A form whose merged label cells carry text in every row (some writers repeat it)
    still gives each indicator once: continuation cells are emitted empty."""
    rec = records[4]
    rows = []
    prev = None
    for l1, l2, cells in formgen.indicator_rows(rec, "standard", empty_rows=False):
        m1 = RESTART if prev is None or prev[0] != l1 else CONTINUE
        m2 = RESTART if prev != (l1, l2) else CONTINUE
        prev = (l1, l2)
        rows.append(f"<w:tr>{tc(p(l1), m1)}{tc(p(l2), m2)}" + "".join(tc(p(x)) for x in cells) + "</w:tr>")
    head = "".join(f"<w:tr>{tc(p(a))}{tc(p(b), SPAN4)}</w:tr>" for a, b in [
        ("项目名称", rec.project_name), ("主管部门", rec.department), ("用款单位", rec.implementing_unit),
        ("2026年预算金额(元)", f"{rec.budget_amount:,.2f}")])
    cols = "".join(tc(p(x)) for x in ["一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值"])
    path = write_package(tmp_path / "hand.docx", f"<w:tbl>{head}<w:tr>{cols}</w:tr>{''.join(rows)}</w:tbl>")
    got = extract_file(path, checks=False)[0].to_dict()
    exp = formgen.expected_for(rec, "standard")
    assert len(got["indicators"]) == len(exp["indicators"])
    for g, e in zip(got["indicators"], exp["indicators"]):
        assert (norm(g["level1"]), norm(g["level2"]), norm(g["name"]), g["annual_value"]) == (
            e["level1"], e["level2"], e["name"], e["annual_value"])
    assert got["budget_amount"] == rec.budget_amount


def test_symbol_font_operators_and_legacy_hmerge(tmp_path):
    sym = ('<w:p><w:r><w:sym w:font="Symbol" w:char="F0B3"/><w:t>50场</w:t></w:r>'
           '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r></w:p>')
    le = '<w:p><w:r><w:sym w:font="Symbol" w:char="F0A3"/><w:t>5%</w:t></w:r></w:p>'
    body = ("<w:tbl><w:tr>"
            f"{tc(p('项目名称'))}{tc(p('甲'), HMERGE_RESTART)}{tc(p(''), HMERGE)}{tc(sym)}{tc(le)}"
            "</w:tr></w:tbl>")
    doc = docx_reader.read(write_package(tmp_path / "sym.docx", body))
    assert [(c.text, c.col, c.span) for c in doc.rows[0].cells] == [
        ("项目名称", 0, 1), ("甲", 1, 2), ("≥50场", 3, 1), ("≤5%", 4, 1)]


def test_deep_nesting_is_an_input_error_not_a_crash(tmp_path):
    from pipeline.errors import InputError

    body = "<w:sdt><w:sdtContent>" * 3000 + p("深") + "</w:sdtContent></w:sdt>" * 3000
    with pytest.raises(InputError):
        docx_reader.read(write_package(tmp_path / "deep.docx", body))
    body = "<w:sdt><w:sdtContent>" * 100 + p("深") + "</w:sdtContent></w:sdt>" * 100
    assert docx_reader.read(write_package(tmp_path / "ok.docx", body)).rows[0].texts == ["深"]


@pytest.mark.slow
def test_libreoffice_written_docx(tmp_path, records):
    """The same forms saved by another writer (LibreOffice: explicit vMerge="continue", its own
    paragraph and table properties) read the same."""
    import shutil
    import subprocess

    from pipeline import settings

    soffice = shutil.which(settings.get().soffice)
    assert soffice, f"LibreOffice ({settings.get().soffice}) is needed for this test: apt-get install libreoffice-writer"
    src = tmp_path / "src"
    src.mkdir()
    layouts = ("standard", "split")
    for layout in layouts:
        formgen.write_docx(records, src / f"{layout}.docx", layout, two_tables=layout == "split", separator="pagebreak")
    out = tmp_path / "out"
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(out), *(str(src / f"{x}.docx") for x in layouts)],
                   check=True, capture_output=True, timeout=180)
    for layout in layouts:
        got = [r.to_dict() for r in extract_file(out / f"{layout}.docx", checks=False)]
        assert len(got) == len(records), layout
        for g, r in zip(got, records):
            assert_same(g, formgen.expected_for(r, layout), f"libreoffice {layout}")
