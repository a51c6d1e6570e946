"""No page ever fails on a scenario the reader accepts (issue 13).

Scenarios with edge values (zero units, zero saving, zero investment, rate after equal to or above
rate before, one measure, 200 measures, a fuel the site does not use, empty optional sheets,
extreme finance settings...) are built from the bundled sample, written to a workbook and read
back: the reader must accept them (no error-severity problem), and then

- every page opens in both languages, trainer mode on and off, with no exception, no "this page
  failed" message and no ``nan`` / ``None`` / ``inf`` among the texts, metrics, tables and chart
  labels AppTest can read, and no infinite number in a chart;
- the workshop report (both languages), the report's charts and ``summary --json`` are written
  with no exception, no such text, and the JSON parses strictly (null for a non-finite number).

A scenario is described by a plain ``spec`` dict (readable in a failure report) and built by
:func:`build`; the explicit ``@example`` cases are the issue's, the generated ones combine them.
"""
from __future__ import annotations

import io
import json
import math
import os
import re
import warnings
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from apptest_support import new_app, open_scenario, plotly_figures
from results.summary import scenario_summary
from ui.export import report_figures
from ui.i18n import t
from views.report import write_report
from workbook.model import ERROR, empty_table
from workbook.read import read_scenario
from workbook.write import write_scenario

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = read_scenario(ROOT / "sample_data" / "sample_factory_en.xlsx").scenario
PAGES = ("inventory", "targets", "measures", "plan", "finance", "mv", "compare", "household")
#: what must never be read on screen or in an export: Python's and JavaScript's missing numbers
BAD = re.compile(r"(?<![\w.])(nan|NaN|None|inf|-inf|Infinity|-Infinity|NaT|<NA>)(?![\w])")


# -- building scenarios from a spec ---------------------------------------------------------------
def _table(key: str, rows: list[dict]) -> pd.DataFrame:
    base = empty_table(key)
    if not rows:
        return base
    return pd.DataFrame([{**{c: None for c in base.columns}, **r} for r in rows]).astype(base.dtypes.to_dict())


def _records(key: str) -> list[dict]:
    return SAMPLE.table(key).astype(object).where(SAMPLE.table(key).notna(), None).to_dict("records")


LED, AIR = _records("Measures")  # the deck's LED tubes (rate after) and air leaks (saving %)
DIRECT = dict(LED, method="direct", units=None, rate_before=None, rate_after=None, rate_unit=None,
              hours_per_year=None, usage_factor=None, saving_quantity=40_000.0, saving_unit="kWh",
              name="Known saving")
BASES = {"led": LED, "air": AIR, "direct": DIRECT}
CAPEX = ("capex_equipment", "capex_labour", "capex_other")

#: one edit of a measure row: name → (row → changed fields)
EDITS = {
    "units0": lambda r: {"units": 0.0},
    "no_saving": lambda r: {"rate_after": r["rate_before"], "saving_pct": 0.0, "saving_quantity": 0.0},
    "rate_up": lambda r: {"rate_after": (r["rate_before"] or 0.04) * 2, "saving_pct": 0.0},
    "capex0": lambda r: {c: 0.0 for c in CAPEX},
    "price0": lambda r: {"energy_price_per_unit": 0.0},
    "no_fuel_match": lambda r: {"fuel": "natural_gas", "source": None, "rate_unit": "m3/h",
                                "saving_unit": "m3"},
    "other_site": lambda r: {"site": "Another plant", "source": None},
    "unknown_source": lambda r: {"source": "A source the Activities sheet does not have"},
    "partial": lambda r: {k: None for k in r if k not in ("id", "name")},
    "start_late": lambda r: {"start_year": 2100},
    "start_early": lambda r: {"start_year": 1990},
    "life_short": lambda r: {"lifetime_years": 0.5},
    "life_long": lambda r: {"lifetime_years": 100.0},
    "life_blank": lambda r: {"lifetime_years": None},
    "opex_huge": lambda r: {"opex_change_per_year": 1e12},
    "income": lambda r: {"other_income_per_year": 5e7},
    "switch": lambda r: {"category": "energy_switch", "switch_fuel": "diesel", "switch_quantity_per_year": 1e6,
                         "switch_unit": "L", "switch_price_per_unit": 20_000.0},
    "saving_huge": lambda r: {"method": "direct", "saving_quantity": 1e12, "saving_unit": "kWh"},
}

