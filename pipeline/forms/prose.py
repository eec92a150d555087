"""Targets written as prose in one goal cell (数量指标：完成植树造林>=17600株；质量指标：成活率≥85%):
on a form with no indicator table, each `二级指标：名称+指标值` item is one indicator; and in a level's
own cell (产出指标 | 开展巡查8次；验收合格率≥86%), each `名称+指标值` item is one of that level's."""

from __future__ import annotations

from .. import vocab
from ..models import Indicator, Origin
from ..targets import parse_target

# at least this many items read from the prose before it counts as the form's targets
MIN_PROSE_TARGETS = 2


def prose_targets(text: str | None, origin: Origin | None) -> list[Indicator]:
    if not text:
        return []
    out: list[Indicator] = []
    level2: str | None = None
    for seg in vocab.PROSE_TARGET_SPLIT.split(text):
        seg = vocab.PROSE_TARGET_ENUM.sub("", seg.strip())
        head, sep, rest = seg.partition("：") if "：" in seg else seg.partition(":")
        if sep and (l2 := vocab.level2_of(head) or vocab.LEVEL1_DEFAULT_LEVEL2.get(vocab.level1_of(head) or "")):
            level2, seg = l2, rest  # 成本指标：… and 满意度指标：… name their only 二级
        elif sep and vocab.level1_of(head) and ":" in vocab.key(rest):
            inner, _, rest2 = rest.replace("：", ":").partition(":")
            if (l2 := vocab.level2_of(inner)):
                level2, seg = l2, rest2
        if level2 is None:
            continue
        out.extend(_items(seg, vocab.LEVEL2_PARENT.get(level2, "产出指标"), level2, origin))
    return out if len(out) >= MIN_PROSE_TARGETS else []


def level_prose_targets(text: str, level1: str, level2: str, origin: Origin | None) -> list[Indicator]:
    """The items of one level's prose cell (开展文物安全巡查频次8次；文物保护项目验收合格率≥86%), each
    `名称+指标值` one indicator of that level (level2 "" where the row names only the 一级); none unless
    the cell holds at least MIN_PROSE_TARGETS of them, and every item of a sentence but its last reads so."""
    out: list[Indicator] = []
    segs = [s for seg in vocab.PROSE_TARGET_SPLIT.split(text)
            if (s := vocab.PROSE_TARGET_ENUM.sub("", seg.strip()))]
    for seg in segs:
        out.extend(_items(seg, level1, level2, origin))
    return out if len(out) >= MIN_PROSE_TARGETS and len(out) >= len(segs) - 1 else []


def _items(seg: str, level1: str, level2: str, origin: Origin | None) -> list[Indicator]:
    out = []
    for item in vocab.PROSE_ITEM_SPLIT.split(seg):
        m = vocab.PROSE_TARGET_ITEM.match(item.strip())
        if m and _unclosed(m.group("name")):
            m = vocab.PROSE_TARGET_ITEM_LAST.match(item.strip())
        if m and m.group("name").strip():
            value = m.group("value").strip()
            out.append(Indicator(level1, level2, m.group("name").strip().lstrip(vocab.NAME_MARKS), annual_value=value,
                                 annual_target=parse_target(value), origin=origin, has_period_column=False))
    return out


def _unclosed(name: str) -> bool:
    """The name stops inside its own brackets (种植数量(≥**株 …): the value is further on."""
    return name.count("(") + name.count("（") > name.count(")") + name.count("）")

