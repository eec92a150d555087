"""Rebuild the bundled sample inbox in samples/ (committed; run only to refresh it).

    .venv/bin/python scripts/make_samples.py

samples/ holds the real seed (8 forms as copied text) and forms from other
departments made the way departments make them: Word files from python-docx and PDFs
exported from them by LibreOffice. One form carries defects a reviewer must see
(成本控制在预算内 that contradicts the budget, a 满意度 below the floor), so that a run
shows error-level anomalies and opens a review.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.targets import parse_target
from tests import formgen

OUT = ROOT / "samples"


def to_pdf(docx: Path, pdf_name: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{d}/profile", "--headless", "--convert-to", "pdf",
                        "--outdir", d, str(docx)], check=True, capture_output=True, timeout=300)
        shutil.move(Path(d) / (docx.stem + ".pdf"), OUT / pdf_name)


def main() -> None:
    recs = formgen.sample_records()
    formgen.write_docx([recs[0], recs[1]], OUT / "财政分局_街道办_2张表.docx")
    with tempfile.TemporaryDirectory() as d:
        src = formgen.write_docx([recs[3]], Path(d) / "家庭教育.docx", layout="annual_only")
        to_pdf(src, "社会事务局_家庭教育指导.pdf")
    # a form with defects: its cost line contradicts the budget, satisfaction floor missed
    bad = copy.deepcopy(recs[4])
    cost = bad.indicators[0]
    cost.name, cost.period_value, cost.annual_value = "成本控制在预算内", "326000元", "326000元"
    cost.period_target = cost.annual_target = parse_target("326000元")
    sat = bad.indicators[-1]
    sat.period_value = sat.annual_value = "≥80%"
    sat.period_target = sat.annual_target = parse_target("≥80%")
    with tempfile.TemporaryDirectory() as d:
        src = formgen.write_docx([bad], Path(d) / "长者饭堂.docx", two_tables=True)
        to_pdf(src, "东城街道_长者饭堂运营补助.pdf")
    print("\n".join(sorted(p.name for p in OUT.iterdir())))


if __name__ == "__main__":
    main()
