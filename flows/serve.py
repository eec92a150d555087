"""`jixiao serve`: the deployments (nightly sweep, on-arrival run, review) and the folder watcher.

    jixiao-batch/nightly     cron JIXIAO_NIGHTLY_CRON (0 2 * * *) in JIXIAO_TIMEZONE (Asia/Shanghai)
    jixiao-batch/on-arrival  started by the watcher when a settled file waits in the inbox
    jixiao-review/review-<h> one run per form with errors; suspended until a reviewer answers
                             (one per jixiao database: flows/review.py)

Prefect has no folder watcher of its own. `InboxWatcher` uses watchfiles (inotify) to
wake up early and rescans the inbox every second anyway; with JIXIAO_WATCH_POLL=1 it
polls (SMB/NFS shares, where inotify sees nothing). A file is taken only once it has
stopped changing for JIXIAO_SETTLE_SECONDS; lock and temporary files are never taken.
Only one on-arrival run is in flight at a time; files that land meanwhile start the next.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from flows import env
from pipeline import settings

log = logging.getLogger("jixiao.watcher")

ARRIVAL_DEPLOYMENT = "jixiao-batch/on-arrival"


def deployments(cfg: settings.Settings | None = None) -> list:
    """The three served deployments."""
    from prefect.schedules import Cron

    from flows.pipeline_flow import process_inbox
    from flows.review import review_deployment

    cfg = cfg or settings.get()
    nightly = process_inbox.to_deployment(
        name="nightly", schedules=[Cron(cfg.nightly_cron, timezone=cfg.timezone)],
        description=f"每晚处理收件箱（{cfg.nightly_cron}，{cfg.timezone}）", tags=["jixiao", "nightly"])
    arrival = process_inbox.to_deployment(
        name="on-arrival", description="文件到达收件箱后处理（由文件夹监视器启动）", tags=["jixiao", "on-arrival"],
        parameters={"settle_seconds": min(1.0, cfg.settle_seconds)})  # the watcher already saw it settle
    return [nightly, arrival, review_deployment(cfg)]


class InboxWatcher:
    """Calls `trigger(ready_files)` when settled files wait in the inbox and the previous trigger is done.

    `trigger` returns a handle; `done(handle)` says whether that work has finished (for
    Prefect: the flow run reached a final state). Runs in its own thread until `stop()`.
    """

    def __init__(self, inbox: Path, trigger: Callable[[list[Path]], object], done: Callable[[object], bool] = lambda h: True,
                 *, settle_seconds: float = 5.0, poll: bool = False, interval: float = 1.0):
        from pipeline.inbox import Watcher

        self.inbox = Path(inbox)
        self.trigger, self.done = trigger, done
        self.poll, self.interval = poll, interval
        self.settle = Watcher(settle_seconds)
        self._stop = threading.Event()
        self._handle: object | None = None
        self.triggered = 0
        self.thread: threading.Thread | None = None

    def check(self) -> bool:
        """One look at the inbox; trigger when something settled is waiting. True if triggered."""
        ready = self.settle.stable(self.inbox)
        if not ready:
            return False
        if self._handle is not None and not self._safe(self.done, self._handle, False):
            return False
        log.info("%d settled file(s) in %s: starting a run", len(ready), self.inbox)
        handle = self._safe(self.trigger, ready, None)
        if handle is None:
            return False
        self._handle, self.triggered = handle, self.triggered + 1
        return True

    @staticmethod
    def _safe(fn, arg, default):
        try:
            return fn(arg)
        except Exception:  # a server restart or a transient API error: try again next tick
            log.exception("watcher: %s failed", getattr(fn, "__name__", fn))
            return default

    def run(self) -> None:
        import watchfiles

        self.inbox.mkdir(parents=True, exist_ok=True)
        self.check()
        try:
            for _changes in watchfiles.watch(self.inbox, stop_event=self._stop, yield_on_timeout=True,
                                             rust_timeout=int(self.interval * 1000), debounce=200,
                                             force_polling=self.poll or None, poll_delay_ms=int(self.interval * 1000),
                                             raise_interrupt=False, recursive=False, watch_filter=None):
                if self._stop.is_set():
                    break
                self.check()
        except (OSError, RuntimeError):  # inotify unavailable or exhausted: plain polling
            log.warning("watchfiles failed; polling %s every %.1f s", self.inbox, self.interval)
            while not self._stop.wait(self.interval):
                self.check()

    def start(self) -> InboxWatcher:
        self.thread = threading.Thread(target=self.run, name="jixiao-inbox-watcher", daemon=True)
        self.thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self.thread:
            self.thread.join(timeout)


def _deployment_trigger(_ready: list[Path]):
    """Start an on-arrival run; None (try again next tick) while `prefect serve` has not yet
    registered the deployment (files already waiting when `jixiao serve` starts)."""
    from prefect.deployments import run_deployment
    from prefect.exceptions import ObjectNotFound

    try:
        fr = run_deployment(ARRIVAL_DEPLOYMENT, timeout=0, as_subflow=False, tags=["on-arrival"])
    except ObjectNotFound:
        log.info("deployment %s not registered yet; the waiting files start a run in a moment", ARRIVAL_DEPLOYMENT)
        return None
    return fr.id


def _flow_run_done(flow_run_id) -> bool:
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        state = client.read_flow_run(flow_run_id).state
    return state is None or state.is_final()


# ---------------------------------------------------------------- the local Prefect server


def ensure_server(cfg: settings.Settings | None = None, *, announce=lambda: None) -> subprocess.Popen | None:
    """A healthy Prefect server at the configured address: the one running, or one started here
    (returned). Two commands starting together do not both start one: the check and the start
    happen under an exclusive lock (`server.lock` in PREFECT_HOME), so the second finds the
    first's server healthy."""
    import fcntl

    cfg = cfg or settings.get()
    env.apply(cfg)
    if env.server_healthy():
        return None
    with open(Path(os.environ["PREFECT_HOME"]) / "server.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes (or the process dies)
        if env.server_healthy():
            return None
        announce()
        return start_server(cfg)


def start_server(cfg: settings.Settings | None = None, *, wait: float = 90.0, log_file: Path | None = None
                 ) -> subprocess.Popen:
    """`prefect server start` on the configured loopback port, in the background; returns when healthy.

    The pid file is written only then: a start that fails never replaces the pid of a server
    that is running."""
    cfg = cfg or settings.get()
    env.apply(cfg)
    url = f"http://{cfg.prefect_host}:{cfg.prefect_port}/api"
    if env.server_healthy(url):  # another server answers there: ours could not bind, nor be told apart
        raise RuntimeError(f"a Prefect server already answers at {url}; not starting another")
    log_file = log_file or Path(os.environ["PREFECT_HOME"]) / "server.log"
    out = open(log_file, "ab")  # noqa: SIM115 (lives as long as the server)
    proc = subprocess.Popen(server_command(cfg), env=os.environ.copy(), stdout=out, stderr=subprocess.STDOUT,
                            start_new_session=True)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"prefect server exited with {proc.returncode}; see {log_file}")
        if env.server_healthy(url):
            _write_pid(proc.pid)
            return proc
        time.sleep(0.5)
    stop_server(proc)
    raise RuntimeError(f"prefect server not healthy after {wait:.0f} s; see {log_file}")


