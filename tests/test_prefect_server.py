"""Against a real `prefect server start`: artifacts through the API, a review answered through the API,
the folder watcher of `jixiao serve`, duplicates, corrupt files. (slow: a Prefect server)"""

from __future__ import annotations

import shutil
import time

import pytest
from prefect_fixtures import (
    FLAGGED_MESSAGE_PART,
    SEED,
    variant,
    wait_for,
)

pytestmark = pytest.mark.slow


def _artifacts(key: str):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        return client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])))


def _latest(key: str, flow_run_id=None):
    arts = [a for a in _artifacts(key) if flow_run_id is None or a.flow_run_id == flow_run_id]
    assert arts, f"no artifact {key}"
    return max(arts, key=lambda a: a.created)


def _redirect(url: str) -> str | None:
    """Where `url` redirects to (None while nothing answers there)."""
    import http.client
    import urllib.parse

    u = urllib.parse.urlsplit(url)
    try:
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
        conn.request("GET", u.path)
        r = conn.getresponse()
        return r.getheader("Location") if r.status in (301, 302, 303, 307) else f"HTTP {r.status}"
    except OSError:
        return None


def _store(batch_run):
    from pipeline.store import Store

    return Store(batch_run["db_url"])


def test_anomaly_table_and_form_pages_through_the_api(batch_run, prefect_server):
    import json
    import re

    run_id = batch_run["flow_run_id"]
    table = _latest("jixiao-anomalies", run_id)
    assert table.type == "table"
    rows = json.loads(table.data) if isinstance(table.data, str) else table.data
    assert list(rows[0]) == ["级别", "审核", "表单", "异常", "位置", "说明", "主管部门", "文件", "代码"]
    flagged = [r for r in rows if r["代码"] == "percent_out_of_range"]
    assert flagged and FLAGGED_MESSAGE_PART in flagged[0]["说明"] and flagged[0]["文件"] == "flagged.txt 第1张"
    assert flagged[0]["级别"] == "错误" and flagged[0]["审核"] == "待审核" and flagged[0]["异常"] == "百分比超出范围"
    assert flagged[0]["表单"].startswith("[白玉兰中心费用（审核测试）](http://127.0.0.1:")
    assert re.fullmatch(r"第\d+条指标（质量考核达标率）(年度指标值|实施周期指标值)", flagged[0]["位置"])
    assert {r["文件"].split(" ")[0] for r in rows} == {"seed.txt", "flagged.txt"}  # the corrupt file has no form
    # a worklist: errors first, then warnings, then hints; within each, forms awaiting review first
    rank = {"错误": 0, "警告": 1, "提示": 2}
    keys = [(rank[r["级别"]], r["审核"] != "待审核") for r in rows]
    assert keys == sorted(keys) and rows[0]["级别"] == "错误" and rows[0]["审核"] == "待审核"
    assert not [r for r in rows if "indicators[" in r["位置"]]
    stored = _store(batch_run).anomalies()
    assert len(rows) == len(stored)

    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:  # runs named with their start in Beijing time, to the minute
        assert re.fullmatch(r"收件箱处理 \d{4}-\d\d-\d\d \d\d:\d\d（北京时间）", client.read_flow_run(run_id).name)
    progress = _latest("jixiao-progress", run_id)
    assert progress.type == "progress" and float(progress.data) == 100.0

    form = next(f for f in _store(batch_run).forms() if f["file"] == "flagged.txt")
    page = _latest(f"jixiao-form-{form['sha256'][:8]}-1", run_id)  # forms count from 1
    assert page.type == "markdown"
    assert "白玉兰中心费用（审核测试）" in page.data and FLAGGED_MESSAGE_PART in page.data
    assert "**状态：待审核**" in page.data and "（第 1 张表）" in page.data
    (review_run,) = batch_run["summary"]["review_runs"]
    assert f"[打开审核运行]({prefect_server['ui']}/runs/flow-run/{review_run})" in page.data
    assert "file://" not in page.data and "/outbox/" in page.data  # outputs through the outbox server


def test_every_file_ends_in_one_place(batch_run):
    home = batch_run["home"]
    summary = batch_run["summary"]
    assert summary["counts"] == {"processed": 2, "quarantined": 1}
    assert sorted(p.name for p in (home / "inbox").iterdir() if p.is_file()) == sorted(batch_run["ignored"])
    assert not list((home / "inbox" / ".processing").glob("*"))
    archived = sorted(p.name for p in (home / "archive").rglob("*") if p.is_file())
    originals = [n for n in archived if not n.endswith(".records.json")]
    assert len(originals) == 2 and {n.split("_", 1)[1] for n in originals} == {"seed.txt", "flagged.txt"}
    assert len([n for n in archived if n.endswith(".records.json")]) == 2
    reason = (home / "quarantine" / "bad.docx.reason.txt").read_text(encoding="utf-8")
    assert "损坏" in reason or "无效" in reason or "不是" in reason  # Chinese
    assert "docx" in reason.lower() and any(w in reason for w in ("not", "corrupt", "invalid"))  # and English
    assert (home / "quarantine" / "bad.docx").exists()
    assert (home / "outbox" / "jixiao-汇总.xlsx").exists()
    st = _store(batch_run)
    assert len(st.forms()) == 9 and len(st.files()) == 3


