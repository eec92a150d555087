"""Refuse what must not be opened: links out of the folder, devices, oversized files; and
the list of what each parsing library raises on a malformed file (`library_errors`)."""

from __future__ import annotations

import os
import stat
import struct
import zipfile
import zlib
from pathlib import Path

from . import settings
from .errors import CorruptFile, EmptyFile, HostileFile, TooLarge


def check_file(path: Path, root: Path | None = None) -> None:
    """Raise an InputError unless `path` is a regular, non-empty file of sane size.

    With `root`, a symlink (or any path) that resolves outside `root` is refused."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        raise CorruptFile(f"no such file: {path}", "文件不存在") from None
    if stat.S_ISLNK(st.st_mode):
        target = path.resolve()
        if root is not None and not target.is_relative_to(root.resolve()):
            raise HostileFile(f"symlink points outside the folder: {path} -> {target}",
                              "该文件是指向文件夹外部的符号链接，已拒绝处理")
        st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise HostileFile(f"not a regular file: {path}", "不是普通文件（设备、管道或目录），已拒绝处理")
    if st.st_size == 0:
        raise EmptyFile(f"empty file: {path.name}")
    limit = settings.get().max_file_mb * 1024 * 1024
    if st.st_size > limit:
        raise TooLarge(f"file is {st.st_size / 1048576:.1f} MiB, over the {settings.get().max_file_mb:g} MiB limit",
                       f"文件大小 {st.st_size / 1048576:.1f} MiB，超过上限 {settings.get().max_file_mb:g} MiB")


# ------------------------------------------------------------------ what each library raises on a bad file

# built-in errors parsers let escape on damaged input (a truncated stream, a bad xref ...)
PARSER_BUILTINS: tuple[type[BaseException], ...] = (
    ValueError, KeyError, TypeError, IndexError, AttributeError, AssertionError, EOFError, OverflowError,
    RecursionError, UnicodeDecodeError, zlib.error, struct.error)


def library_errors(library: str) -> tuple[type[BaseException], ...]:
    """The exceptions `library` raises on a malformed file (each a `corrupt` file, mapped
    with `errors.map_exceptions` where the library is called). The library is imported
    here only when asked for, by the reader that already imported it."""
    if library == "pdfium":
        import pypdfium2

        return (pypdfium2.PdfiumError, *PARSER_BUILTINS)
    if library == "pdfminer":
        from pdfminer.psexceptions import PSException

        return (PSException, *PARSER_BUILTINS)
    if library == "lxml":
        from lxml import etree

        return (etree.Error, ValueError, RecursionError)
    if library == "zipfile":
        return (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, NotImplementedError, ValueError,
                OSError, struct.error)
    raise KeyError(f"no exception list for {library!r}")
