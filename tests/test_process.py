"""Per-file processing and whole passes on real files: every file ends in exactly one place."""

from __future__ import annotations

import json
import os
import shutil
import struct
import threading
import time
from pathlib import Path

import pytest

from pipeline import inbox
from pipeline.process import FileOutcome, process_file, sweep
from pipeline.store import Store

SEED = Path("/work/shared/seeds/000_d4b088a1728e637c.txt")
SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CFB_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


def encrypted_docx() -> bytes:
    """What Word writes for a password-protected .docx: a compound file with EncryptedPackage."""
    header = CFB_MAGIC + bytes(16) + struct.pack("<HHH", 0x3E, 3, 0xFFFE) + bytes(512 - 30)
    entries = b""
    for name in ["Root Entry", "EncryptionInfo", "EncryptedPackage"]:
        raw = name.encode("utf-16-le") + b"\x00\x00"
        entries += raw + bytes(64 - len(raw)) + struct.pack("<H", len(raw)) + bytes(128 - 66)
    return header + entries + bytes(4096)


@pytest.fixture
def home(tmp_path):
    (tmp_path / "inbox").mkdir()
    return tmp_path


@pytest.fixture
def store(home):
    s = Store(f"sqlite:///{home}/var/jixiao.db")
    yield s
    s.close()


def drop(path: Path, data: bytes | Path, age: float = 60) -> Path:
    if isinstance(data, Path):
        shutil.copyfile(data, path)
    else:
        path.write_bytes(data)
    t = time.time() - age
    os.utime(path, (t, t))
    return path


def run(home: Path, store: Store, **kw) -> list[FileOutcome]:
    return sweep(home / "inbox", store=store, settle_seconds=0.5, render=False, home=home,
                 out_dir=home / "outbox", **kw)


def tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() or p.is_symlink()}


def test_a_mixed_batch_ends_each_file_in_exactly_one_place(home, store, tmp_path_factory):
    box = home / "inbox"
    outside = tmp_path_factory.mktemp("outside") / "secret.txt"
    outside.write_text("not yours")
    drop(box / "seed.txt", SEED)
    drop(box / "same content, other name.txt", SEED)
    drop(box / "junk.docx", os.urandom(3000))
    drop(box / "junk.pdf", b"%PDF-1.7\n" + os.urandom(2000), age=3600)  # no %%EOF: taken once long still
    drop(box / "empty.txt", b"")
    drop(box / "encrypted.docx", encrypted_docx())
    drop(box / "letter.txt", "各位同事：\n明天下午三点开会，请准时参加。\n".encode())
    drop(box / "table.xlsx", b"PK\x03\x04 not ours", age=3600)
    (box / "link.txt").symlink_to(outside)
    os.utime(box / "link.txt", (time.time() - 60,) * 2, follow_symlinks=False)
    drop(box / "~$seed.docx", b"lock")  # Word's lock file: left alone
    drop(box / "big.docx.part", b"half a copy")  # a download in progress: left alone
    drop(box / "2张表.docx", SAMPLES / "财政分局_街道办_2张表.docx")

    outcomes = run(home, store)
    by_name = {o.file: o for o in outcomes}
    assert len(outcomes) == 10 and len(by_name) == 10  # each taken file has one outcome
    processed = sorted(n for n, o in by_name.items() if o.status == "processed")
    duplicate = [n for n, o in by_name.items() if o.status == "duplicate"]
    quarantined = sorted(n for n, o in by_name.items() if o.status == "quarantined")
    assert processed == ["2张表.docx", "same content, other name.txt"]  # file order: same content, other name < seed
    assert duplicate == ["seed.txt"]
    assert quarantined == sorted(["junk.docx", "junk.pdf", "empty.txt", "encrypted.docx", "letter.txt",
                                  "table.xlsx", "link.txt"])
    kinds = {n: by_name[n].kind for n in quarantined}
    assert kinds["junk.docx"] == "corrupt" and kinds["empty.txt"] == "empty"
    assert kinds["encrypted.docx"] == "encrypted" and kinds["letter.txt"] == "not_a_form"
    assert kinds["table.xlsx"] == "corrupt" and kinds["link.txt"] == "hostile"  # .xlsx is read: a broken one is corrupt

    day = next((home / "archive").iterdir()).name
    sha8 = by_name["seed.txt"].sha256[:8]
    expected = {
        "inbox/~$seed.docx", "inbox/big.docx.part",
        f"archive/{day}/{sha8}_same content, other name.txt",
        f"archive/{day}/{sha8}_same content, other name.txt.records.json",
        f"archive/{day}/{sha8}_seed.txt", f"archive/{day}/{sha8}_seed.txt.records.json",
        f"archive/{day}/{by_name['2张表.docx'].sha256[:8]}_2张表.docx",
        f"archive/{day}/{by_name['2张表.docx'].sha256[:8]}_2张表.docx.records.json",
        "var/jixiao.db",
    } | {f"quarantine/{n}" for n in quarantined} | {f"quarantine/{n}.reason.txt" for n in quarantined}
    assert {p for p in tree(home) if not p.startswith("var/jixiao.db-")} == expected
    assert list((box / ".processing").iterdir()) == []

    # the symlink was moved as a link; its target untouched and never copied in
    q_link = home / "quarantine" / "link.txt"
    assert q_link.is_symlink() and outside.read_text() == "not yours"
    for n in quarantined:
        reason = (home / "quarantine" / f"{n}.reason.txt").read_text(encoding="utf-8")
        assert f"文件：{n}" in reason and "原因：" in reason and "What was wrong:" in reason

    # the store agrees
    files = {f.original_name: f for f in store.files()}
    assert files["same content, other name.txt"].status == "processed"
    assert files["same content, other name.txt"].duplicates == ("seed.txt",)
    assert files["junk.docx"].status == "quarantined" and "损坏" in files["junk.docx"].reason
    assert files["link.txt"].sha256 is None  # the link's target was never read
    assert len(store.forms()) == 8 + 2
    seed_outcome = by_name["same content, other name.txt"]
    assert len(seed_outcome.form_ids) == 8 and seed_outcome.anomalies == len(
        [a for a in store.anomalies() if a["file"] == "same content, other name.txt"])
    assert {r["source"]["file"] for r in seed_outcome.records} == {"same content, other name.txt"}


