"""Shared fixtures: paths of the bundled workbooks."""
from pathlib import Path

import pytest

from paths import SAMPLES


@pytest.fixture
def sample_vi() -> Path:
    return SAMPLES / "sample_factory_vi.xlsx"


@pytest.fixture
def sample_en() -> Path:
    return SAMPLES / "sample_factory_en.xlsx"
