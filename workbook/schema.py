"""Every sheet and column of the scenario workbook, defined once.

Reading, validating, the template, its README sheet and the README's format section all come
from :data:`SHEETS`. Canonical keys are English; each sheet, column, field and allowed value has
a Vietnamese and an English label, and the reader accepts either (case and surrounding spaces
ignored) plus the aliases listed here.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from calc.factors import GWP_SETS, load_library
from calc.inventory import CATEGORY_SCOPE

TEXT, NUMBER, INTEGER, CHOICE, DATE = "text", "number", "integer", "choice", "date"
#: Type of the Variants sheet's ``value`` column: whatever the target column's type is.
ANY = "any"


@dataclass(frozen=True)
class Choice:
    """An allowed value: canonical key (str or int) and its labels."""

    key: str | int
    en: str
    vi: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Column:
    """A column of a table sheet, or a field of a field/value sheet.

    ``dtype`` is one of text, number, integer, choice, date. ``min``/``max`` bound numbers.
    ``required`` means every data row must have a value (conditional rules live in
    :mod:`workbook.validate`). ``several`` marks a text cell that lists several of ``choices``,
    separated by commas, semicolons or "+" (kept as canonical keys, written as labels; a name
    that is no choice is kept as typed for the validation that reports it).
    """

    key: str
    en: str
    vi: str
    dtype: str = TEXT
    unit: str = ""
    required: bool = False
    choices: tuple[Choice, ...] = ()
    min: float | None = None
    max: float | None = None
    help_en: str = ""
    help_vi: str = ""
    aliases: tuple[str, ...] = ()
    default: object = None
    several: bool = False

    def label(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en

    def help(self, lang: str) -> str:
        return self.help_vi if lang == "vi" else self.help_en


@dataclass(frozen=True)
class Sheet:
    """A sheet: ``kind`` is ``table`` (one row per record) or ``fields`` (field/value pairs)."""

    key: str
    en: str
    vi: str
    kind: str
    columns: tuple[Column, ...]
    required: bool = False
    help_en: str = ""
    help_vi: str = ""
    aliases: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]


# -- allowed values -----------------------------------------------------------------------------
SCOPE_CHOICES = (
    Choice(1, "Scope 1 (direct)", "Phạm vi 1 (trực tiếp)", ("scope 1", "phạm vi 1", "pv1", "s1")),
    Choice(2, "Scope 2 (indirect, energy)", "Phạm vi 2 (gián tiếp)", ("scope 2", "phạm vi 2", "pv2", "s2")),
    Choice(3, "Scope 3 (other indirect)", "Phạm vi 3 (gián tiếp khác)", ("scope 3", "phạm vi 3", "pv3", "s3")),
)
_SCOPE3 = [
    ("Purchased goods and services", "Hàng hóa / dịch vụ đã mua"),
    ("Capital goods", "Tư liệu sản xuất"),
    ("Fuel- and energy-related activities", "Liên quan đến nhiên liệu / năng lượng"),
    ("Upstream transportation and distribution", "Vận chuyển & phân phối thượng nguồn"),
    ("Waste generated in operations", "Chất thải hoạt động"),
    ("Business travel", "Phương tiện công tác"),
    ("Employee commuting", "Phương tiện đi lại của nhân viên"),
    ("Upstream leased assets", "Cơ sở vật chất cho thuê thượng nguồn"),
    ("Downstream transportation and distribution", "Vận chuyển & phân phối hạ nguồn"),
    ("Processing of sold products", "Chế biến các sản phẩm đã bán"),
    ("Use of sold products", "Sử dụng sản phẩm đã bán"),
    ("End-of-life treatment of sold products", "Kết thúc vòng đời của sản phẩm"),
    ("Downstream leased assets", "Cơ sở vật chất cho thuê hạ nguồn"),
    ("Franchises", "Nhượng quyền thương mại"),
    ("Investments", "Đầu tư"),
]
_CATEGORY_LABELS = {
    "stationary": ("Stationary combustion", "Nguồn đốt cố định",
                   ("đốt cố định", "cố định", "nguồn cố định", "stationary")),
    "mobile": ("Mobile combustion", "Nguồn đốt di động", ("đốt di động", "di động", "nguồn di động", "mobile")),
    "fugitive": ("Refrigerant leaks (fugitive)", "Môi chất lạnh (rò rỉ)",
                 ("refrigerant", "môi chất lạnh", "môi chất làm lạnh", "phát thải phân tán", "rò rỉ",
                  "rò rỉ môi chất lạnh", "fugitive", "leak")),
    "electricity": ("Purchased electricity", "Mua điện lưới",
                    ("điện lưới", "grid electricity", "điện", "điện mua", "mua điện", "electricity")),
    "heat_steam_cooling": ("Purchased heat, steam and cooling", "Mua hơi nước, nhiệt, làm mát", ()),
    **{f"scope3_{i:02d}": (f"Scope 3.{i} {en}", f"Phạm vi 3.{i} {vi}", (en, vi, f"scope3_{i}", f"3.{i}"))
       for i, (en, vi) in enumerate(_SCOPE3, start=1)},
}
CATEGORY_CHOICES = tuple(
    Choice(key, *_CATEGORY_LABELS[key][:2], _CATEGORY_LABELS[key][2]) for key in CATEGORY_SCOPE
)
TARGET_TYPE_CHOICES = (
    Choice("absolute", "Absolute", "Tuyệt đối"),
    Choice("physical_intensity", "Physical intensity", "Cường độ vật lý"),
    Choice("economic_intensity", "Economic intensity", "Cường độ kinh tế"),
)
PATH_CHOICES = (
    Choice("linear", "Linear", "Tuyến tính"),
    Choice("compound", "Constant % per year", "Giảm đều %/năm"),
)
TARGET_SCOPE_CHOICES = tuple(Choice(k, f"Scope {k}", f"Phạm vi {k}") for k in ("1", "2", "1+2", "1+2+3"))
MEASURE_CATEGORY_CHOICES = (
    Choice("management", "Management / behaviour (short-term)", "Quản lý (ngắn hạn)"),
    Choice("retrofit", "Retrofit / improvement (short-term)", "Cải tạo – cải tiến (ngắn hạn)"),
    Choice("loss_reduction", "Loss reduction (short-term)", "Giảm tổn thất (ngắn hạn)"),
    Choice("equipment", "Equipment (long-term)", "Thiết bị (dài hạn)"),
    Choice("technology", "Technology (long-term)", "Công nghệ (dài hạn)"),
    Choice("energy_switch", "Energy switch (long-term)", "Chuyển dịch năng lượng (dài hạn)"),
)
METHOD_CHOICES = (
    Choice("rate_after", "Rate after (B = rate after × hours)", "Định mức sau (B = định mức sau × giờ)"),
    Choice("saving_pct", "Saving % (B = A × (1 − saving %))", "Tỷ lệ tiết kiệm (B = A × (1 − %))"),
    Choice("direct", "Known saving per year", "Lượng tiết kiệm đã biết"),
)
RATE_UNIT_CHOICES = tuple(Choice(u, u, u) for u in ("kW", "L/h", "kg/h", "t/h", "m3/h"))
FINANCING_TYPE_CHOICES = (
    Choice("equity", "Equity", "Vốn chủ sở hữu"),
    Choice("loan", "Loan", "Vay tín dụng"),
    Choice("grant", "Grant", "Tài trợ không hoàn lại"),
    Choice("rebate", "Rebate", "Hoàn tiền (rebate)"),
    Choice("tax_credit", "Tax credit", "Tín dụng thuế"),
    Choice("esco_shared_savings", "ESCO shared savings", "ESCO chia sẻ tiết kiệm"),
    Choice("esco_guaranteed_savings", "ESCO guaranteed savings", "ESCO bảo đảm tiết kiệm"),
)
BUDGET_GOAL_CHOICES = (
    Choice("npv", "NPV", "NPV"),
    Choice("tco2e", "tCO2e reduced", "tCO2e giảm"),
)
LOAN_KIND_CHOICES = (
    Choice("annuity", "Annuity (equal payments)", "Trả đều hằng năm"),
    Choice("equal_principal", "Equal principal", "Trả gốc đều"),
)
PERIOD_CHOICES = (
    Choice("baseline", "Baseline", "Giai đoạn cơ sở"),
    Choice("reporting", "Reporting", "Giai đoạn báo cáo"),
)
ACTION_STATUS_CHOICES = (
    Choice("planned", "Planned", "Kế hoạch"),
    Choice("in_progress", "In progress", "Đang thực hiện"),
    Choice("done", "Done", "Hoàn thành"),
    Choice("late", "Late", "Chậm tiến độ"),
)
REVIEW_CHOICES = (
    Choice("quarterly", "Quarterly", "Hằng quý"),
    Choice("annual", "Annual", "Hằng năm"),
    Choice("phase", "By phase", "Theo giai đoạn"),
)
GWP_CHOICES = tuple(Choice(s, f"IPCC {s}", f"IPCC {s}") for s in GWP_SETS)
CURRENCY_CHOICES = (
    Choice("VND", "VND", "VND", ("vnđ", "đồng", "đ", "₫", "vn đồng", "việt nam đồng", "vietnam dong",
                                 "vietnamese dong")),
    Choice("USD", "USD", "USD", ("$", "us$", "us dollar", "dollar", "đô la", "đô la mỹ", "đô")),
    Choice("EUR", "EUR", "EUR", ("€", "euro", "euros")),
)


def unit_choices() -> tuple[Choice, ...]:
    """Units of the factor library (keys and their aliases)."""
    units = load_library().units
    return tuple(Choice(k, k, k, tuple(a)) for k, a in zip(units.index, units["aliases"]))


def fuel_choices() -> tuple[Choice, ...]:
    """Fuels of the factor library with their labels and synonyms (``aliases`` in
    ``calc/data/factors.toml``; a synonym listed under two fuels, such as "gas", is ambiguous);
    a ``Factors`` sheet may add more fuels (see validate)."""
    fuels = load_library().fuels
    return tuple(Choice(k, en, vi, tuple(a)) for k, en, vi, a in
                 zip(fuels.index, fuels["name_en"], fuels["name_vi"], fuels["aliases"]))


def _c(key, en, vi, dtype=TEXT, **kw) -> Column:
    return Column(key, en, vi, dtype, **kw)


# -- sheets -------------------------------------------------------------------------------------
COMPANY = Sheet(
    "Company", "Company", "Công ty", "fields",
    (
        _c("name", "Company name", "Tên công ty", help_en="Name shown on every page and report.",
           help_vi="Tên hiển thị trên các trang và báo cáo."),
        _c("sector", "Sector", "Ngành", help_en="E.g. textile, garment, footwear.",
           help_vi="Ví dụ: dệt, may, giày dép."),
        _c("currency", "Currency", "Đơn vị tiền tệ", CHOICE, choices=CURRENCY_CHOICES, default="VND",
           help_en="Currency of every money amount (VND by default).",
           help_vi="Đơn vị tiền của mọi số tiền (mặc định VND)."),
        _c("base_year", "Base year", "Năm cơ sở", INTEGER, min=1990, max=2100,
           help_en="Year of the inventory and of the targets' baseline.",
           help_vi="Năm kiểm kê và năm cơ sở của mục tiêu."),
        _c("grid_ef_tco2_per_mwh", "Grid emission factor", "Hệ số phát thải lưới điện", NUMBER,
           unit="tCO2/MWh", min=0, max=5,
           help_en="Your own grid factor; leave empty to use the library's (DCC/MONRE).",
           help_vi="Hệ số lưới điện riêng; để trống để dùng thư viện (Cục BĐKH)."),
        _c("grid_ef_year", "Grid factor year", "Năm của hệ số lưới điện", INTEGER, min=1990, max=2100,
           help_en="Data year of the library grid factor to use; empty = latest year not after the base year.",
           help_vi="Năm dữ liệu của hệ số lưới điện; để trống = năm gần nhất không sau năm cơ sở."),
        _c("gwp_set", "GWP set", "Bộ hệ số GWP", CHOICE, choices=GWP_CHOICES, default="AR5",
           help_en="IPCC assessment report for refrigerant GWPs: AR4, AR5 (default) or AR6.",
           help_vi="Báo cáo IPCC dùng cho GWP môi chất lạnh: AR4, AR5 (mặc định) hoặc AR6."),
        _c("output_unit", "Output unit", "Đơn vị sản phẩm",
           help_en="Physical output for intensity targets (t, m of fabric, pairs...).",
           help_vi="Đơn vị sản phẩm cho mục tiêu cường độ (tấn, mét vải, đôi giày...)."),
        _c("output_base", "Base-year output", "Sản lượng năm cơ sở", NUMBER, min=0,
           help_en="Output in the base year, in the output unit.",
           help_vi="Sản lượng năm cơ sở, theo đơn vị sản phẩm."),
        _c("value_added_base", "Base-year value added", "Giá trị gia tăng năm cơ sở", NUMBER, min=0,
           unit="currency", help_en="Value added in the base year, in the currency.",
           help_vi="Giá trị gia tăng năm cơ sở, theo đơn vị tiền tệ."),
    ),
    required=True,
    help_en="Field/value pairs describing the company and the inventory's settings.",
    help_vi="Các cặp thông tin/giá trị mô tả công ty và thiết lập kiểm kê.",
    aliases=("doanh nghiệp", "thông tin công ty"),
)

ACTIVITIES = Sheet(
    "Activities", "Activities", "Hoạt động", "table",
    (
        _c("site", "Site", "Cơ sở", help_en="Plant or site name (optional).",
           help_vi="Tên nhà máy / cơ sở (không bắt buộc).", aliases=("nhà máy", "địa điểm")),
        _c("scope", "Scope", "Phạm vi", CHOICE, required=True, choices=SCOPE_CHOICES,
           help_en="1 direct, 2 purchased energy, 3 other indirect.",
           help_vi="1 trực tiếp, 2 năng lượng mua, 3 gián tiếp khác."),
        _c("category", "Category", "Hạng mục", CHOICE, required=True, choices=CATEGORY_CHOICES,
           help_en="GHG Protocol category; must belong to the row's scope.",
           help_vi="Hạng mục theo GHG Protocol; phải thuộc phạm vi của dòng.", aliases=("loại nguồn",)),
        _c("source", "Source", "Nguồn phát thải", required=True,
           help_en="What emits, in your words (e.g. diesel generator).",
           help_vi="Nguồn phát thải (ví dụ: máy phát điện diesel).", aliases=("mô tả", "description")),
        _c("fuel", "Fuel / energy", "Nhiên liệu / năng lượng",
           help_en="A fuel of the factor library (pick from the list: Diesel oil (DO), LPG, Grid electricity, "
                   "R-410A...) or of your Factors sheet.",
           help_vi="Nhiên liệu trong thư viện hệ số (chọn trong danh sách: Dầu diesel (DO), Khí hóa lỏng (LPG), "
                   "Điện lưới, R-410A...) hoặc trong sheet Hệ số.",
           aliases=("nhiên liệu", "năng lượng", "fuel")),
        _c("quantity", "Quantity", "Lượng tiêu thụ", NUMBER, min=0,
           help_en="Activity amount per year, in the unit of the next column.",
           help_vi="Lượng hoạt động mỗi năm, theo đơn vị ở cột sau.", aliases=("số lượng", "lượng")),
        _c("unit", "Unit", "Đơn vị", CHOICE, choices=(),  # filled from the unit library
           help_en="L, kL, m3, 1000m3, kg, t, kWh, MWh, GJ, gal, therm, MMBtu.",
           help_vi="L, kL, m3, 1000m3, kg, t, kWh, MWh, GJ, gal, therm, MMBtu."),
        _c("factor_tco2e_per_unit", "Emission factor (override)", "Hệ số phát thải (ghi đè)", NUMBER,
           unit="tCO2e/unit", min=0,
           help_en="Optional: your own factor per unit of this row; empty = library factor.",
           help_vi="Không bắt buộc: hệ số riêng theo đơn vị của dòng; để trống = hệ số thư viện.",
           aliases=("emission factor", "hệ số phát thải")),
        _c("tco2e", "Known emissions", "Phát thải đã biết", NUMBER, unit="tCO2e", min=0,
           help_en="Optional: a known result in tCO2e (then quantity and fuel may be empty).",
           help_vi="Không bắt buộc: kết quả đã biết (khi đó có thể bỏ trống lượng và nhiên liệu).",
           aliases=("tco2e", "emissions", "phát thải")),
    ),
    required=True,
    help_en="One row per emission source: activity data × emission factor.",
    help_vi="Mỗi dòng một nguồn phát thải: dữ liệu hoạt động × hệ số phát thải.",
    aliases=("activity", "dữ liệu hoạt động", "kiểm kê", "inventory"),
)

TARGETS = Sheet(
    "Targets", "Targets", "Mục tiêu", "table",
    (
        _c("name", "Name", "Tên mục tiêu", required=True),
        _c("type", "Type", "Loại mục tiêu", CHOICE, required=True, choices=TARGET_TYPE_CHOICES),
        _c("scope", "Scope", "Phạm vi", CHOICE, required=True, choices=TARGET_SCOPE_CHOICES),
        _c("base_year", "Base year", "Năm cơ sở", INTEGER, required=True, min=1990, max=2100),
        _c("target_year", "Target year", "Năm mục tiêu", INTEGER, required=True, min=1990, max=2100),
        _c("reduction_pct", "Reduction", "Mức giảm", NUMBER, unit="%", min=0, max=100,
           help_en="Reduction by the target year, % of the base year (or give tonnes in the next column).",
           help_vi="Mức giảm đến năm mục tiêu, % so với năm cơ sở (hoặc nhập số tấn ở cột sau)."),
        _c("reduction_tco2e", "Reduction in tonnes", "Mức giảm theo tấn", NUMBER, unit="tCO2e", min=0,
           help_en="Alternative to the %: tonnes to cut from the base year (e.g. 5,000 tCO2e).",
           help_vi="Thay cho %: số tấn cần giảm so với năm cơ sở (ví dụ 5.000 tCO2e)."),
        _c("method", "Path", "Dạng lộ trình", CHOICE, choices=PATH_CHOICES, default="linear",
           help_en="linear (the deck's path, SBTi's linear annual reduction) or compound (constant %/yr).",
           help_vi="Tuyến tính (như tài liệu, cách SBTi tính) hoặc Giảm đều %/năm."),
        _c("growth_pct", "Business-as-usual growth", "Tăng trưởng thông thường (BAU)", NUMBER,
           unit="%/yr", min=-50, max=100,
           help_en="Growth of emissions (and output) without measures, for the BAU line and intensity targets.",
           help_vi="Tốc độ tăng phát thải (và sản lượng) khi không có giải pháp, cho đường BAU và mục tiêu cường độ."),
    ),
    help_en="Reduction targets; a sub-scope row beside a 1+2 row splits the path as in the deck.",
    help_vi="Mục tiêu giảm phát thải; dòng phạm vi con cạnh dòng 1+2 chia lộ trình như tài liệu.",
)

PRODUCTION = Sheet(
    "Production", "Production", "Sản xuất", "table",
    (
        _c("year", "Year", "Năm", INTEGER, required=True, min=1990, max=2100),
        _c("output", "Output", "Sản lượng", NUMBER, min=0),
        _c("value_added", "Value added", "Giá trị gia tăng", NUMBER, min=0, unit="currency"),
    ),
    help_en="Output and value added by year, for intensity targets.",
    help_vi="Sản lượng và giá trị gia tăng theo năm, cho mục tiêu cường độ.",
)

MEASURES = Sheet(
    "Measures", "Measures", "Giải pháp", "table",
    (
        _c("id", "ID", "Mã", required=True),
        _c("name", "Name", "Tên giải pháp", required=True),
        _c("category", "Category", "Phân loại", CHOICE, choices=MEASURE_CATEGORY_CHOICES),
        _c("site", "Site", "Cơ sở"),
        _c("source", "Emission source", "Nguồn phát thải",
           help_en="Optional: the Activities source it saves on (else every source of this fuel at the site).",
           help_vi="Không bắt buộc: nguồn phát thải (sheet Hoạt động) được tiết kiệm; trống = mọi nguồn cùng nhiên liệu."),
        _c("fuel", "Fuel / energy", "Nhiên liệu / năng lượng",
           help_en="The energy saved (a key of the factor library).",
           help_vi="Năng lượng được tiết kiệm (mã trong thư viện hệ số)."),
        _c("method", "Method", "Phương pháp", CHOICE, choices=METHOD_CHOICES),
        _c("units", "Units", "Số thiết bị", NUMBER, min=0),
        _c("rate_before", "Rate before", "Định mức trước", NUMBER, min=0),
        _c("rate_after", "Rate after", "Định mức sau", NUMBER, min=0),
        _c("rate_unit", "Rate unit", "Đơn vị định mức", CHOICE, choices=RATE_UNIT_CHOICES),
        _c("saving_pct", "Saving", "Tỷ lệ tiết kiệm", NUMBER, unit="%", min=0, max=100),
        _c("hours_per_year", "Hours per year", "Số giờ vận hành/năm", NUMBER, unit="h", min=0, max=8784),
        _c("usage_factor", "Usage factor", "Hệ số đồng thời", NUMBER, min=0, max=1),
        _c("saving_quantity", "Known saving per year", "Lượng tiết kiệm/năm", NUMBER, min=0),
        _c("saving_unit", "Saving unit", "Đơn vị tiết kiệm", CHOICE, choices=(),
           help_en="Unit of the known saving (method 'direct'); rate methods use the rate's unit × h.",
           help_vi="Đơn vị của lượng tiết kiệm đã biết; các phương pháp định mức dùng đơn vị định mức × giờ."),
        _c("energy_price_per_unit", "Energy price", "Giá năng lượng", NUMBER, unit="currency/unit", min=0),
        _c("capex_equipment", "Equipment cost", "Chi phí thiết bị", NUMBER, unit="currency", min=0),
        _c("capex_labour", "Labour cost", "Chi phí nhân công", NUMBER, unit="currency", min=0),
        _c("capex_other", "Other investment", "Chi phí khác", NUMBER, unit="currency", min=0),
        _c("opex_change_per_year", "Operating cost change per year", "Thay đổi chi phí vận hành/năm",
           NUMBER, unit="currency/yr"),
        _c("other_income_per_year", "Other income per year", "Thu nhập khác/năm", NUMBER,
           unit="currency/yr"),
        _c("lifetime_years", "Lifetime", "Tuổi thọ", NUMBER, unit="years", min=0, max=100,
           help_en="Years the measure lasts; replaced at its cost when the analysis is longer. Blank = lasts the "
           "whole analysis period (no replacement, no salvage); 0 saves nothing and is refused.",
           help_vi="Số năm giải pháp sử dụng được; được thay mới (với cùng chi phí) khi thời gian phân tích dài "
           "hơn. Để trống = dùng suốt thời gian phân tích (không thay thế, không giá trị thu hồi); 0 bị từ chối."),
        _c("start_year", "Start year", "Năm bắt đầu", INTEGER, min=1990, max=2100),
        _c("earliest_start", "Earliest start", "Năm bắt đầu sớm nhất", INTEGER, min=1990, max=2100,
           help_en="Least-cost plan: the first year the measure may start; blank = any year of the target path.",
           help_vi="Kế hoạch chi phí thấp nhất: năm sớm nhất có thể bắt đầu giải pháp; để trống = bất kỳ năm nào "
                   "của lộ trình mục tiêu."),
        _c("latest_start", "Latest start", "Năm bắt đầu muộn nhất", INTEGER, min=1990, max=2100,
           help_en="Least-cost plan: the last year the measure may start; blank = any year of the target path.",
           help_vi="Kế hoạch chi phí thấp nhất: năm muộn nhất có thể bắt đầu giải pháp; để trống = bất kỳ năm nào "
                   "của lộ trình mục tiêu."),
        _c("exclusive_group", "Alternatives group", "Nhóm phương án thay thế",
           help_en="Measures with the same group are alternatives (e.g. LED or CFL for the same lamps): the plan "
                   "does at most one of them; blank = none.",
           help_vi="Các giải pháp cùng nhóm là phương án thay thế nhau (ví dụ đèn LED hoặc đèn compact cho cùng "
                   "bộ đèn): kế hoạch chỉ chọn nhiều nhất một; để trống = không thuộc nhóm nào."),
        _c("switch_fuel", "New energy used", "Năng lượng mới sử dụng",
           help_en="Energy switch: the energy the measure uses instead (e.g. electricity for an electric forklift).",
           help_vi="Chuyển dịch năng lượng: năng lượng mới thay thế (ví dụ điện cho xe nâng điện)."),
        _c("switch_quantity_per_year", "New energy per year", "Lượng năng lượng mới/năm", NUMBER, min=0),
        _c("switch_unit", "New energy unit", "Đơn vị năng lượng mới", CHOICE, choices=()),
        _c("switch_price_per_unit", "New energy price", "Giá năng lượng mới", NUMBER,
           unit="currency/unit", min=0),
    ),
    help_en="Energy-saving measures (used by the Measures and Finance pages).",
    help_vi="Các giải pháp tiết kiệm năng lượng (dùng ở trang Giải pháp và Tài chính).",
)

FINANCE = Sheet(
    "Finance", "Finance", "Tài chính", "fields",
    (
        _c("discount_rate_pct", "Discount rate", "Tỷ lệ chiết khấu", NUMBER, unit="%", min=0, max=100),
        _c("analysis_years", "Analysis period", "Số năm phân tích", INTEGER, unit="years", min=1, max=100),
        _c("energy_price_escalation_pct", "Energy price escalation", "Tăng giá năng lượng", NUMBER,
           unit="%/yr", min=-50, max=100),
        _c("inflation_pct", "Inflation", "Lạm phát", NUMBER, unit="%/yr", min=-50, max=100,
           help_en="General inflation: operating costs, other income, the carbon price and replacements grow with "
           "it (energy follows the escalation); blank = 0.",
           help_vi="Lạm phát chung: chi phí vận hành, thu nhập khác, giá carbon và chi phí thay thế tăng theo "
           "(năng lượng theo mức tăng giá năng lượng); để trống = 0."),
        _c("carbon_price_per_tco2", "Carbon price", "Giá carbon", NUMBER, unit="currency/tCO2", min=0),
        _c("tax_rate_pct", "Tax rate", "Thuế suất", NUMBER, unit="%", min=0, max=100,
           help_en="Corporate income tax on the savings, with straight-line depreciation; blank = 0 (pre-tax).",
           help_vi="Thuế thu nhập doanh nghiệp trên phần tiết kiệm, khấu hao đường thẳng; để trống = 0 (trước thuế)."),
        _c("esco_actual_saving_pct", "ESCO: actual saving (what-if)", "ESCO: tiết kiệm thực tế (giả định)", NUMBER,
           unit="%", min=0, max=200, help_en="Actual saving as % of the expected one, for the guaranteed-savings "
           "view; blank = 80 %.", help_vi="Tiết kiệm thực tế theo % dự kiến, cho mô hình bảo đảm tiết kiệm; "
           "để trống = 80 %."),
        _c("chauffage_discount_pct", "Chauffage: price discount", "Chauffage: giảm giá năng lượng", NUMBER,
           unit="%", min=0, max=100, help_en="Discount on the energy bill the ESCO offers; blank = 10 %.",
           help_vi="Mức giảm hóa đơn năng lượng ESCO đề xuất; để trống = 10 %."),
        _c("chauffage_energy_bill", "Chauffage: energy bill before", "Chauffage: hóa đơn năng lượng trước",
           NUMBER, unit="currency/yr", min=0, help_en="Yearly energy bill before the measures; blank = 3 × the "
           "money saved.", help_vi="Hóa đơn năng lượng mỗi năm trước giải pháp; để trống = 3 × tiền tiết kiệm."),
        _c("mc_energy_price_pct", "Risk: energy price range", "Rủi ro: biên độ giá năng lượng", NUMBER, unit="%",
           min=0, max=90, help_en="± range of the Monte Carlo draw (triangular); blank = 20 %.",
           help_vi="Biên độ ± của mô phỏng Monte Carlo (phân phối tam giác); để trống = 20 %."),
        _c("mc_saving_pct", "Risk: saving range", "Rủi ro: biên độ lượng tiết kiệm", NUMBER, unit="%", min=0, max=90,
           help_en="± range of the Monte Carlo draw; blank = 20 %.",
           help_vi="Biên độ ± của mô phỏng Monte Carlo; để trống = 20 %."),
        _c("mc_capex_pct", "Risk: investment range", "Rủi ro: biên độ vốn đầu tư", NUMBER, unit="%", min=0, max=90,
           help_en="± range of the Monte Carlo draw; blank = 20 %.",
           help_vi="Biên độ ± của mô phỏng Monte Carlo; để trống = 20 %."),
        _c("budget", "Budget", "Ngân sách", NUMBER, unit="currency", min=0,
           help_en="Money available for the measures; blank = half of the total investment.",
           help_vi="Số tiền dành cho các giải pháp; để trống = một nửa tổng vốn đầu tư."),
        _c("budget_goal", "Budget: maximise", "Ngân sách: tối đa hóa", CHOICE, choices=BUDGET_GOAL_CHOICES,
           help_en="What the budget selection maximises; blank = NPV.",
           help_vi="Lựa chọn trong ngân sách tối đa hóa gì; để trống = NPV."),
        _c("lcc_hours_per_year", "Life-cycle: hours per year", "Vòng đời: số giờ sử dụng/năm", NUMBER, unit="h",
           min=0, max=8784, help_en="Hours per year of the alternatives in the LifeCycle sheet; blank = 2,560 "
           "(320 days × 8 h, the deck's).", help_vi="Số giờ sử dụng mỗi năm của các lựa chọn ở sheet Phân tích "
           "vòng đời; để trống = 2.560 (320 ngày × 8 giờ, như tài liệu)."),
        _c("lcc_energy_price", "Life-cycle: electricity price", "Vòng đời: giá điện", NUMBER, unit="currency/kWh",
           min=0, help_en="Electricity price for the LifeCycle sheet; blank = 1,642 VND/kWh (the deck's).",
           help_vi="Giá điện cho sheet Phân tích vòng đời; để trống = 1.642 VND/kWh (như tài liệu)."),
    ),
    help_en="Financial assumptions (field/value).",
    help_vi="Các giả định tài chính (thông tin/giá trị).",
)

FINANCING = Sheet(
    "Financing", "Financing", "Nguồn vốn", "table",
    (
        _c("measure_id", "Measure ID", "Mã giải pháp", required=True),
        _c("type", "Type", "Loại", CHOICE, required=True, choices=FINANCING_TYPE_CHOICES),
        _c("amount", "Amount", "Số tiền", NUMBER, unit="currency", min=0),
        _c("pct_of_capex", "Share of investment", "Tỷ lệ vốn đầu tư", NUMBER, unit="%", min=0, max=100),
        _c("rate_pct", "Interest rate", "Lãi suất", NUMBER, unit="%/yr", min=0, max=100),
        _c("term_years", "Term", "Thời hạn", NUMBER, unit="years", min=0, max=100),
        _c("loan_kind", "Repayment", "Cách trả nợ", CHOICE, choices=LOAN_KIND_CHOICES,
           help_en="Annuity (equal payments) or Equal principal (falling payments).",
           help_vi="Trả đều hằng năm, hoặc Trả gốc đều (tiền trả giảm dần)."),
        _c("grace_years", "Grace years", "Số năm ân hạn", NUMBER, unit="years", min=0, max=50,
           help_en="Years of interest only before repayment starts.",
           help_vi="Số năm chỉ trả lãi trước khi bắt đầu trả gốc."),
        _c("share_pct", "Savings share", "Tỷ lệ chia sẻ", NUMBER, unit="%", min=0, max=100),
        _c("contract_years", "Contract years", "Số năm hợp đồng", NUMBER, unit="years", min=0, max=100),
    ),
    help_en="How each measure is paid for (Measure ID * = all measures).",
    help_vi="Nguồn vốn cho từng giải pháp (mã * = tất cả).",
)

BUDGETS = Sheet(
    "Budgets", "Budgets", "Ngân sách theo năm", "table",
    (
        _c("year", "Year", "Năm", INTEGER, required=True, min=1990, max=2100,
           help_en="Calendar year of the budget (a year after the base year).",
           help_vi="Năm dương lịch của ngân sách (sau năm cơ sở)."),
        _c("budget", "Investment budget", "Ngân sách đầu tư", NUMBER, unit="currency", min=0,
           help_en="Money available for the measures' investment in that year (initial and replacements); "
                   "blank = unlimited.",
           help_vi="Số tiền dành cho đầu tư giải pháp trong năm đó (ban đầu và thay thế); để trống = không giới hạn."),
        _c("note", "Note", "Ghi chú", help_en="Where the budget comes from (optional).",
           help_vi="Nguồn của ngân sách (không bắt buộc)."),
    ),
    help_en=("Yearly investment budgets for the least-cost plan; a year not listed (or blank) is unlimited, two "
             "rows of one year add up."),
    help_vi=("Ngân sách đầu tư theo năm cho kế hoạch chi phí thấp nhất; năm không có trong bảng (hoặc để trống) là "
             "không giới hạn, hai dòng cùng năm được cộng lại."),
    aliases=("yearly budgets", "ngân sách năm"),
)

METERING = Sheet(
    "Metering", "Metering", "Đo lường", "table",
    (
        _c("period_start", "Period start", "Ngày bắt đầu kỳ", DATE, required=True),
        _c("period", "Period", "Giai đoạn", CHOICE, required=True, choices=PERIOD_CHOICES),
        _c("site", "Site", "Cơ sở"),
        _c("fuel", "Fuel / energy", "Nhiên liệu / năng lượng"),
        _c("energy", "Energy", "Năng lượng", NUMBER, required=True, min=0),
        _c("unit", "Unit", "Đơn vị", CHOICE, choices=()),
        _c("production", "Production", "Sản lượng", NUMBER, min=0),
        _c("cdd", "Cooling degree days", "Độ-ngày làm mát (CDD)", NUMBER, min=0,
           aliases=("Độ-ngày làm mát", "Độ ngày làm mát", "cooling degree-days")),
        _c("hdd", "Heating degree days", "Độ-ngày sưởi (HDD)", NUMBER, min=0,
           aliases=("Độ-ngày sưởi", "Độ ngày sưởi", "heating degree-days")),
        _c("note", "Note", "Ghi chú", help_en="Where the number comes from (meter, bill, synthetic...).",
           help_vi="Nguồn số liệu (công tơ, hóa đơn, dữ liệu tổng hợp...)."),
    ),
    help_en="Monthly meter data for M&V (baseline and reporting periods).",
    help_vi="Số liệu đo hằng tháng cho M&V (giai đoạn cơ sở và báo cáo).",
)

YES_NO_CHOICES = (
    Choice("yes", "Yes", "Có", ("true", "1", "on", "x", "y", "c")),
    Choice("no", "No", "Không", ("false", "0", "off", "n", "k")),
)
MV_MODEL_CHOICES = (
    Choice("ols", "Linear regression (OLS)", "Hồi quy tuyến tính (OLS)", ("linear", "hồi quy tuyến tính")),
    Choice("3p_cooling", "3-parameter change point, cooling", "Điểm gãy 3 tham số, làm mát",
           ("3pc", "change point cooling")),
    Choice("3p_heating", "3-parameter change point, heating", "Điểm gãy 3 tham số, sưởi",
           ("3ph", "change point heating")),
)

#: The Metering columns the M&V baseline can regress on (:data:`calc.mv.DRIVERS`), named as their
#: columns are, and the word for "no driver at all"; the MV sheet's ``drivers`` lists several.
DRIVER_CHOICES = tuple(Choice(c.key, c.en, c.vi, c.aliases) for c in METERING.columns
                       if c.key in ("production", "cdd", "hdd")) + (
    Choice("none", "No drivers", "Không", ("no driver", "không có", "-", "0")),)

MV = Sheet(
    "MV", "M&V settings", "Đo lường & kiểm chứng", "fields",
    (
        _c("model", "Baseline model", "Mô hình đường cơ sở", CHOICE, choices=MV_MODEL_CHOICES,
           help_en=("Linear regression (OLS, energy on the drivers) or 3-parameter change point, cooling / heating "
                    "(on CDD / HDD); blank = linear regression."),
           help_vi="Hồi quy tuyến tính (OLS, năng lượng theo các yếu tố ảnh hưởng) hoặc Điểm gãy 3 tham số, làm mát "
                   "/ sưởi (theo CDD / HDD); để trống = hồi quy tuyến tính."),
        _c("drivers", "Drivers", "Yếu tố ảnh hưởng", choices=DRIVER_CHOICES, several=True,
           help_en=("Metering columns the baseline uses, comma-separated (Production, Cooling degree days, Heating "
                    "degree days), or No drivers; blank = every "
                    "driver with data in all baseline months that is not constant or all zero."),
           help_vi=("Các cột của sheet Đo lường dùng cho đường cơ sở, cách nhau bằng dấu phẩy (Sản lượng, CDD, HDD), "
                    "hoặc Không; để trống = mọi yếu tố có số liệu đủ các tháng cơ sở, không cố định và không toàn 0.")),
        _c("month_indicators", "Month indicators", "Biến giả theo tháng", CHOICE, choices=YES_NO_CHOICES,
           help_en="yes adds a 0/1 variable per calendar month to the linear model (needs 2+ years); blank = no.",
           help_vi="Có: thêm biến 0/1 cho từng tháng vào mô hình tuyến tính (cần từ 2 năm số liệu); để trống = Không."),
        _c("ipmvp_isolated", "IPMVP: measure isolated", "IPMVP: giải pháp tách biệt", CHOICE,
           choices=YES_NO_CHOICES, help_en="Its equipment can be metered alone; blank = no.",
           help_vi="Thiết bị của giải pháp đo riêng được; để trống = Không."),
        _c("ipmvp_key_parameters", "IPMVP: key parameters measurable", "IPMVP: đo được thông số chính", CHOICE,
           choices=YES_NO_CHOICES, help_en="E.g. power can be measured; blank = no.",
           help_vi="Ví dụ đo được công suất; để trống = Không."),
        _c("ipmvp_all_parameters", "IPMVP: all parameters measured", "IPMVP: đo tất cả thông số", CHOICE,
           choices=YES_NO_CHOICES, help_en="Power and hours are both measured; blank = no.",
           help_vi="Đo cả công suất và thời gian vận hành; để trống = Không."),
        _c("ipmvp_baseline_meter", "IPMVP: baseline meter", "IPMVP: có công tơ giai đoạn cơ sở", CHOICE,
           choices=YES_NO_CHOICES, help_en="A meter with baseline-period data covers the facility; blank = yes.",
           help_vi="Có công tơ và số liệu giai đoạn cơ sở cho cơ sở; để trống = Có."),
        _c("ipmvp_savings_share_pct", "IPMVP: expected saving share of the meter",
           "IPMVP: tỷ lệ tiết kiệm dự kiến so với công tơ", NUMBER, unit="%", min=0, max=100,
           help_en="Expected savings as % of the meter's energy; blank = 15 %.",
           help_vi="Tiết kiệm dự kiến theo % năng lượng của công tơ; để trống = 15 %."),
    ),
    help_en="How the M&V page builds the baseline (model, drivers, month indicators) and the IPMVP guide's answers.",
    help_vi="Cách trang M&V lập đường cơ sở (mô hình, yếu tố ảnh hưởng, biến theo tháng) và câu trả lời chọn IPMVP.",
    aliases=("mv", "m&v", "thiết lập m&v", "measurement and verification", "đo lường và kiểm chứng"),
)

ADJUSTMENTS = Sheet(
    "Adjustments", "Non-routine adjustments", "Điều chỉnh không thường xuyên", "table",
    (
        _c("period_start", "Month", "Tháng", DATE, required=True,
           help_en="The reporting month the adjustment belongs to (any day of it).",
           help_vi="Tháng giai đoạn báo cáo được điều chỉnh (ngày bất kỳ trong tháng)."),
        _c("amount", "Amount", "Lượng điều chỉnh", NUMBER, required=True,
           help_en="In the meter's unit; a positive amount raises that month's baseline (e.g. a new production line).",
           help_vi="Theo đơn vị của công tơ; số dương làm tăng đường cơ sở của tháng đó (ví dụ thêm dây chuyền)."),
        _c("fuel", "Fuel / energy", "Nhiên liệu / năng lượng",
           help_en="The meter (its fuel in the Metering sheet); blank = the first meter.",
           help_vi="Công tơ (nhiên liệu ở sheet Đo lường); để trống = công tơ đầu tiên."),
        _c("unit", "Unit", "Đơn vị", CHOICE, choices=(),
           help_en="The meter's unit, when one fuel has meters in several units; blank = any.",
           help_vi="Đơn vị của công tơ, khi một nhiên liệu có công tơ theo nhiều đơn vị; để trống = bất kỳ."),
        _c("note", "Note", "Ghi chú", help_en="Why (what changed that the baseline did not have).",
           help_vi="Lý do (thay đổi mà giai đoạn cơ sở không có)."),
    ),
    help_en="Non-routine adjustments of the M&V baseline: savings = (baseline + adjustments) − measured energy.",
    help_vi="Điều chỉnh không thường xuyên của đường cơ sở M&V: tiết kiệm = (cơ sở + điều chỉnh) − năng lượng đo được.",
    aliases=("adjustments", "non-routine", "điều chỉnh"),
)

ACTIONS = Sheet(
    "Actions", "Actions", "Kế hoạch 5W1H", "table",
    (
        _c("measure_id", "Measure ID", "Mã giải pháp"),
        _c("what", "What", "Làm gì (What)", required=True),
        _c("why", "Why", "Tại sao (Why)"),
        _c("where", "Where", "Ở đâu (Where)"),
        _c("when", "When", "Khi nào (When)"),
        _c("who", "Who", "Ai làm (Who)"),
        _c("how", "How", "Làm thế nào (How)"),
        _c("kpi", "KPI", "Chỉ số KPI"),
        _c("start_date", "Start", "Ngày bắt đầu", DATE),
        _c("end_date", "End", "Ngày kết thúc", DATE),
        _c("status", "Status", "Trạng thái", CHOICE, choices=ACTION_STATUS_CHOICES, default="planned"),
        _c("review", "Review", "Rà soát", CHOICE, choices=REVIEW_CHOICES,
           help_en="How often progress is reviewed (the deck: quarterly, annual, by phase).",
           help_vi="Tần suất rà soát tiến độ (tài liệu: hằng quý, hằng năm, theo giai đoạn)."),
        _c("corrective_action", "Corrective action", "Hành động khắc phục"),
    ),
    help_en="The 5W1H implementation plan.",
    help_vi="Kế hoạch thực hiện 5W1H.",
    aliases=("actions", "5w1h", "kế hoạch"),
)

FACTORS = Sheet(
    "Factors", "Factors", "Hệ số", "table",
    (
        _c("fuel", "Fuel / energy", "Nhiên liệu / năng lượng", required=True),
        _c("unit", "Unit", "Đơn vị", CHOICE, required=True, choices=()),
        _c("tco2e_per_unit", "Emission factor", "Hệ số phát thải", NUMBER, unit="tCO2e/unit",
           required=True, min=0),
        _c("toe_per_unit", "TOE factor", "Hệ số quy đổi TOE", NUMBER, unit="TOE/unit", min=0),
        _c("source", "Source", "Nguồn số liệu"),
    ),
    help_en="Company factors that replace the library's (same fuel and unit dimension) or add fuels.",
    help_vi="Hệ số riêng của công ty, thay thế thư viện (cùng nhiên liệu, cùng loại đơn vị) hoặc thêm nhiên liệu.",
    aliases=("emission factors", "hệ số phát thải"),
)

LIFECYCLE = Sheet(
    "LifeCycle", "Life-cycle comparison", "Phân tích vòng đời", "table",
    (
        _c("alternative", "Alternative", "Lựa chọn", required=True,
           help_en="Name of the alternative (e.g. halogen lamp, CFL, LED).",
           help_vi="Tên lựa chọn (ví dụ đèn halogen, đèn compact, đèn LED).", aliases=("lamp", "đèn")),
        _c("watts", "Power", "Công suất", NUMBER, unit="W", min=0,
           help_en="Electric power of one unit.", help_vi="Công suất điện của một thiết bị."),
        _c("life_hours", "Life", "Tuổi thọ", NUMBER, unit="h", min=1,
           help_en="Hours of use one unit lasts.", help_vi="Số giờ sử dụng của một thiết bị."),
        _c("price", "Price", "Giá mua", NUMBER, unit="currency/unit", min=0,
           help_en="Price of one unit.", help_vi="Giá mua một thiết bị."),
    ),
    help_en=("Alternatives with unequal lives compared by their equivalent annual cost (the deck's life-cycle "
             "analysis); hours per year and the electricity price are the Finance sheet's lcc_ fields. Empty = "
             "the deck's lamps (halogen, CFL, LED)."),
    help_vi=("Các lựa chọn có tuổi thọ khác nhau được so sánh theo chi phí hằng năm tương đương (phân tích vòng "
             "đời trong tài liệu); số giờ/năm và giá điện là các thông tin “Vòng đời: ...” của sheet Tài chính. Để trống = "
             "các loại đèn của tài liệu (halogen, compact, LED)."),
    aliases=("life cycle", "lcc", "vòng đời"),
)


UNIT_COLUMNS = ("unit", "saving_unit", "switch_unit")


def _with_units(sheet: Sheet) -> Sheet:
    """Give every unit column the library's unit list as its allowed values."""
    cols = tuple(
        Column(**{**c.__dict__, "choices": unit_choices()}) if c.key in UNIT_COLUMNS else c
        for c in sheet.columns
    )
    return Sheet(**{**sheet.__dict__, "columns": cols})


