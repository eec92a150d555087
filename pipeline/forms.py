"""RawDocument rows -> records.

Cells are placed by what they say, never by position alone: header labels
(项目名称, 实施单位, 2026年预算金额(元) ...) name the field of the value after them,
the known 一级/二级 names are recognised wherever they stand (merged cells vanish
in copied text, so a row may start at column 0, 1 or 2), and an indicator row's
remaining cells are its 三级指标 and its values, mapped onto the columns its header
row declared. Grid columns (`Cell.col`, from docx and ruled pdf) only break ties.

Forms are found by content: a 项目绩效目标表 title, or a 项目名称 row once the current
form has its name or indicators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import vocab
from .document import RawDocument, Row
from .models import Finding, Indicator, Origin, Record
from .targets import has_number, is_unit, parse_target
from .text import clean, garbled_snippet

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_AMOUNT = re.compile(r"-?\d+(?:,\d{3})*(?:\.\d+)?|-?\d*\.\d+")
_GOALS = ("goal_overall", "goal_annual")
_INLINE = re.compile(r"^([^:：]{2,16})[:：]\s*(.*)$", re.DOTALL)


@dataclass(slots=True, frozen=True)
class _Info:
    """What a cell's text says, worked out once per distinct text."""

    text: str
    markup: bool
    key: str
    role: str | None  # column header role
    label: tuple[str, dict[str, str]] | None  # header field label
    level1: str | None
    level2: str | None
    title: bool
    year_line: bool
    garbled: str | None  # (cid:NN), U+FFFD or mojibake found in the text
    inline_label: tuple[str, dict[str, str]] | None  # "项目名称：某某" -> the label's field


@lru_cache(maxsize=65536)
def _info(raw: str) -> _Info | None:
    text, markup = clean(raw)
    if not text:
        return None
    k = vocab.key(text)
    return _Info(text, markup, k, vocab.column_role(text), vocab.header_field(text), vocab.level1_of(text),
                 vocab.level2_of(text), vocab.is_form_title(text), bool(vocab.YEAR_LINE.match(k)), garbled_snippet(text),
                 _inline_label(text))


def _inline_label(text: str) -> tuple[str, dict[str, str]] | None:
    if ":" not in text and "：" not in text:
        return None
    m = _INLINE.match(text)
    return vocab.header_field(m.group(1)) if m and not vocab.header_field(text) else None


@dataclass(slots=True)
class _Tok:
    text: str
    col: int | None
    span: int
    markup: bool
    info: _Info


def _tok(text: str, col: int | None, span: int) -> _Tok | None:
    info = _info(text)
    return None if info is None else _Tok(info.text, col, span, info.markup, info)


@dataclass
class _Form:
    record: Record = field(default_factory=Record)
    money_unit: str | None = None  # 万元 from a 项目资金(万元) section label
    budget_label_year: int | None = None
    goal_year: int | None = None
    title_year: int | None = None
    # indicator table columns: list of (role, col, span)
    columns: list[tuple[str, int | None, int]] = field(default_factory=list)
    level1: str | None = None
    level2: str | None = None
    stream: list[_Tok] = field(default_factory=list)  # one-cell-per-line indicator tokens
    stream_origin: Origin | None = None
    stream_origins: list[Origin] = field(default_factory=list)

    def has_content(self) -> bool:
        r = self.record
        return bool(r.project_name or r.indicators)


