"""Header fields: labels by meaning (项目名称, 主管部门, 实施周期, 预算金额 ...) and their
values beside or below them, a row of labels over a row of values, the money block and
its unit (单位：万元, (万元) in a label, 250万 in the value)."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING

from .. import vocab
from ..models import Finding, Origin
from .cells import (
    BOX,
    INLINE,
    INLINE_LABEL,
    MONEY_TOTAL,
    SOFT,
    SPECIAL,
    Token,
    cell_class,
    info_of,
    retoken,
    row_flags,
    split_inline,
)
from .goals import GOALS, LABEL_NOTE
from .money_table import budget_figure, money_columns
from .state import LabelCell, LabelRow, Pending
from .values import is_option, parse_amount, period_years, strip_code, ticked, unmarked_options, years_in

if TYPE_CHECKING:
    from .parser import Parser

_BUDGET = vocab.Label("budget_amount")
# an ignored label that is part of a money block (其中：财政拨款, 上年结转): after a money-looking cell it makes
# that cell a label of the same block; 项目负责人 after 某某更换资金 does not
_MONEY_WORD = re.compile(r"资金|预算|拨款|金额|经费|投资|收入|支出|结转|结余")

# the end of a label broken into the next cell is this short at most (和成果, 及编码)
_LABEL_PIECE = 4
# one cell per line: a 合计 this many lines after a money block's label is the block's total
_MONEY_TOTAL_REACH = 2
# ... or, a money table's 合计 (money_table), at most this many lines after its label
_MONEY_TABLE_REACH = 40
# one cell per line, a money block's column headers before its figures: this many headers at least (a
# two-row header), found this many lines back at most
_MONEY_HEADER_MIN = 3
# a money column of what was adjusted, spent or received (调整后预算数, 预算执行数, 到位数): a column, never the block's label
_SPENT_COLUMN = re.compile(r"调整|执行|到位")
_MONEY_HEADER_REACH = 16
# a cell that is a bare figure (9.6, 1,250.00)
_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")
# a value this long after a bare 年度 is the year's goal, not the year
_CUT_GOAL_MIN = 10
# a sub-heading under a money label (中央, 省级, 市级资金) is this short
_SUB_LABEL_MAX = 6
_DIGIT = re.compile(r"\d")
# fields whose value is one cell of words: a label of theirs ending its line takes the next line's first cell
_NAME_FIELDS = frozenset({"project_name", "department", "implementing_unit"})
# the space between a label and its value on a paragraph (two spaces or more, a tab, an ideographic space)
_WIDE_SPACE = re.compile(r"\s{2,}|\t|\u3000+")

# fields that hold a name, read without a code before it or a ticked box list around it
NAMED_FIELDS = ("department", "implementing_unit", "project_type", "project_level")
# the fields a line of text outside the form's table may fill (a paragraph, an article's numbered item)
LINE_FIELDS = ("project_name", "project_type", "project_level", "department", "implementing_unit", "period_start",
                    "period_end", "budget_amount", "goal_overall", "goal_annual")


def label_lines(text: str) -> list[str] | None:
    """The lines of a cell when each is a header field written `label：value` (项目名称：某某 /
    主管部门：某局), else None: lines a PDF reader joined as one wrapped cell."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if len(lines) < 2:
        return None
    for ln in lines:
        m = INLINE.match(ln)
        if m is None or vocab.header_field(m.group(1)) is None:
            return None
    return lines


def spaced_cells(text: str) -> list[str] | None:
    """A paragraph `label    value` (项目名称    某某项目, 资金总额（万元）\t12.5): its label and value
    as two cells, when the text before the first wide space is a header label (no colon)."""
    parts = [p for p in _WIDE_SPACE.split(text.strip()) if p]
    if len(parts) < 2 or ":" in parts[0] or "：" in parts[0]:
        return None
    lab = vocab.header_field(parts[0])
    return parts if lab is not None and lab.field != "ignored" else None


def _bare_label(text: str) -> bool:
    """项目名称： on a line of its own: a label whose value stands on the next line."""
    return text.rstrip().endswith((":", "："))


def _goal_umbrella(lr: LabelRow, tok: Token, lab: vocab.Label) -> bool:
    """总体绩效目标 left of the goals under 实施周期总目标 | 年度绩效目标: a label merged down over the goals'
    label row and their values, read on the values' row (an unruled PDF that centres it on both): it
    stands under none of the labels above, which all name goals."""
    return (lab.field in GOALS and tok.col is not None and all(c.label is not None and c.label.field in GOALS
                                                               and c.tok.col is not None for c in lr.cells)
            and all(tok.col < c.tok.col for c in lr.cells))  # type: ignore[operator]


# a column's header naming a rate in percent (总体完成率(%)), as short as a header is
_RATE_HEADER = re.compile(r"\((?:%|‰)\)$")
_RATE_HEADER_MOST = 12


def _without_points(toks: list[Token], labels: list[vocab.Label | None]) -> list[Token]:
    """A row's cells without the points a 自评表 gives its section after the labels (… | 20)."""
    n = len(toks)
    while n and labels[n - 1] is None and (vocab.SCORE_POINTS.match(toks[n - 1].info.key) or (
            len(toks[n - 1].info.key) <= _RATE_HEADER_MOST and _RATE_HEADER.search(toks[n - 1].info.key))):
        n -= 1  # (… | 总体完成率(%): the column of the rate reached after the goal labels, no label of a field)
    return toks[:n]


