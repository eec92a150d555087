"""Real PDF 项目绩效目标表 drawn with reportlab from records, for the pdf reader's tests.

    write_pdf(records, path, layout="standard", *, ruled=True, repeat_header=True,
              rows_per_page=None, font_size=9, new_page_per_form=False, encrypt=None,
              rules_in_form=False, continued_title=None) -> Path
    # rules_in_form: the grid drawn in form XObjects; continued_title: a heading such as
    # 项目绩效目标表（续） at the top of each page a table goes on to
    write_cid_pdf(path) -> Path        # a page whose glyphs have no Unicode mapping: "(cid:NN)"
    CJK_FONT                           # the registered font name

The grid is the one `formgen` builds in Word: header block rows (项目名称 ... 实施周期
起始年度 X 到期年度 Y, 2026年预算金额(元), 总体绩效目标 over four rows), then 绩效指标 |
一级指标 | 二级指标 | 三级指标 | values, the label, 一级 and 二级 cells merged vertically
and drawn as merged boxes (text in the first row they cover). Text wraps inside its
cell by measured width. A page holds `rows_per_page` grid rows (or what fits); the
indicator header row is drawn again at the top of a new page when repeat_header.
Unruled forms are the same grid with no lines at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from pipeline.models import Record

try:
    from formgen import header_rows, indicator_columns, indicator_rows
except ModuleNotFoundError:  # imported as tests.pdfgen (benchmarks/)
    from .formgen import header_rows, indicator_columns, indicator_rows

_TTC = Path("/usr/share/fonts/truetype/arphic/uming.ttc")


def _register() -> str:
    if _TTC.exists():
        if "UMingCN" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("UMingCN", str(_TTC), subfontIndex=0))
        return "UMingCN"
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


CJK_FONT = _register()
PAGE_W, PAGE_H = A4
MARGIN = 40.0
PAD = 4.0
WIDTHS = {5: [62, 75, 95, 163, 120], 6: [62, 65, 85, 123, 90, 90]}


class _Rules:
    """Ruling lines of one page, drawn at the page's end with touching pieces joined
    (as LibreOffice writes them: one stroke per border line, not four per cell)."""

    def __init__(self, in_form: bool = False):
        self.h: dict[float, list[tuple[float, float]]] = {}
        self.v: dict[float, list[tuple[float, float]]] = {}
        self.in_form = in_form  # draw them inside a form XObject, placed by a translation
        self.forms = 0

    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        if y0 == y1:
            self.h.setdefault(round(y0, 2), []).append((min(x0, x1), max(x0, x1)))
        else:
            self.v.setdefault(round(x0, 2), []).append((min(y0, y1), max(y0, y1)))

    def flush(self, c) -> None:
        if self.in_form and (self.h or self.v):
            # the rules as a form XObject drawn 10 pt left and 20 pt low, placed back by a
            # translation (as some PDF writers emit a table's grid)
            self.forms += 1
            name = f"rules{self.forms}"
            c.beginForm(name)
            c.saveState()
            c.translate(-10, -20)
            self._draw(c)
            c.restoreState()
            c.endForm()
            c.saveState()
            c.translate(10, 20)
            c.doForm(name)
            c.restoreState()
            return
        self._draw(c)

    def _draw(self, c) -> None:
        c.setLineWidth(0.5)
        for at, pieces, horizontal in [(k, v, True) for k, v in self.h.items()] + [
                (k, v, False) for k, v in self.v.items()]:
            merged: list[list[float]] = []
            for a, b in sorted(pieces):
                if merged and a <= merged[-1][1] + 0.01:
                    merged[-1][1] = max(merged[-1][1], b)
                else:
                    merged.append([a, b])
            for a, b in merged:
                if horizontal:
                    c.line(a, at, b, at)
                else:
                    c.line(at, a, at, b)
        self.h.clear()
        self.v.clear()


@dataclass
class _Cell:
    col: int
    span: int
    text: str
    rowspan: int = 1


def _grid(r: Record, layout: str) -> tuple[list[list[_Cell]], int]:
    """One form as grid rows of cells; also the index of the indicator header row."""
    ncols = len(indicator_columns(layout))
    rows: list[list[_Cell]] = []
    for cells in header_rows(r, layout):
        row: list[_Cell] = []
        if cells[0] == "总体绩效目标":
            row.append(_Cell(0, 1, cells[0], rowspan=4))
        elif cells[0]:
            row.append(_Cell(0, 1, cells[0]))
        for c, text in enumerate(cells[1:-1], start=1):
            row.append(_Cell(c, 1, text))
        last = len(cells) - 1
        row.append(_Cell(last, ncols - last, cells[-1]))
        rows.append(row)
    head = len(rows)
    inds = indicator_rows(r, layout)
    heads = indicator_columns(layout)
    rows.append([_Cell(0, 1, heads[0], rowspan=1 + len(inds))]
                + [_Cell(c, 1, h) for c, h in enumerate(heads[1:], start=1)])
    for k, (l1, l2, cells) in enumerate(inds):
        row = []
        if k == 0 or inds[k - 1][0] != l1:
            n = 1
            while k + n < len(inds) and inds[k + n][0] == l1:
                n += 1
            row.append(_Cell(1, 1, l1, rowspan=n))
        if k == 0 or inds[k - 1][:2] != (l1, l2):
            n = 1
            while k + n < len(inds) and inds[k + n][:2] == (l1, l2):
                n += 1
            row.append(_Cell(2, 1, l2, rowspan=n))
        row += [_Cell(3 + c, 1, t) for c, t in enumerate(cells)]
        rows.append(row)
    return rows, head


def _wrap(text: str, width: float, font: str, size: float) -> list[str]:
    lines, cur = [], ""
    for ch in text:
        if cur and pdfmetrics.stringWidth(cur + ch, font, size) > width:
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        lines.append(cur)
    return lines


def write_pdf(records: Sequence[Record], path: str | Path, layout: str = "standard", *, ruled: bool = True,
              repeat_header: bool = True, rows_per_page: int | None = None, font_size: float = 9,
              new_page_per_form: bool = False, encrypt=None, furniture: bool = False,
              rotated: bool = False, rules_in_form: bool = False, continued_title: str | None = None) -> Path:
    """Several forms in one PDF: a 项目绩效目标表 title then the form's table, per record."""
    if layout not in ("standard", "annual_only"):
        raise ValueError(f"pdfgen draws the standard and annual_only layouts, not {layout!r}")
    path = Path(path)
    # rotated: landscape media with /Rotate 90 and the content drawn turned, so that the
    # page displays upright (as some print-to-PDF drivers write portrait pages)
    c = canvas.Canvas(str(path), pagesize=(PAGE_H, PAGE_W) if rotated else A4, encrypt=encrypt)

    def start_page() -> None:
        if rotated:
            c.setPageRotation(90)
            c.transform(0, 1, -1, 0, PAGE_H, 0)

    start_page()
    widths = WIDTHS[len(indicator_columns(layout))]
    xs = [MARGIN]
    for w in widths:
        xs.append(xs[-1] + w)
    lead = font_size * 1.2
    y = PAGE_H - MARGIN  # top of the next thing
    rows_on_page = 0

    rules = _Rules(in_form=rules_in_form)
    page_no = 1

    def furnish() -> None:
        """A running header and a page number in the margins (furniture=True)."""
        if furniture:
            c.setFont(CJK_FONT, 8)
            c.drawString(MARGIN, PAGE_H - MARGIN / 2, "2026年度项目支出绩效目标汇编（内部资料）")
            c.drawCentredString(PAGE_W / 2, MARGIN / 2, f"第 {page_no} 页")

    def new_page(table_open: bool = False) -> None:
        nonlocal y, rows_on_page, page_no
        if table_open and ruled:  # close the boxes the page break cuts
            rules.line(xs[0], y, xs[-1], y)
        rules.flush(c)
        furnish()
        page_no += 1
        c.showPage()
        start_page()
        y = PAGE_H - MARGIN
        rows_on_page = 0

    for n, rec in enumerate(records):
        if n and new_page_per_form:
            new_page()
        if y - 4 * lead < MARGIN:
            new_page()
        c.setFont(CJK_FONT, font_size + 5)
        c.drawCentredString(PAGE_W / 2, y - font_size - 5, "项目绩效目标表")
        y -= font_size + 5 + 2.5 * lead  # a wide gap: the title is no table row
        grid, head = _grid(rec, layout)
        lines = [{id(cell): _wrap(cell.text, sum(widths[cell.col:cell.col + cell.span]) - 2 * PAD, CJK_FONT,
                                  font_size) for cell in row} for row in grid]
        heights = []
        for row, wrapped in zip(grid, lines):
            most = max((len(wrapped[id(cell)]) for cell in row), default=1)
            heights.append(max(most, 1) * lead + 2 * PAD)
        # rows still covered by a merged box: (first row, cell) per column
        open_boxes: dict[int, tuple[int, _Cell]] = {}
        first_on_page = False
        for k, row in enumerate(grid):
            if k and (y - heights[k] < MARGIN or (rows_per_page and rows_on_page >= rows_per_page)):
                new_page(table_open=True)
                first_on_page = True
                if continued_title:  # 项目绩效目标表（续） above the rest of the table
                    c.setFont(CJK_FONT, font_size + 5)
                    c.drawCentredString(PAGE_W / 2, y - font_size - 5, continued_title)
                    y -= font_size + 5 + 2.5 * lead
                if repeat_header and k > head + 1:
                    label = {0: open_boxes[0]} if 0 in open_boxes else {}
                    _draw_row(c, grid[head][1:], lines[head], xs, y, heights[head], font_size, ruled, label, -1,
                              True, rules)
                    y -= heights[head]
                    rows_on_page += 1
                    first_on_page = False
            for cell in row:
                if cell.rowspan > 1:
                    open_boxes[cell.col] = (k, cell)
            _draw_row(c, row, lines[k], xs, y, heights[k], font_size, ruled, open_boxes, k, first_on_page, rules)
            first_on_page = False
            for col, (k0, cell) in list(open_boxes.items()):
                if k >= k0 + cell.rowspan - 1:
                    del open_boxes[col]
            y -= heights[k]
            rows_on_page += 1
        y -= 2.5 * lead
    rules.flush(c)
    furnish()
    c.save()
    return path


