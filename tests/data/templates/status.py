"""What the extractor reads of each template now (a report; never writes expected.json).

    .venv/bin/python tests/data/templates/status.py                 # one line per template/format
    .venv/bin/python tests/data/templates/status.py -v              # every difference
    .venv/bin/python tests/data/templates/status.py --known-failing # rewrite known_failing.txt

Fields and indicators are counted as ../shared/tools/check.py counts them (each header field
one, each expected indicator one, right only when all its text keys match).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))
sys.path.insert(0, str(HERE.parents[1]))

import test_templates as tt


def status(tid: str, what: str) -> tuple[bool, str, list[str], tuple[int, int, int, int]]:
    """-> ok, short reason, problems, (fields ok, fields, indicators ok, indicators)."""
    return score(tt.expected(tid), tt._extract(tid, "docx" if what == "extras" else what), what)


def extract_path(path: Path):
    """-> list of record dicts, or the error (NotAForm or a crash), as test_templates._extract gives them,
    for any file (the cross_* reports' scratch files)."""
    from pipeline.extract import extract_file

    try:
        return [r.to_dict() | tt._kind(r) for r in extract_file(path, checks=False)]
    except Exception as e:  # noqa: BLE001  (a crash is a result to report)
        return e


def score(exp: dict, got, what: str) -> tuple[bool, str, list[str], tuple[int, int, int, int]]:
    """One extraction (records, NotAForm or a crash) against its expected.json, as status() reports it;
    `what` is the format, or "extras" to compare the columns beside the values."""
    zero = (0, len(tt.HEADER_KEYS) * len(exp["records"]), 0, sum(len(r["indicators"]) for r in exp["records"]))
    if what == "extras":
        zero = (0, 0, 0, 0)
    if isinstance(got, Exception) and not isinstance(got, tt.NotAForm):
        return False, f"crash ({type(got).__name__})", [f"{type(got).__name__}: {got}"], zero
    if exp.get("refused"):
        if not isinstance(got, tt.NotAForm):
            return False, f"not refused ({len(got)} record(s) read)", [], (0, 0, 0, 0)
        reason = f"{got} {getattr(got, 'reason_zh', '')}"
        ok = exp["reason_contains"] in reason
        return ok, "" if ok else f"refused without saying {exp['reason_contains']}", [], (0, 0, 0, 0)
    if isinstance(got, tt.NotAForm):
        return False, "refused as not a form", [str(got)], zero
    if what == "extras":
        probs = [p for g, e in zip(got, exp["records"]) for p in tt.extras_differences(g, e)]
        n = sum(len(r["indicators"]) for r in exp["records"])
        return not probs, f"extras wrong on {len(probs)}/{n} indicators" if probs else "", probs, (0, 0, 0, 0)
    probs, f_ok, f_n, i_ok, i_n = [], 0, 0, 0, 0
    if len(got) != len(exp["records"]):
        probs.append(f"{len(exp['records'])} form(s) expected, got {len(got)}")
    for g, e in zip(got, exp["records"]):
        d = tt.differences(g, e)
        probs += d
        bad_fields = {p.split(":")[0] for p in d if not p.startswith("indicators")}
        f_n += len(tt.HEADER_KEYS)
        f_ok += len(tt.HEADER_KEYS) - len(bad_fields & set(tt.HEADER_KEYS))
        bad_ind = {p.split("]")[0] for p in d if p.startswith("indicators")}
        i_n += len(e["indicators"])
        i_ok += len(e["indicators"]) - len([b for b in bad_ind if int(b.split("[")[1]) < len(e["indicators"])])
    for e in exp["records"][len(got):]:
        f_n += len(tt.HEADER_KEYS)
        i_n += len(e["indicators"])
    fields = sorted({p.split(":")[0] for p in probs if ":" in p and not p.startswith("indicators")
                     and not p.startswith("form")} | {p.split(":")[0] for p in probs if p.startswith("form_kind")})
    reason = []
    if fields:
        reason.append("fields " + ",".join(fields))
    if i_ok < i_n or any(p.startswith("indicators") and "unexpected" in p for p in probs):
        extra = sum(1 for p in probs if "unexpected" in p)
        reason.append(f"indicators {i_ok}/{i_n} right" + (f", {extra} junk" if extra else ""))
    if len(got) != len(exp["records"]):
        reason.insert(0, f"{len(got)}/{len(exp['records'])} forms")
    return not probs, "; ".join(reason), probs, (f_ok, f_n, i_ok, i_n)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-v", action="store_true")
    ap.add_argument("--known-failing", action="store_true", help="rewrite known_failing.txt from this run")
    a = ap.parse_args(argv)
    lines, tot = [], [0, 0, 0, 0]
    for c in tt.CASES + tt.EXTRAS:
        tid, what = c.values
        ok, reason, probs, counts = status(tid, what)
        tot = [x + y for x, y in zip(tot, counts)]
        print(f"{'ok  ' if ok else 'FAIL'} {tid}/{what:<6} {reason}")
        if a.v:
            for p in probs:
                print("       -", p)
        if not ok:
            lines.append(f"{tid}/{what} {reason}")
    print(f"fields {tot[0]}/{tot[1]}  indicators {tot[2]}/{tot[3]}")
    if a.known_failing:
        head = ("# template/format the parser cannot read yet, with what it gets wrong (status.py --known-failing).\n"
                "# tests/test_templates.py runs these as strict xfail: remove a line when its case passes.\n")
        (HERE / "known_failing.txt").write_text(head + "\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
