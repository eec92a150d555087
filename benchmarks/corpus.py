"""A generated corpus in every layout family and format of issues 8 and 9, scored as check.py scores.

    .venv/bin/python benchmarks/corpus.py [-n 5] [--families header,money] [--formats docx,txt-layout]
                                          [--keep DIR] [-v] [--seed0 0]

For each family of tests/corpusgen.py it generates -n forms with random content and writes
each in every format:

    docx            python-docx, real merges, cells centred or top-aligned at random
    pdf-ruled       LibreOffice's PDF of that .docx
    pdf-borderless  the same tables without borders
    doc, wps        LibreOffice's Word 97 file of the .docx (.wps: the same bytes, as WPS saves)
    txt-<style>     the text a person pastes: tabs-excel, tabs-word, pipes-row, cells (one cell
                    a line), layout (space-aligned, pdftotext -layout), web (pipes-web inside a
                    government page's chrome)
    xlsx-stacked    every form of the family stacked in one sheet, numbers typed (#,##0.00, 0%)
    xlsx-sheets     one form a sheet, plus a hidden lookup sheet
    xlsx-numfmt     one form a sheet, numbers under the formats people pick: ¥ and accounting
                    amounts, 2025.3 / 2025年3月 as real dates under yyyy.m / yyyy"年"m"月"
    xls, et         LibreOffice's Excel 97 file of xlsx-sheets (.et: the same bytes)

then extracts them with pipeline.extract.extract_paths and prints, per (family, format):
fields % and indicators P/R % as ../shared/tools/check.py counts them, forms found, clean
forms given an error, and (bumen) whether the file was refused with a reason naming 部门整体.
The expected records are what the generator wrote, never what jixiao read.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import corpusgen
from build import Grid, render_txt, write_docx

TXT_STYLES = ("tabs-excel", "tabs-word", "pipes-row", "cells", "layout", "web")
FORMATS = ("docx", "pdf-ruled", "pdf-borderless", "doc", "wps", *(f"txt-{s}" for s in TXT_STYLES),
           "xlsx-stacked", "xlsx-sheets", "xlsx-numfmt", "xls", "et")
WEB_TOP = ["索 引 号\t000014349/2025-00321\t发布日期\t2025-03-18", "发布机构\t区财政局", "字号：大 中 小",
           "发布时间：2025-03-18 10:21  来源：区财政局  浏览次数：", "附件："]
WEB_BOTTOM = ["第1页 共1页", "扫一扫在手机打开当前页", "[打印本页] [关闭窗口]"]


def _check_module():
    """../shared/tools/check.py, whose scoring this report repeats."""
    path = next(p for p in (ROOT.parent / "shared" / "tools" / "check.py", Path("/work/shared/tools/check.py"))
                if p.is_file())
    spec = importlib.util.spec_from_file_location("check", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ------------------------------------------------------------------ writers


def _borderless(t):
    import copy

    t2 = copy.deepcopy(t)
    for item in t2.body:
        if isinstance(item, Grid):
            item.borderless = True
    return t2


def write_txt(t, path: Path, style: str) -> None:
    import copy

    t2 = copy.deepcopy(t)
    if style == "web":
        t2.txt, t2.chrome_top, t2.chrome_bottom = "pipes-web", WEB_TOP, WEB_BOTTOM
    else:
        t2.txt = style
    if style == "layout" and t.landscape:
        t2.wrap = 16
    path.write_text(render_txt(t2), encoding="utf-8")


_YM = re.compile(r"^((?:19|20)\d\d)(?:\.|年|-)(\d{1,2})月?$")
_PLAIN_AMOUNT = re.compile(r"^\d{5,}(?:\.\d\d)?$")


def typed_cell(text: str, rnd: random.Random | None) -> tuple[object, str]:
    """A cell's text as Excel keeps it once typed; with `rnd`, in number formats people pick:
    amounts under ¥ / accounting / 万元-literal formats, 2025.3 as a real date under yyyy.m,
    percentages with decimals."""
    import xlsxgen

    value, fmt = xlsxgen.typed_value(text)
    if rnd is None:
        return value, fmt
    m = _YM.match(text)
    if m:
        sep = text[4]
        date_fmt = {".": "yyyy.m", "年": 'yyyy"年"m"月"', "-": "yyyy-mm"}[sep]
        if sep == "." and len(m.group(2)) == 2:
            date_fmt = "yyyy.mm"
        return datetime.datetime(int(m.group(1)), int(m.group(2)), 1), date_fmt
    if fmt == "#,##0.00" or (fmt == "General" and _PLAIN_AMOUNT.match(text)):
        v = float(text.replace(",", ""))
        fmt = rnd.choice(["#,##0.00", '"¥"#,##0.00', "[$¥-804]#,##0.00", "#,##0.00_ ", "#,##0.00_);(#,##0.00)",
                          "0.00"]) if fmt != "General" else rnd.choice(["0", "#,##0", "0_ "])
        if fmt in ("0", "#,##0", "0_ ") or "¥" in fmt or "(" in fmt:
            return v, fmt if fmt != "#,##0" else "0"  # a thousands separator the text did not have would change it
        return v, fmt
    return value, fmt


def _sheet_form(ws, t, row0: int, rnd: random.Random | None = None) -> int:
    """One template on a worksheet from row0 (1-based); returns the next free row."""
    from build import PAGEBREAK, spans
    from openpyxl.styles import Alignment, Border, Side

    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    row = row0
    for item in t.body:
        if item == PAGEBREAK:
            continue
        if isinstance(item, str):
            ws.cell(row=row, column=1, value=item.lstrip("#").strip())
            row += 1
            continue
        grid = item.cells()
        for (r, c), (h, w) in spans(grid).items():
            text = grid[r][c]
            cell = ws.cell(row=row + r, column=c + 1)
            if text:
                value, fmt = typed_cell(text, rnd)
                cell.value = value
                cell.number_format = fmt
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # typed as text (a leading apostrophe): =100% is a target, not a formula
            cell.alignment = Alignment(wrap_text=True, vertical="center" if item.centre else "top")
            for rr in range(r, r + h):
                for cc in range(c, c + w):
                    ws.cell(row=row + rr, column=cc + 1).border = box
            if h > 1 or w > 1:
                ws.merge_cells(start_row=row + r, start_column=c + 1, end_row=row + r + h - 1, end_column=c + w)
        row += len(grid)
    return row


def write_xlsx(templates, path: Path, per_sheet: bool, rnd: random.Random | None = None) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    row = 1
    for n, t in enumerate(templates):
        if per_sheet and n:
            ws = wb.create_sheet(f"表{n + 1}")
            row = 1
        row = _sheet_form(ws, t, row, rnd) + 1
        for letter in "ABCDEFGHIJKLMN":
            ws.column_dimensions[letter].width = 16
    if per_sheet:
        hidden = wb.create_sheet("下拉选项")
        for k, v in enumerate(["≥", "≤", "=", "定性", "正向", "反向", "数量指标", "质量指标"], 1):
            hidden.cell(row=k, column=1, value=v)
        hidden.sheet_state = "hidden"
    wb.save(path)


def soffice_convert(paths: list[Path], target: str, outdir: Path) -> list[Path]:
    if not paths:
        return []
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise SystemExit("LibreOffice (soffice) is needed")
    profile = Path(tempfile.gettempdir()) / f"lo-corpus-{uuid.uuid4().hex}"
    try:
        subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target,
                        "--outdir", str(outdir), *map(str, paths)], check=True, capture_output=True, timeout=900)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    ext = target.split(":")[0]
    return [outdir / f"{p.stem}.{ext}" for p in paths]


# ------------------------------------------------------------------ one run


class Cell:
    """What one (family, format) cell holds: files and the records each must give."""

    def __init__(self) -> None:
        self.files: list[str] = []
        self.records: list[dict] = []
        self.sources: list[dict] = []
        self.refused: dict[str, str] = {}  # file -> word the reason must hold
        self.variants: dict[str, str] = {}
        self.clean: list[tuple[str, int]] = []

    def add(self, path: Path, records: list[dict], refused: str | None, variant: str = "", clean: bool = True) -> None:
        self.files.append(str(path))
        self.variants[str(path)] = variant
        if refused:
            self.refused[str(path)] = refused
        for i, r in enumerate(records):
            self.records.append(r)
            self.sources.append({"file": path.name, "form_index": i})
            if clean:
                self.clean.append((path.name, i))


def build(samples: list, formats: list[str], work: Path) -> dict[tuple[str, str], Cell]:
    cells: dict[tuple[str, str], Cell] = defaultdict(Cell)
    by_family: dict[str, list] = defaultdict(list)
    for s in samples:
        by_family[s.family].append(s)
    docx_for: dict[str, list[tuple[Path, object]]] = defaultdict(list)
    for fam, ss in by_family.items():
        for s in ss:
            stem = f"{fam}-{s.seed}"
            if any(f in formats for f in ("docx", "pdf-ruled", "doc", "wps")):
                p = work / "docx" / f"{stem}.docx"
                write_docx(s.template, p)
                docx_for["ruled"].append((p, s))
            if "pdf-borderless" in formats:
                p = work / "docx-borderless" / f"{stem}.docx"
                write_docx(_borderless(s.template), p)
                docx_for["borderless"].append((p, s))
            for style in TXT_STYLES:
                if f"txt-{style}" in formats:
                    p = work / f"txt-{style}" / f"{stem}.txt"
                    write_txt(s.template, p, style)
                    cells[(fam, f"txt-{style}")].add(p, s.expected, s.refused, s.variant, s.clean)
            if "docx" in formats:
                cells[(fam, "docx")].add(work / "docx" / f"{stem}.docx", s.expected, s.refused, s.variant, s.clean)
        if "xlsx-stacked" in formats and fam != "bumen":
            p = work / "xlsx-stacked" / f"{fam}.xlsx"
            write_xlsx([s.template for s in ss], p, per_sheet=False)
            cells[(fam, "xlsx-stacked")].add(p, [r for s in ss for r in s.expected], None,
                                                 clean=all(s.clean for s in ss))
        if "xlsx-numfmt" in formats:
            for s in ss:
                p = work / "xlsx-numfmt" / f"{fam}-{s.seed}.xlsx"
                p.parent.mkdir(exist_ok=True)
                write_xlsx([s.template], p, per_sheet=True, rnd=random.Random(f"numfmt:{fam}:{s.seed}"))
                cells[(fam, "xlsx-numfmt")].add(p, s.expected, s.refused, s.variant, s.clean)
        if any(f in formats for f in ("xlsx-sheets", "xls", "et")):
            for s in ss:
                p = work / "xlsx-sheets" / f"{fam}-{s.seed}.xlsx"
                write_xlsx([s.template], p, per_sheet=True)
                if "xlsx-sheets" in formats:
                    cells[(fam, "xlsx-sheets")].add(p, s.expected, s.refused, s.variant, s.clean)
    conv = work / "converted"
    conv.mkdir(exist_ok=True)
    if "pdf-ruled" in formats:
        for pdf, (_, s) in zip(soffice_convert([p for p, _ in docx_for["ruled"]], "pdf", work / "pdf-ruled"),
                               docx_for["ruled"]):
            cells[(s.family, "pdf-ruled")].add(pdf, s.expected, s.refused, s.variant, s.clean)
    if "pdf-borderless" in formats:
        for pdf, (_, s) in zip(soffice_convert([p for p, _ in docx_for["borderless"]], "pdf",
                                               work / "pdf-borderless"), docx_for["borderless"]):
            cells[(s.family, "pdf-borderless")].add(pdf, s.expected, s.refused, s.variant, s.clean)
    def add_with_alias(path: Path, s, fmt: str, alias: str) -> None:
        """The file as `fmt` and, copied under the alias's suffix (WPS / ET save the same bytes), as `alias`."""
        if fmt in formats:
            cells[(s.family, fmt)].add(path, s.expected, s.refused, s.variant, s.clean)
        if alias in formats:
            copy = work / alias / f"{path.stem}.{alias}"
            copy.parent.mkdir(exist_ok=True)
            shutil.copy(path, copy)
            cells[(s.family, alias)].add(copy, s.expected, s.refused, s.variant, s.clean)

    if "doc" in formats or "wps" in formats:
        # through .odt: LibreOffice's direct .docx -> .doc export drops these tables (seen with
        # LibreOffice 7.x on build.py's .docx files), the .odt -> .doc one keeps them
        odts = soffice_convert([p for p, _ in docx_for["ruled"]], "odt", work / "odt")
        docs = soffice_convert(odts, "doc:MS Word 97", work / "doc")
        for doc, (_, s) in zip(docs, docx_for["ruled"]):
            add_with_alias(doc, s, "doc", "wps")
    if "xls" in formats or "et" in formats:
        xl = sorted((work / "xlsx-sheets").glob("*.xlsx"))
        by_stem = {f"{s.family}-{s.seed}": s for s in samples}
        for x in soffice_convert(xl, "xls:MS Excel 97", work / "xls"):
            add_with_alias(x, by_stem[x.stem], "xls", "et")
    return cells


