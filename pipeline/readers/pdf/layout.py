"""Page layout: the reading order of a page's tables and paragraphs, page furniture
(page numbers, running headers and footers), tables and rows going on over pages, a
continuation heading (项目绩效目标表（续）), and the rows of the intermediate document.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ... import vocab
from ...document import Cell, RawDocument, Row
from .glyphs import _cell_text, _cluster, _first_word, _line_text, _lines, _Page
from .ruled import TOL, _find_tables, _first_row_texts, _nearest, _Table
from .settings import SETTINGS
from .unruled import Readings, TextCell, _centred_spans, _column_starts, _free_blocks

_GARBLED = re.compile(r"\(cid:\d+\)|\ufffd")


_LABELLED = re.compile(r"^[^:：]{1,12}[:：]")


# a "label：value" piece with its value (填表人：李明), not a wrapped label's last line (门：)
_SIGNED = re.compile(r"^[^:：]{1,12}[:：]\s*\S")


_PAGE_NUMBER = re.compile(r"^(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|-?\s*\d+\s*-?|\d+\s*/\s*\d+)$")


# a heading saying the table above goes on: 项目绩效目标表（续）, （续表）, 续表
_CONTINUED = re.compile(r"[（(]\s*续\s*(?:表|上表|前表)?\s*[）)]\s*$|^续表")


class _Layout:
    def __init__(self, doc: RawDocument, readings: Readings | None = None):
        self.doc = doc
        self.readings = readings if readings is not None else Readings()
        self.n_tables = 0
        # the last ruled table of the previous page, if it ended that page: (index, x0, x1)
        self.open_table: tuple[int, float, float] | None = None
        self.garbled: set[str] = set()
        self.table_cells: dict[int, list[tuple[Cell, float, float]]] = {}
        self.table_xs: dict[int, list[float]] = {}
        self.table_rows: dict[int, int] = {}
        self.cut_boxes: list[tuple[float, float, float, Cell, bool]] = []  # x0, x1, room, cell, text to the foot
        self.seen_rows: dict[int, list[frozenset[str]]] = {}
        self.unruled_cells: list[tuple[Cell, float]] = []
        self.unruled_ends: list[tuple[Cell, float]] = []  # a cell whose box runs to the column starting at x
        # the last cells of an unruled table that ended the previous page near its foot:
        # column start x -> (cell, room left on its last line)
        self.open_unruled: dict[int, CutCell] | None = None
        # the lines of that table on the previous page: it keeps its columns overleaf
        self.open_lines: list = []
        # the texts of the unruled rows read so far, row by row (a header repeated overleaf)
        self.unruled_seen: list[frozenset[str]] = []
        # its columns holding boxes merged down (x of their starts)
        self.open_merged: set[int] = set()

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
        text = " ".join(seg.text for seg in block[0].runs)
        return bool(_PAGE_NUMBER.match(text)) or (_furniture_key(text), round(block[0].top / 4)) in self.furniture

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
            cx, cy = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
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
            items.append((block[0].top, 1, block))
        items.sort(key=lambda it: (it[0], it[1]))
        # page furniture (page numbers) does not break a table across pages
        content = [it for it in items if not (it[1] == 1 and self.is_furniture(it[2]))]
        # a continuation heading atop the page (项目绩效目标表（续）, （续表）) is kept as a row for
        # the form parser, and the table under it goes on from the previous page
        # (close above an unruled table, the heading may have joined its block: it is taken off)
        lead = 0
        if content and content[0][1] == 1 and (len(content) > 1 or len(content[0][2]) > 1):
            head = content[0][2]
            text = " ".join(seg.text for seg in head[0].runs)
            if len(head[0].runs) == 1 and _CONTINUED.search(text):
                self.emit([Cell(text)], p.number, None, None)
                if len(head) > 1:
                    content[0] = (head[1].top, 1, head[1:])
                else:
                    lead = 1
        if self.open_unruled is not None:
            content = self._gather_rest(content, lead)
        for k, (_top, kind, obj) in enumerate(content[lead:], start=lead):
            if kind == 0:
                self.ruled_table(obj, p.number, first=(k == lead), last=(k == len(content) - 1))
            else:
                self.free_block(obj, p.number, first=(k == lead), last=(k == len(content) - 1))
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
        goes_on = 0  # the grid row that may go on from the boxes cut at the previous page's foot
        if cut:
            texts = _first_row_texts(t)
            if len(texts) >= 2 and any(set(texts) <= row for row in self.seen_rows.get(index, ())):
                # a header row repeated overleaf finishes nothing: the row under it may go on
                goes_on = 1 + max(r1 for r0, _c0, r1, _c1 in t.boxes if r0 == 0)
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
        if cut and goes_on in by_row:
            done = self._continues(cut, t, by_row[goes_on], goes_on)
            by_row[goes_on] = [b for b in by_row[goes_on] if b[3] not in done]  # the rest of boxes cut overleaf
            if not by_row[goes_on]:
                del by_row[goes_on]
        start = self.table_rows.get(index, 0)
        n = 0
        cells_of: dict[int, Cell] = {}
        emitted = sorted(by_row)
        for r in emitted:
            cells = []
            for x0, x1, text, k in sorted(by_row[r]):
                # a box merged down covers the rows emitted between its first and last grid row
                r1 = t.boxes[k][2]
                cell = cells_of[k] = Cell(text, row_span=sum(1 for e in emitted if r <= e <= r1))
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
        if last and t.bottom >= self.foot - SETTINGS.foot_lines * self.line:
            self.cut_boxes = [(x0, x1, room, cells_of[k], low) for x0, x1, room, k, low in foot if k in cells_of]

    def _continues(self, cut: list, t: _Table, first: list[tuple[float, float, str, int]], row: int = 0) -> set[int]:
        """Boxes of the first row overleaf that go on from a box cut at the previous page's
        foot (their texts are appended to it). A box goes on from one above it (same edges,
        with text, reaching the foot) whose last line had no room for its first word; the
        whole row does when all its boxes do (a row cut in two), and a box merged down over
        several rows does alone when the text above reached the bottom (the other columns
        broke between rows). A fresh row fails somewhere: a cell under an empty box, or a
        first word that would have fitted."""
        fits: dict[int, tuple] = {}
        for x0, x1, text, k in first:
            box = next((b for b in cut if abs(b[0] - x0) <= 3 * TOL and abs(b[1] - x1) <= 3 * TOL), None)
            if (box is not None and _first_word(t.chars[k]) > box[2] + SETTINGS.first_word_slack
                    and not _whole_labels(box[3].text, text)):  # 产出指标 above, 效益指标 overleaf: two boxes
                fits[k] = box
        if len(fits) < len(first):
            fits = {k: box for k, box in fits.items() if t.boxes[k][2] > row and box[4]}
        for x0, x1, text, k in first:
            if k in fits:
                cell = fits[k][3]
                cell.text = cell.text + "\n" + text
        return set(fits)

    def finish(self) -> None:
        """Columns per table, over all its pages: `col` and `span` from the cells' x.

        Unruled tables share one set of columns (the left edges of all their cells), so
        a table that goes on over a page keeps its column numbers."""
        starts = _cluster([x for _, x in self.unruled_cells], SETTINGS.edge_cluster)
        for cell, x in self.unruled_cells:
            cell.col = bisect_right(starts, x + SETTINGS.edge_cluster) - 1
        for cell, x in self.unruled_ends:  # a box over several columns: to the column starting at x
            cell.span = max(1, bisect_right(starts, x + SETTINGS.edge_cluster) - cell.col)
        for index, cells in self.table_cells.items():
            xs = _cluster(self.table_xs[index], 3 * TOL)
            for cell, x0, x1 in cells:
                c0 = _nearest(xs, x0)
                c1 = _nearest(xs, x1)
                cell.col = c0
                cell.span = max(1, c1 - c0) if c0 is not None and c1 is not None else 1

    def free_block(self, block: list, page: int, first: bool = False, last: bool = False) -> None:
        """A paragraph (one line, table=None) or an unruled table (several lines)."""
        # lines of "label：value" pieces closing a table (填表人：… 联系电话：…) are paragraphs
        # under it, not a row whose pieces would start columns of their own
        # (two pieces or more: a table's own rows may hold one); a table further down starts afresh;
        # 其中：中央补助 | 其中：中央补助 is a money block's breakdown row, not a sign-off
        def signed(k: int) -> bool:
            return all(_SIGNED.match(seg.text) and not vocab.SUB_ROW.match(seg.text) for seg in block[k].runs)

        def table_above(k: int) -> bool:  # no table above them: the lines stay as they are
            return any(len(line.runs) >= 2 for line in block[:k])

        end = len(block)
        while end > 1 and signed(end - 1):
            end -= 1
        if not table_above(end):
            end = len(block)
        inner = next((k for k in range(1, min(end, len(block) - 1))
                      if len(block[k].runs) >= 2 and signed(k) and table_above(k)), None)
        if inner is not None:
            self.free_block(block[:inner], page, first=first, last=False)
            self.emit([Cell(" ".join(seg.text for seg in block[inner].runs))], page, None, None)
            self.free_block(block[inner + 1:], page, first=False, last=last)
            return
        if end < len(block):
            self.free_block(block[:end], page, first=first, last=False)
            for line in block[end:]:
                self.emit([Cell(" ".join(seg.text for seg in line.runs))], page, None, None)
            return
        if not (first and self.open_unruled is not None) and len(block) > 2:
            # a title centred over the table, close above it (a larger size leaves a wider
            # gap: 项目支出绩效目标申报表 / （2026年度）), is no row of it: lines of one piece
            # atop the block, starting at no column and running over the next column's start
            rows = [ln for ln in block if len(ln.runs) >= 2]
            edges = _column_starts(rows) if rows else []
            lead = 0
            while lead < len(block) - 1 and len(block[lead].runs) == 1 and _title_over(block[lead].runs[0], edges):
                lead += 1
            # a title printed larger than the table's text, running over its columns, under one-piece
            # lines starting at a column (附件： at the left margin): those lines are paragraphs above it too
            ones = lead
            while ones < len(block) - 1 and len(block[ones].runs) == 1:
                ones += 1
            if ones > lead and rows:
                sizes = sorted(seg.size for ln in rows for seg in ln.runs)
                body = sizes[len(sizes) // 2]
                lead = next((k + 1 for k in range(ones - 1, lead - 1, -1) if _runs_over(block[k].runs[0], edges)
                             and block[k].runs[0].size >= SETTINGS.title_size * body), lead)
            if lead:
                for line in block[:lead]:
                    self.emit([Cell(line.runs[0].text)], page, None, None)
                self.free_block(block[lead:], page, first=False, last=last)
                return
        cut = self.open_unruled if first else None
        self.open_unruled = None
        if len(block) == 1 and len(block[0].runs) == 1 and cut and self._rest_alone(block, cut):
            return  # the last line of a row cut at the previous page's foot, alone overleaf
        if len(block) == 1 and (len(block[0].runs) == 1 or all(_LABELLED.match(seg.text) for seg in block[0].runs)):
            # one line of "label：value" pieces (填表人：… 联系电话：…) is a paragraph
            self.emit([Cell(" ".join(seg.text for seg in block[0].runs))], page, None, None)
            return
        index = self.n_tables
        self.n_tables += 1
        # a table going on overleaf keeps its columns: they are found over its lines on both
        # pages (a few rows overleaf may lack the ones that tell a centred label's column)
        starts = _column_starts(self.open_lines + block if cut is not None else block)
        self.open_lines = []
        # each column on its own: a segment less than wrap_gap sizes under the one above it in its
        # column is a wrapped line of that cell (a new row is further down: cell padding or
        # paragraph spacing; lines of neighbouring columns need not line up: a box merged
        # down over rows runs past the row it starts in). Glyph boxes of CJK and Latin
        # fonts differ in height, so distances are between centres.
        cells: list[TextCell] = []
        last_in: dict[int, TextCell] = {}
        for line in block:
            fresh = _label_line(line, last_in, starts)
            for seg in line.runs:
                c = bisect_right(starts, seg.x0 + SETTINGS.edge_cluster) - 1
                centre = (seg.top + seg.bottom) / 2
                cell = last_in.get(c)
                if c not in fresh and cell is not None and centre - cell.last < seg.size * SETTINGS.wrap_gap:
                    cell.last = centre
                    cell.lines.append(seg.text)
                    cell.wrapped.append(cell.tail)  # a line that wrapped
                    cell.tail = seg
                else:
                    cell = last_in[c] = TextCell(centre, centre, c, [seg.text], seg.size, seg, seg)
                    cells.append(cell)
                cell.beside = seg is not line.runs[-1]
        # rows: cells starting at the same height, or centred on the same height (a cell in a
        # column the row already has starts the next one); then labels centred on a group of
        # rows go to the first row of the group (`_centred_spans`)
        # a cell joining a row by its middle alone starts a row of its own when a cell starting
        # at its height is aligned with that row neither way (the 定性 beside 评审报告合格率 is
        # not the row of the three-line label centred beside it)
        grid: list[tuple[float, float, float, dict[int, TextCell]]] = []  # first centre, middle, size, column -> cell
        order = sorted(cells, key=lambda cell: cell.first)

        def middle(cell: list) -> float:
            return (cell.head.top + cell.tail.bottom) / 2

        for n, cell in enumerate(order):
            centre, c, size = cell.first, cell.col, cell.size
            mid = middle(cell)
            if grid and c not in grid[-1][3]:
                near = grid[-1][2] * SETTINGS.row_align
                starts_with = centre - grid[-1][0] < near
                # the row's middle, or a cell's of it (a tall label atop the row: the name of
                # two lines beside it is what its one-line cells are centred on)
                mids = (grid[-1][1], *(middle(o) for o in grid[-1][3].values()))
                if not starts_with and any(abs(mid - m) < near for m in mids):
                    peers = (o for o in order[n + 1:] if o.first - centre < near)
                    if any(all(abs(middle(o) - m) >= near for m in mids) for o in peers):
                        grid.append((centre, mid, size, {}))
                elif not starts_with:
                    grid.append((centre, mid, size, {}))
            else:
                grid.append((centre, mid, size, {}))
            grid[-1][3][c] = cell
        # columns whose box, merged down at the previous page's foot, may go on under a repeated header
        going_on = frozenset(c for c, x in enumerate(starts) if self._merged(x)) if cut is not None else frozenset()
        spans = _centred_spans([g[3] for g in grid], starts, self.readings, going_on)
        rows: list[tuple[float, float, dict[int, list[str]]]] = []  # centre, size, column -> lines
        row_span: dict[int, int] = {}  # id(lines) -> rows covered
        kept = [k for k, g in enumerate(grid) if g[3]]
        for k in kept:
            rows.append((grid[k][0], grid[k][2], {c: cell.lines for c, cell in grid[k][3].items()}))
        for cell, s, e in spans:
            row_span[id(cell.lines)] = sum(1 for k in kept if s <= k <= e)
        # where text must stop in each column: the widest line ending in it that wrapped
        # (no wrapped line, no evidence: its cells never go on overleaf)
        # (also by the column the cell starts in: a header field's box starting further left
        # may end inside a column of the indicator rows, wider than their boxes there)
        right: dict[int, float] = {}
        right_from: dict[tuple[int, int], float] = {}
        for cell in cells:
            for seg in cell.wrapped:
                end = bisect_right(starts, seg.x1) - 1
                right[end] = max(right.get(end, 0.0), seg.x1)
                right_from[(cell.col, end)] = max(right_from.get((cell.col, end), 0.0), seg.x1)
        # the gutter between columns: the least room a wrapped line left before the next
        # column's start (a column with no wrapped line of its own stops that far before the
        # next column: a header row cut at the foot, its columns' texts all short)
        gutter = min((starts[e + 1] - x for e, x in right.items() if e + 1 < len(starts)), default=None)
        widest_last = max((seg.x1 for line in block for seg in line.runs if seg.x0 >= starts[-1] - SETTINGS.edge_cluster),
                          default=None)
        def texts(row: dict[int, list[str]]) -> frozenset[str]:
            return frozenset("".join(parts) for parts in row.values())

        # a header row repeated overleaf finishes nothing: the row under it may go on
        head = 1 if cut and rows and len(rows[0][2]) >= 2 and any(
            texts(rows[0][2]) <= seen for seen in self.unruled_seen) else 0
        if cut and len(rows) > head:
            # the rest of a row cut at the previous page's foot; its cells may come out on
            # lines of their own (one cell each, in different columns: texts of the cut row
            # aligned differently), tried together
            heading, rows = rows[:head], rows[head:]
            most = 1
            while (most < len(rows) and len(rows[most - 1][2]) == 1 and len(rows[most][2]) == 1
                   and not set(rows[most][2]) & {c for r in rows[:most] for c in r[2]}):
                most += 1

            def first_rows(n: int) -> dict[int, list[str]]:
                return {c: p for r in rows[:n] for c, p in r[2].items()}

            # the most leading rows that go on whole (a fresh row's lone label after them does not)
            lead = next((n for n in range(most, 1, -1)
                         if self._unruled_continues(cut, first_rows(n), starts, cells, apply=False) == set(first_rows(n))),
                        1)
            done = self._unruled_continues(cut, first_rows(lead), starts, cells)
            for _top, _size, row in rows[:lead]:
                for c in done & set(row):
                    del row[c]
            rows = heading + [r for n, r in enumerate(rows) if r[2] or n >= lead]
        of_lines: dict[int, list[TextCell]] = {}
        for info in cells:
            of_lines.setdefault(id(info.lines), []).append(info)
        last_col = {id(info.lines): info.last_col for info in cells if info.last_col is not None}
        for n, (_top, _size, row) in enumerate(rows):
            out = []
            for c, parts in sorted(row.items()):
                cell = Cell("\n".join(parts), row_span=max(1, row_span.get(id(parts), 1)))
                self.unruled_cells.append((cell, starts[c]))
                reach = last_col.get(id(parts))
                if reach is not None:
                    self.unruled_ends.append((cell, starts[reach]))
                out.append(cell)
                for info in of_lines.get(id(parts), ()):
                    info.cell = cell
            self.emit(out, page, index, n)
            if len(row) >= 2:
                self.unruled_seen.append(texts(row))
        # the cells a row cut at this page's foot may go on from overleaf: the last of each
        # column, ending within a line of the block's bottom, not with a full stop or a colon (one
        # cell alone overleaf under a line as wide as the table could be either)
        if last and block[-1].bottom >= self.foot - SETTINGS.foot_lines * self.line:
            low = max(cell.last for cell in cells)
            # a cell's box reaches to the next cell of its row; a cell alone in its row as far
            # as the other lone cells of its column wrapped (a goal text under its label runs
            # to the table's edge, a label beside a merged box stays in its column), else its
            # own column (the last of several cells may have empty boxes beside it): its text
            # stops at the widest wrapped line ending in between
            beside = {id(parts): sorted(row) for _c, _s, row in rows for parts in row.values()}
            alone: dict[int, float] = {}
            for cell in cells:
                if len(beside.get(id(cell.lines), ())) == 1 and cell.wrapped:
                    alone[cell.col] = max(alone.get(cell.col, 0.0), max(seg.x1 for seg in cell.wrapped))
            self.open_unruled = {}
            self.open_lines = block
            # columns holding boxes merged down: a cell of the column covers several rows
            # (the label columns; names and values stand in every row)
            self.open_merged = {round(starts[cell.col]) for cell, s, e in spans if e > s}
            # a column left empty in the block's last row, left of its cells: the last box of the
            # column is merged down past that row, cut by the foot whatever its text's height
            # (centred on the rows page 1 holds, its last line stands above the foot)
            foot_row = set(rows[-1][2]) if rows else set()
            to_last: set[int] = set()
            if foot_row:
                last_of: dict[int, TextCell] = {}
                for cell in cells:
                    if cell.col < min(foot_row) and (cell.col not in last_of or cell.last > last_of[cell.col].last):
                        last_of[cell.col] = cell
                to_last = {id(cell.lines) for cell in last_of.values()}
            for cell in cells:
                end = bisect_right(starts, cell.tail.x1) - 1
                row = beside.get(id(cell.lines), ())
                nxt = next((c for c in row if c > cell.col), end + 1)
                limit = max((right_from[(cell.col, e)] for e in range(end, max(nxt, end + 1))
                             if (cell.col, e) in right_from), default=None)
                if limit is None:
                    limit = max((right[e] for e in range(end, max(nxt, end + 1)) if e in right), default=None)
                if not cell.wrapped and len(row) > 1 and nxt > end + 1:
                    # one line beside empty columns of its row: nothing says its box runs
                    # over them, its own column tells where its text stops
                    own = right_from.get((cell.col, end), right.get(end, starts[end + 1] - gutter if gutter is not None else None))
                    limit = own if own is not None else limit
                if limit is None and gutter is not None and nxt < len(starts):
                    limit = starts[nxt] - gutter
                if limit is None and end == len(starts) - 1 and gutter is not None:
                    # the last column, no wrapped line in it: its box is as wide as its widest line
                    limit = widest_last
                if len(row) == 1 and cell.col in alone:
                    limit = alone[cell.col]
                if (cell.cell is not None and (low - cell.last < cell.size * SETTINGS.wrap_gap or id(cell.lines) in to_last)
                        and not cell.lines[-1].endswith(("。", "：", ":"))):
                    # no wrapped line tells where its text stops: it never goes on overleaf,
                    # but a cell under it there sits under a box of the cut row (room enough)
                    room = limit - cell.tail.x1 if limit is not None else float("inf")
                    self.open_unruled[round(starts[cell.col])] = CutCell(cell.cell, room, limit)

    def _merged(self, x: float) -> bool:
        x = round(x)
        return bool({x - 1, x, x + 1} & self.open_merged)

    def _rest_alone(self, block: list, cut: dict) -> bool:
        """A line of one piece alone atop a page goes on from the cell cut above it at the
        previous page's foot (as the first row of an unruled table overleaf would)."""
        starts = _column_starts(self.open_lines + block)
        seg = block[0].runs[0]
        c = bisect_right(starts, seg.x0 + SETTINGS.edge_cluster) - 1
        if c < 0:
            return False
        centre = (seg.top + seg.bottom) / 2
        info = TextCell(centre, centre, c, [seg.text], seg.size, seg, seg)
        return bool(self._unruled_continues(cut, {c: info.lines}, starts, [info]))

    def _gather_rest(self, content: list, lead: int) -> list:
        """Lines of one piece atop a page, each within one column of the unruled table cut at
        the previous page's foot, go with the table block under them (within `resume_gap`
        sizes): they may be the rest of the cut row (a gap wider than a row gap can stand
        between the cut cells' last lines and the next row)."""
        edges = _cluster([s.x0 for ln in self.open_lines if len(ln.runs) >= 2 for s in ln.runs], SETTINGS.edge_cluster)
        if not edges:
            return content

        def within(seg) -> bool:
            k = bisect_right(edges, seg.x0 + SETTINGS.edge_cluster) - 1
            return k >= 0 and (k + 1 == len(edges) or seg.x1 <= edges[k + 1])

        def near(a, b) -> bool:
            return b.top - a.bottom <= SETTINGS.resume_gap * max(s.size for s in a.runs)

        k = lead
        lines: list = []
        while (k < len(content) and content[k][1] == 1 and len(content[k][2]) == 1
               and len(content[k][2][0].runs) == 1 and within(content[k][2][0].runs[0])
               and (not lines or near(lines[-1], content[k][2][0]))):
            lines.append(content[k][2][0])
            k += 1
        if not lines or k >= len(content) or content[k][1] != 1 or not near(lines[-1], content[k][2][0]):
            return content
        block = lines + content[k][2]
        return content[:lead] + [(block[0].top, 1, block)] + content[k + 1:]

    def _unruled_continues(self, cut: dict, first: dict[int, list[str]], starts: list[float], cells: list,
                           apply: bool = True) -> set[int]:
        """Columns of the first row of an unruled table overleaf that go on from a row cut
        at the previous page's foot: all of them when every cell of it starts where a cell
        at the foot did and that cell's last line had no room for its first word (as for
        ruled tables); only the cells left of the fresh ones when every cell sits under a cut
        cell and some had room for their first word on its last line (label boxes merged
        down, cut by the page break, go on beside a fresh row: 社会效益指 / 标)."""
        found = {}
        fresh = []
        fresh_at: list[int] = []  # the columns of the fresh cells
        for c, parts in first.items():
            x = round(starts[c])
            prev = cut.get(x) or cut.get(x - 1) or cut.get(x + 1)
            info = next(info for info in cells if info.lines is parts)
            if prev is not None and _whole_labels(prev.cell.text, "".join(parts)):
                fresh.append(prev)  # two whole 二级/一级 labels: the one above was not cut
                fresh_at.append(c)
            elif (prev is not None and _first_word(info.head.glyphs) > prev.room + SETTINGS.first_word_slack
                  and not _wider_than(info, prev.limit)):
                found[c] = (prev.cell, parts)
            else:
                fresh.append(prev)
                fresh_at.append(c)
        if fresh:  # a fresh row: a cell of it that passed would have started its line anyway,
            # unless it stands left of all the fresh ones (a label box merged down, cut by
            # the page break, goes on beside the fresh row: 社会效益指 / 标)
            found = {c: v for c, v in found.items() if c < min(fresh_at) and (c == 0 or self._merged(starts[c]))}
            if any(prev is None for prev in fresh):
                return set()
        for cell, parts in found.values() if apply else ():
            cell.text = cell.text + "\n" + "\n".join(parts)
        return set(found)


