"""The batch flow: everything waiting in the inbox, one task per file, as one Prefect flow run.

    process_inbox()  list settled files -> claim + process each (task runner) -> progress
                     artifact -> anomaly table + a page per flagged form -> review runs for
                     forms with errors -> xlsx roll-up -> summary

All the work is `pipeline.process.process_file`; a task only claims its file (atomic
rename, so two passes never take the same file) and hands it over. A failure in one
file is data (quarantined with a reason), never an exception that stops the batch.
The flow does not wait for reviews: it starts one `jixiao-review` run per form with
errors, which suspends itself (no process held) until a reviewer answers in the UI.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import (
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)
from prefect.futures import as_completed

from flows import texts
from pipeline import settings

REVIEW_DEPLOYMENT = "jixiao-review/review"
ROLLUP_NAME = "jixiao-汇总.xlsx"
FLAGGING = ("error", "warning")  # a form with one of these gets its own page in the UI
PROGRESS_EVERY = 1.0  # seconds between updates of the progress artifact

# Called in the flow's process as each file finishes: listener(done, total, outcome_dict).
# `jixiao run` registers its terminal progress bar here.
progress_listeners: list[Callable[[int, int, dict], None]] = []


def make_task_runner(cfg: settings.Settings | None = None, kind: str | None = None):
    """Threads by default; Dask on a local process cluster or at JIXIAO_DASK_ADDRESS."""
    cfg = cfg or settings.get()
    kind = (kind or cfg.task_runner or "threads").lower()
    if kind == "dask":
        from prefect_dask import DaskTaskRunner

        if cfg.dask_address:
            return DaskTaskRunner(address=cfg.dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": cfg.dask_workers, "threads_per_worker": 1,
                                              "processes": True, "dashboard_address": None})
    if kind != "threads":
        raise ValueError(f"JIXIAO_TASK_RUNNER must be threads or dask, not {kind!r}")
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner(max_workers=max(1, cfg.max_workers))


# ---------------------------------------------------------------- per-file work (any process)

_stores: dict[str, Any] = {}
_stores_lock = threading.Lock()


def _store(db_url: str):
    """One Store per process and database (engines are thread-safe; Dask workers open their own)."""
    from pipeline.store import Store

    with _stores_lock:
        if db_url not in _stores:
            _stores[db_url] = Store(db_url)
        return _stores[db_url]


def _soffice_profile(home: Path) -> Path:
    """A LibreOffice profile per concurrent worker: two soffice sharing one profile fail silently."""
    return home / "var" / "soffice" / f"p{os.getpid()}-t{threading.get_ident()}"


def _plain(v: Any) -> Any:
    """JSON-safe copy (paths as strings) so an outcome crosses process boundaries and the API."""
    if isinstance(v, Path):
        return str(v)
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    return v


def outcome_dict(outcome: Any) -> dict:
    return _plain(asdict(outcome) if is_dataclass(outcome) else dict(outcome))


@task(name="process-file", task_run_name="process {name}")
def process_file_task(path: str, name: str, out_dir: str, db_url: str, home: str, render: bool = True,
                      pdf: bool = True) -> dict:
    """Claim one inbox file (atomic rename) and run the whole pipeline on it."""
    from pipeline import inbox as inbox_mod
    from pipeline.process import process_file

    src = Path(path)
    claimed = inbox_mod.claim(src, src.parent / ".processing")
    if claimed is None:  # another pass took it first
        return {"file": name, "status": "taken", "records": [], "form_ids": [], "outputs": [],
                "reason": None, "anomalies": 0}
    outcome = process_file(claimed, store=_store(db_url), out_dir=Path(out_dir), render=render, pdf=pdf,
                           soffice_profile=_soffice_profile(Path(home)), home=Path(home))
    d = outcome_dict(outcome)
    d.setdefault("file", name)
    return d


# ---------------------------------------------------------------- the flow


@flow(name="jixiao-batch", task_runner=make_task_runner(), log_prints=True)
def process_inbox(inbox: str | None = None, out_dir: str | None = None, settle_seconds: float | None = None,
                  render: bool = True, pdf: bool | None = None, start_reviews: bool = True,
                  rollup: bool = True) -> dict:
    """Process every settled file waiting in the inbox; returns a summary (counts, outputs)."""
    from pipeline import inbox as inbox_mod

    cfg = settings.get()
    logger = get_run_logger()
    inbox_dir = Path(inbox or cfg.inbox)
    out = Path(out_dir or cfg.outbox)
    out.mkdir(parents=True, exist_ok=True)
    settle = cfg.settle_seconds if settle_seconds is None else settle_seconds
    pdf = cfg.pdf if pdf is None else pdf
    from pipeline.process import recover

    recovered = recover(inbox_dir, store=_store(cfg.db_url), out_dir=out)  # what killed runs left half done
    if recovered.filed or recovered.put_back:
        logger.info("recovered %d filing(s) and %d claimed file(s) of runs that were killed",
                    len(recovered.filed), len(recovered.put_back))
    files = inbox_mod.waiting_files(inbox_dir, settle)
    total = len(files)
    logger.info("%d file(s) waiting in %s", total, inbox_dir)
    progress_id = create_progress_artifact(0.0 if total else 100.0, key=texts.PROGRESS_KEY,
                                           description=texts.PROGRESS_DESCRIPTION.format(done=0, total=total))
    futures = [process_file_task.submit(str(p), p.name, str(out), cfg.db_url, str(cfg.home), render, pdf)
               for p in files]
    order = {id(f): i for i, f in enumerate(futures)}
    outcomes: list[tuple[int, dict]] = []
    last_update = time.monotonic()
    for fut in as_completed(futures):
        try:
            res = fut.result()
        except Exception as e:  # process_file turns failures into data; this is a bug or a lost worker
            logger.exception("file task failed")
            res = {"file": Path(files[order[id(fut)]]).name, "status": "failed", "reason": repr(e),
                   "records": [], "form_ids": [], "outputs": [], "anomalies": 0}
        outcomes.append((order[id(fut)], res))
        done = len(outcomes)
        if done == total or time.monotonic() - last_update >= PROGRESS_EVERY:  # an API call costs ~50 ms
            update_progress_artifact(progress_id, 100.0 * done / total,
                                     description=texts.PROGRESS_DESCRIPTION.format(done=done, total=total))
            last_update = time.monotonic()
        for listener in progress_listeners:
            listener(done, total, res)
    results = [r for _, r in sorted(outcomes, key=lambda x: x[0])]
    if render and pdf:
        from pipeline.render import stop_converters

        stop_converters()  # the LibreOffice of each worker thread (Dask workers stop theirs when idle)
    store = _store(cfg.db_url)
    this_run = {fid for r in results for fid in r.get("form_ids") or []}
    publish_review_artifacts(store, this_run)
    reviews = start_review_runs(store, this_run) if start_reviews else []
    rollup_path = None
    if rollup:
        from pipeline.export import export_xlsx

        rollup_path = str(export_xlsx(store, out / ROLLUP_NAME) or out / ROLLUP_NAME)
    summary = summarize(results)
    summary.update(outbox=str(out), rollup=rollup_path, review_runs=reviews, files=results)
    return summary


def summarize(results: list[dict]) -> dict:
    counts: dict[str, int] = {}
    for r in results:
        counts[r.get("status", "?")] = counts.get(r.get("status", "?"), 0) + 1
    return {"total": len(results), "counts": counts,
            "forms": sum(len(r.get("form_ids") or []) for r in results),
            "anomalies": sum(int(r.get("anomalies") or 0) for r in results),
            "errors": sum(int(r.get("errors") or 0) for r in results)}


def publish_review_artifacts(store, form_ids: set[int] | None = None) -> None:
    """The anomaly table of all current forms, and a page per flagged form (errors or warnings) of this run."""
    anomalies = store.anomalies()
    forms = {f["id"]: f for f in store.forms()}
    md = texts.md  # the UI renders table cells as markdown
    rows = [{"主管部门": md(a["department"]), "项目名称": md(a["project_name"]), "代码": a["code"],
             "级别": texts.SEVERITY_ZH.get(a["severity"], a["severity"]), "说明": md(a["message"]),
             "文件": md(a["file"]),
             "审核结论": (forms.get(a["form_id"]) or {}).get("decision") or
             (texts.REVIEW_PENDING if a["severity"] == "error" else "")}
            for a in anomalies]
    if not rows:
        rows = [dict.fromkeys(texts.ANOMALY_COLUMNS, "")]
    create_table_artifact(rows, key=texts.ANOMALY_TABLE_KEY, description=texts.ANOMALY_TABLE_DESCRIPTION)
    by_form: dict[int, list[dict]] = {}
    for a in anomalies:
        by_form.setdefault(a["form_id"], []).append(a)
    for fid, items in by_form.items():
        if form_ids is not None and fid not in form_ids:
            continue
        if not any(a["severity"] in FLAGGING for a in items):  # hints only: the table is enough
            continue
        publish_form_page(store, forms.get(fid) or store.form(fid), items)


def publish_form_page(store, form: dict, anomalies: list[dict] | None = None) -> None:
    if anomalies is None:
        anomalies = [a for a in store.anomalies() if a["form_id"] == form["id"]]
    review = {"decision": form.get("decision"), "comment": form.get("comment"), "reviewer": form.get("reviewer"),
              "decided_at": form.get("decided_at")} if form.get("decision") else None
    outputs = [p for p in (form.get("docx"), form.get("pdf")) if p]
    page = texts.form_page({**form, "form_id": form["id"]}, anomalies, outputs, review)
    create_markdown_artifact(page, key=texts.form_key(form.get("sha256") or "", form.get("form_index") or 0),
                             description=texts.FORM_PAGE_DESCRIPTION.format(
                                 department=form.get("department") or "", project=form.get("project_name") or ""))


def start_review_runs(store, form_ids: set[int]) -> list[str]:
    """One suspended-on-input review run per form of this run that has errors and no decision."""
    from prefect.deployments import run_deployment

    logger = get_run_logger()
    todo = [f for f in store.forms_needing_review() if f["id"] in form_ids]
    if not todo:
        return []
    try:
        ensure_review_deployment()
    except Exception:  # no server that can hold deployments (should not happen with jixiao run/serve)
        logger.exception("cannot register the review deployment; reviews not started")
        return []
    runs = []
    for f in todo:
        fr = run_deployment(REVIEW_DEPLOYMENT, parameters={"form_id": f["id"], "sha256": f.get("sha256")}, timeout=0, as_subflow=False,
                            flow_run_name=f"审核-{f['id']}-{(f.get('project_name') or '')[:30]}",
                            idempotency_key=f"jixiao-review-{(f.get('sha256') or '')[:16]}-{f['id']}")
        runs.append(str(fr.id))
    logger.info("started %d review run(s)", len(runs))
    return runs


def ensure_review_deployment() -> None:
    """Register the review deployment if no `jixiao serve` has yet; its runs wait until one serves it."""
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound

    with get_client(sync_client=True) as client:
        try:
            client.read_deployment_by_name(REVIEW_DEPLOYMENT)
            return
        except ObjectNotFound:
            pass
    from flows.review import review_deployment

    review_deployment().apply()
