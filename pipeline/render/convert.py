""".docx -> .pdf through LibreOffice: one long-lived LibreOffice per worker, or soffice calls.

    docx_to_pdf(paths, out_dir, profile_dir=None)   the PDFs, in the order of `paths`
    stop_converters()                               end every LibreOffice this process started

Two ways to convert, chosen by JIXIAO_CONVERTER:

- `uno` (what `auto` picks when LibreOffice's Python has `uno`, Debian's `python3-uno`):
  a `Converter` per LibreOffice profile keeps one soffice running, started once and fed
  documents one by one over UNO by `unoworker.py`, a child process run by that Python
  (JIXIAO_UNO_PYTHON). Starting LibreOffice costs about a second; a document about 0.1 s.
  Before each call the converter is checked (process alive; after a failure a ping), and
  started again when it died; a document that takes longer than JIXIAO_PDF_TIMEOUT gets
  the whole LibreOffice killed (it is hung) and the next call starts a fresh one. A
  converter idle for JIXIAO_CONVERTER_IDLE_SECONDS is stopped, and LibreOffice is started
  afresh after JIXIAO_CONVERTER_MAX_DOCUMENTS documents (it grows by about 0.5 MB each).
- `soffice`: `soffice --convert-to pdf` over the files, JIXIAO_PDF_BATCH_FILES per call
  (the argument list stays far under the system's limit), each call limited to
  JIXIAO_PDF_TIMEOUT per file.

Errors: `PdfConversionError` when a document could not be converted (its `written` and
`missing` list the PDFs, so a caller can retry only the missing ones); its subclass
`ConverterUnavailable` when LibreOffice itself is at fault (not installed, does not start,
hangs): a fault of the system, not of the file, which should wait and be tried again.

Profiles: each concurrent LibreOffice needs a profile of its own (two sharing one fail
silently). A converter holds its profile with an flock for its whole life; without a
profile given, a call takes an idle converter of this process or the first free profile of
a per-user pool in the temp folder (reused across runs: a fresh profile costs a second).
Fonts: LibreOffice runs with FONTCONFIG_FILE = templates/fonts.conf, which maps the
official faces (仿宋_GB2312, 方正小标宋简体, 宋体, 黑体 ...) to installed CJK fonts.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import json
import os
import selectors
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO

from .. import settings as _settings
from ..errors import JixiaoError
from .docx import INDICATOR_HEADER, repeat_labels_on_pages

WORKER_SCRIPT = Path(__file__).with_name("unoworker.py")
PING_TIMEOUT = 10.0  # seconds a live converter has to answer a ping
REAPER_INTERVAL = 10.0  # seconds between looks for idle converters


class PdfConversionError(JixiaoError):
    """LibreOffice did not produce a PDF of a document. Worth a retry."""

    kind = "pdf_conversion"
    reason_zh = "PDF 转换失败（LibreOffice 未能生成文件），请稍后重试"

    def __init__(self, message: str, missing: list[Path] | None = None, written: list[Path] | None = None):
        super().__init__(message)
        self.missing: list[Path] = list(missing or [])
        self.written: list[Path] = list(written or [])


class ConverterUnavailable(PdfConversionError):
    """LibreOffice is missing, does not start or hangs: the system is at fault, not the file.

    The file should wait and be tried again once the fault is gone. `hung`: LibreOffice
    was killed for taking longer than the time limit (else it is missing or died)."""

    kind = "converter_unavailable"
    reason_zh = "PDF 转换服务（LibreOffice）暂不可用，文件将稍后重新处理"
    hung = False


# ------------------------------------------------------------------ environment


def soffice_env() -> dict[str, str]:
    """The environment of LibreOffice: our fontconfig file maps the official faces."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON") and k != "VIRTUAL_ENV"}
    fc = _settings.get().fontconfig_file
    if fc and Path(fc).is_file():
        env["FONTCONFIG_FILE"] = str(Path(fc).resolve())
    env.setdefault("SAL_USE_VCLPLUGIN", "svp")
    return env


@lru_cache(maxsize=4)
def _has_uno(python: str) -> bool:
    try:
        proc = subprocess.run([python, "-I", "-c", "import uno"], check=False, capture_output=True, timeout=30)
        return proc.returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def converter_kind() -> str:
    """"uno" or "soffice", from JIXIAO_CONVERTER (auto: uno when LibreOffice's Python has it)."""
    cfg = _settings.get()
    kind = (cfg.converter or "auto").lower()
    if kind == "auto":
        return "uno" if _has_uno(cfg.uno_python) else "soffice"
    if kind not in ("uno", "soffice"):
        raise ValueError(f"JIXIAO_CONVERTER must be auto, uno or soffice, not {kind!r}")
    return kind


