"""Randomised 项目绩效目标表 in the layout families issues 8 and 9 name, each with the record
it must give, written down from what the generator put on the form (never from jixiao).

    s = sample(family, seed)        # one form (or one list of projects) as a build.Template
    s.template                      # rendered by tests/data/templates/build.py (docx, txt)
    s.expected                      # the records it must give, check.py's shape
    s.refused                       # for a 部门整体 form: a word the refusal reason must hold

Families (FAMILIES):
    header      header labels by meaning: 专项名称, 项目(专项)名称, 主管部门及编码 `[015001]某局`,
                labels broken over lines, 具体实施单位 / 预算单位 / 用款单位
    period      实施周期 / 实施期 / 项目期 / 建设周期 / 项目起止时间 written 2025-2027, 2025年至2027年,
                202501-202712, 2025.07-2027.01, 2025年7月-2027年1月; 开始日期 + 结束日期; 起始/到期年度
    money       单位：万元 above the table, (万元) in a label, 250万 in the value, 资金来源 blocks
                (资金总额 / 其中：财政拨款 / 其他资金 / 上年结转)
    goals       label beside its text (中长期目标 / 实施期目标 / 本年度目标 ...), a row of labels
                总体目标 | 中期目标 | 年度目标 above their texts, 实施期目标 | 年度目标 over two halves
    extras      权重 / 分值 / 指标方向 / 指标解释 / 评(扣)分标准 / 备注 / 绩效标准 columns, 指标性质 in
                words, the unit column before or after the value, `指标1：` before names
    sidebyside  left half 长期 / 中期 targets, right half 年度 targets
    levels      decorated level names (数量指标（必填硬性指标）, 成本指标(0-20分), 预期产出指标,
                效果指标, names broken over two lines), the pre-2021 tree with 成本指标 under 产出指标
    multi       several projects in one table (the budget system's export list)
    continued   the indicator table continued overleaf under 项目绩效目标表（续） with its header
                repeated
    ziping      项目支出绩效自评表 (实际完成值 / 分值 / 得分 beside the target)
    bumen       部门整体支出绩效目标表: not a project form, refused
    mixed       every choice above at once (labels, period, money, goals, extra columns, levels)

Every family draws its content (departments from many provinces, projects, numbers, units
outside any fixed list: 批次, 元/眼, 人·次, 樘, 延米, 公顷 ...) from `variety.make_record`
plus the open-unit pool below, and its cells are vertically centred or top-aligned at random.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "data" / "templates"))
sys.path.insert(0, str(HERE))

import variety
from build import PAGEBREAK, Grid, Template

FAMILIES = ("header", "period", "money", "goals", "extras", "sidebyside", "levels", "multi", "continued",
            "ziping", "bumen", "mixed")
HEADER_KEYS = ["project_name", "project_type", "project_level", "department", "implementing_unit",
               "period_start", "period_end", "budget_year", "budget_amount", "goal_overall", "goal_annual"]

# departments beyond the seed's province: (主管部门, [实施单位], [项目])
PLACES = [
    ("武汉市青山区教育局", ["青山区钢城第一中学", "青山区教育技术装备站"], ["中小学课后服务补助", "校园食堂提质改造"]),
    ("湘潭市岳塘区农业农村局", ["岳塘区农业综合服务中心"], ["农田水利设施维修", "机井建设补助项目"]),
    ("成都市郫都区卫生健康局", ["郫都区疾病预防控制中心", "郫都区妇幼保健院"], ["慢性病综合防控项目", "适龄妇女两癌筛查"]),
    ("乌海市海勃湾区住房和城乡建设局", ["海勃湾区市政养护中心"], ["老旧管网改造工程", "背街小巷路灯安装"]),
    ("池州市贵池区林业局", ["贵池区国有林场"], ["国土绿化造林补助", "森林防火物资购置"]),
    ("大庆市让胡路区民政局", ["让胡路区社会福利院"], ["特困人员集中供养", "社区养老服务驿站运营"]),
    ("宁德市蕉城区文化和旅游局", ["蕉城区文化馆", "蕉城区图书馆"], ["公共文化惠民演出", "非遗传承人培训"]),
    ("红河州个旧市水务局", ["个旧市水利工程管理所"], ["农村饮水安全巩固提升", "小型水库除险加固"]),
]
# (level2, name, unit, lo, hi, op): units outside the common few
OPEN_UNITS = [
    ("数量指标", "抽样检测批次", "批次", 5, 60, "≥"), ("经济成本指标", "机井建设单价", "元/眼", 2000, 9000, "≤"),
    ("数量指标", "培训服务人次", "人·次", 100, 900, "≥"), ("数量指标", "更换门窗数量", "樘", 10, 200, "="),
    ("数量指标", "修复管网长度", "延米", 100, 3000, "≥"), ("数量指标", "新打机井数量", "眼", 3, 30, "="),
    ("数量指标", "垃圾清运车次", "车次", 50, 900, "≥"), ("数量指标", "安装路灯数量", "盏", 20, 300, "="),
    ("数量指标", "整理档案卷数", "卷", 100, 2000, "≥"), ("数量指标", "铺设透水砖", "块", 500, 5000, "≥"),
    ("经济成本指标", "苗木补助标准", "元/株", 3, 30, "≤"), ("数量指标", "新增造林面积", "公顷", 12, 90, "≥"),
]
CENTRED = {"top": False, "centre": True}


@dataclass
class Sample:
    family: str
    seed: int
    template: Template
    expected: list[dict]
    refused: str | None = None
    variant: str = ""  # the family's layout choice, for reports
    # the checks may rightly flag an error: the layout has no place for a required field
    # (a budget-system list has no 主管部门 or 实施周期, a 自评表 no 实施周期)
    clean: bool = True
    cantsplit: bool = False
    notes: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ content


def content(rnd: random.Random, *, multi_year: bool | None = None) -> dict:
    """One project's record (variety's departments and values plus other provinces' names and
    open units), indicators carrying their variety.Value objects as _period / _annual."""
    rec = variety.make_record(rnd)
    if rnd.random() < 0.5:
        dept, units, projects = rnd.choice(PLACES)
        rec["department"], rec["implementing_unit"] = dept, rnd.choice(units)
        rec["project_name"] = rnd.choice(projects)
    if multi_year is not None:
        s = rec["period_start"]
        rec["period_end"] = s + rnd.choice([1, 2]) if multi_year else s
        rec["budget_year"] = s if not multi_year else max(s, min(rec["period_end"], 2026))
    for _ in range(rnd.choice([1, 1, 2])):
        l2, name, unit, lo, hi, op = rnd.choice(OPEN_UNITS)
        if any(i["name"] == name for i in rec["indicators"]):
            continue
        n = variety.pick_number(rnd, "n", lo, hi)
        if unit == "公顷" and rnd.random() < 0.5:
            n = n / 10
        v = variety.make_value(rnd, "n", unit, n, op, rec["budget_year"])
        ind = {"level1": variety.LEVEL2_PARENT[l2], "level2": l2, "name": name, "_period": v, "_annual": v}
        pos = max((k + 1 for k, i in enumerate(rec["indicators"]) if i["level2"] == l2), default=None)
        if pos is None:
            continue
        rec["indicators"].insert(pos, ind)
    if rnd.random() < 0.5:  # no 项目类型 / 项目等级 row on the form
        rec["project_type"] = rec["project_level"] = None
    # amounts a form can state in 万元 without rounding
    rec["budget_amount"] = float(rnd.randrange(5, 90000) * 100)
    return rec


def wan(amount: float) -> str:
    return f"{amount / 10000:.4f}".rstrip("0").rstrip(".")


def yuan(rnd: random.Random, amount: float) -> str:
    return rnd.choice([f"{amount:,.2f}", f"{amount:.2f}", f"{amount:.0f}"])


def _exp_ind(i: dict, period: str | None, annual: str | None, *, period_target=True) -> dict:
    return {"level1": i["level1"], "level2": i["level2"], "name": i["name"],
            "period_value": period, "annual_value": annual,
            "period_target": i["_period"].target if period is not None and period_target else None,
            "annual_target": i["_annual"].target if annual is not None else None}


def header_of(rec: dict, **over) -> dict:
    out = {k: rec.get(k) for k in HEADER_KEYS}
    out.update(over)
    return out


# ------------------------------------------------------------------ grid text


def cell(s: str | None) -> str:
    return (s or "").replace("|", "/").replace("\n", "\\n")


def grid_text(rows: list[list[str]]) -> str:
    return "\n".join(" | ".join(cell(c) if c not in ("<", "^") else c for c in r) for r in rows)


def kv(ncols: int, pairs: list[tuple[str, str]]) -> list[str]:
    """One header row: label | value [| label | value], the values stretched over the width."""
    row: list[str] = []
    if len(pairs) == 1:
        lab, val = pairs[0]
        return [lab, val] + ["<"] * (ncols - 2)
    first_w = max(1, (ncols - 2) // 2)
    (la, va), (lb, vb) = pairs
    row = [la, va] + ["<"] * (first_w - 1) + [lb, vb]
    return row + ["<"] * (ncols - len(row))


def widths(roles: list[str], total: float = 17.4) -> list[float]:
    base = {"label": 1.6, "l1": 1.8, "l2": 2.2, "name": 3.4, "value": 2.2, "small": 1.3, "text": 3.0}
    w = [base[r] for r in roles]
    k = total / sum(w)
    return [round(x * k, 2) for x in w]


L1_DECOR = {"plain": lambda s, r: s, "scored": lambda s, r: f"{s}({r.choice([10, 20, 30])}分)",
            "range": lambda s, r: f"{s}（0-{r.choice([20, 30, 40])}分）", "numbered": None}
L2_DECOR = {
    "数量指标": ["数量指标（必填硬性指标）", "数量指标(或建筑规模指标)", "数量\\n指标"],
    "质量指标": ["质量指标（必填硬性指标）", "质量\\n指标"],
    "时效指标": ["时效指标（工期指标）", "时效\\n指标"],
    "经济成本指标": ["经济成本\\n指标", "经济成本指标（必填）"],
    "社会效益指标": ["社会效益\\n指标", "社会效益"],
    "经济效益指标": ["经济效益\\n指标"],
    "生态效益指标": ["生态效益\\n指标"],
    "可持续影响指标": ["可持续影响\\n指标", "可持续影响"],
    "服务对象满意度指标": ["服务对象满意度\\n指标", "服务对象满意度", "服务对象满意度指标（必填）"],
}


def indicator_block(rec: dict, rnd: random.Random, heads: list[str], values, *, level_style: str = "plain",
                    label_col: str | None = None, old_tree: bool = False, prefix: bool = False
                    ) -> tuple[list[list[str]], list[dict]]:
    """Header row + indicator rows with 一级 / 二级 merged down their runs.

    `values(ind) -> (cells, expected period, expected annual)`; heads are the columns after
    三级指标. With old_tree, 成本 rows stand as 二级 成本指标 under 产出指标."""
    lead = [label_col] if label_col else []
    rows = [lead + ["一级指标", "二级指标", "三级指标"] + heads]
    if label_col:
        rows[0][0] = label_col
    exp = []
    body: list[tuple[str, str, list[str]]] = []
    inds = rec["indicators"]
    if old_tree:  # 成本 rows go to the end of the 产出 block
        cost = [i for i in inds if i["level1"] == "成本指标"]
        rest = [i for i in inds if i["level1"] != "成本指标"]
        k = max((n + 1 for n, i in enumerate(rest) if i["level1"] == "产出指标"), default=0)
        inds = rest[:k] + cost + rest[k:]
    shown: list[tuple[str, str]] = []
    for i in inds:
        shown1 = "产出指标" if old_tree and i["level1"] == "成本指标" else i["level1"]
        if level_style == "decorated":
            t1 = L1_DECOR[rnd.choice(["plain", "scored", "range"])](shown1, rnd)
            if shown1 == "产出指标" and rnd.random() < 0.3:
                t1 = "预期产出指标"
            if shown1 == "效益指标" and rnd.random() < 0.3:
                t1 = "效果指标"
        else:
            t1 = shown1
        shown2 = "成本指标" if old_tree and i["level1"] == "成本指标" else i["level2"]
        shown.append((shown1, shown2))
        t2 = shown2
        if level_style == "decorated" and shown2 in L2_DECOR and rnd.random() < 0.6:
            t2 = rnd.choice(L2_DECOR[shown2])
        cells, pv, av = values(i)
        name = i["name"]
        if prefix:
            name = f"指标{rnd.choice([1, 1, 2])}{rnd.choice(['：', ':', '：'])}{name}"
        body.append((t1, t2, [name] + cells))
        e = _exp_ind(i, pv, av)
        if old_tree and i["level1"] == "成本指标":  # the contract: the old tree's 成本指标 row is 经济成本指标
            e["level2"] = "经济成本指标"
        exp.append(e)
    # the decorated text of a run is the text of its first row
    fixed: list[tuple[str, str, list[str]]] = []
    for k, (t1, t2, cells) in enumerate(body):
        if k and shown[k][0] == shown[k - 1][0] and level_style == "decorated":
            t1 = fixed[-1][0]
        if k and shown[k] == shown[k - 1] and level_style == "decorated":
            t2 = fixed[-1][1]
        fixed.append((t1, t2, cells))
    body = fixed
    r0 = len(rows)
    for t1, t2, cells in body:
        rows.append(lead + [t1, t2] + cells)
    off = len(lead)
    for col, key in ((off, lambda k: body[k][0]), (off + 1, lambda k: (body[k][0], body[k][1]))):
        start = 0
        for k in range(1, len(body) + 1):
            if k == len(body) or key(k) != key(start):
                for j in range(start + 1, k):
                    rows[r0 + j][col] = "^"
                start = k
    if label_col:
        for j in range(r0, len(rows)):
            rows[j][0] = "^"
    return rows, exp


def both_values(i: dict):
    p, a = i["_period"], i["_annual"]
    return [p.text or "", a.text or ""], p.text, a.text


def annual_only(i: dict):
    a = i["_annual"]
    return [a.text or ""], None, a.text


def title_para(rnd: random.Random, year: int, kind: str = "项目支出绩效目标表") -> list[str]:
    style = rnd.choice(["year_in", "subtitle", "prefix"])
    if style == "year_in":
        return [f"## {year}年度{kind}"]
    if style == "subtitle":
        return [f"## {kind}", f"（{year}年度）"]
    return [f"## {kind}（{year}年）"]


# ------------------------------------------------------------------ families


def _standard_header(rec: dict, ncols: int, *, name_label="项目名称", dept_label="主管部门", dept_value=None,
                     unit_label="实施单位") -> list[list[str]]:
    rows = [
        kv(ncols, [(name_label, rec["project_name"])]),
        kv(ncols, [(dept_label, dept_value or rec["department"]), (unit_label, rec["implementing_unit"])]),
    ]
    return rows + _type_rows(rec, ncols)


def _type_rows(rec: dict, ncols: int) -> list[list[str]]:
    if rec["project_type"] is None and rec["project_level"] is None:
        return []
    return [kv(ncols, [("项目类型", rec["project_type"] or ""), ("项目等级", rec["project_level"] or "")])]


def _period_row(rec: dict, ncols: int) -> list[str]:
    s, e = rec["period_start"], rec["period_end"]
    return kv(ncols, [("实施周期", f"{s}-{e}" if s != e else f"{s}年")])


def _goal_rows(rec: dict, ncols: int, overall="实施周期总目标", annual="年度目标") -> list[list[str]]:
    return [kv(ncols, [(overall, rec["goal_overall"])]), kv(ncols, [(annual, rec["goal_annual"])])]


def _budget_row(rec: dict, ncols: int, rnd: random.Random) -> list[str]:
    y = rec["budget_year"]
    return kv(ncols, [(f"{y}年预算金额（元）", yuan(rnd, rec["budget_amount"]))])


def _std_grid(rec, rnd, header_rows, heads=("实施周期指标值", "年度指标值"), values=both_values, **kw):
    rows, exp = indicator_block(rec, rnd, list(heads), values, **kw)
    ncols = len(rows[0])
    return rows, exp, ncols


def part_header(rnd: random.Random, rec: dict, ncols: int) -> tuple[list[list[str]], str]:
    """项目名称 / 主管部门 / 实施单位 (/ 项目类型) rows under labels of any spelling."""
    name_label = rnd.choice(["专项名称", "项目(专项)名称", "项目（专项）名称", "项目名称", "项 目 名 称", "项目支出名称",
                             "项目\\n名称"])
    dept_label = rnd.choice(["主管部门及编码", "主管部门\\n及编码", "主管预算部门", "主管部门", "主管单位", "主管\\n部门"])
    code = f"[{rnd.randint(100, 999)}{rnd.randint(0, 999):03d}]"
    dept_value = code + rec["department"] if "编码" in dept_label else rec["department"]
    unit_label = rnd.choice(["具体实施单位", "用款单位", "项目实施单位", "预算单位", "实施单位", "实施\\n单位",
                             "具体实施\\n单位"])
    rows = [kv(ncols, [(name_label, rec["project_name"])])]
    if rnd.random() < 0.5:
        rows.append(kv(ncols, [(dept_label, dept_value), (unit_label, rec["implementing_unit"])]))
    else:
        rows.append(kv(ncols, [(dept_label, dept_value)]))
        rows.append(kv(ncols, [(unit_label, rec["implementing_unit"])]))
    return rows + _type_rows(rec, ncols), f"{name_label}/{dept_label}/{unit_label}"


def part_period(rnd: random.Random, rec: dict, ncols: int) -> tuple[list[list[str]], str]:
    s, e = rec["period_start"], rec["period_end"]
    ms, me = rnd.randint(1, 12), rnd.randint(1, 12)
    style = rnd.choice(["dash", "zhi", "ym", "dot", "cn_month", "pair", "years"])
    label = rnd.choice(["实施周期", "实施期", "项目期", "建设周期", "项目起止时间", "项目实施期"])
    if style == "pair":
        a, b = rnd.choice([("开始日期", "结束日期"), ("开始时间", "结束时间"), ("起始时间", "完成时间")])
        fmt = rnd.choice(["{y}.{m}", "{y}年{m}月", "{y}-{m:02d}"])
        return [kv(ncols, [(a, fmt.format(y=s, m=ms)), (b, fmt.format(y=e, m=me))])], f"{a}/{b} {fmt}"
    if style == "years":
        return [kv(ncols, [("起始年度", str(s)), ("到期年度", str(e))])], "起始年度/到期年度"
    text = {"dash": f"{s}-{e}", "zhi": f"{s}年至{e}年", "ym": f"{s}{ms:02d}-{e}{me:02d}",
            "dot": f"{s}.{ms:02d}-{e}.{me:02d}", "cn_month": f"{s}年{ms}月-{e}年{me}月"}[style]
    return [kv(ncols, [(label, text)])], f"{label} {text}"


def part_money(rnd: random.Random, rec: dict, ncols: int) -> tuple[list[str], list[list[str]], str]:
    """(paragraphs above the table, rows, variant)."""
    a, y = rec["budget_amount"], rec["budget_year"]
    style = rnd.choice(["note", "label", "value", "block", "block_note", "yuan"])
    paras: list[str] = []
    rows: list[list[str]] = []
    if style == "yuan":
        rows.append(_budget_row(rec, ncols, rnd))
    elif style == "note":
        paras.append(rnd.choice(["单位：万元", "金额单位：万元", "（单位：万元）"]))
        rows.append(kv(ncols, [(rnd.choice(["预算金额", "年度预算数", "项目总投资", "资金总额"]), wan(a))]))
    elif style == "label":
        rows.append(kv(ncols, [(rnd.choice(["资金总额（万元）", "年度预算数(万元)", f"{y}年预算金额（万元）"]), wan(a))]))
    elif style == "value":
        rows.append(kv(ncols, [(rnd.choice(["预算金额", "年度资金总额", "项目预算"]),
                                wan(a) + rnd.choice(["万", "万元", "（万元）"]))]))
    else:
        share = float(rnd.randrange(0, int(a // 100) + 1) * 100)
        lab = "资金来源（万元）" if style == "block" else "资金来源"
        if style == "block_note":
            paras.append("单位：万元")
        block = [("资金总额", wan(a)), ("其中：财政拨款", wan(share)), ("其他资金", wan(a - share)),
                 ("上年结转", "0")][: rnd.choice([3, 4])]
        for k, (la, va) in enumerate(block):
            rows.append([lab if k == 0 else "^", la, va] + ["<"] * (ncols - 3))
    return paras, rows, style


def part_goals(rnd: random.Random, rec: dict, ncols: int) -> tuple[list[list[str]], str]:
    style = rnd.choice(["beside", "row3", "halves", "stacked"])
    go, ga = rec["goal_overall"], rec["goal_annual"]
    rows: list[list[str]] = []
    if style == "beside":
        ol = rnd.choice(["中长期目标", "长期目标", "实施期目标", "实施周期总目标", "实施期绩效目标"])
        al = rnd.choice(["年度目标", "年度绩效目标", "项目年度目标", "本年度目标", "当年目标"])
        return _goal_rows(rec, ncols, ol, al), f"{ol}/{al}"
    if style == "row3":
        h = (ncols - 1) // 2
        mid = rnd.choice(["中期目标", "中长期目标", "实施期目标"])
        rows.append(["总体目标", mid] + ["<"] * (h - 1) + ["年度目标"] + ["<"] * (ncols - 2 - h))
        rows.append(["^", go] + ["<"] * (h - 1) + [ga] + ["<"] * (ncols - 2 - h))
        return rows, f"总体目标|{mid}|年度目标"
    if style == "halves":
        h = ncols // 2
        ol = rnd.choice(["实施期目标", "中长期目标", "实施周期总目标"])
        al = rnd.choice(["年度目标", "本年度目标"])
        rows.append([ol] + ["<"] * (h - 1) + [al] + ["<"] * (ncols - h - 1))
        rows.append([go] + ["<"] * (h - 1) + [ga] + ["<"] * (ncols - h - 1))
        return rows, f"{ol}|{al} above"
    rows.append(["总体绩效目标", "实施周期总目标"] + ["<"] * (ncols - 2))
    rows.append(["^", go] + ["<"] * (ncols - 2))
    rows.append(["^", "年度目标"] + ["<"] * (ncols - 2))
    rows.append(["^", ga] + ["<"] * (ncols - 2))
    return rows, "stacked"


def _one_part(part: str):
    def fam(rnd: random.Random, rec: dict) -> tuple[list, list[dict], str]:
        ind_rows, exp, ncols = _std_grid(rec, rnd, None)
        paras = title_para(rnd, rec["budget_year"])
        if part == "header":
            head, v = part_header(rnd, rec, ncols)
        else:
            head = _standard_header(rec, ncols)
        if part == "period":
            rows, v = part_period(rnd, rec, ncols)
        else:
            rows = [_period_row(rec, ncols)]
        head += rows
        if part == "money":
            more, rows, v = part_money(rnd, rec, ncols)
            paras += more
        else:
            rows = [_budget_row(rec, ncols, rnd)]
        head += rows
        if part == "goals":
            rows, v = part_goals(rnd, rec, ncols)
        else:
            rows = _goal_rows(rec, ncols)
        head += rows
        body = paras + [Grid(grid_text(head + ind_rows))]
        return body, [header_of(rec, indicators=exp)], v
    return fam


fam_header, fam_period, fam_money, fam_goals = (_one_part(p) for p in ("header", "period", "money", "goals"))


EXTRA_COLS = {
    "权重": lambda r: str(r.choice([5, 10, 15, 20])), "分值": lambda r: str(r.choice([5, 10, 15, 20])),
    "权重(%)": lambda r: str(r.choice([5, 10, 20])),
    "指标方向": lambda r: r.choice(["正向", "反向"]),
    "指标解释": lambda r: r.choice(["反映项目完成情况", "反映资金使用效益", "反映服务对象满意程度"]),
    "评(扣)分标准": lambda r: r.choice(["完成得满分，未完成按比例扣分", "达到目标值得满分"]),
    "备注": lambda r: r.choice(["", "按季度统计", "以验收报告为准"]),
    "绩效标准": lambda r: r.choice(["计划标准", "历史标准", "行业标准"]),
}
NATURE_WORDS = {"≥": ["≥", "大于等于"], "≤": ["≤", "小于等于"], "=": ["=", "等于", "定量"], ">": [">", "大于"],
                "<": ["<", "小于"]}


def split_value(i: dict, rnd: random.Random, words: bool) -> tuple[str, str, str, str | None]:
    """(指标性质, 指标值, 度量单位, expected annual text) for an indicator, op in its own column."""
    a = i["_annual"]
    t = a.target
    if t is None:
        return "定性", a.text or "", "", a.text
    if a.split is not None:
        op, num, unit = a.split
    else:  # 不少于50场 in one cell is 大于等于 | 50 | 场 in three
        op, num, unit = t["op"], f"{t['value']:g}", t["unit"] or ""
    nature = rnd.choice(NATURE_WORDS[op]) if words else op
    nature = {"<": "＜"}.get(nature, nature)  # a lone < is build.py's merge mark
    return nature, num, unit, f"{'' if op == '=' else op}{num}{unit}"


def extras_spec(rnd: random.Random) -> tuple[list[str], object, str]:
    """(value and extra column heads, values(ind) for indicator_block, variant) of a table with
    extra columns, the op or the unit in a column of its own."""
    extras = rnd.sample(list(EXTRA_COLS), rnd.choice([1, 2, 3]))
    style = rnd.choice(["joined", "joined_period", "split", "unit_after", "unit_before"])
    words = rnd.random() < 0.6

    def vals(i):
        ex = [EXTRA_COLS[x](rnd) for x in extras]
        if style == "joined":
            c, p, a = annual_only(i)
        elif style == "joined_period":
            c, p, a = both_values(i)
        elif style == "split":
            nature, num, unit, a = split_value(i, rnd, words)
            c, p = [nature, num, unit], None
        else:
            an = i["_annual"]
            if an.split:
                op, num, unit = an.split
                v = f"{'' if op == '=' else op}{num}"
                a = v + unit
            else:
                v, unit, a = an.text or "", "", an.text
            c, p = ([v, unit] if style == "unit_after" else [unit, v]), None
        return c + ex, p, a

    heads = {"joined": ["年度指标值"], "joined_period": ["实施周期指标值", "年度指标值"],
             "split": ["指标性质", "指标值", rnd.choice(["度量单位", "计量单位"])],
             "unit_after": ["指标值", "度量单位"], "unit_before": ["计量单位", "指标值"]}[style]
    return heads + extras, vals, f"{style}+{'/'.join(extras)}"


def fam_extras(rnd: random.Random, rec: dict) -> tuple[list, list[dict], str]:
    heads, vals, v = extras_spec(rnd)
    prefix = rnd.random() < 0.25
    ind_rows, exp = indicator_block(rec, rnd, heads, vals, prefix=prefix)
    ncols = len(ind_rows[0])
    rows = _standard_header(rec, ncols) + [_period_row(rec, ncols), _budget_row(rec, ncols, rnd)] + \
        _goal_rows(rec, ncols)
    body = title_para(rnd, rec["budget_year"]) + [Grid(grid_text(rows + ind_rows))]
    return body, [header_of(rec, indicators=exp)], v + (" 指标1" if prefix else "")


def fam_mixed(rnd: random.Random, rec: dict) -> tuple[list, list[dict], str]:
    """Every choice at once: labels, period, money, goals, extra columns, decorated levels."""
    if rnd.random() < 0.5:
        heads, vals, v_ind = extras_spec(rnd)
    else:
        heads, vals, v_ind = ["实施周期指标值", "年度指标值"], both_values, "both"
    level_style = rnd.choice(["plain", "decorated"])
    old = level_style == "decorated" and rnd.random() < 0.3
    ind_rows, exp = indicator_block(rec, rnd, heads, vals, level_style=level_style, old_tree=old,
                                    prefix=rnd.random() < 0.15, label_col=rnd.choice([None, None, "绩效指标"]))
    ncols = len(ind_rows[0])
    head, v1 = part_header(rnd, rec, ncols)
    per, v2 = part_period(rnd, rec, ncols)
    paras, money, v3 = part_money(rnd, rec, ncols)
    goals, v4 = part_goals(rnd, rec, ncols)
    parts = [per, money]
    rnd.shuffle(parts)
    rows = head + parts[0] + parts[1] + goals
    body = title_para(rnd, rec["budget_year"]) + paras + [Grid(grid_text(rows + ind_rows))]
    return body, [header_of(rec, indicators=exp)], " ; ".join((v1, v2, v3, v4, v_ind, level_style))


def fam_sidebyside(rnd: random.Random, rec: dict) -> tuple[list, list[dict], str]:
    inds = rec["indicators"]
    tag_l, tag_r = rnd.choice([("（长期）", "（年度）"), ("（中期）", "（年度）")])
    rows = [["一级指标", f"二级指标{tag_l}", f"三级指标{tag_l}", f"指标值{tag_l}", f"二级指标{tag_r}",
             f"三级指标{tag_r}", f"指标值{tag_r}"]]
    exp = []
    for i in inds:
        l1 = i["level1"]
        rows.append([l1, i["level2"], i["name"], i["_period"].text or "", i["level2"], i["name"],
                     i["_annual"].text or ""])
        exp.append(_exp_ind(i, i["_period"].text, i["_annual"].text))
    ncols = 7
    head = _standard_header(rec, ncols) + [_period_row(rec, ncols), _budget_row(rec, ncols, rnd)]
    head += _goal_rows(rec, ncols, "中期目标" if "中期" in tag_l else "长期目标", "年度目标")
    body = title_para(rnd, rec["budget_year"]) + [Grid(grid_text(head + rows))]
    return body, [header_of(rec, indicators=exp)], tag_l


def fam_levels(rnd: random.Random, rec: dict) -> tuple[list, list[dict], str]:
    old = rnd.random() < 0.4
    ind_rows, exp, ncols = _std_grid(rec, rnd, None, level_style="decorated", old_tree=old,
                                     label_col=rnd.choice([None, "绩效指标"]))
    rows = _standard_header(rec, ncols) + [_period_row(rec, ncols), _budget_row(rec, ncols, rnd)] + \
        _goal_rows(rec, ncols)
    body = title_para(rnd, rec["budget_year"]) + [Grid(grid_text(rows + ind_rows))]
    return body, [header_of(rec, indicators=exp)], "old tree" if old else "decorated"


def fam_multi(rnd: random.Random, rec: dict) -> tuple[list, list[dict], str]:
    recs = [rec]
    while len(recs) < 1 + rnd.choice([1, 2]):  # projects of one list have names of their own
        r = content(rnd)
        if all(r["project_name"] != x["project_name"] for x in recs):
            recs.append(r)
    year = rec["budget_year"]
    unit = rec["implementing_unit"]
    words = rnd.random() < 0.5
    money = rnd.choice(["万元", "元"])
    extras = rnd.choice([[], ["权重", "指标方向"], ["分值"]])
    rows = [["单位", "项目名称", f"预算数（{money}）", "年度目标", "一级指标", "二级指标", "三级指标", "指标性质",
             "指标值", "度量单位"] + extras]
    exps = []
    for r in recs:
        r0 = len(rows)
        ex = []
        for i in r["indicators"]:
            nature, num, u, a = split_value(i, rnd, words)
            rows.append(["^", "^", "^", "^", i["level1"], i["level2"], i["name"], nature, num, u]
                        + [EXTRA_COLS[x](rnd) for x in extras])
            ex.append(_exp_ind(i, None, a))
        amount = wan(r["budget_amount"]) if money == "万元" else f"{r['budget_amount']:.0f}"
        rows[r0][1:4] = [r["project_name"], amount, r["goal_annual"]]
        exps.append({"project_name": r["project_name"], "project_type": None, "project_level": None,
                     "department": None, "implementing_unit": unit, "period_start": None, "period_end": None,
                     "budget_year": year, "budget_amount": r["budget_amount"], "goal_overall": None,
                     "goal_annual": r["goal_annual"], "indicators": ex})
    rows[1][0] = unit
    widths_ = widths(["text", "name", "small", "text", "l1", "l2", "name", "small", "small", "small"]
                     + ["small"] * len(extras), 26)
    body = [f"## {year}年项目支出绩效目标表", f"单位：{money}",
            Grid(grid_text(rows), widths=widths_, header_rows=1, font_pt=9)]
    return body, exps, f"{len(recs)} projects, {'words' if words else 'symbols'}"


def fam_continued(rnd: random.Random, rec: dict) -> tuple[list, list[dict], str]:
    ind_rows, exp, ncols = _std_grid(rec, rnd, None)
    head = _standard_header(rec, ncols) + [_period_row(rec, ncols), _budget_row(rec, ncols, rnd)] + \
        _goal_rows(rec, ncols)
    cut = rnd.randint(2, max(2, len(ind_rows) - 2))
    first, second = ind_rows[:cut], ind_rows[cut:]
    # the second part repeats the header row and writes out the level names a merge held
    second = [list(r) for r in second]
    for c in range(len(second[0])):
        if second[0][c] == "^":
            j = cut - 1
            while ind_rows[j][c] == "^":
                j -= 1
            second[0][c] = ind_rows[j][c]
    heading = rnd.choice(["项目绩效目标表（续）", "（续表）", "项目支出绩效目标表（续）"])
    repeat = rnd.random() < 0.7 or heading == "（续表）"
    body = title_para(rnd, rec["budget_year"]) + [Grid(grid_text(head + first)), PAGEBREAK, heading,
                                                  Grid(grid_text(([ind_rows[0]] if repeat else []) + second))]
    return body, [header_of(rec, indicators=exp)], f"{heading}{' +header' if repeat else ''}"


def fam_ziping(rnd: random.Random, rec: dict) -> tuple[list, list[dict], str]:
    def vals(i):
        a = i["_annual"]
        done = a.text or ""
        if a.target:
            done = f"{a.target['value']:g}{a.target['unit'] or ''}"
        return [a.text or "", done, str(rnd.choice([10, 20])), str(rnd.choice([10, 20]))], None, a.text

    heads = [rnd.choice(["年度指标值", "年度目标值", "预期指标值"]), rnd.choice(["实际完成值", "全年实际值"]), "分值",
             "得分"]
    ind_rows, exp = indicator_block(rec, rnd, heads, vals)
    ncols = len(ind_rows[0])
    y = rec["budget_year"]
    rows = _standard_header(rec, ncols)
    rows.append(kv(ncols, [("年度预算数（万元）", wan(rec["budget_amount"])), ("执行数（万元）", wan(rec["budget_amount"]))]))
    h = (ncols - 1) // 2
    rows.append(["年度总体目标", "预期目标"] + ["<"] * (h - 1) + ["实际完成情况"] + ["<"] * (ncols - 2 - h))
    rows.append(["^", rec["goal_annual"]] + ["<"] * (h - 1) + ["已按计划完成。"] + ["<"] * (ncols - 2 - h))
    body = ["## 项目支出绩效自评表", f"（{y}年度）", Grid(grid_text(rows + ind_rows))]
    e = header_of(rec, period_start=None, period_end=None,
                  goal_overall=None, indicators=[dict(x, period_value=None, period_target=None) for x in exp])
    e["form_kind"] = "项目支出绩效自评表"
    return body, [e], "ziping"


def fam_bumen(rnd: random.Random, rec: dict) -> tuple[list, list[dict], str]:
    ind_rows, _exp, ncols = _std_grid(rec, rnd, None, heads=("指标值",), values=annual_only)
    rows = [kv(ncols, [("部门（单位）名称", rec["department"])]),
            kv(ncols, [("年度预算安排（万元）", wan(rec["budget_amount"]))]),
            kv(ncols, [("年度总体目标", rec["goal_annual"])])]
    body = [f"## {rnd.choice(['部门整体支出绩效目标表', '部门整体绩效目标申报表'])}", f"（{rec['budget_year']}年度）",
            Grid(grid_text(rows + ind_rows))]
    return body, [], "bumen"


MAKERS = {"header": fam_header, "period": fam_period, "money": fam_money, "goals": fam_goals,
          "extras": fam_extras, "sidebyside": fam_sidebyside, "levels": fam_levels, "multi": fam_multi,
          "continued": fam_continued, "ziping": fam_ziping, "bumen": fam_bumen, "mixed": fam_mixed}


def sample(family: str, seed: int) -> Sample:
    rnd = random.Random(f"{family}:{seed}")
    rec = content(rnd, multi_year=True if family in ("period", "sidebyside", "mixed") else None)
    body, expected, variant_name = MAKERS[family](rnd, rec)
    centre = rnd.random() < 0.6
    for item in body:
        if isinstance(item, Grid):
            item.centre = centre
            if item.widths is None:
                n = len(item.cells()[0])
                item.widths = [round(17.4 / n, 2)] * n
    t = Template(id=f"{family}-{seed}", body=body, landscape=family == "multi")
    return Sample(family, seed, t, expected, refused="部门整体" if family == "bumen" else None,
                  variant=f"{variant_name}{' centred' if centre else ''}", clean=True)
