"""Goals: 总体目标 / 年度目标 beside their texts or over them, a group label over
the goal labels, a goal that goes on over numbered lines. A label is never a goal."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import vocab
from ..models import Origin
from .cells import info_of, retoken

if TYPE_CHECKING:
    from .cells import Token
    from .parser import Parser

GOALS = ("goal_overall", "goal_annual")
_SENTENCE = re.compile(r"[^。]+。")
# a label's note standing alone under it (the key is NFKC: （80分） reads (80分)): no goal
LABEL_NOTE = re.compile(r"\([^()]{1,8}\)")
# a column's header with its unit after the goal labels (总体完成率(%) beside 年度预期目标 | 具体完成情况): no goal
_HEADER_UNIT = re.compile(r"\((?:%|‰|万元|元)\)$")
_HEADER_MOST = 12
# a numbered aim's number (目标1：, 1、, (1)), the words before it kept to compare with the next aim's
_AIM_NUMBER = re.compile(r"^(?P<lead>目标|\(?)(?P<n>\d+)[、.:：)]")


class GoalReader:
    """Parser methods for the goal fields."""

    def keeps_goal_labels(self: Parser, new_fields: list[str]) -> bool:
        """Goal labels side by side (实施周期总目标 | 年度目标, texts in the next row) arrive on
        separate lines only in one-cell-per-line text: there, earlier goal labels still wait
        for their texts when more goal labels come. In a table, a goal label left without
        its text on an earlier row had an empty cell, and must not take the next goal's text."""
        return bool(self._stream_doc and any(p.field in GOALS for p in self.pending)
                    and all(p.field in GOALS or p.field == "ignored" for p in self.pending)
                    and all(f in GOALS or f == "ignored" for f in new_fields))

    def drop_group_label(self: Parser, toks: list[Token]) -> None:
        """总体目标 over 年度目标 with one text under them: the group's label has none. One cell
        per line, the labels stand on lines of their own: one text when a label follows it, when
        the text is a numbered aim the next line goes on numbering (目标1：… / 目标2：…, one cell's lines),
        or a goal written as numbered items right under the two labels."""
        p = self.pending
        if len(p) > 1 and p[0].group and p[1].field in GOALS and (
                (p[0].row == p[1].row and len(toks) < sum(x.field in GOALS for x in p))
                or (self._stream_doc and len(toks) == 1 and (
                    self.next_is_label() or self.aims_go_on(toks[0])
                    or (p[1].row == p[0].row + 1 and vocab.GOAL_ITEM.match(toks[0].info.key))))):
            p.pop(0)

    def aims_go_on(self: Parser, tok: Token) -> bool:
        """Whether the text is the first of numbered aims the next line goes on with (目标1：… then 目标2：…)."""
        first = _AIM_NUMBER.match(tok.info.key)
        rows = self.doc.rows
        if first is None or self.row_index + 1 >= len(rows) or len(rows[self.row_index + 1].cells) != 1:
            return False
        nxt = _AIM_NUMBER.match(vocab.key(rows[self.row_index + 1].cells[0].text))
        return nxt is not None and nxt.group("lead") == first.group("lead") and \
            int(nxt.group("n")) == int(first.group("n")) + 1

    def next_is_label(self: Parser) -> bool:
        """Whether the next line that says something is a label, a column header or a level name."""
        for row in self.doc.rows[self.row_index + 1:self.row_index + 4]:
            for c in row.cells:
                info = info_of(c.text)
                if info is not None:
                    return bool(info.label or info.inline_label or info.role or info.block or info.scope or info.level1
                                or info.level2)
        return True

    def goals_run_together(self: Parser, tok: Token, origin: Origin) -> bool:
        """长期目标 | 年度目标 | one text of two sentences, a label after it (a table run together
        on one line): a sentence each. True when the text was read so."""
        p = self.pending
        if not (self._stream_doc and len(p) >= 2 and p[0].field == "goal_overall" and p[1].field == "goal_annual"
                and not p[0].group):
            return False
        sentences = _SENTENCE.findall(tok.text)
        if len(sentences) != 2 or "".join(sentences) != tok.text.strip() or not self.next_is_label():
            return False
        for sentence in sentences:
            lab = p.pop(0).label
            part = retoken(sentence, tok)
            if part is not None:
                self.assign(lab, part, origin)
        return True

    def aim_goes_on(self: Parser, tok: Token) -> bool:
        """Beside the goal reached (预期目标 | 实际完成情况), a line going on with the goal's numbering (目标1：…
        then 目标2：…) is the goal's next aim, not the goal reached: the goal's aims come all first, the
        goal reached's after them (numbered anew, 1.… 2.…). True, and the aim added, when it is such."""
        fld, aim = self.last_goal, self.goal_aim
        m = _AIM_NUMBER.match(tok.info.key)
        if fld is None or aim is None or m is None or (m.group("lead"), int(m.group("n"))) != (aim[0], aim[1] + 1):
            return False
        r = self.form.record
        setattr(r, fld, (getattr(r, fld) or "") + tok.text)
        self.goal_aim = (aim[0], aim[1] + 1)
        self.goal_aims_first = True
        self.last_goal_row = self.row_index
        return True

    def goal_subheader(self: Parser, toks: list[Token], labels: list[vocab.Label | None], i: int) -> bool:
        """年度总体目标 | 总体目标 | 总体目标完成情况: the row's label names the goal; the general goal label after
        it, the goal reached's beside it, heads the goal's column under it (a 自评表's goal row), and names no
        goal of its own. True when the label at `i` is such."""
        if not (i and toks[i].info.key in vocab.GROUP_GOAL_LABELS and i + 1 < len(toks)):
            return False
        before, after = labels[i - 1], labels[i + 1]
        return (before is not None and before.field in GOALS and after is not None and after.field == "ignored"
                and bool(vocab.RUN_ON_GOAL_REACHED.search(toks[i + 1].info.key)))

    def goal_before_reached(self: Parser, tok: Token) -> Token:
        """总体目标 | 总体目标完成情况 over one text `某目标。 截至年底完成…` (rows one space apart, the goal's cell and
        the goal reached's run into one): the goal is the text up to its last sentence before the space, when
        the goal reached's label waits beside it; the goal reached's text is no goal."""
        if not any(q.field == "ignored" and vocab.RUN_ON_GOAL_REACHED.search(q.key) for q in self.pending):
            return tok
        head, _, tail = tok.text.partition("。 ")
        if not tail.strip() or "。 " in tail:
            return tok
        part = retoken(head + "。", tok)
        if part is None:
            return tok
        self.pending = [q for q in self.pending if not (q.field == "ignored" and vocab.RUN_ON_GOAL_REACHED.search(q.key))]
        return part

    @staticmethod
    def aim_of(tok: Token) -> tuple[str, int] | None:
        """A goal's first numbered aim (目标1：… -> ("目标", 1)), None when it is not numbered."""
        m = _AIM_NUMBER.match(tok.info.key)
        return (m.group("lead"), int(m.group("n"))) if m else None

    def is_goal_score(self: Parser, tok: Token) -> bool:
        """One cell per line, a 自评表: the goal row's points after its labels (预期目标 | 目标实际完成情况 | 20)
        are no goal, nor is the label's note broken onto a line of its own (年度绩效目标 / （80分）, 项目总体绩效目标
        / （长期目标）), nor a column's header with its unit after the goal labels (年度预期目标 / 具体完成情况 /
        总体完成率(%)); the goal label waits for its text."""
        k = tok.info.key
        return bool(self._stream_doc and self.pending and self.pending[0].field in GOALS
                    and (vocab.SCORE_POINTS.match(k) or LABEL_NOTE.fullmatch(k)
                         or (len(k) <= _HEADER_MOST and k[-1:] == ")" and _HEADER_UNIT.search(k))))

    def reached_is_next(self: Parser) -> bool:
        """Whether the label waiting next is the goal reached's column (目标实际完成情况), beside the goal."""
        return bool(self.pending and self.pending[0].field == "ignored"
                    and vocab.RUN_ON_GOAL_REACHED.search(self.pending[0].key))

    def texts_under_goal_labels(self: Parser) -> bool:
        """One cell a line, 预期目标 / 实际完成情况 then their texts: the goal label and the goal reached's wait,
        so the next line, even a label read by meaning only (某某补助经费), is the goal's text. (The goal reached's
        text after the goal's is so too: see `header_row`.)"""
        return bool(self._stream_doc and self.pending[0].field in GOALS
                    and vocab.RUN_ON_GOAL_REACHED.search(self.pending[-1].key))

    @staticmethod
    def is_label_not_goal(tok: Token) -> bool:
        """A cell under a goal label that is itself a label, a column header or the indicator
        block's label (绩效指标) is no goal; a label read by meaning only (某某补助经费, soft) is."""
        lab = tok.info.label
        return bool(tok.info.role or tok.info.level1 or (lab and not lab.soft) or tok.info.block)

    def goal_goes_on(self: Parser, tok: Token, alone: bool = False) -> bool:
        """A goal written as numbered aims goes on over the lines below (目标1：… / 目标2：…): one
        cell per line, or (`alone`) a row holding only the next aim right under the goal's row
        (the goal's label merged down two rows: 本年度绩效目标 | 1.… then | 2.…)."""
        fld = self.last_goal
        r = self.form.record
        if not fld or not (self.is_stream_doc() or (alone and self.last_goal_row == self.row_index - 1)):
            return False
        if not vocab.GOAL_ITEM.match(tok.info.key) or not getattr(r, fld):
            return False
        if not vocab.GOAL_ITEM.match(vocab.key(getattr(r, fld))):
            return False  # a goal in one sentence: a numbered line after it is the form's next section (七、项目支出…)
        self.goal_lines += 1
        if self.goal_beside_reached and self.goal_lines % 2 == 0:
            self.last_goal_row = self.row_index
            return True  # the goal set and the goal reached, row by row: every second line is the goal reached
        setattr(r, fld, getattr(r, fld) + tok.text)
        self.last_goal_row = self.row_index
        return True
