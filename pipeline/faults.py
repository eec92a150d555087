"""Faults of the system, not of the file, and the step boundaries where tests inject a crash.

A full disk, a read-only folder, a locked or unreachable database, a missing LibreOffice:
none of these is the file's fault, so a file meeting one is not quarantined. It goes back
to the inbox, the run says what is wrong (`system_fault` gives the sentence), and the next
pass after the fault takes it again.

    JIXIAO_CRASH_AT=committed jixiao run    # ends the process as kill -9 would, at that step

`boundary(step)` is called at every step boundary of one file's handling (see
`pipeline/process.py`); it is the one place that reads JIXIAO_CRASH_AT.
"""

from __future__ import annotations

import errno
import os

STEPS = ("claimed", "registered", "extracted", "rendered", "committed", "outputs_placed", "moved", "noted",
         "filed")

_ERRNO_ZH = {
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "磁盘配额已用完",
    errno.EROFS: "文件夹为只读",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EIO: "磁盘读写错误",
    errno.ENOTCONN: "共享文件夹连接已断开",
    errno.ESTALE: "共享文件夹连接已失效",
    errno.ETIMEDOUT: "共享文件夹响应超时",
    errno.EHOSTDOWN: "共享文件夹所在主机不可达",
}


class SystemFault(Exception):
    """A fault of the system met while handling a file (raised where the cause is known)."""

    def __init__(self, message: str, reason_zh: str):
        super().__init__(message)
        self.reason_zh = reason_zh


def system_fault(e: BaseException) -> str | None:
    """What is wrong, in Chinese, when `e` is a fault of the system; None when it is not."""
    if isinstance(e, SystemFault):
        return e.reason_zh
    if getattr(e, "kind", None) == "converter_unavailable":  # render.ConverterUnavailable: no/hung LibreOffice
        return str(getattr(e, "reason_zh", "LibreOffice 暂不可用"))
    if isinstance(e, OSError) and e.errno in _ERRNO_ZH:
        return f"{_ERRNO_ZH[e.errno]}（{e.strerror}）"
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.exc import TimeoutError as PoolTimeout

    if isinstance(e, DBAPIError) and (e.connection_invalidated or "locked" in str(e) or
                                      type(e).__name__ in ("OperationalError", "InterfaceError")):
        return f"数据库暂时无法使用（{str(e.orig or e)[:120]}）"
    if isinstance(e, PoolTimeout):
        return "数据库连接已用完"
    return None


def boundary(step: str) -> None:
    """A step boundary of one file's handling: with JIXIAO_CRASH_AT=<step> the process ends here,
    at once and without cleaning up, as kill -9 would (exit status 137)."""
    if os.environ.get("JIXIAO_CRASH_AT") == step:
        os._exit(137)