class _Parser:
    def __init__(self, doc: RawDocument):
        self.doc = doc
        self.forms: list[_Form] = []
        self.form = _Form()
        self.mode = "header"
        # pending header labels: (field, extras, origin, row index)
        self.pending: list[tuple[str, dict[str, str], Origin, int]] = []
        self.row_index = 0
        self.header_build: list[tuple[str, int | None, int]] | None = None  # column header over several rows
        self._stream_doc: bool | None = None
        self.next_money_unit: str | None = None

    # ------------------------------------------------------------------ driver

    def run(self) -> list[Record]:
        for i, row in enumerate(self.doc.rows):
            self.row_index = i
            self.feed(row)
        self.close_form()
        return [self.finish(f) for f in self.forms]

    def origin(self, row: Row) -> Origin:
        return Origin(row.page, row.table, row.row)

    def new_form(self) -> None:
        self.close_form()
        self.form = _Form(money_unit=self.next_money_unit)
        self.next_money_unit = None
        self.mode = "header"
        self.pending = []
        self.header_build = None

    def close_form(self) -> None:
        self.flush_stream()
        if self.form.has_content():
            self.forms.append(self.form)

    # ------------------------------------------------------------------ one row

    def tokens(self, row: Row) -> list[_Tok]:
        return [_Tok(info.text, c.col, c.span, info.markup, info) for c in row.cells
                if (info := _info(c.text)) is not None]

    def feed(self, row: Row) -> None:
        toks = self.tokens(row)
        if not toks:
            return
        origin = self.origin(row)
        first = toks[0].text
        i0 = toks[0].info
        if len(toks) == 1 and i0.title:
            if self.form.has_content():
                self.new_form()
            m = _YEAR.search(first)
            if m:
                self.form.title_year = int(m.group(1))
            return
        if len(toks) == 1 and i0.year_line and not self.pending:
            self.form.title_year = int(_YEAR.search(first).group(1))  # "（2025年度）" under the title
            return
        if len(toks) <= 3 and self.money_unit_note(toks):
            return
        if row.table is None and self.doc.format != "txt":
            return  # paragraphs between tables carry no fields

        roles = [t.info.role for t in toks]
        if (roles.count(None) <= len(roles) - 2
                and ("level1" in roles or "level2" in roles or "name" in roles)):
            self.set_columns(toks, roles)
            return
        if len(toks) == 1 and roles[0] and self.mode != "indicators" and self.header_build is not None:
            self.header_build.append((roles[0], toks[0].col, toks[0].span))
            return
        if len(toks) == 1 and roles[0] == "level1" and self.mode == "header":
            # one cell per line: the column header comes one label a line
            self.header_build = [(roles[0], toks[0].col, toks[0].span)]
            return
        if self.header_build is not None:
            cols = self.header_build
            self.header_build = None
            self.form.columns = cols
            self.mode = "indicators"

        # indicator rows with no column header before them: assume 实施周期指标值 | 年度指标值
        if self.mode == "header" and not self.pending and (i0.level1 or (
                len(toks) > 1 and i0.key in vocab.INDICATOR_BLOCK_LABELS and toks[1].info.level1)):
            self.form.columns = []
            self.mode = "indicators"
        # a header label starts a new form when the current one already has its name
        label = i0.label or i0.inline_label
        if label and label[0] == "project_name" and self.form.has_content() and not self.repeats_name(toks):
            self.new_form()
        if self.mode == "indicators":
            if not i0.level1 and not i0.level2 and (
                    (label and label[0] != "ignored") or self.is_note(i0, label)):
                self.flush_stream()  # a header label, or a note under the table (填表人：李明), ends it
                self.mode = "header"
            else:
                self.indicator_row(toks, origin)
                return
        self.header_row(toks, origin)

    @staticmethod
    def is_note(info: _Info, label: tuple[str, dict[str, str]] | None) -> bool:
        """"填表人：李明", "联系电话", "注：…": a line under the table, not an indicator."""
        return (label is not None and label[0] == "ignored") or (
            ":" in info.key and vocab.NOTE_LINE.match(info.key) is not None)

    def repeats_name(self, toks: list[_Tok]) -> bool:
        """A second table (绩效指标表) that repeats the 项目名称 of the form above, before any
        indicator, continues that form."""
        r = self.form.record
        if r.indicators or self.form.stream or not r.project_name:
            return False
        t = toks[0]
        if len(toks) > 1:
            value = toks[1].info.key
        elif t.info.inline_label:
            value = vocab.key(_INLINE.match(t.text).group(2))
        else:  # one cell per line: the value is the next line
            rows = self.doc.rows
            nxt = rows[self.row_index + 1].cells if self.row_index + 1 < len(rows) else []
            value = vocab.key(nxt[0].text) if nxt else ""
        return value == vocab.key(r.project_name)

    def money_unit_note(self, toks: list[_Tok]) -> bool:
        """"单位：万元" above a table: amounts whose label names no unit are in it."""
        for t in toks:
            m = vocab.MONEY_UNIT_NOTE.match(t.info.key) if "单位" in t.info.key else None
            if m:
                if self.form.has_content() or self.mode == "indicators":
                    self.next_money_unit = m.group("unit")  # the note of the next form
                else:
                    self.form.money_unit = m.group("unit")
                return True
        return False

    # ------------------------------------------------------------------ header fields

    def split_inline(self, toks: list[_Tok]) -> list[_Tok]:
        """"主管部门：某某局" in one cell -> label and value tokens."""
        if not any(t.info.inline_label for t in toks):
            return toks
        out = []
        for t in toks:
            m = _INLINE.match(t.text) if t.info.inline_label else None
            if m:
                for part in (m.group(1), m.group(2)):
                    pt = _tok(part, t.col, t.span)
                    if pt is not None:
                        pt.markup = t.markup
                        out.append(pt)
            else:
                out.append(t)
        return out

    def header_row(self, toks: list[_Tok], origin: Origin) -> None:
        toks = self.split_inline(toks)
        labels = [t.info.label for t in toks]
        if any(labels):
            new_fields = [lab[0] for lab in labels if lab]
            # goal labels side by side (实施周期总目标 | 年度目标, texts in the next row) arrive on separate
            # lines only in one-cell-per-line text; in a table, a goal label left without its text on an
            # earlier row had an empty cell, and must not take the next goal's text
            keep = (self.is_stream_doc() and self.pending and all(p[0] in _GOALS for p in self.pending)
                    and all(f in _GOALS for f in new_fields))
            if not keep:
                self.pending = [p for p in self.pending if p[3] == self.row_index]
        for i, (tok, lab) in enumerate(zip(toks, labels)):
            if lab:
                fld, extras = lab
                self.note_label(fld, extras)
                if fld == "period":
                    self.period_text(tok.text, origin, False)  # "实施周期(2022-2024年)"
                # a second label for the same field replaces the first (总体绩效目标 -> 实施周期总目标)
                # a section label directly followed by a label has no value of its own (项目资金(万元) | 年度资金总额)
                while self.pending and self.pending[-1][0] == "ignored":
                    self.pending.pop()
                # 项目类型 | (empty) | 项目等级 | 二级项目: a label followed by a label and then a value in
                # the same row had an empty cell (goal labels side by side take their texts from the next row)
                if (i and labels[i - 1] and i + 1 < len(toks) and not labels[i + 1] and self.pending
                        and self.pending[-1][3] == self.row_index
                        and not (self.pending[-1][0] in _GOALS and fld in _GOALS)):
                    self.pending.pop()
                superseded = {fld} | ({"period"} if fld in ("period_start", "period_end") else set())
                self.pending = [p for p in self.pending if p[0] not in superseded or p[0] == "ignored"]
                self.pending.append((fld, extras, origin, self.row_index))
                continue
            if not self.pending:
                continue
            fld, extras, _, _ = self.pending.pop(0)
            self.assign(fld, extras, tok, origin)

    def note_label(self, fld: str, extras: dict[str, str]) -> None:
        f = self.form
        if fld == "ignored" and extras.get("unit"):
            f.money_unit = extras["unit"]
        if fld == "budget_amount" and extras.get("year"):
            f.budget_label_year = int(extras["year"])
        if fld == "goal_annual" and extras.get("year"):
            f.goal_year = int(extras["year"])

    def set_field(self, fld: str, value: object, origin: Origin, tok: _Tok | None = None) -> None:
        r = self.form.record
        if getattr(r, fld) not in (None, ""):
            return
        setattr(r, fld, value)
        r.provenance[fld] = origin
        if tok is not None:
            self.note_text(fld, tok)

    def note_text(self, fld: str, tok: _Tok) -> None:
        if tok.markup:
            self.form.record.findings.append(Finding("markup", fld, tok.text[:40]))
        if tok.info.garbled:
            self.form.record.findings.append(Finding("garbled", fld, tok.info.garbled))

    def assign(self, fld: str, extras: dict[str, str], tok: _Tok, origin: Origin) -> None:
        text = tok.text
        if fld == "ignored":
            return
        if fld in ("period_start", "period_end"):
            m = _YEAR.search(text)
            if m:
                self.set_field(fld, int(m.group(1)), origin)
            return
        if fld == "period":
            self.period_text(text, origin)
            return
        if fld == "budget_amount":
            amount = parse_amount(text, extras.get("unit") or self.form.money_unit)
            if amount is not None:
                self.set_field(fld, amount, origin)
            return
        if fld in _GOALS and vocab.column_role(text):
            return
        self.set_field(fld, text, origin, tok)

    def period_text(self, text: str, origin: Origin, fld_is_value: bool = True) -> None:
        years = _YEAR.findall(text)
        if len(years) == 1 and fld_is_value:  # "2026年": a one-year project
            years = years * 2
        if len(years) >= 2:
            self.set_field("period_start", int(years[0]), origin)
            self.set_field("period_end", int(years[1]), origin)

    # ------------------------------------------------------------------ indicator table

    def set_columns(self, toks: list[_Tok], roles: list[str | None]) -> None:
        cols = [(r, t.col, t.span) for t, r in zip(toks, roles) if r]
        self.flush_stream()
        self.pending = []
        self.form.columns = cols
        self.form.record.has_period_column = any(r == "period" for r, _, _ in cols)
        self.mode = "indicators"

    def value_roles(self) -> list[str]:
        return _value_roles(tuple(r for r, _, _ in self.form.columns))

    def indicator_row(self, toks: list[_Tok], origin: Origin) -> None:
        toks = [t for t in toks if t.info.key not in vocab.INDICATOR_BLOCK_LABELS]
        if not toks:
            return
        if len(toks) == 1 and self.is_stream_doc():
            self.stream_token(toks[0], origin)
            return
        name_col = self.column_of("name")
        rest: list[_Tok] = []
        took_level2 = False  # a row names one 二级 at most: a 三级 "服务对象满意度" after it is a name
        for i, t in enumerate(toks):
            beyond_levels = name_col is not None and t.col is not None and t.col >= name_col
            if not beyond_levels and i + 1 < len(toks) and self.is_name_not_level(t, toks[i + 1]):
                beyond_levels = True
            if not beyond_levels and not took_level2 and self.take_level(t.text):
                took_level2 = vocab.level2_of(t.text) is not None
                continue
            rest = toks[i:]
            break
        if not rest:
            return
        self.add_indicator(rest, origin)

    def is_name_not_level(self, tok: _Tok, nxt: _Tok) -> bool:
        """A 二级 name already in effect, followed by a value, is the 三级: 满意度指标
        written once across the 一级 and 二级 columns, then 服务对象满意度 | ≥90%."""
        info = tok.info
        return (info.level2 is not None and info.level1 is None and info.level2 == self.form.level2
                and _cell_class(nxt.text) in _VALUE_CLASSES)

    def is_stream_doc(self) -> bool:
        """One cell per line: rows carry no grouping, so indicator cells are grouped by count."""
        if self._stream_doc is None:
            self._stream_doc = self.doc.format == "txt" and all(len(r.cells) <= 1 for r in self.doc.rows[:200])
        return self._stream_doc

    def take_level(self, text: str) -> bool:
        """Consume a 一级/二级 name; False if the cell is something else."""
        f = self.form
        l1 = vocab.level1_of(text)
        l2 = vocab.level2_of(text)
        if l1 == "满意度指标" and f.level1 == "满意度指标" and vocab.key(text) == "满意度":
            l1, l2 = None, "服务对象满意度指标"
        if l1 and not l2:
            f.level1 = l1
            # 满意度指标 has one 二级; forms often merge the two cells
            f.level2 = "服务对象满意度指标" if l1 == "满意度指标" else None
            return True
        if l2:
            f.level2 = l2
            if f.level1 is None:
                f.level1 = vocab.LEVEL2_PARENT[l2]
            return True
        return False

    def column_of(self, role: str) -> int | None:
        for r, col, _ in self.form.columns:
            if r == role:
                return col
        return None

    def add_indicator(self, rest: list[_Tok], origin: Origin) -> None:
        f = self.form
        name_tok, values = rest[0], rest[1:]
        roles = self.value_roles()
        placed = self.place_by_column(values, roles) if values and all(v.col is not None for v in values) else None
        if placed is None:
            placed = place_by_content(values, roles)
        period, annual = placed
        ind = Indicator(
            level1=f.level1 or "",
            level2=f.level2 or "",
            name=name_tok.text,
            period_value=period,
            annual_value=annual,
            period_target=parse_target(period),
            annual_target=parse_target(annual),
            origin=origin,
            has_period_column="period" in roles,
        )
        k = len(f.record.indicators)
        if any(t.markup or t.info.garbled for t in rest):
            for fld, tok in ((f"indicators[{k}].name", name_tok), *((f"indicators[{k}].value", v) for v in values)):
                self.note_text(fld, tok)
        f.record.indicators.append(ind)

    def place_by_column(self, values: list[_Tok], roles: list[str]) -> tuple[str | None, str | None] | None:
        cols = [(r, c, s) for r, c, s in self.form.columns if r in roles and c is not None]
        if len(cols) != len(roles):
            return None
        by_role: dict[str, list[str]] = {}
        for v in values:
            hit = None
            for r, c, s in cols:
                if c <= v.col < c + max(s, 1):
                    hit = r
                    break
            if hit is None:
                return None
            by_role.setdefault(hit, []).append(v.text)
        return assemble(by_role)

    # one cell per line: the indicator block is collected, then split into rows by content
    def stream_token(self, tok: _Tok, origin: Origin) -> None:
        f = self.form
        if not f.stream:
            f.stream_origin = origin
        f.stream.append(tok)
        f.stream_origins.append(origin)

    def stream_is_level(self, tok: _Tok, after_level2: str | None, nxt: _Tok | None) -> bool:
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
        if l2 and l2 != after_level2 and vocab.LEVEL2_PARENT[l2] == vocab.LEVEL2_PARENT[after_level2]:
            return True
        if info.level1 and not l2:
            return info.level1 != vocab.LEVEL2_PARENT[after_level2] or info.key in vocab.LEVEL1
        return False

    def flush_stream(self) -> None:
        f = self.form
        if not f.stream:
            return
        toks, origins = f.stream, f.stream_origins
        f.stream, f.stream_origins = [], []
        roles = tuple(self.value_roles())
        run: list[int] = []
        after_level2: str | None = None
        for k, tok in enumerate(toks):
            if self.stream_is_level(tok, after_level2, toks[k + 1] if k + 1 < len(toks) else None):
                self.emit_run(run, toks, origins, roles)
                run = []
                self.take_level(tok.text)
                after_level2 = self.form.level2 if tok.info.level2 else None
                continue
            after_level2 = None
            run.append(k)
        self.emit_run(run, toks, origins, roles)

    def emit_run(self, run: list[int], toks: list[_Tok], origins: list[Origin], roles: tuple[str, ...]) -> None:
        if not run:
            return
        cells = [toks[k] for k in run]
        starts = segment_rows(tuple(_cell_class(t.text) for t in cells), roles)
        for a, b in zip(starts, (*starts[1:], len(cells))):
            self.add_indicator(cells[a:b], origins[run[a]])

    # ------------------------------------------------------------------ record

    def finish(self, f: _Form) -> Record:
        r = f.record
        r.budget_year = f.budget_label_year or f.goal_year or f.title_year
        if r.budget_year is None and r.period_start and r.period_start == r.period_end:
            r.budget_year = r.period_start
        return r