def _write_pid(pid: int) -> None:
    from pipeline.atomic import write_atomic

    write_atomic(pid_file(), str(pid))


def pid_file() -> Path:
    """Where a server started in the background by `jixiao run` leaves its process id."""
    return Path(os.environ["PREFECT_HOME"]) / "server.pid"


def stop_background_server() -> int | None:
    """Stop the server `jixiao run` left running (pid file checked against the process); its pid or None."""
    import signal

    try:
        pid = int(pid_file().read_text().strip())
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
    except (OSError, ValueError):
        pid_file().unlink(missing_ok=True)
        return None
    if b"prefect" not in cmdline or b"server" not in cmdline:
        pid_file().unlink(missing_ok=True)
        return None
    os.kill(pid, signal.SIGTERM)
    pid_file().unlink(missing_ok=True)
    return pid


def server_command(cfg: settings.Settings) -> list[str]:
    return [sys.executable, "-m", "prefect", "server", "start", "--host", cfg.prefect_host,
            "--port", str(cfg.prefect_port)]


def stop_server(proc: subprocess.Popen, timeout: float = 15.0) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


def serve(*, watch: bool = True, cfg: settings.Settings | None = None) -> None:
    """Serve the deployments (and watch the inbox) until interrupted; starts a server if none answers."""
    cfg = cfg or settings.get()
    server = ensure_server(cfg, announce=lambda: print(
        f"no Prefect server at {os.environ.get('PREFECT_API_URL', '')}: starting one", flush=True))
    from prefect import serve as prefect_serve

    from pipeline.process import recover

    recovered = recover(cfg.inbox, out_dir=cfg.outbox)
    if recovered.put_back or recovered.filed:
        print(f"{len(recovered.put_back)} file(s) left by a stopped run put back into the inbox, "
              f"{len(recovered.filed)} filing(s) finished", flush=True)
    watcher = None
    if watch:
        watcher = InboxWatcher(cfg.inbox, _deployment_trigger, _flow_run_done, settle_seconds=cfg.settle_seconds,
                               poll=cfg.watch_poll, interval=cfg.watch_interval if cfg.watch_poll else 1.0).start()
        print(f"watching {cfg.inbox} ({'polling' if cfg.watch_poll else 'inotify'}, "
              f"settle {cfg.settle_seconds:g} s)", flush=True)
    from flows import outbox_server

    outbox_server.start(cfg)  # output links and stable links on JIXIAO_FILES_PORT
    print(f"UI: {env.ui_url()}", flush=True)
    try:
        prefect_serve(*deployments(cfg))
    finally:
        if watcher:
            watcher.stop()
        if server:
            stop_server(server)
