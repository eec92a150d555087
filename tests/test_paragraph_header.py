"""Forms whose header is written as paragraphs above the indicator table, not in it
(tests/data/paragraphs/<case>/): 项目名称：… one a line or two, half-width colons, the value
spaced off its label, the label alone with its value on the next line; goals written as numbered
aims over several lines; two such forms in one file; and a notice's own 项目名称：… above a form
whose table, or whose own lines with no title between, name the project. Read from every file of
the case (.docx, LibreOffice .pdf, reportlab-drawn .pdf ruled and unruled, .txt) against the
hand-written expected.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.extract import extract_file
from tests.compare import differences

ROOT = Path(__file__).parent / "data" / "paragraphs"
FILES = sorted(p for p in ROOT.glob("*/*") if p.suffix in (".docx", ".pdf", ".txt"))


def test_every_case_has_files_and_expected() -> None:
    cases = {p.parent.name for p in FILES}
    assert cases == {"one-a-line", "two-a-line", "half-colon", "next-line", "notice-above", "two-forms",
                     "goal-items", "spaced", "notice-then-lines"}
    assert all((ROOT / c / "expected.json").is_file() for c in cases)


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.name}" for p in FILES])
def test_paragraph_header_is_read(path: Path) -> None:
    exp = json.loads((path.parent / "expected.json").read_text(encoding="utf-8"))["records"]
    got = [r.to_dict() for r in extract_file(path, checks=False)]
    assert len(got) == len(exp), f"{len(exp)} form(s) expected, got {len(got)}"
    problems = [f"form {k}: {d}" for k, (g, e) in enumerate(zip(got, exp)) for d in differences(g, e, targets=False)]
    assert not problems, "\n".join(problems)
