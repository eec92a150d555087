"""One settings object, read from the environment (prefix JIXIAO_), defaults written once.

Every default is listed in README.md ("Settings"); `jixiao settings` prints the values
in force. Lists are comma-separated in the environment:

    JIXIAO_SATISFACTION_FLOOR=90 JIXIAO_NEGATIVE_WORDS=逾期,差错,投诉 jixiao extract x.docx
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
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
    max_forms_per_file: int = 200  # a file with more forms is refused (quarantined as too large)
    convert_timeout: float = 60.0  # seconds LibreOffice may take to convert one .doc/.xls/.wps/.et
    max_sheet_mb: float = 20.0  # an .xlsx whose worksheets expand past this is refused before loading
    max_image_pixels: int = 60_000_000  # a scan or photo with more pixels is refused (decompression bomb)
    # ---- scans (pipeline/readers/ocr)
    ocr_dpi: int = 150  # a scanned PDF page is rendered at this resolution for OCR
    ocr_max_skew: float = 2.5  # degrees: a scan turned by up to this much is straightened
    ocr_min_confidence: float = 0.65  # a number read with a weaker character is flagged (low_ocr_confidence)
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
                                    "稳步提升", "明显提升", "有所提高", "进一步提升", "进一步加强", "不断提高",
                                    "持续提升", "切实提高", "全面提升", "显著改善", "有效改善", "进一步完善",
                                    "逐步完善", "明显提高", "大幅提升", "有效推动", "积极促进", "不断完善")
    # unit expected by the end of an indicator's name: "suffix=unit|unit" ("*" = any unit);
    # the longest matching suffix wins; a unit in the name itself (覆盖率（%）) wins over all
    unit_rules: tuple[str, ...] = (
        "频率=*", "效率=*", "人次数=人次|万人次|人", "户数=户|户次|家|家庭", "人数=人|人次|名|位|万人|万人次",
        "次数=次|场|场次|期|轮|批|届|堂|节|课时", "场次=场|场次|次", "场数=场|场次|次", "天数=天|日|个工作日|工作日",
        "人次=人次|万人次|人", "份数=份|本|册|张|套",
        "率=%|‰|个百分点|百分点|百分比", "满意度=%|百分比", "金额=元|万元|亿元|千元|万", "费用=元|万元|亿元|千元|万",
        "成本=元|万元|亿元|千元|万", "经费=元|万元|亿元|千元|万", "资金=元|万元|亿元|千元|万")
    # a 三级 under 质量指标 ending in one of these, with a count unit, is a headcount (misclassified) ...
    headcount_words: tuple[str, ...] = ("人数", "人次", "户数", "户次", "场次", "次数", "家数", "家次")
    # ... unless its name says it is a quality measure (an average, a qualification, a rate)
    quality_measure_words: tuple[str, ...] = ("平均", "每", "人均", "场均", "次均", "资质", "合格", "达标", "持证",
                                              "率", "比例", "占比", "满意")
    # an average or per-unit measure is not a cumulative count (annual_exceeds_period, participation)
    average_words: tuple[str, ...] = ("平均", "每", "人均", "场均", "次均", "单场", "单次", "均值")
    # a percentage above 100 is possible for these (增长率 150%)
    growth_words: tuple[str, ...] = ("增长", "增幅", "增加", "提高", "提升", "同比", "环比", "超额", "比上年", "较上年",
                                     "增速", "倍")
    # a negative word with one of these is a positive indicator (投诉处理率, 成本节约率)
    negative_exempt_words: tuple[str, ...] = ("处理", "办结", "解决", "回复", "整改", "响应", "化解", "节约", "节省",
                                              "降低", "减少", "下降", "压缩", "受理", "回访", "控制率", "效益")
    # amounts received, not spent: left out of the cost breakdown
    income_words: tuple[str, ...] = ("资助", "捐赠", "捐款", "收入", "筹集", "自筹", "募集", "社会资金", "吸引")
    # a total-participants indicator names one of these (participation_inconsistent)
    participant_words: tuple[str, ...] = ("参与", "受益", "服务", "覆盖", "参加", "培训", "惠及")
    # ---- orchestration (flows/; docs/operations.md)
    prefect_host: str = "127.0.0.1"  # where `jixiao server` listens
    prefect_port: int = 4200
    files_port: int = 4201  # the outbox (read-only) and stable links to the UI, on prefect_host (flows/outbox_server.py)
    nightly_cron: str = "0 2 * * *"  # the nightly sweep
    timezone: str = "Asia/Shanghai"
    settle_seconds: float = 5.0  # a file must be unchanged this long before it is taken
    incomplete_wait_seconds: float = 300.0  # a .docx/.pdf without its end marker waits this long (then: corrupt)
    watch_poll: bool = False  # poll the inbox instead of inotify (SMB/NFS shares)
    watch_interval: float = 5.0  # seconds between polls / rescans of the inbox
    task_runner: str = "threads"  # threads | dask
    max_workers: int = 2  # threads, or Dask workers on a local cluster
    dask_address: str = ""  # tcp://host:8786: use this Dask scheduler instead of a local cluster
    dask_workers: int = 2
    review_timeout_days: float = 90.0  # an unanswered review fails after this long
    pdf: bool = True  # render a PDF beside each .docx
    # ---- rendering
    soffice: str = "soffice"
    fontconfig_file: Path = ROOT / "templates" / "fonts.conf"
    converter: str = "auto"  # auto | uno (one long-lived LibreOffice per worker) | soffice (a call per batch)
    uno_python: str = "/usr/bin/python3"  # the Python with LibreOffice's `uno` (Debian: python3-uno)
    pdf_timeout: float = 120.0  # seconds one document may take in LibreOffice before it is killed as hung
    converter_start_timeout: float = 60.0  # seconds LibreOffice may take to start and answer
    converter_idle_seconds: float = 300.0  # a long-lived LibreOffice idle this long is stopped
    converter_max_documents: int = 200  # ... and started afresh after this many documents (it grows)
    render_empty_level2: bool = True  # show the official 二级 rows a form leaves out, empty (as the official form)
    pdf_batch_files: int = 200  # files per `soffice --convert-to` call (JIXIAO_CONVERTER=soffice)

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
