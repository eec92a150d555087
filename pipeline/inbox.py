"""The inbox lifecycle: wait until a file is complete, claim it, file it away.

    inbox/x.docx ──claim──> inbox/.processing/<token>__x.docx ──> archive/2026-11-24/<sha8>_x.docx
                                                                 (+ x.docx.records.json beside it)
                                                            └──> quarantine/x.docx (+ x.docx.reason.txt)

Every file that enters the inbox ends in exactly one place: still waiting, being
processed (`.processing/`), archived, or quarantined. A claim is an atomic rename, so
two runs started together (the nightly sweep and an on-arrival run) never take the
same file. Moves into archive/quarantine never overwrite: a taken name gets a suffix.

The claim token is `<pid>.<host>.<random>`: `recover_stale` puts back only the files
of runs that are gone (their process has ended on this host, or, for another host,
the claim is older than `stale_seconds`).
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import shutil
import socket
import stat
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from . import settings as _settings
from .atomic import write_atomic
from .errors import InternalError, JixiaoError
from .text import scrub

log = logging.getLogger(__name__)

PROCESSING = ".processing"
SEPARATOR = "__"
IGNORED_PREFIXES = ("~$", ".~lock", ".")  # Word lock files, LibreOffice lock files, hidden files
IGNORED_SUFFIXES = (".tmp", ".temp", ".part", ".partial", ".crdownload", ".download", ".swp", ".lock", "~")
IGNORED_NAMES = ("thumbs.db", "desktop.ini")


ZIP_END = b"PK\x05\x06"  # a zip's end-of-central-directory record (.docx, .xlsx)
ZIP_END_WINDOW = 22 + 65535  # the record and the longest archive comment after it
PDF_END = b"%%EOF"
PDF_END_WINDOW = 2048  # a writer may put a little after the last %%EOF (a newline, padding)


def is_ignored(name: str) -> bool:
    """True for lock, temporary and hidden files: never taken from the inbox."""
    low = name.lower()
    return low.startswith(IGNORED_PREFIXES) or low.endswith(IGNORED_SUFFIXES) or low in IGNORED_NAMES


@dataclass(frozen=True)
class _Seen:
    size: int
    mtime_ns: int
    since: float  # monotonic time at which this (size, mtime) was first seen


class Watcher:
    """Remembers what each inbox file looked like, to take it only once it stopped changing.

    A file is stable when its size and mtime have not changed for `settle_seconds`
    (measured by this watcher's clock, so a copy that preserves an old mtime still
    has to sit still) and its mtime is at least `settle_seconds` in the past."""

    def __init__(self, settle_seconds: float = 5.0, clock=time.monotonic, incomplete_wait: float | None = None):
        self.settle_seconds = settle_seconds
        self.incomplete_wait = _settings.get().incomplete_wait_seconds if incomplete_wait is None else incomplete_wait
        self.clock = clock
        self._seen: dict[Path, _Seen] = {}

    def stable(self, inbox: Path) -> list[Path]:
        now = self.clock()
        wall = time.time()
        out: list[Path] = []
        present: set[Path] = set()
        for path in candidates(inbox):
            try:
                st = os.lstat(path)
            except FileNotFoundError:
                continue
            present.add(path)
            key = (st.st_size, st.st_mtime_ns)
            prev = self._seen.get(path)
            if prev is None or (prev.size, prev.mtime_ns) != key:
                self._seen[path] = _Seen(*key, since=now)
                if self.settle_seconds > 0:
                    continue
                prev = self._seen[path]
            if (now - prev.since >= self.settle_seconds and wall - st.st_mtime >= self.settle_seconds
                    and complete(path, st, self.incomplete_wait)):
                out.append(path)
        for gone in set(self._seen) - present:
            del self._seen[gone]
        return sorted(out)


def end_marker_missing(path: Path) -> bool:
    """True for a zip (.docx, .xlsx) or PDF whose end marker is not there yet: still being written.

    Known by content (a copy writes from the start); other files (a .docx that is not a zip, an
    encrypted one, anything that cannot be read) have no marker to wait for."""
    try:
        with open(path, "rb", buffering=0) as fh:  # a symlink is not followed: candidates() lstat-ed it
            head = fh.read(5)
            size = os.fstat(fh.fileno()).st_size
            if head.startswith(b"PK\x03\x04"):
                marker, window = ZIP_END, ZIP_END_WINDOW
            elif head.startswith(b"%PDF"):
                marker, window = PDF_END, PDF_END_WINDOW
            else:
                return False
            fh.seek(max(0, size - window))
            return marker not in fh.read(window)
    except OSError:
        return False


def complete(path: Path, st: os.stat_result, incomplete_wait: float) -> bool:
    """A settled file may be taken: its end marker is there, or it has been still so long
    (`incomplete_wait` seconds since its mtime) that it will never come (a damaged file,
    which then gets its reason in quarantine)."""
    if stat.S_ISLNK(st.st_mode):
        return True  # never opened: refused as a link
    return time.time() - st.st_mtime >= incomplete_wait or not end_marker_missing(path)


def candidates(inbox: Path) -> list[Path]:
    """Entries of the inbox that could be forms: regular files and symlinks, not ignored."""
    out = []
    try:
        entries = list(os.scandir(inbox))
    except FileNotFoundError:
        return []
    for e in entries:
        if is_ignored(e.name):
            continue
        try:
            mode = e.stat(follow_symlinks=False).st_mode
        except FileNotFoundError:
            continue
        if stat.S_ISREG(mode) or stat.S_ISLNK(mode):
            out.append(Path(e.path))
    return sorted(out)


def waiting_files(inbox: Path, settle_seconds: float = 5.0, *, watcher: Watcher | None = None,
                  poll: float | None = None, incomplete_wait: float | None = None) -> list[Path]:
    """The inbox files ready to take: settled (unchanged for `settle_seconds`), complete (a .docx or
    .pdf has its end marker, see `complete`), not lock/temp/hidden.

    With a long-lived `watcher` (the folder watcher keeps one) a call never sleeps: a
    file is returned on the first call after it has been still long enough. Without
    one, the inbox is looked at twice, `poll` seconds apart (default: settle_seconds,
    at most 5 s), and a file must be unchanged between the looks and untouched for
    `settle_seconds`."""
    if watcher is not None:
        return watcher.stable(Path(inbox))
    inbox = Path(inbox)
    first = {p: _sig(p) for p in candidates(inbox)}
    if not first:
        return []
    wait = min(settle_seconds, 5.0) if poll is None else poll
    wall_needed = settle_seconds
    youngest = min((time.time() - s[1] / 1e9 for s in first.values() if s), default=float("inf"))
    if wait > 0 and youngest < wall_needed + wait:  # some file is young: look again after a pause
        time.sleep(wait)
    out = []
    now = time.time()
    wait_marker = _settings.get().incomplete_wait_seconds if incomplete_wait is None else incomplete_wait
    for p, sig in first.items():
        again = _sig(p)
        if sig is None or again != sig:
            continue
        if now - again[1] / 1e9 >= settle_seconds:
            try:
                st = os.lstat(p)
            except FileNotFoundError:
                continue
            if complete(p, st, wait_marker):
                out.append(p)
    return sorted(out)


def _sig(path: Path) -> tuple[int, int] | None:
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    return st.st_size, st.st_mtime_ns


# ------------------------------------------------------------------ claim and recovery

def _host() -> str:
    """This machine, as it appears in claim tokens: a short hash of the host name."""
    return hashlib.sha1(socket.gethostname().encode()).hexdigest()[:8]


def _start_time(pid: int) -> int | None:
    """When process `pid` started (clock ticks since boot, /proc), or None where unknown.

    With the pid it names one process for good: a pid reused by a later process has
    another start time, so a dead run's claim is not mistaken for a live one's."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return None
    try:
        return int(raw[raw.rindex(b")") + 2:].split()[19])
    except (ValueError, IndexError):
        return None


