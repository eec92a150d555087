"""One cell per line: text copied so that every cell stands on its own line. The
indicator block is collected, then split into rows by what each cell says."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import vocab
from ..models import Origin
from .cells import VALUE_CLASSES, Token, cell_class, indicator_name, info_of, retoken
from .columns import Column, segment_roles, segment_rows, value_columns
from .values import parse_amount, strip_code

if TYPE_CHECKING:
    from .parser import Parser

# a text with at most this share of rows holding two cells or more is one cell per line (the rest: web chrome)
_STREAM_MULTI = 0.1
# ... counted from the form's title when one stands alone within this many rows of the text's start
_STREAM_TITLE_REACH = 60
# a list's 年度目标 cell holds a sentence: a shorter cell classed a word or qualitative value is no goal
_GOAL_MIN = 10


class LineReader:
    """Parser methods for one-cell-per-line text."""

    def is_stream_doc(self: Parser) -> bool:
        """One cell per line: rows carry no grouping, so indicator cells are grouped by count."""
        if self._stream_doc is None:
            # (the page's chrome above the form's title, a metadata table of 索引号 | … rows, says nothing of it)
            start = next((k for k, r in enumerate(self.doc.rows[:_STREAM_TITLE_REACH])
                          if len(r.cells) == 1 and vocab.is_form_title(r.cells[0].text)), 0)
            rows = self.doc.rows[start:start + 200]
            self._stream_doc = self.doc.format == "txt" and sum(len(r.cells) > 1 for r in rows) <= len(rows) * _STREAM_MULTI

        return self._stream_doc

    def header_broken_over_lines(self: Parser, tok: Token) -> Column | None:
        """One cell per line: 年度 / 指标值 is the column 年度指标值 broken over two lines; 绩效目标 right after
        the 指标名称 column is the target's."""
        if (tok.info.key in vocab.TARGET_HEADERS_AFTER_NAME and self.header_build
                and self.header_build[-1].role == "name"):
            return Column("annual", None, 1, tok.text)  # 指标名称 / 绩效目标: the target's column, no goal
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

    def list_columns_before(self: Parser) -> list[Column]:
        """One cell per line: the project columns of a list (单位 | 项目名称 | 预算数 | 年度目标 |
        一级指标 …), the labels on the lines right before its first level column, none when
        the project's name is not among them."""
        if not self._stream_doc:
            return []
        cols: list[Column] = []
        k = self.row_index - 1
        while k >= 0 and len(cells := self.doc.rows[k].cells) == 1 and (info := info_of(cells[0].text)) is not None:
            if info.role == "unit" and info.key in vocab.LIST_UNIT_HEADERS:
                cols.insert(0, Column("field:implementing_unit", None, 1, info.text))
            elif info.role is None and (lab := vocab.spelled_label(info.text)) is not None and lab.field != "ignored":
                # a label by its spelling: one read by meaning only (某某补助资金) is rather the value of the one above
                cols.insert(0, Column("field:" + lab.field, None, 1, info.text))
            else:
                break
            k -= 1
        return cols if any(c.role == "field:project_name" for c in cols) else []

    # one cell per line: the indicator block is collected, then split into rows by content
    def current_level2(self: Parser) -> str | None:
        """The 二级 in effect: one cell per line, the last one collected and not yet read."""
        for tok in reversed(self.form.stream):
            if tok.info.level2:
                return tok.info.level2
        return self.form.level2

    def under_cost_level(self: Parser) -> bool:
        """Whether the rows read now stand under 成本指标 (one cell per line: the last level collected)."""
        for tok in reversed(self.form.stream):
            if tok.info.level1 or tok.info.level2:
                return vocab.COST_LEVEL1 in (tok.info.level1, vocab.LEVEL2_PARENT.get(tok.info.level2 or ""))
        return self.form.level1 == vocab.COST_LEVEL1

    def stream_token(self: Parser, tok: Token, origin: Origin) -> None:
        stream = self.form.stream
        if tok.info.key == "指标" and stream and (
                vocab.level1_of(stream[-1].text + "指标") or vocab.level2_of(stream[-1].text + "指标")):
            joined = info_of(stream[-1].text + "指标")  # 经济效益 / 指标: a level name broken over two lines
            if joined is not None:
                stream[-1] = Token(joined.text, None, 1, stream[-1].markup, joined)
            return
        if vocab.ELLIPSIS.match(tok.info.key) or not indicator_name(tok.text):
            return  # "……", "指标2：" left unfilled
        if stream and (stream[-1].info.level1 or stream[-1].info.level2) and vocab.LEVEL_SCORE.match(tok.info.key):
            return  # 产出指标 / (40-50)分: the level's points on a line of their own

        self.form.stream.append(tok)
        self.form.stream_origins.append(origin)

    def stream_is_level(self: Parser, tok: Token, after_level2: str | None, nxt: Token | None) -> bool:
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

    def flush_stream(self: Parser) -> None:
        f = self.form
        if not f.stream:
            return
        toks, origins = f.stream, f.stream_origins
        f.stream, f.stream_origins = [], []
        _join_level_wrapped_around_row(toks, origins)
        if f.side_by_side:
            self.flush_side_by_side(toks, origins)
            return
        roles = segment_roles(f.values or value_columns(()))  # (指标解释: a column of words)
        run: list[int] = []
        after_level2: str | None = None
        for k, tok in enumerate(toks):
            if self.stream_is_level(tok, after_level2, toks[k + 1] if k + 1 < len(toks) else None):
                project = self.list_row_start([toks[j] for j in run]) if f.list_table else []
                lead = run[:len(run) - len(project)]
                if project and len(lead) == 2 and self.department_total([toks[j] for j in lead]):
                    lead = []  # 820-某镇部门 / 1,236,500.00 before the unit's first project: the department's total
                if project and lead and self.unit_in_name_column(toks[lead[-1]]):
                    self.list_unit = toks[lead[-1]].text  # 某县某某局 / 某项目 / 年度目标…: the projects' unit
                    lead = lead[:-1]
                self.emit_run(lead, toks, origins, roles)
                if project:
                    self.take_list_fields(project, origins[run[len(run) - len(project)]])
                run = []
                self.take_level(tok)
                after_level2 = self.form.level2 if tok.info.level2 else None
                continue
            after_level2 = None
            run.append(k)
        self.emit_run(run, toks, origins, roles)

    def list_row_start(self: Parser, cells: list[Token]) -> list[tuple[Column, Token]]:
        """One cell per line, a list of projects: the cells before a level name that open a
        project's row (单位 | 项目名称 | 预算数 | 年度目标, cells merged down over the project's
        rows gone), each with its column; [] when they all are the row before's values.

        The row's cells fill the last of the project columns, the name's among them; each
        must read as its column does (a unit an organisation's name, the amount a bare number, a goal
        more than a word, none a unit or operator), so 张 | 10 | 正向 at the end of a 三级's row
        is no project."""
        fields = [c for c in self.form.columns if c.role.startswith("field:")]
        for n in range(min(len(fields), len(cells)), 0, -1):
            cols = fields[len(fields) - n:]
            if not any(c.role == "field:project_name" for c in cols):
                break
            if len(cells) - n == 1 and not self.unit_in_name_column(cells[0]):
                continue  # a 三级 alone before them: no value
            tail = cells[len(cells) - n:]
            if all(_reads_as(c.role[6:], t.text) for c, t in zip(cols, tail)):
                return list(zip(cols, tail))
        return []

    def unit_in_name_column(self: Parser, tok: Token) -> bool:
        """A list whose name column holds its units' names too (单位名称、项目名称, no 单位 column of its own): an
        office's name (某县某某局) standing alone before a project's cells is the unit of the projects below."""
        cols = self.form.columns
        return (vocab.ORG_NAME_END.search(strip_code(tok.text)) is not None
                and not (tok.info.level1 or tok.info.level2)
                and any(c.role == "field:project_name" and "单位" in c.header for c in cols)
                and not any(c.role in ("field:implementing_unit", "field:department") for c in cols))

    def flush_side_by_side(self: Parser, toks: list[Token], origins: list[Origin]) -> None:
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
        for n, (tok, origin) in enumerate(zip(toks, origins)):
            info = tok.info
            nxt = toks[n + 1] if n + 1 < len(toks) else None
            # the same 二级 again right after it, then a value: the 三级 spelled like it (服务对象满意度指标 |
            # 服务对象满意度 | ≥90%), not the right half's opening (时效指标 | 时效指标 | name)
            named = (info.level2 is not None and info.level2 == self.form.level2 and not after_level1 and not run
                     and start is not None and nxt is not None and cell_class(indicator_name(nxt.text)) in VALUE_CLASSES)
            if (info.level1 or info.level2) and not named:
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

    def emit_run(self: Parser, run: list[int], toks: list[Token], origins: list[Origin], roles: tuple[str, ...]) -> None:
        if not run:
            return
        cells = [toks[k] for k in run]
        keys = [t.info.key for t in cells]
        repeats = tuple(k > 0 and keys[k] == keys[k - 1] for k in range(len(keys))) if len(set(keys)) < len(keys) else ()
        starts = segment_rows(tuple(cell_class(indicator_name(t.text)) for t in cells), roles, repeats)  # 指标1：… is a name
        ends = (*starts[1:], len(cells))
        head: Token | None = None  # a name alone before the next row's: the first line of a name its cell wrapped
        for n, (a, b) in enumerate(zip(starts, ends)):
            row = cells[a:b]
            if head is not None and (joined := retoken(head.text + row[0].text, head)) is not None:
                row = [joined, *row[1:]]
            head = None
            if b - a == 1 and n + 1 < len(starts) and ends[n + 1] - starts[n + 1] > 1 and _wrapped_name(row[0]):
                head = row[0]  # 打造城市马拉松 / 长跑品牌赛事 / 影响可持续: one name over two lines, then its value
                continue
            self.add_indicator(row, origins[run[a]])


