"""PDF: glyph boxes and ruling lines from PDFium, tables rebuilt here.

pdfplumber's `extract_tables` costs more than the whole read is allowed (and its
`text` strategy splits unruled cells apart); even its `page.chars` spends most of its
time interpreting content streams in Python. So each page is read once through
PDFium (pypdfium2, which pdfplumber itself depends on) with its raw C API: per glyph
(x0, top, x1, bottom, text, size) from the text page's loose boxes, per path object
its horizontal and vertical segments (stroked lines and the edges of rectangles),
and whether the page paints images. A file PDFium refuses as malformed gets a second
chance with pdfminer (pdfplumber's engine, `pdf_pdfminer.py`) through a lean device
that collects the same things, since pdfminer forgives some damage PDFium does not.

Per page:

- ruled tables: horizontal and vertical segments that touch form one table; the
  distinct x of its verticals are its column boundaries, the distinct y of its
  horizontals its row boundaries. Two neighbouring grid cells belong to one merged
  cell when no segment separates them, so merged boxes come back whole: a cell is
  emitted once, on the first grid row it covers, at its first column (`col`) with
  `span` columns. A glyph belongs to the cell holding its centre point (a tight
  one-line cell keeps its text). The lines of a cell are joined with "\\n".
- text outside ruled tables is grouped into lines (by centre y) and the lines into
  cells at gaps wider than half a character. Runs of lines holding two cells or
  more, with the lines within 1.6 sizes around them, are an unruled table: columns
  are the clusters of the cells' left edges; in each column a piece less than 1.6
  sizes (centre to centre) under the one above is a wrapped line of that cell, and
  cells starting at one height make a row (a merged box's lines need not line up
  with its neighbours'); a row further down that starts at the table's columns stays in
  it. Other lines are paragraphs (`table=None`). An unruled row cut at a page's foot
  (the table reaching within 2.5 lines of it) goes on overleaf under the test
  ruled tables use, a box's edge taken from the widest wrapped line ending before the
  next cell of its row (a lone cell: of the lone cells of its column), not after a cell
  ending in 。 or ：; the label column's box alone goes on beside a fresh row.
- a ruled table that starts a page right after one that ended the previous page
  (page numbers and running headers/footers, lines recurring in the margins, aside),
  with the same outer edges, continues it: same `table` index, and `col`/`span` are
  worked out at the end over the boundaries of all its pages. Word and LibreOffice
  cut a row at a page's foot: the first row overleaf goes on from the boxes above it
  when every cell of it sits under a box with text that reached the foot, and none
  of those boxes had room on its last line for the first word of the text below
  (a fresh row fails one of these; a repeated header row never continues). A box
  merged down over several rows overleaf goes on alone, under the same test, when the
  text above reached the foot: the other columns broke between two rows.
- a page with /Rotate is read in its displayed orientation.

`(cid:NN)` (a glyph with no Unicode mapping) and U+FFFD stay in the text and are
noted as ("garbled", snippet); a file without its %%EOF marker that could still be
read is noted as ("truncated", ...). Refused: not a PDF / unreadable (CorruptFile),
a user password (EncryptedFile), more than max_pdf_pages pages or a Flate stream
inflating past max_unzipped_mb or max_zip_ratio (TooLarge, checked before any
parsing), no text at all (EmptyFile; a scan without a text layer says so).
"""

from __future__ import annotations

import ctypes
import re
import threading
import zlib
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .. import settings, vocab
from ..document import Cell, RawDocument, Row
from ..errors import CorruptFile, EmptyFile, EncryptedFile, TooLarge

_GARBLED = re.compile(r"\(cid:\d+\)|\ufffd")
_LABELLED = re.compile(r"^[^:：]{1,12}[:：]")
_PAGE_NUMBER = re.compile(r"^(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|-?\s*\d+\s*-?|\d+\s*/\s*\d+)$")
_PDFIUM_LOCK = threading.Lock()
TOL = 2.0  # points: segments this close are one ruling line


# ------------------------------------------------------------------ glyphs and segments


@dataclass(slots=True)
class _Page:
    number: int
    height: float = 0.0
    chars: list[tuple[float, float, float, float, str, float]] = field(default_factory=list)
    hsegs: list[tuple[float, float, float]] = field(default_factory=list)  # (y, x0, x1), y from the top
    vsegs: list[tuple[float, float, float]] = field(default_factory=list)  # (x, top, bottom)
    images: int = 0


# ------------------------------------------------------------------ the file


def read(path: Path) -> RawDocument:
    path = Path(path)
    limits = settings.get()
    with path.open("rb") as fh:
        head = fh.read(1024)
        if b"%PDF-" not in head:
            raise CorruptFile(f"{path.name} is not a PDF (no %PDF header)",
                              "文件不是有效的 PDF 文档，可能已损坏或扩展名有误")
        fh.seek(0)
        size = path.stat().st_size
        if size > limits.max_file_mb * 1024 * 1024:  # read() of a bound allocates the bound
            raise TooLarge(f"{path.name} is {size / 1048576:.1f} MiB", f"PDF 文件超过 {limits.max_file_mb:g} MiB 的上限")
        data = fh.read()
        _check_streams(data, path, limits)
        truncated = b"%%EOF" not in data[-4096:]
        del data
        fh.seek(0)
        pages = _pages_pdfium(path, limits.max_pdf_pages)
        if pages is None:  # PDFium could not parse it: pdfminer is more forgiving of some damage
            from .pdf_pdfminer import pages as pdfminer_pages  # imported only when needed

            pages = list(pdfminer_pages(fh, path, limits.max_pdf_pages))
    doc = RawDocument(path=str(path), format="pdf")
    if truncated:  # read what could be repaired, and say so
        doc.notes.append(("truncated", "PDF 文件末尾缺少 %%EOF 结束标记，文件可能不完整"))
    _Layout(doc).run(pages)
    if not any(p.chars for p in pages):
        if any(p.images for p in pages):
            raise EmptyFile(f"{path.name} is a scan: images and no text layer",
                            "PDF 是扫描件（只有图片），没有文字层，无法读取；请提交可复制文字的 PDF 或 Word 文档")
        raise EmptyFile(f"no text in {path.name}", "PDF 中没有任何文字")
    return doc


