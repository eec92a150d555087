"""Forms whose header is written as paragraphs above the indicator table (项目名称：… one or two a
line, half- or full-width colon, the label alone with its value on the next line), as .docx
(python-docx), .pdf (LibreOffice from the docx, and drawn by reportlab, ruled and unruled) and .txt.
Invented content; the layout after published 绩效目标申报表 whose header stands as lines above the
table (see notes.md). expected.json beside each case is written by hand, never by this script.

    .venv/bin/python tests/data/paragraphs/build.py --rewrite     # rebuild every case's files
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from docx import Document
from docx.enum.text import WD_BREAK

TITLE = "2025年度项目支出绩效目标表"
HEAD = ("一级指标", "二级指标", "三级指标", "指标值")

ROAD_LINES = ["项目名称：城区某某道路修缮项目", "主管部门：某市住房和城乡建设局", "实施单位：某市市政设施维护中心",
              "项目类型：基本建设类", "项目期限：2025年1月至2025年12月", "资金总额：12.5万元",
              "年度绩效目标：完成城区某某道路3.2公里路面修缮，改善居民出行条件。"]
ROAD_ROWS = [("产出指标", "数量指标", "修缮道路长度", "≥3.2公里"), ("产出指标", "质量指标", "工程验收合格率", "100%"),
             ("产出指标", "时效指标", "完工时间", "2025年11月底前"), ("成本指标", "经济成本指标", "每公里修缮成本", "≤3.9万元"),
             ("效益指标", "社会效益指标", "居民出行条件", "明显改善"),
             ("满意度指标", "服务对象满意度指标", "沿线居民满意度", "≥90%")]
CARE_LINES = ["项目名称：某某社区居家养老上门服务      主管部门：某区民政局",
              "实施单位：某区养老服务指导中心      项目类型：其他运转类",
              "资金总额：30万元      项目期限：2025年",
              "总体绩效目标：建立社区居家养老上门服务长效机制。",
              "年度绩效目标：为辖区80名高龄独居老人提供每月两次上门服务。"]
CARE_ROWS = [("产出指标", "数量指标", "服务老人人数", "≥80人"), ("产出指标", "质量指标", "服务记录完整率", "≥95%"),
             ("效益指标", "社会效益指标", "老人居家安全", "有效保障"),
             ("满意度指标", "服务对象满意度指标", "老人满意度", "≥95%")]
NOTICE = ["关于下达2025年某某专项资金绩效目标的通知", "各区县财政局、有关单位：",
          "根据预算管理有关规定，现将有关事项通知如下：",
          "项目名称：全市某某设备更新补助（资金分配以附件为准）",
          "主管部门：市财政局会同有关部门",
          "资金总额：500万元，分两批下达。",
          "请各单位按照绩效目标组织实施。", "附件：绩效目标"]
FARM_TABLE = [("项目名称", "某县农机购置补贴项目", "主管部门", "某县农业农村局"),
              ("实施单位", "某县农机服务站", "项目类型", "其他运转类"),
              ("资金总额（万元）", "86", "", ""),
              ("年度绩效目标", "完成农机购置补贴发放，惠及农户300户。", "", ""),
              HEAD,
              ("产出指标", "数量指标", "补贴农户数", "≥300户"),
              ("效益指标", "社会效益指标", "农业机械化水平", "有所提升"),
              ("满意度指标", "服务对象满意度指标", "农户满意度", "≥90%")]


def _next_line(lines: list[str]) -> list[str]:
    """项目名称： on its own line, the value on the next (the goal stays on one line)."""
    out = []
    for s in lines:
        label, _, value = s.partition("：")
        out += [s] if "目标" in label else [label + "：", value]
    return out


def _half(lines: list[str]) -> list[str]:
    return [s.replace("：", ": ", 1) for s in lines]


GOAL_ITEM_LINES = ["项目名称：城区某某桥梁养护项目", "主管部门：某市住房和城乡建设局",
                   "年度绩效目标：", "1.完成城区某某桥梁12座日常养护；", "2.保障桥梁通行安全。",
                   "总体绩效目标：1.桥梁完好率稳步提升；", "2.建立长效养护机制。"]
BRIDGE_ROWS = [("产出指标", "数量指标", "养护桥梁数量", "12座"), ("产出指标", "质量指标", "养护验收合格率", "100%"),
               ("满意度指标", "服务对象满意度指标", "市民满意度", "≥90%")]

SPACED_LINES = ["项目名称    某某街道背街小巷照明改造", "主管部门\t某区城市管理局", "实施单位　　某街道办事处",
                "资金总额（万元）    8.6", "年度绩效目标    完成背街小巷路灯更换120盏，消除夜间照明盲区。"]
LIGHT_ROWS = [("产出指标", "数量指标", "更换路灯数量", "120盏"), ("产出指标", "时效指标", "完工时间", "2025年10月前"),
              ("满意度指标", "服务对象满意度指标", "居民满意度", "≥90%")]


# case -> (paragraph lines above each form's table, the tables' rows, the formats written)
CASES: dict[str, tuple[list[list[str]], list[list[tuple[str, ...]]], tuple[str, ...]]] = {
    "one-a-line": ([[TITLE, *ROAD_LINES]], [[HEAD, *ROAD_ROWS]], ("docx", "pdf", "txt", "drawn-ruled", "drawn-unruled")),
    "two-a-line": ([[TITLE, *CARE_LINES]], [[HEAD, *CARE_ROWS]], ("docx", "pdf", "drawn-ruled", "drawn-unruled")),
    "half-colon": ([[TITLE, *_half(ROAD_LINES)]], [[HEAD, *ROAD_ROWS]], ("docx", "txt")),
    "next-line": ([[TITLE, *_next_line(ROAD_LINES)]], [[HEAD, *ROAD_ROWS]], ("docx", "pdf")),
    "notice-above": ([NOTICE], [FARM_TABLE], ("docx", "pdf")),
    "goal-items": ([[TITLE, *GOAL_ITEM_LINES]], [[HEAD, *BRIDGE_ROWS]], ("docx", "pdf", "drawn-ruled")),
    "spaced": ([[TITLE, *SPACED_LINES]], [[HEAD, *LIGHT_ROWS]], ("docx",)),
    "notice-then-lines": ([[*NOTICE, *ROAD_LINES]], [[HEAD, *ROAD_ROWS]], ("docx", "pdf")),
    "two-forms": ([[TITLE, *ROAD_LINES], [TITLE, *CARE_LINES]], [[HEAD, *ROAD_ROWS], [HEAD, *CARE_ROWS]], ("docx",)),
}


def write_docx(path: Path, paras: list[list[str]], tables: list[list[tuple[str, ...]]]) -> None:
    d = Document()
    for k, (lines, rows) in enumerate(zip(paras, tables)):
        if k:
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        for s in lines:
            d.add_paragraph(s)
        t = d.add_table(rows=0, cols=len(rows[0]))
        t.style = "Table Grid"
        for r in rows:
            for c, s in zip(t.add_row().cells, r):
                c.text = s
    d.save(str(path))


def write_txt(path: Path, paras: list[list[str]], tables: list[list[tuple[str, ...]]]) -> None:
    lines = []
    for ps, rows in zip(paras, tables):
        lines += ps + ["\t".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_drawn(path: Path, paras: list[list[str]], tables: list[list[tuple[str, ...]]], ruled: bool) -> None:
    from tests.drawn_variety import _draw_grid, _Page
    from tests.variety import Grid

    p = _Page(path)
    for k, (lines, rows) in enumerate(zip(paras, tables)):
        if k:
            p.new()
        for s in lines:
            p.line_of_text(s, 14, centred=True) if s == TITLE else p.line_of_text(s)
        g = Grid(len(rows[0]))
        for r in rows:
            g.add([(c, 1) for c in r])
        _draw_grid(p, g, ruled, False)
    p.c.save()


def build(case: str) -> None:
    paras, tables, formats = CASES[case]
    out = HERE / case
    out.mkdir(exist_ok=True)
    write_docx(out / "form.docx", paras, tables)
    if "txt" in formats:
        write_txt(out / "form.txt", paras, tables)
    if "pdf" in formats:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(out / "form.docx")],
                           check=True, capture_output=True, timeout=180)
            (out / "form.pdf").write_bytes((Path(tmp) / "form.pdf").read_bytes())
    for ruled in (True, False):
        if f"drawn-{'ruled' if ruled else 'unruled'}" in formats:
            write_drawn(out / f"drawn-{'ruled' if ruled else 'unruled'}.pdf", paras, tables, ruled)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--rewrite", action="store_true", help="write the forms (never expected.json)")
    args = ap.parse_args()
    if not args.rewrite:
        sys.exit("nothing written: pass --rewrite")
    for c in CASES:
        build(c)
