"""Rows run together with no cell boundary left (a document site's preview of a form: `…数量指标
更新演出设备数量40件40件2020质量指标…`, `年度资金总额24242410100%10`): the grammar that still
splits them where the text decides it, and only there.

What such a line still says: the column headers it gives (三级指标 | 年度指标值 | 实际完成值 | 分值 |
得分 | 偏差原因…), the grammar of a target value (an operator, a number without a leading zero, a
known unit, a date; `targets` / `units`), that a score is a small number (`10 10` run together as
`1010`) and an 得分 no more than its 分值, that a percentage ends at `%`, that an execution rate is
执行数 / 预算数. A run of cells is split only when exactly one reading of it fits all of that; else
it is left whole (a missed row is better than a row made up).

    split_rows("更新演出设备数量40件40件2020", ("value", "value", "score", "score", "text"))
        -> ["更新演出设备数量", "40件", "40件", "20", "20"]
    split_amounts("24242410100%10", ("amount", "amount", "exec", "score", "rate", "score"))
        -> ["24", "24", "24", "10", "100%", "10"]
    split_goal_pair("更新剧团老化的设备。已完成") -> ["更新剧团老化的设备。", "已完成"]
    split_cost_table("金额测算依据…物业服务费236依据采购合同228230…合计278268271")
        -> [..., "物业服务费", "236", "依据采购合同", "228", "230", ..., "合计", "278", "268", "271"]

`grammar_cuts` applies them to a whole run-together line (readers/txt.py `split_run_on`): the cuts
it decides go first, the reader's older cuts (at every value it finds) only where it decided none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from .. import vocab
from ..units import read_unit


@dataclass(frozen=True, slots=True)
class RunTogetherSettings:
    max_score: float = 100.0  # a score (分值 / 得分) is at most this many points
    rate_tolerance: float = 0.6  # percentage points an execution rate may differ from 执行数/预算数 (rounding)
    max_readings: int = 4  # equally good readings of a run kept (two already leave it whole)
    amount_decimals: int = 4  # an amount in 万元 has at most this many decimals
    max_amount_digits: int = 9  # ... and at most this many digits before its point
    budget_change_most: float = 10.0  # a budget changed in the year (年初 -> 全年预算数) by at most this factor
    goal_reach: float = 80  # characters: a goal's sentence runs over a label's words only this far to its 。
    reach_factor: float = 10.0  # a value reached (实际完成值) is within this factor of the row's target
    max_partings: int = 64  # ways to part one cost row's figures tried (more: the row is left whole)
    min_name: int = 2  # a 三级 name has at least this many Chinese characters
    max_name: int = 40  # ... and at most this many characters (a longer run of words is no row)
    remark_min: int = 4  # a stock remark (达成预期指标, the words column the same in every row) has this many
    remark_max: int = 10  # ... to this many Chinese characters,
    remark_repeats: int = 3  # ... is written at least this many times,
    remark_after_value: float = 0.6  # ... and at least this share of them right after a value (…1000件达成预期指标)


SETTINGS = RunTogetherSettings()

# the kinds of a column after the 三级指标: a target-like value (年度指标值, 实际完成值), a score (分值,
# 得分), words (偏差原因分析及改进措施, 备注)
VALUE, SCORE, TEXT = "value", "score", "text"
# ... and the split columns of a value: 指标性质 (大于等于, ≥, 定性), 指标方向 (正向), 计量单位 (个, 万元/个)
NATURE, DIRECTION, UNIT = "nature", "direction", "unit"
_SPLIT_KINDS = (NATURE, DIRECTION, UNIT)

_NUMBER = r"(?:0|[1-9]\d*)(?:\.\d+)?"  # no leading zero: `2020` is never 2 | 020
_OPERATOR = re.compile(r"≥|≤|>=|<=|>|<|=|不低于|不少于|不高于|不超过|不多于|不大于|不小于|至少|大于等于|小于等于|大于|小于|低于|高于")
_NUMBER_AT = re.compile(_NUMBER)
_BOUND = re.compile(r"(?:\(含\))?(?:及以上|及以下|或以上|或以下|以上|以下|以内)")
# a date as a value: 2025年11月底前, 2020年11月, 2021年12月31日, 12月底
_DATE = re.compile(r"(?:(?:19|20)\d\d年(?:(?:1[0-2]|0?[1-9])月(?:(?:3[01]|[12]\d|0?[1-9])日)?)?"
                   r"|(?:1[0-2]|[1-9])月(?:(?:3[01]|[12]\d|[1-9])日)?)(?:底前|底|前|以前|之前|内|止)?")
_SCORE = re.compile(r"(?:0|[1-9]\d{0,2})(?:\.\d{1,2})?")
# a name ends with a character that is no part of a value
_VALUE_CHAR = re.compile(r"[\d.%‰≥≤><=]")
# what a 指标性质 / 指标方向 cell says (大于等于, ≥, 定性, 正向), longest first
_NATURE_WORD = re.compile("|".join(re.escape(w) for w in sorted(vocab.NATURE_OPS, key=len, reverse=True)))
_NATURE_END = re.compile(f"(?:{_NATURE_WORD.pattern})$")  # no name ends so (…数量大于等于 | 正向: 大于等于 is the nature's)


# ------------------------------------------------------------------ indicator rows

def column_kind(header: str) -> str | None:
    """The kind of a column after the 三级指标, by its header; None for one the grammar cannot split."""
    role = vocab.column_role(header)
    k = vocab.key(header)
    if role in ("annual", "period"):
        return VALUE
    if role in (NATURE, DIRECTION, UNIT):
        return role
    if role != "extra":
        return None
    if vocab.RUN_ON_SCORE_COLUMN.search(k):
        return SCORE
    if vocab.RUN_ON_TEXT_COLUMN.search(k):
        return TEXT
    if vocab.RUN_ON_VALUE_COLUMN.search(k):
        return VALUE
    return TEXT


def split_headers(text: str) -> list[str] | None:
    """Column headers run together (`分值得分`, `全年 完成值未完成原因和 改进措施`) -> each header;
    None when the text is not made of headers alone. Headers spelled as the vocabulary spells them
    win over ones read by meaning: the fewest characters read by meaning (分值 | 得分, not one
    header 分值得分), then the most headers."""
    k = vocab.key(text)
    if not k:
        return []
    best: list[tuple[float, list[str]] | None] = [None] * (len(k) + 1)
    best[0] = (0, [])
    for end in range(1, len(k) + 1):
        for start in range(end):
            head = best[start]
            part = k[start:end]
            if head is not None and _HEADER_NOTE.fullmatch(part):
                if best[end] is None or head[0] < best[end][0]:  # type: ignore[index]
                    best[end] = head  # (150字内): a note on the header, no header of its own
                continue
            if head is None or part[0] in _JOINING or not _LABEL_PART.fullmatch(part) or vocab.column_role(part) is None:
                continue  # a header holds no figure but a year at its head (实际完成指标值50: the block's points)
            cost = head[0] - _HEADER_PART_COST + (0 if part in vocab.COLUMN_ROLES else len(part))
            if best[end] is None or cost < best[end][0]:  # type: ignore[index]
                best[end] = (cost, [*head[1], part])
    last = best[len(k)]
    return None if last is None else last[1]


_HEADER_NOTE = re.compile(r"\([^()]{0,12}\)")
_JOINING = "和及与或"  # a header never starts so: …原因 | 和改进措施 is one header
# ... then the most headers (全年完成值 | 未完成原因和改进措施, each a header of its own)
_HEADER_PART_COST = 0.01


@dataclass(frozen=True, slots=True)
class _Reading:
    """One way to read a run: where its cells end, how many rows it made, and whether every row has
    all its value and score columns."""

    cuts: tuple[int, ...]
    rows: int
    short: int  # rows short of their last columns (a target table's 实际完成值 left empty)
    guesses: int  # cuts between two digits: each a guess where one number ends and the next begins


def split_rows(text: str, kinds: tuple[str, ...], settings: RunTogetherSettings = SETTINGS,
               remark: str | None = None) -> list[str] | None:
    """A run of indicator rows (each a 三级 name and the values of `kinds`) -> its cells, or None when
    no reading fits, or several do. A row may leave its last value columns empty (a target table's
    实际完成值, a row the page break cut), never its score columns, and then its name holds no figure.
    The fewest rows short of columns win (合格 | 合格 | 20 | 20, not a name …合格合格 and a target 2020;
    30人以上 | 30人以上, not 30人 | 以上…), then the most rows (a name holds no whole row of values), then
    the fewest cuts between two digits."""
    if not text or VALUE not in kinds:
        return None
    if kinds[-1] == TEXT and VALUE in kinds[:-1] and (remark := remark or stock_remark(text, settings)) is not None:
        return _rows_by_remark(text, remark, kinds[:-1], settings)  # (`remark`: the table's, found on the line)
    readings = _best_readings(text, kinds, settings)
    if len({r.cuts for r in readings}) != 1:
        return None
    cuts = (0, *readings[0].cuts)
    return [cell for a, b in pairwise(cuts) if (cell := text[a:b].strip())]


def _best_readings(text: str, kinds: tuple[str, ...], settings: RunTogetherSettings) -> list[_Reading]:
    """The best readings of text[pos:] for each pos, from the end back (rows and guesses add up, so the
    best of a run is the best first row with the best of the rest): all that tie, so that a tie is seen."""
    memo: dict[int, list[_Reading]] = {}

    def best(pos: int) -> list[_Reading]:
        if pos in memo:
            return memo[pos]
        found: list[_Reading] = []
        if pos > 0 and text[pos - 1].isdigit() and read_unit(text, pos, open_units=False)[0] is not None:
            memo[pos] = []  # a unit right after a number is the number's (12 | 月31日前 is no row)
            return []
        blank = _BLANK_ROW.match(text, pos)
        if blank:  # 指标2:……: a row the template left unfilled, a cell of its own (no indicator)
            end = blank.end()
            found.extend([_Reading((end,), 0, 0, 0)] if end == len(text) else
                         [_Reading((end, *r.cuts), r.rows, r.short, r.guesses) for r in best(end)])
        for name_end in range(pos + 1, min(len(text), pos + settings.max_name + 1)):
            if not _name_ok(text[pos:name_end], settings) or _into_operator(text, name_end):
                continue
            for cuts, end, full in _values(text, name_end, kinds, 0, settings):
                row = (name_end, *cuts)
                guesses = sum(1 for c in row if 0 < c < len(text) and text[c - 1].isdigit() and text[c].isdigit())
                if not full and re.search(r"\d", text[pos:name_end]):
                    continue  # a row short of its columns has a name with no figure (…数量30盏路灯完好率 | 100%: no)
                if end == len(text):
                    found.append(_Reading((*row, len(text)), 1, int(not full), guesses))
                else:
                    found.extend(_Reading((*row, *r.cuts), r.rows + 1, r.short + (not full), r.guesses + guesses)
                                 for r in best(end))
        memo[pos] = _ties(found, settings)
        return memo[pos]

    return best(0)


def _rows_by_remark(text: str, remark: str, kinds: tuple[str, ...], settings: RunTogetherSettings) -> list[str]:
    """A run whose words column says the same in every row (…100%1000件达成预期指标监控系统维护率…): each row ends
    with the remark, so the rows are read one by one, each its name and values; a row no reading fits is left
    whole (one row lost, not the run)."""
    out: list[str] = []
    pos = 0
    while pos < len(text):
        at = text.find(remark, pos)
        row = text[pos:len(text) if at < 0 else at].strip()
        if row:  # one row: all its columns, or the target alone (the actual left empty), or its name and the
            # rest as one value (…维护率 | 100%5个: a value reached of another magnitude)
            out.extend(_one_row(row, kinds, settings) or _name_and_rest(row, settings))
        if at < 0:
            break
        out.append(remark)
        pos = at + len(remark)
    return out


def _one_row(row: str, kinds: tuple[str, ...], settings: RunTogetherSettings) -> list[str] | None:
    """The cells of a text known to hold ONE row (a stock remark ended it): its name and values, the reading
    with every column first, then the fewest cuts between two digits; None when none fits, or several tie."""
    found: dict[tuple[int, ...], tuple[int, int]] = {}
    for name_end in range(1, min(len(row), settings.max_name + 1)):
        if not _name_ok(row[:name_end], settings) or _into_operator(row, name_end):
            continue
        for cuts, end, full in _values(row, name_end, kinds, 0, settings):
            if end == len(row):
                cells = (name_end, *cuts)
                guesses = sum(1 for c in cells if 0 < c < len(row) and row[c - 1].isdigit() and row[c].isdigit())
                found.setdefault(cells, (int(not full), guesses))
    if not found:
        return None
    top = min(found.values())
    best = [c for c, rank in found.items() if rank == top]
    if len(best) != 1:
        return None
    cuts = (0, *best[0], len(row))
    return [cell for a, b in pairwise(cuts) if (cell := row[a:b].strip())]


def _name_and_rest(row: str, settings: RunTogetherSettings) -> list[str]:
    """A row no reading fits, cut before its first figure or comparison when a name stands before it."""
    for m in _VALUE_START.finditer(row):
        if _name_ok(row[:m.start()], settings):
            return [row[:m.start()], row[m.start():]]
    return [row]


_VALUE_START = re.compile(rf"{_OPERATOR.pattern}|\d")


def stock_remark(text: str, settings: RunTogetherSettings = SETTINGS) -> str | None:
    """The words a run's last column writes in every row (达成预期指标, 按计划完成): the longest run of Chinese
    characters found `remark_repeats` times or more, most of them right after a value (a figure or a share
    within the three characters before it: …5个达成预期指标, …≥95%达成预期指标); None when no words repeat so.
    Names sharing words (国家奖学金人数 | 国家助学金人数) repeat them after words, not after values."""
    if len(text) < settings.remark_min * settings.remark_repeats:
        return None
    best: tuple[int, int, str] | None = None  # the most often written, then the longest
    runs = [(m.start(), m.group()) for m in _CJK_RUN.finditer(text)]
    for size in range(settings.remark_max, settings.remark_min - 1, -1):
        seen: dict[str, list[int]] = {}
        for start, run in runs:
            for k in range(len(run) - size + 1):
                seen.setdefault(run[k:k + size], []).append(start + k)
        for word, at in seen.items():
            if len(at) < settings.remark_repeats or (best is not None and len(at) <= best[0]) or (
                    vocab.run_on_terms().search(word)):
                continue  # (a label or a level's name, 效益指标, repeats after a row's score as well)
            after = sum(1 for a in at if _AFTER_VALUE.search(text, max(0, a - 3), a))
            if after >= settings.remark_after_value * len(at):
                best = (len(at), size, word)
    return None if best is None else best[2]


_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{4,}")
_AFTER_VALUE = re.compile(r"[\d%‰]")


def _rank(r: _Reading) -> tuple[int, int, int]:
    return r.short, -r.rows, r.guesses


def _ties(readings: list[_Reading], settings: RunTogetherSettings) -> list[_Reading]:
    """The best readings (see `split_rows`); a few of those that tie, distinct."""
    if not readings:
        return []
    top = min(_rank(r) for r in readings)
    out: dict[tuple[int, ...], _Reading] = {}
    for r in readings:
        if _rank(r) == top:
            out.setdefault(tuple(sorted(set(r.cuts))), r)
    return list(out.values())[:settings.max_readings]


_CJK = re.compile(r"[\u4e00-\u9fff]")
# a row the template left unfilled: 指标2:……, ……
_BLANK_ROW = re.compile(r"\s*(?:指标\d{1,2}[:：]?)?(?:…+|\.{3,}|。{3,})\s*")
# no 三级 name holds a gap of spaces or a label with its colon past its head (填表人:彭某 | 填报日期: …);
# 指标1: 培训人数 keeps its numbering's colon
_NOT_NAME = re.compile(r"\s{2,}|^.{5,}[:：]|^(?!(?:指标|目标)?\d{0,2}[:：]).{1,4}[:：]")


_BRACKETED = re.compile(r"\([^()]*\)")
# a name's own unit note after its words (按期完成率%, 满意度‰): no value, the name says what it counts in
_UNIT_NOTE = re.compile(r"[\u4e00-\u9fff][%‰]$")
# a name never starts with a stop (…元/年 | 。…: the words go on a value's sentence)
_NOT_NAME_START = "、，,。；;/:："


def _into_operator(text: str, end: int) -> bool:
    """Whether a name ending at `end` takes the head of the operator after it (…查处率不 | 低于90%: 不低于 is one)."""
    return text[end - 1] in _OPERATOR_HEADS and (m := _OPERATOR.match(text, end - 1)) is not None and m.end() > end


_OPERATOR_HEADS = "不大小低高至"


def _name_ok(name: str, settings: RunTogetherSettings) -> bool:
    """A 三级 name: it has words, it neither starts with a figure (`2026年` | `12月` | `31日前` is no name)
    nor ends in a value (`…数量4` | `0件`, `…数量40件` | `40件`, `…时间2023年6月底前` | `2023年5月`); a
    percent sign right after its words is its unit note (按期完成率% | =98百分比)."""
    if (len(_CJK.findall(name)) < settings.min_name or (_VALUE_CHAR.match(name[-1]) and not _UNIT_NOTE.search(name))
            or _OPERATOR.search(name[-2:])
            or _VALUE_CHAR.match(name.lstrip()[:1]) or name.lstrip()[:1] in _NOT_NAME_START or _BOUND.match(name.lstrip())
            or name[-1].isspace() or _NOT_NAME.search(_BRACKETED.sub("", name)) or _NATURE_END.search(name)):
        return False
    for j, c in enumerate(name):
        if c.isdigit() and (j == 0 or not name[j - 1].isdigit()) and len(name) in _value_ends(name, j):
            return False
    return True


def _values(text: str, pos: int, kinds: tuple[str, ...], i: int, settings: RunTogetherSettings,
            points: float | None = None, target: float | None = None) -> Iterator[tuple[tuple[int, ...], int, bool]]:
    """Each way to read the columns kinds[i:] from pos: (the cells' ends, where the row ends,
    whether every value and score column got a cell). `points`: the row's first score (分值), no
    later one (得分) above it; `target`: the row's first figure, a value reached later of its
    magnitude (80场次 | 86, not 8630); two values never part between two digits (`1010` is no 1 | 0)."""
    if i == len(kinds):
        yield (), pos, True
        return
    kind = kinds[i]
    while pos < len(text) and text[pos].isspace():
        pos += 1  # a space a preview kept between two cells
    words_left = all(k == TEXT for k in kinds[i:])
    if pos == len(text) and words_left:
        yield (), pos, True  # the words column empty
        return
    if i and SCORE not in kinds[i:] and not words_left:
        # the row's last columns left empty, the next row (or the run's end) right after its first values:
        # a target table's 实际完成值; a 自评表 row has its points
        yield (), pos, False
    if pos == len(text):
        return
    if kind == TEXT:
        if all(k == TEXT for k in kinds[i:]):
            yield (), pos, True  # the words column empty: what follows is the next row
            if _words_to_end(text, pos):
                yield (len(text),), len(text), True  # ... or words to the run's end: no row, the words column
        return  # words in the middle of a row cannot be told from the cells around them
    if kind == VALUE and i + 1 < len(kinds) and kinds[i + 1] == VALUE:
        for size in range(1, (len(text) - pos) // 2 + 1):
            word = text[pos:pos + size]
            if text.startswith(word, pos + size) and (
                    _CJK.search(word) if re.search(r"\d", word) or _VALUE_CHAR.match(word) else True):
                # 合格合格, 100%完成100%完成: a value written twice, the target and the value reached (or the
                # period's and the year's) side by side; a bare number twice (2020) is no such pair
                for cuts, row_end, full in _values(text, pos + 2 * size, kinds, i + 2, settings, points, target):
                    yield (pos + size, pos + 2 * size, *cuts), row_end, full
    if (kind == VALUE and all(k == TEXT for k in kinds[i + 1:]) and vocab.INDICATOR_NAME.search(text[:pos])
            and vocab.RUN_ON_WORD_VALUE.match(text, pos) and not re.search(r"\d", text[pos:])):
        yield (len(text),), len(text), True  # 重大动物疫情发生情况 | 不发生区域性重大动物疫情: words to the run's end
    if kind in _SPLIT_KINDS:
        if kind == UNIT:
            unit, end = read_unit(text, pos, open_units=False)
            ends = [end] if unit else []
        else:
            said = _NATURE_WORD.match(text, pos)
            ends = [said.end()] if said else []
        if not ends:  # left empty (a qualitative row has no unit); never when its word stands there
            yield from _values(text, pos, kinds, i + 1, settings, points, target)
        for end in ends:
            for cuts, row_end, full in _values(text, end, kinds, i + 1, settings, points, target):
                yield (end, *cuts), row_end, full
        return
    ends = _score_ends(text, pos, settings) if kind == SCORE else _value_ends(text, pos)
    if kind == VALUE and UNIT in kinds[i + 1:i + 2]:
        ends = [e for e in ends if text[e - 1].isdigit()]  # the unit stands in its own column
    for end in ends:
        score = float(text[pos:end]) if kind == SCORE else None
        if score is not None and points is not None and score > points:
            continue
        if (kind == VALUE and i + 1 < len(kinds) and kinds[i + 1] == VALUE and end < len(text)
                and text[end - 1].isdigit() and text[end].isdigit()):
            continue
        figure = _figure(text[pos:end]) if kind == VALUE else None
        if figure is not None and target and not (
                target / settings.reach_factor <= figure <= target * settings.reach_factor):
            continue
        nxt = points if points is not None or score is None else score
        nxt_target = target if target is not None or figure is None else figure
        for cuts, row_end, full in _values(text, end, kinds, i + 1, settings, nxt, nxt_target):
            yield (end, *cuts), row_end, full
        if kind == VALUE and i + 1 == len(kinds) and _words_to_end(text, end):
            yield (len(text),), len(text), True  # 100%完成, ≥8个部门支持: words to the run's end go with the value


def _figure(value: str) -> float | None:
    """The number a value states (≥80场次 -> 80), None for a date or words."""
    if _DATE.fullmatch(value):
        return None
    m = _NUMBER_AT.search(value)
    return float(m.group()) if m else None


def _words_to_end(text: str, pos: int) -> bool:
    """Words, no figure, from pos to the run's end: no row of their own (a row has a value)."""
    rest = text[pos:].strip()
    if (pos and text[pos - 1].isdigit() and read_unit(text, pos, open_units=False)[0] is not None) or _BOUND.match(rest):
        return False  # 9 | 个, 30人 | 以上: the unit and the bound are the number's
    return bool(_CJK.match(rest)) and not re.search(r"\d", rest)  # 100 | % is no value and words