def _wrapped_name(tok: Token) -> bool:
    """A name that may go on over the next line: words, no sentence ended, no unfilled item (指标2：)."""
    k = tok.info.key
    return cell_class(k) in ("name", "text", "word") and not k.endswith(("。", ";", ":")) and indicator_name(tok.text) == tok.text


def _join_level_wrapped_around_row(toks: list[Token], origins: list[Origin]) -> None:
    """One cell a line, a 二级 name wrapped in its narrow cell comes with its row's cells between its pieces
    (`社会公众或服务` / `政策满意度` / `≥90%` / `对象满意度指标`: the page's text gives the cell's first line, the
    row's other cells, then the cell's second line). The pieces are one level name again, where the row opens."""
    for j in range(len(toks) - 1, _WRAP_REACH_MIN - 1, -1):
        tail = toks[j].info
        if not tail.key.endswith("指标") or tail.level1 or tail.level2:
            continue  # (the cheap question first: only a piece ending as a level name does)
        for k in range(j - _WRAP_REACH_MIN, max(-1, j - _WRAP_REACH_MAX - 1), -1):
            head = toks[k].info
            if head.level1 or head.level2 or head.label:
                break
            joined = info_of(toks[k].text + toks[j].text)
            if joined is not None and (joined.level2 or joined.level1):
                toks[k] = Token(joined.text, None, 1, toks[k].markup, joined)
                del toks[j], origins[j]
                break


# the row's cells a wrapped level name's pieces stand around: a name and its value at least, a few more at most
_WRAP_REACH_MIN = 3
_WRAP_REACH_MAX = 4


def _reads_as(field: str, text: str) -> bool:
    """Whether a cell may stand in a list's project column (see `list_row_start`)."""
    amount = parse_amount(text, None)
    cls = cell_class(text)
    if field == "budget_amount":
        return amount is not None and cls == "num"
    if amount is not None or cls in ("op", "unit"):
        return False
    if field in ("implementing_unit", "department"):
        return bool(vocab.ORG_NAME_END.search(strip_code(text)))
    if field.startswith("goal"):  # a goal is a sentence, not 正向 or 有效提升
        return cls in ("text", "name") or len(vocab.key(text)) >= _GOAL_MIN
    return True