SHEETS: dict[str, Sheet] = {
    s.key: _with_units(s)
    for s in (COMPANY, ACTIVITIES, TARGETS, PRODUCTION, MEASURES, FINANCE, LIFECYCLE, FINANCING, BUDGETS, METERING,
              MV, ADJUSTMENTS, ACTIONS, FACTORS)
}
README_SHEET = {"en": "README", "vi": "Hướng dẫn"}
#: The hidden sheet holding the dropdown lists (labels) of the written workbooks; ignored on reading.
LISTS_SHEET = {"en": "Lists", "vi": "Danh sách"}

#: Several named variants of the scenario in one workbook, one line per cell that differs from
#: the main sheets (see :mod:`workbook.variants`). Not in :data:`SHEETS`: a scenario never holds
#: it; the reader, the README sheet and the README's format section list it after the others.
VARIANTS = Sheet(
    "Variants", "Variants", "Phương án", "table",
    (
        _c("variant", "Variant", "Phương án", required=True,
           help_en=("Name of the variant the line belongs to. A line with only the name declares the "
                    "variant (in order); 'main' in Value marks the variant held by the main sheets."),
           help_vi=("Tên phương án của dòng. Dòng chỉ có tên là dòng khai báo phương án (theo thứ tự); "
                    "'chính' ở cột Giá trị đánh dấu phương án nằm trong các sheet chính.")),
        _c("sheet", "Sheet", "Sheet",
           help_en="The sheet the value belongs to, by its name in either language (e.g. Measures / Giải pháp).",
           help_vi="Sheet chứa giá trị, ghi tên bằng tiếng Việt hoặc tiếng Anh (ví dụ Giải pháp / Measures)."),
        _c("row", "Record", "Bản ghi", INTEGER, min=1,
           help_en=("Record number within that table, 1 = its first record (not the Excel row); "
                    "blank for the fields of Company and Finance."),
           help_vi=("Số thứ tự bản ghi trong bảng đó, 1 = bản ghi đầu tiên (không phải số dòng Excel); "
                    "để trống với các thông tin của Công ty và Tài chính.")),
        _c("column", "Column", "Cột",
           help_en="The column header (unit in brackets optional) or, for Company and Finance, the field.",
           help_vi="Tiêu đề cột (có hoặc không có đơn vị trong ngoặc) hoặc, với Công ty và Tài chính, tên thông tin."),
        _c("value", "Value", "Giá trị", ANY,
           help_en=("The value, typed exactly as in that column: a number as a number, a date as a date, "
                    "a choice as its key or label; blank = empty."),
           help_vi=("Giá trị, nhập đúng như ở cột đó: số dưới dạng số, ngày dưới dạng ngày, lựa chọn bằng "
                    "mã hoặc nhãn; để trống = không có giá trị.")),
    ),
    help_en=("Optional: several named variants of the scenario in one workbook. The main sheets hold the "
             "variant marked 'main'; every other variant is the main scenario with the changes listed "
             "here, one line per cell: a Company or Finance field gives its new value (Record blank); a "
             "table listed here replaces the main table in full (its cells one per line, plus one line "
             "with only Variant and Sheet, so an empty table can be given too). Tables and fields not "
             "listed are the main sheets' ones."),
    help_vi=("Không bắt buộc: nhiều phương án có tên của kịch bản trong cùng một tệp. Các sheet chính chứa "
             "phương án được đánh dấu 'chính'; mỗi phương án khác là kịch bản chính với các thay đổi ghi "
             "ở đây, mỗi ô một dòng: thông tin của Công ty hoặc Tài chính ghi giá trị mới (để trống Bản "
             "ghi); một bảng có ở đây thay thế toàn bộ bảng chính (mỗi ô một dòng, thêm một dòng chỉ có "
             "Phương án và Sheet để có thể ghi cả bảng trống). Bảng và thông tin không có ở đây lấy từ "
             "các sheet chính."),
)
#: The Value of a declaration line that marks the variant held by the main sheets.
MAIN_MARK = {"en": "main", "vi": "chính"}


