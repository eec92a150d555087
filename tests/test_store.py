"""The store on a real SQLite file: migrations, save/supersede/history, reviews, concurrency."""

from __future__ import annotations

import copy
import multiprocessing as mp
import shutil
from pathlib import Path

import pytest
from sqlalchemy import inspect

from pipeline.models import Record, Source
from pipeline.store import Base, Store, current_revision, head_revision

SEED = Path("/work/shared/seeds/000_d4b088a1728e637c.txt")


@pytest.fixture(scope="module")
def seed_records(tmp_path_factory) -> list[Record]:
    """The real seed, extracted and checked (anomalies included)."""
    from pipeline.extract import extract_file

    p = tmp_path_factory.mktemp("seed") / "seed.txt"
    shutil.copyfile(SEED, p)
    return extract_file(p)


@pytest.fixture
def store(tmp_path):
    s = Store(f"sqlite:///{tmp_path}/var/jixiao.db")
    yield s
    s.close()


def records_of(seed_records, sha: str, file: str = "seed.txt") -> list[Record]:
    out = []
    for i, r in enumerate(copy.deepcopy(seed_records)):
        r.source = Source(file=file, sha256=sha, format="txt", form_index=i)
        out.append(r)
    return out


def save_file(store: Store, records: list[Record], sha: str, name: str) -> list[int]:
    fid = store.register_file(sha, name)
    assert fid is not None
    ids = store.save_forms(fid, records, [{"docx": f"/out/{i}.docx", "pdf": f"/out/{i}.pdf"} for i in range(len(records))])
    store.save_file_result(fid, status="processed", archive_path=f"/archive/{name}")
    return ids


def test_migrations_create_the_schema(tmp_path):
    db = tmp_path / "deep" / "var" / "j.db"  # parent folders are created
    s = Store(f"sqlite:///{db}")
    assert db.exists()
    assert set(inspect(s.engine).get_table_names()) >= {
        "files", "duplicates", "forms", "indicators", "anomalies", "reviews", "alembic_version"}
    assert current_revision(s.engine) == head_revision()
    with s.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    s.close()
    Store(f"sqlite:///{db}").close()  # opening again is a no-op


