"""Chinese domain terms, written once: indicator levels, header labels, synonyms.

Everything that compares a cell's text with a term here goes through `key()`:
NFKC, no white space, no trailing colon. The rest of the code uses the English
names (`level1`, `department`, ...).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .memo import memo

# ------------------------------------------------------------------ indicator levels

LEVEL1 = ("成本指标", "产出指标", "效益指标", "满意度指标")
COST_LEVEL1 = LEVEL1[0]

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

# a second tree some forms add beside the canonical one (中央预算内投资计划绩效目标表: 一级 实施效果指标 over
# 产出 / 效益 / 满意度, then 过程管理指标 over 计划 / 资金 / 项目管理 and 监督检查): its 一级 and 二级 are kept
# as written, its rows are indicators like any other
OTHER_TREES = {"过程管理指标": ("计划管理指标", "资金管理指标", "项目管理指标", "监督检查指标")}
LEVEL2_PARENT.update({l2: l1 for l1, l2s in OTHER_TREES.items() for l2 in l2s})
# a name standing over the 一级 names (实施效果指标 | 产出指标 | …): a group, neither a level nor an indicator
LEVEL_GROUPS = ("实施效果指标",)

# spellings seen in the wild -> canonical 二级指标 (the bare names are added below)
_LEVEL2_EXTRA = {
    "生态成本指标": "生态环境成本指标",
    "生态成本": "生态环境成本指标",
    "环境成本指标": "生态环境成本指标",
    "可持续影响": "可持续影响指标",
    "可持续发展指标": "可持续影响指标",
    "可持续影响效益指标": "可持续影响指标",
    # a 自评表 of the older model writes the bare 可持续性 in its 二级 column (经济效益 | 可持续性)
    "可持续性": "可持续影响指标",
    "可持续性指标": "可持续影响指标",
    "满意度指标(服务对象满意度)": "服务对象满意度指标",
    "社会公众或服务对象满意度指标": "服务对象满意度指标",
    "服务对象满意程度指标": "服务对象满意度指标",
    "时效性指标": "时效指标",
    "环境效益指标": "生态效益指标",
    "生态环境效益指标": "生态效益指标",
    # the bare spellings too (经济效益 | 社会效益 | 环境效益 in a 自评表's 二级 column)
    "环境效益": "生态效益指标",
    "生态环境效益": "生态效益指标",
    "工期指标": "时效指标",
    # the pre-2018 tree's 效率指标 (资金到位率, 完成及时率): how fast, the 时效 of today's tree
    "效率指标": "时效指标",
    "进度指标": "时效指标",
    # old templates and decorated names (parentheticals are stripped before lookup)
    "预算控制指标": "经济成本指标",
    "产出成本": "经济成本指标",  # the pre-2021 tree's 成本 under 产出, led by its 一级's stem (产出数量 | 产出成本)
    "产出成本指标": "经济成本指标",
    "投资规模控制指标": "经济成本指标",
    "成本控制指标": "经济成本指标",
    "建筑规模指标": "数量指标",
    "社会、经济、生态效益指标": "社会效益指标",
    "社会经济生态效益指标": "社会效益指标",
    "社会效益和经济效益指标": "社会效益指标",
    "经济和社会效益指标": "经济效益指标",
    "满意度指标(服务对象)": "服务对象满意度指标",
    "社会公众满意度指标": "服务对象满意度指标",
    "服务对象满意": "服务对象满意度指标",
    "社会效益和可持续影响指标": "社会效益指标",
    "成本目标": "经济成本指标",
    "投入目标": "经济成本指标",
}
# old templates name the 二级 "…目标" (数量目标, 社会效益目标, 服务对象满意度目标): read as "…指标"
_LEVEL_GOAL_SUFFIX = re.compile(r"目标$")

# the 二级 a 一级 standing alone implies
LEVEL1_DEFAULT_LEVEL2 = {"满意度指标": "服务对象满意度指标", "成本指标": "经济成本指标"}

_LEVEL1_EXTRA = {
    "预期产出指标": "产出指标",
    "预期产出": "产出指标",
    "效果指标": "效益指标",
    "预期效果指标": "效益指标",
    "预期效益指标": "效益指标",
    "投入": "成本指标",
    "投入指标": "成本指标",
    "成本": "成本指标",
    "产出": "产出指标",
    "效益": "效益指标",
    "满意度": "满意度指标",
    # old templates name the 一级 "…目标" too (投入目标 is a money section's label there, not a level)
    "产出目标": "产出指标",
    "效益目标": "效益指标",
    "效果目标": "效益指标",
    # the pre-2018 tree (海南 2016: 产出指标 | 成效指标 | 效率指标): 成效 is what the project brought about
    "成效指标": "效益指标",
    # 四川 forms name the 一级 by what it measures: 项目完成指标 (the output), 项目效益指标
    "项目完成指标": "产出指标",
    "项目效益指标": "效益指标",
}

# level-2 spellings that are also level-1 words: a bare 满意度 under 满意度指标
# would be ambiguous, so the level-1 reading wins where both apply.


_WS = re.compile(r"\s+")


# traditional characters met in forms from Hong Kong / Taiwan-style pages (績效目標表, 項目名稱, 產出指標):
# keys compare in simplified characters; the stored text keeps what the page says
TRADITIONAL = "績標項稱門產數質時滿級實單預資總額體週經濟會態環續長務財撥來責聯繫電話據說計劃內類應對發監評價執況報審區縣鄉鎮為與個萬億於後進處開結轉專關係節約極準確達蓋規議舉場傳導備採購維護養運營業訓練識響戶眾優這種創綠擴張檢測驗齊並碼編製設歸屬權註歷號辦費補職動際廣東學醫療衛農車書圖館網線絡險獎勵隊紀錄術藝視給積邊氣災園圍證雙層値兩條員負異難題問見現勝鬥簡將屆懸別頁覽載擬滅統傷撲曉顯檔搶詢陳岡無請點調黃"
SIMPLIFIED = "绩标项称门产数质时满级实单预资总额体周经济会态环续长务财拨来责联系电话据说计划内类应对发监评价执况报审区县乡镇为与个万亿于后进处开结转专关系节约极准确达盖规议举场传导备采购维护养运营业训练识响户众优这种创绿扩张检测验齐并码编制设归属权注历号办费补职动际广东学医疗卫农车书图馆网线络险奖励队纪录术艺视给积边气灾园围证双层值两条员负异难题问见现胜斗简将届悬别页览载拟灭统伤扑晓显档抢询陈冈无请点调黄"
_TO_SIMPLIFIED = str.maketrans(TRADITIONAL, SIMPLIFIED)


def to_simplified(text: str) -> str:
    """The text in simplified characters, character for character (the same length, so a position in
    one is the same position in the other)."""
    return text.translate(_TO_SIMPLIFIED)


@memo
def key(text: str | None) -> str:
    """The comparison form of a cell: NFKC, simplified characters, no white space, no trailing colon."""
    if not text:
        return ""
    k = _WS.sub("", unicodedata.normalize("NFKC", text))
    if "??" in k:  # 绩????效????目????标: the spaces of a spaced label lost to an encoding as question marks
        k = _LOST_SPACES.sub("", k)
    return k.translate(_TO_SIMPLIFIED).rstrip(":")


_LOST_SPACES = re.compile(r"(?<=[\u4e00-\u9fff])\?{2,}(?=[\u4e00-\u9fff])")


def _build_level2() -> dict[str, str]:
    out: dict[str, str] = {}
    for canon, parent in LEVEL2_PARENT.items():
        out[key(canon)] = canon
        out[key(canon.removesuffix("指标"))] = canon
        # a 二级 led by its 一级's stem (产出数量指标, 河北 宁晋 评价指标表's 评价内容 column)
        out[key(parent.removesuffix("指标") + canon)] = canon
        if parent == "产出指标":  # and bare (产出数量 | 产出质量 | 产出时效: the pre-2021 自评表's 二级 column)
            out[key(parent.removesuffix("指标") + canon.removesuffix("指标"))] = canon
    for k, v in _LEVEL2_EXTRA.items():
        out[key(k)] = v
    return out


LEVEL2_BY_KEY = _build_level2()
LEVEL1_BY_KEY = ({key(x): x for x in LEVEL1} | {key(k): v for k, v in _LEVEL1_EXTRA.items()}
                 | {key(x): x for x in OTHER_TREES})


@memo
def level1_of(text: str | None) -> str | None:
    """The canonical 一级指标 a cell names, or None."""
    return LEVEL1_BY_KEY.get(_strip_level_decor(key(text)))


@memo
def level2_of(text: str | None) -> str | None:
    """The canonical 二级指标 a cell names, or None."""
    k = _strip_level_decor(key(text))
    if k not in LEVEL2_BY_KEY and k.endswith("目标") and len(k) <= 12:  # 数量目标, 社会效益目标 in old templates
        k = _LEVEL_GOAL_SUFFIX.sub("指标", k)
    return LEVEL2_BY_KEY.get(k)


_PAREN = re.compile(r"\([^()]*\)分?|【[^【】]*】|\[[^\[\]]*\]")


def _closed(k: str) -> str:
    """A label's key with its brackets balanced: one left open at the end (年度指标值(2026年,
    资金总额(万元 — OCR lost the closing one, or it was never typed) closed there, a closing one with
    nothing open (项目名称)) dropped. A key with balanced brackets comes back as it is."""
    if "(" not in k and ")" not in k:
        return k
    out: list[str] = []
    depth = 0
    for ch in k:
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                continue
            depth -= 1
        out.append(ch)
    return "".join(out) + ")" * depth
_ENUM_PREFIX = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\d+[、.](?!\d))")
# a form's numbered section heading (四、年度绩效指标完成情况) standing in the first cell of a row
SECTION_HEADING = re.compile(r"^[一二三四五六七八九十]+、")


def _strip_level_decor(k: str) -> str:
    """"产出指标(50分)", "一、产出指标", "数量指标（必填硬性指标）", "预算(或投资规模)控制指标",
    "成本指标(0-20分)": parentheticals and enumeration go."""
    if k in LEVEL1_BY_KEY or k in LEVEL2_BY_KEY:
        return k
    k = _closed(k)
    if k[:1] in NAME_MARKS:  # ★产出指标: a mark of a required row
        k = k.lstrip(NAME_MARKS)
    if k.endswith("指标等"):  # 服务对象满意度指标等: the template's "and the like"
        k = k[:-1]
    if "(" in k or "【" in k or "[" in k:
        k = _PAREN.sub("", k)
    k = _LEVEL_ENUM.sub("", _ENUM_PREFIX.sub("", k))
    k = k.replace("类指标", "指标") if "类指标" in k else k
    if k.endswith("值") and not k.endswith("指标值") and _LEVEL_VALUE_SUFFIX_LEN[0] <= len(k) <= _LEVEL_VALUE_SUFFIX_LEN[1]:
        alt = k[:-1] + "指标"  # 产出值 / 数量值 / 经济效益值: the levels named for their values (山东 临邑)
        if alt in LEVEL1_BY_KEY or alt in LEVEL2_BY_KEY:
            return alt
    return k


# how long a level name written with 值 for 指标 is (产出值 … 可持续影响值)
_LEVEL_VALUE_SUFFIX_LEN = (3, 8)
# more decoration before a level name: 一级指标：产出指标, ①数量指标 (1 after NFKC), Ⅰ产出指标, A.产出指标
_LEVEL_ENUM = re.compile(r"^(?:[一二]级指标:|\d{1,2}(?=[\u4e00-\u9fff])|[IVX]{1,4}[、.]?(?=[\u4e00-\u9fff])|[A-Za-z][、.])")


# ------------------------------------------------------------------ indicator table header

# a header cell -> the column's role; "extra" columns (分值, 指标解释, 实际完成值 ...) are
# never part of a value and go to the indicator's `extras` under their header text
COLUMN_ROLES = {
    "一级指标": "level1",
    "二级指标": "level2",
    "三级指标": "name",
    "三级指标名称": "name",
    # the header cut to 一级 | 二级 | 三级 | 年度数值 (山东 临邑)
    "一级": "level1",
    "二级": "level2",
    "三级": "name",
    "指标名称": "name",
    "指标内容": "name",
    "绩效指标名称": "name",
    "具体指标": "name",
    "实施周期指标值": "period",
    "实施期指标值": "period",
    "总体指标值": "period",
    "中长期指标值": "period",
    "长期指标值": "period",
    "整体指标值": "period",
    "年度指标值": "annual",
    "年度数值": "annual",
    "指标值": "annual",
    "目标值": "annual",
    "年度目标值": "annual",
    "绩效指标值": "annual",
    "预期指标值": "annual",
    "计划指标值": "annual",
    "预期目标值": "annual",
    "指标目标值": "annual",
    "预期值": "annual",
    "指标值及单位": "annual",
    "评价内容": "level1",
    # the pre-2018 table (海南 2016: 指标类型 | 指标名称 | 绩效目标 | 绩效标准): the indicator's type is its 一级's
    # name (产出指标, 成效指标); a value's type (指标值类型: 定量 / 定性) is 指标性质's below
    "指标类型": "level1",
    "绩效内容": "name",
    "参考标准": "extra",
    "保障绩效目标实现措施": "extra",
    "绩效目标实现措施": "extra",
    "指标属性": "extra",
    "绩效目标值": "annual",
    "指标值和单位": "annual",
    "指标值(含单位)": "annual",
    "计划值": "annual",
    "年度计划值": "annual",
    "指标值(目标值)": "annual",
    "年初目标值": "annual",
    "指标性质": "nature",
    "指标值性质": "nature",
    "计算符号": "nature",
    "运算符号": "nature",
    "指标方向": "direction",
    "指标方向性": "direction",
    "度量单位": "unit",
    "绩效度量单位": "unit",  # 海南's list export: 绩效指标性质 | 绩效指标值 | 绩效度量单位
    "计量单位": "unit",
    "指标单位": "unit",
    "指标值单位": "unit",
    "单位": "unit",
    "单位(文字描述)": "unit",  # 河北 自评表: 预期指标值 split as 符号 | 值 | 单位(文字描述)
    "分值": "extra",
    "权重": "extra",
    "指标权重": "extra",
    "指标分值": "extra",
    "指标解释": "extra",
    # a 自评表's columns beside the value (新疆 阜康: 指标值 | 指标值设置依据 | 上年完成值 | 指标分值权重 |
    # 指标赋分规则 | 佐证资料 | 指标实际完成值 | 完成率 | 指标得分)
    "指标赋分规则": "extra",
    "赋分规则": "extra",
    "佐证资料": "extra",
    "佐证材料": "extra",
    "完成率": "extra",
    "指标完成率": "extra",
    "指标说明": "extra",
    "指标值说明": "extra",
    # what the value means, in words, beside 指标值类型 | 目标值 | 度量单位 (湖南 南县)
    "指标值内容": "extra",
    "指标值描述": "extra",
    # the indicator described in words beside its name (天津 区级 法院: 三级指标 | 绩效指标描述 | 指标值)
    "指标描述": "extra",
    "绩效指标描述": "extra",
    "指标值设定依据": "extra",
    "指标值确定依据": "extra",
    "备注": "extra",
    "评(扣)分标准": "extra",
    "评分标准": "extra",
    "评分细则": "extra",
    "扣分标准": "extra",
    "评分规则": "extra",
    "绩效标准": "extra",
    "计划标准": "extra",
    "实际完成值": "extra",
    "实际完成指标值": "extra",
    "全年完成值": "extra",
    "全年实际值": "extra",
    "实际值": "extra",
    "完成值": "extra",
    "实际完成情况": "extra",
    "得分": "extra",
    "自评得分": "extra",
    "偏差原因分析及改进措施": "extra",
    "偏差原因分析": "extra",
    "未完成原因分析": "extra",
    "数据来源": "extra",
    "指标来源": "extra",
    "历史值": "extra",
    "标准值": "extra",
    # a 绩效运行监控表's columns beside the target (issue 9)
    "半年度执行情况": "extra",
    "1-6月执行情况": "extra",
    "全年预计完成情况": "extra",
    "完成可能性": "extra",
    "完成目标可能性": "extra",
    "相关建议": "extra",
    "偏差原因": "extra",
}
# the label in the first column of the indicator block
INDICATOR_BLOCK_LABELS = frozenset(("绩效指标", "年度绩效指标", "项目绩效指标", "绩效目标指标", "年度绩效目标指标",
                          "绩效指标(年度)", "产出和效益指标", "绩效目标", "本年度绩效指标", "绩效项目指标表",
                          "项目绩效指标表", "绩效指标表", "实施期绩效指标", "中期绩效指标",
                          # a 自评表's block, its label merged down the table's left (新疆 阜康 统计局 2023)
                          "年度绩效指标完成情况", "绩效指标完成情况"))
# a group of indicator rows by kind, in a column of its own down the table's left (河北 评价指标表:
# 项目年度绩效目标(定量指标) over the 数量 / 质量 / 时效 rows): a block label too
INDICATOR_GROUP = re.compile(r"^(?:项目)?(?:年度)?绩效(?:目标|指标)\((?:定量|定性)(?:指标)?\)$")


def is_indicator_block(k: str) -> bool:
    return k in INDICATOR_BLOCK_LABELS or k in LEVEL_GROUPS or bool(INDICATOR_GROUP.match(k))


@memo
def column_role(text: str | None) -> str | None:
    # "*指标值" / "权重*": a required column's mark; "年度指标值(2026年": a bracket left open
    k = _closed(key(text).strip("*"))
    role = _column_role(k)
    if role == "annual" and YEAR_SPAN.search(k) and not _YEAR_WORDS.search(k):
        return "period"  # 2025-2027年指标值, 指标值（2024-2026年）: a value over a span of years
    return role


def _column_role(k: str) -> str | None:
    if k in COLUMN_ROLES:
        return COLUMN_ROLES[k]
    if len(k) > 40 or not k:
        return None
    bare = _PAREN.sub("", k) if "(" in k else k
    if len(bare) > 16:
        return None
    if bare in COLUMN_ROLES and COLUMN_ROLES[bare] != "unit":  # "权重(%)", "年度指标值(2026年)", "指标内容(150字内)"
        return COLUMN_ROLES[bare]
    if re.fullmatch(r"\d{4}年(度)?指标值", bare):
        return "annual"
    # any other "…指标值" / "…目标值" header by what it names: the period or the year
    m = _VALUE_HEADER.fullmatch(bare)
    if m:
        if _PERIOD_WORDS.search(m.group(1)):
            return "period"
        if _ANNUAL_WORDS.search(m.group(1)):
            return "annual"
    if _SENTENCE_MARKS.search(bare):
        return None  # 在主要路口设置养护说明牌四十块。: a sentence (a goal, a value) is no header, whatever word it holds
    for role, pat in COLUMN_ROLE_PATTERNS:
        if pat.search(bare):
            return role
    return None


# column headers read by meaning when no spelling above matches, first match wins:
# 指标值类型 (nature), 上年度实际水平 / 指标内容计算公式 / 保障措施 (extra), 本年度计划水平 /
# 当年预期实现值 (annual), 中期目标值 (period)
COLUMN_ROLE_PATTERNS = (
    ("nature", re.compile(r"(?:指标|值)(?:性质|类型)$|^(?:指标)?性质$|符号$")),
    ("direction", re.compile(r"方向")),
    ("unit", re.compile(r"^(?:计量|度量|指标|指标值)单位$")),
    ("extra", re.compile(r"实际|上年|历史|解释|说明|公式|措施|标准|依据|来源|方法|备注|分值|权重|得分|原因|细则|偏差|"
                         r"评价|评分|扣分|完成值|完成情况|执行情况|执行数|可能性|进展|口径|建议|举措|描述$")),
    ("name", re.compile(r"^(?:三级|具体)?指标(?:名称|内容|项)?$")),
    ("period", re.compile(r"(?:中长期|长期|中期|实施期|周期|总体|整体).{0,6}(?:值|水平)$")),
    ("annual", re.compile(r"(?:指标值|目标值|实现值|预期值|计划值|计划水平|预期水平|目标水平|预期目标值)$")),
)


# what a header never holds: the marks of a sentence (key() has made ，；：！ ASCII)
_SENTENCE_MARKS = re.compile(r"[。,;!？?]")
_VALUE_HEADER = re.compile(r"(.{1,8}?)(?:指标值|目标值)")
# two years, the second after the first: a span (2025-2027, 2025年至2027年), as a header names it
YEAR_SPAN = re.compile(r"(?<!\d)((?:19|20)\d\d)年?度?(?:[-~—–〜－]|至|到)((?:19|20)\d\d)(?!\d)")
_YEAR_WORDS = re.compile(r"年度|当年|本年")
_PERIOD_WORDS = re.compile(r"周期|中长期|中期|长期|总体|全周期|实施期|项目期")
_ANNUAL_WORDS = re.compile(r"年度|当年|本年|\d{4}年")

# a block of indicators for the whole period or for the year (长期绩效指标 | … then 年度绩效指标 | …):
# its 指标值 column is that block's value, and the year's block fills the same indicators
BLOCK_SCOPE = (
    (re.compile(r"^(?:长期|中长期|中期|实施期|实施周期|项目期|整体|总体|总目标|总体目标|中长期目标|实施期目标)"
                r"(?:绩效)?(?:目标)?指标(?:表)?$"), "period"),
    (re.compile(r"^(?:年度|本年度|当年|\d{4}年度?)(?:绩效)?(?:目标)?指标(?:表)?$"), "annual"),
)

# the header row of a table that lists several projects (what budget systems export):
# a cell that is a header label (项目名称, 预算数, 年度目标) in a row of column headers
# is that record field's column; a 单位 column before the indicator columns is the unit, not 度量单位
LIST_UNIT_HEADERS = frozenset(("单位", "单位名称", "预算单位"))

# values of a 指标性质 column
NATURE_OPS = {"≥": "≥", ">=": "≥", "≤": "≤", "<=": "≤", "=": "=", ">": ">", "<": "<",
              "定性": "", "定量": "", "正向": "", "反向": "", "大于等于": "≥", "小于等于": "≤",
              "等于": "=", "大于": ">", "小于": "<", "不低于": "≥", "不高于": "≤", "不少于": "≥",
              "不多于": "≤", "不超过": "≤", "高于": ">", "低于": "<", "≥=": "≥", "+": "", "-": "",
              "正向指标": "", "反向指标": "", "定量指标": "", "定性指标": "",
              # the same operators typed with look-alike characters (≧, ≦, a box-drawing ═ for =)
              "≧": "≥", "≦": "≤", "═": "=", "＝": "="}


# how a qualitative value reads (逐步提高, 明显改善, 长期, 达标, 应保尽保) and how a 三级指标 name ends
# (…率, …数量, …水平): used only to split one-cell-per-line text into rows
# a grade written as one character (高 / 中 / 低, 优 / 良 / 差, 是 / 否, 有 / 无): a 自评表's target and its actual
# may be two of them run together (高高)
ONE_CHAR_GRADES = frozenset("高中低好优良差是否有无")
# what an explanation of an indicator (指标解释 / 指标说明) opens with: 反映资金使用效益, 主要反映服务对象满意程度.
# Such a cell is no 三级指标's name: one cell a line, it is the explanation column of the row before
EXPLANATION = re.compile(r"^(?:该指标|主要|用于|用以)?反映")
QUALITATIVE_VALUE = re.compile(
    r"^(?:逐步|明显|有效|持续|稳步|进一步|显著|不断|全面|基本|有所|得到|大幅|较大|较好|良好|长期|长效|优|良|"
    r"达标|合格|是|否|无|按时|按期|及时|符合|满足|提高|提升|改善|完善|增强|增加|减少|降低|下降|保持|稳定)"
    r"|(?:提高|提升|改善|完善|增强|增加|减少|降低|下降|稳定|保障|发挥作用|达标|合格|完成|实现)$"
    # a policy's whole-coverage phrase: 应改尽改, 应保尽保, 应补尽补 (each one due gets it), 全覆盖, 动态清零
    r"|^应.{1,2}尽.{1,2}$|^(?:全覆盖|动态清零)$"
)
INDICATOR_NAME = re.compile(
    r"(?:率|数|量|度|水平|情况|人次|人数|次数|场次|面积|里程|时间|时限|标准|成本|费用|机制|效益|成效|效果|"
    # (…性: a quality named by its 性, 合规性, 规范性, 及时性: what is measured, not a value, 合规, 及时)
    r"能力|质量|规模|覆盖面|金额|资金|补贴|补助|经费|项目|活动|讲座|培训|服务|工程|设施|床位|户数|名额|性)$"
)

# a goal's label standing right after the 指标名称 column of a header one label a line: the column of each
# indicator's target (海南 2016: 指标类型 / 指标名称 / 绩效目标 / 绩效标准), not the form's goal
TARGET_HEADERS_AFTER_NAME = frozenset(("绩效目标", "目标"))

# the points a 自评表 block is worth, standing in the header where a column's label would be (年度指标值 |
# 实际完成指标值 | 50): a column of each row's score with no label; read as this extra column
SCORE_POINTS = re.compile(r"^\d{1,3}$")
SCORE_HEADER = "分值"
# a column of points: beside a level (一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分) with no target
# column anywhere, it makes the table a 绩效评价 scoring framework (项目决策 / 项目管理 / 项目绩效), not targets
POINTS_HEADERS = frozenset(("分值", "权重", "分数", "指标分值", "标准分值", "标准分"))
# the columns of a 自评表's scores: the points an indicator is worth and the points it got
SCORE_COLUMN_HEADERS = POINTS_HEADERS | frozenset(("得分", "自评得分", "评分", "实际得分", "指标得分"))
# the points a row is worth, as its cell gives them (5, 7.5)
SCORE_POINTS_VALUE = re.compile(r"^\d{1,3}(?:\.\d{1,2})?$")
# what a 指标性质 cell says of a target in words: a row of it has no operator, number or unit
QUALITATIVE_NATURES = frozenset(("定性", "定性指标"))

# ------------------------------------------------------------------ header fields

# label (comparison key) -> field. Labels are looked up as written, then without
# parentheticals (项目(专项)名称), a code suffix (主管部门及编码) or a 具体 prefix (具体实施单位)
HEADER_LABELS = {
    "项目名称": "project_name",
    "专项名称": "project_name",
    "专项资金名称": "project_name",
    "资金名称": "project_name",  # a 区域绩效目标表 names the transfer fund it sets targets for
    "项目全称": "project_name",
    "二级项目名称": "project_name",
    # the central 转移支付 forms (区域绩效目标表, 绩效自评表): the transfer is the project
    "转移支付(项目)名称": "project_name",
    "转移支付名称": "project_name",
    "转移支付项目名称": "project_name",
    "项目类型": "project_type",
    "项目类别": "project_type",
    "项目分类": "project_type",
    "项目等级": "project_level",
    "项目级次": "project_level",
    "项目层级": "project_level",
    "项目级别": "project_level",
    "主管部门": "department",
    "主管单位": "department",
    "项目主管部门": "department",
    "主管部门名称": "department",
    "主管预算部门": "department",
    "预算部门": "department",
    "预算部门名称": "department",
    "预算主管部门": "department",
    "主管预算单位": "department",
    "一级预算单位": "department",
    "归口管理部门": "department",
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
    "资金使用单位": "implementing_unit",
    "预算执行单位": "implementing_unit",
    "申报单位": "implementing_unit",
    "项目申报单位": "implementing_unit",
    "实施部门": "implementing_unit",
    "项目实施部门": "implementing_unit",
    # a 中央预算内投资计划绩效目标表: the place or unit the money is sent to carries the project out
    "下达地方或单位": "implementing_unit",
    "下达地方": "implementing_unit",
    "下达单位": "implementing_unit",
    # a budget system's export heads its form with the budget unit as `单位信息: 324001-某局机关` (四川)
    "单位信息": "implementing_unit",
    "实施周期": "period",
    "项目实施周期": "period",
    "项目周期": "period",
    "实施期": "period",
    "项目实施期": "period",
    "项目期": "period",
    "建设周期": "period",
    "项目建设周期": "period",
    "项目起止时间": "period",
    "起止时间": "period",
    "项目起止年限": "period",
    "起止年限": "period",
    "实施期限": "period",
    "项目实施期限": "period",
    "执行期限": "period",
    "项目期限": "period",
    "实施年限": "period",
    "起始年度": "period_start",
    "开始年度": "period_start",
    "起始年份": "period_start",
    "开始年份": "period_start",
    "开始日期": "period_start",
    "开始时间": "period_start",
    "起始时间": "period_start",
    "起始日期": "period_start",
    "项目开始时间": "period_start",
    "项目开始日期": "period_start",
    "到期年度": "period_end",
    "结束年度": "period_end",
    "截止年度": "period_end",
    "到期年份": "period_end",
    "结束年份": "period_end",
    "结束日期": "period_end",
    "结束时间": "period_end",
    "截止时间": "period_end",
    "截止日期": "period_end",
    "完成时间": "period_end",
    "到期时间": "period_end",
    "项目结束时间": "period_end",
    "项目结束日期": "period_end",
    "实施单位及责任人": "implementing_unit",
    "实施单位及负责人": "implementing_unit",
    "项目实施单位及责任人": "implementing_unit",
    "项目实施单位及负责人": "implementing_unit",
    "项目完成日期": "period_end",
    "完成日期": "period_end",
    "预算申报数": "budget_amount",
    "总体绩效目标": "goal_overall",
    "总体目标": "goal_overall",
    "总目标": "goal_overall",
    "实施周期总目标": "goal_overall",
    "实施周期目标": "goal_overall",
    "实施周期绩效目标": "goal_overall",
    "项目总目标": "goal_overall",
    "中长期目标": "goal_overall",
    "长期目标": "goal_overall",
    "中期目标": "goal_overall",
    "整体目标": "goal_overall",
    "实施期绩效目标": "goal_overall",
    "实施期目标": "goal_overall",
    "实施期总目标": "goal_overall",
    "项目实施期目标": "goal_overall",
    "中长期绩效目标": "goal_overall",
    "项目总体目标": "goal_overall",
    "项目中长期目标": "goal_overall",
    "年度目标": "goal_annual",
    "年度绩效目标": "goal_annual",
    "项目年度目标": "goal_annual",
    "项目年度绩效目标": "goal_annual",
    "年度总体目标": "goal_annual",
    "年度总目标": "goal_annual",
    "年度项目目标": "goal_annual",
    "年度实施目标": "goal_annual",
    "当年绩效目标": "goal_annual",
    "当年目标": "goal_annual",
    "本年度目标": "goal_annual",
    "本年度绩效目标": "goal_annual",
    "本年目标": "goal_annual",
    "预期目标": "goal_annual",
    "年度预期目标": "goal_annual",
    "中期滚动目标": "goal_overall",
    "年初设定目标": "goal_annual",
    "年度设定目标": "goal_annual",
    "项目总体绩效目标": "goal_overall",
    "总体绩效目标描述": "goal_overall",
    "项目绩效目标描述": "ignored",
    "项目申报单位名称": "implementing_unit",
    "一级主管部门": "department",
    "一级主管部门名称": "department",
    "省级主管部门": "department",
    "市级主管部门": "department",
    "县级主管部门": "department",
    "区级主管部门": "department",
    "地方主管部门": "department",
    "县(区)级主管部门": "department",
    "中央主管部门": "ignored",
    "中央主管部门名称": "ignored",
    "省级财政部门": "ignored",
    "市级财政部门": "ignored",
    "县级财政部门": "ignored",
    "区级财政部门": "ignored",
    "部门(单位)名称": "department_form",
    "单位名称、项目名称": "project_name",
    "单位名称/项目名称": "project_name",
    "单位、项目名称": "project_name",
    "部门名称": "department_form",
    "部门(单位)职责": "department_form",
    "部门职责": "department_form",
    "单位职责": "department_form",
    "绩效目标": "goal_annual",
    "项目绩效目标": "goal_annual",
    "年度主要目标和成果": "goal_annual",
    "年度主要目标": "goal_annual",
    "预期提供的公共产品和服务": "goal_annual",
    "业务主管部门": "department",
    "主管处室": "department",
    "计划实施时间": "period",
    "项目计划实施时间": "period",
    "实施时间": "period",
    "项目实施时间": "period",
    "滚动目标": "goal_overall",
    # 年度 alone: a form's year (年度 | 2026), or the visible head of a vertical 年度目标 label the copy
    # cut to its first cell (年度 | 文化惠民工程，主要用于…)
    "年度": "year_or_goal",
}
# labels that name their field loosely: the value of a proper label (实施单位) replaces theirs
# (省级 / 市级主管部门 beside a 区级 / 县级 one: the lowest level named is the project's department)
WEAK_LABELS = frozenset(("预算单位", "单位名称", "申报单位", "项目申报单位", "项目单位", "填报单位", "编制单位",
                         "预算部门", "预算部门名称", "业务主管部门", "归口管理部门", "省级主管部门", "市级主管部门",
                         # 项目类别 (部门预算项目 / 财政专项) beside 项目类型 (常年性 / 延续性): the contract's field is 项目类型
                         "项目类别"))

# a code after a label names the same field (主管部门及编码, 主管部门代码); 具体实施单位 is 实施单位
_LABEL_SUFFIX = re.compile(r"(?:及|和)其?(?:部门)?(?:预算)?(?:编码|代码|编号)$")  # 主管部门及其编码 (湘潭)
# a label naming a code alone (主管部门编码, 财政资金科目代码) is not the named field
_CODE_LABEL = re.compile(r"(?:编码|代码|编号)$")
_LABEL_PREFIX = re.compile(r"^(?:具体|项目具体|该|本)")
# 项目支出名称, 项目支出实施期: the 项目 of a 项目支出 form
_LABEL_SUBJECT = re.compile(r"^(?:该)?项目支出")
# a label broken over lines in copied text arrives as its own line: 主管部门 / 及编码
LABEL_TAIL = re.compile(r"^(?:及|和)?其?(?:编码|代码|编号)$|^\(专项\)名称$")
# labels that open a section or record what is not a field (项目基本情况, 评价结论, 审核意见, 签字)
IGNORED_LABEL_END = re.compile(r"(?:情况|概述|综述|结论|问题|措施|意见|签字|签章|盖章|说明|依据|原因)$")
# ... of which these never end a 三级指标's name, so they end an indicator table too
_IGNORED_LABEL_HARD_END = re.compile(r"(?:结论|问题|措施|举措|建议|原因分析|意见|签字|签章|盖章)$")
# a money label read by meaning: a money word, ending as an amount does, and not a part of the money
_MONEY_WORD = re.compile(r"预算|资金|投资|金额|经费|预计投入")
_MONEY_END = re.compile(r"(?:资金|预算|金额|数|总额|投资|额|合计|总计|经费|规模|小计|安排|申请|预计投入)$")
_MONEY_PART = re.compile(r"来源|用途|性质|科目|构成|结构|依据|说明|其中|上级|上年|其他|结转|自筹|拨款|执行|支出率|分类|"
                         r"调整|社会|银行|专户|单位资金|财政资金|政府性|自有|往来|明细")
# a money label for the whole period (中期, 实施期, 总投资): the budget only when no year's amount is given
_MONEY_PERIOD = re.compile(r"中期|实施期|周期|累计|总投资|项目总|总预算|全部|整体")

# labels whose values are not record fields (funding breakdowns, contacts, codes, sign-off)
IGNORED_LABELS = {
    "项目负责人", "负责人", "联系人", "联系电话", "负责人及电话", "项目负责人及电话", "负责人及联系电话", "项目负责人及联系电话", "电话", "项目编码", "项目编号", "项目代码", "项目属性", "填报人",
    "填表人", "审核人", "经办人", "填报单位", "单位(盖章)", "审核日期", "注", "说明", "填表说明",
    "填报日期", "填表日期", "日期", "盖章", "单位负责人", "财务负责人", "资金用途", "资金来源", "预算科目",
    "功能分类科目", "经济分类科目", "项目概况", "立项依据", "备注", "审核意见", "年度资金总额其中", "其他需要说明事项", "其他需要说明的事项", "其他说明事项",
    "年度目标完成情况", "全年实际完成情况", "目标实际完成情况", "年度总体目标完成情况综述", "总体目标完成情况", "目标完成情况", "项目基本情况", "原因", "权重", "分值(权重)", "内容", "归口科室", "归口处室", "成本构成",
    "项目审批", "项目申报的可行性", "项目实施进度计划", "项目实施内容", "编制单位", "填报单位(盖章)", "到", "至",
    "补助项目/区域", "补助区域", "其中:财政拨款", "财政拨款", "其中财政拨款", "财政拨款小计", "自有资金小计", "其他收入", "其中:财政投款", "其他资金", "其中:其他资金", "上年结转", "其中:上年结转",
    "财政资金", "其中:财政资金", "自筹资金", "项目资金", "资金情况", "资金投入", "资金构成", "本级财政资金",
    "上级补助资金", "上级资金", "一般公共预算", "政府性基金", "部门自有资金", "专户资金", "社会资金",
    "制表人", "复核人", "编制人", "分管领导", "单位领导", "项目联系人", "手机", "邮箱", "传真", "地址",
    "实际完成情况", "全年执行数", "执行数", "执行率", "分值", "得分", "偏差原因分析及改进措施", "自评等级", "总分", "合计", "单位编码", "单位代码", "部门编码",
    "申报日期", "项目性质", "是否新增项目", "项目属性(新增/延续)",
    # last year's figures beside this year's amount in a 申报表's money table (项目 | 上年度预算安排 |
    # 上年度实际执行 | 本年度申请金额): no field, a column of the money table
    "上年度实际执行", "上年度实际执行数", "上年实际执行数", "上年度执行数", "上年执行数",
    # a 绩效运行监控表's progress columns beside its targets
    "1-6月执行情况", "半年度执行情况", "1-6月完成情况", "全年预计完成情况", "预计完成情况", "完成可能性",
    "完成目标可能性", "偏差原因分析", "相关建议", "偏差或不能完成目标原因分析", "相关建议或举措",
    # a 省级部门预算项目支出绩效目标表's project sheet (甘肃): the 一级 project over the 二级 one (the
    # project), the units that organise and supervise it beside the one that carries it out, its reasons
    "一级项目名称", "组织实施单位", "监督管理单位", "政策依据", "其他依据", "需要说明的其他问题", "基本情况",
    "项目立项必要性", "保证项目实施的制度措施", "项目实施计划", "资金性质", "中央补助安排", "省级财政安排",
}
# the sub-header row under a 监控表's 完成目标可能性 column: 确定能 | 有可能 | 完全不可能
MONITOR_CHOICE = re.compile(r"^(?:确定能|有可能|完全不可能)(?:完成)?$")

# labels read by meaning when no spelling above matches (the label without decoration, enumeration
# or a leading 项目): the words a field's label is made of, not one spelling. Read as soft labels:
# inside the indicator table, or right after another field's label, such a text is a value.
LABEL_MEANINGS = (
    (re.compile(r"^(?:项目)?(?:实施|执行|负责|承担|承办|牵头|责任|建设|用款|资金使用|具体实施)(?:单位|部门|主体|机构)(?:名称)?$"),
     "implementing_unit"),
    (re.compile(r"^(?:项目)?(?:主管|归口|归口管理|业务主管|行业主管)(?:部门|单位|机构)(?:名称)?$"), "department"),
    (re.compile(r"^(?:项目)?(?:计划)?(?:实施|执行|建设|起止)(?:期|期限|周期|年限|时间|日期|时段|年度起止|起止时间|起止日期)$"),
     "period"),
    (re.compile(r"^(?:项目)?(?:预算|执行|申报|编制|预算编制)年度$"), "budget_year"),
)
# a goal label read by meaning: goal words only, ending in 目标 (or 目标内容 / 目标描述), never a
# sentence (指标值为年度目标); the scope words,
# inside parentheses too (项目绩效目标（年度）), say which goal
GOAL_LABEL = re.compile(r"^[项目年度当本中长短期总体实施周全内绩效整滚动0-9]{0,12}目标(?:内容|描述)?$")
GOAL_PERIOD_WORDS = re.compile(r"中长期|长期|中期|总体|总目标|实施周期|实施期|项目期|全周期|整体|滚动")
GOAL_ANNUAL_WORDS = re.compile(r"年度|当年|本年|(?:19|20)\d\d年")
# the public part of a money block (其中：本年财政拨款, 财政资金): the budget when its total says 0
_MONEY_PUBLIC_PART = re.compile(r"财政(?:拨款|资金)|中央(?:补助|资金)")
# a money label naming the whole block (资金来源合计): the budget
MONEY_BLOCK_TOTAL = re.compile(r"^(?:项目)?资金(?:来源|构成)(?:合计|总计|总额)$")
# the public part of the money (财政资金总额, 申请财政资金): the budget when no total is given
_MONEY_PUBLIC = re.compile(r"财政(?:资金|拨款|预算资金|专项资金)")

# budget labels: "2026年预算金额(元)", "资金总额(万元)", "项目预算金额", "年度资金总额", "项目总投资"
# (the year and the unit are taken out first)
BUDGET_LABEL = re.compile(
    r"^(?:项目)?(?:年度|本年度|当年)?(?:项目)?"
    r"(?:总额|预算金额|资金总额|预算资金|预算总额|资金金额|预算数|总金额|资金总额合计|总投资|总预算|预算|"
    r"申请资金|申请金额|申报资金|申报金额|金额|资金规模|预算安排|预算安排数|资金需求|资金总量|"
    r"预算资金总额|投资总额|总投资额|年度资金总额|资金合计|安排资金|资金安排)(?:合计|总计)?$"
)
_LABEL_YEAR = re.compile(r"^(?P<year>(?:19|20)\d\d)年(?:度)?")
_LABEL_UNIT = re.compile(r"\((?:单位:|金额单位:)?(?P<unit>万元|元|千元)\)")
# "2026年度目标", "2026年绩效目标"
YEAR_GOAL_LABEL = re.compile(r"^(?P<year>(?:19|20)\d\d)年(?:度)?(?:项目)?(?:绩效)?(?:总体)?目标$")

# a check box list, the ticked option the value: "1、常年性项目 □ 2、延续性项目 □ 3、一次性项目 √"
TICK = "√☑✓✔■▇"
BOX = "□☐"
# a check box as OCR reads it: an empty box 口, the ticked one 0 / V / √ (or nothing) after its option's words
OCR_BOX = "口"
OCR_TICK_END = re.compile(r"\s*[0OoVv√]$")
# a Word check box copied out of its symbol font (Wingdings 2 R, Wingdings þ): a tick beside □ boxes when it
# stands alone after an option (新增项目□ 延续项目R)
FONT_TICK = re.compile(r"(?<=[\u4e00-\u9fff\s])[Rþ](?=\s|$|[\u4e00-\u9fff\d])")
# that tick alone, a piece of its own after its option's words (奖励类□ 3.其他专项类 | R)
FONT_TICK_ALONE = frozenset("Rþ")
OPTION_NUMBER = re.compile(r"^\s*(?:\d+|[一二三四五六七八九十]+)[、.．)]\s*")

# marks before a key indicator's name (★补助特色种植面积)
NAME_MARKS = "★☆※▲△●"
# an amount written in 万元 in the text around the table (现将产业建设资金300万元下达你们)
WAN_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)万元")
# a cell that is an amount and nothing else (3000000, 1,800,000.00)
BARE_AMOUNT = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
# the column header over a budget system's tree of unit / project / levels / 三级 (项目 | 指标值 | 绩效金额)
TREE_PROJECT_HEADER = "项目"

# a cell that only stands for more rows of the template (……, ...)
# a level's score standing alone in a cell: (40-50)分, 50分, （0-20分）
LEVEL_SCORE = re.compile(r"^\(?\d+(?:-\d+)?分?\)?分?$")
# a template's note in a row of the indicator table, with no value: (此处可增行), 可根据需要增加行
TEMPLATE_NOTE = re.compile(r"^\(.*\)$|增行|增加行|添加行|自行增加|自行添加|根据需要|可续表|可另附|可增减")
ELLIPSIS = re.compile(r"^(?:…+|\.{3,}|。{3,}|·{3,})$")
# a cell that says "nothing here": a zero, 无, a slash or a dash. A row whose 三级指标 is one and whose values
# are none or one too is an unfilled line (成本指标 | 经济成本指标 | 0 | 0.00% | 0), not an indicator
NOTHING_CELL = re.compile(r"^(?:0+(?:\.0+)?%?|无|/|-+|—+|─+)$")

# goal labels that may head a group of goal labels (总体目标 over 年度目标) rather than a text
GROUP_GOAL_LABELS = frozenset(("总体目标", "总体绩效目标", "绩效目标", "项目绩效目标"))

# a goal written as numbered aims, one a line in copied text: 目标1：… / 目标2：…
GOAL_ITEM = re.compile(r"^(?:目标\d+|\d+[、.]|\(\d+\)|[一二三四五六七八九十]+、)")

# a row that is a part of the row above (其中：新造林面积 | 30000): inside the indicator table an indicator
SUB_ROW = re.compile(r"^其中[:：]?")
# how the name of an office or unit ends (某镇部门, 某县某局, 某某中心, 某区国有林场, 某镇中心幼儿园, 某某公司):
# a list table's department row, a list's unit cell
ORG_NAME_END = re.compile(r"(?:部门|局|委员会|委|政府|中心|院|厅|办公室|办|站|所|学校|中学|小学|社|馆|队|团|会|"
                          r"林场|农场|牧场|渔场|茶场|苗圃|园|公司|集团|台)$")
# a budget system's marker after an office's name: 部门 (大英县医疗保障局部门, the budget's 部门 that office is),
# as 本级 and (部门) are; a town's own name ending in 部门 (某镇部门: 镇 is no office) keeps it
OFFICE_SYSTEM_MARK = re.compile(r"(?:(?<=局)|(?<=厅)|(?<=委员会)|(?<=委)|(?<=中心)|(?<=办公室)|(?<=院))部门$")
# the heading of a notice the forms are attached to (关于下达2021年…资金的通知): its year is the year of a
# form that names none
NOTICE_HEADING = re.compile(r"^.{0,30}?关于(?:提前|预先)?(?:下达|印发|分配|拨付|安排|转发|批复|公布|公示)")
# an article's numbered item, a sentence (（3）实施主体：某县卫健委。 above a 项目资金投入情况 form)
PROSE_ITEM = re.compile(r"^(?:\(\d{1,2}\)|\d{1,2}[、.](?!\d)|[一二三四五六七八九十]+、).{2,12}?:.*[。；;]$")
# a note under a table: "填表人：李明", "注：1.指标值应量化" (a short CJK label and a colon; a bracket before the colon
# closed: 结余率（计算方法为：结余数/预算数） is a 三级 with its note)
NOTE_LINE = re.compile(r"^(?:[\u4e00-\u9fff]|\([\u4e00-\u9fff]*\)){1,12}:")
# a sign-off or note word that ends the indicator table wherever it stands in a row
# a line alone under a table (not one cell per line) naming an office: the notice's signature
SIGNATURE_LINE = re.compile(r"^[\u4e00-\u9fff]{2,20}(?:局|厅|委员会|人民政府|办公室)(?:\(盖章\))?$")
# a line alone under (or inside) the indicator table that is the template's words, not an indicator:
# a date (2026年1月10日), 本表由项目单位填写, 其他需要说明的事项, 以上指标…
TABLE_NOTE = re.compile(r"^(?:19|20)\d\d(?:年\d{1,2}月(?:\d{1,2}日)?|[./-]\d{1,2}[./-]\d{1,2})$"
                        r"|^(?:本表|此表|以上|上述|表中)|需要说明|填写说明|填报说明|由.{1,12}(?:填写|填报|审核)|日印发$")
SIGN_OFF = re.compile(r"^(?:填表人|填报人|审核人|复核人|制表人|编制人|经办人|联系人|联系电话|单位负责人|财务负责人|"
                      r"分管领导|填报日期|填表日期|审核日期|日期|单位\(盖章\)|\(盖章\)|盖章|注\d?|说明|填表说明)(?::|$)")
# the total row of a money table (its breakdown rows above it)
MONEY_TOTAL = re.compile(r"^(?:合计|总计|总额|资金总额|年度资金总额|总金额|合计金额)$")
# rows that total or grade a 自评表, never indicators
TOTAL_ROW = re.compile(r"^(?:总分|合计|总计|自评等级|自评得分|得分合计)$")

# "单位：万元", "金额单位：元", "（单位：万元）" above a table: the unit of amounts whose label has none
MONEY_UNIT_NOTE = re.compile(r"^\(?(?:金额|资金|货币)?单位:(?P<unit>万元|元)\)?$")
# the note's label and its unit in two cells: 金额单位: | 万元
MONEY_UNIT_LABEL = re.compile(r"^\(?(?:金额|资金|货币)单位:?$")
MONEY_UNITS = ("万元", "元")
# the same note inside a longer line: "填报单位：某局  单位：万元"
MONEY_UNIT_ANYWHERE = re.compile(r"单位:(?P<unit>万元|元)(?![\u4e00-\u9fff])")

# "（2026年度）" on a line of its own under the title: the budget year of the form
YEAR_LINE = re.compile(r"^\(?(?:19|20)\d\d年度?\)?$")
# (…项目自评表 with no 绩效 in it: a 市 library's 2022年度共享工程项目自评表)
FORM_TITLE = re.compile(r"绩效目标(?:申报|申请|批复|审核|审批|设定|自评)?(?:表|情况表)|绩效(?:自评|评价)(?:指标)?表|项目支出绩效表"
                        r"|项目(?:支出)?自评表")
# a project named only in its form's title (2019年度某县某某助学金项目绩效评价指标表): what stands between the
# title's year and its form words, ending as a project's name does
_TITLE_YEAR_HEAD = re.compile(r"^(?:19|20)\d\d年度?")
_TITLE_NAME_END = re.compile(r"(?:项目|资金|经费|补助|工程|专项|计划)$")
_TITLE_NAME_MIN = 4


def title_project(title_key: str) -> str | None:
    """The project a form's title names before its form words, or None (项目支出绩效目标表 names none, nor
    某县教育局2024年项目支出绩效目标表: a unit and a year)."""
    m = FORM_TITLE.search(title_key)
    if m is None:
        return None
    head = _TITLE_YEAR_HEAD.sub("", title_key[:m.start()]).removesuffix("支出")
    if len(head) < _TITLE_NAME_MIN or re.search(r"(?:19|20)\d\d", head) or not _TITLE_NAME_END.search(head):
        return None
    return head


# what kind of form a title names; a kind in REFUSED_KINDS is not a project form
FORM_KINDS = (
    (re.compile(r"部门整体|部门(?:预算)?整体支出|单位整体|整体支出|部门绩效目标|整体绩效"), "部门整体绩效目标表"),
    (re.compile(r"自评"), "项目支出绩效自评表"),
)
DEFAULT_FORM_KIND = "项目绩效目标表"


@memo
def form_kind(title_key: str) -> str:
    """The kind of form a title (its key) names."""
    return next((kind for pat, kind in FORM_KINDS if pat.search(title_key)), DEFAULT_FORM_KIND)


# a form's title and its column headers with nothing filled in (a template downloaded blank)
BLANK_FORM_REASON = "这是未填写的空白绩效目标表模板（只有标签和表头，没有项目名称和指标内容）"
SCORING_FORM_REASON = "这是绩效评价评分表（各级评价指标的分值和得分，没有绩效目标），不是项目绩效目标表"
REFUSED_KINDS = {"部门整体绩效目标表": "这是部门整体绩效目标表（部门或单位的整体支出），不是项目绩效目标表"}
_LINK_BAR = re.compile(r"[|｜]")
_LIST_BULLETS = "-•*·"


def is_chrome(k: str) -> bool:
    """A cell's key that is web-page chrome or page furniture (CHROME_LINE); or a site's links set apart by
    a bar kept in one cell (`内容保障 | 公务邮箱` in a tab-separated copy), every one of them chrome."""
    if CHROME_LINE.match(k):
        return True
    if k[:1] in _LIST_BULLETS and CHROME_LINE.match(k.lstrip(_LIST_BULLETS)):
        return True  # `- 扫一扫在手机打开当前页`: a site's button as an item of a list (a page copied as markdown)
    parts = [p for p in _LINK_BAR.split(k) if p]
    return len(parts) >= 2 and all(CHROME_LINE.match(p) for p in parts)


# a title or a line that says the table goes on from the page before: （续）, （续表）, 续表
CONTINUED = re.compile(r"\(续(?:表)?\d*\)?$|^续表\d*$|^\(续表?\)$")

# web-page chrome around a form copied from a government site, and page furniture
_CHROME_BUTTON = r"[【\[]?(?:打印|关闭|下载|打印本页|关闭窗口|返回顶部|收藏|纠错|我要纠错|保存|打印此页|分享|返回|顶部)[】\]]?"
CHROME_LINE = re.compile(
    r"^(?:(?:索引号|发布日期|发布时间|发文日期|成文日期|发布机构|发布单位|发文机关|发文字号|文号|字号|信息来源|来源|"
    r"浏览次数|访问次数|点击数|阅读次数|分享到|主题分类|体裁分类|公开方式|公开范围|生效日期|有效性|当前位置|您的位置|"
    r"所属机构|所属主题|报表编号)(?::.*)?"
    rf"|{_CHROME_BUTTON}(?:{_CHROME_BUTTON})*"
    r"|【?字体:?[\[(]?[大中小]{0,3}[\])]?】?|字号:?[\[(]?[大中小]{0,3}[\])]?"
    r"|附件\d*(?::.*\.(?:docx?|pdf|xlsx?|wps))?:?|附件下载(?::.*)?"
    r"|扫一扫.{0,20}|相关解读|相关文件|相关链接|全部留言|评论|有用\(\d*\)|没用\(\d*\)|[-/>]+|首页>.*"
    # document-sharing pages around a preview
    r"|.*(?:发布时间|发布日期|浏览次数):.*|(?:首页)?上一页.*|.*下一页(?:尾页|末页)?|上一篇.*|下一篇.*|跳转到?第?\d*页|当前第\d+页|\(第\d+页\)|(?i:page)\d+(?:of\d+)?|(?:打印时间|打印日期|制表时间|导出时间):.*|"
    r"下载文档|相关文档|文档下载|全文下载|"
    r"点击查看更多.*|本文\(.*\)为.*|资源描述|当前资源信息|相关资源|更多|收藏|分销.*|举报|关键词(?::.*)?"
    r"|(?:资源ID|资源大小|资源格式|下载积分|上传人|文档编号|上传时间|页数|大小):.*|友情提示|.*\.docx?_第\d+页"
    r"|第\d+页(?:[,/]?共\d+页)?(?:(?:打印时间|打印日期|制表时间|导出时间):.*)?|共\d+页,?(?:第\d+页)?|-?\d+-|\d+/\d+|[|｜]+"
    # a site's footer
    r"|(?:网站地图|联系我们|网站声明|隐私声明|使用帮助|网站导航)(?:[|｜](?:网站地图|联系我们|网站声明|隐私声明|使用帮助|网站导航))*"
    r"|.{0,20}ICP备.*|.{0,20}公网安备.*|网站标识码.*|版权所有.*"
    # ... its sponsor line and links: 某县人民政府主办 | 某县人民政府办公室承办, 内容保障 | 公务邮箱, 地址：…电话…
    r"|.{2,24}(?:主办|承办)|(?:主办|承办)单位:.*|内容保障|公务邮箱|地址:.{2,40}(?:电话|邮箱|邮编).*"
    # a policy page's tools under the text: 文件下载 / 政策咨询 / 如果您对该政策文件有疑问，可以拨打… / 标签：
    r"|文件下载|政策咨询|政策解读|(?:如果|如)您对.{0,30}(?:疑问|问题|意见).*|标签(?::.*)?)$"
)


# an enumeration in brackets before a label: (一)财政拨款小计 (the sub-rows of a money block)
_PAREN_ENUM = re.compile(r"^\([一二三四五六七八九十]{1,2}\)")


def _label_forms(k: str) -> list[str]:
    """The spellings a label is looked up under: as written, then without decoration."""
    out = [k]
    bare = _LABEL_UNIT.sub("", _ENUM_PREFIX.sub("", _PAREN_ENUM.sub("", k)))  # "六、项目总体绩效目标", "(一)财政拨款小计"
    if "(" in bare or "【" in bare or "[" in bare:
        bare = _PAREN.sub("", bare)
    for b in (bare, _LABEL_PREFIX.sub("", bare), _LABEL_SUBJECT.sub("项目", bare)):
        for c in (b, _LABEL_SUFFIX.sub("", b)):
            if c and c not in out:
                out.append(c)
    return out


@dataclass(frozen=True, slots=True)
class Label:
    """What a header label cell says: the field its value fills, and what the label itself
    carries (`year` and `unit` of a budget label, `year` of a "2026年度目标" label)."""

    field: str
    year: int | None = None
    unit: str | None = None
    scope: str | None = None  # "period": a budget label for the whole period (中期, 总投资)
    soft: bool = False  # read by meaning, not from the list: right after a label it is that label's value
    weak: bool = False  # a looser name for the field (预算单位 for 实施单位): a proper label's value replaces it
    public_part: bool = False  # 其中：财政拨款: the public part of the money, the budget when the total says 0
    also: str | None = None  # 实施(主管)单位: the unit named in brackets fills this field too (department)


# a word in brackets standing for the one before it: 实施(主管)单位 is 实施单位 and 主管单位 at once
_BRACKET_WORD = re.compile(r"(?P<head>[\u4e00-\u9fff]{2})\((?P<alt>[\u4e00-\u9fff]{2})\)(?P<tail>[\u4e00-\u9fff]{1,4})")
_UNIT_FIELDS = ("department", "implementing_unit")


# a 整体 form's labels that name the office (not its duties): on a project's own form (项目名称 | … / 部门名称 |
# 某市档案馆, 濮阳) the department, weakly (a 主管部门 of the form's own wins)
DEPARTMENT_NAME_LABELS = frozenset({"部门名称", "部门(单位)名称"})


def _bracket_field(k: str, read_as: str) -> str | None:
    """The other unit field a label names by a word in brackets (实施(主管)单位 -> department), if any."""
    m = _BRACKET_WORD.fullmatch(k)
    if m is None or HEADER_LABELS.get(read_as) not in _UNIT_FIELDS:
        return None
    alt = HEADER_LABELS.get(m.group("alt") + m.group("tail"))
    return alt if alt in _UNIT_FIELDS and alt != HEADER_LABELS[read_as] else None


@memo
def header_field(text: str | None) -> Label | None:
    """The label a header cell is, else None."""
    k = _closed(key(text).lstrip("*"))  # "*项目名称": a required field; "资金总额(万元": a bracket left open
    if not k or len(k) > 40:
        return None
    if k in HEADER_LABELS:
        return Label(HEADER_LABELS[k], weak=k in WEAK_LABELS, also="department" if k in DEPARTMENT_NAME_LABELS else None)
    um = _LABEL_UNIT.search(k)
    unit = um.group("unit") if um else None
    ym = _LABEL_YEAR.match(k)
    year = int(ym.group("year")) if ym else None
    rest = k[ym.end():] if ym else k
    rest = _LABEL_UNIT.sub("", rest)
    bare_rest = _PAREN.sub("", rest) if "(" in rest else rest
    if BUDGET_LABEL.match(rest) or BUDGET_LABEL.match(bare_rest):
        return Label("budget_amount", year, unit, "period" if _MONEY_PERIOD.search(bare_rest) else None)
    m = YEAR_GOAL_LABEL.match(k)
    if m:
        return Label("goal_annual", int(m.group("year")))
    if k.startswith(SPECIAL_FUND) and (alt := header_field("项目" + k[len(SPECIAL_FUND):])) and alt.field not in (
            "ignored", "budget_amount"):
        return alt  # 专项起止时间, 专项名称: a 专项 (special fund) form names its fields so
    forms = _label_forms(k)
    if _CODE_LABEL.search(forms[-1]) and len(k) <= 12:
        return Label("ignored", None, unit)
    for form in forms[1:]:
        if form in HEADER_LABELS:
            return Label(HEADER_LABELS[form], year, unit, weak=form in WEAK_LABELS, also=_bracket_field(k, form))
    if any(f in IGNORED_LABELS for f in forms):
        return Label("ignored", None, unit, public_part=bool(_MONEY_PUBLIC_PART.search(k)))
    if re.fullmatch(r"其中[:：]?.{1,8}", k):  # 其中：财政拨款, but 其中露天蔬菜 may be a 三级指标's part
        return Label("ignored", None, unit, None, ":" not in k, public_part=bool(_MONEY_PUBLIC_PART.search(k)))
    money = _money_label(bare_rest)
    if money:
        return Label(money if money != "budget_public" else "budget_amount", year, unit,
                     "period" if _MONEY_PERIOD.search(bare_rest) else None, True, money == "budget_public")
    if office := _office_label(bare_rest):
        return office
    if _grant_label(bare_rest):
        # 省级补助 / 中央补助 heading a 区域 form's money: the budget, unless a total is given
        return Label("budget_amount", year, unit, soft=True, weak=True)
    meaning = _meaning_label(_ENUM_PREFIX.sub("", bare_rest), rest)
    if meaning:
        return Label(meaning, year, unit, soft=True)
    e = _ENUM_PREFIX.sub("", bare_rest)
    if len(e) <= 16 and IGNORED_LABEL_END.search(e) and not _HAS_VALUE.search(e):
        return Label("ignored", None, unit, None, not _IGNORED_LABEL_HARD_END.search(e))
    if len(e) <= 30 and _IGNORED_LABEL_HARD_END.search(e) and not re.search(r"[0-9。；;]", e):
        return Label("ignored", None, unit)  # 单位已有的（或拟订的）保证项目实施的制度、措施
    return None


def spelled_label(text: str | None) -> Label | None:
    """The header label a text is by one of the vocabulary's own spellings; None when it is no
    label or one read by meaning only (soft: 2024年财政投资评审专项经费 may be a project's name)."""
    label = header_field(text)
    return label if label is not None and not label.soft else None


_HAS_VALUE = re.compile(r"[0-9,.，。；;、:]")
# a special fund's form says 专项 where a project's says 项目 (专项起止时间, 专项实施单位)
SPECIAL_FUND = "专项"


def _money_label(k: str) -> str | None:
    """"本年度申请市财政预算资金" -> budget_amount; "该项目支出上级资金" -> ignored (a part of the
    money); None when the text is no money label."""
    if len(k) > 20 or not _MONEY_WORD.search(k) or not _MONEY_END.search(k) or _HAS_VALUE.search(k):
        return None
    if MONEY_BLOCK_TOTAL.match(k):
        return "budget_amount"
    if not _MONEY_PART.search(k):
        return "budget_amount"
    if not k.startswith("其中") and _MONEY_PUBLIC.search(k) and not _MONEY_PART.search(_MONEY_PUBLIC.sub("", k)):
        return "budget_public"  # a weak budget label: a total's value replaces it
    return "ignored"


# the offices a transfer fund's form names level by level (中央 / 省级 / 区县 主管部门, 省级 / 区县
# 财政部门): the level word -> how the 主管部门 of that level reads. "central": no field; "upper": a
# weak department (the lowest level named is the project's); "local": the department
OFFICE_LEVELS = {
    "中央": "central", "国家": "central",
    "省": "upper", "自治区": "upper", "直辖市": "upper", "市": "upper", "地市": "upper", "州": "upper",
    "盟": "upper", "地区": "upper",
    "区县": "local", "县区": "local", "县市区": "local", "县(市、区)": "local", "县(区)": "local", "县(市)": "local",
    "县": "local", "区": "local", "旗": "local", "县(旗)": "local", "乡镇": "local", "乡": "local", "镇": "local",
    "地方": "local", "本级": "local",
}
# ... the level word, 级, a sector's name (区级林业主管部门, 县级教育主管部门), the office
_OFFICE_LABEL = re.compile(r"^(?P<head>.{1,14}?)(?P<office>主管部门|财政部门|主管单位)(?:名称)?$")
_OFFICE_SECTOR = re.compile(r"^级?[\u4e00-\u9fff]{0,6}$")


def _office_label(k: str) -> Label | None:
    """区县主管部门 -> department, 省级主管部门 -> a weak department, 中央主管部门 / 区县财政部门 ->
    ignored: an office of one level of government, read by the level's word (OFFICE_LEVELS), the
    sector named or not (区级林业主管部门)."""
    m = _OFFICE_LABEL.match(k)
    if m is None:
        return None
    head = m.group("head")
    words = [w for w in OFFICE_LEVELS if head.startswith(w) and _OFFICE_SECTOR.match(head[len(w):])]
    if not words:
        return None
    level = OFFICE_LEVELS[max(words, key=len)]
    if m.group("office") == "财政部门" or level == "central":
        return Label("ignored")
    return Label("department", weak=level == "upper")


def _grant_label(k: str) -> bool:
    """省级补助, 中央补助, 市级补助资金: the grant of one level of government (OFFICE_LEVELS)."""
    m = _GRANT.match(k)
    return m is not None and m.group("level") in OFFICE_LEVELS


_GRANT = re.compile(r"^(?P<level>.{1,6}?)级?补助(?:资金)?$")


def _meaning_label(bare: str, written: str) -> str | None:
    """A label by the words it is made of (LABEL_MEANINGS, GOAL_LABEL), else None. `written`
    keeps the parentheses, whose scope words count for a goal (绩效目标（年度）)."""
    if len(bare) > 16:
        return None
    for pat, fld in LABEL_MEANINGS:
        if pat.match(bare):
            return fld
    if GOAL_LABEL.match(bare):
        if GOAL_PERIOD_WORDS.search(written):
            return "goal_overall"
        if GOAL_ANNUAL_WORDS.search(written):
            return "goal_annual"
    return None


_TITLE_MAX = 40  # a cell longer than this is a sentence naming a form, not its title


@memo
def is_form_title(text: str | None) -> bool:
    k = _closed(key(text))  # 项目支出绩效目标表（2026年度: a bracket left open
    if len(k) > _TITLE_MAX and (m := FORM_TITLE.search(k)) and (cut := k.rfind(")", 0, m.start())) > 0:
        k = k[cut + 1:]  # (注:以下内容为附件图片识别…)部门预算项目支出绩效自评表(2023年度): a site's note before it
    return bool(k) and len(k) <= _TITLE_MAX and bool(FORM_TITLE.search(k)) and k.endswith(("表", ")"))


# ------------------------------------------------------------------ units and template text (the checks)

# money units -> factor to 元
MONEY_FACTOR = {"元": 1, "千元": 1000, "万元": 10000, "亿元": 100000000}
# the money's source written before an amount that carries its unit (广东 省级 专项资金 表:
# `一般公共预算安排12600万元`, `省级财政安排300万元`): the amount is read all the same
AMOUNT_SOURCE_HEAD = re.compile(
    r"^(?:(?:一般公共|政府性基金|国有资本经营)(?:预算)?|(?:中央|省级?|市级?|县级?|区级?|本级|上级|同级)?财政"
    r"(?:资金|拨款|补助)?|(?:中央|省级|市级|县级|区级|本级|上级)(?:资金|补助)?|专项资金|债券资金)"
    r"(?:安排|拨款|补助|下达|资金)?$")

# units that name the same kind of thing, for matching a per-unit cost (元/户) with a
# quantity (10户) and for comparing period with annual values
UNIT_FAMILY = {
    "人": "人", "名": "人", "位": "人",
    "场": "场", "场次": "场", "次": "场",
    "户": "户", "户次": "户", "家": "户",
    "个": "个", "份": "份", "队": "队", "支": "队", "年": "年",
}

# whether a unit counts things that add up over the years (场, 人次, 户, 起, 件次 ...) is read from the
# kind of its parts: units.is_count_unit
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


# ------------------------------------------------------------------ a table run together on one line

# the terms a run-together line is cut at (labels, column headers, level names), longest first; short
# terms (项目, 金额) are left out, they stand inside values too
_RUN_ON_MIN_TERM = 4
_RUN_ON_BARE_LEVEL = 5


@lru_cache(maxsize=1)
def run_on_terms() -> re.Pattern[str]:
    terms = set(HEADER_LABELS) | set(IGNORED_LABELS) | set(COLUMN_ROLES) | set(INDICATOR_BLOCK_LABELS)
    # a bare 二级 spelling (可持续性, 环境效益: no 指标) is a term only when long: a short one stands inside names
    # (设施运行可持续性) as the bare canonical names below do
    terms |= set(LEVEL1) | set(LEVEL2_PARENT) | set(_LEVEL1_EXTRA)
    terms |= {t for t in _LEVEL2_EXTRA if t.endswith(("指标", "目标", ")")) or len(t) >= _RUN_ON_BARE_LEVEL}
    terms |= set(RUN_ON_EXTRA_TERMS)
    terms |= {w + g for w in OFFICE_LEVELS for g in ("级补助", "补助")}  # 省级补助, 中央补助: a 区域 form's money
    # the 二级 names written without 指标 (服务对象满意度 | 服务对象满意度% | =99): the long ones only, a short
    # one (社会效益) stands inside names too
    terms |= {b for t in LEVEL2_PARENT if len(b := t.removesuffix("指标")) >= _RUN_ON_BARE_LEVEL}
    terms = {key(t) for t in terms if len(key(t)) >= _RUN_ON_MIN_TERM} | set(RUN_ON_SHORT_TERMS)
    return re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))