@lru_cache(maxsize=256)
def _value_roles(roles: tuple[str, ...]) -> list[str]:
    """The roles of the columns after the 三级指标 (period+annual when the table declared none)."""
    if "name" in roles:
        out = list(roles[roles.index("name") + 1:])
    else:
        out = [r for r in roles if r not in ("level1", "level2")]
    return out or ["period", "annual"]


# cost of leaving a declared value column empty: a lone value is the annual one, and
# extra columns (分值, 备注) and the split columns are the first to go without
_SKIP_COST = {"period": 1.0, "annual": 2.0, "other": 0.5, "nature": 0.1, "unit": 0.1}
_INF = float("inf")
_HAS_DIGIT = re.compile(r"[0-9０-９]")


@lru_cache(maxsize=16384)
def _cell_class(text: str) -> str:
    """"op" for a 指标性质 cell (≥, 定性), "unit" for a bare unit (场, 元/户), "num" for
    text with a digit, "qual" for a qualitative value (逐步提高), "name" for text that
    reads like a 三级指标 (…率, …水平), else "text"."""
    k = vocab.key(text)
    if k in vocab.NATURE_OPS:
        return "op"
    if is_unit(text):
        return "unit"
    if _HAS_DIGIT.search(k) or has_number(k):  # 至少十一场
        return "num"
    if vocab.QUALITATIVE_VALUE.search(k):
        return "qual"
    if vocab.INDICATOR_NAME.search(k):
        return "name"
    return "text"


