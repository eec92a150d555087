"""Per-file overhead of the inbox lifecycle and the store, beside bare extraction, in one run.

    .venv/bin/python benchmarks/process.py [--files 40]

Builds an inbox of --files distinct copies of the seed (8 forms each, a blank line
appended per copy so every sha256 differs), then times, per file:

  extract    pipeline.extract.extract_file alone (read, parse, checks; no store)
  process    pipeline.process.sweep with render=False: claim, sha256, register, extract
             and check against the store (resubmission), save forms/indicators/anomalies,
             archive with records.json (SQLite file, WAL)
  export     pipeline.export.export_xlsx of everything stored, per form

The difference process - extract is what the lifecycle and the database cost (CPU time
is shown beside wall time: on a shared machine the wall clock mostly measures the
neighbours). Rendering (LibreOffice, about a second per form) is left out: it dwarfs both.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEED = Path("/work/shared/seeds/000_d4b088a1728e637c.txt")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=40)
    args = ap.parse_args()

    from pipeline.export import export_xlsx
    from pipeline.extract import extract_file
    from pipeline.process import sweep
    from pipeline.store import Store

    text = SEED.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as d:
        home = Path(d)
        box = home / "inbox"
        box.mkdir()
        old = time.time() - 60
        for i in range(args.files):
            p = box / f"form{i:03d}.txt"
            p.write_text(text + "\n" * (i + 1), encoding="utf-8")
            os.utime(p, (old, old))
        t, c = time.perf_counter(), time.process_time()
        for p in sorted(box.iterdir()):
            extract_file(p)
        extract_ms = (time.perf_counter() - t) * 1000 / args.files
        extract_cpu = (time.process_time() - c) * 1000 / args.files

        store = Store(f"sqlite:///{home}/var/jixiao.db")
        t, c = time.perf_counter(), time.process_time()
        outcomes = sweep(box, store=store, settle_seconds=0, render=False, home=home, out_dir=home / "outbox")
        process_ms = (time.perf_counter() - t) * 1000 / args.files
        process_cpu = (time.process_time() - c) * 1000 / args.files
        assert [o.status for o in outcomes] == ["processed"] * args.files, [o.reason for o in outcomes]
        forms = len(store.forms(current_only=False))
        t = time.perf_counter()
        export_xlsx(store, home / "x.xlsx")
        export_ms = (time.perf_counter() - t) * 1000 / max(1, len(store.forms()))

    print(f"{args.files} files x 8 forms ({forms} stored, {len(store.forms())} current)")
    print(f"extract   {extract_ms:7.2f} ms/file wall, {extract_cpu:7.2f} ms CPU")
    print(f"process   {process_ms:7.2f} ms/file wall, {process_cpu:7.2f} ms CPU"
          f"  (lifecycle + store: {process_ms - extract_ms:+.2f} ms wall, {process_cpu - extract_cpu:+.2f} ms CPU)")
    print(f"export    {export_ms:7.2f} ms/current form")


if __name__ == "__main__":
    main()
