"""Variety forms (tests/variety.py) as LibreOffice prints them to PDF, on A4: rows and merged
boxes cut at page feet, 单位：万元 lines above the tables, and tables without borders.
Every record must equal the one the generator wrote down.

All .docx go through one soffice call (a session fixture); reading them takes a second or two.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract import extract_file
from tests.compare import differences
from tests.variety import pdf_batch, variant, write_docx

# A4 with ruling lines: 2000 (a fresh row overleaf under a full box), 2005, 2014 (a fresh
# row whose value column sits under a full box), 2009, 3013, 5021 ("（10" / "分）": a row
# cut where the last line has room left, but not for the word that follows), 2024 ("（元）")
A4_RULED = (2000, 2001, 2002, 2005, 2009, 2014, 2024, 3013, 5021)
# one form a page: the 单位：万元 line at the same height on every page is no running header
A3_RULED = (7012,)
# without borders: a label and the text under it in one column are two rows (spacing between
# centres, column by column), one-cell rows stay in the table, rows cut at a page foot
BORDERLESS = (5000, 5001, 5003, 5004, 5005, 5006, 5008, 5009, 5010, 5020, 5024, 5031, 5070, 7019)
# (7019: "≦9万" / "元/公里" overleaf, a unit is not split around its slash; 5001: a row cut
# at the foot below a gap LibreOffice left above it, in the table by its columns; 5010: a
# goal text overleaf under its wide label is a fresh row; 5024, 5070: a label / a value cut
# at the foot goes on overleaf alone; 5031: the label box 总体绩效/目标 goes on overleaf
# beside a fresh row, and a lone label beside a merged box is as wide as its column)
# (5005, 5020: a lone 生态环境成本指标 label overleaf under 社会成本指标 at the foot is a cell of
# its own: two texts each naming an indicator level whole are never one cut in two)
# still wrong: a fresh row overleaf whose cells all sit under boxes whose last lines were
# full is taken for the rest of the row above: 5002 (three cells)
BORDERLESS_OPEN = (5002,)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory) -> dict[tuple[str, int], Path]:
    d = tmp_path_factory.mktemp("pdf_variety")
    docs: dict[tuple[str, int], Path] = {}
    for seed in A4_RULED:
        docs[("a4", seed)] = write_docx(variant(seed), d / f"a4_{seed}.docx")
    for seed in A3_RULED:
        docs[("a3", seed)] = write_docx(variant(seed), d / f"a3_{seed}.docx", page="A3")
    for seed in BORDERLESS + BORDERLESS_OPEN:
        docs[("borderless", seed)] = write_docx(variant(seed), d / f"borderless_{seed}.docx", ruled=False)
    out = pdf_batch(list(docs.values()), d)
    return dict(zip(docs, out))


def _problems(path: Path, seed: int) -> list[str]:
    v = variant(seed)
    got = [r.to_dict() for r in extract_file(path, checks=False)]
    problems = [] if len(got) == len(v.expected) else [f"{len(v.expected)} forms expected, got {len(got)}"]
    for k, (g, e) in enumerate(zip(got, v.expected)):
        problems += [f"form {k}: {d}" for d in differences(g, e)]
    return problems


def _check(pdfs, kind: str, seeds: tuple[int, ...]) -> None:
    failures = []
    for seed in seeds:
        problems = _problems(pdfs[(kind, seed)], seed)
        if problems:
            failures.append(f"seed {seed}:\n  " + "\n  ".join(problems[:8]))
    assert not failures, f"{kind}: {len(failures)}/{len(seeds)} variants wrong:\n" + "\n".join(failures)


def test_a4_ruled(pdfs):
    _check(pdfs, "a4", A4_RULED)


def test_a3_money_unit_line_on_every_page(pdfs):
    _check(pdfs, "a3", A3_RULED)


def test_borderless(pdfs):
    _check(pdfs, "borderless", BORDERLESS)


@pytest.mark.xfail(strict=True, reason="a fresh borderless row overleaf under full lines: not yet told from a cut one")
def test_borderless_open(pdfs):
    _check(pdfs, "borderless", BORDERLESS_OPEN)
