"""The first engine: glyph boxes and ruling segments of every page through PDFium's C API
(pypdfium2), ten times faster than interpreting the pages in Python. Rules drawn inside
form XObjects count too. A file PDFium refuses to open is left to pdfminer
(`pdfminer.py`); a page it cannot load (a page tree that loops) makes the file corrupt.
"""

from __future__ import annotations

import ctypes
import threading
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ...errors import EncryptedFile, TooLarge, corrupt, map_exceptions
from ...safety import library_errors
from .glyphs import Glyph, _add_segments, _Page, _snap_small_glyphs
from .settings import SETTINGS

_PDFIUM_LOCK = threading.Lock()


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
    # a page PDFium cannot load (a page tree that loops back on itself, a page that is
    # not there) makes the whole file corrupt
    bad_tree = corrupt(path.name, "PDF 文档已损坏（页面目录结构错误，如页面树循环引用或页面缺失），无法打开")
    try:
        with map_exceptions({library_errors("pdfium"): bad_tree}):
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
            pdfium_c.FPDFText_GetCharOrigin(raw, k, ox, oy)
            base = to_page(ox.value, oy.value)[1]
            out.chars.append(Glyph(min(ax, bx), min(at, bt), max(ax, bx), max(at, bt), text, size, base))
            baselines.append(-base)
    finally:
        tp.close()
    _snap_small_glyphs(out.chars, baselines)
    _page_paths(out, page.raw, to_page)
    if not out.chars and not out.images:  # a scanner may wrap its image in a form XObject
        out.images = sum(1 for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3))
    return out


_FORM_DEPTH = SETTINGS.form_depth  # form XObjects nested this deep are looked into


def _objects(container, count, get, parent: tuple[float, ...], depth: int):
    """(object, matrix to page space) of a page's objects, and of those inside its form
    XObjects (a table's rules may be drawn in one), matrices composed down the nesting."""
    matrix = pdfium_c.FS_MATRIX()
    for i in range(count(container)):
        oraw = get(container, i)
        if not pdfium_c.FPDFPageObj_GetMatrix(oraw, matrix):
            continue
        a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
        pa, pb, pc, pd, pe, pf = parent
        m = (a * pa + b * pc, a * pb + b * pd, c * pa + d * pc, c * pb + d * pd,
             e * pa + f * pc + pe, e * pb + f * pd + pf)
        if pdfium_c.FPDFPageObj_GetType(oraw) == pdfium_c.FPDF_PAGEOBJ_FORM:
            if depth < _FORM_DEPTH:
                yield from _objects(oraw, pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject, m,
                                    depth + 1)
            continue
        yield oraw, m


def _page_paths(out: _Page, praw, to_page) -> None:
    """The page's ruling segments (stroked or filled straight pieces, in form XObjects too)
    and its count of images."""
    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    x = ctypes.c_float()
    y = ctypes.c_float()
    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    for oraw, (a, b, c, d, e, f) in _objects(praw, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject,
                                             identity, 0):
        kind = pdfium_c.FPDFPageObj_GetType(oraw)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            out.images += 1
            continue
        if kind != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not pdfium_c.FPDFPath_GetDrawMode(oraw, fill, stroke) or not (fill.value or stroke.value):
            continue
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