def _score_ends(text: str, pos: int, settings: RunTogetherSettings) -> list[int]:
    out = []
    for end in range(pos + 1, min(len(text), pos + 6) + 1):
        piece = text[pos:end]
        if _SCORE.fullmatch(piece) and float(piece) <= settings.max_score and not (
                end < len(text) and text[end] == "." and "." not in piece):
            out.append(end)
    return out


def _value_ends(text: str, pos: int) -> list[int]:
    """Where a target-like value starting at pos may end: a number with its operator, unit and bound,
    or a date."""
    out: set[int] = set()
    op = _OPERATOR.match(text, pos)
    start = op.end() if op else pos
    for m in (_NUMBER_AT.match(text, start),):
        if m is None:
            break
        for end in _number_ends(text, start, m.end()):
            out.add(end)
    if not op:
        d = _DATE.match(text, pos)
        if d:
            out.add(d.end())
            out.update(e for e in range(pos + 1, d.end()) if _DATE.fullmatch(text, pos, e))
    return sorted(out)


def _number_ends(text: str, start: int, num_end: int) -> Iterator[int]:
    """A number's ends: every shorter number too (`2036` under 分值 | 年度指标值 is 20 | 36), then
    with its known unit and bound."""
    for end in range(start + 1, num_end + 1):
        if not _NUMBER_AT.fullmatch(text, start, end) or (end < num_end and text[end] == "."):
            continue
        yield end
        unit, after = read_unit(text, end, open_units=False)
        if unit:
            yield after
            b = _BOUND.match(text, after)
            if b:
                yield b.end()
        b = _BOUND.match(text, end)
        if b:
            yield b.end()