# ------------------------------------------------------------------ profiles


def default_profile_dir(n: int = 0) -> Path:
    """The n-th pooled LibreOffice profile of this user in the temp folder."""
    return Path(tempfile.gettempdir()) / f"jixiao-soffice-{os.getuid()}" / f"profile-{n}"


def _flock(profile: Path, blocking: bool) -> IO[str] | None:
    """An open lock file of the profile, flock-ed (None if busy and not blocking)."""
    profile.mkdir(parents=True, exist_ok=True)
    fh = open(profile / ".jixiao.lock", "w")  # noqa: SIM115 - closed by the holder
    try:
        fcntl.flock(fh, fcntl.LOCK_EX if blocking else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.close()
        return None
    return fh


# ------------------------------------------------------------------ the long-lived converter


@dataclass
class Converter:
    """One LibreOffice, kept running for one profile, fed one document at a time over UNO.

    Not for two threads at once: `lock` is held for a whole call (`_checkout` does it)."""

    profile: Path
    lock: threading.Lock = field(default_factory=threading.Lock)
    proc: subprocess.Popen | None = None
    last_used: float = field(default_factory=time.monotonic)
    starts: int = 0  # how often LibreOffice was started (1 + restarts)
    documents: int = 0  # documents converted by the LibreOffice running now
    _profile_lock: IO[str] | None = None
    _buf: bytes = b""

    # ---- life

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def start(self) -> None:
        cfg = _settings.get()
        if self._profile_lock is None:
            self._profile_lock = _flock(self.profile, blocking=True)
        cmd = [cfg.uno_python, "-I", str(WORKER_SCRIPT), "--soffice", cfg.soffice, "--profile",
               self.profile.resolve().as_uri()]
        try:
            # a session of its own: a hung LibreOffice goes with its whole process group
            self.proc = subprocess.Popen(cmd, env=soffice_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.DEVNULL, start_new_session=True)
        except OSError as e:
            raise ConverterUnavailable(f"cannot start LibreOffice's Python ({cfg.uno_python}): {e}; install "
                                       "python3-uno or set JIXIAO_CONVERTER=soffice") from e
        self._buf = b""
        self.starts += 1
        self.documents = 0
        try:
            ready = self._read(cfg.converter_start_timeout)
        except ConverterUnavailable as e:
            self.kill()
            raise ConverterUnavailable(f"LibreOffice did not start: {e}") from e
        if not ready.get("ready"):
            self.kill()
            raise ConverterUnavailable(f"LibreOffice did not start ({cfg.soffice}): {ready.get('error')}; install "
                                       "libreoffice-writer-nogui or set JIXIAO_SOFFICE")

    def kill(self) -> None:
        """End LibreOffice and the worker at once (the process group)."""
        if self.proc is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            with contextlib.suppress(Exception):
                self.proc.wait(10)
            for s in (self.proc.stdin, self.proc.stdout):
                with contextlib.suppress(Exception):
                    s.close()  # type: ignore[union-attr]
        self.proc = None

    def stop_office(self) -> None:
        """End LibreOffice gracefully (closing the worker's stdin, which terminates it); keep the profile."""
        if self.proc is not None:
            with contextlib.suppress(Exception):
                self.proc.stdin.close()  # type: ignore[union-attr]
                self.proc.wait(15)
            self.kill()

    def stop(self) -> None:
        """End LibreOffice and release the profile."""
        self.stop_office()
        if self._profile_lock is not None:
            self._profile_lock.close()
            self._profile_lock = None

    def ensure(self) -> None:
        """Start LibreOffice if it is not running (never started, died, killed after a hang), and
        again after JIXIAO_CONVERTER_MAX_DOCUMENTS documents (it grows by about 0.5 MB a document)."""
        if self.alive and self.documents >= _settings.get().converter_max_documents:
            self.stop_office()
        if not self.alive:
            self.kill()
            self.start()

    def healthy(self) -> bool:
        """Running and answering a ping within PING_TIMEOUT."""
        if not self.alive:
            return False
        try:
            return bool(self._call({"op": "ping"}, PING_TIMEOUT).get("ok"))
        except ConverterUnavailable:
            return False

    # ---- work

    def convert(self, src: Path, dst: Path, timeout: float) -> str | None:
        """Convert one document; None when done, else LibreOffice's error for this document.

        Raises ConverterUnavailable when LibreOffice hangs (killed) or cannot be started."""
        self.ensure()
        self.last_used = time.monotonic()
        with contextlib.suppress(FileNotFoundError):
            dst.unlink()
        request = {"op": "convert", "src": str(src), "dst": str(dst), "pages_of": INDICATOR_HEADER}
        reply = self._convert(request, timeout)
        if reply.get("ok") and len(set(reply.get("pages") or [1])) > 1:
            # the indicator table runs over pages: its merged labels start again on each page
            fresh = dst.with_name(f".{dst.stem}.{os.getpid()}.pages.docx")
            try:
                if repeat_labels_on_pages(src, fresh, reply["pages"]):
                    reply = self._convert({"op": "convert", "src": str(fresh), "dst": str(dst)}, timeout)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    fresh.unlink()
        if reply.get("ok") and dst.is_file() and dst.stat().st_size > 0:
            return None
        return str(reply.get("error") or "no PDF written")

    def _convert(self, request: dict, timeout: float) -> dict:
        try:
            reply = self._call(request, timeout)
        except ConverterUnavailable as e:
            # died under this document: once more on a fresh LibreOffice, then it is the system's fault;
            # hung (killed already): the next call starts a fresh one
            if e.hung:
                raise
            self.start()
            reply = self._call(request, timeout)
        finally:
            self.last_used = time.monotonic()
        self.documents += 1
        if reply.get("dead"):
            self.kill()
        return reply

    def _call(self, request: dict, timeout: float) -> dict:
        assert self.proc is not None and self.proc.stdin is not None
        try:
            self.proc.stdin.write((json.dumps(request, ensure_ascii=False) + "\n").encode("utf-8"))
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError) as e:
            self.kill()
            raise ConverterUnavailable(f"LibreOffice is gone ({e})") from e
        return self._read(timeout)

    def _read(self, timeout: float) -> dict:
        """The worker's next reply line; on a timeout or its end, LibreOffice is killed."""
        assert self.proc is not None and self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            while b"\n" not in self._buf:
                left = deadline - time.monotonic()
                if left <= 0 or not sel.select(left):
                    self.kill()
                    err = ConverterUnavailable(f"LibreOffice did not answer within {timeout:.0f} s (killed)")
                    err.hung = True
                    raise err
                chunk = os.read(fd, 65536)
                if not chunk:
                    self.kill()
                    raise ConverterUnavailable("LibreOffice exited unexpectedly")
                self._buf += chunk
        line, self._buf = self._buf.split(b"\n", 1)
        return json.loads(line.decode("utf-8"))


