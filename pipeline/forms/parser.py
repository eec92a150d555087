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

Paragraphs outside any table (docx, pdf) carry no fields unless they are the form's header
written as lines (项目名称：…, 年度绩效目标：…; `HeaderReader.paragraph_field`): read weakly, so a
table's own label replaces them, and dropped when a table's or a later line's 项目名称 shows them
to be a notice's text above the form.
"""

from __future__ import annotations

from .. import vocab
from ..document import RawDocument, Row
from ..errors import NotAForm
from ..memo import memo
from ..models import Origin, Record
from .boundaries import FormBoundaries
from .cells import BLOCK, MONEY_HINT, MONITOR, ROLE, SPECIAL, WAN, Token, info_of, row_flags, token
from .columns import VALUE_ROLES, Column
from .goals import GOALS, GoalReader
from .header import HeaderReader, label_lines, spaced_cells
from .indicators import IndicatorReader
from .lines import LineReader
from .notice import prose_notice_row
from .state import FormState, LabelRow, LoneLevel, Pending, UpperHeader
from .tree import tree_head, tree_node
from .values import years_in

_PERIOD_FIELDS = ("period", "period_start", "period_end")
# a title row holds the title and at most its year line and a label with a colon (项目责任人：)
_TITLE_ROW_MOST = 3


class Parser(FormBoundaries, HeaderReader, GoalReader, IndicatorReader, LineReader):
    """The state machine over a document's rows; each concern's methods live in its module
    (boundaries, header, goals, indicators, lines; a tree export's nodes in tree)."""

    def __init__(self, doc: RawDocument):
        self.doc = doc
        self.forms: list[FormState] = []
        self.form = FormState()
        self.mode = "header"
        self.pending: list[Pending] = []
        self.row_index = 0
        self.header_build: list[Column] | None = None  # column header over several rows
        self.upper_header: UpperHeader | None = None  # 绩效指标 | 年度指标值 | 实际完成值 over the level columns
        self.build_upper: UpperHeader | None = None  # ... over a header read one label a line
        self._stream_doc: bool | None = None
        self.next_money_unit: str | None = None
        self.next_unit_line = False  # the next form's coded unit name stood with that note (`100201某法院 | 单位:万元`)
        self.continuing = False  # a （续） title: the next 项目名称 row may repeat the form's name
        self.label_row: LabelRow | None = None  # a row of labels whose values stand in the row below
        self.wan_amounts: set[float] = set()  # amounts written in 万元 in the text around the forms
        self.notice_year: int | None = None  # the year a notice's heading names (关于下达2021年…的通知)
        self.list_carry: dict[str, str | None] = {}  # a list table's unit and department, for the next project
        self.list_unit: str | None = None  # a list table's unit row, for the projects below it
        self.list_department: str | None = None  # a list table's department total row (820-某部门 | 总额)
        self.last_goal: str | None = None  # the goal field the last value went to
        self.last_goal_row = -1  # ... and the row it stood in
        self.goal_beside_reached = False  # ... beside a column of the goal reached (预期目标 | 目标实际完成情况)
        self.goal_lines = 0  # numbered lines read after it (one cell per line)
        self.goal_aim: tuple[str, int] | None = None  # the goal's last numbered aim (目标2：… -> ("目标", 2))
        self.goal_aims_first = False  # the goal's aims all came before the goal reached's, not row by row
        self.skip_row: int | None = None  # a row already read with the one before it
        self.money_section_row: int | None = None  # the row of the last money block's label (项目资金)
        self.scope: str | None = None  # the block of indicators read now: "period" (长期绩效指标) or "annual"
        self.refused: str | None = None  # why a form found is not a project form
        self.page_mark = False  # the last row read was page furniture (第1页 共2页)
        self.after_page_mark = False  # ... the row before this one
        self.paragraph_label = -1  # the row of the last paragraph that was a bare label (项目名称：), its value below
        self.in_paragraph = False  # the row read now is a paragraph taken as the form's header line
        self.lone_level: LoneLevel | None = None  # the row before held a level's name alone

    def run(self) -> list[Record]:
        self.is_stream_doc()
        for i, row in enumerate(self.doc.rows):
            self.row_index = i
            self.feed(row)
        self.close_form()
        if not self.forms and self.refused:
            raise NotAForm(f"not a project form: {self.refused}", self.refused)
        # a "form" that gave a name and nothing else (no unit, money, period, goal or target) is no form: a
        # list's column header read as 项目名称's value (项目名称 | 债券性质 | 自评分数 …, a page of scores)
        records = [r for r in (self.finish(f) for f in self.forms) if _has_substance(r)]
        if len(records) > 1:
            # beside real forms, a "form" with neither indicators, goals nor money is a table of the
            # page read as one (a 资金安排表 listing 序号 | 项目名称 | 金额 before the 绩效目标表)
            records = [r for r in records if r.indicators or r.goal_overall or r.goal_annual
                       or r.budget_amount is not None] or records
        return records

    @staticmethod
    def tokens(row: Row) -> list[Token]:
        cells = row.cells
        if len(cells) == 1 and "\n" in cells[0].text and (lines := label_lines(cells[0].text)):
            # 主管部门：某局 / 实施单位：某中心: header lines an unruled PDF read as one wrapped cell
            c = cells[0]
            return [t for line in lines if (t := token(line, c.col, c.span, c.row_span)) is not None]
        if len(cells) == 1 and row.table is None and (parts := spaced_cells(cells[0].text)):
            # 项目名称    某某项目: a header line written as a paragraph, its value spaced off its label
            return [t for part in parts if (t := _plain_token(part)) is not None]
        if cells and cells[0].col is None and cells[0].row_span == 1 and cells[-1].span == 1:
            # copied text (no grid, no spans): one token per distinct text, shared (never changed)
            return [t for c in cells if (t := _plain_token(c.text)) is not None]
        return [t for c in cells if not c.covered and (t := _grid_token(c.text, c.col, c.span, c.row_span)) is not None]

    def name_awaited(self) -> bool:
        """项目名称 alone on the row before, its value still to come: the next lone cell is that value,
        even one that reads as a title (某某经费支出绩效自评表, the name a clerk gave the project)."""
        p = self.pending[-1] if self.pending else None
        return p is not None and p.field == "project_name" and p.row == self.row_index - 1 and not self.form.record.project_name

    def plain_header_row(self, toks: list[Token], row: Row) -> bool:
        """Whether a row in header mode, none of its cells a column header, a money note, a block's label, an
        amount in 万元 or a 监控表's choice (the caller's flag test), goes straight to header_row: what each of
        feed's tests between its indicator rows and header_row asks of such a row is absent. Every test added
        there must be absent here too (or listed here)."""
        i0 = toks[0].info
        if (self.header_build is not None or self.skip_row == self.row_index or self.form.prose_notice is not None
                or self.form.tree or i0.title or i0.level1 or (row.table is None and self.doc.format != "txt")):
            return False  # a header coming one label a line, a title, a level's row, a paragraph …
        k = i0.key
        if k in vocab.INDICATOR_BLOCK_LABELS or k == vocab.TREE_PROJECT_HEADER or "公示" in i0.text:
            return False
        if len(toks) == 1 and (i0.continued or i0.heading_kind or i0.year_line or "关于" in k or k[:1] in _ITEM_HEADS):
            return False  # （续表）, a heading, a year line, a notice's heading, an article's numbered item
        if len(toks) == 2 and "公示" in toks[1].text:
            return False
        label = i0.label or i0.inline_label
        return label is None or label.field != "project_name"  # (项目名称 may start the next form)

    def feed(self, row: Row) -> None:
        toks = self.tokens(row)
        if not toks:
            return
        i0 = toks[0].info
        n = len(toks)
        flags = row_flags(toks)
        if i0.chrome and all(t.info.chrome for t in toks):
            self.page_mark = True
            return  # 索引号, 打印, 第1页 共2页 around a form copied from a web page
        self.after_page_mark, self.page_mark = self.page_mark, False
        if (n >= 2 and (toks[-2].info.level1 or toks[-2].info.level2) and not self.form.list_table
                and self.prose_level_row(toks, Origin(row.page, row.table, row.row))):  # (its level stands second to last)
            return  # 产出指标 | 开展巡查8次；验收合格率≥86%: a level's targets as prose in its cell
        lone, self.lone_level = self.lone_level, LoneLevel(self.row_index, toks[0]) if n == 1 and (i0.level1 or i0.level2) else None
        if (n == 1 and lone is not None and lone.row == self.row_index - 1 and not self.form.list_table
                and self.prose_level_row([lone.tok, toks[0]], Origin(row.page, row.table, row.row))):
            if self.form.stream and self.form.stream[-1] is lone.tok:
                self.form.stream.pop()  # one cell a line: the level went to the block's cells before its prose came
                self.form.stream_origins.pop()
            return  # 产出指标 / 开展巡查8次；…: the level's prose on the line after it
        if self.form.prose_levels and self.mode == "indicators" and not (i0.level1 or i0.level2):
            self.mode = "header"  # 资金拨付对象 | 某局 after the levels' prose: no indicator
        if (self.mode == "indicators" and not flags & SPECIAL and self.header_build is None
                and self.skip_row != self.row_index and self.form.prose_notice is None
                and (row.table is not None or self.doc.format == "txt")
                and (i0.level1 or i0.level2 or not self.is_note(toks, None))):
            # a plain row inside the indicator table (most rows of a form): none of the tests below
            # applies to it but the last, an indicator row (a note under the table goes the long way)
            if row.table is not None:
                self.form.last_table = row.table
            self.indicator_row(toks, Origin(row.page, row.table, row.row), flags)
            return
        if n > 1 and i0.flags & MONITOR and all(t.info.flags & MONITOR for t in toks):
            return  # 确定能 | 有可能 | 完全不可能: the choices of a 监控表's column, not a row
        if self.mode == "header" and not flags & _NOT_PLAIN_HEADER and self.plain_header_row(toks, row):
            # a plain row of the form's header (most rows above the indicator table): none of the tests below
            # applies to it but the last, a header row
            if row.table is not None:
                self.form.last_table = row.table
            self.header_row(toks, Origin(row.page, row.table, row.row), flags)
            return
        origin = Origin(row.page, row.table, row.row)
        prev_table = self.form.last_table
        if row.table is not None:
            self.form.last_table = row.table
        if n <= _TITLE_ROW_MOST and i0.title and all(
                t.info.year_line or t.info.continued or ":" in t.info.key or t.text.rstrip().endswith((":", "："))
                for t in toks[1:]) and not (n == 1 and self.name_awaited()):
            # 某某自评表 | 部门：某中学; 项目支出绩效目标表 | （2025年度） | 项目责任人：
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
        if (self.form.prose_notice is not None or "公示" in i0.text or (n == 2 and "公示" in toks[1].text)) and (
                prose_notice_row(self, toks, origin)):  # a 公示 page whose targets are prose
            return
        now = flags  # the flags of the row's cells as they stand now (a unit's note taken off changes them)
        if flags & MONEY_HINT:
            toks = self.money_unit_note(toks)
            if not toks:
                return
            now = row_flags(toks)
        if len(toks) == 1 and self.block_scope(toks[0]):
            return
        if self.mode != "indicators" and now & WAN:
            # amounts written in 万元 around the form, or in its own cells (其中：中央补助 | 4.6 万元 under a bare
            # 预算数： | 4.6): a bare budget equal to one is in 万元 too
            for k, t in enumerate(toks):
                if "万元" in t.info.key:
                    # (其中：中央补助 4.6 万元 copied with the unit a cell of its own: the figure is the cell before)
                    text = t.info.key
                    if t.info.key == "万元" and (k or (self._stream_doc and self.row_index)):
                        above = self.doc.rows[self.row_index - 1].cells
                        before = toks[k - 1].text if k else (above[-1].text if above else "")
                        text = vocab.key(before) + text
                    self.wan_amounts.update(float(x) for x in vocab.WAN_AMOUNT.findall(text))
        if n == 1 and self.notice_year is None and "关于" in i0.key and vocab.NOTICE_HEADING.match(i0.key):
            years = years_in(i0.key)  # 关于下达2021年…资金的通知 over a form with no year of its own
            if years:
                self.notice_year = years[0]
        if row.table is None and self.doc.format != "txt" and not self.paragraph_field(toks):
            return  # paragraphs between tables carry no fields, unless they are the form's header written as lines
        if self.mode == "header" and i0.key == vocab.TREE_PROJECT_HEADER and tree_head(self, toks):
            self.form.tree = True  # 项目 | 指标值 | 绩效金额: a budget system's tree
            return
        if self.form.tree and self.mode == "header" and not self.form.record.indicators and tree_node(self, toks, origin):
            return

        roles = [t.info.role for t in toks] if flags & ROLE else [None] * len(toks)
        if n == 1 and self._stream_doc and self.mode != "indicators" and i0.key in vocab.INDICATOR_BLOCK_LABELS:
            self.upper_header = UpperHeader(self.row_index, ())  # 绩效指标 alone: a header's top row may follow
        elif n == 1 and flags & ROLE and self.upper_header is not None and self.mode != "indicators" and (
                self.upper_header_goes_on(toks, roles)):
            return
        if flags & ROLE and self.is_column_header(toks, roles):
            self.set_columns(toks, roles)
            return
        if flags & ROLE and self.mode != "indicators" and n >= 3:
            self.keep_upper_header(toks, roles)
        if flags & ROLE and self.mode == "indicators" and self.sub_header(toks, roles):
            return
        if flags & ROLE and self.mode == "indicators" and self.header_wrapped(toks):
            return
        if flags & ROLE and self.mode == "indicators" and self.header_goes_on(toks, roles):
            return
        if self.skip_row == self.row_index:
            return  # the second half of a column header broken over two lines
        if (len(toks) == 1 and not roles[0] and self.mode != "indicators" and self.header_build is not None
                and (joined := self.header_broken_over_lines(toks[0]))):
            roles[0], toks[0] = joined.role, Token(joined.header, None, 1, False, toks[0].info)
            now = row_flags(toks)
        if len(toks) > 1 and all(roles) and self.mode != "indicators" and self.header_build is not None:
            self.extend_header(toks, roles)  # 年度指标值 | 实际完成值 among a header coming one label a line
            return
        if len(toks) == 1 and roles[0] and self.mode != "indicators" and self.header_build is not None:
            last = self.header_build[-1]
            whole = info_of(last.header + toks[0].text)
            if roles[0] == "name" and whole is not None and whole.role == last.role and toks[0].info.key == "指标":
                # 一级 / 指标: one header cell wrapped in its narrow column, not a 三级 column after it
                self.header_build[-1] = Column(last.role, last.col, last.span, last.header + toks[0].text)
                return
            joined = vocab.key(last.header + toks[0].text)
            if self._stream_doc and joined in vocab.COLUMN_ROLES and (
                    vocab.key(last.header) not in vocab.COLUMN_ROLES or i0.key not in vocab.COLUMN_ROLES):
                # 实际 / 完成值, 偏差原因分析 / 及改进措施: one header wrapped in its narrow cell, a piece of it no
                # header of its own, not two columns
                self.header_build[-1] = Column(vocab.COLUMN_ROLES[joined], last.col, last.span,
                                               last.header + toks[0].text)
                return
            self.header_build.append(Column(roles[0], toks[0].col, toks[0].span, toks[0].text))
            return
        if len(toks) == 1 and (roles[0] == "level1" or (roles[0] == "level2" and self._stream_doc)) and (
                self.mode == "header" or self._stream_doc):
            self.flush_stream()  # one cell per line: a column header again (the year's block after the long one)
            self.mode = "header"
            # one cell per line: the column header comes one label a line
            up = self.upper_header
            self.build_upper = up if up is not None and up.row == self.row_index - 1 and any(
                c.role in VALUE_ROLES for c in up.columns) else None
            self.header_build = [*self.list_columns_before(), Column(roles[0], toks[0].col, toks[0].span, toks[0].text)]
            return
        if (len(toks) == 1 and self.header_build is not None and vocab.SCORE_POINTS.match(i0.key)
                and any(c.role in ("annual", "period") for c in self.header_build)
                and not any(c.header == vocab.SCORE_HEADER for c in self.header_build)):
            # a 自评表's header one label a line ends with the block's points (年度指标值 / 实际完成指标值 / 50):
            # a column of each row's score, with no label of its own
            self.header_build.append(Column("extra", None, 1, vocab.SCORE_HEADER))
            return
        if self.header_build is not None:
            self.use_columns(self.built_header())

        # indicator rows with no column header before them: assume 实施周期指标值 | 年度指标值
        if self.mode == "header" and not self.pending and (i0.level1 or (
                len(toks) > 1 and i0.key in vocab.INDICATOR_BLOCK_LABELS and toks[1].info.level1)):
            if self.form.columns and self.form.record.indicators:
                self.mode = "indicators"  # after a note inside the table (说明：…), its rows go on
            else:
                self.use_columns(())
        # a header label starts a new form when the current one already has its name
        label = i0.label or i0.inline_label
        if label and i0.key in vocab.INDICATOR_BLOCK_LABELS and len(toks) > 1 and (
                toks[1].info.level1 or toks[1].info.level2 or toks[1].info.role):
            label = None  # 绩效目标 | 产出指标 …: the block's label, not the goal's
        if (label and label.field in GOALS and self.mode == "indicators"
                and (i0.block or (len(toks) > 2 and (toks[1].info.level1 or toks[1].info.level2)))):
            # 项目年度绩效目标(定量指标) | 产出数量指标 | 享受资助人数 | …: a 评价指标 column's group over the
            # table's rows (河北 评价指标表), not a goal label
            label = None
        if label and self.mode == "indicators" and (label.soft or (
                label.field in _PERIOD_FIELDS and self.current_level2() == "时效指标") or (
                label.field == "budget_amount" and self.under_cost_level())):
            label = None  # 项目按时完成情况, 完成时间 under 时效指标, 项目金额 under 成本指标: a 三级指标 that reads like a label
        if label and label.field == "project_name" and self.paragraph_name_only():
            # a notice's 项目名称：… above the form's own (in its table or its own lines): not the form's
            self.drop_paragraph_fields()
        if (label and label.field == "project_name" and self.form.has_content() and not self.form.list_table
                and not self.repeats_name(toks)):
            # in the same table as the form before (projects stacked, no title between): one section; but a table
            # that opened with the next form's money note (`100201某法院 | 单位:万元` over its 项目名称) while the
            # form before was named in another table is the next form's own
            name_at = self.form.record.provenance.get("project_name")
            own_table = self.next_unit_line and name_at is not None and name_at.table != row.table
            self.new_form(same_section=row.table == prev_table and not own_table, untitled=True)
        if self.mode == "scoring":
            if not (label and label.field != "ignored"):
                return  # a 绩效评价 scoring framework's rows (项目决策 | 20 | 项目目标 | 4 …): no targets
            self.mode = "header"
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
                self.indicator_row(toks, origin, now)
                return
        if n == 1 and not self.form.titles and i0.key[:1] in _ITEM_HEADS and vocab.PROSE_ITEM.match(i0.key):
            # (3)实施主体:某委。 — an article's numbered item above the form: its fields hold only
            # until the form's own title comes
            self.form.prose_fields |= self.header_line(toks, origin)
            return
        if row.table is None and self.doc.format != "txt":
            self.paragraph_row(toks, origin)
            return
        self.header_row(toks, origin, now)


def _has_substance(r: Record) -> bool:
    return bool(r.indicators or r.goal_overall or r.goal_annual or r.budget_amount is not None or r.department
                or r.implementing_unit or r.period_start or r.period_end)


# the cell flags that keep a header row off feed's short way (plain_header_row)
_NOT_PLAIN_HEADER = MONEY_HINT | BLOCK | WAN | ROLE | MONITOR

# how an article's numbered item starts: (3), 3、, 三、
_ITEM_HEADS = frozenset("(0123456789一二三四五六七八九十")


@memo
def _plain_token(text: str) -> Token | None:
    info = info_of(text)
    return None if info is None else Token(info.text, None, 1, info.markup, info, 1)


@memo
def _grid_token(text: str, col: int | None, span: int, row_span: int) -> Token | None:
    """A cell at its place in the grid, shared like `_plain_token`'s (never changed)."""
    info = info_of(text)
    return None if info is None else Token(info.text, col, span, info.markup, info, row_span)
