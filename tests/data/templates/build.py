"""Build the template fixtures: one small spec per template -> form.docx, form.txt, form.pdf.

    .venv/bin/python tests/data/templates/build.py              # check only: form.txt, form.docx (byte-stable),
                                                                # notes.md and the CATALOGUE table match the specs
    .venv/bin/python tests/data/templates/build.py --rewrite    # write form.docx / form.txt / form.pdf
    .venv/bin/python tests/data/templates/build.py --rewrite --only hb-qingshan-2020
    .venv/bin/python tests/data/templates/build.py --check-cases /tmp/tpl-cases
        # a case tree for ../shared/tools/check.py (expected records repeated per file)

Each template recreates the LAYOUT of a real published form (labels, column set, merges,
spellings, period and money formats); every name, number and sentence in it is invented.
The source addresses and what is distinctive are in each template's notes.md and in
CATALOGUE.md. expected.json beside each form is written by hand and never by this script
(nor by jixiao); --check-cases only copies it into check.py's case format.

A spec's table is a small text grid, one row per line, cells apart by `|`:
    `<`  this cell is merged into the cell on its left
    `^`  this cell is merged into the cell above
    `\\n` a line break inside a cell
Rows starting with `#` are comments. Body items: a str is a paragraph above/below the
tables, a Grid is a table, PAGEBREAK starts a new page (docx / pdf).

txt styles (how a person copies the form):
    tabs-excel   one row per line, cells apart by tabs, merged cells as empty cells
    tabs-word    one row per line, tabs, a horizontally merged cell once
    pipes-row    one row per line, `a | b | c |` and `||` for the columns a merge ate (web page)
    pipes-cell   one cell per line followed by ` |`, rows apart by `|` lines (web page)
    pipes-wrapped one cell per line followed by ` |`, no row ends, a cell's line breaks kept without a pipe
    pipes-boxed  one row per line, `| a | b | |||`: a pipe before the first cell too, the columns a
                 merge ate as a run of `|` after a space, no rule line (江西 浮梁 budget page)
    pipes-padded one cell per line followed by ` |`, a row's last cell carrying the row's missing
                 cells after it (`某某资金 | ||||`), a full row with no end mark (重庆 忠县 page)
    cells        one cell per line, blank lines between (web page copied from a browser)
    layout       space-aligned columns as `pdftotext -layout` or a PDF viewer gives,
                 wrapped cells on continuation lines
    markdown     a Markdown pipe table, `|----|` under its first row (blogs, wikis)
    pipes-web    a government page's table as its text comes out: one row per line, `a | b |`,
                 the columns a merge ate as a run of `|` after a space (` |||`), a line break
                 inside a cell as a space, and a line ending after a cell that spans rows
                 (vertical labels such as `产 出 指 标 |` stand on their own line)
    runon-space  a document-sharing site's preview (文档简介 / 资源描述): each page of the
                 document (title, paragraphs, tables) one long line, cells apart by one space,
                 empty cells gone
    runon        the same with nothing between the cells (`项目名称某某项目主管部门某局…`)
    rows-space   one table row per line, cells apart by ONE space, empty cells gone (or, with
                 empty_gap, each leaving a double space), a line break inside a cell kept as a
                 line break (乌海, 奉节, 南岳, 湘阴 pages as stored)
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
FORMATS = ("docx", "txt", "pdf")
PAGEBREAK = "\f"
# the soffice profile this script uses (never the user's own)
LO_PROFILE = "file:///tmp/lo-templates"


@dataclass
class Grid:
    rows: str  # the text grid, see the module docstring
    widths: list[float] | None = None  # column widths in cm
    borderless: bool = False
    centre: bool = True  # vertically centre every cell (most sources do)
    header_rows: int = 0  # rows repeated on each page (docx w:tblHeader)
    font_pt: float = 9
    cant_split: bool = False  # rows never broken across pages (w:cantSplit), as system exports do

    def cells(self) -> list[list[str]]:
        out = []
        for line in self.rows.strip("\n").splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            out.append([c.strip().replace("\\n", "\n") for c in line.split("|")])
        n = max(len(r) for r in out)
        for r in out:
            r.extend([""] * (n - len(r)))
        return out


@dataclass
class Template:
    id: str
    body: list  # str paragraphs, Grid tables, PAGEBREAK
    txt: str = "tabs-excel"
    chrome_top: list[str] = field(default_factory=list)  # web page lines above the form (txt only)
    chrome_bottom: list[str] = field(default_factory=list)
    landscape: bool = False
    wrap: int = 28  # layout style: display columns a cell wraps at
    hidden_cols: int = 0  # pipes-web: extra columns of an Excel-made HTML table, shown only as `|` runs
    empty_lines: bool = False  # rows-space: an empty cell leaves a blank line after its row (奉节)
    empty_gap: bool = False  # rows-space: an empty cell leaves a double space in its row (湘阴)
    side_by_side: bool = False  # rows-space: a cell's lines stand beside the other cells' lines (a PDF copy, 裕安)
    ruby: dict[str, str] = field(default_factory=dict)  # txt: a mirror's pinyin note after these characters (標 -> 標(biāo))
    province: str = ""
    kind: str = "项目绩效目标表"
    sources: list[str] = field(default_factory=list)  # where the layout was seen
    features: str = ""  # what is distinctive, for notes.md and CATALOGUE.md


# ------------------------------------------------------------------ grid geometry


def is_marker(s: str) -> bool:
    return s in ("<", "^")


def spans(grid: list[list[str]]) -> dict[tuple[int, int], tuple[int, int]]:
    """Origin cell (r, c) -> (rows, cols) it covers."""
    out = {}
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if is_marker(text):
                continue
            w = 1
            while c + w < len(row) and row[c + w] == "<":
                w += 1
            h = 1
            while r + h < len(grid) and grid[r + h][c] == "^":
                h += 1
            out[(r, c)] = (h, w)
    return out


def display_width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


# ------------------------------------------------------------------ docx


def _set_cell_borders_none(table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tblPr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tblPr.append(borders)


def _row_flag(row, tag: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    trPr = row._tr.get_or_add_trPr()
    el = OxmlElement(tag)
    el.set(qn("w:val"), "true")
    trPr.append(el)


def _repeat_header(row) -> None:
    _row_flag(row, "w:tblHeader")


def _font(run, pt: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.size = Pt(pt)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        from docx.oxml import OxmlElement

        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), "宋体")


def write_docx(t: Template, path: Path) -> None:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_ALIGN_VERTICAL
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Cm

    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    if t.landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Cm(29.7), Cm(21)
    sec.left_margin = sec.right_margin = Cm(1.8)
    sec.top_margin = sec.bottom_margin = Cm(2)
    core = d.core_properties
    import datetime as _dt

    core.created = core.modified = _dt.datetime(2026, 1, 1)
    core.author = core.last_modified_by = "templates"
    first = True
    for item in t.body:
        if item == PAGEBREAK:
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            continue
        if isinstance(item, str):
            p = d.add_paragraph()
            text = item
            if text.startswith("##"):  # a centred title
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _font(p.add_run(text[2:].strip()), 15, bold=True)
            else:
                _font(p.add_run(text), 10.5)
            first = False
            continue
        g: Grid = item
        grid = g.cells()
        n_rows, n_cols = len(grid), len(grid[0])
        table = d.add_table(rows=n_rows, cols=n_cols)
        if not g.borderless:
            table.style = d.styles["Table Grid"]
        else:
            _set_cell_borders_none(table)
        if g.widths:
            table.autofit = False
            for c, w in enumerate(g.widths):
                for r in range(n_rows):
                    table.cell(r, c).width = Cm(w)
        for r in range(g.header_rows):
            _repeat_header(table.rows[r])
        if g.cant_split:
            for row in table.rows:
                _row_flag(row, "w:cantSplit")
        for (r, c), (h, w) in spans(grid).items():
            cell = table.cell(r, c)
            if h > 1 or w > 1:
                cell = cell.merge(table.cell(r + h - 1, c + w - 1))
            cell.text = ""
            para = cell.paragraphs[0]
            _font(para.add_run(grid[r][c]), g.font_pt)
            if g.centre:
                cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        first = False
    del first
    buf = io.BytesIO()
    d.save(buf)
    path.write_bytes(stable_zip(buf.getvalue()))


def stable_zip(data: bytes) -> bytes:
    """The same archive with fixed timestamps, so a rebuilt .docx is byte-identical."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# ------------------------------------------------------------------ txt


