"""What an OLE2 compound file (CFB, first bytes D0 CF 11 E0) holds, from its directory.

The same container carries an encrypted .docx/.xlsx (streams `EncryptionInfo` and
`EncryptedPackage`), a legacy Word or WPS text (`WordDocument`) and a legacy Excel or
WPS spreadsheet (`Workbook`, or `Book` before Excel 97). Only the directory is read
(olefile), never a stream's body, except the 12-byte head of `WordDocument` whose
flags say whether the .doc itself is password protected. A directory olefile cannot
walk is judged by the stream names it spells (UTF-16LE), as the .docx reader does:
encrypted, or a broken legacy file (refused with its reason, never converted).
"""

from __future__ import annotations

import struct
from enum import Enum
from pathlib import Path

from ..errors import CorruptFile

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FIB_FLAGS_AT = 0x0A  # FibBase: wIdent, nFib, unused, lid, pnNext, then the flags word
_F_ENCRYPTED = 0x0100


class Kind(Enum):
    ENCRYPTED_OOXML = "encrypted_ooxml"
    WORD = "word"  # .doc, .wps, .dot
    WORD_ENCRYPTED = "word_encrypted"
    EXCEL = "excel"  # .xls, .et
    OTHER = "other"


def is_cfb(head: bytes) -> bool:
    return head.startswith(MAGIC)


def kind_of(path: Path) -> Kind:
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            names = {"/".join(entry) for entry in ole.listdir(streams=True, storages=False)}
            if "EncryptedPackage" in names or "EncryptionInfo" in names:
                return Kind.ENCRYPTED_OOXML
            if "WordDocument" in names:
                head = ole.openstream("WordDocument").read(_FIB_FLAGS_AT + 2)
                if len(head) >= _FIB_FLAGS_AT + 2:
                    (flags,) = struct.unpack_from("<H", head, _FIB_FLAGS_AT)
                    if flags & _F_ENCRYPTED:
                        return Kind.WORD_ENCRYPTED
                return Kind.WORD
            if "Workbook" in names or "Book" in names:
                return Kind.EXCEL
            return Kind.OTHER
    except (OSError, ValueError, struct.error, IndexError, KeyError, AttributeError) as e:
        names = _spelled_names(path)
        if names & {"EncryptedPackage", "EncryptionInfo"}:
            return Kind.ENCRYPTED_OOXML
        if "WordDocument" in names:
            what = "旧版 Word (.doc)"
        elif names & {"Workbook", "Book"}:
            what = "旧版 Excel (.xls)"
        else:
            what = "OLE 复合文档"
        raise CorruptFile(f"{path.name}: broken compound (OLE2) file ({type(e).__name__}: {e})",
                          f"文件是{what}格式，但结构已损坏，无法打开；请用 Word / WPS / Excel 另存为 .docx 或 .xlsx "
                          f"后重新提交") from None


_NAMES = ("EncryptedPackage", "EncryptionInfo", "WordDocument", "Workbook", "Book")


def _spelled_names(path: Path) -> set[str]:
    """The known stream names spelled anywhere in the file (its size is already bounded)."""
    data = path.read_bytes()
    return {n for n in _NAMES if n.encode("utf-16-le") + b"\x00\x00" in data}