def test_the_same_file_dropped_twice_is_processed_once(home, store):
    drop(home / "inbox" / "seed.txt", SEED)
    assert [o.status for o in run(home, store)] == ["processed"]
    drop(home / "inbox" / "seed.txt", SEED)  # again, same name, next night
    assert [o.status for o in run(home, store)] == ["duplicate"]
    assert len(store.forms(current_only=False)) == 8
    archived = sorted(p.name for p in (home / "archive").rglob("*seed*.txt"))
    assert len(archived) == 2  # both kept, neither overwritten


def test_a_new_version_supersedes_the_old_one(home, store):
    drop(home / "inbox" / "v1.txt", SEED)
    run(home, store)
    text = SEED.read_text(encoding="utf-8")
    drop(home / "inbox" / "v2.txt", (text + "\n").encode())  # same forms, different bytes
    [o] = run(home, store)
    assert o.status == "processed"
    assert all(any(a["code"] == "resubmission" for a in r["anomalies"]) for r in o.records)
    current = store.forms()
    assert len(current) == 8 and {f["file"] for f in current} == {"v2.txt"}
    old = [f for f in store.forms(current_only=False) if f["file"] == "v1.txt"]
    assert len(old) == 8 and all(not f["current"] and f["superseded_by"] for f in old)


