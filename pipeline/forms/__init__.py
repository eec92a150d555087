"""The form parser: RawDocument rows -> records.

    cells.py     what one cell says (label, column header, level name, value class)
    columns.py   the indicator table's columns and how a row's cells map onto them
    values.py    header values from their text (amounts, years, periods, codes)
    state.py     what is kept between rows: the form being read, labels waiting for values
    parser.py    the state machine over rows, which hands each row to one of:
    boundaries.py  where forms start, go on (（续）) and end; the finished record
    header.py      header labels and their values, rows of labels, the money block
    money_table.py   one cell per line: a money table's 合计 figure under this year's column
    goals.py       总体目标 / 年度目标 in any arrangement
    indicators.py  the indicator table: column header, levels, rows, halves, project lists
    lines.py       one cell per line: the indicator block split into rows by content
    bracketed.py   a list of projects whose targets are 【一级-二级】 / 指标1:名称(值) lines
"""

from __future__ import annotations

from ..document import RawDocument
from ..models import Record
from .bracketed import bracketed_list, looks_bracketed
from .parser import Parser


def parse(doc: RawDocument) -> list[Record]:
    """Every form in the document, in reading order. Raises NotAForm when the only forms
    found are of a kind that is not a project form (部门整体绩效目标表)."""
    if looks_bracketed(doc):
        records = bracketed_list(doc)
        if any(r.indicators for r in records):
            return records  # a list whose targets stand as 【产出指标-数量指标】 / 指标1:名称(值) lines
    return Parser(doc).run()
