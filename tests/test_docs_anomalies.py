"""docs/anomalies.md lists every registered check with its severity, every setting the
checks read, and agrees with the contract's list of codes."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from pipeline.checks import load
from pipeline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "anomalies.md"
CONTRACT = ROOT.parent / "shared" / "contract" / "anomalies.md"
ROW = re.compile(r"^\|\s*`(?P<code>[a-z_]+)`\s*\|\s*(?P<sev>error|warning|info|sev|severity)?\s*\|", re.MULTILINE)


def codes_in(text: str) -> dict[str, str]:
    """code -> severity of each table row `| `code` | severity | ...`."""
    return {m["code"]: m["sev"] for m in ROW.finditer(text) if m["sev"] in ("error", "warning", "info")}


def test_every_registered_code_is_documented_with_its_severity():
    documented = codes_in(DOC.read_text(encoding="utf-8"))
    registered = {c.code: c.severity for c in load().values()}
    missing = sorted(set(registered) - set(documented))
    assert not missing, f"docs/anomalies.md lacks a row for {missing}"
    wrong = {c: (documented[c], s) for c, s in registered.items() if documented[c] != s}
    assert not wrong, f"severity in docs differs from the registry: {wrong}"
    stale = sorted(set(documented) - set(registered))
    assert not stale, f"docs/anomalies.md documents codes no check raises: {stale}"


def test_registry_matches_the_contract():
    if not CONTRACT.exists():
        pytest.skip(f"contract not present at {CONTRACT}; the registry was compared with the docs only")
    contract = codes_in(CONTRACT.read_text(encoding="utf-8"))
    assert len(contract) >= 20
    registered = {c.code: c.severity for c in load().values()}
    assert sorted(set(contract) - set(registered)) == [], "codes of the contract without a check"
    assert sorted(set(registered) - set(contract)) == [], "checks whose code the contract does not list"
    assert {c: s for c, s in registered.items() if contract[c] != s} == {}, "severity differs from the contract"


def test_every_setting_the_checks_read_is_documented():
    doc = DOC.read_text(encoding="utf-8")
    names = {f.name for f in fields(Settings)}
    used = set()
    for p in (ROOT / "pipeline" / "checks").glob("*.py"):
        used |= set(re.findall(r"\bs\.([a-z_]+)", p.read_text(encoding="utf-8"))) & names
    assert used, "no setting found in the checks"
    missing = sorted(n for n in used if f"| `{n}` |" not in doc)
    assert not missing, f"docs/anomalies.md settings table lacks {missing}"


def test_documented_numeric_defaults_are_the_real_ones():
    doc = DOC.read_text(encoding="utf-8")
    for name in ("satisfaction_floor", "cost_tolerance", "cost_level1_from_year", "open_ended_year"):
        m = re.search(rf"^\| `{name}` \| ([\d.]+)", doc, re.MULTILINE)
        assert m, name
        assert float(m.group(1)) == float(getattr(Settings, name)), name