@dataclass(frozen=True)
class Owner:
    """The run that holds a claim (or a staging folder, or a pending filing)."""

    pid: int
    start: int | None  # the process's start time; None in claims written by older versions
    host: str

    @property
    def here(self) -> bool:
        return self.host == _host()

    def alive(self) -> bool:
        """This process still runs (on this host; for another host we cannot tell: True)."""
        if not self.here:
            return True
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            pass
        return self.start is None or _start_time(self.pid) in (None, self.start)


def run_token() -> str:
    """This process, as `<pid>-<start>.<host>`: written into what it claims and makes."""
    pid = os.getpid()
    return f"{pid}-{_start_time(pid) or 0}.{_host()}"


def _token() -> str:
    return f"{run_token()}.{uuid.uuid4().hex[:6]}"


def token_owner(token: str) -> Owner | None:
    """The Owner of a token (`<pid>-<start>.<host>[.<random>]`, or the older `<pid>.<host>.<random>`)."""
    parts = token.split(".")
    if len(parts) < 2:
        return None
    pid, _, start = parts[0].partition("-")
    if not pid.isdigit() or (start and not start.isdigit()):
        return None
    return Owner(int(pid), int(start) if start and start != "0" else None, parts[1])


def run_is_over(owner: Owner | None, age: float, stale_seconds: float) -> bool:
    """Is the run that left something `age` seconds ago over? On this host: its process is gone;
    from another host (or unknown): it is older than `stale_seconds`."""
    if owner is not None and owner.here:
        return not owner.alive()
    return age >= stale_seconds


