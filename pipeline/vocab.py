"""Chinese domain terms, written once: indicator levels, header labels, synonyms.

Everything that compares a cell's text with a term here goes through `key()`:
NFKC, no white space, no trailing colon. The rest of the code uses the English
names (`level1`, `department`, ...).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# ------------------------------------------------------------------ indicator levels

LEVEL1 = ("成本指标", "产出指标", "效益指标", "满意度指标")

# canonical 二级指标 -> its 一级指标
LEVEL2_PARENT = {
    "经济成本指标": "成本指标",
    "社会成本指标": "成本指标",
    "生态环境成本指标": "成本指标",
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
}

# spellings seen in the wild -> canonical 二级指标 (the bare names are added below)
_LEVEL2_EXTRA = {
    "生态成本指标": "生态环境成本指标",
    "生态成本": "生态环境成本指标",
    "环境成本指标": "生态环境成本指标",
    "可持续影响": "可持续影响指标",
    "可持续发展指标": "可持续影响指标",
    "可持续影响效益指标": "可持续影响指标",
    "满意度指标(服务对象满意度)": "服务对象满意度指标",
    "社会公众或服务对象满意度指标": "服务对象满意度指标",
    "服务对象满意程度指标": "服务对象满意度指标",
    "时效性指标": "时效指标",
}

_LEVEL1_EXTRA = {
    "成本": "成本指标",
    "产出": "产出指标",
    "效益": "效益指标",
    "满意度": "满意度指标",
}

# level-2 spellings that are also level-1 words: a bare 满意度 under 满意度指标
# would be ambiguous, so the level-1 reading wins where both apply.


_WS = re.compile(r"\s+")


@lru_cache(maxsize=16384)
def key(text: str | None) -> str:
    """The comparison form of a cell: NFKC, no white space, no trailing colon."""
    if not text:
        return ""
    return _WS.sub("", unicodedata.normalize("NFKC", text)).rstrip(":")


def _build_level2() -> dict[str, str]:
    out: dict[str, str] = {}
    for canon in LEVEL2_PARENT:
        out[key(canon)] = canon
        out[key(canon.removesuffix("指标"))] = canon
    for k, v in _LEVEL2_EXTRA.items():
        out[key(k)] = v
    return out


LEVEL2_BY_KEY = _build_level2()
LEVEL1_BY_KEY = {key(x): x for x in LEVEL1} | {key(k): v for k, v in _LEVEL1_EXTRA.items()}


@lru_cache(maxsize=16384)
def level1_of(text: str | None) -> str | None:
    """The canonical 一级指标 a cell names, or None."""
    return LEVEL1_BY_KEY.get(_strip_level_decor(key(text)))


@lru_cache(maxsize=16384)
def level2_of(text: str | None) -> str | None:
    """The canonical 二级指标 a cell names, or None."""
    return LEVEL2_BY_KEY.get(_strip_level_decor(key(text)))


_SCORE_SUFFIX = re.compile(r"\(\d+(\.\d+)?分?\)$")
_ENUM_PREFIX = re.compile(r"^[一二三四五六七八九十]+[、.]")


def _strip_level_decor(k: str) -> str:
    # "产出指标(50分)", "一、产出指标", "数量指标（20分）"
    if k.endswith(")"):
        k = _SCORE_SUFFIX.sub("", k)
    return _ENUM_PREFIX.sub("", k)


# ------------------------------------------------------------------ indicator table header

# a header cell -> the column's role
COLUMN_ROLES = {
    "一级指标": "level1",
    "二级指标": "level2",
    "三级指标": "name",
    "指标名称": "name",
    "指标内容": "name",
    "实施周期指标值": "period",
    "实施期指标值": "period",
    "总体指标值": "period",
    "中长期指标值": "period",
    "年度指标值": "annual",
    "指标值": "annual",
    "目标值": "annual",
    "年度目标值": "annual",
    "指标性质": "nature",
    "指标方向": "nature",
    "度量单位": "unit",
    "计量单位": "unit",
    "单位": "unit",
    "分值": "other",
    "权重": "other",
    "权重(%)": "other",
    "指标解释": "other",
    "备注": "other",
    "评(扣)分标准": "other",
    "评分标准": "other",
}
# the label in the first column of the indicator block
INDICATOR_BLOCK_LABELS = ("绩效指标", "年度绩效指标", "项目绩效指标", "绩效目标指标")


@lru_cache(maxsize=16384)
def column_role(text: str | None) -> str | None:
    k = key(text)
    if k in COLUMN_ROLES:
        return COLUMN_ROLES[k]
    # "年度指标值(2026年)", "实施周期指标值（2022-2024）"
    m = re.match(r"^(.*?指标值|.*?目标值)\(.*\)$", k)
    if m and m.group(1) in COLUMN_ROLES:
        return COLUMN_ROLES[m.group(1)]
    if re.fullmatch(r"\d{4}年(度)?指标值", k):
        return "annual"
    # any other "…指标值" / "…目标值" header by what it names: the period or the year
    m = _VALUE_HEADER.fullmatch(k)
    if m:
        if _PERIOD_WORDS.search(m.group(1)):
            return "period"
        if _ANNUAL_WORDS.search(m.group(1)):
            return "annual"
    return None


_VALUE_HEADER = re.compile(r"(.{1,8}?)(?:指标值|目标值)(?:\(.*\))?")
_PERIOD_WORDS = re.compile(r"周期|中长期|中期|总体|全周期|实施期|项目期")
_ANNUAL_WORDS = re.compile(r"年度|当年|本年|\d{4}年")


# values of a 指标性质 column
NATURE_OPS = {"≥": "≥", ">=": "≥", "≤": "≤", "<=": "≤", "=": "=", ">": ">", "<": "<",
              "定性": "", "定量": "", "正向": "", "反向": "", "大于等于": "≥", "小于等于": "≤",
              "等于": "=", "大于": ">", "小于": "<"}


# how a qualitative value reads (逐步提高, 明显改善, 长期, 达标) and how a 三级指标 name ends
# (…率, …数量, …水平): used only to split one-cell-per-line text into rows
QUALITATIVE_VALUE = re.compile(
    r"^(?:逐步|明显|有效|持续|稳步|进一步|显著|不断|全面|基本|有所|得到|大幅|较大|较好|良好|长期|长效|优|良|"
    r"达标|合格|是|否|无|按时|按期|及时|符合|满足|提高|提升|改善|完善|增强|增加|减少|降低|下降|保持|稳定)"
    r"|(?:提高|提升|改善|完善|增强|增加|减少|降低|下降|稳定|保障|发挥作用|达标|合格|完成|实现)$"
)
INDICATOR_NAME = re.compile(
    r"(?:率|数|量|度|水平|情况|人次|人数|次数|场次|面积|里程|时间|时限|标准|成本|费用|机制|效益|成效|效果|"
    r"能力|质量|规模|覆盖面|金额|资金|补贴|补助|经费|项目|活动|讲座|培训|服务|工程|设施|床位|户数|名额)$"
)

# ------------------------------------------------------------------ header fields

# label (comparison key) -> field
HEADER_LABELS = {
    "项目名称": "project_name",
    "项目类型": "project_type",
    "项目类别": "project_type",
    "项目等级": "project_level",
    "项目级次": "project_level",
    "项目层级": "project_level",
    "主管部门": "department",
    "主管部门及代码": "department",
    "主管单位": "department",
    "项目主管部门": "department",
    "主管部门名称": "department",
    "主管部门(单位)": "department",
    "用款单位": "implementing_unit",
    "实施单位": "implementing_unit",
    "预算单位": "implementing_unit",
    "项目实施单位": "implementing_unit",
    "项目单位": "implementing_unit",
    "单位名称": "implementing_unit",
    "项目执行单位": "implementing_unit",
    "执行单位": "implementing_unit",
    "用款单位名称": "implementing_unit",
    "实施单位名称": "implementing_unit",
    "实施周期": "period",
    "项目实施周期": "period",
    "项目周期": "period",
    "起始年度": "period_start",
    "开始年度": "period_start",
    "起始年份": "period_start",
    "到期年度": "period_end",
    "结束年度": "period_end",
    "截止年度": "period_end",
    "到期年份": "period_end",
    "总体绩效目标": "goal_overall",
    "总体目标": "goal_overall",
    "实施周期总目标": "goal_overall",
    "项目总目标": "goal_overall",
    "中长期目标": "goal_overall",
    "实施周期绩效目标": "goal_overall",
    "实施期绩效目标": "goal_overall",
    "实施期目标": "goal_overall",
    "中长期绩效目标": "goal_overall",
    "项目总体目标": "goal_overall",
    "年度目标": "goal_annual",
    "年度绩效目标": "goal_annual",
    "年度总体目标": "goal_annual",
    "年度总目标": "goal_annual",
    "当年绩效目标": "goal_annual",
    "当年目标": "goal_annual",
    "本年度目标": "goal_annual",
    "本年度绩效目标": "goal_annual",
}

# labels whose values are not record fields (funding breakdowns, contacts, codes)
IGNORED_LABELS = {
    "项目负责人", "负责人", "联系人", "联系电话", "电话", "项目编码", "项目编号", "项目代码", "项目属性", "填报人",
    "填表人", "审核人", "经办人", "填报单位", "填报单位(盖章)", "单位(盖章)", "审核日期", "注", "说明", "填表说明",
    "填报日期", "单位负责人", "财务负责人", "资金用途", "资金来源", "预算科目", "功能分类科目", "经济分类科目",
    "项目概况", "立项依据", "备注", "项目期限", "审核意见", "年度资金总额其中",
    "其中:财政拨款", "财政拨款", "其中财政拨款", "其他资金", "其中:其他资金", "上年结转", "其中:上年结转",
    "财政资金", "其中:财政资金", "自筹资金", "项目资金", "项目资金(元)", "项目资金(万元)",
    "资金情况", "资金情况(元)", "资金情况(万元)",
}

# budget labels: "2026年预算金额(元)", "资金总额(万元)", "项目预算金额", "年度资金总额"
BUDGET_LABEL = re.compile(
    r"^(?:(?P<year>(?:19|20)\d\d)年(?:度)?)?(?:项目)?(?:年度)?"
    r"(?:预算金额|资金总额|预算资金|预算总额|资金金额|预算数|总金额|项目资金总额|资金总额合计)"
    r"(?:\((?P<unit>万元|元)\))?$"
)
# "2026年度目标", "2026年绩效目标"
YEAR_GOAL_LABEL = re.compile(r"^(?P<year>(?:19|20)\d\d)年(?:度)?(?:绩效)?(?:总体)?目标$")

# a note under a table: "填表人：李明", "注：1.指标值应量化" (a short CJK label and a colon)
NOTE_LINE = re.compile(r"^[\u4e00-\u9fff()]{1,12}:")

# "单位：万元", "金额单位：元", "（单位：万元）" above a table: the unit of amounts whose label has none
MONEY_UNIT_NOTE = re.compile(r"^\(?(?:金额|资金|货币)?单位:(?P<unit>万元|元)\)?$")

# "（2026年度）" on a line of its own under the title: the budget year of the form
YEAR_LINE = re.compile(r"^\(?(?:19|20)\d\d年度?\)?$")
FORM_TITLE = re.compile(r"绩效目标(?:申报|申请)?表")


@lru_cache(maxsize=16384)
def header_field(text: str | None) -> tuple[str, dict[str, str]] | None:
    """(field, extras) for a header label cell, else None.

    extras carries what the label itself says: `year` and `unit` of a budget label,
    `year` of a "2026年度目标" label."""
    k = key(text)
    if not k:
        return None
    if k in HEADER_LABELS:
        return HEADER_LABELS[k], {}
    m = BUDGET_LABEL.match(k)
    if m:
        return "budget_amount", {x: v for x, v in m.groupdict().items() if v}
    m = YEAR_GOAL_LABEL.match(k)
    if m:
        return "goal_annual", {"year": m.group("year")}
    bare = re.sub(r"\((万元|元)\)$", "", k)
    if k in IGNORED_LABELS or bare in IGNORED_LABELS or re.fullmatch(r"其中[:：]?.{1,8}", k):
        m = re.search(r"\((万元|元)\)$", k)
        return "ignored", ({"unit": m.group(1)} if m else {})
    return None


@lru_cache(maxsize=16384)
def is_form_title(text: str | None) -> bool:
    k = key(text)
    return bool(k) and len(k) <= 40 and bool(FORM_TITLE.search(k)) and k.endswith(("表", ")"))


# ------------------------------------------------------------------ units and template text (the checks)

# money units -> factor to 元
MONEY_FACTOR = {"元": 1, "千元": 1000, "万元": 10000, "亿元": 100000000}

# units that name the same kind of thing, for matching a per-unit cost (元/户) with a
# quantity (10户) and for comparing period with annual values
UNIT_FAMILY = {
    "人": "人", "名": "人", "位": "人",
    "场": "场", "场次": "场", "次": "场",
    "户": "户", "户次": "户", "家": "户",
    "个": "个", "份": "份", "队": "队", "支": "队", "年": "年",
}

# units of things that add up over the years (场, 人次, 户 ...), as opposed to rates,
# durations and amounts per unit
COUNT_UNITS = frozenset((
    "场", "场次", "次", "期", "批", "轮", "堂", "节", "课时", "学时", "人", "人次", "万人次", "万人", "名", "位", "户",
    "户次", "家", "家次", "个", "份", "项", "件", "篇", "套", "台", "本", "册", "部", "条", "张", "株", "棵", "所",
    "处", "座", "间", "村", "社区", "队", "支", "组", "班", "例", "宗", "笔",
))
# units of sessions (讲座, 活动, 培训)
SESSION_UNITS = frozenset(["场", "场次", "次", "期", "轮", "堂", "节"])
# units of people
PERSON_UNITS = frozenset(["人", "人次", "万人次", "万人", "名", "位"])

# template text left unfilled: 苗木成活率(≥**%), XX村, 指标1, （填写…）
PLACEHOLDER = re.compile(
    r"\*{2,}|(?<![A-Za-z])(?:XX+|xx+|××+|ＸＸ+)(?![A-Za-z])|^(?:[一二三]级)?指标\s*\d+$"
    r"|[(（]\s*(?:请)?(?:填写|填报|输入)[^)）]*[)）]|^请(?:填写|输入)"
)

# mojibake the text cleaner may miss: UTF-8 read as Latin-1/cp1252 (é¡¹ç›®), GBK replacement runs
MOJIBAKE = re.compile(
    r"(?:[\u00e0-\u00ef][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    r"\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{2}){2,}|锟斤拷|烫烫烫|屯屯屯"
)
# HTML left in a field: <p>, </span>, <br/>, &nbsp;
MARKUP = re.compile(r"</?\s*[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?\s*>|&(?:nbsp|lt|gt|amp|quot|#\d{2,5});")