_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_IMAGE_DICT = re.compile(rb"/Subtype\s*/Image\b")
_RATIO_FLOOR = 1 << 20  # streams inflating to less than this are not judged by their ratio
_CHUNK = 1 << 16


def _check_streams(data: bytes, path: Path, limits) -> None:
    """Refuse a decompression bomb before PDFium or pdfminer inflate it in memory.

    Every Flate stream but images (never decoded to read text) is inflated here a bounded piece at a time, and nothing kept: the
    whole file may not inflate past max_unzipped_mb, and no stream inflating past 1 MiB
    may do so at a ratio above max_zip_ratio (real content streams and fonts stay far
    below it; a stream of zeros reaches about 1000)."""
    budget = int(limits.max_unzipped_mb * 1024 * 1024)
    total = 0
    for m in _STREAM.finditer(data):
        head = data[max(0, m.start() - 1024):m.start()]
        if _IMAGE_DICT.search(head[head.rfind(b" obj") + 1:]):
            continue  # image data is never decoded to read text (a scan's pages are big)
        d = zlib.decompressobj()
        pos = m.end()
        out = 0
        pending = b""
        try:
            while not d.eof:
                if not pending:
                    pending = data[pos:pos + _CHUNK]
                    if not pending:
                        break
                    pos += len(pending)
                out += len(d.decompress(pending, _CHUNK))
                pending = d.unconsumed_tail
                if total + out > budget:
                    raise TooLarge(f"{path.name} inflates past {limits.max_unzipped_mb:g} MiB",
                                   f"PDF 解压后超过 {limits.max_unzipped_mb:g} MiB（疑似压缩炸弹），已拒绝处理")
                used = pos - m.end() - len(pending)
                if out > _RATIO_FLOOR and out > limits.max_zip_ratio * max(used, 1):
                    raise TooLarge(f"{path.name}: a stream inflates {out / max(used, 1):.0f} times",
                                   "PDF 中的数据流压缩比异常（疑似压缩炸弹），已拒绝处理")
        except zlib.error:
            pass  # not Flate (images, fonts in other filters) or damaged: not ours to judge
        total += out


def _pages_pdfium(path: Path, max_pages: int) -> list[_Page] | None:
    """Glyph boxes and ruling segments of every page, read with PDFium (pypdfium2, which
    pdfplumber brings along): ten times faster than interpreting the pages in Python.
    None when PDFium finds the file malformed (pdfminer then gets its chance).

    PDFium is not thread-safe: one file at a time per process (flows run threads)."""
    with _PDFIUM_LOCK:
        return _pdfium_pages_locked(path, max_pages)


def _pdfium_pages_locked(path: Path, max_pages: int) -> list[_Page] | None:
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise EncryptedFile(f"{path.name} is password protected",
                                "PDF 文档已加密（需要密码才能打开），请取消密码后重新提交") from None
        return None
    try:
        count = len(pdf)
        if count > max_pages:
            raise TooLarge(f"{path.name}: {count} pages (limit {max_pages})",
                           f"PDF 共 {count} 页，超过上限 {max_pages} 页，已拒绝处理")
        pages = []
        for n in range(count):
            page = pdf[n]
            try:
                pages.append(_pdfium_page(page, n + 1))
            finally:
                page.close()
        return pages
    finally:
        pdf.close()


def _rotation(page) -> tuple[float, object]:
    """The displayed page's height and a map from PDF user space to displayed
    (x, top) coordinates: a page may carry /Rotate with its content drawn turned."""
    left, bottom, right, top = page.get_mediabox()
    w, h = right - left, top - bottom
    rot = page.get_rotation() % 360
    if rot == 90:
        return w, lambda x, y: (y - bottom, x - left)
    if rot == 180:
        return h, lambda x, y: (w - (x - left), y - bottom)
    if rot == 270:
        return w, lambda x, y: (h - (y - bottom), w - (x - left))
    return h, lambda x, y: (x - left, h - (y - bottom))


def _pdfium_page(page, number: int) -> _Page:
    height, to_page = _rotation(page)
    out = _Page(number, height=height)
    tp = page.get_textpage()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    baselines: list[float] = []
    try:
        raw = tp.raw
        rect = pdfium_c.FS_RECTF()
        for k in range(tp.count_chars()):
            if pdfium_c.FPDFText_IsGenerated(raw, k) == 1:
                continue
            u = pdfium_c.FPDFText_GetUnicode(raw, k)
            if pdfium_c.FPDFText_HasUnicodeMapError(raw, k) == 1:
                text = f"(cid:{u})"
            elif u < 33 or 0xD800 <= u <= 0xDFFF or u > 0x10FFFF:
                continue
            else:
                text = chr(u)
                if text.isspace():
                    continue
            if not pdfium_c.FPDFText_GetLooseCharBox(raw, k, rect):
                continue
            x0, x1, y_lo, y_hi = rect.left, rect.right, min(rect.bottom, rect.top), max(rect.bottom, rect.top)
            h = y_hi - y_lo
            fs = pdfium_c.FPDFText_GetFontSize(raw, k)
            size = fs if 0.5 * h <= fs <= 1.5 * h else max(h, 1.0)
            ax, at = to_page(x0, y_hi)
            bx, bt = to_page(x1, y_lo)
            out.chars.append((min(ax, bx), min(at, bt), max(ax, bx), max(at, bt), text, size))
            pdfium_c.FPDFText_GetCharOrigin(raw, k, ox, oy)
            baselines.append(-to_page(ox.value, oy.value)[1])
    finally:
        tp.close()
    _snap_small_glyphs(out.chars, baselines)
    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    x = ctypes.c_float()
    y = ctypes.c_float()
    matrix = pdfium_c.FS_MATRIX()
    praw = page.raw
    for i in range(pdfium_c.FPDFPage_CountObjects(praw)):
        oraw = pdfium_c.FPDFPage_GetObject(praw, i)
        kind = pdfium_c.FPDFPageObj_GetType(oraw)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            out.images += 1
            continue
        if kind != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not pdfium_c.FPDFPath_GetDrawMode(oraw, fill, stroke) or not (fill.value or stroke.value):
            continue
        if not pdfium_c.FPDFPageObj_GetMatrix(oraw, matrix):
            continue
        a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
        pts: list[tuple[float, float]] = []
        start = None
        for s in range(pdfium_c.FPDFPath_CountSegments(oraw)):
            seg = pdfium_c.FPDFPath_GetPathSegment(oraw, s)
            pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
            pt = to_page(a * x.value + c * y.value + e, b * x.value + d * y.value + f)
            kind = pdfium_c.FPDFPathSegment_GetType(seg)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                _add_segments(out, pts, None)
                pts = [pt]
                start = pt
            elif kind == pdfium_c.FPDF_SEGMENT_LINETO:
                pts.append(pt)
            else:  # a curve ends the straight run
                _add_segments(out, pts, None)
                pts = [pt]
            if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None:
                pts.append(start)
        _add_segments(out, pts, None)
    if not out.chars and not out.images:  # a scanner may wrap its image in a form XObject
        out.images = sum(1 for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3))
    return out


