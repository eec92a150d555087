"""One claimed file, all the way, in one direction; and the recovery every pass starts with.

    outcome = process_file(claimed, store=store, out_dir=settings.get().outbox)
    outcome.status          # "processed" | "quarantined" | "duplicate" | "waiting"

The path of one file:

    check + sha256 (once) -> register (the store's claim on the content) -> extract (name and
    sha256 handed over) -> checks -> render into a staging folder -> hash again (unchanged?)
    -> ONE transaction: forms with their output paths, the file's end state, and a journal
    row saying where the file goes (store.Filing) -> move outputs, file and note into place
    (inbox.carry_out) -> journal row removed

Failure is data. A file at fault (InputError) and our own bugs (any other exception) end in
quarantine with a reason file. A fault of the system (a full disk, a read-only folder, a
locked database, no LibreOffice: faults.system_fault) puts the file back into the inbox
with status "waiting" and says what is wrong; the next pass after the fault takes it again.

`recover(inbox, ...)` is the start of every pass (`sweep`, `jixiao run`, `jixiao serve`): it
finishes the filings of runs that are over (a crash after the transaction), puts their
claimed files back (a crash before it) and removes their staging folders, so every crash
point ends in exactly one place with its records or reason. `faults.boundary(step)` marks
each step boundary (JIXIAO_CRASH_AT, for the fault tests).
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import faults
from . import inbox as _inbox
from . import outbox as _outbox
from . import settings as _settings
from .checks import run_checks
from .checks.source import _label
from .errors import HostileFile, InputError, InternalError, TooLarge
from .extract import extract_file, sha256_of
from .models import HEADER_FIELDS, Anomaly, Record
from .render import ConverterUnavailable, PdfConversionError, docx_to_pdf, render_batch
from .safety import check_file
from .store import Filing, Store, form_key
from .text import describe, scrub, visible_change

log = logging.getLogger(__name__)

DUPLICATE_REASON = "内容与已处理的文件“{first}”完全相同（sha256 {sha8}），未重复处理 / same content as “{first}”, not processed again"
CHANGED_REASON = ("文件在处理期间仍在变化（可能仍在复制），已放回收件箱，复制完成后将自动处理 / "
                  "the file changed while it was processed (still being copied); put back to wait")
WAITING_REASON = "系统故障：{fault}。这不是文件本身的问题，文件已放回收件箱，故障排除后将自动重新处理 / system fault: {detail}"
UNFINISHED_REASON = "归档尚未完成（{fault}），下一次处理时自动完成 / filing not finished; the next pass finishes it"
ABANDONED = "-"  # the owner of a filing its run gave up on (a fault): any pass may finish it
STALE_SECONDS = 3600.0  # a claim or filing from another host counts as abandoned after this long


@dataclass
class FileOutcome:
    """What became of one file (plain data: picklable, JSON-able through `to_dict`)."""

    file: str  # the name it had in the inbox
    status: str  # "processed" | "quarantined" | "duplicate" | "waiting"
    records: list[dict] = field(default_factory=list)
    form_ids: list[int] = field(default_factory=list)
    outputs: list[dict] = field(default_factory=list)  # per form: {"docx": path, "pdf": path}
    reason: str | None = None  # quarantine / duplicate / waiting explanation, or a note (no PDF)
    anomalies: int = 0
    errors: int = 0  # anomalies of severity "error"
    path: str | None = None  # where the file is now (archive, quarantine, or back in the inbox)
    sha256: str | None = None
    kind: str | None = None  # the error kind when quarantined (errors.py)
    seconds: float = 0.0

    @property
    def output_paths(self) -> list[str]:
        return [p for o in self.outputs for p in o.values() if p]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Recovery:
    """What a pass found left by runs that are over, and set right."""

    filed: list[Path] = field(default_factory=list)  # filings finished
    put_back: list[Path] = field(default_factory=list)  # claimed files returned to the inbox
    staging_removed: list[Path] = field(default_factory=list)


_stores: dict[str, Store] = {}
_stores_lock = threading.Lock()


def open_store(store: Store | str | None) -> Store:
    """A Store, from an instance, a URL (one shared Store per URL per process), or settings."""
    if isinstance(store, Store):
        return store
    url = store or _settings.get().db_url
    with _stores_lock:
        if url not in _stores:
            _stores[url] = Store(url)
        return _stores[url]


@dataclass
class _File:
    """One file on its way: what is known of it so far."""

    path: Path  # the claimed path
    name: str  # the name a person knows it by
    store: Store
    out: Path
    home: Path | None
    t0: float
    sha: str | None = None
    size: int | None = None
    file_id: int | None = None
    staging: Path | None = None

    def outcome(self, status: str, **kw: Any) -> FileOutcome:
        return FileOutcome(self.name, status, sha256=self.sha, seconds=time.perf_counter() - self.t0, **kw)


def process_file(path: Path, *, store: Store | str | None = None, out_dir: Path | None = None, render: bool = True,
                 pdf: bool = True, soffice_profile: Path | None = None, home: Path | None = None) -> FileOutcome:
    """The whole pipeline for one claimed file; never raises for a bad file, a fault or our own bug."""
    cfg = _settings.get()
    path = Path(path)
    f = _File(path, _inbox.claimed_name(path), open_store(store), Path(out_dir) if out_dir is not None else cfg.outbox,
              home, time.perf_counter())
    try:
        if path.is_symlink():  # moved as the link itself; the target is never opened
            raise HostileFile(f"symlink refused (target not read): {f.name}",
                              "该文件是符号链接（快捷方式），为安全起见已拒绝处理，未读取其指向的文件")
        check_file(path)
        f.size = path.stat().st_size
        f.sha = sha256_of(path)
        f.file_id = f.store.register_file(f.sha, f.name, f.size, work_path=str(path), is_stale=_inbox.claim_is_stale)
        faults.boundary("registered")
        if f.file_id is None:
            return _duplicate(f)
        records = extract_file(path, checks=False, name=f.name, sha256=f.sha)
        if len(records) > cfg.max_forms_per_file:
            raise TooLarge(f"{len(records)} forms, over the limit of {cfg.max_forms_per_file} per file",
                           f"文件含有 {len(records)} 张表，超过每个文件 {cfg.max_forms_per_file} 张的上限，请拆分后重新放入")
        for r in records:
            notes = scrub_record(r)
            r.anomalies = run_checks(r, store=f.store) + notes
        faults.boundary("extracted")
        staged, note = _render(records, f, pdf=pdf, profile=soffice_profile) if render else ([{}] * len(records), None)
        faults.boundary("rendered")
        if sha256_of(path) != f.sha:  # still being written: what we read is not what we would archive
            return _wait(f, CHANGED_REASON)
        return _file_processed(f, records, staged, note)
    except Exception as e:
        fault = faults.system_fault(e)
        if fault is not None:
            log.warning("system fault on %s: %s", f.name, e)
            return _wait(f, WAITING_REASON.format(fault=fault, detail=f"{type(e).__name__}: {e}"))
        err = e if isinstance(e, InputError) else InternalError(f"{type(e).__name__}: {e}")
        if not isinstance(e, InputError):
            log.exception("internal error on %s", f.name)
        return _quarantine(f, err)


# ------------------------------------------------------------------ the three ends, each one transaction

def _file_processed(f: _File, records: list[Record], staged: list[dict], note: str | None) -> FileOutcome:
    assert f.sha is not None and f.file_id is not None, "registered before it is filed"
    dicts = [r.to_dict() for r in records]
    with f.store.filing() as tx:
        outputs, moves = _outbox.plan(staged, [form_key(r) for r in records], f.out, tx.output_key)
        ids = tx.save_forms(f.file_id, dicts, outputs)
        target = _inbox.archive_target(f.home, f.sha, f.name, tx.path_taken)
        tx.set_file(f.file_id, sha256=f.sha, original_name=f.name, status="processed", reason=None,
                    archive_path=str(target), size=f.size)
        filing = Filing("archive", _inbox.run_token(), str(f.path), str(target), ".records.json",
                        _inbox.records_note(f.name, f.sha, dicts, form_ids=ids, outputs=outputs), tuple(moves),
                        str(f.staging) if f.staging else None, f.file_id)
        filing = replace(filing, id=tx.add_filing(filing))
    faults.boundary("committed")
    dest, unfinished = _finish(f.store, filing)
    n_err = sum(1 for d in dicts for a in d["anomalies"] if a["severity"] == "error")
    return f.outcome("processed", records=dicts, form_ids=ids, outputs=outputs, reason=unfinished or note,
                     anomalies=sum(len(d["anomalies"]) for d in dicts), errors=n_err, path=str(dest))


def _duplicate(f: _File) -> FileOutcome:
    assert f.sha is not None, "hashed before it is known as a duplicate"
    first = f.store.file_name(f.sha) or "?"
    reason = DUPLICATE_REASON.format(first=first, sha8=f.sha[:8])
    with f.store.filing() as tx:
        target = _inbox.archive_target(f.home, f.sha, f.name, tx.path_taken)
        if tx.add_duplicate(f.sha, f.name, str(target)) is None:  # the first copy was let go meanwhile
            return _wait(f, CHANGED_REASON)
        filing = Filing("duplicate", _inbox.run_token(), str(f.path), str(target), ".records.json",
                        _inbox.records_note(f.name, f.sha, [], duplicate_of=first, reason=reason))
        filing = replace(filing, id=tx.add_filing(filing))
    faults.boundary("committed")
    dest, unfinished = _finish(f.store, filing)
    return f.outcome("duplicate", reason=unfinished or reason, path=str(dest))


def _quarantine(f: _File, err: Exception) -> FileOutcome:
    kind = getattr(err, "kind", "internal")
    reason = scrub(f"{getattr(err, 'reason_zh', '')} / {str(err).replace(str(f.path), f.name)}")[0]
    _drop_staging(f)
    try:
        with f.store.filing() as tx:
            target = _inbox.quarantine_target(f.home, f.name, tx.path_taken)
            fid = tx.set_file(f.file_id, sha256=f.sha if f.file_id is not None else None, original_name=f.name,
                              status="quarantined", reason=reason, archive_path=str(target), size=f.size)
            filing = Filing("quarantine", _inbox.run_token(), str(f.path), str(target), ".reason.txt",
                            _inbox.reason_text(err, f.name, f.path.name), file_id=fid)
            filing = replace(filing, id=tx.add_filing(filing))
    except Exception as e:  # noqa: BLE001 - the quarantine itself met a fault: the file waits instead
        fault = faults.system_fault(e) or f"{type(e).__name__}: {e}"
        log.warning("could not quarantine %s: %s", f.name, e)
        return _wait(f, WAITING_REASON.format(fault=fault, detail=f"{type(e).__name__}: {e}"))
    faults.boundary("committed")
    dest, unfinished = _finish(f.store, filing)
    return f.outcome("quarantined", reason=reason if not unfinished else f"{reason}；{unfinished}",
                     path=str(dest), kind=kind)


def _finish(store: Store, filing: Filing) -> tuple[Path, str | None]:
    """Carry out a committed filing; on a fault leave it to the next pass (where it is, and why)."""
    try:
        dest = _inbox.carry_out(Path(filing.source), Path(filing.target), filing.note_suffix, filing.note,
                                filing.moves, filing.staging, step=faults.boundary)
        faults.boundary("filed")
        store.filing_done(filing, str(dest))
        return dest, None
    except Exception as e:  # noqa: BLE001 - any failure: the journal row stays for the next pass
        log.warning("filing of %s not finished: %s", filing.source, e)
        try:
            store.take_filing(filing, ABANDONED)
        except Exception:
            log.exception("could not hand the filing of %s over to the next pass", filing.source)
        return Path(filing.target), UNFINISHED_REASON.format(fault=faults.system_fault(e) or e)


def _wait(f: _File, reason: str) -> FileOutcome:
    """Put the file back into the inbox to wait for the next pass; forget what was made of it."""
    _drop_staging(f)
    where = f.path
    try:
        if f.file_id is not None:
            f.store.release_file(f.sha, file_id=f.file_id)
    except Exception as e:  # noqa: BLE001 - the database fails: register_file sees the claim is stale later
        log.warning("could not release %s: %s", f.name, e)
    try:
        where = _inbox.put_back(f.path)
    except OSError as e:
        log.warning("could not put %s back (the next pass will): %s", f.name, e)
    return f.outcome("waiting", reason=reason, path=str(where))


def _drop_staging(f: _File) -> None:
    if f.staging is not None:
        shutil.rmtree(f.staging, ignore_errors=True)


# ------------------------------------------------------------------ text at the boundary

def scrub_record(record: Record) -> list[Anomaly]:
    """Clean, in place, what XML 1.0, Excel or a file system cannot hold from every text of a record
    (text.scrub); where that changes what a person sees (a bidi override reorders the text), a
    `garbled_text` warning says so (returned)."""
    notes: list[Anomaly] = []

    def fix(where: str, value: str | None) -> str | None:
        if not value:
            return value
        cleaned, removed = scrub(value)
        if removed and visible_change(removed):
            notes.append(Anomaly(
                "garbled_text", "warning",
                f"{_label(where)}含有改变文字显示顺序的控制字符（{describe(removed)}），已去除："
                f"“{cleaned[:20]}”，请核对原文", where))
        return cleaned

    for name in HEADER_FIELDS:
        if isinstance(getattr(record, name), str):
            setattr(record, name, fix(name, getattr(record, name)))
    for n, ind in enumerate(record.indicators):
        for name in ("level1", "level2", "name", "period_value", "annual_value"):
            if isinstance(getattr(ind, name), str):
                setattr(ind, name, fix(f"indicators[{n}].{name}", getattr(ind, name)))
    return notes


# ------------------------------------------------------------------ rendering

def _render(records: list[Record], f: _File, *, pdf: bool, profile: Path | None) -> tuple[list[dict], str | None]:
    """Render each record into the file's staging folder; per record {"docx": path, "pdf": path}, and a
    note when the PDFs could not be made (LibreOffice failed or hung twice on this file: the .docx
    outputs, the records and the archive do not depend on them). No LibreOffice at all, or one that
    does not start, is a system fault."""
    f.staging = _outbox.staging_dir(f.out)
    forms = render_batch(records, f.staging, pdf=False, profile_dir=profile)
    staged: list[dict] = [{} for _ in records]
    for rf in forms:
        staged[rf.index] = {"docx": str(rf.docx)}
    if not (pdf and forms):
        return staged, None
    soffice = _settings.get().soffice
    if shutil.which(soffice) is None:
        raise faults.SystemFault(f"LibreOffice not found ({soffice})",
                                 f"未找到 LibreOffice（{soffice}），无法生成 PDF；请安装 libreoffice-writer-nogui 或设置 JIXIAO_SOFFICE")
    note = None
    for attempt in (1, 2):  # LibreOffice fails now and then; once more before giving up
        try:
            pdfs = docx_to_pdf([rf.docx for rf in forms], f.staging, profile)
        except ConverterUnavailable as e:
            if not e.hung:
                raise  # LibreOffice missing or not starting: a fault of the system, the file waits
            # hung on this file (killed at the time limit): twice, and the file keeps its .docx only;
            # waiting would hang LibreOffice again on every pass
            log.warning("LibreOffice hung converting (attempt %d): %s", attempt, e)
            note = f"PDF 转换超时，仅生成了 Word 文件 / PDF conversion timed out: {e}"
            continue
        except PdfConversionError as e:
            log.warning("PDF conversion failed (attempt %d): %s", attempt, e)
            note = f"PDF 转换失败，仅生成了 Word 文件 / PDF conversion failed: {e}"
            continue
        for rf, p in zip(forms, pdfs, strict=True):
            staged[rf.index]["pdf"] = str(p)
        return staged, None
    return staged, note


# ------------------------------------------------------------------ passes

def recover(inbox: Path | None = None, *, store: Store | str | None = None, out_dir: Path | None = None,
            stale_seconds: float = STALE_SECONDS) -> Recovery:
    """Set right what runs that are over left half done: finish their filings, put their claimed files
    back into the inbox (releasing their database claims), remove their staging folders."""
    cfg = _settings.get()
    st = open_store(store)
    box = Path(inbox) if inbox is not None else cfg.inbox
    out = Path(out_dir) if out_dir is not None else cfg.outbox
    me = _inbox.run_token()
    filed: list[Path] = []
    now = datetime.now(UTC)
    for fl in st.pending_filings():
        created = fl.created_at.replace(tzinfo=UTC) if fl.created_at and fl.created_at.tzinfo is None else fl.created_at
        age = (now - created).total_seconds() if created else stale_seconds
        if fl.owner != ABANDONED and not _inbox.run_is_over(_inbox.token_owner(fl.owner), age, stale_seconds):
            continue
        if not st.take_filing(fl, me):
            continue  # another pass took it first
        dest, unfinished = _finish(st, replace(fl, owner=me))
        if unfinished is None:
            filed.append(dest)
    pending = st.pending_filings()
    back = _inbox.recover_stale(box, store=st, stale_seconds=stale_seconds, skip={fl.source for fl in pending})
    removed = _outbox.clean_stale_staging(out, keep={fl.staging for fl in pending if fl.staging},
                                          stale_seconds=stale_seconds)
    if filed or back or removed:
        log.info("recovered: %d filing(s) finished, %d file(s) put back, %d staging folder(s) removed",
                 len(filed), len(back), len(removed))
    return Recovery(filed, back, removed)


def process_batch(paths: list[Path], **kwargs: Any) -> list[FileOutcome]:
    """process_file on each path in turn (the same keyword arguments for all)."""
    return [process_file(p, **kwargs) for p in paths]


def sweep(inbox: Path | None = None, *, store: Store | str | None = None, settle_seconds: float = 5.0,
          **kwargs: Any) -> list[FileOutcome]:
    """One pass over the inbox without Prefect: recover what runs that are over left, take the
    settled files, claim each (skipping what another run took first) and process it."""
    box = Path(inbox) if inbox is not None else _settings.get().inbox
    st = open_store(store)
    recover(box, store=st, out_dir=kwargs.get("out_dir"))
    outcomes = []
    for p in _inbox.waiting_files(box, settle_seconds):
        claimed = _inbox.claim(p)
        if claimed is not None:
            faults.boundary("claimed")
            outcomes.append(process_file(claimed, store=st, **kwargs))
    return outcomes
