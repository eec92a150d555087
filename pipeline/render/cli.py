"""jixiao render RECORDS.json --out DIR [--pdf]"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..models import Record
from .batch import load_records, render_batch
from .convert import PdfConversionError


def cmd_render(args: argparse.Namespace) -> int:
    records: list[Record] = []
    for f in args.records:
        try:
            records.extend(load_records(f))
        except (OSError, ValueError, KeyError, TypeError) as e:
            print(json.dumps({"file": str(f), "error": f"not a records file ({type(e).__name__}: {e})",
                              "reason_zh": "不是 jixiao extract 输出的记录文件（JSON）"}, ensure_ascii=False),
                  file=sys.stderr)
            return 2
    try:
        forms = render_batch(records, args.out, pdf=args.pdf, profile_dir=args.profile)
    except PdfConversionError as e:
        print(json.dumps({"error": str(e), "kind": e.kind, "reason_zh": e.reason_zh}, ensure_ascii=False),
              file=sys.stderr)
        return 2
    for f in forms:
        line = {"index": f.index, "docx": str(f.docx), "pdf": str(f.pdf) if f.pdf else None}
        print(json.dumps(line, ensure_ascii=False))
    return 0


def add_cli(subparsers) -> None:
    p = subparsers.add_parser("render", help="write each record as the standard form (.docx, and .pdf)")
    p.add_argument("records", nargs="+", type=Path, help="JSON as printed by `jixiao extract` (- for stdin)")
    p.add_argument("--out", type=Path, required=True, help="output folder")
    p.add_argument("--pdf", action="store_true", help="also convert to PDF with LibreOffice")
    p.add_argument("--profile", type=Path, default=None,
                   help="LibreOffice profile folder, one per concurrent worker (default: a free one "
                        "of the shared pool in the temp folder)")
    p.set_defaults(func=cmd_render)
