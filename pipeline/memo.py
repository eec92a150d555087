"""One bound for the memo caches of jixiao's pure text functions.

    @memo
    def level1_of(text): ...

Cell meanings, vocabulary keys, targets and row placements are memoised by their text. A
run over many distinct forms brings new texts all the time, so every cache is bounded (least
recently used out first) and all share one size: small enough that the caches are full within
the first hundred or so forms, after which the process's memory no longer grows with the size
of the inbox; large enough to hold a form's own repeats and a batch's common labels, units and
values, which is where the caches earn their keep.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

MEMO_SIZE = 2048  # entries per cache

F = TypeVar("F", bound=Callable)


def memo(fn: F) -> F:
    """`fn` with a bounded least-recently-used cache of MEMO_SIZE entries."""
    return lru_cache(maxsize=MEMO_SIZE)(fn)  # type: ignore[return-value]