# ------------------------------------------------------------------ the money row

AMOUNT, EXEC, RATE = "amount", "exec", "rate"


def money_kind(header: str) -> str | None:
    """A money column's kind by its header (年初预算数, 全年执行数, 执行率(B/A), 分值, 得分)."""
    k = vocab.key(header)
    if vocab.RUN_ON_SCORE_COLUMN.search(k):
        return SCORE
    if k.endswith("率") or re.search(r"率\(", k):
        return RATE
    if "执行" in k or "支出数" in k or "实际" in k:
        return EXEC
    if k.endswith(("数", "额")) or re.search(r"数\(", k):
        return AMOUNT
    return None


def split_amounts(text: str, kinds: tuple[str, ...], settings: RunTogetherSettings = SETTINGS) -> list[str] | None:
    """The money row's figures run together (`86.586.5100%`) -> one per column, the rate with its `%`;
    None unless one reading has 执行率 = 执行数 / 预算数 (or one alone has its amounts all equal: no
    budget changed in the year, the plainest reading)."""
    if RATE not in kinds or EXEC not in kinds or AMOUNT not in kinds:
        return None
    r = kinds.index(RATE)
    head, pct, tail = text.partition("%")
    if not pct or not re.fullmatch(r"[\d.]+", head) or (tail and not re.fullmatch(r"[\d.]+", tail)):
        return None
    fits = []
    for before in _numbers(head, kinds[:r + 1], settings):
        rate = float(before[-1])
        budget = float(before[max(i for i, k in enumerate(kinds[:r]) if k == AMOUNT)])
        spent = float(before[kinds.index(EXEC)])
        if budget <= 0 or abs(spent / budget * 100 - rate) > settings.rate_tolerance or (rate == 0) != (spent == 0):
            continue  # a rate of 0% is nothing spent, not a little rounded away
        budgets = [float(before[i]) for i, k in enumerate(kinds[:r]) if k == AMOUNT]
        if min(budgets) <= 0 or max(budgets) > settings.budget_change_most * min(budgets):
            continue  # 年初预算数 and 全年预算数 of one project
        for after in _numbers(tail, kinds[r + 1:], settings, allow_missing=True):
            fits.append([*before[:-1], before[-1] + "%", *after])
    if len(fits) > 1:
        amounts = [i for i, k in enumerate(kinds[:r]) if k in (AMOUNT, EXEC)]
        fits = [f for f in fits if len({float(f[i]) for i in amounts}) == 1]
    return fits[0] if len(fits) == 1 else None


