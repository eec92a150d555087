"""A headless Chromium driven over the DevTools protocol (the `websockets` package Prefect already needs).

Enough to walk a reviewer's path through the Prefect UI: open a page, read its text,
click a button or link by its text, type into a field, take a screenshot.
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Self

CHROMIUM = next((c for c in ("chromium", "chromium-browser", "google-chrome") if shutil.which(c)), None)


class Browser:
    def __init__(self, profile: Path, width: int = 1440, height: int = 1000):
        assert CHROMIUM, "Chromium is missing: install Debian's `chromium` package (scripts/setup.sh --dev does)"
        profile.mkdir(parents=True, exist_ok=True)
        (profile / "DevToolsActivePort").unlink(missing_ok=True)  # a previous session's port
        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-default-apps", "--disable-extensions", f"--user-data-dir={profile}",
             f"--window-size={width},{height}", "--remote-debugging-port=0", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not (port_file.exists() and port_file.read_text().strip()):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.close()
                raise RuntimeError("chromium did not start")
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=5) as r:
                    pages = [t for t in json.loads(r.read()) if t.get("type") == "page"]
                if pages:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.close()
                raise RuntimeError("no chromium page")
            time.sleep(0.2)
        from websockets.sync.client import connect

        self.ws = connect(pages[0]["webSocketDebuggerUrl"], max_size=64 * 1024 * 1024, open_timeout=30)
        self._ids = itertools.count(1)
        self.send("Page.enable")
        self.send("Runtime.enable")

    def send(self, method: str, **params):
        i = next(self._ids)
        self.ws.send(json.dumps({"id": i, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv(timeout=120))
            if msg.get("id") == i:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})

    def js(self, expression: str):
        res = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in res:
            raise RuntimeError(f"{expression[:80]}: {res['exceptionDetails']}")
        return res.get("result", {}).get("value")

    def goto(self, url: str, wait_for: str | None = None, timeout: float = 120) -> str:
        self.send("Page.navigate", url=url)
        time.sleep(0.5)
        if wait_for:
            return self.wait_text(wait_for, timeout)
        return self.url()

    def url(self) -> str:
        return self.js("location.href")

    def text(self) -> str:
        return self.js("document.body ? document.body.innerText : ''") or ""

    def wait_text(self, needle: str, timeout: float = 120) -> str:
        deadline = time.monotonic() + timeout
        while True:
            text = self.text()
            if needle in text:
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"{needle!r} not on {self.url()} after {timeout:.0f} s:\n{text[:3000]}")
            time.sleep(0.5)

    def wait(self, expression: str, timeout: float = 120, what: str = ""):
        deadline = time.monotonic() + timeout
        while True:
            v = self.js(expression)
            if v:
                return v
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what or expression} on {self.url()}:\n"
                                     f"{self.text()[:3000]}")
            time.sleep(0.5)

    def links(self) -> list[dict]:
        return self.js("[...document.querySelectorAll('a[href]')].map(a => ({text: a.innerText.trim(), "
                       "href: a.href}))")

    def click_text(self, text: str, selector: str = "button, a, [role=button], [role=option], li, label",
                   timeout: float = 30) -> None:
        """Click the innermost visible element matching `selector` whose text is `text`."""
        expr = f"""(() => {{
            const els = [...document.querySelectorAll({json.dumps(selector)})]
                .filter(e => e.offsetParent !== null && e.innerText && e.innerText.trim() === {json.dumps(text)});
            if (!els.length) return false;
            els[els.length - 1].click();
            return true;
        }})()"""
        self.wait(expr, timeout, what=f"a clickable {text!r}")

    def type_into(self, label: str, value: str, timeout: float = 30,
                  field: str = "input:not([type=hidden]), textarea") -> None:
        """Type into the input or textarea of the form field whose label starts with `label` (input events,
        as typing sends)."""
        expr = f"""(() => {{
            const labels = [...document.querySelectorAll('label, legend, .p-label, span, div')]
                .filter(e => e.offsetParent !== null && e.children.length === 0 && e.innerText.trim().startsWith({json.dumps(label)}));
            for (const l of labels) {{
                let box = l;
                for (let k = 0; k < 6 && box; k++, box = box.parentElement) {{
                    const f = box.querySelector({json.dumps(field)});
                    if (f && f.tagName === 'SELECT') {{
                        const opt = [...f.options].find(o => o.text.trim() === {json.dumps(value)});
                        if (!opt) return false;
                        f.value = opt.value;
                        f.dispatchEvent(new Event('change', {{bubbles: true}}));
                        return true;
                    }}
                    if (f) {{
                        f.focus();
                        const proto = f.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
                        Object.getOwnPropertyDescriptor(proto, 'value').set.call(f, {json.dumps(value)});
                        f.dispatchEvent(new Event('input', {{bubbles: true}}));
                        f.dispatchEvent(new Event('change', {{bubbles: true}}));
                        f.blur();
                        return true;
                    }}
                }}
            }}
            return false;
        }})()"""
        self.wait(expr, timeout, what=f"a field labelled {label!r}")
        time.sleep(1.0)  # the UI's form takes in a typed value after a short debounce

    def choose(self, label: str, option: str, timeout: float = 30) -> None:
        """Choose `option` in the select of the form field whose label starts with `label`."""
        self.type_into(label, option, timeout, field="select")

    def screenshot(self, path: Path) -> Path:
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.ws.close()
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
