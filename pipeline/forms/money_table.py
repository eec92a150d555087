"""A money table's total row in one-cell-per-line text: the budget is the total's figure under the
column of this year's amount.

A form's money block may be a small table of its own (资金来源 | 项目 | 上年度预算安排 | 上年度实际执行 |
本年度申请金额, rows 合计 | —— | —— | 85 …; or 项目预算 | 成本构成 | 金额 | 测算依据 | 2021年实际执行数 …,
item rows, then 合计 | 278 | 268 | 271). In a table the grid tells which figure stands under which
header; one cell per line (a document site's preview) the order does: after the money label come the
column headers, then the rows. The total's figures are counted against the figure columns (a words
column, 测算依据, is empty in the total row); the budget is the one under the column whose header is a
budget label (本年度申请金额, 金额), when the count fits exactly.

    budget_figure(["(万元)", "项目", "上年度预算安排", "上年度实际执行", "本年度申请金额"], ["——", "——", "85"])
        -> "85"
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import vocab
from .values import parse_amount

# a cell that stands for no figure in a money row
_EMPTY_FIGURE = re.compile(r"^(?:[-—–－/／\\]+|无)$")
# a unit note between a money label and its table's headers: (万元), 单位：万元
_UNIT_NOTE = re.compile(r"^\(?(?:单位:|金额单位:)?(?:万元|元|千元)\)?$")
# a row-label column's header (项目, 成本构成, 资金来源): the first header, when it is no budget label
_HEADING_MAX = 8
# ... spaced out one character a cell (项 目, 资 金 来 源) in this many cells at most
_HEADING_PIECES = 4
_ONE_CHAR = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True)
class MoneyColumns:
    """The figure columns of a money table (headers in order) and which one holds the budget."""

    headers: tuple[str, ...]
    budget: int


def money_columns(cells: list[str]) -> MoneyColumns | None:
    """The header cells after a money label (a unit note first, then the row-label column, then the value
    columns) -> the figure columns, or None when they name no budget column."""
    texts = [c for c in cells if not _UNIT_NOTE.match(vocab.key(c))]
    headers: list[str] = []
    for i, text in enumerate(texts):
        lab = vocab.header_field(text)
        is_header = lab is not None or vocab.column_role(text) is not None
        if i == 0 and not _is_budget(lab):
            if len(vocab.key(text)) > _HEADING_MAX or re.search(r"\d", text):
                return None
            continue  # 项目 / 成本构成: the column of the rows' names
        if 0 < i < _HEADING_PIECES and not headers and not is_header and _ONE_CHAR.fullmatch(vocab.key(text)):
            continue  # 项 / 目: that column's header spaced out, a character a cell
        if not is_header:
            break
        headers.append(text)
    figures = tuple(h for h in headers if not vocab.MONEY_WORDS_COLUMN.search(vocab.key(h)))
    # (a piece of a header its cell wrapped, 执行率(全年 / 执行数/全年 / 预算数), names no column of its own)
    budget = [i for i, h in enumerate(figures) if _is_budget(vocab.header_field(h)) and _whole(h)]
    if not budget:
        return None
    return MoneyColumns(figures, budget[0])


def _whole(text: str) -> bool:
    """The header's brackets close: it is no piece of a longer one (预算数) after 执行率(全年 / 执行数/全年)."""
    return text.count("(") + text.count("（") == text.count(")") + text.count("）")


def _is_budget(lab: vocab.Label | None) -> bool:
    return lab is not None and lab.field == "budget_amount" and not lab.soft


def budget_figure(header: MoneyColumns, after_total: list[str]) -> str | None:
    """The total row's figure under the budget column: the cells after 合计 that read as figures or as an
    empty figure (——), as many as the figure columns; None when they do not count up so."""
    row: list[str] = []
    for text in after_total[:len(header.headers) + 1]:
        k = vocab.key(text)
        if not (_EMPTY_FIGURE.match(k) or (parse_amount(text, None) is not None and re.fullmatch(r"[\d.,]+(?:万?元)?", k))):
            break
        row.append(text)
    if len(row) != len(header.headers):
        return None  # fewer figures than columns, or more: which is which is not told
    figure = row[header.budget]
    return None if _EMPTY_FIGURE.match(vocab.key(figure)) else figure
