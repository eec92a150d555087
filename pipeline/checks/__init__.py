"""Anomaly checks: one small pure function per code (see docs/anomalies.md).

A check is registered with its code and severity:

    @check("unit_mismatch", "warning")
    def unit_mismatch(record, settings):
        yield "indicators[3].annual_value", "慰问妇女儿童贫困户数 的单位应为“户”，填写为“10人”"

It yields `(where, message)` pairs; the registry turns them into `Anomaly(code,
severity, message, where)`, so a registered check is a function `(record, settings)
-> list[Anomaly]` (with `store=` for the checks registered with `uses_store=True`).
The built-in checks live in the modules of BUILTIN_MODULES and are loaded like any
other: a plugin registers more through the entry-point group `jixiao.checks`.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .. import settings as _settings
from ..models import Anomaly, Record

log = logging.getLogger(__name__)

SEVERITIES = ("error", "warning", "info")
BUILTIN_MODULES = ("completeness", "consistency", "costs", "quality", "source")

Hit = tuple[str, str]  # (where, message)


@dataclass(frozen=True)
class Check:
    code: str
    severity: str
    func: Callable[..., Iterable[Hit]]
    uses_store: bool = False

    def __call__(self, record: Record, settings: _settings.Settings | None = None, store=None) -> list[Anomaly]:
        out: list[Anomaly] = []
        self.add_to(out, record, settings or _settings.get(), store)
        return out

    def add_to(self, out: list[Anomaly], record: Record, settings: _settings.Settings, store=None) -> None:
        """Append this check's anomalies of `record` to `out` (run_checks' loop: no list per check)."""
        hits = self.func(record, settings, store) if self.uses_store else self.func(record, settings)
        for where, message in hits:
            out.append(Anomaly(self.code, self.severity, message, where))

    @property
    def doc(self) -> str:
        return (self.func.__doc__ or "").strip()


REGISTRY: dict[str, Check] = {}


def check(code: str, severity: str, *, uses_store: bool = False) -> Callable[[Callable[..., Iterable[Hit]]], Check]:
    """Register a check under its code; the decorated name becomes the callable Check."""
    if severity not in SEVERITIES:
        raise ValueError(f"severity {severity!r} of {code} is not one of {SEVERITIES}")

    def register(func: Callable[..., Iterable[Hit]]) -> Check:
        if code in REGISTRY:
            raise ValueError(f"check {code!r} registered twice")
        c = Check(code, severity, func, uses_store)
        REGISTRY[code] = c
        return c

    return register


_loaded = False
_load_lock = threading.Lock()


def load() -> dict[str, Check]:
    """Import the built-in checks and any plugins (entry-point group `jixiao.checks`) once.

    Thread-safe: the batch's worker threads call it at once on their first file, and none
    may iterate the registry while another is still filling it."""
    global _loaded
    if _loaded:
        return REGISTRY
    with _load_lock:
        if not _loaded:
            for name in BUILTIN_MODULES:
                importlib.import_module(f"{__name__}.{name}")
            from importlib.metadata import entry_points

            for ep in entry_points(group="jixiao.checks"):
                ep.load()
            _loaded = True
    return REGISTRY


def run_checks(record: Record, store=None, *, settings: _settings.Settings | None = None,
               strict: bool = False) -> list[Anomaly]:
    """All anomalies of one record, in registry order.

    `store` (None: resubmission stays silent) is any object with
    `previous_submission(record) -> dict | None`. A check that fails is a bug in the
    check, not in the form: it is logged and skipped unless `strict`."""
    s = settings or _settings.get()
    out: list[Anomaly] = []
    for c in load().values():
        try:
            c.add_to(out, record, s, store)
        except Exception:
            if strict:
                raise
            log.exception("check %s failed on %s", c.code, record.project_name)
    return out
