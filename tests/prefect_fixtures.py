"""Fixtures for the flow tests: one real Prefect server per session, sample inboxes, a served `jixiao serve`.

Registered in conftest.py (`pytest_plugins`). The server is a real `prefect server start`
on a free loopback port with PREFECT_HOME (and its SQLite database) in a temp dir;
nothing else in the session talks to Prefect, and the library tests never import it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = Path(__file__).parent / "data" / "sources" / "seed.txt"
SERVER_WAIT = 120.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seed_forms() -> list[str]:
    """The seed's forms as separate texts (each starts at a 项目绩效目标表 title line)."""
    text = SEED.read_text(encoding="utf-8")
    parts, cur = [], []
    for line in text.split("\n"):
        if line.strip() == "项目绩效目标表" and any(x.strip() for x in cur):
            parts.append("\n".join(cur))
            cur = []
        cur.append(line)
    parts.append("\n".join(cur))
    return [p for p in parts if "项目名称" in p]


def flagged_form() -> str:
    """The seed's first form with a planted error (质量考核达标率 292%) under its own project name."""
    first = seed_forms()[0]
    assert "质量考核达标率\t\t100%\t100%" in first, "seed layout changed"
    return (first.replace("质量考核达标率\t\t100%\t100%", "质量考核达标率\t\t292%\t292%")
            .replace("白玉兰中心费用", "白玉兰中心费用（审核测试）"))


FLAGGED_MESSAGE_PART = "292%"


def variant(i: int) -> str:
    """A distinct, valid form (a new project name), for batches of several files."""
    return seed_forms()[1].replace("舒心驿站心理咨询室项目经费", f"舒心驿站心理咨询室项目经费第{i}期")


def make_home(base: Path) -> Path:
    home = base
    (home / "inbox").mkdir(parents=True, exist_ok=True)
    (home / "outbox").mkdir(parents=True, exist_ok=True)
    return home


def use_home(monkeypatch: pytest.MonkeyPatch | None, home: Path) -> None:
    """Point the settings (in this process and in processes it starts) at `home`."""
    from pipeline import settings

    if monkeypatch is not None:
        monkeypatch.setenv("JIXIAO_HOME", str(home))
    else:
        os.environ["JIXIAO_HOME"] = str(home)
    settings.reset()


def wait_for(pred, timeout: float, step: float = 0.5, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        v = pred()
        if v:
            return v
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def _drain_prefect_workers() -> None:
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        with contextlib.suppress(Exception):
            worker.drain_all(timeout=10)


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory):
    """A real Prefect server on a free loopback port; the session's Prefect client points at it."""
    home = tmp_path_factory.mktemp("prefect-home")
    port = free_port()
    url = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_API_URL": url,
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
           "PREFECT_SERVER_API_HOST": "127.0.0.1", "PREFECT_SERVER_API_PORT": str(port)}
    log = open(home / "server.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                             "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    from flows import env as fenv

    try:
        wait_for(lambda: fenv.server_healthy(url) or proc.poll() is not None, SERVER_WAIT, what="prefect server")
        if proc.poll() is not None:
            raise AssertionError("prefect server exited:\n" + (home / "server.log").read_text()[-3000:])
        saved = {k: os.environ.get(k) for k in ("PREFECT_HOME", "PREFECT_API_URL", "JIXIAO_PREFECT_PORT")}
        os.environ.update(PREFECT_HOME=str(home), PREFECT_API_URL=url, JIXIAO_PREFECT_PORT=str(port))
        from prefect.settings import PREFECT_API_URL, PREFECT_HOME, temporary_settings

        with temporary_settings(updates={PREFECT_API_URL: url, PREFECT_HOME: str(home)}):
            yield {"url": url, "ui": url.removesuffix("/api"), "port": port, "home": home}
            _drain_prefect_workers()  # while the server still answers: no retries against a dead port at exit
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def batch_run(prefect_server, tmp_path_factory):
    """One pass of the batch flow over an inbox with the seed, a flagged form, a corrupt .docx and lock files."""
    from pipeline import settings

    home = make_home(tmp_path_factory.mktemp("jixiao-batch"))
    inbox = home / "inbox"
    shutil.copy(SEED, inbox / "seed.txt")
    (inbox / "flagged.txt").write_text(flagged_form(), encoding="utf-8")
    # complete as far as a copy can tell (its zip end record is there), broken inside
    (inbox / "bad.docx").write_bytes(b"PK\x03\x04 this is not really a zip archive" * 20 + b"PK\x05\x06" + bytes(18))
    ignored = ["~$flagged.docx", ".~lock.bad.docx#", "copy.tmp", ".hidden.txt"]
    for name in ignored:
        (inbox / name).write_bytes(b"lock")
    saved = os.environ.get("JIXIAO_HOME")
    use_home(None, home)
    try:
        from flows.pipeline_flow import process_inbox

        state = process_inbox(settle_seconds=0, pdf=False, return_state=True)
        summary = state.result()
        yield {"home": home, "summary": summary, "flow_run_id": state.state_details.flow_run_id,
               "ignored": ignored, "db_url": settings.get().db_url}
    finally:
        if saved is None:
            os.environ.pop("JIXIAO_HOME", None)
        else:
            os.environ["JIXIAO_HOME"] = saved
        settings.reset()


def start_serve(home: Path, server: dict, *args: str) -> tuple[subprocess.Popen, Path]:
    """`jixiao serve` on `home` against the test server, as a real subprocess; returns once it is serving."""
    env = {**os.environ, "JIXIAO_HOME": str(home), "PREFECT_API_URL": server["url"],
           "PREFECT_HOME": str(server["home"]), "JIXIAO_SETTLE_SECONDS": "1",
           "PREFECT_RUNNER_POLL_FREQUENCY": "1", "JIXIAO_PDF": "0", "JIXIAO_FILES_PORT": str(free_port())}
    log_path = home / f"serve-{time.monotonic_ns()}.log"
    log = open(log_path, "wb")  # noqa: SIM115
    proc = subprocess.Popen([sys.executable, "-m", "flows.cli", "serve", *args], cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    log.close()
    try:
        wait_for(lambda: b"UI: " in log_path.read_bytes() or proc.poll() is not None, 90, what="jixiao serve")
    except AssertionError:
        stop_serve(proc)
        raise
    assert proc.poll() is None, "jixiao serve exited:\n" + log_path.read_text(errors="replace")[-3000:]
    return proc, log_path


def stop_serve(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        proc.terminate()
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


@pytest.fixture(scope="session")
def served(prefect_server, batch_run):
    """`jixiao serve` (deployments + folder watcher) on the batch's home."""
    proc, log_path = start_serve(batch_run["home"], prefect_server)
    try:
        yield {"proc": proc, "log": log_path, "home": batch_run["home"]}
    finally:
        stop_serve(proc)
