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

REVIEW_FLOW = "jixiao-review"  # its deployment: review-<hash of the database URL> (flows/review.py)
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

def _store(db_url: str):
    """The one shared Store of this process for the database (pipeline.process.open_store)."""
    from pipeline.process import open_store

    return open_store(db_url)


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
    return refused_state(d)


def refused_state(outcome: dict):
    """A refused file ends its task as a Completed state named 已隔离 / 重复 (its reason as the message),
    so the run shows it as such; any other outcome is returned as is."""
    name = texts.STATE_NAME_ZH.get(outcome.get("status") or "")
    if name is None:
        return outcome
    from prefect.states import Completed

    return Completed(name=name, message=(outcome.get("reason") or "")[:500], data=outcome)


# ---------------------------------------------------------------- the flow


def batch_run_name() -> str:
    """A batch run's name in the Runs list: when it started, in the configured zone (the UI's own times
    follow the browser's zone)."""
    from datetime import UTC, datetime

    return f"收件箱处理 {texts.local_time(datetime.now(UTC))}（{texts.zone_label()}）"


@flow(name="jixiao-batch", flow_run_name=batch_run_name, task_runner=make_task_runner(), log_prints=True)
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
    from prefect.runtime import flow_run

    from flows import runs
    from pipeline.process import recover

    runs.mark_crashed(cfg.home)  # killed batch runs do not stay Running in the UI
    if flow_run.id:
        runs.started(flow_run.id, cfg.home)
    recovered = recover(inbox_dir, store=_store(cfg.db_url), out_dir=out)  # what killed runs left half done
    if recovered.filed or recovered.put_back:
        logger.info("recovered %d filing(s) and %d claimed file(s) of runs that were killed",
                    len(recovered.filed), len(recovered.put_back))
    files = inbox_mod.waiting_files(inbox_dir, settle)
    total = len(files)
    logger.info("%d file(s) waiting in %s", total, inbox_dir)
    # a pass that found nothing leaves the progress of the last real pass where it is
    progress_id = create_progress_artifact(0.0, key=texts.PROGRESS_KEY, description=texts.PROGRESS_DESCRIPTION.format(
        done=0, total=total)) if total else None
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
        if progress_id and (done == total or time.monotonic() - last_update >= PROGRESS_EVERY):  # ~50 ms a call
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
    publish_refused(results)
    review_runs = start_review_runs(store, this_run) if start_reviews else {}
    publish_review_artifacts(store, this_run, review_runs)
    reviews = list(review_runs.values())
    rollup_path = None
    if rollup:
        from pipeline.export import export_xlsx

        rollup_path = str(export_xlsx(store, out / ROLLUP_NAME) or out / ROLLUP_NAME)
    summary = summarize(results)
    summary.update(outbox=str(out), rollup=rollup_path, review_runs=reviews, files=results,
                   pending_reviews=len(store.forms_needing_review()))
    if flow_run.id:
        runs.finished(flow_run.id, cfg.home)
    return summary


def publish_refused(results: list[dict]) -> None:
    """A table of the files of this pass that were not processed (quarantined, duplicates) and why."""
    refused = [r for r in results if r.get("status") in texts.STATE_NAME_ZH]
    if not refused:
        return
    rows = [{"文件": texts.md(r.get("file")), "结果": texts.STATUS_ZH.get(r["status"], r["status"]),
             "原因": texts.md(r.get("reason") or ""), "类别": r.get("kind") or "",
             "现在位置": texts.md(r.get("path") or "")} for r in refused]
    create_table_artifact(rows, key=texts.REFUSED_TABLE_KEY, description=texts.REFUSED_TABLE_DESCRIPTION)


def summarize(results: list[dict]) -> dict:
    counts: dict[str, int] = {}
    for r in results:
        counts[r.get("status", "?")] = counts.get(r.get("status", "?"), 0) + 1
    return {"total": len(results), "counts": counts,
            "forms": sum(len(r.get("form_ids") or []) for r in results),
            "anomalies": sum(int(r.get("anomalies") or 0) for r in results),
            "errors": sum(int(r.get("errors") or 0) for r in results)}


def ui_url() -> str:
    from flows import env

    return env.ui_url()


def run_url(flow_run_id: str | None) -> str | None:
    return f"{ui_url()}/runs/flow-run/{flow_run_id}" if flow_run_id else None


