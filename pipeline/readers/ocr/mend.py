"""Mends of what recognition typically gets wrong on these forms, none of which invents a value:

    mend_cell("2.850，403.35", 0.9)   -> "2,850,403.35"   a number cannot hold two decimal points
    mend_cell("经济成木指标", 0.41)    -> "经济成本指标"    a level name one character off, read weakly
    mend_cell("、产出指标", 0.9)       -> "产出指标"        a numbered level name's numeral lost

Separators: in a number of three groups or more whose inner groups have three digits each, the
separators between them are thousands separators (the model reads a comma as `.` or `，` now and
then); the last one stays a decimal point when fewer or more than three digits follow it.

Numbered level names: 一、产出指标 read 、产出指标 (the 一, one stroke, lost) or 四满意度指标 (the 、
lost): a cell that names no level, but would with its leading 、 dropped or a 、 put after its
leading numeral, is mended so (whatever the confidence: the level's name is the vocabulary's).

Level names: a cell read with a confidence under `ocr_min_confidence` whose text is one character
off a 一级 / 二级 name of the vocabulary (pipeline/vocab.py), of the same length, and no name
itself, takes that name's character. A cell read confidently is never touched, nor one two
characters off, nor anything but a level name: names of indicators, values and units are the
form's own and stay as read (a doubtful number is flagged low_ocr_confidence instead).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ... import settings, vocab

_NUMBER = re.compile(r"(?<![\d.,，．])\d{1,3}(?:[.,，．]\d{3})+(?:[.,，．]\d+)?(?![\d.,，．])")
_LOST_NUMERAL = re.compile(r"^[、,，.．]\s*(?P<name>[\u4e00-\u9fff].*)$")
_LOST_MARK = re.compile(r"^(?P<num>[一二三四五六七八九十]{1,3})(?P<name>[\u4e00-\u9fff].*)$")
_DECOR = re.compile(r"^(?P<name>[\u4e00-\u9fff]+)(?P<rest>[（(].*)?$")


def mend_cell(text: str, confidence: float | None) -> str:
    text = _numbered_level(_NUMBER.sub(_separators, text))
    if confidence is not None and confidence < settings.get().ocr_min_confidence:
        text = _level_name(text)
    return text


def _separators(m: re.Match) -> str:
    parts = re.split(r"([.,，．])", m.group(0))
    groups, seps = parts[0::2], parts[1::2]
    if len(seps) < 2:
        return m.group(0)
    last = "." if len(groups[-1]) != 3 else ","
    return "".join(g + ("," if k < len(seps) - 1 else last) for k, g in enumerate(groups[:-1])) + groups[-1]


def _names_level(text: str) -> bool:
    return bool(vocab.level1_of(text) or vocab.level2_of(text))


def _numbered_level(text: str) -> str:
    """A numbered level name with its numeral or its 、 lost, mended (see the module's doc)."""
    lost = _LOST_NUMERAL.match(text) or _LOST_MARK.match(text)
    if lost is None or _names_level(text) or not _names_level(lost.group("name")):
        return text
    return lost.group("name") if lost.re is _LOST_NUMERAL else lost.group("num") + "、" + lost.group("name")


def _level_name(text: str) -> str:
    m = _DECOR.match(text.strip())
    if m is None:
        return text
    name = m.group("name")
    if vocab.level1_of(name) or vocab.level2_of(name):
        return text
    near = _one_off(name)
    return text if near is None else near + (m.group("rest") or "")


@lru_cache(maxsize=4096)
def _one_off(name: str) -> str | None:
    """The one level name (of the same length) differing from `name` in exactly one character."""
    found = {k for k in (*vocab.LEVEL1_BY_KEY, *vocab.LEVEL2_BY_KEY)
             if len(k) == len(name) >= 3 and sum(a != b for a, b in zip(k, name)) == 1}
    return found.pop() if len(found) == 1 else None
