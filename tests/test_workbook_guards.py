"""Guards of the "one results model" issue: import order of workbook/, located measure errors,
a direct measure without a unit, and the LifeCycle sheet's round trip.

Excel rows come from each test's own layout (header on row 1, data from row 2); expected numbers
are written out in the test.
"""
from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from workbook_builders import activities_rows, activity, book, company_rows, summary

from calc.appraisal import appraise
from calc.factors import scenario_factor_table
from calc.lifecycle import DEFAULT_ALTERNATIVES, lifecycle_inputs
from calc.measures import measure_savings
from sample_data.build import sample_factory
from workbook.model import empty_table, scenarios_equal
from workbook.read import read_scenario
from workbook.validate import validate_measures
from workbook.write import write_scenario

ROOT = Path(__file__).resolve().parent.parent
WORKBOOK = ROOT / "workbook"
TABLE, _ = scenario_factor_table({"base_year": 2021, "grid_ef_year": 2020})
EF_KWH = 0.8041 / 1000


# -- import order --------------------------------------------------------------------------------
def _imports(path: Path) -> tuple[set[str], set[str]]:
    """(modules imported at module level, modules imported inside functions) of a source file."""
    tree = ast.parse(path.read_text("utf-8"))
    top, local = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = ({a.name for a in node.names} if isinstance(node, ast.Import)
                     else {node.module} if node.module else set())
            (top if node in tree.body else local).update(names)
    return top, local


def _workbook_graph() -> dict[str, set[str]]:
    graph = {}
    for path in WORKBOOK.glob("*.py"):
        top, local = _imports(path)
        graph[f"workbook.{path.stem}"] = {m for m in top | local if m.startswith("workbook.")}
    return graph


def test_workbook_modules_import_no_module_that_imports_them_back():
    graph = _workbook_graph()

    def reaches(start: str, goal: str, seen=()) -> bool:
        return any(n == goal or (n not in seen and reaches(n, goal, (*seen, n))) for n in graph.get(start, ()))

    cycles = [m for m in graph if reaches(m, m)]
    assert cycles == [], cycles
    # the order the issue asks for: read → variants → convert, read → convert
    assert {"workbook.variants", "workbook.convert"} <= graph["workbook.read"]
    assert "workbook.convert" in graph["workbook.variants"]
    assert not {"workbook.read", "workbook.variants"} & graph["workbook.convert"]


def test_workbook_has_no_local_imports_of_its_own_modules():
    for path in WORKBOOK.glob("*.py"):
        _, local = _imports(path)
        assert not {m for m in local if m.startswith("workbook")}, path


def test_workbook_imports_nothing_from_cli_or_ui_except_the_report():
    for path in WORKBOOK.glob("*.py"):
        if path.name == "report.py":  # moving out of workbook/ (the lead's)
            continue
        top, local = _imports(path)
        bad = {m for m in top | local if m.split(".")[0] in ("cli", "ui", "pages", "results", "views")}
        assert not bad, f"{path.name} imports {bad}"


# -- located measure errors ----------------------------------------------------------------------
MEASURE_HEADERS = ["ID", "Name", "Fuel / energy", "Method", "Known saving per year", "Saving unit",
                   "Energy price", "Equipment cost", "Lifetime"]


def _measure(id_, name, fuel="electricity_grid", kwh=10_000, unit="kWh", price=1642, capex=1_000_000,
             life=None) -> list:
    return [id_, name, fuel, "direct", kwh, unit, price, capex, life]


def _upload(*measure_rows: list):
    """A workbook with the sample-like grid electricity source (700,000 kWh) and the measures
    from Excel row 2 on."""
    data = book({
        "Company": company_rows("en"),
        "Activities": activities_rows(activity(scope=2, category="electricity", source="Compressed air",
                                               fuel="electricity_grid", quantity=700_000, unit="kWh")),
        "Measures": [MEASURE_HEADERS, *measure_rows],
    })
    return read_scenario(data)


def test_a_lifetime_of_zero_years_is_an_error_at_its_cell():
    result = _upload(_measure("M1", "ok", life=5), _measure("M2", "zero life", life=0))
    assert ("Measures", 3, "lifetime_years", "measure.lifetime_invalid", "error") in summary(result.problems)
    p = next(p for p in result.problems if p.code == "measure.lifetime_invalid")
    assert "0 years" in p.message_en and "blank" in p.message_en
    assert "0 năm" in p.message_vi and "để trống" in p.message_vi.lower()
    assert [q.code for q in result.problems if q.row == 2 and q.sheet == "Measures"] == []


def test_a_negative_lifetime_typed_in_the_app_is_the_same_error():
    scenario = _upload(_measure("M1", "a", life=5)).scenario
    measures = scenario.table("Measures").copy()
    measures.loc[0, "lifetime_years"] = -2.0  # the editor does not refuse it
    found = validate_measures(measures, scenario.activities, TABLE, scenario.excel_rows("Measures"))
    assert [(p.row, p.column, p.code, p.severity) for p in found] == [
        (2, "lifetime_years", "measure.lifetime_invalid", "error")]


def test_two_measures_with_one_id_is_an_error_at_the_second():
    result = _upload(_measure("M1", "first"), _measure("M2", "other"), _measure("M1", "again"))
    dup = [p for p in result.problems if p.code == "measure.duplicate_id"]
    assert [(p.sheet, p.row, p.column, p.severity) for p in dup] == [("Measures", 4, "id", "error")]
    assert "row 2" in dup[0].message_en and "dòng 2" in dup[0].message_vi


