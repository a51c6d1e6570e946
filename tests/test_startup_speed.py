"""Issue 16 (large scenarios stay interactive): what keeps the first page and each rerun fast does
not change a number.

- the bundled sample is read in the app's process (no worker), with the worker's very result;
  an upload of the same bytes still goes through the worker;
- the first page imports neither SQLAlchemy nor SciPy (the session store and the plan's solver
  are loaded when first used);
- :func:`results.analyse` leaves the risk views, the M&V and the least-cost plan to first use,
  and they equal what their own functions give;
- the library lookup of :func:`calc.inventory.emissions_by_row` and the cost of ambition's
  solves without the result tables give what the general paths give.
"""
from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from tests.paths import ROOT

SAMPLE = ROOT / "sample_data" / "sample_factory_en.xlsx"


@pytest.fixture(scope="module")
def sample():
    from workbook.read import read_scenario

    return read_scenario(SAMPLE).scenario


# -- the bundled sample ---------------------------------------------------------------------------
def test_only_the_bundled_sample_opened_as_a_sample_is_read_in_process():
    from ui.cache import is_bundled

    data = SAMPLE.read_bytes()
    assert is_bundled(data, "sample_factory_en")             # ui.state.load_sample's call
    assert not is_bundled(data, "sample_factory_en.xlsx")    # an upload of the very same bytes
    assert not is_bundled(data, "sample_factory_vi")         # another sample's name
    assert not is_bundled(data + b"\0", "sample_factory_en")  # other bytes


def test_in_process_reading_of_the_sample_equals_the_workers():
    from workbook.read import read_scenario
    from workbook.worker import read_in_worker

    data = SAMPLE.read_bytes()
    here, there = read_scenario(data, name="sample_factory_en"), read_in_worker(data, "sample_factory_en")
    assert here.ok and there.ok
    assert here.scenario.content_key == there.scenario.content_key and here.scenario.name == there.scenario.name
    assert [p.code for p in here.problems] == [p.code for p in there.problems]


# -- imports of the first page --------------------------------------------------------------------
def test_the_first_page_imports_neither_sqlalchemy_nor_scipy_nor_openpyxl(sample):
    code = (
        "import sys\n"
        "from ui import layout, session, state\n"
        "from ui.sidebar import render_sidebar\n"
        "from workbook.read import read_scenario\n"
        "from results import analyse\n"
        f"res = analyse(read_scenario({str(SAMPLE)!r}).scenario)\n"
        "print(res.inventory.total_tco2e)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'scipy', 'openpyxl'}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_the_session_store_loads_sqlalchemy_when_first_used(tmp_path):
    code = (
        "import sys\n"
        "import sessions.store as s\n"
        "assert 'sqlalchemy' not in sys.modules\n"
        "assert s.valid_token(s.new_token())\n"
        "assert 'sqlalchemy' not in sys.modules\n"
        "assert s.sessions_table.name == 'sessions' and s.scenarios_table.name == 'session_scenarios'\n"
        f"store = s.SessionStore('sqlite:///{tmp_path / 'db.sqlite3'}')\n"
        "print(store.count())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "0"


# -- results computed on first use ----------------------------------------------------------------
def test_risk_mv_and_plan_are_computed_on_first_use_and_equal_their_functions(sample):
    from results import analyse
    from results.model import risk_results
    from results.mv import analyse_mv
    from results.plan import plan_results

    res = analyse(sample)
    assert res.computed == {}  # nothing of them computed by analyse
    assert res.risk_inputs is not None
    direct = risk_results(*res.risk_inputs)
    pd.testing.assert_frame_equal(res.risk.tornado, direct.tornado)
    assert res.risk.break_even == direct.break_even
    np.testing.assert_array_equal(res.risk.monte_carlo["npv"], direct.monte_carlo["npv"])
    assert res.risk is res.risk  # once per results object
    assert res.mv.to_json() == analyse_mv(sample, res.factor_table, res.measures).to_json()
    plan = res.plan
    assert plan is not None and plan.computed == {}  # no solve until a plan is asked for
    again = plan_results(sample, res.measures_claimed, res.applied, res.inventory.rows, res.main_target,
                         res.finance.settings, res.base_year)
    got, want = plan.plan(), again.plan()  # the sample's target is out of reach: compare the shortfall too
    assert got.status == want.status and got.shortfall == want.shortfall
    assert got.npv == want.npv or (np.isnan(got.npv) and np.isnan(want.npv))
    assert set(res.computed) == {"risk", "mv", "plan"}


def test_a_scenario_without_ok_measures_has_no_risk(sample):
    from results import analyse

    res = analyse(sample.with_table("Measures", sample.table("Measures").iloc[0:0]))
    assert res.risk_inputs is None and res.risk is None and res.budget is None


# -- the faster paths give the general paths' numbers ---------------------------------------------
def test_library_lookup_equals_the_multiindex_lookup():
    from calc.inventory import _library_rows

    lib_f = np.array(["diesel", "diesel", "lpg", "electricity_grid"], dtype=object)
    lib_d = np.array(["volume", "mass", "mass", "energy"], dtype=object)
    fuel = np.array(["diesel", "lpg", None, np.nan, pd.NA, 5, "diesel", "coal", np.str_("lpg"), "diesel"], dtype=object)
    dim = np.array(["mass", "mass", "mass", "mass", "mass", "mass", np.nan, "mass", "mass", None], dtype=object)
    expected = pd.MultiIndex.from_arrays([lib_f, lib_d]).get_indexer(pd.MultiIndex.from_arrays([fuel, dim])).astype(float)
    expected[expected < 0] = np.nan
    np.testing.assert_array_equal(_library_rows(lib_f, lib_d, fuel, dim), expected)
    with pytest.raises(ValueError, match="several rows"):
        _library_rows(np.array(["lpg", "lpg"], dtype=object), np.array(["mass", "mass"], dtype=object), fuel, dim)


def test_cost_of_ambition_points_equal_least_cost_plans(sample):
    from calc.plan import cost_of_ambition, least_cost_plan
    from results import analyse

    p = analyse(sample).plan
    out = cost_of_ambition(p.problem, points=5, marks=p.levels_pct)
    yi = int(np.flatnonzero(p.problem.years == p.problem.target_year)[0])
    bau_y, e0 = float(p.problem.bau_tco2e[yi]), p.problem.base_tco2e
    rows = pd.concat([out["curve"], out["marks"].drop(columns="mark")], ignore_index=True)
    assert len(rows) >= 5
    for rec in rows.itertuples():
        need = bau_y - e0 * (1.0 - rec.level_pct / 100.0)
        plan = least_cost_plan(replace(p.problem), required_tco2e=pd.Series({p.problem.target_year: need}),
                               diagnose=False)
        assert rec.status == plan.status and rec.measures == len(plan.chosen)
        assert (rec.npv == plan.npv) or (np.isnan(rec.npv) and np.isnan(plan.npv))