def _numbers(text: str, kinds: tuple[str, ...], settings: RunTogetherSettings,
             allow_missing: bool = False) -> Iterator[list[str]]:
    """Each way to cut a run of digits into one number per column (scores no more than max_score)."""
    if not text:
        if not kinds or allow_missing:
            yield []
        return
    if not kinds:
        return
    kind = kinds[0]
    for end in range(1, len(text) + 1):
        piece = text[:end]
        if not _number_fits(piece, kind, settings) or (end < len(text) and text[end] == "."):
            continue
        for rest in _numbers(text[end:], kinds[1:], settings, allow_missing):
            yield [piece, *rest]


def _number_fits(piece: str, kind: str, settings: RunTogetherSettings) -> bool:
    if not re.fullmatch(_NUMBER, piece):
        return False
    whole, _, frac = piece.partition(".")
    if kind == SCORE:
        return len(frac) <= 2 and float(piece) <= settings.max_score
    if kind == RATE:
        return len(frac) <= 2 and len(whole) <= 3
    return len(frac) <= settings.amount_decimals and len(whole) <= settings.max_amount_digits


# ------------------------------------------------------------------ a goal and what became of it

_SENTENCE_END = re.compile(r"(?<=[。！？!?])")


def split_goal_pair(text: str) -> list[str] | None:
    """The goal set and the goal reached, side by side under 预期目标 | 实际完成情况, run together: cut
    where the sentences fall in two (two sentences, or one list written twice); None when they do not."""
    parts = [p for p in _SENTENCE_END.split(text) if p.strip()]
    if len(parts) == 2:
        return parts
    half = len(parts) // 2
    if len(parts) >= 4 and len(parts) % 2 == 0 and [_norm(p) for p in parts[:half]] == [_norm(p) for p in parts[half:]]:
        return ["".join(parts[:half]), "".join(parts[half:])]
    return None


