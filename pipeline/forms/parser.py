"""RawDocument rows -> records: the state machine that walks a document's rows.

Cells are placed by what they say, never by position alone (`cells`): header labels
(项目名称, 实施单位, 2026年预算金额(元) ...) name the field of the value after them,
the known 一级/二级 names are recognised wherever they stand (merged cells vanish
in copied text, so a row may start at column 0, 1 or 2), and an indicator row's
remaining cells are its 三级指标 and its values, mapped onto the columns its header
row declared (`columns`). Grid columns (`Cell.col`, from docx and ruled pdf) only
break ties; a merged level label covers the rows of its `row_span`.

Forms are found by content: a 项目绩效目标表 title, or a 项目名称 row once the current
form has its name or indicators; a （续） title or a repeated column header goes on
with the same form; a table that lists several projects gives one record per project.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from .. import vocab
from ..document import RawDocument, Row
from ..errors import NotAForm
from ..models import Finding, Indicator, Origin, Record
from ..targets import parse_target
from .cells import (
    BLOCK,
    FINDING,
    INLINE,
    INLINE_LABEL,
    MONEY_HINT,
    MONEY_TOTAL,
    ROLE,
    SOFT,
    VALUE_CLASSES,
    Token,
    cell_class,
    indicator_name,
    info_of,
    row_flags,
    split_inline,
)
from .columns import (
    LEVEL_ROLES,
    VALUE_ROLES,
    Column,
    Placed,
    place_by_column,
    place_by_content,
    segment_rows,
    value_columns,
)
from .values import parse_amount, period_years, strip_code, ticked, years_in

_GOALS = ("goal_overall", "goal_annual")
_BUDGET = vocab.Label("budget_amount")
# rows looked at after a repeated title for the 项目名称 of a new form
_NAME_LOOKAHEAD = 8


# a text with at most this share of rows holding two cells or more is one cell per line (the rest: web chrome)
_STREAM_MULTI = 0.1
_NAMED_FIELDS = ("department", "implementing_unit", "project_type", "project_level")


@dataclass(slots=True)
class Pending:
    """A header label waiting for its value."""

    label: vocab.Label
    origin: Origin
    row: int  # the document row it stands in
    group: bool = False  # a group label (总体目标) over the labels beside or under it

    @property
    def field(self) -> str:
        return self.label.field


@dataclass(slots=True)
class LabelRow:
    """A row of labels (项目名称 | 主管部门, 年度预算数 | 年初预算 | 执行数 ...): the row below
    holds their values, column by column."""

    row: int
    cells: list[tuple[vocab.Label | None, Token]]


@dataclass
class FormState:
    record: Record = field(default_factory=Record)
    money_unit: str | None = None  # 万元 from a 单位：万元 note or a 项目资金(万元) section label
    period_budget: float | None = None  # from a label for the whole period (中期预算, 总投资)
    weak_fields: set[str] = field(default_factory=set)  # fields read from a loose label (预算单位)
    department_form: bool = False  # a 部门（单位）名称 / 部门职责 label: a unit's 整体 form
    budget_provisional: bool = False
    budget_bare: bool = False  # the budget was read with no unit stated anywhere in its block  # read from a breakdown row of a money table, before its 合计
    budget_label_year: int | None = None
    goal_year: int | None = None
    title_year: int | None = None
    last_table: int | None = None  # the table its last row stood in
    kind: str = vocab.DEFAULT_FORM_KIND
    titles: set[str] = field(default_factory=set)  # the comparison keys of the titles read for this form
    kind_from_heading: bool = False  # the kind read from a heading line, not from a 表 title
    columns: tuple[Column, ...] = ()
    values: tuple[Column, ...] = ()  # the value columns (after the 三级指标)
    pre_name: tuple[Column, ...] = ()  # extra columns between the levels and the 三级指标 (分值)
    values_have_period: bool = True
    name_col: int | None = None  # the grid column of the 三级指标 header
    carry_cols: frozenset[int] = frozenset()  # grid columns whose merged cells stand in every row they cover
    level2_col: int | None = None  # ... of the 二级指标 header
    side_by_side: bool = False  # 中长期 | 年度 halves, each with its own 二级/三级/指标值
    right_start: int | None = None  # the grid column where the right half starts
    halves: tuple[tuple[Column, ...], tuple[Column, ...]] = ((), ())  # each half's value columns
    list_table: bool = False  # several projects in one table, a record per project
    level1: str | None = None
    level1_implied: bool = True  # read from a 二级's parent, not from a 一级 label
    level1_until: int | None = None  # the row where a merged 一级 label's span ends
    level2: str | None = None
    merged: dict[int, tuple[Token, int]] = field(default_factory=dict)  # grid column -> merged cell, row it ends
    stream: list[Token] = field(default_factory=list)  # one-cell-per-line indicator tokens
    stream_origins: list[Origin] = field(default_factory=list)

    def has_content(self) -> bool:
        r = self.record
        return bool(r.project_name or r.indicators)


class Parser:
    def __init__(self, doc: RawDocument):
        self.doc = doc
        self.forms: list[FormState] = []
        self.form = FormState()
        self.mode = "header"
        self.pending: list[Pending] = []
        self.row_index = 0
        self.header_build: list[Column] | None = None  # column header over several rows
        self._stream_doc: bool | None = None
        self.next_money_unit: str | None = None
        self.continuing = False  # a （续） title: the next 项目名称 row may repeat the form's name
        self.label_row: LabelRow | None = None  # a row of labels whose values stand in the row below
        self.wan_amounts: set[float] = set()  # amounts written in 万元 in the text around the forms
        self.list_carry: dict[str, str | None] = {}  # a list table's unit and department, for the next project
        self.list_unit: str | None = None  # a list table's unit row, for the projects below it
        self.last_goal: str | None = None  # the goal field the last value went to
        self.skip_row: int | None = None  # a row already read with the one before it
        self.scope: str | None = None  # the block of indicators read now: "period" (长期绩效指标) or "annual"
        self.refused: str | None = None  # why a form found is not a project form

    # ------------------------------------------------------------------ driver

    def run(self) -> list[Record]:
        self.is_stream_doc()
        for i, row in enumerate(self.doc.rows):
            self.row_index = i
            self.feed(row)
        self.close_form()
        if not self.forms and self.refused:
            raise NotAForm(f"not a project form: {self.refused}", self.refused)
        return [self.finish(f) for f in self.forms]

    def new_form(self, keep_table: bool = False, same_section: bool = False) -> None:
        """Start the next form. `same_section`: it follows in the same table with no title of its
        own (projects stacked in one table): it shares the title's kind and money unit (not its
        year: a form's budget year is its own, or none)."""
        old = self.form
        self.close_form()
        self.form = FormState(money_unit=self.next_money_unit)
        if same_section:
            self.form.kind, self.form.titles = old.kind, set(old.titles)
            self.form.money_unit = self.form.money_unit or old.money_unit
        self.next_money_unit = None
        self.pending = []
        self.header_build = None
        self.continuing = False
        self.scope = None
        if keep_table:
            f = self.form
            f.kind, f.columns, f.values, f.list_table = old.kind, old.columns, old.values, old.list_table
            f.money_unit, f.merged = old.money_unit, old.merged
            f.pre_name, f.values_have_period = old.pre_name, old.values_have_period
            f.name_col, f.level2_col, f.carry_cols = old.name_col, old.level2_col, old.carry_cols
            f.side_by_side, f.right_start, f.halves = old.side_by_side, old.right_start, old.halves
            f.title_year, f.record.has_period_column = old.title_year, old.record.has_period_column
        else:
            self.mode = "header"

    def close_form(self) -> None:
        self.flush_stream()
        if not self.form.has_content():
            return
        reason = vocab.REFUSED_KINDS.get(self.form.kind)
        if reason and self.form.kind_from_heading and self.form.record.project_name:
            reason, self.form.kind = None, vocab.DEFAULT_FORM_KIND  # a heading above a project's own form
        if self.form.department_form and not self.form.record.project_name:
            reason = vocab.REFUSED_KINDS["部门整体绩效目标表"]
        if reason:
            self.refused = reason
            return
        self.forms.append(self.form)

    # ------------------------------------------------------------------ one row

    @staticmethod
    def tokens(row: Row) -> list[Token]:
        cells = row.cells
        if cells and cells[0].col is None and cells[0].row_span == 1 and cells[-1].span == 1:
            # copied text (no grid, no spans): one token per distinct text, shared (never changed)
            return [t for c in cells if (t := _plain_token(c.text)) is not None]
        return [Token(info.text, c.col, c.span, info.markup, info, c.row_span) for c in cells
                if not c.covered and (info := info_of(c.text)) is not None]

    def feed(self, row: Row) -> None:
        toks = self.tokens(row)
        if not toks:
            return
        if toks[0].info.chrome and all(t.info.chrome for t in toks):
            return  # 索引号, 打印, 第1页 共2页 around a form copied from a web page
        origin = Origin(row.page, row.table, row.row)
        i0 = toks[0].info
        n = len(toks)
        prev_table = self.form.last_table
        if row.table is not None:
            self.form.last_table = row.table
        if n <= 2 and i0.title and (n == 1 or toks[1].info.year_line or toks[1].info.continued):
            self.title(toks)
            return
        if n == 1 and (i0.continued or i0.heading_kind or i0.year_line):
            if i0.continued:
                self.continuing = True  # （续表）
                return
            if i0.heading_kind and not self.form.has_content():
                self.form.kind = i0.heading_kind  # 某市2018年度部门整体支出 / 绩效评价自评报告: a unit's form
                self.form.kind_from_heading = True
                return
            if i0.year_line and not self.pending:
                years = years_in(i0.key)  # "（2025年度）" under the title
                if years:
                    self.form.title_year = years[0]
                return
        flags = row_flags(toks)
        if flags & MONEY_HINT:
            toks = self.money_unit_note(toks)
            if not toks:
                return
        if len(toks) == 1 and self.block_scope(toks[0]):
            return
        if n == 1 and "万元" in i0.key and self.mode != "indicators":
            self.wan_amounts.update(float(x) for x in vocab.WAN_AMOUNT.findall(i0.key))
        if row.table is None and self.doc.format != "txt":
            return  # paragraphs between tables carry no fields

        roles = [t.info.role for t in toks] if flags & ROLE else [None] * len(toks)
        if flags & ROLE and self.is_column_header(toks, roles):
            self.set_columns(toks, roles)
            return
        if self.skip_row == self.row_index:
            return  # the second half of a column header broken over two lines
        if (len(toks) == 1 and not roles[0] and self.mode != "indicators" and self.header_build is not None
                and (joined := self.header_broken_over_lines(toks[0]))):
            roles[0], toks[0] = joined.role, Token(joined.header, None, 1, False, toks[0].info)
        if len(toks) == 1 and roles[0] and self.mode != "indicators" and self.header_build is not None:
            self.header_build.append(Column(roles[0], toks[0].col, toks[0].span, toks[0].text))
            return
        if len(toks) == 1 and (roles[0] == "level1" or (roles[0] == "level2" and self._stream_doc)) and (
                self.mode == "header" or self._stream_doc):
            self.flush_stream()  # one cell per line: a column header again (the year's block after the long one)
            self.mode = "header"
            # one cell per line: the column header comes one label a line
            self.header_build = [Column(roles[0], toks[0].col, toks[0].span, toks[0].text)]
            return
        if self.header_build is not None:
            cols = tuple(self.header_build)
            self.header_build = None
            self.use_columns(cols)

        # indicator rows with no column header before them: assume 实施周期指标值 | 年度指标值
        if self.mode == "header" and not self.pending and (i0.level1 or (
                len(toks) > 1 and i0.key in vocab.INDICATOR_BLOCK_LABELS and toks[1].info.level1)):
            self.use_columns(())
        # a header label starts a new form when the current one already has its name
        label = i0.label or i0.inline_label
        if label and i0.key in vocab.INDICATOR_BLOCK_LABELS and len(toks) > 1 and (
                toks[1].info.level1 or toks[1].info.level2 or toks[1].info.role):
            label = None  # 绩效目标 | 产出指标 …: the block's label, not the goal's
        if label and label.soft and self.mode == "indicators":
            label = None  # 项目按时完成情况: a 三级指标 that reads like a label
        if (label and label.field == "project_name" and self.form.has_content() and not self.form.list_table
                and not self.repeats_name(toks)):
            # in the same table as the form before (projects stacked, no title between): one section
            self.new_form(same_section=row.table == prev_table)
        if self.mode == "indicators":
            if not i0.level1 and not i0.level2 and (
                    (label and label.field != "ignored") or self.is_note(toks, label)):
                self.flush_stream()  # a header label, or a note under the table (填表人：李明), ends it
                self.mode = "header"
            elif i0.total_row:
                if self.is_stream_doc():  # 总分 / 100 / 95: the table ends
                    self.flush_stream()
                    self.mode = "header"
                return  # 总分 | 100 | 95 under a 自评表
            else:
                self.indicator_row(toks, origin)
                return
        self.header_row(toks, origin)

    def header_broken_over_lines(self, tok: Token) -> Column | None:
        """One cell per line: 年度 / 指标值 is the column 年度指标值 broken over two lines."""
        rows = self.doc.rows
        nxt = rows[self.row_index + 1].cells if self.row_index + 1 < len(rows) else []
        if len(nxt) != 1:
            return None
        text = tok.info.key + vocab.key(nxt[0].text)
        role = vocab.column_role(text)
        if role is None:
            return None
        self.skip_row = self.row_index + 1
        return Column(role, None, 1, text)

    def title(self, toks: list[Token]) -> None:
        """A form's title: a new form unless it says （续）, or stands at the head of a page (the
        form's own title again, or any title inside the indicator table) with no 项目名称 of its
        own after it; what kind of form it is; its year."""
        info = toks[0].info
        if info.continued or (len(toks) > 1 and toks[1].info.continued):
            self.continuing = True
            return
        if (self.form.has_content() and (info.key in self.form.titles or self.mode == "indicators")
                and not self.name_follows()):
            self.continuing = True
            return
        if self.form.has_content():
            self.new_form()
        self.form.titles.add(info.key)
        self.form.kind = next((kind for pat, kind in vocab.FORM_KINDS if pat.search(info.key)), vocab.DEFAULT_FORM_KIND)
        years = years_in(" ".join(t.info.key for t in toks))
        if years:
            self.form.title_year = years[0]

    def name_follows(self) -> bool:
        """Whether a 项目名称 label comes in the rows right after this one (before any table)."""
        for row in self.doc.rows[self.row_index + 1:self.row_index + 1 + _NAME_LOOKAHEAD]:
            for c in row.cells:
                info = info_of(c.text)
                if info is None:
                    continue
                lab = info.label or info.inline_label
                if lab is not None and lab.field == "project_name":
                    return True
                if info.role or info.level1 or info.level2:
                    return False
        return False

    def is_column_header(self, toks: list[Token], roles: list[str | None]) -> bool:
        """一级指标 | 二级指标 | 三级指标 | 指标值 ...: two column headers or more, one of them a level or name."""
        return (roles.count(None) <= len(roles) - 2
                and ("level1" in roles or "level2" in roles or "name" in roles))

    def is_note(self, toks: list[Token], label: vocab.Label | None) -> bool:
        """"填表人：李明", "联系电话", "注：…": a line under the table, not an indicator."""
        info = toks[0].info
        if (label is not None and label.field == "ignored" and not label.soft) or (
                ":" in info.key and vocab.NOTE_LINE.match(info.key) is not None):
            return not vocab.TOTAL_ROW.match(info.key)
        return any(vocab.SIGN_OFF.match(t.info.key) for t in toks)

    def repeats_name(self, toks: list[Token]) -> bool:
        """A second table (绩效指标表) that repeats the 项目名称 of the form above, before any
        indicator, or after a （续） title, continues that form."""
        r = self.form.record
        if not r.project_name or ((r.indicators or self.form.stream) and not self.continuing):
            return False
        t = toks[0]
        if len(toks) > 1:
            value = toks[1].info.key
        elif t.info.inline_label:
            m = INLINE.match(t.text)
            value = vocab.key(m.group(2)) if m else ""
        else:  # one cell per line: the value is the next line
            rows = self.doc.rows
            nxt = rows[self.row_index + 1].cells if self.row_index + 1 < len(rows) else []
            value = vocab.key(nxt[0].text) if nxt else ""
        return value == vocab.key(r.project_name)

    def money_unit_note(self, toks: list[Token]) -> list[Token]:
        """"单位：万元" above a table: amounts whose label names no unit are in it. The note's
        cells are taken out of the row."""
        out = []
        for t in toks:
            k = t.info.key
            if "(万元)" in k and self.mode == "header" and self.form.money_unit is None and not t.info.role:
                self.form.money_unit = "万元"  # 项目资金申请（万元）: 万元 stated anywhere in the money block
            m = (vocab.MONEY_UNIT_NOTE.match(k) or vocab.MONEY_UNIT_ANYWHERE.search(k)) if "单位:" in k else None
            if m:
                f = self.form
                if (f.record.indicators or f.stream or self.mode == "indicators") and not f.list_table:
                    self.next_money_unit = m.group("unit")  # the note of the next form
                else:
                    self.form.money_unit = m.group("unit")
                rest = k[:m.start()] if m.start() > 0 and not vocab.MONEY_UNIT_NOTE.match(k) else ""
                if rest.strip("()（）") and (rt := _retoken(rest, t)):
                    out.append(rt)
                continue
            out.append(t)
        return out

    # ------------------------------------------------------------------ header fields

    def header_row(self, toks: list[Token], origin: Origin) -> None:
        flags = row_flags(toks)
        if flags & INLINE_LABEL:
            toks = split_inline(toks)
            flags = row_flags(toks)
        if toks[0].info.label_tail and self.pending and self.pending[-1].row == self.row_index - 1:
            toks = toks[1:]  # 主管部门 / 及编码: a label broken over two lines
        if not toks:
            return
        labels = [t.info.label for t in toks]
        if len(toks) > 1 and flags & MONEY_TOTAL:
            for i in range(1, len(toks)):  # 项目资金（万元） | 合计 | 96: the total of the money block is the budget
                if (toks[i].info.money_total and labels[i] and labels[i].field == "ignored"  # type: ignore[union-attr]
                        and labels[i - 1] and ("资金" in toks[i - 1].info.key or "预算" in toks[i - 1].info.key)):
                    labels[i] = _BUDGET
        written = labels
        if flags & SOFT:
            written = list(labels)
            # "某某项目经费" right after 项目名称 is its value, not a money label (but in a row of labels,
            # 年度预算数 | 年初预算 | 调整后预算数, it is a label)
            label_row = sum(1 for lab in labels if lab) >= 4
            for i, lab in enumerate(written):
                if lab and lab.soft and ((i and labels[i - 1] and not labels[i - 1].soft
                                          and labels[i - 1].field not in ("ignored", *_GOALS) and not (
                        label_row and i + 1 < len(labels) and labels[i + 1])) or (
                        i == 0 and self.pending and self.pending[-1].row == self.row_index - 1)):
                    labels[i] = None
        lr, self.label_row = self.label_row, None
        if lr is not None and self.values_below(lr, toks, labels, origin):
            return
        n_toks = len(toks)
        n_labels = n_toks - labels.count(None)
        if n_toks >= 2 and n_labels >= 2:
            # a row of labels, not of label | value pairs: no field label has a plain cell after it
            n_written = n_toks - written.count(None)
            if n_labels == n_toks or (n_written >= 3 and n_written * 2 >= n_toks and not any(
                    lab and not lab.soft and lab.field != "ignored" and nxt is None
                    for lab, nxt in pairwise(written))):
                self.label_row = LabelRow(self.row_index, list(zip(labels, toks)))
        if n_labels and self.pending:
            new_fields = [lab.field for lab in labels if lab]
            # goal labels side by side (实施周期总目标 | 年度目标, texts in the next row) arrive on separate
            # lines only in one-cell-per-line text; in a table, a goal label left without its text on an
            # earlier row had an empty cell, and must not take the next goal's text
            keep = (self._stream_doc and any(p.field in _GOALS for p in self.pending)
                    and all(p.field in _GOALS or p.field == "ignored" for p in self.pending)
                    and all(f in _GOALS or f == "ignored" for f in new_fields))
            if not keep:
                self.pending = [p for p in self.pending if p.row == self.row_index]
        if not n_labels and len(self.pending) > 1 and self.pending[0].group and self.pending[1].field in _GOALS and (
                self.pending[0].row == self.pending[1].row and n_toks < sum(p.field in _GOALS for p in self.pending)):
            self.pending.pop(0)  # 总体目标 over 年度目标 with one text under them: the group's label has none
        for i, (tok, lab) in enumerate(zip(toks, labels)):
            if lab:
                self.note_label(lab)
                if lab.field in ("period", "goal_overall"):
                    self.period_text(tok.text, origin, False)  # "实施周期(2022-2024年)", "中期目标（2019年--2021年）"
                # a section label directly followed by a label has no value of its own (项目资金(万元) | 年度资金总额)
                while self.pending and self.pending[-1].field == "ignored":
                    self.pending.pop()
                # 项目类型 | (empty) | 项目等级 | 二级项目: a label followed by a label and then a value in
                # the same row had an empty cell (goal labels side by side take their texts from the next row)
                # (总体目标 | 年度目标 | text: 总体目标 is the section's label)
                if (i and labels[i - 1] and i + 1 < len(toks) and not labels[i + 1] and self.pending
                        and self.pending[-1].row == self.row_index):
                    self.pending.pop()
                # a second label for the same field replaces the first (总体绩效目标 -> 实施周期总目标)
                if self.pending:
                    fld = lab.field
                    other = "period" if fld in ("period_start", "period_end") else fld
                    self.pending = [p for p in self.pending
                                    if (p.field != fld and p.field != other) or p.field == "ignored"]
                self.pending.append(Pending(lab, origin, self.row_index, tok.info.key in vocab.GROUP_GOAL_LABELS))
                continue
            if not self.pending:
                if self.last_goal:
                    self.goal_goes_on(tok)
                continue
            p = self.pending.pop(0)
            self.assign(p.label, tok, origin)
            self.last_goal = p.field if p.field in _GOALS else None

    def values_below(self, lr: LabelRow, toks: list[Token], labels: list[vocab.Label | None],
                     origin: Origin) -> bool:
        """The row under a row of labels: each value under its label, by grid column, else
        counted from the right (a label merged down the rows, 预算执行情况, stands left of
        the row labels). False when the row cannot be read so."""
        if lr.row != self.row_index - 1 or self._stream_doc or any(labels[1:]) or (
                labels[0] and labels[0].field not in ("ignored", "budget_amount")):
            return False
        pairs: list[tuple[vocab.Label | None, Token]] = []
        if all(t.col is not None for t in toks) and all(t.col is not None for _, t in lr.cells):
            for k, t in enumerate(toks):
                hit = [lab for lab, lt in lr.cells if lt.col <= t.col < lt.col + max(lt.span, 1)]  # type: ignore[operator]
                if not hit and k:
                    return False
                pairs.append((hit[0] if hit else None, t))  # the row's own label may stand under no label
        elif len(lr.cells) >= len(toks) and (len(lr.cells) == len(toks) or len(toks) >= 3):
            pairs = list(zip([lab for lab, _ in lr.cells[len(lr.cells) - len(toks):]], toks))
        else:
            return False
        if sum(1 for lab, _ in pairs if lab and lab.field != "ignored") == 0:
            return False
        self.pending = []
        f = self.form
        total = toks[0].info.money_total or bool(labels[0] and labels[0].field == "budget_amount")
        for lab, t in pairs:
            if lab is None or t.info.label:
                continue
            if lab.field == "budget_amount" and lab.scope != "period":
                # a money table: a 合计 row gives the budget, a row of its breakdown only until then
                if (total and f.budget_provisional) or f.record.budget_amount == 0:
                    f.record.budget_amount = None  # a 0 total is no budget: its breakdown below tells it
                had = f.record.budget_amount is not None
                self.assign(lab, t, origin)
                if not had and f.record.budget_amount is not None:
                    f.budget_provisional = not total
                continue
            self.assign(lab, t, origin)
        self.label_row = LabelRow(self.row_index, lr.cells)  # the rows below read the same way
        return True

    def goal_goes_on(self, tok: Token) -> bool:
        """One cell per line: a goal written as numbered aims goes on over the lines below
        (目标1：… / 目标2：…)."""
        fld = self.last_goal
        r = self.form.record
        if not fld or not self.is_stream_doc() or not vocab.GOAL_ITEM.match(tok.info.key) or not getattr(r, fld):
            return False
        setattr(r, fld, getattr(r, fld) + tok.text)
        return True

    def note_label(self, lab: vocab.Label) -> None:
        f = self.form
        if lab.unit and (lab.field in ("ignored", "budget_amount")) and f.money_unit is None:
            f.money_unit = lab.unit  # 万元 stated anywhere in the money block
        if lab.field == "budget_amount" and lab.year:
            f.budget_label_year = lab.year
        if lab.field == "goal_annual" and lab.year:
            f.goal_year = lab.year

    def set_field(self, fld: str, value: object, origin: Origin, tok: Token | None = None, weak: bool = False) -> None:
        r = self.form.record
        if getattr(r, fld) not in (None, "") and (weak or fld not in self.form.weak_fields):
            return
        if weak:
            self.form.weak_fields.add(fld)
        else:
            self.form.weak_fields.discard(fld)
        setattr(r, fld, value)
        r.provenance[fld] = origin
        if tok is not None:
            self.note_text(fld, tok)

    def note_text(self, fld: str, tok: Token) -> None:
        if tok.markup:
            self.form.record.findings.append(Finding("markup", fld, tok.text[:40]))
        if tok.info.garbled:
            self.form.record.findings.append(Finding("garbled", fld, tok.info.garbled))

    def assign(self, lab: vocab.Label, tok: Token, origin: Origin) -> None:
        fld, text = lab.field, tok.text
        if fld == "ignored" or tok.info.chrome:
            return
        if fld == "department_form":
            self.form.department_form = True  # 部门（单位）名称, 部门职责: a unit's 整体 form
            return
        if fld in ("period_start", "period_end"):
            years = years_in(text)
            if years:
                self.set_field(fld, years[0], origin)
            return
        if fld == "period":
            self.period_text(text, origin)
            return
        if fld == "budget_amount":
            amount = parse_amount(text, lab.unit or self.form.money_unit)
            if not (lab.unit or self.form.money_unit or "元" in tok.info.key or "万" in tok.info.key):
                self.form.budget_bare = True  # no unit stated: the text around may say it
            if amount is not None and lab.scope == "period":
                if self.form.period_budget is None:
                    self.form.period_budget = amount
            elif amount is not None:
                self.set_field(fld, amount, origin)
            return
        if fld in _GOALS and (tok.info.role or tok.info.level1 or tok.info.label):
            return
        if fld in _NAMED_FIELDS:
            text = strip_code(ticked(text))
        self.set_field(fld, text, origin, tok, lab.weak)

    def period_text(self, text: str, origin: Origin, fld_is_value: bool = True) -> None:
        years = period_years(text, fld_is_value)
        if years:
            self.set_field("period_start", years[0], origin)
            self.set_field("period_end", years[1], origin)

    # ------------------------------------------------------------------ indicator table

    def block_scope(self, tok: Token) -> bool:
        """长期绩效指标 / 年度绩效指标 before (or beside) a block's column header: the scope of
        the block's 指标值 column. True when the cell is such a label."""
        if tok.info.scope is None:
            return False
        if self.form.stream and tok.info.scope != self.scope:
            self.flush_stream()  # the block before is read under its own scope
        self.scope = tok.info.scope
        return True

    def set_columns(self, toks: list[Token], roles: list[str | None]) -> None:
        for t in toks:
            if t.info.role is None and self.block_scope(t):
                break
        cols: list[Column] = []
        seen_level = False
        for t, r in zip(toks, roles):
            lab = t.info.label
            if r in LEVEL_ROLES or r == "name":
                seen_level = True
            if r == "unit" and not seen_level and t.info.key in vocab.LIST_UNIT_HEADERS:
                cols.append(Column("field:implementing_unit", t.col, t.span, t.text))
            elif r:
                cols.append(Column(r, t.col, t.span, t.text))
            elif lab and lab.field != "ignored":
                cols.append(Column("field:" + lab.field, t.col, t.span, t.text))
        self.flush_stream()
        self.pending = []
        self.use_columns(tuple(cols))

    def use_columns(self, cols: tuple[Column, ...]) -> None:
        f = self.form
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
            f.halves = (value_columns(cols[:first]), value_columns(cols[first:]))
            f.values = f.halves[0] + f.halves[1]
        f.list_table = any(c.role == "field:project_name" for c in cols) and any(
            c.role in LEVEL_ROLES + ("name",) for c in cols)
        if cols:
            f.record.has_period_column = any(c.role == "period" for c in cols)
        self.mode = "indicators"

    def indicator_row(self, toks: list[Token], origin: Origin) -> None:
        if row_flags(toks) & BLOCK:
            toks = [t for t in toks if not t.info.block and not self.block_scope(t)]
            if not toks:
                return
        toks = self.with_merged_cells(toks)
        if self.form.list_table:
            toks = self.list_fields(toks, origin)
            if not toks:
                return
        if len(toks) == 1 and self.is_stream_doc():
            self.stream_token(toks[0], origin)
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
            if (not beyond_levels and not plain_level2 and i + 1 < len(toks)
                    and self.is_name_not_level(t, toks[i + 1])):
                beyond_levels = True
            if not beyond_levels and not took_level2:
                taken = self.take_level(t, took_level1 or in_level2_col)
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
        pre = self.pre_name_extras(rest)
        self.add_indicator(rest[len(pre):], origin, pre_extras=pre)

    def with_merged_cells(self, toks: list[Token]) -> list[Token]:
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
                merged[t.col] = (t, ri + t.row_span)
        if not merged:
            return toks
        carried = None
        for c, (t, until) in list(merged.items()):
            if ri >= until:
                del merged[c]
            elif all(x.col != c for x in toks):
                carried = [t] if carried is None else [*carried, t]
        if not carried or any(t.col is None for t in toks):
            return toks
        return sorted(toks + carried, key=_col)

    def pre_name_extras(self, rest: list[Token]) -> list[tuple[Column, Token]]:
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
                out.append((hit, t))
            return out
        surplus = len(rest) - 1 - len(self.form.values)
        n = max(0, min(len(pre), surplus))
        if n == 0 and len(rest) >= 3 and cell_class(rest[0].text) == "num" and cell_class(rest[1].text) not in VALUE_CLASSES:
            n = 1  # 15 | 维护站点数量 | 80个: the score before the name, the trailing extras left empty
        return list(zip(pre[:n], rest[:n]))

    def list_fields(self, toks: list[Token], origin: Origin) -> list[Token]:
        """A table listing several projects: the cells under 单位 / 项目名称 / 预算数 / 年度目标
        columns fill the record; a new project name starts the next record."""
        f = self.form
        field_cols = [c for c in f.columns if c.role.startswith("field:")]
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
        name = values.get("project_name")
        if name and f.has_content() and vocab.key(name[1].text) != vocab.key(f.record.project_name or ""):
            self.new_form(keep_table=True)
            f = self.form
            f.level1 = f.level2 = None
        for fld, (c, t) in values.items():
            lab = vocab.header_field(c.header) or vocab.Label(fld)
            self.assign(vocab.Label(fld, lab.year, lab.unit), t, origin)
        for fld in _NAMED_FIELDS[:2]:  # a unit's cell merged down over its projects: theirs too
            if fld in values:
                self.list_carry[fld] = getattr(f.record, fld)
            elif self.list_carry.get(fld) and not getattr(f.record, fld):
                self.set_field(fld, self.list_carry[fld], origin)
        if self.list_unit and not f.record.implementing_unit:
            self.set_field("implementing_unit", self.list_unit, origin)
        used = {id(t) for _, t in taken}
        return [t for t in toks if id(t) not in used]

    def is_name_not_level(self, tok: Token, nxt: Token) -> bool:
        """A 二级 name already in effect, followed by a value, is the 三级: 满意度指标
        written once across the 一级 and 二级 columns, then 服务对象满意度 | ≥90%."""
        info = tok.info
        return (info.level2 is not None and info.level1 is None and info.level2 == self.form.level2
                and cell_class(indicator_name(nxt.text)) in VALUE_CLASSES)

    def is_stream_doc(self) -> bool:
        """One cell per line: rows carry no grouping, so indicator cells are grouped by count."""
        if self._stream_doc is None:
            rows = self.doc.rows[:200]
            self._stream_doc = self.doc.format == "txt" and sum(len(r.cells) > 1 for r in rows) <= len(rows) * _STREAM_MULTI

        return self._stream_doc

    def take_level(self, tok: Token, level2_place: bool = False) -> str | None:
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

    def add_indicator(self, rest: list[Token], origin: Origin, right: list[Token] | None = None,
                      pre_extras: list[tuple[Column, Token]] | None = None) -> None:
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
            placed = self.place(values, f.halves[0])
            placed_right = self.place(right, f.halves[1])
            placed.annual = placed_right.annual or placed_right.period
            placed.extras.update(placed_right.extras)
            cols = f.values
        else:
            cols = f.values or value_columns(())
            placed = self.place(values, cols)
        period, annual = placed.period, placed.annual
        name = indicator_name(name_tok.text)
        if (not name and not (period or annual)) or vocab.ELLIPSIS.match(name_tok.info.key):
            return  # "指标1：" left unfilled, "……" for more rows
        for c, t in pre_extras or ():
            placed.extras[c.header or c.role] = t.text
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
        if row_flags(rest) & FINDING or any(t.markup for t in rest):
            for fld, tok in ((f"indicators[{k}].name", name_tok), *((f"indicators[{k}].value", v) for v in values)):
                self.note_text(fld, tok)
        f.record.indicators.append(ind)

    def merge_annual(self, name: str, annual: str | None, extras: dict[str, str]) -> bool:
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

    @staticmethod
    def place(values: list[Token], cols: tuple[Column, ...]) -> Placed:
        placed: Placed | None = None
        if values and values[0].col is not None and all(v.col is not None for v in values):
            placed = place_by_column([v.text for v in values], [v.col for v in values], cols)
        return placed if placed is not None else place_by_content([v.text for v in values], cols)

    def split_halves(self, rest: list[Token]) -> tuple[list[Token], list[Token]]:
        """Side-by-side halves: (left cells, right cells) of a row after its levels, the right
        half's own 二级 dropped: by grid column, else at the right half's 二级 name."""
        f = self.form
        start = f.right_start
        if start is not None and all(t.col is not None for t in rest):
            left = [t for t in rest if t.col < start]  # type: ignore[operator]
            right = [t for t in rest if t.col >= start]  # type: ignore[operator]
        else:
            k = next((k for k, t in enumerate(rest) if t.info.level2 or t.info.level1), None)
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

    # one cell per line: the indicator block is collected, then split into rows by content
    def stream_token(self, tok: Token, origin: Origin) -> None:
        stream = self.form.stream
        if tok.info.key == "指标" and stream and (
                vocab.level1_of(stream[-1].text + "指标") or vocab.level2_of(stream[-1].text + "指标")):
            joined = info_of(stream[-1].text + "指标")  # 经济效益 / 指标: a level name broken over two lines
            if joined is not None:
                stream[-1] = Token(joined.text, None, 1, stream[-1].markup, joined)
            return
        if vocab.ELLIPSIS.match(tok.info.key) or not indicator_name(tok.text):
            return  # "……", "指标2：" left unfilled
        self.form.stream.append(tok)
        self.form.stream_origins.append(origin)

    def stream_is_level(self, tok: Token, after_level2: str | None, nxt: Token | None) -> bool:
        """Whether a cell of the block is a 一级/二级 name rather than a 三级 or a value.

        Right after a 二级 comes its first 三级, even one that reads like a level
        (服务对象满意度 under 服务对象满意度指标), unless it is a sibling 二级 (the group
        before was empty) or another 一级."""
        info = tok.info
        if not (info.level1 or info.level2):
            return False
        if after_level2 is None:
            return nxt is None or not self.is_name_not_level(tok, nxt)
        l2 = info.level2
        if l2 and l2 != after_level2:
            return True  # a sibling 二级 (the group before was empty), or one of another 一级
        if info.level1 and not l2:
            return info.level1 != vocab.LEVEL2_PARENT[after_level2] or info.key in vocab.LEVEL1
        return False

    def flush_stream(self) -> None:
        f = self.form
        if not f.stream:
            return
        toks, origins = f.stream, f.stream_origins
        f.stream, f.stream_origins = [], []
        if f.side_by_side:
            self.flush_side_by_side(toks, origins)
            return
        roles = tuple(c.role for c in (f.values or value_columns(())))
        run: list[int] = []
        after_level2: str | None = None
        for k, tok in enumerate(toks):
            if self.stream_is_level(tok, after_level2, toks[k + 1] if k + 1 < len(toks) else None):
                self.emit_run(run, toks, origins, roles)
                run = []
                self.take_level(tok)
                after_level2 = self.form.level2 if tok.info.level2 else None
                continue
            after_level2 = None
            run.append(k)
        self.emit_run(run, toks, origins, roles)

    def flush_side_by_side(self, toks: list[Token], origins: list[Origin]) -> None:
        """One cell per line, side-by-side halves: 产出指标 | 数量指标 | name | 12所 | 数量指标 | name |
        4所 ... The 二级 repeated after a run opens the right half of the same row; any other
        level name ends the row."""
        left: list[Token] | None = None
        run: list[Token] = []
        start: Origin | None = None

        def emit() -> None:
            if left is not None:
                self.add_indicator(left, start or origins[0], run)
            elif run:
                self.add_indicator(run, start or origins[0], [])

        after_level1 = False
        for tok, origin in zip(toks, origins):
            info = tok.info
            if info.level1 or info.level2:
                l2 = info.level2 or vocab.LEVEL1_DEFAULT_LEVEL2.get(info.level1 or "")
                if left is None and l2 and l2 == self.form.level2 and not after_level1 and (run or start):
                    left, run = run, []  # the right half (its left half may be empty: 时效指标 | 时效指标)
                    continue
                emit()
                left, run, start = None, [], origin
                after_level1 = self.take_level(tok, after_level1) == "level1"
                continue
            after_level1 = False
            if start is None:
                start = origin
            run.append(tok)
        emit()

    def emit_run(self, run: list[int], toks: list[Token], origins: list[Origin], roles: tuple[str, ...]) -> None:
        if not run:
            return
        cells = [toks[k] for k in run]
        starts = segment_rows(tuple(cell_class(t.text) for t in cells), roles)
        for a, b in zip(starts, (*starts[1:], len(cells))):
            self.add_indicator(cells[a:b], origins[run[a]])

    # ------------------------------------------------------------------ record

    def finish(self, f: FormState) -> Record:
        r = f.record
        if f.budget_bare and r.budget_amount is not None and r.budget_amount in self.wan_amounts:
            r.budget_amount = round(r.budget_amount * 10000, 2)  # "现将…资金300万元下达" above a bare 300
        if r.budget_amount is None and f.period_budget is not None:
            r.budget_amount = f.period_budget
        r.budget_year = f.budget_label_year or f.goal_year or f.title_year
        if r.budget_year is None and r.period_start and r.period_start == r.period_end:
            r.budget_year = r.period_start
        r.form_kind = f.kind
        return r


@lru_cache(maxsize=65536)
def _plain_token(text: str) -> Token | None:
    info = info_of(text)
    return None if info is None else Token(info.text, None, 1, info.markup, info, 1)


def _col(t: Token) -> int:
    return t.col or 0


def _retoken(text: str, like: Token) -> Token | None:
    info = info_of(text)
    return None if info is None else Token(info.text, like.col, like.span, like.markup, info, like.row_span)
