"""A budget system's published list of projects whose targets stand as bracketed lines (安徽's
"某局2025年项目绩效目标和指标" pages): 单位编码 | 单位名称（项目类别/支出项目） | 年度预算安排 | 项目内容 |
绩效目标, the department's total row, the unit's row (its code, name and amount), a category's row
(其他运转类, 本级项目: the projects' 项目类别) and each project's row, whose 项目内容 cell reads
`【项目概况】:…` and whose 绩效目标 cell reads

    【总体目标】
    保障…
    【产出指标-数量指标】
    指标1:机柜数量(≥77台)
    【产出指标-成本指标】
    指标1:维护成本(<1681680元)

Each project gives one record; its targets are the lines under each `【一级-二级】` heading, the value in
the name's last brackets. A table's cells and a page's lines read alike: every cell's text is cut into
its lines, in reading order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import vocab
from ..document import RawDocument
from ..models import Indicator, Origin, Record
from ..targets import parse_target
from .values import parse_amount, strip_code, years_in

# a document is such a list when this many `【一级-二级】` headings stand in it
MIN_LEVEL_HEADINGS = 2
# a bracketed heading, what follows it on its line (【项目概况】:该项目为…)
_HEADING = re.compile(r"^【(?P<head>[^】]{1,24})】[:：]?\s*(?P<rest>.*)$")
# 产出指标-数量指标 (a dash of any width, or a slash, between the two levels)
_LEVEL_PAIR = re.compile(r"^(?P<l1>[^-－—–/／]+)[-－—–/／]+(?P<l2>[^-－—–/／]+)$")
# 指标1:机柜数量(≥77台): the value in the name's last brackets
_TARGET = re.compile(r"^(?:指标\d{1,2}[:：])?(?P<name>.+)[(（](?P<value>[^()（）]+)[)）]$")
_NUMBERED = re.compile(r"^指标\d{1,2}[:：]")
# a row's figure (its annual amount) and a unit's code (037001, 6 digits or more, a leading zero)
_FIGURE = re.compile(r"^\d[\d,]*(?:\.\d+)?$")
_CODE = re.compile(r"^0\d{2,}$|^\d{6,}$")
# the page's heading: the year of the list (某局2025年项目绩效目标和指标)
_LIST_TITLE = re.compile(r"(?:19|20)\d\d年.{0,12}项目绩效目标")


@dataclass(slots=True)
class _Entry:
    """One row of the list before a project's content: [code] name figure."""

    name: str
    figure: str
    code: str | None = None


@dataclass(slots=True)
class _Line:
    text: str
    origin: Origin


@dataclass
class _State:
    records: list[Record] = field(default_factory=list)
    plain: list[_Line] = field(default_factory=list)  # lines since the last bracketed content
    department: str | None = None
    unit: str | None = None
    category: str | None = None
    year: int | None = None
    wan: bool = False  # 年度预算安排(万元)
    record: Record | None = None
    level: tuple[str, str] | None = None
    goal_field: str | None = None  # a goal heading whose text is on the next line


def looks_bracketed(doc: RawDocument) -> bool:
    if "【" not in "".join([c.text for row in doc.rows for c in row.cells]):
        return False  # (most documents: no bracket at all, no need to cut their cells into lines; one
        # search over the joined texts, not a generator step per cell: this runs on every document)
    n = 0
    for line in _lines(doc):
        m = _HEADING.match(line.text)
        if m and _levels(m.group("head")) is not None:
            n += 1
            if n >= MIN_LEVEL_HEADINGS:
                return True
    return False


def bracketed_list(doc: RawDocument) -> list[Record]:
    st = _State()
    for line in _lines(doc):
        text = line.text
        if st.year is None and _LIST_TITLE.search(text) and (years := years_in(text)):
            st.year = years[0]
        if "万元" in text and vocab.header_field(text) is not None:
            st.wan = True  # 年度预算安排（万元）
        m = _HEADING.match(text)
        if m:
            _heading(st, m.group("head"), m.group("rest"), line)
            continue
        if st.goal_field and st.record is not None:
            setattr(st.record, st.goal_field, text)
            st.record.provenance[st.goal_field] = line.origin
            st.goal_field = None
            continue
        if st.level is not None and st.record is not None and (_NUMBERED.match(text) or _TARGET.match(text)):
            _target(st, text, line.origin)
            continue
        st.level = None
        st.plain.append(line)
    return st.records


