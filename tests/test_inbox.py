"""The inbox lifecycle on real files: settling, ignoring, claiming, recovering, filing away."""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import threading
import time
from pathlib import Path

from pipeline import inbox
from pipeline.errors import CorruptFile

IGNORED = ["~$表格.docx", ".~lock.表格.docx#", "x.tmp", "y.part", "z.crdownload", ".hidden.docx", "Thumbs.db",
           "draft.docx~"]


def old(path: Path, seconds: float = 60) -> Path:
    t = time.time() - seconds
    os.utime(path, (t, t))
    return path


def drop(path: Path, content: bytes = b"x", age: float = 60) -> Path:
    """A file written `age` seconds ago."""
    path.write_bytes(content)
    return old(path, age)


def test_lock_temp_and_hidden_files_are_ignored(tmp_path):
    for name in IGNORED:
        drop(tmp_path / name)
    form = drop(tmp_path / "表格.docx", b"form")
    (tmp_path / "folder").mkdir()
    (tmp_path / ".processing").mkdir()
    drop(tmp_path / ".processing" / "123.h.abc__taken.docx")
    assert inbox.waiting_files(tmp_path, settle_seconds=0.2) == [form]
    assert all(inbox.is_ignored(n) for n in IGNORED)
    assert not inbox.is_ignored("财政分局_2张表.docx")


def test_a_fresh_file_waits_for_settle_seconds(tmp_path):
    p = tmp_path / "new.txt"
    p.write_text("just written")
    t0 = time.monotonic()
    assert inbox.waiting_files(tmp_path, settle_seconds=5.0, poll=0.05) == []  # too young
    assert time.monotonic() - t0 < 2
    old(p, 10)
    assert inbox.waiting_files(tmp_path, settle_seconds=5.0, poll=0.05) == [p]


class Grower(threading.Thread):
    """Appends to a file every `every` seconds for `duration` seconds, like a slow copy."""

    def __init__(self, path: Path, duration: float, every: float = 0.05):
        super().__init__(daemon=True)
        self.path, self.duration, self.every = path, duration, every
        self.done = threading.Event()

    def run(self) -> None:
        end = time.monotonic() + self.duration
        with self.path.open("ab") as fh:
            while time.monotonic() < end:
                fh.write(b"x" * 1024)
                fh.flush()
                time.sleep(self.every)
        self.done.set()


def test_a_growing_file_is_taken_only_when_complete(tmp_path):
    p = tmp_path / "copying.docx"
    p.write_bytes(b"")
    grower = Grower(p, duration=1.2)
    watcher = inbox.Watcher(settle_seconds=0.4)
    grower.start()
    while not grower.done.is_set():
        assert p not in watcher.stable(tmp_path), "taken while still growing"
        assert p not in inbox.waiting_files(tmp_path, settle_seconds=0.3, poll=0.1)
        time.sleep(0.05)
    size = p.stat().st_size
    assert size > 10 * 1024
    deadline = time.monotonic() + 5
    while p not in watcher.stable(tmp_path):
        assert time.monotonic() < deadline, "never taken after it stopped growing"
        time.sleep(0.05)
    assert p.stat().st_size == size
    assert inbox.waiting_files(tmp_path, settle_seconds=0.3, poll=0.1) == [p]


def test_a_watcher_needs_stillness_even_for_an_old_mtime(tmp_path):
    """`cp -p` keeps an old mtime: the watcher still waits settle_seconds of its own clock."""
    clock = [100.0]
    w = inbox.Watcher(settle_seconds=5, clock=lambda: clock[0])
    p = drop(tmp_path / "copied.pdf", b"%PDF-1.4\n%%EOF\n")
    assert w.stable(tmp_path) == []
    clock[0] += 4
    assert w.stable(tmp_path) == []
    clock[0] += 1.5
    assert w.stable(tmp_path) == [p]


