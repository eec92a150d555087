"""Real .docx (and .txt) 项目绩效目标表 built from records, for tests of every reader.

Shared by the docx reader's tests, the pdf reader's (via LibreOffice) and the
renderer's round trip. Keep the API stable:

    sample_records() -> list[Record]
    write_docx(records, path, layout="standard", *, two_tables=False,
               separator="heading", paragraphs_between=True) -> Path
    write_txt(records, path, layout="standard") -> Path
    expected_for(record, layout) -> dict       # what extraction must give

Layouts (LAYOUTS):
    standard     项目名称 ... 2026年预算金额(元) ... 总体绩效目标 (实施周期总目标 / 2026年度目标);
                 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 实施周期指标值 | 年度指标值, with the
                 label, 一级 and 二级 columns really merged vertically
    annual_only  the same with one 年度指标值 column (period values are lost: null)
    split        绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位
                 (≥ ≤ = 定性); one value column, so period values are null and the annual
                 value comes back reassembled ("≥" "50" "场" -> "≥50场", "=" "7" "人" -> "7人")
    synonyms     实施单位, 项目实施周期 "2024年-2026年", 资金总额(万元) in 万元, 2026年度绩效目标,
                 二级 names without 指标 (数量, 社会效益, 服务对象满意度 ...)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from pipeline.models import HEADER_FIELDS, Indicator, Record
from pipeline.targets import UNITS, parse_target

LAYOUTS = ("standard", "annual_only", "split", "synonyms")
SEPARATORS = ("heading", "pagebreak")

# ------------------------------------------------------------------ sample records


def _ind(level1: str, level2: str, name: str, period: str | None, annual: str | None) -> Indicator:
    return Indicator(level1=level1, level2=level2, name=name, period_value=period, annual_value=annual,
                     period_target=parse_target(period), annual_target=parse_target(annual))


def _rec(header: dict, rows: Iterable[tuple[str, str, str, str | None, str | None]]) -> Record:
    r = Record(**header)
    r.indicators = [_ind(*row) for row in rows]
    return r


COST, OUTPUT, BENEFIT, SATISFACTION = "成本指标", "产出指标", "效益指标", "满意度指标"


def sample_records() -> list[Record]:
    """Five hand-written, varied forms: a 财政分局 and a 街道办 among them, single and
    multi-year, amounts in 元 with and without cents, qualitative and quantitative values."""
    return [
        _rec({
            "project_name": "2026年预算绩效管理第三方服务经费",
            "project_type": "其他特定目标类（部门职能类）",
            "project_level": "二级项目",
            "department": "东莞市财政局常平分局",
            "implementing_unit": "东莞市财政局常平分局",
            "period_start": 2026, "period_end": 2026, "budget_year": 2026, "budget_amount": 480000.0,
            "goal_overall": "委托第三方机构对全镇重点项目开展事前绩效评估和绩效目标审核，提高财政资金使用效益。",
            "goal_annual": "完成120个以上项目的绩效目标审核，出具评审报告，推动预算绩效管理提质增效。",
        }, [
            (COST, "经济成本指标", "第三方服务费用", "≤48万元", "≤48万元"),
            (OUTPUT, "数量指标", "评审项目数量", "≥120个", "≥120个"),
            (OUTPUT, "数量指标", "出具评审报告份数", "≥120份", "≥120份"),
            (OUTPUT, "质量指标", "评审报告合格率", "100%", "100%"),
            (OUTPUT, "时效指标", "评审完成时间", "2026年12月31日前", "2026年12月31日前"),
            (BENEFIT, "经济效益指标", "节约财政资金", "逐步提高", "逐步提高"),
            (BENEFIT, "社会效益指标", "预算绩效管理水平", "逐步提高", "逐步提高"),
            (SATISFACTION, "服务对象满意度指标", "预算单位满意度", "90%", "90%"),
        ]),
        _rec({
            "project_name": "南城街道社区居家养老服务项目",
            "project_type": "其他特定目标类（民生保障类）",
            "project_level": "一级项目",
            "department": "东莞市南城街道办事处",
            "implementing_unit": "东莞市南城街道公共服务办公室",
            "period_start": 2024, "period_end": 2026, "budget_year": 2026, "budget_amount": 1250000.0,
            "goal_overall": "三年内为辖区困难老年人提供居家养老上门服务，建成覆盖全街道的居家养老服务网络。",
            "goal_annual": "为不少于300户困难老年人家庭提供补贴和上门服务，开展助老活动50场以上。",
        }, [
            (COST, "经济成本指标", "服务对象补贴标准", "1000元/户", "1000元/户"),
            (OUTPUT, "数量指标", "开展助老活动", "≥150场", "≥50场"),
            (OUTPUT, "数量指标", "每场活动参与人数", "30人以上", "30人以上"),
            (OUTPUT, "质量指标", "服务档案完整率", "≥95%", "≥95%"),
            (OUTPUT, "时效指标", "补贴发放及时率", "100%", "100%"),
            (BENEFIT, "社会效益指标", "老年人生活质量", "逐步提高", "逐步提高"),
            (BENEFIT, "可持续影响指标", "居家养老服务网络运行", "长期", "长期"),
            (SATISFACTION, "服务对象满意度指标", "服务对象满意度", "≥90%", "≥90%"),
        ]),
        _rec({
            "project_name": "白玉兰家庭服务中心运营经费",
            "project_type": "其他特定目标类（部门职能类）",
            "project_level": "二级项目",
            "department": "东莞市常平镇妇女联合会",
            "implementing_unit": "东莞市常平镇妇女联合会",
            "period_start": 2022, "period_end": 2099, "budget_year": 2026, "budget_amount": 775413.0,
            "goal_overall": "由社工承接白玉兰家庭服务中心服务，辐射全镇32个村（社区），开展婚姻辅导、家事调解等综合性服务。",
            "goal_annual": "开展个案、小组和社区活动，维护妇女儿童权益，促进家庭和谐。",
        }, [
            (COST, "经济成本指标", "社工购买标准",
             "配置6名助理社会工作者103157元/年及1名社会工作者128458元/年。",
             "配置6名助理社会工作者103157元/年及1名社会工作者128458元/年。"),
            (OUTPUT, "数量指标", "活动、课程开展数量", "≥50场", "≥50场"),
            (OUTPUT, "数量指标", "购买服务人数", "7人", "7人"),
            (OUTPUT, "质量指标", "讲座/活动平均每场次参与人数", "≥30人", "≥30人"),
            (OUTPUT, "时效指标", "项目按时完成情况", "100%完成", "100%完成"),
            (BENEFIT, "社会效益指标", "参与/受益人数", "≥1000人次", "≥1000人次"),
            (BENEFIT, "社会效益指标", "资源整合成效", "≥8个政府部门/企业支持", "≥8个政府部门/企业支持"),
            (SATISFACTION, "服务对象满意度指标", "对社工服务满意度", "≥90%", "≥90%"),
        ]),
        _rec({
            "project_name": "家庭教育指导服务项目",
            "project_type": "其他特定目标类（部门职能类）",
            "project_level": "二级项目",
            "department": "东莞市常平镇社会事务局",
            "implementing_unit": "东莞市常平镇妇女联合会",
            "period_start": 2025, "period_end": 2027, "budget_year": 2026, "budget_amount": 86500.5,
            "goal_overall": "建立家庭教育指导服务体系，为辖区家长提供家庭教育指导。",
            "goal_annual": "举办家庭教育讲座不少于20场，覆盖家长2000人次。",
        }, [
            (COST, "经济成本指标", "讲座课酬标准", "≤800元/场次", "≤800元/场次"),
            (COST, "生态环境成本指标", "活动物料浪费", "逐步减少", "逐步减少"),
            (OUTPUT, "数量指标", "家庭教育讲座场次", "≥60场", "≥20场"),
            (OUTPUT, "质量指标", "授课老师资质", "授课老师具有相关家庭教育资质证书≥4人",
             "授课老师具有相关家庭教育资质证书≥4人"),
            (OUTPUT, "时效指标", "讲座按计划开展率", "≥95%", "≥95%"),
            (BENEFIT, "社会效益指标", "受益家长人次", "≥6000人次", "≥2000人次"),
            (BENEFIT, "生态效益指标", "环保宣传覆盖率", "≥80%", "≥80%"),
            (BENEFIT, "可持续影响指标", "家庭教育指导长效机制", "逐步完善", "逐步完善"),
            (SATISFACTION, "服务对象满意度指标", "家长满意度", "≥85%", "≥85%"),
        ]),
        _rec({
            "project_name": "东城街道长者饭堂运营补助",
            "project_type": "其他特定目标类（民生保障类）",
            "project_level": "二级项目",
            "department": "东莞市东城街道办事处",
            "implementing_unit": "东莞市东城街道社会事务办公室",
            "period_start": 2026, "period_end": 2026, "budget_year": 2026, "budget_amount": 362880.25,
            "goal_overall": "为辖区60周岁以上老年人提供助餐服务。",
            "goal_annual": "全年提供助餐服务不少于30000人次，长者饭堂正常运营。",
        }, [
            (COST, "经济成本指标", "助餐补贴标准", "≤12元/人", "≤12元/人"),
            (OUTPUT, "数量指标", "助餐服务人次", "≥30000人次", "≥30000人次"),
            (OUTPUT, "质量指标", "食品安全事故", "0次", "0次"),
            (BENEFIT, "社会效益指标", "老年人就餐便利程度", "明显改善", "明显改善"),
            (SATISFACTION, "服务对象满意度指标", "就餐老人满意度", "≥90%", "≥90%"),
        ]),
    ]


# ------------------------------------------------------------------ layout-specific text

_UNIT_BODY = "(?:" + "|".join(re.escape(u) for u in UNITS) + ")(?:/(?:" + "|".join(
    re.escape(u) for u in UNITS if u not in ("%", "‰")) + "))*"
_SPLITTABLE = re.compile(rf"^(?P<op>≥|≤|>|<|=)?(?P<num>\d[\d,]*(?:\.\d+)?)(?P<unit>{_UNIT_BODY})?(?P<trail>以上|以下)?$")


def split_value(value: str | None) -> tuple[str, str, str]:
    """A value as the split layout writes it: (指标性质, 指标值, 度量单位)."""
    if not value:
        return "", "", ""
    m = _SPLITTABLE.match(value)
    if not m:
        return "定性", value, ""
    op = m.group("op") or {"以上": "≥", "以下": "≤"}.get(m.group("trail") or "", "=")
    return op, m.group("num"), m.group("unit") or ""


def split_joined(value: str | None) -> str | None:
    """What the parser reassembles from split_value's three cells."""
    if not value:
        return None
    op, num, unit = split_value(value)
    if op == "定性":
        return num
    return f"{'' if op == '=' else op}{num}{unit}"