# ------------------------------------------------------------------ names

NAME_MAX = 255  # bytes of one name on the file systems we run on
FILED_NAME_MAX = 200  # bytes left for a file's own name in a claim, archive or quarantine name
NAME_NOTE = ".name"  # beside a claim whose name had to change: the original name, as bytes


def shown_name(name: str) -> str:
    """A name a person can read, UTF-8 all through: a name in another encoding (GBK bytes read
    as surrogates) decoded as GB18030; control and bidi characters removed (text.scrub)."""
    if any("\udc80" <= ch <= "\udcff" for ch in name):
        raw = os.fsencode(name)
        try:
            name = raw.decode("gb18030")
        except UnicodeDecodeError:
            name = raw.decode("utf-8", "replace")
    cleaned = scrub(name)[0].replace("/", "_").strip()
    return cleaned if cleaned not in ("", ".", "..") else "unnamed"


def fit_name(name: str, max_bytes: int = FILED_NAME_MAX) -> str:
    """`name` if it fits in `max_bytes` of UTF-8; else its start, a hash of the whole and its suffix:

        fit_name("很长的名字……很长.docx", 40) -> "很长的名字~1f2e3d4c.docx"
    """
    data = name.encode("utf-8", "surrogateescape")
    if len(data) <= max_bytes:
        return name
    suffix = Path(name).suffix if len(Path(name).suffix.encode("utf-8", "surrogateescape")) <= 16 else ""
    tag = "~" + hashlib.sha1(data).hexdigest()[:8] + suffix
    room = max_bytes - len(tag.encode("utf-8", "surrogateescape"))
    stem = data[:max(0, room)].decode("utf-8", "ignore")
    return stem + tag


# ------------------------------------------------------------------ claim and recovery

def claim(path: Path, work_dir: Path | None = None) -> Path | None:
    """Take a file for processing: atomic rename into `<inbox>/.processing/<token>__<name>`.

    Returns the claimed path, or None when someone else took it first. A name that is too
    long or not UTF-8 is claimed as `shown_name` shortened by `fit_name`; the name it had is
    kept in `<token>.name` beside it (written first, so a crash never loses it)."""
    path = Path(path).absolute()  # recorded in the store: any pass, from any folder, finds it
    work = Path(work_dir).absolute() if work_dir is not None else path.parent / PROCESSING
    work.mkdir(parents=True, exist_ok=True)
    token = _token()
    safe = fit_name(shown_name(path.name))
    note = work / f"{token}{NAME_NOTE}"
    if safe != path.name:
        note.write_bytes(os.fsencode(path.name))
    dest = work / f"{token}{SEPARATOR}{safe}"
    try:
        os.rename(path, dest)
    except FileNotFoundError:
        note.unlink(missing_ok=True)
        return None
    return dest


