"""The batch flow on a real Dask cluster: same records, outputs and anomalies as with threads.

A `dask scheduler` and two `dask worker` processes are started as separate subprocesses
(not a LocalCluster), as they would run on other machines; jixiao reaches them through
JIXIAO_DASK_ADDRESS and stores into a throwaway PostgreSQL server (JIXIAO_DATABASE_URL),
with the inbox and outbox on a path every process sees (JIXIAO_HOME). The workers convert
the PDFs with LibreOffice of their own. The same inbox run with the thread runner (SQLite)
must come out the same.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from prefect_fixtures import SEED, flagged_form, free_port, make_home, use_home, variant, wait_for

ROOT = Path(__file__).resolve().parent.parent
CLUSTER_WAIT = 90.0  # seconds for the scheduler to answer and both workers to join


def _fill(inbox: Path) -> None:
    (inbox / "seed.txt").write_bytes(SEED.read_bytes())
    (inbox / "flagged.txt").write_text(flagged_form(), encoding="utf-8")
    for i in range(3):
        (inbox / f"form-{i}.txt").write_text(variant(i), encoding="utf-8")
    (inbox / "broken.docx").write_bytes(b"not a zip at all")
    past = time.time() - 60
    for p in inbox.iterdir():
        os.utime(p, (past, past))


def _stop(procs: list[subprocess.Popen]) -> None:
    for p in procs:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(p.pid, 15)
    for p in procs:
        try:
            p.wait(20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(p.pid, 9)
            p.wait(5)


@contextlib.contextmanager
def dask_cluster(env: dict[str, str], logs: Path):
    """`dask scheduler` + two `dask worker` processes on loopback; yields the scheduler address."""
    dask = shutil.which("dask", path=str(Path(sys.executable).parent)) or shutil.which("dask")
    if not dask:
        pytest.fail("the `dask` command is missing (dask[distributed] in pyproject; run scripts/setup.sh --dev)")
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs.mkdir(parents=True, exist_ok=True)
    procs: list[subprocess.Popen] = []

    def start(name: str, *args: str) -> None:
        with open(logs / f"{name}.log", "wb") as log:
            procs.append(subprocess.Popen([dask, *args], env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                          start_new_session=True))

    try:
        start("scheduler", "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard")
        for k in (1, 2):
            start(f"worker{k}", "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
                  "--host", "127.0.0.1", "--name", f"jixiao-{k}", "--local-directory", str(logs / f"w{k}"))
        from distributed import Client

        def two_workers() -> bool:
            if any(p.poll() is not None for p in procs):
                raise AssertionError("a dask process exited:\n" + "\n".join(
                    f.read_text(errors="replace")[-2000:] for f in sorted(logs.glob("*.log"))))
            try:
                with Client(address, timeout=5) as c:
                    return len(c.scheduler_info()["workers"]) == 2
            except OSError:
                return False

        wait_for(two_workers, CLUSTER_WAIT, step=1.0, what="dask scheduler and two workers")
        yield address, procs
    finally:
        _stop(procs)


def _comparable(summary: dict, home: Path) -> dict:
    files = {f["file"]: (f["status"], json.dumps(f["records"], ensure_ascii=False, sort_keys=True))
             for f in summary["files"]}
    outputs = sorted(str(p.relative_to(home / "outbox")) for p in (home / "outbox").rglob("*") if p.is_file())
    quarantined = sorted(p.name for p in (home / "quarantine").iterdir())
    return {"files": files, "outputs": outputs, "quarantined": quarantined, "counts": summary["counts"],
            "anomalies": summary["anomalies"], "errors": summary["errors"], "forms": summary["forms"]}


def _anomalies(db_url: str) -> list[tuple]:
    from pipeline.store import Store

    st = Store(db_url)
    return sorted((a["project_name"], a["code"], a["severity"], a["message"]) for a in st.anomalies())


@pytest.mark.slow
def test_a_real_dask_cluster_gives_what_threads_give(prefect_server, postgres_url, tmp_path, monkeypatch):
    from flows.pipeline_flow import make_task_runner, process_inbox
    from pipeline import settings

    results, anomalies, worker_pids = {}, {}, set()
    for kind in ("threads", "dask"):
        home = make_home(tmp_path / kind)
        _fill(home / "inbox")
        use_home(monkeypatch, home)
        if kind == "threads":
            flow = process_inbox.with_options(task_runner=make_task_runner(kind="threads"))
            summary = flow(settle_seconds=0, pdf=True, start_reviews=False, rollup=False)
        else:
            monkeypatch.setenv("JIXIAO_DATABASE_URL", postgres_url)
            env = {**os.environ, "JIXIAO_HOME": str(home), "JIXIAO_DATABASE_URL": postgres_url,
                   "PYTHONPATH": str(ROOT)}
            with dask_cluster(env, tmp_path / "dask-logs") as (address, procs):
                monkeypatch.setenv("JIXIAO_DASK_ADDRESS", address)
                settings.reset()
                cfg = settings.get()
                assert cfg.dask_address == address and cfg.db_url == postgres_url
                flow = process_inbox.with_options(task_runner=make_task_runner(kind="dask"))
                summary = flow(settle_seconds=0, pdf=True, start_reviews=False, rollup=False)
                worker_pids = {p.pid for p in procs[1:]}
                # the work ran in the worker processes, which own the LibreOffice that drew the PDFs
                from distributed import Client

                with Client(address, timeout=10) as c:
                    ran = c.run(lambda: len(__import__("pipeline.render.convert",
                                                       fromlist=["_converters"])._converters))
                assert sum(ran.values()) >= 1, ran
        results[kind] = _comparable(summary, home)
        anomalies[kind] = _anomalies(settings.get().db_url)
    assert results["threads"]["counts"] == {"processed": 5, "quarantined": 1}
    assert results["threads"]["forms"] == 12
    assert sum(o.endswith(".pdf") for o in results["threads"]["outputs"]) == 12
    assert results["dask"] == results["threads"]
    assert anomalies["dask"] == anomalies["threads"] and anomalies["dask"]
    assert len(worker_pids) == 2
    # the workers are gone and left no LibreOffice behind
    time.sleep(1)
    left = subprocess.run(["pgrep", "-f", str(tmp_path / "dask" / "var" / "soffice")],
                          capture_output=True, text=True, check=False).stdout
    assert not left.strip(), left