def _heading(st: _State, head: str, rest: str, line: _Line) -> None:
    levels = _levels(head)
    if levels is not None:
        st.goal_field = None
        st.level = levels
        if rest and st.record is not None:
            _target(st, rest, line.origin)  # 【产出指标-数量指标】指标1:… on one line
        return
    if st.plain or st.record is None:
        _new_project(st)
        st.plain = []
    lab = vocab.header_field(head)
    st.level = None
    if st.record is not None and lab is not None and lab.field in ("goal_overall", "goal_annual"):
        if rest:
            setattr(st.record, lab.field, rest)
            st.record.provenance[lab.field] = line.origin
        else:
            st.goal_field = lab.field


def _new_project(st: _State) -> None:
    """The project is the last row before its content; the rows before it since the last project are
    the department's total (no code, before any unit), a unit's (with a code) or a category's."""
    entries = _entries([p for ln in st.plain for p in ln.text.split()])  # (a row's cells one space apart)
    if not entries:
        st.record = None
        return
    *before, project = entries
    for e in before:
        if e.code is not None:
            st.unit, st.category = strip_code(e.name), None
        elif st.unit is None:
            st.department = strip_code(e.name)
        else:
            st.category = e.name
    origin = st.plain[-1].origin
    r = Record(project_name=project.name, project_type=st.category, department=st.department or st.unit,
               implementing_unit=st.unit, budget_year=st.year, project_list=True, has_period_column=False)
    r.budget_amount = parse_amount(project.figure, "万元" if st.wan else "元")
    r.provenance.update({k: origin for k in ("project_name", "budget_amount")})
    st.records.append(r)
    st.record = r


def _entries(texts: list[str]) -> list[_Entry]:
    """[code] name figure rows, read back from the last: what is no such row (the page's chrome, the
    list's column headers) is passed over."""
    out: list[_Entry] = []
    k = len(texts) - 1
    while k >= 1:
        if _FIGURE.match(texts[k]) and not _FIGURE.match(texts[k - 1]):
            name, figure = texts[k - 1], texts[k]
            # a code before the name: one with a leading zero, or one right after the row above's figure
            code = texts[k - 2] if k >= 2 and _CODE.match(texts[k - 2]) and (
                texts[k - 2].startswith("0") or k == 2 or _FIGURE.match(texts[k - 3])) else None
            out.append(_Entry(name, figure, code))
            k -= 3 if code else 2
        else:
            k -= 1
    return out[::-1]


def _target(st: _State, text: str, origin: Origin) -> None:
    assert st.record is not None and st.level is not None
    m = _TARGET.match(text)
    if m:
        name, value = m.group("name"), m.group("value")
    else:
        m2 = vocab.PROSE_TARGET_ITEM.match(_NUMBERED.sub("", text))
        if not m2:
            return
        name, value = m2.group("name"), m2.group("value")
    name = _NUMBERED.sub("", name).strip()
    if name:
        value = value.strip()
        st.record.indicators.append(Indicator(st.level[0], st.level[1], name, annual_value=value,
                                              annual_target=parse_target(value), origin=origin,
                                              has_period_column=False))


def _levels(head: str) -> tuple[str, str] | None:
    """产出指标-数量指标 -> (产出指标, 数量指标); a 一级 name in the 二级's place (产出指标-成本指标, the old
    tree) -> that 一级 and its only 二级."""
    m = _LEVEL_PAIR.match(head.strip())
    if not m:
        return None
    l1_text, l2_text = m.group("l1"), m.group("l2")
    if (l2 := vocab.level2_of(l2_text)) is not None:
        return vocab.LEVEL2_PARENT.get(l2) or vocab.level1_of(l1_text) or "", l2
    if (l1 := vocab.level1_of(l2_text)) is not None and vocab.level1_of(l1_text) is not None:
        return l1, vocab.LEVEL1_DEFAULT_LEVEL2.get(l1, "")
    return None


# where a cell's text starts a line of the list, its lines joined (a PDF wraps them at the cell's width)
_LINE_START = re.compile(r"(?=【)|(?=指标\d{1,2}[:：])")


def _lines(doc: RawDocument) -> list[_Line]:
    """Every cell's text in reading order, a line of the list each: a cell's own lines are joined (a PDF
    wrapped them: `【产出指标-数量指` / `标】`, `食品安全监督抽检服` / `务采购项目`) and cut again where a
    heading or a target starts."""
    out: list[_Line] = []
    for row in doc.rows:
        origin = Origin(row.page, row.table, row.row)
        for c in row.cells:
            if c.covered:
                continue
            text = "".join(part.strip(" |｜") for part in c.text.split("\n"))  # (a copy's cell marks are no text)
            out.extend(_Line(t, origin) for part in _LINE_START.split(text) if (t := part.strip()))
    return out
