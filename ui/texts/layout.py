"""Texts of the projector-first layout (``ui.layout``): KPI cards' tooltips, the Finance KPIs."""
from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "layout.exact": {"vi": "Giá trị đầy đủ: {v}", "en": "Exact value: {v}"},
    "fin.kpi_npv": {"vi": "NPV của danh mục ({cur})", "en": "Portfolio NPV ({cur})"},
    "fin.kpi_irr": {"vi": "IRR của danh mục", "en": "Portfolio IRR"},
    "fin.kpi_payback": {"vi": "Hoàn vốn giản đơn (năm)", "en": "Simple payback (yr)"},
    "fin.kpi_bcr": {"vi": "Tỷ số lợi ích/chi phí (B/C)", "en": "Benefit–cost ratio (B/C)"},
}
