"""The flows: offline environment, deployments, the folder watcher, concurrent passes, thread vs Dask runners.

The watcher and environment tests need no Prefect server; the flow runs use the session's
real server (tests/prefect_fixtures.py)."""

from __future__ import annotations

import contextvars
import json
import threading
import time
from pathlib import Path

import pytest
from prefect_fixtures import (
    SEED,
    flagged_form,
    make_home,
    start_serve,
    stop_serve,
    use_home,
    variant,
    wait_for,
)

# ---------------------------------------------------------------- environment and deployments (no server)


def test_prefect_environment_stays_on_this_machine(tmp_path):
    from flows import env
    from pipeline import settings

    cfg = settings.load({"JIXIAO_HOME": str(tmp_path), "JIXIAO_PREFECT_PORT": "4711"})
    e = env.prefect_env(cfg)
    assert e["PREFECT_HOME"] == str(tmp_path / "var" / "prefect")
    assert e["PREFECT_SERVER_ANALYTICS_ENABLED"] == "false" and e["DO_NOT_TRACK"] == "1"
    assert e["PREFECT_API_URL"] == "http://127.0.0.1:4711/api"
    import os

    assert os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] == "false" and os.environ["DO_NOT_TRACK"] == "1"


def _schedules(cfg):
    from flows.serve import deployments

    deps = {d.name: d for d in deployments(cfg)}
    (review,) = [n for n in deps if n.startswith("review-")]  # one review deployment per database
    assert set(deps) == {"nightly", "on-arrival", review}
    assert not deps["on-arrival"].schedules and not deps[review].schedules
    (sched,) = deps["nightly"].schedules
    return sched.schedule


def test_nightly_schedule_default_and_configurable(tmp_path):
    from pipeline import settings

    s = _schedules(settings.load({"JIXIAO_HOME": str(tmp_path)}))
    assert (s.cron, s.timezone) == ("0 2 * * *", "Asia/Shanghai")
    s = _schedules(settings.load({"JIXIAO_HOME": str(tmp_path), "JIXIAO_NIGHTLY_CRON": "30 23 * * 1-5",
                                  "JIXIAO_TIMEZONE": "Europe/Berlin"}))
    assert (s.cron, s.timezone) == ("30 23 * * 1-5", "Europe/Berlin")


# ---------------------------------------------------------------- the folder watcher (no server)


