"""Scans: image-only PDF pages and photographed or scanned forms (.png .jpg .tif .bmp), read offline.

    doc = read_image(path)              # an image file, every frame of a TIFF
    doc = read_scan(path, [0, 1])       # the given 0-based pages of a PDF without a text layer

For each page: the image (PDFium at `ocr_dpi`, in RGB) loses any red seal over its text
(`page.drop_seal`), is squared when photographed at a slant (`page.unwarp`), is
straightened (`page.deskew`),
its ruled tables found (`grid`), its text recognised (`engine`, RapidOCR), and the
two put together into rows of cells with spans and a recognition `confidence` each
(`layout`) — the same document the .docx reader gives, so everything after is
shared. A PDF page with a text layer never comes here. When the OCR parts are not
installed, the file is refused (UnsupportedFormat) with that reason, never read as
an empty form.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ... import settings
from ...document import RawDocument
from ...errors import EmptyFile
from . import engine, grid, layout, page, symbols

# what the recognition model makes of a lone ≥ / ≤ / = (an empty result included)
OPERATOR_LOOKALIKES = frozenset("=≥≤><?NWVMnmwv^~-_")
LONE_GLYPH_CHARS = 2  # a cell's text this short, without digits or Chinese, may be a misread lone operator
INK_LEVEL = 160  # grey below this is ink, when a cell's glyph is looked at ...
INK_CONTRAST = 60  # ... or, on a darker sheet (a photo's shade), grey this much under the paper round it
RULE_FILL = 0.9  # a row of a glyph's crop inked more than this part across is a ruling line's edge
LEAD_MIN_WIDTH = 0.35  # line heights: unread ink before a line's first character this wide may be a glyph
CLIPPED_TAILS = frozenset("）)")  # a closing bracket the model may leave out at a line's end
CLIPPED_PAD = 0.4  # line heights of white right of a line read again
CLIPPED_HEADS = frozenset("（(")  # an opening bracket the model may leave out at a line's start ...
CLIPPED_HEAD_PAD = 1.0  # ... line heights of the page left of such a line read again (the bracket's em)
CLIPPED_BELOW = 0.8  # line heights under a line with a bracket open where its wrapped line starts
DOUBLE_BAR = {"≥": "≧", "≤": "≦"}  # what the model reads a ≧ / ≦ as (it has neither)

IMAGE_FORMATS = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".tif": "tiff", ".tiff": "tiff", ".bmp": "bmp"}


def read_image(path: Path) -> RawDocument:
    path = Path(path)
    engine.require()
    fmt = IMAGE_FORMATS.get(path.suffix.lower(), "image")
    return _read(path, fmt, page.image_pages(path))


def read_scan(path: Path, numbers: list[int]) -> RawDocument:
    """The pages `numbers` (0-based) of a PDF that has no text layer, by OCR."""
    path = Path(path)
    engine.require()
    return _read(path, "pdf", page.pdf_pages(path, settings.get().ocr_dpi, numbers))


def _read(path: Path, fmt: str, pages: Iterable[tuple[int, object]]) -> RawDocument:
    doc = RawDocument(path=str(path), format=fmt)
    n_tables = 0
    open_table = None  # the previous page's unruled table: its columns and last row may go on overleaf
    cut: list = []  # the last row of the previous page's ruled table, when it ended the page
    for number, rgb in pages:
        straight, _ = page.deskew(page.unwarp(page.drop_seal(page.fit(rgb))))
        tables = grid.find_tables(straight)
        lines = _skipped_leads(straight, _weak_lines(straight, engine.recognise(straight)))
        lines = _clipped_heads(straight, _clipped_tails(straight, lines))
        lines = _lone_operators(straight, tables, _double_bars(straight, lines))
        found = layout.page_rows(lines, tables, number, n_tables, open_table, cut)
        if found.rows:
            found.rows[0].break_before = number > 1
        doc.rows.extend(found.rows)
        n_tables += found.tables
        open_table, cut = found.open_table, found.cut
    if not any(c.text.strip() for row in doc.rows for c in row.cells):
        raise EmptyFile(f"no text recognised in {path.name}", "扫描件中没有识别出任何文字（图片可能空白、过暗或过于模糊）")
    return doc


def _skipped_leads(rgb, lines: list[engine.Line]) -> list[engine.Line]:
    """An operator the model skipped at a line's start (≧42公里 read 42公里: it has no ≧): ink in
    the box before its first character, at least LEAD_MIN_WIDTH line heights wide and apart from
    that character, whose strokes show ≥ ≤ ≧ or ≦ (`symbols.glyph_operator`), is put back in
    front, with the shape's confidence."""
    import cv2
    import numpy as np

    gray = None
    for ln in lines:
        if not ln.chars or ln.text[:1] in DOUBLE_BAR or ln.text[:1] in "≧≦<>=":
            continue
        h = ln.height
        x0, x1 = max(0, int(ln.x0)), int(ln.chars[0].x0)
        if x1 - x0 < LEAD_MIN_WIDTH * h:
            continue
        if gray is None:
            gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
        ink = _without_rules(_ink(gray[max(0, int(ln.y0)):int(ln.y1) + 1, x0:x1]))
        cols = np.nonzero(ink.any(axis=0))[0]
        if cols.size == 0:
            continue
        gaps = np.nonzero(np.diff(cols) > 1)[0]  # the first run of inked columns: the glyph
        end = int(cols[gaps[0]]) if gaps.size else int(cols[-1])
        if end - cols[0] + 1 < LEAD_MIN_WIDTH * h or end >= x1 - x0 - 1:
            continue  # a speck, or the first character's own ink (its box drawn short)
        op = symbols.glyph_operator(ink[:, cols[0]:end + 1])
        if op is not None and (op in DOUBLE_BAR or op in DOUBLE_BAR.values()):  # a lone > is not told apart
            ln.chars.insert(0, engine.Char(op, float(x0 + cols[0]), float(x0 + end), symbols.SHAPE_CONFIDENCE))
            ln.text = op + ln.text
            ln.confidence = min(ln.confidence, symbols.SHAPE_CONFIDENCE)
    return lines