@lru_cache(maxsize=256)
def _norm(text: str) -> str:
    return vocab.key(text)


# ------------------------------------------------------------------ a whole line's table

@dataclass(frozen=True, slots=True)
class Term:
    """A label, column header or level name found in the line (the reader cuts at each)."""

    start: int
    end: int
    text: str  # without the spaces a narrow cell's text kept


@dataclass(slots=True)
class GrammarCuts:
    """What the grammar decided for a line: cuts to add, term cuts to take back (a 三级 name
    holding a label's words: 春秋两季集中免疫完成时间), and the spans it read (no other rule cuts there)."""

    add: set[int]
    drop: set[int]
    read: list[tuple[int, int]]

    def covers(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.read)


# a 自评表's money columns run together in its header (年初预算数全年预算数全年执行数分值执行率得分)
_MONEY_COLUMN = r"(?:(?:年初|全年|本年|当年|年度)?(?:预算数|执行数|预算执行率|执行率|预算金额)|分值|得分)(?:\([A-Z/]{1,5}\))?"
_MONEY_HEADER = re.compile(rf"(?:{_MONEY_COLUMN}){{2,}}")
_MONEY_COLUMN_AT = re.compile(_MONEY_COLUMN)
# the figures of a money row: digits with one percentage among them (24242410100%10)
_MONEY_RUN = re.compile(r"(?<![\d.])\d[\d.]*%[\d.]*")
# where the rows end: the total row (……总分10098) or a note (注：, 说明：, 说明无)
_TOTAL = r"(?:…+|\.{3,}|。{3,})?\s*(?:总分|得分合计|总计|合计)"
_TABLE_END = re.compile(rf"{_TOTAL}|(?:注|说明|备注)(?=[:：\d无])")
_NOTE = re.compile(r"(?:注|说明|备注)[:：]?")


def _is_level(term: str) -> bool:
    return bool(vocab.level1_of(term) or vocab.level2_of(term))


def _is_header(term: str) -> bool:
    return vocab.column_role(term) is not None and not _is_level(term)


def _structural(term: str) -> bool:
    """A term that always stands in a cell of its own: a level name, a column header, a form's
    first label (项目名称), a title."""
    lab = vocab.header_field(term)
    return _is_level(term) or _is_header(term) or (lab is not None and lab.field in ("project_name", "budget_amount"))


