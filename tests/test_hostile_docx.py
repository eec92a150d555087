"""Bad and hostile .docx files: each is refused with the right error, quickly and in
little memory. The files are built here, byte by byte where a library would refuse."""

from __future__ import annotations

import struct
import time
import tracemalloc
import zipfile
from pathlib import Path

import formgen
import pytest

from pipeline import settings
from pipeline.errors import (
    CorruptFile,
    EmptyFile,
    EncryptedFile,
    HostileFile,
    InputError,
    NotAForm,
    TooLarge,
)
from pipeline.extract import extract_file, extract_paths
from pipeline.readers import docx as docx_reader

MiB = 1024 * 1024
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOC_OPEN = f'<w:document xmlns:w="{W}"><w:body>'
DOC_CLOSE = "</w:body></w:document>"


@pytest.fixture
def limits(monkeypatch):
    """Set JIXIAO_* limits for one test."""
    def set_(**kw):
        for k, v in kw.items():
            monkeypatch.setenv(f"JIXIAO_{k.upper()}", str(v))
        settings.reset()
    yield set_
    monkeypatch.undo()
    settings.reset()


def refused(path: Path, error: type[InputError] | tuple[type[InputError], ...], *, seconds: float = 2.0, peak_mib: float = 40.0,
            via_extract: bool = True) -> InputError:
    """Run extraction under tracemalloc; it must raise `error` fast and without much memory."""
    tracemalloc.start()
    t0 = time.perf_counter()
    try:
        with pytest.raises(error) as info:
            (extract_file if via_extract else docx_reader.read)(path)
    finally:
        elapsed = time.perf_counter() - t0
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert elapsed < seconds, f"took {elapsed:.2f}s"
    assert peak < peak_mib * MiB, f"peak {peak / MiB:.1f} MiB"
    e = info.value
    assert any("\u4e00" <= ch <= "\u9fff" for ch in e.reason_zh), e.reason_zh
    return e


def package(path: Path, document: bytes | str, *, extra: dict[str, bytes] | None = None) -> Path:
    if isinstance(document, str):
        document = document.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return path


def form_xml(text: str = "项目名称") -> str:
    return f"{DOC_OPEN}<w:tbl><w:tr><w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>{DOC_CLOSE}"


# ------------------------------------------------------------------ zip bombs


