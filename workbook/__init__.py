"""The scenario workbook: schema (single source of truth), reading and validating, writing.

The writers are imported from :mod:`workbook.write` (``from workbook.write import
write_scenario``): they bring openpyxl (about 70 ms), which the app's first page, a reader, does
not need.
"""
from workbook.model import Problem, ReadResult, Scenario
from workbook.read import read_scenario

__all__ = ["Problem", "ReadResult", "Scenario", "read_scenario"]
