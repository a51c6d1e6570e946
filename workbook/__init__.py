"""The scenario workbook: schema (single source of truth), reading and validating, writing."""
from workbook.model import Problem, ReadResult, Scenario
from workbook.read import read_scenario

__all__ = ["Problem", "ReadResult", "Scenario", "read_scenario", "write_scenario", "write_template"]


def __getattr__(name: str):
    """The writers (and openpyxl under them, about 70 ms) load when first asked for: the first
    page of the app reads, it does not write."""
    if name in ("write_scenario", "write_template"):
        from workbook import write

        return getattr(write, name)
    raise AttributeError(f"module 'workbook' has no attribute {name!r}")