def _origin_rows(grid: list[list[str]], style: str) -> list[list[str]]:
    """Each row's cells as a copy shows them. excel: every merged cell as an empty cell;
    word: a horizontally merged cell once, a vertically merged one empty below its first
    row; web (HTML colspan / rowspan): merged cells left out."""
    out = []
    for row in grid:
        cells = []
        for text in row:
            if text == "<":
                if style == "excel":
                    cells.append("")
            elif text == "^":
                if style in ("excel", "word"):
                    cells.append("")
            else:
                cells.append(text)
        out.append(cells)
    return out


def _one_line(s: str) -> str:
    return s.replace("\n", "")


def _layout(grid: list[list[str]], wrap: int) -> list[str]:
    """Space-aligned columns: each cell wrapped at `wrap` display columns, columns two spaces
    apart at least, a merged cell spanning its columns' width."""
    n = len(grid[0])
    sp = spans(grid)

    def wrapped(s: str, width: int) -> list[str]:
        lines = []
        for part in s.split("\n"):
            cur = ""
            for ch in part:
                if display_width(cur + ch) > width:
                    lines.append(cur)
                    cur = ""
                cur += ch
            lines.append(cur)
        return [x for x in lines if x] or [""]

    colw = [2] * n
    for (r, c), (h, w) in sp.items():
        if w == 1:
            colw[c] = max(colw[c], min(wrap, max(display_width(x) for x in wrapped(grid[r][c], wrap))))
    out = []
    for r, row in enumerate(grid):
        blocks = []  # (start col, width, lines)
        for c in range(n):
            if (r, c) in sp:
                _h, w = sp[(r, c)]
                width = sum(colw[c:c + w]) + 2 * (w - 1)
                blocks.append((c, width, wrapped(row[c], max(width, 2))))
        height = max((len(b[2]) for b in blocks), default=1)
        for k in range(height):
            line = ""
            for c, width, lines in blocks:
                start = sum(colw[:c]) + 2 * c
                text = lines[k] if k < len(lines) else ""
                if not text:
                    continue
                pad = start - display_width(line)
                line += " " * max(pad, 2 if line else pad) + text
            out.append(line.rstrip())
    return out


