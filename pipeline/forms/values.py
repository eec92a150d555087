"""Header values read from their text: amounts, years, periods, names with codes.

    parse_amount("775,413.00", None) -> 775413.0;  parse_amount("250万", None) -> 2500000.0
    period_years("202001-202012") -> (2020, 2020);  period_years("2023年7月-2024年1月") -> (2023, 2024)
    strip_code("[015001]某局") -> "某局"
"""

from __future__ import annotations

import re

from .. import vocab
from ..memo import memo

# a year: 2025, 2025年, 2025.07, 202001 (year and month written together), never a part of a longer number
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?:(?=(?:0[1-9]|1[0-2])(?:\d\d)?(?!\d))|(?!\d))")
_AMOUNT = re.compile(r"-?\d+(?:,\d{3})*(?:\.\d+)?|-?\d*\.\d+")
# (a budget system's two-digit category code with its hyphen, `32-专项资金项目`, is one too)
_CODE = re.compile(r"^\s*(?:[\[【(（〔]\s*[0-9A-Za-z\-]{2,}\s*[\]】)）〕]|[0-9]{3,}[-_\s]*(?=[\u4e00-\u9fff])(?![年月日度])"
                   r"|[0-9]{2}-(?=[\u4e00-\u9fff]))\s*")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# what may follow an amount: its unit, then the end, a note in parentheses (620万（道路硬化400万元…）)
# or the next part of the money block (其中：财政拨款…)
_AMOUNT_TAIL = re.compile(r"(?:万元|千元|亿元|万|亿|元)?整?(?:$|[;；,，。)）(（]|其中|其他|其它|\s)")
_PAREN_UNIT = re.compile(r"\((万元|千元|亿元|元|万)\)")
# words an amount may carry: 约 50 万元, 合计：96, 人民币 12.5 万元整
# units an amount led by its money's source must carry (一般公共预算安排12600万元)
_MONEY_UNITS = ("万元", "千元", "亿元", "元", "万")
_SOURCE_STRIP = " :：,，"
_AMOUNT_WORDS = re.compile(r"[约共计合总额人民币整其中:：，,()（）]|万元|千元|亿元|万|亿|元")


def years_in(text: str) -> list[int]:
    """The years written in a text, spaces inside ignored: "(20 17 年度)" -> [2017]."""
    return [int(y) for y in YEAR.findall(vocab.key(text))]


def period_years(text: str, one_year_is_period: bool = True) -> tuple[int, int] | None:
    """(start, end) from a period cell: "2025-2027", "2025年至2027年", "202001-202012",
    "2023.07-2024.01", "2026年" (one year, when `one_year_is_period`)."""
    years = years_in(text)
    if len(years) == 1 and one_year_is_period:
        return years[0], years[0]
    if len(years) >= 2 and years[0] <= years[1]:
        return years[0], years[1]
    return None


@memo
def parse_amount(text: str, unit: str | None) -> float | None:
    """"775,413.00" -> 775413.0; "77.54万元", "250万" or a 万元 label/note -> ×10000."""
    t = vocab.key(text)
    m = _AMOUNT.search(t)
    if not m:
        return None
    try:
        value = float(m.group(0).replace(",", ""))
    except ValueError:
        return None
    head, tail = t[:m.start()], t[m.end():]
    if tail[:1] == "(" and (um := _PAREN_UNIT.match(tail)):
        tail = um.group(1) + tail[um.end():]  # 96.00（万元）: the unit in parentheses
    words = _AMOUNT_WORDS.sub("", head)
    sourced = bool(vocab.AMOUNT_SOURCE_HEAD.match(head.strip(_SOURCE_STRIP))) and tail.startswith(_MONEY_UNITS)
    if (_CJK.search(words) and not sourced) or not _AMOUNT_TAIL.match(tail):
        return None  # "1、灯具更换": a number in words is no amount
    factor = vocab.MONEY_FACTOR.get(unit or "", 1)
    if tail.startswith(("万", "亿", "千元")):
        factor = 10000 if tail.startswith("万") else (100000000 if tail.startswith("亿") else 1000)
    elif tail.startswith("元"):
        factor = 1
    return round(value * factor, 2)


_OPTION = re.compile(rf"([^{vocab.TICK}{vocab.BOX}]+?)\s*([{vocab.TICK}{vocab.BOX}])|([{vocab.TICK}{vocab.BOX}])\s*([^{vocab.TICK}{vocab.BOX}]+)")


_MARK = re.compile(f"[{vocab.TICK}{vocab.BOX}]")


def is_option(text: str) -> bool:
    """A check box option on its own: □常年性, 延续性☑."""
    return len(_MARK.findall(text)) == 1 and bool(_OPTION.fullmatch(text.strip()))


