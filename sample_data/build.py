"""Build the bundled workbooks: the deck's sample factory (vi and en) and the empty templates.

Run ``python -m sample_data.build`` after changing the schema or the sample; a test checks that
the committed files match what this script produces.

The activity quantities are one set that reproduces every rounded figure of the deck's
inventory with the deck's factors (seed-digest §1): e.g. 1,385 L diesel × 2.730 t/kL = 3.78 t,
2,300,000 kWh × 0.8041 t/MWh (the 2020 grid factor the deck uses) = 1,849.43 t.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from workbook.model import Scenario
from workbook.write import empty_scenario, write_scenario, write_template

HERE = Path(__file__).parent
FILES = {
    "sample_factory_vi.xlsx": "vi",
    "sample_factory_en.xlsx": "en",
}
TEMPLATES = {"template_vi.xlsx": "vi", "template_en.xlsx": "en"}

# scope, category, source (vi), source (en), fuel, quantity, unit
ACTIVITIES = [
    (1, "stationary", "Dầu diesel cho máy phát điện", "Diesel for the generator", "diesel", 1385, "L"),
    (1, "stationary", "Xăng cho máy cắt cỏ", "Gasoline for the lawn mower", "gasoline", 456, "L"),
    (1, "stationary", "LPG cho canteen", "LPG for the canteen", "lpg", 14521, "kg"),
    (1, "mobile", "Xăng cho xe ô tô", "Gasoline for company cars", "gasoline", 581, "L"),
    (1, "mobile", "Dầu diesel cho xe tải", "Diesel for trucks", "diesel", 989, "L"),
    (1, "fugitive", "Môi chất làm lạnh R410A", "Refrigerant R-410A leak", "r410a", 5, "kg"),
    (2, "electricity", "Điện lưới - Vận hành máy móc thiết bị", "Grid electricity – machinery", "electricity_grid", 2_300_000, "kWh"),
    (2, "electricity", "Điện lưới - Hoạt động chiếu sáng", "Grid electricity – lighting", "electricity_grid", 78_000, "kWh"),
    (2, "electricity", "Điện lưới - Hoạt động làm mát", "Grid electricity – cooling", "electricity_grid", 700_000, "kWh"),
    (2, "electricity", "Điện lưới - Hoạt động tại canteen", "Grid electricity – canteen", "electricity_grid", 250_000, "kWh"),
    (2, "electricity", "Điện lưới - Hoạt động máy nén khí", "Grid electricity – compressed air", "electricity_grid", 700_000, "kWh"),
]


def sample_factory(lang: str = "vi") -> Scenario:
    """The training deck's sample factory: inventory, the -30 % target, the LED case and a
    compressed-air leak repair (20 % of the 700,000 kWh compressed-air source, an assumption)."""
    base = empty_scenario()
    site = "Nhà máy" if lang == "vi" else "Factory"
    activities = pd.DataFrame(
        {
            "site": [site] * len(ACTIVITIES),
            "scope": pd.array([a[0] for a in ACTIVITIES], dtype="Int64"),
            "category": [a[1] for a in ACTIVITIES],
            "source": [a[2] if lang == "vi" else a[3] for a in ACTIVITIES],
            "fuel": [a[4] for a in ACTIVITIES],
            "quantity": [float(a[5]) for a in ACTIVITIES],
            "unit": [a[6] for a in ACTIVITIES],
            "factor_tco2e_per_unit": [float("nan")] * len(ACTIVITIES),
            "tco2e": [float("nan")] * len(ACTIVITIES),
        }
    )
    targets = pd.DataFrame(
        {
            "name": ["Tổng phạm vi 1 & 2 giảm 30%", "Phạm vi 1 giảm 10%"] if lang == "vi"
            else ["Scope 1+2 total -30 %", "Scope 1 -10 %"],
            "type": ["absolute", "absolute"],
            "scope": ["1+2", "1"],
            "base_year": pd.array([2021, 2021], dtype="Int64"),
            "target_year": pd.array([2030, 2030], dtype="Int64"),
            "reduction_pct": [30.0, 10.0],
            "reduction_tco2e": [float("nan")] * 2,
            "method": ["linear", "linear"],
            "growth_pct": [float("nan")] * 2,
        }
    )
    measure = {c: None for c in base.table("Measures").columns}
    measure.update(
        id="M1",
        name="Thay đèn huỳnh quang 40 W bằng đèn LED 20 W" if lang == "vi"
        else "Replace 40 W fluorescent tubes with 20 W LED tubes",
        category="equipment", site=site, fuel="electricity_grid", method="rate_after",
        units=1000.0, rate_before=0.04, rate_after=0.02, rate_unit="kW", hours_per_year=2560.0,
        usage_factor=0.9, energy_price_per_unit=1642.0, capex_equipment=150_000_000.0,
        capex_labour=10_000_000.0, capex_other=0.0, lifetime_years=5.0, start_year=2022,
    )
    air = {c: None for c in base.table("Measures").columns}
    air.update(
        id="M2", name="Khắc phục rò rỉ khí nén" if lang == "vi" else "Fix compressed-air leaks",
        category="loss_reduction", site=site, source=ACTIVITIES[10][2 if lang == "vi" else 3],
        fuel="electricity_grid", method="saving_pct", units=1.0, rate_before=100.0, rate_unit="kW",
        saving_pct=20.0, hours_per_year=7000.0, usage_factor=1.0, energy_price_per_unit=1642.0,
        capex_equipment=20_000_000.0, capex_labour=10_000_000.0, capex_other=0.0, lifetime_years=3.0,
        start_year=2023,
    )
    measures = pd.DataFrame([measure, air]).astype(base.table("Measures").dtypes.to_dict())
    company = {
        **base.company,
        "name": "Nhà máy mẫu (tài liệu tập huấn)" if lang == "vi" else "Sample factory (training deck)",
        "sector": "Dệt may" if lang == "vi" else "Textile and garment",
        "currency": "VND",
        "base_year": 2021,
        "grid_ef_year": 2020,
        "gwp_set": "AR5",
    }
    finance = {**base.fields["Finance"], "discount_rate_pct": 12.0, "analysis_years": 5}
    tables = {**base.tables, "Activities": activities, "Targets": targets, "Measures": measures}
    return Scenario({**base.fields, "Company": company, "Finance": finance}, tables, {},
                    "sample_factory")


def main() -> None:
    for name, lang in FILES.items():
        (HERE / name).write_bytes(write_scenario(sample_factory(lang), lang))
    for name, lang in TEMPLATES.items():
        (HERE / name).write_bytes(write_template(lang))
    print("wrote", ", ".join([*FILES, *TEMPLATES]))


if __name__ == "__main__":
    main()