def test_claim_is_atomic_and_exclusive_between_threads(tmp_path):
    p = tmp_path / "form.txt"
    p.write_text("form")
    barrier = threading.Barrier(8)
    results: list[Path | None] = []

    def grab():
        barrier.wait()
        results.append(inbox.claim(p))

    threads = [threading.Thread(target=grab) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    won = [r for r in results if r is not None]
    assert len(won) == 1
    assert won[0].parent == tmp_path / ".processing" and won[0].read_text() == "form"
    assert inbox.original_name(won[0]) == "form.txt"
    assert not p.exists()


def _claim_in_process(path: str, start, out) -> None:
    start.wait()
    got = inbox.claim(Path(path))
    out.put(str(got) if got else None)


def test_claim_is_exclusive_between_processes(tmp_path):
    ctx = mp.get_context("fork")
    for i in range(5):
        p = tmp_path / f"f{i}.docx"
        p.write_bytes(b"x")
        start, out = ctx.Event(), ctx.Queue()
        procs = [ctx.Process(target=_claim_in_process, args=(str(p), start, out)) for _ in range(2)]
        for pr in procs:
            pr.start()
        start.set()
        got = [out.get(timeout=10) for _ in procs]
        for pr in procs:
            pr.join(10)
        assert sum(g is not None for g in got) == 1


def test_recover_stale_returns_only_dead_runs_files(tmp_path):
    work = tmp_path / ".processing"
    work.mkdir()
    host = inbox._token().split(".")[1]
    dead = mp.get_context("fork").Process(target=lambda: None)
    dead.start()
    dead.join()
    (work / f"{dead.pid}.{host}.aaaa0000__crashed.docx").write_bytes(b"1")
    (work / f"{os.getpid()}.{host}.bbbb0000__mine.docx").write_bytes(b"2")
    (tmp_path / "crashed.docx").write_bytes(b"newer drop, same name")
    back = inbox.recover_stale(tmp_path)
    assert [p.name for p in back] == ["crashed_2.docx"]  # never overwrites a new drop
    assert (tmp_path / "crashed_2.docx").read_bytes() == b"1"
    assert [p.name for p in work.iterdir()] == [f"{os.getpid()}.{host}.bbbb0000__mine.docx"]


def test_archive_layout_and_records(tmp_path):
    p = tmp_path / "inbox" / "seed.txt"
    p.parent.mkdir()
    p.write_text("form")
    claimed = inbox.claim(p)
    dest = inbox.archive(claimed, [{"project_name": "白玉兰"}], sha256="ab" * 32, home=tmp_path)
    assert dest.parent.parent == tmp_path / "archive"
    assert dest.name == "abababab_seed.txt" and dest.read_text() == "form"
    data = json.loads((dest.parent / "abababab_seed.txt.records.json").read_text(encoding="utf-8"))
    assert data["records"] == [{"project_name": "白玉兰"}] and data["file"] == "seed.txt"
    assert not claimed.exists()


def test_quarantine_never_overwrites_and_explains_in_two_languages(tmp_path):
    paths = []
    for content in (b"first", b"second"):
        p = tmp_path / "bad.docx"
        p.write_bytes(content)
        paths.append(inbox.quarantine(inbox.claim(p), CorruptFile("not a zip archive"), home=tmp_path))
    assert [p.name for p in paths] == ["bad.docx", "bad_2.docx"]
    assert [p.read_bytes() for p in paths] == [b"first", b"second"]
    reason = (tmp_path / "quarantine" / "bad.docx.reason.txt").read_text(encoding="utf-8")
    assert "文件已损坏" in reason and "处理建议" in reason  # Chinese: what and what to do
    assert "What was wrong: not a zip archive" in reason and "What to do" in reason  # English
    assert "__" not in reason  # the claim token is not shown


def test_move_unique_between_racers(tmp_path):
    """Many movers into one folder under one name: nobody's file is overwritten."""
    srcs = []
    for i in range(6):
        s = tmp_path / f"s{i}"
        s.write_text(str(i))
        srcs.append(s)
    dest = tmp_path / "q"
    threads = [threading.Thread(target=inbox.move_unique, args=(s, dest, "same.docx")) for s in srcs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(p.read_text() for p in dest.iterdir()) == [str(i) for i in range(6)]


def test_a_docx_or_pdf_without_its_end_marker_waits(tmp_path):
    """A slow copy paused half-way looks settled; its missing zip directory / %%EOF says it is not done."""
    whole_docx = (Path(__file__).resolve().parent.parent / "samples" / "财政分局_街道办_2张表.docx").read_bytes()
    whole_pdf = b"%PDF-1.7\n" + b"x" * 5000 + b"\n%%EOF\n"
    d = drop(tmp_path / "a.docx", whole_docx[: len(whole_docx) // 2])
    f = drop(tmp_path / "b.pdf", whole_pdf[:3000])
    t = drop(tmp_path / "c.txt", b"plain text has no marker")
    assert inbox.waiting_files(tmp_path, settle_seconds=0.1, poll=0) == [t]
    w = inbox.Watcher(settle_seconds=0)
    assert w.stable(tmp_path) == [t]
    drop(d, whole_docx)
    drop(f, whole_pdf)
    assert inbox.waiting_files(tmp_path, settle_seconds=0.1, poll=0) == [d, f, t]
    assert w.stable(tmp_path) == [d, f, t]
    drop(d, whole_docx[:100], age=3600)  # still for an hour: it will never be whole; taken (to quarantine)
    assert inbox.waiting_files(tmp_path, settle_seconds=0.1, poll=0, incomplete_wait=600) == [d, f, t]


def test_a_claim_whose_pid_is_now_another_live_process_is_recovered(tmp_path):
    """The pid of a crashed run was reused: the claim names pid and start time, so it is not mistaken
    for a live run's."""
    work = tmp_path / ".processing"
    work.mkdir()
    live = os.getppid()  # a live process, not the one that claimed
    token = inbox.run_token().split(".")[1]
    (work / f"{live}-1.{token}.abc123__crashed.docx").write_bytes(b"1")
    mine = inbox.claim(drop(tmp_path / "mine.docx", b"2"))
    back = inbox.recover_stale(tmp_path)
    assert [p.name for p in back] == ["crashed.docx"]
    assert [p.name for p in work.iterdir()] == [mine.name]


def test_a_long_or_gbk_name_is_claimed_and_put_back_unchanged(tmp_path):
    long = "表" * 84 + ".docx"  # 257 bytes with a 5-byte suffix: over the limit with any prefix
    long = long[:-6] + ".docx"
    gbk = os.fsdecode("目标表.docx".encode("gbk"))
    for name in (long, gbk):
        p = drop(tmp_path / name, b"x")
        c = inbox.claim(p)
        assert c is not None and len(c.name.encode()) <= 255
        assert inbox.original_name(c) == name
        assert inbox.claimed_name(c) == ("目标表.docx" if name == gbk else inbox.shown_name(name))
        back = inbox.put_back(c)
        assert back.name == name and back.read_bytes() == b"x"
    assert sorted(os.listdir(tmp_path / ".processing")) == []


def test_an_atomic_write_leaves_the_old_file_or_the_new_one(tmp_path):
    import pytest

    from pipeline.atomic import replacing, write_atomic

    p = write_atomic(tmp_path / "note.txt", "旧")
    with pytest.raises(RuntimeError), replacing(p) as tmp:
        tmp.write_text("half")
        raise RuntimeError("disk full")
    assert p.read_text(encoding="utf-8") == "旧" and os.listdir(tmp_path) == ["note.txt"]
    write_atomic(p, b"new")
    assert p.read_bytes() == b"new" and os.listdir(tmp_path) == ["note.txt"]


def test_a_claim_is_recorded_with_an_absolute_path(tmp_path, monkeypatch):
    """`jixiao run --inbox inbox` from one folder, recovery from another: the claimed path holds."""
    (tmp_path / "inbox").mkdir()
    drop(tmp_path / "inbox" / "x.docx", b"x")
    monkeypatch.chdir(tmp_path)
    c = inbox.claim(Path("inbox") / "x.docx")
    assert c.is_absolute() and c.parent == tmp_path / "inbox" / ".processing"
    assert inbox.claim_is_stale(str(c)) is False