def original_name(claimed: Path) -> str:
    """The name the file had in the inbox (the claim token removed; a shortened name restored)."""
    name = Path(claimed).name
    head, sep, rest = name.partition(SEPARATOR)
    if not (sep and rest and token_owner(head) is not None):
        return name
    try:
        return os.fsdecode((Path(claimed).parent / f"{head}{NAME_NOTE}").read_bytes())
    except OSError:
        return rest


def claimed_name(claimed: Path) -> str:
    """The file's name as a person reads it (the database, reason and records files)."""
    return shown_name(original_name(claimed))


def _claim_owner(claimed: Path) -> Owner | None:
    head, sep, _rest = Path(claimed).name.partition(SEPARATOR)
    return token_owner(head) if sep else None


def claim_is_stale(work_path: str | None, since: datetime | None = None, stale_seconds: float = 3600.0) -> bool:
    """Is a processing claim (the claimed path recorded in the store) abandoned?

    When the claimed file is no longer in `.processing/`: it went back to the inbox (a
    crashed run recovered, a fault) or was lost. A claimed file still there is being worked
    on, or will be put back by `recover_stale` once its run is over."""
    return work_path is not None and work_path != "" and not os.path.lexists(work_path)


def _forget(claimed: Path) -> None:
    """Remove a claim's name note (after the claimed file has moved on)."""
    head, sep, _ = Path(claimed).name.partition(SEPARATOR)
    if sep:
        (Path(claimed).parent / f"{head}{NAME_NOTE}").unlink(missing_ok=True)


def recover_stale(inbox: Path, *, stale_seconds: float = 3600.0, store=None,
                  skip: set[str] | frozenset[str] = frozenset()) -> list[Path]:
    """Put files left in `.processing/` by a crashed run back into the inbox; the paths put back.

    A claim of a live process on this host is left alone (a pid now used by another
    process does not count: the start time differs), as is a claim from another host
    younger than `stale_seconds`, and a claimed file a pending filing will move (`skip`). With
    `store`, the unfinished database claim on the file is released so the file is processed
    again (not taken as a duplicate)."""
    inbox = Path(inbox).absolute()
    work = inbox / PROCESSING
    if not work.is_dir():
        return []
    back = []
    for p in sorted(work.iterdir()):
        try:
            age = time.time() - os.lstat(p).st_ctime
        except FileNotFoundError:
            continue
        if p.name.endswith(NAME_NOTE) and SEPARATOR not in p.name:
            owner = token_owner(p.name.removesuffix(NAME_NOTE))
            if run_is_over(owner, age, stale_seconds) and not any(work.glob(f"{glob_escape(p.name[:-5])}__*")):
                p.unlink(missing_ok=True)  # the claim it named never happened, or moved on
            continue
        if str(p) in skip or not run_is_over(_claim_owner(p), age, stale_seconds):
            continue  # a live run (maybe this one) is working on it, or its filing will move it
        if store is not None:
            store.release_claim(str(p))
        try:
            dest = put_back(p)
        except FileNotFoundError:
            continue
        back.append(dest)
    return back


def glob_escape(s: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in s)


def put_back(claimed: Path) -> Path:
    """Return a claimed file to the inbox under its own name (or name_2 ...); the path there."""
    claimed = Path(claimed)
    dest = move_unique(claimed, claimed.parent.parent, original_name(claimed))
    _forget(claimed)
    return dest


# ------------------------------------------------------------------ filing away

def _unique(folder: Path, name: str) -> Path:
    """A path in `folder` named like `name` that does not exist yet (x.docx, x_2.docx, ...)."""
    p = folder / name
    if not os.path.lexists(p):
        return p
    stem, suffix = _split(name)
    n = 2
    while True:
        p = folder / f"{stem}_{n}{suffix}"
        if not os.path.lexists(p):
            return p
        n += 1


def _split(name: str) -> tuple[str, str]:
    p = Path(name)
    return (p.stem, p.suffix) if p.suffix else (name, "")