def test_migration_matches_the_models(store):
    """The Alembic revisions and the ORM models describe the same schema (autogenerate finds nothing)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_save_and_read_back(store, seed_records):
    ids = save_file(store, records_of(seed_records, "a" * 64), "a" * 64, "seed.txt")
    assert len(ids) == len(seed_records) == 8
    forms = store.forms()
    assert [f["id"] for f in forms] == ids
    f0 = forms[0]
    assert f0["project_name"] == seed_records[0].project_name
    assert f0["department"] == seed_records[0].department
    assert f0["file"] == "seed.txt" and f0["docx"] == "/out/0.docx" and f0["pdf"] == "/out/0.pdf"
    assert Record.from_dict(f0["record"]).to_dict() == seed_records[0].to_dict() | {
        "source": f0["record"]["source"]}
    assert len(store.indicators()) == sum(len(r.indicators) for r in seed_records)
    anomalies = store.anomalies()
    assert len(anomalies) == sum(len(r.anomalies) for r in seed_records)
    assert sum(f["error_count"] for f in forms) == sum(
        1 for r in seed_records for a in r.anomalies if a.severity == "error")
    first = anomalies[0]
    assert first["project_name"] and first["file"] == "seed.txt" and first["message"]
    assert store.has_file("a" * 64) and not store.has_file("b" * 64)
    one = store.anomalies(form_id=ids[0])
    assert one == [a for a in anomalies if a["form_id"] == ids[0]]


def test_a_new_version_supersedes_and_keeps_history(store, seed_records):
    old = save_file(store, records_of(seed_records, "a" * 64), "a" * 64, "v1.txt")
    newer = records_of(seed_records[:1], "b" * 64, "v2.txt")
    newer[0].budget_amount = 1.0
    new = save_file(store, newer, "b" * 64, "v2.txt")
    current = store.forms()
    assert len(current) == 8
    assert old[0] not in [f["id"] for f in current] and new[0] in [f["id"] for f in current]
    everything = store.forms(current_only=False)
    assert len(everything) == 9
    replaced = next(f for f in everything if f["id"] == old[0])
    assert replaced["current"] is False and replaced["superseded_by"] == new[0]
    hist = store.history(seed_records[0])
    assert [h["file"] for h in hist] == ["v1.txt", "v2.txt"]
    # the roll-up shows only the current version
    assert {a["file"] for a in store.anomalies() if a["project_name"] == seed_records[0].project_name} <= {"v2.txt"}


def test_previous_submission(store, seed_records):
    rec = records_of(seed_records[:1], "a" * 64)[0]
    assert store.previous_submission(rec) is None
    save_file(store, [rec], "a" * 64, "first.txt")
    assert store.previous_submission(rec) is None  # the same file is not a resubmission
    again = records_of(seed_records[:1], "b" * 64, "second.docx")[0]
    prev = store.previous_submission(again)
    assert prev is not None and prev["file"] == "first.txt"
    assert prev["project_name"] == rec.project_name and prev["budget_year"] == rec.budget_year
    other_year = copy.deepcopy(again)
    other_year.budget_year = 1999
    assert store.previous_submission(other_year) is None
    assert store.previous_submission(again.to_dict())["file"] == "first.txt"  # a dict works too


def test_reviews_round_trip(store, seed_records):
    ids = save_file(store, records_of(seed_records[:2], "a" * 64), "a" * 64, "seed.txt")
    assert store.forms()[0]["decision"] is None
    store.record_review(ids[0], "退回", "预算金额与成本指标不一致", reviewer="李四", flow_run_id="run-1")
    store.record_review(ids[0], "接受", "已核实", reviewer="李四")
    reviews = store.reviews_for(ids[0])
    assert [r["decision"] for r in reviews] == ["退回", "接受"]
    assert reviews[0]["comment"] == "预算金额与成本指标不一致" and reviews[0]["flow_run_id"] == "run-1"
    assert reviews[0]["decided_at"] is not None
    f = store.form(ids[0])
    assert f["decision"] == "接受" and f["comment"] == "已核实"
    assert store.reviews_for(ids[1]) == []
    with pytest.raises(ValueError):
        store.record_review(ids[1], "同意", "")
    with pytest.raises(KeyError):
        store.record_review(9999, "接受", "")


def test_register_file_takes_content_once(store):
    assert store.register_file("c" * 64, "x.docx") is not None
    assert store.register_file("c" * 64, "y.docx") is None  # being processed: taken
    fid = store.register_file("d" * 64, "bad.docx")
    store.save_file_result(fid, status="quarantined", reason="corrupt")
    assert not store.has_file("d" * 64)
    assert store.register_file("d" * 64, "bad-fixed.docx") == fid  # quarantined content may come back
    store.release_file("c" * 64)  # a crashed run's claim is forgotten
    assert store.register_file("c" * 64, "x.docx") is not None


def _writer(url: str, tag: str, n: int, seed_dict: dict) -> None:
    s = Store(url)
    for i in range(n):
        sha = f"{tag}{i:063d}"[:64]
        fid = s.register_file(sha, f"{tag}{i}.txt")
        rec = Record.from_dict(seed_dict)
        rec.project_name = f"{tag}-{i}"
        s.save_forms(fid, [rec])
        s.save_file_result(fid, status="processed")


def test_two_processes_write_at_once(tmp_path, seed_records):
    url = f"sqlite:///{tmp_path}/j.db"
    Store(url).close()
    ctx = mp.get_context("spawn")  # a clean interpreter: no state inherited from other tests
    procs = [ctx.Process(target=_writer, args=(url, tag, 15, seed_records[0].to_dict())) for tag in "ab"]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0]
    s = Store(url)
    assert len(s.forms()) == 30 and len(s.files()) == 30


def assert_upgrade_keeps_data(url: str) -> None:
    """A database made by revision 0001 is upgraded in place when a Store opens it (SQLite and PostgreSQL)."""
    from alembic import command
    from sqlalchemy import inspect, text

    from pipeline.store import _alembic_config, _engine

    eng = _engine(url)
    with eng.begin() as conn:
        command.upgrade(_alembic_config(conn), "0001")
        conn.execute(text("INSERT INTO files (sha256, original_name, received_at, status) "
                          "VALUES ('e', '旧文件.txt', '2026-01-01T00:00:00+08:00', 'processed')"))
    eng.dispose()
    s = Store(url)
    try:
        assert current_revision(s.engine) == head_revision() != "0001"
        assert [f.original_name for f in s.files()] == ["旧文件.txt"] and s.has_file("e")
        assert "work_path" in {c["name"] for c in inspect(s.engine).get_columns("files")}
    finally:
        s.close()


def test_upgrade_from_the_first_revision_keeps_data(tmp_path):
    assert_upgrade_keeps_data(f"sqlite:///{tmp_path}/old.db")


def _open(url: str, start) -> None:
    start.wait()
    Store(url).close()


def test_processes_opening_a_new_database_together_migrate_once(tmp_path):
    ctx = mp.get_context("spawn")  # a clean interpreter: no state inherited from other tests
    url = f"sqlite:///{tmp_path}/fresh.db"
    start = ctx.Event()
    procs = [ctx.Process(target=_open, args=(url, start)) for _ in range(3)]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    s = Store(url)
    assert current_revision(s.engine) == head_revision()


# PostgreSQL: `postgres_url` (tests/pg_fixtures.py) is a fresh database on a real server started for the session


@pytest.mark.slow
def test_postgresql_round_trip(postgres_url, seed_records):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    s = Store(postgres_url)
    with s.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    old = save_file(s, records_of(seed_records, "a" * 64), "a" * 64, "v1.txt")
    new = save_file(s, records_of(seed_records[:1], "b" * 64, "v2.txt"), "b" * 64, "v2.txt")
    assert len(s.forms()) == 8 and s.form(old[0])["superseded_by"] == new[0]
    assert s.previous_submission(records_of(seed_records[:1], "c" * 64)[0])["file"] == "v2.txt"
    s.record_review(new[0], "退回", "请补充成本指标")
    assert s.form(new[0])["decision"] == "退回"
    assert s.register_file("a" * 64, "again.txt") is None
    s.close()


def test_text_stored_before_cleaning_is_cleaned_by_the_migration(tmp_path, seed_records):
    """A database holding a \\v (stored by an older version) exports again once opened."""
    from sqlalchemy import text

    from pipeline.export import export_xlsx

    url = f"sqlite:///{tmp_path}/old.db"
    s = Store(url)
    save_file(s, records_of(seed_records, "a" * 64), "a" * 64, "seed.txt")
    with s.engine.begin() as conn:
        conn.execute(text("UPDATE forms SET project_name = 'x\x0by\u202e', record = json_set(record, "
                          "'$.project_name', 'x\x0by') WHERE id = 1"))
        conn.execute(text("UPDATE anomalies SET message = 'm\x01' WHERE id = 1"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0002'"))
        conn.execute(text("DROP TABLE filings"))  # as revision 0002 had it (0004-0006 come later)
        for ix in ("ix_files_archive_path", "ix_duplicates_archive_path", "ix_forms_docx_path", "ix_forms_pdf_path",
                   "ix_forms_key"):
            conn.execute(text(f"DROP INDEX {ix}"))
    s.close()
    s = Store(url)
    try:
        f = s.form(1)
        assert f["project_name"] == "x y" and f["record"]["project_name"] == "x y"
        assert s.anomalies(form_id=1)[0]["message"] == "m"
        export_xlsx(s, tmp_path / "x.xlsx")
    finally:
        s.close()
