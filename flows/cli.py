"""The `jixiao` entry point: the library's commands (pipeline/cli.py) plus `run`, `serve`, `server`.

The dependency points down: this module builds on `pipeline.cli.build_parser`; the library
never imports `flows`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from flows import env
from pipeline import cli as _pipeline_cli
from pipeline import settings


def build_parser() -> argparse.ArgumentParser:
    return _pipeline_cli.build_parser(add_cli)


def main(argv: list[str] | None = None) -> int:
    return _pipeline_cli.main(argv, parser=build_parser())


def add_cli(sub) -> None:
    r = sub.add_parser("run", help="process everything waiting in inbox/ as one Prefect flow run")
    r.add_argument("--inbox", type=Path, help="default: JIXIAO_HOME/inbox")
    r.add_argument("--outbox", type=Path, help="default: JIXIAO_HOME/outbox")
    r.add_argument("--settle", type=float, default=1.0,
                   help="seconds a file must be unchanged before it is taken (default 1)")
    r.add_argument("--runner", choices=("threads", "dask"), help="task runner (default: JIXIAO_TASK_RUNNER)")
    r.add_argument("--no-pdf", action="store_true", help="render .docx only")
    r.add_argument("--no-reviews", action="store_true", help="do not start review runs for forms with errors")
    r.add_argument("--stop-server", action="store_true",
                   help="stop the Prefect server this command started when the pass is done "
                        "(by default it keeps running in the background so the UI shows the results)")
    r.set_defaults(func=cmd_run)

    s = sub.add_parser("serve", help="serve the nightly, on-arrival and review deployments; watch inbox/")
    s.add_argument("--no-watch", action="store_true", help="no folder watcher (nightly and reviews only)")
    s.add_argument("--poll", action="store_true", help="poll the inbox (SMB/NFS); same as JIXIAO_WATCH_POLL=1")
    s.set_defaults(func=cmd_serve)

    v = sub.add_parser("server", help="start the local Prefect server and UI (foreground)")
    v.add_argument("--port", type=int, help="default: JIXIAO_PREFECT_PORT (4200)")
    v.add_argument("--stop", action="store_true", help="stop the server `jixiao run` left in the background")
    v.set_defaults(func=cmd_server)


def cmd_run(args: argparse.Namespace) -> int:
    cfg = settings.get()
    if args.inbox is not None and not args.inbox.is_dir():  # a typo is not "nothing to do"
        print(f"收件箱不存在或不是文件夹：{args.inbox}", file=sys.stderr)
        return 2
    if args.outbox is not None and args.outbox.exists() and not args.outbox.is_dir():
        print(f"输出目录不是文件夹：{args.outbox}", file=sys.stderr)
        return 2
    from flows.serve import ensure_server

    try:
        server = ensure_server(cfg, announce=lambda: print(
            f"没有可用的 Prefect 服务器（{os.environ.get('PREFECT_API_URL', '')}），正在启动本地服务器 …",
            file=sys.stderr))
    except RuntimeError as e:
        print(f"无法启动 Prefect 服务器：{e}", file=sys.stderr)
        return 2
    try:
        summary = _run(args, cfg)
    finally:
        drain_prefect_workers()  # logs and events reach the server before this process ends
        if server is not None and args.stop_server:
            from flows.serve import stop_server

            stop_server(server)
    runner = None
    if not args.stop_server:  # output links that open, reviews answerable from the UI at once
        from flows import background

        runner = background.ensure_running(cfg)
        if background.wait_suspended(summary["review_runs"]):
            print(f"注意：审核运行尚未进入 Suspended（可审核）状态，请查看 {background.log_file(cfg)}", file=sys.stderr)
    _print_summary(summary, server_kept=server is not None and not args.stop_server, server=server)
    if runner and runner[1]:
        print(f"审核运行器和输出文件服务在后台运行（pid {runner[0]}，日志 {background.log_file(cfg)}）；"
              "停止：jixiao server --stop")
    if server is not None and not args.stop_server:
        print(f"Prefect 服务器在后台运行（pid {server.pid}，日志 {os.environ['PREFECT_HOME']}/server.log）；"
              "停止：jixiao server --stop")
    bad = summary["counts"].get("failed", 0) + summary["counts"].get("waiting", 0)
    return 1 if bad else 0


def drain_prefect_workers(timeout: float = 10.0) -> None:
    """Flush Prefect's background log and event senders (else they retry a stopped server at exit)."""
    import contextlib

    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        with contextlib.suppress(Exception):
            worker.drain_all(timeout=timeout)


