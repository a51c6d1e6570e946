"""Inventory charts summarise (issue 16): the largest sources drawn, the rest summed into "n other
sources"; no chart carries one mark per row of a large table. Expected totals are sums of the
inputs written here."""
from __future__ import annotations

import numpy as np
import pandas as pd

from calc.inventory import pareto
from figures.inventory import pareto_chart, scope_mix_sunburst

N_ROWS = 100_000


def large_rows(n: int = N_ROWS) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    scope = rng.choice(["1", "2", "3"], size=n)
    category = np.where(scope == "2", "electricity", rng.choice(["stationary", "mobile"], size=n))
    tco2e = rng.lognormal(0.0, 1.5, size=n)
    tco2e[:5] = [5_000.0, 4_000.0, 3_000.0, 2_000.0, 1_000.0]  # five sources clearly the largest
    return pd.DataFrame({"site": "A", "scope": scope, "category": category,
                         "source": [f"Source {i}" for i in range(n)], "tco2e": tco2e,
                         "share_pct": tco2e / tco2e.sum() * 100})


def sunburst_frame(rows: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"scope": rows["scope"], "scope_label": "Scope " + rows["scope"],
                         "category_label": rows["category"], "source_label": rows["source"],
                         "tco2e": rows["tco2e"]})


def test_the_sunburst_of_100k_rows_draws_the_top_sources_and_sums_the_rest():
    rows = large_rows()
    fig = scope_mix_sunburst(sunburst_frame(rows), title="Mix", separators=".,", unit="tCO2e",
                             other_label="{n} other sources", top_n=10)
    trace = fig.data[0]
    labels, parents, values = list(trace.labels), list(trace.parents), np.asarray(trace.values, dtype=float)
    assert len(labels) < 30  # 3 scopes + 5 categories + 10 sources + at most 5 "other" leaves
    roots = [i for i, p in enumerate(parents) if p == ""]
    assert np.isclose(values[roots].sum(), rows["tco2e"].sum())  # nothing lost in the summary
    leaves = [i for i, label in enumerate(labels) if label.startswith("Source")]
    assert sorted(labels[i] for i in leaves) == sorted(rows.nlargest(10, "tco2e")["source"])
    others = [i for i, label in enumerate(labels) if label.endswith("other sources")]
    assert sum(int(labels[i].split()[0]) for i in others) == N_ROWS - 10
    assert np.isclose(values[leaves].sum() + values[others].sum(), rows["tco2e"].sum())


def test_the_sunburst_sums_a_source_name_once_per_category():
    rows = pd.DataFrame({"scope": ["1", "1", "2"], "scope_label": ["S1", "S1", "S2"],
                         "category_label": ["Fuel", "Fuel", "Power"], "source_label": ["Boiler", "Boiler", "Grid"],
                         "tco2e": [1.0, 2.0, 4.0]})
    trace = scope_mix_sunburst(rows, title="", separators=".,", unit="t", other_label="{n} other").data[0]
    assert dict(zip(trace.labels, trace.values))["Boiler"] == 3.0


def test_the_pareto_of_100k_rows_has_the_top_bars_and_one_bar_for_the_rest():
    top = pareto(large_rows())
    fig = pareto_chart(top.assign(label=top["source"]), title="P", separators=".,", unit="tCO2e",
                       cumulative_label="Cumulative %", other_label="{n} other sources", top_n=15)
    bars, line = fig.data
    assert len(bars.y) == 16 and len(line.y) == 16
    assert list(fig.layout.xaxis.ticktext[:5]) == ["Source 0", "Source 1", "Source 2", "Source 3", "Source 4"]
    assert fig.layout.xaxis.ticktext[-1] == f"{N_ROWS - 15:,} other sources".replace(",", "")
    assert np.isclose(np.sum(bars.y), top["tco2e"].sum())
    assert np.isclose(line.y[-1], 100.0)
