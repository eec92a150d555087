"""Compare records as the contract's scorer does: text after NFKC with white space
removed, numbers within 0.005, targets by op / value / unit."""

from __future__ import annotations

import re
import unicodedata

from pipeline.models import HEADER_FIELDS

NUMERIC = {"period_start", "period_end", "budget_year", "budget_amount"}


def norm(s) -> str:
    if s is None:
        return ""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(s)))


def _target(t):
    if not t:
        return None
    return (norm(t["op"]), round(float(t["value"]), 3), norm(t.get("unit")))


def differences(got: dict, exp: dict, targets: bool = True) -> list[str]:
    """Human-readable differences between an extracted record and the expected one (without
    `targets`, the parsed targets are left out: an expected record that states only the values)."""
    out = []
    for k in HEADER_FIELDS:
        g, e = got.get(k), exp.get(k)
        if k in NUMERIC:
            ok = (g is None and e is None) or (g is not None and e is not None and abs(float(g) - float(e)) < 0.005)
        else:
            ok = norm(g) == norm(e)
        if not ok:
            out.append(f"{k}: expected {e!r} got {g!r}")
    gi, ei = got.get("indicators", []), exp.get("indicators", [])
    if len(gi) != len(ei):
        out.append(f"{len(ei)} indicators expected, got {len(gi)}")
    for i, (g, e) in enumerate(zip(gi, ei)):
        for k in ("level1", "level2", "name", "period_value", "annual_value"):
            if norm(g.get(k)) != norm(e.get(k)):
                out.append(f"indicators[{i}].{k}: expected {e.get(k)!r} got {g.get(k)!r}")
        for k in ("period_target", "annual_target") if targets else ():
            if _target(g.get(k)) != _target(e.get(k)):
                out.append(f"indicators[{i}].{k}: expected {e.get(k)!r} got {g.get(k)!r}")
    return out


def assert_same(got: dict, exp: dict, label: str = "") -> None:
    diff = differences(got, exp)
    assert not diff, f"{label} {exp.get('project_name')}:\n  " + "\n  ".join(diff)
