"""Writing a file so that a reader (or a crash) sees the old file or the whole new one, never half.

    write_atomic(path, "text")                 # str as UTF-8, or bytes
    with replacing(path) as tmp:               # for writers that want a path (openpyxl, docx)
        workbook.save(tmp)

Both write beside `path` under a hidden temporary name (same folder, so the rename is atomic;
ignored by the inbox), flush it to disk and rename it over `path`. On failure the temporary
file is removed and `path` is untouched.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path


def temporary_name(path: Path) -> Path:
    """A hidden name beside `path`, unique to this write (.<name>.<random>.tmp<suffix>)."""
    return path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp{path.suffix}")


@contextlib.contextmanager
def replacing(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces `path`, on failure it is removed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_name(path)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write `data` (str as UTF-8) to `path` atomically; returns the path."""
    path = Path(path)
    with replacing(path) as tmp:
        tmp.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path
