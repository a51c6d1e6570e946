"""Browser-test fixtures: the real Streamlit server and the Debian Chromium.

The app is started once per session on a free port (``streamlit run app.py``); its URL is
provided through pytest-base-url's ``base_url`` fixture, so ``page.goto("/")`` works.
"""
from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import pytest
from server import REPO, streamlit_server

CHROMIUM = "/usr/bin/chromium"

if str(REPO) not in sys.path:  # the project's own API (workbook) for building test files
    sys.path.insert(0, str(REPO))


@contextlib.contextmanager
def run_server(log_dir: Path):
    """Start ``streamlit run app.py`` on a free port (:func:`server.streamlit_server`); yield its
    URL; stop that process at exit. The server's output goes to ``log_dir/streamlit.log``."""
    with streamlit_server(log_dir / "streamlit.log") as (url, _t0):
        yield url


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