def _clipped_tails(rgb, lines: list[engine.Line]) -> list[engine.Line]:
    """A closing bracket the model left out at a line's end (元) read 元, 部门职能类） read
    部门职能类: with no white after it in the box, the model does not see it). A line left with
    a bracket open, or under one (a cell's wrapped line), is read again from a crop with white
    right of it; when that reading is the line with a closing bracket after it (brackets compared by
    NFKC: the model may read them again the other width), the bracket is put after it, as wide as
    the one it closes. Nothing else is ever added."""
    import numpy as np

    W = rgb.shape[1]
    open_lines = [ln for ln in lines if _unclosed(ln.text)]
    for ln in lines:
        if ln.text[-1:] in CLIPPED_TAILS:
            continue
        h = ln.height
        under = any(-CLIPPED_BELOW * h < ln.y0 - o.y1 < CLIPPED_BELOW * h and ln.cy > o.y1 and abs(ln.x0 - o.x0) < h
                    for o in open_lines)
        if not (under or ln in open_lines):
            continue
        right = min([W] + [o.x0 for o in lines if o.x0 >= ln.x1 and o.y0 < ln.y1 and o.y1 > ln.y0])
        end = int(min(right - 1, ln.x1 + CLIPPED_PAD * h))
        crop = rgb[max(0, int(ln.y0)):int(ln.y1) + 1, max(0, int(ln.x0)):max(end, int(ln.x1)) + 1]
        pad = max(0, int(ln.x1 + CLIPPED_PAD * h) - end)  # white in place of a neighbour's text
        if pad:
            crop = np.pad(crop, ((0, 0), (0, pad), (0, 0)), constant_values=255)
        text, score = engine.read_crop(np.ascontiguousarray(crop))
        # the model may read the brackets again the other width (（ for (): compared by NFKC
        if score >= engine.TEXT_SCORE and _plain(text) == _plain(ln.text) + ")":
            opened = [ch for ch in ln.text if ch in "(（"]  # as wide as the bracket it closes
            tail = {"(": ")", "（": "）"}[opened[-1]] if opened else ("）" if not ln.text.isascii() else ")")
            ln.chars.append(engine.Char(tail, ln.x1, ln.x1, score))
            ln.text = ln.text + tail
            ln.confidence = min(ln.confidence, score)
    return lines