FINANCE_VALUES = {
    "discount_rate_pct": (None, 0.0, 12.0, 100.0),
    "analysis_years": (None, 1, 5, 30),
    "energy_price_escalation_pct": (None, -50.0, 0.0, 10.0),
    "inflation_pct": (None, -50.0, 0.0, 100.0),
    "carbon_price_per_tco2": (None, 0.0, 1e6),
    "tax_rate_pct": (None, 0.0, 100.0),
    "esco_actual_saving_pct": (None, 0.0, 200.0),
    "chauffage_discount_pct": (None, 0.0, 100.0),
    "chauffage_energy_bill": (None, 0.0),
    "mc_energy_price_pct": (None, 0.0, 90.0),
    "mc_saving_pct": (None, 0.0, 90.0),
    "mc_capex_pct": (None, 0.0, 90.0),
    "budget": (None, 0.0, 1e15),
    "budget_goal": (None, "npv", "tco2e"),
    "lcc_hours_per_year": (None, 0.0, 8784.0),
    "lcc_energy_price": (None, 0.0),
}

FINANCING = {
    "none": [],
    "edge": [dict(measure_id="*", type="loan", pct_of_capex=100.0, rate_pct=0.0, term_years=0.0, grace_years=50.0),
             dict(measure_id="*", type="grant", pct_of_capex=100.0),
             dict(measure_id="M1", type="esco_shared_savings", share_pct=100.0, contract_years=0.0),
             dict(measure_id="M2", type="esco_guaranteed_savings", share_pct=0.0, contract_years=100.0),
             dict(measure_id="M1", type="rebate", amount=0.0),
             dict(measure_id="M2", type="tax_credit", amount=1e15)],
    "loan_all": [dict(measure_id="*", type="loan", pct_of_capex=100.0, rate_pct=100.0, term_years=100.0,
                      loan_kind="equal_principal")],
}

LIFECYCLE = {
    "none": [],
    "edge": [dict(alternative="free lamp", watts=0.0, life_hours=1.0, price=0.0),
             dict(alternative="LED", watts=10.0, life_hours=1e9, price=1e9)],
}

_METER = SAMPLE.table("Metering")
METERING = {
    "sample": lambda: _METER,
    "empty": lambda: empty_table("Metering"),
    "constant": lambda: _METER.assign(energy=1000.0, production=5.0, cdd=0.0),
    "zero": lambda: _METER.assign(energy=0.0, production=0.0, cdd=0.0),
    "baseline_only": lambda: _METER[_METER["period"] == "baseline"],
    "reporting_only": lambda: _METER[_METER["period"] == "reporting"],
    "two_rows": lambda: _METER.iloc[[0, len(_METER) - 1]],
    "other_energy": lambda: _METER.assign(fuel="lpg", unit="kg", energy=_METER["energy"] / 10),
    "gaps_and_duplicates": lambda: pd.concat([_METER.iloc[::3], _METER.iloc[[0, 0]]], ignore_index=True),
}

TARGETS = {
    "sample": _records("Targets"),
    "empty": [],
    "zero_and_full": [dict(name="none", type="absolute", scope="1+2", base_year=2021, target_year=2022,
                           reduction_pct=0.0),
                      dict(name="all", type="absolute", scope="2", base_year=2021, target_year=2030,
                           reduction_pct=100.0, method="compound", growth_pct=-50.0)],
    "intensity": [dict(name="per unit", type="physical_intensity", scope="1+2", base_year=2021, target_year=2030,
                       reduction_pct=30.0, growth_pct=100.0),
                  dict(name="per VND", type="economic_intensity", scope="1+2+3", base_year=2021,
                       target_year=2030, reduction_tco2e=1e9)],
    "scope3": [dict(name="value chain", type="absolute", scope="1+2+3", base_year=2021, target_year=2050,
                    reduction_pct=50.0)],
}

_ACTIVITIES = SAMPLE.table("Activities")
ACTIVITIES = {
    "sample": lambda: _ACTIVITIES,
    "zero": lambda: _ACTIVITIES.assign(quantity=0.0),
    "empty": lambda: empty_table("Activities"),
    "electricity_only": lambda: _ACTIVITIES[_ACTIVITIES["fuel"] == "electricity_grid"].iloc[:1],
    "scope3_only": lambda: _table("Activities", [dict(scope=3, category="scope3_06", source="Flights", tco2e=12.0)]),
    "partial_row": lambda: pd.concat([_ACTIVITIES, _table("Activities", [dict(scope=1, category="stationary",
                                                                            source="New boiler", fuel="coal_3_4")])],
                                     ignore_index=True),
}

