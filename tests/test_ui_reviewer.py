"""The reviewer's path after the README's first command, walked in headless Chromium.

`jixiao run` on the bundled samples, as the README's command 1 runs it (its own Prefect
server, PDFs and all), then, as a reviewer: the printed worklist link, a form's page,
its output links, its review run, Resume with 退回 and no comment (refused), with a
comment (accepted), and the decision, in Beijing time, on the page, in the roll-up and
beside the outputs. (slow: a Prefect server, LibreOffice and Chromium)

Set JIXIAO_SCREENSHOTS=DIR to keep the screenshots taken on the way.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from browser import Browser
from prefect_fixtures import ROOT, free_port

pytestmark = pytest.mark.slow

BEIJING = ZoneInfo("Asia/Shanghai")


def _env(home: Path, prefect_port: int, files_port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "JIXIAO_"))}
    env.update(JIXIAO_HOME=str(home), JIXIAO_PREFECT_PORT=str(prefect_port), JIXIAO_FILES_PORT=str(files_port))
    return env


def _jixiao(env: dict, *args: str, timeout: float = 600) -> str:
    res = subprocess.run([sys.executable, "-m", "flows.cli", *args], cwd=ROOT, env=env, capture_output=True,
                         timeout=timeout, check=False)
    out = res.stdout.decode()
    assert res.returncode == 0, out + res.stderr.decode()[-3000:]
    return out


def _get(url: str) -> tuple[str, bytes]:
    with urllib.request.urlopen(url, timeout=30) as r:
        return r.headers.get("Content-Type", ""), r.read()


def _minute(dt: datetime) -> datetime:
    return dt.astimezone(BEIJING).replace(tzinfo=None, second=0, microsecond=0)


@pytest.fixture
def readme_run(tmp_path):
    """The README's command 1 (after setup): the samples into inbox/, then `jixiao run`."""
    home = tmp_path / "jixiao"
    (home / "inbox").mkdir(parents=True)
    for p in (ROOT / "samples").iterdir():
        shutil.copy(p, home / "inbox" / p.name)
    env = _env(home, free_port(), free_port())
    try:
        t0 = time.monotonic()
        out = _jixiao(env, "run")
        yield {"home": home, "env": env, "out": out, "seconds": time.monotonic() - t0}
    finally:
        subprocess.run([sys.executable, "-m", "flows.cli", "server", "--stop"], cwd=ROOT, env=env,
                       capture_output=True, timeout=60, check=False)


def test_a_reviewer_walks_from_the_printed_link_to_a_recorded_decision(readme_run, tmp_path):
    out, home = readme_run["out"], readme_run["home"]
    shots = Path(os.environ.get("JIXIAO_SCREENSHOTS") or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    link = re.search(r"异常清单（Prefect 界面，最新版本）：(\S+)", out).group(1)
    assert link.endswith("/worklist") and "待审核表单 1 张" in out and "审核运行器" in out, out

    with Browser(tmp_path / "chromium") as b:
        # the worklist: the latest table, errors first, the form awaiting review on top
        text = b.goto(link, wait_for="待审核")
        assert "/artifacts/artifact/" in b.url()
        for col in ("级别", "审核", "表单", "异常", "位置", "说明", "代码"):
            assert col in text
        first = b.js("[...document.querySelector('table tbody tr').querySelectorAll('td')].map(t => t.innerText)")
        assert first[:2] == ["错误", "待审核"], first
        assert re.fullmatch(r"第\d+条指标（.+）(年度指标值|实施周期指标值)", first[4]), first
        b.screenshot(shots / "worklist.png")
        page_link = b.js("document.querySelector('table tbody tr a[href*=\"/page/jixiao-form-\"]').href")

        # the form's page: 待审核, outputs that open, the way to its review run
        text = b.goto(page_link, wait_for="状态：待审核")
        assert "（第 1 张表）" in text and "file://" not in b.js("document.body.innerHTML")
        links = b.links()
        outputs = [x["href"] for x in links if "/outbox/" in x["href"]]
        assert {Path(u).suffix for u in outputs} == {".docx", ".pdf"}, links
        for u in outputs:
            ctype, body = _get(u)
            assert body[:4] in (b"%PDF", b"PK\x03\x04"), (u, ctype)
        ctype, body = _get(next(u for u in outputs if u.endswith(".pdf")))
        assert ctype == "application/pdf"
        run_url = next(x["href"] for x in links if x["text"] == "打开审核运行")
        b.screenshot(shots / "form-pending.png")

        # the review run: Suspended, answerable at once; 退回 without a comment is refused
        text = b.goto(run_url, wait_for="Suspended")
        assert "Resume" in text
        b.click_text("Resume")
        b.wait_text("审核人")
        # (the form's fields come first; the description above them, the run's anomalies, may render a moment later)
        modal = b.wait_text("打开表单页", 30)
        assert "错误 1 项" in modal and "警告" in modal and "打开表单页" in modal  # warnings shown too
        b.choose("审核结论", "退回")
        b.type_into("审核人", "审核员甲")
        b.click_text("Submit")
        b.wait_text("comment")  # the server's refusal, shown beside the form
        b.screenshot(shots / "review-refused.png")
        assert "Suspended" in b.text()

        b.type_into("审核意见", "成本控制在预算内与预算金额不一致，请更正后重新报送")
        before = datetime.now(UTC)
        b.click_text("Submit")
        after = datetime.now(UTC)
        b.wait_text("Completed", 180)  # the background runner took the resumed run and finished it

        # the page now says 已审核（退回）, with the decision in Beijing time to the minute
        text = b.goto(page_link, wait_for="已审核（退回）")
        assert "待审核" not in text and "成本控制在预算内与预算金额不一致" in text and "审核员甲" in text
        shown = re.search(r"时间：(\d{4}-\d\d-\d\d \d\d:\d\d)（北京时间）", text).group(1)
        shown_dt = datetime.strptime(shown, "%Y-%m-%d %H:%M")
        assert _minute(before) <= shown_dt <= _minute(after + timedelta(seconds=1)), (shown, before, after)
        b.screenshot(shots / "form-reviewed.png")
        note_url = next(x["href"] for x in b.links() if x["href"].endswith(".%E5%AE%A1%E6%A0%B8.txt"))

        # the worklist shows the decision too
        text = b.goto(link, wait_for="已审核（退回）")

    # beside the outputs
    _, note = _get(note_url)
    note_text = note.decode("utf-8")
    assert "审核结论：退回" in note_text and f"时间：{shown}（北京时间）" in note_text

    # in the roll-up, both sheets
    from openpyxl import load_workbook

    wb = load_workbook(home / "outbox" / "jixiao-汇总.xlsx")
    forms = list(wb["表单"].iter_rows(values_only=True))
    header, rows = forms[0], [dict(zip(forms[0], r, strict=True)) for r in forms[1:]]
    decided = [r for r in rows if r["审核结论"] == "退回"]
    assert len(decided) == 1 and decided[0]["审核时间"] == shown_dt, decided
    assert decided[0]["审核人"] == "审核员甲"
    anomalies = list(wb["异常"].iter_rows(values_only=True))
    a_rows = [dict(zip(anomalies[0], r, strict=True)) for r in anomalies[1:]]
    assert {r["审核结论"] for r in a_rows if r["表单编号"] == decided[0]["编号"]} == {"退回"}
    assert "审核结论" in header