@lru_cache(maxsize=1)
def run_on_bare_level2() -> re.Pattern[str]:
    """The 二级 names as a cell may write them with no 指标 (经济效益, 时效, 可持续性), longest first: read in
    run-on text only right after a 一级 name, where the group's 二级 must come next."""
    bare = {k for k in LEVEL2_BY_KEY if not k.endswith("指标") and len(k) >= 2}
    return re.compile("|".join(re.escape(t) for t in sorted(bare, key=len, reverse=True)))


@lru_cache(maxsize=1)
def run_on_terms_spaced() -> re.Pattern[str]:
    """The same terms with a space allowed between their characters: a document site's preview keeps
    the spaces a narrow cell's text was laid out with (`绩 效 指 标`, `一级 指标`, `年度 总体 目标`)."""
    terms = run_on_terms().pattern.split("|")
    return re.compile("|".join(" ?".join(re.escape(c) for c in _unescape(t)) for t in terms))


def _unescape(term: str) -> str:
    return re.sub(r"\\(.)", r"\1", term)


# a form's title at the start of a run-together line
RUN_ON_TITLE = re.compile(r"^.{0,40}?(?:绩效目标(?:申报|申请|批复|审核|审批)?表|绩效(?:目标)?(?:自评|评价|监控)表)(?:\(续\))?"
                          r"(?:\((?:19|20)\d\d年度?\))?")