ACTIONS = {
    "sample": lambda: SAMPLE.table("Actions"),
    "sparse": lambda: _table("Actions", [
        dict(what="Only a what"),
        dict(measure_id="M9", what="Unknown measure, end before start", start_date=pd.Timestamp("2024-06-01"),
             end_date=pd.Timestamp("2023-01-01"), status="late"),
        dict(measure_id="M1", what="No dates", kpi=None, status=None, review=None)]),
}

PRODUCTION = {
    "none": [],
    "edge": [dict(year=2021, output=0.0, value_added=0.0), dict(year=2030, output=None, value_added=1e9)],
}

ADJUSTMENTS = {
    "none": [],
    "edge": [dict(period_start=pd.Timestamp("2022-03-01"), amount=-1e9, note="big"),
             dict(period_start=pd.Timestamp("1999-01-01"), amount=0.0)],
}

MV = {
    "blank": {},
    "change_point": {"model": "3p_cooling"},
    "heating": {"model": "3p_heating"},
    "months": {"month_indicators": "yes", "drivers": "production, cdd, hdd"},
    "no_drivers": {"drivers": "none", "ipmvp_savings_share_pct": 0.0, "ipmvp_baseline_meter": "no"},
}

COMPANY = {
    "sample": {},
    "edge": {"currency": "USD", "grid_ef_tco2_per_mwh": 0.0, "output_unit": "t", "output_base": 0.0,
             "value_added_base": 0.0},
    "late_base": {"base_year": 2100},
}


def _measures(spec) -> pd.DataFrame:
    if isinstance(spec, dict):  # {"many": n}: the deck's two measures repeated, ids M1..Mn
        rows = [dict(LED if i % 2 == 0 else AIR, id=f"M{i + 1}") for i in range(spec["many"])]
        return _table("Measures", rows)
    rows = []
    for i, (base, edits) in enumerate(spec):
        row = dict(BASES[base], id=f"M{i + 1}")
        for edit in (["partial"] if "partial" in edits else edits):  # a partial row has nothing to edit
            row.update(EDITS[edit](row))
        rows.append(row)
    return _table("Measures", rows)


def build(spec: dict):
    """The scenario a spec describes (the sample with its tables and fields replaced)."""
    scn = SAMPLE.with_table("Measures", _measures(spec.get("measures", [("led", ()), ("air", ())])))
    for key, value in spec.get("finance", {}).items():
        scn = scn.with_field("Finance", key, value)
    for key, value in {**COMPANY[spec.get("company", "sample")]}.items():
        scn = scn.with_field("Company", key, value)
    for key, value in MV[spec.get("mv", "blank")].items():
        scn = scn.with_field("MV", key, value)
    scn = scn.with_table("Financing", _table("Financing", FINANCING[spec.get("financing", "none")]))
    scn = scn.with_table("LifeCycle", _table("LifeCycle", LIFECYCLE[spec.get("lifecycle", "none")]))
    scn = scn.with_table("Metering", METERING[spec.get("metering", "sample")]())
    scn = scn.with_table("Targets", _table("Targets", TARGETS[spec.get("targets", "sample")]))
    scn = scn.with_table("Activities", ACTIVITIES[spec.get("activities", "sample")]())
    scn = scn.with_table("Actions", ACTIONS[spec.get("actions", "sample")]())
    scn = scn.with_table("Production", _table("Production", PRODUCTION[spec.get("production", "none")]))
    scn = scn.with_table("Adjustments", _table("Adjustments", ADJUSTMENTS[spec.get("adjustments", "none")]))
    if spec.get("empty_optional"):
        for key in ("Targets", "Production", "Financing", "LifeCycle", "Metering", "Adjustments", "Actions",
                    "Factors"):
            scn = scn.with_table(key, empty_table(key))
    return scn


def accepted(spec: dict):
    """The spec's scenario as the reader gives it back from a workbook; asserts it is accepted."""
    result = read_scenario(write_scenario(build(spec), "en"))
    errors = [(p.sheet, p.row, p.column, p.code) for p in result.problems if p.severity == ERROR]
    assert result.scenario is not None and not errors, errors
    return result.scenario


specs = st.fixed_dictionaries({
    "measures": st.lists(st.tuples(st.sampled_from(sorted(BASES)),
                                   st.lists(st.sampled_from(sorted(EDITS)), max_size=3, unique=True)),
                         min_size=0, max_size=3),
    "finance": st.fixed_dictionaries({k: st.sampled_from(v) for k, v in FINANCE_VALUES.items()}),
    "financing": st.sampled_from(sorted(FINANCING)),
    "lifecycle": st.sampled_from(sorted(LIFECYCLE)),
    "metering": st.sampled_from(sorted(METERING)),
    "targets": st.sampled_from(sorted(TARGETS)),
    "activities": st.sampled_from(sorted(ACTIVITIES)),
    "mv": st.sampled_from(sorted(MV)),
    "actions": st.sampled_from(sorted(ACTIONS)),
    "production": st.sampled_from(sorted(PRODUCTION)),
    "adjustments": st.sampled_from(sorted(ADJUSTMENTS)),
    "company": st.sampled_from(sorted(COMPANY)),
    "empty_optional": st.booleans(),
})

