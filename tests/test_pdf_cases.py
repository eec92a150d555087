"""Frozen PDF cases (tests/pdfcases.py): each PDF in tests/data/sources/pdf reads as the
records written beside it in tests/data/groundtruth/pdf."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.extract import extract_file
from pipeline.readers import pdf as pdf_reader
from tests.compare import differences
from tests.pdfcases import CASES, FLAG, GROUNDTRUTH, SOURCES


def test_regeneration_flag_is_off():
    """The cases are rewritten only by hand (`JIXIAO_REGENERATE_PDF_CASES=1 python -m tests.pdfcases`)."""
    assert os.environ.get(FLAG) != "1"


def test_every_case_is_frozen():
    assert sorted(p.stem for p in SOURCES.glob("*.pdf")) == sorted(p.stem for p in GROUNDTRUTH.glob("*.json"))
    assert set(CASES) <= {p.stem for p in SOURCES.glob("*.pdf")}


@pytest.mark.parametrize("case", sorted(p.stem for p in GROUNDTRUTH.glob("*.json")))
def test_case_reads_as_its_records(case):
    expected = json.loads((GROUNDTRUTH / f"{case}.json").read_text(encoding="utf-8"))
    if isinstance(expected, dict):  # a file to refuse, with this kind of error
        with pytest.raises(InputError) as e:
            extract_file(SOURCES / f"{case}.pdf", checks=False)
        assert e.value.kind == expected["error"]["kind"] and e.value.reason_zh
        return
    got = [r.to_dict() for r in extract_file(SOURCES / f"{case}.pdf", checks=False)]
    problems = [] if len(got) == len(expected) else [f"{len(expected)} forms expected, got {len(got)}"]
    for k, (g, e) in enumerate(zip(got, expected)):
        for gi, ei in zip(g["indicators"], e["indicators"]):
            for key in ("period_target", "annual_target"):
                ei.setdefault(key, gi.get(key))  # a target is compared where written down
        problems += [f"form {k}: {d}" for d in differences(g, e)]
    assert not problems, "\n".join(problems[:12])


def _row_of(doc, text: str):
    return next(r for r in doc.rows if any(c.text.replace("\n", "") == text for c in r.cells))


def _cell(row, text: str):
    return next(c for c in row.cells if c.text.replace("\n", "") == text)


def test_centred_labels_cover_their_rows():
    """borderless_centred_5000 (LibreOffice, no lines): 产出指标 is printed between its 2nd
    and 3rd rows, 数量 on the middle one of its three, 社会效益 between its two; each stands
    once, in the first row it covers, with the number of rows it covers."""
    doc = pdf_reader.read(SOURCES / "borderless_centred_5000.pdf")
    first = _row_of(doc, "养老床位")
    assert _cell(first, "产出指标").row_span == 4
    assert _cell(first, "数量").row_span == 3
    social = _row_of(doc, "政策知晓率")
    assert _cell(social, "社会效益").row_span == 2
    # 总体绩效目标, centred beside its two rows (实施周期总目标 | 年度目标 over the goal texts)
    assert _cell(_row_of(doc, "实施周期总目标"), "总体绩效目标").row_span == 2
    # the rows in between hold no label of their own
    assert [c.text for c in _row_of(doc, "低保对象人数").cells] == ["低保对象人数", "384人"]
    assert [c.text for c in _row_of(doc, "困难群众基本生活").cells] == ["困难群众基本生活", "长期"]


def test_label_beside_an_empty_row_joins_its_row():
    """borderless_centred_5014: 经济效益指标 is centred on its one indicator and an empty row
    below it (no text to see), so it stands on no line of its own: it joins the row its
    box overlaps."""
    doc = pdf_reader.read(SOURCES / "borderless_centred_5014.pdf")
    row = _row_of(doc, "农民人均增收")
    assert _cell(row, "经济效益指标").row_span == 1


def test_centred_labels_stay_in_their_column():
    doc = pdf_reader.read(SOURCES / "borderless_centred_5000.pdf")
    header = _row_of(doc, "一级指标")
    cols = {c.text: c.col for c in header.cells}
    first = _row_of(doc, "养老床位")
    assert _cell(first, "产出指标").col == cols["一级指标"]
    assert _cell(first, "数量").col == cols["二级指标"]


def test_continued_table_keeps_its_heading_and_index():
    """Under 项目绩效目标表（续） the ruled table goes on: the heading stays a row for the form
    parser, and the rows under it keep the table's index."""
    doc = pdf_reader.read(SOURCES / "continued_title.pdf")
    headings = [r for r in doc.rows if r.texts == ["项目绩效目标表（续）"]]
    assert headings and all(r.table is None for r in headings)
    k = doc.rows.index(headings[0])
    before = next(r.table for r in reversed(doc.rows[:k]) if r.table is not None)
    after = next(r.table for r in doc.rows[k + 1:] if r.table is not None)
    assert before == after


