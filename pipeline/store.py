"""Where records live: files, forms, indicators, anomalies and review decisions.

    store = Store()                      # sqlite:///<home>/var/jixiao.db, or JIXIAO_DATABASE_URL
    file_id = store.register_file(sha, "x.docx")   # None: this content was taken already
    ids = store.save_forms(file_id, records, outputs)
    store.save_file_result(file_id, status="processed", archive_path=...)
    store.record_review(ids[0], "退回", "预算金额与成本指标不一致")

The schema is owned by Alembic (`pipeline/migrations/`): opening a Store upgrades the
database to the newest revision, once, under a lock (SQLite: a write transaction;
PostgreSQL: an advisory lock), so two processes starting together do not race.

SQLite runs in WAL mode with a busy timeout, and every transaction starts with
`BEGIN IMMEDIATE`: writers queue instead of failing with "database is locked", so the
nightly sweep and an on-arrival run can write at the same time.

A form is identified across submissions by 主管部门 + 项目名称 + budget year: saving a
new one marks the earlier current form as superseded (kept, with `superseded_by`).
"""

from __future__ import annotations

import contextlib
import functools
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self, cast

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.engine import CursorResult, Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from . import settings as _settings
from .models import Record
from .text import scrub_json

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
DECISIONS = ("接受", "退回")  # accept / send back: the reviewer's two answers
FILE_STATUSES = ("processing", "processed", "quarantined")
FILING_KINDS = ("archive", "quarantine", "duplicate")
BUSY_TIMEOUT_MS = 30_000


def _now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class FileRow(Base):
    """One distinct content (sha256) that entered the inbox."""

    __tablename__ = "files"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str | None] = mapped_column(String(64), unique=True)  # None: never read (a symlink)
    original_name: Mapped[str] = mapped_column(String(500))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    status: Mapped[str] = mapped_column(String(20), default="processing")
    reason: Mapped[str | None] = mapped_column(Text)
    archive_path: Mapped[str | None] = mapped_column(Text, index=True)
    size: Mapped[int | None] = mapped_column(Integer)
    work_path: Mapped[str | None] = mapped_column(Text)  # the claimed path while processing


class DuplicateRow(Base):
    """A later arrival of content already taken (any name); archived, not processed."""

    __tablename__ = "duplicates"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("files.id", ondelete="CASCADE"), index=True)
    original_name: Mapped[str] = mapped_column(String(500))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    archive_path: Mapped[str | None] = mapped_column(Text, index=True)


