"""The error tree.

    JixiaoError                  base of everything we raise on purpose
    ├── InputError               the file is at fault; a person must act (quarantine it)
    │   ├── UnsupportedFormat    suffix/content we do not read
    │   ├── CorruptFile          cannot be parsed as its format claims
    │   ├── EncryptedFile        password protected
    │   ├── EmptyFile            zero bytes or no text at all
    │   ├── TooLarge             over the configured size limits (incl. zip bombs)
    │   ├── HostileFile          refused for safety (symlink escape, XML entities ...)
    │   └── NotAForm             readable, but holds no 项目绩效目标表
    └── InternalError            our own failure (a bug); never the file's fault

Every InputError carries a Chinese explanation (`reason_zh`) for the reason file a
reviewer reads, beside the English message.

Library errors become ours in one way, `map_exceptions`, where each library is called
(the exceptions each library raises on a malformed file are listed in `safety.py`): a
file PDFium, pdfminer, lxml or zipfile cannot read is `CorruptFile`, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager


class JixiaoError(Exception):
    """Base class of the errors jixiao raises on purpose."""


class InputError(JixiaoError):
    kind = "bad_input"
    reason_zh = "文件无法处理"

    def __init__(self, message: str, reason_zh: str | None = None):
        super().__init__(message)
        if reason_zh:
            self.reason_zh = reason_zh


class UnsupportedFormat(InputError):
    kind = "unsupported_format"
    reason_zh = "不支持的文件格式（仅支持 .docx、.pdf、.txt）"


class CorruptFile(InputError):
    kind = "corrupt"
    reason_zh = "文件已损坏，无法打开"


class EncryptedFile(InputError):
    kind = "encrypted"
    reason_zh = "文件已加密（有密码保护），请提交未加密的文件"


class EmptyFile(InputError):
    kind = "empty"
    reason_zh = "文件为空或没有可读取的文字"


class TooLarge(InputError):
    kind = "too_large"
    reason_zh = "文件过大或解压后体积异常（疑似压缩炸弹），已拒绝处理"


class HostileFile(InputError):
    kind = "hostile"
    reason_zh = "文件含有不安全的内容（如外部实体、指向目录外的链接），已拒绝处理"


class NotAForm(InputError):
    kind = "not_a_form"
    reason_zh = "文件中没有找到项目绩效目标表"


class InternalError(JixiaoError):
    kind = "internal"
    reason_zh = "程序内部错误，请联系维护人员"


# ------------------------------------------------------------------ mapping library errors


@contextmanager
def map_exceptions(mapping: Mapping[type[BaseException] | tuple[type[BaseException], ...],
                                    Callable[[BaseException], InputError]]) -> Iterator[None]:
    """Turn the exceptions a library raises into ours, where the library is called
    (httpx's `map_exceptions`): the first entry whose types match makes the error raised
    instead, chained to the original. Our own errors pass through untouched.

        with map_exceptions({LIBRARY_ERRORS["lxml"]: corrupt(path, "Word 正文 XML 结构损坏，无法读取")}):
            root = etree.fromstring(xml)
    """
    try:
        yield
    except JixiaoError:
        raise
    except BaseException as exc:
        if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
            raise
        for types, make in mapping.items():
            if isinstance(exc, types):
                raise make(exc) from exc
        raise


def corrupt(name: str, reason_zh: str) -> Callable[[BaseException], CorruptFile]:
    """A maker of the file's `corrupt` error: what the library said in English, `reason_zh`
    for the reviewer."""
    def make(exc: BaseException) -> CorruptFile:
        return CorruptFile(f"{name}: {type(exc).__name__}: {exc}"[:500], reason_zh)
    return make
