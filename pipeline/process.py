"""One claimed file, all the way: dedupe → extract and check → render → store → archive.

    outcome = process_file(claimed, store=store, out_dir=settings.get().outbox)
    outcome.status          # "processed" | "quarantined" | "duplicate"

Failure is data: a file at fault (InputError) and our own bugs (any other exception)
both end in quarantine with a reason file, and `process_file` returns normally, so
one bad file never stops a batch. `sweep(inbox, ...)` is the whole pass without
Prefect: recover stale claims, take the settled files, claim and process each.
"""

from __future__ import annotations

import importlib
import inspect
import logging
import os
import shutil
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import inbox as _inbox
from .errors import HostileFile, InputError, InternalError
from .extract import extract_file, sha256_of
from .models import HEADER_FIELDS, Anomaly, Record
from .safety import check_file
from .store import Store, form_key
from .text import describe, scrub, visible_change

log = logging.getLogger(__name__)

DUPLICATE_REASON = "内容与已处理的文件“{first}”完全相同（sha256 {sha8}），未重复处理 / same content as “{first}”, not processed again"


@dataclass
class FileOutcome:
    """What became of one file (plain data: picklable, JSON-able through `to_dict`)."""

    file: str  # the name it had in the inbox
    status: str  # "processed" | "quarantined" | "duplicate"
    records: list[dict] = field(default_factory=list)
    form_ids: list[int] = field(default_factory=list)
    outputs: list[dict] = field(default_factory=list)  # per form: {"docx": path, "pdf": path}
    reason: str | None = None  # quarantine / duplicate explanation
    anomalies: int = 0
    errors: int = 0  # anomalies of severity "error"
    path: str | None = None  # where the file is now (archive or quarantine)
    sha256: str | None = None
    kind: str | None = None  # the error kind when quarantined (errors.py)
    seconds: float = 0.0

    @property
    def output_paths(self) -> list[str]:
        return [p for o in self.outputs for p in o.values() if p]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_stores: dict[str, Store] = {}


def open_store(store: Store | str | None) -> Store:
    """A Store, from an instance, a URL (one Store per URL per process: Dask workers), or settings."""
    if isinstance(store, Store):
        return store
    from . import settings

    url = store or settings.get().db_url
    if url not in _stores:
        _stores[url] = Store(url)
    return _stores[url]


def process_file(path: Path, *, store: Store | str | None = None, out_dir: Path | None = None, render: bool = True,
                 pdf: bool = True, soffice_profile: Path | None = None, home: Path | None = None) -> FileOutcome:
    """The whole pipeline for one claimed file; never raises for a bad file or our own bug."""
    from . import settings

    t0 = time.perf_counter()
    path = Path(path)
    name = _inbox.claimed_name(path)
    st = open_store(store)
    out = Path(out_dir) if out_dir is not None else settings.get().outbox
    sha: str | None = None
    file_id: int | None = None
    try:
        if path.is_symlink():  # moved as the link itself; the target is never opened
            raise HostileFile(f"symlink refused (target not read): {name}",
                              "该文件是符号链接（快捷方式），为安全起见已拒绝处理，未读取其指向的文件")
        check_file(path)
        size = path.stat().st_size
        sha = sha256_of(path)
        file_id = st.register_file(sha, name, size, work_path=str(path), is_stale=_inbox.claim_is_stale)
        if file_id is None:
            return _duplicate(path, name, sha, st, home, t0)
        records = extract_file(path, store=st)
        for r in records:
            if r.source is not None:
                r.source.file = name
            scrub_record(r)
        outputs, note = _render(records, out, pdf=pdf, profile=soffice_profile, store=st) if render else ([], None)
        dicts = [r.to_dict() for r in records]
        _boundary("rendered")
        if sha256_of(path) != sha:  # still being written: what we read is not what we would archive
            return _changed(path, name, sha, file_id, st, out, outputs, t0)
        ids = st.save_forms(file_id, dicts, outputs)
        dest = _inbox.archive(path, dicts, sha256=sha, home=home, name=name,
                              extra={"form_ids": ids, "outputs": outputs})
        st.save_file_result(file_id, status="processed", archive_path=dest)
        n_err = sum(1 for d in dicts for a in d["anomalies"] if a["severity"] == "error")
        return FileOutcome(name, "processed", records=dicts, form_ids=ids, outputs=outputs, reason=note,
                           anomalies=sum(len(d["anomalies"]) for d in dicts), errors=n_err, path=str(dest),
                           sha256=sha, seconds=time.perf_counter() - t0)
    except Exception as e:
        err = e if isinstance(e, InputError) else InternalError(f"{type(e).__name__}: {e}")
        if not isinstance(e, InputError):
            log.exception("internal error on %s", name)
        return _quarantine(path, name, err, sha, file_id, st, home, t0)


