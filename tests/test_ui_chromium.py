"""The anomaly table as a reviewer sees it: the Prefect UI's artifact page rendered by headless Chromium.
(slow: a Prefect server and Chromium)"""

from __future__ import annotations

import html
import re
import shutil
import subprocess

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = next((c for c in ("chromium", "chromium-browser", "google-chrome") if shutil.which(c)), None)


def dump_dom(url: str, profile, budget_ms: int = 15000) -> str:
    assert CHROMIUM, "Chromium is missing: install Debian's `chromium` package (scripts/setup.sh --dev does)"
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-default-apps", "--disable-extensions", f"--user-data-dir={profile}",
           f"--virtual-time-budget={budget_ms}", "--dump-dom", url]
    res = subprocess.run(cmd, capture_output=True, timeout=120, check=False)
    assert res.returncode == 0, res.stderr.decode(errors="replace")[-2000:]
    return res.stdout.decode("utf-8", errors="replace")


def visible_text(dom: str) -> str:
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", dom, flags=re.DOTALL)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text)))


def test_anomaly_messages_render_on_the_artifact_page(prefect_server, batch_run, tmp_path):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    from pipeline.store import Store

    with get_client(sync_client=True) as client:
        arts = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["jixiao-anomalies"])))
    art = next(a for a in arts if a.flow_run_id == batch_run["flow_run_id"])
    text = visible_text(dump_dom(f"{prefect_server['ui']}/artifacts/artifact/{art.id}", tmp_path / "chromium"))
    assert "jixiao-anomalies" in text, text[:2000]
    for col in ("级别", "审核", "表单", "异常", "位置", "说明", "主管部门", "文件", "代码"):
        assert col in text
    messages = {a["message"] for a in Store(batch_run["db_url"]).anomalies()}
    assert messages
    missing = [m for m in messages if re.sub(r"\s+", " ", m) not in text]
    assert not missing, f"{len(missing)} of {len(messages)} messages not rendered, e.g. {missing[:2]}"
    assert "292%" in text and "白玉兰中心费用（审核测试）" in text
