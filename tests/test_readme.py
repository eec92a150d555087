"""The README is the user's manual: it must name every setting, the commands it
promises must exist, and CI must run exactly its test command."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

from flows.cli import build_parser
from pipeline.settings import Settings, load

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented():
    missing = [f.name for f in fields(Settings) if f"JIXIAO_{f.name.upper()}" not in README]
    assert not missing, f"settings missing from README.md: {missing}"


def test_settings_come_from_the_environment():
    s = load({"JIXIAO_SATISFACTION_FLOOR": "90", "JIXIAO_NEGATIVE_WORDS": "逾期，投诉", "JIXIAO_WATCH_POLL": "1"})
    assert s.satisfaction_floor == 90.0 and s.negative_words == ("逾期", "投诉") and s.watch_poll is True


def test_documented_commands_exist():
    commands = set(re.findall(r"^\| `jixiao (\w+)", README, re.MULTILINE))
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert commands and commands <= set(sub.choices)


def test_ci_runs_the_readme_test_command():
    test_cmd = re.search(r"# 2\..*\n(.+)\n", README).group(1).strip()
    ci = [ln.strip() for ln in (ROOT / ".ci" / "run").read_text().splitlines()
          if ln.strip() and not ln.startswith("#") and not ln.startswith(("set ", "cd "))]
    assert ci == [test_cmd]
