"""The pipeline against a real PostgreSQL server (tests/pg_fixtures.py), chosen by one URL.

Each test gets a fresh database (`postgres_url`) on the session's throwaway server. What
differs from SQLite is exercised here: the migrations (and their advisory lock), the
sweep configured only through JIXIAO_DATABASE_URL, the Excel export and reviews.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time
from pathlib import Path

import openpyxl
import pytest

from pipeline import settings
from pipeline.models import Record
from pipeline.store import Store, current_revision, head_revision
from tests.test_store import assert_upgrade_keeps_data

SEED = Path(__file__).parent / "data" / "sources" / "seed.txt"

pytestmark = pytest.mark.slow  # a PostgreSQL server is started for the session


@pytest.fixture
def pg_home(tmp_path, postgres_url, monkeypatch):
    """JIXIAO_HOME in tmp_path with an inbox; JIXIAO_DATABASE_URL is the fresh PostgreSQL database."""
    from pipeline import process

    (tmp_path / "inbox").mkdir()
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path))
    monkeypatch.setenv("JIXIAO_DATABASE_URL", postgres_url)
    settings.reset()
    yield tmp_path
    cached = process._stores.pop(postgres_url, None)  # sweep keeps one Store per URL
    if cached is not None:
        cached.close()
    monkeypatch.undo()
    settings.reset()


def drop(path: Path, data: bytes, age: float = 60) -> None:
    path.write_bytes(data)
    t = time.time() - age
    os.utime(path, (t, t))


def test_sweep_export_and_reviews_through_the_database_url(pg_home, postgres_url):
    from pipeline.cli import main
    from pipeline.process import sweep

    assert settings.get().db_url == postgres_url
    drop(pg_home / "inbox" / "seed.txt", SEED.read_bytes())
    [first] = sweep(settle_seconds=0, render=False)
    assert first.status == "processed" and len(first.form_ids) == 8, first.reason

    # the same content again is a duplicate; a new file with the same forms supersedes them
    drop(pg_home / "inbox" / "seed again.txt", SEED.read_bytes())
    drop(pg_home / "inbox" / "seed v2.txt", SEED.read_bytes() + b"\n")
    outcomes = {o.file: o for o in sweep(settle_seconds=0, render=False)}
    assert outcomes["seed again.txt"].status == "duplicate"
    v2 = outcomes["seed v2.txt"]
    assert v2.status == "processed" and len(v2.form_ids) == 8
    assert all(any(a["code"] == "resubmission" for a in r["anomalies"]) for r in v2.records)

    with Store() as st:  # the URL comes from JIXIAO_DATABASE_URL
        assert st.engine.dialect.name == "postgresql"
        forms = st.forms()
        assert sorted(f["id"] for f in forms) == sorted(v2.form_ids)
        assert len(st.forms(current_only=False)) == 16
        assert st.form(first.form_ids[0])["superseded_by"] in v2.form_ids
        assert {f.original_name: f.status for f in st.files()} == {
            "seed.txt": "processed", "seed v2.txt": "processed"}
        n_anomalies = len(st.anomalies())
        n_indicators = len(st.indicators())
        assert n_anomalies >= 8 and n_indicators > 8

        target = v2.form_ids[0]
        st.record_review(target, "退回", "请补充成本指标", reviewer="王五", flow_run_id="run-pg")
        st.record_review(target, "接受", "已补充")
        assert [r["decision"] for r in st.reviews_for(target)] == ["退回", "接受"]
        assert st.reviews_for(target)[0]["decided_at"] is not None
        assert st.form(target)["decision"] == "接受" and st.form(target)["comment"] == "已补充"

    out = pg_home / "汇总.xlsx"
    assert main(["export", "--xlsx", str(out)]) == 0  # no --database-url: the environment's
    wb = openpyxl.load_workbook(out)
    assert wb["表单"].max_row == 1 + 8
    assert wb["指标"].max_row == 1 + n_indicators
    assert wb["异常"].max_row == 1 + n_anomalies
    cells = {c.value for row in wb["表单"].iter_rows(min_row=2) for c in row}
    assert {Record.from_dict(f["record"]).project_name for f in forms} <= cells


def test_upgrade_from_the_first_revision_keeps_data(postgres_url):
    assert_upgrade_keeps_data(postgres_url)


def _open_and_write(url: str, tag: str, n: int, seed_dict: dict, start) -> None:
    start.wait()
    s = Store(url)  # all open a new database at once: one migrates, the others wait on the lock
    for i in range(n):
        fid = s.register_file(f"{tag}{i:063d}"[:64], f"{tag}{i}.txt")
        rec = Record.from_dict(seed_dict)
        rec.project_name = f"{tag}-{i}"
        s.save_forms(fid, [rec])
        s.save_file_result(fid, status="processed")
    s.close()


def test_processes_migrate_once_and_write_together(postgres_url, seed_records):
    ctx = mp.get_context("spawn")  # a clean interpreter: no state inherited from other tests
    start = ctx.Event()
    procs = [ctx.Process(target=_open_and_write, args=(postgres_url, tag, 10, seed_records[0].to_dict(), start))
             for tag in "abc"]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    with Store(postgres_url) as s:
        assert current_revision(s.engine) == head_revision()
        assert len(s.forms()) == 30 and len(s.files()) == 30


def test_the_session_server_is_real(postgres_server):
    """The fixture's URL reaches a PostgreSQL server (not SQLite, not a stand-in)."""
    from sqlalchemy import create_engine

    eng = create_engine(postgres_server)
    with eng.connect() as c:
        assert c.exec_driver_sql("SHOW server_version_num").scalar().isdigit()
        assert c.exec_driver_sql("SELECT current_setting('server_encoding')").scalar() == "UTF8"
    eng.dispose()