def _add_segments(page: _Page, pts: list[tuple[float, float]], top: float | None) -> None:
    """Horizontal and vertical pieces of a straight run. Points are PDF user space
    (y up) below `top`, or already (x, top-down y) when top is None."""
    for (ax, ay), (bx, by) in pairwise(pts):
        if top is not None:
            ay, by = top - ay, top - by
        if abs(ay - by) <= 0.5 and abs(ax - bx) > 1:
            page.hsegs.append((ay, min(ax, bx), max(ax, bx)))
        elif abs(ax - bx) <= 0.5 and abs(ay - by) > 1:
            page.vsegs.append((ax, min(ay, by), max(ay, by)))


# ------------------------------------------------------------------ layout


def _cluster(values: list[float], tol: float) -> list[float]:
    """Sorted representatives of values, merging those within tol of the previous one."""
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _snap_small_glyphs(chars: list[tuple], baselines: list[float]) -> None:
    """Give punctuation the vertical box of the full-size glyphs on its baseline.

    PDFium's box of `,` `.` `，` `。` is the glyph's own: a few points high and centred
    below the line, so by its box alone a comma would start a line of its own
    ("10,000.00" read as "10 000 00" over ", .")."""
    if not chars:
        return
    heights = sorted(c[3] - c[1] for c in chars)
    typical = heights[len(heights) // 2]
    lines: dict[int, tuple[float, float, float]] = {}
    for c, base in zip(chars, baselines):
        if c[3] - c[1] >= 0.7 * typical:
            lines.setdefault(round(base * 2), (c[1], c[3], c[5]))
    for i, (c, base) in enumerate(zip(chars, baselines)):
        if c[3] - c[1] < 0.7 * typical:
            key = round(base * 2)
            line = lines.get(key) or lines.get(key - 1) or lines.get(key + 1)
            if line is not None:
                chars[i] = (c[0], line[0], c[2], line[1], c[4], line[2])


def _line_text(chars: list[tuple]) -> str:
    """Glyphs of one line, left to right; a gap wider than a quarter of a glyph is a space."""
    chars = sorted(chars, key=lambda c: c[0])
    out: list[str] = []
    prev_x1 = None
    for x0, _t, x1, _b, text, size in chars:
        if prev_x1 is not None and x0 - prev_x1 > size * 0.25:
            out.append(" ")
        out.append(text)
        prev_x1 = x1
    return "".join(out).strip()


def _lines(chars: list[tuple]) -> list[list[tuple]]:
    """Glyphs grouped into lines by their vertical centre, top to bottom."""
    out: list[list[tuple]] = []
    centre = 0.0
    for c in sorted(chars, key=lambda c: (c[1] + c[3]) / 2):
        cy = (c[1] + c[3]) / 2
        if out and abs(cy - centre) <= c[5] * 0.45:
            out[-1].append(c)
        else:
            out.append([c])
            centre = cy
    return out


def _cell_text(chars: list[tuple], left: float, right: float) -> tuple[str, float]:
    """The cell's lines joined with "\\n", and the room left at the end of its last line
    (before the right padding, taken equal to the left one): text cut by a page break
    goes on overleaf only with a first word that would not have fitted there."""
    lines = _lines(chars)
    text = "\n".join(t for t in (_line_text(line) for line in lines) if t)
    tail = lines[-1]
    pad = max(0.0, min(c[0] for c in chars) - left)
    return text, right - pad - max(c[2] for c in tail)


_OPENING = frozenset("（(【[《“‘〈「『")
_CLOSING = frozenset("）)】]》”’〉」』，,。.、；;：:！!？?%％")


def _first_word(chars: list[tuple]) -> float:
    """Width of what a line break may not split at the start of a cell's text: its first
    glyph (and the next when it is an opening bracket), a run of ASCII digits and
    letters, and the closing punctuation after that ("分）", "（元）", "（20", "2026"); a unit
    with a slash is not split around it either ("元/公": LibreOffice kept "元/公里" whole)."""
    line = sorted(_lines(chars)[0], key=lambda c: c[0])
    end = 0
    while end + 1 < len(line) and line[end][4] in _OPENING:
        end += 1  # an opening bracket never ends a line
    if line[end][4].isascii() and line[end][4].isalnum():
        while end + 1 < len(line) and line[end + 1][4].isascii() and (line[end + 1][4].isalnum() or line[end + 1][4] in ".,"):
            end += 1
    while end + 1 < len(line) and line[end + 1][4] in _CLOSING:
        end += 1
    if end + 2 < len(line) and line[end + 1][4] in "/／":
        end += 2
    return line[end][2] - line[0][0]


@dataclass
class _Table:
    top: float
    bottom: float
    x0: float
    x1: float
    xs: list[float]
    ys: list[float]
    # merged cells: (row0, col0, row1, col1) inclusive, and their glyphs
    boxes: list[tuple[int, int, int, int]] = field(default_factory=list)
    owner: dict[tuple[int, int], int] = field(default_factory=dict)
    chars: list[list[tuple]] = field(default_factory=list)


def _find_tables(hsegs: list, vsegs: list) -> list[_Table]:
    """Ruled tables: connected horizontal + vertical segments, with at least 2 of each."""
    n_h = len(hsegs)
    parent = list(range(n_h + len(vsegs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (y, hx0, hx1) in enumerate(hsegs):
        for j, (x, vy0, vy1) in enumerate(vsegs):
            if hx0 - TOL <= x <= hx1 + TOL and vy0 - TOL <= y <= vy1 + TOL:
                a, b = find(i), find(n_h + j)
                if a != b:
                    parent[a] = b
    # a border drawn cell by cell: collinear pieces that touch are one line
    for base, segs in ((0, hsegs), (n_h, vsegs)):
        order = sorted(range(len(segs)), key=lambda k: (round(segs[k][0] / TOL), segs[k][1]))
        for a, b in pairwise(order):
            sa, sb = segs[a], segs[b]
            if abs(sa[0] - sb[0]) <= TOL and sb[1] <= sa[2] + TOL:
                ra, rb = find(base + a), find(base + b)
                if ra != rb:
                    parent[ra] = rb
    groups: dict[int, tuple[list, list]] = {}
    for i, s in enumerate(hsegs):
        groups.setdefault(find(i), ([], []))[0].append(s)
    for j, s in enumerate(vsegs):
        groups.setdefault(find(n_h + j), ([], []))[1].append(s)
    tables = []
    for hs, vs in groups.values():
        xs = _cluster([x for x, _, _ in vs], TOL)
        ys = _cluster([y for y, _, _ in hs], TOL)
        if len(xs) < 2 or len(ys) < 2:
            continue
        t = _Table(top=ys[0], bottom=ys[-1], x0=xs[0], x1=xs[-1], xs=xs, ys=ys)
        _merge_cells(t, hs, vs)
        tables.append(t)
    tables.sort(key=lambda t: t.top)
    return tables


def _merge_cells(t: _Table, hs: list, vs: list) -> None:
    """Grid cells with no segment between them are one merged cell."""
    xs, ys = t.xs, t.ys
    nr, nc = len(ys) - 1, len(xs) - 1

    def vwall(x: float, y: float) -> bool:
        return any(abs(sx - x) <= TOL and y0 - TOL <= y <= y1 + TOL for sx, y0, y1 in vs)

    def hwall(y: float, x: float) -> bool:
        return any(abs(sy - y) <= TOL and x0 - TOL <= x <= x1 + TOL for sy, x0, x1 in hs)

    parent = list(range(nr * nc))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(nr):
        ym = (ys[r] + ys[r + 1]) / 2
        for c in range(nc):
            xm = (xs[c] + xs[c + 1]) / 2
            if c + 1 < nc and not vwall(xs[c + 1], ym):
                parent[find(r * nc + c)] = find(r * nc + c + 1)
            if r + 1 < nr and not hwall(ys[r + 1], xm):
                parent[find(r * nc + c)] = find((r + 1) * nc + c)
    spans: dict[int, list[int]] = {}
    for r in range(nr):
        for c in range(nc):
            root = find(r * nc + c)
            b = spans.get(root)
            if b is None:
                spans[root] = [r, c, r, c]
            else:
                b[0], b[1], b[2], b[3] = min(b[0], r), min(b[1], c), max(b[2], r), max(b[3], c)
    index: dict[int, int] = {}
    for root, b in spans.items():
        index[root] = len(t.boxes)
        t.boxes.append(tuple(b))
        t.chars.append([])
    for r in range(nr):
        for c in range(nc):
            t.owner[(r, c)] = index[find(r * nc + c)]


class _Layout:
    def __init__(self, doc: RawDocument):
        self.doc = doc
        self.n_tables = 0
        # the last ruled table of the previous page, if it ended that page: (index, x0, x1)
        self.open_table: tuple[int, float, float] | None = None
        self.garbled: set[str] = set()
        self.table_cells: dict[int, list[tuple[Cell, float, float]]] = {}
        self.table_xs: dict[int, list[float]] = {}
        self.table_rows: dict[int, int] = {}
        self.cut_boxes: list[tuple[float, float, Cell]] = []
        self.seen_rows: dict[int, list[frozenset[str]]] = {}
        self.unruled_cells: list[tuple[Cell, float]] = []
        # the last cells of an unruled table that ended the previous page near its foot:
        # column start x -> (cell, room left on its last line)
        self.open_unruled: dict[int, tuple[Cell, float]] | None = None

    def run(self, pages: list[_Page]) -> None:
        # the foot of the text area: the lowest ruling line of the document (footers sit
        # lower, so glyphs only count without rules); a table cut by a page break reaches
        # down to it (within a line or two)
        self.foot = max((max((v[2] for v in p.vsegs), default=0.0) for p in pages), default=0.0)
        if not self.foot:
            self.foot = max((max((c[3] for c in p.chars), default=0.0) for p in pages), default=0.0)
        self.furniture = _furniture(pages)
        sizes = sorted(c[5] for p in pages for c in p.chars[:200])
        self.line = sizes[len(sizes) // 2] * 1.2 + 4 if sizes else 14.0
        for p in pages:
            self.page(p)
        self.finish()

    def is_furniture(self, block: list) -> bool:
        """A page number, or a header/footer line repeated in the page margins."""
        if len(block) != 1:
            return False
        text = " ".join(seg[2] for seg in block[0][2])
        return bool(_PAGE_NUMBER.match(text)) or (_furniture_key(text), round(block[0][0] / 4)) in self.furniture

    def emit(self, cells: list[Cell], page: int, table: int | None, row: int | None) -> None:
        for c in cells:
            if "(cid:" in c.text or "\ufffd" in c.text:
                for m in _GARBLED.finditer(c.text):
                    snippet = c.text[max(0, m.start() - 8):m.end() + 8]
                    if snippet not in self.garbled and len(self.garbled) < 50:
                        self.garbled.add(snippet)
                        self.doc.notes.append(("garbled", snippet))
        self.doc.rows.append(Row(cells=cells, page=page, table=table, row=row))

    def page(self, p: _Page) -> None:
        tables = _find_tables(p.hsegs, p.vsegs)
        free: list[tuple] = []
        for ch in p.chars:
            cx, cy = (ch[0] + ch[2]) / 2, (ch[1] + ch[3]) / 2
            for t in tables:
                if t.x0 <= cx <= t.x1 and t.top <= cy <= t.bottom:
                    c = bisect_right(t.xs, cx) - 1
                    r = bisect_right(t.ys, cy) - 1
                    c = min(max(c, 0), len(t.xs) - 2)
                    r = min(max(r, 0), len(t.ys) - 2)
                    t.chars[t.owner[(r, c)]].append(ch)
                    break
            else:
                free.append(ch)
        # items in reading order: ("table", top, table) or ("lines", top, [line, ...])
        items: list[tuple[float, int, object]] = [(t.top, 0, t) for t in tables]
        for block in _free_blocks(free, tables):
            items.append((block[0][0], 1, block))
        items.sort(key=lambda it: (it[0], it[1]))
        # page furniture (page numbers) does not break a table across pages
        content = [it for it in items if not (it[1] == 1 and self.is_furniture(it[2]))]
        for k, (_top, kind, obj) in enumerate(content):
            if kind == 0:
                self.ruled_table(obj, p.number, first=(k == 0), last=(k == len(content) - 1))
            else:
                self.free_block(obj, p.number, first=(k == 0), last=(k == len(content) - 1))
        if not content or content[-1][1] != 0:
            self.open_table = None
        if not content or content[-1][1] != 1:
            self.open_unruled = None

    def ruled_table(self, t: _Table, page: int, first: bool, last: bool) -> None:
        index = None
        if first and self.open_table is not None:
            idx, x0, x1 = self.open_table
            if abs(x0 - t.x0) <= 3 * TOL and abs(x1 - t.x1) <= 3 * TOL:
                index = idx
        continued = index is not None
        if index is None:
            index = self.n_tables
            self.n_tables += 1
            self.table_cells[index] = []
            self.table_xs[index] = []
        self.table_xs[index].extend(t.xs)
        cut = self.cut_boxes if continued else []
        if cut:
            texts = _first_row_texts(t)
            if len(texts) >= 2 and any(set(texts) <= row for row in self.seen_rows.get(index, ())):
                cut = []  # a header row repeated overleaf finishes nothing
        by_row: dict[int, list[tuple[float, float, str, int]]] = {}
        # boxes with text reaching the table's bottom: x0, x1, room on the last line, box, text down to the bottom
        foot: list[tuple[float, float, float, int, bool]] = []
        last_row = len(t.ys) - 2
        for k, (r0, c0, r1, c1) in enumerate(t.boxes):
            x0, x1 = t.xs[c0], t.xs[c1 + 1]
            if not t.chars[k]:
                continue
            text, room = _cell_text(t.chars[k], x0, x1)
            if not text:
                continue
            by_row.setdefault(r0, []).append((x0, x1, text, k))
            if r1 == last_row:
                bottom = max(c[3] for c in t.chars[k])
                foot.append((x0, x1, room, k, t.ys[-1] - bottom <= self.line))
        if cut and 0 in by_row:
            done = self._continues(cut, t, by_row[0])
            by_row[0] = [b for b in by_row[0] if b[3] not in done]  # the rest of boxes cut overleaf
            if not by_row[0]:
                del by_row[0]
        start = self.table_rows.get(index, 0)
        n = 0
        cells_of: dict[int, Cell] = {}
        for r in sorted(by_row):
            cells = []
            for x0, x1, text, k in sorted(by_row[r]):
                cell = cells_of[k] = Cell(text)
                self.table_cells[index].append((cell, x0, x1))
                cells.append(cell)
            self.emit(cells, page, index, start + n)
            if len(cells) >= 2:
                self.seen_rows.setdefault(index, []).append(frozenset(c.text for c in cells))
            n += 1
        self.table_rows[index] = start + n
        self.open_table = (index, t.x0, t.x1) if last else None
        # boxes cut by the page's foot: their text may go on overleaf
        self.cut_boxes = []
        if last and t.bottom >= self.foot - 2.5 * self.line:
            self.cut_boxes = [(x0, x1, room, cells_of[k], low) for x0, x1, room, k, low in foot if k in cells_of]

    def _continues(self, cut: list, t: _Table, first: list[tuple[float, float, str, int]]) -> set[int]:
        """Boxes of the first row overleaf that go on from a box cut at the previous page's
        foot (their texts are appended to it). A box goes on from one above it (same edges,
        with text, reaching the foot) whose last line had no room for its first word; the
        whole row does when all its boxes do (a row cut in two), and a box merged down over
        several rows does alone when the text above reached the bottom (the other columns
        broke between rows). A fresh row fails somewhere: a cell under an empty box, or a
        first word that would have fitted."""
        fits: dict[int, tuple] = {}
        for x0, x1, _text, k in first:
            box = next((b for b in cut if abs(b[0] - x0) <= 3 * TOL and abs(b[1] - x1) <= 3 * TOL), None)
            if box is not None and _first_word(t.chars[k]) > box[2] + 0.5:
                fits[k] = box
        if len(fits) < len(first):
            fits = {k: box for k, box in fits.items() if t.boxes[k][2] > 0 and box[4]}
        for x0, x1, text, k in first:
            if k in fits:
                cell = fits[k][3]
                cell.text = cell.text + "\n" + text
        return set(fits)

    def finish(self) -> None:
        """Columns per table, over all its pages: `col` and `span` from the cells' x.

        Unruled tables share one set of columns (the left edges of all their cells), so
        a table that goes on over a page keeps its column numbers."""
        starts = _cluster([x for _, x in self.unruled_cells], 4.0)
        for cell, x in self.unruled_cells:
            cell.col = bisect_right(starts, x + 4.0) - 1
        for index, cells in self.table_cells.items():
            xs = _cluster(self.table_xs[index], 3 * TOL)
            for cell, x0, x1 in cells:
                c0 = _nearest(xs, x0)
                c1 = _nearest(xs, x1)
                cell.col = c0
                cell.span = max(1, c1 - c0) if c0 is not None and c1 is not None else 1

    def free_block(self, block: list, page: int, first: bool = False, last: bool = False) -> None:
        """A paragraph (one line, table=None) or an unruled table (several lines)."""
        cut = self.open_unruled if first else None
        self.open_unruled = None
        if len(block) == 1 and (len(block[0][2]) == 1 or all(_LABELLED.match(seg[2]) for seg in block[0][2])):
            # one line of "label：value" pieces (填表人：… 联系电话：…) is a paragraph
            self.emit([Cell(" ".join(seg[2] for seg in block[0][2]))], page, None, None)
            return
        index = self.n_tables
        self.n_tables += 1
        starts = _column_starts(block)
        # each column on its own: a segment less than 1.6 lines under the one above it in its
        # column is a wrapped line of that cell (a new row is further down: cell padding or
        # paragraph spacing; lines of neighbouring columns need not line up: a box merged
        # down over rows runs past the row it starts in). Glyph boxes of CJK and Latin
        # fonts differ in height, so distances are between centres.
        # [first centre, last centre, column, [text, ...], size, first segment, last segment, Cell,
        #  segments that wrapped]
        cells: list[list] = []
        last_in: dict[int, list] = {}
        for _top, _bottom, segs, _tab in block:
            for seg in segs:
                c = bisect_right(starts, seg[0] + 4.0) - 1
                centre = (seg[3] + seg[5]) / 2
                cell = last_in.get(c)
                if cell is not None and centre - cell[1] < seg[4] * 1.6:
                    cell[1] = centre
                    cell[3].append(seg[2])
                    cell[8].append(cell[6])  # a line that wrapped
                    cell[6] = seg
                else:
                    cell = last_in[c] = [centre, centre, c, [seg[2]], seg[4], seg, seg, None, []]
                    cells.append(cell)
        # rows: cells starting at the same height, or centred on the same height (a cell in a
        # column the row already has starts the next one); then labels centred on a group of
        # rows go to the first row of the group (`_centred_spans`)
        grid: list[tuple[float, float, float, dict[int, list]]] = []  # first centre, middle, size, column -> cell
        for cell in sorted(cells, key=lambda cell: cell[0]):
            centre, c, size = cell[0], cell[2], cell[4]
            mid = (cell[5][3] + cell[6][5]) / 2
            if (not grid or c in grid[-1][3]
                    or (centre - grid[-1][0] >= grid[-1][2] * 0.45 and abs(mid - grid[-1][1]) >= grid[-1][2] * 0.45)):
                grid.append((centre, mid, size, {}))
            grid[-1][3][c] = cell
        spans = _centred_spans([g[3] for g in grid], starts)
        rows: list[tuple[float, float, dict[int, list[str]]]] = []  # centre, size, column -> lines
        row_span: dict[int, int] = {}  # id(lines) -> rows covered
        kept = [k for k, g in enumerate(grid) if g[3]]
        for k in kept:
            rows.append((grid[k][0], grid[k][2], {c: cell[3] for c, cell in grid[k][3].items()}))
        for cell, s, e in spans:
            row_span[id(cell[3])] = sum(1 for k in kept if s <= k <= e)
        # where text must stop in each column: the widest line ending in it that wrapped
        # (no wrapped line, no evidence: its cells never go on overleaf)
        right: dict[int, float] = {}
        for cell in cells:
            for seg in cell[8]:
                end = bisect_right(starts, seg[1]) - 1
                right[end] = max(right.get(end, 0.0), seg[1])
        if cut and rows:
            for c in self._unruled_continues(cut, rows[0][2], starts, cells):
                del rows[0][2][c]  # the rest of a row cut at the previous page's foot
            if not rows[0][2]:
                rows.pop(0)
        for n, (_top, _size, row) in enumerate(rows):
            out = []
            for c, parts in sorted(row.items()):
                cell = Cell("\n".join(parts), row_span=max(1, row_span.get(id(parts), 1)))
                self.unruled_cells.append((cell, starts[c]))
                out.append(cell)
                for k in (k for k, info in enumerate(cells) if info[3] is parts):
                    cells[k][7] = cell
            self.emit(out, page, index, n)
        # the cells a row cut at this page's foot may go on from overleaf: the last of each
        # column, ending within a line of the block's bottom, not with a full stop or a colon (one
        # cell alone overleaf under a line as wide as the table could be either)
        if last and block[-1][1] >= self.foot - 2.5 * self.line:
            low = max(cell[1] for cell in cells)
            # a cell's box reaches to the next cell of its row; a cell alone in its row as far
            # as the other lone cells of its column wrapped (a goal text under its label runs
            # to the table's edge, a label beside a merged box stays in its column), else its
            # own column (the last of several cells may have empty boxes beside it): its text
            # stops at the widest wrapped line ending in between
            beside = {id(parts): sorted(row) for _c, _s, row in rows for parts in row.values()}
            alone: dict[int, float] = {}
            for cell in cells:
                if len(beside.get(id(cell[3]), ())) == 1 and cell[8]:
                    alone[cell[2]] = max(alone.get(cell[2], 0.0), max(seg[1] for seg in cell[8]))
            self.open_unruled = {}
            for cell in cells:
                end = bisect_right(starts, cell[6][1]) - 1
                row = beside.get(id(cell[3]), ())
                nxt = next((c for c in row if c > cell[2]), end + 1)
                limit = max((right[e] for e in range(end, max(nxt, end + 1)) if e in right), default=None)
                if len(row) == 1 and cell[2] in alone:
                    limit = alone[cell[2]]
                if (cell[7] is not None and limit is not None and low - cell[1] < cell[4] * 1.6
                        and not cell[3][-1].endswith(("。", "：", ":"))):
                    room = limit - cell[6][1]
                    self.open_unruled[round(starts[cell[2]])] = (cell[7], room)

    @staticmethod
    def _unruled_continues(cut: dict, first: dict[int, list[str]], starts: list[float], cells: list) -> set[int]:
        """Columns of the first row of an unruled table overleaf that go on from a row cut
        at the previous page's foot: all of them when every cell of it starts where a cell
        at the foot did and that cell's last line had no room for its first word (as for
        ruled tables); only the table's first column when its cell passes and every other
        one sits under a cut cell whose last line had room for its first word (a box merged
        down the label column goes on beside a fresh row)."""
        found = {}
        fresh = []
        for c, parts in first.items():
            x = round(starts[c])
            prev = cut.get(x) or cut.get(x - 1) or cut.get(x + 1)
            info = next(info for info in cells if info[3] is parts)
            if prev is not None and _first_word(info[5][6]) > prev[1] + 0.5:
                found[c] = (prev[0], parts)
            else:
                fresh.append(prev)
        if fresh and (list(found) != [0] or any(prev is None for prev in fresh)):
            return set()
        for cell, parts in found.values():
            cell.text = cell.text + "\n" + "\n".join(parts)
        return set(found)


_CENTRED_SLACK = (3.0, 12.0)  # points: a centred text's middle this far left of its column's (padding)


def _column_starts(block: list) -> list[float]:
    """Where the columns of an unruled table start: the clusters of its cells' left edges,
    a cluster joining the column before it when all its text is centred between that
    column's start and the next column's (less the cell's padding) and no line has text
    in both (the lines of a centred cell start wherever their width puts
    them, never beside the column's other cells: 产出指标 centred in the 一级 column starts
    right of 一级指标 yet is no column)."""
    edges = _cluster([seg[0] for line in block for seg in line[2]], 4.0)
    beside: set[tuple[int, int]] = set()
    spans: dict[int, list[tuple[float, float]]] = {}
    for line in block:
        ks = []
        for seg in line[2]:
            k = bisect_right(edges, seg[0] + 4.0) - 1
            ks.append(k)
            spans.setdefault(k, []).append((seg[0], seg[1]))
        ks = sorted(set(ks))
        beside.update((i, j) for n, i in enumerate(ks) for j in ks[n + 1:])
    groups = [[0]]
    for j in range(1, len(edges)):
        group = groups[-1]
        # the next column: the first start right of j with text beside the group's
        nxt = next((k for k in range(j + 1, len(edges)) if any((i, k) in beside for i in group)), None)
        middle = None if nxt is None else (edges[group[0]] + edges[nxt]) / 2
        centred = middle is not None and all(
            -_CENTRED_SLACK[0] <= middle - (a0 + a1) / 2 <= _CENTRED_SLACK[1] for a0, a1 in spans[j])
        if centred and not any((i, j) in beside for i in group):
            group.append(j)
        else:
            groups.append([j])
    return [edges[g[0]] for g in groups]


_UNCOVERED = 0.3  # glyph sizes: the cost of leaving a row to no label of a column (an empty cell)


def _centred_spans(rows: list[dict[int, list]], starts: list[float]) -> list[tuple[list, int, int]]:
    """Give the cells of an unruled table the rows they cover, and move a label centred on
    a group of rows to the group's first row: returns (cell, first row, last row) for every
    cell covering more than its own row (rows emptied by a move are to be dropped).

    Column by column, over each run of rows the column is not covered by a wider cell, the
    cells standing in it divide the rows between them: each covers a run of rows around its
    own, and a row no cell covers is an empty cell. Two readings compete and the cheaper
    wins: labels printed at the top of their group (the group starts at the label's row and
    runs down; the cost is how far the label's top is from its first row's) and labels
    centred on their group (the cost is how far the label's middle is from the group's);
    each row left to no cell costs `_UNCOVERED` sizes. The centred reading is a small
    dynamic programme over the ordered rows, so a label between two rows, or in the middle
    row of three, goes to the group whose centre is closest to it, not to the nearest row."""
    n = len(rows)
    if n < 2:
        return []
    sizes = sorted(cell[4] for row in rows for cell in row.values())
    unc = _UNCOVERED * sizes[len(sizes) // 2]

    def last_col(cell: list) -> int:
        x1 = max(seg[1] for seg in [*cell[8], cell[6]])
        return max(cell[2], bisect_right(starts, x1 - 4.0) - 1)

    blocked = [set() for _ in range(n)]  # columns a cell starting further left runs over
    for k, row in enumerate(rows):
        for c, cell in row.items():
            blocked[k].update(range(c + 1, last_col(cell) + 1))
    found: dict[str, tuple[float, list[tuple[int, int, int, int]]]] = {"top": (0.0, []), "centre": (0.0, [])}
    for c in sorted({c for row in rows for c in row}):
        k = 0
        while k < n:
            if c in blocked[k]:
                k += 1
                continue
            a = k
            while k < n and c not in blocked[k]:
                k += 1
            for model, (total, groups) in _spans_in_run(rows, c, a, k, unc).items():
                found[model] = (found[model][0] + total, found[model][1] + [(c, *g) for g in groups])
    # one reading for the whole table: an office aligns all its merged cells alike
    model = "centre" if found["centre"][0] < found["top"][0] - 0.5 else "top"
    out: list[tuple[list, int, int]] = []
    for c, kj, s, e in found[model][1]:
        out.append((rows[kj][c], s, e))
    for c, kj, s, _e in found[model][1]:
        if s != kj:
            rows[s][c] = rows[kj].pop(c)
    return out


def _spans_in_run(rows: list[dict[int, list]], c: int, a: int, b: int,
                  unc: float) -> dict[str, tuple[float, list[tuple[int, int, int]]]]:
    """Per reading ("top", "centre"): its cost, and (row of a cell, first row, last row) for
    the cells of column c in rows a..b-1 that cover more than their own row (see
    `_centred_spans`)."""
    boxes = [k for k in range(a, b) if c in rows[k]]
    if not boxes or len(boxes) == b - a:
        return {}
    # the extent of a row: its cells right of the column (a label is centred on the rows of
    # the cells it heads, not on the labels further left, which span rows themselves)
    ext: dict[int, tuple[float, float]] = {}
    for k in range(a, b):
        others = [cell for cc, cell in rows[k].items() if cc > c]
        if others:
            ext[k] = (min(o[5][3] for o in others), max(o[6][5] for o in others))
    inf = float("inf")

    def cost(model: str, kj: int, s: int, e: int) -> float:
        if s == e == kj:  # a cell in its own row: no evidence either way, unless it has none
            return 0.0 if kj in ext else unc
        if s not in ext or e not in ext:  # a group begins and ends with rows of cells
            return inf
        fe, le = s, e
        cell = rows[kj][c]
        top, bottom = cell[5][3], cell[6][5]
        if model == "top":
            return abs(top - ext[fe][0])
        return abs((top + bottom) / 2 - (ext[fe][0] + ext[le][1]) / 2)

    found: dict[str, tuple[float, list[tuple[int, int, int]]]] = {}
    for model in ("top", "centre"):
        # prev[e]: (cost, groups) of the boxes so far, the last group ending at row e
        prev: dict[int, tuple[float, list]] = {}
        for j, kj in enumerate(boxes):
            lo = boxes[j - 1] + 1 if j else a
            hi = boxes[j + 1] - 1 if j + 1 < len(boxes) else b - 1
            # g[s]: the cheapest way to have every row before s covered or left empty
            g: dict[int, tuple[float, list]] = {}
            run: tuple[float, list] = (inf, [])
            for s in range(lo, kj + 1):
                if j == 0:
                    g[s] = (0.0, [])  # rows above the first cell may be empty
                    continue
                # an empty cell costs where the row goes on to the right (a label alone
                # on its line, centred on rows of another column, leaves no empty cell)
                gap = unc if any(cc > c for cc in rows[s - 1]) else 0.0
                if s - 1 in prev and prev[s - 1][0] <= run[0] + gap:
                    run = prev[s - 1]
                else:
                    run = (run[0] + gap, run[1])
                g[s] = run
            cur: dict[int, tuple[float, list]] = {}
            for e in range(kj, hi + 1):
                choices = [kj] if model == "top" else range(kj, lo - 1, -1)  # its own row first
                for s in choices:
                    total = g[s][0] + cost(model, kj, s, e)
                    if total < cur.get(e, (inf,))[0]:
                        cur[e] = (total, [*g[s][1], (kj, s, e)])
            prev = cur
        final = min(prev.values(), key=lambda v: v[0])  # rows below the last cell may be empty
        found[model] = (final[0], [g for g in final[1] if g[1] != g[2] or g[0] != g[1]])
    return found


def _first_row_texts(t: _Table) -> tuple[str, ...]:
    boxes = sorted((c0, k) for k, (r0, c0, _r1, _c1) in enumerate(t.boxes) if r0 == 0 and t.chars[k])
    return tuple(_cell_text(t.chars[k], 0.0, 0.0)[0] for _c0, k in boxes)


def _nearest(xs: list[float], x: float) -> int | None:
    k = min(range(len(xs)), key=lambda i: abs(xs[i] - x))
    return k if abs(xs[k] - x) <= 3 * TOL else None


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _furniture(pages: list[_Page]) -> set[tuple[str, int]]:
    """Lines in the top or bottom eighth of a page that recur on another page at the same
    height (digits aside: 第 1 页 / 第 2 页): running headers and footers."""
    seen: dict[tuple[str, int], set[int]] = {}
    for p in pages:
        if not p.height:
            continue
        margin = [c for c in p.chars if c[3] < p.height / 8 or c[1] > p.height * 7 / 8]
        for line in _lines(margin):
            top = min(c[1] for c in line)
            text = _line_text(line)
            k = vocab.key(text)
            if vocab.is_form_title(text) or vocab.MONEY_UNIT_NOTE.match(k) or vocab.YEAR_LINE.match(k):
                # each form on its own page repeats its title, its （2026年度） and its 单位：万元 line:
                # content, not furniture
                continue
            key = (_furniture_key(text), round(top / 4))
            seen.setdefault(key, set()).add(p.number)
    return {k for k, on in seen.items() if len(on) >= 2}


def _free_blocks(chars: list[tuple], tables: list[_Table]) -> list[list]:
    """Text outside ruled tables: lines (top, bottom, segments, tabular) grouped into blocks.

    A segment is (x0, x1, text, top, size, bottom, glyphs). A block is one paragraph line, or a run of
    lines that forms an unruled table: lines with two segments or more, and the lines
    close above/below/between them."""
    lines = []
    for group in _lines(chars):
        group.sort(key=lambda c: c[0])
        segs: list[list] = []
        for ch in group:
            if segs and ch[0] - segs[-1][-1][2] <= ch[5] * 0.5:
                segs[-1].append(ch)
            else:
                segs.append([ch])
        out = []
        for s in segs:
            text = _line_text(s)
            if text:
                out.append((s[0][0], max(c[2] for c in s), text, min(c[1] for c in s), max(c[5] for c in s),
                            max(c[3] for c in s), s))
        if out:
            top = min(s[3] for s in out)
            bottom = max(c[3] for c in group)
            lines.append([top, bottom, out, len(out) >= 2])
    if not lines:
        return []
    # an unruled table: tabular lines and the lines close to them (row gaps are small)
    n = len(lines)
    in_table = [ln[3] for ln in lines]
    close = [False] * n  # close[i]: line i+1 follows line i within a row gap
    for i in range(n - 1):
        size = max(s[4] for s in lines[i][2])
        close[i] = lines[i + 1][0] - lines[i][1] <= size * 1.6 and not _between_table(lines[i], lines[i + 1], tables)
    changed = True
    while changed:
        changed = False
        for i in range(n - 1):
            if close[i] and in_table[i] != in_table[i + 1]:
                in_table[i] = in_table[i + 1] = True
                changed = True
    blocks: list[list] = []
    for i, ln in enumerate(lines):
        if in_table[i] and blocks and in_table[i - 1] and (close[i - 1] or _same_columns(blocks[-1], ln, tables)):
            blocks[-1].append(ln)
        else:
            blocks.append([ln])
        ln[3] = in_table[i]
    return blocks


def _same_columns(block: list, line: list, tables: list[_Table]) -> bool:
    """A row further down than a row gap still goes on with the unruled table above when
    its cells (two or more) all start at columns of it, within a few lines (LibreOffice
    leaves such a gap above a row it cut at the page's foot)."""
    segs = line[2]
    size = max(s[4] for s in segs)
    if len(segs) < 2 or line[0] - block[-1][1] > 5 * size or _between_table(block[-1], line, tables):
        return False
    starts = [seg[0] for ln in block for seg in ln[2]]
    return all(any(abs(seg[0] - x) <= 4.0 for x in starts) for seg in segs)


def _between_table(a: list, b: list, tables: list[_Table]) -> bool:
    return any(a[1] <= t.top and t.bottom <= b[0] for t in tables)