def move_unique(src: Path, folder: Path, name: str) -> Path:
    """Move `src` into `folder` as `name` (or name_2, name_3 ...), never overwriting; the new path.

    A hard link then unlink (fails if the name exists, so two movers cannot clobber each
    other); across file systems a copy under a temporary name, then the same link."""
    folder.mkdir(parents=True, exist_ok=True)
    stem, suffix = _split(name)
    n = 1
    while True:
        dest = folder / (name if n == 1 else f"{stem}_{n}{suffix}")
        try:
            os.link(src, dest, follow_symlinks=False)
        except FileExistsError:
            n += 1
            continue
        except OSError as e:
            if e.errno not in (errno.EXDEV, errno.EPERM, errno.ENOTSUP, errno.EMLINK):
                raise
            if _copy_link(src, dest):
                break
            n += 1
            continue
        break
    os.unlink(src)
    return dest


def _copy_link(src: Path, dest: Path) -> bool:
    tmp = dest.parent / f".{dest.name}.{uuid.uuid4().hex[:8]}.tmp"
    if os.path.islink(src):
        os.symlink(os.readlink(src), tmp)
    else:
        shutil.copy2(src, tmp)
    try:
        os.link(tmp, dest, follow_symlinks=False)
    except FileExistsError:
        return False
    except OSError:  # no hard links at all (some shares): rename, after a last look
        if os.path.lexists(dest):
            return False
        os.rename(tmp, dest)
        return True
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)
    return True


def free_path(folder: Path, name: str, taken: Callable[[Path], bool] = lambda _p: False) -> Path:
    """The first of folder/name, name_2, name_3 ... that neither exists nor is `taken` (reserved)."""
    stem, suffix = _split(name)
    n = 1
    while True:
        p = folder / (name if n == 1 else f"{stem}_{n}{suffix}")
        if not os.path.lexists(p) and not taken(p):
            return p
        n += 1


def archive_target(home: Path | None, sha256: str, name: str, taken: Callable[[Path], bool],
                   day: date | None = None) -> Path:
    """Where a processed file goes: `<home>/archive/YYYY-MM-DD/<sha8>_<name>` (free, not reserved)."""
    folder = _home(home) / "archive" / (day or date.today()).isoformat()
    return free_path(folder, f"{sha256[:8]}_{fit_name(name)}", taken)


def quarantine_target(home: Path | None, name: str, taken: Callable[[Path], bool]) -> Path:
    """Where a refused file goes: `<home>/quarantine/<name>` (free, not reserved)."""
    return free_path(_home(home) / "quarantine", fit_name(name), taken)


def records_note(name: str, sha256: str | None, records: list, **extra) -> str:
    """The `.records.json` written beside an archived file."""
    return json.dumps({"file": name, "sha256": sha256, "archived_at": _stamp(), **extra,
                       "records": [r.to_dict() if hasattr(r, "to_dict") else r for r in records]},
                      ensure_ascii=False)


def carry_out(source: Path, target: Path, note_suffix: str, note: str,
              moves: tuple[tuple[str, str], ...] = (), staging: str | None = None,
              step: Callable[[str], None] = lambda _s: None) -> Path:
    """Do the file-system part of a filing, idempotently (a second run after a crash finishes it):
    move the staged outputs into place, the file to `target`, write the note beside it, remove
    the staging folder. Returns where the file is (another name if `target` was taken meanwhile
    by a file that is not this one). `step(name)` is called at each boundary (faults.boundary)."""
    for staged, final in moves:
        if os.path.lexists(staged):
            Path(final).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, final)  # the name was chosen (and is owned) in the filing transaction
    step("outputs_placed")
    source, target = Path(source), Path(target)
    if os.path.lexists(source):
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target, follow_symlinks=False)
        except FileExistsError:
            if not os.path.samestat(os.lstat(source), os.lstat(target)):
                target = move_unique(source, target.parent, target.name)  # someone else's file: keep both
        except OSError as e:
            if e.errno not in (errno.EXDEV, errno.EPERM, errno.ENOTSUP, errno.EMLINK):
                raise
            target = move_unique(source, target.parent, target.name)
        if os.path.lexists(source):
            os.unlink(source)
        _forget(source)
    elif not os.path.lexists(target):
        log.error("filing %s: the file is neither where it was nor where it goes", source)
    step("moved")
    write_atomic(target.parent / f"{target.name}{note_suffix}", note)
    step("noted")
    if staging:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _home(home: Path | None) -> Path:
    return Path(home) if home is not None else _settings.get().home


