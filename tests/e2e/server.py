"""A real Streamlit server for the browser tests and the browser benchmark: ``streamlit run`` on a
free local port, healthy before it is used, stopped (by its own process handle) afterwards.

No pytest here: ``bench/browser_bench.py`` uses it too (with a finer health poll, as a timing).
"""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = STARTUP_TIMEOUT, poll_s: float = 0.3) -> None:
    """Poll ``/_stcore/health`` until it answers 200; RuntimeError if the process ends first or
    ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, OSError) as exc:
            last = exc
        time.sleep(poll_s)
    raise RuntimeError(f"streamlit did not become healthy within {timeout:.0f} s: {last!r}")


@contextlib.contextmanager
def streamlit_server(log: Path, script: str = "app.py", cwd: Path = REPO, poll_s: float = 0.3):
    """``streamlit run script`` in ``cwd``; yields ``(url, t0)``, ``t0`` the ``perf_counter`` just
    before the process started. Its output goes to ``log`` (the tail is shown if it fails to start)."""
    port = free_port()
    out = open(log, "w")
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script,
         "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
         "--server.runOnSave", "false"],
        cwd=cwd, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_healthy(url, proc, poll_s=poll_s)
        except RuntimeError as exc:
            out.flush()
            raise RuntimeError(f"{exc}\n--- {log} ---\n{Path(log).read_text()[-4000:]}") from None
        yield url, t0
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        out.close()