# ... and one further on, from the last punctuation before it, with its year in brackets
RUN_ON_MID_TITLE = re.compile(r"[^,.;:。，；：、!?！？]{0,30}?(?:绩效目标(?:申报|申请|批复|审核|审批)?表|绩效(?:目标)?(?:自评|评价|监控)表)"
                              r"(?:\(\d{4}年度?\))?")

# money labels the BUDGET_LABEL pattern reads, as plain terms
RUN_ON_EXTRA_TERMS = ("项目预算", "年度资金总额", "资金总额", "预算金额", "项目资金", "年度预算数", "项目总投资",
                      "资金总额及构成", "长期绩效指标", "中期绩效指标",
                      # the 区域绩效目标表's labels (安溪 动物防疫, run into a notice's one line)
                      "主管部门(单位)名称及部门预算编码", "主管部门(单位)名称", "补助项目/区域", "补助区域",
                      # a 区域绩效目标表's money block (南江: `…林业局中央补助年度金额(万元)158.18总体目标…`)
                      "年度金额", "中央补助", "地方资金",
                      # a 自评表's goal-reached column (年初设定目标 | 年度总体目标完成情况综述)
                      "完成情况综述",
                      # a 自评表's money section (湖北: `项目实施单位某医院预算执行情况(万元)(20分)预算数(A)…`):
                      # no field's value runs on into it
                      "预算执行情况",
                      # ... and its columns, marked (A) / (B) (蔡甸: `资金来源预算数(A)执行数(B)执行率(B/A)一般预算内拨款…`)
                      "预算数(A)", "执行数(B)", "执行率(B/A)", "全年预算数(A)", "全年执行数(B)",
                      # a list export's column headers with 绩效 before them (海南: `三级指标*绩效指标性质*绩效指标值*
                      # 绩效度量单位权重*指标方向性*`): not cut at 绩效指标
                      "绩效指标性质", "绩效指标值", "绩效度量单位", "指标方向性")
