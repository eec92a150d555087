"""The indicator table's columns and how a row's cells map onto them.

A column header row declares the columns (`Column`: role, grid column, header text).
Cells after the 三级指标 are mapped onto the value columns by grid column when the
format knows it, else by what they say (empty cells are gone in copied text, so the
cells are matched to a subsequence of the declared columns).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from .. import vocab
from ..memo import memo
from .cells import cell_class

VALUE_ROLES = ("period", "annual")
LEVEL_ROLES = ("level1", "level2")


class Column(NamedTuple):
    """One declared column of the indicator table. A NamedTuple, not a frozen dataclass: the
    placements are remembered by (cells, columns), and a tuple hashes and compares in C where a
    dataclass calls its generated __hash__ / __eq__ once per column on every row."""

    role: str  # level1 level2 name period annual nature direction unit extra, or field:<record field>
    col: int | None
    span: int
    header: str  # the header's text, the key of an extra column in `extras`


@dataclass(slots=True)
class Placed:
    """A row's values after placing: 实施周期 and 年度 values and the extra columns' cells."""

    period: str | None = None
    annual: str | None = None
    extras: dict[str, str] = field(default_factory=dict)


def value_columns(columns: tuple[Column, ...]) -> tuple[Column, ...]:
    """The columns after the 三级指标 (period+annual when the table declared none)."""
    roles = [c.role for c in columns]
    if "name" in roles:
        out = columns[roles.index("name") + 1:]
    else:
        out = tuple(c for c in columns if c.role not in LEVEL_ROLES and not c.role.startswith("field:"))
    out = tuple(c for c in out if not c.role.startswith("field:") and c.role not in LEVEL_ROLES + ("name",))
    return out or DEFAULT_VALUES


DEFAULT_VALUES = (Column("period", None, 1, ""), Column("annual", None, 1, ""))

# cost of leaving a declared value column empty: a lone value is the annual one, and
# extra columns (分值, 备注) and the split columns are the first to go without
_SKIP_COST = {"period": 1.0, "annual": 2.0, "extra": 0.5, "nature": 0.1, "unit": 0.1, "direction": 0.1,
              "extra_score": 0.5, "extra_words": 0.5, "extra_actual": 0.5, "extra_score_late": 0.5}
_INF = float("inf")
_TIE = 1e-9
# a short word under 度量单位 is a unit the known list lacks (个工作日), unless a column wants it more
_UNKNOWN_UNIT_COST = 0.15
# cost of reading a cell as a value (期/年度指标值), by class: values are more often
# numbers than words, and rarely read like an indicator's name
_VALUE_COST = {"num": 0.0, "qual": 0.0, "unit": 0.0, "text": 0.2, "word": 0.2, "name": 1.0, "note": 1.0}


# an extra column read by what its header says: points (分值) take words, and a column of words (指标说明) a
# number or a target, for more than a plain extra column takes any cell
_EXTRA_COST = 0.6
_EXTRA_MISFIT = 0.8
_WORDS_EXTRA = re.compile(r"说明|解释|描述|措施|原因|依据|备注|内容")
# a text that reads like a 三级 name (…率, …数量) under such a column of words
_WORDS_NAME_COST = 0.7
# an extra column of the value reached (实际完成值, 全年实际值): a value, never a text that reads like a 三级 name
_ACTUAL_EXTRA = re.compile(r"完成值|实际值|实际完成")
_ACTUAL_NAME_COST = 2.0
# a sentence or a name under a score column after the target (得分 after 年初目标值 | 实际完成值): rather a row of its own
_LATE_SCORE_TEXT_COST = 5.0


def content_role(c: Column) -> str:
    """A column's role for placing cells by content: an extra column of scores or of words told apart."""
    if c.role != "extra":
        return c.role
    k = vocab.key(c.header)
    if k in vocab.SCORE_COLUMN_HEADERS or vocab.RUN_ON_SCORE_COLUMN.search(k):
        return "extra_score"
    if _WORDS_EXTRA.search(k):
        return "extra_words"
    if _ACTUAL_EXTRA.search(k):
        return "extra_actual"
    return c.role


