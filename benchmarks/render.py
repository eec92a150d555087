"""Rendering speed: forms per second for .docx (docxtpl) and .pdf (LibreOffice), per converter.

    .venv/bin/python benchmarks/render.py [--forms 100] [--batch 8] [--single]

Renders --forms records (the seed's eight and tests/formgen.py's samples, cycled, with
unique names) into a temporary folder and prints:

  docx             render_docx for every record (template load, docxtpl, merges, save)
  pdf uno          docx_to_pdf through the long-lived converter (JIXIAO_CONVERTER=uno), called
                   with --batch files at a time as `jixiao run` does per source file; LibreOffice
                   starts once
  pdf soffice/N    JIXIAO_CONVERTER=soffice, one `soffice --convert-to` per --batch files (what
                   `jixiao run` did before the long-lived converter: one start per source file)
  pdf soffice/all  all files in ONE soffice call: the bare batched baseline
  pdf single       with --single: one soffice call per file on the first five

Each PDF run uses a fresh private profile, so the first call pays LibreOffice's profile
creation as a cold worker would.
"""

from __future__ import annotations

import argparse
import copy
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def records(n: int):
    import json

    from pipeline.models import Record

    base = [Record.from_dict(d) for d in
            json.loads((ROOT / "tests" / "data" / "groundtruth" / "seed.txt.json").read_text(encoding="utf-8"))]
    try:
        import formgen

        base += formgen.sample_records()
    except ImportError:
        pass
    out = []
    for k in range(n):
        r = copy.deepcopy(base[k % len(base)])
        r.project_name = f"{r.project_name}{k:03d}"
        out.append(r)
    return out


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def main() -> int:
    from pipeline import render, settings

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--forms", type=int, default=100)
    ap.add_argument("--batch", type=int, default=8, help="files per docx_to_pdf call (a source file's forms)")
    ap.add_argument("--single", action="store_true", help="also time one soffice call per file (5 files)")
    args = ap.parse_args()

    recs = records(args.forms)
    tmp = Path(tempfile.mkdtemp(prefix="jixiao-bench-render-"))
    try:
        t0, c0 = time.perf_counter(), time.process_time()
        forms = render.render_batch(recs, tmp / "docx")
        t_docx, c_docx = time.perf_counter() - t0, time.process_time() - c0
        print(f"docx         {len(forms)} forms in {t_docx:6.2f} s  {len(forms) / t_docx:7.1f} forms/s  "
              f"{1000 * t_docx / len(forms):6.1f} ms/form  (CPU {1000 * c_docx / len(forms):.1f} ms/form)")

        paths = [f.docx for f in forms]
        size = args.batch or len(paths)
        runs = (("uno", "uno", size), (f"soffice/{size}", "soffice", size), ("soffice/all", "soffice", len(paths)))
        for label, kind, n in runs:
            os.environ["JIXIAO_CONVERTER"] = kind
            settings.reset()
            t0, c0 = time.perf_counter(), _children_cpu()
            for k in range(0, len(paths), n):
                render.docx_to_pdf(paths[k:k + n], tmp / label.replace("/", "-"), tmp / f"profile-{label[:3]}{n}")
            render.stop_converters()  # its CPU counts once the converter has exited
            t_pdf, c_pdf = time.perf_counter() - t0, _children_cpu() - c0
            print(f"pdf {label:12s} {len(paths)} forms in {t_pdf:6.2f} s  {len(paths) / t_pdf:7.1f} forms/s  "
                  f"{1000 * t_pdf / len(paths):6.1f} ms/form  (LibreOffice CPU {1000 * c_pdf / len(paths):.0f} "
                  f"ms/form; {-(-len(paths) // n)} call(s), cold profile)")
        os.environ["JIXIAO_CONVERTER"] = "soffice"
        settings.reset()
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

        if args.single:
            few = paths[:5]
            render.docx_to_pdf(few[:1], tmp / "warm", tmp / "profile-single")  # profile creation apart
            t0 = time.perf_counter()
            for p in few:
                render.docx_to_pdf([p], tmp / "single", tmp / "profile-single")
            t_one = time.perf_counter() - t0
            print(f"pdf single   {len(few)} forms in {t_one:6.2f} s  {len(few) / t_one:7.1f} forms/s  "
                  f"{1000 * t_one / len(few):6.1f} ms/form  (one soffice call per file, warm profile)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
