"""A batch of records -> one .docx per record (and its PDF) in a folder; records files.

    render_batch(records, out_dir, pdf=False, profile_dir=None) -> [RenderedForm]
    load_records(path)          the records of a JSON file as `jixiao extract` prints them
"""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..models import Record
from .convert import docx_to_pdf
from .docx import render_docx
from .names import unique_names


@dataclass
class RenderedForm:
    """The files written for records[index]."""

    index: int
    name: str  # the file stem: 主管部门_项目名称
    docx: Path
    pdf: Path | None = None


def render_batch(records: Sequence[Record], out_dir: str | Path, pdf: bool = False,
                 profile_dir: str | Path | None = None) -> list[RenderedForm]:
    """One .docx per record in `out_dir` (and with pdf=True its PDF, all in one soffice call)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    forms = [RenderedForm(i, name, render_docx(r, out / f"{name}.docx"))
             for i, (r, name) in enumerate(zip(records, unique_names(records), strict=True))]
    if pdf and forms:
        for f, p in zip(forms, docx_to_pdf([f.docx for f in forms], out, profile_dir), strict=True):
            f.pdf = p
    return forms


def load_records(path: str | Path) -> list[Record]:
    """The records of a JSON file as `jixiao extract` prints them (an array, or one record); "-" is stdin."""
    text = sys.stdin.read() if str(path) == "-" else Path(path).read_text(encoding="utf-8-sig")
    data = json.loads(text)
    if isinstance(data, dict):
        data = [data]
    return [Record.from_dict(copy.deepcopy(d)) for d in data]