#: the issue's cases and the ones that made a page or an export fail
EXAMPLES = [
    {"measures": [("led", ("units0",)), ("air", ("units0",))]},
    {"measures": [("led", ("no_saving",)), ("air", ("no_saving",))]},
    {"measures": [("led", ("capex0",)), ("air", ("capex0",)), ("direct", ("capex0",))]},
    {"measures": [("led", ("capex0", "units0", "price0"))]},
    {"measures": [("led", ("no_fuel_match",)), ("direct", ("other_site",))]},
    {"measures": [("air", ("rate_up",)), ("led", ("partial",)), ("led", ("start_late",))]},
    {"measures": {"many": 200}},
    {"measures": [], "empty_optional": True, "activities": "empty"},
    {"measures": [("led", ())], "empty_optional": True},
    # a century of 100 % inflation: NPVs of 10^40 could not be formatted (decimal precision)
    {"finance": {"discount_rate_pct": 100.0, "analysis_years": 100, "energy_price_escalation_pct": -50.0,
                 "inflation_pct": 100.0, "tax_rate_pct": 100.0}},
    # a life-cycle alternative used 0 hours a year lasts for ever: "Infinity" in summary --json
    {"finance": {"lcc_hours_per_year": 0.0, "discount_rate_pct": 0.0, "analysis_years": 1, "budget": 0.0,
                 "mc_energy_price_pct": 0.0, "mc_saving_pct": 0.0, "mc_capex_pct": 0.0}, "lifecycle": "edge",
     "financing": "edge"},
    {"metering": "constant", "mv": "months", "targets": "intensity", "company": "edge", "activities": "zero",
     "production": "edge"},
    {"actions": "sparse", "adjustments": "edge", "measures": [("led", ()), ("direct", ("partial",))]},
    {"metering": "zero", "mv": "change_point", "targets": "zero_and_full", "activities": "scope3_only"},
    {"metering": "reporting_only", "mv": "heating", "targets": "scope3", "activities": "partial_row",
     "company": "late_base"},
]


def with_examples(test):
    for spec in reversed(EXAMPLES):
        test = example(spec=spec)(test)
    return test


#: generated examples besides the explicit ones (more for a longer hunt: NO_PAGE_FAILS_EXAMPLES=200)
EXTRA = int(os.environ.get("NO_PAGE_FAILS_EXAMPLES", "0"))
SETTINGS = dict(deadline=None, derandomize=not EXTRA, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# -- what is on screen ----------------------------------------------------------------------------
def _bad_number(value) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and not math.isfinite(value))


def screen_texts(at) -> list[tuple[str, str]]:
    """(where, text) of everything readable on the page: texts, metrics, read-only tables (an
    editor's blank cells are inputs), expanders, tabs, options of select boxes and radios."""
    out = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "text", "info", "warning", "error",
                 "success", "latex"):
        out += [(kind, str(el.value)) for el in at.get(kind)]
    for m in at.metric:
        out += [("metric", m.label), ("metric", m.value), ("metric", str(m.proto.delta))]
    for df in at.dataframe:
        if df.proto.editing_mode != 0:
            continue
        frame = df.value
        out += [("table header", str(c)) for c in frame.columns]
        for row in frame.astype(object).itertuples(index=False):
            for column, cell in zip(frame.columns, row):
                out.append((f"table [{column}]", repr(cell) if _bad_number(cell) else str(cell)))
    for tb in at.table:
        out += [("table", str(c)) for row in tb.value.astype(object).itertuples(index=False) for c in row]
    out += [("expander", e.label) for e in at.expander]
    out += [("tab", tab.label) for tab in at.tabs]
    for kind in ("selectbox", "radio", "multiselect"):
        out += [(kind, str(o)) for el in at.get(kind) for o in el.options]
    return out