def _pipes_web(grid: list[list[str]], hidden_cols: int = 0) -> list[str]:
    """Rows as a government page's HTML table comes out as text (see the module docstring)."""
    sp = spans(grid)
    out = []
    for r, row in enumerate(grid):
        line = ""
        for c, text in enumerate(row):
            if (r, c) not in sp:
                continue
            line += text.replace("\n", " ") + " |"
            if sp[(r, c)][0] > 1:  # a cell spanning rows ends the line
                out.append(line)
                line = ""
            else:
                line += " "
        missing = row.count("<") + hidden_cols  # the columns a colspan ate; a rowspan leaves no trace
        line = line.rstrip()
        if missing:
            line = (line + " " if line else "") + "|" * missing
        if line:
            out.append(line)
    return out


def _render_runon(t: Template) -> list[str]:
    """runon / runon-space: everything on a page (title, paragraphs, every table's cells) on
    one line, as document-sharing previews give it; a page break starts a new line."""
    sep = " " if t.txt == "runon-space" else ""
    lines, buf = [], []
    for item in t.body:
        if item == PAGEBREAK:
            lines.append(sep.join(buf))
            buf = []
        elif isinstance(item, str):
            buf.append(item.lstrip("#").strip())
        else:
            buf += [x.replace("\n", sep) for row in _origin_rows(item.cells(), "web") for x in row if x.strip()]
    lines.append(sep.join(buf))
    return lines