def grammar_cuts(probe: str, terms: list[Term], table: int, settings: RunTogetherSettings = SETTINGS,
                 remark: str | None = None) -> GrammarCuts:
    """The cuts the grammar decides in a run-together line (`probe`: normalized, simplified; `terms`: the
    labels found in it, in order; `table`: where the indicator table starts; `remark`: the words the table's
    last column repeats in every row, see `stock_remark`)."""
    out = GrammarCuts(set(), set(), [])
    gaps = _gaps(probe, terms)
    kinds: tuple[str, ...] | None = None
    after_goal = False
    note_from: int | None = None
    k = 0
    while k < len(gaps):
        term, (a, b) = gaps[k]
        gap = probe[a:b]
        if note_from is not None:
            if term is not None and _field(term.text) == "project_name":
                out.read.append((note_from, term.start))
                note_from = None  # the next form
            else:
                out.drop.update((term.start, term.end) if term else ())
                k += 1
                continue
        if gap.strip() and vocab.LEVEL_SCORE.match(vocab.key(gap)):
            out.read.append((a, b))  # 产出指标(70分), (0-20)分: the level's points, one cell
            k += 1
            continue
        run = _header_run(probe, gaps, k, out) if term is not None and term.start >= table and _is_header(term.text) else None
        if run is not None:
            k, kinds = run
            continue
        if term is not None and _field(term.text) == "project_name":
            kinds = None  # the next form: its own columns
        if kinds is None and gap.strip() and not _cost_table(probe, a, b, out, settings):
            _money(probe, a, b, out, settings)
        if term is not None and (lab := vocab.header_field(term.text)) is not None and lab.field.startswith("goal"):
            after_goal = True
            if kinds is None:
                _goal_sentence(probe, gaps, k, out, settings)
        elif term is not None and not (after_goal and _is_header(term.text)):
            after_goal = False
        if term is not None and after_goal and vocab.RUN_ON_GOAL_REACHED.search(term.text) and gap.strip():
            pair = split_goal_pair(gap)
            if pair:
                out.add.add(a + len(pair[0]))
                out.read.append((a, b))
            after_goal = False
        if (gap.strip() and a >= table and kinds is not None and not _MONEY_RUN.match(gap)) or (
                kinds is not None and term is not None and term.start >= table and _name_head(gaps, k)):
            k, note = _row_gap(probe, gaps, k, kinds, out, settings, remark)
            if note is not None:
                note_from = note
            continue
        k += 1
    if note_from is not None:
        out.read.append((note_from, len(probe)))
    return out


def _goal_sentence(probe: str, gaps: list[tuple[Term | None, tuple[int, int]]], k: int, out: GrammarCuts,
                   settings: RunTogetherSettings) -> None:
    """A goal's sentence that holds a label's words (…开展事前绩效评估和 | 绩效目标 | 审核，提高 | 财政资金 |
    使用效益。): the goal goes on to its sentence's end, those words no labels, when the end comes soon and
    only words a sentence may hold (goal labels, labels of no field of their own) stand before it."""
    a, b = gaps[k][1]
    if not probe[a:b].strip() or "。" in probe[a:b]:
        return
    for j in range(k + 1, len(gaps)):
        t, (c, d) = gaps[j]
        if t is None or t.start - a > settings.goal_reach or _structural(t.text) or probe[t.end:t.end + 1] in ":：":
            return
        lab = vocab.header_field(t.text)
        if lab is None or not (lab.field == "ignored" or lab.field.startswith("goal")):
            return
        stop = probe.find("。", c, d)
        if stop >= 0:
            if stop - a > settings.goal_reach:
                return
            for m in range(k + 1, j + 1):
                inner = gaps[m][0]
                if inner is not None:
                    out.drop.update((inner.start, inner.end))
            return


def _field(term: str) -> str | None:
    lab = vocab.header_field(term)
    return lab.field if lab else None


def _gaps(probe: str, terms: list[Term]) -> list[tuple[Term | None, tuple[int, int]]]:
    """Each term with the text after it up to the next term (the text before the first, with no term)."""
    out: list[tuple[Term | None, tuple[int, int]]] = []
    first = terms[0].start if terms else len(probe)
    out.append((None, (0, first)))
    for t, nxt in zip(terms, [*terms[1:], None]):
        out.append((t, (t.end, nxt.start if nxt else len(probe))))
    return out


def _header_run(probe: str, gaps: list[tuple[Term | None, tuple[int, int]]], k: int,
                out: GrammarCuts) -> tuple[int, tuple[str, ...] | None] | None:
    """The indicator table's column headers from gaps[k] on -> the index after them and the kinds of
    the columns after the 三级指标 (None when there is none, or one the grammar cannot split); None
    when the headers there are no indicator table's (实际完成情况 beside a goal)."""
    headers: list[str] = []
    cuts: list[int] = []
    drops: list[int] = []
    while k < len(gaps):
        term, (a, b) = gaps[k]
        if term is None or not _is_header(term.text):
            break
        headers.append(term.text)
        gap = probe[a:b]
        points = re.search(r"(?<!\d)\d{1,3}\s*$", gap)
        more = split_headers(gap)
        if more is None and points and vocab.SCORE_POINTS.match(points.group().strip()) and (
                (rest := split_headers(gap[:points.start()])) is not None):
            # 年度指标值 | 实际完成指标值 | 50: the block's points where a column's label would be, a column
            # of each row's score with no label of its own
            pos = a
            for h in rest:
                pos = _past(probe, pos, len(h))
                cuts.append(pos)
            cuts.append(a + points.start())
            headers.extend([*rest, vocab.SCORE_HEADER])
            k += 1
            break
        if more is None:
            k += 1  # text after the last header: no row of the table (those start at a level name)
            break
        pos = _past_note(probe, a, b)  # 实际完成值 | (B) | 得分: the note is the header's before it
        if pos > a:
            drops.append(a)
            cuts.append(pos)
        for h in more:  # 分值得分: a cut between the headers
            pos = _past_note(probe, _past(probe, pos, len(h)), b)  # 年初目标值(A) | 实际完成值: the note stays
            cuts.append(pos)
        headers.extend(more)
        k += 1
    roles = [vocab.column_role(h) for h in headers]
    if not {"level1", "level2", "name"} & set(roles):
        return None
    out.add.update(cuts)
    out.drop.update(drops)
    if "name" not in roles:
        return k, None
    kinds = tuple(column_kind(h) for h in headers[roles.index("name") + 1:])
    if not kinds or any(x is None for x in kinds):
        return k, None
    return k, tuple(x for x in kinds if x is not None)


def _past_note(text: str, pos: int, stop: int) -> int:
    """Past a bracketed note on a header ((A), (20分*执行率)) starting at pos, if there is one before stop."""
    m = _HEADER_NOTE.match(text, pos, stop)
    return m.end() if m else pos


def _past(text: str, pos: int, n: int) -> int:
    """The position n characters on from pos, white space not counted (a header's key has none)."""
    while n > 0 and pos < len(text):
        if not text[pos].isspace():
            n -= 1
        pos += 1
    return pos