def figure_problems(figures: list[dict]) -> list[str]:
    """Texts with nan/None/inf and infinite numbers anywhere in Plotly figures (JSON dicts)."""
    found = []

    def walk(node, path):
        if isinstance(node, dict):
            for k, v in node.items():
                if k not in ("hovertemplate", "texttemplate", "template"):  # Plotly's own format strings
                    walk(v, f"{path}.{k}")
        elif isinstance(node, (list, tuple, np.ndarray)):
            for v in (node.tolist() if isinstance(node, np.ndarray) else node):
                walk(v, path)
        elif isinstance(node, str) and BAD.search(node):
            found.append(f"{path}: {node[:80]}")
        elif isinstance(node, float) and math.isinf(node):
            found.append(f"{path}: {node}")

    for fig in figures:
        walk(fig.get("layout", {}), "layout")
        walk(fig.get("data", []), "data")
    return found


def page_problems(at, lang: str) -> list[str]:
    failed = t("app.page_failed", lang)
    out = [f"exception: {e.value}" for e in at.exception]
    out += [f"page failed: {e.value}" for e in at.error if failed in str(e.value)]
    out += [f"{where}: {text[:120]}" for where, text in screen_texts(at) if BAD.search(text)]
    out += [f"chart {p}" for p in figure_problems(plotly_figures(at))]
    return out


@settings(max_examples=EXTRA or 6, **SETTINGS)
@with_examples
@given(spec=specs)
def test_every_page_opens(spec):
    scenario = accepted(spec)
    problems = []
    for lang in ("vi", "en"):
        for trainer in (False, True):
            at = new_app(lang)
            open_scenario(at, scenario)
            at.session_state["variants"] = {**at.session_state["variants"], "Deck": SAMPLE}  # compare has two
            at.run()
            if trainer:
                at.sidebar.toggle(key="sidebar_trainer").set_value(True).run()
            for page in PAGES:
                at.switch_page(f"pages/{page}.py").run()
                problems += [f"{lang} trainer={trainer} {page}: {p}" for p in page_problems(at, lang)]
                if page == "finance" and not trainer:  # each measure's own details (up to 3)
                    pick = [s for s in at.selectbox if s.label == t("fin.pick", lang)]
                    for i in range(min(3, len(pick[0].options) - 1) if pick else 0):
                        next(s for s in at.selectbox if s.label == t("fin.pick", lang)).select_index(i).run()
                        problems += [f"{lang} finance, measure {i + 1}: {p}" for p in page_problems(at, lang)]
    assert not problems, "\n".join(dict.fromkeys(problems))


# -- exports --------------------------------------------------------------------------------------
def strict_json(text: str):
    def refuse(constant):
        raise ValueError(f"{constant} is not JSON")
    return json.loads(text, parse_constant=refuse)


def report_problems(data: bytes) -> list[str]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    out = []
    for ws in book.worksheets:
        if ws.title in ("README", "Đọc tôi"):
            continue
        for row in ws.iter_rows():
            for cell in row:
                v = cell.value
                if isinstance(v, float) and not math.isfinite(v):
                    out.append(f"{ws.title}!{cell.coordinate}: {v}")
                elif isinstance(v, str) and BAD.search(v) and not v.startswith("="):
                    out.append(f"{ws.title}!{cell.coordinate}: {v[:80]}")
    return out


@settings(max_examples=EXTRA or 10, **SETTINGS)
@with_examples
@given(spec=specs)
def test_exports(spec):
    scenario = accepted(spec)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the calculations' own warnings (an IRR by hand without a bracket...)
        summary = scenario_summary(scenario)
    text = json.dumps(summary, ensure_ascii=False)  # exactly what `summary --json` prints
    strict_json(text)
    problems = []
    for lang in ("vi", "en"):
        problems += [f"report {lang}: {p}" for p in report_problems(write_report(scenario, lang, summary=summary))]
        figures = report_figures(scenario, lang, summary=summary)
        problems += [f"chart {lang} {p}" for p in figure_problems([f.to_plotly_json() for f in figures.values()])]
    assert not problems, "\n".join(problems)


def test_summary_json_command_on_an_edge_workbook(tmp_path, capsys):
    """`summary --json` itself (reading in its worker process) on a workbook with the issue's
    cases and a lamp used 0 hours a year: valid JSON, null where a number cannot be computed."""
    from cli.main import main

    spec = {"measures": [("led", ("units0",)), ("air", ("no_saving", "capex0")), ("direct", ("partial",))],
            "finance": {"lcc_hours_per_year": 0.0}, "financing": "edge"}
    path = tmp_path / "edge.xlsx"
    path.write_bytes(write_scenario(accepted(spec), "vi"))
    assert main(["summary", str(path), "--json"]) == 0
    out = strict_json(capsys.readouterr().out)
    assert out["measures"][0]["simple_payback_years"] is None  # no saving: never paid back
    assert [alt["life_years"] for alt in out["life_cycle"]] == [None] * len(out["life_cycle"])
