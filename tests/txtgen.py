"""Write records as the text people get when they copy a Word table: the seed's mess
(merged cells gone, rows starting at column 0, 1 or 2, stray empty cells), rows
separated by `|`, or one cell per line; in any layout the readers must handle.

    write_txt(records, path, style="tabs", layout="standard", encoding="utf-8", newline="\n", seed=0)
"""

from __future__ import annotations

import random
from pathlib import Path

from pipeline.models import Record
from tests.formgen import split_joined, split_value

LAYOUTS = ("standard", "annual_only", "split", "synonyms")


def expected(record: Record, layout: str) -> dict:
    """What extraction must give for `record` written in `layout`."""
    d = record.to_dict()
    for ind in d["indicators"]:
        if layout == "annual_only":
            ind["period_value"] = None
            ind["period_target"] = None
        if layout == "split":
            ind["period_value"] = None
            ind["period_target"] = None
            ind["annual_value"] = split_joined(ind["annual_value"])
    return d


def _rows(r: Record, layout: str) -> list[list[str]]:
    """The form as rows of cells, merged cells written once (at the top of their group)."""
    syn = layout == "synonyms"
    rows: list[list[str]] = [["项目绩效目标表"]]
    rows.append(["项目名称", r.project_name or ""])
    rows.append(["项目类型", r.project_type or ""])
    rows.append(["项目等级", r.project_level or ""])
    rows.append(["主管部门", r.department or ""])
    rows.append(["实施单位" if syn else "用款单位", r.implementing_unit or ""])
    rows.append(["实施周期", "起始年度", str(r.period_start), "到期年度", str(r.period_end)])
    if syn:
        rows.append([f"{r.budget_year}年资金总额(万元)", f"{(r.budget_amount or 0) / 10000:.4f}".rstrip("0").rstrip(".")])
    else:
        rows.append([f"{r.budget_year}年预算金额(元)", f"{r.budget_amount:,.2f}"])
    rows.append(["总体绩效目标", "实施周期总目标"])
    rows.append(["", r.goal_overall or ""])
    rows.append(["", f"{r.budget_year}年度绩效目标" if syn else f"{r.budget_year}年度目标"])
    rows.append(["", r.goal_annual or ""])
    if layout == "annual_only":
        rows.append(["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值"])
    elif layout == "split":
        rows.append(["绩效指标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"])
    else:
        rows.append(["绩效指标", "一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值"])
    last1 = last2 = None
    for ind in r.indicators:
        l1 = ind.level1 if ind.level1 != last1 else ""
        l2 = ind.level2 if (ind.level2, ind.level1) != last2 else ""
        if syn and l2:
            l2 = l2.removesuffix("指标") if l2.endswith("效益指标") or l2 == "服务对象满意度指标" else l2
        last1, last2 = ind.level1, (ind.level2, ind.level1)
        if layout == "annual_only":
            vals = [ind.annual_value or ""]
        elif layout == "split":
            vals = list(split_value(ind.annual_value))
        else:
            vals = [ind.period_value or "", ind.annual_value or ""]
        rows.append(["", l1, l2, ind.name, *vals])
    return rows


def render_text(records: list[Record], style: str = "tabs", layout: str = "standard", seed: int = 0) -> str:
    rnd = random.Random(seed)
    out: list[str] = []
    for r in records:
        for row in _rows(r, layout):
            if style == "lines":
                out.extend(c for c in row if c)
                continue
            cells = list(row)
            if style == "tabs":
                # the seed's mess: merged cells vanish, so leading empties collapse at random,
                # and stray empty cells appear between and after values
                while cells and cells[0] == "" and rnd.random() < 0.5:
                    cells.pop(0)
                if len(cells) > 2 and rnd.random() < 0.3:
                    cells.insert(rnd.randrange(2, len(cells)), "")
                cells += [""] * rnd.randrange(0, 3)
                out.append("\t".join(cells))
            elif style == "pipe":
                out.append("| " + " | ".join(cells) + " |")
        out.append("")
    return "\n".join(out) + "\n"


def write_txt(records: list[Record], path: Path, style: str = "tabs", layout: str = "standard",
              encoding: str = "utf-8", newline: str = "\n", seed: int = 0) -> Path:
    text = render_text(records, style, layout, seed).replace("\n", newline)
    if encoding == "utf-16":
        data = text.encode("utf-16")  # with BOM
    elif encoding == "utf-8-sig":
        data = text.encode("utf-8-sig")
    else:
        data = text.encode(encoding)
    path.write_bytes(data)
    return path