def _draw_row(c, row: list[_Cell], wrapped: dict, xs: list[float], top: float, height: float, size: float,
              ruled: bool, boxes: dict, k: int, first_on_page: bool, rules: _Rules) -> None:
    """Grid row k: its cells' text (the first row of a merged box only) and box edges.

    `boxes` holds the merged boxes covering row k (col -> (first row, cell))."""
    c.setFont(CJK_FONT, size)
    lead = size * 1.2
    for cell in row:
        for i, line in enumerate(wrapped[id(cell)]):
            c.drawString(xs[cell.col] + PAD, top - PAD - (i + 1) * lead + size * 0.2, line)
    if not ruled:
        return
    bottom = top - height
    present = [(cell, k, k) for cell in row if cell.rowspan == 1]
    present += [(cell, k0, k0 + cell.rowspan - 1) for k0, cell in boxes.values()]
    for cell, first, last in present:
        x0, x1 = xs[cell.col], xs[cell.col + cell.span]
        rules.line(x0, top, x0, bottom)
        rules.line(x1, top, x1, bottom)
        if first == k or first_on_page:
            rules.line(x0, top, x1, top)
        if last == k:
            rules.line(x0, bottom, x1, bottom)


def write_cid_pdf(path: str | Path) -> Path:
    """A hand-written one-page PDF: a 项目绩效目标表-free line in a Type0 font with no
    ToUnicode and no embedded program, so its glyphs read back as "(cid:NN)"."""
    path = Path(path)
    content = b"BT /F1 12 Tf 72 720 Td (Project) Tj ET BT /F2 12 Tf 72 700 Td <00120034> Tj ET"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
         b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>"),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Unmapped /Encoding /Identity-H /DescendantFonts [7 0 R] >>",
        (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Unmapped "
         b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>"),
    ]
    path.write_bytes(pdf_from_objects(objs))
    return path


