"""End to end: N distinct forms dropped into an inbox, run through the whole pipeline.

    .venv/bin/python benchmarks/e2e.py [--forms 1000] [--mode threads|sweep|flow] [--workers 2]
                                       [--no-pdf] [--no-baseline] [--keep DIR]

1. Builds an inbox of --forms distinct forms from the variety generator (tests/variety.py:
   many departments and layouts, 1-3 forms a file), the files in turn .txt, .docx and .pdf
   (the PDFs by one LibreOffice call over the .docx); each form's 项目名称 gets the file's
   number, so no two forms share a name. Not timed.
2. Runs the pipeline over it in a child process, as `jixiao run` does:
     threads  (default) `process_file` on --workers threads, each claiming files from the
              inbox, with its own LibreOffice profile: the flow's work without Prefect
     sweep    `pipeline.process.sweep`, one file after another (the library's own pass)
     flow     the Prefect batch flow (`process_inbox`, thread runner) against a Prefect
              server this script starts on a free loopback port
   and times each stage inside it (summed over workers): claim + extract + check, store
   (register, save, file result), .docx (docxtpl), .pdf (LibreOffice).
3. The bare baseline, in the same run: `soffice --convert-to pdf` over the same .docx files
   the pipeline wrote, 200 a call (one call over ~1,000 files stopped after 242 here, exit
   status 0), warm profile, the same fonts.

Prints forms per second per stage and for the whole, the .pdf stage against the bare
baseline, and the child's peak RSS (its own and its largest LibreOffice). Memory flat in
the inbox's size: compare `--forms 500` with `--forms 5000` (`--no-pdf` makes the large
run shorter; the pipeline's own memory does not depend on it).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

FORMATS = ("txt", "docx", "pdf")
TXT_STYLES = ("tabs", "pipe", "lines")
BASELINE_BATCH = 200  # files per bare soffice call
PEAK_INTERVAL = 0.01  # seconds between readings of the child's RSS


# ------------------------------------------------------------------ the inbox


def _rename_project(v, tag: str) -> None:
    """Give every form of a variant a 项目名称 of its own (cells, title and expected record)."""
    for f in v.forms:
        old = f.expected.get("project_name")
        if not old:
            continue
        new = f"{old}{tag}"
        f.expected["project_name"] = new
        for g in f.tables:
            g.rows = [[c.replace(old, new) for c in row] for row in g.rows]
        if f.title:
            f.title = f.title.replace(old, new)


def build_inbox(inbox: Path, n_forms: int, seed0: int = 0) -> dict:
    """Files of the variety generator until n_forms forms; returns counts per format."""
    import variety

    inbox.mkdir(parents=True, exist_ok=True)
    staging = inbox.parent / f"{inbox.name}-staging"
    staging.mkdir(exist_ok=True)
    counts = {f: 0 for f in FORMATS}
    files = {f: 0 for f in FORMATS}
    to_pdf: list[Path] = []
    total, k = 0, 0
    while total < n_forms:
        seed = seed0 + k
        v = variety.variant(seed, forms=min(3, n_forms - total) if n_forms - total < 3 else None)
        _rename_project(v, f"（第{k + 1}号）")
        fmt = FORMATS[k % 3]
        name = f"form{k:05d}"
        if fmt == "txt":
            variety.write_txt(v, inbox / f"{name}.txt", style=TXT_STYLES[(k // 3) % 3], seed=seed)
        elif fmt == "docx":
            variety.write_docx(v, inbox / f"{name}.docx")
        else:
            to_pdf.append(variety.write_docx(v, staging / f"{name}.docx"))
        counts[fmt] += len(v.forms)
        files[fmt] += 1
        total += len(v.forms)
        k += 1
    for start in range(0, len(to_pdf), 200):  # the argument list stays short
        variety.pdf_batch(to_pdf[start:start + 200], inbox)
    shutil.rmtree(staging, ignore_errors=True)
    past = time.time() - 60  # settled: older than any settle time
    for p in inbox.iterdir():
        os.utime(p, (past, past))
    return {"forms": counts, "files": files}


# ------------------------------------------------------------------ stage timing (in the child)


class Stages:
    """Seconds spent in each stage, summed over threads."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.lock = threading.Lock()

    @contextmanager
    def timed(self, stage: str):
        t = time.perf_counter()
        try:
            yield
        finally:
            with self.lock:
                self.seconds[stage] += time.perf_counter() - t
                self.calls[stage] += 1

    def wrap(self, owner, attr: str, stage: str) -> None:
        fn = getattr(owner, attr, None)
        if fn is None:
            return

        def timed_fn(*a, **kw):
            with self.timed(stage):
                return fn(*a, **kw)

        setattr(owner, attr, timed_fn)