# short terms cut too (a column header after 指标值: 指标值备注)
RUN_ON_SHORT_TERMS = ("备注",)

# a 自评表's columns after the 三级指标, by kind (readers/runtogether.py splits a row run together by them):
# a score (分值 | 得分 | 权重), words (偏差原因分析及改进措施, 备注), a value like the target (实际完成值)
RUN_ON_SCORE_COLUMN = re.compile(r"分值|得分|权重|分数")
RUN_ON_TEXT_COLUMN = re.compile(r"原因|措施|说明|备注|依据|公式|内容|方法|解释|标准|来源|佐证")
RUN_ON_VALUE_COLUMN = re.compile(r"值|水平|完成|实现|实际")
# the column of the goal reached beside the goal set (预期目标 | 实际完成情况 / 年度总体目标完成情况综述)
RUN_ON_GOAL_REACHED = re.compile(r"(?:实际)?完成情况(?:综述)?$|完成值$")
# a value in words starts so (不发生区域性疫情, 按时完成, 逐步提高): after a 三级 name that ends as one does
# (…发生情况, …率; INDICATOR_NAME), the word value of the row's last value column
RUN_ON_WORD_VALUE = re.compile(r"(?:不|未|无|零|杜绝|确保|达到|符合|满足|按时|按期|及时|逐步|明显|有效|持续|稳步|进一步|显著|全面|"
                               r"基本|保持|较上年|高于|低于)")