def test_review_answered_through_the_api_lands_in_the_database(batch_run, served):
    from prefect.client.orchestration import get_client
    from prefect.flow_runs import resume_flow_run

    st = _store(batch_run)
    form = next(f for f in st.forms() if f["file"] == "flagged.txt")
    assert form["error_count"] >= 1 and form["decision"] is None
    assert len(batch_run["summary"]["review_runs"]) == 1
    run_id = batch_run["summary"]["review_runs"][0]

    def suspended():
        with get_client(sync_client=True) as client:
            fr = client.read_flow_run(run_id)
        return fr.state is not None and fr.state.is_paused()

    wait_for(suspended, 90, what="the review run to suspend (served by jixiao serve)")
    with pytest.raises(RuntimeError, match="comment"):  # 退回 needs a comment
        resume_flow_run(run_id, run_input={"decision": "退回", "reviewer": "审核员甲"})
    with pytest.raises(RuntimeError, match="reviewer"):  # and every decision a reviewer
        resume_flow_run(run_id, run_input={"decision": "接受"})
    resume_flow_run(run_id, run_input={"decision": "退回", "comment": "质量考核达标率超过100%，请更正",
                                       "reviewer": "审核员甲"})

    def decided():
        return _store(batch_run).reviews_for(form["id"])

    reviews = wait_for(decided, 90, what="the decision in the database")
    assert reviews[-1]["decision"] == "退回" and reviews[-1]["comment"] == "质量考核达标率超过100%，请更正"
    assert reviews[-1]["reviewer"] == "审核员甲" and reviews[-1]["flow_run_id"] == str(run_id)

    def completed():
        with get_client(sync_client=True) as client:
            return client.read_flow_run(run_id).state.is_completed()

    wait_for(completed, 30, what="the review run to complete")
    page = _latest(f"jixiao-form-{form['sha256'][:8]}-1")
    assert "退回" in page.data and "质量考核达标率超过100%" in page.data
    assert "**状态：已审核（退回）**" in page.data and "待审核" not in page.data
    docx = st.form(form["id"])["docx"]
    if docx:  # rendering present: the decision is written beside the form's outputs
        from pathlib import Path

        note = Path(docx).with_name(Path(docx).stem + ".审核.txt").read_text(encoding="utf-8")
        assert "退回" in note and "质量考核达标率超过100%" in note
    from openpyxl import load_workbook

    wb = load_workbook(batch_run["home"] / "outbox" / "jixiao-汇总.xlsx", read_only=True)
    cells = {str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c}
    assert "退回" in cells


def test_a_file_dropped_while_serving_is_processed_and_a_copy_is_not(batch_run, served):
    home = served["home"]
    inbox = home / "inbox"
    t0 = time.monotonic()
    (inbox / "new-form.txt").write_text(variant(1), encoding="utf-8")
    shutil.copy(SEED, inbox / "seed-again.txt")  # same content as the batch's seed.txt, another name

    def gone():
        return not (inbox / "new-form.txt").exists() and not (inbox / "seed-again.txt").exists() \
            and not list((inbox / ".processing").glob("*"))

    wait_for(gone, 60, what="the watcher's on-arrival run to take the files")
    assert time.monotonic() - t0 < 60
    st = _store(batch_run)

    def stored():
        return any(f["file"] == "new-form.txt" for f in st.forms())

    wait_for(stored, 30, what="the new form in the store")
    seeds = [f for f in st.files() if f.original_name in ("seed.txt", "seed-again.txt")]
    assert len(seeds) == 1 and seeds[0].status == "processed" and seeds[0].duplicates == ("seed-again.txt",)
    assert len([f for f in st.forms() if f["file"] in ("seed.txt", "seed-again.txt")]) == 8
    archived = [p.name for p in (home / "archive").rglob("*seed-again.txt*")]
    assert archived, "the duplicate is archived (recorded), not left in the inbox"
    assert sorted(p.name for p in inbox.iterdir() if p.is_file()) == sorted(batch_run["ignored"])



def test_jixiao_run_command(prefect_server, tmp_path):
    """The main-job command as a user types it: one pass, a summary, the roll-up, nothing left waiting."""
    import os
    import subprocess
    import sys

    from prefect_fixtures import ROOT, make_home

    home = make_home(tmp_path)
    shutil.copy(SEED, home / "inbox" / "seed.txt")
    (home / "inbox" / "empty.docx").write_bytes(b"")
    an_hour_ago = time.time() - 3600  # long still: no zip end will ever come
    os.utime(home / "inbox" / "empty.docx", (an_hour_ago, an_hour_ago))
    from prefect_fixtures import free_port

    files_port = free_port()
    env = {**os.environ, "JIXIAO_HOME": str(home), "PREFECT_API_URL": prefect_server["url"],
           "PREFECT_HOME": str(prefect_server["home"]), "JIXIAO_FILES_PORT": str(files_port)}
    try:
        res = subprocess.run([sys.executable, "-m", "flows.cli", "run", "--no-pdf"], cwd=ROOT, env=env,
                             capture_output=True, timeout=300, check=False)
        out = res.stdout.decode()
        assert res.returncode == 0, out + res.stderr.decode()[-3000:]
        # the worklist link opens the latest table (through the outbox server jixiao run leaves running)
        link = f"http://127.0.0.1:{files_port}/worklist"
        assert link in out
        target = wait_for(lambda: _redirect(link), 30, what="the outbox server")
        assert target == f"{prefect_server['ui']}/artifacts/artifact/{_latest('jixiao-anomalies').id}"
    finally:
        subprocess.run([sys.executable, "-m", "flows.cli", "server", "--stop"], cwd=ROOT, env=env, timeout=60,
                       check=False, capture_output=True)
    assert not (home / "var" / "review-runner.pid").exists()
    assert "文件 2 个" in out and "已处理 1" in out and "已隔离 1" in out and "表单 8 张" in out
    assert "jixiao-汇总.xlsx" in out
    assert (home / "outbox" / "jixiao-汇总.xlsx").exists()
    assert (home / "quarantine" / "empty.docx.reason.txt").exists()
    assert not [p for p in (home / "inbox").rglob("*") if p.is_file()]