def ticked(text: str) -> str:
    """A check box list reads as its ticked option: "1、常年性项目 □ 2、延续性项目 □ 3、一次性项目 √"
    -> "一次性项目"; "新增项目□ 延续项目☑" -> "延续项目". Text with no box is returned as is."""
    if not _MARK.search(text):
        return _ocr_ticked(text) if vocab.OCR_BOX in text else text
    options = text
    if not any(c in vocab.TICK for c in text):
        options = vocab.FONT_TICK.sub(vocab.TICK[1], text)  # 延续项目R: the box's tick in its symbol font
    chosen = []
    before = ""  # the option the last box stood after
    for m in _OPTION.finditer(options):
        label, mark = (m.group(1), m.group(2)) if m.group(1) is not None else (m.group(4), m.group(3))
        if not _option_label(label) and before:
            label = before  # 1、常年性项目 □ √ 2、…: the tick typed after the box is that option's
        if mark in vocab.TICK:
            chosen.append(_option_label(label))
        before = label
    return "、".join(chosen) if len(chosen) == 1 else text


def unmarked_options(text: str) -> bool:
    """Whether a value is a numbered list of options with no box or tick anywhere (1、上级专项 2、本级专项: the
    form's choices printed, none marked)."""
    if "、" not in text and "." not in text and "．" not in text:
        return False  # (the cheap question first: most values hold no numbered option)
    return (len(_NUMBERED_OPTION.findall(text)) >= _UNMARKED_OPTIONS_MIN and not _MARK.search(text)
            and vocab.OCR_BOX not in text and not vocab.FONT_TICK.search(text))


_NUMBERED_OPTION = re.compile(r"(?:^|\s)\d[、.．]\s*[\u4e00-\u9fff]")
_UNMARKED_OPTIONS_MIN = 2


def _ocr_ticked(text: str) -> str:
    """A numbered check box list as OCR reads it, each empty box a 口 and the ticked one a 0, V or nothing:
    "1、部门预算项目 02、财政专项口 3、市对下转移支付项目口" -> "部门预算项目" (every option but one ends in 口);
    text that is no such list is returned as is."""
    starts = []
    pos = 0
    for n in range(1, _OCR_OPTIONS_MOST + 1):
        at = text.find(f"{n}、", pos)
        if at < 0:
            break
        starts.append(at)
        pos = at + 2
    if len(starts) < 2 or text[:starts[0]].strip():
        return text
    options = [text[a + 2:b].strip() for a, b in zip(starts, [*starts[1:], len(text)])]
    open_ = [o for o in options if not o.endswith(vocab.OCR_BOX)]
    if len(open_) != 1 or (len(options) < 3 and not vocab.OCR_TICK_END.search(open_[0])):
        return text  # one option unboxed, and either its tick read or two boxes beside it (人口 | 户口登记: no list)
    chosen = vocab.OCR_TICK_END.sub("", open_[0]).strip(_OPTION_SEPARATORS)
    return chosen if chosen and not chosen.endswith(vocab.OCR_BOX) else text


_OCR_OPTIONS_MOST = 9
_OPTION_SEPARATORS = " 、,，;；"


def _option_label(label: str) -> str:
    """An option's words without its number (1、), the separator before it (、部门预算项目☑) or the bracket its
    mark stood in (经常性项目(√))."""
    label = vocab.OPTION_NUMBER.sub("", label.strip(_OPTION_SEPARATORS))
    if label.endswith(("(", "（")):
        label = label[:-1]
    if label.startswith((")", "）")):
        label = label[1:]
    return label.strip(_OPTION_SEPARATORS)


# a budget code after an office's name: six digits or more right after its last character
_TRAILING_CODE = re.compile(r"(?<=[\u4e00-\u9fff])\s*[\[【(（]?[0-9]{6,}[\]】)）]?\s*$")
_ROLE_NOTE = re.compile(r"\s*[(（](?:部门|单位|盖章|主管部门|实施单位)[)）]\s*$")


@memo
def strip_code(text: str) -> str:
    """A unit or department code before its name is not part of it: "[015001]某局" -> "某局", nor
    after it (名称及预算编码: "某省某厅335301302" -> "某省某厅"); nor a note of what it is after it:
    "某联合社(部门)" -> "某联合社", nor a budget system's 部门 after an office: "某县某局部门" -> "某县某局"."""
    m = _CODE.match(text)
    if m and m.end() < len(text):
        text = text[m.end():].strip()
    elif (t := _TRAILING_CODE.search(text)) and t.start() > 0:
        text = text[:t.start()].rstrip()
    if text.endswith((")", "）")):
        return _ROLE_NOTE.sub("", text)
    return vocab.OFFICE_SYSTEM_MARK.sub("", text) if text.endswith("部门") else text