def level2_label(level2: str, layout: str) -> str:
    return level2.removesuffix("指标") if layout == "synonyms" else level2


def wan(amount: float) -> str:
    """775413.0 -> "77.5413" (万元)."""
    s = f"{amount / 10000:.6f}".rstrip("0").rstrip(".")
    return s


def header_rows(r: Record, layout: str) -> list[list[str]]:
    """The header block as rows of cells ("" = merged into the cell before / above).

    Rows are [label, *values]; the builder merges a value across the rest of the row."""
    syn = layout == "synonyms"
    year = r.budget_year or r.period_start or 2026
    rows: list[list[str]] = [
        ["项目名称", r.project_name or ""],
        ["项目类型", r.project_type or ""],
        ["项目等级", r.project_level or ""],
        ["主管部门", r.department or ""],
        ["实施单位" if syn else "用款单位", r.implementing_unit or ""],
    ]
    if syn:
        rows.append(["项目实施周期", f"{r.period_start}年-{r.period_end}年"])
        rows.append(["资金总额(万元)", wan(r.budget_amount or 0)])
    else:
        rows.append(["实施周期", "起始年度", str(r.period_start), "到期年度", str(r.period_end)])
        rows.append([f"{year}年预算金额(元)", f"{r.budget_amount or 0:,.2f}"])
    rows.append(["总体绩效目标", "实施周期总目标"])
    rows.append(["", r.goal_overall or ""])
    rows.append(["", f"{year}年度绩效目标" if syn else f"{year}年度目标"])
    rows.append(["", r.goal_annual or ""])
    return rows