# a money table's column of words, not figures (成本构成 | 金额 | 测算(公式)依据 | …): empty in its 合计 row
MONEY_WORDS_COLUMN = re.compile(r"依据|说明|公式|内容|用途|备注|方法")

# an indicator's description starts so (反映保洁覆盖范围): a cell of its own
RUN_ON_DESCRIPTION = re.compile(r"反映")


# targets written as prose in one goal cell: items apart by ；or a line break, each item
# `[二级指标：]名称 比较符 值` (完成植树造林>=17600株) or `名称 数值单位` (成活率85%)
PROSE_TARGET_SPLIT = re.compile(r"[；;。\n]")
PROSE_ITEM_SPLIT = re.compile(r"[，,]")
PROSE_TARGET_ENUM = re.compile(r"^(?:\d+[、.．)）]|[(（]\d+[)）]|[一二三四五六七八九十]+、)")
_PROSE_OP = r"(?:≥|≤|>=|<=|＞=|＜=|>|<|＞|＜|=|＝|大于等于|小于等于|不低于|不少于|不高于|不超过|达到)"
_PROSE_NUMBER = r"\d[\d.,]*\s*[%％\w/]{0,6}"  # a value with no operator: 85%, 3000株
PROSE_TARGET_ITEM = re.compile(rf"^(?P<name>.*?[^\d.,\s])\s*(?P<value>{_PROSE_OP}\s*.+|{_PROSE_NUMBER})$")
# ... the value after the name's own bracketed placeholder (种植数量(≥**株)>=17600株): the last operator's
PROSE_TARGET_ITEM_LAST = re.compile(rf"^(?P<name>.*[)）])\s*(?P<value>{_PROSE_OP}\s*[^()（）]+|{_PROSE_NUMBER})$")