#: Every sheet a scenario workbook may have, in order: the scenario's, then the Variants sheet.
WORKBOOK_SHEETS: dict[str, Sheet] = {**SHEETS, VARIANTS.key: VARIANTS}


def sheet_spec(key: str | None) -> Sheet | None:
    """The schema of a sheet key a problem can name: a scenario sheet or the Variants sheet
    (None for the file as a whole or an unknown key)."""
    return WORKBOOK_SHEETS.get(key) if key else None


#: Characters that do not show: byte-order mark, zero-width space / (non-)joiner, word joiner,
#: soft hyphen, Mongolian vowel separator (removed); non-breaking and narrow spaces (→ space).
_CLEAN = {**dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad\u180e"), None),
          **dict.fromkeys(map(ord, "\u00a0\u202f\u2007"), " ")}


def clean(text: object) -> str:
    """A cell's text as it looks: Unicode NFC (decomposed text as Mac and web tools write it is
    composed), invisible characters removed, non-breaking spaces made spaces; case kept."""
    return unicodedata.normalize("NFC", str(text)).translate(_CLEAN)


def norm(text: object) -> str:
    """Normalise a header or value for matching: :func:`clean`, trimmed, case-folded, inner
    spaces collapsed. The one normalisation of every sheet name, header and choice cell."""
    return unicodedata.normalize("NFC", " ".join(clean(text).split()).casefold())


