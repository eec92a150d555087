"""The `jixiao` command.

    jixiao extract FILE...            records as a JSON array on stdout
    jixiao render RECORDS.json --out DIR [--pdf]
    jixiao export --xlsx FILE
    jixiao run | serve | server       (flows/cli.py: the `jixiao` entry point builds on this parser)

`extract` prints what it could read and reports each failed file on stderr as one
JSON line {"file": ..., "error": ...}; the exit status is 2 when any file failed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def cmd_extract(args: argparse.Namespace) -> int:
    from .extract import extract_paths

    paths, failed = [], False
    for f in args.files:  # a path that is not a file is the caller's mistake, said plainly
        kind = "not_found" if not os.path.lexists(f) else "not_a_file" if Path(f).is_dir() else None
        if kind is None:
            paths.append(f)
            continue
        failed = True
        zh = "文件不存在" if kind == "not_found" else "这是文件夹，不是文件"
        print(json.dumps({"file": str(f), "error": f"{kind}: {f}", "kind": kind, "reason_zh": zh},
                         ensure_ascii=False), file=sys.stderr)
    results = extract_paths(paths, checks=not args.no_checks) if paths else []
    records = []
    for res in results:
        if res.ok:
            for r in res.records:
                d = r.to_dict()
                if not args.full:
                    d.pop("findings", None)
                records.append(d)
        else:
            failed = True
            err = res.error
            line = {"file": res.path, "error": str(err), "kind": getattr(err, "kind", "error"),
                    "reason_zh": getattr(err, "reason_zh", "")}
            print(json.dumps(line, ensure_ascii=False), file=sys.stderr)
    json.dump(records, sys.stdout, ensure_ascii=False, indent=None if args.compact else 1)
    sys.stdout.write("\n")
    return 2 if failed else 0


def build_parser(*extensions: Callable[[Any], None]) -> argparse.ArgumentParser:
    """The command line of the library (extract, render, export); `extensions` add subcommands
    that live above it (flows/cli.py adds run, serve and server: the `jixiao` entry point)."""
    from . import export, render

    p = argparse.ArgumentParser(prog="jixiao", description="项目绩效目标表 ingestion pipeline")
    sub = p.add_subparsers(dest="command", required=True)

    e = sub.add_parser("extract", help="print the records of each file as JSON")
    e.add_argument("files", nargs="+", type=Path)
    e.add_argument("--no-checks", action="store_true", help="skip the anomaly checks")
    e.add_argument("--compact", action="store_true", help="one-line JSON")
    e.add_argument("--full", action="store_true", help="include the raw findings (markup, garbled text)")
    e.set_defaults(func=cmd_extract)

    for add_cli in (render.add_cli, export.add_cli, *extensions):
        add_cli(sub)
    return p


def main(argv: list[str] | None = None, parser: argparse.ArgumentParser | None = None) -> int:
    args = (parser or build_parser()).parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `jixiao extract … | head`: the reader has what it wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # no second error when Python flushes stdout at exit
        return 0


if __name__ == "__main__":
    sys.exit(main())
