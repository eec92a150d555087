""".docx: a record as the standard 项目绩效目标表, filled from templates/standard_form.docx by docxtpl.

    render_docx(record, path)       one .docx
    context(record)                 what the template's tags read (`f.project_name`, `f.rows` ...)

What "clean" means here is presentation only: HTML and stray white space removed,
amounts as 775,413.00, operators as ≥ ≤, empty indicator rows left out, canonical
一级/二级 names. Nothing else in a value is changed: a value the checks flagged is
shown as it was submitted.

The template cannot say "merge while equal" (docxtpl's {% vm %} merges a column over
the whole loop), so equal 一级 cells, and equal 二级 cells within them, are merged
vertically with w:vMerge after docxtpl has filled the rows.
"""

from __future__ import annotations

import copy
import io
import os
import re
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import ClassVar

from .. import settings as _settings
from ..errors import JixiaoError
from ..models import Indicator, Record
from ..settings import ROOT
from ..text import clean
from ..vocab import LEVEL2_PARENT, column_role, level1_of, level2_of

TEMPLATE = ROOT / "templates" / "standard_form.docx"

# labels the renderer writes itself (the rest is in the template); jixiao extract reads them back
BUDGET_LABEL = "{year}年预算金额（元）"
BUDGET_LABEL_NO_YEAR = "预算金额（元）"
ANNUAL_GOAL_LABEL = "{year}年度目标"
ANNUAL_GOAL_LABEL_NO_YEAR = "年度目标"

INDICATOR_HEADER = "一级指标"  # a text of the indicator table's header row (how LibreOffice finds the table)
_MERGED_COLUMNS = 3  # 绩效指标 | 一级 | 二级: the columns whose merged cells go on over pages

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_COLUMN_ROLES = ("label", "level1", "level2", "name", "period_value", "annual_value")
# what follows w:vMerge in w:tcPr (schema order; Word refuses a file with them out of order)
_TCPR_AFTER_VMERGE = ("tcBorders", "shd", "noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark",
                      "headers", "cellIns", "cellDel", "cellMerge", "tcPrChange")


# ------------------------------------------------------------------ presentation

_GE = re.compile(r"[>＞]\s*[=＝]|[≧⩾]")
_LE = re.compile(r"[<＜]\s*[=＝]|[≦⩽]")


def show(text: str | None) -> str:
    """A value as the clean form prints it: no HTML, lines joined, trimmed, ≥ ≤ for >= <=."""
    if text is None:
        return ""
    t, _ = clean(str(text))
    if any(ch in t for ch in "=≧≦⩾⩽"):
        t = _LE.sub("≤", _GE.sub("≥", t))
    return t


def show_amount(amount: float | str | None) -> str:
    """775413 -> "775,413.00"; None -> ""; what is not a number (a hand-edited file) as written."""
    if amount is None or amount == "":
        return ""
    try:
        return f"{float(str(amount).replace(',', '')):,.2f}"
    except ValueError:
        return show(str(amount))


def show_year(year: int | None) -> str:
    return "" if year is None else str(year)


def _is_empty(ind: Indicator) -> bool:
    return not (show(ind.name) or show(ind.period_value) or show(ind.annual_value))


def indicator_rows(record: Record, empty_level2: bool | None = None) -> list[dict[str, str]]:
    """The rows of the indicator table: canonical level names, empty rows left out; with
    `empty_level2` (default JIXIAO_RENDER_EMPTY_LEVEL2) the official 二级 rows a 一级 group
    lacks are shown empty, each at its place in the official order (社会成本指标 ...)."""
    rows = []
    for ind in record.indicators:
        if _is_empty(ind):
            continue
        rows.append({
            "level1": level1_of(ind.level1) or show(ind.level1),
            "level2": level2_of(ind.level2) or show(ind.level2),
            "name": show(ind.name),
            "period_value": show(ind.period_value),
            "annual_value": show(ind.annual_value),
        })
    if empty_level2 is None:
        empty_level2 = _settings.get().render_empty_level2
    return _with_empty_level2(rows) if empty_level2 else rows