def _ruby(t: Template, lines: list[str]) -> list[str]:
    """A mirror's reading aid: each listed character followed by its pinyin in brackets."""
    if not t.ruby:
        return lines
    return ["".join(c + (f"({t.ruby[c]})" if c in t.ruby else "") for c in ln) for ln in lines]


def _lines_side_by_side(row: list[str]) -> list[str]:
    """A row as a PDF viewer's copy gives it: the first line of every cell, then the second line of the
    cells that have one (`三级指标 年度 实际 分值` over `指标值 完成值`), cells one space apart."""
    parts = [c.split("\n") for c in row if c.strip()]
    depth = max((len(p) for p in parts), default=0)
    out = [" ".join(p[k] for p in parts if k < len(p) and p[k].strip()) for k in range(depth)]
    return [x for x in out if x]


def render_txt(t: Template) -> str:
    lines: list[str] = list(t.chrome_top)
    if t.txt in ("runon-space", "runon"):
        return "\n".join(lines + _ruby(t, _render_runon(t)) + list(t.chrome_bottom)) + "\n"
    for item in t.body:
        if item == PAGEBREAK:
            lines.append("")
            continue
        if isinstance(item, str):
            lines.append(item.lstrip("#").strip())
            continue
        grid = item.cells()
        if t.txt == "tabs-excel":
            for row in _origin_rows(grid, "excel"):
                lines.append("\t".join(_one_line(x) for x in row))
        elif t.txt == "tabs-word":
            for row in _origin_rows(grid, "word"):
                lines.append("\t".join(_one_line(x) for x in row))
        elif t.txt in ("pipes-row", "pipes-boxed"):
            n = len(grid[0])
            lead = "| " if t.txt == "pipes-boxed" else ""
            for row in _origin_rows(grid, "web"):
                ln = lead + " | ".join(_one_line(x) for x in row) + " |"
                lines.append(ln + (" " if lead and n > len(row) else "") + "|" * (n - len(row)))
        elif t.txt == "pipes-cell":
            n = len(grid[0])
            for row in _origin_rows(grid, "web"):
                lines.append("|")
                for x in row:
                    lines.append(f"{_one_line(x)} |")
                if n - len(row) > 0:
                    lines.append("|" * (n - len(row)))
        elif t.txt == "pipes-wrapped":
            n = len(grid[0])
            for row in _origin_rows(grid, "web"):
                for x in row:
                    parts = [p.strip() for p in (x or "").split("\n")]
                    lines.extend(parts[:-1])  # a cell's line breaks: no pipe until its last line
                    lines.append(f"{parts[-1]} |" if parts[-1] else "|")
            lines.extend("|" for _ in range(n))
        elif t.txt == "pipes-padded":
            n = len(grid[0])
            for row in _origin_rows(grid, "web"):
                while row and not row[-1].strip():
                    row = row[:-1]  # an empty last cell is one more missing cell
                missing = n - len(row)
                for k, x in enumerate(row):
                    last = k == len(row) - 1
                    lines.append(f"{_one_line(x)} |" + (" " + "|" * missing if last and missing else ""))
                if not row:
                    lines.append("|" * missing)
        elif t.txt == "cells":
            for row in _origin_rows(grid, "web"):
                for x in row:
                    for part in (x or " ").split("\n"):
                        lines.append(part)
                        lines.append("")
        elif t.txt == "markdown":
            rows = _origin_rows(grid, "excel")
            for k, row in enumerate(rows):
                lines.append("| " + " | ".join(_one_line(x) for x in row) + " |")
                if k == 0:
                    lines.append("|" + "|".join("----------" for _ in row) + "|")
            lines.append("")
        elif t.txt == "layout":
            lines.extend(_layout(grid, t.wrap))
        elif t.txt == "pipes-web":
            lines.extend(_pipes_web(grid, t.hidden_cols))
        elif t.txt == "rows-space":
            for row in _origin_rows(grid, "web"):
                if t.side_by_side:
                    lines.extend(_lines_side_by_side(row))
                    continue
                line = " ".join(x if x.strip() else "" for x in row) if t.empty_gap else " ".join(x for x in row if x.strip())
                if line:
                    lines.extend(line.split("\n"))
                if t.empty_lines:
                    lines.extend("" for x in row if not x.strip())
        else:
            raise ValueError(f"unknown txt style {t.txt}")
    top = len(t.chrome_top)
    lines[top:] = _ruby(t, lines[top:])  # a mirror's pinyin notes in the form's text, not in the page's chrome
    lines.extend(t.chrome_bottom)
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ pdf


