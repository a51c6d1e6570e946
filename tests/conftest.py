"""Shared fixtures: paths of the bundled workbooks; the tests' own session database."""
import os
import tempfile
from pathlib import Path

import pytest

from paths import SAMPLES

# Every app the tests start (AppTest and the browser tests' server) saves its sessions in a
# SQLite file of this test run, never in the user's own database.
if not os.environ.get("ENERGY_SCENARIOS_DATABASE_URL"):
    _DB_DIR = tempfile.mkdtemp(prefix="energy-sessions-")
    os.environ["ENERGY_SCENARIOS_DATABASE_URL"] = f"sqlite:///{_DB_DIR}/sessions.sqlite3"


@pytest.fixture
def sample_vi() -> Path:
    return SAMPLES / "sample_factory_vi.xlsx"


@pytest.fixture
def sample_en() -> Path:
    return SAMPLES / "sample_factory_en.xlsx"