def _take_cost(cls: str, role: str) -> float:
    """Cost of reading a cell of class `cls` as the column `role` (inf: it cannot be)."""
    if role == "nature":
        return 0.0 if cls == "op" else _INF
    if role == "unit":
        return 0.0 if cls == "unit" else _INF
    if role == "other":
        return 0.6  # an extra column takes a cell only when no value column wants it
    if cls == "op":
        return _INF
    return _VALUE_COST[cls]


# cost of reading a cell as a value (期/年度指标值), by class: values are more often
# numbers than words, and rarely read like an indicator's name
_VALUE_COST = {"num": 0.0, "qual": 0.0, "unit": 0.0, "text": 0.2, "name": 1.0}


@lru_cache(maxsize=4096)
def _align(classes: tuple[str, ...], roles: tuple[str, ...]) -> tuple[float, tuple[str, ...] | None]:
    """(cost, the role of each cell in order): empty cells are gone in copied text, so the
    cells are matched to a subsequence of the declared columns, each only where it fits
    (a 指标性质 cell under 指标性质, a unit under 度量单位), skipping the cheapest columns."""
    m, n = len(classes), len(roles)
    if m > n:
        return _INF, None
    # best[i][j]: cost of placing cells i.. onto columns j..
    best = [[_INF] * (n + 1) for _ in range(m + 1)]
    best[m][n] = 0.0
    for j in range(n - 1, -1, -1):
        best[m][j] = best[m][j + 1] + _SKIP_COST.get(roles[j], 0.5)
    for i in range(m - 1, -1, -1):
        for j in range(n - 1, -1, -1):
            take = best[i + 1][j + 1] + _take_cost(classes[i], roles[j])
            best[i][j] = min(take, best[i][j + 1] + _SKIP_COST.get(roles[j], 0.5))
    if best[0][0] == _INF:
        return _INF, None
    out, i, j = [], 0, 0
    while i < m:
        if best[i][j] == best[i + 1][j + 1] + _take_cost(classes[i], roles[j]):
            out.append(roles[j])
            i += 1
        j += 1
    return best[0][0], tuple(out)


