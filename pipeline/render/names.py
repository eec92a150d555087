"""Output file names: 主管部门_项目名称, file-system safe, unique within a batch."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import Record
from .docx import show

DEFAULT_NAME = "项目绩效目标表"  # the file name of a form with neither 主管部门 nor 项目名称
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_MAX_STEM = 70  # characters; CJK is 3 bytes each in UTF-8 and names stop at 255 bytes


def safe_stem(text: str) -> str:
    """A file-system safe name: no path separators, reserved or control characters."""
    t = _UNSAFE.sub("_", show(text))
    t = re.sub(r"\s+", "", t).strip("._ ")
    return t[:_MAX_STEM].rstrip("._ ") or DEFAULT_NAME


def form_name(record: Record) -> str:
    """主管部门_项目名称, file-system safe."""
    parts = [show(record.department), show(record.project_name)]
    return safe_stem("_".join(p for p in parts if p) or DEFAULT_NAME)


def unique_names(records: Sequence[Record]) -> list[str]:
    """form_name per record; a name taken earlier in the batch gets -2, -3 ..."""
    seen: dict[str, int] = {}
    out = []
    taken: set[str] = set()
    for r in records:
        base = form_name(r)
        name = base
        n = seen.get(base, 1)
        while name.lower() in taken:
            n += 1
            name = f"{base}-{n}"
        seen[base] = n
        taken.add(name.lower())
        out.append(name)
    return out
