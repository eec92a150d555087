"""Records -> the standard 项目绩效目标表 as .docx (docxtpl) and .pdf (LibreOffice).

    render_docx(record, path)                       one .docx from templates/standard_form.docx
    render_batch(records, out_dir, pdf=False)       one .docx per record (+ its PDF), named after
                                                    主管部门 and 项目名称, no collisions
    docx_to_pdf(paths, out_dir, profile_dir)        a whole batch in ONE soffice call
    jixiao render RECORDS.json --out DIR [--pdf]

What "clean" means here is presentation only: HTML and stray white space removed,
amounts as 775,413.00, operators as ≥ ≤, empty indicator rows left out, canonical
一级/二级 names. Nothing else in a value is changed: a value the checks flagged is
shown as it was submitted.

The template cannot say "merge while equal" (docxtpl's {% vm %} merges a column over
the whole loop), so equal 一级 cells, and equal 二级 cells within them, are merged
vertically with w:vMerge after docxtpl has filled the rows.

LibreOffice: each concurrent worker needs its own profile (-env:UserInstallation);
two processes sharing one fail silently. A given profile is held with a thread lock and
an flock for the length of a call; without one, a call takes the first free profile of
a per-user pool in the temp folder (reused across runs: a fresh profile costs a second
or two). Fonts: soffice runs with FONTCONFIG_FILE = templates/fonts.conf, which maps the
official faces (仿宋_GB2312, 方正小标宋简体, 宋体, 黑体 ...) to installed CJK fonts.
Retries belong to the caller (PdfConversionError says which PDFs are missing).
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import fcntl
import io
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import ClassVar

from . import settings as _settings
from .errors import JixiaoError
from .models import Indicator, Record
from .settings import ROOT
from .text import clean
from .vocab import column_role, level1_of, level2_of

TEMPLATE = ROOT / "templates" / "standard_form.docx"

# labels the renderer writes itself (the rest is in the template); jixiao extract reads them back
BUDGET_LABEL = "{year}年预算金额（元）"
BUDGET_LABEL_NO_YEAR = "预算金额（元）"
ANNUAL_GOAL_LABEL = "{year}年度目标"
ANNUAL_GOAL_LABEL_NO_YEAR = "年度目标"
DEFAULT_NAME = "项目绩效目标表"  # the file name of a form with neither 主管部门 nor 项目名称

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_COLUMN_ROLES = ("label", "level1", "level2", "name", "period_value", "annual_value")
# what follows w:vMerge in w:tcPr (schema order; Word refuses a file with them out of order)
_TCPR_AFTER_VMERGE = ("tcBorders", "shd", "noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark",
                      "headers", "cellIns", "cellDel", "cellMerge", "tcPrChange")


class PdfConversionError(JixiaoError):
    """LibreOffice did not produce a PDF (missing, timed out, crashed). Worth a retry."""

    kind = "pdf_conversion"
    reason_zh = "PDF 转换失败（LibreOffice 未能生成文件），请稍后重试"
    missing: list[Path] = []  # noqa: RUF012 - replaced per instance
    written: list[Path] = []  # noqa: RUF012


@dataclass
class RenderedForm:
    """The files written for records[index]."""

    index: int
    name: str  # the file stem: 主管部门_项目名称
    docx: Path
    pdf: Path | None = None


# ------------------------------------------------------------------ presentation

_GE = re.compile(r"[>＞]\s*[=＝]|[≧⩾]")
_LE = re.compile(r"[<＜]\s*[=＝]|[≦⩽]")


def show(text: str | None) -> str:
    """A value as the clean form prints it: no HTML, lines joined, trimmed, ≥ ≤ for >= <=."""
    if text is None:
        return ""
    t, _ = clean(str(text))
    if any(ch in t for ch in "=≧≦⩾⩽"):
        t = _LE.sub("≤", _GE.sub("≥", t))
    return t


def show_amount(amount: float | str | None) -> str:
    """775413 -> "775,413.00"; None -> ""; what is not a number (a hand-edited file) as written."""
    if amount is None or amount == "":
        return ""
    try:
        return f"{float(str(amount).replace(',', '')):,.2f}"
    except ValueError:
        return show(str(amount))


def show_year(year: int | None) -> str:
    return "" if year is None else str(year)


def _is_empty(ind: Indicator) -> bool:
    return not (show(ind.name) or show(ind.period_value) or show(ind.annual_value))


def indicator_rows(record: Record) -> list[dict[str, str]]:
    """The rows of the indicator table: canonical level names, empty rows left out."""
    rows = []
    for ind in record.indicators:
        if _is_empty(ind):
            continue
        rows.append({
            "level1": level1_of(ind.level1) or show(ind.level1),
            "level2": level2_of(ind.level2) or show(ind.level2),
            "name": show(ind.name),
            "period_value": show(ind.period_value),
            "annual_value": show(ind.annual_value),
        })
    return rows


def context(record: Record) -> dict:
    """What the template's tags read (`f.project_name`, `f.rows` ...)."""
    year = record.budget_year
    return {"f": {
        "project_name": show(record.project_name),
        "project_type": show(record.project_type),
        "project_level": show(record.project_level),
        "department": show(record.department),
        "implementing_unit": show(record.implementing_unit),
        "period_start": show_year(record.period_start),
        "period_end": show_year(record.period_end),
        "budget_label": BUDGET_LABEL.format(year=year) if year else BUDGET_LABEL_NO_YEAR,
        "budget_amount": show_amount(record.budget_amount),
        "goal_overall": show(record.goal_overall),
        "annual_label": ANNUAL_GOAL_LABEL.format(year=year) if year else ANNUAL_GOAL_LABEL_NO_YEAR,
        "goal_annual": show(record.goal_annual),
        "rows": indicator_rows(record),
    }}