class FilingRow(Base):
    """The journal of filing a file away, written with its end state before anything moves.

    One row per file on its way to archive/ or quarantine/: where it is (`source`), where it
    goes (`target`), the note written beside it (records or reason), the rendered outputs to
    move from `staging` into the outbox. Any pass finishes a row whose run is over; the row
    goes when all is in place."""

    __tablename__ = "filings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_id: Mapped[int | None] = mapped_column(ForeignKey("files.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # archive | quarantine | duplicate
    owner: Mapped[str] = mapped_column(String(200))  # the run doing it (inbox.run_token)
    source: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(Text, index=True)
    note_suffix: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text)
    moves: Mapped[list] = mapped_column(JSON, default=list)  # [[staged, final], ...]
    staging: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class FormRow(Base):
    __tablename__ = "forms"
    # the form key (项目名称 + 主管部门 + budget year): each stored form looks up and supersedes
    # its earlier versions by it; without it the lookup walks every current form (0006)
    __table_args__ = (Index("ix_forms_key", "project_name", "department", "budget_year", "current"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("files.id", ondelete="CASCADE"), index=True)
    form_index: Mapped[int] = mapped_column(Integer)
    department: Mapped[str | None] = mapped_column(String(500), index=True)
    project_name: Mapped[str | None] = mapped_column(String(500), index=True)
    budget_year: Mapped[int | None] = mapped_column(Integer)
    budget_amount: Mapped[float | None] = mapped_column(Float)
    period_start: Mapped[int | None] = mapped_column(Integer)
    period_end: Mapped[int | None] = mapped_column(Integer)
    record: Mapped[dict] = mapped_column(JSON)
    current: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    superseded_by: Mapped[int | None] = mapped_column(ForeignKey("forms.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    docx_path: Mapped[str | None] = mapped_column(Text, index=True)
    pdf_path: Mapped[str | None] = mapped_column(Text, index=True)
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    anomaly_count: Mapped[int] = mapped_column(Integer, default=0)


class IndicatorRow(Base):
    __tablename__ = "indicators"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    level1: Mapped[str] = mapped_column(String(100))
    level2: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(Text)
    period_value: Mapped[str | None] = mapped_column(Text)
    annual_value: Mapped[str | None] = mapped_column(Text)
    period_op: Mapped[str | None] = mapped_column(String(4))
    period_number: Mapped[float | None] = mapped_column(Float)
    period_unit: Mapped[str | None] = mapped_column(String(50))
    annual_op: Mapped[str | None] = mapped_column(String(4))
    annual_number: Mapped[float | None] = mapped_column(Float)
    annual_unit: Mapped[str | None] = mapped_column(String(50))


class AnomalyRow(Base):
    __tablename__ = "anomalies"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(100), index=True)
    severity: Mapped[str] = mapped_column(String(10))
    message: Mapped[str] = mapped_column(Text)
    where: Mapped[str] = mapped_column(String(200))


class ReviewRow(Base):
    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id", ondelete="CASCADE"), index=True)
    decision: Mapped[str] = mapped_column(String(10))
    comment: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    flow_run_id: Mapped[str | None] = mapped_column(String(64))


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


_SUPERSEDE = (update(_table(FormRow))
              .where(FormRow.id != bindparam("new_id"), FormRow.current.is_(True),
                     FormRow.project_name == bindparam("name"),
                     FormRow.department.is_not_distinct_from(bindparam("dept")),
                     FormRow.budget_year.is_not_distinct_from(bindparam("year")))
              .values(current=False, superseded_by=bindparam("new_id")))
_PREVIOUS = (select(FormRow.id, FormRow.file_id, FormRow.form_index, FormRow.department, FormRow.project_name,
                    FormRow.budget_year, FormRow.budget_amount, FormRow.current, FormRow.created_at,
                    FileRow.original_name.label("file"), FileRow.sha256, FileRow.received_at)
             .join(FileRow, FormRow.file_id == FileRow.id)
             .where(FormRow.project_name == bindparam("name"),
                    FormRow.department.is_not_distinct_from(bindparam("dept")),
                    FormRow.budget_year.is_not_distinct_from(bindparam("year")))
             .order_by(FormRow.current.desc(), FormRow.id.desc()).limit(1))
_PREVIOUS_OTHER_FILE = _PREVIOUS.where(FileRow.sha256.is_distinct_from(bindparam("sha")))


@dataclass(frozen=True)
class FileView:
    """One file taken from the inbox, as the store knows it."""

    id: int
    sha256: str | None  # None: never read (a symlink)
    original_name: str
    status: str  # processing | processed | quarantined
    reason: str | None
    archive_path: str | None  # where it is: archive/ or quarantine/
    received_at: datetime
    size: int | None
    duplicates: tuple[str, ...]  # names the same content arrived under later


@dataclass(frozen=True)
class Filing:
    """A journal row (FilingRow) as plain data."""

    kind: str
    owner: str
    source: str
    target: str
    note_suffix: str
    note: str
    moves: tuple[tuple[str, str], ...] = ()
    staging: str | None = None
    file_id: int | None = None
    id: int | None = None
    created_at: datetime | None = None

    @classmethod
    def of(cls, r: FilingRow) -> Filing:
        return cls(r.kind, r.owner, r.source, r.target, r.note_suffix, r.note,
                   tuple((a, b) for a, b in r.moves or []), r.staging, r.file_id, r.id, r.created_at)


class FilingTxn:
    """One write transaction that records a file's end state and its journal row together
    (`Store.filing`). Path questions are answered inside it, so two runs never choose one name."""

    def __init__(self, session: Session):
        self.s = session

    def path_taken(self, path: str | Path) -> bool:
        """Is `path` an archived/quarantined file's, a duplicate's or a pending filing's target?"""
        p = str(path)
        return any(self.s.scalar(select(func.count()).select_from(t).where(c == p))
                   for t, c in ((FileRow, FileRow.archive_path), (DuplicateRow, DuplicateRow.archive_path),
                                (FilingRow, FilingRow.target)))

    def output_key(self, path: str | Path) -> tuple | None | bool:
        """The form key of the current form whose output is `path`; False when no form names it."""
        p = str(path)
        rows = self.s.execute(select(FormRow.current, FormRow.department, FormRow.project_name, FormRow.budget_year)
                              .where((FormRow.docx_path == p) | (FormRow.pdf_path == p))).all()
        if not rows:
            return False
        cur = [r for r in rows if r[0]]
        return tuple(cur[0][1:]) if cur else None

    def save_forms(self, file_id: int, records: list, outputs: list[dict]) -> list[int]:
        return _insert_forms(self.s.connection(), file_id, records, outputs)

    def set_file(self, file_id: int | None, *, sha256: str | None, original_name: str, status: str,
                 reason: str | None, archive_path: str, size: int | None = None) -> int:
        row = self.s.get(FileRow, file_id) if file_id is not None else None
        if row is None and sha256 is not None:
            row = self.s.scalar(select(FileRow).where(FileRow.sha256 == sha256))
        if row is None:
            row = FileRow(sha256=sha256, original_name=original_name, size=size)
            self.s.add(row)
        row.status, row.reason, row.archive_path, row.work_path = status, reason, archive_path, None
        row.original_name = original_name
        if size is not None:
            row.size = size
        self.s.flush()
        return row.id

    def add_duplicate(self, sha256: str, original_name: str, archive_path: str) -> int | None:
        file_id = self.s.scalar(select(FileRow.id).where(FileRow.sha256 == sha256))
        if file_id is None:
            return None
        self.s.add(DuplicateRow(file_id=file_id, original_name=original_name, archive_path=archive_path))
        return file_id

    def add_filing(self, f: Filing) -> int:
        row = FilingRow(file_id=f.file_id, kind=f.kind, owner=f.owner, source=f.source, target=f.target,
                        note_suffix=f.note_suffix, note=f.note, moves=[list(m) for m in f.moves], staging=f.staging)
        self.s.add(row)
        self.s.flush()
        return row.id


# ---------------------------------------------------------------- engine and migrations

def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1] if "///" in url else ""
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        eng = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
                            json_serializer=lambda o: json.dumps(o, ensure_ascii=False))

        @event.listens_for(eng, "connect")
        def _on_connect(dbapi_conn, _record):
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        @event.listens_for(eng, "begin")
        def _on_begin(conn):
            # a writer takes the write lock at once (no lock-upgrade deadlocks); a reader reads a snapshot
            conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get("readonly") else "BEGIN IMMEDIATE")

        return eng
    return create_engine(url, pool_pre_ping=True, json_serializer=lambda o: json.dumps(o, ensure_ascii=False))


