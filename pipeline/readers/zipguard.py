"""Size and bomb guards for an Office Open XML package (.docx, .xlsx), judged before decompressing.

The limits are settings (`max_unzipped_mb`, `max_zip_ratio`):
too many members, a member or the whole expanding past the limit, a member
compressing better than the ratio, encrypted members, and an XML part that
declares a DTD or entities (openpyxl parses with the standard library's expat).
`what_zh` names the kind of file in the Chinese reasons ("Excel 工作簿").
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from .. import settings
from ..errors import EncryptedFile, HostileFile, TooLarge

_RATIO_FLOOR = 1 << 20  # members smaller than this are not judged by their ratio (tiny XML compresses well)
_MAX_MEMBERS = 10_000
_PROLOG_BYTES = 4096  # a DOCTYPE must come before the root element, so within the first bytes
_DANGEROUS_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def check_members(zf: zipfile.ZipFile, path: Path, what_zh: str) -> list[zipfile.ZipInfo]:
    """Refuse a zip bomb or an encrypted package from the central directory alone."""
    limits = settings.get()
    max_bytes = int(limits.max_unzipped_mb * 1024 * 1024)
    max_ratio = limits.max_zip_ratio
    infos = zf.infolist()
    if len(infos) > _MAX_MEMBERS:
        raise TooLarge(f"{path.name}: {len(infos)} zip members", f"{what_zh}内含 {len(infos)} 个文件，数量异常，已拒绝处理")
    total = 0
    mb = 1024 * 1024
    for info in infos:
        total += info.file_size
        if info.file_size > max_bytes or total > max_bytes:
            raise TooLarge(f"{path.name}: expands to more than {max_bytes / mb:g} MiB ({info.filename})",
                           f"{what_zh}解压后超过 {max_bytes / mb:g} MiB（疑似压缩炸弹），已拒绝处理")
        if info.file_size > _RATIO_FLOOR and info.file_size > max_ratio * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            raise TooLarge(f"{path.name}: {info.filename} compresses {ratio:.0f}:1, over the {max_ratio:g}:1 limit",
                           f"{what_zh}压缩比异常（{ratio:.0f}:1，上限 {max_ratio:g}:1，疑似压缩炸弹），已拒绝处理")
    if any(i.flag_bits & 0x1 for i in infos):
        raise EncryptedFile(f"{path.name}: zip members are password protected",
                            f"{what_zh}已加密（压缩包有密码保护），请取消密码后重新提交")
    return infos


def check_xml_prologs(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], path: Path, what_zh: str) -> None:
    """Refuse any XML part that declares a DTD (entities, external references): Office never writes one."""
    for info in infos:
        if not info.filename.endswith((".xml", ".rels")) or info.file_size == 0:
            continue
        with zf.open(info) as fh:
            head = fh.read(_PROLOG_BYTES)
        if b"\x00" in head[:4]:
            head = head.replace(b"\x00", b"")
        if _DANGEROUS_DTD.search(head):
            raise HostileFile(f"{path.name}: {info.filename} declares a DTD or entities",
                              f"{what_zh}含有 XML 实体或 DTD 声明（可能是恶意构造的文件），已拒绝处理")
