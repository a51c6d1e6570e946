"""Shared fixtures: paths of the bundled workbooks."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_data"


@pytest.fixture
def sample_vi() -> Path:
    return SAMPLES / "sample_factory_vi.xlsx"


@pytest.fixture
def sample_en() -> Path:
    return SAMPLES / "sample_factory_en.xlsx"