def indicator_columns(layout: str) -> list[str]:
    base = ["绩效指标", "一级指标", "二级指标", "三级指标"]
    if layout == "annual_only":
        return base + ["年度指标值"]
    if layout == "split":
        return base + ["指标性质", "指标值", "度量单位"]
    return base + ["实施周期指标值", "年度指标值"]


def indicator_values(ind: Indicator, layout: str) -> list[str]:
    if layout == "annual_only":
        return [ind.annual_value or ""]
    if layout == "split":
        return list(split_value(ind.annual_value))
    return [ind.period_value or "", ind.annual_value or ""]


# sibling 二级 rows real forms print empty when a project has nothing there
_EMPTY_SIBLINGS = {"成本指标": ("经济成本指标", "社会成本指标", "生态环境成本指标")}


def indicator_rows(r: Record, layout: str, empty_rows: bool = True) -> list[tuple[str, str, list[str]]]:
    """(level1, level2 label, [三级, *values]) per table row, grouped, empty 二级 rows included."""
    rows: list[tuple[str, str, list[str]]] = []
    nvals = len(indicator_columns(layout)) - 4
    seen_l1: list[str] = []
    for ind in r.indicators:
        if ind.level1 not in seen_l1:
            seen_l1.append(ind.level1)
    for l1 in seen_l1:
        inds = [i for i in r.indicators if i.level1 == l1]
        l2s = []
        for i in inds:
            if i.level2 not in l2s:
                l2s.append(i.level2)
        sib = _EMPTY_SIBLINGS.get(l1, ())
        if empty_rows and sib and [x for x in sib if x in l2s] == l2s:
            l2s = list(sib)  # the record's 二级 in canonical order: print the empty siblings too
        for l2 in l2s:
            group = [i for i in inds if i.level2 == l2]
            if not group:
                rows.append((l1, level2_label(l2, layout), [""] * (1 + nvals)))
            for i in group:
                rows.append((l1, level2_label(l2, layout), [i.name, *indicator_values(i, layout)]))
    return rows