# ------------------------------------------------------------------ .docx

@lru_cache(maxsize=4)
def _template_bytes(path: Path, mtime: float) -> bytes:
    return path.read_bytes()


@lru_cache(maxsize=1)
def _docxtpl():
    """(DocxTemplate subclass, Jinja environment), both remembering their work across forms.

    docxtpl re-patches and re-compiles the same template XML for every render; the
    patched XML and the compiled Jinja template depend on the template alone, so they
    are kept (about 40% of the time of one form)."""
    from docxtpl import DocxTemplate
    from jinja2 import Environment

    @lru_cache(maxsize=32)
    def patched(src_xml: str) -> str:
        return DocxTemplate.patch_xml(None, src_xml)  # type: ignore[arg-type]  # uses no state

    class Template(DocxTemplate):
        def patch_xml(self, src_xml):
            return patched(src_xml)

    class Env(Environment):
        _lock = threading.Lock()
        _compiled: ClassVar[dict[str, object]] = {}

        def from_string(self, source, globals=None, template_class=None):
            if globals is not None or template_class is not None or not isinstance(source, str):
                return super().from_string(source, globals, template_class)
            t = self._compiled.get(source)
            if t is None:
                t = super().from_string(source)
                with self._lock:
                    if len(self._compiled) > 64:
                        self._compiled.clear()
                    self._compiled[source] = t
            return t

    return Template, Env(autoescape=True)


def render_docx(record: Record, path: str | Path, template: str | Path | None = None) -> Path:
    """Write `record` as the standard form to `path` (.docx) and return the path."""
    template_class, env = _docxtpl()
    tpl_path = Path(template) if template else TEMPLATE
    data = _template_bytes(tpl_path, tpl_path.stat().st_mtime)
    tpl = template_class(io.BytesIO(data))
    ctx = context(record)
    tpl.render(ctx, jinja_env=env, autoescape=True)
    _merge_levels(tpl.docx, ctx["f"]["rows"])
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tpl.save(str(tmp))
    os.replace(tmp, path)
    return path