def soffice_pdf(docx_path: Path, out_pdf: Path) -> None:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise SystemExit("LibreOffice (soffice) is needed to write form.pdf")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([exe, f"-env:UserInstallation={LO_PROFILE}", "--headless", "--convert-to", "pdf",
                        "--outdir", tmp, str(docx_path)], check=True, capture_output=True, timeout=180)
        shutil.move(str(Path(tmp) / (docx_path.stem + ".pdf")), out_pdf)


# ------------------------------------------------------------------ notes


def render_notes(t: Template) -> str:
    fmts = "form.docx (python-docx, real merges), form.txt (copied as: " + TXT_STYLES[t.txt] + \
        "), form.pdf (LibreOffice from the docx)"
    src = "\n".join(f"- {s}" for s in t.sources) or "- (none)"
    return (f"# {t.id}\n\n"
            f"- province: {t.province}\n- kind: {t.kind}\n\n"
            f"## Source (layout only; all content here is invented)\n\n{src}\n\n"
            f"## What is distinctive\n\n{t.features.strip()}\n\n"
            f"## Formats\n\n{fmts}\n\n"
            "expected.json is written by hand from the invented content.\n")


TXT_STYLES = {
    "tabs-excel": "tabs, merged cells as empty cells (Excel / WPS copy)",
    "tabs-word": "tabs, a merged cell once (Word copy)",
    "pipes-row": "one row per line with `|` between cells, web-page chrome around it",
    "pipes-cell": "one cell per line followed by ` |`, web-page chrome around it",
    "pipes-boxed": "one row per line as `| a | b | |||` (a pipe before the first cell, the columns a merge ate as a run "
                   "of `|`), web-page chrome around it",
    "pipes-padded": "one cell per line followed by ` |`, a row's last cell carrying the row's missing cells (` |||`), "
                    "a full row with no end mark, web-page chrome around it",
    "pipes-wrapped": "one cell per line followed by ` |`, no row ends marked, a cell's line breaks kept (its lines "
                     "before the last without a pipe), a run of `|` lines after each table, web-page chrome around it",
    "cells": "one cell per line with blank lines between, web-page chrome around it",
    "layout": "space-aligned columns as a PDF viewer or `pdftotext -layout` gives, wrapped cells",
    "markdown": "a Markdown pipe table (`| a | b |` with a `|---|` line under the first row), as blogs show forms",
    "pipes-web": "a government page's table as its text comes out: `a | b |` rows, ` |||` for merged columns, "
                 "a line ending after each cell that spans rows, web-page chrome around it",
    "runon-space": "a document-sharing site's preview: each page of the document one long line, cells apart by one space, "
                   "the site's chrome around it",
    "rows-space": "one table row per line with cells apart by one space, empty cells gone, a line break in a cell "
                  "kept (a government page's table as stored), web-page chrome around it",
    "runon": "a document-sharing site's preview: each page of the document one long line, cells run together with nothing "
             "between them, the site's chrome around it",
}


def render_catalogue_table(ts: list[Template]) -> str:
    rows = ["| id | province | kind | source | distinctive | formats (txt copied as) |",
            "| --- | --- | --- | --- | --- | --- |"]
    for t in ts:
        src = "<br>".join(t.sources)
        feat = " ".join(t.features.split()).replace("|", "\\|")
        rows.append(f"| {t.id} | {t.province} | {t.kind} | {src} | {feat} | docx, pdf, txt ({t.txt}) |")
    return "\n".join(rows)


TABLE_START, TABLE_END = "<!-- table: written by build.py --rewrite -->", "<!-- /table -->"