def _take_cost(cls: str, role: str) -> float:
    """Cost of reading a cell of class `cls` as the column `role` (inf: it cannot be)."""
    if role == "nature":
        return 0.0 if cls == "op" else _INF
    if role == "direction":
        return 0.0 if cls == "op" else 0.7
    if role == "unit":
        return 0.0 if cls == "unit" else _UNKNOWN_UNIT_COST if cls == "word" else _INF
    if role == "extra":
        return _EXTRA_COST  # an extra column takes a cell only when no value column wants it
    if role == "extra_score":  # 分值 / 得分 / 权重: a number (as any extra column) rather than words
        return _EXTRA_COST if cls == "num" else _EXTRA_MISFIT
    if role == "extra_score_late":  # ... after the row's target: never a sentence or a name (the next row's name)
        return _EXTRA_COST if cls == "num" else _LATE_SCORE_TEXT_COST if cls in ("name", "text", "note") else _EXTRA_MISFIT
    if role == "extra_actual":  # 实际完成值: any value, but a cell that reads like a 三级 name is the next row's
        return _ACTUAL_NAME_COST if cls == "name" else _EXTRA_COST
    if role == "extra_words":  # 指标说明 / 指标解释 / 备注: words (as any extra column) rather than a target
        if cls == "note":
            return 0.0  # an explanation (反映…) is what such a column holds
        if cls == "name":
            return _WORDS_NAME_COST  # 资金支出率 after a row's score: rather the next row's 三级 than the row's 备注
        return _EXTRA_COST if cls in ("text", "word") else _EXTRA_MISFIT
    if cls == "op":
        return _INF
    return _VALUE_COST[cls]


@memo
def align(classes: tuple[str, ...], roles: tuple[str, ...]) -> tuple[float, tuple[int, ...] | None]:
    """(cost, the column index of each cell in order): cells matched to a subsequence of
    the declared columns, each only where it fits (a 指标性质 cell under 指标性质, a unit
    under 度量单位), skipping the cheapest columns."""
    m, n = len(classes), len(roles)
    if m > n:
        return _INF, None
    best = [[_INF] * (n + 1) for _ in range(m + 1)]  # best[i][j]: cells i.. onto columns j..
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
        # a tie (up to float rounding) takes the column: the empty cells of a copied row are its last
        if best[i + 1][j + 1] + _take_cost(classes[i], roles[j]) <= best[i][j] + _TIE:
            out.append(j)
            i += 1
        j += 1
    return best[0][0], tuple(out)


# cost of reading a cell as a 三级指标 name, by class
_NAME_COST = {"name": 0.0, "text": 0.0, "word": 0.0, "qual": 1.0, "note": 2.0, "num": 2.5, "unit": 3.0, "op": _INF}


def segment_roles(columns: tuple[Column, ...]) -> tuple[str, ...]:
    """The value columns' roles for cutting a run of cells into rows (`segment_rows`): a score column after the
    target's (得分 after 年初目标值) told apart, as it never takes a text."""
    roles = [content_role(c) for c in columns]
    first = next((k for k, r in enumerate(roles) if r in VALUE_ROLES), len(roles))
    return tuple("extra_score_late" if r == "extra_score" and k > first else r for k, r in enumerate(roles))


# cost of reading as a 三级 name a cell that repeats the cell before it (a 自评表's value reached written as its
# target: 良好 | 良好, 公益性服务 | 公益性服务)
_REPEAT_NAME_COST = 2.5


@memo
def segment_rows(classes: tuple[str, ...], roles: tuple[str, ...], repeats: tuple[bool, ...] = ()) -> tuple[int, ...]:
    """One cell per line: where each indicator row of a run of cells starts.

    Each row is a name and then cells that fit the value columns (empty ones are gone);
    the cheapest split of the run into such rows wins. `repeats`: which cells repeat the cell before them, none
    a row's first nor, more cells following, its name's value (良好 | 良好: a target and the value reached)."""
    m, width = len(classes), 1 + len(roles)
    best = [_INF] * (m + 1)
    nxt = [m] * (m + 1)
    best[m] = 0.0
    for i in range(m - 1, -1, -1):
        name = _NAME_COST[classes[i]] + (_REPEAT_NAME_COST if repeats and repeats[i] else 0.0)
        # a name is not its own value, with more values after it (预算执行率 | 预算执行率 alone is one label over a row's
        # merged cells, copied into each: a row of its own)
        echoed = _REPEAT_NAME_COST if repeats and i + 1 < m and repeats[i + 1] else 0.0
        for j in range(i + 1, min(m, i + width) + 1):
            cost = name + (echoed if j > i + 2 else 0.0) + align(classes[i + 1:j], roles)[0] + best[j]
            if cost < best[i]:
                best[i], nxt[i] = cost, j
    starts, i = [], 0
    while i < m:
        starts.append(i)
        i = nxt[i] if nxt[i] > i else m
    return tuple(starts)