_VALUE_CLASSES = frozenset(("num", "op", "unit", "qual"))
# cost of reading a cell as a 三级指标 name, by class
_NAME_COST = {"name": 0.0, "text": 0.0, "qual": 1.0, "num": 2.5, "unit": 3.0, "op": _INF}


@lru_cache(maxsize=4096)
def segment_rows(classes: tuple[str, ...], roles: tuple[str, ...]) -> tuple[int, ...]:
    """One cell per line: where each indicator row of a run of cells starts.

    Each row is a name and then cells that fit the value columns (empty ones are gone);
    the cheapest split of the run into such rows wins."""
    m, width = len(classes), 1 + len(roles)
    best = [_INF] * (m + 1)
    nxt = [m] * (m + 1)
    best[m] = 0.0
    for i in range(m - 1, -1, -1):
        name = _NAME_COST[classes[i]]
        for j in range(i + 1, min(m, i + width) + 1):
            cost = name + _align(classes[i + 1:j], roles)[0] + best[j]
            if cost < best[i]:
                best[i], nxt[i] = cost, j
    starts, i = [], 0
    while i < m:
        starts.append(i)
        i = nxt[i] if nxt[i] > i else m
    return tuple(starts)


def place_by_content(values: list[_Tok], roles: list[str]) -> tuple[str | None, str | None]:
    """Map the cells after the 三级指标 onto the declared value columns by what they say.

    Empty cells are already gone, so a lone value in a period+annual table is the
    annual one; split columns (指标性质 | 指标值 | 度量单位) and extra columns (分值,
    备注) are recognised by content and position."""
    texts = [v.text for v in values]
    if not texts:
        return None, None
    placed = _align(tuple(_cell_class(t) for t in texts), tuple(roles))[1]
    by_role: dict[str, list[str]] = {}
    if placed is None:  # more cells than columns: the surplus joins the last value
        value_roles = [r for r in roles if r in ("period", "annual")] or ["annual"]
        for k, t in enumerate(texts):
            by_role.setdefault(value_roles[min(k, len(value_roles) - 1)], []).append(t)
        return assemble(by_role)
    for r, t in zip(placed, texts):
        by_role.setdefault(r, []).append(vocab.key(t) if r == "nature" else t)
    return assemble(by_role)


