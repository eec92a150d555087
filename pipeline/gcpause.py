"""Pausing Python's cyclic garbage collector while jixiao builds one file's objects.

Reading a text file, parsing its rows into records and checking them allocate hundreds of
thousands of small objects (cells, rows, tokens, indicators, anomalies) that hold no
reference cycles: reference counting frees them. The cyclic collector still runs every
few hundred allocations, and its older generations walk every object alive, the whole
document being built included: a quarter of the time of a 2,000-form text file, a twentieth
of a 50-form one (benchmarks/extract.py). So those stages run with it paused:

    with paused():
        records = forms.parse(doc)

Pauses nest and overlap across the batch's worker threads: the collector is switched off by
the first pause to begin and on again (if it was on before) by the last one to end, and it
then collects what the pause left, as it does after any burst of allocations. Third-party
readers (pdfplumber, python-docx, openpyxl, OCR) are not paused: their objects may hold
cycles that only the collector frees, and a large PDF read with it off would grow in memory.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0  # pauses under way, across threads
_was_enabled = False  # the collector's state when the first of them began


@contextmanager
def paused() -> Iterator[None]:
    """The cyclic garbage collector off for the block (and for any block overlapping it)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
