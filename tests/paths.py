"""Paths shared by the tests (a module of its own: `conftest` names are ambiguous with tests/e2e)."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_data"
