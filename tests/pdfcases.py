"""The PDFs the pdf regression tests read, frozen as files beside their expected records.

    JIXIAO_REGENERATE_PDF_CASES=1 python -m tests.pdfcases     # rewrite them (never in a test run)

Each case is `tests/data/sources/pdf/<case>.pdf` beside `tests/data/groundtruth/pdf/<case>.json`,
the list of records the generator wrote down when it chose the form (never what the reader
read). They are made the way offices make them:

- `borderless_centred_<seed>`: a python-docx form (tests/variety.py) whose tables have no
  borders and whose vertically merged cells (总体绩效目标, 绩效指标, 一级, 二级) are centred both
  ways (w:vAlign center, w:jc center), printed to PDF by LibreOffice headless with a
  private profile;
- `a3_landscape_<seed>`: a ruled python-docx form on A3 landscape, one form a page,
  printed by LibreOffice;
- `drawn_centred_<seed>`: the same kind of form drawn by a program (tests/drawn_variety.py)
  with no lines at all and each merged box's text in its middle;
- `page_tree_loop`: a malformed PDF written by hand, its expected outcome the error kind
  (`{"error": {"kind": "corrupt"}}`);
- `continued_title`, `three_pages_repeat_header`, `open_units`: reportlab drawings
  (tests/pdfgen.py) of formgen's hand-written records: tables going on under
  项目绩效目标表（续）, forms over three pages with the indicator header repeated and page
  numbers, values in units outside any list. Their groundtruth holds the records' own
  texts; targets are compared only where written by hand (`OPEN_UNITS`).

A new case is a line in CASES and a run of this module with the flag set; the test
`test_pdf_cases.py::test_regeneration_flag_is_off` keeps the flag off in test runs, so a
generator change can never silently move the goal posts.
"""

from __future__ import annotations

import copy
import json
import os
import sys
import tempfile
from pathlib import Path

FLAG = "JIXIAO_REGENERATE_PDF_CASES"
ROOT = Path(__file__).resolve().parent / "data"
SOURCES = ROOT / "sources" / "pdf"
GROUNDTRUTH = ROOT / "groundtruth" / "pdf"

# case -> how it is made
CASES: dict[str, tuple[str, int]] = {
    **{f"borderless_centred_{s}": ("libreoffice_centred", s)
       for s in (5000, 5003, 5004, 5008, 5010, 5011, 5012, 5014, 5015, 5018, 5019, 5022,
                 # 5009: a label centred half a line below a wrapped cell keeps its glyphs on one
                 # line; 5024: a table overleaf keeps its columns; 5028: 填表人 line is no row;
                 # 5005: two whole level labels either side of a page break are two cells;
                 # 5006: Latin digits lower than the CJK glyphs beside them are on their line;
                 # 5016: a table whose readings tie reads as the document's centred ones
                 # 5001: the 一级 and 二级 labels of the last row, side by side below its text
                 5001, 5005, 5006, 5009, 5016, 5024, 5028)},
    # 6014, 6028: labels centred on groups ending in an empty row; 6016: a unit column's lone
    # cells span no rows (merged boxes nest); 6011: a label alone in its row between two rows
    # further apart than a row gap stays in the table; 6017: labels side by side on their own line
    **{f"drawn_centred_{s}": ("drawn_centred", s)
       for s in (6000, 6002, 6003, 6007, 6009, 6011, 6014, 6016, 6017, 6028)},
    **{f"a3_landscape_{s}": ("libreoffice_a3_landscape", s) for s in (7000, 7003)},
    "page_tree_loop": ("page_tree_loop", 0),
    # reportlab-drawn (tests/pdfgen.py) from formgen's five hand-written records
    "continued_title": ("pdfgen_continued", 0),
    "three_pages_repeat_header": ("pdfgen_three_pages", 0),
    "open_units": ("pdfgen_open_units", 0),
}

# open units, written by hand: (annual value, period value, the annual target as op, number, unit)
OPEN_UNITS = [
    ("≤30万元", "≤30万元", ("≤", 30, "万元")),
    ("≥136块", "≥136块", ("≥", 136, "块")),
    ("21批次以上", "21批次以上", ("≥", 21, "批次")),
    ("300元/眼", "300元/眼", ("=", 300, "元/眼")),
    ("12人·次", "12人·次", ("=", 12, "人·次")),
    ("2000株/亩", "2000株/亩", ("=", 2000, "株/亩")),
    ("≥8樘", "≥8樘", ("≥", 8, "樘")),
    ("1.2公顷", "1.2公顷", ("=", 1.2, "公顷")),
]
# cases that must be refused: the error kind expected instead of records
ERRORS = {"page_tree_loop": "corrupt"}


def page_tree_loop_pdf() -> bytes:
    """A PDF written by hand whose page tree loops: the root /Pages node lists itself among
    its /Kids (a malformed file PDFium cannot load a page of)."""
    from tests.pdfgen import pdf_from_objects

    content = b"BT /F1 12 Tf 72 720 Td (Project) Tj ET"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
         b"/Resources << /Font << /F1 5 0 R >> >> >>"),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return pdf_from_objects(objs)


