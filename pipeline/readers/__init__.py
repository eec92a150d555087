"""Readers: one module per format, each `read(path) -> RawDocument`, chosen by content, then suffix.

    .txt                 txt.py (a table run together on one line: runtogether.py, its row grammar)
    .docx                docx.py
    .pdf                 pdf.py
    .xlsx .xlsm          xlsx.py
    .doc .wps .rtf       convert.py: LibreOffice Writer -> .docx -> docx.py
    .xls .et             convert.py: LibreOffice Calc -> .xlsx -> xlsx.py
    .png .jpg .tif .bmp  ocr/: a scan or photo, read offline by OCR (a PDF without a
                         text layer goes there from pdf.py)

The first bytes decide when they can (a PDF saved as x.docx, a .doc saved as
x.docx): `%PDF-` is a PDF; a zip is a .docx or an .xlsx by the part it holds; an
OLE2 compound file (`cfb.py`) is an encrypted .docx/.xlsx (refused), a legacy
Word/WPS text or a legacy Excel/WPS sheet by its streams.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

from ..document import RawDocument
from ..errors import CorruptFile, EncryptedFile, UnsupportedFormat
from . import cfb

Reader = Callable[[Path], RawDocument]

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp")

SUPPORTED = ".docx .doc .wps .pdf .txt .xlsx .xls .et .png .jpg .tif"


def _registry() -> dict[str, Reader]:
    # imported lazily so that `jixiao extract x.txt` never pays for pdfplumber
    def txt(p: Path) -> RawDocument:
        from . import txt as m
        return m.read(p)

    def docx(p: Path) -> RawDocument:
        from . import docx as m
        return m.read(p)

    def pdf(p: Path) -> RawDocument:
        from . import pdf as m
        return m.read(p)

    def xlsx(p: Path) -> RawDocument:
        from . import xlsx as m
        return m.read(p)

    def writer(p: Path) -> RawDocument:
        from . import convert as m
        return m.read(p, m.WRITER, _legacy_format(p, "doc"))

    def calc(p: Path) -> RawDocument:
        from . import convert as m
        return m.read(p, m.CALC, _legacy_format(p, "xls"))

    def image(p: Path) -> RawDocument:
        from . import ocr as m
        return m.read_image(p)

    images = dict.fromkeys(IMAGE_SUFFIXES, image)
    return {**images, ".txt": txt, ".docx": docx, ".pdf": pdf, ".xlsx": xlsx, ".xlsm": xlsx,
            ".doc": writer, ".wps": writer, ".dot": writer, ".rtf": writer, ".xls": calc, ".et": calc, ".xlt": calc}


def _legacy_format(p: Path, default: str) -> str:
    """The format a converted file reports: its own suffix when it names a legacy format (wps, et)."""
    s = p.suffix.lower().lstrip(".")
    return s if s in ("doc", "wps", "dot", "rtf", "xls", "et", "xlt") else default


READERS = _registry()

_ZIP = b"PK\x03\x04"
_IMAGE_MAGIC = ((b"\x89PNG\r\n\x1a\n", ".png"), (b"\xff\xd8\xff", ".jpg"), (b"II*\x00", ".tif"),
                (b"MM\x00*", ".tif"), (b"BM", ".bmp"))


def sniff(path: Path) -> str | None:
    """The format a file really is by its first bytes (a PDF saved as x.docx), as a suffix; None: unknown."""
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError:
        return None
    if head.startswith(b"%PDF-"):
        return ".pdf"
    if head.startswith(_ZIP):
        return _zip_kind(path)
    if cfb.is_cfb(head):
        return _cfb_kind(path)
    if head.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"{\\rtf"):
        return ".rtf"
    for magic, suffix in _IMAGE_MAGIC:
        if head.startswith(magic):
            return suffix
    # some PDF writers put junk before the header; a zip never starts that way
    return ".pdf" if b"%PDF-" in head and not head.startswith(b"PK") else None


def _zip_kind(path: Path) -> str:
    """.xlsx when the package is a workbook (content types and xl/workbook.xml), else .docx
    (whose reader judges the rest)."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return ".docx"
    if "xl/workbook.xml" in names and "[Content_Types].xml" in names and "word/document.xml" not in names:
        return ".xlsx"
    return ".docx"


def _cfb_kind(path: Path) -> str:
    """An OLE2 file's format by its streams; an encrypted OOXML package is refused here."""
    kind = cfb.kind_of(path)
    suffix = path.suffix.lower()
    excel = suffix in (".xlsx", ".xlsm", ".xls", ".et", ".xlt")
    if kind is cfb.Kind.ENCRYPTED_OOXML:
        what = "Excel 工作簿" if excel else "Word 文档"
        raise EncryptedFile(f"{path.name} is password protected (encrypted OOXML package)",
                            f"{what}已加密（有密码保护），请取消密码后重新提交")
    if kind is cfb.Kind.WORD_ENCRYPTED:
        raise EncryptedFile(f"{path.name} is a password protected Word .doc",
                            "Word 文档已加密（有密码保护），请取消密码后重新提交")
    if kind is cfb.Kind.WORD:
        return ".wps" if suffix == ".wps" else ".doc"
    if kind is cfb.Kind.EXCEL:
        return ".et" if suffix == ".et" else ".xls"
    if suffix in (".wps", ".et"):
        return suffix  # WPS and Works files LibreOffice recognises by content
    raise CorruptFile(f"{path.name}: an OLE2 compound file holding neither a Word nor an Excel document",
                      "文件是 OLE 复合文档，但其中既没有 Word 文档也没有 Excel 工作表，无法读取")


_SNIFFED = (".docx", ".pdf", ".xlsx", ".xlsm", ".doc", ".wps", ".dot", ".rtf", ".xls", ".et", ".xlt", *IMAGE_SUFFIXES)
_LEGACY = (".doc", ".wps", ".dot", ".rtf", ".xls", ".et", ".xlt")
_TEXT_MARKUP = (b"<", b"{\\rtf")  # HTML / SpreadsheetML 2003 / RTF saved under a legacy suffix


def read(path: Path) -> RawDocument:
    suffix = path.suffix.lower()
    if suffix in _SNIFFED:
        found = sniff(path)
        if found is None and suffix in _LEGACY and not _markup_head(path):
            raise CorruptFile(f"{path.name}: neither an OLE2 compound file nor markup; not a {suffix} file",
                              f"文件内容不是有效的 {suffix} 文档（已损坏或扩展名有误），请用 Word / WPS / Excel "
                              f"另存为 .docx 或 .xlsx 后重新提交")
        suffix = found or suffix
    reader = READERS.get(suffix)
    if reader is None:
        raise UnsupportedFormat(
            f"unsupported format {path.suffix or '(no suffix)'}: jixiao reads {SUPPORTED}",
            f"不支持的文件格式（{path.suffix or '无扩展名'}）；支持 Word (.docx .doc)、WPS (.wps .et)、"
            f"Excel (.xlsx .xls)、PDF、.txt 和扫描图片 (.png .jpg .tif)",
        )
    return reader(path)


def _markup_head(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            head = fh.read(512)
    except OSError:
        return False
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        head = head.removeprefix(bom)
    return head.replace(b"\x00", b"").lstrip().startswith(_TEXT_MARKUP)
