"""The review runner `jixiao run` leaves in the background, beside the Prefect server.

A review run is created from the deployment `jixiao-review/review-<h>`; a deployment's run
only starts when a process serves it. Without one the run would sit in *Late* with
only Cancel in the UI. So `jixiao run` starts (once; a pid file in var/) this process:

    python -m flows.background     serves the review deployment (polls every 2 s)
                                   and the outbox server (flows/outbox_server.py)

It starts each new review run, which suspends itself at once (Suspended, with a Resume
button), and after a reviewer presses Resume and submits it runs the rest (the decision
is stored and shown). `jixiao run` waits until its review runs are Suspended before it
prints the summary. `jixiao server --stop` stops this process with the server;
`jixiao serve` serves the same deployment and may run beside it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from pipeline import settings

POLL_SECONDS = "2"  # PREFECT_RUNNER_POLL_FREQUENCY of the runner: a resumed review continues within ~2 s


def pid_file(cfg: settings.Settings | None = None) -> Path:
    cfg = cfg or settings.get()
    return cfg.home / "var" / "review-runner.pid"


def log_file(cfg: settings.Settings | None = None) -> Path:
    cfg = cfg or settings.get()
    return cfg.home / "var" / "review-runner.log"


def running_pid(cfg: settings.Settings | None = None) -> int | None:
    """The pid of the background runner of this JIXIAO_HOME when it is alive."""
    try:
        pid = int(pid_file(cfg).read_text().strip())
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (OSError, ValueError):
        return None
    return pid if b"flows.background" in cmdline else None


def ensure_running(cfg: settings.Settings | None = None) -> tuple[int, bool]:
    """Start the background runner unless one runs for this home; (pid, started now)."""
    cfg = cfg or settings.get()
    pid = running_pid(cfg)
    if pid:
        return pid, False
    pid_file(cfg).parent.mkdir(parents=True, exist_ok=True)
    environ = {**os.environ, "JIXIAO_HOME": str(cfg.home)}
    environ.setdefault("PREFECT_RUNNER_POLL_FREQUENCY", POLL_SECONDS)
    with open(log_file(cfg), "ab") as out:
        proc = subprocess.Popen([sys.executable, "-m", "flows.background"], env=environ, stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
                                cwd=str(Path(__file__).resolve().parent.parent))
    tmp = pid_file(cfg).with_suffix(f".{proc.pid}.tmp")
    tmp.write_text(str(proc.pid))
    os.replace(tmp, pid_file(cfg))
    return proc.pid, True


def stop(cfg: settings.Settings | None = None, timeout: float = 10.0) -> int | None:
    """Stop the background runner of this home; its pid, or None when none ran."""
    pid = running_pid(cfg)
    pid_file(cfg).unlink(missing_ok=True)
    if not pid:
        return None
    try:
        os.killpg(pid, signal.SIGTERM)  # the runner and the review run it may be executing
    except ProcessLookupError:
        return pid
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass
        time.sleep(0.1)
    return pid


def wait_suspended(run_ids: list[str], timeout: float = 90.0) -> list[str]:
    """Wait until these review runs are Suspended (answerable); the ids still not suspended."""
    from prefect.client.orchestration import get_client

    left = list(run_ids)
    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while left and time.monotonic() < deadline:
            for rid in list(left):
                state = client.read_flow_run(rid).state
                if state is not None and (state.is_paused() or state.is_final()):
                    left.remove(rid)
            if left:
                time.sleep(0.5)
    return left


def main() -> None:
    """Serve the review deployment and the outbox until stopped."""
    from prefect import serve

    from flows import outbox_server
    from flows.review import review_deployment

    outbox_server.start()
    print(f"review runner for {settings.get().home} (pid {os.getpid()})", flush=True)
    serve(review_deployment())


if __name__ == "__main__":  # the package's __init__ has set the project's Prefect environment
    main()
