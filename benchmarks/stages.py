"""Where text extraction's time goes: reading, parsing and checking, each on its own.

    .venv/bin/python benchmarks/stages.py [--forms 50] [--runs 60] [--instructions]

Builds the same text file as `benchmarks/extract.py --only txt` (--forms forms), then times each
stage of `pipeline.extract.extract_file` alone, as it runs there: `readers.read` (decode, split, join
broken lines), `forms.parse` (rows to records) and the checks (every registered check on every
record), the last two with the garbage collector paused as extract_file pauses it. Prints the median
microseconds a form of --runs runs.

Timings on a shared or virtual machine drift by a tenth over minutes; a change of a few percent does
not show in them. `--instructions` counts instead, under valgrind's callgrind (the `valgrind`
package; about half a minute a stage): the instructions a form of each stage, the same from one run
to the next (PYTHONHASHSEED is fixed). A change to the code moves memory layouts too, so differences
under about 2% are still no evidence.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STAGES = ("read", "parse", "checks")
_COLLECTED = re.compile(r"Collected : (\d+)")


def run_stage(stage: str, path: Path, runs: int) -> list[float]:
    """Seconds of each of `runs` runs of one stage over the file (after one warm-up run)."""
    from pipeline import forms, readers
    from pipeline.checks import run_checks
    from pipeline.gcpause import paused

    doc = readers.read(path)
    records = forms.parse(doc)
    for r in records:
        run_checks(r)

    def read() -> None:
        readers.read(path)

    def parse() -> None:
        with paused():
            forms.parse(doc)

    def checks() -> None:
        with paused():
            for r in records:
                run_checks(r)

    fn = {"read": read, "parse": parse, "checks": checks}[stage]
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def instructions(stage: str, path: Path, runs: int) -> float:
    """Instructions of `runs` runs of the stage, by two callgrind runs (with and without them)."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}

    def count(n: int) -> int:
        cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__,
               "--file", str(path), "--stage", stage, "--runs", str(n)]
        err = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True).stderr
        m = _COLLECTED.search(err)
        if m is None:
            raise RuntimeError(f"callgrind printed no count: {err[-400:]}")
        return int(m.group(1))

    return float(count(runs) - count(0))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--forms", type=int, default=50)
    ap.add_argument("--runs", type=int, default=60)
    ap.add_argument("--instructions", action="store_true", help="count instructions under callgrind instead")
    ap.add_argument("--file", type=Path, help=argparse.SUPPRESS)  # (a child run under callgrind)
    ap.add_argument("--stage", choices=STAGES, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.file is not None and args.stage is not None:
        run_stage(args.stage, args.file, args.runs)
        return 0
    if args.instructions and shutil.which("valgrind") is None:
        print("--instructions needs valgrind (apt-get install valgrind)", file=sys.stderr)
        return 2
    from benchmarks.extract import build

    with tempfile.TemporaryDirectory() as tmp:
        path = build(Path(tmp), args.forms, txt_only=True)["txt"]
        for stage in STAGES:
            if args.instructions:
                runs = min(args.runs, 10)
                per_form = instructions(stage, path, runs) / runs / args.forms
                print(f"{stage:8s} {per_form / 1000:9.1f} k instructions a form")
            else:
                med = statistics.median(run_stage(stage, path, args.runs)) / args.forms
                print(f"{stage:8s} {med * 1e6:9.1f} us a form")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
