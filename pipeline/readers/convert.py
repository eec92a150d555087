"""Legacy Word, WPS and Excel files: converted by LibreOffice headless, then read as .docx / .xlsx.

    .doc .wps .dot .rtf  -- LibreOffice Writer -->  .docx  -- docx.read
    .xls .et .xlt        -- LibreOffice Calc   -->  .xlsx  -- xlsx.read

Merged cells survive the conversion (a .doc table's vertical merges come back as
`w:vMerge`, an .xls merged range as a `mergeCell`), so the records are those of the
.docx / .xlsx the person would have saved. The document keeps the original's path
and says its real format (`doc`, `wps`, `xls`, `et`).

Every conversion runs in a fresh temporary folder (the input copied in under a
neutral name, the output written beside it) and with a LibreOffice profile of its
own (`-env:UserInstallation`), held by a lock so that concurrent conversions never
share one; profiles are kept between runs (a new one costs LibreOffice seconds to
build). soffice runs in a session of its own and the whole process group is
killed past `convert_timeout` seconds. The converted file passes through the .docx /
.xlsx reader's zip-bomb and size guards like any other. `convert_batch` converts a
folder's files in one soffice call.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import settings
from ..document import RawDocument
from ..errors import CorruptFile, UnsupportedFormat


@dataclass(frozen=True)
class Target:
    """What LibreOffice converts to, and which reader reads the result."""

    app_zh: str  # the LibreOffice part named in reasons
    package: str  # the Debian package providing it
    suffix: str  # ".docx" | ".xlsx"
    filter: str  # the --convert-to argument


WRITER = Target("LibreOffice Writer", "libreoffice-writer-nogui", ".docx", "docx:MS Word 2007 XML")
CALC = Target("LibreOffice Calc", "libreoffice-calc-nogui", ".xlsx", "xlsx:Calc MS Excel 2007 XML")

_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


def read(path: Path, target: Target, fmt: str) -> RawDocument:
    """Convert one file and read the result; the document keeps `path` and says `fmt`."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="jixiao-convert-") as work:
        [converted] = convert_batch([path], target, Path(work))
        if target is WRITER:
            from . import docx

            doc = docx.read(converted)
        else:
            from . import xlsx

            doc = xlsx.read(converted)
    doc.path = str(path)
    doc.format = fmt
    return doc


def convert_batch(paths: Sequence[Path], target: Target, work: Path, *, timeout: float | None = None) -> list[Path]:
    """Convert files in one soffice call inside `work` (an empty folder); the outputs, in order.

    Raises CorruptFile naming the first file LibreOffice could not convert, and
    UnsupportedFormat when LibreOffice (or its Writer / Calc part) is not installed."""
    limits = settings.get()
    work = Path(work).resolve()
    inbox, outbox = work / "in", work / "out"
    inbox.mkdir(parents=True, exist_ok=True)
    outbox.mkdir(parents=True, exist_ok=True)
    copies = []
    for n, p in enumerate(paths):
        dest = inbox / f"file-{n}{_neutral_suffix(p)}"
        shutil.copyfile(p, dest)  # a neutral name: no option-like or odd names reach soffice
        copies.append(dest)
    limit = timeout if timeout is not None else limits.convert_timeout * max(1, len(paths))
    with _profile() as profile:
        cmd = [limits.soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
               "--nologo", "--nodefault", "--norestore", "--nolockcheck", "--convert-to", target.filter,
               "--outdir", str(outbox), *map(str, copies)]
        env = dict(os.environ, SAL_USE_VCLPLUGIN="svp", HOME=str(work))
        try:
            proc = subprocess.Popen(cmd, env=env, cwd=work, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, start_new_session=True)
        except (FileNotFoundError, PermissionError):
            raise UnsupportedFormat(f"LibreOffice not found ({limits.soffice}): install {target.package}",
                                    f"无法转换该文件：本机未安装 {target.app_zh}（{target.package}），"
                                    f"请联系管理员运行安装脚本") from None
        try:
            _, stderr = proc.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise CorruptFile(f"{paths[0].name}: LibreOffice timed out after {limit:.0f}s",
                              f"文件转换超时（{limit:.0f} 秒），可能已损坏或结构异常，"
                              f"请用 Word / WPS / Excel 另存为 .docx 或 .xlsx 后重新提交") from None
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)  # nothing of soffice outlives the call
    outs = [outbox / (c.stem + target.suffix) for c in copies]
    for p, out in zip(paths, outs):
        if not out.is_file() or out.stat().st_size == 0:
            detail = (stderr or b"").decode("utf-8", "replace").strip()[-300:]
            if "no export filter" in detail.lower():  # the Writer / Calc part is not installed
                raise UnsupportedFormat(f"{p.name}: soffice has no export filter {target.filter} ({detail})",
                                        f"无法转换该文件：本机未安装 {target.app_zh}（{target.package}），"
                                        f"请联系管理员运行安装脚本")
            raise CorruptFile(f"{p.name}: LibreOffice could not convert it (exit {proc.returncode}: {detail})",
                              f"{target.app_zh} 无法打开该文件（已损坏或不是有效的 {p.suffix or '文档'} 文件），"
                              f"请用 Word / WPS / Excel 另存为 .docx 或 .xlsx 后重新提交")
    return outs


def _neutral_suffix(p: Path) -> str:
    s = p.suffix.lower()
    return s if s.isascii() and s[1:].isalnum() and len(s) <= 6 else ".bin"


def profile_dir(n: int) -> Path:
    """The n-th LibreOffice profile kept for conversions (not the user's, not the renderer's)."""
    return Path(tempfile.gettempdir()) / f"jixiao-convert-{os.getuid()}" / f"profile-{n}"


@contextlib.contextmanager
def _profile() -> Iterator[Path]:
    """The first free conversion profile, held for one soffice call (threads: a lock; processes: flock)."""
    n = 0
    while True:
        profile = profile_dir(n)
        with _LOCKS_GUARD:
            lock = _LOCKS.setdefault(str(profile), threading.Lock())
        if lock.acquire(blocking=False):
            profile.mkdir(parents=True, exist_ok=True)
            fh = open(profile / ".jixiao.lock", "w")  # noqa: SIM115 - closed below
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                fh.close()
                lock.release()
            else:
                try:
                    yield profile
                finally:
                    fh.close()
                    lock.release()
                return
        n += 1