def centre_merged_cells(path: Path) -> Path:
    """Centre every vertically merged cell of a .docx both ways, as offices format the
    一级/二级 label boxes: w:vAlign center on the cell, w:jc center on its paragraphs."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = Document(str(path))
    for table in doc.tables:
        for tc in table._tbl.iter(qn("w:tc")):
            pr = tc.get_or_add_tcPr()
            if pr.find(qn("w:vMerge")) is None:
                continue
            va = OxmlElement("w:vAlign")
            va.set(qn("w:val"), "center")
            pr.append(va)
            for p in tc.iter(qn("w:p")):
                jc = OxmlElement("w:jc")
                jc.set(qn("w:val"), "center")
                p.get_or_add_pPr().append(jc)
    doc.save(str(path))
    return path


def _pdfgen_records(kind: str) -> list:
    from tests.formgen import sample_records

    records = sample_records()
    if kind == "pdfgen_three_pages":
        return records[2:4]
    if kind == "pdfgen_open_units":
        rec = copy.deepcopy(records[0])
        for ind, (annual, period, _t) in zip(rec.indicators, OPEN_UNITS):
            ind.annual_value, ind.period_value = annual, period
        return [rec]
    return records


def _write_pdfgen(name: str, kind: str) -> None:
    from tests.pdfgen import write_pdf

    records = _pdfgen_records(kind)
    out = SOURCES / f"{name}.pdf"
    if kind == "pdfgen_continued":
        write_pdf(records, out, rows_per_page=12, repeat_header=True, continued_title="项目绩效目标表（续）")
    elif kind == "pdfgen_three_pages":
        write_pdf(records, out, rows_per_page=7, repeat_header=True, furniture=True)
    else:
        write_pdf(records, out)


def _fields(record, kind: str) -> dict:
    """The header fields and indicator texts of a hand-written record (formgen), and, for
    the open units, the targets written by hand above; other targets are not compared."""
    from pipeline.models import HEADER_FIELDS

    d = {k: getattr(record, k) for k in HEADER_FIELDS}
    d["indicators"] = []
    for n, i in enumerate(record.indicators):
        ind = {"level1": i.level1, "level2": i.level2, "name": i.name,
               "period_value": i.period_value, "annual_value": i.annual_value}
        if kind == "pdfgen_open_units" and n < len(OPEN_UNITS):
            op, value, unit = OPEN_UNITS[n][2]
            ind["annual_target"] = ind["period_target"] = {"op": op, "value": value, "unit": unit}
        d["indicators"].append(ind)
    return d


def landscape_a3(path: Path) -> Path:
    """Turn a .docx's pages to A3 landscape (420 x 297 mm), as wide forms are printed."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    doc = Document(str(path))
    for section in doc.sections:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(420), Mm(297)
    doc.save(str(path))
    return path


def regenerate(names: list[str] | None = None) -> None:
    if os.environ.get(FLAG) != "1":
        raise SystemExit(f"set {FLAG}=1 to rewrite the frozen PDF cases")
    from tests.drawn_variety import write_drawn_pdf
    from tests.variety import pdf_batch, variant, write_docx

    SOURCES.mkdir(parents=True, exist_ok=True)
    GROUNDTRUTH.mkdir(parents=True, exist_ok=True)
    todo = {n: CASES[n] for n in (names or CASES)}
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        docxs = {}
        for name, (kind, seed) in todo.items():
            if kind == "libreoffice_centred":
                docxs[name] = centre_merged_cells(write_docx(variant(seed), d / f"{name}.docx", ruled=False))
            elif kind == "libreoffice_a3_landscape":
                docxs[name] = landscape_a3(write_docx(variant(seed), d / f"{name}.docx", page="A3"))
            elif kind == "drawn_centred":
                write_drawn_pdf(variant(seed), SOURCES / f"{name}.pdf", ruled=False, centred=True)
            elif kind == "page_tree_loop":
                (SOURCES / f"{name}.pdf").write_bytes(page_tree_loop_pdf())
            elif kind.startswith("pdfgen_"):
                _write_pdfgen(name, kind)
        for name, pdf in zip(docxs, pdf_batch(list(docxs.values()), d) if docxs else []):
            (SOURCES / f"{name}.pdf").write_bytes(pdf.read_bytes())
    for name, (kind, seed) in todo.items():
        if name in ERRORS:
            expected = {"error": {"kind": ERRORS[name]}}
        elif kind.startswith("pdfgen_"):
            expected = [_fields(r, kind) for r in _pdfgen_records(kind)]
        else:
            expected = variant(seed).expected
        (GROUNDTRUTH / f"{name}.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n",
                                                  encoding="utf-8")


if __name__ == "__main__":
    regenerate(sys.argv[1:] or None)
