"""The library, flows, benchmarks and scripts stay lint-clean (ruff, configured in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_is_clean():
    res = subprocess.run([sys.executable, "-m", "ruff", "check", "pipeline", "flows", "benchmarks", "scripts"],
                         cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
