"""File -> records: read, parse forms, attach sources, run the checks.

`extract_file` raises an InputError for a file a person must fix; `extract_paths`
turns each file's failure into data, so one bad file never stops the rest.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from . import confidence, forms, readers
from .errors import InputError, InternalError, JixiaoError, NotAForm
from .gcpause import paused
from .models import Finding, Record, Source
from .safety import check_file


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def extract_file(path: str | Path, *, checks: bool = True, store=None, name: str | None = None,
                 sha256: str | None = None) -> list[Record]:
    """Every form in one file as a record, checked (anomalies filled in) unless checks=False.

    A caller that checked and hashed the file already (process.py) hands over its `sha256`
    and the `name` a person knows it by; the file is then neither checked nor hashed again."""
    p = Path(path)
    if sha256 is None:
        check_file(p)
    doc = readers.read(p)
    with paused():  # the rows' tokens, the records: no cycles, the collector's walks only cost (gcpause)
        records = forms.parse(doc)
    if not records:
        raise NotAForm(f"no 项目绩效目标表 found in {name or p.name}")
    digest = sha256 or sha256_of(p)
    fmt = doc.format  # what the file is, even when its suffix says otherwise
    ocr = confidence.read_by_ocr(doc)
    if ocr:
        confidence.attach(doc, records)
    for i, r in enumerate(records):
        r.source = Source(file=name or p.name, sha256=digest, format=fmt, form_index=i, ocr=ocr)
        for kind, snippet in doc.notes:
            r.findings.append(Finding(kind, "document", snippet))
    if checks:
        from .checks import run_checks
        with paused():
            for r in records:
                r.anomalies = run_checks(r, store=store)
    return records


@dataclass
class FileResult:
    path: str
    records: list[Record] = field(default_factory=list)
    error: JixiaoError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def extract_paths(paths: list[str | Path], *, checks: bool = True, store=None) -> list[FileResult]:
    from .checks.memory import SeenForms

    seen = SeenForms(store)  # a form seen earlier in this run is a resubmission too
    out = []
    for path in paths:
        try:
            out.append(FileResult(str(path), extract_file(path, checks=checks, store=seen)))
            seen.add(out[-1].records)
        except InputError as e:
            out.append(FileResult(str(path), error=e))
        except (OSError, ValueError, KeyError, IndexError, TypeError, RecursionError, MemoryError) as e:
            out.append(FileResult(str(path), error=InternalError(f"{type(e).__name__}: {e}")))
    return out
