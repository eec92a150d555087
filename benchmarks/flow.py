"""What Prefect costs and what the task runners give, on real files.

    .venv/bin/python benchmarks/flow.py [--files 24] [--tasks 200]

Starts its own `prefect server start` on a free loopback port (PREFECT_HOME in a temp
dir), then measures:

  overhead   ms per task: a flow of --tasks no-op tasks, minus the same calls made directly
  direct     pipeline.process.process_file on --files inbox files, one after another, no Prefect
  threads    the batch flow with the thread runner (JIXIAO_MAX_WORKERS=2)
  dask       the batch flow on a 2-process local Dask cluster (cluster start included)

Files are the seed's forms, each a separate .txt with its own project name, rendered
to .docx (no PDF) when pipeline.render is there. Prints seconds and the speed-up over
`direct`. Measured here (2 cores): threads no speed-up, Dask about 1.4x, about 3.5 ms
per task.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from benchmarks.e2e import prefect_server


def fill(inbox: Path, n: int) -> None:
    from prefect_fixtures import seed_forms

    forms = seed_forms()
    inbox.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text = forms[i % len(forms)]
        name_line = next(line for line in text.split("\n") if line.startswith("项目名称"))
        (inbox / f"f{i:03d}.txt").write_text(text.replace(name_line, name_line.rstrip("\t") + f"第{i}批"),
                                             encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=24)
    ap.add_argument("--tasks", type=int, default=200)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="jixiao-bench-"))
    os.environ.update(JIXIAO_HOME=str(tmp / "home"), JIXIAO_PDF="0")
    try:
        with prefect_server(tmp) as env:
            os.environ.update(env)
            return run(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(args, tmp: Path) -> int:
    from prefect import flow, task

    from flows.pipeline_flow import make_task_runner, process_inbox
    from pipeline import settings
    from pipeline.process import process_file

    @task
    def noop(i: int) -> int:
        return i

    @flow
    def many(n: int) -> int:
        return sum(noop(i) for i in range(n))

    many(5)  # warm up
    t = time.perf_counter()
    many(args.tasks)
    per_task = (time.perf_counter() - t) / args.tasks * 1000
    print(f"overhead  {per_task:6.2f} ms per task ({args.tasks} tasks)")

    results = {}
    for kind in ("direct", "threads", "dask"):
        home = tmp / kind
        os.environ["JIXIAO_HOME"] = str(home)
        settings.reset()
        fill(home / "inbox", args.files)
        t = time.perf_counter()
        if kind == "direct":
            from pipeline.store import Store

            st = Store(settings.get().db_url)
            for p in sorted((home / "inbox").glob("*.txt")):
                process_file(p, store=st, out_dir=home / "outbox", pdf=False, home=home)
        else:
            process_inbox.with_options(task_runner=make_task_runner(kind=kind))(
                settle_seconds=0, pdf=False, start_reviews=False)
        results[kind] = time.perf_counter() - t
        left = list((home / "inbox").glob("*.txt"))
        assert not left, f"{kind}: {len(left)} files left"
        base = results["direct"]
        print(f"{kind:9s} {results[kind]:6.2f} s for {args.files} files  ({base / results[kind]:.2f}x direct)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