def _name_head(gaps: list[tuple[Term | None, tuple[int, int]]], k: int) -> bool:
    """Whether the term of gaps[k] may be the head of a 三级 name: a label that is no level, column header
    or form's first label (预算单位 | 满意度), or a level's name right after the same level's (服务对象满意度
    指标 | 服务对象满意 | 度≥90%: under a 二级 its first 三级, however it reads)."""
    term = gaps[k][0]
    if term is None:
        return False
    if not _structural(term.text):
        return True
    before = gaps[k - 1][0] if k else None
    return bool(before is not None and not _has_text(gaps, k - 1) and _is_level(term.text)
                and vocab.level2_of(before.text) and vocab.level2_of(before.text) == vocab.level2_of(term.text))


def _has_text(gaps: list[tuple[Term | None, tuple[int, int]]], k: int) -> bool:
    """Whether the text after gaps[k]'s term holds anything."""
    a, b = gaps[k][1]
    return b > a


def _row_gap(probe: str, gaps: list[tuple[Term | None, tuple[int, int]]], k: int, kinds: tuple[str, ...],
             out: GrammarCuts, settings: RunTogetherSettings, remark: str | None = None) -> tuple[int, int | None]:
    """The rows in the text after a level name -> their cells; a label's words inside a name
    (…免疫 | 完成时间 | 2025年…) are joined back when only so the rows read. Returns the next gap's
    index and where a note after the table starts (None if none)."""
    a, b = gaps[k][1]
    own = gaps[k][0]
    if own is not None and _name_head(gaps, k):
        a = own.start  # the row's name starts with a label's words (预算单位 | 满意度90%): its cuts taken back
    spans = [(a, b, k + 1)]
    if k + 1 < len(gaps) and (t := gaps[k + 1][0]) is not None and not _structural(t.text):
        spans.append((a, gaps[k + 1][1][1], k + 2))  # the label's cuts taken back
    for a, b, nxt in spans:
        text = probe[a:b]
        end = _TABLE_END.search(text)
        rows_text = text[:end.start()] if end else text
        cells = split_rows(rows_text, kinds, settings, remark) if rows_text.strip() else []
        if cells is None:
            continue
        pos = a
        for c in cells:
            pos = probe.index(c, pos) + len(c)  # the cells in order, the spaces between them left out
            out.add.add(pos)
        for j in range(k, nxt):
            t = gaps[j][0]
            if t is not None and t.start >= a:
                out.drop.update(x for x in (t.start, t.end) if x > a)  # the cut before the row stays
        note = None
        if end:
            note = _table_end(probe, a + end.start(), b, out, settings)
        out.read.append((a, b))
        return nxt, note
    out.read.append(gaps[k][1])  # no reading, or more than one: the run is left whole, not cut at every value
    return k + 1, None


def _table_end(probe: str, start: int, stop: int, out: GrammarCuts, settings: RunTogetherSettings) -> int | None:
    """The total row (总分 | 100 | 98) and a note after it (注：… one cell, its level names no cuts)."""
    out.add.add(start)
    text = probe[start:stop]
    total = re.match(_TOTAL, text)
    pos = start
    if total:
        out.add.add(start + len(text) - len(text.lstrip("….。")))  # ……: the rows left out, a cell of its own
        pos = start + total.end()
        out.add.add(pos)
        digits = re.match(r"[\d.]+", probe[pos:stop])
        if digits:
            pair = list(_numbers(digits.group(), (SCORE, SCORE), settings, allow_missing=True))
            fits = [p for p in pair if len(p) < 2 or float(p[1]) <= float(p[0])]
            if len(fits) == 1:
                for piece in fits[0]:
                    pos += len(piece)
                    out.add.add(pos)
            else:
                pos += len(digits.group())
                out.add.add(pos)
    note = _NOTE.match(probe, pos)
    if note is None:
        return None
    out.add.add(pos)
    if probe[note.end():note.end() + 1] not in (":", "：") and not probe[note.end() - 1] in ":：":
        out.add.add(note.end())  # 说明无: the label, then its value
    return pos


def _cost_table(probe: str, start: int, stop: int, out: GrammarCuts, settings: RunTogetherSettings) -> bool:
    """A cost table run together in probe[start:stop] (`split_cost_table`): its cells cut apart."""
    text = probe[start:stop]
    if not _TOTAL_WORD.search(text) or not re.search(r"\d$", text.rstrip()):
        return False
    cells = split_cost_table(text.strip(), settings)
    if cells is None:
        return False
    pos = start
    for c in cells:
        pos = probe.index(c, pos) + len(c)
        out.add.add(pos)
    out.read.append((start, stop))
    return True


def _money(probe: str, start: int, stop: int, out: GrammarCuts, settings: RunTogetherSettings) -> None:
    """Each money row's figures in probe[start:stop] (before a form's indicator table), by the money
    columns the header before them names."""
    for run in _MONEY_RUN.finditer(probe, start, stop):
        header = None
        for header in _MONEY_HEADER.finditer(probe, 0, run.start()):
            pass
        if header is None:
            continue
        kinds = tuple(money_kind(m.group()) for m in _MONEY_COLUMN_AT.finditer(header.group()))
        if any(x is None for x in kinds):
            continue
        cells = split_amounts(run.group(), tuple(x for x in kinds if x is not None), settings)
        if cells is None:
            continue
        pos = run.start()
        out.add.add(pos)
        for c in cells:
            pos += len(c)
            out.add.add(pos)
        out.read.append((run.start(), run.end()))


# ------------------------------------------------------------------ a cost table and its total

_TOTAL_WORD = re.compile(r"合计|总计|小计")


def split_cost_table(text: str, settings: RunTogetherSettings = SETTINGS) -> list[str] | None:
    """A money block's cost table run together (`金额测算(公式)依据2021年实际执行数2022年实际执行数物业服务费236
    依据采购合同228230…合计278268271`): its headers, each item's name, figures and words, then the total row.
    The figures of adjacent columns run together are parted so that each of the total's figures is the
    sum of its column; None unless exactly one way does."""
    total = None
    for total in _TOTAL_WORD.finditer(text):
        pass
    if total is None or not re.fullmatch(r"[\d.]+", text[total.end():]):
        return None
    body, total_run = text[:total.start()], text[total.end():]
    found: list[tuple[list[str], list[str]]] = []  # (headers, the cells), one per place the headers may end
    for h in range(1, len(body)):
        headers = _label_cells(body[:h])
        if not headers or AMOUNT not in (kinds := tuple(TEXT if vocab.MONEY_WORDS_COLUMN.search(x) else AMOUNT for x in headers)):
            continue
        rows = _cost_rows(body[h:], kinds)
        figures = _parted_figures(rows, total_run, kinds, settings) if rows else None
        if figures is not None:
            items, totals = figures
            found.append((headers, [*headers, *[c for row in items for c in row], total.group(), *totals]))
    if len(found) > 1:
        # where the headers end and the first item's name begins, words read by meaning do not tell: the
        # header named as another is but for its year does (2021年实际执行数 | 2022年实际执行数 | 物业服务费)
        found = [f for f in found if _parallel(f[0][-1], f[0][:-1])]
    return found[0][1] if len(found) == 1 else None