def test_repeated_header_rows_are_kept():
    """The indicator header drawn again atop each page stays a row (the parser continues the
    form from it); page numbers do not."""
    doc = pdf_reader.read(SOURCES / "three_pages_repeat_header.pdf")
    assert max(r.page for r in doc.rows) >= 3
    headers = [r for r in doc.rows if "一级指标" in r.texts]
    assert len(headers) >= 4
    assert not any("页" in t and "第" in t for r in doc.rows for t in r.texts)


def test_a3_landscape_pages_are_read_wide():
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(SOURCES / "a3_landscape_7000.pdf"))
    try:
        width, height = pdf[0].get_size()
    finally:
        pdf.close()
    assert round(width) == 1191 and round(height) == 842  # A3 landscape, in points


def test_sources_are_pdfs():
    for p in SOURCES.glob("*.pdf"):
        assert Path(p).read_bytes()[:5] == b"%PDF-"


def test_unruled_continuation_heading_is_no_row_of_the_table():
    """continued_centred_8001: 项目绩效目标表（续） stands close above the borderless table
    overleaf (one block with it); it is taken off the table and stays a row of its own."""
    doc = pdf_reader.read(SOURCES / "continued_centred_8001.pdf")
    headings = [r for r in doc.rows if r.texts == ["项目绩效目标表（续）"]]
    assert len(headings) == 2 and all(r.table is None for r in headings)


def test_unruled_header_row_cut_at_the_foot_goes_on_overleaf():
    """continued_centred_8021: the second form's indicator header is cut at page 2's foot
    (实施周期 | 年度目标 there, 目标值 | 值 atop page 3): one row, its cells whole."""
    doc = pdf_reader.read(SOURCES / "continued_centred_8021.pdf")
    cut = [r for r in doc.rows if r.page == 2 and "实施周期\n目标值" in r.texts]
    assert cut and "年度目标\n值" in cut[0].texts
    assert not any(r.texts[:1] == ["目标值"] for r in doc.rows)


def test_label_box_cut_by_a_page_break_goes_on_beside_a_fresh_row():
    """borderless_8011: 社会效益指 ends page 1 beside 政策知晓率, its 标 stands overleaf beside
    the fresh row 居民健康素养水平 (whose name started its own line): the label is one cell,
    the fresh row keeps its own cells."""
    doc = pdf_reader.read(SOURCES / "borderless_8011.pdf")
    assert _cell(_row_of(doc, "政策知晓率"), "社会效益指标")
    fresh = next(r for r in doc.rows if "居民健康素\n养水平" in r.texts)
    assert fresh.page == 2 and fresh.texts == ["居民健康素\n养水平", "定性", "持续发挥作\n用"]


def test_label_beside_lines_makes_them_a_table():
    """drawn_centred_8101: no line above the indicators has two pieces (fields written
    项目类型：… one a line, 总体绩效目标 centred on its own line left of the goal rows): the
    label beside the goal lines makes them a table, and the field lines close above go
    with it, rows for the form parser rather than paragraphs."""
    doc = pdf_reader.read(SOURCES / "drawn_centred_8101.pdf")
    fields = next(r for r in doc.rows if r.texts == ["项目类型：基本建设类"])
    assert fields.table is not None
    goal = _row_of(doc, "实施周期总目标")
    assert _cell(goal, "总体绩效目标").row_span == 4
