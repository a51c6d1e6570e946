"""Browser-test fixtures: the real Streamlit server and the Debian Chromium.

The app is started once per session on a free port (``streamlit run app.py``); its URL is
provided through pytest-base-url's ``base_url`` fixture, so ``page.goto("/")`` works.
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

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
STARTUP_TIMEOUT = 60.0

if str(REPO) not in sys.path:  # the project's own API (workbook) for building test files
    sys.path.insert(0, str(REPO))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float) -> None:
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
        time.sleep(0.3)
    raise RuntimeError(f"streamlit did not become healthy within {timeout:.0f} s: {last!r}")


@contextlib.contextmanager
def run_server(log_dir: Path):
    """Start ``streamlit run app.py`` on a free port; yield its URL; stop that process at exit.

    The server's output goes to ``log_dir/streamlit.log`` (shown if it fails to start).
    """
    port = _free_port()
    log_path = log_dir / "streamlit.log"
    log = open(log_path, "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py",
         "--server.headless", "true",
         "--server.port", str(port),
         "--server.address", "127.0.0.1",
         "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none",
         "--server.runOnSave", "false"],
        cwd=REPO, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            _wait_healthy(url, proc, STARTUP_TIMEOUT)
        except RuntimeError as exc:
            log.flush()
            raise RuntimeError(f"{exc}\n--- {log_path} ---\n{log_path.read_text()[-4000:]}") from None
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """The app on the real server, shared by the session's tests."""
    with run_server(tmp_path_factory.mktemp("streamlit")) as url:
        yield url


@pytest.fixture
def fresh_server(tmp_path_factory):
    """A server of its own that no browser has opened yet (for first-run behaviour)."""
    with run_server(tmp_path_factory.mktemp("streamlit_fresh")) as url:
        yield url


@pytest.fixture(scope="session")
def base_url(app_server):  # overrides pytest-base-url's fixture
    return app_server


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "viewport": {"width": 1280, "height": 1800},
        "accept_downloads": True,
    }
