"""A long-lived LibreOffice, driven over UNO: run by LibreOffice's Python, not by jixiao's.

    /usr/bin/python3 -I unoworker.py --soffice soffice --profile file:///.../profile

Debian's `python3-uno` lives in the system Python, so this file imports nothing but the
standard library and `uno`; `pipeline.render.convert.Converter` starts it as a child
process and talks to it over its stdin and stdout, one JSON object a line:

    -> {"op": "convert", "src": "/x/a.docx", "dst": "/y/a.pdf", "pages_of": "一级指标"}
    <- {"ok": true, "pages": [1, 1, 2, ...]}  or  {"ok": false, "error": "..."}

("pages": the page each row of the table headed by `pages_of` starts on, from
LibreOffice's layout, so that the caller can repeat merged labels on each page.)
    -> {"op": "ping"}
    <- {"ok": true}

It starts `soffice --headless --accept=pipe,...` with the given profile, prints
{"ok": true, "ready": true} once the UNO connection answers, and serves requests until
its stdin closes (its parent is gone), then terminates LibreOffice. Time limits are the
parent's job: a request that does not come back in time gets the whole process group
(this script and soffice) killed and a fresh one started.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import uuid

import uno  # type: ignore[import-not-found]  # from python3-uno, in the system Python only
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

CONNECT_SECONDS = 60.0  # how long soffice may take to answer on its pipe
CONNECT_POLL = 0.1


def _props(**kw) -> tuple:
    out = []
    for k, v in kw.items():
        p = PropertyValue()
        p.Name, p.Value = k, v
        out.append(p)
    return tuple(out)


def _reply(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


class Office:
    """One soffice process and the UNO desktop it serves."""

    def __init__(self, soffice: str, profile_uri: str):
        self.pipe = f"jixiao-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.proc = subprocess.Popen(
            [soffice, f"-env:UserInstallation={profile_uri}", "--headless", "--invisible", "--nologo",
             "--nodefault", "--norestore", "--nolockcheck", f"--accept=pipe,name={self.pipe};urp;"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.desktop = self._connect()

    def _connect(self):
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + CONNECT_SECONDS
        while True:
            try:
                ctx = resolver.resolve(f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext")
                return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
            except Exception:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"soffice exited with status {self.proc.returncode} before answering")
                if time.monotonic() > deadline:
                    raise
                time.sleep(CONNECT_POLL)

    def convert(self, src: str, dst: str, pages_of: str | None = None) -> list[int]:
        """Write the PDF; with `pages_of` (a header text, 一级指标), also the page on which each row
        of the table whose first row holds that text starts (an empty list: no such table)."""
        doc = self.desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0,
                                                _props(Hidden=True, ReadOnly=True))
        if doc is None:
            raise RuntimeError(f"LibreOffice could not open {os.path.basename(src)}")
        try:
            pages = _row_pages(doc, pages_of) if pages_of else []
            doc.storeToURL(uno.systemPathToFileUrl(dst), _props(FilterName="writer_pdf_Export"))
        finally:
            doc.close(True)
        return pages

    def ping(self) -> None:
        self.desktop.getComponents()  # a round trip through the bridge

    def stop(self) -> None:
        try:
            self.desktop.terminate()
        except Exception:  # noqa: BLE001, S110 - the bridge dies with soffice; it is going anyway
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def _row_pages(doc, header_text: str) -> list[int]:
    """The page each row of the first table whose first row holds `header_text` starts on,
    read from LibreOffice's own layout (the cell of the last column, never merged)."""
    controller = doc.getCurrentController()
    if controller.getPropertyValue("PageCount") < 2:  # one page: nothing runs over (and no row walk)
        return []
    tables = doc.getTextTables()
    view = controller.getViewCursor()
    for i in range(tables.getCount()):
        table = tables.getByIndex(i)
        names = table.getCellNames()
        first = [n for n in names if n.rstrip("0123456789") and n[len(n.rstrip("0123456789")):] == "1"]
        if not any(header_text in table.getCellByName(n).getString() for n in first):
            continue
        pages = []
        for r in range(table.getRows().getCount()):
            cell = None
            for n in reversed(names):  # the right-most cell of row r
                if n[len(n.rstrip("0123456789")):] == str(r + 1):
                    cell = table.getCellByName(n)
                    break
            if cell is None:
                pages.append(pages[-1] if pages else 1)
                continue
            view.gotoRange(cell.getText().getStart(), False)
            pages.append(view.getPage())
        return pages
    return []


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--soffice", required=True)
    ap.add_argument("--profile", required=True, help="file:// URI of the LibreOffice profile")
    args = ap.parse_args()
    try:
        office = Office(args.soffice, args.profile)
    except Exception as e:  # noqa: BLE001 - said to the parent, which raises ConverterUnavailable
        _reply({"ok": False, "ready": False, "error": f"{type(e).__name__}: {e}"})
        return 1
    _reply({"ok": True, "ready": True, "pid": office.proc.pid})
    try:
        for line in sys.stdin:
            req = json.loads(line)
            try:
                if req.get("op") == "convert":
                    _reply({"ok": True, "pages": office.convert(req["src"], req["dst"], req.get("pages_of"))})
                    continue
                if req.get("op") == "ping":
                    office.ping()
                else:
                    raise ValueError(f"unknown op {req.get('op')!r}")
                _reply({"ok": True})
            except Exception as e:  # noqa: BLE001 - one document's failure is a reply, not an exit
                if office.proc.poll() is not None:
                    _reply({"ok": False, "dead": True, "error": f"soffice exited ({office.proc.returncode})"})
                    return 1
                _reply({"ok": False, "error": f"{type(e).__name__}: {e}"})
    finally:
        office.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