def _indicator_table(doc):
    """(table element, index of the 一级指标 header row) of the rendered form."""
    for tbl in doc.element.body.iter(_W + "tbl"):
        for k, tr in enumerate(tbl.iterchildren(_W + "tr")):
            texts = ["".join(t.text or "" for t in tc.iter(_W + "t")) for tc in tr.iterchildren(_W + "tc")]
            if {"level1", "name"} <= {column_role(t) for t in texts}:
                return tbl, k
    raise JixiaoError("the template has no indicator header row (一级指标 ... 三级指标)")


def _merge_levels(doc, rows: Sequence[dict[str, str]]) -> None:
    """Merge runs of equal 一级 cells, and of equal 二级 cells within them, vertically."""
    if not rows:
        return
    tbl, head = _indicator_table(doc)
    all_trs = list(tbl.iterchildren(_W + "tr"))
    trs = all_trs[head + 1: head + 1 + len(rows)]
    # the label column: the template merges it over the loop rows, whose restart sat in the
    # dropped {%tr for %} row; the first rendered row starts the merge unless the header does
    first = trs[0].find(_W + "tc")
    above = all_trs[head].find(_W + "tc")
    if _vmerge_of(first) == "continue" and _vmerge_of(above) is None:
        _set_vmerge(first, restart=True)
    level1_col = _COLUMN_ROLES.index("level1")
    for col, key in ((level1_col, lambda r: r["level1"]),
                     (level1_col + 1, lambda r: (r["level1"], r["level2"]))):
        start = 0
        for k in range(1, len(rows) + 1):
            if k == len(rows) or key(rows[k]) != key(rows[start]):
                if k - start > 1:
                    for j in range(start, k):
                        _set_vmerge(list(trs[j].iterchildren(_W + "tc"))[col], restart=j == start)
                start = k


def _vmerge_of(tc) -> str | None:
    """"restart", "continue" or None (not merged vertically)."""
    vm = tc.find(f"{_W}tcPr/{_W}vMerge")
    if vm is None:
        return None
    return vm.get(_W + "val") or "continue"


def _set_vmerge(tc, restart: bool) -> None:
    from lxml import etree

    tcPr = tc.find(_W + "tcPr")
    if tcPr is None:
        tcPr = etree.SubElement(tc, _W + "tcPr")
        tc.remove(tcPr)
        tc.insert(0, tcPr)
    old = tcPr.find(_W + "vMerge")
    if old is not None:
        tcPr.remove(old)
    vm = etree.Element(_W + "vMerge")
    if restart:
        vm.set(_W + "val", "restart")
    later = {_W + t for t in _TCPR_AFTER_VMERGE}
    for k, el in enumerate(tcPr):
        if el.tag in later:
            tcPr.insert(k, vm)
            break
    else:
        tcPr.append(vm)
    if not restart:
        # a continued cell shows the text of the first; keep one empty paragraph with its style
        paras = list(tc.iterchildren(_W + "p"))
        for p in paras[1:]:
            tc.remove(p)
        for r in list(paras[0].iterchildren(_W + "r")):
            paras[0].remove(r)


# ------------------------------------------------------------------ names

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_MAX_STEM = 70  # characters; CJK is 3 bytes each in UTF-8 and names stop at 255 bytes


def safe_stem(text: str) -> str:
    """A file-system safe name: no path separators, reserved or control characters."""
    t = _UNSAFE.sub("_", show(text))
    t = re.sub(r"\s+", "", t).strip("._ ")
    return t[:_MAX_STEM].rstrip("._ ") or DEFAULT_NAME


def form_name(record: Record) -> str:
    """主管部门_项目名称, file-system safe."""
    parts = [show(record.department), show(record.project_name)]
    return safe_stem("_".join(p for p in parts if p) or DEFAULT_NAME)


