"""Scans of generated forms, per kind of damage: how much of each record OCR gets right, and how fast.

    .venv/bin/python benchmarks/scans.py [--seeds 8101,8102,8103] [--classes clean,stamp] [--keep DIR] [-v]

Each seed's forms (tests/variety.py `variant(seed, forms=1)`, ruled, and the same form without
borders) go to .docx, then to PDF in one LibreOffice call, then to page images by PDFium at a
scanner's resolution, damaged as the class says, and saved as a scan file:

  clean       150 dpi, straight, image-only PDF
  skew        200 dpi, turned ±1.8°, grain (sd 10), multi-page TIFF
  jpeg        150 dpi, JPEG quality 30, .jpg (image-only PDF when the form runs over a page)
  dpi300      300 dpi, turned 0.5°, grain, .png (TIFF when it runs over a page)
  stamp       200 dpi, a red round seal over the header, grain, image-only PDF
  photo       a phone photo: perspective, light falling off across the sheet, blur, .jpg (or PDF)
  borderless  the borderless .docx, 200 dpi, turned 0.8°, grain, image-only PDF
  centred     the borderless .docx with its merged cells centred vertically (w:vAlign), 200 dpi, PDF
  multipage   three forms (variant(seed, forms=3), one after another, tables going on overleaf),
              ruled, 200 dpi, turned 0.5°, grain, image-only PDF

The file is read by `pipeline.extract.extract_file` (checks off) and compared with the record
the generator wrote down (never with anything jixiao computed): fields = the 11 header keys and
one per expected indicator (right only when all its keys and targets match, as the contract's
checker scores), indicator recall and precision by position. Seconds per page are the wall time of
extract_file over the file's pages (OCR dominates). The machine is shared: a few seeds a class.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from compare import NUMERIC, _target, norm

from pipeline.models import HEADER_FIELDS

CLASSES = ("clean", "skew", "jpeg", "dpi300", "stamp", "photo", "borderless", "centred", "multipage")
SOURCE = {"borderless": "borderless", "centred": "centred", "multipage": "multi"}  # else the ruled form
SEEDS = (8101, 8102, 8103)


@dataclass
class Score:
    files: int = 0
    pages: int = 0
    seconds: float = 0.0
    forms_expected: int = 0
    forms_got: int = 0
    fields: int = 0
    fields_right: int = 0
    ind_expected: int = 0
    ind_got: int = 0
    ind_right: int = 0
    failures: list[str] = field(default_factory=list)

    def add(self, got: list[dict], expected: list[dict], label: str, verbose: bool) -> None:
        self.forms_expected += len(expected)
        self.forms_got += len(got)
        for k, e in enumerate(expected):
            g = got[k] if k < len(got) else {}
            problems = []
            for key in HEADER_FIELDS:
                self.fields += 1
                a, b = g.get(key), e.get(key)
                if key in NUMERIC:
                    ok = (a is None and b is None) or (a is not None and b is not None and abs(float(a) - float(b)) < 0.005)
                else:
                    ok = norm(a) == norm(b)
                self.fields_right += ok
                if not ok:
                    problems.append(f"{key}: expected {b!r} got {a!r}")
            gi, ei = g.get("indicators", []), e.get("indicators", [])
            self.ind_expected += len(ei)
            self.ind_got += len(gi)
            for i, ie in enumerate(ei):
                self.fields += 1
                ig = gi[i] if i < len(gi) else {}
                bad = [f"{x}: expected {ie.get(x)!r} got {ig.get(x)!r}"
                       for x in ("level1", "level2", "name", "period_value", "annual_value")
                       if norm(ig.get(x)) != norm(ie.get(x))]
                bad += [f"{x}: expected {ie.get(x)!r} got {ig.get(x)!r}" for x in ("period_target", "annual_target")
                        if _target(ig.get(x)) != _target(ie.get(x))]
                self.fields_right += not bad
                self.ind_right += not bad
                problems += [f"indicators[{i}].{b}" for b in bad]
            if len(gi) != len(ei):
                problems.append(f"{len(ei)} indicators expected, got {len(gi)}")
            if problems:
                self.failures.append(f"{label} form {k}: " + "; ".join(problems[:6]))
                if verbose:
                    print(f"  {label} form {k}:\n    " + "\n    ".join(problems), flush=True)

    def row(self, name: str) -> str:
        pct = lambda a, b: f"{100 * a / b:6.1f}" if b else "     -"
        return (f"{name:<11} {self.files:>5} {self.pages:>5} {self.forms_got:>3}/{self.forms_expected:<3} "
                f"{pct(self.fields_right, self.fields)} {pct(self.ind_right, self.ind_expected)} "
                f"{pct(self.ind_right, self.ind_got)} {self.seconds / max(1, self.pages):7.2f}")


def make_scans(kind: str, pdf: Path, out: Path, seed: int) -> Path:
    import scangen

    if kind == "clean":
        return scangen.write_image_pdf(scangen.scan(pdf, 150), out.with_suffix(".pdf"), 150)
    if kind == "skew":
        angle = 1.8 if seed % 2 else -1.8
        return scangen.write_tiff(scangen.scan(pdf, 200, angle=angle, noise=10, seed=seed), out.with_suffix(".tif"), 200)
    if kind == "jpeg":
        pages = [scangen.jpeg(p, 30) for p in scangen.scan(pdf, 150, angle=0.4, noise=4, seed=seed)]
        return _single_or_pdf(pages, out, ".jpg", 150)
    if kind == "dpi300":
        return _single_or_pdf(scangen.scan(pdf, 300, angle=0.5, noise=8, seed=seed), out, ".png", 300)
    if kind == "stamp":
        pages = scangen.scan(pdf, 200, noise=6, seed=seed)
        pages[0] = scangen.stamp(pages[0], seed)
        return scangen.write_image_pdf(pages, out.with_suffix(".pdf"), 200)
    if kind == "photo":
        pages = [scangen.jpeg(scangen.photo(p, seed + k), 80) for k, p in enumerate(scangen.scan(pdf, 200))]
        return _single_or_pdf(pages, out, ".jpg", 200)
    if kind in ("borderless", "centred", "multipage"):
        return scangen.write_image_pdf(scangen.scan(pdf, 200, angle=0.8, noise=6, seed=seed), out.with_suffix(".pdf"),
                                       200)
    raise ValueError(kind)


def _single_or_pdf(pages: list, out: Path, suffix: str, dpi: int) -> Path:
    import scangen

    if len(pages) == 1:
        path = out.with_suffix(suffix)
        pages[0].save(path, dpi=(dpi, dpi), **({"quality": 92} if suffix == ".jpg" else {}))
        return path
    if suffix == ".png":
        return scangen.write_tiff(pages, out.with_suffix(".tif"), dpi)
    return scangen.write_image_pdf(pages, out.with_suffix(".pdf"), dpi)


def page_count(path: Path) -> int:
    if path.suffix == ".pdf":
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(str(path))
        try:
            return len(doc)
        finally:
            doc.close()
    from PIL import Image

    with Image.open(path) as im:
        return getattr(im, "n_frames", 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", default=",".join(map(str, SEEDS)))
    ap.add_argument("--classes", default=",".join(CLASSES))
    ap.add_argument("--keep", type=Path, help="write the scans here (and keep them)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every difference")
    args = ap.parse_args()
    seeds = [int(s) for s in args.seeds.split(",") if s]
    classes = [c for c in args.classes.split(",") if c]

    import scangen
    from variety import pdf_batch, variant, write_docx

    from pipeline.errors import JixiaoError
    from pipeline.extract import extract_file
    from pipeline.readers.ocr import engine

    tmp = tempfile.TemporaryDirectory()
    root = args.keep or Path(tmp.name)
    root.mkdir(parents=True, exist_ok=True)
    docs: dict[tuple[str, int], Path] = {}
    for seed in seeds:
        v = variant(seed, forms=1)
        docs[("ruled", seed)] = write_docx(v, root / f"ruled_{seed}.docx")
        if "borderless" in classes:
            docs[("borderless", seed)] = write_docx(v, root / f"borderless_{seed}.docx", ruled=False)
        if "centred" in classes:
            docs[("centred", seed)] = scangen.centre_merged(write_docx(v, root / f"centred_{seed}.docx", ruled=False))
        if "multipage" in classes:
            docs[("multi", seed)] = write_docx(variant(seed, forms=3), root / f"multi_{seed}.docx")
    pdfs = dict(zip(docs, pdf_batch(list(docs.values()), root)))
    engine.require()  # the model loads once, outside the timings
    scores: dict[str, Score] = {}
    for kind in classes:
        sc = scores[kind] = Score()
        for seed in seeds:
            src = pdfs[(SOURCE.get(kind, "ruled"), seed)]
            path = make_scans(kind, src, root / f"{kind}_{seed}", seed)
            n = page_count(path)
            t0 = time.perf_counter()
            try:
                got = [r.to_dict() for r in extract_file(path, checks=False)]
            except JixiaoError as e:  # a refused scan scores nothing
                got = []
                print(f"  {path.name}: {type(e).__name__}: {e}", flush=True)
            sc.seconds += time.perf_counter() - t0
            sc.files += 1
            sc.pages += n
            sc.add(got, variant(seed, forms=3 if kind == "multipage" else 1).expected, path.name, args.verbose)
        print(sc.row(kind), flush=True)
    print()
    print(f"{'class':<11} {'files':>5} {'pages':>5} {'forms':>7} {'fields%':>6} {'indR%':>6} {'indP%':>6} {'s/page':>7}")
    total = Score()
    for kind, sc in scores.items():
        print(sc.row(kind))
        for k in ("files", "pages", "seconds", "forms_expected", "forms_got", "fields", "fields_right",
                  "ind_expected", "ind_got", "ind_right"):
            setattr(total, k, getattr(total, k) + getattr(sc, k))
    print(total.row("all"))
    tmp.cleanup()


if __name__ == "__main__":
    main()