def instrument(stages: Stages) -> None:
    """Time the stages where process_file calls them (module attributes, looked up per call)."""
    from pipeline import process, render, store

    for attr in ("extract_file", "check_file", "sha256_of", "run_checks"):
        stages.wrap(process, attr, "claim+extract+check")
    # the store's claim on the content, then the filing: forms, outputs, file state, moves (one transaction)
    stages.wrap(store.Store, "register_file", "store")
    for attr in ("_file_processed", "_duplicate", "_quarantine"):
        stages.wrap(process, attr, "store")
    for owner in (render, process):
        stages.wrap(owner, "render_batch", ".docx")
        stages.wrap(owner, "docx_to_pdf", ".pdf")


def _rss_now_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class PeakWatch:
    """The child's RSS read every PEAK_INTERVAL seconds: its highest reading and what was in hand
    then (the stage of the run, the files the workers held), so a peak can be told from a creep."""

    def __init__(self) -> None:
        self.doing: dict[str, str] = {"run": "start"}
        self.peak = 0.0
        self.at: dict[str, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def start(self) -> PeakWatch:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        while not self._stop.wait(PEAK_INTERVAL):
            r = _rss_now_mb()
            if r > self.peak:
                self.peak, self.at = r, dict(self.doing)


def run_child(args: argparse.Namespace) -> int:
    """The pipeline over args.home/inbox; prints one JSON line of measurements."""
    home = Path(args.home)
    os.environ.update(JIXIAO_HOME=str(home), JIXIAO_PDF="0" if args.no_pdf else "1")
    from pipeline import inbox as inbox_mod
    from pipeline import settings
    from pipeline.process import process_file, sweep
    from pipeline.render import stop_converters
    from pipeline.store import Store

    settings.reset()
    stages = Stages()
    instrument(stages)
    box, out = home / "inbox", home / "outbox"
    watch = PeakWatch().start()
    watch.doing["run"] = "opening the store"
    store = Store(settings.get().db_url)
    watch.doing["run"] = "files"
    rss: list[float] = []
    t0 = time.perf_counter()
    if args.mode == "sweep":
        outcomes = sweep(box, store=store, settle_seconds=0, out_dir=out, pdf=not args.no_pdf,
                         soffice_profile=home / "var" / "soffice" / "sweep", home=home)
        n_files = len(outcomes)
        n_forms = sum(len(o.form_ids) for o in outcomes)
    elif args.mode == "threads":
        files = inbox_mod.waiting_files(box, 0)
        queue = list(reversed(files))
        lock = threading.Lock()
        done = [0]
        forms = [0]

        def worker(w: int) -> None:
            while True:
                with lock:
                    if not queue:
                        return
                    p = queue.pop()
                with stages.timed("claim+extract+check"):
                    claimed = inbox_mod.claim(p)
                if claimed is None:
                    continue
                watch.doing[f"worker {w}"] = p.name
                outcome = process_file(claimed, store=store, out_dir=out, pdf=not args.no_pdf,
                                       soffice_profile=home / "var" / "soffice" / f"w{w}", home=home)
                with lock:
                    done[0] += 1
                    forms[0] += len(outcome.form_ids)
                    if done[0] % max(1, len(files) // 10) == 0:
                        rss.append(round(_rss_now_mb(), 1))

        threads = [threading.Thread(target=worker, args=(w,)) for w in range(args.workers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        n_files = len(files)
        n_forms = forms[0]
    else:
        from flows.pipeline_flow import make_task_runner, process_inbox

        os.environ["JIXIAO_MAX_WORKERS"] = str(args.workers)
        settings.reset()
        summary = process_inbox.with_options(task_runner=make_task_runner(kind="threads"))(
            settle_seconds=0, pdf=not args.no_pdf, start_reviews=False, rollup=False)
        n_files, n_forms = summary["total"], summary["forms"]
    wall = time.perf_counter() - t0
    watch.doing = {"run": "stopping the converters"}
    stop_converters()
    watch.stop()
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"wall": wall, "files": n_files, "forms": n_forms, "stages": dict(stages.seconds),
                      "cpu_self": me.ru_utime + me.ru_stime, "cpu_children": kids.ru_utime + kids.ru_stime,
                      "peak_rss_mb": me.ru_maxrss / 1024, "peak_child_rss_mb": kids.ru_maxrss / 1024,
                      "rss_samples_mb": rss, "watched_peak_mb": watch.peak, "watched_peak_at": watch.at,
                      "left_in_inbox": len([p for p in box.iterdir() if p.is_file()])}))
    return 0


# ------------------------------------------------------------------ the Prefect server (mode flow)


@contextmanager
def prefect_server(tmp: Path):
    import socket
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/api"
    env = {"PREFECT_HOME": str(tmp / "prefect"), "PREFECT_API_URL": url, "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "DO_NOT_TRACK": "1", "PREFECT_LOGGING_LEVEL": "WARNING"}
    log = open(tmp / "server.log", "wb")  # noqa: SIM115
    server = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port",
                               str(port)], stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                              env={**os.environ, **env})
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(url + "/health", timeout=1).close()
                break
            except OSError:
                time.sleep(0.5)
        yield env
    finally:
        server.terminate()
        server.wait(30)
        log.close()