def test_a_direct_measure_without_unit_takes_the_inventory_unit_with_a_note():
    result = _upload(_measure("M1", "no unit", unit=None))
    notes = [p for p in result.problems if p.sheet == "Measures"]
    assert [(p.row, p.column, p.code, p.severity) for p in notes] == [
        (2, "saving_unit", "measure.unit_from_inventory", "info")]
    assert "kWh" in notes[0].message_en and "kWh" in notes[0].message_vi
    scenario = result.scenario
    savings = measure_savings(scenario.table("Measures"), TABLE, 12.0, activities=scenario.activities)
    m = savings.iloc[0]
    assert (m["status"], m["note"], m["saving_unit"]) == ("ok", "unit_from_inventory", "kWh")
    assert m["reduction_tco2e"] == pytest.approx(10_000 * EF_KWH)


def test_a_fuel_without_inventory_unit_is_an_error_and_the_portfolio_npv_stays():
    result = _upload(_measure("M1", "fine", life=5), _measure("M2", "no unit", fuel="lpg", unit=None))
    assert ("Measures", 3, "saving_unit", "measure.unit_missing", "error") in summary(result.problems)
    # not the old, wrong warning
    assert not [p for p in result.problems if p.code == "measure.fuel_not_used"]
    scenario = result.scenario
    savings = measure_savings(scenario.table("Measures"), TABLE, 12.0, activities=scenario.activities)
    assert savings["status"].tolist() == ["ok", "unit_missing"]
    table = appraise(savings, {"discount_rate_pct": 12.0, "analysis_years": 5}).table
    # the portfolio is the one sound measure: −1,000,000 then 10,000 kWh × 1,642 for 5 years
    flows = [-1_000_000] + [10_000 * 1642] * 5
    npv = sum(f / 1.12 ** t for t, f in enumerate(flows))
    assert table["npv"].tolist() == pytest.approx([npv, npv])


def test_a_lifetime_of_zero_saves_nothing_and_does_not_blank_the_portfolio():
    rows = empty_table("Measures")
    rows = pd.DataFrame([{**{c: None for c in rows.columns}, **r} for r in (
        dict(id="a", name="a", fuel="electricity_grid", method="direct", saving_quantity=1000.0, saving_unit="kWh",
             energy_price_per_unit=1000.0, capex_equipment=500_000.0, lifetime_years=0.0),
        dict(id="b", name="b", fuel="electricity_grid", method="direct", saving_quantity=1000.0, saving_unit="kWh",
             energy_price_per_unit=1000.0, capex_equipment=500_000.0),
    )]).astype(rows.dtypes.to_dict())
    savings = measure_savings(rows, TABLE, 10.0)
    assert savings["status"].tolist() == ["lifetime_invalid", "ok"]
    assert savings.loc[0, ["saving_quantity", "reduction_tco2e", "energy_cost_saving"]].tolist() == [0, 0, 0]
    table = appraise(savings, {"discount_rate_pct": 10.0, "analysis_years": 4}).table
    assert np.isfinite(table["npv"]).all() and table["id"].tolist() == ["b", "portfolio"]


# -- the LifeCycle sheet -------------------------------------------------------------------------
def test_lifecycle_inputs_default_to_the_decks_lamps():
    alternatives, hours, price = lifecycle_inputs(empty_table("LifeCycle"), {})
    assert alternatives["alternative"].tolist() == ["halogen", "cfl", "led"]
    assert alternatives[["watts", "life_hours", "price"]].to_numpy().tolist() == [
        [50, 2_000, 20_000], [11, 10_000, 60_000], [7, 40_000, 100_000]]
    assert (hours, price) == (320 * 8, 1642)
    alternatives.loc[0, "watts"] = 1.0  # a copy: the defaults stay
    assert DEFAULT_ALTERNATIVES.loc[0, "watts"] == 50


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_lifecycle_sheet_and_fields_round_trip(lang):
    lamps = pd.DataFrame({"alternative": ["T8 fluorescent", "LED tube"], "watts": [40.0, 20.0],
                          "life_hours": [15_000.0, np.nan], "price": [45_000.0, 150_000.0]})
    scenario = (sample_factory(lang).with_table("LifeCycle", lamps.astype(empty_table("LifeCycle").dtypes.to_dict()))
                .with_field("Finance", "lcc_hours_per_year", 4000.0)
                .with_field("Finance", "lcc_energy_price", 2000.0))
    back = read_scenario(write_scenario(scenario, lang))
    assert back.ok and not [p for p in back.problems if p.sheet == "LifeCycle"]
    assert scenarios_equal(back.scenario, scenario)
    alternatives, hours, price = lifecycle_inputs(back.scenario.table("LifeCycle"), back.scenario.fields["Finance"])
    assert alternatives["alternative"].tolist() == ["T8 fluorescent", "LED tube"]
    assert alternatives["watts"].tolist() == [40, 20] and np.isnan(alternatives["life_hours"].iloc[1])
    assert (hours, price) == (4000, 2000)


def test_lifecycle_sheet_is_read_by_its_vietnamese_name():
    data = book({"Công ty": company_rows("vi"), "Hoạt động": activities_rows(activity(), lang="vi"),
                 "Phân tích vòng đời": [["Lựa chọn", "Công suất (W)", "Tuổi thọ (h)", "Giá mua"],
                                        ["Đèn LED", 7, 40_000, 100_000]]})
    result = read_scenario(data)
    assert result.ok, summary(result.problems)
    table = result.scenario.table("LifeCycle")
    assert table.to_dict("records") == [{"alternative": "Đèn LED", "watts": 7, "life_hours": 40_000, "price": 100_000}]