def test_two_passes_at_once_process_each_file_once(home, store):
    names = []
    for i in range(6):
        text = SEED.read_text(encoding="utf-8") + "\n" * (i + 1)  # six distinct contents
        names.append(drop(home / "inbox" / f"form{i}.txt", text.encode()).name)
    results: list[list[FileOutcome]] = []
    barrier = threading.Barrier(2)

    def one_pass():
        barrier.wait()
        results.append(run(home, Store(store.url)))

    threads = [threading.Thread(target=one_pass) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    taken = sorted(o.file for r in results for o in r)
    assert taken == sorted(names)  # every file once, none twice
    assert all(o.status == "processed" for r in results for o in r)
    assert len(store.files()) == 6


def test_a_crash_left_in_processing_is_picked_up_again(home, store):
    claimed = inbox.claim(drop(home / "inbox" / "seed.txt", SEED))
    host = claimed.name.split(".")[1]
    stale = claimed.with_name(claimed.name.replace(claimed.name.split(".")[0], "999999", 1))  # no such pid
    os.rename(claimed, stale)
    assert host in stale.name
    [o] = run(home, store)
    assert o.file == "seed.txt" and o.status == "processed"


def test_process_file_never_raises(home, store):
    p = drop(home / "inbox" / "x.docx", b"PK\x03\x04" + os.urandom(500))
    o = process_file(inbox.claim(p), store=store, out_dir=home / "outbox", render=False, home=home)
    assert o.status == "quarantined" and o.path and Path(o.path).exists()
    assert o.reason and "x.docx" in (home / "quarantine" / "x.docx.reason.txt").read_text(encoding="utf-8")


def test_a_crash_after_the_database_claim_is_recovered(home, store):
    """The run died mid-file: its claim in .processing/ and its 'processing' row in the store.
    recover_stale (no store needed) puts the file back; the next pass processes it, not as a duplicate."""
    from pipeline.extract import sha256_of

    claimed = inbox.claim(drop(home / "inbox" / "seed.txt", SEED))
    dead_pid = "999999"
    crashed = claimed.with_name(dead_pid + claimed.name[claimed.name.index("."):])
    os.rename(claimed, crashed)
    assert store.register_file(sha256_of(crashed), "seed.txt", work_path=crashed) is not None
    assert [p.name for p in inbox.recover_stale(home / "inbox")] == ["seed.txt"]
    [o] = run(home, store)
    assert o.status == "processed" and len(o.form_ids) == 8


def test_a_claim_of_a_live_run_is_respected(home, store):
    """Same content arriving while another run works on it: a duplicate, not a second processing."""
    from pipeline.extract import sha256_of

    busy = inbox.claim(drop(home / "inbox" / "a.txt", SEED))  # this process, still in .processing/
    assert store.register_file(sha256_of(busy), "a.txt", work_path=busy) is not None
    drop(home / "inbox" / "b.txt", SEED)
    [o] = run(home, store)
    assert o.file == "b.txt" and o.status == "duplicate"


def test_oversized_file_is_quarantined(home, store, monkeypatch):
    from pipeline import settings

    monkeypatch.setenv("JIXIAO_MAX_FILE_MB", "0.001")
    settings.reset()
    try:
        drop(home / "inbox" / "big.txt", SEED)
        [o] = run(home, store)
    finally:
        monkeypatch.delenv("JIXIAO_MAX_FILE_MB")
        settings.reset()
    assert o.status == "quarantined" and o.kind == "too_large"
    assert "超过上限" in (home / "quarantine" / "big.txt.reason.txt").read_text(encoding="utf-8")


def test_a_symlink_is_quarantined_without_opening_its_target(home, store, tmp_path_factory):
    """The target is a FIFO: opening it would block this test forever."""
    fifo = tmp_path_factory.mktemp("outside") / "pipe"
    os.mkfifo(fifo)
    link = home / "inbox" / "form.docx"
    link.symlink_to(fifo)
    os.utime(link, (time.time() - 60,) * 2, follow_symlinks=False)
    done: list[FileOutcome] = []
    t = threading.Thread(target=lambda: done.extend(run(home, store)), daemon=True)
    t.start()
    t.join(20)
    assert done, "the pass blocked: the symlink's target was opened"
    [o] = done
    assert o.status == "quarantined" and o.kind == "hostile" and o.sha256 is None
    assert (home / "quarantine" / "form.docx").is_symlink()
    reason = (home / "quarantine" / "form.docx.reason.txt").read_text(encoding="utf-8")
    assert "符号链接" in reason


def render_run(home: Path, store: Store, pdf: bool) -> list[FileOutcome]:
    return sweep(home / "inbox", store=store, settle_seconds=0, render=True, pdf=pdf, home=home,
                 out_dir=home / "outbox", soffice_profile=home / "var" / "soffice")


def test_outputs_are_placed_and_stored(home, store):
    """.docx outputs (docxtpl, no LibreOffice): one per form, renamed into the outbox, paths stored.
    A new version of a form replaces its own output; a different form never overwrites another's."""
    drop(home / "inbox" / "v1.txt", SEED)
    [o1] = render_run(home, store, pdf=False)
    assert o1.status == "processed" and len(o1.outputs) == 8
    docx = sorted(p.name for p in (home / "outbox").iterdir())
    assert len(docx) == 8 and all(n.endswith(".docx") for n in docx)  # no temp folders left
    assert {f["docx"] for f in store.forms()} == {str(home / "outbox" / n) for n in docx}

    drop(home / "inbox" / "v2.txt", (SEED.read_text(encoding="utf-8") + "\n").encode())  # new version
    [o2] = render_run(home, store, pdf=False)
    assert sorted(p.name for p in (home / "outbox").iterdir()) == docx  # replaced in place
    assert {f["docx"] for f in store.forms()} == {str(home / "outbox" / n) for n in docx}

    next_year = SEED.read_text(encoding="utf-8").replace("2026年预算金额", "2027年预算金额")
    drop(home / "inbox" / "2027.txt", next_year.encode())  # same names, other budget year: other forms
    [o3] = render_run(home, store, pdf=False)
    assert len(list((home / "outbox").iterdir())) == 16
    assert all(Path(o["docx"]).exists() for o in o1.outputs + o3.outputs)
    assert not set(o3.output_paths) & set(o2.output_paths)


@pytest.mark.slow
def test_docx_and_pdf_per_form(home, store):
    if not shutil.which("soffice"):
        pytest.fail("LibreOffice (soffice) is needed: apt-get install libreoffice-writer-nogui")
    drop(home / "inbox" / "2张表.docx", SAMPLES / "财政分局_街道办_2张表.docx")
    [o] = render_run(home, store, pdf=True)
    assert o.status == "processed" and o.reason is None, o.reason
    assert len(o.outputs) == 2 and all(set(x) == {"docx", "pdf"} for x in o.outputs)
    for x in o.outputs:
        assert Path(x["pdf"]).read_bytes()[:5] == b"%PDF-" and Path(x["docx"]).stat().st_size > 0
    assert sorted(f["pdf"] for f in store.forms()) == sorted(x["pdf"] for x in o.outputs)
    assert sorted(p.suffix for p in (home / "outbox").iterdir()) == [".docx", ".docx", ".pdf", ".pdf"]


def test_control_and_bidi_characters_are_cleaned_at_the_boundary(home, store):
    """Word's manual line break (\\v), other C0 controls and a bidi override in a form: the stored
    record holds none of them, the roll-up exports, and the override (which changes what a person
    sees) is noted as garbled_text."""
    from pipeline.export import export_xlsx

    text = SEED.read_text(encoding="utf-8")
    text = text.replace("白玉兰中心", "白玉兰\x0b中\x01心\u202e", 1).replace("常平白玉兰服务项目", "常平\x0b白玉兰\x0c服务项目", 1)
    drop(home / "inbox" / "ctl.txt", text.encode())
    [o] = run(home, store)
    assert o.status == "processed"
    first = store.forms()[0]
    assert first["project_name"] == "白玉兰中心费用"
    blob = repr([f["record"] for f in store.forms()]) + repr(store.anomalies())
    assert not any(ch in blob for ch in "\x0b\x0c\x01\u202e")
    notes = [a for a in store.anomalies() if a["code"] == "garbled_text" and a["form_id"] == first["id"]]
    assert notes and "U+202E" in notes[0]["message"] and notes[0]["where"] == "project_name"
    export_xlsx(store, home / "rollup.xlsx")  # raised IllegalCharacterError
    assert (home / "rollup.xlsx").stat().st_size > 0


def test_a_file_that_changes_while_processed_goes_back_to_wait(home, store, monkeypatch):
    """A slow copy that resumes after the file was claimed: nothing of the half file is stored or
    archived; it waits in the inbox and is taken whole by the next pass (archived bytes == hashed)."""
    from pipeline import faults
    from pipeline.extract import sha256_of

    text = SEED.read_text(encoding="utf-8")
    half = text[: len(text) // 2]
    p = drop(home / "inbox" / "slow.txt", half.encode())
    real = faults.boundary

    def writer_resumes(step):
        if step == "rendered" and not (home / "inbox" / "slow.txt").exists():
            claimed = next((home / "inbox" / ".processing").iterdir())
            with open(claimed, "ab") as fh:  # the copier's open handle follows the renamed file
                fh.write(text[len(half):].encode())
        real(step)

    monkeypatch.setattr(faults, "boundary", writer_resumes)
    [o] = run(home, store)
    assert o.status == "waiting" and "仍在变化" in o.reason
    assert store.forms() == [] and store.files() == []
    assert not (home / "archive").exists()
    assert p.read_bytes() == text.encode()
    monkeypatch.setattr(faults, "boundary", real)
    os.utime(p, (time.time() - 60,) * 2)
    [o] = run(home, store)
    assert o.status == "processed" and len(o.form_ids) == 8
    assert sha256_of(Path(o.path)) == o.sha256 == sha256_of(SEED)


def test_names_of_any_length_and_encoding_end_filed_with_their_name(home, store):
    """Names near the 255-byte limit (the claim and archive prefixes pushed them over) and a name
    in GBK bytes: each file ends archived with records or quarantined with a reason, and the
    database and the reason file keep the whole name."""
    box = home / "inbox"
    text = SEED.read_text(encoding="utf-8")
    names = {}
    for i, n_bytes in enumerate((200, 220, 236, 237, 250, 255)):
        stem = "表" * ((n_bytes - 4) // 3)
        name = stem + "x" * (n_bytes - 4 - len(stem.encode())) + ".txt"
        assert len(name.encode()) == n_bytes
        names[name] = drop(box / name, (text + "\n" * (i + 1)).encode())  # distinct contents: processed
    junk = "坏" * 80 + ".docx"  # 245 bytes, quarantined
    drop(box / junk, os.urandom(500))
    gbk = "绩效目标表（GBK）.txt"
    drop(Path(os.fsdecode(bytes(box) + b"/" + gbk.encode("gbk"))), (text + "\n" * 9).encode())

    outcomes = run(home, store)
    assert sorted(o.status for o in outcomes) == ["processed"] * 7 + ["quarantined"]
    assert [p.name for p in box.iterdir() if p.name != ".processing"] == []
    assert list((box / ".processing").iterdir()) == []
    files = {f.original_name: f for f in store.files()}
    assert set(files) == set(names) | {junk, gbk}
    for name, f in files.items():
        path = Path(f.archive_path)
        assert path.exists() and len(path.name.encode()) <= 255
        if f.status == "processed":
            data = json.loads(path.with_name(path.name + ".records.json").read_text(encoding="utf-8"))
            assert data["file"] == name and len(data["records"]) == 8
        else:
            reason = path.with_name(path.name + ".reason.txt").read_text(encoding="utf-8")
            assert f"文件：{name}" in reason
    assert {r["source"]["file"] for o in outcomes for r in o.records} == set(names) | {gbk}


THREADS_IN_A_FRESH_PROCESS = """
import shutil, sys, threading
from pathlib import Path
from pipeline import inbox
from pipeline.process import process_file
from pipeline.store import Store
home = Path(sys.argv[1])
st = Store(f"sqlite:///{home}/var/jixiao.db")
outs = []
def one(n):
    outs.append(process_file(inbox.claim(home / "inbox" / n), store=st, render=False, home=home))
ts = [threading.Thread(target=one, args=(n,)) for n in ("a.txt", "b.txt")]
[t.start() for t in ts]
[t.join() for t in ts]
print(sorted((o.status, o.anomalies) for o in outs))
"""


def test_two_files_at_once_in_a_fresh_process_are_both_checked(home):
    """The first files of a process are checked in two threads at once (the flow's task runner):
    both get all their anomalies (the checks' first load raced: one file was quarantined)."""
    import subprocess
    import sys

    text = SEED.read_text(encoding="utf-8")
    drop(home / "inbox" / "a.txt", text.encode())
    drop(home / "inbox" / "b.txt", (text + "\n").encode())
    res = subprocess.run([sys.executable, "-c", THREADS_IN_A_FRESH_PROCESS, str(home)], capture_output=True,
                         text=True, timeout=120, check=False, cwd=Path(__file__).resolve().parent.parent)
    assert res.returncode == 0, res.stderr[-2000:]
    got = eval(res.stdout.strip())
    assert [s for s, _ in got] == ["processed", "processed"] and got[0][1] >= 22