def test_highly_compressed_member_is_refused_before_decompressing(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as fh:
            fh.write(DOC_OPEN.encode())
            block = b"<w:p/>" * (MiB // 6)
            for _ in range(40):
                fh.write(block)
            fh.write(DOC_CLOSE.encode())
    assert path.stat().st_size < MiB
    e = refused(path, TooLarge, peak_mib=8)
    assert "压缩" in e.reason_zh


def test_member_declaring_a_huge_size_is_refused(tmp_path):
    path = package(tmp_path / "declared.docx", form_xml())
    data = bytearray(path.read_bytes())
    cd = data.find(b"PK\x01\x02", 0)
    while cd != -1:  # patch every central-directory entry's uncompressed size to ~4 GiB
        struct.pack_into("<I", data, cd + 24, 0xFFFF0000)
        cd = data.find(b"PK\x01\x02", cd + 4)
    path.write_bytes(bytes(data))
    refused(path, TooLarge, peak_mib=4)


def test_member_lying_small_is_cut_off(tmp_path, limits):
    """A header claiming a small size for a big member: never decompressed past the claim."""
    limits(max_unzipped_mb=1)
    path = tmp_path / "liar.docx"
    big = (DOC_OPEN + "<w:p/>" * (3 * MiB // 6) + DOC_CLOSE).encode()
    package(path, big)
    data = bytearray(path.read_bytes())
    cd = data.find(b"PK\x01\x02")
    while cd != -1:
        name_len = struct.unpack_from("<H", data, cd + 28)[0]
        if data[cd + 46: cd + 46 + name_len] == b"word/document.xml":
            struct.pack_into("<I", data, cd + 24, 1000)
        cd = data.find(b"PK\x01\x02", cd + 4)
    path.write_bytes(bytes(data))
    refused(path, CorruptFile, peak_mib=8)  # zipfile stops at the claimed size; the CRC then fails


def test_total_expansion_limit(tmp_path, limits):
    limits(max_unzipped_mb=0.5)
    filler = bytes(range(256)) * 4096  # 1 MiB that compresses poorly enough to pass the ratio test
    path = package(tmp_path / "total.docx", form_xml(), extra={"word/media/a.bin": filler})
    refused(path, TooLarge)


# ------------------------------------------------------------------ XML tricks

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"""


def test_billion_laughs(tmp_path):
    path = package(tmp_path / "lol.docx", BILLION_LAUGHS + form_xml("&lol9;"))
    refused(path, HostileFile)


def test_billion_laughs_in_utf16(tmp_path):
    xml = (BILLION_LAUGHS.replace('version="1.0"', 'version="1.0" encoding="UTF-16"') + form_xml("&lol9;"))
    path = package(tmp_path / "lol16.docx", xml.encode("utf-16"))
    refused(path, HostileFile)


def test_external_entity(tmp_path):
    xml = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
           + form_xml("&xxe;"))
    e = refused(package(tmp_path / "xxe.docx", xml), HostileFile)
    assert "root:" not in str(e)


def test_external_dtd_and_parameter_entity(tmp_path):
    xml = ('<?xml version="1.0"?><!DOCTYPE d SYSTEM "http://127.0.0.1:9/evil.dtd">' + form_xml())
    refused(package(tmp_path / "dtd.docx", xml), HostileFile)
    xml = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p.dtd"> %p;]>' + form_xml())
    refused(package(tmp_path / "pe.docx", xml), HostileFile)


def test_doctype_hidden_behind_a_long_comment(tmp_path):
    xml = '<?xml version="1.0"?><!--' + "x" * 100_000 + "-->" + BILLION_LAUGHS.split("\n", 1)[1] + form_xml("&lol9;")
    e = refused(package(tmp_path / "hidden.docx", xml), HostileFile)
    assert "declares entities" in str(e)  # refused by our own scan, not by libxml2's amplification guard


def test_undeclared_entity_is_an_input_error(tmp_path):
    refused(package(tmp_path / "undeclared.docx", form_xml("&nope;")), HostileFile)


def test_malformed_xml(tmp_path):
    refused(package(tmp_path / "bad.docx", DOC_OPEN + "<w:p><w:r>"), CorruptFile)


# ------------------------------------------------------------------ broken and foreign containers


@pytest.fixture(scope="module")
def good_docx(tmp_path_factory) -> bytes:
    p = tmp_path_factory.mktemp("good") / "good.docx"
    return formgen.write_docx(formgen.sample_records()[:2], p).read_bytes()


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.95])
def test_truncated_zip(tmp_path, good_docx, keep):
    path = tmp_path / "cut.docx"
    path.write_bytes(good_docx[: int(len(good_docx) * keep)])
    refused(path, CorruptFile)


def test_corrupted_deflate_stream(tmp_path, good_docx):
    path = tmp_path / "flipped.docx"
    path.write_bytes(good_docx)
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("word/document.xml")
    data = bytearray(good_docx)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(start + 50, start + min(info.compress_size, 400), 7):
        data[k] ^= 0xFF
    path.write_bytes(bytes(data))
    refused(path, CorruptFile)


def test_not_a_zip(tmp_path):
    path = tmp_path / "text.docx"
    path.write_text("项目名称\t某项目\n", encoding="utf-8")
    refused(path, CorruptFile)


def test_zip_without_a_word_document(tmp_path):
    path = tmp_path / "sheet.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    e = refused(path, CorruptFile)
    assert "document.xml" in str(e)


def cfb(streams: list[str]) -> bytes:
    """A compound-file header followed by directory entries naming `streams` (UTF-16LE)."""
    header = docx_reader.CFB_MAGIC + bytes(16) + struct.pack("<HHH", 0x3E, 3, 0xFFFE) + bytes(512 - 30)
    entries = b""
    for name in ["Root Entry", *streams]:
        raw = name.encode("utf-16-le") + b"\x00\x00"
        entries += raw + bytes(64 - len(raw)) + struct.pack("<H", len(raw)) + bytes(128 - 66)
    return header + entries + bytes(4096)


def test_encrypted_ooxml(tmp_path):
    path = tmp_path / "secret.docx"
    path.write_bytes(cfb(["EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"]))
    e = refused(path, EncryptedFile)
    assert "密码" in e.reason_zh


def test_old_doc_renamed(tmp_path):
    path = tmp_path / "old.docx"
    path.write_bytes(cfb(["WordDocument", "1Table", "\x05SummaryInformation"]))
    e = refused(path, CorruptFile)
    assert ".doc" in e.reason_zh and "另存为" in e.reason_zh


# ------------------------------------------------------------------ empty and not a form


def test_docx_without_tables_is_not_a_form(tmp_path):
    from docx import Document

    d = Document()
    d.add_paragraph("关于召开2026年预算编制工作会议的通知")
    d.add_paragraph("各单位：请于10月底前报送项目绩效目标表。")
    d.save(str(tmp_path / "notice.docx"))
    refused(tmp_path / "notice.docx", NotAForm)


def test_docx_without_text_is_empty(tmp_path):
    from docx import Document

    d = Document()
    d.add_table(rows=2, cols=2)
    d.save(str(tmp_path / "blank.docx"))
    refused(tmp_path / "blank.docx", EmptyFile)


def test_zero_bytes(tmp_path):
    (tmp_path / "zero.docx").write_bytes(b"")
    refused(tmp_path / "zero.docx", EmptyFile)


def test_batch_turns_each_refusal_into_data(tmp_path, good_docx):
    good = tmp_path / "good.docx"
    good.write_bytes(good_docx)
    bad = package(tmp_path / "lol.docx", BILLION_LAUGHS + form_xml("&lol9;"))
    cut = tmp_path / "cut.docx"
    cut.write_bytes(good_docx[:1000])
    results = extract_paths([bad, good, cut], checks=False)
    assert [type(r.error).__name__ if r.error else len(r.records) for r in results] == [
        "HostileFile", 2, "CorruptFile"]


def test_password_protected_zip_members(tmp_path):
    path = package(tmp_path / "zipcrypto.docx", form_xml())
    data = bytearray(path.read_bytes())
    for sig, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # set bit 0 (encrypted) in every header
        k = data.find(sig)
        while k != -1:
            data[k + flag_at] |= 0x1
            k = data.find(sig, k + 4)
    path.write_bytes(bytes(data))
    refused(path, EncryptedFile)