def _clipped_heads(rgb, lines: list[engine.Line]) -> list[engine.Line]:
    """An opening bracket the model left out at a line's start (（部门职能类） read 部门职能类）: a
    full-width bracket's ink stands in the right half of its em, apart from the box the model draws).
    A line closing a bracket it never opened is read again from a crop taking in CLIPPED_HEAD_PAD line
    heights left of it (short of any box there); when that reading is the line with an opening
    bracket in front, the bracket is put in front (as wide as the line's closing one). Nothing else
    is ever added."""
    import numpy as np

    for ln in lines:
        if ln.text[:1] in CLIPPED_HEADS or not _unopened(ln.text):
            continue
        h = ln.height
        if any(0 <= ln.y0 - o.y1 < CLIPPED_BELOW * h and o.x0 < ln.x1 and o.x1 > ln.x0 and _unclosed(o.text)
               for o in lines):
            continue  # the bracket it closes was opened on the line above (（万 over 元）)
        left = max([0.0] + [o.x1 + 1 for o in lines if o.x1 <= ln.x0 and o.y0 < ln.y1 and o.y1 > ln.y0])
        start = int(max(left, ln.x0 - CLIPPED_HEAD_PAD * h))
        if ln.x0 - start < CLIPPED_PAD * h:
            continue  # no room for a bracket left of it
        crop = rgb[max(0, int(ln.y0)):int(ln.y1) + 1, start:int(ln.x1) + 1]
        crop = np.pad(crop, ((0, 0), (int(CLIPPED_PAD * h), 0), (0, 0)), constant_values=255)
        text, score = engine.read_crop(np.ascontiguousarray(crop))
        # the model may read the brackets again the other width (（ for (): compared by NFKC
        if score >= engine.TEXT_SCORE and _plain(text) == "(" + _plain(ln.text):
            head = "（" if "）" in ln.text else "("
            ln.chars.insert(0, engine.Char(head, float(start), ln.x0, score))
            ln.text = head + ln.text
            ln.confidence = min(ln.confidence, score)
    return lines


def _unclosed(text: str) -> bool:
    """A bracket opened and not closed."""
    depth = 0
    for ch in text:
        depth += ch in "(（"
        depth -= depth > 0 and ch in ")）"
    return depth > 0


def _unopened(text: str) -> bool:
    """A bracket closed that was never opened."""
    depth = 0
    for ch in text:
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            if depth == 0:
                return True
            depth -= 1
    return False


def _plain(text: str) -> str:
    """The text as brackets are compared: NFKC (（ is (), without white space."""
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", text).split())


def _without_rules(ink):
    """A glyph's ink without the rows at its top or bottom edge inked nearly all across: the edge
    of a ruling line the line's box took in (RULE_FILL of the crop's width)."""
    top, bottom = 0, ink.shape[0]
    while top < bottom and ink[top].mean() > RULE_FILL:
        top += 1
    while bottom > top and ink[bottom - 1].mean() > RULE_FILL:
        bottom -= 1
    return ink[top:bottom]


def _ink(gray):
    """The dark pixels of a glyph's crop: under INK_LEVEL, or on a shaded sheet (paper itself under
    it) more than INK_CONTRAST under the crop's paper (its brightest tenth)."""
    import numpy as np

    if not gray.size:
        return gray < INK_LEVEL
    paper = float(np.percentile(gray, 90))
    return gray < min(INK_LEVEL, paper - INK_CONTRAST)