def fold(text: object) -> str:
    """The looser key tried after an exact match fails: :func:`norm` without accents (Vietnamese
    đ → d), compatibility forms unified (m³ → m3) and only letters and digits kept
    ("Dầu D.O" → "daudo", "R-410A" → "r410a"); empty for text of symbols only."""
    text = norm(text).replace("đ", "d")
    return "".join(ch for ch in unicodedata.normalize("NFKD", text)
                   if ch.isalnum() and not unicodedata.combining(ch))


_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")


@dataclass(frozen=True)
class NameMatch:
    """How a typed name matched a list of choices.

    ``kind`` is ``exact`` (a key or a label), ``alias`` (a synonym, or a label without accents
    or punctuation: certain, worth a note), ``ambiguous`` (several ``keys``) or ``unknown``.
    """

    kind: str
    keys: tuple = ()

    @property
    def key(self):
        return self.keys[0] if self.kind in ("exact", "alias") else None


class ChoiceIndex:
    """Every accepted spelling of a list of choices, for :meth:`match`.

    Spellings are the key, both labels and the aliases; a spelling shared by two choices (a fuel
    synonym such as "gas") is ambiguous. Matching tries the normalised text, then its
    :func:`fold`, then both again without bracketed parts ("Xăng (RON95)" → "xăng").
    """

    def __init__(self, choices: tuple[Choice, ...]):
        self.choices = choices
        self.exact: dict[str, list] = {}
        self.folded: dict[str, list] = {}
        self.labels: set[str] = set()
        for ch in choices:
            for spelling in (str(ch.key), ch.en, ch.vi, *ch.aliases):
                for table, k in ((self.exact, norm(spelling)), (self.folded, fold(spelling))):
                    if k and ch.key not in table.setdefault(k, []):
                        table[k].append(ch.key)
            self.labels.update(norm(s) for s in (str(ch.key), ch.en, ch.vi))

    def _lookup(self, text: str) -> NameMatch | None:
        n = norm(text)
        keys = self.exact.get(n)
        if keys is None:
            f = fold(text)
            keys = self.folded.get(f) if f else None
        if keys is None:
            return None
        if len(keys) > 1:
            return NameMatch("ambiguous", tuple(keys))
        return NameMatch("exact" if n in self.labels else "alias", tuple(keys))

    def match(self, text: object) -> NameMatch:
        text = clean(text)
        found = self._lookup(text)
        if found is None:
            bare = _BRACKETS.sub(" ", text)
            if bare != text and bare.strip():
                found = self._lookup(bare)
                if found is not None and found.kind == "exact":
                    found = NameMatch("alias", found.keys)
        return found or NameMatch("unknown")

    def label(self, key, lang: str) -> str:
        for ch in self.choices:
            if ch.key == key:
                return ch.vi if lang == "vi" else ch.en
        return str(key)


