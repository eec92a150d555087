"""The Prefect environment of the project, applied before prefect is imported.

Prefect reads its settings when it is first imported, so `flows/__init__.py` calls
`apply()` and every module of `flows` imports prefect only after that. Values
already in the environment win (a test pointing PREFECT_API_URL at its own server,
an operator moving Prefect's database to PostgreSQL).

    PREFECT_HOME                      <home>/var/prefect (Prefect's SQLite DB, results)
    PREFECT_API_URL                   http://127.0.0.1:<JIXIAO_PREFECT_PORT>/api
    PREFECT_SERVER_ANALYTICS_ENABLED  false
    DO_NOT_TRACK                      1
"""

from __future__ import annotations

import os
import urllib.error
import urllib.request

from pipeline import settings as _settings


def prefect_env(cfg: _settings.Settings | None = None) -> dict[str, str]:
    """The variables the project sets for Prefect (defaults; the environment wins)."""
    cfg = cfg or _settings.get()
    return {
        "PREFECT_HOME": str(cfg.home / "var" / "prefect"),
        "PREFECT_API_URL": api_url(cfg),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        # the UI must not fetch anything from outside the machine
        "PREFECT_UI_ENABLED": "true",
        "PREFECT_SERVER_API_HOST": cfg.prefect_host,
        "PREFECT_SERVER_API_PORT": str(cfg.prefect_port),
        # logs of served runs: no remote log shipping, nothing leaves the machine
        "PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY": "false",
    }


def api_url(cfg: _settings.Settings | None = None) -> str:
    cfg = cfg or _settings.get()
    return f"http://{cfg.prefect_host}:{cfg.prefect_port}/api"


def ui_url() -> str:
    """The UI root that goes with the API in force."""
    url = os.environ.get("PREFECT_API_URL") or api_url()
    return url.removesuffix("/api")


def apply(cfg: _settings.Settings | None = None) -> dict[str, str]:
    """Set the project's Prefect variables where the environment has none; returns what is in force."""
    env = prefect_env(cfg)
    for k, v in env.items():
        os.environ.setdefault(k, v)
    os.makedirs(os.environ["PREFECT_HOME"], exist_ok=True)
    # analytics must stay off even when the caller set something else
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    os.environ["DO_NOT_TRACK"] = "1"
    return {k: os.environ[k] for k in env}


def server_healthy(url: str | None = None, timeout: float = 1.0) -> bool:
    """True when a Prefect server answers at the API URL (default: the one in force)."""
    url = (url or os.environ.get("PREFECT_API_URL") or api_url()).rstrip("/")
    try:
        with urllib.request.urlopen(url + "/health", timeout=timeout) as r:
            return r.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False