def _with_empty_level2(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Each run of rows of one official 一级 gets the official 二级 it lacks as empty rows, each
    after the last row of a 二级 that comes before it in the official order; nothing moves."""
    out: list[dict[str, str]] = []
    start = 0
    for k in range(1, len(rows) + 1):
        if k < len(rows) and rows[k]["level1"] == rows[start]["level1"]:
            continue
        group = rows[start:k]
        level1 = group[0]["level1"]
        official = [l2 for l2, parent in LEVEL2_PARENT.items() if parent == level1]
        for l2 in official:
            if any(r["level2"] == l2 for r in group):
                continue
            before = official[:official.index(l2)]
            at = max((j + 1 for j, r in enumerate(group) if r["level2"] in before), default=0)
            group.insert(at, {"level1": level1, "level2": l2, "name": "", "period_value": "", "annual_value": ""})
        out += group
        start = k
    return out


def context(record: Record) -> dict:
    """What the template's tags read (`f.project_name`, `f.rows` ...)."""
    year = record.budget_year
    return {"f": {
        "project_name": show(record.project_name),
        "project_type": show(record.project_type),
        "project_level": show(record.project_level),
        "department": show(record.department),
        "implementing_unit": show(record.implementing_unit),
        "period_start": show_year(record.period_start),
        "period_end": show_year(record.period_end),
        "budget_label": BUDGET_LABEL.format(year=year) if year else BUDGET_LABEL_NO_YEAR,
        "budget_amount": show_amount(record.budget_amount),
        "goal_overall": show(record.goal_overall),
        "annual_label": ANNUAL_GOAL_LABEL.format(year=year) if year else ANNUAL_GOAL_LABEL_NO_YEAR,
        "goal_annual": show(record.goal_annual),
        "rows": indicator_rows(record),
    }}


# ------------------------------------------------------------------ .docx

@lru_cache(maxsize=4)
def _template_bytes(path: Path, mtime: float) -> bytes:
    return path.read_bytes()


@lru_cache(maxsize=1)
def _docxtpl():
    """(DocxTemplate subclass, Jinja environment), both remembering their work across forms.

    docxtpl re-patches and re-compiles the same template XML for every render; the
    patched XML and the compiled Jinja template depend on the template alone, so they
    are kept (about 40% of the time of one form)."""
    from docxtpl import DocxTemplate
    from jinja2 import Environment

    @lru_cache(maxsize=32)
    def patched(src_xml: str) -> str:
        return DocxTemplate.patch_xml(None, src_xml)  # type: ignore[arg-type]  # uses no state

    class Template(DocxTemplate):
        def patch_xml(self, src_xml):
            return patched(src_xml)

    class Env(Environment):
        _lock = threading.Lock()
        _compiled: ClassVar[dict[str, object]] = {}

        def from_string(self, source, globals=None, template_class=None):
            if globals is not None or template_class is not None or not isinstance(source, str):
                return super().from_string(source, globals, template_class)
            t = self._compiled.get(source)
            if t is None:
                t = super().from_string(source)
                with self._lock:
                    if len(self._compiled) > 64:
                        self._compiled.clear()
                    self._compiled[source] = t
            return t

    return Template, Env(autoescape=True)


def render_docx(record: Record, path: str | Path, template: str | Path | None = None) -> Path:
    """Write `record` as the standard form to `path` (.docx) and return the path."""
    template_class, env = _docxtpl()
    tpl_path = Path(template) if template else TEMPLATE
    data = _template_bytes(tpl_path, tpl_path.stat().st_mtime)
    tpl = template_class(io.BytesIO(data))
    ctx = context(record)
    tpl.render(ctx, jinja_env=env, autoescape=True)
    _merge_levels(tpl.docx, ctx["f"]["rows"])
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tpl.save(str(tmp))
    os.replace(tmp, path)
    return path


def _indicator_table(doc):
    """(table element, index of the 一级指标 header row) of the rendered form."""
    for tbl in doc.element.body.iter(_W + "tbl"):
        for k, tr in enumerate(tbl.iterchildren(_W + "tr")):
            texts = ["".join(t.text or "" for t in tc.iter(_W + "t")) for tc in tr.iterchildren(_W + "tc")]
            if {"level1", "name"} <= {column_role(t) for t in texts}:
                return tbl, k
    raise JixiaoError("the template has no indicator header row (一级指标 ... 三级指标)")


def _merge_levels(doc, rows: Sequence[dict[str, str]]) -> None:
    """Merge runs of equal 一级 cells, and of equal 二级 cells within them, vertically."""
    if not rows:
        return
    tbl, head = _indicator_table(doc)
    all_trs = list(tbl.iterchildren(_W + "tr"))
    trs = all_trs[head + 1: head + 1 + len(rows)]
    # the label column: the template merges it over the loop rows, whose restart sat in the
    # dropped {%tr for %} row; the first rendered row starts the merge unless the header does
    first = trs[0].find(_W + "tc")
    above = all_trs[head].find(_W + "tc")
    if _vmerge_of(first) == "continue" and _vmerge_of(above) is None:
        _set_vmerge(first, restart=True)
    level1_col = _COLUMN_ROLES.index("level1")
    for col, key in ((level1_col, lambda r: r["level1"]),
                     (level1_col + 1, lambda r: (r["level1"], r["level2"]))):
        start = 0
        for k in range(1, len(rows) + 1):
            if k == len(rows) or key(rows[k]) != key(rows[start]):
                if k - start > 1:
                    for j in range(start, k):
                        _set_vmerge(list(trs[j].iterchildren(_W + "tc"))[col], restart=j == start)
                start = k


def repeat_labels_on_pages(src: str | Path, dst: str | Path, pages: Sequence[int]) -> bool:
    """Write `src` to `dst` with the merged 绩效指标 / 一级 / 二级 cells started afresh, with their
    label, on the first row of each page the indicator table runs onto (`pages`: the page of
    each row of that table, as LibreOffice laid it out). False (nothing written) when the table
    fits on one page."""
    from docx import Document

    doc = Document(str(src))
    tbl, head = _indicator_table(doc)
    trs = list(tbl.iterchildren(_W + "tr"))
    if len(pages) != len(trs):
        return False
    starts = [r for r in range(head + 1, len(trs)) if pages[r] != pages[r - 1]]
    if not starts:
        return False
    # LibreOffice repeats the header row on each page with the whole span of a merge started
    # in it: the 绩效指标 cell starts at the first indicator row instead, and the header's
    # corner cell above it, empty, has no rule under it (so the two still read as one cell)
    corner = next(trs[head].iterchildren(_W + "tc"), None)
    first = next(trs[head + 1].iterchildren(_W + "tc"), None) if head + 1 < len(trs) else None
    if corner is not None and first is not None and _vmerge_of(corner) == "restart":
        _set_vmerge(first, restart=True)
        for p in list(first.iterchildren(_W + "p")):
            first.remove(p)
        for p in list(corner.iterchildren(_W + "p")):
            first.append(copy.deepcopy(p))
            for r in list(p.iterchildren(_W + "r")):
                p.remove(r)
        corner.find(_W + "tcPr").remove(corner.find(f"{_W}tcPr/{_W}vMerge"))
        _open_side(corner, "bottom")
        _open_side(first, "top")
    changed = True
    for r in starts:
        tcs = list(trs[r].iterchildren(_W + "tc"))
        for col in range(min(_MERGED_COLUMNS, len(tcs))):
            if _vmerge_of(tcs[col]) != "continue":
                continue
            source = None
            for k in range(r - 1, -1, -1):
                above = list(trs[k].iterchildren(_W + "tc"))
                if col < len(above) and _vmerge_of(above[col]) == "restart":
                    source = above[col]
                    break
            if source is None:
                continue
            _set_vmerge(tcs[col], restart=True)
            for p in list(tcs[col].iterchildren(_W + "p")):
                tcs[col].remove(p)
            for p in source.iterchildren(_W + "p"):
                tcs[col].append(copy.deepcopy(p))
            if col == 0:
                _open_side(tcs[col], "top")  # under the header's empty corner cell, repeated on this page
    doc.save(str(dst))
    return changed


def _open_side(tc, side: str) -> None:
    """No rule on one side of a cell (its own w:tcBorders, which the template writes on every cell)."""
    from lxml import etree

    borders = tc.find(f"{_W}tcPr/{_W}tcBorders")
    if borders is None:
        return
    el = borders.find(_W + side)
    if el is None:
        el = etree.SubElement(borders, _W + side)
    for attr in list(el.attrib):
        del el.attrib[attr]
    el.set(_W + "val", "nil")


def _vmerge_of(tc) -> str | None:
    """"restart", "continue" or None (not merged vertically)."""
    vm = tc.find(f"{_W}tcPr/{_W}vMerge")
    if vm is None:
        return None
    return vm.get(_W + "val") or "continue"


def _set_vmerge(tc, restart: bool) -> None:
    from lxml import etree

    tcPr = tc.find(_W + "tcPr")
    if tcPr is None:
        tcPr = etree.SubElement(tc, _W + "tcPr")
        tc.remove(tcPr)
        tc.insert(0, tcPr)
    old = tcPr.find(_W + "vMerge")
    if old is not None:
        tcPr.remove(old)
    vm = etree.Element(_W + "vMerge")
    if restart:
        vm.set(_W + "val", "restart")
    later = {_W + t for t in _TCPR_AFTER_VMERGE}
    for k, el in enumerate(tcPr):
        if el.tag in later:
            tcPr.insert(k, vm)
            break
    else:
        tcPr.append(vm)
    if not restart:
        # a continued cell shows the text of the first; keep one empty paragraph with its style
        paras = list(tc.iterchildren(_W + "p"))
        for p in paras[1:]:
            tc.remove(p)
        for r in list(paras[0].iterchildren(_W + "r")):
            paras[0].remove(r)