# a 公示 page that sets out one project's targets in prose (宁夏 同心: 关于某某种植项目绩效目标设定的公示): its
# title names the project, its paragraph the money and the overall goal, its lines the targets
PROSE_NOTICE_TITLE = re.compile(r"关于(?:解决|实施)?(?P<name>[^，,。；;]{4,80}?项目)(?:资金)?绩效目标(?:设定|申报)?(?:的)?公示")
# ... or a page that publishes one project's facts under numbered headings (新疆: 某某学院项目情况公告公示 —
# 一、实施地点 / 五、实施期限 / 六、实施单位及责任人 / 七、绩效目标 with 总体目标 and the targets by level): the
# project named in its paragraph (…，2019年某某资金项目由某某学院实施完成，…)
PROSE_NOTICE_PLAIN_TITLE = re.compile(r"项目(?:情况|建设情况|实施情况)?(?:公告)?公示$")
PROSE_NOTICE_PROJECT = re.compile(r"(?P<name>[^，,。；;：:“”]{4,60}?项目)由(?P<unit>[^，,。；;]{2,40}?)(?:负责|组织)?实施")
PROSE_NOTICE_MONEY = re.compile(r"资金(?:总额)?(?P<amount>\d+(?:\.\d+)?)万元")
PROSE_NOTICE_GOAL = re.compile(r"(?:项目)?总体(?:绩效)?目标(?:是|为|[:：])[:：]?(?P<goal>[^。]+。?)")
# the fields a numbered heading of such a page names, its value on the line below (goals are read from the prose)
PROSE_NOTICE_FIELDS = frozenset(("period", "period_start", "period_end", "implementing_unit", "department"))
# a unit's heading that names its responsible person too: the value ends with the person's name
PROSE_NOTICE_PERSON = re.compile(r"(?:责任人|负责人)$")
# a line of such a page that holds targets: it starts with a level's name (数量指标：…, 服务对象满意度指标，…)
PROSE_NOTICE_LEVEL = re.compile(r"^(?P<head>[^:：,，]{2,12}?指标)[:：,，]")