def assemble(by_role: dict[str, list[str]]) -> tuple[str | None, str | None]:
    """Join split columns back into one value: ≥ | 50 | 场 -> ≥50场, ≥50 | % -> ≥50%."""
    op = "".join(vocab.NATURE_OPS.get(vocab.key(x), "") for x in by_role.get("nature", []))
    op = "" if op == "=" else op
    unit = "".join(by_role.get("unit", []))

    def one(role: str) -> str | None:
        parts = by_role.get(role)
        if not parts:
            return None
        v = "".join(parts)
        k = vocab.key(v)
        if op and k[:1].isdigit():
            v = op + v
        if unit and k[-1:].isdigit():
            v = v + unit
        return v

    return one("period"), one("annual")


def parse_amount(text: str, unit: str | None) -> float | None:
    """"775,413.00" -> 775413.0; "77.54万元" or a 万元 label -> ×10000."""
    t = vocab.key(text)
    m = _AMOUNT.search(t)
    if not m:
        return None
    value = float(m.group(0).replace(",", ""))
    tail = t[m.end():]
    if tail.startswith("万") or (unit == "万元" and not tail.startswith("元")):
        value *= 10000
    return round(value, 2)


def parse(doc: RawDocument) -> list[Record]:
    """Every form in the document, in reading order."""
    return _Parser(doc).run()
