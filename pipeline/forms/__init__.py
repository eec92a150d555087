"""The form parser: RawDocument rows -> records.

    cells.py     what one cell says (label, column header, level name, value class)
    columns.py   the indicator table's columns and how a row's cells map onto them
    values.py    header values from their text (amounts, years, periods, codes)
    parser.py    the state machine over rows: header fields, goals, indicator rows,
                 one-cell-per-line blocks, form boundaries and continuations
"""

from __future__ import annotations

from ..document import RawDocument
from ..models import Record
from .parser import Parser


def parse(doc: RawDocument) -> list[Record]:
    """Every form in the document, in reading order. Raises NotAForm when the only forms
    found are of a kind that is not a project form (部门整体绩效目标表)."""
    return Parser(doc).run()
