"""Seeded random VARIANTS of 项目绩效目标表, beyond formgen/txtgen, each with its expected record.

Forms from several departments (财政, 教育, 卫健, 农业农村, 住建, 民政, 街道办, 妇联) with
realistic indicators and values written every way real forms write them (≥ >= ＞= ≧ 不少于
以上 以下 以内, Chinese numerals, decimals, thousands separators, text before and words after
the target, qualitative and compound values), in varied layouts: column orders and value
columns (period+annual, annual only, 指标值 | 度量单位, 指标性质 | 指标值 | 度量单位), with or
without the 绩效指标 label column, numbered or scored level names, extra columns (分值 / 权重 /
备注), empty 二级 groups and empty rows, header fields in different orders and groupings,
goals stacked or side by side, spaced labels and full-width colons, header synonyms, titles
with a year or none, several forms per file.

The expected targets are written down by the generator from the (op, number, unit) it
chose, never computed by the parser under test.

    v = variant(seed)                  # one file's worth of forms
    v.expected                         # list of contract dicts
    write_txt(v, path, style="tabs"|"pipe"|"lines", encoding=..., newline=...)
    write_docx(v, path)                # python-docx, real merges
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.models import HEADER_FIELDS

LEVEL2_PARENT = {
    "经济成本指标": "成本指标", "社会成本指标": "成本指标", "生态环境成本指标": "成本指标",
    "数量指标": "产出指标", "质量指标": "产出指标", "时效指标": "产出指标",
    "经济效益指标": "效益指标", "社会效益指标": "效益指标", "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标", "服务对象满意度指标": "满意度指标",
}
LEVEL2_ORDER = list(LEVEL2_PARENT)

# ------------------------------------------------------------------ departments and indicators

# (level2, name, kind, unit, lo, hi, op)  kind: n = number, p = percent, q = qualitative,
# d = deadline / text with a fixed reading, c = compound (no single target)
_COMMON = [
    ("时效指标", "资金拨付及时率", "p", "%", 100, 100, "="),
    ("时效指标", "项目按时完成率", "p", "%", 95, 100, "≥"),
    ("时效指标", "项目完成时间", "d", None, 0, 0, None),
    ("服务对象满意度指标", "群众满意度", "p", "%", 85, 95, "≥"),
    ("服务对象满意度指标", "服务对象满意度", "p", "%", 85, 95, "≥"),
    ("社会效益指标", "政策知晓率", "p", "%", 80, 95, "≥"),
    ("可持续影响指标", "长效管理机制", "q", None, 0, 0, None),
    ("经济成本指标", "项目总成本", "n", "万元", 20, 500, "≤"),
]
DEPARTMENTS = {
    "财政": {
        "dept": ["东莞市财政局", "佛山市南海区财政局", "韶关市财政局"],
        "units": ["东莞市财政局常平分局", "南海区财政投资评审中心", "韶关市国库支付中心"],
        "projects": ["预算绩效管理第三方服务经费", "财政投资评审专项经费", "政府采购监督管理经费"],
        "inds": [("数量指标", "评审项目数量", "n", "个", 50, 300, "≥"),
              ("数量指标", "出具评审报告份数", "n", "份", 50, 300, "≥"),
              ("质量指标", "评审报告合格率", "p", "%", 95, 100, "≥"),
              ("质量指标", "预算执行率", "p", "%", 90, 100, "≥"),
              ("经济效益指标", "审减率", "p", "%", 5, 15, "≥"),
              ("经济成本指标", "第三方服务费用", "n", "万元", 10, 80, "≤"),
              ("社会效益指标", "预算绩效管理水平", "q", None, 0, 0, None)]},
    "教育": {
        "dept": ["东莞市教育局", "惠州市惠城区教育局", "清远市教育局"],
        "units": ["东莞市常平中学", "惠城区第一小学", "清远市教师发展中心"],
        "projects": ["中小学教师培训项目", "校园安全设施改造工程", "学生营养改善计划补助"],
        "inds": [("数量指标", "培训教师人次", "n", "人次", 200, 5000, "≥"),
              ("数量指标", "改造教室数量", "n", "间", 5, 60, "="),
              ("数量指标", "受益学生人数", "n", "人", 500, 20000, "≥"),
              ("质量指标", "培训合格率", "p", "%", 90, 100, "≥"),
              ("经济成本指标", "人均培训成本", "n", "元/人", 300, 2000, "≤"),
              ("社会效益指标", "教学质量", "q", None, 0, 0, None),
              ("服务对象满意度指标", "学生家长满意度", "p", "%", 85, 95, "≥")]},
    "卫健": {
        "dept": ["东莞市卫生健康局", "珠海市香洲区卫生健康局"],
        "units": ["东莞市疾病预防控制中心", "香洲区妇幼保健院", "常平镇社区卫生服务中心"],
        "projects": ["基本公共卫生服务项目", "适龄儿童免疫规划疫苗接种", "老年人免费健康体检"],
        "inds": [("质量指标", "疫苗接种率", "p", "%", 90, 98, "≥"),
              ("数量指标", "免费体检人数", "n", "人", 1000, 50000, "≥"),
              ("数量指标", "健康讲座场次", "n", "场", 4, 40, "≥"),
              ("质量指标", "家庭医生签约率", "p", "%", 40, 80, "≥"),
              ("经济成本指标", "体检费用标准", "n", "元/人", 80, 300, "≤"),
              ("社会效益指标", "居民健康素养水平", "q", None, 0, 0, None),
              ("质量指标", "严重疑似预防接种异常反应发生率", "p", "%", 1, 1, "<")]},
    "农业农村": {
        "dept": ["东莞市农业农村局", "梅州市梅县区农业农村局", "湛江市农业农村局"],
        "units": ["梅县区农业技术推广中心", "湛江市农业综合执法支队", "东莞市农业农村局"],
        "projects": ["高标准农田建设项目", "高素质农民培育工程", "耕地地力保护补贴"],
        "inds": [("数量指标", "高标准农田建设面积", "n", "万亩", 1, 9, "="),
              ("数量指标", "培训农民人次", "n", "人次", 100, 3000, "≥"),
              ("数量指标", "新增灌溉面积", "n", "亩", 500, 30000, "≥"),
              ("经济成本指标", "耕地地力保护补贴标准", "n", "元/亩", 80, 150, "="),
              ("质量指标", "农田水利设施完好率", "p", "%", 90, 98, "≥"),
              ("经济效益指标", "农民人均增收", "n", "元", 300, 2000, "≥"),
              ("生态效益指标", "化肥使用量", "q", None, 0, 0, None)]},
    "住建": {
        "dept": ["东莞市住房和城乡建设局", "中山市交通运输局"],
        "units": ["东莞市市政设施管护中心", "中山市公路事务中心", "常平镇规划建设办"],
        "projects": ["农村公路养护工程", "老旧小区改造项目", "市政道路修复工程"],
        "inds": [("数量指标", "公路养护里程", "n", "公里", 50, 400, "≥"),
              ("数量指标", "老旧小区改造户数", "n", "户", 200, 5000, "≥"),
              ("数量指标", "道路修复面积", "n", "平方米", 5000, 90000, "≥"),
              ("质量指标", "工程验收合格率", "p", "%", 100, 100, "="),
              ("经济成本指标", "每公里养护成本", "n", "万元/公里", 1, 9, "≤"),
              ("社会成本指标", "安全生产事故", "n", "起", 0, 0, "="),
              ("生态效益指标", "施工扬尘污染", "q", None, 0, 0, None)]},
    "民政": {
        "dept": ["东莞市民政局", "江门市蓬江区民政局"],
        "units": ["东莞市社会福利中心", "蓬江区社会救助服务中心", "常平镇社会事务局"],
        "projects": ["城乡低保及特困人员救助", "困难群众春节慰问", "社区居家养老服务补贴"],
        "inds": [("数量指标", "低保对象人数", "n", "人", 200, 8000, "="),
              ("数量指标", "困难群众慰问户数", "n", "户", 50, 1000, "≥"),
              ("数量指标", "养老床位", "n", "张", 20, 500, "≥"),
              ("经济成本指标", "慰问补贴标准", "n", "元/户", 300, 2000, "="),
              ("时效指标", "救助资金发放及时率", "p", "%", 100, 100, "="),
              ("社会效益指标", "困难群众基本生活", "q", None, 0, 0, None),
              ("经济成本指标", "社工购买标准", "c", None, 0, 0, None)]},
    "街道办": {
        "dept": ["东莞市南城街道办事处", "广州市越秀区北京街道办事处"],
        "units": ["南城街道公共服务办公室", "北京街道综合保障中心", "南城街道社区工作站"],
        "projects": ["社区邻里节活动经费", "垃圾分类宣传督导项目", "社区网格化管理服务"],
        "inds": [("数量指标", "社区活动场次", "n", "场次", 6, 60, "≥"),
              ("数量指标", "巡查次数", "n", "次", 10, 300, "≥"),
              ("质量指标", "垃圾分类覆盖率", "p", "%", 80, 100, "≥"),
              ("数量指标", "发放宣传资料", "n", "份", 1000, 30000, "≥"),
              ("社会效益指标", "社区治理水平", "q", None, 0, 0, None),
              ("服务对象满意度指标", "居民满意度", "p", "%", 85, 95, "≥")]},
    "妇联": {
        "dept": ["东莞市妇女联合会", "东莞市常平镇妇女联合会"],
        "units": ["东莞市常平镇妇女联合会", "白玉兰家庭服务中心"],
        "projects": ["家庭教育指导服务项目", "白玉兰家庭服务中心运营经费", "妇女儿童维权服务"],
        "inds": [("数量指标", "家庭教育讲座", "n", "场", 4, 30, "≥"),
              ("数量指标", "个案服务数量", "n", "个", 3, 20, "≥"),
              ("社会效益指标", "受益妇女儿童人次", "n", "人次", 300, 6000, "≥"),
              ("质量指标", "维权案件办结率", "p", "%", 90, 100, "≥"),
              ("经济成本指标", "讲座课酬标准", "n", "元/场次", 500, 1500, "≤"),
              ("社会效益指标", "资源整合成效", "n", "个", 3, 10, "≥"),
              ("可持续影响指标", "家庭教育指导长效机制", "q", None, 0, 0, None)]},
}
QUALITATIVE = ["逐步提高", "明显改善", "有效提升", "逐步完善", "长期", "持续发挥作用", "得到有效保障", "有所减少"]
# (text, expected target) for values with a fixed reading
DEADLINES = [
    ("12月底前完成", {"op": "=", "value": 12, "unit": "月"}),
    ("按时完成", None),
    ("{y}年12月31日前", None),
    ("{y}年11月前完成", None),
    ("当年完成", None),
]
COMPOUND = [
    "配置6名助理社会工作者103157元/年及1名社会工作者128458元/年",
    "配置2名助理社会工作者，103157元/年/名",
    "专职社工3名，每名每年9.6万元",
]
COUNT_UNITS = {"个", "份", "人次", "间", "人", "场", "户", "张", "场次", "次", "起"}
TYPES = ["其他特定目标类（部门职能类）", "其他特定目标类（民生保障类）", "其他运转类", "专项业务类", "基本建设类"]
LEVELS = ["一级项目", "二级项目"]

# ------------------------------------------------------------------ values

_CN = "零一二三四五六七八九"


def chinese(n: int) -> str:
    """12 -> 十二, 2 -> 两 (sometimes), 105 -> 一百零五 (n < 10000)."""
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n % 10] if n % 10 else "")
    out, zero = "", False
    for mult, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = (n // mult) % 10
        if d:
            if zero and out:
                out += "零"
            out += _CN[d] + name
            zero = False
        elif out:
            zero = True
    return out


def number_text(rnd: random.Random, n: float, unit: str) -> str:
    if isinstance(n, float):
        return f"{n:g}"
    if n >= 10000 and rnd.random() < 0.5:
        return f"{n:,}"
    if 2 <= n <= 120 and unit in COUNT_UNITS and rnd.random() < 0.25:
        return "两" if n == 2 and rnd.random() < 0.5 else chinese(n)
    return str(n)


_GE = ["≥{n}{u}", "≥{n}{u}", "≥{n}{u}", ">={n}{u}", "＞={n}{u}", "≧{n}{u}", "不少于{n}{u}", "不低于{n}{u}",
       "{n}{u}以上", "至少{n}{u}", "{n}{u}及以上", "≥ {n}{u}", "大于等于{n}{u}"]
_LE = ["≤{n}{u}", "≤{n}{u}", "<={n}{u}", "≦{n}{u}", "不超过{n}{u}", "不高于{n}{u}", "{n}{u}以下", "{n}{u}以内",
       "控制在{n}{u}以内", "不多于{n}{u}"]
_SPELL = {"≥": _GE, "≤": _LE, "=": ["{n}{u}"], ">": [">{n}{u}", "＞{n}{u}"], "<": ["<{n}{u}", "＜{n}{u}"]}


@dataclass
class Value:
    text: str | None
    target: dict | None
    split: tuple[str, str, str] | None = None  # (指标性质, 指标值, 度量单位) when it splits cleanly


def make_value(rnd: random.Random, kind: str, unit: str | None, n: float, op: str | None, year: int) -> Value:
    if kind == "q":
        return Value(rnd.choice(QUALITATIVE), None)
    if kind == "d":
        text, target = rnd.choice(DEADLINES)
        return Value(text.format(y=year), target)
    if kind == "c":
        return Value(rnd.choice(COMPOUND), None)
    ntext = number_text(rnd, n, unit)
    if not ntext[0].isdigit():  # Chinese numerals read only with a word operator or none
        spell = rnd.choice(["不少于{n}{u}", "{n}{u}", "至少{n}{u}"]) if op == "≥" else "{n}{u}"
        op = {"不少于{n}{u}": "≥", "至少{n}{u}": "≥"}.get(spell, "=")
    else:
        spell = rnd.choice(_SPELL[op])
    text = spell.format(n=ntext, u=unit)
    if kind == "p" and rnd.random() < 0.1 and op == "=":
        text += rnd.choice(["完成", "达标"])
    target = {"op": op, "value": n, "unit": unit}
    split = None
    if spell in ("{n}{u}", "≥{n}{u}", "≤{n}{u}", ">{n}{u}", "<{n}{u}") and ntext[0].isdigit() and text.endswith(unit):
        split = (op, ntext, unit)
    return Value(text, target, split)


def pick_number(rnd: random.Random, kind: str, lo: float, hi: float) -> float:
    if kind == "p" and lo < hi and rnd.random() < 0.25:
        return round(rnd.uniform(lo, hi - 0.5), 1) or 0.5
    if lo == hi:
        return int(lo)
    return rnd.randint(int(lo), int(hi))


# ------------------------------------------------------------------ records


def make_record(rnd: random.Random) -> dict:
    dname = rnd.choice(list(DEPARTMENTS))
    d = DEPARTMENTS[dname]
    start = rnd.choice([2024, 2025, 2026])
    end = rnd.choice([start, start, start + 1, start + 2])
    year = max(start, min(end, 2026))
    amount = rnd.choice([round(rnd.uniform(1e4, 5e6), 2), float(rnd.randrange(10, 5000) * 1000),
                         float(rnd.randrange(100, 90000) * 100)])
    proj = rnd.choice(d["projects"])
    if rnd.random() < 0.3:
        proj = f"{year}年{proj}"
    rec = {
        "project_name": proj,
        "project_type": rnd.choice(TYPES),
        "project_level": rnd.choice(LEVELS),
        "department": rnd.choice(d["dept"]),
        "implementing_unit": rnd.choice(d["units"]),
        "period_start": start, "period_end": end, "budget_year": year, "budget_amount": amount,
        "goal_overall": f"通过实施{proj}，{rnd.choice(['提升公共服务水平', '保障项目顺利实施', '改善群众生产生活条件'])}，"
                        f"{rnd.choice(['促进经济社会协调发展。', '提高财政资金使用效益。', '增强群众获得感和幸福感。'])}",
        "goal_annual": f"{year}年{rnd.choice(['完成年度建设任务', '按计划开展各项服务', '完成资金拨付和项目验收'])}，"
                       f"{rnd.choice(['服务对象满意度达到90%以上。', '确保项目按期完成。', '各项指标达到预期。'])}",
    }
    for k in ("project_level", "project_type"):  # left blank on the form
        if rnd.random() < 0.1:
            rec[k] = None
    pool = d["inds"] + _COMMON
    rnd.shuffle(pool)
    chosen: dict[str, list] = {}
    names = set()
    for l2, name, kind, unit, lo, hi, op in pool:
        group = chosen.setdefault(l2, [])
        limit = {"数量指标": 3, "质量指标": 2, "社会效益指标": 2}.get(l2, 1)
        if len(group) >= limit or name in names:
            continue
        names.add(name)
        group.append((name, kind, unit, lo, hi, op))
    for must in ("数量指标", "服务对象满意度指标"):
        if not chosen.get(must):
            chosen[must] = [("服务对象满意度", "p", "%", 85, 95, "≥")] if must != "数量指标" else [
                ("开展活动场次", "n", "场", 4, 40, "≥")]
    years = end - start + 1
    inds = []
    order = list(LEVEL2_ORDER)
    if rnd.random() < 0.3:  # 产出 before 成本, as newer templates print it
        order = order[3:6] + order[:3] + order[6:]
    for l2 in order:
        for name, kind, unit, lo, hi, op in chosen.get(l2, []):
            n = pick_number(rnd, kind, lo, hi)
            annual = make_value(rnd, kind, unit, n, op, year)
            if years > 1 and kind == "n" and unit in COUNT_UNITS and n:
                period = make_value(rnd, kind, unit, n * years, op, end)
            elif rnd.random() < 0.8:
                period = annual
            else:
                period = make_value(rnd, kind, unit, n, op, end)
            inds.append({"level1": LEVEL2_PARENT[l2], "level2": l2, "name": name, "_period": period, "_annual": annual})
    rec["indicators"] = inds
    return rec


# ------------------------------------------------------------------ layout


@dataclass
class Layout:
    values: tuple[str, ...]  # value column headers
    value_kind: str  # "both" | "annual" | "annual_period" | "split" | "unit"
    label_col: bool
    extras: tuple[str, ...]
    level1_style: str  # plain | numbered | scored | bare
    level2_style: str  # plain | bare | scored
    empty_groups: bool
    empty_rows: bool
    header_order: list[str]
    pair_rows: bool  # 项目类型+项目等级, 主管部门+实施单位 on one row
    period_style: str  # sub | dash | zhi | startend | single
    budget_style: str  # yuan_year | wan | wan_value | yuan_plain | wan_year
    goals_style: str  # stacked | side | rows | annual_only
    unit_label: str
    goal_label: str
    label_style: str  # plain | spaced | colon | inline ("项目名称：某某" in one cell)
    title_year_line: bool  # "（2026年度）" on its own line under the title
    title_in_table: bool  # the title as the first, merged row of the table
    title: str | None
    two_tables: bool
    ignored_rows: bool
    merged_satisfaction: bool  # 满意度指标 written once across the 一级 and 二级 columns
    name_after: bool  # a titled form may start with 主管部门 before 项目名称
    repeat_name: bool  # a separate indicator table that repeats the 项目名称 row
    footer_row: bool  # the table ends with a 填表人 row
    overall_label: str  # the 实施周期总目标 label when goals stand one a row
    # a one-year project leaves the 实施周期指标值 column blank (only without extra columns: a lone
    # value and a 分值 in copied text could be period+annual as well as annual+分值)
    blank_period: bool = False


def make_layout(rnd: random.Random, rec: dict) -> Layout:
    vk = rnd.choice(["both", "both", "both", "annual", "annual", "split", "unit", "annual_period"])
    values = {
        "both": rnd.choice([("实施周期指标值", "年度指标值"), ("中长期指标值", "年度指标值"), ("实施期指标值", "年度指标值"),
                            ("实施周期目标值", "年度目标值"), ("全周期指标值", "当年指标值")]),
        "annual": rnd.choice([("年度指标值",), ("指标值",), (f"{rec['budget_year']}年指标值",), ("目标值",),
                              ("本年度指标值",)]),
        "annual_period": (f"年度指标值（{rec['budget_year']}年）", "实施周期指标值"),
        "split": (rnd.choice(["指标性质", "指标方向"]), "指标值", rnd.choice(["度量单位", "计量单位"])),
        "unit": ("指标值", rnd.choice(["度量单位", "计量单位"])),
    }[vk]
    extras = rnd.choice([(), (), (), ("分值",), ("权重(%)",), ("备注",), ("分值", "备注"), ("指标解释",)])
    order = ["type", "level", "dept", "unit", "period", "budget"]
    if rnd.random() < 0.5:
        rnd.shuffle(order)
    single = rec["period_start"] == rec["period_end"]
    period_style = rnd.choice(["sub", "dash", "zhi", "startend", "sub2"] + (["single"] if single else []))
    budget_style = rnd.choice(["yuan_year", "yuan_year", "wan", "wan_value", "yuan_plain", "wan_year", "breakdown", "note_wan"])
    goals_style = rnd.choice(["stacked", "stacked", "side", "rows"] + (["annual_only"] if single else []))
    title_year = rec["budget_year"]
    title = rnd.choice([None, "项目绩效目标表", f"{title_year}年度项目绩效目标表", "项目支出绩效目标申报表",
                        f"{title_year}年项目支出绩效目标表", f"部门项目支出绩效目标表（{title_year}年度）"])
    blank_period = single and not extras and rnd.random() < 0.4
    return Layout(
        blank_period=blank_period,
        values=values, value_kind=vk, label_col=rnd.random() < 0.6, extras=extras,
        level1_style=rnd.choice(["plain", "plain", "numbered", "scored", "bare"]),
        level2_style=rnd.choice(["plain", "plain", "bare", "scored"]),
        empty_groups=rnd.random() < 0.5, empty_rows=rnd.random() < 0.3,
        header_order=order, pair_rows=rnd.random() < 0.4, period_style=period_style,
        budget_style=budget_style, goals_style=goals_style,
        unit_label=rnd.choice(["用款单位", "实施单位", "预算单位", "项目实施单位", "项目执行单位"]),
        goal_label=rnd.choice(["年度目标", "年度绩效目标"]),
        label_style=rnd.choice(["plain", "plain", "plain", "spaced", "colon", "inline"]),
        title_year_line=title is not None and not any(c.isdigit() for c in title) and rnd.random() < 0.4,
        title_in_table=title is not None and rnd.random() < 0.3,
        merged_satisfaction=rnd.random() < 0.25, name_after=rnd.random() < 0.2, repeat_name=rnd.random() < 0.4,
        footer_row=rnd.random() < 0.2,
        overall_label=rnd.choice(["实施周期总目标", "实施周期总目标", "实施周期绩效目标", "总体目标", "中长期目标"]),
        title=title, two_tables=rnd.random() < 0.3, ignored_rows=rnd.random() < 0.3,
    )


# ------------------------------------------------------------------ grid


@dataclass
class Grid:
    """A table: rows of cells over `ncols` grid columns, with merged regions."""

    ncols: int
    rows: list[list[str]] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1 inclusive

    def add(self, cells: list[tuple[str, int]]) -> int:
        """A row of (text, span) cells; the last cell stretches to the last column."""
        row = [""] * self.ncols
        r = len(self.rows)
        c = 0
        for k, (text, span) in enumerate(cells):
            if k == len(cells) - 1:
                span = self.ncols - c
            row[c] = text
            if span > 1:
                self.merges.append((r, c, r, c + span - 1))
            c += span
        self.rows.append(row)
        return r

    def vmerge(self, r0: int, r1: int, c: int) -> None:
        if r1 > r0:
            self.merges.append((r0, c, r1, c))

    def covered(self) -> dict[tuple[int, int], str]:
        """(r, c) -> "h" (covered by a horizontal merge) or "v" (continued vertical merge)."""
        out = {}
        for r0, c0, r1, c1 in self.merges:
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if (r, c) == (r0, c0):
                        continue
                    out[(r, c)] = "h" if c > c0 else "v"
        return out


@dataclass
class Form:
    title: str | None
    tables: list[Grid]
    expected: dict
    note: str = "单位：元"  # the amount-unit line above the table


@dataclass
class Variant:
    seed: int
    forms: list[Form]

    @property
    def expected(self) -> list[dict]:
        return [f.expected for f in self.forms]


def _label(text: str, style: str) -> str:
    if style == "spaced" and len(text) == 4:
        return " ".join(text)
    if style == "colon":
        return text + "："
    return text


def _wan(amount: float) -> str:
    return f"{amount / 10000:.6f}".rstrip("0").rstrip(".")


def header_cells(rec: dict, lay: Layout, ncols: int) -> list[tuple[list[tuple[str, int]], int]]:
    """Header rows as ([(text, span)], rows the first cell spans down)."""
    L = lambda t: _label(t, lay.label_style)
    y = rec["budget_year"]
    s, e = rec["period_start"], rec["period_end"]
    half = max(1, (ncols - 1) // 2)
    groups: dict[str, list[list[tuple[str, int]]]] = {}
    pairs = [("type", "项目类型", rec["project_type"]), ("level", "项目等级", rec["project_level"]),
             ("dept", "主管部门", rec["department"]), ("unit", lay.unit_label, rec["implementing_unit"])]
    for key, lab, val in pairs:
        groups[key] = [[(L(lab), 1), (val or "", 1)]]
    if lay.pair_rows and ncols >= 4:
        for a, b in (("type", "level"), ("dept", "unit")):
            la, va = groups[a][0][0][0], groups[a][0][1][0]
            lb, vb = groups[b][0][0][0], groups[b][0][1][0]
            groups[a] = [[(la, 1), (va, half - 1 if half > 1 else 1), (lb, 1), (vb, 1)]]
            groups[b] = []
    ps = lay.period_style
    if ps == "sub" and ncols >= 5:
        groups["period"] = [[(L("实施周期"), 1), ("起始年度", 1), (str(s), 1), ("到期年度", 1), (str(e), 1)]]
    elif ps == "sub2":  # 实施周期 over two rows: 起始年度 | 2024 / 到期年度 | 2026
        groups["period"] = [[(L("实施周期"), 1), ("起始年度", 1), (str(s), 1)], [("", 1), ("到期年度", 1), (str(e), 1)]]
    elif ps == "startend" or ps == "sub":
        groups["period"] = [[(L("起始年度"), 1), (str(s), 1)], [(L("到期年度"), 1), (str(e), 1)]]
    elif ps == "dash":
        groups["period"] = [[(L("实施周期"), 1), (f"{s}年-{e}年", 1)]]
    elif ps == "zhi":
        groups["period"] = [[("项目实施周期", 1), (f"{s}年至{e}年" if s != e else f"{s}年", 1)]]
    else:
        groups["period"] = [[(L("实施周期"), 1), (f"{s}年", 1)]]
    a = rec["budget_amount"]
    bs = lay.budget_style
    if bs == "yuan_year":
        groups["budget"] = [[(f"{y}年预算金额(元)", 1), (f"{a:,.2f}", 1)]]
    elif bs == "wan":
        groups["budget"] = [[("资金总额（万元）", 1), (_wan(a), 1)]]
    elif bs == "wan_value":
        groups["budget"] = [[("项目预算金额", 1), (_wan(a) + "万元", 1)]]
    elif bs == "wan_year":
        groups["budget"] = [[(f"{y}年度资金总额(万元)", 1), (_wan(a), 1)]]
    elif bs == "note_wan":  # the unit only in a "单位：万元" line above the table
        groups["budget"] = [[(L("预算金额"), 1), (_wan(a), 1)]]
    elif bs == "breakdown" and ncols >= 6:
        groups["budget"] = [[("年度资金总额（万元）", 1), (_wan(a), 1), ("其中：财政拨款", 1), (_wan(a), 1),
                             ("其他资金", 1), ("0", 1)]]
    else:
        groups["budget"] = [[("预算金额（元）", 1), (f"{a:.2f}", 1)]]
    if lay.ignored_rows and ncols >= 4 and bs != "breakdown":
        unit = "（万元）" if bs in ("wan", "wan_year") else ""
        amt = _wan(a) if unit else f"{a:.2f}"
        groups["budget"].append([(f"其中：财政拨款{unit}", 1), (amt, half - 1 if half > 1 else 1),
                                 (f"其他资金{unit}", 1), ("0", 1)])
    out: list[tuple[list[tuple[str, int]], int]] = [([(L("项目名称"), 1), (rec["project_name"], 1)], 1)]
    for key in lay.header_order:
        out += [(cells, 2 if key == "period" and ps == "sub2" and k == 0 else 1)
                for k, cells in enumerate(groups[key])]
    if lay.name_after and (lay.title or lay.title_in_table):  # 主管部门 / 实施单位 above 项目名称
        k = next(i for i, (c, _) in enumerate(out) if c[0][0] in (L("主管部门"), L(lay.unit_label)))
        out.insert(0, out.pop(k))
    if lay.label_style == "inline":  # "主管部门：某某局" in one cell
        out = [([(f"{c[0][0]}：{c[1][0]}", 1)], 1) if len(c) == 2 and c[1][0] else (c, d) for c, d in out]
    if lay.ignored_rows:
        out.append(([("项目负责人", 1), ("张伟", 1), ("联系电话", 1), ("0769-83301234", 1)] if ncols >= 4
                    else [("联系电话", 1), ("0769-83301234", 1)], 1))
    goal_annual_label = f"{y}年度目标" if lay.goal_label == "年度目标" and bs not in ("yuan_year", "wan_year") and \
        lay.title is None else lay.goal_label
    gs = lay.goals_style
    if gs == "stacked":
        out.append(([("总体绩效目标", 1), ("实施周期总目标", 1)], 4))
        out.append(([("", 1), (rec["goal_overall"], 1)], 0))
        out.append(([("", 1), (goal_annual_label, 1)], 0))
        out.append(([("", 1), (rec["goal_annual"], 1)], 0))
    elif gs == "side" and ncols >= 3:
        out.append(([("总体绩效目标", 1), ("实施周期总目标", half), (goal_annual_label, 1)], 2))
        out.append(([("", 1), (rec["goal_overall"], half), (rec["goal_annual"], 1)], 0))
    elif gs in ("rows", "side"):
        out.append(([(L(lay.overall_label), 1), (rec["goal_overall"], 1)], 1))
        out.append(([(L(goal_annual_label), 1), (rec["goal_annual"], 1)], 1))
    else:
        out.append(([(L(goal_annual_label), 1), (rec["goal_annual"], 1)], 1))
    return out


def expected_budget_year(rec: dict, lay: Layout) -> int | None:
    """The year the form states for its budget: budget label, annual-goal label, title; a
    single-year period otherwise."""
    y = rec["budget_year"]
    if lay.budget_style in ("yuan_year", "wan_year"):
        return y
    if lay.goal_label == "年度目标" and lay.title is None:  # the label reads "2026年度目标"
        return y
    if lay.title and (any(ch.isdigit() for ch in lay.title) or lay.title_year_line):
        return y
    if rec["period_start"] == rec["period_end"]:
        return rec["period_start"]
    return None


def _level1_text(l1: str, style: str, rnd: random.Random, k: int) -> str:
    if style == "numbered":
        return "一二三四"[k] + "、" + l1
    if style == "scored":
        return f"{l1}（{rnd.choice([10, 20, 30, 50])}分）"
    if style == "bare":
        return l1.removesuffix("指标")
    return l1


def _level2_text(l2: str, style: str, rnd: random.Random) -> str:
    if style == "bare":
        return l2.removesuffix("指标")
    if style == "scored":
        return f"{l2}（{rnd.choice([5, 10, 15, 20])}分）"
    return l2


def _value_cells(ind: dict, lay: Layout, rnd: random.Random) -> tuple[list[str], str | None, str | None]:
    """The value cells of one indicator row, and the expected period / annual values."""
    p, a = ind["_period"], ind["_annual"]
    vk = lay.value_kind
    if vk == "both":
        if lay.blank_period:  # a one-year project leaves the period column blank
            return ["", a.text], None, a.text
        return [p.text, a.text], p.text, a.text
    if vk == "annual_period":
        return [a.text, p.text], p.text, a.text
    if vk == "annual":
        return [a.text], None, a.text
    if vk == "split":
        if a.split:
            op, num, unit = a.split
            nature = rnd.choice({"=": ["=", "=", "等于", "定量"], "≥": ["≥", "≥", "大于等于"],
                                 "≤": ["≤", "≤", "小于等于"]}.get(op, [op]))
            joined = f"{'' if op == '=' else op}{num}{unit}"
            return [nature, num, unit], None, joined
        return ["定性", a.text, ""], None, a.text
    # unit column: the operator stays in the value
    if a.split:
        op, num, unit = a.split
        v = f"{'' if op == '=' else op}{num}"
        return [v, unit], None, v + unit
    return [a.text, ""], None, a.text


_EXTRA_TEXT = {"分值": lambda r: str(r.choice([5, 10, 15, 20])), "权重(%)": lambda r: str(r.choice([5, 10, 20])),
               "备注": lambda r: r.choice(["", "", "按季度统计", "以验收报告为准"]),
               "指标解释": lambda r: r.choice(["反映项目完成情况", "反映服务对象满意程度", ""])}


def build_form(rnd: random.Random) -> Form:
    rec = make_record(rnd)
    lay = make_layout(rnd, rec)
    ind_heads = (["绩效指标"] if lay.label_col else []) + ["一级指标", "二级指标", "三级指标"] + list(lay.values) + list(
        lay.extras)
    ncols = max(len(ind_heads), 5 if lay.period_style == "sub" else 4)
    head = Grid(ncols)
    if lay.title_in_table:
        head.add([(lay.title, ncols)])
        if lay.title_year_line:
            head.add([(f"（{rec['budget_year']}年度）", ncols)])
    for cells, down in header_cells(rec, lay, ncols):
        r = head.add(cells)
        if down > 1:
            head.vmerge(r, r + down - 1, 0)
    ind = Grid(ncols) if lay.two_tables else head
    if lay.two_tables and lay.repeat_name:  # the 绩效指标表 repeats the 项目名称
        ind.add([(_label("项目名称", lay.label_style if lay.label_style != "inline" else "plain"), 1),
                 (rec["project_name"], 1)])
    first = ind.add([(h, 1) for h in ind_heads])
    off = 1 if lay.label_col else 0
    expected_inds = []
    # indicator rows with level texts; merges over runs of equal level names
    rows: list[tuple[str, str, list[str]]] = []
    l1_seen: list[str] = []
    for i in rec["indicators"]:
        if i["level1"] not in l1_seen:
            l1_seen.append(i["level1"])
    l1_text = {l1: _level1_text(l1, lay.level1_style, rnd, k) for k, l1 in enumerate(l1_seen)}
    nvals = len(lay.values) + len(lay.extras)
    for l1 in l1_seen:
        inds = [i for i in rec["indicators"] if i["level1"] == l1]
        l2s = [x for x in LEVEL2_ORDER if any(i["level2"] == x for i in inds)]
        if lay.empty_groups and l1 == "成本指标":
            l2s = [x for x in LEVEL2_ORDER if LEVEL2_PARENT[x] == l1]
        for l2 in l2s:
            l2t = _level2_text(l2, lay.level2_style, rnd)
            group = [i for i in inds if i["level2"] == l2]
            if not group:
                rows.append((l1, l2t, [""] * (1 + nvals)))
            for i in group:
                vals, pv, av = _value_cells(i, lay, rnd)
                extra = [_EXTRA_TEXT[x](rnd) for x in lay.extras]
                rows.append((l1, l2t, [i["name"], *vals, *extra]))
                expected_inds.append({
                    "level1": l1, "level2": l2, "name": i["name"], "period_value": pv, "annual_value": av,
                    "period_target": None if pv is None else i["_period"].target,
                    "annual_target": i["_annual"].target,
                })
            if lay.empty_rows and rnd.random() < 0.15 and not (lay.merged_satisfaction and l1 == "满意度指标"):
                rows.append((l1, l2t, [""] * (1 + nvals)))
    r0 = len(ind.rows)
    for l1, l2t, cells in rows:
        if lay.merged_satisfaction and l1 == "满意度指标":
            ind.add([("", 1)] * off + [(l1_text[l1], 2)] + [(c, 1) for c in cells])
            continue
        ind.add([("", 1)] * off + [(l1_text[l1], 1), (l2t, 1)] + [(c, 1) for c in cells])
    # vertical merges: label column over the block, runs of 一级, runs of (一级, 二级)
    if lay.label_col:
        ind.vmerge(first, len(ind.rows) - 1, 0)
        ind.rows[first + 1][0] = ""
    for col, keyf in ((off, lambda x: x[0]), (off + 1, lambda x: (x[0], x[1]))):
        start = 0
        for k in range(1, len(rows) + 1):
            if k == len(rows) or keyf(rows[k]) != keyf(rows[start]):
                ind.vmerge(r0 + start, r0 + k - 1, col)
                for j in range(start + 1, k):
                    ind.rows[r0 + j][col] = ""
                start = k
    if lay.footer_row:  # 填表人 | 李明 | 联系电话 | … as the table's last row
        ind.add([("填表人", 1), ("李明", 1), ("联系电话", 1), ("0769-81234567", 1)])
    exp = {k: rec[k] for k in HEADER_FIELDS}
    exp["budget_year"] = expected_budget_year(rec, lay)
    if lay.goals_style == "annual_only":
        exp["goal_overall"] = None
    exp["indicators"] = expected_inds
    tables = [head, ind] if lay.two_tables else [head]
    title = None if lay.title_in_table else lay.title
    if title and lay.title_year_line:
        title += f"\n（{rec['budget_year']}年度）"
    note = "单位：万元" if lay.budget_style in ("wan", "wan_year", "breakdown", "note_wan") else "单位：元"
    return Form(title, tables, exp, rnd.choice([note, note.replace("单位", "金额单位"), f"（{note}）"]))


def variant(seed: int, forms: int | None = None) -> Variant:
    rnd = random.Random(seed)
    n = forms if forms is not None else rnd.choice([1, 1, 2, 3])
    fs = [build_form(rnd) for _ in range(n)]
    # forms without a title are told apart by their 项目名称 row, which comes first
    return Variant(seed, fs)


# ------------------------------------------------------------------ writers


def grid_lines(g: Grid) -> list[list[str]]:
    """Rows as Word copies them to text: a horizontally merged cell once, a vertically merged
    one in its first row and empty below."""
    cov = g.covered()
    out = []
    for r, row in enumerate(g.rows):
        cells = []
        for c, text in enumerate(row):
            kind = cov.get((r, c))
            if kind == "h":
                continue
            cells.append("" if kind == "v" else text)
        out.append(cells)
    return out


def _wrap(text: str, rnd: random.Random) -> str:
    """A long CJK cell typed with a line break in it (joined again on reading)."""
    if len(text) > 12 and not text[0].isdigit() and rnd.random() < 0.2:
        k = rnd.randrange(4, len(text) - 4)
        if text[k - 1] > "\u3000" and text[k] > "\u3000":
            return text[:k] + "\n" + text[k:]
    return text


def _markup(cells: list[str], rnd: random.Random) -> list[str]:
    """Goal texts wrapped in <p> as some exports write them (the seed does)."""
    return [f"<p>{c}</p>" if len(c) > 20 and c.endswith("。") and rnd.random() < 0.5 else c for c in cells]


def render_text(v: Variant, style: str = "tabs", seed: int = 0) -> str:
    rnd = random.Random(seed)
    out: list[str] = []
    for f in v.forms:
        if f.title:
            out += [*f.title.split("\n"), ""]
        if f.title or "万元" in f.note:
            out.append(f.note)
        for g in f.tables:
            for cells in grid_lines(g):
                cells = _markup(cells, rnd)
                if style == "lines":
                    out.extend(c for c in cells if c)
                    continue
                cells = list(cells)
                if style == "tabs":
                    while cells and cells[0] == "" and rnd.random() < 0.5:
                        cells.pop(0)
                    if len(cells) > 3 and rnd.random() < 0.2:
                        cells.insert(rnd.randrange(3, len(cells)), "")
                    cells += [""] * rnd.randrange(0, 3)
                    out.append("\t".join(cells))
                else:
                    out.append("| " + " | ".join(cells) + " |")
            if len(f.tables) > 1:
                out.append("")
        footer = rnd.choice([None, None, "填表人：李明\t联系电话：0769-81234567", "填表人：李明  联系电话：0769-81234567",
                             "注：1.指标值应量化。2.金额单位为元。", "填报单位（盖章）：某某局\t填报日期：2025年10月"])
        if footer:
            out += footer.split("\t") if style == "lines" else [footer.replace("\t", "  ") if style == "pipe" else footer]
        out += ["", ""]
    return "\n".join(out) + "\n"


def write_txt(v: Variant, path: str | Path, style: str = "tabs", encoding: str = "utf-8", newline: str = "\n",
              seed: int = 0) -> Path:
    path = Path(path)
    text = render_text(v, style, seed).replace("\n", newline)
    path.write_bytes(text.encode("utf-16") if encoding == "utf-16" else text.encode(encoding))
    return path


def write_docx(v: Variant, path: str | Path, separator: str = "heading", ruled: bool = True,
               keep_rows: bool = False, page: str | None = None) -> Path:
    """python-docx with real merged cells; forms separated by their titles, page breaks or both.
    ruled=False draws the tables without borders (a PDF of it has no ruling lines);
    keep_rows=True marks every row w:cantSplit, so no row is broken across a page;
    page="A3" prints on A3 paper, one form a page (a form's rows then never straddle pages)."""
    from docx import Document

    from tests.formgen import _Grid

    path = Path(path)
    doc = Document()
    wrap_rnd = random.Random(v.seed)
    if page == "A3":
        from docx.shared import Mm

        doc.sections[0].page_width, doc.sections[0].page_height = Mm(297), Mm(420)
        separator = "pagebreak"
    for n, f in enumerate(v.forms):
        if n > 0 and (separator == "pagebreak" or not f.title):
            doc.add_page_break()
        for line in (f.title or "").split("\n"):
            if line:
                doc.add_paragraph(line)
        doc.add_paragraph(f.note)
        for k, g in enumerate(f.tables):
            if k:
                doc.add_paragraph("绩效指标")
            dg = _Grid(doc, len(g.rows), g.ncols)
            if not ruled:
                dg.table.style = doc.styles["Normal Table"]
            cov = g.covered()
            for r, row in enumerate(g.rows):
                for c, text in enumerate(row):
                    if text and (r, c) not in cov:
                        dg(r, c).text = _wrap(text, wrap_rnd)
            for r0, c0, r1, c1 in g.merges:
                dg(r0, c0).merge(dg(r1, c1))
            if keep_rows:
                from docx.oxml import OxmlElement

                for tr in dg.table._tbl.tr_lst:
                    tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        doc.add_paragraph("填表人：李明  联系电话：0769-81234567")
    doc.save(str(path))
    return path


def pdf_batch(docx_paths: list[Path], outdir: Path) -> list[Path]:
    """Convert .docx files to PDF in one LibreOffice call with a private profile."""
    import shutil
    import subprocess
    import uuid

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise RuntimeError("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer")
    profile = Path("/tmp") / f"lo-variety-{uuid.uuid4().hex}"
    try:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(outdir), *map(str, docx_paths)], check=True, capture_output=True,
                       timeout=60 + 5 * len(docx_paths))  # a loaded machine takes seconds a file
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return [outdir / (p.stem + ".pdf") for p in docx_paths]