@pytest.mark.parametrize("poll", [False, True], ids=["inotify", "polling"])
def test_watcher_takes_a_growing_file_only_when_complete_and_ignores_locks(tmp_path, poll):
    from flows.serve import InboxWatcher

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("~$form.docx", ".~lock.form.docx#", "form.docx.tmp", ".hidden.txt", "x.crdownload"):
        (inbox / name).write_bytes(b"lock")
    calls: list[tuple[float, list[str]]] = []

    def trigger(ready):
        calls.append((time.monotonic(), sorted(p.name for p in ready)))
        return len(calls)

    w = InboxWatcher(inbox, trigger, settle_seconds=0.8, poll=poll, interval=0.2).start()
    try:
        time.sleep(1.5)
        assert calls == [], "lock/temp/hidden files must never start a run"
        text = SEED.read_bytes()
        last_write = [0.0]

        def grow():  # a slow copy: a chunk every 0.3 s for about 2.4 s
            with (inbox / "big.txt").open("wb") as fh:
                for i in range(0, len(text), len(text) // 8 + 1):
                    fh.write(text[i:i + len(text) // 8 + 1])
                    fh.flush()
                    last_write[0] = time.monotonic()
                    time.sleep(0.3)

        writer = threading.Thread(target=grow)
        writer.start()
        writer.join()
        assert calls == [], "a file still being written was taken"
        wait_for(lambda: calls, 10, 0.1, "the watcher to take the completed file")
        assert calls[0][1] == ["big.txt"] and calls[0][0] - last_write[0] >= 0.6
    finally:
        w.stop()


def test_watcher_waits_for_the_previous_run(tmp_path):
    from flows.serve import InboxWatcher

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("x")
    running = {"busy": True}
    w = InboxWatcher(inbox, lambda ready: "run-1", lambda h: not running["busy"], settle_seconds=0.0)
    assert w.check() is True and w.triggered == 1
    assert w.check() is False  # the file is still there but run-1 has not finished
    running["busy"] = False
    assert w.check() is True and w.triggered == 2


# ---------------------------------------------------------------- flow runs (real server)


def _fill(inbox: Path, n: int) -> list[str]:
    names = []
    for i in range(n):
        name = f"form-{i}.txt"
        (inbox / name).write_text(variant(i), encoding="utf-8")
        names.append(name)
    return names


@pytest.mark.slow
def test_two_passes_started_at_once_process_each_file_once(prefect_server, tmp_path, monkeypatch):
    from flows.pipeline_flow import process_inbox
    from pipeline.store import Store

    home = make_home(tmp_path)
    use_home(monkeypatch, home)
    names = _fill(home / "inbox", 6)
    start = threading.Barrier(2)
    summaries: list[dict] = []

    def one_pass():
        start.wait()
        summaries.append(process_inbox(settle_seconds=0, pdf=False, start_reviews=False))

    # each thread carries the session's Prefect settings (the test server's URL)
    threads = [threading.Thread(target=contextvars.copy_context().run, args=(one_pass,)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert len(summaries) == 2
    processed = [f["file"] for s in summaries for f in s["files"] if f["status"] == "processed"]
    assert sorted(processed) == sorted(names), summaries
    st = Store(f"sqlite:///{home / 'var' / 'jixiao.db'}")
    assert sorted(f.original_name for f in st.files()) == sorted(names)
    assert len(st.forms()) == 6
    originals = [p for p in (home / "archive").rglob("*.txt")]
    assert sorted(p.name.split("_", 1)[1] for p in originals) == sorted(names)
    assert not [p for p in (home / "inbox").rglob("*") if p.is_file()]


def _run_with(kind: str, home: Path):
    from flows.pipeline_flow import make_task_runner, process_inbox

    inbox = home / "inbox"
    (inbox / "seed.txt").write_bytes(SEED.read_bytes())
    (inbox / "flagged.txt").write_text(flagged_form(), encoding="utf-8")
    _fill(inbox, 3)
    (inbox / "broken.docx").write_bytes(b"not a zip at all")
    flow = process_inbox.with_options(task_runner=make_task_runner(kind=kind))
    return flow(settle_seconds=0, pdf=False, start_reviews=False)


def _comparable(summary: dict, home: Path) -> dict:
    files = {f["file"]: (f["status"], json.dumps(f["records"], ensure_ascii=False, sort_keys=True))
             for f in summary["files"]}
    outputs = sorted(str(p.relative_to(home / "outbox")) for p in (home / "outbox").rglob("*") if p.is_file())
    quarantined = sorted(p.name for p in (home / "quarantine").iterdir())
    return {"files": files, "outputs": outputs, "quarantined": quarantined, "counts": summary["counts"],
            "anomalies": summary["anomalies"]}


@pytest.mark.slow
def test_threads_and_dask_give_the_same_outputs(prefect_server, tmp_path, monkeypatch):
    monkeypatch.setenv("JIXIAO_DASK_WORKERS", "2")
    results = {}
    for kind in ("threads", "dask"):
        home = make_home(tmp_path / kind)
        use_home(monkeypatch, home)
        results[kind] = _comparable(_run_with(kind, home), home)
    assert results["threads"]["counts"] == {"processed": 5, "quarantined": 1}
    assert results["threads"] == results["dask"]


def _state(run_id):
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        return client.read_flow_run(run_id).state


@pytest.mark.slow
def test_a_waiting_review_survives_a_restart_of_serve(prefect_server, tmp_path, monkeypatch):
    from prefect.flow_runs import resume_flow_run

    from flows.pipeline_flow import process_inbox
    from pipeline.store import Store

    home = make_home(tmp_path)
    use_home(monkeypatch, home)
    (home / "inbox" / "flagged-2.txt").write_text(flagged_form().replace("（审核测试）", "（重启测试）"),
                                                  encoding="utf-8")
    summary = process_inbox(settle_seconds=0, pdf=False)
    (run_id,) = summary["review_runs"]
    st = Store(f"sqlite:///{home / 'var' / 'jixiao.db'}")
    (form,) = st.forms()
    # (the `served` fixture may be running too: it serves the review deployment of another database)
    proc, _ = start_serve(home, prefect_server, "--no-watch")
    try:
        wait_for(lambda: _state(run_id).is_paused(), 90, what="the review run to suspend")
    finally:
        stop_serve(proc)  # nobody serves the review now; the suspended run holds no process
    assert _state(run_id).is_paused()
    resume_flow_run(run_id, run_input={"decision": "接受", "comment": "已核实", "reviewer": "审核员乙"})
    time.sleep(3)
    assert st.reviews_for(form["id"]) == []  # waits for a runner, holding nothing
    proc, _ = start_serve(home, prefect_server, "--no-watch")
    try:
        reviews = wait_for(lambda: st.reviews_for(form["id"]), 90, what="the decision after the restart")
    finally:
        stop_serve(proc)
    assert reviews[-1]["decision"] == "接受" and reviews[-1]["comment"] == "已核实"


def _task_states(flow_run_id) -> dict[str, object]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])))
    return {r.name: r.state for r in runs}


def _latest_artifact(key: str):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        arts = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])))
    return max(arts, key=lambda a: a.created) if arts else None


