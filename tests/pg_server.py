"""A throwaway PostgreSQL server for the session-store tests (Debian's package).

``ENERGY_SCENARIOS_TEST_POSTGRES_URL`` names a server to use instead (CI may start one). Otherwise
the server's binaries from Debian's ``postgresql`` package (``make test`` installs it when run as
root) start a cluster in a temporary folder on a free loopback port, trusted local access only,
run as the ``postgres`` user when the tests run as root (PostgreSQL refuses root).
"""
from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

URL_ENV = "ENERGY_SCENARIOS_TEST_POSTGRES_URL"


def _bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def unavailable_reason() -> str | None:
    if os.environ.get(URL_ENV):
        return None
    if not (_bin("initdb") and _bin("pg_ctl")):
        return "PostgreSQL's initdb/pg_ctl not installed (make test installs Debian's postgresql as root)"
    if os.geteuid() == 0 and not shutil.which("runuser"):
        return "running as root without runuser"
    return None


@contextlib.contextmanager
def postgres_url():
    """Yield a SQLAlchemy URL of an empty PostgreSQL database; stop the server afterwards."""
    given = os.environ.get(URL_ENV)
    if given:
        yield given
        return
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    folder = Path(tempfile.mkdtemp(prefix="energy-pg-"))
    data, port = folder / "data", _free_port()
    as_user: list[str] = []
    if os.geteuid() == 0:
        import pwd
        user = pwd.getpwnam("postgres")
        os.chown(folder, user.pw_uid, user.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    run = lambda *cmd: subprocess.run([*as_user, *cmd], check=True, capture_output=True, text=True, timeout=120)
    try:
        run(initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")
        run(pg_ctl, "-D", str(data), "-l", str(folder / "log"), "-w", "-t", "60", "start",
            "-o", f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        with contextlib.suppress(Exception):
            run(pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)
