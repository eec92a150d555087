"""Where rendered outputs go: the one place that names a form's files in the outbox.

Outputs are rendered into a staging folder of the run (`<outbox>/.rendering-<run token>-<n>/`),
named in the same transaction that stores the forms (so they are owned before they are moved),
and moved into place by the filing (inbox.carry_out). A name in the outbox is reused only by a
new version of the same form (same 主管部门 + 项目名称 + budget year); another form's file is
never overwritten (the new one gets name_2). A staging folder of a run that is over, and not
named by a pending filing, is removed by the next pass.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

from . import inbox as _inbox

STAGING_PREFIX = ".rendering-"


def staging_dir(out_dir: Path) -> Path:
    """A new, empty staging folder of this run inside `out_dir` (same file system: renames are atomic)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    d = out_dir / f"{STAGING_PREFIX}{_inbox.run_token()}.{uuid.uuid4().hex[:6]}"
    d.mkdir()
    return d


def final_path(staged: Path, out_dir: Path, key: tuple, owner_of: Callable[[Path], tuple | None | bool],
               chosen: set[Path]) -> Path:
    """The outbox path for one staged output of the form with `key`.

    `owner_of(path)` (asked inside the filing transaction) is the key of the current form whose
    output the path is, None for a path only old versions name, False for a path no form names."""
    stem, suffix = staged.stem, staged.suffix
    n = 1
    while True:
        p = out_dir / (staged.name if n == 1 else f"{stem}_{n}{suffix}")
        n += 1
        if p in chosen:
            continue
        owner = owner_of(p)
        if owner is False and not os.path.lexists(p):
            return p  # free
        if isinstance(owner, tuple) and owner == tuple(key):
            return p  # an earlier version of this very form: replaced


def plan(staged: Iterable[dict], keys: list[tuple], out_dir: Path,
         owner_of: Callable[[Path], tuple | None | bool]) -> tuple[list[dict], list[tuple[str, str]]]:
    """Per record, {"docx": final, "pdf": final}, and the (staged, final) moves that put them there."""
    outputs: list[dict] = []
    moves: list[tuple[str, str]] = []
    chosen: set[Path] = set()
    for outs, key in zip(staged, keys, strict=True):
        done: dict[str, str] = {}
        for kind, p in outs.items():
            if not p:
                continue
            final = final_path(Path(p), out_dir, key, owner_of, chosen)
            chosen.add(final)
            done[kind] = str(final)
            moves.append((str(p), str(final)))
        outputs.append(done)
    return outputs, moves


def clean_stale_staging(out_dir: Path, keep: set[str], stale_seconds: float = 3600.0) -> list[Path]:
    """Remove staging folders of runs that are over (a killed run's), except those in `keep`."""
    removed = []
    try:
        entries = list(os.scandir(out_dir))
    except FileNotFoundError:
        return []
    for e in entries:
        if not e.name.startswith(STAGING_PREFIX) or e.path in keep:
            continue
        try:
            age = time.time() - e.stat(follow_symlinks=False).st_mtime
        except FileNotFoundError:
            continue
        if _inbox.run_is_over(_inbox.token_owner(e.name[len(STAGING_PREFIX):]), age, stale_seconds):
            shutil.rmtree(e.path, ignore_errors=True)
            removed.append(Path(e.path))
    return removed