_converters: dict[str, Converter] = {}
_converters_guard = threading.Lock()
_reaper: threading.Thread | None = None


def _reap_idle() -> None:
    while True:
        time.sleep(REAPER_INTERVAL)
        idle = _settings.get().converter_idle_seconds
        with _converters_guard:
            items = list(_converters.items())
        for key, conv in items:
            if conv.alive and time.monotonic() - conv.last_used > idle and conv.lock.acquire(blocking=False):
                try:
                    conv.stop()
                    with _converters_guard:
                        _converters.pop(key, None)
                finally:
                    conv.lock.release()


def _register(profile: Path) -> Converter:
    global _reaper
    key = str(profile.resolve())
    with _converters_guard:
        conv = _converters.get(key)
        if conv is None:
            conv = _converters[key] = Converter(profile.resolve())
        if _reaper is None:
            _reaper = threading.Thread(target=_reap_idle, name="jixiao-converter-reaper", daemon=True)
            _reaper.start()
        return conv


@contextlib.contextmanager
def _checkout(profile_dir: str | Path | None):
    """The converter of the given profile (waiting for it), else an idle one of this process,
    else one on the first pooled profile no other process holds."""
    if profile_dir:
        conv = _register(Path(profile_dir))
        conv.lock.acquire()
    else:
        n = 0
        while True:
            profile = default_profile_dir(n)
            conv = _register(profile)
            if conv.lock.acquire(blocking=False):
                if conv._profile_lock is not None:
                    break  # ours already
                fh = _flock(profile, blocking=False)
                if fh is not None:
                    conv._profile_lock = fh
                    break
                conv.lock.release()  # another process holds this profile
            n += 1
    try:
        yield conv
    finally:
        conv.last_used = time.monotonic()
        conv.lock.release()