CHANGED_REASON = ("文件在处理期间仍在变化（可能仍在复制），已放回收件箱，复制完成后将自动处理 / "
                  "the file changed while it was processed (still being copied); put back to wait")


def _changed(path: Path, name: str, sha: str, file_id: int, st: Store, out: Path, outputs: list[dict],
             t0: float) -> FileOutcome:
    """The file changed under us: drop what was made of it and put it back to wait."""
    for o in outputs:
        for p in o.values():
            if p:
                Path(p).unlink(missing_ok=True)
    st.release_file(sha, file_id=file_id)
    back = _inbox.put_back(path)
    return FileOutcome(name, "waiting", reason=CHANGED_REASON, path=str(back), sha256=sha,
                       seconds=time.perf_counter() - t0)


def _boundary(step: str) -> None:
    """A step boundary of one file's handling: `JIXIAO_CRASH_AT=<step>` ends the process here as
    kill -9 would (the fault tests); tests may replace this function to act at a boundary."""
    if os.environ.get("JIXIAO_CRASH_AT") == step:
        os._exit(137)


def _duplicate(path: Path, name: str, sha: str, st: Store, home: Path | None, t0: float) -> FileOutcome:
    first = st.file_name(sha) or "?"
    reason = DUPLICATE_REASON.format(first=first, sha8=sha[:8])
    dest = _inbox.archive(path, [], sha256=sha, home=home, name=name, extra={"duplicate_of": first, "reason": reason})
    st.record_duplicate(sha, name, dest)
    return FileOutcome(name, "duplicate", reason=reason, path=str(dest), sha256=sha,
                       seconds=time.perf_counter() - t0)


def _quarantine(path: Path, name: str, err: Exception, sha: str | None, file_id: int | None, st: Store,
                home: Path | None, t0: float) -> FileOutcome:
    kind = getattr(err, "kind", "internal")
    reason = scrub(f"{getattr(err, 'reason_zh', '')} / {str(err).replace(str(path), name)}")[0]
    dest: Path | None = None
    try:
        if os.path.lexists(path):
            dest = _inbox.quarantine(path, err, home=home, name=name)
    except OSError:
        log.exception("could not quarantine %s; it stays where it is", path)
    try:
        st.save_file_result(file_id, sha256=sha, original_name=name, status="quarantined", reason=reason,
                            archive_path=dest)
    except Exception:
        log.exception("could not record the quarantine of %s", name)
    return FileOutcome(name, "quarantined", reason=reason, path=str(dest) if dest else None, sha256=sha, kind=kind,
                       seconds=time.perf_counter() - t0)


def scrub_record(record: Record) -> None:
    """Clean, in place, what XML 1.0, Excel or a file system cannot hold from every text of a record
    (text.scrub); where that changes what a person sees (a bidi override reorders the text), a
    `garbled_text` warning says so."""
    from .checks.source import _label

    def fix(where: str, value: str | None) -> str | None:
        if not value:
            return value
        cleaned, removed = scrub(value)
        if removed and visible_change(removed):
            record.anomalies.append(Anomaly(
                "garbled_text", "warning",
                f"{_label(where)}含有改变文字显示顺序的控制字符（{describe(removed)}），已去除："
                f"“{cleaned[:20]}”，请核对原文", where))
        return cleaned

    for f in HEADER_FIELDS:
        if isinstance(getattr(record, f), str):
            setattr(record, f, fix(f, getattr(record, f)))
    for n, ind in enumerate(record.indicators):
        for f in ("level1", "level2", "name", "period_value", "annual_value"):
            if isinstance(getattr(ind, f), str):
                setattr(ind, f, fix(f"indicators[{n}].{f}", getattr(ind, f)))
    for a in record.anomalies:
        a.message, a.where = scrub(a.message)[0], scrub(a.where)[0]


# ------------------------------------------------------------------ rendering (pipeline.render, lazily)

