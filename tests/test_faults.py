"""kill -9 at every step boundary of one file's handling, and at random moments, then one pass:
each file in exactly one place with its records or reason, no duplicate rows, no orphan outputs,
no claim or staging folder left, `PRAGMA integrity_check` ok, the database agreeing with the folders.

The crash is injected with JIXIAO_CRASH_AT=<step> (pipeline/faults.py: os._exit(137) at that
boundary, as kill -9 would) in a real subprocess; the random moments are a real SIGKILL.
Also: faults of the system (a read-only outbox, a locked database, no LibreOffice) leave the file
waiting, and the next pass after the fault processes it.
"""

from __future__ import annotations

import errno
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline import faults
from pipeline.extract import sha256_of
from pipeline.process import sweep
from pipeline.store import Store

ROOT = Path(__file__).resolve().parent.parent
SEED = Path("/work/shared/seeds/000_d4b088a1728e637c.txt")
TWO_FORMS = ROOT / "samples" / "财政分局_街道办_2张表.docx"

PASS = """
import sys
from pathlib import Path
from pipeline.process import sweep
home = Path(sys.argv[1])
sweep(home / "inbox", store=f"sqlite:///{home}/var/jixiao.db", settle_seconds=0, render=True, pdf=False,
      home=home, out_dir=home / "outbox")
"""


def drop(path: Path, data: bytes | Path) -> Path:
    if isinstance(data, Path):
        shutil.copyfile(data, path)
    else:
        path.write_bytes(data)
    t = time.time() - 60
    os.utime(path, (t, t))
    return path


