"""The `jixiao` command.

    jixiao extract FILE...            records as a JSON array on stdout
    jixiao render RECORDS.json --out DIR [--pdf]
    jixiao run | serve | server | export --xlsx FILE

`extract` prints what it could read and reports each failed file on stderr as one
JSON line {"file": ..., "error": ...}; the exit status is 2 when any file failed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def cmd_extract(args: argparse.Namespace) -> int:
    from .extract import extract_paths

    results = extract_paths(args.files, checks=not args.no_checks)
    records = []
    failed = False
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


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="jixiao", description="项目绩效目标表 ingestion pipeline")
    sub = p.add_subparsers(dest="command", required=True)

    e = sub.add_parser("extract", help="print the records of each file as JSON")
    e.add_argument("files", nargs="+", type=Path)
    e.add_argument("--no-checks", action="store_true", help="skip the anomaly checks")
    e.add_argument("--compact", action="store_true", help="one-line JSON")
    e.add_argument("--full", action="store_true", help="include the raw findings (markup, garbled text)")
    e.set_defaults(func=cmd_extract)

    _optional_commands(sub)
    return p


def _optional_commands(sub) -> None:
    """Subcommands that live beside their feature (render, flows); absent until built."""
    import importlib

    for module, attr in (("pipeline.render", "add_cli"), ("flows.cli", "add_cli"),
                         ("pipeline.export", "add_cli")):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as e:
            if e.name and (e.name == module or module.startswith(e.name + ".") or e.name == module.split(".")[0]):
                continue
            raise
        getattr(mod, attr)(sub)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
