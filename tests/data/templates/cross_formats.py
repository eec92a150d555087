"""Every template's spec written in other physical formats and layouts: how many read right in each
(a report; writes no fixture and never expected.json).

    .venv/bin/python tests/data/templates/cross_formats.py                       # every variant, a count each
    .venv/bin/python tests/data/templates/cross_formats.py -v                    # a line per failing template/variant
    .venv/bin/python tests/data/templates/cross_formats.py --variant pdf-borderless --only hb-qingshan-2021 -vv
    .venv/bin/python tests/data/templates/cross_formats.py --keep /tmp/cf        # keep (and reuse) the files made

A real form arrives as whatever its office's tools made of it, not only as the form.docx / form.pdf
build.py writes; each spec is written again as

    docx-top         python-docx, every cell top-aligned (build.py's Grid.centre off)
    docx-centred     python-docx, merged cells centred both ways (tests/pdfcases.centre_merged_cells)
    docx-borderless  the centred docx with no table borders
    pdf-borderless   LibreOffice's PDF of docx-borderless (no rules, merged labels in their boxes' middle)
    pdf-overleaf     LibreOffice's PDF with the indicator table cut at a row inside its indicator block, the
                     rest on the next page, nothing repeated (a box crossing the cut keeps its text above)
    pdf-overleaf-header  the same with the indicator header row(s) typed again atop the second page
    xlsx             openpyxl, merged ranges as merges, numbers typed (benchmarks/corpus.write_xlsx)
    pdf-drawn        a program's drawing (tests/drawn_variety): ruled boxes, equal column widths, text at the
                     boxes' top
    pdf-drawn-unruled  the same with no lines, a merged box's text in its middle

extracted, and scored by status.py's comparison against the template's hand-written expected.json.
The LibreOffice variants are converted in one soffice call each; with --keep the files made are kept
in that directory and reused by the next run (they depend only on the specs and the generators).
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(HERE))

import status  # puts the repository and tests/ on sys.path
import test_templates as tt
from build import PAGEBREAK, Grid, Template, all_templates, spans, write_docx

sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import _borderless, soffice_convert
from corpus import write_xlsx as corpus_write_xlsx

from tests.pdfcases import centre_merged_cells

# the words of an indicator table's header row (one of its cells holds one)
HEADER_WORDS = ("一级指标", "二级指标", "三级指标", "指标名称", "指标内容")


@dataclasses.dataclass(frozen=True)
class Variant:
    name: str
    ext: str
    write: Callable[[Template, Path], None]  # writes the variant (the docx a PDF variant is converted from)
    pdf: bool = False  # converted to PDF by LibreOffice after `write`


# ------------------------------------------------------------------ writers


def _top_aligned(t: Template) -> Template:
    t2 = copy.deepcopy(t)
    for item in t2.body:
        if isinstance(item, Grid):
            item.centre = False
    return t2


def write_centred(t: Template, path: Path) -> None:
    write_docx(t, path)
    centre_merged_cells(path)


def write_borderless(t: Template, path: Path) -> None:
    write_centred(_borderless(t), path)


def _header_rows(grid: list[list[str]]) -> list[int]:
    """The rows heading indicator columns (a cell of them names 一级指标, 指标名称 ...)."""
    return [r for r, row in enumerate(grid) if any(any(w in cell for w in HEADER_WORDS) for cell in row if len(cell) < 12)]


def _header_end(grid: list[list[str]], hr: int) -> int:
    """The row after the header starting at hr (a header of two rows: cells of hr spanning both)."""
    tall = [h for (r, _c), (h, _w) in spans(grid).items() if r == hr and h <= 3]
    return hr + max(tall, default=1)


def _grid_of(g: Grid, rows: list[list[str]]) -> Grid:
    """A Grid like g holding these rows (in the spec's text form)."""
    text = "\n".join(" | ".join(x.replace("\n", "\\n") for x in r) for r in rows)
    return dataclasses.replace(g, rows=text, header_rows=0)


def split_overleaf(t: Template, repeat_header: bool) -> Template:
    """The template with its indicator table cut at the middle row of its indicator block: the rows from
    the cut on form a second table on the next page (with the header row(s) typed again when
    repeat_header). A box merged down across the cut keeps its text above; below it goes on empty."""
    t2 = copy.deepcopy(t)
    for k, item in enumerate(t2.body):
        if not isinstance(item, Grid):
            continue
        grid = item.cells()
        heads = _header_rows(grid)
        if not heads:
            continue
        body = list(range(_header_end(grid, heads[0]), len(grid)))
        if len(body) < 2:
            continue
        cut = body[len(body) // 2]
        # the header typed again is the one over the rows cut (a table of two indicator blocks,
        # 长期 and 年度, has one over each); a cut inside a header moves under it
        hr = max(h for h in heads if h < cut or h == heads[0])
        head_end = _header_end(grid, hr)  # the header's rows: hr .. head_end - 1
        cut = max(cut, head_end)
        if cut >= len(grid):
            continue
        above = grid[:cut]
        below = ([list(r) for r in grid[hr:head_end]] if repeat_header else []) + [list(r) for r in grid[cut:]]
        below[0] = ["" if x == "^" else x for x in below[0]]
        if repeat_header:  # the first row after the repeated header starts fresh boxes too
            n = head_end - hr
            below[n] = ["" if x == "^" else x for x in below[n]]

        t2.body[k:k + 1] = [_grid_of(item, above), PAGEBREAK, _grid_of(item, below)]
        return t2
    return t2


def write_overleaf(t: Template, path: Path) -> None:
    write_centred(split_overleaf(t, repeat_header=False), path)


def write_overleaf_header(t: Template, path: Path) -> None:
    write_centred(split_overleaf(t, repeat_header=True), path)


def write_xlsx(t: Template, path: Path) -> None:
    corpus_write_xlsx([t], path, per_sheet=True)


def _variety_grid(g: Grid):
    from tests.variety import Grid as VGrid

    cells = g.cells()
    merges = [(r, c, r + h - 1, c + w - 1) for (r, c), (h, w) in spans(cells).items() if h > 1 or w > 1]
    return VGrid(len(cells[0]), [["" if x in ("<", "^") else x for x in row] for row in cells], merges)


def write_drawn(t: Template, path: Path, ruled: bool = True, centred: bool = False) -> None:
    from tests.drawn_variety import _draw_grid, _Page

    p = _Page(path)
    for item in t.body:
        if item == PAGEBREAK:
            p.new()
        elif isinstance(item, str):
            title = item.startswith("##")
            p.line_of_text(item.lstrip("#").strip(), 14 if title else 10, centred=title)
        else:
            _draw_grid(p, _variety_grid(item), ruled, centred)
    p.c.save()


VARIANTS = (
    Variant("docx-top", "docx", lambda t, p: write_docx(_top_aligned(t), p)),
    Variant("docx-centred", "docx", write_centred),
    Variant("docx-borderless", "docx", write_borderless),
    Variant("pdf-borderless", "pdf", write_borderless, pdf=True),
    Variant("pdf-overleaf", "pdf", write_overleaf, pdf=True),
    Variant("pdf-overleaf-header", "pdf", write_overleaf_header, pdf=True),
    Variant("xlsx", "xlsx", write_xlsx),
    Variant("pdf-drawn", "pdf", write_drawn),
    Variant("pdf-drawn-unruled", "pdf", lambda t, p: write_drawn(t, p, ruled=False, centred=True)),
)


def make_files(v: Variant, temps: list[Template], work: Path) -> dict[str, Path]:
    """template id -> the variant's file in work/<variant>/ (files already there are reused)."""
    d = work / v.name
    d.mkdir(parents=True, exist_ok=True)
    out = {t.id: d / f"{t.id}.{v.ext}" for t in temps}
    todo = [t for t in temps if not out[t.id].is_file()]
    if v.pdf:
        src = work / f"{v.name}.docx"
        src.mkdir(exist_ok=True)
        docs = []
        for t in todo:
            v.write(t, src / f"{t.id}.docx")
            docs.append(src / f"{t.id}.docx")
        soffice_convert(docs, "pdf", d)
    else:
        for t in todo:
            v.write(t, out[t.id])
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    names = [v.name for v in VARIANTS]
    ap.add_argument("--variant", action="append", choices=names, help="a variant (repeatable); default: all")
    ap.add_argument("--only", action="append", help="a template id (repeatable)")
    ap.add_argument("--keep", type=Path, help="write the files here, keep them and reuse those already there")
    ap.add_argument("-v", action="count", default=0, help="-v: each failing template/variant; -vv: its differences")
    a = ap.parse_args(argv)
    chosen = [v for v in VARIANTS if not a.variant or v.name in a.variant]
    known = set(tt.templates())
    temps = [t for t in all_templates() if t.id in known and (not a.only or t.id in a.only)]
    work = a.keep or Path(tempfile.mkdtemp(prefix="jixiao-crossformat-"))
    counts, fields, inds = {}, {}, {}
    try:
        for v in chosen:
            files = make_files(v, temps, work)
            counts[v.name], tot = 0, [0, 0, 0, 0]
            for t in temps:
                ok, reason, probs, c = status.score(tt.expected(t.id), status.extract_path(files[t.id]), v.ext)
                counts[v.name] += ok
                tot = [x + y for x, y in zip(tot, c)]
                if not ok and a.v:
                    print(f"FAIL {v.name:<19} {t.id}: {reason}")
                    if a.v > 1:
                        for p in probs:
                            print("       -", p)
            fields[v.name], inds[v.name] = f"{tot[0]}/{tot[1]}", f"{tot[2]}/{tot[3]}"
            print(f"{v.name:<19} {counts[v.name]}/{len(temps)} templates  fields {fields[v.name]}  "
                  f"indicators {inds[v.name]}", flush=True)
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)
    print("  ".join(f"{n} {counts[n]}/{len(temps)}" for n in counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