#: The words of the columns' units in Vietnamese; symbols (kWh, %, W, tCO2e, TOE) stay as they are.
UNIT_WORDS_VI = {"currency": "tiền tệ", "years": "năm", "yr": "năm", "unit": "đơn vị", "h": "giờ"}


def unit_label(unit: str, lang: str) -> str:
    """A column's unit as shown in ``lang`` ("currency/yr" → "tiền tệ/năm"). The reader ignores a
    header's bracketed unit, so a header written with either language's unit reads the same."""
    if lang != "vi" or not unit:
        return unit
    return "/".join(UNIT_WORDS_VI.get(part, part) for part in unit.split("/"))


def header_label(column: Column, lang: str) -> str:
    """A column's header in ``lang``: its label plus its unit in brackets."""
    unit = unit_label(column.unit, lang)
    return f"{column.label(lang)} [{unit}]" if unit else column.label(lang)


def choice_lookup(column: Column) -> dict[str, str | int]:
    """Map every accepted spelling of a column's allowed values to its canonical key."""
    out: dict[str, str | int] = {}
    for ch in column.choices:
        for spelling in (str(ch.key), ch.en, ch.vi, *ch.aliases):
            out.setdefault(norm(spelling), ch.key)
    return out


#: What separates the names in a cell that lists several choices (:attr:`Column.several`).
LIST_SEPARATORS = re.compile(r"[,;+]")