def stop_converters() -> None:
    """Stop every LibreOffice this process started (idle ones at once, busy ones after their call)."""
    with _converters_guard:
        items = list(_converters.values())
        _converters.clear()
    for conv in items:
        with conv.lock:
            conv.stop()


atexit.register(stop_converters)


# ------------------------------------------------------------------ conversion


def _targets(paths: Iterable[str | Path], out_dir: str | Path) -> tuple[list[Path], list[Path]]:
    src = [Path(p).resolve() for p in paths]
    stems = [p.stem for p in src]
    if len(set(stems)) != len(stems):
        raise ValueError("docx_to_pdf: two inputs share a file name; their PDFs would collide")
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    return src, [out / f"{s}.pdf" for s in stems]


def docx_to_pdf(paths: Iterable[str | Path], out_dir: str | Path, profile_dir: str | Path | None = None, *,
                timeout: float | None = None) -> list[Path]:
    """Convert .docx files to PDF in `out_dir`; the PDFs, in the order of `paths`.

    `timeout`: seconds per document (default JIXIAO_PDF_TIMEOUT). Raises PdfConversionError
    naming the PDFs written and missing, ConverterUnavailable when LibreOffice is at fault."""
    src, pdfs = _targets(paths, out_dir)
    if not src:
        return []
    limit = timeout if timeout is not None else _settings.get().pdf_timeout
    if converter_kind() == "soffice":
        return _soffice_batches(src, pdfs, profile_dir, limit)
    failed: dict[Path, str] = {}
    with _checkout(profile_dir) as conv:
        for s, p in zip(src, pdfs, strict=True):
            try:
                err = conv.convert(s, p, limit)
            except ConverterUnavailable as e:
                e.written = [q for q in pdfs[:pdfs.index(p)] if q not in failed]
                e.missing = [q for q in pdfs if q not in e.written]
                raise
            if err is not None:
                failed[p] = err
    if failed:
        raise PdfConversionError(
            "LibreOffice wrote no PDF for " + "; ".join(f"{p.name}: {e}" for p, e in failed.items()),
            missing=list(failed), written=[p for p in pdfs if p not in failed])
    return pdfs


# ------------------------------------------------------------------ soffice --convert-to


@contextlib.contextmanager
def _hold_profile(profile_dir: str | Path | None):
    """A profile for one soffice call: the given one (waiting for it), or the first free pooled one."""
    if profile_dir:
        profile = Path(profile_dir)
        conv = _register(profile)
        with conv.lock:
            conv.stop_office()  # a long-lived LibreOffice of this process on the same profile goes first
            fh = conv._profile_lock or _flock(profile, blocking=True)
            try:
                yield profile.resolve()
            finally:
                if fh is not conv._profile_lock and fh is not None:
                    fh.close()
        return
    with _checkout(None) as conv:
        yield conv.profile


def _soffice_batches(src: list[Path], pdfs: list[Path], profile_dir: str | Path | None,
                     per_file: float) -> list[Path]:
    size = max(1, _settings.get().pdf_batch_files)
    started = time.time()
    stderr = b""
    with _hold_profile(profile_dir) as profile:
        for k in range(0, len(src), size):
            stderr += _soffice_call(src[k:k + size], pdfs[0].parent, profile, 60 + per_file * len(src[k:k + size]))
    missing = [p for p in pdfs if not p.is_file() or p.stat().st_mtime < started - 1 or p.stat().st_size == 0]
    if missing:
        raise PdfConversionError(f"soffice wrote no PDF for {', '.join(p.name for p in missing)}: "
                                 f"{stderr.decode('utf-8', 'replace').strip()[-500:]}",
                                 missing=missing, written=[p for p in pdfs if p not in missing])
    return pdfs


def _soffice_call(src: list[Path], out: Path, profile: Path, limit: float) -> bytes:
    cmd = [_settings.get().soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
           "--nologo", "--nodefault", "--norestore", "--nolockcheck", "--convert-to", "pdf:writer_pdf_Export",
           "--outdir", str(out), *map(str, src)]
    try:
        proc = subprocess.Popen(cmd, env=soffice_env(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, start_new_session=True)
    except OSError as e:
        raise ConverterUnavailable(f"LibreOffice not found ({cmd[0]}): install libreoffice-writer-nogui "
                                   "or set JIXIAO_SOFFICE") from e
    try:
        _, stderr = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired as e:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise ConverterUnavailable(f"soffice timed out after {limit:.0f}s on {len(src)} file(s)") from e
    return stderr or b""
