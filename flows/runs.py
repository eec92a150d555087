"""Which batch flow runs are still alive: a killed `jixiao run` must not stay Running in the UI.

A flow run started in a process (not from a deployment) has no heartbeat the server could
miss. So each batch run leaves `<home>/var/runs/<flow run id>` holding its run token
(`pipeline.inbox.run_token`: pid, start time, host) while it runs; the next pass marks the
runs whose process is over as Crashed, with a message saying so, and removes their files.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from pipeline import inbox as _inbox
from pipeline import settings
from pipeline.atomic import write_atomic

log = logging.getLogger(__name__)

CRASHED_MESSAGE = "运行进程已结束（被终止或崩溃），未能正常完成；其中的文件已由下一次处理恢复"


def runs_dir(home: Path | None = None) -> Path:
    return Path(home or settings.get().home) / "var" / "runs"


def started(flow_run_id: object, home: Path | None = None) -> Path:
    """Note that this process runs `flow_run_id`."""
    return write_atomic(runs_dir(home) / str(flow_run_id), _inbox.run_token())


def finished(flow_run_id: object, home: Path | None = None) -> None:
    (runs_dir(home) / str(flow_run_id)).unlink(missing_ok=True)


def mark_crashed(home: Path | None = None, stale_seconds: float = 3600.0) -> list[str]:
    """Set the runs whose process is over to Crashed; their ids."""
    from prefect.client.orchestration import get_client
    from prefect.states import Crashed

    folder = runs_dir(home)
    if not folder.is_dir():
        return []
    gone = []
    for p in folder.iterdir():
        try:
            token = p.read_text().strip()
            age = time.time() - p.stat().st_mtime
        except OSError:
            continue
        if not _inbox.run_is_over(_inbox.token_owner(token), age, stale_seconds):
            continue
        try:
            with get_client(sync_client=True) as client:
                state = client.read_flow_run(p.name).state
                if state is not None and not state.is_final():
                    client.set_flow_run_state(p.name, Crashed(message=CRASHED_MESSAGE), force=True)
                    gone.append(p.name)
        except Exception as e:  # noqa: BLE001 - an unknown run (another server), or no server: forget it
            log.info("could not mark flow run %s as crashed: %s", p.name, e)
        p.unlink(missing_ok=True)
    return gone