def unique_names(records: Sequence[Record]) -> list[str]:
    """form_name per record; a name taken earlier in the batch gets -2, -3 ..."""
    seen: dict[str, int] = {}
    out = []
    taken: set[str] = set()
    for r in records:
        base = form_name(r)
        name = base
        n = seen.get(base, 1)
        while name.lower() in taken:
            n += 1
            name = f"{base}-{n}"
        seen[base] = n
        taken.add(name.lower())
        out.append(name)
    return out


# ------------------------------------------------------------------ .pdf

_PROFILE_LOCKS: dict[str, threading.Lock] = {}
_PROFILE_LOCKS_GUARD = threading.Lock()


def default_profile_dir(n: int = 0) -> Path:
    """The n-th shared LibreOffice profile of this user; `_use_profile` hands each concurrent
    worker (thread or process) a different one and reuses them across runs (a fresh profile
    costs LibreOffice a second or two on its first start)."""
    return Path(tempfile.gettempdir()) / f"jixiao-soffice-{os.getuid()}" / f"profile-{n}"


def _profile_lock(profile: Path) -> threading.Lock:
    with _PROFILE_LOCKS_GUARD:
        return _PROFILE_LOCKS.setdefault(str(profile.resolve()), threading.Lock())


def _flock(profile: Path, blocking: bool):
    """An open lock file of the profile, flock-ed (None if busy and not blocking)."""
    profile.mkdir(parents=True, exist_ok=True)
    fh = open(profile / ".jixiao.lock", "w")  # noqa: SIM115 - closed by the caller
    try:
        fcntl.flock(fh, fcntl.LOCK_EX if blocking else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.close()
        return None
    return fh


@contextlib.contextmanager
def _use_profile(profile_dir: str | Path | None):
    """Hold a profile for one soffice call: the given one (waiting for it), or the first free
    default one. Threads are kept apart by a lock, processes by an flock in the profile."""
    if profile_dir:
        profile = Path(profile_dir)
        lock = _profile_lock(profile)
        lock.acquire()
        fh = _flock(profile, blocking=True)
    else:
        n = 0
        while True:
            profile = default_profile_dir(n)
            lock = _profile_lock(profile)
            if lock.acquire(blocking=False):
                fh = _flock(profile, blocking=False)
                if fh is not None:
                    break
                lock.release()
            n += 1
    try:
        yield profile.resolve()
    finally:
        fh.close()
        lock.release()


def soffice_env() -> dict[str, str]:
    """The environment of the soffice subprocess: our fontconfig file maps the official faces."""
    env = dict(os.environ)
    fc = _settings.get().fontconfig_file
    if fc and Path(fc).is_file():
        env["FONTCONFIG_FILE"] = str(Path(fc).resolve())
    env.setdefault("SAL_USE_VCLPLUGIN", "svp")
    return env


def docx_to_pdf(paths: Iterable[str | Path], out_dir: str | Path, profile_dir: str | Path | None = None, *,
                timeout: float | None = None) -> list[Path]:
    """Convert .docx files to PDF in one soffice call; the PDFs, in the order of `paths`.

    Raises PdfConversionError when soffice is missing, times out, or leaves any PDF unwritten
    (its `written` and `missing` list the PDFs, so a caller can retry only the missing ones)."""
    paths = [Path(p).resolve() for p in paths]
    if not paths:
        return []
    stems = [p.stem for p in paths]
    if len(set(stems)) != len(stems):
        raise ValueError("docx_to_pdf: two inputs share a file name; their PDFs would collide")
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    pdfs = [out / f"{s}.pdf" for s in stems]
    started = time.time()
    limit = timeout if timeout is not None else 60 + 3 * len(paths)
    with _use_profile(profile_dir) as profile:
        cmd = [_settings.get().soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
               "--invisible", "--nologo", "--nodefault", "--norestore", "--nolockcheck",
               "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(out), *map(str, paths)]
        try:
            # a session of its own: on a timeout the whole group goes (soffice is a wrapper of soffice.bin)
            proc = subprocess.Popen(cmd, env=soffice_env(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, start_new_session=True)
        except FileNotFoundError as e:
            raise PdfConversionError(f"LibreOffice not found ({cmd[0]}): install libreoffice-writer-nogui "
                                     "or set JIXIAO_SOFFICE") from e
        try:
            _, stderr = proc.communicate(timeout=limit)
        except subprocess.TimeoutExpired as e:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise PdfConversionError(f"soffice timed out after {limit:.0f}s on {len(paths)} file(s)") from e
    missing = [p for p in pdfs if not p.is_file() or p.stat().st_mtime < started - 1 or p.stat().st_size == 0]
    if missing:
        err = PdfConversionError(f"soffice (exit {proc.returncode}) wrote no PDF for "
                                 f"{', '.join(p.name for p in missing)}: "
                                 f"{(stderr or b'').decode('utf-8', 'replace').strip()[-500:]}")
        err.missing = missing
        err.written = [p for p in pdfs if p not in missing]
        raise err
    return pdfs


# ------------------------------------------------------------------ batches

def render_batch(records: Sequence[Record], out_dir: str | Path, pdf: bool = False,
                 profile_dir: str | Path | None = None) -> list[RenderedForm]:
    """One .docx per record in `out_dir` (and with pdf=True its PDF, all in one soffice call)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    forms = [RenderedForm(i, name, render_docx(r, out / f"{name}.docx"))
             for i, (r, name) in enumerate(zip(records, unique_names(records), strict=True))]
    if pdf and forms:
        for f, p in zip(forms, docx_to_pdf([f.docx for f in forms], out, profile_dir), strict=True):
            f.pdf = p
    return forms


def load_records(path: str | Path) -> list[Record]:
    """The records of a JSON file as `jixiao extract` prints them (an array, or one record); "-" is stdin."""
    text = sys.stdin.read() if str(path) == "-" else Path(path).read_text(encoding="utf-8-sig")
    data = json.loads(text)
    if isinstance(data, dict):
        data = [data]
    return [Record.from_dict(copy.deepcopy(d)) for d in data]


# ------------------------------------------------------------------ command line

def cmd_render(args: argparse.Namespace) -> int:
    records: list[Record] = []
    for f in args.records:
        try:
            records.extend(load_records(f))
        except (OSError, ValueError, KeyError, TypeError) as e:
            print(json.dumps({"file": str(f), "error": f"not a records file ({type(e).__name__}: {e})",
                              "reason_zh": "不是 jixiao extract 输出的记录文件（JSON）"}, ensure_ascii=False),
                  file=sys.stderr)
            return 2
    try:
        forms = render_batch(records, args.out, pdf=args.pdf, profile_dir=args.profile)
    except PdfConversionError as e:
        print(json.dumps({"error": str(e), "kind": e.kind, "reason_zh": e.reason_zh}, ensure_ascii=False),
              file=sys.stderr)
        return 2
    for f in forms:
        line = {"index": f.index, "docx": str(f.docx), "pdf": str(f.pdf) if f.pdf else None}
        print(json.dumps(line, ensure_ascii=False))
    return 0


def add_cli(subparsers) -> None:
    p = subparsers.add_parser("render", help="write each record as the standard form (.docx, and .pdf)")
    p.add_argument("records", nargs="+", type=Path, help="JSON as printed by `jixiao extract` (- for stdin)")
    p.add_argument("--out", type=Path, required=True, help="output folder")
    p.add_argument("--pdf", action="store_true", help="also convert to PDF with LibreOffice")
    p.add_argument("--profile", type=Path, default=None,
                   help="LibreOffice profile folder, one per concurrent worker (default: a free one "
                        "of the shared pool in the temp folder)")
    p.set_defaults(func=cmd_render)
