"""Where one form ends and the next begins: titles, （续） continuations, a 项目名称 row
that starts the next project, notes under a table; and the record a finished form gives."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import vocab
from ..models import Record
from .cells import INLINE, SIGN_OFF, cell_class, info_of
from .notice import read_prose_notice
from .prose import prose_targets
from .state import FormState
from .values import years_in

if TYPE_CHECKING:
    from .cells import Token
    from .parser import Parser

# rows looked at after a repeated title for the 项目名称 of a new form
_NAME_LOOKAHEAD = 8


class FormBoundaries:
    """Parser methods that open, continue and close forms."""

    def new_form(self: Parser, keep_table: bool = False, same_section: bool = False, untitled: bool = False) -> None:
        """Start the next form. `same_section`: it follows in the same table with no title of its
        own (projects stacked in one table): it shares the title's kind and money unit, and its
        year when the form says none of its own, not even a one-year period (某局2024年度项目支出
        绩效目标表 over all of them). `untitled`: it starts at a 项目名称 row with no title before it
        (the next table of a document holding a series of forms under one title): it shares the
        title's kind and year the same way, not its money unit."""
        old = self.form
        self.close_form()
        self.form = FormState(money_unit=self.next_money_unit, money_unit_noted=self.next_money_unit is not None)
        if same_section or untitled:
            self.form.kind, self.form.titles = old.kind, set(old.titles)
            name_at = old.record.provenance.get("project_name")
            if not same_section or (name_at is not None and name_at.table == self.doc.rows[self.row_index].table):
                self.form.section_year = old.title_year or old.section_year  # the table's projects, one title
        if same_section:
            self.form.money_unit = self.form.money_unit or old.money_unit
        self.next_money_unit = None
        self.next_unit_line = False
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

    def close_form(self: Parser) -> None:
        self.flush_stream()
        if not self.form.has_content():
            if self.form.titles and self.form.kind in vocab.REFUSED_KINDS and not self.form.kind_from_heading:
                # a 部门整体 form titled so, with no project or indicator read (its tasks are the department's)
                self.refused = self.refused or vocab.REFUSED_KINDS[self.form.kind]
            elif self.form.scoring:
                self.refused = self.refused or vocab.SCORING_FORM_REASON
            elif self.form.titles and self.form.columns:
                self.refused = self.refused or vocab.BLANK_FORM_REASON  # labels and columns, nothing filled in
            return
        reason = vocab.REFUSED_KINDS.get(self.form.kind)
        if reason and self.form.kind_from_heading and self.form.record.project_name:
            reason, self.form.kind = None, vocab.DEFAULT_FORM_KIND  # a heading above a project's own form
        if self.form.department_form and not self.form.record.project_name:
            reason = vocab.REFUSED_KINDS["部门整体绩效目标表"]
        if self.form.scoring and not self.form.record.indicators:
            reason = vocab.SCORING_FORM_REASON  # points for 项目决策 / 项目管理 / 项目绩效, no target anywhere
        if reason:
            self.refused = reason
            return
        self.forms.append(self.form)

    def title(self: Parser, toks: list[Token]) -> None:
        """A form's title: a new form unless it says （续）, or stands at the head of a page (the
        form's own title again, or any title inside the indicator table) with no 项目名称 of its
        own after it; what kind of form it is; its year."""
        info = toks[0].info
        if info.continued or (len(toks) > 1 and toks[1].info.continued):
            self.continuing = True
            return
        if self.form.prose_fields and not self.form.titles and not self.form.record.indicators:
            self.forget_fields(self.form.prose_fields)  # the article's numbered items above the form: not its fields
            self.form.prose_fields.clear()
        r = self.form.record
        lab = vocab.header_field(r.project_name) if r.project_name and not r.indicators else None
        if lab is not None and (not lab.soft or lab.unit is not None):
            # the "name" is a column header of a table above the form (项目名称 | 补助金额（万元） in a notice's
            # 安排情况表, after a title the notice's list of attachments named): a label proper, or a money
            # label with its unit, is no project of a form (某某补助资金（一般公共预算） is)
            r.project_name = None
            r.provenance.pop("project_name", None)
        years = years_in(" ".join(t.info.key for t in toks))
        # a title naming another year than the form's own opens the next form (two years' lists
        # stacked in one sheet), wherever it stands
        other_year = bool(years) and self.form.title_year is not None and years[0] != self.form.title_year
        if (self.form.has_content() and not other_year
                and (info.key in self.form.titles or self.mode == "indicators") and not self.name_follows()):
            self.continuing = True
            return
        if self.form.has_content():
            self.new_form()
        else:
            # money or a unit read before this title, with no project: a table above the form (资金分配表's
            # 补助金额 | 1, 合计 | 10, or 序号 | 预算单位 | 老年人福利, under a notice that names the form),
            # not the form's own
            for fld in _TABLE_ABOVE_FIELDS:
                if getattr(self.form.record, fld) is not None:
                    setattr(self.form.record, fld, None)
                    self.form.record.provenance.pop(fld, None)
        if self.form.titles and self.form.kind in vocab.REFUSED_KINDS and not self.form.kind_from_heading:
            # a 部门整体 form titled so with nothing read under it, another title after it (整体绩效目标表, then
            # 一般性项目绩效目标表 cut off): what the page held was that form
            self.refused = self.refused or vocab.REFUSED_KINDS[self.form.kind]
        self.form.titles.add(info.key)
        if self.form.first_title is None:
            self.form.first_title = info.key
        self.form.kind = vocab.form_kind(info.key)
        self.form.kind_from_heading = False  # a 表 title says the kind now, not the page's heading above it
        if years:
            self.form.title_year = years[0]

    def name_follows(self: Parser) -> bool:
        """Whether a 项目名称 label comes in the rows right after this one (before any table), naming
        another project than the form's own (after a page mark, a page header repeating the form's name
        continues it)."""
        start = self.row_index + 1
        rows = self.doc.rows
        for at, row in enumerate(rows[start:start + _NAME_LOOKAHEAD], start):
            for j, c in enumerate(row.cells):
                info = info_of(c.text)
                if info is None:
                    continue
                lab = info.label or info.inline_label
                if lab is not None and lab.field == "project_name":
                    own = self.form.record.project_name
                    if own is None or not self.after_page_mark:
                        return True
                    if info.inline_label and (m := INLINE.match(c.text)):
                        value = m.group(2)
                    elif rest := [x.text for x in row.cells[j + 1:] if not x.covered and x.text.strip()]:
                        value = rest[0]
                    else:
                        value = rows[at + 1].cells[0].text if at + 1 < len(rows) and rows[at + 1].cells else ""
                    return vocab.key(value) != vocab.key(own)
                if info.role or info.level1 or info.level2:
                    return False
        return False

    def repeats_name(self: Parser, toks: list[Token]) -> bool:
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

    def value_follows(self: Parser) -> bool:
        """One cell per line: whether the next line is an indicator's value (9000, ≥85%), not a label or a name."""
        rows = self.doc.rows
        nxt = rows[self.row_index + 1].cells if self.row_index + 1 < len(rows) else []
        return len(nxt) == 1 and cell_class(nxt[0].text) in ("num", "op", "unit")

    def is_note(self: Parser, toks: list[Token], label: vocab.Label | None) -> bool:
        """"填表人：李明", "联系电话", "注：…": a line under the table, not an indicator."""
        info = toks[0].info
        if vocab.SUB_ROW.match(info.key) and not (label is not None and label.public_part) and (
                len(toks) > 1 or (self._stream_doc and self.value_follows())):
            return False  # 其中：新造林面积 | 30000 under 实施营造林总面积: a part of the row above, not a note
        if (label is not None and label.field == "ignored" and not label.soft) or (
                ":" in info.key and vocab.NOTE_LINE.match(info.key) is not None):
            return not vocab.TOTAL_ROW.match(info.key)
        if len(toks) == 1 and not (info.level1 or info.level2) and not self._stream_doc and (
                vocab.TABLE_NOTE.search(info.key) or (vocab.SIGNATURE_LINE.match(info.key) and not self.form.list_table
                                                      and self.form.record.indicators)):
            return True  # one cell per line, a lone line is a 三级 or a value (2026年12月); 某县某局 heads a list's projects
        return any(t.info.flags & SIGN_OFF for t in toks)  # (vocab.SIGN_OFF, read once a text: CellInfo.flags)

    def finish(self: Parser, f: FormState) -> Record:
        r = f.record
        if f.prose_notice is not None:
            read_prose_notice(self, f)
        if f.budget_bare and r.budget_amount is not None and r.budget_amount in self.wan_amounts:
            r.budget_amount = round(r.budget_amount * 10000, 2)  # "现将…资金300万元下达" above a bare 300
        if r.budget_amount is None and f.period_budget is not None:
            r.budget_amount = f.period_budget
        r.budget_year = f.budget_label_year or f.goal_year or f.title_year
        if r.budget_year is None and r.period_start and r.period_start == r.period_end:
            r.budget_year = r.period_start
        if r.budget_year is None:
            r.budget_year = f.section_year or self.notice_year
        r.form_kind = f.kind
        r.project_list = f.list_table
        if r.project_name is None and not f.name_label and r.indicators and f.first_title and not f.list_table:
            r.project_name = vocab.title_project(f.first_title)  # 2019年度某县某某项目绩效评价指标表: named only there
        if not r.indicators:  # no indicator table: the targets may stand as prose in the goal cell
            for fld in ("goal_annual", "goal_overall"):
                if found := prose_targets(getattr(r, fld), r.provenance.get(fld)):
                    r.indicators, r.has_period_column = found, False
                    break
        return r


# what a table above a form's title (an allocation table) may leave that is not the form's
# (or a notice's sentence cut at a label, 依据…和绩效目标（附件2），做好…: no goal of the form's)
_TABLE_ABOVE_FIELDS = ("budget_amount", "implementing_unit", "goal_overall", "goal_annual")
