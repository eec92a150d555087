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


def _same_value(a, b) -> bool:
    """Numbers within 0.005, texts after NFKC with white space removed, anything else equal."""
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) < 0.005
    if isinstance(a, str) and isinstance(b, str):
        return norm(a) == norm(b)
    return a == b  # (None is no "")


def case_reads_as_written(case: str, ext: str = "txt") -> None:
    """tests/data/corpus/<case>.<ext> (.txt unless told) gives the records of <case>.expected.json (written by hand): every key
    the expected record states, each indicator's keys too, and as many records and indicators."""
    import json
    from pathlib import Path

    from pipeline.extract import extract_file

    here = Path(__file__).parent / "data" / "corpus"
    want = json.loads((here / f"{case}.expected.json").read_text(encoding="utf-8"))
    got = [r.to_dict() for r in extract_file(here / f"{case}.{ext}", checks=False)]
    assert len(got) == len(want)
    for g, w in zip(got, want):
        for k, v in w.items():
            if k != "indicators":
                assert _same_value(g[k], v), (k, g[k], v)
        assert len(g["indicators"]) == len(w["indicators"])
        for gi, wi in zip(g["indicators"], w["indicators"]):
            assert all(_same_value(gi[k], wi[k]) for k in wi), (gi, wi)
