"""Forms seen earlier in the same run, as a store for the resubmission check.

`jixiao extract v1.docx v2.docx` has no database, yet v2 supersedes v1 when both are
the same 主管部门 + 项目名称 + budget year with different content. SeenForms answers
`previous_submission` from the forms of this run first, then from a real store."""

from __future__ import annotations

from ..models import Record
from ..text import norm


def form_key(r: Record) -> tuple[str, str, int | None] | None:
    if not norm(r.project_name):
        return None
    return norm(r.department), norm(r.project_name), r.budget_year


class SeenForms:
    def __init__(self, store=None):
        self.store = store
        self._seen: dict[tuple, dict] = {}

    def add(self, records: list[Record]) -> None:
        for r in records:
            k = form_key(r)
            if k is not None and r.source is not None:
                self._seen[k] = {"file": r.source.file, "sha256": r.source.sha256, "received_at": None}

    def previous_submission(self, record: Record) -> dict | None:
        k = form_key(record)
        prev = self._seen.get(k) if k is not None else None
        if prev and (record.source is None or prev["sha256"] != record.source.sha256):
            return prev
        return self.store.previous_submission(record) if self.store is not None else None
