"""The scenario workbook: schema (single source of truth), reading and validating, writing."""
from workbook.model import Problem, ReadResult, Scenario
from workbook.read import read_scenario
from workbook.write import write_scenario, write_template

__all__ = ["Problem", "ReadResult", "Scenario", "read_scenario", "write_scenario", "write_template"]