def _goal_labels_over(lr: LabelRow, n_toks: int) -> list[LabelCell] | None:
    """年度目标完成情况 | 预期目标 | 目标实际完成情况 | 20: a section's label, goal labels, then (a 自评表) the
    section's points, over rows of n_toks texts, a copy with no grid: the section's label and the points merged
    down (or the section's label on a line of its own above). -> the label cells over the texts, else None."""
    cells = lr.cells[:len(_without_points([c.tok for c in lr.cells], [c.label for c in lr.cells]))]
    first = cells[0].label if cells else None
    if len(cells) == n_toks + 1 and first is not None and first.field == "ignored" and not first.soft:
        cells = cells[1:]
    if len(cells) != n_toks or len(cells) == len(lr.cells) or not all(c.label is not None for c in cells):
        return None  # (a row of as many labels as texts is read by the general rule)
    return cells if any(c.label.field in GOALS for c in cells) else None  # type: ignore[union-attr]


def _first_money_label(lr: LabelRow) -> vocab.Label | None:
    """The budget label a row of labels starts with (after a section label such as 专项资金情况)."""
    cells = [c for c in lr.cells if c.label is not None]
    if cells and cells[0].label.field == "ignored" and len(cells) > 1:  # type: ignore[union-attr]
        cells = cells[1:]
    lab = cells[0].label if cells else None
    return lab if lab is not None and lab.field == "budget_amount" else None


def _join_split_unit_note(toks: list[Token]) -> list[Token]:
    """金额单位: | 万元 in two cells: one note, as if written in one (金额单位:万元)."""
    k = next((k for k, t in enumerate(toks[:-1]) if vocab.MONEY_UNIT_LABEL.match(t.info.key)
              and toks[k + 1].info.key in vocab.MONEY_UNITS), None)
    if k is None:
        return toks
    joined = retoken(vocab.key(toks[k].text).rstrip(":") + ":" + toks[k + 1].info.key, toks[k])
    return toks if joined is None else [*toks[:k], joined, *toks[k + 2:]]


def _coded_org_name(text: str) -> bool:
    """`100201某区人民法院`: an office's name with its budget code before it."""
    bare = strip_code(text)
    return bare != text and bool(vocab.ORG_NAME_END.search(bare))


# a sentence's end, then a space: where a text one space apart from the next cell ends
_SENTENCE_GAP = "。 "
# the part of a name cut off by a space is longer than a label's word (是否新增, 投向领域)
_NAME_PART_MIN = 6