def _render(records: list, out_dir: Path, *, pdf: bool, profile: Path | None,
            store: Store | None = None) -> tuple[list[dict], str | None]:
    """Render each record into a temporary folder inside `out_dir`, then rename the files into place.

    Returns, per record, {"docx": path, "pdf": path}, and a note when the PDFs could not be
    made (LibreOffice failed twice): the .docx outputs, the records and the archive do not
    depend on them, so the file is not quarantined for it. A name already in the outbox is
    replaced only by a new version of the same form (same 主管部门 + 项目名称 + budget
    year); another form's file is never overwritten (the new one gets name_2)."""
    try:
        render = importlib.import_module("pipeline.render")
    except ModuleNotFoundError as e:
        if e.name in ("pipeline.render",):
            log.warning("pipeline.render is not installed: no .docx/.pdf outputs")
            return [{} for _ in records], None
        raise
    fn = getattr(render, "render_batch", None)
    if fn is None:
        raise InternalError("pipeline.render has no render_batch()")
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = out_dir / f".rendering-{uuid.uuid4().hex[:12]}"
    tmp.mkdir()
    note = None
    try:
        to_pdf = getattr(render, "docx_to_pdf", None)
        separate_pdf = pdf and to_pdf is not None
        result = fn(records, tmp, **_kwargs(fn, pdf=pdf and not separate_pdf, profile=profile))
        per_record = _per_record(result, records, tmp)
        if separate_pdf:
            docx = [o.get("docx") for o in per_record]
            if all(docx):
                for attempt in (1, 2):  # LibreOffice fails now and then; once more before giving up
                    try:
                        pdfs = to_pdf(docx, tmp, profile)
                    except Exception as e:  # noqa: BLE001 - the .docx are good; a missing PDF is reported
                        log.warning("PDF conversion failed (attempt %d): %s", attempt, e)
                        note = f"PDF 转换失败，仅生成了 Word 文件 / PDF conversion failed: {e}"
                        continue
                    for o, p in zip(per_record, pdfs, strict=True):
                        o["pdf"] = p
                    note = None
                    break
        placed: list[dict] = []
        for rec, outs in zip(records, per_record, strict=True):
            done: dict[str, str] = {}
            for kind, p in outs.items():
                if p is None:
                    continue
                done[kind] = str(_place(Path(p), out_dir, rec, store))
            placed.append(done)
        return placed, note
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _kwargs(fn: Any, *, pdf: bool, profile: Path | None) -> dict[str, Any]:
    params = inspect.signature(fn).parameters
    kwargs: dict[str, Any] = {}
    if "pdf" in params:
        kwargs["pdf"] = pdf
    for p in ("profile_dir", "profile", "soffice_profile"):
        if p in params and profile is not None:
            kwargs[p] = profile
    return kwargs


def _place(p: Path, out_dir: Path, record: Any, store: Store | None) -> Path:
    """Rename a rendered file into the outbox (atomic, same file system)."""
    dest = out_dir / p.name
    if os.path.lexists(dest):
        owner = store.output_owner(dest) if store is not None else None
        if owner is None or form_key(owner) != form_key(record):
            return _inbox.move_unique(p, out_dir, p.name)
    os.replace(p, dest)  # free, or the output of an earlier version of this very form
    return dest


def _per_record(result: Any, records: list, tmp: Path) -> list[dict]:
    """Whatever render_batch returned, as one {"docx": p, "pdf": p} per record."""
    def as_dict(item: Any) -> dict:
        if item is None:
            return {}
        if isinstance(item, dict):
            return {k: v for k, v in item.items() if k in ("docx", "pdf") and v}
        if isinstance(item, (str, Path)):
            return {Path(item).suffix.lower().lstrip("."): item}
        if isinstance(item, (list, tuple)):
            d: dict = {}
            for x in item:
                d.update(as_dict(x))
            return d
        return {k: getattr(item, k) for k in ("docx", "pdf") if getattr(item, k, None)}

    if isinstance(result, (list, tuple)) and len(result) == len(records) and records:
        flat = all(isinstance(x, (str, Path)) for x in result)
        if not flat or len({Path(x).suffix.lower() for x in result}) == 1:
            return [as_dict(x) for x in result]
    # otherwise: group the files written by stem, in file order
    groups: dict[str, dict] = {}
    for p in sorted(tmp.rglob("*")):
        if p.is_file() and p.suffix.lower() in (".docx", ".pdf"):
            groups.setdefault(p.stem, {})[p.suffix.lower().lstrip(".")] = p
    found = list(groups.values())
    return (found + [{}] * len(records))[:len(records)]


# ------------------------------------------------------------------ batches

def process_batch(paths: list[Path], **kwargs: Any) -> list[FileOutcome]:
    """process_file on each path in turn (the same keyword arguments for all)."""
    return [process_file(p, **kwargs) for p in paths]


def sweep(inbox: Path | None = None, *, store: Store | str | None = None, settle_seconds: float = 5.0,
          **kwargs: Any) -> list[FileOutcome]:
    """One pass over the inbox without Prefect: recover stale claims, take the settled files,
    claim each (skipping what another run took first) and process it."""
    from . import settings

    box = Path(inbox) if inbox is not None else settings.get().inbox
    st = open_store(store)
    _inbox.recover_stale(box, store=st)
    outcomes = []
    for p in _inbox.waiting_files(box, settle_seconds):
        claimed = _inbox.claim(p)
        if claimed is not None:
            outcomes.append(process_file(claimed, store=st, **kwargs))
    return outcomes
