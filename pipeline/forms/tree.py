"""A budget system's tree export (项目 | 指标值 | 绩效金额, 宁夏's 项目绩效目标批复表): one column holds, by
indentation on the page, the unit, the project (its amount on its row), the 一级 and 二级 names and the
三级 names with their values. Above the first level name the nodes are the unit and the project: each
deeper node is the project, the one above it its unit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import vocab
from ..models import Origin
from .cells import Token
from .values import parse_amount

if TYPE_CHECKING:
    from .parser import Parser


def tree_head(p: Parser, toks: list[Token]) -> bool:
    """项目 | 指标值 | 绩效金额 (or 项目 alone on its line, 指标值 on the next): the tree's column header."""
    if toks[0].info.key != vocab.TREE_PROJECT_HEADER:
        return False
    if len(toks) > 1:
        return any(t.info.role == "annual" for t in toks[1:])
    rows = p.doc.rows
    nxt = rows[p.row_index + 1].cells if p.row_index + 1 < len(rows) else []
    return len(nxt) == 1 and vocab.column_role(nxt[0].text) == "annual"


def tree_node(p: Parser, toks: list[Token], origin: Origin) -> bool:
    """A row above the tree's first level name: the rest of its column header (指标值, 绩效金额 one a line),
    or a node (its name, and the amount beside a project). True when the row was taken."""
    f = p.form
    if any(t.info.level1 or t.info.level2 for t in toks):
        return False
    if all(t.info.role or t.info.label for t in toks):
        return not f.tree_nodes  # the header's other cells
    for t in toks:
        amount = parse_amount(t.text, f.money_unit) if vocab.BARE_AMOUNT.fullmatch(t.info.key) else None
        if amount is not None:
            p.set_field("budget_amount", amount, origin, t)
            continue
        f.tree_nodes.append(t.text)
        if f.record.project_name is not None:
            f.record.implementing_unit = f.record.project_name  # the node above is the project's unit
            f.record.provenance["implementing_unit"] = f.record.provenance.get("project_name", origin)
        f.record.project_name = None
        p.set_field("project_name", t.text, origin, t)
    return True
