"""Units of measure: where a unit after a number ends and words begin.

The unit of a target is what stands right after its number, known or not (≥136块, 24卷,
21批次以上, 3眼, 8樘, 300延米, 12人·次, 2000株/亩, 300元/眼). The vocabulary below only
decides where a unit stops: a known unit is taken whole (longest first, so 人次 wins over
人 and 万元 over 万), then goes on only through ·/ and another unit ("人·次", "元/户/年");
what follows is words (≥8个政府部门/企业支持 → 个; 100%完成 → %); a one-character unit
then 次 is a count of times (12座次). Where no known unit
stands, the unit is the run of CJK characters up to the next boundary (a digit, space,
punctuation, a bound such as 以上/以内, a slash) when that run is short
(`OPEN_UNIT_MAX` characters), else its first character, a measure word (3眼机井 → 眼).

    read_unit("批次以上", 0)      -> ("批次", 2)
    read_unit("个政府部门/企业支持", 0) -> ("个", 1)
    read_unit("元/眼", 0)         -> ("元/眼", 3)
    is_known_unit("元/户")        -> True

Whether a unit counts separate things (场, 人次, 户 ... what adds up over the years) is read from
the kind of its parts, not from a list of counts (`is_count_unit`): a unit of the people / count
kinds, a compound led by one (人天, 件次, 台套 as 台 + 套) or ending in 次 (亩次, 架次), and a measure
word nobody listed (3匝, 5爿: one CJK character that is no measure) count; money, shares,
durations, lengths, areas, weights, grades and ratios measure.
"""

from __future__ import annotations

import re

# The vocabulary: one unit per word, grouped by kind (a line of data per new unit).
_KNOWN = """
    money:    元 万元 亿元 千元 百元
    share:    % ‰ 个百分点 百分点 百分比
    people:   人 人次 万人次 万人 名 位 户 户次 家 家次 人日 人天 人·次 人/次
    count:    个 场 场次 次 批 批次 期 份 份次 种 项 件 套 台 台套 辆 座 处 所 支 队 组 班 篇 本 册 部 条 张
              块 卷 眼 樘 盏 棵 株 头 只 艘 架次 车次 枚 袋 瓶 盒 副 幅 扇 间 栋 幢 宗 单 起 例 笔 节 堂
              轮 类 村 镇 社区 课时 学时 期次
              床 床位 羽 尾 匹 届 顶 桶 孔 标段 窝 丛
    words:    口 根 车 趟 层 门 面 包 箱 把 道 段 片 双 对
    time:     天 日 小时 分钟 周 月 个月 年 季度 工作日 个工作日 个月内
    area:     亩 公顷 平方米 ㎡ 平米 平方公里 m2 km2
    length:   米 延米 公里 千米 km m 厘米 毫米
    volume:   立方米 立方 m3 升 吨 千克 公斤 斤 克 万吨
    grade:    分 星 级 星级
    ratio:    倍 岁 摄氏度 ℃ 分贝
    energy:   千瓦时 千瓦 兆瓦 度电
"""
# units that also start words after a Chinese numeral (一口气, 一门心思, 全面, 一层): after 一/二/三
# ... they make no number; after digits they are units (3口井 → 口)
_GROUPS: dict[str, list[str]] = {}
for _line in re.sub(r"\n\s{6,}", " ", _KNOWN).strip().splitlines():
    _kind, _words = _line.split(":", 1)
    _GROUPS[_kind.strip()] = _words.split()
KNOWN_UNITS: tuple[str, ...] = tuple(sorted({u for ws in _GROUPS.values() for u in ws}, key=len, reverse=True))
NUMERAL_UNITS: tuple[str, ...] = tuple(u for u in KNOWN_UNITS if u not in _GROUPS["words"])

OPEN_UNIT_MAX = 2  # an unknown unit is at most this many CJK characters before a boundary
COUNT_SUFFIX = "次"  # a one-character unit then 次 counts times: 座次, 台次, 艘次 (as 人次, 车次)
_JOIN = "/／·・"  # joins two units into one: 元/户, 人·次

# the kinds above whose units count separate things; every other kind measures
COUNT_KINDS = ("people", "count", "words")
_KIND_OF = {u: kind for kind, ws in _GROUPS.items() for u in ws}
_MAGNITUDES = "万亿千百"

_KNOWN_RE = re.compile("|".join(re.escape(u) for u in KNOWN_UNITS))
_MAGNITUDE = re.compile(r"[万亿千百](?=" + "|".join(re.escape(u) for u in KNOWN_UNITS if u[0] not in "万亿千百")
                        + ")")  # 2万亩, 3.5万平方米, 1.2亿元: the magnitude belongs to the unit
