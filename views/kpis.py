"""The comparison's KPI columns (the compare page and ``energy-scenarios compare``), read from the
JSON view of the results model (:func:`results.summary.results_summary`)."""
from __future__ import annotations

T, PCT, YEAR, COUNT, MONEY, YEARS = "#,##0.00", "0.0", "0", "0", "#,##0", "0.00"

#: key, English header, Vietnamese header, number format (None: text)
COLUMNS = (
    ("file", "File", "Tệp", None),
    ("variant", "Variant", "Phương án", None),
    ("company", "Company", "Công ty", None),
    ("status", "Status", "Trạng thái", None),
    ("total_tco2e", "Total emissions [tCO2e]", "Tổng phát thải [tCO2e]", T),
    ("scope1_tco2e", "Scope 1 [tCO2e]", "Phạm vi 1 [tCO2e]", T),
    ("scope2_tco2e", "Scope 2 [tCO2e]", "Phạm vi 2 [tCO2e]", T),
    ("scope3_tco2e", "Scope 3 [tCO2e]", "Phạm vi 3 [tCO2e]", T),
    ("target_year", "Target year", "Năm mục tiêu", YEAR),
    ("reduction_pct", "Target reduction [%]", "Mức giảm mục tiêu [%]", PCT),
    ("emissions_target_year_with_measures", "Emissions in the target year with measures [tCO2e]",
     "Phát thải năm mục tiêu khi có giải pháp [tCO2e]", T),
    ("gap_target_year_tco2e", "Gap to the target in the target year [tCO2e]",
     "Còn thiếu so với mục tiêu năm mục tiêu [tCO2e]", T),
    ("measures", "Measures", "Số giải pháp", COUNT),
    ("currency", "Currency", "Đơn vị tiền tệ", None),
    ("capex", "Investment", "Vốn đầu tư", MONEY),
    ("npv", "NPV", "NPV", MONEY),
    ("irr_pct", "IRR [%]", "IRR [%]", PCT),
    ("payback_years", "Simple payback [years]", "Hoàn vốn giản đơn [năm]", YEARS),
    ("avoided_energy_mv", "Avoided energy (M&V)", "Năng lượng tránh được (M&V)", MONEY),
)

def _last(mapping: dict, years: list[int]):
    return mapping.get(str(years[-1])) if years else None


def kpis(summary: dict) -> dict:
    """The KPI columns of one workbook's :func:`~results.summary.results_summary`."""
    inv, portfolio, finance = summary["inventory"], summary["portfolio"], summary["finance"]
    targets = summary["targets"]
    target = next((t for t in targets if t["name"] == portfolio["target"]), None) if portfolio["target"] else None
    years = portfolio["years"] if target is not None else []
    mv = summary["mv"] or {}
    irr = finance.get("irr")
    return {
        "total_tco2e": inv["total_tco2e"],
        **{f"scope{s}_tco2e": inv["by_scope"].get(s) for s in ("1", "2", "3")},
        "target_year": target["target_year"] if target else None,
        "reduction_pct": target["reduction_pct"] if target else None,
        "emissions_target_year_with_measures": _last(portfolio["with_measures_tco2e"], years),
        "gap_target_year_tco2e": _last(portfolio["gap_tco2e"], years),
        "measures": len(summary["measures"]),
        "currency": summary["company"].get("currency"),
        "capex": finance.get("capex"),
        "npv": finance.get("npv"),
        "irr_pct": None if irr is None else round(irr * 100, 9),
        "payback_years": finance.get("simple_payback_years"),
        "avoided_energy_mv": (mv.get("avoided_energy") or {}).get("total"),
    }