# ------------------------------------------------------------------ the bare baseline


def bare_baseline(docx: list[Path], tmp: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of one `soffice --convert-to pdf` over all of `docx` (warm profile, our fonts)."""
    from pipeline import settings
    from pipeline.render import soffice_env

    src = tmp / "baseline-docx"
    src.mkdir()
    for k, p in enumerate(docx):  # short names: the argument list stays under the limit
        shutil.copyfile(p, src / f"{k:05d}.docx")
    files = sorted(src.iterdir())

    def soffice(batch: list[Path], out: Path) -> subprocess.CompletedProcess:
        return subprocess.run([settings.get().soffice, f"-env:UserInstallation={(tmp / 'baseline-profile').as_uri()}",
                               "--headless", "--invisible", "--nologo", "--nodefault", "--norestore", "--nolockcheck",
                               "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(out), *map(str, batch)],
                              check=False, capture_output=True, env=soffice_env(), timeout=60 + 5 * len(batch))

    soffice(files[:1], tmp / "baseline-warm")  # the profile is created apart, as the converters' are warm
    out = tmp / "baseline-pdf"
    t, c = time.perf_counter(), _children_cpu()
    # calls of BASELINE_BATCH files: one soffice over ~1,000 files here stopped after 242, exit 0
    for k in range(0, len(files), BASELINE_BATCH):
        proc = soffice(files[k:k + BASELINE_BATCH], out)
    took, cpu = time.perf_counter() - t, _children_cpu() - c
    made = len(list(out.glob("*.pdf")))
    if made != len(files):
        print(f"baseline: only {made} of {len(files)} PDFs written (exit {proc.returncode}): "
              f"{proc.stderr.decode('utf-8', 'replace')[-500:]}")
    return took, cpu


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


# ------------------------------------------------------------------ main


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--forms", type=int, default=1000)
    ap.add_argument("--mode", choices=("threads", "sweep", "flow"), default="threads")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-pdf", action="store_true")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep", type=Path, default=None, help="build/run in this folder and keep it")
    ap.add_argument("--child", dest="home", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.home:
        return run_child(args)

    tmp = args.keep or Path(tempfile.mkdtemp(prefix="jixiao-e2e-"))
    tmp.mkdir(parents=True, exist_ok=True)
    home = tmp / "home"
    built = tmp / f"inbox-{args.forms}-{args.seed}"  # kept with --keep: a second run starts from it
    try:
        shutil.rmtree(home, ignore_errors=True)
        for p in tmp.glob("baseline-*"):
            shutil.rmtree(p, ignore_errors=True)
        t = time.perf_counter()
        if not (built / "made.json").is_file():
            made = build_inbox(built, args.forms, args.seed)
            (built / "made.json").write_text(json.dumps(made))
        made = json.loads((built / "made.json").read_text())
        shutil.copytree(built, home / "inbox", ignore=shutil.ignore_patterns("made.json"))
        past = time.time() - 60
        for p in (home / "inbox").iterdir():
            os.utime(p, (past, past))
        print(f"inbox: {sum(made['files'].values())} files, {sum(made['forms'].values())} forms "
              f"(txt {made['forms']['txt']}, docx {made['forms']['docx']}, pdf {made['forms']['pdf']}) "
              f"built in {time.perf_counter() - t:.0f} s (not timed)")
        cmd = [sys.executable, __file__, "--child", str(home), "--mode", args.mode, "--workers", str(args.workers)]
        if args.no_pdf:
            cmd.append("--no-pdf")
        env = dict(os.environ)
        if args.mode == "flow":
            with prefect_server(tmp) as penv:
                proc = subprocess.run(cmd, capture_output=True, text=True, env={**env, **penv}, check=False)
        else:
            proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
        if proc.returncode != 0:
            print(proc.stdout[-3000:], proc.stderr[-5000:])
            return 1
        res = json.loads(proc.stdout.strip().splitlines()[-1])
        report(res, args, home, tmp)
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


def report(res: dict, args: argparse.Namespace, home: Path, tmp: Path) -> None:
    forms, wall = res["forms"], res["wall"]
    print(f"run ({args.mode}, {args.workers} worker(s)): {res['files']} files, {forms} forms in {wall:.1f} s; "
          f"{res['left_in_inbox']} left in the inbox; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'stage':22s} {'seconds':>8s} {'forms/s':>8s} {'ms/form':>8s}   (seconds summed over workers)")
    for stage in ("claim+extract+check", "store", ".docx", ".pdf"):
        s = res["stages"].get(stage, 0.0)
        if s:
            print(f"{stage:22s} {s:8.1f} {forms / s:8.1f} {1000 * s / forms:8.1f}")
    print(f"{'whole (wall)':22s} {wall:8.1f} {forms / wall:8.1f} {1000 * wall / forms:8.1f}")
    print(f"CPU: jixiao {res['cpu_self']:.0f} s, LibreOffice and other children {res['cpu_children']:.0f} s")
    print(f"peak RSS: jixiao {res['peak_rss_mb']:.0f} MB, largest child {res['peak_child_rss_mb']:.0f} MB; "
          f"RSS through the run (MB): {res['rss_samples_mb']}")
    at = ", ".join(f"{k}: {v}" for k, v in res["watched_peak_at"].items())
    print(f"highest RSS read (every {PEAK_INTERVAL * 1000:.0f} ms): {res['watched_peak_mb']:.0f} MB, at {at}")
    if not args.no_pdf and not args.no_baseline:
        docx = sorted((home / "outbox").glob("*.docx"))
        base, base_cpu = bare_baseline(docx, tmp)
        pdf = res["stages"].get(".pdf", 0.0)
        n = len(docx)
        print(f"bare baseline: one soffice --convert-to over the same {n} .docx: {base:.1f} s, "
              f"{n / base:.1f} forms/s, {1000 * base / n:.1f} ms/form wall, {1000 * base_cpu / n:.1f} ms/form CPU")
        if pdf:
            per_worker = pdf / args.workers  # the stage's seconds are summed over the workers running at once
            print(f".pdf stage / bare baseline: wall {per_worker / base:.2f}x (stage seconds / workers), "
                  f"LibreOffice CPU {res['cpu_children'] / max(base_cpu, 1e-9):.2f}x (goal <= 1.5x); "
                  f"whole / bare baseline: {wall / base:.2f}x")


if __name__ == "__main__":
    random.seed(0)
    sys.exit(main())