class HeaderReader:
    """Parser methods that read the form's header fields."""

    def money_unit_note(self: Parser, toks: list[Token]) -> list[Token]:
        """"单位：万元" above a table: amounts whose label names no unit are in it. The note's
        cells are taken out of the row."""
        out = []
        next_forms = False
        toks = _join_split_unit_note(toks)
        if len(toks) == 1 and self._stream_doc and vocab.MONEY_UNIT_LABEL.match(toks[0].info.key):
            # one cell a line, 金额单位: / 万元: the note's two cells on two lines
            rows = self.doc.rows
            nxt = rows[self.row_index + 1].cells if self.row_index + 1 < len(rows) else []
            if len(nxt) == 1 and (unit := vocab.key(nxt[0].text)) in vocab.MONEY_UNITS and (
                    joined := retoken(vocab.key(toks[0].text).rstrip(":") + ":" + unit, toks[0])) is not None:
                toks = [joined]
                self.skip_row = self.row_index + 1
        for t in toks:
            k = t.info.key
            if ("(万元)" in k and self.mode == "header" and (self.form.money_unit is None or self.form.money_unit_noted)
                    and not t.info.role):
                # 项目资金申请（万元）: 万元 stated anywhere in the money block (over a 单位：元 note above another table of
                # the page, as a label's own unit is: `note_label`), or on a line of its own under the block's label
                self.form.money_unit, self.form.money_unit_noted = "万元", False
            m = (vocab.MONEY_UNIT_NOTE.match(k) or vocab.MONEY_UNIT_ANYWHERE.search(k)) if "单位:" in k else None
            if m:
                f = self.form
                if ((f.record.indicators or f.stream or self.mode == "indicators") and not f.list_table) or (
                        f.has_content() and self.name_follows()):
                    self.next_money_unit = m.group("unit")  # the note of the next form
                    next_forms = True
                else:
                    f.money_unit, f.money_unit_noted = m.group("unit"), True
                    if f.budget_bare and f.record.budget_amount is not None and not f.list_table:
                        # a 金额单位：万元 note under the money block: the amount read bare above is in it
                        f.record.budget_amount = round(f.record.budget_amount * vocab.MONEY_FACTOR[f.money_unit], 2)
                        f.budget_bare = False
                rest = k[:m.start()] if m.start() > 0 and not vocab.MONEY_UNIT_NOTE.match(k) else ""
                if rest.strip("()（）") and (rt := retoken(rest, t)):
                    out.append(rt)
                continue
            out.append(t)
        if next_forms and self.mode == "indicators":
            # the next form's line under this one's table (`207101某法院 | 单位：万元`): its unlabelled cells (the
            # unit's code and name) are no indicator row; a labelled cell (编制单位：…) is the next form's field
            kept = [t for t in out if t.info.label or t.info.inline_label]
            self.next_unit_line = any(_coded_org_name(t.text) for t in out if t not in kept)
            out = kept
            st = self.form.stream
            if not out and st and _coded_org_name(st[-1].text):
                st.pop()  # one cell a line: the unit's coded name came on the line before the note
                self.form.stream_origins.pop()
                self.next_unit_line = True
        return out

    def paragraph_field(self: Parser, toks: list[Token]) -> bool:
        """A paragraph outside any table that is one of the form's header lines (项目名称：某某项目,
        项目类型：基本建设类 主管部门：某局, 年度绩效目标：…, or a bare 项目名称： with its value in the
        paragraph below). The other paragraphs (a notice's text, a note) carry no fields."""
        info = toks[0].info
        if self.paragraph_label == self.row_index - 1 and not info.label and not info.inline_label:
            return True  # the value of the bare label in the paragraph above
        if self.last_goal and self.last_goal_row == self.row_index - 1 and vocab.GOAL_ITEM.match(info.key):
            return True  # 2.… under 年度绩效目标：1.…: the goal's next aim
        lab = info.inline_label or (info.label if _bare_label(info.text) or len(toks) > 1 else None)
        return lab is not None and lab.field != "ignored" and not lab.soft

    def paragraph_row(self: Parser, toks: list[Token], origin: Origin) -> None:
        """A paragraph taken by `paragraph_field`: read like a header row, its values weak (a table's
        label for the same field replaces them); read before the form's title, its fields hold only until
        the title comes (the text of a notice above the form)."""
        info = toks[0].info
        if info.label is not None and _bare_label(info.text) and not info.inline_label:
            self.paragraph_label = self.row_index
        self.in_paragraph = True
        try:
            read = self.header_line(toks, origin)
        finally:
            self.in_paragraph = False
        self.form.paragraph_fields |= read
        if not self.form.titles:
            self.form.prose_fields |= read

    def paragraph_name_only(self: Parser) -> bool:
        """The form so far is only paragraphs (its name read from one, no indicators yet)."""
        f = self.form
        return "project_name" in f.paragraph_fields and not f.record.indicators and f.record.project_name is not None

    def drop_paragraph_fields(self: Parser) -> None:
        """A table with its own 项目名称 under paragraphs that named a project: the paragraphs were the
        text around the form (a notice), not its header."""
        f = self.form
        self.forget_fields(f.paragraph_fields)
        f.prose_fields -= f.paragraph_fields
        f.paragraph_fields.clear()

    def header_line(self: Parser, toks: list[Token], origin: Origin) -> set[str]:
        """A line outside the form's table read as a header row; the fields it filled or changed."""
        r = self.form.record
        before = [getattr(r, fld) for fld in LINE_FIELDS]
        self.header_row(toks, origin)
        return {fld for fld, was in zip(LINE_FIELDS, before) if getattr(r, fld) != was}

    def forget_fields(self: Parser, fields: set[str]) -> None:
        """Take fields read from text around the form (a notice, an article) out of its record again."""
        f = self.form
        for fld in fields:
            setattr(f.record, fld, None)
            f.record.provenance.pop(fld, None)
            f.weak_fields.discard(fld)

    def header_row(self: Parser, toks: list[Token], origin: Origin, flags: int | None = None) -> None:
        """One row of the form's header (labels and their values); `flags`: its cells' row_flags when the caller
        has them."""
        if flags is None:
            flags = row_flags(toks)
        if flags & BOX:
            toks = join_options(toks)
            flags = row_flags(toks)
        inline = bool(flags & INLINE_LABEL)
        if inline:
            toks = split_inline(toks)
            flags = row_flags(toks)
        if toks[0].info.label_tail and self.pending and self.pending[-1].row == self.row_index - 1:
            toks = toks[1:]  # 主管部门 / 及编码: a label broken over two lines
        elif (len(toks) > 1 and toks[0].info.key[:1] == "(" and self.pending and self.pending[-1].row == self.row_index - 1
              and self.pending[-1].field in GOALS and LABEL_NOTE.fullmatch(toks[0].info.key)):
            toks = toks[1:]  # 项目总体绩效目标 / （长期目标） | text: the goal label's note broken onto the text's line
        if not toks:
            return
        labels = [t.info.label for t in toks]
        if len(toks) > 2 and labels[0] and not labels[1] and len(toks[1].info.key) <= _LABEL_PIECE and (
                joined := retoken(toks[0].info.key + toks[1].info.key, toks[0])) is not None and joined.info.label:
            # 年度主要目标 | 和成果 | text: a label broken over two cells
            toks, labels = [joined, *toks[2:]], [joined.info.label, *labels[2:]]
        if (len(toks) == 1 and flags & MONEY_TOTAL and self._stream_doc and self.form.record.budget_amount is None
                and self.money_table_total(origin)):
            return
        if (len(toks) == 1 and self._stream_doc and self.form.record.budget_amount is None
                and _FIGURE.fullmatch(toks[0].info.key) and self.money_header_first_figure(origin)):
            return
        if (len(toks) == 1 and flags & MONEY_TOTAL and self._stream_doc and self.money_section_row is not None
                and self.row_index - self.money_section_row <= _MONEY_TOTAL_REACH and labels[0]
                and labels[0].field == "ignored"):
            labels[0] = _BUDGET  # one cell per line: 项目资金 / （万元） / 合计 / 72
        if (len(toks) > 1 and toks[0].info.money_total and labels[0] and labels[0].field == "ignored"
                and self.money_section_row == self.row_index - 1 and not toks[1].info.label
                and _DIGIT.search(toks[1].info.key)):
            # 项目资金 / （万元） (or 项目资金（万元） on its line: a web copy ends a merged label's line) then 合计 | 96
            # on the next line: the block's total is the budget
            labels[0] = _BUDGET
        if len(toks) > 1 and flags & MONEY_TOTAL:
            for i in range(1, len(toks)):  # 项目资金（万元） | 合计 | 96: the total of the money block is the budget
                if (toks[i].info.money_total and labels[i] and labels[i].field == "ignored"  # type: ignore[union-attr]
                        and labels[i - 1] and ("资金" in toks[i - 1].info.key or "预算" in toks[i - 1].info.key)):
                    labels[i] = _BUDGET
        written = labels
        if flags & SOFT:
            written = list(labels)
            # "某某项目经费" right after 项目名称 is its value, not a money label (but in a row of labels,
            # 年度预算数 | 年初预算 | 调整后预算数, it is a label: a label of its kind follows it; 某某专项资金 |
            # 主管部门 | … is 项目名称's value)
            label_row = sum(1 for lab in labels if lab) >= 4
            for i, lab in enumerate(written):
                if lab and lab.soft and ((i and labels[i - 1] and not labels[i - 1].soft
                                          and labels[i - 1].field not in ("ignored", *GOALS) and not (
                        label_row and i + 1 < len(labels) and (nxt := labels[i + 1]) is not None
                        and (nxt.soft or nxt.field == lab.field or (
                            nxt.field == "ignored" and _MONEY_WORD.search(toks[i + 1].info.key))))) or (
                        i == 0 and len(toks) == 1 and self.pending and self.pending[-1].row == self.row_index - 1
                        and (self.pending[-1].field != "ignored" or self.texts_under_goal_labels())
                        # 总体绩效目标 / 当年度目标 / text: a goal label under a goal label is the goal's own; nor is
                        # the column of the goal reached beside it (年度预期目标 / 具体完成情况 / text / text)
                        and not (self.pending[-1].field in GOALS and (
                            lab.field in GOALS or vocab.RUN_ON_GOAL_REACHED.search(toks[0].info.key)))) or (
                        i == 0 and len(toks) == 1 and self._stream_doc and self.goal_beside_reached
                        and self.last_goal_row == self.row_index - 1 and self.reached_is_next())):
                    labels[i] = None
        lr, self.label_row = self.label_row, None
        if lr is not None and lr.row == self.row_index - 1 and self.sub_labels(lr, toks, labels):
            self.label_row = LabelRow(self.row_index, lr.cells)  # 中央 | 省级 | 本级 under 财政资金: the amounts come next
            return
        if lr is not None and self.values_below(lr, toks, labels, origin):
            return
        if lr is not None and self.empty_money_line(lr, toks, labels):
            self.label_row = LabelRow(self.row_index, lr.cells)  # 市级资金 with its amounts left empty: the
            return  # rows below still read under the money block's labels (县级资金 | 213.4 | 259)
        if len(toks) == 3 and labels[0] is not None and labels[0].field == "project_name" and self.doc.format == "txt":
            toks, labels = self.name_cells_joined(toks, labels)
        if len(toks) > 2 and labels[0] is not None and labels[0].field in GOALS and self.goal_subheader(toks, labels, 1):
            toks, labels = toks[:1] + toks[2:], labels[:1] + labels[2:]
        n_toks = len(toks)
        n_labels = sum(map(bool, labels))  # a Label is always true; count(None) would call Label.__eq__ per label
        if n_toks >= 2 and n_labels >= 2:
            # a row of labels, not of label | value pairs: no field label has a plain cell after it
            n_written = sum(map(bool, written))
            # (a 自评表's labels with the section's points after them: 预期目标 | 目标实际完成情况 | 20)
            points = len(toks) - len(_without_points(toks, labels))
            if n_labels == n_toks - points or (n_written >= 3 and n_written * 2 >= n_toks and not any(
                    lab and not lab.soft and lab.field != "ignored" and nxt is None
                    for lab, nxt in pairwise(written))) or (
                    # 资金来源（万元） on its line, then 项目 | 上年度预算安排 | 上年度实际执行 | 本年度申请金额: a money
                    # table's headers (a web copy ends the merged label's line), its rows below
                    self.money_section_row == self.row_index - 1 and not self._stream_doc
                    and money_columns([t.text for t in toks]) is not None):
                self.label_row = LabelRow(self.row_index, [LabelCell(lab, t) for lab, t in zip(labels, toks)])
        if n_labels and self.pending:
            new_fields = [lab.field for lab in labels if lab]
            if not (self._stream_doc and self.keeps_goal_labels(new_fields)):  # (one cell a line only)
                # a label ending the line above (a web copy ends a merged label's line: `项目 名称 |`) keeps
                # waiting when this row opens with a plain cell: that cell is its value, the labels after it
                # have their own (物业管理费支出 | 本年度申请预算资金（万元） | 282.92)
                above = self.pending[-1] if (labels[0] is None and self.pending and len(toks) > 1 and labels[1]
                                             and self.pending[-1].row == self.row_index - 1
                                             and self.pending[-1].field in _NAME_FIELDS) else None
                self.pending = [p for p in self.pending if p.row == self.row_index or p is above]
        if not n_labels and len(self.pending) > 1:  # (a group's label and a goal's waiting)
            self.drop_group_label(toks)
        for i, (tok, lab) in enumerate(zip(toks, labels)):
            if lab:
                if lab.unit or lab.year or lab.field == "project_name":  # (what note_label notes)
                    self.note_label(lab)
                if lab.field == "ignored" and ("资金" in tok.info.key or "预算" in tok.info.key):
                    self.money_section_row = self.row_index  # 项目资金（万元）: a money block's label
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
                self.pending.append(Pending(lab, origin, self.row_index, tok.info.key in vocab.GROUP_GOAL_LABELS,
                                            tok.info.key))
                continue
            if not self.pending:
                if self.last_goal:
                    self.goal_goes_on(tok, len(toks) == 1)
                continue
            # (both one cell a line only: asked there alone, as this runs on every value of every header row)
            if self._stream_doc and self.goals_run_together(tok, origin):
                self.last_goal = None
                continue
            if self._stream_doc and self.is_goal_score(tok):
                continue
            reached = self.goal_beside_reached and self.last_goal is not None and self.reached_is_next()
            if reached and self.aim_goes_on(tok):
                continue  # 目标1：… / 目标2：… then 1.… / 2.…: the goal's aims first, the goal reached's below
            # `项目概况：text` in one cell under a goal label waiting from a line above: the text is its own
            # label's (one cell per line: the goal label's cell held an overview, no goal)
            own = inline and i and labels[i - 1] and self.pending[-1].row == self.row_index
            p = self.pending.pop(-1 if own else 0)
            if len(toks) == 1 and _SENTENCE_GAP in tok.text and p.field in GOALS:
                tok = self.goal_before_reached(tok)
            self.assign(p.label, tok, origin)
            self.last_goal_row = self.row_index
            if reached:
                if self.goal_aims_first:
                    self.last_goal = None  # the goal's aims all read: the numbered lines below are the goal reached's
                continue  # the goal reached beside the goal: the goal's numbered lines go on below
            self.last_goal = p.field if p.field in GOALS else None
            self.goal_beside_reached = self.last_goal is not None and self.reached_is_next()
            self.goal_lines = 0
            if self.last_goal:
                self.goal_aim, self.goal_aims_first = self.aim_of(tok), False

    def money_table_total(self: Parser, origin: Origin) -> bool:
        """One cell per line, a money table's 合计 (资金来源 | 项目 | 上年度预算安排 | … | 本年度申请金额, then
        合计 | —— | —— | 85): the budget is its figure under this year's amount (`money_table`). The money
        label is looked for back over the table's cells, as far as a goal or a form's first label."""
        rows = self.doc.rows
        start, header = None, None
        for k in range(self.row_index - 1, max(-1, self.row_index - _MONEY_TABLE_REACH), -1):
            if len(rows[k].cells) != 1:
                return False
            lab = vocab.header_field(rows[k].cells[0].text)
            if lab is not None and (lab.field in GOALS or lab.field == "project_name"):
                return False
            # (a money label read by meaning, 项目资金申请(万元), counts too: the headers must follow it)
            if lab is not None and (lab.field == "budget_amount" or (
                    not lab.soft and lab.field == "ignored" and _MONEY_WORD.search(vocab.key(rows[k].cells[0].text)))):
                header = money_columns([r.cells[0].text for r in rows[k + 1:self.row_index]])
                if header is not None:  # a money label whose headers follow it (金额 is one of them)
                    start = k
                    break
        if start is None or header is None:
            return False
        after = [r.cells[0].text for r in rows[self.row_index + 1:self.row_index + 2 + len(header.headers)]
                 if len(r.cells) == 1]
        figure = budget_figure(header, after)
        if figure is None:
            return False
        amount = parse_amount(figure, vocab.header_field(rows[start].cells[0].text).unit  # type: ignore[union-attr]
                              or self.form.money_unit)
        if amount is None:
            return False
        self.set_field("budget_amount", amount, origin)
        self.pending = []
        return True

    def total_under_money_columns(self: Parser, lr: LabelRow, toks: list[Token], origin: Origin) -> bool:
        """A money table's 合计 row with no grid (a web copy: the label merged down and the empty cells gone)
        under 项目预算（万元） | 成本构成 | 金额 | 测算依据 | 2020年实际执行数 …: its figures counted against the
        figure columns (a words column, 测算依据, is empty in the total row), the budget the one under the
        budget column (`money_table`), as one cell a line reads it. False when the row is not read so."""
        if not toks[0].info.money_total or not lr.cells or any(t.col is not None for t in toks):
            return False
        head = lr.cells[0].label
        texts = [c.tok.text for c in lr.cells]
        # (the money label merged down beside the headers, or standing on a line of its own above them)
        outer = head is not None and head.field == "budget_amount" and not head.soft
        columns = money_columns(texts[1:] if outer else texts)
        figure = budget_figure(columns, [t.text for t in toks[1:]]) if columns is not None else None
        tok = next((t for t in toks[1:] if t.text == figure), None)
        if tok is None or columns is None:
            return False
        label = head if outer else vocab.header_field(columns.headers[columns.budget])
        if label is None:
            return False
        f = self.form
        if f.budget_provisional or f.record.budget_amount == 0:
            f.record.budget_amount = None  # the breakdown's rows above gave a figure until the total came
        self.pending = []
        self.assign(label, tok, origin)
        f.budget_provisional = False
        return True

    def money_header_first_figure(self: Parser, origin: Origin) -> bool:
        """One cell per line, a money block whose column headers all come before its figures, over two rows
        (专项资金情况 / 本年度预计投入（万元） / 财政资金（万元） / 其他 / 中央 / 省级 / 市级资金 / 本级 / 9.6 / 0 …):
        in reading order the first figure stands under the first column, so when that column is the year's
        amount (a budget label, the only one in the header but the sources under it), its figure is the
        budget."""
        rows = self.doc.rows
        heads: list[str] = []
        for k in range(self.row_index - 1, max(-1, self.row_index - _MONEY_HEADER_REACH), -1):
            if len(rows[k].cells) != 1:
                return False
            text = rows[k].cells[0].text
            lab = vocab.header_field(text)
            if (lab is not None and lab.field == "ignored" and not lab.public_part and _MONEY_WORD.search(key := vocab.key(text))
                    and not _SPENT_COLUMN.search(key)):
                break  # the money block's own label (专项资金情况, 项目资金（万元）); 调整后预算数, 预算执行数 are its columns
            if (lab is not None and lab.field == "budget_amount" and lab.unit and heads
                    and (nxt := vocab.header_field(heads[0])) is not None and nxt.field == "budget_amount"):
                break  # 年度预算数（万元） over 年初预算 | 调整后预算数 …: the block's label merged down beside its columns
            if _DIGIT.search(vocab.key(text)) and lab is None:
                return False  # a figure before: the block's rows are label | figure, read as such
            heads.insert(0, text)
        else:
            return False
        if len(heads) < _MONEY_HEADER_MIN:
            return False
        labs = [vocab.header_field(h) for h in heads]
        first = labs[0]
        if first is None or first.field != "budget_amount" or first.public_part or any(
                lab is not None and lab.field == "budget_amount" and not lab.soft for lab in labs[1:]):
            return False  # 年初预算数 | 全年预算数 | …: a 自评表's columns, its rows labelled (年度资金总额 | 100 …)
        amount = parse_amount(rows[self.row_index].cells[0].text, first.unit or self.form.money_unit)
        if amount is None:
            return False
        self.set_field("budget_amount", amount, origin)
        self.pending = []
        return True

    def empty_money_line(self: Parser, lr: LabelRow, toks: list[Token], labels: list[vocab.Label | None]) -> bool:
        """A line of a money table under a row of money labels that names a source and gives no amount
        (市级资金 alone: its cells were empty)."""
        return (lr.row == self.row_index - 1 and not self._stream_doc and len(toks) == 1
                and (lab := labels[0]) is not None and lab.field == "budget_amount" and lab.soft
                and not _DIGIT.search(toks[0].info.key)
                and any(c.label and c.label.field == "budget_amount" and not c.label.soft for c in lr.cells))

    @staticmethod
    def sub_labels(lr: LabelRow, toks: list[Token], labels: list[vocab.Label | None]) -> bool:
        """A second row of short headings under a row of money labels (本年度预计投入（万元） | 财政资金（万元）
        over 中央 | 省级 | 市级资金 | 本级): no value of its own, the amounts stand in the row below."""
        return (len(toks) >= 2 and any(c.label and c.label.field == "budget_amount" for c in lr.cells)
                and all(len(t.info.key) <= _SUB_LABEL_MAX and not _DIGIT.search(t.info.key) for t in toks)
                and all(lab is None or lab.soft or lab.field == "ignored" for lab in labels))

    def values_below(self: Parser, lr: LabelRow, toks: list[Token], labels: list[vocab.Label | None],
                     origin: Origin) -> bool:
        """The row under a row of labels: each value under its label, by grid column, else
        counted from the right (a label merged down the rows, 预算执行情况, stands left of
        the row labels). False when the row cannot be read so."""
        if lr.row != self.row_index - 1 or self._stream_doc:
            return False
        # 预期目标 | 实际完成情况 over 某某补助经费 | 某某补助经费: labels read by meaning only are the texts
        goals_over = any(lab and lab.soft for lab in labels[1:]) and any(
            c.label and c.label.field in GOALS for c in lr.cells)
        if any(lab and not (goals_over and lab.soft) for lab in labels[1:]) or (
                labels[0] and labels[0].field not in ("ignored", "budget_amount")
                and not _goal_umbrella(lr, toks[0], labels[0])):
            return False
        if self.total_under_money_columns(lr, toks, origin):
            self.label_row = LabelRow(self.row_index, lr.cells)
            return True
        pairs: list[tuple[vocab.Label | None, Token]] = []
        below = lr.cells  # the labels the row below reads under
        if all(t.col is not None for t in toks) and all(c.tok.col is not None for c in lr.cells):
            reach = _label_reach(lr, self.doc.format == "txt")
            for k, t in enumerate(toks):
                hit = [c.label for c, (start, end) in zip(lr.cells, reach) if start <= t.col < end]  # type: ignore[operator]
                if not hit and k:
                    return False
                pairs.append((hit[0] if hit else None, t))  # the row's own label may stand under no label
        elif len(lr.cells) < len(toks) and (first := _first_money_label(lr)) is not None and not labels[0]:
            # more amounts than labels (the labels' sub-columns, 中央 | 省级 | …, gave them): the first
            # amount stands under the first label, the budget
            pairs = [(first, toks[0])]
        elif len(lr.cells) >= len(toks) and (len(lr.cells) == len(toks) or len(toks) >= 3):
            head = lr.cells[0].label
            cells = lr.cells
            if (len(cells) > len(toks) and head is not None and head.field == "ignored" and labels[0]
                    and (nxt := cells[1].label) is not None and nxt.field == "budget_amount" and not nxt.soft):
                # 预算执行情况（10分） | 年度预算数（万元） | 年初预算 | … over 总额 | 36.00 | …: the section's label
                # merged down the rows at the left is no cell of the rows below (a copy with no grid)
                cells, head = cells[1:], nxt
            plain = [c for c in lr.cells if not vocab.MONEY_WORDS_COLUMN.search(c.tok.info.key)]
            if (len(lr.cells) > len(toks) == len(plain) and toks[0].info.money_total
                    and all(_FIGURE.fullmatch(t.info.key) for t in toks[1:])):
                # 成本构成 | 金额 | 测算依据 | 2020年实际执行数 over 合计 | 696 | 666.5: the words column is empty in
                # the total row, the figures stand under the figure columns
                pairs = list(zip([c.label for c in plain], toks))
            elif labels[0] and head is not None and head.field == "budget_amount":
                # 年度预算数（万元） | 年初预算 | … over 总额 | 36.00 | …: the row's own label stands
                # under the first, so the cells go from the left (the empty ones are the last)
                pairs = list(zip([c.label for c in cells[:len(toks)]], toks))
            else:
                pairs = list(zip([c.label for c in lr.cells[len(lr.cells) - len(toks):]], toks))
                if (not labels[0] and head is not None and head.field == "project_name"
                        and len(lr.cells) > len(toks)):
                    pairs[0] = (head, toks[0])  # 项目名称 | 主管部门 | 实施单位 over 甲项目 | 某局: the name is never the empty one
        elif len(toks) == 1 and len(lr.cells) == 2 and self.goals_a_line_each(lr):
            # 中期目标(2024年—2026年) | 年度目标 over their two texts a line each (a web copy ends the row's line
            # after each cell): the first text is the first goal's, the next line the second's
            pairs, below = [(lr.cells[0].label, toks[0])], lr.cells[1:]
        elif len(lr.cells) == len(toks) + 1 and all(c.label is not None and c.label.field in GOALS for c in lr.cells[:2]):
            # 年度总体目标 | 预期目标 | 实际完成情况 over two texts: the first label merged down over the texts' row
            pairs = list(zip([c.label for c in lr.cells[1:]], toks))
        elif (goal_cells := _goal_labels_over(lr, len(toks))) is not None:
            # 年度目标完成情况 | 预期目标 | 目标实际完成情况 | 20 over two texts: the section's label and its points
            # merged down over the texts' rows
            pairs = list(zip([c.label for c in goal_cells], toks))
        else:
            return False
        if sum(1 for lab, _ in pairs if lab and lab.field != "ignored") == 0:
            return False
        self.pending = []
        f = self.form
        total = toks[0].info.money_total or bool(labels[0] and labels[0].field == "budget_amount")
        for lab, t in pairs:
            if lab is None or (t.info.label and not (lab.field in GOALS and t.info.label.soft)):
                continue  # (under 预期目标, 某某补助经费 is the goal, a label by meaning only)
            if (lab.field in GOALS and (had_goal := getattr(f.record, lab.field)) and vocab.GOAL_ITEM.match(t.info.key)
                    and vocab.GOAL_ITEM.match(vocab.key(had_goal))):
                # 预期目标 over 目标1：… then 目标2：… a row each: the goal goes on over the aims
                setattr(f.record, lab.field, had_goal + t.text)
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
        self.label_row = LabelRow(self.row_index, below)  # the rows below read the same way
        return True

    def goals_a_line_each(self: Parser, lr: LabelRow) -> bool:
        """实施期 goal | 年度 goal side by side (their own labels, no group's), one text under them and the next
        line one plain text too: the two goals' texts, a line each."""
        first, second = lr.cells[0].label, lr.cells[1].label
        if (first is None or second is None or first.field != "goal_overall" or second.field != "goal_annual"
                or lr.cells[0].tok.info.key in vocab.GROUP_GOAL_LABELS):
            return False
        rows = self.doc.rows
        nxt = rows[self.row_index + 1].cells if self.row_index + 1 < len(rows) else []
        info = info_of(nxt[0].text) if len(nxt) == 1 else None
        return info is not None and not (info.label and not info.label.soft) and not (
            info.role or info.level1 or info.level2 or info.block or info.inline_label)

    def note_label(self: Parser, lab: vocab.Label) -> None:
        f = self.form
        if lab.field == "project_name":
            f.name_label = True
        if lab.unit and (lab.field in ("ignored", "budget_amount")) and (f.money_unit is None or f.money_unit_noted):
            # 万元 stated anywhere in the money block (over a 单位：元 note above another table of the page)
            f.money_unit, f.money_unit_noted = lab.unit, False
        if lab.field == "budget_amount" and lab.year:
            f.budget_label_year = lab.year
        if lab.field == "goal_annual" and lab.year:
            f.goal_year = lab.year

    def set_field(self: Parser, fld: str, value: object, origin: Origin, tok: Token | None = None, weak: bool = False) -> None:
        r = self.form.record
        weak = weak or self.in_paragraph
        if getattr(r, fld) not in (None, "") and (weak or fld not in self.form.weak_fields):
            return
        if weak:
            self.form.weak_fields.add(fld)
        else:
            self.form.weak_fields.discard(fld)
        setattr(r, fld, value)
        r.provenance[fld] = origin
        if tok is not None and (tok.markup or tok.info.garbled):
            self.note_text(fld, tok)

    def note_text(self: Parser, fld: str, tok: Token) -> None:
        if tok.markup:
            self.form.record.findings.append(Finding("markup", fld, tok.text[:40]))
        if tok.info.garbled:
            self.form.record.findings.append(Finding("garbled", fld, tok.info.garbled))

    @staticmethod
    def name_cells_joined(toks: list[Token], labels: list[vocab.Label | None]) -> tuple[list[Token], list[vocab.Label | None]]:
        """`项目名称 某文号 某专项经费`, a text's row of cells one space apart: a name written with a space is cut
        into cells, its label the row's only one (a cell read as a label by meaning only, 某专项经费, is none
        here). The cells after the label are the name, joined; the row unchanged when one is more."""
        rest = toks[1:]
        if any(lab is not None and not lab.soft for lab in labels[1:]) or any(
                t.info.flags & SPECIAL or t.info.level1 or t.info.level2 for t in rest):
            return toks, labels
        if len(rest[-1].info.key) <= _NAME_PART_MIN or cell_class(rest[-1].text) not in ("text", "name"):
            return toks, labels  # 项目名称 | 某项目 | 是否新增 (a label the vocabulary lacks, its value gone), | 0012 (a code)
        joined = retoken(" ".join(t.text for t in rest), rest[0])
        return (toks, labels) if joined is None else ([toks[0], joined], [labels[0], None])

    def assign(self: Parser, lab: vocab.Label, tok: Token, origin: Origin) -> None:
        fld, text = lab.field, tok.text
        if fld == "ignored" or tok.info.chrome:
            if lab.public_part and self.form.record.budget_amount in (None, 0) and not tok.info.chrome:
                # 年度资金总额 0 (or left empty), 其中：财政拨款 64: the public part tells the budget,
                # until a total stated after it replaces it
                amount = parse_amount(text, lab.unit or self.form.money_unit)
                if not (lab.unit or self.form.money_unit or "元" in tok.info.key or "万" in tok.info.key):
                    self.form.budget_bare = True  # no unit stated: the text around may say it
                if amount and self.form.record.budget_amount == 0:
                    self.form.record.budget_amount = amount
                elif amount:
                    self.set_field("budget_amount", amount, origin, weak=True)
            return
        if fld == "department_form":
            self.form.department_form = True  # 部门（单位）名称, 部门职责: a unit's 整体 form
            if lab.also:  # ... or, on a project's form (项目名称 | … / 部门名称 | 某市档案馆, 濮阳), the office it is of
                self.set_field(lab.also, strip_code(text), origin, tok, True)
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
                self.set_field(fld, amount, origin, weak=lab.weak)
            return
        if fld == "year_or_goal":  # 年度 | 2026, or 年度 | the year's goal under a label cut to its head
            if len(tok.info.key) >= _CUT_GOAL_MIN:
                fld = "goal_annual"
            else:
                fld = "budget_year"
        if fld == "budget_year":  # 预算年度 | 2026
            years = years_in(text)
            if years and self.form.budget_label_year is None:
                self.form.budget_label_year = years[0]
            return
        if fld in GOALS and self.is_label_not_goal(tok):
            return
        if fld in NAMED_FIELDS:
            if fld in ("project_type", "project_level") and unmarked_options(text):
                return  # 1、一次性拨付项目 2、多次拨付项目 with no box ticked (nor drawn): none chosen
            text = strip_code(ticked(text))
        self.set_field(fld, text, origin, tok, lab.weak)
        if lab.also:  # 实施(主管)单位: the unit is the department too, unless a label of its own says otherwise
            self.set_field(lab.also, text, origin, tok, True)

    def period_text(self: Parser, text: str, origin: Origin, fld_is_value: bool = True) -> None:
        years = period_years(text, fld_is_value)
        if years:
            self.set_field("period_start", years[0], origin)
            self.set_field("period_end", years[1], origin)


def join_options(toks: list[Token]) -> list[Token]:
    """A check box list laid out one option a cell (□常年性 | ☑延续性 | □一次性) is one value."""
    out: list[Token] = []
    for t in toks:
        prev = out[-1] if out else None
        if prev is not None and is_option(t.info.text) and is_option(prev.info.text) and (
                joined := retoken(prev.info.text + " " + t.info.text, prev)) is not None:
            out[-1] = joined
            continue
        out.append(t)
    return out



def _label_reach(lr: LabelRow, spans_unknown: bool) -> list[tuple[int, float]]:
    """The grid columns each label of a row covers: its own span; in a text's grid (a spreadsheet or
    Markdown copy, where a merged cell is the label then empty cells: 财政资金（万元） | | | over 中央 | 省级 |
    市级资金), up to the next label's column."""
    out: list[tuple[int, float]] = []
    cols = [c.tok.col for c in lr.cells]
    for i, c in enumerate(lr.cells):
        start = c.tok.col or 0
        end: float = start + max(c.tok.span, 1)
        if spans_unknown:
            end = max(end, next((x for x in cols[i + 1:] if x is not None and x > start), float("inf")))
        out.append((start, end))
    return out