def worklist_rows(store) -> list[dict]:
    """The anomaly table as a worklist: errors first, then warnings, then hints; within each, forms
    awaiting review first; names and positions in Chinese, the code last (for machines)."""
    from flows import outbox_server

    forms = {f["id"]: f for f in store.forms()}
    flagged = {a["form_id"] for a in store.anomalies() if a["severity"] in FLAGGING}
    keyed = []
    for n, a in enumerate(store.anomalies()):
        form = forms.get(a["form_id"]) or {}
        status = texts.review_status(form)
        project = a["project_name"] or "（无项目名称）"
        short = project if len(project) <= texts.PROJECT_CELL_CHARS else project[:texts.PROJECT_CELL_CHARS] + "…"
        page = outbox_server.page_url(texts.form_key(form.get("sha256") or "", form.get("form_index") or 0)) \
            if a["form_id"] in flagged else None
        row = {"级别": texts.SEVERITY_ZH.get(a["severity"], a["severity"]), "审核": status,
               "表单": f"[{texts.link_text(short)}]({page})" if page else texts.md(short),
               "异常": texts.anomaly_name(a["code"]), "位置": texts.md(texts.position(a["where"], form.get("record"))),
               "说明": texts.md(a["message"]), "主管部门": texts.md(a["department"]),
               "文件": f"{texts.md(a['file'])} 第{texts.form_number(form)}张", "代码": a["code"]}
        keyed.append(((texts.SEVERITY_RANK.get(a["severity"], 9), status != texts.REVIEW_PENDING, n), row))
    return [row for _, row in sorted(keyed, key=lambda x: x[0])]


def publish_review_artifacts(store, form_ids: set[int] | None = None, review_runs: dict[int, str] | None = None
                             ) -> None:
    """The worklist of all current forms, and a page per flagged form (errors or warnings) of this run."""
    rows = worklist_rows(store) or [dict.fromkeys(texts.ANOMALY_COLUMNS, "")]
    create_table_artifact(rows, key=texts.ANOMALY_TABLE_KEY, description=texts.ANOMALY_TABLE_DESCRIPTION)
    forms = {f["id"]: f for f in store.forms()}
    by_form: dict[int, list[dict]] = {}
    for a in store.anomalies():
        by_form.setdefault(a["form_id"], []).append(a)
    for fid, items in by_form.items():
        if form_ids is not None and fid not in form_ids:
            continue
        if not any(a["severity"] in FLAGGING for a in items):  # hints only: the table is enough
            continue
        publish_form_page(store, forms.get(fid) or store.form(fid), items, (review_runs or {}).get(fid))


def publish_form_page(store, form: dict, anomalies: list[dict] | None = None, review_run_id: str | None = None
                      ) -> None:
    """The form's page (key `jixiao-form-<sha8>-<n>`): its status and review run, outputs as http links."""
    from flows import outbox_server

    if anomalies is None:
        anomalies = store.anomalies(form_id=form["id"])
    review = {"decision": form.get("decision"), "comment": form.get("comment"), "reviewer": form.get("reviewer"),
              "decided_at": form.get("decided_at")} if form.get("decision") else None
    if review_run_id is None and form.get("decision"):
        review_run_id = (store.reviews_for(form["id"]) or [{}])[-1].get("flow_run_id")
    outputs = [Path(p) for p in (form.get("docx"), form.get("pdf")) if p]
    if outputs:
        note = decision_note_path(outputs[0])
        if note.exists():
            outputs.append(note)
    links = [(p.name, outbox_server.output_url(p)) for p in outputs]
    page = texts.form_page({**form, "form_id": form["id"]}, anomalies, links, review, run_url(review_run_id))
    create_markdown_artifact(page, key=texts.form_key(form.get("sha256") or "", form.get("form_index") or 0),
                             description=texts.FORM_PAGE_DESCRIPTION.format(
                                 status=texts.review_status(form), department=texts.md(form.get("department")),
                                 project=texts.md(form.get("project_name"))))  # the UI renders it as markdown


def decision_note_path(output: str | Path) -> Path:
    """`<form>.审核.txt` beside a form's outputs."""
    output = Path(output)
    return output.with_name(output.stem + ".审核.txt")


def start_review_runs(store, form_ids: set[int]) -> dict[int, str]:
    """One suspended-on-input review run per form of this run that has errors and no decision; {form id: run id}."""
    from prefect.deployments import run_deployment

    logger = get_run_logger()
    todo = [f for f in store.forms_needing_review() if f["id"] in form_ids]
    if not todo:
        return {}
    try:
        ensure_review_deployment()
    except Exception:  # no server that can hold deployments (should not happen with jixiao run/serve)
        logger.exception("cannot register the review deployment; reviews not started")
        return {}
    runs = {}
    for f in todo:
        fr = run_deployment(review_deployment_name(), parameters={"form_id": f["id"], "sha256": f.get("sha256")},
                            timeout=0, as_subflow=False,
                            flow_run_name=f"审核-{f['id']}-{texts.plain(f.get('project_name'))[:30]}",
                            idempotency_key=f"jixiao-review-{(f.get('sha256') or '')[:16]}-{f['id']}")
        runs[f["id"]] = str(fr.id)
    logger.info("started %d review run(s)", len(runs))
    return runs


def ensure_review_deployment() -> None:
    """Register the review deployment if no `jixiao serve` has yet; its runs wait until one serves it."""
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound

    with get_client(sync_client=True) as client:
        try:
            client.read_deployment_by_name(review_deployment_name())
            return
        except ObjectNotFound:
            pass
    from flows.review import review_deployment

    review_deployment().apply()


def review_deployment_name() -> str:
    """`jixiao-review/review-<hash>`: the review deployment of this jixiao database."""
    from flows.review import deployment_name

    return f"{REVIEW_FLOW}/{deployment_name()}"