def _alembic_config(connection=None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


@functools.cache
def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None, "no migrations"
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


_migrate_lock = threading.Lock()


def migrate(engine: Engine) -> None:
    """Upgrade the database to the head revision (no-op when it is there already)."""
    from alembic import command

    with _migrate_lock:
        head = head_revision()
        if current_revision(engine) == head:
            return
        with engine.begin() as conn:  # SQLite: BEGIN IMMEDIATE serialises concurrent upgrades
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(582113)"))
            command.upgrade(_alembic_config(conn), "head")  # a no-op if another process just did it


# ---------------------------------------------------------------- the store

def form_key(record: Record | dict) -> tuple[str | None, str | None, int | None]:
    """主管部门, 项目名称, budget year: what identifies a form across submissions."""
    if isinstance(record, dict):
        return record.get("department"), record.get("project_name"), record.get("budget_year")
    return record.department, record.project_name, record.budget_year


class Store:
    """The database, through SQLAlchemy: SQLite by default, PostgreSQL by URL."""

    def __init__(self, url: str | None = None):
        self.url = url or _settings.get().db_url
        self.engine = _engine(self.url)
        migrate(self.engine)
        self._session = sessionmaker(self.engine, expire_on_commit=False)
        self._reader = sessionmaker(self.engine.execution_options(readonly=True), expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def session(self) -> Session:
        """A session for writing (SQLite: BEGIN IMMEDIATE)."""
        return self._session()

    def reader(self) -> Session:
        """A session for reading only (SQLite: a plain BEGIN, no write lock)."""
        return self._reader()

    # ------------------------------------------------------------ files

    def has_file(self, sha256: str) -> bool:
        """True when this content was processed already (or is being processed right now)."""
        with self.reader() as s:
            st = s.scalar(select(FileRow.status).where(FileRow.sha256 == sha256))
        return st in ("processed", "processing")

    def register_file(self, sha256: str | None, original_name: str, size: int | None = None,
                      work_path: str | Path | None = None,
                      is_stale: Callable[[str | None], bool] = lambda _work_path: False) -> int | None:
        """Take this content for processing: the new file id, or None when it was taken already.

        Atomic across processes (the unique sha256). Content quarantined earlier may be
        taken again (the file was fixed, or our bug was), and so may content whose
        processing claim is abandoned: `is_stale(work_path)` (the inbox's test, passed in)."""
        work = str(work_path) if work_path is not None else None
        with self.session() as s, s.begin():
            if sha256 is not None:
                row = s.scalar(select(FileRow).where(FileRow.sha256 == sha256))
                if row is not None:
                    if row.status == "processed":
                        return None
                    if row.status == "processing" and not (
                            (work is not None and row.work_path == work) or is_stale(row.work_path)):
                        return None
                    row.status, row.reason, row.original_name = "processing", None, original_name
                    row.received_at, row.size, row.work_path = _now(), size, work
                    return row.id
            row = FileRow(sha256=sha256, original_name=original_name, size=size, status="processing",
                          work_path=work)
            s.add(row)
            try:
                s.flush()
            except IntegrityError:
                return None
            return row.id

    def release_file(self, sha256: str | None, *, file_id: int | None = None) -> None:
        """Forget an unfinished claim on this content (a crashed run); it may be taken again."""
        with self.session() as s, s.begin():
            if file_id is not None:
                row = s.scalar(select(FileRow).where(FileRow.id == file_id, FileRow.status == "processing"))
            else:
                row = s.scalar(select(FileRow).where(FileRow.sha256 == sha256, FileRow.status == "processing"))
            if row is not None:
                if s.scalar(select(func.count()).select_from(FormRow).where(FormRow.file_id == row.id)):
                    row.status = "processed"
                else:
                    s.delete(row)

    def release_claim(self, work_path: str) -> None:
        """Forget the unfinished claim whose claimed file is `work_path` (put back by recovery)."""
        with self.session() as s, s.begin():
            row = s.scalar(select(FileRow).where(FileRow.work_path == work_path, FileRow.status == "processing"))
            if row is not None:
                s.delete(row)

    # ------------------------------------------------------------ the filing journal

    @contextlib.contextmanager
    def filing(self) -> Iterator[FilingTxn]:
        """A write transaction for a file's end state and its journal row (committed on exit)."""
        with self.session() as s, s.begin():
            yield FilingTxn(s)

    def pending_filings(self) -> list[Filing]:
        with self.reader() as s:
            return [Filing.of(r) for r in s.scalars(select(FilingRow).order_by(FilingRow.id))]

    def take_filing(self, filing: Filing, owner: str) -> bool:
        """Make `owner` the run that finishes `filing`, unless someone took it since it was read."""
        with self.session() as s, s.begin():
            res = s.execute(update(FilingRow).where(FilingRow.id == filing.id, FilingRow.owner == filing.owner)
                            .values(owner=owner))
            n = cast(CursorResult, res).rowcount
        return bool(n)

    def filing_done(self, filing: Filing, target: str) -> None:
        """The file and its note are in place (at `target`, which may differ from the planned one)."""
        with self.session() as s, s.begin():
            if target != filing.target:
                for t, c in ((FileRow, FileRow.archive_path), (DuplicateRow, DuplicateRow.archive_path)):
                    s.execute(update(t).where(c == filing.target).values(archive_path=target))
            s.execute(delete(FilingRow).where(FilingRow.id == filing.id))

    def save_file_result(self, file_id: int | None = None, *, sha256: str | None = None,
                         original_name: str | None = None, status: str, reason: str | None = None,
                         archive_path: str | Path | None = None, size: int | None = None) -> int:
        """Record where a file ended: processed (archived) or quarantined (with the reason).

        Without `file_id` the row is found by sha256, or created."""
        if status not in FILE_STATUSES:
            raise ValueError(f"status {status!r} is not one of {FILE_STATUSES}")
        with self.session() as s, s.begin():
            row = s.get(FileRow, file_id) if file_id is not None else None
            if row is None and sha256 is not None:
                row = s.scalar(select(FileRow).where(FileRow.sha256 == sha256))
            if row is None:
                row = FileRow(sha256=sha256, original_name=original_name or "?", size=size)
                s.add(row)
            row.status = status
            row.reason = reason
            row.work_path = None
            if original_name:
                row.original_name = original_name
            if archive_path is not None:
                row.archive_path = str(archive_path)
            if size is not None:
                row.size = size
            s.flush()
            return row.id

    def file_name(self, sha256: str) -> str | None:
        """The name under which this content was first taken."""
        with self.reader() as s:
            return s.scalar(select(FileRow.original_name).where(FileRow.sha256 == sha256))

    def files(self) -> list[FileView]:
        """Every file taken, oldest first, with the names its duplicates arrived under."""
        with self.reader() as s:
            rows = s.scalars(select(FileRow).order_by(FileRow.id)).all()
            dups = s.execute(select(DuplicateRow.file_id, DuplicateRow.original_name)).all()
        by_file: dict[int, list[str]] = {}
        for fid, name in dups:
            by_file.setdefault(fid, []).append(name)
        return [FileView(r.id, r.sha256, r.original_name, r.status, r.reason, r.archive_path, r.received_at, r.size,
                         tuple(by_file.get(r.id, []))) for r in rows]

    # ------------------------------------------------------------ forms

    def save_forms(self, file_id: int, records: list[Record] | list[dict],
                   outputs: list[dict] | None = None) -> list[int]:
        """Store the forms of one file (indicators and anomalies with them); their ids in order.

        `outputs[i]` ({"docx": path, "pdf": path}) are the rendered files of records[i].
        An earlier current form with the same 主管部门 + 项目名称 + budget year is marked
        superseded by the new one and kept as history."""
        with self.engine.begin() as conn:  # Core: the ORM unit of work costs more than the SQL here
            return _insert_forms(conn, file_id, records, outputs or [])

    def previous_submission(self, record: Record | dict) -> dict | None:
        """The latest stored form with the same 主管部门 + 项目名称 + budget year from another file."""
        dept, name, year = form_key(record)
        if name is None:
            return None
        src = record.get("source") if isinstance(record, dict) else (record.source.to_dict() if record.source else None)
        sha = (src or {}).get("sha256")
        stmt = _PREVIOUS_OTHER_FILE if sha else _PREVIOUS
        with self.engine.execution_options(readonly=True).connect() as conn:
            hit = conn.execute(stmt, {"dept": dept, "name": name, "year": year, "sha": sha}).mappings().first()
        return dict(hit) if hit is not None else None

    def form(self, form_id: int) -> dict | None:
        with self.reader() as s:
            hit = s.execute(select(FormRow, FileRow).join(FileRow, FormRow.file_id == FileRow.id)
                            .where(FormRow.id == form_id)).first()
            if hit is None:
                return None
            review = self._latest_reviews(s, [form_id]).get(form_id)
        return self._form_dict(hit[0], hit[1], review)

    def forms(self, current_only: bool = True) -> list[dict]:
        """Every form (only the current version of each unless current_only=False), oldest first,
        with its file name and its latest review decision."""
        q = select(FormRow, FileRow).join(FileRow, FormRow.file_id == FileRow.id).order_by(FormRow.id)
        if current_only:
            q = q.where(FormRow.current.is_(True))
        with self.reader() as s:
            rows = s.execute(q).all()
            reviews = self._latest_reviews(s, [f.id for f, _ in rows])
        return [self._form_dict(f, fi, reviews.get(f.id)) for f, fi in rows]

    def forms_needing_review(self) -> list[dict]:
        """Current forms with at least one error and no decision yet."""
        return [f for f in self.forms() if f["error_count"] and not f["decision"]]

    def history(self, record: Record | dict) -> list[dict]:
        """Every stored version of this form (same 主管部门 + 项目名称 + budget year), oldest first."""
        dept, name, year = form_key(record)
        with self.reader() as s:
            rows = s.execute(select(FormRow, FileRow).join(FileRow, FormRow.file_id == FileRow.id)
                             .where(FormRow.department.is_not_distinct_from(dept), FormRow.project_name == name,
                                    FormRow.budget_year.is_not_distinct_from(year))
                             .order_by(FormRow.id)).all()
        return [self._form_dict(f, fi, None) for f, fi in rows]

    def indicators(self, current_only: bool = True) -> list[dict]:
        q = (select(IndicatorRow, FormRow, FileRow.original_name)
             .join(FormRow, IndicatorRow.form_id == FormRow.id).join(FileRow, FormRow.file_id == FileRow.id)
             .order_by(FormRow.id, IndicatorRow.position))
        if current_only:
            q = q.where(FormRow.current.is_(True))
        with self.reader() as s:
            rows = s.execute(q).all()
        return [{"form_id": f.id, "department": f.department, "project_name": f.project_name,
                 "budget_year": f.budget_year, "level1": i.level1, "level2": i.level2, "name": i.name,
                 "period_value": i.period_value, "annual_value": i.annual_value,
                 "period_target": _target(i.period_op, i.period_number, i.period_unit),
                 "annual_target": _target(i.annual_op, i.annual_number, i.annual_unit), "file": name}
                for i, f, name in rows]

    def anomalies(self, current_only: bool = True, form_id: int | None = None) -> list[dict]:
        """Every anomaly with its form's 主管部门, 项目名称 and file, form by form (or of one form,
        current or not)."""
        q = (select(AnomalyRow, FormRow, FileRow.original_name)
             .join(FormRow, AnomalyRow.form_id == FormRow.id).join(FileRow, FormRow.file_id == FileRow.id)
             .order_by(FormRow.id, AnomalyRow.position))
        if form_id is not None:
            q = q.where(FormRow.id == form_id)
        elif current_only:
            q = q.where(FormRow.current.is_(True))
        with self.reader() as s:
            rows = s.execute(q).all()
        return [{"form_id": f.id, "department": f.department, "project_name": f.project_name,
                 "budget_year": f.budget_year, "code": a.code, "severity": a.severity, "message": a.message,
                 "where": a.where, "file": name} for a, f, name in rows]

    # ------------------------------------------------------------ reviews

    def record_review(self, form_id: int, decision: str, comment: str | None = None, reviewer: str | None = None,
                      flow_run_id: str | None = None, decided_at: datetime | None = None) -> int:
        """Store a reviewer's decision (接受 or 退回) on a form; the latest decision counts.
        `decided_at`: when the reviewer submitted it (default: now)."""
        decision = (decision or "").strip()
        if decision not in DECISIONS:
            raise ValueError(f"decision must be one of {DECISIONS}, not {decision!r}")
        with self.session() as s, s.begin():
            if s.get(FormRow, form_id) is None:
                raise KeyError(f"no form {form_id}")
            row = ReviewRow(form_id=form_id, decision=decision, comment=comment, reviewer=reviewer,
                            flow_run_id=str(flow_run_id) if flow_run_id else None, decided_at=decided_at or _now())
            s.add(row)
            s.flush()
            return row.id

    def reviews_for(self, form_id: int) -> list[dict]:
        """Every decision on a form, oldest first."""
        with self.reader() as s:
            rows = s.scalars(select(ReviewRow).where(ReviewRow.form_id == form_id).order_by(ReviewRow.id)).all()
        return [_review_dict(r) for r in rows]

    # ------------------------------------------------------------ helpers

    @staticmethod
    def _latest_reviews(s: Session, form_ids: list[int]) -> dict[int, ReviewRow]:
        if not form_ids:
            return {}
        latest: dict[int, ReviewRow] = {}
        for r in s.scalars(select(ReviewRow).where(ReviewRow.form_id.in_(form_ids)).order_by(ReviewRow.id)):
            latest[r.form_id] = r
        return latest

    @staticmethod
    def _form_dict(f: FormRow, fi: FileRow, review: ReviewRow | None) -> dict:
        return {"id": f.id, "file_id": f.file_id, "file": fi.original_name, "sha256": fi.sha256,
                "form_index": f.form_index, "department": f.department, "project_name": f.project_name,
                "budget_year": f.budget_year, "budget_amount": f.budget_amount, "period_start": f.period_start,
                "period_end": f.period_end, "current": f.current, "superseded_by": f.superseded_by,
                "created_at": f.created_at, "docx": f.docx_path, "pdf": f.pdf_path,
                "anomaly_count": f.anomaly_count, "error_count": f.error_count, "record": f.record,
                "decision": review.decision if review else None, "comment": review.comment if review else None,
                "reviewer": review.reviewer if review else None,
                "decided_at": review.decided_at if review else None}


def _insert_forms(conn, file_id: int, records: list, outputs: list[dict]) -> list[int]:
    """Insert the forms of one file with their indicators and anomalies; supersede earlier versions."""
    ids: list[int] = []
    forms, inds_t, anoms_t = _table(FormRow), _table(IndicatorRow), _table(AnomalyRow)
    for i, rec in enumerate(records):
        d = scrub_json(rec.to_dict() if isinstance(rec, Record) else dict(rec))  # XML/Excel-safe text
        out = outputs[i] if i < len(outputs) and outputs[i] else {}
        anomalies = d.get("anomalies") or []
        form_id = conn.execute(insert(forms).returning(forms.c.id), {
            "file_id": file_id, "form_index": (d.get("source") or {}).get("form_index", i),
            "department": d.get("department"), "project_name": d.get("project_name"),
            "budget_year": d.get("budget_year"), "budget_amount": d.get("budget_amount"),
            "period_start": d.get("period_start"), "period_end": d.get("period_end"), "record": d,
            "current": True, "superseded_by": None, "created_at": _now(),
            "docx_path": _str(out.get("docx")), "pdf_path": _str(out.get("pdf")),
            "anomaly_count": len(anomalies),
            "error_count": sum(1 for a in anomalies if a.get("severity") == "error")}).scalar_one()
        if d.get("project_name") is not None:
            conn.execute(_SUPERSEDE, {"new_id": form_id, "dept": d.get("department"),
                                      "name": d.get("project_name"), "year": d.get("budget_year")})
        inds = []
        for k, ind in enumerate(d.get("indicators") or []):
            pt, at = ind.get("period_target") or {}, ind.get("annual_target") or {}
            inds.append({
                "form_id": form_id, "position": k, "level1": ind.get("level1") or "",
                "level2": ind.get("level2") or "", "name": ind.get("name") or "",
                "period_value": ind.get("period_value"), "annual_value": ind.get("annual_value"),
                "period_op": pt.get("op"), "period_number": pt.get("value"), "period_unit": pt.get("unit"),
                "annual_op": at.get("op"), "annual_number": at.get("value"), "annual_unit": at.get("unit")})
        if inds:
            conn.execute(insert(inds_t), inds)
        if anomalies:
            conn.execute(insert(anoms_t), [
                {"form_id": form_id, "position": k, "code": a["code"], "severity": a["severity"],
                 "message": a["message"], "where": a.get("where") or ""} for k, a in enumerate(anomalies)])
        ids.append(form_id)
    return ids


def _review_dict(r: ReviewRow) -> dict:
    return {"id": r.id, "form_id": r.form_id, "decision": r.decision, "comment": r.comment,
            "reviewer": r.reviewer, "decided_at": r.decided_at, "flow_run_id": r.flow_run_id}


def _target(op: str | None, value: float | None, unit: str | None) -> dict | None:
    if op is None and value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return {"op": op, "value": value, "unit": unit}


def _str(p: Any) -> str | None:
    return None if p is None else str(p)