def archive(claimed: Path, records: list | None = None, *, sha256: str | None = None, home: Path | None = None,
            day: date | None = None, name: str | None = None, extra: dict | None = None) -> Path:
    """File a processed file away without the store: `<home>/archive/YYYY-MM-DD/<sha8>_<name>`,
    its records beside it as `<same>.records.json` (the same path as a pass takes, without its
    journal). Returns the archived path."""
    from .extract import sha256_of

    claimed = Path(claimed)
    digest = sha256 or sha256_of(claimed)
    name = name or claimed_name(claimed)
    target = archive_target(home, digest, name, lambda _p: False, day)
    return carry_out(claimed, target, ".records.json", records_note(name, digest, records or [], **(extra or {})))


NEXT_STEP_ZH = {
    "unsupported_format": "请将文件另存为 .docx、.pdf 或 .txt 后重新放入收件箱。",
    "corrupt": "请重新导出或另存文件（确认能在 Word / PDF 阅读器中正常打开）后重新放入收件箱。",
    "encrypted": "请取消文件密码保护后重新放入收件箱。",
    "empty": "请确认文件内容完整（不是空文件、不是扫描图片）后重新放入收件箱。",
    "too_large": "请删除表格以外的内容或拆分文件后重新放入收件箱；如确需处理大文件，请联系维护人员调整上限。",
    "hostile": "请放入文件本身（不要放符号链接或快捷方式），并确认文件来源可信。",
    "not_a_form": "请确认文件中包含“项目绩效目标表”（含项目名称、主管部门、绩效指标等栏目）。",
    "internal": "这不是文件本身的问题。请联系维护人员并提供本说明；问题修复后可将文件重新放入收件箱。",
}
NEXT_STEP_EN = {
    "unsupported_format": "Save the file as .docx, .pdf or .txt and drop it into the inbox again.",
    "corrupt": "Export or save the file again (check that it opens in Word / a PDF reader) and drop it again.",
    "encrypted": "Remove the password protection and drop the file again.",
    "empty": "Check that the file has its content (not empty, not a scanned image) and drop it again.",
    "too_large": "Remove what is not the form or split the file; ask the maintainers to raise the limit if needed.",
    "hostile": "Drop the file itself (not a link or shortcut) and make sure it comes from a trusted source.",
    "not_a_form": "Check that the file holds a 项目绩效目标表 (项目名称, 主管部门, indicator table).",
    "internal": "This is not the file's fault. Tell the maintainers (include this note); drop the file again once fixed.",
}


def reason_text(error: BaseException, name: str, claimed_name: str | None = None) -> str:
    """The reason file a person reads: what was wrong and what to do, in Chinese and English."""
    err = error if isinstance(error, JixiaoError) else InternalError(f"{type(error).__name__}: {error}")
    kind = getattr(err, "kind", "internal")
    zh = getattr(err, "reason_zh", InternalError.reason_zh)
    detail = str(err).replace(claimed_name, name) if claimed_name else str(err)
    return (
        f"文件：{name}\n"
        f"隔离时间：{_stamp()}\n"
        f"原因类别：{kind}\n"
        f"原因：{zh}\n"
        f"详细信息：{detail}\n"
        f"处理建议：{NEXT_STEP_ZH.get(kind, NEXT_STEP_ZH['internal'])}\n"
        "\n"
        f"File: {name}\n"
        f"Quarantined at: {_stamp()}\n"
        f"Kind: {kind}\n"
        f"What was wrong: {detail}\n"
        f"What to do: {NEXT_STEP_EN.get(kind, NEXT_STEP_EN['internal'])}\n"
    )


def quarantine(claimed: Path, error: BaseException, *, home: Path | None = None, name: str | None = None) -> Path:
    """Set a file aside without the store: `<home>/quarantine/<name>` plus `<name>.reason.txt`
    (Chinese and English). Never overwrites: a name taken already gets a suffix (x_2.docx). A
    symlink is moved as the link itself; its target is never read."""
    claimed = Path(claimed)
    name = name or claimed_name(claimed)
    target = quarantine_target(home, name, lambda _p: False)
    return carry_out(claimed, target, ".reason.txt", reason_text(error, name, claimed.name))


def _stamp() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")
