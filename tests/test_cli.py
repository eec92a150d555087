"""The command line as a person meets it: wrong paths, pipes, two runs at once, a failed server start."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
JIXIAO = [sys.executable, "-m", "flows.cli"]
SEED = ROOT / "tests" / "data" / "sources" / "seed.txt"


def jixiao(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*JIXIAO, *args], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False, **kw)


def test_run_with_a_missing_inbox_is_an_error(tmp_path):
    res = jixiao("run", "--inbox", str(tmp_path / "MISSING"))
    assert res.returncode == 2
    assert "收件箱不存在" in res.stderr and "MISSING" in res.stderr


def test_extract_names_a_missing_file_and_a_folder(tmp_path):
    res = jixiao("extract", str(tmp_path / "nope.docx"), str(tmp_path), str(SEED), "--compact")
    assert res.returncode == 2
    errors = {Path(d["file"]).name: d["kind"] for d in map(json.loads, res.stderr.splitlines())}
    assert errors == {"nope.docx": "not_found", tmp_path.name: "not_a_file"}
    assert len(json.loads(res.stdout)) == 8  # the good file is still read


def test_extract_into_head_ends_quietly():
    res = subprocess.run(f"{sys.executable} -m flows.cli extract {SEED} | head -c 10", shell=True, cwd=ROOT,
                         capture_output=True, text=True, timeout=120, check=False)
    assert res.returncode == 0 and res.stdout == "[\n {\n  \"pro"[:10]
    assert "Traceback" not in res.stderr and "BrokenPipe" not in res.stderr, res.stderr


def test_the_library_command_line_does_not_import_flows():
    code = ("import sys; from pipeline.cli import build_parser; build_parser(); "
            "print([m for m in sys.modules if m == 'flows' or m.startswith('flows.')])")
    res = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert res.stdout.strip() == "[]", res.stdout + res.stderr


@pytest.fixture
def prefect_home(tmp_path, monkeypatch):
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect"))
    (tmp_path / "prefect").mkdir()
    return tmp_path / "prefect"


def test_two_runs_at_once_start_one_server(prefect_home, monkeypatch):
    """Both commands find no server; only one starts it, the other waits and uses it."""
    from flows import env, serve

    started: list[float] = []
    monkeypatch.setattr(env, "server_healthy", lambda *a, **k: bool(started))

    def start(_cfg=None, **_kw):
        time.sleep(0.5)  # a server takes a while to answer
        started.append(time.monotonic())
        return object()

    monkeypatch.setattr(serve, "start_server", start)
    got: list[object] = []
    threads = [threading.Thread(target=lambda: got.append(serve.ensure_server())) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert len(started) == 1 and len(got) == 2 and got.count(None) == 1


def test_a_failed_server_start_keeps_the_running_servers_pid(prefect_home, monkeypatch):
    from flows import env, serve

    monkeypatch.setattr(env, "server_healthy", lambda *a, **k: False)  # none answers at our port
    serve.pid_file().write_text("4242")  # the server a previous `jixiao run` left running
    monkeypatch.setattr(serve, "server_command", lambda cfg: [sys.executable, "-c", "import sys; sys.exit(3)"])
    with pytest.raises(RuntimeError, match="exited with 3"):
        serve.start_server(wait=20)
    assert serve.pid_file().read_text() == "4242"


def test_serve_starting_with_files_waiting_logs_no_traceback(monkeypatch, caplog):
    """The watcher sees waiting files before `prefect serve` registered the deployments: it tries
    again on the next tick, quietly (it logged a 404 traceback)."""
    import logging

    import prefect.deployments
    from prefect.exceptions import ObjectNotFound

    from flows import serve

    def not_yet(*_a, **_k):
        raise ObjectNotFound(http_exc=Exception("404"))

    monkeypatch.setattr(prefect.deployments, "run_deployment", not_yet)
    w = serve.InboxWatcher(Path("."), serve._deployment_trigger, settle_seconds=0)
    w.settle.stable = lambda _inbox: [Path("x.docx")]
    with caplog.at_level(logging.INFO, logger="jixiao.watcher"):
        assert w.check() is False and w.triggered == 0
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING or r.exc_info]
    assert any("not registered yet" in r.getMessage() for r in caplog.records)


def test_the_run_summary_says_what_is_wrong_with_a_waiting_file(capsys):
    from flows.cli import _print_summary

    reason = "系统故障：磁盘空间已满（No space left on device）。这不是文件本身的问题，文件已放回收件箱"
    summary = {"total": 1, "counts": {"waiting": 1}, "forms": 0, "anomalies": 0, "review_runs": [],
               "outbox": "/x/outbox", "rollup": None,
               "files": [{"file": "表.docx", "status": "waiting", "reason": reason}]}
    _print_summary(summary, server_kept=True, server=None)
    out = capsys.readouterr().out
    assert "等待重试" in out and "表.docx" in out and "磁盘空间已满" in out


def test_no_server_is_started_where_one_answers(prefect_home, monkeypatch):
    from flows import env, serve

    monkeypatch.setattr(env, "server_healthy", lambda *a, **k: True)
    monkeypatch.setattr(serve, "server_command", lambda cfg: pytest.fail("started a second server"))
    serve.pid_file().write_text("4242")
    with pytest.raises(RuntimeError, match="already answers"):
        serve.start_server(wait=5)
    assert serve.pid_file().read_text() == "4242"
