"""A real, throwaway PostgreSQL server for the store tests.

Registered in conftest.py (`pytest_plugins`). `postgres_server` (session) runs Debian's
server binaries (`initdb`, `pg_ctl`; package `postgresql`, installed by
`scripts/setup.sh --dev`) on a free loopback port, with trust authentication and the data
directory and Unix socket in a temp dir, and stops it at session end. As root (initdb
refuses to run as root) the binaries run as `nobody` via runuser. `postgres_url`
(function) is a fresh database on that server, dropped afterwards.

With JIXIAO_TEST_POSTGRES_URL set (postgresql+psycopg://user@host:port/db, a role that may
CREATE DATABASE), that server is used instead and nothing is started.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

SETUP_HINT = "run `bash scripts/setup.sh --dev` (installs Debian's postgresql and psycopg)"
START_WAIT = 60  # seconds pg_ctl waits for the server to accept connections


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_bindir() -> Path:
    """The directory with initdb and pg_ctl: on PATH, else the newest /usr/lib/postgresql/<ver>/bin."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).resolve().parent
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    if not found:
        pytest.fail(f"PostgreSQL server binaries (initdb, pg_ctl) not found; {SETUP_HINT}", pytrace=False)
    return Path(found[-1]).parent


def _require_psycopg() -> None:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.fail(f"psycopg is not installed in this environment; {SETUP_HINT}", pytrace=False)


class _Server:
    """initdb + pg_ctl in `root`, run as `user` (None: the current user)."""

    def __init__(self, bindir: Path, root: Path, user: str | None):
        self.bindir, self.root, self.user = bindir, root, user
        self.data, self.sock, self.log = root / "data", root / "sock", root / "server.log"
        self.port = 0

    def run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.user:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env |= {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
        return subprocess.run(cmd, check=False, cwd=self.root, env=env, capture_output=True, text=True, timeout=timeout)

    def fail(self, what: str, proc: subprocess.CompletedProcess | None = None) -> None:
        out = (proc.stdout + proc.stderr) if proc is not None else ""
        log = self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""
        pytest.fail(f"{what}\n{out}\n--- server log ---\n{log}", pytrace=False)

    def init(self) -> None:
        self.sock.mkdir()
        if self.user:
            ent = pwd.getpwnam(self.user)
            os.chmod(self.root, 0o755)
            for p in (self.root, self.sock):
                os.chown(p, ent.pw_uid, ent.pw_gid)
        proc = self.run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres",
                        "-E", "UTF8", "--no-locale", "--no-sync")
        if proc.returncode != 0:
            self.fail("initdb failed", proc)

    def start(self) -> None:
        for _ in range(3):  # the free port may be taken between probing and binding
            self.port = _free_port()
            opts = f"-k {self.sock} -h 127.0.0.1 -p {self.port} -F -c max_connections=200"
            proc = self.run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", str(START_WAIT),
                            "-o", opts, "start", timeout=START_WAIT + 30)
            if proc.returncode == 0:
                return
            self.stop()
        self.fail("pg_ctl start failed", proc)

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", timeout=60)

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"


@pytest.fixture(scope="session")
def postgres_server():
    """The SQLAlchemy URL of a PostgreSQL server for this session (see the module docstring)."""
    _require_psycopg()
    external = os.environ.get("JIXIAO_TEST_POSTGRES_URL")
    if external:
        yield external
        return
    bindir = postgres_bindir()
    user = None
    if os.geteuid() == 0:
        if not shutil.which("runuser"):
            pytest.fail("running as root needs runuser (util-linux) to start PostgreSQL as nobody", pytrace=False)
        user = "nobody"
    root = Path(tempfile.mkdtemp(prefix="jixiao-pg-"))
    server = _Server(bindir, root, user)
    try:
        server.init()
        server.start()
        yield server.url
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server):
    """A fresh, empty database on the session's server; dropped afterwards."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    name = f"jixiao_test_{uuid.uuid4().hex[:8]}"
    admin = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as c:
            c.exec_driver_sql(f"CREATE DATABASE {name}")
        yield make_url(postgres_server).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as c:
            c.exec_driver_sql(f"DROP DATABASE {name} WITH (FORCE)")
    finally:
        admin.dispose()