def list_names(text: str) -> list[str]:
    """The names in a cell that lists several choices, stripped, blanks dropped."""
    return [n.strip() for n in LIST_SEPARATORS.split(text) if n.strip()]


@lru_cache(maxsize=None)
def choices_index(choices: tuple[Choice, ...]) -> ChoiceIndex:
    """The :class:`ChoiceIndex` of a list of choices, built once per list."""
    return ChoiceIndex(choices)


def list_keys(column: Column, text: str) -> list[tuple[str, object]]:
    """Each name of a cell that lists several of ``column``'s choices (:attr:`Column.several`),
    with the key it means (key, label in either language, synonym, without accents), or None
    when it means no choice or more than one."""
    index = choices_index(column.choices)
    return [(name, found.keys[0] if found.kind in ("exact", "alias") else None)
            for name in list_names(text) for found in (index.match(name),)]


def choice_label(column: Column, key: object, lang: str) -> str:
    """Label of an allowed value in a language (the key itself when unknown, "" when missing:
    None, NaN or pd.NA). For a column that lists several choices, each name that means one
    choice is labelled ("production, CDD" → "Sản lượng, Độ-ngày làm mát (CDD)"), others kept."""
    if key is None or key is pd.NA or (isinstance(key, float) and key != key):
        return ""
    if column.several and isinstance(key, str):
        return ", ".join(name if k is None else _one_label(column, k, lang) for name, k in list_keys(column, key))
    return _one_label(column, key, lang)


def _one_label(column: Column, key: object, lang: str) -> str:
    for ch in column.choices:
        if ch.key == key:
            return ch.vi if lang == "vi" else ch.en
    return str(key)