def crashed_pass(home: Path, step: str | None = None, kill_after: float | None = None) -> int:
    """One pass in a subprocess, ended by JIXIAO_CRASH_AT=step or by SIGKILL after `kill_after` s."""
    env = {**os.environ, "JIXIAO_HOME": str(home), "PYTHONPATH": str(ROOT)}
    if step:
        env["JIXIAO_CRASH_AT"] = step
    proc = subprocess.Popen([sys.executable, "-c", PASS, str(home)], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if kill_after is not None:
        try:
            proc.wait(kill_after)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode in (0, 137, -9), err.decode()[-2000:]
    return proc.returncode


def one_pass(home: Path) -> list:
    with Store(f"sqlite:///{home}/var/jixiao.db") as st:
        return sweep(home / "inbox", store=st, settle_seconds=0, render=True, pdf=False, home=home,
                     out_dir=home / "outbox")


def files_in(folder: Path, skip_suffixes: tuple[str, ...] = ()) -> list[Path]:
    if not folder.exists():
        return []
    return [p for p in folder.rglob("*") if (p.is_file() or p.is_symlink()) and not p.name.endswith(skip_suffixes)]


def assert_consistent(home: Path, dropped: dict[str, int], *, forms: int | None = None) -> None:
    """`dropped`: sha256 -> how many times that content was dropped."""
    box, out = home / "inbox", home / "outbox"
    assert not any((box / ".processing").iterdir()) if (box / ".processing").exists() else True, \
        f"claims left: {list((box / '.processing').iterdir())}"
    assert not [p for p in out.glob(".rendering-*")], "staging folders left"
    # each content in exactly one place per drop: waiting, archived or quarantined
    where: dict[str, list[Path]] = {}
    waiting = [p for p in box.iterdir() if p.is_file() and not p.name.startswith(".")]
    archived = files_in(home / "archive", (".records.json",))
    quarantined = files_in(home / "quarantine", (".reason.txt",))
    for p in waiting + archived + quarantined:
        where.setdefault(sha256_of(p), []).append(p)
    assert {s: len(ps) for s, ps in where.items()} == dropped, where
    assert not waiting, f"still waiting after the pass: {waiting}"
    db = home / "var" / "jixiao.db"
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM filings").fetchone()[0] == 0, "filings not finished"
        rows = con.execute("SELECT status, archive_path FROM files").fetchall()
        dups = con.execute("SELECT archive_path FROM duplicates").fetchall()
        assert all(s in ("processed", "quarantined") for s, _ in rows), rows
        recorded = {p for _, p in rows} | {p for (p,) in dups}
        assert recorded == {str(p) for p in archived + quarantined}, "the database and the folders disagree"
        for status, path in rows:
            note = ".records.json" if status == "processed" else ".reason.txt"
            assert Path(path + note).is_file(), f"{path} has no {note}"
        for (path,) in dups:
            assert Path(path + ".records.json").is_file()
        keys = con.execute("SELECT file_id, form_index FROM forms").fetchall()
        assert len(keys) == len(set(keys)), "duplicate form rows"
        if forms is not None:
            assert len(keys) == forms
        outputs = {p for (p,) in con.execute("SELECT docx_path FROM forms") if p}
        on_disk = {str(p) for p in out.iterdir() if p.is_file()} if out.exists() else set()
        assert on_disk == outputs, f"orphan outputs {on_disk - outputs}, missing {outputs - on_disk}"
    finally:
        con.close()


@pytest.fixture
def home(tmp_path):
    (tmp_path / "inbox").mkdir()
    return tmp_path


PROCESSED_STEPS = ("claimed", "registered", "extracted", "rendered", "committed", "outputs_placed", "moved",
                   "noted", "filed")
QUARANTINE_STEPS = ("claimed", "registered", "committed", "moved", "noted", "filed")
DUPLICATE_STEPS = ("claimed", "registered", "committed", "moved", "noted", "filed")


def test_every_step_is_a_known_boundary():
    assert set(PROCESSED_STEPS) == set(faults.STEPS)


@pytest.mark.parametrize("step", PROCESSED_STEPS)
def test_a_crash_at_each_step_of_a_processed_file_is_recovered(home, step):
    drop(home / "inbox" / "2张表.docx", TWO_FORMS)
    assert crashed_pass(home, step) == 137
    one_pass(home)
    assert_consistent(home, {sha256_of(TWO_FORMS): 1}, forms=2)


@pytest.mark.parametrize("step", QUARANTINE_STEPS)
def test_a_crash_at_each_step_of_a_quarantined_file_is_recovered(home, step):
    junk = b"PK\x03\x04" + bytes(range(256)) * 4 + b"PK\x05\x06" + bytes(18)
    drop(home / "inbox" / "junk.docx", junk)
    assert crashed_pass(home, step) == 137
    one_pass(home)
    assert_consistent(home, {hashlib.sha256(junk).hexdigest(): 1}, forms=0)
    assert len(files_in(home / "quarantine", (".reason.txt",))) == 1


@pytest.mark.parametrize("step", DUPLICATE_STEPS)
def test_a_crash_at_each_step_of_a_duplicate_is_recovered(home, step):
    drop(home / "inbox" / "first.txt", SEED)
    one_pass(home)
    drop(home / "inbox" / "again.txt", SEED)
    assert crashed_pass(home, step) == 137
    one_pass(home)
    assert_consistent(home, {sha256_of(SEED): 2}, forms=8)


def test_a_new_version_crashed_before_its_filing_leaves_no_name_2(home):
    """The rerun after a crash between render and save renders again into its own staging folder:
    no orphan output, no x_2.docx beside x.docx."""
    drop(home / "inbox" / "v1.txt", SEED)
    one_pass(home)
    before = sorted(p.name for p in (home / "outbox").iterdir())
    v2 = (SEED.read_text(encoding="utf-8") + "\n").encode()
    (home / "v2").write_bytes(v2)  # outside the inbox, to know its sha256
    drop(home / "inbox" / "v2.txt", v2)
    assert crashed_pass(home, "rendered") == 137
    one_pass(home)
    assert sorted(p.name for p in (home / "outbox").iterdir()) == before
    assert_consistent(home, {sha256_of(SEED): 1, sha256_of(home / "v2"): 1}, forms=16)


def test_kill_9_at_random_moments_then_one_pass(home):
    rng = random.Random(20261201)
    text = SEED.read_text(encoding="utf-8")
    dropped: dict[str, int] = {}
    for i in range(4):
        p = drop(home / "inbox" / f"form{i}.txt", (text + "\n" * (i + 1)).encode())
        dropped[sha256_of(p)] = 1
    p = drop(home / "inbox" / "2张表.docx", TWO_FORMS)
    dropped[sha256_of(p)] = 1
    for _ in range(4):
        crashed_pass(home, kill_after=rng.uniform(0.5, 3.0))
    one_pass(home)
    assert_consistent(home, dropped, forms=4 * 8 + 2)


# ---------------------------------------------------------------- faults of the system


def test_a_read_only_outbox_leaves_the_file_waiting_and_the_next_pass_goes_on(home, monkeypatch):
    out = home / "outbox"
    out.mkdir()
    p = drop(home / "inbox" / "2张表.docx", TWO_FORMS)
    out.chmod(0o555)
    if os.geteuid() == 0:  # root writes into read-only folders: the file system says no instead
        from pipeline import outbox

        def read_only(_out):
            raise OSError(errno.EACCES, os.strerror(errno.EACCES), str(_out))

        monkeypatch.setattr(outbox, "staging_dir", read_only)
    try:
        [o] = one_pass(home)
    finally:
        out.chmod(0o755)
        monkeypatch.undo()
    assert o.status == "waiting" and "系统故障" in o.reason and "权限" in o.reason
    assert p.exists() and not (home / "quarantine").exists()
    [o] = one_pass(home)
    assert o.status == "processed"
    assert_consistent(home, {sha256_of(TWO_FORMS): 1}, forms=2)


def test_a_full_disk_while_filing_is_finished_by_the_next_pass(home, monkeypatch):
    """The note beside the archived file cannot be written (ENOSPC): the records are stored, the
    journal keeps what is left to do, the next pass (this same process) finishes it."""
    from pipeline import inbox

    real = inbox.write_atomic

    def full(path, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    drop(home / "inbox" / "seed.txt", SEED)
    monkeypatch.setattr(inbox, "write_atomic", full)
    [o] = one_pass(home)
    assert o.status == "processed" and "归档尚未完成" in o.reason and "磁盘空间已满" in o.reason
    monkeypatch.setattr(inbox, "write_atomic", real)
    assert one_pass(home) == []
    assert_consistent(home, {sha256_of(SEED): 1}, forms=8)


def test_a_locked_database_leaves_the_file_waiting(home, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from pipeline import store as store_mod

    drop(home / "inbox" / "seed.txt", SEED)

    def locked(*_a, **_k):
        raise OperationalError("INSERT", {}, sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr(store_mod.Store, "register_file", locked)
    [o] = one_pass(home)
    assert o.status == "waiting" and "数据库" in o.reason
    monkeypatch.undo()
    [o] = one_pass(home)
    assert o.status == "processed" and len(o.form_ids) == 8
    assert_consistent(home, {sha256_of(SEED): 1}, forms=8)


def test_no_libreoffice_leaves_the_file_waiting(home, monkeypatch):
    from pipeline import settings

    monkeypatch.setenv("JIXIAO_SOFFICE", "/nonexistent/soffice")
    settings.reset()
    try:
        drop(home / "inbox" / "2张表.docx", TWO_FORMS)
        with Store(f"sqlite:///{home}/var/jixiao.db") as st:
            [o] = sweep(home / "inbox", store=st, settle_seconds=0, render=True, pdf=True, home=home,
                        out_dir=home / "outbox")
    finally:
        monkeypatch.delenv("JIXIAO_SOFFICE")
        settings.reset()
    assert o.status == "waiting" and "LibreOffice" in o.reason
    assert (home / "inbox" / "2张表.docx").exists() and not list((home / "outbox").glob(".rendering-*"))


def test_too_many_forms_in_one_file_is_quarantined_with_the_count(home, monkeypatch):
    from pipeline import settings

    monkeypatch.setenv("JIXIAO_MAX_FORMS_PER_FILE", "5")
    settings.reset()
    try:
        drop(home / "inbox" / "seed.txt", SEED)
        [o] = one_pass(home)
    finally:
        monkeypatch.delenv("JIXIAO_MAX_FORMS_PER_FILE")
        settings.reset()
    assert o.status == "quarantined" and o.kind == "too_large"
    reason = (home / "quarantine" / "seed.txt.reason.txt").read_text(encoding="utf-8")
    assert "8 张表" in reason and "5 张" in reason
    assert not list((home / "outbox").glob("*.docx"))


@pytest.mark.slow
def test_a_killed_batch_run_is_marked_crashed_by_the_next_pass(prefect_server, home):
    """A `jixiao run` killed mid-pass left its flow run Running for ever; the next pass marks it Crashed."""
    from prefect.client.orchestration import get_client
    from prefect.states import Running

    from flows import runs
    from flows.pipeline_flow import process_inbox

    with get_client(sync_client=True) as client:
        fr = client.create_flow_run(process_inbox, state=Running())
    dead = subprocess.run([sys.executable, "-c", "from pipeline.inbox import run_token; print(run_token())"],
                          capture_output=True, text=True, check=True, cwd=ROOT).stdout.strip()
    runs.runs_dir(home).mkdir(parents=True)
    (runs.runs_dir(home) / str(fr.id)).write_text(dead)  # what the killed run left
    assert runs.mark_crashed(home) == [str(fr.id)]
    with get_client(sync_client=True) as client:
        state = client.read_flow_run(fr.id).state
    assert state.type.value == "CRASHED" and "进程已结束" in state.message
    assert not any(runs.runs_dir(home).iterdir())


@pytest.mark.slow
@pytest.mark.parametrize("step", ["rendered", "committed", "moved"])
def test_the_batch_flow_recovers_a_crashed_pass(prefect_server, home, monkeypatch, step):
    """The recovering pass is the flow `jixiao run` runs, not only the library sweep."""
    from prefect_fixtures import use_home

    from flows.pipeline_flow import process_inbox
    from pipeline import settings

    drop(home / "inbox" / "2张表.docx", TWO_FORMS)
    assert crashed_pass(home, step) == 137
    use_home(monkeypatch, home)
    try:
        summary = process_inbox(settle_seconds=0, pdf=False, start_reviews=False, rollup=False)
    finally:
        monkeypatch.delenv("JIXIAO_HOME")
        settings.reset()
    assert summary["counts"] in ({}, {"processed": 1})  # filed by the recovery, or put back and processed
    assert_consistent(home, {sha256_of(TWO_FORMS): 1}, forms=2)


def test_overlapping_passes_some_killed_then_one_pass(home):
    """Four passes at once over the same inbox, two of them killed with SIGKILL mid-way: no file is
    taken twice, and one more pass leaves everything in one place."""
    text = SEED.read_text(encoding="utf-8")
    dropped: dict[str, int] = {}
    for i in range(6):
        p = drop(home / "inbox" / f"form{i}.txt", (text + "\n" * (i + 1)).encode())
        dropped[sha256_of(p)] = 1
    env = {**os.environ, "JIXIAO_HOME": str(home), "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", PASS, str(home)], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(4)]
    time.sleep(2.5)
    for proc in procs[:2]:
        proc.send_signal(signal.SIGKILL)
    for proc in procs:
        proc.wait(300)
    one_pass(home)
    assert_consistent(home, dropped, forms=6 * 8)


@pytest.mark.parametrize("hung", [False, True])
def test_libreoffice_that_does_not_start_is_a_fault_one_that_hangs_on_the_file_is_not(home, monkeypatch, hung):
    """LibreOffice that does not start: the file waits for the next pass. One killed at the time
    limit on this file, twice: the file is filed with its .docx (waiting would hang it every pass)."""
    from pipeline import process
    from pipeline.render import ConverterUnavailable

    calls = []

    def converter(*_a, **_k):
        calls.append(1)
        e = ConverterUnavailable("soffice killed after 120 s" if hung else "soffice did not start")
        e.hung = hung
        raise e

    monkeypatch.setattr(process, "docx_to_pdf", converter)
    monkeypatch.setattr(process.shutil, "which", lambda _name: "/usr/bin/soffice")
    drop(home / "inbox" / "2张表.docx", TWO_FORMS)
    with Store(f"sqlite:///{home}/var/jixiao.db") as st:
        [o] = sweep(home / "inbox", store=st, settle_seconds=0, render=True, pdf=True, home=home,
                    out_dir=home / "outbox")
    if hung:
        assert o.status == "processed" and "超时" in o.reason and len(calls) == 2
        assert_consistent(home, {sha256_of(TWO_FORMS): 1}, forms=2)
    else:
        assert o.status == "waiting" and "LibreOffice" in o.reason and len(calls) == 1
        assert (home / "inbox" / "2张表.docx").exists()