# where an unknown unit stops: a bound word, or anything not a CJK ideograph
_BOUND = re.compile(r"(?:\(含\))?(?:以上|以下|以内|及以上|及以下|或以上|或以下|左右|内|前|后|之内)")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _open_unit(text: str, pos: int) -> int:
    """End of an unknown unit starting at pos (pos itself when none stands there)."""
    end = pos
    while end < len(text) and _CJK.match(text[end]) and not _BOUND.match(text, end):
        end += 1
    if end - pos == 0:
        return pos
    if end - pos <= OPEN_UNIT_MAX:
        return end
    return pos + 1  # a measure word before words: 3眼机井


def read_unit(text: str, pos: int, open_units: bool = True) -> tuple[str | None, int]:
    """The unit standing at text[pos:] and where it ends: (None, pos) when none does.
    With open_units=False only known units (and their ·/ joins) count."""
    start = pos
    m = _MAGNITUDE.match(text, pos)
    if m and not ((whole := _KNOWN_RE.match(text, pos)) and whole.end() > m.end() + 1):
        pos = m.end()  # (百分比 is a unit of its own, not 百 then 分)
    k = _KNOWN_RE.match(text, pos)
    if k:
        end = k.end()
        if end - pos == 1 and text.startswith(COUNT_SUFFIX, end):
            end += len(COUNT_SUFFIX)
    elif open_units and pos == start:
        end = _open_unit(text, pos)
        if end == pos:
            return None, start
    else:
        return None, start
    while end + 1 < len(text) and text[end] in _JOIN:
        k = _KNOWN_RE.match(text, end + 1)
        nxt = k.end() if k else (_open_unit(text, end + 1) if open_units else end + 1)
        if nxt == end + 1:
            break
        end = nxt
    return text[start:end], end


def is_known_unit(text: str) -> bool:
    """Whether the whole text is a known unit, joins included: 场, 元/户, 元/队/场次, 人·次, %."""
    if not text:
        return False
    unit, end = read_unit(text, 0, open_units=False)
    return unit is not None and end == len(text)


def _count_parts(unit: str) -> list[bool] | None:
    """Each known unit a compound is made of, True where it counts (人天 -> [True, False]); None when
    a piece is no known unit."""
    out: list[bool] = []
    pos = 0
    while pos < len(unit):
        k = _KNOWN_RE.match(unit, pos)
        if k is None:
            return None
        out.append(_KIND_OF[k.group(0)] in COUNT_KINDS)
        pos = k.end()
    return out


def is_count_unit(unit: str | None) -> bool:
    """Whether a unit counts separate things that add up (场, 人次, 户, 起, 件次, 台套, 人天, 3匝's 匝),
    as opposed to money, shares, durations, physical measures, grades and per-unit rates (元/户)."""
    if not unit or unit in _MAGNITUDES:
        return False  # 3万: a magnitude with its unit left out
    if unit in _KIND_OF:
        return _KIND_OF[unit] in COUNT_KINDS
    if any(c in unit for c in "/／"):
        return False  # a rate: per something
    u = unit.replace("·", "").replace("・", "")
    if len(u) > 1 and u[0] in _MAGNITUDES:
        u = u[1:]  # 万人次, 千户: a magnitude before a unit
    if u in _KIND_OF:
        return _KIND_OF[u] in COUNT_KINDS
    parts = _count_parts(u)
    if parts:  # a compound of known units: led by a count (人天, 件次) or a count of times (亩次)
        return parts[0] or u.endswith(COUNT_SUFFIX)
    # a measure word no list holds: one CJK character, or one then 次
    return bool(_CJK.fullmatch(u) or (len(u) == 2 and _CJK.match(u) and u.endswith(COUNT_SUFFIX)))


# a name counted in a unit: at least this many characters before a unit of two or more
_COUNTED_HEAD = 2


def names_a_count(text: str) -> bool:
    """Words ending in a count unit of two characters or more (抽样检测批次, 垃圾清运车次, 接诊人次):
    the name of what is counted, not a unit (批次 alone) nor a value (60批次)."""
    return any(text.endswith(u) and len(text) - len(u) >= _COUNTED_HEAD and _CJK.match(text[0]) is not None
               for u in _MULTI_COUNT_UNITS)


_MULTI_COUNT_UNITS = tuple(u for u in KNOWN_UNITS if len(u) >= 2 and _KIND_OF[u] in COUNT_KINDS)