# ------------------------------------------------------------------ docx


class _Grid:
    """A new python-docx table addressed by (row, col), snapshotted once.

    `Table.cell()` rebuilds the whole grid on every call (quadratic); text goes into
    the top-left cell first and merging afterwards keeps it (empty cells merge away)."""

    def __init__(self, doc, nrows: int, ncols: int):
        self.table = doc.add_table(rows=nrows, cols=ncols)
        self.table.style = "Table Grid"
        self.ncols = ncols
        self.cells = self.table._cells

    def __call__(self, row: int, col: int):
        return self.cells[row * self.ncols + col]

    def put(self, row: int, col: int, text: str, last_row: int | None = None, last_col: int | None = None):
        cell = self(row, col)
        if text:
            cell.text = text
        lr = row if last_row is None else last_row
        lc = col if last_col is None else last_col
        if (lr, lc) != (row, col):
            cell.merge(self(lr, lc))


def _fill_header(g: _Grid, r: Record, layout: str, row0: int) -> int:
    rows = header_rows(r, layout)
    last = g.ncols - 1
    for k, cells in enumerate(rows):
        row = row0 + k
        if cells[0] == "总体绩效目标":
            g.put(row, 0, cells[0], last_row=row + 3)
        elif cells[0]:
            g.put(row, 0, cells[0])
        for c, text in enumerate(cells[1:-1], start=1):
            g.put(row, c, text)
        g.put(row, len(cells) - 1, cells[-1], last_col=last)  # the last value spans the rest
    return row0 + len(rows)


def _fill_indicators(g: _Grid, r: Record, layout: str, row0: int, empty_rows: bool) -> int:
    heads = indicator_columns(layout)
    for c, h in enumerate(heads[1:], start=1):
        g.put(row0, c, h)
    rows = indicator_rows(r, layout, empty_rows)
    first = row0 + 1
    for k, (_, _, cells) in enumerate(rows):
        for c, text in enumerate(cells):
            g.put(first + k, 3 + c, text)
    # merge runs of equal 一级, and of equal 二级 inside them; the label column spans the block
    for col, keyf in ((1, lambda x: x[0]), (2, lambda x: (x[0], x[1]))):
        start = 0
        for k in range(1, len(rows) + 1):
            if k == len(rows) or keyf(rows[k]) != keyf(rows[start]):
                g.put(first + start, col, rows[start][col - 1], last_row=first + k - 1)
                start = k
    g.put(row0, 0, heads[0], last_row=first + len(rows) - 1)
    return first + len(rows)


