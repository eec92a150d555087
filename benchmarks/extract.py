"""Extraction speed and memory, beside the bare libraries on the same files, in one run.

    .venv/bin/python benchmarks/extract.py [--forms 50] [--repeat 3]

For each format it builds one file holding --forms forms (.txt copied-table text, .docx
from python-docx, .pdf exported by LibreOffice from that .docx, and a reportlab-drawn
.pdf when tests/pdfgen.py is there), then times:

  jixiao     pipeline.extract.extract_file: whole records, targets and checks included
  baseline   txt: decode + split lines and tabs; docx: python-docx opening the file and
             visiting every cell; pdf: pdfplumber extract_tables on every page

and prints milliseconds per form, the ratio, and the peak memory of each: the max RSS
of a fresh process reading that one file minus that of a process doing the same
imports only (so lxml's and PDFium's C allocations count too). Targets (issue 2): docx <= 3 ms/form, pdf <= 30 ms/form,
txt <= 0.2 ms/form, peak <= 80 MiB for any one file.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def baseline(path: Path) -> None:
    suffix = path.suffix
    if suffix == ".txt":
        text = path.read_bytes().decode("utf-8")
        [line.split("\t") for line in text.splitlines()]
    elif suffix == ".docx":
        import docx

        d = docx.Document(str(path))
        for t in d.tables:
            for row in t.rows:
                for cell in row.cells:
                    cell.text  # noqa: B018
    elif suffix == ".pdf":
        import pdfplumber

        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                page.close()


def ours(path: Path) -> int:
    from pipeline.extract import extract_file

    return len(extract_file(path))


def timed(fn, path: Path, repeat: int) -> float:
    fn(path)  # warm imports and caches
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(path)
        best = min(best, time.perf_counter() - t0)
    return best


def _max_rss_mib(which: str | None, path: Path) -> float:
    """Max RSS (MiB) of a fresh process that imports everything and, unless `which` is
    None, runs one extraction of `path`."""
    call = f"{which}(Path({str(path)!r}))" if which else "pass"
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); from pathlib import Path;"
            "from benchmarks.extract import baseline, ours; import pipeline.extract, pipeline.forms, pipeline.checks;"
            "import pdfplumber, docx, pypdfium2;"
            f"{call};"
            # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across fork+exec
            "print([int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM')][0] / 1024)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def peak_mib(which: str, path: Path) -> float:
    """Peak memory one extraction adds: max RSS with it minus max RSS of the imports alone."""
    return max(0.0, _max_rss_mib(which, path) - _max_rss_mib(None, path))


def build(tmp: Path, n: int) -> dict[str, Path]:
    from tests import formgen
    from tests.txtgen import write_txt

    base = formgen.sample_records()
    records = [base[i % len(base)] for i in range(n)]
    files = {"txt": write_txt(records, tmp / "forms.txt", seed=1)}
    files["docx"] = formgen.write_docx(records, tmp / "forms.docx")
    soffice = shutil.which("soffice")
    if soffice:
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/lo-profile", "--headless", "--convert-to",
                        "pdf", "--outdir", str(tmp / "lo"), str(files["docx"])],
                       check=True, capture_output=True, timeout=300)
        files["pdf (LibreOffice)"] = tmp / "lo" / "forms.pdf"
    try:
        from tests import pdfgen
    except ImportError:
        pdfgen = None
    if pdfgen is not None and hasattr(pdfgen, "write_pdf"):
        files["pdf (drawn, ruled)"] = pdfgen.write_pdf(records, tmp / "ruled.pdf", ruled=True)
        files["pdf (drawn, no rules)"] = pdfgen.write_pdf(records, tmp / "unruled.pdf", ruled=False)
    return files


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--forms", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", help="also write the figures here")
    a = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as d:
        files = build(Path(d), a.forms)
        print(f"{'format':<24}{'forms':>6}{'jixiao ms/form':>16}{'baseline ms/form':>18}{'ratio':>8}"
              f"{'jixiao MiB':>12}{'baseline MiB':>14}")
        for fmt, path in files.items():
            n = ours(path)
            t_ours = timed(ours, path, a.repeat) * 1000 / n
            t_base = timed(baseline, path, a.repeat) * 1000 / n
            m_ours, m_base = peak_mib("ours", path), peak_mib("baseline", path)
            rows.append({"format": fmt, "forms": n, "jixiao_ms_per_form": round(t_ours, 3),
                         "baseline_ms_per_form": round(t_base, 3), "ratio": round(t_ours / t_base, 3),
                         "jixiao_peak_mib": round(m_ours, 1), "baseline_peak_mib": round(m_base, 1)})
            print(f"{fmt:<24}{n:>6}{t_ours:>16.3f}{t_base:>18.3f}{t_ours / t_base:>8.2f}{m_ours:>12.1f}{m_base:>14.1f}")
    if a.json:
        Path(a.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
