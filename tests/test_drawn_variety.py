"""Random form variants (tests/variety.py) drawn straight to PDF by a program, with ruling
lines and with none (tests/drawn_variety.py): every record must equal the one the
generator wrote down. Complements test_pdf_variety.py (the same forms through LibreOffice)."""

from __future__ import annotations

import pytest

from pipeline.extract import extract_file
from tests.compare import differences
from tests.drawn_variety import write_drawn_pdf
from tests.variety import variant

# 1003, 1301: a （2026年度） line under each form's title, at the same height on every page
SEEDS = (*range(100, 130), 1003, 1301)


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_drawn_variants_read_exactly(tmp_path, ruled):
    failures = []
    for seed in SEEDS:
        v = variant(seed)
        got = [r.to_dict() for r in extract_file(write_drawn_pdf(v, tmp_path / f"{seed}.pdf", ruled=ruled),
                                                 checks=False)]
        if len(got) != len(v.expected):
            failures.append(f"seed {seed}: {len(v.expected)} forms expected, got {len(got)}")
            continue
        for k, (g, e) in enumerate(zip(got, v.expected)):
            failures += [f"seed {seed} form {k}: {d}" for d in differences(g, e)]
    assert not failures, "\n".join(failures[:20])