def _title(layout: str, r: Record) -> str:
    if layout == "synonyms":
        return f"{r.budget_year or r.period_start}年度项目支出绩效目标表"
    return "项目绩效目标表"


def write_docx(records: Sequence[Record], path: str | Path, layout: str = "standard", *, two_tables: bool = False,
               separator: str = "heading", paragraphs_between: bool = True, empty_rows: bool = True) -> Path:
    """Several forms in one .docx, built with python-docx (real merged cells).

    separator "heading": a 项目绩效目标表 title paragraph before each form; "pagebreak": a page
    break between forms and no titles. paragraphs_between adds the notes real files carry
    (填报单位, 单位：元, 填表人 ...) between and around the tables; they are not fields."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; one of {LAYOUTS}")
    if separator not in SEPARATORS:
        raise ValueError(f"unknown separator {separator!r}; one of {SEPARATORS}")
    path = Path(path)
    doc = Document()
    ncols = len(indicator_columns(layout))
    for n, r in enumerate(records):
        if separator == "heading":
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(_title(layout, r))
            run.bold = True
        elif n > 0:
            doc.add_page_break()
        if paragraphs_between:
            doc.add_paragraph(f"填报单位（盖章）：{r.implementing_unit or ''}")
            doc.add_paragraph("单位：万元" if layout == "synonyms" else "单位：元")
        n_head = len(header_rows(r, layout))
        n_ind = 1 + len(indicator_rows(r, layout, empty_rows))
        if two_tables:
            _fill_header(_Grid(doc, n_head, ncols), r, layout, 0)
            if paragraphs_between:
                doc.add_paragraph("绩效指标明细：")
            else:
                doc.add_paragraph()
            _fill_indicators(_Grid(doc, n_ind, ncols), r, layout, 0, empty_rows)
        else:
            g = _Grid(doc, n_head + n_ind, ncols)
            _fill_indicators(g, r, layout, _fill_header(g, r, layout, 0), empty_rows)
        if paragraphs_between:
            doc.add_paragraph("填表人：张三　　联系电话：0769-12345678　　填报日期：2025年10月")
    doc.save(str(path))
    return path


# ------------------------------------------------------------------ txt


def txt_lines(r: Record, layout: str = "standard", empty_rows: bool = True) -> list[str]:
    """One form as tab-separated lines, as Word tables copy to text (merged cells -> empty)."""
    out = [_title(layout, r), ""]
    for cells in header_rows(r, layout):
        out.append("\t".join(cells))
    out.append("\t".join(indicator_columns(layout)))
    prev: tuple[str, str] | None = None
    for l1, l2, cells in indicator_rows(r, layout, empty_rows):
        a = l1 if prev is None or prev[0] != l1 else ""
        b = l2 if prev is None or prev != (l1, l2) else ""
        prev = (l1, l2)
        out.append("\t".join(["", a, b, *cells]))
    return out


def write_txt(records: Sequence[Record], path: str | Path, layout: str = "standard") -> Path:
    path = Path(path)
    lines: list[str] = []
    for r in records:
        lines += txt_lines(r, layout) + [""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


# ------------------------------------------------------------------ expectations


def expected_for(record: Record, layout: str = "standard") -> dict:
    """The contract record (header fields and indicators) extraction must give for the layout."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; one of {LAYOUTS}")
    d = {k: getattr(record, k) for k in HEADER_FIELDS}
    inds = []
    for i in record.indicators:
        if layout == "annual_only":
            period, annual = None, i.annual_value
        elif layout == "split":
            period, annual = None, split_joined(i.annual_value)
        else:
            period, annual = i.period_value, i.annual_value
        t_p, t_a = parse_target(period), parse_target(annual)
        inds.append({
            "level1": i.level1, "level2": i.level2, "name": i.name,
            "period_value": period, "annual_value": annual,
            "period_target": t_p.to_dict() if t_p else None,
            "annual_target": t_a.to_dict() if t_a else None,
        })
    d["indicators"] = inds
    return d
