"""Legacy Word, WPS and Excel files: .doc and .xls made by LibreOffice from the .docx and
.xlsx fixtures must give the same records as the files they came from; files that
cannot be converted are refused with a reason and quarantined."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import formgen
import pytest
import xlsxgen
from compare import assert_same

from pipeline import settings
from pipeline.errors import CorruptFile, UnsupportedFormat
from pipeline.extract import extract_file, extract_paths
from pipeline.process import process_file
from pipeline.readers import cfb, convert
from pipeline.store import Store

pytestmark = pytest.mark.slow

LAYOUTS = ("standard", "split")


def soffice_convert(src: Path, fmt: str, out: Path, profile: Path) -> Path:
    """What a person gets from File > Save As in LibreOffice (the fixture, not the code under test)."""
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", fmt,
                    "--outdir", str(out), str(src)], check=True, capture_output=True, timeout=180)
    made = out / f"{src.stem}.{fmt}"
    assert made.is_file(), f"LibreOffice made no {fmt} of {src.name}"
    return made


@pytest.fixture(scope="module")
def records():
    return formgen.sample_records()


@pytest.fixture(scope="module")
def legacy(tmp_path_factory, records):
    """layout -> {"docx", "doc", "xlsx", "xls"}: each form in the modern and the legacy format."""
    root = tmp_path_factory.mktemp("legacy")
    profile = root / "profile"
    out: dict[str, dict[str, Path]] = {}
    for layout in LAYOUTS:
        d = root / layout
        d.mkdir()
        docx = formgen.write_docx(records, d / f"{layout}.docx", layout)
        xlsx = xlsxgen.write_xlsx(records, d / f"{layout}_sheet.xlsx", layout)
        out[layout] = {"docx": docx, "xlsx": xlsx, "doc": soffice_convert(docx, "doc", d, profile),
                       "xls": soffice_convert(xlsx, "xls", d, profile)}
    return out


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("fmt,modern", [("doc", "docx"), ("xls", "xlsx")])
def test_legacy_file_gives_the_records_of_its_modern_original(legacy, records, layout, fmt, modern):
    files = legacy[layout]
    assert cfb.is_cfb(files[fmt].read_bytes()[:8])  # really a binary compound file
    got = [r.to_dict() for r in extract_file(files[fmt], checks=False)]
    original = [r.to_dict() for r in extract_file(files[modern], checks=False)]
    assert len(got) == len(records)
    for i, (g, o, r) in enumerate(zip(got, original, records)):
        assert_same(g, formgen.expected_for(r, layout), f"{fmt} {layout} form {i}")
        assert_same(g, o, f"{fmt} {layout} form {i} vs {modern}")
        assert g["source"]["format"] == fmt


def test_wps_and_et_are_read_like_doc_and_xls(legacy, records, tmp_path):
    """WPS Office writes .wps / .et as Word / Excel compound files."""
    wps = shutil.copy(legacy["standard"]["doc"], tmp_path / "表.wps")
    et = shutil.copy(legacy["standard"]["xls"], tmp_path / "表.et")
    for path, fmt in ((Path(wps), "wps"), (Path(et), "et")):
        got = extract_file(path, checks=False)
        assert [r.project_name for r in got] == [r.project_name for r in records]
        assert got[0].source.format == fmt


def test_doc_saved_as_docx_is_converted(legacy, records, tmp_path):
    wrong = Path(shutil.copy(legacy["standard"]["doc"], tmp_path / "renamed.docx"))
    got = extract_file(wrong, checks=False)
    assert got[0].project_name == records[0].project_name and got[0].source.format == "doc"


def test_garbage_doc_is_refused_with_a_reason(tmp_path):
    junk = tmp_path / "garbage.doc"
    junk.write_bytes(os.urandom(4096))
    broken = tmp_path / "broken.xls"
    broken.write_bytes(cfb.MAGIC + os.urandom(4096))
    results = extract_paths([junk, broken])
    for r in results:
        assert isinstance(r.error, CorruptFile), r.error
        assert "另存为" in r.error.reason_zh


def test_garbage_doc_is_quarantined_with_its_reason(tmp_path):
    home = tmp_path / "home"
    (home / "inbox").mkdir(parents=True)
    junk = home / "inbox" / "损坏.doc"
    junk.write_bytes(b"\x00\x01not a word file" * 200)
    store = Store(f"sqlite:///{home}/var/jixiao.db")
    try:
        outcome = process_file(junk, store=store, render=False, home=home, out_dir=home / "outbox")
    finally:
        store.close()
    assert outcome.status == "quarantined" and outcome.kind == "corrupt"
    reason = next((home / "quarantine").glob("*.reason.txt")).read_text(encoding="utf-8")
    assert ".doc" in reason and "另存为" in reason


def test_conversion_past_its_time_limit_is_killed(legacy, tmp_path, monkeypatch):
    """A stand-in soffice that never ends: the call returns at the limit and its process group is gone."""
    fake = tmp_path / "soffice"
    pidfile = tmp_path / "pid"
    fake.write_text(f"#!/bin/sh\necho $$ > {pidfile}\nsleep 300 &\nwait\n")
    fake.chmod(0o755)
    monkeypatch.setenv("JIXIAO_SOFFICE", str(fake))
    settings.reset()
    try:
        t0 = time.monotonic()
        with pytest.raises(CorruptFile) as e:
            convert.convert_batch([legacy["standard"]["doc"]], convert.WRITER, tmp_path / "work", timeout=2)
        assert time.monotonic() - t0 < 20
        assert "超时" in e.value.reason_zh
        pid = int(pidfile.read_text())
        time.sleep(0.2)
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    finally:
        settings.reset()


def test_missing_libreoffice_is_reported(legacy, tmp_path, monkeypatch):
    monkeypatch.setenv("JIXIAO_SOFFICE", str(tmp_path / "no-such-soffice"))
    settings.reset()
    try:
        with pytest.raises(UnsupportedFormat) as e:
            extract_file(legacy["standard"]["xls"])
        assert "LibreOffice" in e.value.reason_zh
    finally:
        settings.reset()
