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


HOSTILE_NAME = "[点我](javascript:alert(1)) 见 http://evil.example/x 或 www.evil.cn 或 a@evil.cn \u202e反向"


def test_a_project_name_cannot_make_links_on_a_form_page(prefect_server, tmp_path, monkeypatch):
    """Text from a form is shown as text: no javascript: target, no bare URL or e-mail made a link, no U+202E."""
    import hashlib

    from prefect_fixtures import flagged_form, make_home, use_home

    from flows.pipeline_flow import process_inbox

    home = make_home(tmp_path / "home")
    use_home(monkeypatch, home)
    text = flagged_form().replace("白玉兰中心费用（审核测试）", HOSTILE_NAME)
    (home / "inbox" / "x](javascript:alert(2)).txt").write_text(text, encoding="utf-8")
    state = process_inbox(settle_seconds=0, pdf=False, start_reviews=False, return_state=True)
    assert state.result()["counts"] == {"processed": 1}
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        (page,) = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[f"jixiao-form-{sha[:8]}-1"])))
    dom = dump_dom(f"{prefect_server['ui']}/artifacts/artifact/{page.id}", tmp_path / "chromium")
    shown = visible_text(dom)
    assert "见 http://evil.example/x 或 www.evil.cn 或 a@evil.cn" in shown, shown[:3000]
    assert "\u202e" not in dom and "反向" in shown
    hrefs = re.findall(r'<a [^>]*href="([^"]*)"', dom)
    assert hrefs and not [h for h in hrefs if h.lower().startswith(("javascript", "mailto"))
                          or ("evil" in h and "/outbox/" not in h)], hrefs
    assert "[点我](javascript:alert(1))" in shown  # the name as written
