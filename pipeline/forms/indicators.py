"""The indicator table: its column header, the 一级/二级 levels (merged cells, names
with decorations, the pre-2021 tree), each row's 三级指标 and values placed onto the
declared columns, side-by-side halves, and tables that list several projects."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING

from .. import vocab
from ..models import Indicator, Origin
from ..targets import parse_target
from .cells import BLOCK, VALUE_CLASSES, Token, cell_class, has_finding, indicator_name, row_flags, token
from .columns import (
    LEVEL_ROLES,
    VALUE_ROLES,
    Column,
    Placed,
    place_by_column,
    place_by_content,
    value_columns,
)
from .header import NAMED_FIELDS
from .prose import level_prose_targets, prose_targets
from .state import ColumnCell, Halves, MergedCell, UpperHeader
from .values import parse_amount, strip_code

if TYPE_CHECKING:
    from .parser import Parser


# the roles of a second header row under a value column (指标性质 | 指标值 | 度量单位)
_SUB_HEADER_ROLES = ("nature", "unit", "annual", "period", "direction")


class IndicatorReader:
    """Parser methods for the indicator table."""

    def block_scope(self: Parser, tok: Token) -> bool:
        """长期绩效指标 / 年度绩效指标 before (or beside) a block's column header: the scope of
        the block's 指标值 column. True when the cell is such a label."""
        if tok.info.scope is None:
            return False
        if self.form.stream and tok.info.scope != self.scope:
            self.flush_stream()  # the block before is read under its own scope
        self.scope = tok.info.scope
        return True

    def is_column_header(self: Parser, toks: list[Token], roles: list[str | None]) -> bool:
        """一级指标 | 二级指标 | 三级指标 | 指标值 ...: two column headers or more, one of them a level or name."""
        return (roles.count(None) <= len(roles) - 2
                and ("level1" in roles or "level2" in roles or "name" in roles))

    def set_columns(self: Parser, toks: list[Token], roles: list[str | None]) -> None:
        for t in toks:
            if t.info.role is None and self.block_scope(t):
                break
        cols: list[Column] = []
        seen_level = False
        for t, r in zip(toks, roles):
            lab = t.info.label
            if r in LEVEL_ROLES or r == "name":
                seen_level = True
            elif not seen_level and r == "extra" and vocab.SECTION_HEADING.match(t.info.key):
                continue  # 四、年度绩效指标完成情况 | 一级指标 | …: the section's heading, not a column
            if r == "unit" and not seen_level and t.info.key in vocab.LIST_UNIT_HEADERS:
                cols.append(Column("field:implementing_unit", t.col, t.span, t.text))
            elif r:
                cols.append(Column(r, t.col, t.span, t.text))
            elif t.info.key in vocab.TARGET_HEADERS_AFTER_NAME and cols and cols[-1].role == "name":
                cols.append(Column("annual", t.col, t.span, t.text))  # 指标名称 | 绩效目标: the target's column
            elif lab and lab.field != "ignored":
                cols.append(Column("field:" + lab.field, t.col, t.span, t.text))
            elif (vocab.SCORE_POINTS.match(t.info.key) and any(c.role in VALUE_ROLES for c in cols)
                  and not any(c.header == vocab.SCORE_HEADER for c in cols)):
                cols.append(Column("extra", t.col, t.span, vocab.SCORE_HEADER))  # 年度指标值 | 实际完成指标值 | 50
        rows_before = 1
        if self.header_build is not None:
            # 一级指标 alone on its line (a cell spanning the header's rows), then the rest of the header
            # in one row: the lone one goes first
            cols = [*self.header_build, *cols]
            rows_before += len(self.header_build)
            self.header_build = None
        upper, self.upper_header = self.upper_header, None
        if upper is not None and self.row_index - upper.row <= rows_before:
            cols = _under_upper(cols, upper.columns)
        self.flush_stream()
        self.pending = []
        self.use_columns(tuple(cols))
        self.form.header_tokens = tuple(toks)

    def keep_upper_header(self: Parser, toks: list[Token], roles: list[str | None]) -> None:
        """绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 with no level column: the top row of a header
        over two rows, the block's label spanning the level columns of the row below. Kept for it."""
        if (toks[0].info.key in vocab.INDICATOR_BLOCK_LABELS and all(roles[1:])
                and any(r in VALUE_ROLES for r in roles[1:])):
            self.upper_header = UpperHeader(self.row_index, tuple(
                Column(r, t.col, t.span, t.text) for t, r in zip(toks[1:], roles[1:]) if r))

    def upper_header_goes_on(self: Parser, toks: list[Token], roles: list[str | None]) -> bool:
        """A header cell alone on the row right after the top row of a header over two rows: a cell of that
        row spanning both (分值 | / 得分 | on lines of their own after `绩效指标 | 年度指标值 | 实际完成值 |`, a
        page's text ending a line at each such cell; or 年度指标值 / 实际完成值 / 分值 one a line after 绩效指标).
        It goes on the top row. True when the row is such."""
        up = self.upper_header
        if (up is None or up.row != self.row_index - 1 or self.header_build is not None
                or roles[0] in (None, "level1", "level2", "name")):
            return False
        self.upper_header = UpperHeader(self.row_index, (*up.columns, Column(roles[0], toks[0].col, toks[0].span,
                                                                             toks[0].text)))
        return True

    def built_header(self: Parser) -> tuple[Column, ...]:
        """The columns of a header read one label (or one row) at a time, done: under the top row of a header
        over two rows that stood before it (绩效指标 / 年度指标值 / 实际完成值 / 分值 / 得分 over 一级指标 / … /
        度量单位), and a second header row read after the first's last column taking the places it stands
        under (符号 | 单位 under 预期指标值, 单项指标得分 | 权重占比 | 折算得分 under 自评得分)."""
        build = self.header_build or []
        self.header_build = None
        upper, self.build_upper = self.build_upper, None
        if upper is not None:
            build = _under_upper(build, upper.columns)
        return tuple(_second_header_row(build))

    def sub_header(self: Parser, toks: list[Token], roles: list[str | None]) -> bool:
        """A second header row right under the column header (年度指标值 over 指标性质 | 指标值 | 度量单位):
        its columns take the place of the one they stand under. True when the row is such."""
        f = self.form
        if (self.row_index != f.columns_row + 1 or self._stream_doc or len(toks) < 2
                or not all(r in _SUB_HEADER_ROLES or r == "extra" for r in roles)
                or not any(r in ("nature", "unit") for r in roles)):
            return False
        subs = [Column(r, t.col, t.span, t.text) for t, r in zip(toks, roles) if r]
        cols: list[Column] = []
        if all(t.col is not None for t in toks) and all(c.col is not None for c in f.columns):
            # in a text's grid (a spreadsheet or Markdown copy) a merged header is its label then empty cells:
            # it reaches to the next header's column
            starts = [c.col for c in f.columns]
            for i, c in enumerate(f.columns):
                end = c.col + max(c.span, 1)  # type: ignore[operator]
                if self.doc.format == "txt":
                    end = max(end, next((x for x in starts[i + 1:] if x is not None and x > c.col), end))  # type: ignore[operator]
                under = [s for s in subs if c.col <= s.col < end]  # type: ignore[operator]
                cols.extend((_value_subs(c, under) if c.role in VALUE_ROLES else under) if under else [c])
            placed = {id(c) for c in cols}
            # a sub-header cell under no header cell (the header's merge lost): in its place by column
            cols = sorted(cols + [s for s in subs if id(s) not in placed], key=lambda c: c.col or 0)
        else:  # no grid: they stand under the first value column
            k = next((k for k, c in enumerate(f.columns) if c.role in VALUE_ROLES), None)
            if k is None:
                return False
            cols = [*f.columns[:k], *_value_subs(f.columns[k], subs), *f.columns[k + 1:]]
            extras = [s for s in subs if s.role == "extra"]
            if extras and cols[-1].role == "extra":
                cols[-1:] = extras  # 自评得分 over 单项指标得分 | 权重占比 | 折算得分: the last column's parts
        self.use_columns(tuple(cols))
        return True

    def header_wrapped(self: Parser, toks: list[Token]) -> bool:
        """The column header's cells broken inside, their second halves on the next line (a page's text:
        `三级指标 年度 实际 分值` over `指标值 完成值`): each half joins, in order, the cell it completes from
        the first after the 三级指标 (年度 + 指标值, 实际 + 完成值). True when the row is such."""
        f = self.form
        head = f.header_tokens
        if self.row_index != f.columns_row + 1 or self._stream_doc or not head:
            return False
        start = next((k + 1 for k, t in enumerate(head) if t.info.role == "name"), None)
        stems = head[start:start + len(toks)] if start is not None else ()
        if len(stems) != len(toks) or all(s.info.role is not None for s in stems):
            return False  # no cell of the header read is a piece (年度 alone names no column)
        joined = [token(s.text + t.text, s.col, s.span, s.row_span) for s, t in zip(stems, toks)]
        if not all(j is not None and j.info.role in (*VALUE_ROLES, "extra") for j in joined):
            return False
        whole = [*head[:start], *(j for j in joined if j is not None), *head[start + len(toks):]]
        self.set_columns(whole, [t.info.role for t in whole])
        return True

    def header_goes_on(self: Parser, toks: list[Token], roles: list[str | None]) -> bool:
        """The column header's last cells on the next line (… | 指标值 | then 半年度 指标执行情况 | then
        完成目标可能性 | 备注 |: a web page's text breaks the row after a cell that spans rows): column
        headers only, no level, right under the header read. True when the row is such."""
        f = self.form
        if (self.row_index != f.columns_row + 1 or self._stream_doc or not all(roles)
                or any(r in LEVEL_ROLES or r == "name" for r in roles)
                or any(vocab.key(c.header) == t.info.key for c in f.columns for t in toks)):
            return False
        self.use_columns((*f.columns, *(Column(r, t.col, t.span, t.text) for t, r in zip(toks, roles) if r)))
        return True

    def extend_header(self: Parser, toks: list[Token], roles: list[str | None]) -> None:
        """More column headers for a header read one label a line: a row of them goes after the
        ones read, or, a second header row (指标性质 | 指标值 | 度量单位), takes the place of the first
        value column (年度指标值) it stands under."""
        build = self.header_build
        assert build is not None
        subs = [Column(r, t.col, t.span, t.text) for t, r in zip(toks, roles) if r]
        k = next((k for k, c in enumerate(build) if c.role in VALUE_ROLES), None)
        if k is not None and all(r in _SUB_HEADER_ROLES for r in roles) and any(r in ("nature", "unit") for r in roles):
            build[k:k + 1] = subs
        else:
            build.extend(subs)

    def use_columns(self: Parser, cols: tuple[Column, ...]) -> None:
        f = self.form
        self.pending = []  # a label still waiting when the table starts had an empty cell
        self.last_goal = None  # … and a goal's numbered lines end there (注：1.… 2.… under the table are no aims)
        if self.scope == "period":  # the 长期 block's 指标值 is the period's
            cols = tuple(Column("period", c.col, c.span, c.header) if c.role == "annual" else c for c in cols)
        names = [k for k, c in enumerate(cols) if c.role == "name"]
        if len(names) >= 2 and (not any(c.role in VALUE_ROLES for c in cols[names[0]:names[1]])
                                or not any(c.role in VALUE_ROLES for c in cols[names[1]:])):
            # 三级指标 | … | 指标内容 with no value between or after: the second is a description (extras)
            cols = tuple(Column("extra", c.col, c.span, c.header) if k in names[1:] else c for k, c in enumerate(cols))
            names = names[:1]
        f.side_by_side = len(names) >= 2
        if f.side_by_side:  # each half's 指标值: the left the period's, the right the year's
            half = names[1]
            cols = tuple(Column("period", c.col, c.span, c.header) if c.role in VALUE_ROLES and k < half
                         else Column("annual", c.col, c.span, c.header) if c.role in VALUE_ROLES
                         else c for k, c in enumerate(cols))
        f.columns = cols
        f.columns_row = self.row_index
        f.last_scores = ()
        f.values = value_columns(cols)
        f.values_have_period = any(c.role == "period" for c in f.values)
        f.name_col = next((c.col for c in cols if c.role == "name"), None)
        f.carry_cols = frozenset(k for c in cols if c.col is not None and (c.role == "extra" or c.role.startswith("field:"))
                                 for k in range(c.col, c.col + max(c.span, 1)))
        f.level2_col = next((c.col for c in cols if c.role == "level2"), None)
        first_name = next((k for k, c in enumerate(cols) if c.role == "name"), None)
        f.pre_name = tuple(c for c in cols[:first_name] if c.role not in LEVEL_ROLES
                           and not c.role.startswith("field:")) if first_name is not None else ()
        if f.side_by_side:
            first = names[1] - 1 if cols[names[1] - 1].role == "level2" else names[1]
            f.right_start = cols[first].col
            f.halves = Halves(value_columns(cols[:first]), value_columns(cols[first:]))
            f.values = f.halves.left + f.halves.right
        f.list_table = any(c.role == "field:project_name" for c in cols) and any(
            c.role in LEVEL_ROLES + ("name",) for c in cols)
        if cols:
            f.record.has_period_column = any(c.role == "period" for c in cols)
        f.scoring = _scoring_framework(cols)
        self.period_from_header(cols)
        self.mode = "scoring" if f.scoring else "indicators"

    def period_from_header(self: Parser, cols: tuple[Column, ...]) -> None:
        """实施期指标值（2025-2027年）: the period a value column's header names, read weakly (a
        实施周期 field, before or after, wins)."""
        for c in cols:
            m = vocab.YEAR_SPAN.search(vocab.key(c.header)) if c.role == "period" and c.header else None
            if m is None or int(m.group(1)) > int(m.group(2)):
                continue
            row = self.doc.rows[self.row_index]
            origin = Origin(row.page, row.table, row.row)
            self.set_field("period_start", int(m.group(1)), origin, weak=True)
            self.set_field("period_end", int(m.group(2)), origin, weak=True)
            return

    def prose_level_row(self: Parser, toks: list[Token], origin: Origin) -> bool:
        """A level's name and one cell of its targets in prose (年度绩效总目标 | 产出指标 | 开展巡查8次；
        编制资料3个；…): each item one indicator of that level. The rows of such a table that name no
        level are no indicators (资金拨付对象 | 某局 under it). True when the row is such."""
        k = next((k for k, t in enumerate(toks) if t.info.level1 or t.info.level2), None)
        if k is None or k != len(toks) - 2 or not vocab.PROSE_TARGET_SPLIT.search(toks[-1].text):
            return False
        lev = toks[k].info
        level1 = lev.level1 or vocab.LEVEL2_PARENT.get(lev.level2 or "", "")
        level2 = lev.level2 or vocab.LEVEL1_DEFAULT_LEVEL2.get(level1, "")
        if not level1 or prose_targets(toks[-1].text, None):
            return False  # (数量指标：…；质量指标：…: prose naming its own levels, read as a goal's prose is)
        found = level_prose_targets(toks[-1].text, level1, level2, origin)
        if not found:
            return False
        if self.mode != "indicators":
            self.use_columns(())
        self.form.prose_levels = True
        self.form.record.indicators.extend(found)
        return True

    def indicator_row(self: Parser, toks: list[Token], origin: Origin, flags: int | None = None) -> None:
        """One row inside an indicator table; `flags`: its cells' row_flags when the caller has them."""
        if (row_flags(toks) if flags is None else flags) & BLOCK:
            toks = [t for t in toks if not t.info.block and not self.block_scope(t)]
            if not toks:
                return
        if self.form.carry_cols or self.form.merged:  # (no column carried, no cell merged down: the row as it is)
            toks = self.with_merged_cells(toks)
        if len(toks) > 2 and (toks[1].info.level1 or toks[1].info.level2) and vocab.LEVEL_SCORE.match(toks[0].info.key):
            toks = toks[1:]  # (40-50)分 | 数量指标 | …: the score of the 一级 printed above, on its own line
        if self.form.list_table:
            toks = self.list_fields(toks, origin)
            if not toks:
                return
        if len(toks) == 1 and self.is_stream_doc():
            self.stream_token(toks[0], origin)
            return
        if len(toks) == 1 and self.row_goes_on(toks[0]):
            return
        f = self.form
        name_col, level2_col = f.name_col, f.level2_col
        rest: list[Token] = []
        took_level1 = took_level2 = False  # a row names one 二级 at most: a 三级 "服务对象满意度" after it is a name
        for i, t in enumerate(toks):
            beyond_levels = name_col is not None and t.col is not None and t.col >= name_col
            in_level2_col = level2_col is not None and t.col is not None and t.col == level2_col
            # after this row's 一级, a cell in the 二级 column or spelled as a 二级 (…指标) is the 二级
            plain_level2 = took_level1 and (in_level2_col or t.info.key.endswith("指标"))
            # (the two tests below only ask a cell that names a level: most cells of a row name none)
            if (not beyond_levels and not plain_level2 and i + 1 < len(toks) and t.info.level2 is not None
                    and self.is_name_not_level(t, toks[i + 1])):
                beyond_levels = True
            if not beyond_levels and not took_level2:
                taken = self.take_level(t, took_level1 or in_level2_col) if t.info.level1 or t.info.level2 else None
                if taken:
                    took_level1 = took_level1 or taken == "level1"
                    took_level2 = taken == "level2"
                    continue
            rest = toks[i:]
            break
        if took_level1 and not took_level2 and f.level1 == "成本指标" and f.level2 is None:
            # 成本指标 with no 二级 of its own: the 2021 tree's 一级 or the old tree's 二级 under
            # 产出指标, so the next 二级 names its own parent
            f.level2, f.level1_implied = "经济成本指标", True
        if not rest:
            return
        pre = self.pre_name_extras(rest) if self.form.pre_name else []
        self.add_indicator(rest[len(pre):], origin, pre_extras=pre)

    def with_merged_cells(self: Parser, toks: list[Token]) -> list[Token]:
        """A merged cell (row_span > 1) covers its rows: it stands in each row it covers, where
        the format gives grid columns (a 数量指标 over two rows, a 保障措施 over two indicators)."""
        merged = self.form.merged
        ri = self.row_index
        carry = self.form.carry_cols
        for t in toks:
            # only the cells of extra and project columns are carried: a merged level name stays in
            # effect until the next anyway, and a value or unit standing for several rows is rare
            # beside a span misread from an unruled page
            if t.row_span > 1 and t.col in carry:
                merged[t.col] = MergedCell(t, ri + t.row_span)
        if not merged:
            return toks
        carried = None
        for c, m in list(merged.items()):
            if ri >= m.until:
                del merged[c]
            elif all(x.col != c for x in toks):
                carried = [m.tok] if carried is None else [*carried, m.tok]
        if not carried or any(t.col is None for t in toks):
            return toks
        return sorted(toks + carried, key=_col)

    def pre_name_extras(self: Parser, rest: list[Token]) -> list[ColumnCell]:
        """Extra columns between the levels and the 三级指标 (一级 | 二级 | 分值 | 指标内容 | 指标值):
        their cells, by grid column, else counted off the row's surplus."""
        pre = self.form.pre_name
        if not pre or len(rest) < 2:
            return []
        if all(t.col is not None for t in rest) and all(c.col is not None for c in pre):
            out = []
            for t in rest:
                hit = next((c for c in pre if c.col <= t.col < c.col + max(c.span, 1)), None)  # type: ignore[operator]
                if hit is None:
                    break
                out.append(ColumnCell(hit, t))
            return out
        surplus = len(rest) - 1 - len(self.form.values)
        n = max(0, min(len(pre), surplus))
        if n == 0 and len(rest) >= 3 and cell_class(rest[0].text) == "num" and cell_class(rest[1].text) not in VALUE_CLASSES:
            n = 1  # 15 | 维护站点数量 | 80个: the score before the name, the trailing extras left empty
        return [ColumnCell(c, t) for c, t in zip(pre[:n], rest[:n])]

    def department_total(self: Parser, toks: list[Token]) -> bool:
        """820-某镇部门 | 8,827,620.53: a department's total over its units' projects, no project; kept as the
        department of the projects below. True when the cells are such."""
        if (len(toks) == 2 and not (toks[0].info.level1 or toks[0].info.level2 or toks[1].info.level1)
                and vocab.ORG_NAME_END.search(strip_code(toks[0].text)) and parse_amount(toks[1].text, None) is not None
                and cell_class(toks[1].text) == "num"):
            self.list_department = strip_code(toks[0].text)
            return True
        return False

    def list_fields(self: Parser, toks: list[Token], origin: Origin) -> list[Token]:
        """A table listing several projects: the cells under 单位 / 项目名称 / 预算数 / 年度目标
        columns fill the record; a new project name starts the next record."""
        f = self.form
        if self.department_total(toks):
            return []
        field_cols = [c for c in f.columns if c.role.startswith("field:")]
        if (len(toks) == 1 and toks[0].col is None and f.columns[0].role.startswith("field:") and not self.is_stream_doc()
                and not (toks[0].info.level1 or toks[0].info.level2)
                and vocab.ORG_NAME_END.search(strip_code(toks[0].text))):
            # no grid, a row holding one office's name alone (某县某某局 | | | …, its empty cells gone): the unit
            # of the projects below, as the grid's 单位名称、项目名称 column says where there is one
            self.list_unit = toks[0].text
            return []
        if all(t.col is not None for t in toks) and all(c.col is not None for c in f.columns):
            taken = [(c, t) for t in toks for c in field_cols if c.col <= t.col < c.col + max(c.span, 1)]
        elif len(toks) == len(f.columns):
            taken = [(c, t) for c, t in zip(f.columns, toks) if c.role.startswith("field:")]
        elif f.columns[0].role.startswith("field:") and (
                lead := next((k for k, t in enumerate(toks) if t.info.level1 or t.info.level2), 0)) and (
                lead <= len(field_cols)):
            # no grid: the cells before the row's first level name are the project's, the last of its columns
            taken = list(zip(field_cols[len(field_cols) - lead:], toks[:lead]))
        else:
            taken = []
        if not taken:
            return toks
        values = {c.role[6:]: (c, t) for c, t in taken}
        if len(toks) == 1 and "project_name" in values and not any(c.role == "field:implementing_unit" for c in f.columns):
            self.list_unit = toks[0].text  # a row holding only a unit's name: the unit of the projects below
            return []
        self.take_list_fields(taken, origin)
        used = {id(t) for _, t in taken}
        return [t for t in toks if id(t) not in used]

    def take_list_fields(self: Parser, taken: list[tuple[Column, Token]], origin: Origin) -> None:
        """A list's project cells (its 单位 / 项目名称 / 预算数 / 年度目标 columns) onto the record;
        a project name other than the record's starts the next record."""
        f = self.form
        values = {c.role[6:]: (c, t) for c, t in taken}
        name = values.get("project_name")
        if name and f.has_content() and vocab.key(name[1].text) != vocab.key(f.record.project_name or ""):
            self.new_form(keep_table=True)
            f = self.form
            f.level1 = f.level2 = None
        for fld, (c, t) in values.items():
            lab = vocab.header_field(c.header) or vocab.Label(fld)
            self.assign(vocab.Label(fld, lab.year, lab.unit), t, origin)
        for fld in NAMED_FIELDS[:2]:  # a unit's cell merged down over its projects: theirs too
            if fld in values:
                self.list_carry[fld] = getattr(f.record, fld)
            elif self.list_carry.get(fld) and not getattr(f.record, fld):
                self.set_field(fld, self.list_carry[fld], origin)
        if self.list_unit and not f.record.implementing_unit:
            self.set_field("implementing_unit", self.list_unit, origin)
        if self.list_department and not f.record.department:
            self.set_field("department", self.list_department, origin)

    def is_name_not_level(self: Parser, tok: Token, nxt: Token) -> bool:
        """A 二级 name already in effect, followed by a value, is the 三级: 满意度指标
        written once across the 一级 and 二级 columns, then 服务对象满意度 | ≥90%. Not before a cell that says
        "nothing" (经济成本指标 | 0 | 0.00% under a 成本指标 whose 二级 defaults to it): a 三级 left unfilled."""
        info = tok.info
        return (info.level2 is not None and info.level1 is None and info.level2 == self.form.level2
                and cell_class(indicator_name(nxt.text)) in VALUE_CLASSES
                and not vocab.NOTHING_CELL.match(nxt.info.key))

    def take_level(self: Parser, tok: Token, level2_place: bool = False) -> str | None:
        """Consume a 一级/二级 name: "level1", "level2", or None if the cell is something else.

        `level2_place`: the cell stands where a 二级 does (after a 一级 in its row, or in the
        二级 column): a 成本指标 there is the pre-2021 tree's 二级 under 产出指标."""
        f = self.form
        info = tok.info
        l1, l2 = info.level1, info.level2
        if l1 == "满意度指标" and f.level1 == "满意度指标" and info.key == "满意度":
            l1, l2 = None, "服务对象满意度指标"
        if l1 == "成本指标" and not l2 and level2_place and f.level1 != "成本指标":
            f.level1, f.level1_implied, f.level2 = "成本指标", True, "经济成本指标"
            return "level2"
        if l1 and not l2:
            f.level1, f.level1_implied = l1, False
            f.level1_until = self.row_index + tok.row_span if tok.row_span > 1 else None
            # 满意度指标 has one 二级, forms often merge the two cells; a 成本指标 with no 二级 of its
            # own is the old tree's 二级 under 产出指标 (经济成本指标) until a 二级 says otherwise
            f.level2 = vocab.LEVEL1_DEFAULT_LEVEL2.get(l1)
            return "level1"
        if l2:
            f.level2 = l2
            parent = vocab.LEVEL2_PARENT[l2]
            # a 二级 names its 一级 in the canonical tree, whatever the form put it under (成本指标 and
            # 满意度 under 产出指标 / 效益指标 in old templates)
            if f.level1 != parent:
                f.level1, f.level1_implied, f.level1_until = parent, True, None
            return "level2"
        return None

    def add_indicator(self: Parser, rest: list[Token], origin: Origin, right: list[Token] | None = None,
                      pre_extras: list[ColumnCell] | None = None) -> None:
        """One indicator from its cells after the levels: the 三级指标 and the values. In a
        side-by-side table `right` is the right half's cells (its 三级 and 年度 values)."""
        f = self.form
        if f.side_by_side and right is None:
            rest, right = self.split_halves(rest)
        right = right or []
        if not rest and right:  # the left (中长期) half left empty: the name is the right half's
            rest = right[:1]
        if not rest:
            return
        name_tok, values = rest[0], rest[1:]
        if f.side_by_side:
            if right and (len(right) > 1 or cell_class(right[0].text) not in VALUE_CLASSES):
                right = right[1:]  # the right half's own 三级, repeating the left's
            placed = self.place(values, f.halves.left)
            placed_right = self.place(right, f.halves.right)
            placed.annual = placed_right.annual or placed_right.period
            placed.extras.update(placed_right.extras)
            cols = f.values
        else:
            cols = f.values or value_columns(())
            placed = (self.scores_only(values) if self.form.last_scores else None) or self.place(values, cols)
            if placed.extras and (scores := tuple((h, t) for h, t in placed.extras.items()
                                                  if vocab.key(h) in vocab.SCORE_COLUMN_HEADERS)):
                f.last_scores = scores  # (a row left empty, 指标2： / ……, keeps the ones before)
        period, annual = placed.period, placed.annual
        name = indicator_name(name_tok.text)
        if (not name and not (period or annual)) or vocab.ELLIPSIS.match(name_tok.info.key):
            return  # "指标1：" left unfilled, "……" for more rows
        if not (period or annual or placed.extras) and vocab.TEMPLATE_NOTE.search(name_tok.info.key):
            return  # (此处可增行): the template's note, no indicator
        if not _WORDED.search(name) or (not (period or annual or placed.extras) and _GLUED_TARGET.search(name)):
            # 数量指标 | 88100 (a preview's figures, no 三级 named) or 100% | 10 | 10 (a row's actual and
            # scores, its name and target cut off): no word, no indicator; nor a row run together that no
            # one could part (案件办理数定量≥120件反映…): a name holds no target
            return
        if vocab.NOTHING_CELL.match(name_tok.info.key) and all(
                v is None or vocab.NOTHING_CELL.match(vocab.key(v)) for v in (period, annual)):
            return  # 经济成本指标 | 0 | 0.00%: the line left unfilled with zeros
        k = name_tok.info.key
        if ((period or annual) and not placed.extras and (period is None or vocab.key(period) == k)
                and (annual is None or vocab.key(annual) == k)):
            return  # 预算执行率 | 预算执行率: one label over the row's merged cells, copied into each
        if self._stream_doc and f.record.indicators and f.record.indicators[-1].name == name and self.echoes_last(cols):
            return  # 建设监测子站 / 11个 / 建设监测子站 / 0: the name written again in the actual's cell, no row
        for cell in pre_extras or ():
            placed.extras[cell.column.header or cell.column.role] = cell.tok.text
        if self.scope == "annual" and self.merge_annual(name, annual, placed.extras):
            return
        ind = Indicator(
            level1=f.level1 or "",
            level2=f.level2 or "",
            name=name,
            period_value=period,
            annual_value=annual,
            period_target=parse_target(period),
            annual_target=parse_target(annual),
            origin=origin,
            has_period_column=f.values_have_period if cols is f.values else any(c.role == "period" for c in cols),
            extras=placed.extras,
        )
        k = len(f.record.indicators)
        if has_finding(rest):
            for fld, tok in ((f"indicators[{k}].name", name_tok), *((f"indicators[{k}].value", v) for v in values)):
                self.note_text(fld, tok)
        f.record.indicators.append(ind)
        f.last_indicator_row = self.row_index

    def row_goes_on(self: Parser, tok: Token) -> bool:
        """A qualitative row's cells below it, one a line (a budget system's list as a page's text: `… 采购计划完成
        时间 定性` / `11月底之前` / `5`, its target and points broken off the row): the line right under a row that
        says 定性 and has no value is its value, and a bare number right under that its points."""
        f = self.form
        if f.last_indicator_row != self.row_index - 1 or not f.record.indicators:
            return False
        last, info = f.record.indicators[-1], tok.info
        if info.level1 or info.level2 or info.label or info.inline_label:
            return False
        if last.annual_value is None and last.period_value is None:
            if not any(vocab.key(v) in vocab.QUALITATIVE_NATURES for v in last.extras.values()):
                return False
            last.annual_value, last.annual_target = tok.text, parse_target(tok.text)
        elif (points := next((c.header for c in f.values if c.role == "extra" and c.header
                              and vocab.key(c.header) in vocab.POINTS_HEADERS), None)) and (
                points not in last.extras and vocab.SCORE_POINTS_VALUE.match(info.key)
                and any(vocab.key(v) in vocab.QUALITATIVE_NATURES for v in last.extras.values())):
            last.extras[points] = tok.text
        else:
            return False
        f.last_indicator_row = self.row_index
        return True

    def echoes_last(self: Parser, cols: tuple[Column, ...]) -> bool:
        """One cell a line, a 自评表 (a column of the value reached): a row named as the row before it (the caller
        compares the names), under the same levels, is that row's actual cell holding its name again (a cell's
        two lines, the name and 0)."""
        f = self.form
        last = f.record.indicators[-1]
        return (last.level1 == (f.level1 or "") and last.level2 == (f.level2 or "")
                and any(c.role == "extra" and _ACTUAL_HEADER.search(c.header) for c in cols))

    def merge_annual(self: Parser, name: str, annual: str | None, extras: dict[str, str]) -> bool:
        """The year's block after a 长期 block: its value is the year's of the same indicator."""
        f = self.form
        k = vocab.key(name)
        for ind in f.record.indicators:
            if ind.annual_value is None and ind.period_value is not None and vocab.key(ind.name) == k and (
                    not f.level2 or ind.level2 == f.level2):
                ind.annual_value, ind.annual_target = annual, parse_target(annual)
                ind.extras.update(extras)
                return True
        return False

    def scores_only(self: Parser, values: list[Token]) -> Placed | None:
        """A 自评表 row that left its target and actual empty, only its scores filled (工程质量合格 | 10 | 10
        under 年度指标值 | 实际完成值 | 分值 | 得分, the empty cells gone in copied text): its cells are the
        score cells of the row above, cell for cell. None for any other row."""
        prev = self.form.last_scores
        if not prev or len(values) != len(prev) or any(v.text != t for v, (_h, t) in zip(values, prev)):
            return None
        return Placed(extras={h: v.text for (h, _t), v in zip(prev, values)})

    @staticmethod
    def place(values: list[Token], cols: tuple[Column, ...]) -> Placed:
        placed: Placed | None = None
        if values and values[0].col is not None and all(v.col is not None for v in values):
            placed = place_by_column([v.text for v in values], [v.col for v in values], cols)
        return placed if placed is not None else place_by_content([v.text for v in values], cols)

    def split_halves(self: Parser, rest: list[Token]) -> tuple[list[Token], list[Token]]:
        """Side-by-side halves: (left cells, right cells) of a row after its levels, the right
        half's own 二级 dropped: by grid column, else at the right half's 二级 name."""
        f = self.form
        start = f.right_start
        if start is not None and all(t.col is not None for t in rest):
            left = [t for t in rest if t.col < start]  # type: ignore[operator]
            right = [t for t in rest if t.col >= start]  # type: ignore[operator]
        else:
            # a first cell spelled like a level name but followed by a value is the left half's
            # 三级 (服务对象满意度 | ≥90% | 服务对象满意度指标 | 服务对象满意度 | ≥90%)
            named = len(rest) > 1 and cell_class(indicator_name(rest[1].text)) in VALUE_CLASSES
            k = next((k for k, t in enumerate(rest) if (t.info.level2 or t.info.level1) and (k or not named)), None)
            if k is not None:
                left, right = rest[:k], rest[k:]
            elif len(rest) == 4 and cell_class(rest[2].text) not in VALUE_CLASSES:  # name | v1 | name' | v2
                left, right = rest[:2], rest[2:]
            else:
                left, right = rest, []
        while right and (right[0].info.level2 or right[0].info.level1) and not (
                len(right) == 2 and cell_class(right[1].text) in VALUE_CLASSES and not left):
            right = right[1:]
        return left, right


