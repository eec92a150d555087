"""Real templates (issue 9): each published layout recreated with invented content in
tests/data/templates/<id>/ as form.docx, form.txt and form.pdf beside a hand-written
expected.json; the extractor must give those records from every format.

Compared as ../shared/tools/check.py compares: text after NFKC with white space removed,
numbers within 0.005, each header field and each indicator's level1 / level2 / name /
period_value / annual_value (targets only where expected.json gives them). `extras` (the
columns beside the values) and `form_kind` are checked as the contract's "Templates
beyond the seed's" says. A form that is not a project form (部门整体) must be refused with
its reason.

What the parser cannot read yet is listed in tests/data/templates/known_failing.txt
(`id/format reason`, `id/extras reason`) and runs as a strict xfail: a fixed template
fails the suite until its line is removed.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from functools import cache
from pathlib import Path

import pytest

from pipeline.errors import NotAForm
from pipeline.extract import extract_file

ROOT = Path(__file__).parent / "data" / "templates"
HEADER_KEYS = ["project_name", "project_type", "project_level", "department", "implementing_unit",
               "period_start", "period_end", "budget_year", "budget_amount", "goal_overall", "goal_annual"]
NUM_KEYS = {"period_start", "period_end", "budget_year", "budget_amount"}
IND_TEXT = ["level1", "level2", "name", "period_value", "annual_value"]
DEFAULT_KIND = "项目绩效目标表"


def norm(s) -> str:
    if s is None:
        return ""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(s)))


def _num_eq(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 0.005


def _target(t):
    if not t:
        return None
    return (norm(t.get("op")), round(float(t["value"]), 3), norm(t.get("unit")))


def templates() -> list[str]:
    return sorted(p.name for p in ROOT.iterdir() if (p / "expected.json").is_file())


def expected(tid: str) -> dict:
    return json.loads((ROOT / tid / "expected.json").read_text(encoding="utf-8"))


def known_failing() -> dict[str, str]:
    out = {}
    f = ROOT / "known_failing.txt"
    if f.is_file():
        for line in f.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                key, _, reason = line.partition(" ")
                out[key] = reason.strip()
    return out


KNOWN = known_failing()


def _param(tid: str, what: str):
    key = f"{tid}/{what}"
    marks = [pytest.mark.xfail(strict=True, reason=KNOWN[key])] if key in KNOWN else []
    return pytest.param(tid, what, id=key, marks=marks)


CASES = [_param(t, fmt) for t in templates() for fmt in expected(t).get("formats", ["docx", "txt", "pdf"])]
EXTRAS = [_param(t, "extras") for t in templates()
          if any("extras" in i for r in expected(t)["records"] for i in r["indicators"])]


@cache
def _extract(tid: str, fmt: str):
    """-> list of record dicts, or the error: NotAForm (refused) or anything else (a crash)."""
    try:
        return [r.to_dict() | _kind(r) for r in extract_file(ROOT / tid / f"form.{fmt}", checks=False)]
    except Exception as e:  # noqa: BLE001  (a crash is a result to report, not to raise from a cache)
        return e


def _kind(r) -> dict:
    d = {}
    for k in ("form_kind", "extras"):
        if getattr(r, k, None) is not None:
            d[k] = getattr(r, k)
    return d


def differences(got: dict, exp: dict) -> list[str]:
    out = []
    for k in HEADER_KEYS:
        g, e = got.get(k), exp.get(k)
        ok = _num_eq(g, e) if k in NUM_KEYS else norm(g) == norm(e)
        if not ok:
            out.append(f"{k}: expected {e!r} got {g!r}")
    if norm(got.get("form_kind") or DEFAULT_KIND) != norm(exp.get("form_kind") or DEFAULT_KIND):
        out.append(f"form_kind: expected {exp.get('form_kind') or DEFAULT_KIND!r} got {got.get('form_kind')!r}")
    gi, ei = got.get("indicators") or [], exp["indicators"]
    for i in range(max(len(gi), len(ei))):
        if i >= len(ei):
            g = gi[i]
            out.append(f"indicators[{i}]: unexpected {g.get('level2')}/{g.get('name')} = {g.get('annual_value')!r}")
            continue
        if i >= len(gi):
            out.append(f"indicators[{i}]: missing {ei[i]['level2']}/{ei[i]['name']}")
            continue
        g, e = gi[i], ei[i]
        for k in IND_TEXT:
            if norm(g.get(k)) != norm(e.get(k)):
                out.append(f"indicators[{i}] {e['name']}: {k} expected {e.get(k)!r} got {g.get(k)!r}")
        for k in ("period_target", "annual_target"):
            if k in e and _target(g.get(k)) != _target(e[k]):
                out.append(f"indicators[{i}] {e['name']}: {k} expected {e[k]!r} got {g.get(k)!r}")
    return out


def _key(k: str) -> str:
    """A column header as an extras key: `*指标解释` and `指标解释` are one column."""
    return norm(k).lstrip("*★")


def extras_differences(got: dict, exp: dict) -> list[str]:
    out = []
    for i, e in enumerate(exp["indicators"]):
        gi = got.get("indicators") or []
        g = gi[i] if i < len(gi) else {}
        want = {_key(k): norm(v) for k, v in (e.get("extras") or {}).items()}
        have = {_key(k): norm(v) for k, v in (g.get("extras") or {}).items() if norm(v)}
        if want != have:
            out.append(f"indicators[{i}] {e['name']}: extras expected {e.get('extras')} got {g.get('extras')}")
    return out


def _no_crash(got, tid: str, fmt: str) -> None:
    if isinstance(got, Exception) and not isinstance(got, NotAForm):
        pytest.fail(f"{tid}/{fmt}: the extractor crashed: {type(got).__name__}: {got}")


@pytest.mark.parametrize("tid,fmt", CASES)
def test_template(tid: str, fmt: str) -> None:
    exp = expected(tid)
    got = _extract(tid, fmt)
    _no_crash(got, tid, fmt)
    if exp.get("refused"):
        assert isinstance(got, NotAForm), f"{tid}/{fmt}: a {exp['reason_contains']} form must be refused, got " \
                                          f"{len(got)} record(s)"
        reason = f"{got} {getattr(got, 'reason_zh', '')}"
        assert exp["reason_contains"] in reason, f"{tid}/{fmt}: the reason must say {exp['reason_contains']}: {reason}"
        return
    assert not isinstance(got, NotAForm), f"{tid}/{fmt}: refused as not a form: {got}"
    assert len(got) == len(exp["records"]), f"{tid}/{fmt}: {len(exp['records'])} form(s) expected, got {len(got)}"
    problems = []
    for k, (g, e) in enumerate(zip(got, exp["records"])):
        problems += [f"form {k}: {p}" for p in differences(g, e)]
    assert not problems, f"{tid}/{fmt}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("tid,what", EXTRAS)
def test_template_extras(tid: str, what: str) -> None:
    """The columns beside the values (绩效标准, 权重, 完成值 ...) come back in `extras`, read from the docx."""
    exp = expected(tid)
    got = _extract(tid, "docx")
    _no_crash(got, tid, "docx")
    assert not isinstance(got, NotAForm) and len(got) == len(exp["records"]), f"{tid}: forms not read"
    problems = []
    for k, (g, e) in enumerate(zip(got, exp["records"])):
        problems += [f"form {k}: {p}" for p in extras_differences(g, e)]
    assert not problems, f"{tid}:\n  " + "\n  ".join(problems)


def test_every_template_has_its_files() -> None:
    for tid in templates():
        d = ROOT / tid
        exp = expected(tid)
        for fmt in exp.get("formats", ["docx", "txt", "pdf"]):
            assert (d / f"form.{fmt}").is_file(), f"{tid}: form.{fmt} missing"
        assert (d / "notes.md").is_file(), f"{tid}: notes.md missing"
        assert tid in (ROOT / "CATALOGUE.md").read_text(encoding="utf-8"), f"{tid} is not in CATALOGUE.md"


def test_known_failing_names_real_cases() -> None:
    names = {c.id for c in CASES} | {c.id for c in EXTRAS}
    stray = [k for k in KNOWN if k not in names]
    assert not stray, f"known_failing.txt lists cases that do not exist: {stray}"


def test_fixtures_are_not_rebuilt_by_the_tests() -> None:
    """build.py writes files only with --rewrite; without it it only compares what it would
    write with the checked-in files (`build.py` alone also compares the byte-stable .docx)."""
    sys.path.insert(0, str(ROOT))
    try:
        import build
    finally:
        sys.path.remove(str(ROOT))
    before = {p: p.stat().st_mtime_ns for p in ROOT.rglob("form.*")}
    assert build.main(["--quick"]) == 0, "the checked-in form.txt / notes.md differ from the specs: build.py --rewrite"
    after = {p: p.stat().st_mtime_ns for p in ROOT.rglob("form.*")}
    assert before == after


def _docx_text(path: Path) -> str:
    import docx

    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    return norm("|".join(parts))


_NUMBERED_ITEM = re.compile(r"(?<![\d.])(?=\d+[.、])|(?=目标\d+[：:])")  # 1.… / 2.…, 目标1：… / 目标2：…


def test_expected_texts_appear_in_the_form() -> None:
    """A guard on the hand-written expected.json: every name, unit and goal it states is
    text of the form.docx (so a typo in expected.json cannot pass as a parser failure)."""
    for tid in templates():
        exp = expected(tid)
        if exp.get("refused"):
            continue
        txt = _docx_text(ROOT / tid / "form.docx")
        for r in exp["records"]:
            for k in ("project_name", "project_type", "project_level", "department", "implementing_unit",
                      "goal_overall", "goal_annual"):
                if r.get(k):
                    # a goal written as numbered items one a row (1.… / 2.…) is in the form item by item
                    parts = [norm(r[k])] if norm(r[k]) in txt else _NUMBERED_ITEM.split(norm(r[k]))
                    assert all(p in txt for p in parts if p), f"{tid}: {k} {r[k]!r} is not in the form"
            for i in r["indicators"]:
                assert norm(i["name"]) in txt, f"{tid}: indicator name {i['name']!r} is not in the form"
                for v in (i.get("extras") or {}).values():
                    assert norm(v) in txt, f"{tid}: extras value {v!r} is not in the form"