def catalogue_with_table(current: str, ts: list[Template]) -> str:
    """CATALOGUE.md is written by hand except the table between the markers."""
    head, _, rest = current.partition(TABLE_START)
    _, _, tail = rest.partition(TABLE_END)
    return f"{head}{TABLE_START}\n{render_catalogue_table(ts)}\n{TABLE_END}{tail}"


# ------------------------------------------------------------------ driver


def all_templates() -> list[Template]:
    from specs import TEMPLATES

    return TEMPLATES


def write_check_cases(out: Path) -> None:
    """A case tree for ../shared/tools/check.py: each template's three files, its hand-written
    records repeated once per file. Refused forms are left out (check.py has no refusals).

    check.py also scores period_target / annual_target, which expected.json does not state
    (these fixtures test the form parser, not the target reader): here they are filled in
    from the hand-written values by pipeline.targets.parse_target, which has its own tests."""
    from pipeline.targets import parse_target

    def with_targets(r: dict) -> dict:
        r = json.loads(json.dumps(r))
        for i in r["indicators"]:
            for v, t in (("period_value", "period_target"), ("annual_value", "annual_target")):
                if t not in i:
                    tg = parse_target(i.get(v))
                    i[t] = tg.to_dict() if tg else None
        return r

    out.mkdir(parents=True, exist_ok=True)
    for d in sorted(p for p in HERE.iterdir() if (p / "expected.json").is_file()):
        exp = json.loads((d / "expected.json").read_text(encoding="utf-8"))
        if exp.get("refused"):
            continue
        case = out / d.name
        case.mkdir(exist_ok=True)
        files, records, sources = [], [], []
        for fmt in exp.get("formats", FORMATS):
            name = f"form.{fmt}"
            shutil.copy(d / name, case / name)
            files.append(name)
            for i, r in enumerate(exp["records"]):
                records.append(with_targets(r))
                sources.append({"file": name, "form_index": i, "format": fmt})
        (case / "expected.json").write_text(json.dumps(
            {"case": d.name, "files": files, "records": records, "record_sources": sources},
            ensure_ascii=False, indent=1), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rewrite", action="store_true", help="write the fixture files (else only compare .txt)")
    ap.add_argument("--only", help="template id")
    ap.add_argument("--no-pdf", action="store_true")
    ap.add_argument("--quick", action="store_true", help="check only form.txt, notes.md and the table (not .docx)")
    ap.add_argument("--check-cases", type=Path, help="write a check.py case tree here and stop")
    a = ap.parse_args(argv)
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(HERE.parents[2]))
    if a.check_cases:
        write_check_cases(a.check_cases)
        return 0
    stale = []
    for t in all_templates():
        if a.only and t.id != a.only:
            continue
        d = HERE / t.id
        txt, notes = render_txt(t), render_notes(t)
        if not a.rewrite:
            for name, want in (("form.txt", txt), ("notes.md", notes)):
                cur = (d / name).read_text(encoding="utf-8") if (d / name).is_file() else None
                if cur != want:
                    stale.append(f"{t.id}/{name}")
            if a.quick:
                continue
            with tempfile.TemporaryDirectory() as tmp:
                write_docx(t, Path(tmp) / "form.docx")
                if not (d / "form.docx").is_file() or \
                        (Path(tmp) / "form.docx").read_bytes() != (d / "form.docx").read_bytes():
                    stale.append(f"{t.id}/form.docx")
            continue
        d.mkdir(exist_ok=True)
        (d / "form.txt").write_text(txt, encoding="utf-8")
        (d / "notes.md").write_text(notes, encoding="utf-8")
        write_docx(t, d / "form.docx")
        if not a.no_pdf:
            soffice_pdf(d / "form.docx", d / "form.pdf")
        print("wrote", t.id)
    cur = (HERE / "CATALOGUE.md").read_text(encoding="utf-8")
    cat = catalogue_with_table(cur, all_templates())
    if a.rewrite and not a.only:
        (HERE / "CATALOGUE.md").write_text(cat, encoding="utf-8")
    elif not a.rewrite and cur != cat:
        stale.append("CATALOGUE.md")
    if stale:
        print("stale (run with --rewrite):", " ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
