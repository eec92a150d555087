"""The review flow: one run per form with errors, suspended until a reviewer answers in the UI.

The batch flow starts it through the served deployment `jixiao-review/review-<hash of the
database URL>` (`run_deployment(..., timeout=0)`; one per database, so that a runner never
takes the review of another JIXIAO_HOME sharing the Prefect server), so the batch never waits. The run suspends itself
with `suspend_flow_run(wait_for_input=ReviewDecision)`: a suspended run holds no process
and lives in Prefect's database, so it survives restarts of the server and of
`jixiao serve`. The reviewer opens the run in the UI, presses Resume and fills in the
form (接受 / 退回, 审核意见 required for 退回, 审核人 required); Prefect reschedules the
run, the runner (`jixiao serve`, or the background runner `jixiao run` leaves) picks it up,
the flow starts again from the top, `suspend_flow_run` returns the answer, and the
decision is stored with the time the reviewer submitted it, and shown on the form's page
(待审核 -> 已审核), in the worklist, beside its outputs and in the roll-up.
"""

from __future__ import annotations

import hashlib
import os
from datetime import datetime
from pathlib import Path
from typing import Literal

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.context import FlowRunContext
from prefect.flow_runs import suspend_flow_run
from prefect.input import RunInput
from pydantic import ConfigDict, Field, model_validator

from flows import texts
from pipeline import settings

REJECT_NEEDS_COMMENT = {  # JSON schema: the server and the UI's form refuse 退回 without a comment
    "if": {"properties": {"decision": {"const": "退回"}}, "required": ["decision"]},
    "then": {"properties": {"comment": {"minLength": 1, "pattern": r"\S"}}, "required": ["comment"]},
}


class ReviewDecision(RunInput):
    """What a reviewer answers (the input form Prefect shows on Resume)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=REJECT_NEEDS_COMMENT)

    decision: Literal["接受", "退回"] = Field(title="审核结论", description="接受：表单通过；退回：退回主管部门修改")
    comment: str = Field(default="", title="审核意见", description="退回时必填：写明需要修改的内容")
    reviewer: str = Field(title="审核人", min_length=1, pattern=r"\S", description="必填：审核人姓名")

    @model_validator(mode="after")
    def _comment_when_rejected(self) -> ReviewDecision:
        if self.decision == "退回" and not self.comment.strip():
            raise ValueError("退回时必须填写审核意见")
        return self


def _store():
    from flows.pipeline_flow import _store as shared

    return shared(settings.get().db_url)


def submitted_at(flow_run_id) -> datetime | None:
    """When the reviewer submitted the form: the time of the run's last Resuming state (not when a
    runner picked the run up again)."""
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        states = client.read_flow_run_states(flow_run_id)
    resumed = [st.timestamp for st in states if st.name == "Resuming"]
    return max(resumed) if resumed else None


@flow(name="jixiao-review", persist_result=True, log_prints=True)
def review_form(form_id: int, sha256: str | None = None) -> dict:
    """Wait (suspended) for a reviewer's decision on one form, then store it and show it.

    `sha256` (of the form's file) guards against a runner on another jixiao database."""
    from flows import outbox_server

    logger = get_run_logger()
    store = _store()
    form = store.form(form_id)
    if form is None or (sha256 and form.get("sha256") != sha256):
        raise ValueError(f"form {form_id} ({(sha256 or '')[:8]}) is not in this jixiao database "
                         f"({settings.get().db_url}); is `jixiao serve` running with another JIXIAO_HOME?")
    if form.get("decision"):
        logger.info("form %s already decided: %s", form_id, form["decision"])
        return {"form_id": form_id, "decision": form["decision"], "comment": form.get("comment")}
    anomalies = store.anomalies(form_id=form_id)
    page = outbox_server.page_url(texts.form_key(form.get("sha256") or "", form.get("form_index") or 0))
    ctx = FlowRunContext.get()
    run_id = str(ctx.flow_run.id) if ctx and ctx.flow_run else None
    if run_id and submitted_at(run_id) is None:  # the first start (a resumed run starts again from the top)
        create_markdown_artifact(texts.review_run_page(form, page), description=texts.REVIEW_RUN_PAGE_DESCRIPTION)
        logger.info("表单页：%s", page)
    prompt = ReviewDecision.with_initial_data(description=texts.review_description(form, anomalies, page))
    timeout = int(settings.get().review_timeout_days * 86400)
    answer: ReviewDecision = suspend_flow_run(wait_for_input=prompt, timeout=timeout, key=f"review-{form_id}")
    when = submitted_at(run_id) if run_id else None
    store.record_review(form_id, answer.decision, answer.comment.strip() or None,
                        reviewer=answer.reviewer.strip() or None, flow_run_id=run_id, decided_at=when)
    logger.info("form %s: %s %s", form_id, answer.decision, answer.comment)
    show_decision(store, form_id)
    return {"form_id": form_id, "decision": answer.decision, "comment": answer.comment}


def show_decision(store, form_id: int) -> None:
    """Put a stored decision everywhere a person looks: beside its outputs, the form's page, the table, the roll-up."""
    from flows.pipeline_flow import (
        ROLLUP_NAME,
        decision_note_path,
        publish_form_page,
        publish_review_artifacts,
    )

    form = store.form(form_id)
    note = texts.decision_note(form)
    for out in (form.get("docx"), form.get("pdf")):
        if out:
            _write_atomic(decision_note_path(out), note)
            break
    publish_form_page(store, form)  # 待审核 -> 已审核（…）, with the note among the outputs
    publish_review_artifacts(store, form_ids=set())  # refresh the table's 审核 column
    outbox = Path(form["docx"]).parent if form.get("docx") else settings.get().outbox
    try:
        from pipeline.export import export_xlsx

        export_xlsx(store, outbox / ROLLUP_NAME)
    except Exception:  # noqa: BLE001  the decision is stored; the roll-up is rebuilt on the next run anyway
        get_run_logger().exception("roll-up not refreshed")


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def deployment_name(cfg: settings.Settings | None = None) -> str:
    """`review-<8 hex>`: one review deployment per jixiao database, so that a runner only ever
    starts the review runs of its own database (several JIXIAO_HOMEs may share a Prefect server)."""
    cfg = cfg or settings.get()
    return "review-" + hashlib.sha256(cfg.db_url.encode()).hexdigest()[:8]


def review_deployment(cfg: settings.Settings | None = None):
    """The deployment review runs are created from and resumed into (served by `jixiao serve` and by
    the background runner `jixiao run` leaves)."""
    cfg = cfg or settings.get()
    return review_form.to_deployment(name=deployment_name(cfg), description=f"绩效目标表审核（接受 / 退回）：{cfg.home}",
                                     tags=["jixiao", "review"])
