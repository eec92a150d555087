"""What the parser keeps between rows: the form being read and the cells waiting for
their row to complete it. Named records, no bare tuples."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import vocab
from ..models import Origin, Record
from .cells import Token
from .columns import Column


@dataclass(slots=True)
class Pending:
    """A header label waiting for its value."""

    label: vocab.Label
    origin: Origin
    row: int  # the document row it stands in
    group: bool = False  # a group label (总体目标) over the labels beside or under it
    key: str = ""  # the label's text (vocab.key)

    @property
    def field(self) -> str:
        return self.label.field


@dataclass(slots=True)
class LabelCell:
    """One cell of a row of labels: its label (None for a cell that is no label) and the cell."""

    label: vocab.Label | None
    tok: Token


@dataclass(slots=True)
class LabelRow:
    """A row of labels (项目名称 | 主管部门, 年度预算数 | 年初预算 | 执行数 ...): the row below
    holds their values, column by column."""

    row: int
    cells: list[LabelCell]


@dataclass(slots=True)
class MergedCell:
    """A cell merged down over rows (row_span > 1) that stands in each row it covers."""

    tok: Token
    until: int  # the first document row it no longer covers


@dataclass(slots=True, frozen=True)
class LoneLevel:
    """A level's name standing alone on its row (产出指标): its prose targets may follow on the next line."""

    row: int  # the document row it stands in
    tok: Token


@dataclass(slots=True)
class ColumnCell:
    """A row's cell read under a declared column (an extra column before the 三级指标)."""

    column: Column
    tok: Token


@dataclass(slots=True, frozen=True)
class UpperHeader:
    """The top row of a column header over two rows whose first cell, the indicator block's label
    (绩效指标), spans the level columns of the row below: its other cells (年度指标值 | 实际完成值 | 分值 |
    得分), those spanning both rows standing only here when a copy drops merged cells."""

    row: int  # the document row it stands in
    columns: tuple[Column, ...]


@dataclass(slots=True, frozen=True)
class Halves:
    """A side-by-side table's value columns: the left half's (中长期) and the right half's (年度)."""

    left: tuple[Column, ...] = ()
    right: tuple[Column, ...] = ()


@dataclass(slots=True)
class ProseNotice:
    """A 公示 page's prose: its target lines (one per level's line, wrapped lines joined) and the
    rest of its text (money, overall goal, year)."""

    targets: list[str] = field(default_factory=list)
    text: str = ""
    closed: bool = False  # the signature or the date came: no more target lines
    origin: Origin | None = None  # where the notice's title stands
    section: str | None = None  # a numbered heading naming a field (五、实施期限): its value is the next line
    section_person: bool = False  # ... the heading names a person too (实施单位及责任人): the value ends with one


@dataclass
class FormState:
    record: Record = field(default_factory=Record)
    money_unit: str | None = None  # 万元 from a 单位：万元 note or a 项目资金(万元) section label
    money_unit_noted: bool = False  # ... from a note (above this form's table or another's): a label's unit wins
    period_budget: float | None = None  # from a label for the whole period (中期预算, 总投资)
    weak_fields: set[str] = field(default_factory=set)  # fields read from a loose label (预算单位)
    department_form: bool = False  # a 部门（单位）名称 / 部门职责 label: a unit's 整体 form
    scoring: bool = False  # its table was a 绩效评价 scoring framework (points by level, no targets)
    budget_provisional: bool = False  # read from a breakdown row of a money table, before its 合计
    budget_bare: bool = False  # the budget was read with no unit stated anywhere in its block
    budget_label_year: int | None = None
    goal_year: int | None = None
    title_year: int | None = None
    section_year: int | None = None  # the year of the title over projects stacked in one table
    columns_row: int = -1  # the row the indicator table's column header was read from
    last_scores: tuple[tuple[str, str], ...] = ()  # the last indicator's score cells (分值 / 得分: header, text)
    last_indicator_row: int = -1  # the row (the parser's count) the last indicator was read from, or went on in
    prose_fields: set[str] = field(default_factory=set)  # fields read from an article's numbered items
    paragraph_fields: set[str] = field(default_factory=set)  # fields read from paragraphs outside any table
    prose_levels: bool = False  # its targets stood as prose in each level's cell (产出指标 | 巡查8次；…)
    prose_notice: ProseNotice | None = None  # a 公示 page's prose, when the form is one (no table)
    last_table: int | None = None  # the table its last row stood in
    kind: str = vocab.DEFAULT_FORM_KIND
    titles: set[str] = field(default_factory=set)  # the comparison keys of the titles read for this form
    first_title: str | None = None  # the key of the first of them (a project named only there)
    name_label: bool = False  # a 项目名称 label stood in the form (left empty or not)
    kind_from_heading: bool = False  # the kind read from a heading line, not from a 表 title
    columns: tuple[Column, ...] = ()
    header_tokens: tuple[Token, ...] = ()  # the cells of the row the column header was read from, as written
    values: tuple[Column, ...] = ()  # the value columns (after the 三级指标)
    pre_name: tuple[Column, ...] = ()  # extra columns between the levels and the 三级指标 (分值)
    values_have_period: bool = True
    name_col: int | None = None  # the grid column of the 三级指标 header
    carry_cols: frozenset[int] = frozenset()  # grid columns whose merged cells stand in every row they cover
    level2_col: int | None = None  # ... of the 二级指标 header
    side_by_side: bool = False  # 中长期 | 年度 halves, each with its own 二级/三级/指标值
    right_start: int | None = None  # the grid column where the right half starts
    halves: Halves = Halves()  # each half's value columns
    list_table: bool = False  # several projects in one table, a record per project
    tree: bool = False  # a tree export (项目 | 指标值 | 绩效金额): the nodes above the first level are unit / project
    tree_nodes: list[str] = field(default_factory=list)
    level1: str | None = None
    level1_implied: bool = True  # read from a 二级's parent, not from a 一级 label
    level1_until: int | None = None  # the row where a merged 一级 label's span ends
    level2: str | None = None
    merged: dict[int, MergedCell] = field(default_factory=dict)  # grid column -> the merged cell standing there
    stream: list[Token] = field(default_factory=list)  # one-cell-per-line indicator tokens
    stream_origins: list[Origin] = field(default_factory=list)

    def has_content(self) -> bool:
        r = self.record
        # a 公示 page's target lines are its content before its project is named (from its paragraph, at the end)
        return bool(r.project_name or r.indicators or (self.prose_notice is not None and any(self.prose_notice.targets)))
