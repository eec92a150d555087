"""The code stays clean: ruff (configured in pyproject.toml) over the library, flows, benchmarks,
scripts and tests, and mypy over the library (pyproject's [tool.mypy]), as `make check` runs them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINTED = ["pipeline", "flows", "benchmarks", "scripts", "tests"]


def test_ruff_is_clean():
    res = subprocess.run([sys.executable, "-m", "ruff", "check", *LINTED], cwd=ROOT, capture_output=True,
                         text=True, check=False)
    assert res.returncode == 0, res.stdout + res.stderr


def test_mypy_finds_nothing_in_the_library():
    res = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, check=False,
                         timeout=600)
    assert res.returncode == 0, res.stdout[-5000:] + res.stderr[-2000:]


def test_make_check_runs_what_this_test_runs():
    make = (ROOT / "Makefile").read_text()
    assert f"ruff check {' '.join(LINTED)}" in make and "mypy" in make