def _weak_lines(rgb, lines: list[engine.Line]) -> list[engine.Line]:
    """The lines the model scored too low dropped, but for a lone glyph whose strokes show an
    operator (a ≥ before a space, read as `M` at 0.2): that operator, as a line of its own. A
    lone N / W / ? read confidently is looked at the same way (a ≥ alone in its cell)."""
    import cv2

    gray = None
    out = []
    for ln in lines:
        text = ln.text.strip()
        lookalike = len(text) == 1 and text in OPERATOR_LOOKALIKES and text not in "=≥≤><"
        if not ln.weak and not lookalike:
            out.append(ln)
            continue
        if len(text) > 1 or text not in OPERATOR_LOOKALIKES:
            continue
        if gray is None:
            gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
        x0, y0, x1, y1 = int(ln.x0), int(ln.y0), int(ln.x1) + 1, int(ln.y1) + 1
        op = symbols.glyph_operator(_ink(gray[max(0, y0):y1, max(0, x0):x1]))
        if op is not None:
            out.append(engine.Line(op, ln.x0, ln.y0, ln.x1, ln.y1, symbols.SHAPE_CONFIDENCE))
        elif not ln.weak:
            out.append(ln)  # read confidently, and no operator's strokes: as read
    return out


def _double_bars(rgb, lines: list[engine.Line]) -> list[engine.Line]:
    """≧ / ≦ put back where the model read ≥ / ≤ (it knows no ≧ / ≦): the glyph's box shows two
    bars under its chevron (`symbols.bars_under`)."""
    import cv2

    gray = None
    for ln in lines:
        if not any(c.text in DOUBLE_BAR for c in ln.chars) or "".join(c.text for c in ln.chars) != ln.text:
            continue
        if gray is None:
            gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
        for ch in ln.chars:
            if ch.text in DOUBLE_BAR:
                x0, x1 = max(0, int(ch.x0)), int(ch.x1) + 1
                ink = _ink(gray[max(0, int(ln.y0)):int(ln.y1) + 1, x0:x1])
                if ink.size and symbols.bars_under(ink) == 2:
                    ch.text = DOUBLE_BAR[ch.text]
        ln.text = "".join(c.text for c in ln.chars)
    return lines


def _operator_like(text: str) -> bool:
    """Nothing, or what the model makes of a lone ≥ / ≤ / = (`W`, `?`, `ΛI`, `I`): at most
    LONE_GLYPH_CHARS characters, none a digit or a Chinese character."""
    if len(text) <= 1:
        return not text or text in OPERATOR_LOOKALIKES or not (text.isdigit() or "\u4e00" <= text <= "\u9fff")
    return len(text) <= LONE_GLYPH_CHARS and not any(ch.isdigit() or "\u4e00" <= ch <= "\u9fff" for ch in text)


def _lone_operators(rgb, tables: list[grid.Table], lines: list[engine.Line]) -> list[engine.Line]:
    """Cells of a table that hold one glyph the model could not read (nothing, `W`, `?`, `ΛI`) or read
    as an operator: the operator its strokes show (`symbols.glyph_operator`), when they show one."""
    import cv2

    gray = None
    out = list(lines)
    for t in tables:
        slot_cell = layout.slot_map(t)
        inside: dict[int, list[engine.Line]] = {}
        for ln in lines:
            slot = t.slot_of(ln.cx, ln.cy)
            if slot is not None:
                inside.setdefault(slot_cell[slot], []).append(ln)
        for k, g in enumerate(t.cells):
            found = inside.get(k, [])
            text = "".join(ln.text for ln in found).strip()
            if not _operator_like(text):
                continue
            if gray is None:
                gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
            m = grid.GridSettings().probe + 1
            x0, y0, x1, y1 = int(g.x0) + m, int(g.y0) + m, int(g.x1) - m, int(g.y1) - m
            if x1 <= x0 or y1 <= y0:
                continue
            op = symbols.glyph_operator(_ink(gray[y0:y1, x0:x1]))
            if op is None:
                continue
            for ln in found:
                out.remove(ln)
            conf = max((ln.confidence for ln in found), default=1.0)
            out.append(engine.Line(op, x0, y0, x1, y1, max(conf, symbols.SHAPE_CONFIDENCE)))
    return out