def _under_upper(lower: list[Column], upper: tuple[Column, ...]) -> list[Column]:
    """A column header over two rows, its top row (年度指标值 | 实际完成值 | 分值 | 得分) after the block's
    label: the bottom row's columns (一级指标 … 指标性质 | 指标值 | 度量单位), then the top row's columns
    that no cell below stands under. Where the bottom row names a value's parts, the top row's value
    column is theirs; a bottom row that repeats the top's cells (a merge read into each row) is whole."""
    keys = {vocab.key(c.header) for c in lower}
    if any(vocab.key(c.header) in keys for c in upper):
        return lower
    if all(c.col is not None for c in (*lower, *upper)):
        under = [u for u in upper if not any(
            u.col <= c.col < u.col + max(u.span, 1) for c in lower)]  # type: ignore[operator]
        return sorted([*lower, *under], key=lambda c: c.col or 0)
    parts = any(c.role in _SUB_HEADER_ROLES for c in lower)
    k = next((k for k, c in enumerate(upper) if c.role in VALUE_ROLES), 0)
    return [*lower, *upper[k + 1 if parts else k:]]


def _second_header_row(cols: list[Column]) -> list[Column]:
    """A header one label a line whose second row came after the first row's last column (预期指标值 | 单项指标实际完成值 |
    单项指标完成情况 | 自评得分, then 符号 | 单位 | 单项指标得分 | 权重占比 | 折算得分): the second row's parts of a value
    (符号, 单位) take the place of the first value column, its extra columns that of the first row's last column,
    as `sub_header` places a second row read as one. Unchanged where no such row follows."""
    k = next((k for k, c in enumerate(cols) if c.role in VALUE_ROLES), None)
    if k is None:
        return cols
    j = next((j for j in range(k + 1, len(cols)) if cols[j].role in ("nature", "unit")), None)
    if (j is None or all(c.role in _SUB_HEADER_ROLES for c in cols[k + 1:j])
            or not all(c.role in _SUB_HEADER_ROLES or c.role == "extra" for c in cols[j:])):
        return cols
    second = cols[j:]
    parts = _value_subs(cols[k], [c for c in second if c.role != "extra"])
    if not any(c.role in VALUE_ROLES for c in parts):
        return cols
    out = [*cols[:k], *parts, *cols[k + 1:j]]
    extras = [c for c in second if c.role == "extra"]
    if extras and out[-1].role == "extra":
        out[-1:] = extras
    return out


