"""Extraction speed and memory, beside the bare libraries on the same files, in one run.

    .venv/bin/python benchmarks/extract.py [--forms 50] [--repeat 3]

For each format it builds one file holding --forms forms (.txt copied-table text, .docx
from python-docx, .pdf exported by LibreOffice from that .docx, and a reportlab-drawn
.pdf when tests/pdfgen.py is there), then times:

  jixiao     pipeline.extract.extract_file: whole records, targets and checks included
  baseline   txt: decode + split lines and tabs; docx: python-docx opening the file and
             visiting every cell; pdf: pdfplumber extract_tables on every page;
             xlsx: openpyxl loading the workbook and walking every cell; doc / xls:
             LibreOffice converting the file alone (one soffice call per file, as a
             folder's files would be batched); scans (an image-only PDF of --scan-pages
             pages at 150 dpi, and one PNG page): RapidOCR on the page images alone

and prints milliseconds per form, the ratio, and the peak memory of each: the max RSS
of a fresh process reading that one file minus that of a process doing the same
imports only (so lxml's and PDFium's C allocations count too). Targets (issue 2): docx <= 3 ms/form, pdf <= 30 ms/form,
txt <= 0.2 ms/form, peak <= 80 MiB for any one file; (issue 11) xlsx <= 5 ms/form, OCR <= 4 s
per A4 page on 2 cores. Scans and conversions are timed once (after a warm-up), not --repeat times.
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


SLOW = (".doc", ".xls", ".png")  # and the scanned PDF: timed once


def is_scan(path: Path) -> bool:
    return path.suffix == ".png" or path.name.startswith("scan")


def _rapidocr(rgb) -> None:
    from rapidocr_onnxruntime import RapidOCR

    global _ENGINE
    if _ENGINE is None:
        _ENGINE = RapidOCR(use_cls=False)
    _ENGINE(rgb, use_cls=False)


_ENGINE = None


def baseline(path: Path) -> None:
    suffix = path.suffix
    if is_scan(path):
        import numpy as np

        if suffix == ".png":
            from PIL import Image

            _rapidocr(np.asarray(Image.open(path).convert("RGB")))
            return
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
        for page in pdf:
            _rapidocr(np.asarray(page.render(scale=150 / 72).to_pil().convert("RGB")))
        pdf.close()
    elif suffix == ".xlsx":
        import openpyxl

        wb = openpyxl.load_workbook(path, data_only=True)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    cell.value  # noqa: B018
                    cell.number_format  # noqa: B018
        wb.close()
    elif suffix in (".doc", ".xls"):
        target = "docx" if suffix == ".doc" else "xlsx"
        with tempfile.TemporaryDirectory() as out:
            subprocess.run(["soffice", f"-env:UserInstallation=file://{out}/profile", "--headless", "--convert-to",
                            target, "--outdir", out, str(path)], check=True, capture_output=True, timeout=300)
    elif suffix == ".txt":
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
    if path.suffix in SLOW or is_scan(path):
        repeat = 1
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
            "import pdfplumber, docx, pypdfium2, openpyxl;"
            f"{call};"
            # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across fork+exec
            "print([int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM')][0] / 1024)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def peak_mib(which: str, path: Path) -> float:
    """Peak memory one extraction adds: max RSS with it minus max RSS of the imports alone."""
    return max(0.0, _max_rss_mib(which, path) - _max_rss_mib(None, path))


def build_more(tmp: Path, n: int, scan_pages: int, files: dict[str, Path]) -> None:
    """The formats of issue 11: .xlsx, .doc and .xls (LibreOffice's), scans."""
    sys.path.insert(0, str(ROOT / "tests"))  # the generators import each other by their plain names
    import formgen
    import scangen
    import xlsxgen

    base = formgen.sample_records()
    records = [base[i % len(base)] for i in range(n)]
    files["xlsx"] = xlsxgen.write_xlsx(records, tmp / "forms.xlsx")
    if not shutil.which("soffice"):
        return
    for src, fmt in ((files["docx"], "doc"), (files["xlsx"], "xls")):
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/lo-profile", "--headless", "--convert-to",
                        fmt, "--outdir", str(tmp / "legacy"), str(src)], check=True, capture_output=True, timeout=300)
        files[fmt] = tmp / "legacy" / f"{src.stem}.{fmt}"
    one_a_page = formgen.write_docx([base[0], base[1]] * scan_pages, tmp / "paged.docx", separator="pagebreak")
    pages = scangen.scan(scangen.pdf_of(one_a_page, tmp), dpi=150, angle=1.0, noise=8)[:scan_pages]
    files[f"scan pdf ({scan_pages} p, 150 dpi)"] = scangen.write_image_pdf(pages, tmp / "scan.pdf", 150)
    pages[0].save(tmp / "scan.png")
    files["scan png (150 dpi)"] = tmp / "scan.png"


def build(tmp: Path, n: int, txt_only: bool = False) -> dict[str, Path]:
    """The files of issue 2; `txt_only` (--only txt) builds the text file alone, which takes
    seconds where the LibreOffice export of thousands of forms takes minutes."""
    from tests import formgen
    from tests.txtgen import write_txt

    base = formgen.sample_records()
    records = [base[i % len(base)] for i in range(n)]
    files = {"txt": write_txt(records, tmp / "forms.txt", seed=1)}
    if txt_only:
        return files
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
    ap.add_argument("--scan-pages", type=int, default=2, help="pages of the scanned PDF (OCR: seconds a page)")
    ap.add_argument("--only", help="comma-separated format names to run (e.g. xlsx,doc)")
    a = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as d:
        wanted = {w.strip() for w in a.only.split(",")} if a.only else set()
        txt_only = wanted == {"txt"}
        files = build(Path(d), a.forms, txt_only)
        if not txt_only:
            build_more(Path(d), a.forms, a.scan_pages, files)
        if wanted:
            files = {k: v for k, v in files.items() if k.split(" ")[0] in wanted}
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
