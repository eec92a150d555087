"""Source and handling: what extraction noticed in the text, open-ended periods, resubmissions."""

from __future__ import annotations

from ..text import garbled_snippet
from ..vocab import MARKUP, MOJIBAKE
from . import check
from ._util import all_text, may_be_garbled
from .completeness import TEXT_FIELDS

FIELD_LABELS = TEXT_FIELDS | {"document": "文件"}


def _label(field: str) -> str:
    if field.startswith("indicators["):
        return "指标" + field[field.index("]") + 1:].replace(".name", "名称").replace(
            ".annual_value", "年度指标值").replace(".period_value", "实施周期指标值").replace(".level2", "二级指标")
    return FIELD_LABELS.get(field, field)


def _mojibake(text: str | None) -> str | None:
    m = MOJIBAKE.search(text or "")
    return m.group(0) if m else None


def _short(text: str, n: int = 20) -> str:
    return text if len(text) <= n else text[:n] + "…"


@check("markup_in_text", "info")
def markup_in_text(r, s):
    """HTML tags found (and removed) in a text field."""
    seen: set[str] = set()
    for f in r.findings:
        if f.kind == "markup" and f.field not in seen:
            seen.add(f.field)
            yield f.field, (f"{_label(f.field)}含有HTML标记（如<p>），已自动去除：“{_short(f.text)}”，"
                            f"请在源表中删除标记后重新填报")
    blob = all_text(r)
    if "<" not in blob and "&" not in blob:
        return
    for field, text in _text_fields(r):
        m = MARKUP.search(text) if text and ("<" in text or "&" in text) else None
        if m and field not in seen:
            seen.add(field)
            yield field, f"{_label(field)}含有HTML标记“{m.group(0)}”（{_short(text)}），请在源表中删除标记后重新填报"


def _text_fields(r):
    for field in TEXT_FIELDS:
        yield field, getattr(r, field)
    for n, ind in enumerate(r.indicators):
        yield f"indicators[{n}].name", ind.name
        yield f"indicators[{n}].annual_value", ind.annual_value
        yield f"indicators[{n}].period_value", ind.period_value


@check("garbled_text", "warning")
def garbled_text(r, s):
    """Extraction produced (cid:NN), U+FFFD or mojibake in a field."""
    seen: set[str] = set()
    for f in r.findings:
        if f.kind == "garbled" and f.field not in seen:
            seen.add(f.field)
            yield f.field, f"{_label(f.field)}含有无法识别的乱码“{_short(f.text)}”，请核对原文或提供可复制文字的文件"
    if not may_be_garbled(all_text(r)):
        return
    for field, text in _text_fields(r):
        bad = (garbled_snippet(text) or _mojibake(text)) if text else None
        if bad and field not in seen:
            seen.add(field)
            yield field, f"{_label(field)}含有无法识别的乱码“{bad}”（{_short(text)}），请核对原文或提供可复制文字的文件"


@check("open_ended_period", "info")
def open_ended_period(r, s):
    """period_end at or past the open-ended year (setting open_ended_year, default 2099)."""
    if r.period_end is not None and r.period_end >= s.open_ended_year:
        yield "period_end", (f"到期年度为 {r.period_end}，表示长期持续项目、没有实际结束年度；"
                             f"如项目有明确期限，请填写实际到期年度")


@check("resubmission", "info", uses_store=True)
def resubmission(r, s, store):
    """A form for the same 主管部门 + 项目名称 + budget_year was seen before; this one supersedes it."""
    if store is None:
        return
    prev = store.previous_submission(r)
    if not prev:
        return
    when = f"已于{prev['received_at']}" if prev.get("received_at") else "此前已"
    yield "project_name", (f"{r.department or ''}“{r.project_name}”{r.budget_year or ''}年度的目标表{when}"
                           f"提交过（{prev.get('file') or '?'}），本次提交将替代上一版本，请确认以本版为准")


NUMBER_FIELDS = {"budget_amount": "预算金额", "period_start": "起始年度", "period_end": "到期年度", "budget_year": "预算年度"}
_VALUE_LABELS = {"name": "名称", "period_value": "实施周期指标值", "annual_value": "年度指标值"}


def _shown(field: str, value) -> str:
    if field == "budget_amount" and isinstance(value, (int, float)):
        return f"{value:,.2f}"
    return _short(str(value), 30)


@check("low_ocr_confidence", "warning")
def low_ocr_confidence(r, s):
    """A field or value with a digit, read from a scan, whose weakest digit was recognised with a
    confidence under ocr_min_confidence (default 0.65)."""
    if r.source is None or not r.source.ocr:
        return
    floor = s.ocr_min_confidence
    for field, origin in r.provenance.items():
        value = getattr(r, field, None)
        conf = origin.confidence
        if conf is None or conf >= floor or value is None or not any(ch.isdigit() for ch in str(value)):
            continue
        label = NUMBER_FIELDS.get(field) or FIELD_LABELS.get(field, field)
        yield field, (f"{label} {_shown(field, value)} 由扫描件识别得到，识别置信度 {conf:.2f} 偏低，"
                      f"数字可能识别有误，请与纸质原件核对")
    for n, ind in enumerate(r.indicators):
        for key, conf in ind.confidence.items():
            value = getattr(ind, key, None)
            if conf >= floor or not value or not any(ch.isdigit() for ch in value):
                continue
            yield f"indicators[{n}].{key}", (f"指标“{_short(ind.name, 20)}”的{_VALUE_LABELS[key]} {_short(value, 30)} "
                                             f"由扫描件识别得到，识别置信度 {conf:.2f} 偏低，数字可能识别有误，请与纸质原件核对")