def _parallel(header: str, others: list[str]) -> bool:
    bare = re.sub(r"\d", "", header)
    return any(re.search(r"\d", o) and re.sub(r"\d", "", o) == bare for o in others)


def _label_cells(text: str) -> list[str] | None:
    """Labels and column headers run together (金额测算(公式)依据2021年实际执行数) -> each; None unless the
    text is made of them. The fewest labels, where one read only by a guess at its meaning never starts
    with a firm one (金额 | 测算(公式)依据, not one label 金额测算(公式)依据); a label holds no digit but a
    year at its head (2021年实际执行数)."""
    best: list[list[str] | None] = [None] * (len(text) + 1)
    best[0] = []
    for end in range(1, len(text) + 1):
        for start in range(max(0, end - _LABEL_MOST), end):
            head = best[start]
            part = text[start:end]
            if head is None or not _LABEL_PART.fullmatch(part) or not (_firm(part) or vocab.column_role(part)):
                continue
            if not _firm(part) and any(_firm(part[:n]) for n in range(2, len(part))
                                       if not re.fullmatch(r"(?:19|20)\d\d年度?", part[:n])):
                continue
            if best[end] is None or len(head) + 1 < len(best[end] or ()):
                best[end] = [*head, part]
    return best[len(text)]


def _firm(part: str) -> bool:
    """A label the vocabulary spells, or one read by meaning that is no mere guess (金额, not …依据)."""
    if part in vocab.HEADER_LABELS or part in vocab.IGNORED_LABELS or part in vocab.COLUMN_ROLES:
        return True
    lab = vocab.header_field(part)
    return lab is not None and not lab.soft


_LABEL_MOST = 12  # a label run together with others is at most this long
_LABEL_PART = re.compile(r"(?:(?:19|20)\d\d年度?)?[^\d]+")


_COST_ROW_PART = re.compile(r"[\d.]+|[^\d.]+")


def _cost_rows(text: str, kinds: tuple[str, ...]) -> list[tuple[str, list[str]]] | None:
    """The item rows: a name, then per column its figure or words; adjacent figure columns' figures
    stand as one run. -> (name, the runs and words in order), None when a row does not fit."""
    parts = _COST_ROW_PART.findall(text)
    groups: list[list[str]] = []  # the runs a row has: figures of adjacent columns as one
    for k in kinds:
        if k == AMOUNT and groups and groups[-1][0] == AMOUNT:
            groups[-1].append(k)
        else:
            groups.append([k])
    rows: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(parts):
        name = parts[i]
        if re.match(r"[\d.]", name) or len(_CJK.findall(name)) < 2 or _firm(name) or vocab.column_role(name):
            return None  # an item's name is no label (测算(公式)依据 is a header, not an item)
        cells = parts[i + 1:i + 1 + len(groups)]
        if len(cells) != len(groups) or any(bool(re.match(r"[\d.]", c)) != (g[0] == AMOUNT) for c, g in zip(cells, groups)):
            return None
        rows.append((name, cells))
        i += 1 + len(groups)
    return rows or None


def _parted_figures(rows: list[tuple[str, list[str]]], total_run: str, kinds: tuple[str, ...],
                    settings: RunTogetherSettings) -> tuple[list[list[str]], list[str]] | None:
    """Each row's runs parted into one figure per column, and the total's, so that the total of each
    figure column is the sum of the rows'; None unless exactly one parting does."""
    amounts = [i for i, k in enumerate(kinds) if k == AMOUNT]
    groups = _amount_groups(kinds)
    options: list[list[list[str]]] = []  # per row, each way to part its runs into figures
    for _, cells in rows:
        runs = [c for c in cells if re.match(r"[\d.]", c)]
        ways: list[list[str]] = [[]]
        for run, n in zip(runs, groups):
            ways = [w + p for w in ways for p in _numbers(run, (AMOUNT,) * n, settings)]
        if not ways or len(ways) > settings.max_partings:
            return None
        options.append(ways)
    fits: list[tuple[list[list[str]], list[str]]] = []
    for totals in _numbers(total_run, (AMOUNT,) * len(amounts), settings):
        want = [float(t) for t in totals]
        chosen = _fit_rows(options, want)
        if chosen is not None:
            fits.extend((c, totals) for c in chosen)
        if len(fits) > 1:
            return None
    if len(fits) != 1:
        return None
    parted, totals = fits[0]
    items = []
    for (name, cells), figures in zip(rows, parted):
        out, f = [name], iter(figures)
        for c in cells:
            if re.match(r"[\d.]", c):
                out.extend(next(f) for _ in range(_run_width(c, cells, kinds)))
            else:
                out.append(c)
        items.append(out)
    return items, totals


def _amount_groups(kinds: tuple[str, ...]) -> list[int]:
    """How many figure columns each run of a row holds: the lengths of the runs of AMOUNT columns."""
    groups: list[int] = []
    for i, k in enumerate(kinds):
        if k == AMOUNT:
            if i and kinds[i - 1] == AMOUNT:
                groups[-1] += 1
            else:
                groups.append(1)
    return groups


def _run_width(run: str, cells: list[str], kinds: tuple[str, ...]) -> int:
    """How many figure columns the run at its place in the row holds."""
    runs = [c for c in cells if re.match(r"[\d.]", c)]
    return _amount_groups(kinds)[runs.index(run)]


def _fit_rows(options: list[list[list[str]]], want: list[float]) -> list[list[list[str]]] | None:
    """The partings of the rows whose column sums are `want` (at most two found: more than one is a tie)."""
    out: list[list[list[str]]] = []

    def walk(i: int, chosen: list[list[str]], sums: list[float]) -> None:
        if len(out) > 1:
            return
        if i == len(options):
            if all(abs(s - w) < 1e-6 for s, w in zip(sums, want)):
                out.append(list(chosen))
            return
        for way in options[i]:
            walk(i + 1, [*chosen, way], [s + float(x) for s, x in zip(sums, way)])

    walk(0, [], [0.0] * len(want))
    return out or None
