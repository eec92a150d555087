"""The pdf reader's second engine: pdfminer, for files PDFium refuses as malformed.

pdfplumber's `page.chars` builds a dict per glyph; this device keeps only what the
layout needs, in the same shape as the PDFium pass (`glyphs._Page`): glyph boxes
(x0, top, x1, bottom, text, size), horizontal and vertical ruling segments, images.
Imported only when needed (pdfminer costs ~60 ms to import).
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from pdfminer.pdfdevice import PDFTextDevice
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.utils import apply_matrix_pt, apply_matrix_rect

from ...errors import CorruptFile, EncryptedFile, TooLarge, corrupt, map_exceptions
from ...safety import library_errors
from .glyphs import Glyph, HSeg, VSeg, _Page


class _Device(PDFTextDevice):
    """Collects glyph boxes and ruling segments of one page; builds no layout objects."""

    def __init__(self, rsrcmgr: PDFResourceManager):
        super().__init__(rsrcmgr)
        self.page: _Page | None = None
        self._unicode: dict[tuple[int, int], tuple[str, float, bool, float]] = {}
        self._fonts: dict[int, object] = {}

    def begin_page(self, page, ctm) -> None:
        _x0, y0, _x1, y1 = apply_matrix_rect(ctm, page.mediabox)
        self.page.height = abs(y1 - y0)
        self._y_off = min(y0, y1)

    def render_image(self, name, stream) -> None:
        self.page.images += 1

    def paint_path(self, gstate, stroke, fill, evenodd, path) -> None:
        if not (stroke or fill):
            return
        ctm = self.ctm
        pts: list[tuple[float, float]] = []
        start = None
        for seg in path:
            op = seg[0]
            if op == "m":
                self._segments(pts)
                pts = [apply_matrix_pt(ctm, (seg[1], seg[2]))]
                start = pts[0]
            elif op == "l":
                pts.append(apply_matrix_pt(ctm, (seg[1], seg[2])))
            elif op == "h":
                if start is not None:
                    pts.append(start)
            elif op in ("c", "v", "y"):
                self._segments(pts)  # a curve ends the straight run
                pts = [apply_matrix_pt(ctm, (seg[-2], seg[-1]))]
        self._segments(pts)

    def _segments(self, pts: list[tuple[float, float]]) -> None:
        top = self.page.height + self._y_off
        for (ax, ay), (bx, by) in pairwise(pts):
            if abs(ay - by) <= 0.5 and abs(ax - bx) > 1:
                self.page.hsegs.append(HSeg(top - ay, min(ax, bx), max(ax, bx)))
            elif abs(ax - bx) <= 0.5 and abs(ay - by) > 1:
                self.page.vsegs.append(VSeg(ax, top - max(ay, by), top - min(ay, by)))

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate) -> float:
        key = (id(font), cid)
        known = self._unicode.get(key)
        if known is None:
            try:
                text = font.to_unichr(cid)
            except PDFUnicodeNotDefined:
                text = f"(cid:{cid})"
            known = self._unicode[key] = (text, font.char_width(cid), font.is_vertical(), font.get_descent())
            self._fonts[id(font)] = font  # keeps id(font) from being reused while cached
        text, width, vertical, descent = known
        adv = width * fontsize * scaling
        a, b, c, d, e, f = matrix
        if not vertical and b == 0 and c == 0:  # the usual upright glyph: no general transform
            y_lo = (descent * fontsize + rise) * d + f
            y_hi = y_lo + fontsize * d
            x_lo, x_hi = e, a * adv + e
            if x_hi < x_lo:
                x_lo, x_hi = x_hi, x_lo
            if y_hi < y_lo:
                y_lo, y_hi = y_hi, y_lo
            top = self.page.height + self._y_off
            if text and not text.isspace():  # spaces come back from the gaps they leave
                self.page.chars.append(Glyph(x_lo, top - y_hi, x_hi, top - y_lo, text, max(y_hi - y_lo, 1.0)))
            return adv
        if vertical:
            vx, vy = font.char_disp(cid)
            vx = fontsize * 0.5 if vx is None else vx * fontsize * 0.001
            vy = (1000 - vy) * fontsize * 0.001
            bbox = (-vx, vy + rise + adv, -vx + fontsize, vy + rise)
        else:
            descent = font.get_descent() * fontsize
            bbox = (0, descent + rise, adv, descent + rise + fontsize)
        x0, y0, x1, y1 = apply_matrix_rect(matrix, bbox)
        if x1 < x0:
            x0, x1 = x1, x0
        if y1 < y0:
            y0, y1 = y1, y0
        top = self.page.height + self._y_off
        if text and not text.isspace():
            self.page.chars.append(Glyph(x0, top - y1, x1, top - y0, text, max(y1 - y0, 1.0)))
        return adv


def pages(fh, path: Path, max_pages: int):
    """Interpret each page once; yields `_Page`s (pdfminer objects are dropped page by page)."""
    with map_exceptions({
        PDFPasswordIncorrect: lambda e: EncryptedFile(
            f"{path.name} is password protected", "PDF 文档已加密（需要密码才能打开），请取消密码后重新提交"),
        PDFEncryptionError: lambda e: EncryptedFile(
            f"{path.name}: unsupported encryption ({e})", "PDF 文档已加密（加密方式无法处理），请取消密码后重新提交"),
        library_errors("pdfminer"): corrupt(path.name, "PDF 文档已损坏（文件不完整或结构错误），无法打开"),
    }):
        parser = PDFParser(fh)
        document = PDFDocument(parser, password="")
        if not document.xrefs or "Pages" not in document.catalog:
            raise CorruptFile(f"{path.name}: no page tree", "PDF 文档已损坏（缺少页面目录），无法打开")
        count = resolve1(resolve1(document.catalog["Pages"]).get("Count", 0))
        if isinstance(count, int) and count > max_pages:
            raise TooLarge(f"{path.name}: {count} pages (limit {max_pages})",
                           f"PDF 共 {count} 页，超过上限 {max_pages} 页，已拒绝处理")
        rsrc = PDFResourceManager(caching=True)
        device = _Device(rsrc)
        interp = PDFPageInterpreter(rsrc, device)
        for n, page in enumerate(PDFPage.create_pages(document), start=1):
            if n > max_pages:
                raise TooLarge(f"{path.name}: more than {max_pages} pages",
                               f"PDF 超过 {max_pages} 页的上限，已拒绝处理")
            device.page = _Page(n)
            interp.process_page(page)
            yield device.page