def score(cells: dict[tuple[str, str], Cell], verbose: bool) -> dict[tuple[str, str], dict]:
    from pipeline.extract import extract_paths

    check = _check_module()
    out = {}
    for key, c in sorted(cells.items()):
        t0 = time.time()
        results = extract_paths(c.files)
        dt = time.time() - t0
        got, refusals, crashes = [], 0, []
        for res in results:
            name = Path(res.path).name
            if res.ok:
                for r in res.records:
                    d = r.to_dict()
                    d.pop("findings", None)
                    got.append(d)
                if res.path in c.refused:
                    crashes.append(f"{name}: not refused ({len(res.records)} records)")
            else:
                reason = f"{res.error} {getattr(res.error, 'reason_zh', '')}"
                if res.path in c.refused:
                    if c.refused[res.path] in reason:
                        refusals += 1
                    else:
                        crashes.append(f"{name}: refused without {c.refused[res.path]}: {reason[:80]}")
                else:
                    crashes.append(f"{name}: {type(res.error).__name__}: {str(res.error)[:100]}")
        exp = {"files": [Path(f).name for f in c.files], "records": c.records, "record_sources": c.sources,
               "clean_forms": c.clean}
        r = check.score_case(str(key), exp, got, None)
        # the kind of form (check.py does not score it): a 自评表 says so
        kinds = {(s["file"], s["form_index"]): e.get("form_kind") for s, e in zip(c.sources, c.records)}
        for g in got:
            want = kinds.get((Path(g["source"]["file"]).name, g["source"]["form_index"]))
            if want and g.get("form_kind") != want:
                r["problems"].append(f"{g['source']['file']}#{g['source']['form_index']}: form_kind expected {want} "
                                     f"got {g.get('form_kind')}")
                crashes.append(f"{g['source']['file']}: form_kind {g.get('form_kind')}")
        r["refused_ok"], r["refused_n"] = refusals, len(c.refused)
        r["crashes"] = crashes
        r["seconds"] = dt
        if verbose:
            for p in crashes + r["problems"]:
                fname = p.split("#")[0].split(":")[0]
                var = next((v for f, v in c.variants.items() if Path(f).name == fname), "")
                print(f"  {key[0]}/{key[1]}: {p}" + (f"   [{var}]" if var else ""))
        out[key] = r
    return out


