"""The record contract (../shared/contract/README.md) as dataclasses.

`Record.to_dict()` gives exactly the contract's JSON; `Record.from_dict()` reads it
back (for `jixiao render RECORDS.json` and the store).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

HEADER_FIELDS = (
    "project_name", "project_type", "project_level", "department", "implementing_unit",
    "period_start", "period_end", "budget_year", "budget_amount", "goal_overall", "goal_annual",
)


@dataclass
class Target:
    """A value read as one target: `≥50场` -> Target("≥", 50, "场")."""

    op: str
    value: float | int
    unit: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"op": self.op, "value": self.value, "unit": self.unit}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Target | None:
        return None if d is None else cls(d["op"], d["value"], d.get("unit"))


@dataclass
class Origin:
    """Where a piece of the form was read: page (1-based, PDF), table and row (0-based);
    for a scan, the recognition confidence (0..1) it was read with."""

    page: int | None = None
    table: int | None = None
    row: int | None = None
    confidence: float | None = None  # OCR only: the weakest digit's (else character's) confidence

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass
class Indicator:
    level1: str
    level2: str
    name: str
    period_value: str | None = None
    annual_value: str | None = None
    period_target: Target | None = None
    annual_target: Target | None = None
    origin: Origin | None = None
    # the column layout the row came from had a 实施周期指标值 column
    has_period_column: bool = True
    # extra columns of the row (权重, 指标解释, 实际完成值 ...): header text -> cell text
    extras: dict[str, str] = field(default_factory=dict)
    # OCR only: "name" / "period_value" / "annual_value" -> the recognition confidence it was read with
    confidence: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "level1": self.level1,
            "level2": self.level2,
            "name": self.name,
            "period_value": self.period_value,
            "annual_value": self.annual_value,
            "period_target": self.period_target.to_dict() if self.period_target else None,
            "annual_target": self.annual_target.to_dict() if self.annual_target else None,
        }
        if self.origin:
            d["origin"] = self.origin.to_dict()
        if self.extras:
            d["extras"] = dict(self.extras)
        if self.confidence:
            d["confidence"] = dict(self.confidence)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Indicator:
        o = d.get("origin")
        return cls(
            level1=d["level1"], level2=d["level2"], name=d["name"],
            period_value=d.get("period_value"), annual_value=d.get("annual_value"),
            period_target=Target.from_dict(d.get("period_target")),
            annual_target=Target.from_dict(d.get("annual_target")),
            origin=Origin(**o) if o else None,
            has_period_column=d.get("has_period_column", True),
            extras=dict(d.get("extras") or {}),
            confidence=dict(d.get("confidence") or {}),
        )


@dataclass
class Anomaly:
    code: str
    severity: str  # "error" | "warning" | "info"
    message: str  # Chinese, names the values compared
    where: str  # "budget_amount", "indicators[3].annual_value"

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "severity": self.severity, "message": self.message, "where": self.where}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Anomaly:
        return cls(d["code"], d["severity"], d["message"], d.get("where", ""))


@dataclass
class Source:
    file: str
    sha256: str
    format: str  # "txt" | "docx" | "pdf" | "xlsx" | "doc" | "xls" | "wps" | "et" | "png" | "jpeg" | "tiff"
    form_index: int
    ocr: bool = False  # read by OCR from a scan or photo

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Finding:
    """Something the reader/parser noticed in the text itself (HTML removed, (cid:NN) ...).

    The checks turn findings into anomalies (markup_in_text, garbled_text)."""

    kind: str  # "markup" | "garbled"
    field: str  # "goal_overall", "indicators[2].name"
    text: str  # the offending snippet, as found


@dataclass
class Record:
    project_name: str | None = None
    project_type: str | None = None
    project_level: str | None = None
    department: str | None = None
    implementing_unit: str | None = None
    period_start: int | None = None
    period_end: int | None = None
    budget_year: int | None = None
    budget_amount: float | None = None
    goal_overall: str | None = None
    goal_annual: str | None = None
    indicators: list[Indicator] = field(default_factory=list)
    anomalies: list[Anomaly] = field(default_factory=list)
    source: Source | None = None
    # field name -> where it was read
    provenance: dict[str, Origin] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    # the indicator table had a 实施周期指标值 column
    has_period_column: bool = True
    # what the form is: 项目绩效目标表, or 项目支出绩效自评表 (targets from its target column)
    form_kind: str = "项目绩效目标表"
    # one project of a table listing several (单位 | 项目名称 | 预算数 | 年度目标 | 一级指标 …):
    # a layout with no place for 主管部门 or 实施周期
    project_list: bool = False

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {k: getattr(self, k) for k in HEADER_FIELDS}
        d["indicators"] = [i.to_dict() for i in self.indicators]
        d["anomalies"] = [a.to_dict() for a in self.anomalies]
        d["source"] = self.source.to_dict() if self.source else None
        d["provenance"] = {k: v.to_dict() for k, v in self.provenance.items()}
        d["findings"] = [asdict(f) for f in self.findings]
        d["has_period_column"] = self.has_period_column
        d["form_kind"] = self.form_kind
        d["project_list"] = self.project_list
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Record:
        r = cls(**{k: d.get(k) for k in HEADER_FIELDS})
        r.indicators = [Indicator.from_dict(i) for i in d.get("indicators", [])]
        r.anomalies = [Anomaly.from_dict(a) for a in d.get("anomalies", [])]
        s = d.get("source")
        r.source = Source(**s) if s else None
        r.provenance = {k: Origin(**v) for k, v in (d.get("provenance") or {}).items()}
        r.findings = [Finding(**f) for f in d.get("findings", [])]
        r.has_period_column = d.get("has_period_column", True)
        r.form_kind = d.get("form_kind") or "项目绩效目标表"
        r.project_list = bool(d.get("project_list", False))
        return r
