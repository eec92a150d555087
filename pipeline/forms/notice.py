"""A 公示 page that sets one project's targets out in prose, no table (关于某某项目绩效目标设定的公示):
the project in its title, the money, overall goal and year in its paragraph, the targets in its
lines by level (read as prose targets)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import vocab
from ..models import Origin
from .prose import prose_targets
from .state import FormState, ProseNotice
from .values import years_in

if TYPE_CHECKING:
    from .cells import Token
    from .parser import Parser


def prose_notice_row(parser: Parser, toks: list[Token], origin: Origin) -> bool:
    """A 公示 page setting out one project's targets in prose: its title (关于某某项目绩效目标设定的公示)
    opens the form; each line that starts with a level's name holds targets (a line wrapped in a
    PDF goes on the one before), the other lines are the notice's text (its money, its overall goal,
    its year); both are read when the form closes. True when the row was taken."""
    f = parser.form
    if f.prose_notice is None:
        if not any("公示" in t.text for t in toks):
            return False
        m = vocab.PROSE_NOTICE_TITLE.search(vocab.key(" ".join(t.text for t in toks)))
        if m is None or f.has_content():
            return False
        f.prose_notice = ProseNotice()
        parser.set_field("project_name", m.group("name"), origin, weak=True)
        if years := years_in(m.group("name")):
            f.title_year = years[0]
        return True
    if len(toks) > 1 or parser.mode == "indicators":
        return False  # a table after all
    notice = f.prose_notice
    text = " ".join(t.text for t in toks).strip()
    k = vocab.key(text)
    if (m := vocab.PROSE_NOTICE_LEVEL.match(text)) and (
            vocab.level1_of(m.group("head")) or vocab.level2_of(m.group("head"))):
        notice.targets.append(text[:m.end("head")] + "：" + text[m.end():])
    elif vocab.level1_of(vocab.PROSE_TARGET_ENUM.sub("", k)):
        notice.targets.append("")  # 一、产出指标: a heading; the lines below hold its targets
    elif vocab.SIGNATURE_LINE.match(k) or vocab.TABLE_NOTE.search(k):
        notice.closed = True  # the notice's signature and date
    elif notice.targets and not notice.closed:
        notice.targets[-1] += text  # a target line wrapped in a PDF
    elif not notice.targets:
        notice.text += text
    return True

def read_prose_notice(parser: Parser, f: FormState) -> None:
    """The money, overall goal, year and targets of a 公示 page, read when its form closes."""
    notice, r = f.prose_notice, f.record
    assert notice is not None
    origin = r.provenance.get("project_name")
    if (money := vocab.PROSE_NOTICE_MONEY.search(notice.text)) and r.budget_amount is None:
        r.budget_amount = round(float(money.group("amount")) * 10000, 2)
    if (goal := vocab.PROSE_NOTICE_GOAL.search(notice.text)) and not r.goal_overall:
        r.goal_overall = goal.group("goal")
    if f.title_year is None and (years := years_in(notice.text)):
        f.title_year = years[0]  # 根据《关于下达2023年…》: the year the notice names first
    if not r.indicators:
        r.indicators = prose_targets("；".join(t for t in notice.targets if t), origin)
        r.has_period_column = False