def pct(a: int, b: int) -> str:
    return "  -  " if not b else f"{100 * a / b:5.1f}"


def report(results: dict[tuple[str, str], dict]) -> None:
    fams = sorted({k[0] for k in results}, key=lambda f: corpusgen.FAMILIES.index(f))
    fmts = [f for f in FORMATS if any(k[1] == f for k in results)]
    print("\nfields % / indicators R % (P % when below R) per family x format; ! = clean forms given an error, "
          "x = files not read")
    print(f"{'':12}" + "".join(f"{f[:13]:>14}" for f in fmts))
    for fam in fams:
        line = f"{fam:12}"
        for f in fmts:
            r = results.get((fam, f))
            if r is None:
                line += f"{'':>14}"
                continue
            if r["refused_n"]:
                txt = f"refused {r['refused_ok']}/{r['refused_n']}"
            else:
                txt = f"{pct(r['fields_ok'], r['fields_total']).strip()}/{pct(r['ind_matched'], r['ind_expected']).strip()}"
                if r["ind_output"] and r["ind_matched"] < r["ind_output"] and \
                        r["ind_matched"] / r["ind_output"] < r["ind_matched"] / max(1, r["ind_expected"]):
                    txt += f"p{100 * r['ind_matched'] / r['ind_output']:.0f}"
                if r["false_error_forms"]:
                    txt += f"!{r['false_error_forms']}"
                if r["crashes"]:
                    txt += f"x{len(r['crashes'])}"
            line += f"{txt:>14}"
        print(line)
    tot = defaultdict(int)
    for r in results.values():
        for k in ("fields_ok", "fields_total", "ind_matched", "ind_expected", "ind_output", "false_error_forms",
                  "clean_forms", "forms_found", "forms_expected"):
            tot[k] += r[k]
        tot["crashes"] += len(r["crashes"])
    print(f"\ntotal: fields {pct(tot['fields_ok'], tot['fields_total'])}% | indicators P "
          f"{pct(tot['ind_matched'], tot['ind_output'])}% R {pct(tot['ind_matched'], tot['ind_expected'])}% | "
          f"forms {tot['forms_found']}/{tot['forms_expected']} | clean forms given an error "
          f"{tot['false_error_forms']}/{tot['clean_forms']} | files not read {tot['crashes']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=5, help="forms per family")
    ap.add_argument("--seed0", type=int, default=0)
    ap.add_argument("--families", default=",".join(corpusgen.FAMILIES))
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    ap.add_argument("--json", type=Path, help="write the per-cell results here")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every difference")
    a = ap.parse_args(argv)
    fams = [f for f in a.families.split(",") if f]
    formats = [f for f in a.formats.split(",") if f]
    for f in formats:
        if f not in FORMATS:
            ap.error(f"unknown format {f}; one of {', '.join(FORMATS)}")
    samples = [corpusgen.sample(f, a.seed0 + k) for f in fams for k in range(a.n)]
    work = a.keep or Path(tempfile.mkdtemp(prefix="jixiao-corpus-"))
    for sub in ("docx", "docx-borderless", "xlsx-stacked", "xlsx-sheets", *(f"txt-{s}" for s in TXT_STYLES)):
        (work / sub).mkdir(parents=True, exist_ok=True)
    try:
        cells = build(samples, formats, work)
        results = score(cells, a.verbose)
        report(results)
        if a.json:
            a.json.write_text(json.dumps({f"{k[0]}/{k[1]}": v for k, v in results.items()}, ensure_ascii=False,
                                         indent=1), encoding="utf-8")
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
