"""The recognition confidence each field and value of a scanned form was read with.

The form parser says where each field came from (`provenance`: page, table, row;
`Indicator.origin`); the OCR reader gave each cell a `confidence`. This puts the two
together after parsing, so the parser stays blind to how text was read:

    attach(doc, records)
    records[0].provenance["budget_amount"].confidence     # 0.61
    records[0].indicators[3].confidence["annual_value"]   # 0.97

A value is matched to the cell of its row that holds it (NFKC, white space and
thousands separators ignored); a value put together from several cells (≥ | 50 |
场) takes the weakest of them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .document import Cell, RawDocument
from .models import Origin, Record

_NOISE = re.compile(r"[\s,，]")


def read_by_ocr(doc: RawDocument) -> bool:
    if doc.format == "txt":
        return False  # text is never recognised from pixels: no cell to look at
    for row in doc.rows:  # plain loops: a generator under any() costs a frame resume per cell of every file
        for c in row.cells:
            if c.confidence is not None:
                return True
    return False


def attach(doc: RawDocument, records: Iterable[Record]) -> None:
    rows: dict[tuple[int | None, int | None, int | None], list[Cell]] = {}
    for row in doc.rows:
        rows.setdefault((row.page, row.table, row.row), []).extend(c for c in row.cells if c.confidence is not None)
    for r in records:
        for fld, origin in r.provenance.items():
            origin.confidence = _of(rows, origin, getattr(r, fld, None))
        for ind in r.indicators:
            if ind.origin is None:
                continue
            for key in ("name", "period_value", "annual_value"):
                conf = _of(rows, ind.origin, getattr(ind, key))
                if conf is not None:
                    ind.confidence[key] = conf
            if ind.confidence:
                ind.origin.confidence = min(ind.confidence.values())


def _key(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _NOISE.sub("", unicodedata.normalize("NFKC", str(value)))


def _of(rows: dict, origin: Origin, value: object) -> float | None:
    if value is None or value == "":
        return None
    cells = rows.get((origin.page, origin.table, origin.row), [])
    want = _key(value)
    if not want or not cells:
        return None
    keys = [(_key(c.text), c.confidence) for c in cells if c.text.strip()]
    whole = [conf for k, conf in keys if want in k or (isinstance(value, (int, float)) and _digits(want) in _digits(k))]
    if whole:
        return min(whole)
    parts = [conf for k, conf in keys if k and k in want]
    return min(parts) if parts else None


def _digits(s: str) -> str:
    return "".join(ch for ch in s if ch.isdigit()) or "\0"
