"""The reviewer's local web address: outbox files (read-only) and stable links into the Prefect UI.

A browser refuses `file://` links on an http page, so the form pages link to the
outputs through this small server, bound to JIXIAO_PREFECT_HOST (127.0.0.1) on
JIXIAO_FILES_PORT (4201):

    /outbox/<path>   a file under outbox/ (GET and HEAD only; nothing outside outbox/,
                     no hidden or temporary files); a folder lists its files
    /worklist        redirects to the latest version of the anomaly table in the UI
    /page/<key>      redirects to the latest version of the artifact `key` (a form's page)
    /                redirects to /worklist

The UI's own address for an artifact key lists its versions, and each version has its
own id, so a link that must keep opening the current table or page goes through here.
It runs in a thread of `jixiao serve`, `jixiao server` and the background review runner
`jixiao run` leaves (flows/background.py); when the port is taken, one of those
already serves it.
"""

from __future__ import annotations

import html
import json
import logging
import mimetypes
import threading
import urllib.parse
import urllib.request
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from flows import env
from pipeline import settings

log = logging.getLogger("jixiao.outbox_server")

WORKLIST_KEY = "jixiao-anomalies"
INLINE = {".pdf", ".txt", ".html", ".png", ".jpg", ".json"}  # shown in the browser; the rest downloads


def base_url(cfg: settings.Settings | None = None) -> str:
    cfg = cfg or settings.get()
    return f"http://{cfg.prefect_host}:{cfg.files_port}"


def worklist_url(cfg: settings.Settings | None = None) -> str:
    """The link that always opens the latest anomaly table (README, `jixiao run` summary)."""
    return f"{base_url(cfg)}/worklist"


def page_url(key: str, cfg: settings.Settings | None = None) -> str:
    return f"{base_url(cfg)}/page/{urllib.parse.quote(key)}"


def output_url(path: str | Path, cfg: settings.Settings | None = None) -> str | None:
    """The http address of a file under the outbox, or None when it lies elsewhere."""
    cfg = cfg or settings.get()
    try:
        rel = Path(path).resolve().relative_to(Path(cfg.outbox).resolve())
    except (ValueError, OSError):
        return None
    return f"{base_url(cfg)}/outbox/" + "/".join(urllib.parse.quote(p) for p in rel.parts)


def latest_artifact_id(key: str, api: str | None = None) -> str | None:
    """The id of the newest version of an artifact key (Prefect's REST API), or None."""
    api = (api or env.ui_url() + "/api").rstrip("/")
    body = json.dumps({"artifacts": {"key": {"any_": [key]}}, "sort": "CREATED_DESC", "limit": 1}).encode()
    req = urllib.request.Request(api + "/artifacts/filter", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        found = json.loads(r.read())
    return found[0]["id"] if found else None


class _Handler(BaseHTTPRequestHandler):
    server_version = "jixiao-outbox"
    outbox: Path
    ui: str

    def log_message(self, fmt, *args):  # quiet: the default writes every request to stderr
        log.debug(fmt, *args)

    def do_HEAD(self):
        self._answer(head=True)

    def do_GET(self):
        self._answer(head=False)

    def _answer(self, head: bool) -> None:
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        if path in ("/", ""):
            return self._redirect("/worklist")
        if path == "/worklist":
            return self._artifact(WORKLIST_KEY)
        if path.startswith("/page/"):
            return self._artifact(path.removeprefix("/page/"))
        if path == "/outbox" or path.startswith("/outbox/"):
            return self._file(path.removeprefix("/outbox").strip("/"), head)
        return self._text(HTTPStatus.NOT_FOUND, "没有这个地址。")

    def _artifact(self, key: str) -> None:
        try:
            art = latest_artifact_id(key, self.ui + "/api")
        except OSError as e:
            return self._text(HTTPStatus.BAD_GATEWAY, f"Prefect 服务器没有响应（{self.ui}）：{e}")
        if art is None:
            return self._text(HTTPStatus.NOT_FOUND, f"还没有 {key}：请先运行 jixiao run。")
        return self._redirect(f"{self.ui}/artifacts/artifact/{art}")

    def _file(self, rel: str, head: bool) -> None:
        parts = [p for p in rel.split("/") if p]
        if any(p.startswith(".") or p.endswith((".tmp", ".part")) for p in parts):
            return self._text(HTTPStatus.NOT_FOUND, "没有这个文件。")
        root = self.outbox.resolve()
        target = root.joinpath(*parts).resolve() if parts else root
        if target != root and root not in target.parents:  # a symlink out of the outbox
            return self._text(HTTPStatus.NOT_FOUND, "没有这个文件。")
        if target.is_dir():
            return self._listing(target, parts, head)
        if not target.is_file():
            return self._text(HTTPStatus.NOT_FOUND, "没有这个文件。")
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype.startswith("text/"):
            ctype += "; charset=utf-8"
        disposition = "inline" if target.suffix.lower() in INLINE else "attachment"
        data = target.read_bytes()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Content-Disposition",
                         f"{disposition}; filename*=UTF-8''{urllib.parse.quote(target.name)}")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not head:
            self.wfile.write(data)

    def _listing(self, folder: Path, parts: list[str], head: bool) -> None:
        items = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
        prefix = "/outbox/" + "".join(urllib.parse.quote(p) + "/" for p in parts)
        title = html.escape("outbox/" + "/".join(parts))
        rows = "".join(f'<li><a href="{prefix}{urllib.parse.quote(p.name)}{"/" if p.is_dir() else ""}">'
                       f"{html.escape(p.name)}</a></li>" for p in items)
        body = (f'<!doctype html><meta charset="utf-8"><title>{title}</title><h1>{title}</h1>'
                f"<ul>{rows}</ul>").encode()
        self._send(HTTPStatus.OK, "text/html; charset=utf-8", body, head)

    def _redirect(self, to: str) -> None:
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _text(self, status: HTTPStatus, text: str) -> None:
        self._send(status, "text/plain; charset=utf-8", (text + "\n").encode(), self.command == "HEAD")

    def _send(self, status: HTTPStatus, ctype: str, body: bytes, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)


def start(cfg: settings.Settings | None = None, outbox: Path | None = None) -> ThreadingHTTPServer | None:
    """Serve in a daemon thread; None when the port is already taken (another jixiao process serves it)."""
    cfg = cfg or settings.get()
    handler = type("Handler", (_Handler,), {"outbox": Path(outbox or cfg.outbox), "ui": env.ui_url()})
    try:
        server = ThreadingHTTPServer((cfg.prefect_host, cfg.files_port), handler)
    except OSError as e:
        log.info("outbox server not started on %s:%s: %s", cfg.prefect_host, cfg.files_port, e)
        return None
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="jixiao-outbox-server", daemon=True).start()
    return server