@dataclass(slots=True)
class CutCell:
    """The last cell of a column of an unruled table ending near a page's foot: the document's
    cell, the room its last line left before its box's edge, and that edge (None: unknown)."""
    cell: Cell
    room: float
    limit: float | None


def _wider_than(info: TextCell, limit: float | None) -> bool:
    """A cell overleaf with a line running past the edge of the box cut at the foot above it is
    not the rest of that box (a goal text under its label 预期目标, whose box is its column's); the
    edge, known from the widest wrapped line, may lie up to `box_overrun` glyphs further right."""
    widest = max(seg.x1 for seg in (info.head, *info.wrapped, info.tail))
    return limit is not None and widest > limit + SETTINGS.box_overrun * info.size


def _label_line(line, last_in: dict[int, TextCell], starts: list[float]) -> set[int]:
    """A line of a label and its value (项目名称    某某项目) under another such line, close
    enough to read as its wrapped line, is a row of its own: its first piece is a whole header
    label, so is the text of the cell above it in its column, the two together are none
    (资金总额 / （万元） goes on), and that cell's last line had a piece beside it on its line
    (its value). Returns the columns whose pieces start cells of their own: the label's, and
    those whose cell above starts on a line of the label above (its value, wrapped or not; a
    goal text wrapping beside a label centred on it goes on)."""
    if len(line.runs) < 2:
        return set()
    seg = line.runs[0]
    c = bisect_right(starts, seg.x0 + SETTINGS.edge_cluster) - 1
    above = last_in.get(c)
    if above is None or not above.beside:
        return set()
    own = "".join(above.lines)
    if not (vocab.spelled_label(own) and vocab.spelled_label(seg.text)) or vocab.spelled_label(own + seg.text):
        return set()
    near = above.size * SETTINGS.line_tolerance
    return {c} | {k for k, cell in last_in.items() if above.first - near < cell.first < above.last + near}


def _title_over(seg, edges: list[float]) -> bool:
    """The piece starts at no column of the table and runs over the start of a column after
    the one it starts in, or starts inside the last one (a title centred over the table; the
    table may be the fields under it, their columns narrower than the page)."""
    tol = SETTINGS.edge_cluster
    return (len(edges) >= 2 and all(abs(seg.x0 - x) > tol for x in edges)
            and (any(seg.x0 + tol < x < seg.x1 - tol for x in edges[1:]) or seg.x0 > edges[-1]))


def _runs_over(seg, edges: list[float]) -> bool:
    """The piece runs over the start of a column after the one it starts in (a larger title
    centred over the table may start where a column does)."""
    tol = SETTINGS.edge_cluster
    return any(seg.x0 + tol < x < seg.x1 - tol for x in edges[1:])


def _whole_labels(above: str, below: str) -> bool:
    """Both texts name an indicator level on their own (社会成本指标 at a page foot,
    生态环境成本指标 overleaf): two cells, not one cut in two."""
    return all(vocab.level1_of(t) or vocab.level2_of(t) for t in (above, below))


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