def _run(args: argparse.Namespace, cfg: settings.Settings) -> dict:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from flows import pipeline_flow as pf

    batch = pf.process_inbox
    if args.runner:
        batch = batch.with_options(task_runner=pf.make_task_runner(cfg, args.runner))
    with Progress(TextColumn("[bold]jixiao[/bold] {task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), transient=False) as bar:
        job = bar.add_task("收件箱", total=None)

        def listener(done: int, total: int, outcome: dict) -> None:
            bar.update(job, completed=done, total=total,
                       description=f"{outcome.get('file', '')[:40]} {outcome.get('status', '')}")

        pf.progress_listeners.append(listener)
        try:
            summary = batch(inbox=str(args.inbox) if args.inbox else None,
                            out_dir=str(args.outbox) if args.outbox else None, settle_seconds=args.settle,
                            pdf=False if args.no_pdf else None, start_reviews=not args.no_reviews)
        finally:
            pf.progress_listeners.remove(listener)
        bar.update(job, description="完成")
    return summary


def _print_summary(summary: dict, *, server_kept: bool, server) -> None:
    from flows.texts import STATUS_ZH

    counts = summary["counts"]
    parts = [f"{STATUS_ZH.get(k, k)} {v}" for k, v in sorted(counts.items())] or ["收件箱中没有待处理的文件"]
    print(f"文件 {summary['total']} 个：" + "，".join(parts))
    print(f"表单 {summary['forms']} 张，异常 {summary['anomalies']} 项；待审核运行 {len(summary['review_runs'])} 个")
    for f in summary["files"]:
        if f.get("status") == "quarantined":
            print(f"  已隔离 {f.get('file')}：{f.get('reason') or ''}")
        elif f.get("status") == "waiting":
            print(f"  未处理，已放回收件箱 {f.get('file')}：{f.get('reason') or ''}")
    print(f"输出目录：{summary['outbox']}")
    if summary.get("rollup"):
        print(f"汇总表：{summary['rollup']}")
    from flows import outbox_server

    if server is None or server_kept:
        print(f"异常清单（Prefect 界面，最新版本）：{outbox_server.worklist_url()}")
    else:
        print(f"异常清单：运行 `jixiao server` 后打开 {outbox_server.worklist_url()}")
    if summary.get("pending_reviews"):
        print(f"待审核表单 {summary['pending_reviews']} 张：在异常清单中点开表单页，再点“打开审核运行”，"
              "按 Resume，选择 接受/退回、填写审核意见和审核人后提交")


def cmd_serve(args: argparse.Namespace) -> int:
    if args.poll:
        os.environ["JIXIAO_WATCH_POLL"] = "1"
        settings.reset()
    from flows.serve import serve

    serve(watch=not args.no_watch)
    return 0


def cmd_server(args: argparse.Namespace) -> int:
    cfg = settings.get()
    if args.stop:
        from flows.serve import stop_background_server

        pid = stop_background_server()
        from flows import background

        background.stop(cfg)  # the review runner jixiao run left beside it
        print(f"已停止后台 Prefect 服务器（pid {pid}）" if pid else "没有由 jixiao run 启动的后台服务器")
        return 0
    if args.port:
        os.environ["JIXIAO_PREFECT_PORT"] = str(args.port)
        os.environ["PREFECT_API_URL"] = f"http://{cfg.prefect_host}:{args.port}/api"
        os.environ["PREFECT_SERVER_API_PORT"] = str(args.port)
        settings.reset()
        cfg = settings.get()
    from flows.serve import server_command

    if env.server_healthy(f"http://{cfg.prefect_host}:{cfg.prefect_port}/api"):
        print(f"Prefect 服务器已在运行：http://{cfg.prefect_host}:{cfg.prefect_port}"
              "（由 jixiao run 启动的可用 jixiao server --stop 停止）")
        return 0
    print(f"Prefect UI: http://{cfg.prefect_host}:{cfg.prefect_port}  (PREFECT_HOME={os.environ['PREFECT_HOME']})",
          flush=True)
    from flows import outbox_server

    outbox_server.start(cfg)  # output links and stable links on JIXIAO_FILES_PORT
    try:
        return subprocess.call(server_command(cfg), env=os.environ.copy())
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