def _value_subs(over: Column, subs: list[Column]) -> list[Column]:
    """The parts of a value column a second header row names (符号 | 单位 under 预期指标值). A target
    split as 符号 | 值 | 单位 often leaves the number's own part without a label: where the parts give
    an operator and a unit and no value, the value stands between them, under the column's header."""
    parts = [s for s in subs if s.role != "extra"]
    if any(s.role in VALUE_ROLES for s in parts):
        return parts
    roles = [s.role for s in parts]
    if "nature" in roles and "unit" in roles and roles.index("nature") < roles.index("unit"):
        k = roles.index("unit")
        op, unit = parts[roles.index("nature")], parts[k]
        col, span = None, 1
        if op.col is not None and unit.col is not None and unit.col > op.col + max(op.span, 1):
            col = op.col + max(op.span, 1)  # the grid column between them, its header cell left empty
            span = unit.col - col
        return [*parts[:k], Column(over.role, col, span, over.header), *parts[k:]]
    return parts


def _scoring_framework(cols: tuple[Column, ...]) -> bool:
    """一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分: points for each level and no target column, a
    绩效评价 scoring framework (项目决策 / 项目管理 / 项目绩效 with their points), whose rows are no targets."""
    return not any(c.role in VALUE_ROLES for c in cols) and any(
        a.role in LEVEL_ROLES and vocab.key(b.header) in vocab.POINTS_HEADERS for a, b in pairwise(cols))
_WORDED = re.compile(r"[\u4e00-\u9fffA-Za-z]")
# the header of a 自评表's column of the value reached (全年完成值, 实际完成值, 全年实际值)
_ACTUAL_HEADER = re.compile(r"完成值|实际值|实际完成")
_GLUED_TARGET = re.compile(r"[\u4e00-\u9fff)）]\s*(?:[≥≤]|[<>]=?)\s*\d")


def _col(t: Token) -> int:
    return t.col or 0
