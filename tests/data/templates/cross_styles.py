"""Every template's spec copied in other txt styles: how many read right in each (a report; writes
no fixture and never expected.json).

    .venv/bin/python tests/data/templates/cross_styles.py                      # the seven styles, a count each
    .venv/bin/python tests/data/templates/cross_styles.py -v                   # a line per failing template/style
    .venv/bin/python tests/data/templates/cross_styles.py --style cells --only hb-qingshan-2021 --show -v

A real form can arrive copied in any style (build.py's txt styles), not only the one its form.txt
uses; each spec is rendered with `txt` set to the style asked for, extracted from a scratch file and
scored by status.py's comparison against the template's hand-written expected.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import status  # puts the repository and tests/ on sys.path
import test_templates as tt
from build import all_templates, render_txt

# the styles a person copying a table by hand most often gives (Round 10 measured these)
STYLES = ("cells", "pipes-cell", "pipes-row", "tabs-word", "pipes-wrapped", "pipes-web", "markdown")


def extract_text(text: str, tmp: Path, name: str):
    """-> list of record dicts, or the error (NotAForm or a crash), as test_templates._extract gives them."""
    path = tmp / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return status.extract_path(path)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--style", action="append", help="a txt style (repeatable); default: " + " ".join(STYLES))
    ap.add_argument("--only", action="append", help="a template id (repeatable)")
    ap.add_argument("-v", action="count", default=0, help="-v: each failing template/style; -vv: its differences")
    ap.add_argument("--show", action="store_true", help="print each rendered text")
    a = ap.parse_args(argv)
    styles = a.style or list(STYLES)
    known = set(tt.templates())
    temps = [t for t in all_templates() if t.id in known and (not a.only or t.id in a.only)]
    counts = {s: 0 for s in styles}
    with tempfile.TemporaryDirectory() as tmp:
        for style in styles:
            for t in temps:
                text = render_txt(dataclasses.replace(t, txt=style))
                if a.show:
                    print(f"----- {t.id} as {style}\n{text}")
                ok, reason, probs, _ = status.score(tt.expected(t.id), extract_text(text, Path(tmp), t.id), "txt")
                counts[style] += ok
                if not ok and a.v:
                    own = " (its own style)" if t.txt == style else ""
                    print(f"FAIL {style:<13} {t.id}{own}: {reason}")
                    if a.v > 1:
                        for p in probs:
                            print("       -", p)
    print("  ".join(f"{s} {counts[s]}/{len(temps)}" for s in styles))
    return 0


if __name__ == "__main__":
    sys.exit(main())
