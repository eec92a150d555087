"""One settings object, read from the environment (prefix JIXIAO_), defaults written once.

Every default is listed in README.md ("Settings"); `jixiao settings` prints the values
in force. Lists are comma-separated in the environment:

    JIXIAO_SATISFACTION_FLOOR=90 JIXIAO_NEGATIVE_WORDS=逾期,差错,投诉 jixiao extract x.docx
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _words(s: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in s.replace("，", ",").split(",") if w.strip())


@dataclass(frozen=True)
class Settings:
    # ---- folders and storage
    home: Path = ROOT  # where inbox/, outbox/ and var/ live
    inbox: Path = ROOT / "inbox"
    outbox: Path = ROOT / "outbox"
    database_url: str = ""  # default: sqlite:///<home>/var/jixiao.db
    # ---- input limits
    max_file_mb: float = 50.0  # a larger file is refused
    max_unzipped_mb: float = 200.0  # a .docx expanding past this is a zip bomb
    max_zip_ratio: float = 200.0  # or compressing better than this
    max_pdf_pages: int = 200
    # ---- checks (../shared/contract/anomalies.md)
    satisfaction_floor: float = 85.0  # % ; 满意度 targets below it are flagged
    cost_tolerance: float = 0.01  # relative; cost breakdown vs budget
    cost_level1_from_year: int = 2021  # 成本指标 required from this budget year on
    open_ended_year: int = 2099  # period_end at or past it is an ongoing project
    negative_words: tuple[str, ...] = ("逾期", "差错", "投诉", "事故", "成本", "费用", "超支", "违规", "失误", "故障", "返工")
    budget_words: tuple[str, ...] = ("成本控制在预算内", "项目总成本", "预算总额", "总成本", "项目总预算", "预算控制",
                                     "成本控制", "预算金额", "项目预算", "资金总额")
    execution_words: tuple[str, ...] = ("预算执行率", "资金到位率", "支出金额", "资金支付率", "资金执行率", "支出进度",
                                        "资金拨付率", "预算支出率")
    vague_words: tuple[str, ...] = ("进一步提高", "明显改善", "有效促进", "逐步提高", "显著提升", "不断提升", "有效提升",
                                    "稳步提升", "明显提升", "有所提高", "进一步提升", "进一步加强")
    # ---- rendering
    soffice: str = "soffice"
    fontconfig_file: Path = ROOT / "templates" / "fonts.conf"

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.home / 'var' / 'jixiao.db'}"


def load(env: dict[str, str] | None = None) -> Settings:
    """Settings from the environment (JIXIAO_<FIELD>), defaults otherwise."""
    env = dict(os.environ if env is None else env)
    kwargs: dict[str, object] = {}
    home = env.get("JIXIAO_HOME")
    if home:
        kwargs["home"] = Path(home)
        kwargs["inbox"] = Path(home) / "inbox"
        kwargs["outbox"] = Path(home) / "outbox"
    for f in fields(Settings):
        raw = env.get("JIXIAO_" + f.name.upper())
        if raw is None or f.name == "home":
            continue
        default = getattr(Settings, f.name, None)
        if isinstance(default, tuple):
            kwargs[f.name] = _words(raw)
        elif isinstance(default, bool):
            kwargs[f.name] = raw.lower() in ("1", "true", "yes", "on")
        elif isinstance(default, int):
            kwargs[f.name] = int(raw)
        elif isinstance(default, float):
            kwargs[f.name] = float(raw)
        elif isinstance(default, Path):
            kwargs[f.name] = Path(raw)
        else:
            kwargs[f.name] = raw
    return Settings(**kwargs)  # type: ignore[arg-type]


_current: Settings | None = None


def get() -> Settings:
    global _current
    if _current is None:
        _current = load()
    return _current


def reset() -> None:
    """Forget the cached settings (tests that change the environment)."""
    global _current
    _current = None