def pdf_from_objects(objs: list[bytes]) -> bytes:
    """A PDF file from its numbered objects (1 is the catalog), with the cross-reference
    table and trailer that point at them: for hand-written files a drawing library won't make."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


# a form whose header fields are lines of a label and its value, no colon, no ruling, drawn
# close above a borderless indicator table (the layout of a county's 财政支出项目绩效目标申报表,
# https://docx.baby/p/20793843881926.html: 项目名称 / 主管部门 / 项目实施单位 / 资金 above
# 一级指标 | 二级指标 | 指标内容 | 指标值 | 备注); the content is invented
# (a value of two lines wraps under its first: the next label's value does not go on with it)
LABEL_LINES = [("项目名称", "乡村学校图书角建设及阅读\n推广活动"), ("主管部门", "某县教育局"), ("项目实施单位", "某县第二中学"),
               ("资金总额（万元）", "48.5"), ("项目起止时间", "2026年1月至2026年12月"),
               ("年度目标", "为全县12所乡村学校各建成一个图书角并开展阅读活动")]
LABEL_LINES_TABLE = [
    (["一级指标"], ["二级指标"], ["指标内容"], ["指标值"], ["备注"]),
    (["产出指标"], ["数量指标"], ["建成图书角数"], ["≥12个"], [""]),
    ([""], ["质量指标"], ["图书验收合格率"], ["100%"], ["以验收", "报告为准"]),
    ([""], ["时效指标"], ["完成时间"], ["2026年12月前"], [""]),
    (["效益指标"], ["社会效益指", "标"], ["学生借阅人次"], ["≥3000人次"], [""]),
    (["满意度指标"], ["服务对象满", "意度指标"], ["师生满意度"], ["≥90%"], [""]),
]


def write_label_lines_pdf(path: str | Path, *, size: float = 10.5, pitch: float = 14.5) -> Path:
    """LABEL_LINES as lines of a label and its value a few spaces apart (one line each,
    `pitch` points apart: closer than a cell's wrapped lines may be), then LABEL_LINES_TABLE
    with no lines, wrapped cells `size * 1.2` apart and rows further apart."""
    path = Path(path)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setTitle("label lines above a borderless table")
    c.setFont(CJK_FONT, 16)
    c.drawCentredString(PAGE_W / 2, PAGE_H - 60, "财政支出项目绩效目标申报表")
    c.setFont(CJK_FONT, size)
    y = PAGE_H - 100
    for label, value in LABEL_LINES:
        c.drawString(MARGIN + 10, y, label)
        for k, text in enumerate(value.split("\n")):  # typed a few spaces after its label
            c.drawString(MARGIN + 10 + (len(label) + 2) * size, y - k * size * 1.2, text)
        y -= pitch + value.count("\n") * size * 1.2
    y -= pitch
    xs = [MARGIN + 10, MARGIN + 80, MARGIN + 160, MARGIN + 290, MARGIN + 400]
    for row in LABEL_LINES_TABLE:
        for x, lines in zip(xs, row):
            for k, text in enumerate(lines):
                c.drawString(x, y - k * size * 1.2, text)
        y -= 22 + (max(len(lines) for lines in row) - 1) * size * 1.2
    c.showPage()
    c.save()
    return path
