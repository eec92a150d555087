"""PDF: glyph boxes and ruling lines from PDFium, tables rebuilt here.

    pdfium.py    the first engine (PDFium's C API), pdfminer.py the second
    glyphs.py    a page's glyphs, segments and lines
    ruled.py     ruled tables and their merged boxes
    unruled.py   tables without lines, centred labels and the rows they cover
    layout.py    reading order, furniture, tables going on over pages, the rows emitted
    settings.py  every threshold, named (PdfSettings)

pdfplumber's `extract_tables` costs more than the whole read is allowed (and its
`text` strategy splits unruled cells apart); even its `page.chars` spends most of its
time interpreting content streams in Python. So each page is read once through
PDFium (pypdfium2, which pdfplumber itself depends on) with its raw C API: per glyph
(x0, top, x1, bottom, text, size) from the text page's loose boxes, per path object
its horizontal and vertical segments (stroked lines and the edges of rectangles),
and whether the page paints images. A file PDFium refuses as malformed gets a second
chance with pdfminer (pdfplumber's engine, `pdfminer.py`) through a lean device
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
  are the clusters of the cells' left edges (a cluster whose text is all centred
  between a column's start and the next column's joins that column); in each column a
  piece less than 1.6 sizes (centre to centre) under the one above is a wrapped line of
  that cell, and cells starting (or centred) at one height make a row (a merged box's
  lines need not line up with its neighbours'); a row further down that starts at the
  table's columns stays in it. A label centred on a group of rows (Word's vertically
  centred merged cells) goes to the group's first row with `row_span` rows: the rows are
  divided between a column's cells by a small dynamic programme choosing, over the whole
  table, the top-aligned or the centred reading that fits best (a tie goes the way the
  document's other tables read: when those that tell are all centred, the document is read
  again with ties centred). Of a column's groupings fitting alike (within `span_tie`) the one
  whose groups cover more rows wins (a label centred on a whole block is centred on the rows
  round its own too); a cell of a row heading the indicator columns (一级指标 | 二级指标 ...,
  by meaning) covers no row below; under a header row repeated overleaf, the rows above a
  column's first cell may still be the box the page before left merged down past its foot
  (they cost nothing in either reading, as rows above a first cell do). Lines of one label centred in a column share one axis
  (绩效指 over 标) and stay in that column. Merged boxes nest: no group crosses a box starting
  in a column to its left (a unit column's lone cells span nothing). Empty rows, which show no text, are
  put back where a gap between rows is wider than the usual one by a row, so a label
  centred on a group ending in one is still centred on it; labels left alone on their line
  (one, or the 一级 and 二级 side by side; a value of several lines whose row's cells all stand
  left of it) join the row their boxes overlap. A row of two cells or more between two rows
  that leave its columns empty, each cell's middle level with the pair's, itself or the row under
  it heading the indicator columns (a two-row header's boxes merged over both rows, centred:
  实际完成值 | 分值 | 得分 beside 年度指标值 over 指标性质 | 指标值 | 度量单位), goes to the upper row
  covering both, whose other cells then reach (`span`) over the lower row's columns up to the
  next box. A cell starting lower than a row joins it when
  its middle is level with the middle of any cell of the row (a tall label atop the row, a name
  of two lines beside it). One-piece lines
  (up to six) within columns between a table and a row of it further down stay in the table,
  and a one-piece line left of the lines just above and below it, which start at one edge,
  makes a table of them (总体绩效目标 centred beside the goal rows);
  `label：value` lines under a table (填表人：… 联系电话：…) are paragraphs, and split a block
  in two where they stand inside it. Glyphs on one baseline, or lying mostly within a line's
  height (Latin digits beside CJK), are on that line. Other lines are paragraphs (`table=None`). An unruled row cut at a page's foot
  (the table reaching within 2.5 lines of it) goes on overleaf under the test
  ruled tables use, a box's edge taken from the widest wrapped line of cells starting in
  its column and ending before the next cell of its row (a one-line cell beside empty
  columns: its own column; no wrapped line: the next column's start less the table's
  gutter, the last column as wide as its widest line; a lone cell: the lone cells of its
  column), not after a cell ending in 。 or ：, nor by a line running past that edge by more
  than `box_overrun` glyphs (预期目标 alone at the foot, its goal text overleaf); boxes merged down (label columns, left of the
  fresh cells) go on alone beside a fresh row. One-cell lines atop the page in different
  columns are tried together, the leading ones that all go on; a one-piece line atop the
  page within the cut table's columns goes with the table under it, or alone. A first row
  whose texts all stand in a row read before (a repeated header) finishes nothing: the rows
  under it go on under the same test. Two texts
  each naming an indicator level whole (社会成本指标 at the foot, 生态环境成本指标 overleaf) are
  two cells; a table going on overleaf keeps its columns (found over its lines on both pages).
- a ruled table that starts a page right after one that ended the previous page
  (page numbers and running headers/footers, lines recurring in the margins, aside),
  with the same outer edges, continues it: same `table` index, and `col`/`span` are
  worked out at the end over the boundaries of all its pages. Word and LibreOffice
  cut a row at a page's foot: the first row overleaf goes on from the boxes above it
  when every cell of it sits under a box with text that reached the foot, and none
  of those boxes had room on its last line for the first word of the text below
  (a fresh row fails one of these; a repeated header row never continues, the row under
  it goes on under the same test). A box
  merged down over several rows overleaf goes on alone, under the same test, when the
  text above reached the foot: the other columns broke between two rows.
- a continuation heading atop a page (项目绩效目标表（续）, （续表）) stays a row (taken off the
  unruled table's block when it stands close above it), and the table under it goes on from
  the previous page; a repeated header row stays a row.
- ruling lines drawn inside form XObjects count.
- a page with /Rotate is read in its displayed orientation.

`(cid:NN)` (a glyph with no Unicode mapping) and U+FFFD stay in the text and are
noted as ("garbled", snippet); a file without its %%EOF marker that could still be
read is noted as ("truncated", ...). Refused: not a PDF / unreadable, a page tree
that loops (CorruptFile, library errors mapped with `errors.map_exceptions`),
a user password (EncryptedFile), more than max_pdf_pages pages or a Flate stream
inflating past max_unzipped_mb or max_zip_ratio (TooLarge, checked before any
parsing), no text at all (EmptyFile; a scan without a text layer says so).
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

from ... import settings as app_settings  # (pdf.settings is this reader's thresholds)
from ...document import RawDocument
from ...errors import CorruptFile, EmptyFile, TooLarge
from .layout import _Layout
from .pdfium import _pages_pdfium
from .unruled import Readings


def read(path: Path) -> RawDocument:
    path = Path(path)
    limits = app_settings.get()
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
            from .pdfminer import pages as pdfminer_pages  # imported only when needed

            pages = list(pdfminer_pages(fh, path, limits.max_pdf_pages))
    doc = RawDocument(path=str(path), format="pdf")
    if truncated:  # read what could be repaired, and say so
        doc.notes.append(("truncated", "PDF 文件末尾缺少 %%EOF 结束标记，文件可能不完整"))
    layout = _Layout(doc)
    layout.run(pages)
    if layout.readings.rerun_centred():  # the tables that told were centred: read again so
        notes = list(doc.notes)
        doc = RawDocument(path=str(path), format="pdf")
        doc.notes.extend(n for n in notes if n[0] == "truncated")
        _Layout(doc, Readings(tie="centre")).run(pages)
    if not any(p.chars for p in pages):
        if any(p.images for p in pages):  # a scan: no page has a text layer, so its images are read by OCR
            from ..ocr import read_scan

            return read_scan(path, [p.number - 1 for p in pages if p.images])
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
