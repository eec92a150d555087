"""Build templates/standard_form.docx, the standard 项目绩效目标表 as a docxtpl template.

    .venv/bin/python templates/build_template.py

The result is an ordinary .docx: open it in Word or LibreOffice to restyle it (fonts,
widths, borders, the title) and keep the `{{ ... }}` / `{%tr ... %}` tags as they are.
This script only makes the first version; after a hand edit, commit the .docx itself.

Layout (six fixed-width columns on A4 portrait, every cell bordered, one rule between the
two tables, every cell centred vertically):

    项目名称        | {{ f.project_name }} (spans five columns)
    项目类型 ... 用款单位 likewise
    实施周期        | 起始年度 | {{ f.period_start }} | 到期年度 | {{ f.period_end }}
    {{ f.budget_label }} | {{ f.budget_amount }}          e.g. 2026年预算金额（元） | 775,413.00
    总体绩效目标    | 实施周期总目标 / {{ f.goal_overall }} / {{ f.annual_label }} / {{ f.goal_annual }}
    --- a second table right below (a 1 pt paragraph between keeps it apart) ---
    绩效指标        | 一级指标 | 二级指标 | 三级指标 | 实施周期指标值 | 年度指标值   <- repeats on every page
    (same cell)     | one row per indicator ({%tr for row in f.rows %})

The renderer merges equal 一级 and 二级 cells vertically after docxtpl has filled the
rows (a template cannot say "merge while equal"; docxtpl's {% vm %} merges a whole column).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

HERE = Path(__file__).resolve().parent
OUT = HERE / "standard_form.docx"

# official forms use these faces; templates/fonts.conf maps them to installed CJK fonts
BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
LATIN_FONT = "Times New Roman"

# widths of the six columns, each table summing to 17.0 cm (A4 minus 2 x 2.0 cm margins), so
# that labels and values wrap into at most three lines on the seed's forms:
# header block: label | 起始年度 | year | 到期年度 | year | (rest); "2026年预算金额（元）" in two lines
HEAD_WIDTHS_CM = (3.4, 2.4, 3.0, 2.4, 3.0, 2.8)
# indicators: 绩效指标 | 一级 | 二级 | 三级 | 实施周期指标值 | 年度指标值; a 40-character value in three
# lines at INDICATOR_PT, "服务对象满意度指标" in two
WIDTHS_CM = (1.3, 1.8, 2.3, 3.2, 4.2, 4.2)
INDICATOR_PT = 9.0  # the indicator table's text (the header block keeps the body size, 10.5)
EMPTY_BORDER = ("w:val", "nil")


def _set_fonts(run_or_style, east_asia: str, size_pt: float, bold: bool = False) -> None:
    font = run_or_style.font
    font.name = LATIN_FONT
    font.size = Pt(size_pt)
    font.bold = bold
    rpr = run_or_style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:ascii"), LATIN_FONT)
    rfonts.set(qn("w:hAnsi"), LATIN_FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")  # lets LibreOffice pick the SC face of a CJK collection


# schema order of the property elements we add to (Word refuses a file with them out of order)
_TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
                "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
                "tblCaption", "tblDescription", "tblPrChange")
_TCPR_ORDER = ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
               "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel", "cellMerge",
               "tcPrChange")


def _place(parent, child, order: tuple[str, ...]) -> None:
    """Put `child` into `parent` where the schema sequence `order` wants it (replacing a namesake)."""
    name = child.tag.split("}")[1]
    old = parent.find(qn(f"w:{name}"))
    if old is not None:
        parent.remove(old)
    later = set(order[order.index(name) + 1:])
    for k, el in enumerate(parent):
        if el.tag.split("}")[1] in later:
            parent.insert(k, child)
            return
    parent.append(child)


def _border_set(tag: str, sides: tuple[str, ...], none: tuple[str, ...] = ()):
    """A w:tblBorders / w:tcBorders element with a thin black single line on each side (none on `none`)."""
    borders = OxmlElement(tag)
    for side in sides:
        b = OxmlElement(f"w:{side}")
        if side in none:
            b.set(qn("w:val"), "nil")
        else:
            for attr, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "0"), ("w:color", "000000")):
                b.set(qn(attr), value)
        borders.append(b)
    return borders


def _borders(tbl, none: tuple[str, ...] = ()) -> None:
    tblPr = tbl._tbl.tblPr
    _place(tblPr, _border_set("w:tblBorders", ("top", "left", "bottom", "right", "insideH", "insideV"), none),
           _TBLPR_ORDER)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    _place(tblPr, layout, _TBLPR_ORDER)


def _cell_borders(tc, none: tuple[str, ...] = ()) -> None:
    """Borders on the cell itself too, so a restyled table style cannot lose them."""
    _place(tc.get_or_add_tcPr(), _border_set("w:tcBorders", ("top", "left", "bottom", "right"), none), _TCPR_ORDER)


def _vmerge(cell, restart: bool) -> None:
    tcPr = cell._tc.get_or_add_tcPr()
    vm = OxmlElement("w:vMerge")
    if restart:
        vm.set(qn("w:val"), "restart")
    _place(tcPr, vm, _TCPR_ORDER)


def _put(cell, text: str, *, bold: bool = False, align=WD_ALIGN_PARAGRAPH.CENTER,
         valign=WD_CELL_VERTICAL_ALIGNMENT.CENTER, size: float | None = None) -> None:
    p = cell.paragraphs[0]
    p.alignment = align
    if text:
        run = p.add_run(text)
        if bold:
            run.bold = True
        if size:
            run.font.size = Pt(size)
    if size:  # the paragraph mark too: an empty cell is as tall as a full one
        ppr = p._p.get_or_add_pPr()
        rpr = ppr.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            ppr.append(rpr)
        sz = OxmlElement("w:sz")
        sz.set(qn("w:val"), str(int(size * 2)))
        rpr.append(sz)
    cell.vertical_alignment = valign


def _table(doc, nrows: int, widths: tuple[float, ...], open_bottom: bool = False):
    """A bordered, fixed-width table of the six columns: (cell(row, col), table).
    open_bottom: no rule under the last row (the table right below draws it)."""
    t = doc.add_table(rows=nrows, cols=6)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    _borders(t, ("bottom",) if open_bottom else ())
    grid = t._tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        gc.set(qn("w:w"), str(int(Cm(w).twips)))
    cells = t._cells  # snapshot before merging
    for k, cell in enumerate(cells):
        cell.width = Cm(widths[k % 6])
    return (lambda r, col: cells[r * 6 + col]), t


def _slim(doc) -> None:
    """Drop what python-docx's default document carries and the form never uses: the Word 2010
    stylesWithEffects copy, a thumbnail, customXml, and the ~270 unused style definitions
    (0.8 MB of XML that every render would parse, write and compress again)."""
    part = doc.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype.endswith(("/stylesWithEffects", "/customXml")):
            part.rels.pop(rid)
    pkg_rels = part.package.rels
    for rid, rel in list(pkg_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            pkg_rels.pop(rid)
    styles = doc.styles.element
    body = doc.element.body
    used = {el.get(qn("w:val")) for tag in ("w:pStyle", "w:rStyle", "w:tblStyle")
            for el in body.iter(qn(tag))}
    by_id = {st.get(qn("w:styleId")): st for st in styles.findall(qn("w:style"))}
    keep = {sid for sid, st in by_id.items() if st.get(qn("w:default")) == "1"} | used
    todo = list(keep)
    while todo:  # what the kept styles are based on, linked to, followed by
        st = by_id.get(todo.pop())
        if st is None:
            continue
        for tag in ("w:basedOn", "w:link", "w:next"):
            el = st.find(qn(tag))
            if el is not None and el.get(qn("w:val")) not in keep:
                keep.add(el.get(qn("w:val")))
                todo.append(el.get(qn("w:val")))
    for sid, st in by_id.items():
        if sid not in keep:
            styles.remove(st)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)


def build(out: Path = OUT) -> Path:
    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.0)
    sec.top_margin = sec.bottom_margin = Cm(2.0)

    normal = doc.styles["Normal"]
    _set_fonts(normal, BODY_FONT, 10.5)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0

    title = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(12)
    _set_fonts(title.add_run("项目绩效目标表"), TITLE_FONT, 18, bold=True)

    head = [
        ("项目名称", "{{ f.project_name }}"),
        ("项目类型", "{{ f.project_type }}"),
        ("项目等级", "{{ f.project_level }}"),
        ("主管部门", "{{ f.department }}"),
        ("用款单位", "{{ f.implementing_unit }}"),
    ]
    # table 1, the header block: 5 fields + 实施周期 + 预算 + 4 goal rows; no rule under it (the
    # indicator table's top rule is the one line between the two)
    c, t1 = _table(doc, len(head) + 2 + 4, HEAD_WIDTHS_CM, open_bottom=True)
    left = WD_ALIGN_PARAGRAPH.LEFT
    r = 0
    for label, tag in head:
        _put(c(r, 0), label, bold=True)
        _put(c(r, 1), tag, align=left)
        c(r, 1).merge(c(r, 5))
        r += 1
    # 实施周期 | 起始年度 | yyyy | 到期年度 | yyyy
    _put(c(r, 0), "实施周期", bold=True)
    _put(c(r, 1), "起始年度", bold=True)
    _put(c(r, 2), "{{ f.period_start }}")
    _put(c(r, 3), "到期年度", bold=True)
    _put(c(r, 4), "{{ f.period_end }}")
    c(r, 4).merge(c(r, 5))
    r += 1
    _put(c(r, 0), "{{ f.budget_label }}", bold=True)
    _put(c(r, 1), "{{ f.budget_amount }}", align=left)
    c(r, 1).merge(c(r, 5))
    r += 1
    goals = (("实施周期总目标", True), ("{{ f.goal_overall }}", False),
             ("{{ f.annual_label }}", True), ("{{ f.goal_annual }}", False))
    for k, (text, is_label) in enumerate(goals):
        if k == 0:
            _put(c(r, 0), "总体绩效目标", bold=True)
        _vmerge(c(r, 0), restart=k == 0)
        _put(c(r, 1), text, bold=is_label, align=WD_ALIGN_PARAGRAPH.CENTER if is_label else left)
        c(r, 1).merge(c(r, 5))
        r += 1

    # table 2, right below it (a paragraph of almost no height between: it reads as one
    # table): the indicators. Its header row repeats at the top of every page a long form
    # runs onto, so a printout and a PDF reader both see where the rows go on. 绩效指标 is
    # one cell down the whole block, header row included, as on the official form.
    gap = doc.add_paragraph()  # without a paragraph between, Word and LibreOffice join the tables
    gap.paragraph_format.line_spacing = Pt(0.5)
    gap.paragraph_format.keep_with_next = True
    _set_fonts(gap.add_run(""), BODY_FONT, 1)
    c, t2 = _table(doc, 4, WIDTHS_CM)
    _put(c(0, 0), "绩效指标", bold=True)
    _vmerge(c(0, 0), restart=True)
    for col, h in enumerate(("一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值"), start=1):
        _put(c(0, col), h, bold=True, size=INDICATOR_PT)
    t2._tbl.tr_lst[0].get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    # the loop: docxtpl drops the {%tr %} rows and repeats the row between them
    _vmerge(c(1, 0), restart=False)
    _put(c(1, 1), "{%tr for row in f.rows %}", align=left)
    c(1, 1).merge(c(1, 5))
    _vmerge(c(2, 0), restart=False)
    for col, tag in enumerate(("{{ row.level1 }}", "{{ row.level2 }}", "{{ row.name }}",
                               "{{ row.period_value }}", "{{ row.annual_value }}"), start=1):
        # every cell centred vertically, merged 一级/二级 cells as their neighbours
        _put(c(2, col), tag, align=left if col == 3 else WD_ALIGN_PARAGRAPH.CENTER, size=INDICATOR_PT)
    _vmerge(c(3, 0), restart=False)
    _put(c(3, 1), "{%tr endfor %}", align=left)
    c(3, 1).merge(c(3, 5))

    for t in (t1, t2):
        for tc in t._tbl.iter_tcs():
            _cell_borders(tc)
        # rows never split across pages in the middle of a cell
        for tr in t._tbl.tr_lst:
            tr.get_or_add_trPr().insert(0, OxmlElement("w:cantSplit"))
    last = t1._tbl.tr_lst[-1]
    for tc in last.iter(qn("w:tc")):
        _cell_borders(tc, none=("bottom",))
        for p in tc.iter(qn("w:p")):  # the header block's last row stays on the page of the indicators
            Paragraph(p, None).paragraph_format.keep_with_next = True

    _slim(doc)
    doc.core_properties.title = "项目绩效目标表"
    doc.core_properties.author = "jixiao"
    doc.save(str(out))
    return out


if __name__ == "__main__":
    print(build())