@pytest.mark.slow
def test_refused_files_show_as_such_and_an_empty_pass_keeps_the_progress(prefect_server, tmp_path, monkeypatch):
    from flows.pipeline_flow import process_inbox

    home = make_home(tmp_path)
    use_home(monkeypatch, home)
    inbox = home / "inbox"
    (inbox / "form.txt").write_text(variant(7), encoding="utf-8")
    process_inbox(settle_seconds=0, render=False, start_reviews=False)
    (inbox / "form-copy.txt").write_text(variant(7), encoding="utf-8")  # the same content again
    (inbox / "broken.docx").write_bytes(b"not a zip at all")
    state = process_inbox(settle_seconds=0, render=False, start_reviews=False, return_state=True)
    second = state.state_details.flow_run_id
    assert {f["file"]: f["status"] for f in state.result()["files"]} == {"form-copy.txt": "duplicate",
                                                                         "broken.docx": "quarantined"}
    states = _task_states(second)
    assert states["process broken.docx"].name == "已隔离" and states["process broken.docx"].is_completed()
    assert states["process broken.docx"].message  # the reason, shown beside the state
    assert states["process form-copy.txt"].name == "重复"
    refused = _latest_artifact("jixiao-refused")
    assert refused.flow_run_id == second
    rows = json.loads(refused.data) if isinstance(refused.data, str) else refused.data
    assert {r["文件"]: r["结果"] for r in rows} == {"form-copy.txt": "重复（已跳过）", "broken.docx": "已隔离"}
    assert all(r["原因"] for r in rows)
    progress = _latest_artifact("jixiao-progress")
    assert progress.flow_run_id == second and float(progress.data) == 100.0

    empty = process_inbox(settle_seconds=0, render=False, start_reviews=False, return_state=True)
    assert empty.result()["total"] == 0
    progress = _latest_artifact("jixiao-progress")
    assert progress.flow_run_id == second, "a pass that found nothing overwrote the last real pass's progress"


# ---------------------------------------------------------------- the outbox server (no Prefect server)


def test_the_outbox_server_serves_outbox_files_read_only_and_nothing_else(tmp_path):
    import http.client
    import urllib.parse

    from prefect_fixtures import free_port

    from flows import outbox_server
    from pipeline import settings

    home = make_home(tmp_path / "home")
    (home / "outbox" / "甲 表.pdf").write_bytes(b"%PDF-1.7 x")
    (home / "outbox" / "甲 表.审核.txt").write_text("审核结论：退回", encoding="utf-8")
    (home / "outbox" / ".jixiao-汇总.tmp.xlsx").write_bytes(b"half")
    (home / "secret.txt").write_text("not for the browser", encoding="utf-8")
    (home / "outbox" / "link.txt").symlink_to(home / "secret.txt")
    cfg = settings.load({"JIXIAO_HOME": str(home), "JIXIAO_FILES_PORT": str(free_port())})
    server = outbox_server.start(cfg)
    assert server is not None
    assert outbox_server.start(cfg) is None  # the port is taken: another jixiao process serves it
    try:
        def get(path: str, method: str = "GET"):
            conn = http.client.HTTPConnection(cfg.prefect_host, cfg.files_port, timeout=10)
            conn.request(method, path)
            r = conn.getresponse()
            return r.status, r.getheader("Content-Type"), r.read()

        url = outbox_server.output_url(home / "outbox" / "甲 表.pdf", cfg)
        assert url == f"http://127.0.0.1:{cfg.files_port}/outbox/%E7%94%B2%20%E8%A1%A8.pdf"
        assert get(urllib.parse.urlsplit(url).path) == (200, "application/pdf", b"%PDF-1.7 x")
        status, ctype, body = get("/outbox/" + urllib.parse.quote("甲 表.审核.txt"))
        assert status == 200 and ctype == "text/plain; charset=utf-8" and body.decode() == "审核结论：退回"
        for bad in ("/outbox/../secret.txt", "/outbox/%2e%2e/secret.txt", "/outbox/link.txt",
                    "/outbox/" + urllib.parse.quote(".jixiao-汇总.tmp.xlsx"), "/secret.txt", "/outbox/none.pdf"):
            status, _, body = get(bad)
            assert status == 404 and b"not for the browser" not in body, bad
        assert get("/outbox/x.pdf", "POST")[0] == 501 and get("/outbox/x.pdf", "PUT")[0] == 501  # read-only
        status, ctype, body = get("/outbox/")
        assert status == 200 and "甲 表.pdf" in body.decode() and ".jixiao" not in body.decode()
        assert outbox_server.output_url(home / "secret.txt", cfg) is None
    finally:
        server.shutdown()
        server.server_close()
