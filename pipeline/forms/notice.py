"""A 公示 page that sets one project's targets out in prose, no table (关于某某项目绩效目标设定的公示):
the project in its title, the money, overall goal and year in its paragraph, the targets in its
lines by level (read as prose targets)."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from .. import vocab
from ..models import Origin
from .cells import Token, info_of
from .prose import prose_targets
from .state import FormState, ProseNotice
from .values import years_in

if TYPE_CHECKING:
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
        k = vocab.key(" ".join(t.text for t in toks))
        m = vocab.PROSE_NOTICE_TITLE.search(k)
        if f.has_content() or (m is None and not (len(toks) == 1 and len(k) <= _PLAIN_TITLE_MOST
                                                 and vocab.PROSE_NOTICE_PLAIN_TITLE.search(k)
                                                 and _prose_follows(parser))):
            return False
        f.prose_notice = ProseNotice(origin=origin)
        if m is not None:
            parser.set_field("project_name", m.group("name"), origin, weak=True)
            if years := years_in(m.group("name")):
                f.title_year = years[0]
        return True
    if len(toks) > 1 or parser.mode == "indicators":
        return False  # a table after all
    notice = f.prose_notice
    text = " ".join(t.text for t in toks).strip()
    k = vocab.key(text)
    item = vocab.PROSE_TARGET_ENUM.sub("", text)  # 1、数量指标：…
    if (m := vocab.PROSE_NOTICE_LEVEL.match(vocab.to_simplified(item))) and (
            vocab.level1_of(m.group("head")) or vocab.level2_of(m.group("head"))):
        notice.targets.append(item[:m.end("head")] + "：" + item[m.end():])
    elif vocab.level1_of(vocab.PROSE_TARGET_ENUM.sub("", k)):
        notice.targets.append("")  # 一、产出指标: a heading; the lines below hold its targets
    elif vocab.SIGNATURE_LINE.match(k) or vocab.TABLE_NOTE.search(k):
        notice.closed = True  # the notice's signature and date
    elif notice.targets and not notice.closed:
        notice.targets[-1] += text  # a target line wrapped in a PDF
    elif not notice.targets:
        if notice.section is not None:
            _section_value(parser, notice, text, origin)
        elif (lab := vocab.header_field(vocab.PROSE_TARGET_ENUM.sub("", k))) is not None and (
                lab.field in vocab.PROSE_NOTICE_FIELDS):
            notice.section = lab.field  # 五、实施期限: the period on the next line
            notice.section_person = bool(vocab.PROSE_NOTICE_PERSON.search(k))
        notice.text += text
    return True


# a notice's title without 关于 (某某学院项目情况公告公示) is one short line, a paragraph of prose under it
_PLAIN_TITLE_MOST = 40
_PROSE_LINE_LEAST = 30
_PROSE_MARK = ("，", ",", "。")


def _prose_follows(parser: Parser) -> bool:
    """The line under a notice's title is a paragraph (依据…，现将项目有关情况公示如下), not a table's cell."""
    for row in parser.doc.rows[parser.row_index + 1:parser.row_index + 2]:
        text = " ".join(c.text for c in row.cells)
        return len(row.cells) == 1 and len(text) >= _PROSE_LINE_LEAST and any(p in text for p in _PROSE_MARK)
    return False


def _section_value(parser: Parser, notice: ProseNotice, text: str, origin: Origin) -> None:
    """The line under a numbered heading that names a field: the field's value (a unit's heading that
    names its responsible person too gives the unit, then the person's name after a space)."""
    fld, notice.section = notice.section, None
    assert fld is not None
    if notice.section_person and " " in text:
        text = text.rsplit(" ", 1)[0]
    label = info_of(_FIELD_LABEL[fld])
    value = info_of(text)
    if label is None or value is None:
        return
    parser.header_line([Token(label.text, None, 1, False, label, 1), Token(value.text, None, 1, False, value, 1)],
                       origin)


# a label of each field a notice's heading may name, to read its value as the form's header does
_FIELD_LABEL = {"period": "实施期限", "period_start": "开始日期", "period_end": "结束日期",
                "implementing_unit": "实施单位", "department": "主管部门"}

def read_prose_notice(parser: Parser, f: FormState) -> None:
    """The money, overall goal, year and targets of a 公示 page, read when its form closes."""
    notice, r = f.prose_notice, f.record
    assert notice is not None
    origin = r.provenance.get("project_name") or notice.origin
    text = vocab.to_simplified(unicodedata.normalize("NFKC", notice.text))  # matched simplified, sliced as written
    written = unicodedata.normalize("NFKC", notice.text)
    if origin is not None and not r.project_name and (project := vocab.PROSE_NOTICE_PROJECT.search(text)):
        parser.set_field("project_name", written[project.start("name"):project.end("name")].strip(), origin,
                         weak=True)  # …，2019年某某资金项目由某某学院实施完成
        if not r.implementing_unit:
            parser.set_field("implementing_unit", written[project.start("unit"):project.end("unit")].strip(), origin,
                             weak=True)
    if (money := vocab.PROSE_NOTICE_MONEY.search(text)) and r.budget_amount is None:
        r.budget_amount = round(float(money.group("amount")) * 10000, 2)
    if (goal := vocab.PROSE_NOTICE_GOAL.search(text)) and not r.goal_overall:
        r.goal_overall = written[goal.start("goal"):goal.end("goal")]
    if f.title_year is None and (years := years_in(notice.text)):
        f.title_year = years[0]  # 根据《关于下达2023年…》: the year the notice names first
    if not r.indicators:
        r.indicators = prose_targets("；".join(t for t in notice.targets if t), origin)
        r.has_period_column = False