def place_by_column(texts: list[str], cols: list[int | None], columns: tuple[Column, ...]) -> Placed | None:
    """Cells with grid columns onto the declared columns that cover them; None when one fits none."""
    p = _place_by_column(tuple(texts), tuple(cols), columns)
    return None if p is None else _fresh(p)


def _fresh(p: Placed) -> Placed:
    """A copy of a remembered Placed that its caller may change."""
    return Placed(p.period, p.annual, dict(p.extras)) if p.extras else Placed(p.period, p.annual)


@memo
def _place_by_column(texts: tuple[str, ...], cols: tuple[int | None, ...], columns: tuple[Column, ...]) -> Placed | None:
    known = [c for c in columns if c.col is not None]
    if len(known) != len(columns):
        return None
    parts: list[tuple[Column, str]] = []
    for text, col in zip(texts, cols):
        hit = next((c for c in known if col is not None and c.col <= col < c.col + max(c.span, 1)), None)
        if hit is None:
            return None
        parts.append((hit, text))
    return assemble(parts)


def place_by_content(texts: list[str], columns: tuple[Column, ...]) -> Placed:
    """`_place_by_content`, remembered for the rows a document repeats: a fresh Placed each time."""
    return _fresh(_place_by_content(tuple(texts), columns))


@memo
def _place_by_content(texts: tuple[str, ...], columns: tuple[Column, ...]) -> Placed:
    """Map the cells after the 三级指标 onto the declared value columns by what they say.

    Empty cells are already gone, so a lone value in a period+annual table is the
    annual one; split columns (指标性质 | 指标值 | 度量单位) and extra columns (分值,
    备注) are recognised by content and position."""
    if not texts:
        return Placed()
    placed = align(tuple(cell_class(t) for t in texts), tuple(content_role(c) for c in columns))[1]
    if placed is None:  # more cells than columns: the surplus joins the last value
        value_cols = [c for c in columns if c.role in VALUE_ROLES] or [DEFAULT_VALUES[1]]
        return assemble([(value_cols[min(k, len(value_cols) - 1)], t) for k, t in enumerate(texts)])
    return assemble([(columns[j], t) for j, t in zip(placed, texts)])


def assemble(parts: list[tuple[Column, str]]) -> Placed:
    """Join split columns back into one value: ≥ | 50 | 场 -> ≥50场, ≥50 | % -> ≥50%;
    extra columns go to `extras` under their header."""
    out = Placed()
    if len(parts) <= 2 and all(c.role in VALUE_ROLES for c, _ in parts) and (
            len(parts) < 2 or parts[0][0].role != parts[1][0].role):
        for c, t in parts:  # the common case: the values alone, nothing to join
            if c.role == "period":
                out.period = t
            else:
                out.annual = t
        return out
    by_role: dict[str, list[str]] = {}
    for c, t in parts:
        # extra columns, and a 指标性质 cell that is no operator (定量, 正向), go to extras
        # a 指标性质 / 指标方向 cell that is an operator makes the value's op; one in words (定量, 正向) is kept
        if c.role == "extra" or (c.role in ("nature", "direction") and not vocab.NATURE_OPS.get(vocab.key(t))):
            k = c.header or c.role
            out.extras[k] = out.extras[k] + t if k in out.extras else t
            if c.role == "extra":
                continue
        by_role.setdefault("nature" if c.role == "direction" else c.role, []).append(
            vocab.key(t) if c.role in ("nature", "direction") else t)
    op = "".join(vocab.NATURE_OPS.get(x, "") for x in by_role.get("nature", []))
    op = "" if op == "=" else op
    unit = "".join(by_role.get("unit", []))

    def one(role: str) -> str | None:
        vals = by_role.get(role)
        if not vals:
            return None
        v = "".join(vals)
        k = vocab.key(v)
        if op and k[:1].isdigit():
            v = op + v
        if unit and k[-1:].isdigit():
            v = v + unit
        return v

    out.period, out.annual = one("period"), one("annual")
    return out
