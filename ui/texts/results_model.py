"""Texts of the one-results-model work: tax and inflation, the what-if settings kept in the
scenario, the editable life-cycle comparison."""
from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "fin.inflation_pct": {"vi": "Lạm phát (%/năm)", "en": "Inflation (%/yr)"},
    "fin.tax_rate_pct": {"vi": "Thuế suất TNDN (%)", "en": "Income tax rate (%)"},
    "fin.esco_bill_default": {"vi": "để trống = 3 × tiền tiết kiệm", "en": "blank = 3 × the money saved"},
    "fin.lcc_edit": {"vi": "Sửa các phương án so sánh vòng đời", "en": "Edit the life-cycle alternatives"},
    "fin.lcc_hours": {"vi": "Số giờ sử dụng mỗi năm", "en": "Hours of use per year"},
    "fin.lcc_price": {"vi": "Giá điện (mỗi kWh)", "en": "Electricity price (per kWh)"},
}
