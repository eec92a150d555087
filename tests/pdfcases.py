"""The PDFs the pdf regression tests read, frozen as files beside their expected records.

    JIXIAO_REGENERATE_PDF_CASES=1 python -m tests.pdfcases     # rewrite them (never in a test run)

Each case is `tests/data/sources/pdf/<case>.pdf` beside `tests/data/groundtruth/pdf/<case>.json`,
the list of records the generator wrote down when it chose the form (never what the reader
read). They are made the way offices make them:

- `borderless_centred_<seed>`: a python-docx form (tests/variety.py) whose tables have no
  borders and whose vertically merged cells (总体绩效目标, 绩效指标, 一级, 二级) are centred both
  ways (w:vAlign center, w:jc center), printed to PDF by LibreOffice headless with a
  private profile;
- `borderless_<seed>`: the same without centring (merged cells top-aligned, as python-docx
  leaves them), printed by LibreOffice;
- `continued_centred_<seed>`: a borderless centred form whose indicator table is cut in two
  at a row inside its indicator block (`split_continued`): the second part goes on a new
  page under 项目绩效目标表（续） with the indicator header repeated; a label box crossing
  the cut keeps its text above only (as Word splits a merged cell) or has it typed again;
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
  texts; targets are compared only where written by hand (`OPEN_UNITS`);
- `label_lines`: a reportlab drawing (tests/pdfgen.py `write_label_lines_pdf`) of header
  fields as lines of a label and its value, no colon, no lines, close above a borderless
  table; its groundtruth is written by hand (`HAND_WRITTEN`: regenerate never writes it).

The sets these cases come from are measured (fields and indicators read right, as
check.py scores) on seeds not frozen here, the PDFs cached in a directory of one's choice:

    python -m tests.pdfcases --measure continued_centred 8030 40 [--cache /tmp/pdfsets] [-v]

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
    # rows cut at a page foot, their rest overleaf: 8006 a lone line atop the page (家庭教育指导 /
    # 长效机制); 8008 one-cell lines in two columns (31日前, 分）) above a gap; 8027 a one-line
    # name beside empty columns (慰问补贴标 / 准)
    **{f"borderless_centred_{s}": ("libreoffice_centred", s) for s in (8006, 8008, 8027)},
    # 8107: 效益 centred on 教学质量..可持续影响 starts at 教学质量, not at the line of 社会效益指
    # centred half a row below it (first rows fitting alike: the one covering more rows)
    "borderless_centred_8107": ("libreoffice_centred", 8107),
    # 8005: a header field's wider box does not tell where the 二级 column stops (数量指 / 标);
    # 8011: a 二级 label box cut by the page break goes on beside a fresh row (社会效益指 / 标),
    # and the last column is as wide as its widest line (以验收 / 报告为准)
    # 8100: 准 of 以验收报告为准 alone atop a page, then a fresh row's lone label
    **{f"borderless_{s}": ("libreoffice_borderless", s) for s in (8005, 8011, 8100)},
    # under 项目绩效目标表（续） with the header repeated: 8001 the heading in the table's block;
    # 8004 绩效指 over 标 centred in a label column; 8021 a header row cut at the foot (实施周期 /
    # 目标值) and 效益 centred beside the lone 绩效指标; 8024 a label in the middle row of three;
    # 8044 a label wrapped over two lines alone between two rows (生态环境成本 / 指标（20分）);
    # 8045 the repeated header under a cut 二、成本指标 finishes nothing; 8036 the header's
    # 一级指标 covers no row under it (养老床位, whose labels are centred further down)
    **{f"continued_centred_{s}": ("libreoffice_continued_centred", s)
       for s in (8001, 8004, 8021, 8024, 8036, 8044, 8045)},
    # 8007, 8016, 8017: labels centred on the rows around them where those rows could be left
    # free; 8044, 8048: 绩效指标 centred on the whole block, its first and last rows taller;
    # 8101: 总体绩效目标 centred beside the goal rows, no line of two pieces above the indicators
    **{f"drawn_centred_{s}": ("drawn_centred", s) for s in (8007, 8016, 8017, 8044, 8048, 8101)},
    # from the last held-out seeds (8110-8149), read wrong before this round and right after it
    "drawn_centred_8118": ("drawn_centred", 8118),
    # 6025: 绩效指标 heading the second table at the left edge is no label of the first
    "drawn_centred_6025": ("drawn_centred", 6025),
    "drawn_centred_8129": ("drawn_centred", 8129),
    # 8093, 8097: 总体绩效目标 centred on the goals' label row and their values, read on the values' row
    # beside them (年度绩效目标's value was lost)
    **{f"drawn_centred_{s}": ("drawn_centred", s) for s in (8093, 8097)},
    "borderless_8136": ("libreoffice_borderless", 8136),
    "borderless_centred_8132": ("libreoffice_centred", 8132),
    "continued_centred_8135": ("libreoffice_continued_centred", 8135),
    **{f"a3_landscape_{s}": ("libreoffice_a3_landscape", s) for s in (7000, 7003)},
    "page_tree_loop": ("page_tree_loop", 0),
    # reportlab-drawn (tests/pdfgen.py) from formgen's five hand-written records
    "continued_title": ("pdfgen_continued", 0),
    "three_pages_repeat_header": ("pdfgen_three_pages", 0),
    "open_units": ("pdfgen_open_units", 0),
    # header fields as lines of a label and its value (no colon, no lines) closer together than
    # a cell's wrapped lines, above a borderless table: each line a row of its own
    "label_lines": ("pdfgen_label_lines", 0),
}
# cases whose groundtruth is written by hand in tests/data/groundtruth/pdf (never by regenerate)
HAND_WRITTEN = {"label_lines"}

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


def split_continued(v, seed: int):
    """The variant with each form's indicator table cut in two at a row inside its indicator
    block (chosen by the seed): the rows from the cut on go to a second table whose first
    row repeats the indicator header; a box merged down across the cut is closed above it
    and goes on below, its text above only or typed again (even odds); the label column's
    box (merged from the header down) goes on from the repeated header. `mark_continued`
    then puts the second part on a new page under 项目绩效目标表（续）."""
    import random

    from tests.variety import Grid

    rnd = random.Random(seed * 7 + 1)
    v = copy.deepcopy(v)
    for f in v.forms:
        g = f.tables[-1]
        hr = next(r for r, row in enumerate(g.rows) if "一级指标" in row)
        body = [r for r in range(hr + 2, len(g.rows)) if g.rows[r][0] != "填表人"]
        if len(body) < 2:
            continue
        cut = rnd.choice(body[1:])
        retype = rnd.random() < 0.5
        a, b = Grid(g.ncols), Grid(g.ncols)
        a.rows = [list(r) for r in g.rows[:cut]]
        b.rows = [list(g.rows[hr])] + [list(r) for r in g.rows[cut:]]
        for r0, c0, r1, c1 in g.merges:
            if r1 < cut:
                a.merges.append((r0, c0, r1, c1))
                continue
            if r0 >= cut:
                b.merges.append((r0 - cut + 1, c0, r1 - cut + 1, c1))
                continue
            if cut - 1 > r0 or c1 > c0:
                a.merges.append((r0, c0, cut - 1, c1))
            if r0 == hr:
                b.merges.append((0, c0, r1 - cut + 1, c1))
                continue
            if r1 > cut or c1 > c0:
                b.merges.append((1, c0, r1 - cut + 1, c1))
            if retype:
                b.rows[1][c0] = g.rows[r0][c0]
        if any(c0 < c1 for r0, c0, r1, c1 in g.merges if r0 <= hr <= r1):
            b.merges += [(0, c0, 0, c1) for r0, c0, r1, c1 in g.merges if r0 == r1 == hr]
        f.tables[-1:] = [a, b]
        f.continued = True  # type: ignore[attr-defined]
    return v


def mark_continued(path: Path, v) -> Path:
    """In a .docx written from `split_continued`'s variant, the paragraph before each second
    part (绩效指标) becomes 项目绩效目标表（续） and starts a new page."""
    from docx import Document
    from docx.text.paragraph import Paragraph

    doc = Document(str(path))
    tables = [el for el in doc.element.body if el.tag.endswith("}tbl")]
    k, parts = 0, []
    for f in v.forms:
        for j, _g in enumerate(f.tables):
            if getattr(f, "continued", False) and j == len(f.tables) - 1:
                parts.append(k)
            k += 1
    for t in parts:
        p = Paragraph(tables[t].getprevious(), doc._body)
        p.text = "项目绩效目标表（续）"
        p.paragraph_format.page_break_before = True
    doc.save(str(path))
    return path


def make_pdfs(kind: str, seeds: list[int], d: Path) -> dict[int, Path]:
    """PDFs of one kind for these seeds in directory d (those already there are kept):
    libreoffice_centred / libreoffice_borderless / libreoffice_continued_centred /
    libreoffice_ruled (one soffice call for all), drawn_centred / drawn_unruled."""
    from tests.drawn_variety import write_drawn_pdf
    from tests.variety import pdf_batch, variant, write_docx

    out, docx = {}, []
    for seed in seeds:
        pdf = out[seed] = d / f"{kind}_{seed}.pdf"
        if pdf.exists():
            continue
        v = variant(seed)
        if kind.startswith("drawn_"):
            write_drawn_pdf(v, pdf, ruled=False, centred=kind == "drawn_centred")
            continue
        path = d / f"{kind}_{seed}.docx"
        if kind == "libreoffice_continued_centred":
            cv = split_continued(v, seed)
            docx.append(mark_continued(centre_merged_cells(write_docx(cv, path, ruled=False)), cv))
        elif kind == "libreoffice_centred":
            docx.append(centre_merged_cells(write_docx(v, path, ruled=False)))
        else:
            docx.append(write_docx(v, path, ruled=kind == "libreoffice_ruled"))
    if docx:
        pdf_batch(docx, d)
    return out


def measure(kind: str, seeds: list[int], d: Path, verbose: bool = False) -> str:
    """Fields and indicators read right over these seeds, scored as check.py scores."""
    import importlib.util

    from pipeline.extract import extract_file
    from tests.variety import variant

    spec = importlib.util.spec_from_file_location("check", ROOT.parent.parent.parent / "shared" / "tools" / "check.py")
    check = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(check)  # type: ignore[union-attr]
    pdfs = make_pdfs(kind, seeds, d)
    results, lines = [], []
    for seed in seeds:
        exp = {"files": [pdfs[seed].name], "records": variant(seed).expected}
        out = [r.to_dict() for r in extract_file(pdfs[seed], checks=False)]
        r = check.score_case(str(d), exp, out, None)
        results.append(r)
        if r["fields_ok"] < r["fields_total"] or r["ind_output"] != r["ind_matched"]:
            lines.append(f"  seed {seed}: {r['fields_total'] - r['fields_ok']} misses")
            lines += [f"      {p}" for p in r["problems"][:10]] if verbose else []
    t = check.summarize(results)
    exact = sum(1 for r in results if r["fields_ok"] == r["fields_total"] and r["ind_output"] == r["ind_matched"])
    head = (f"{kind} {seeds[0]}-{seeds[-1]}: {exact}/{len(seeds)} files exact, fields {100 * t['fields']:.1f}%, "
            f"indicators P {100 * t['ind_p']:.1f}% R {100 * t['ind_r']:.1f}%")
    return "\n".join([head, *lines])


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

    out = SOURCES / f"{name}.pdf"
    if kind == "pdfgen_label_lines":
        from tests.pdfgen import write_label_lines_pdf

        write_label_lines_pdf(out)
        return
    records = _pdfgen_records(kind)
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
            elif kind == "libreoffice_borderless":
                docxs[name] = write_docx(variant(seed), d / f"{name}.docx", ruled=False)
            elif kind == "libreoffice_continued_centred":
                cv = split_continued(variant(seed), seed)
                docxs[name] = mark_continued(centre_merged_cells(write_docx(cv, d / f"{name}.docx", ruled=False)), cv)
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
        if name in HAND_WRITTEN:
            continue  # its groundtruth is written by hand
        if name in ERRORS:
            expected = {"error": {"kind": ERRORS[name]}}
        elif kind.startswith("pdfgen_"):
            expected = [_fields(r, kind) for r in _pdfgen_records(kind)]
        else:
            expected = variant(seed).expected
        (GROUNDTRUTH / f"{name}.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n",
                                                  encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        args = [a for a in sys.argv[2:] if a != "-v"]
        cache = Path(args[args.index("--cache") + 1]) if "--cache" in args else Path(tempfile.gettempdir()) / "pdfsets"
        cache.mkdir(parents=True, exist_ok=True)
        start, n = int(args[1]), int(args[2])
        kind = args[0] if args[0].startswith(("libreoffice_", "drawn_")) else f"libreoffice_{args[0]}"
        print(measure(kind, list(range(start, start + n)), cache, "-v" in sys.argv))
    else:
        regenerate(sys.argv[1:] or None)
