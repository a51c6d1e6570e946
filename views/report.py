"""The one-click workshop report: an .xlsx handout of a scenario and every result, in vi or en.

Every number comes from :func:`results.summary.scenario_summary` (nothing is recomputed here) and is
stored as a number with an Excel number format, so Excel shows it with the reader's own
separators (3.299,33 in a Vietnamese Excel, 3,299.33 in an English one). Shares and rates are
stored as fractions with a percent format (56.05 % is the number 0.5605).

Sheets, in order: a title sheet (company, date, factor library version and what each sheet
holds), the result sheets (inventory in the deck's layout, the targets' path, measures,
emissions by year, financial indicators, financing options, M&V) and then the scenario's own
input sheets exactly as :func:`workbook.write.write_scenario` writes them, so the report can be
uploaded again as the same scenario (the result sheets are then ignored with a note). A result
sheet without data (no measures, no target, no meter data) is left out and the title sheet says
so. Native Excel charts (:mod:`openpyxl.chart`) reference the cells of their tables.
"""
from __future__ import annotations

import datetime as dt
import io
import math

import openpyxl
from babel.numbers import format_decimal
from openpyxl.chart import BarChart, LineChart, PieChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink

from calc.factors import load_library
from calc.inventory import CATEGORY_SCOPE
from results.summary import scenario_summary
from views import plan_report as pr
from workbook.model import Scenario, empty_table
from workbook.schema import SHEETS, choice_label, unit_label
from workbook.write import HEADER_FILL, HEADER_FONT, TITLE_FONT, _put, _write_fields, _write_table

#: Result sheets: key → (Vietnamese name, English name). None of them is a name or an alias of
#: an input sheet, so reading the report back as a scenario ignores them.
RESULT_SHEETS = {
    "title": ("Báo cáo", "Report"),
    "inventory": ("Kết quả kiểm kê", "Inventory results"),
    "targets": ("Lộ trình mục tiêu", "Target path"),
    "measures": ("Kết quả giải pháp", "Measure results"),
    "portfolio": ("Phát thải theo năm", "Emissions by year"),
    "finance": ("Chỉ tiêu tài chính", "Financial indicators"),
    "financing": ("Phương án vốn", "Financing options"),
    "plan": ("Kế hoạch chi phí thấp nhất", "Least-cost plan"),
    "mv": ("Kết quả M&V", "M&V results"),
}

TCO2E = "#,##0.00"
PCT = "0.00%"
PCT1 = "0.0%"
YEAR = "0"
NUM2 = "#,##0.00"
NUM0 = "#,##0"
FACTOR = "#,##0.0000###"
DATE = "yyyy-mm-dd"
BOLD = Font(bold=True)
SECTION_FONT = Font(bold=True, size=12, color="2E7D32")
TOTAL_FILL = PatternFill("solid", fgColor="E8F5E9")
RESULT_TAB, INPUT_TAB = "2E7D32", "9E9E9E"
CHART_W, CHART_H = 17.0, 8.5  # cm

TEXTS: dict[str, tuple[str, str]] = {
    # title sheet
    "title": ("Báo cáo kịch bản tiết kiệm năng lượng", "Energy-saving scenario report"),
    "info": ("Thông tin", "Field"),
    "value": ("Giá trị", "Value"),
    "company": ("Công ty", "Company"),
    "sector": ("Ngành", "Sector"),
    "base_year": ("Năm cơ sở", "Base year"),
    "currency": ("Đơn vị tiền tệ", "Currency"),
    "date": ("Ngày lập báo cáo", "Report date"),
    "library": ("Phiên bản thư viện hệ số", "Factor library version"),
    "grid": ("Hệ số phát thải lưới điện [tCO2/MWh]", "Grid emission factor [tCO2/MWh]"),
    "grid_year": ("Năm của hệ số lưới điện", "Grid factor year"),
    "grid_source": ("Nguồn hệ số lưới điện", "Grid factor source"),
    "gwp": ("Bộ hệ số GWP", "GWP set"),
    "scenario": ("Tệp kịch bản", "Scenario file"),
    "total": ("Tổng phát thải [tCO2e]", "Total emissions [tCO2e]"),
    "contents": ("Nội dung các sheet", "What each sheet holds"),
    "sheet": ("Sheet", "Sheet"),
    "holds": ("Nội dung", "Contents"),
    "no_data": ("Không có dữ liệu", "No data"),
    "numbers_note": (
        "Số được lưu dưới dạng số (không phải chữ); Excel hiển thị theo dấu phân cách của máy "
        "(tiếng Việt: 3.299,33). Tỷ lệ được lưu dưới dạng phân số với định dạng %.",
        "Numbers are stored as numbers (not text); Excel shows them with your computer's separators "
        "(English: 3,299.33). Shares and rates are stored as fractions with a % format."),
    "reupload_note": (
        "Các sheet dữ liệu đầu vào (màu xám) là kịch bản: có thể tải tệp này lên lại ứng dụng.",
        "The input sheets (grey tabs) are the scenario: this file can be uploaded to the app again."),
    "input": ("Dữ liệu đầu vào", "Input"),
    # what each result sheet holds
    "holds.inventory": (
        "Kiểm kê phát thải năm cơ sở: tổng hợp theo hạng mục và phạm vi (như tài liệu), từng nguồn "
        "phát thải với lượng, hệ số, TOE; biểu đồ theo hạng mục và theo nguồn.",
        "Base-year emission inventory: summary by category and scope (the deck's layout), each source "
        "with quantity, factor, TOE; charts by category and by source."),
    "holds.targets": (
        "Các mục tiêu, lộ trình theo năm của từng phạm vi và tổng, đường thông thường (BAU), kiểm tra "
        "SBTi; biểu đồ lộ trình.",
        "The targets, the path by year of each scope and the total, business as usual (BAU), SBTi "
        "check; path chart."),
    "holds.measures": (
        "Từng giải pháp: lượng tiết kiệm, kWh, TOE, giảm tCO2e, tiền tiết kiệm, vốn đầu tư, chi phí "
        "giảm phát thải; biểu đồ.",
        "Each measure: saving, kWh, TOE, tCO2e cut, money saved, investment, abatement cost; chart."),
    "holds.portfolio": (
        "Phát thải theo năm: thông thường (BAU), phần giảm nhờ giải pháp, khi có giải pháp, mục tiêu "
        "và phần còn thiếu; biểu đồ.",
        "Emissions by year: business as usual (BAU), the measures' cut, with the measures, the target "
        "and the gap; chart."),
    "holds.finance": (
        "Giả định tài chính, chỉ tiêu từng giải pháp và toàn danh mục (NPV, IRR, hoàn vốn, ROI, B/C), "
        "dòng tiền theo năm; biểu đồ dòng tiền.",
        "Financial assumptions, indicators per measure and for the portfolio (NPV, IRR, payback, ROI, "
        "B/C), cash flows by year; cash-flow chart."),
    "holds.financing": (
        "So sánh phương án vốn (vốn chủ sở hữu, vay, hỗ trợ, ESCO) và dòng tiền của khách hàng.",
        "Financing options compared (cash, loan, incentives, ESCO) and the customer's cash flows."),
    "holds.plan": (
        "Kế hoạch chi phí thấp nhất để đạt mục tiêu: giải pháp và năm bắt đầu, đầu tư theo năm so với ngân "
        "sách, so với lựa chọn của bạn, chi phí của tham vọng, giá carbon hòa vốn.",
        "The least-cost plan to the target: measures and start years, yearly investment against the budget, "
        "against your own selection, cost of ambition, break-even carbon price."),
    "missing.plan": ("Chưa lập được kế hoạch chi phí thấp nhất: cần một mục tiêu và ít nhất một giải pháp tính được.",
                     "No least-cost plan: it needs a target and at least one measure that can be computed."),
    "holds.mv": (
        "Đo lường & kiểm chứng: mô hình đường cơ sở (hệ số, thống kê ASHRAE G14), năng lượng tiết "
        "kiệm theo tháng; biểu đồ.",
        "Measurement & verification: baseline model (coefficients, ASHRAE G14 statistics), avoided "
        "energy by month; chart."),
    "missing.targets": ("Chưa có mục tiêu (sheet 'Mục tiêu').", "No target yet (sheet 'Targets')."),
    "missing.measures": ("Chưa có giải pháp (sheet 'Giải pháp'): không có kết quả giải pháp, tài chính "
                         "và phương án vốn.",
                         "No measures yet (sheet 'Measures'): no measure, finance or financing results."),
    "missing.portfolio": ("Không có bảng phát thải theo năm: cần thêm giải pháp (và mục tiêu).",
                          "No emissions by year: add measures (and a target) first."),
    "missing.mv": ("Chưa có số liệu đo (sheet 'Đo lường').", "No meter data yet (sheet 'Metering')."),
    # inventory
    "inv.title": ("Kiểm kê phát thải khí nhà kính – năm cơ sở {year}",
                  "Greenhouse-gas inventory – base year {year}"),
    "inv.grid": ("Hệ số lưới điện: {ef} tCO2/MWh ({year}); thư viện hệ số v{version}.",
                 "Grid factor: {ef} tCO2/MWh ({year}); factor library v{version}."),
    "inv.summary": ("Tổng hợp theo hạng mục", "Summary by category"),
    "inv.sources": ("Theo nguồn phát thải", "By source"),
    "inv.sites": ("Theo cơ sở", "By site"),
    "inv.chart_data": ("Dữ liệu biểu đồ: theo hạng mục", "Chart data: by category"),
    "inv.pie": ("Phát thải theo hạng mục (tCO2e)", "Emissions by category (tCO2e)"),
    "inv.bar": ("Phát thải theo nguồn (tCO2e)", "Emissions by source (tCO2e)"),
    "col.no": ("TT", "No."),
    "col.category": ("Hạng mục", "Category"),
    "col.scope": ("Phạm vi", "Scope"),
    "col.tco2e": ("Lượng phát thải CO2e [tấn/năm]", "CO2e emissions [t/yr]"),
    "col.share": ("Tỷ lệ %", "Share %"),
    "col.source": ("Nguồn phát thải (hạng mục – nguồn)", "Source (category – source)"),
    "col.site": ("Cơ sở", "Site"),
    "col.fuel": ("Nhiên liệu / năng lượng", "Fuel / energy"),
    "col.quantity": ("Lượng tiêu thụ", "Quantity"),
    "col.unit": ("Đơn vị", "Unit"),
    "col.factor": ("Hệ số phát thải [tCO2e/đơn vị]", "Emission factor [tCO2e/unit]"),
    "col.toe": ("TOE", "TOE"),
    "col.factor_source": ("Nguồn hệ số", "Factor source"),
    "col.status": ("Trạng thái", "Status"),
    # a row's status in words (inventory rows and measures)
    "st.ok": ("tính được", "computed"),
    "st.known": ("kết quả đã biết", "known result"),
    "st.row_factor": ("hệ số riêng của dòng", "the row's own factor"),
    "st.missing_quantity": ("thiếu lượng tiêu thụ", "quantity missing"),
    "st.unknown_unit": ("đơn vị không rõ", "unknown unit"),
    "st.unknown_fuel": ("nhiên liệu không có trong thư viện", "fuel not in the library"),
    "st.unit_incompatible": ("đơn vị không hợp với nhiên liệu", "unit does not fit the fuel"),
    "st.missing_inputs": ("thiếu số liệu để tính", "inputs missing"),
    "st.unit_missing": ("thiếu đơn vị tiết kiệm", "saving unit missing"),
    "st.switch_unknown": ("năng lượng mới không có hệ số", "new energy has no factor"),
    "st.negative_saving": ("định mức sau cao hơn trước", "rate after above rate before"),
    "st.lifetime_invalid": ("tuổi thọ không hợp lệ", "invalid lifetime"),
    "st.other": ("cần kiểm tra", "to check"),
    "row.scope_total": ("Phát thải Phạm vi {scope}", "Scope {scope} emissions"),
    "row.total": ("Tổng phát thải", "Total emissions"),
    "scope": ("Phạm vi {scope}", "Scope {scope}"),
    # targets
    "tgt.title": ("Lộ trình mục tiêu giảm phát thải", "Emission reduction targets and path"),
    "tgt.list": ("Các mục tiêu", "Targets"),
    "tgt.path": ("Lộ trình: {name}", "Path: {name}"),
    "tgt.chart": ("Lộ trình giảm phát thải (tCO2e)", "Reduction path (tCO2e)"),
    "tgt.intensity": ("Cường độ phát thải: {name}", "Emission intensity: {name}"),
    "col.name": ("Tên", "Name"),
    "col.type": ("Loại", "Type"),
    "col.target_year": ("Năm mục tiêu", "Target year"),
    "col.reduction": ("Mức giảm %", "Reduction %"),
    "col.method": ("Dạng lộ trình", "Path"),
    "col.split_of": ("Chia từ mục tiêu", "Split of"),
    "col.sbti_rate": ("Tốc độ giảm/năm %", "Annual reduction %"),
    "col.sbti15": ("Đạt SBTi 1,5 °C", "Meets SBTi 1.5 °C"),
    "col.sbtiwb": ("Đạt SBTi dưới 2 °C", "Meets SBTi well-below 2 °C"),
    "col.warnings": ("Cảnh báo", "Warnings"),
    "col.year": ("Năm", "Year"),
    "col.intensity": ("Cường độ [tCO2e/đơn vị]", "Intensity [tCO2e/unit]"),
    "col.activity": ("Sản lượng / giá trị gia tăng", "Output / value added"),
    "col.implied": ("Phát thải tương ứng [tCO2e]", "Implied emissions [tCO2e]"),
    "col.change": ("Thay đổi so với năm cơ sở", "Change vs base year"),
    "col.bau": ("Thông thường (BAU)", "Business as usual (BAU)"),
    "col.pct_base": ("% so với năm cơ sở", "% of base year"),
    "yes": ("Có", "Yes"),
    "no": ("Không", "No"),
    # measures
    "ms.title": ("Kết quả từng giải pháp", "Results per measure"),
    "ms.chart": ("Giảm phát thải theo giải pháp (tCO2e/năm)", "Emission cut per measure (tCO2e/yr)"),
    "col.id": ("Mã", "ID"),
    "col.measure": ("Giải pháp", "Measure"),
    "col.class": ("Phân loại", "Class"),
    "col.term": ("Kỳ hạn", "Term"),
    "col.saving": ("Lượng tiết kiệm/năm", "Saving per year"),
    "col.saving_unit": ("Đơn vị tiết kiệm", "Saving unit"),
    "col.kwh": ("Tiết kiệm [kWh/năm]", "Saving [kWh/yr]"),
    "col.toe_yr": ("TOE/năm", "TOE/yr"),
    "col.cut": ("Giảm CO2 [tCO2e/năm]", "CO2 cut [tCO2e/yr]"),
    "col.counted": ("Được tính [tCO2e/năm]", "Counted [tCO2e/yr]"),
    "col.money": ("Tiền tiết kiệm [{cur}/năm]", "Money saved [{cur}/yr]"),
    "col.capex": ("Vốn đầu tư [{cur}]", "Investment [{cur}]"),
    "col.opex": ("Thay đổi chi phí vận hành [{cur}/năm]", "Operating cost change [{cur}/yr]"),
    "col.abatement": ("Chi phí giảm phát thải [{cur}/tCO2e]", "Abatement cost [{cur}/tCO2e]"),
    "col.lifetime": ("Tuổi thọ [năm]", "Lifetime [years]"),
    "col.start": ("Năm bắt đầu", "Start year"),
    "col.note": ("Ghi chú", "Note"),
    "term.short": ("Ngắn hạn", "Short-term"),
    "term.long": ("Dài hạn", "Long-term"),
    # portfolio
    "pf.title": ("Phát thải theo năm với các giải pháp", "Emissions by year with the measures"),
    "pf.target": ("Mục tiêu: {name}", "Target: {name}"),
    "pf.no_target": ("Chưa có mục tiêu: đường thông thường (BAU) giữ ở mức năm cơ sở.",
                     "No target: business as usual (BAU) stays at the base year's level."),
    "pf.chart": ("Phát thải khi có giải pháp so với mục tiêu (tCO2e)",
                 "Emissions with the measures vs the target (tCO2e)"),
    "col.reduction_t": ("Giảm nhờ giải pháp [tCO2e]", "Cut by the measures [tCO2e]"),
    "col.with": ("Khi có giải pháp [tCO2e]", "With the measures [tCO2e]"),
    "col.target": ("Mục tiêu [tCO2e]", "Target [tCO2e]"),
    "col.gap": ("Còn thiếu so với mục tiêu [tCO2e]", "Gap to the target [tCO2e]"),
    # finance
    "fin.title": ("Chỉ tiêu tài chính", "Financial indicators"),
    "fin.settings": ("Giả định tài chính", "Financial assumptions"),
    "fin.indicators": ("Chỉ tiêu theo giải pháp và toàn danh mục", "Indicators per measure and for the portfolio"),
    "fin.portfolio": ("Toàn bộ danh mục", "Whole portfolio"),
    "fin.annual": ("Tiết kiệm/năm của danh mục [{cur}]", "Portfolio saving per year [{cur}]"),
    "fin.cashflows": ("Dòng tiền theo năm [{cur}] (năm 0 = đầu tư)",
                      "Cash flows by year [{cur}] (year 0 = investment)"),
    "fin.chart": ("Dòng tiền theo năm – toàn bộ danh mục ({cur})", "Cash flow by year – whole portfolio ({cur})"),
    "col.simple_payback": ("Hoàn vốn giản đơn [năm]", "Simple payback [yr]"),
    "col.discounted_payback": ("Hoàn vốn có chiết khấu [năm]", "Discounted payback [yr]"),
    "col.npv": ("NPV [{cur}]", "NPV [{cur}]"),
    "col.irr": ("IRR", "IRR"),
    "col.roi": ("ROI", "ROI"),
    "col.bcr": ("B/C", "B/C"),
    "col.cse": ("Chi phí năng lượng tiết kiệm [{cur}/kWh]", "Cost of saved energy [{cur}/kWh]"),
    "irr.no_sign_change": ("IRR không xác định (dòng tiền không đổi dấu)", "IRR undefined (no sign change)"),
    "irr.multiple": ("IRR nhiều nghiệm", "IRR: several solutions"),
    "irr.no_convergence": ("IRR không hội tụ", "IRR did not converge"),
    "irr.no_real_root": ("IRR không có nghiệm thực", "IRR has no real root"),
    "irr.non_finite": ("Dòng tiền không hợp lệ", "Invalid cash flow"),
    # financing
    "fc.title": ("So sánh phương án vốn (toàn bộ danh mục)", "Financing options compared (whole portfolio)"),
    "fc.cashflows": ("Dòng tiền của khách hàng theo năm [{cur}]", "Customer cash flows by year [{cur}]"),
    "col.option": ("Phương án", "Option"),
    "col.upfront": ("Khách hàng bỏ ra ban đầu [{cur}]", "Customer's upfront cost [{cur}]"),
    "col.payback": ("Hoàn vốn [năm]", "Payback [yr]"),
    "option.cash": ("Vốn chủ sở hữu", "Cash (equity)"),
    "option.loan": ("Vay tín dụng", "Bank loan"),
    "option.incentives": ("Có hỗ trợ (tài trợ, tín dụng thuế)", "With incentives"),
    "option.loan_incentives": ("Vay + hỗ trợ", "Loan + incentives"),
    "option.esco_shared": ("ESCO chia sẻ tiết kiệm", "ESCO shared savings"),
    "option.esco_guaranteed": ("ESCO bảo đảm tiết kiệm", "ESCO guaranteed savings"),
    "option.tax_credit": ("Tín dụng thuế", "Tax credit"),
    # M&V
    "mv.title": ("Đo lường & kiểm chứng (M&V)", "Measurement & verification (M&V)"),
    "mv.drivers": ("Yếu tố ảnh hưởng: {drivers}", "Drivers: {drivers}"),
    "mv.no_model": ("Chưa đủ số liệu để lập mô hình đường cơ sở.", "Not enough data for a baseline model."),
    "mv.coefficients": ("Hệ số mô hình đường cơ sở", "Baseline model coefficients"),
    "mv.stats": ("Thống kê mô hình (ASHRAE Guideline 14)", "Model statistics (ASHRAE Guideline 14)"),
    "mv.avoided": ("Năng lượng tiết kiệm theo tháng [{unit}]", "Avoided energy by month [{unit}]"),
    "mv.chart": ("Năng lượng tiết kiệm theo tháng ({unit})", "Avoided energy by month ({unit})"),
    "mv.warnings": ("Cảnh báo: {codes}", "Warnings: {codes}"),
    # warnings by code, in words (the app's pages give the details)
    "w.unknown": ("cảnh báo khác (xem ứng dụng)", "another warning (see the app)"),
    "w.mv.baseline_short": ("giai đoạn cơ sở ít hơn 12 tháng", "fewer than 12 baseline months"),
    "w.mv.no_reporting": ("chưa có số liệu giai đoạn báo cáo", "no reporting-period data yet"),
    "w.mv.gaps": ("thiếu tháng trong một giai đoạn", "months missing inside a period"),
    "w.mv.outliers": ("tháng bất thường trong giai đoạn cơ sở", "unusual baseline months"),
    "w.mv.driver_out_of_range": ("yếu tố ảnh hưởng ngoài phạm vi giai đoạn cơ sở (mô hình ngoại suy)",
                                 "drivers outside the baseline range (the model extrapolates)"),
    "w.mv.duplicate_months": ("tháng bị trùng", "duplicate months"),
    "w.mv.too_few_points": ("quá ít điểm cho số biến của mô hình", "too few points for the model's variables"),
    "w.mv.dropped_rows": ("bỏ qua các tháng thiếu số liệu", "months with missing values were left out"),
    "w.mv.driver_all_zero": ("một yếu tố ảnh hưởng bằng 0 ở mọi tháng cơ sở (không đưa vào mô hình)",
                             "a driver is 0 in every baseline month (left out of the model)"),
    "w.mv.driver_constant": ("một yếu tố ảnh hưởng không đổi ở mọi tháng cơ sở (không đưa vào mô hình)",
                             "a driver is the same in every baseline month (left out of the model)"),
    "w.mv.driver_incomplete": ("một yếu tố ảnh hưởng thiếu số liệu ở một số tháng cơ sở",
                               "a driver is missing in some baseline months"),
    "w.mv.driver_no_data": ("một yếu tố ảnh hưởng không có số liệu giai đoạn cơ sở",
                            "a driver has no baseline data"),
    "w.mv.unknown_driver": ("yếu tố ảnh hưởng không có trong sheet Đo lường (bỏ qua)",
                            "a driver that is not a Metering column (ignored)"),
    "w.mv.no_change_point_driver": ("mô hình điểm gãy cần CDD, HDD hoặc một yếu tố ảnh hưởng khác có số liệu",
                                    "a change-point model needs CDD, HDD or another driver with data"),
    "w.mv.adjustment_outside": ("điều chỉnh ở tháng ngoài giai đoạn báo cáo (không tính)",
                                "adjustments outside the reporting period (not counted)"),
    "w.mv.adjustment_no_meter": ("điều chỉnh không khớp công tơ nào (không tính)",
                                 "adjustments that match no meter (not counted)"),
    "w.target.split_negative": ("mục tiêu riêng giảm ít hơn mức tổng cần: phạm vi còn lại phải xuống dưới 0",
                                "the sub-target cuts less than the total needs: the other scope would go below 0"),
    "w.target.sub_raises_other": ("mục tiêu riêng giảm nhiều hơn mức tổng cần: phạm vi còn lại được phép tăng",
                                  "the sub-target cuts more than the total needs: the other scope may rise"),
    "w.target.no_activity": ("chưa có sản lượng năm cơ sở: lộ trình được tính như mục tiêu tuyệt đối",
                             "no base-year output: the path is computed as an absolute target"),
    "w.target.intensity_allows_growth": ("mục tiêu cường độ vẫn cho phép phát thải tuyệt đối tăng",
                                         "the intensity target still lets absolute emissions grow"),
    "col.variable": ("Biến", "Variable"),
    "col.coefficient": ("Hệ số", "Coefficient"),
    "col.std_error": ("Sai số chuẩn", "Std. error"),
    "col.statistic": ("Chỉ số", "Statistic"),
    "col.month": ("Tháng", "Month"),
    "col.avoided": ("Tiết kiệm [{unit}]", "Avoided [{unit}]"),
    "row.total_avoided": ("Tổng", "Total"),
    "stat.r2": ("R²", "R²"),
    "stat.cv": ("CV(RMSE)", "CV(RMSE)"),
    "stat.nmbe": ("NMBE", "NMBE"),
    "stat.verdict": ("Kết luận", "Verdict"),
    "stat.fsu": ("Độ bất định tiết kiệm ({c} %)", "Savings uncertainty ({c} %)"),
    "verdict.pass": ("Đạt", "Pass"),
    "verdict.warn": ("Cần lưu ý", "Use with care"),
    "verdict.fail": ("Không đạt", "Fails"),
    "driver.production": ("sản lượng", "production"),
    "driver.cdd": ("độ-ngày làm mát (CDD)", "cooling degree days (CDD)"),
    "driver.hdd": ("độ-ngày sưởi (HDD)", "heating degree days (HDD)"),
    "driver.intercept": ("hệ số tự do", "intercept"),
}


def _t(key: str, lang: str, **kw) -> str:
    vi, en = TEXTS[key]
    text = vi if lang == "vi" else en
    return text.format(**kw) if kw else text


def _tt(key: str, lang: str, fallback: str) -> str:
    """Translated text of an optional key (a code without a text shows as itself)."""
    return _t(key, lang) if key in TEXTS else fallback


def _warnings(codes, lang: str) -> str | None:
    """Warning codes in words ("; "-separated), never the codes themselves; None when none."""
    texts = [_tt(f"w.{code}", lang, _t("w.unknown", lang)) for code in codes]
    return "; ".join(dict.fromkeys(texts)) or None


def _status(code, lang: str) -> str | None:
    """A row's status code in words (a text that is no code is kept as it is)."""
    if code is None or code == "":
        return None
    if f"st.{code}" in TEXTS:
        return _t(f"st.{code}", lang)
    return _t("st.other", lang) if str(code).replace("_", "").isalnum() and "_" in str(code) else str(code)


def sheet_name(key: str, lang: str) -> str:
    """Name of a result sheet in a language."""
    vi, en = RESULT_SHEETS[key]
    return vi if lang == "vi" else en


def _num(value):
    """A finite number for a cell, else None (NaN, infinity and missing values stay empty)."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value if math.isfinite(value) else None
    return value


def _text_num(value, lang: str, decimals: int) -> str:
    """A number inside a sentence, with the language's separators (cells keep real numbers)."""
    value = _num(value)
    if value is None:
        return "–"
    return format_decimal(round(value, decimals), format="#,##0." + "0" * decimals,
                          locale="vi_VN" if lang == "vi" else "en_US")


def _pct(value):
    """A percentage (56.05) as the fraction Excel's % format expects (0.5605)."""
    value = _num(value)
    return None if value is None else value / 100.0


# -- the summary ----------------------------------------------------------------------------------

def report_summary(scenario) -> dict:
    """Everything the report shows, from :func:`results.summary.scenario_summary` (computed once)."""
    return scenario_summary(scenario)


# -- writing blocks down a sheet ------------------------------------------------------------------

class _Block:
    """Writes a title, notes and tables down a worksheet and keeps the column widths."""

    def __init__(self, ws):
        self.ws, self.row, self.widths = ws, 1, {}

    def _fit(self, col: int, value, header: bool = False):
        if value is None:
            return
        if isinstance(value, str):
            n = min(len(value), 22) if header else len(value)
        elif isinstance(value, (int, float)):
            n = len(f"{value:,.2f}")
        else:
            n = 11
        self.widths[col] = max(self.widths.get(col, 8), min(n + 2, 60))

    def title(self, text: str):
        _put(self.ws, self.row, 1, text).font = TITLE_FONT
        self.row += 1

    def line(self, text: str, font: Font | None = None):
        cell = _put(self.ws, self.row, 1, text)
        if font is not None:
            cell.font = font
        self.row += 1

    def section(self, text: str):
        self.row += 1
        self.line(text, SECTION_FONT)

    def table(self, headers: list[str], rows: list[list], formats: list[str | None], *, col: int = 1,
              row: int | None = None, bold_rows: tuple[int, ...] = ()) -> tuple[int, int]:
        """Header at ``row`` (the next free row by default), data below; returns the header row
        and the last data row. Rows in ``bold_rows`` (0-based) are totals."""
        top = self.row if row is None else row
        for j, text in enumerate(headers):
            cell = _put(self.ws, top, col + j, text)
            cell.font, cell.fill = HEADER_FONT, HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            self._fit(col + j, text, header=True)
        for i, values in enumerate(rows, start=1):
            for j, value in enumerate(values):
                cell = _put(self.ws, top + i, col + j, _num(value), formats[j])
                if i - 1 in bold_rows:
                    cell.font, cell.fill = BOLD, TOTAL_FILL
                self._fit(col + j, _num(value))
        if row is None:
            self.row = top + len(rows) + 1
        return top, top + len(rows)

    def pairs(self, headers: list[str], rows: list[tuple]):
        """A two-column label/value table where each row has its own number format."""
        top = self.row
        self.table(headers, [], [None, None])
        for i, (label, value, fmt) in enumerate(rows, start=1):
            _put(self.ws, top + i, 1, label)
            _put(self.ws, top + i, 2, _num(value), fmt)
            self._fit(1, label)
            self._fit(2, _num(value))
        self.row = top + len(rows) + 1

    def finish(self, first_col_width: int | None = None):
        for col, width in self.widths.items():
            self.ws.column_dimensions[get_column_letter(col)].width = width
        if first_col_width:
            self.ws.column_dimensions["A"].width = first_col_width
        self.ws.sheet_properties.tabColor = RESULT_TAB
        self.ws.page_setup.orientation = "landscape"
        self.ws.page_setup.fitToWidth, self.ws.page_setup.fitToHeight = 1, 0
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True


def _axes(chart, x_title: str | None, y_title: str | None):
    chart.x_axis.title, chart.y_axis.title = x_title, y_title
    chart.x_axis.delete = chart.y_axis.delete = False  # openpyxl 3.1 would hide them otherwise
    chart.width, chart.height = CHART_W, CHART_H


def _anchor(col: int, row: int) -> str:
    return f"{get_column_letter(col)}{row}"


# -- the sheets -----------------------------------------------------------------------------------

def _category_label(key, lang: str) -> str:
    return choice_label(SHEETS["Activities"].column("category"), key, lang)


def _fuel_label(key, lang: str) -> str:
    fuels = load_library().fuels
    if key in fuels.index:
        return fuels.at[key, "name_vi" if lang == "vi" else "name_en"]
    return key


def _inventory_sheet(ws, summary: dict, lang: str):
    inv, company = summary["inventory"], summary["company"]
    grid = inv["grid_factor"]
    b = _Block(ws)
    b.title(_t("inv.title", lang, year=company.get("base_year") or "–"))
    b.line(_t("inv.grid", lang, ef=_text_num(grid["tco2_per_mwh"], lang, 4), year=grid["year"] or "–",
              version=summary["factor_library_version"]))

    # the deck's summary: numbered categories, a subtotal per scope, the total
    b.section(_t("inv.summary", lang))
    rows, bold, n = [], [], 0
    by_cat, share_cat = inv["by_category"], inv["share_by_category_pct"]
    for scope in ("1", "2", "3"):
        cats = [c for c in by_cat if str(CATEGORY_SCOPE.get(c)) == scope]
        if not cats and scope == "3":
            continue
        for c in cats:
            n += 1
            rows.append([n, _category_label(c, lang), _t("scope", lang, scope=scope), by_cat[c], _pct(share_cat[c])])
        bold.append(len(rows))
        rows.append([None, _t("row.scope_total", lang, scope=scope), None, inv["by_scope"].get(scope),
                     _pct(inv["share_by_scope_pct"].get(scope))])
    bold.append(len(rows))
    rows.append([None, _t("row.total", lang), None, inv["total_tco2e"], 1.0 if inv["total_tco2e"] else 0.0])
    top = b.row
    b.table([_t(k, lang) for k in ("col.no", "col.category", "col.scope", "col.tco2e", "col.share")], rows,
            ["0", None, None, TCO2E, PCT], bold_rows=tuple(bold))

    # the pie's data: one row per category (the deck's table interleaves subtotals)
    cat_rows = [[_category_label(c, lang), v] for c, v in by_cat.items()]
    _put(ws, top - 1, 7, _t("inv.chart_data", lang)).font = BOLD
    head, last = b.table([_t("col.category", lang), _t("col.tco2e", lang)], cat_rows, [None, TCO2E],
                         col=7, row=top)

    if len(inv["by_site"]) > 1:
        b.section(_t("inv.sites", lang))
        total = inv["total_tco2e"]
        b.table([_t("col.site", lang), _t("col.tco2e", lang), _t("col.share", lang)],
                [[s or "–", v, (v / total if total and v is not None else None)] for s, v in inv["by_site"].items()],
                [None, TCO2E, PCT])

    # one row per source: the deck's first columns, then the calculation's inputs
    b.section(_t("inv.sources", lang))
    grid = inv["grid_factor"]  # the grid factor's source in the report's language
    year = f" ({grid['year']})" if grid.get("year") else ""
    own = {f"{grid['source']}{year}": f"{grid.get('source_vi') or grid['source']}{year}"} if lang == "vi" else {}
    src_rows = [[s["scope"], f"{_category_label(s['category'], lang)} – {s['source'] or ''}", s["site"], s["tco2e"],
                 _pct(s["share_pct"]), _fuel_label(s["fuel"], lang), s["quantity"], s["unit"],
                 s["factor_tco2e_per_unit"], s["toe"], own.get(s["factor_source"], s["factor_source"]),
                 _status(s["status"], lang)]
                for s in inv["sources"]]
    src_rows.append([None, _t("row.total", lang), None, inv["total_tco2e"], 1.0 if inv["total_tco2e"] else 0.0,
                     None, None, None, None, inv["total_toe"], None, None])
    src_head, src_last = b.table(
        [_t(k, lang) for k in ("col.scope", "col.source", "col.site", "col.tco2e", "col.share", "col.fuel",
                               "col.quantity", "col.unit", "col.factor", "col.toe", "col.factor_source",
                               "col.status")],
        src_rows, ["0", None, None, TCO2E, PCT, None, NUM2, None, FACTOR, NUM2, None, None],
        bold_rows=(len(src_rows) - 1,))
    b.widths[11] = min(b.widths.get(11, 10), 40)
    b.finish()

    chart_col = 14
    if cat_rows:
        pie = PieChart()
        pie.title = _t("inv.pie", lang)
        pie.add_data(Reference(ws, min_col=8, min_row=head, max_row=last), titles_from_data=True)
        pie.set_categories(Reference(ws, min_col=7, min_row=head + 1, max_row=last))
        pie.dataLabels = DataLabelList()
        pie.dataLabels.showPercent = True
        pie.width, pie.height = CHART_W, CHART_H
        ws.add_chart(pie, _anchor(chart_col, 3))
    if len(src_rows) > 1:
        bar = BarChart()
        bar.type, bar.title, bar.legend = "bar", _t("inv.bar", lang), None
        bar.add_data(Reference(ws, min_col=4, min_row=src_head, max_row=src_last - 1), titles_from_data=True)
        bar.set_categories(Reference(ws, min_col=2, min_row=src_head + 1, max_row=src_last - 1))
        _axes(bar, None, "tCO2e")
        bar.height = max(CHART_H, 1.0 + 0.6 * (len(src_rows) - 1))
        ws.add_chart(bar, _anchor(chart_col, 22))


def _targets_sheet(ws, summary: dict, lang: str):
    tcol = SHEETS["Targets"]
    b = _Block(ws)
    b.title(_t("tgt.title", lang))
    b.section(_t("tgt.list", lang))
    yes_no = lambda v: None if v is None else _t("yes" if v else "no", lang)  # noqa: E731
    rows = [[t["name"], choice_label(tcol.column("type"), t["type"], lang),
             choice_label(tcol.column("scope"), t["scope"], lang), t["base_year"], t["target_year"],
             _pct(t["reduction_pct"]), choice_label(tcol.column("method"), t["method"], lang), t["split_of"],
             _pct(t["sbti"].get("annual_rate_pct")), yes_no(t["sbti"].get("meets_1_5c")),
             yes_no(t["sbti"].get("meets_wb2c")), _warnings(t["warnings"], lang)]
            for t in summary["targets"]]
    b.table([_t(k, lang) for k in ("col.name", "col.type", "col.scope", "base_year", "col.target_year",
                                   "col.reduction", "col.method", "col.split_of", "col.sbti_rate", "col.sbti15",
                                   "col.sbtiwb", "col.warnings")],
            rows, [None, None, None, YEAR, YEAR, PCT1, None, None, PCT, None, None, None])

    chart_ref = None
    for t in (x for x in summary["targets"] if x["split_of"] is None):
        scopes = list(dict.fromkeys(p["scope"] for p in t["path"]))
        years = list(dict.fromkeys(p["year"] for p in t["path"]))
        value = {(p["year"], p["scope"]): p["tco2e"] for p in t["path"]}
        bau = {r["year"]: r["tco2e"] for r in t["bau"]}
        total_key = scopes[-1] if scopes else None
        base = value.get((years[0], total_key)) if years else None
        rows = [[y, *[value.get((y, s)) for s in scopes], bau.get(y),
                 (value.get((y, total_key)) / base if base and value.get((y, total_key)) is not None else None)]
                for y in years]
        b.section(_t("tgt.path", lang, name=t["name"]))
        headers = [_t("col.year", lang), *[choice_label(tcol.column("scope"), s, lang) + " [tCO2e]" for s in scopes],
                   _t("col.bau", lang) + " [tCO2e]", _t("col.pct_base", lang)]
        head, last = b.table(headers, rows, [YEAR, *[TCO2E] * len(scopes), TCO2E, PCT1])
        if chart_ref is None and rows:
            chart_ref = (head, last, 1 + len(scopes) + 1)
        if t.get("intensity"):
            b.section(_t("tgt.intensity", lang, name=t["name"]))
            b.table([_t(k, lang) for k in ("col.year", "col.intensity", "col.activity", "col.implied", "col.change")],
                    [[r["year"], r.get("intensity"), r.get("activity"), r.get("implied_tco2e"),
                      _pct(r.get("absolute_change_pct"))] for r in t["intensity"]],
                    [YEAR, "#,##0.0000", NUM0, TCO2E, PCT1])
    b.finish(first_col_width=30)

    if chart_ref:
        head, last, max_col = chart_ref
        line = LineChart()
        line.title = _t("tgt.chart", lang)
        line.add_data(Reference(ws, min_col=2, max_col=max_col, min_row=head, max_row=last), titles_from_data=True)
        line.set_categories(Reference(ws, min_col=1, min_row=head + 1, max_row=last))
        _axes(line, _t("col.year", lang), "tCO2e")
        ws.add_chart(line, _anchor(14, 3))


def _measures_sheet(ws, summary: dict, lang: str, currency: str, money: str):
    mcol = SHEETS["Measures"]
    b = _Block(ws)
    b.title(_t("ms.title", lang))
    rows = []
    for m in summary["measures"]:
        note = "; ".join(dict.fromkeys(_status(x, lang) for x in (None if m["status"] == "ok" else m["status"],
                                                                  m.get("issue")) if x))
        rows.append([m["id"], m["name"], choice_label(mcol.column("category"), m["category"], lang),
                     _tt(f"term.{m['term']}", lang, m["term"]) if m["term"] else None, _fuel_label(m["fuel"], lang),
                     m["saving_quantity"], m["saving_unit"], m["saving_kwh"], m["saving_toe"], m["reduction_tco2e"],
                     m["applied_tco2e"], m["energy_cost_saving"], m["capex"], m["opex_change"],
                     m["abatement_cost_per_tco2e"], m["lifetime_years"], m["start_year"], note or None])
    head, last = b.table(
        [_t(k, lang, cur=currency) for k in ("col.id", "col.measure", "col.class", "col.term", "col.fuel", "col.saving",
                                             "col.saving_unit", "col.kwh", "col.toe_yr", "col.cut", "col.counted",
                                             "col.money", "col.capex", "col.opex", "col.abatement", "col.lifetime",
                                             "col.start", "col.note")],
        rows, [None, None, None, None, None, NUM2, None, NUM0, NUM2, TCO2E, TCO2E, money, money, money, money,
               "0.#", YEAR, None])
    b.widths[2] = min(b.widths.get(2, 10), 45)
    b.finish()
    if rows:
        bar = BarChart()
        bar.title, bar.legend = _t("ms.chart", lang), None
        bar.add_data(Reference(ws, min_col=10, min_row=head, max_row=last), titles_from_data=True)
        bar.set_categories(Reference(ws, min_col=1, min_row=head + 1, max_row=last))
        _axes(bar, None, "tCO2e")
        ws.add_chart(bar, _anchor(2, last + 3))


def _portfolio_sheet(ws, summary: dict, lang: str):
    p = summary["portfolio"]
    b = _Block(ws)
    b.title(_t("pf.title", lang))
    b.line(_t("pf.target", lang, name=p["target"]) if p["target"] else _t("pf.no_target", lang))
    b.row += 1
    rows = [[y, p["bau_tco2e"][str(y)], p["reduction_tco2e"][str(y)], p["with_measures_tco2e"][str(y)],
             p["target_tco2e"][str(y)], p["gap_tco2e"][str(y)]] for y in p["years"]]
    headers = [_t(k, lang) for k in ("col.year", "col.bau", "col.reduction_t", "col.with", "col.target", "col.gap")]
    headers[1] += " [tCO2e]"
    head, last = b.table(headers, rows, [YEAR, TCO2E, TCO2E, TCO2E, TCO2E, TCO2E])
    b.finish()
    if not rows:
        return
    has_target = any(r[4] is not None for r in rows)
    bar = BarChart()
    bar.title = _t("pf.chart", lang)
    bar.add_data(Reference(ws, min_col=4, max_col=5 if has_target else 4, min_row=head, max_row=last),
                 titles_from_data=True)
    bar.set_categories(Reference(ws, min_col=1, min_row=head + 1, max_row=last))
    bau = LineChart()
    bau.add_data(Reference(ws, min_col=2, min_row=head, max_row=last), titles_from_data=True)
    bau.set_categories(Reference(ws, min_col=1, min_row=head + 1, max_row=last))
    bar += bau
    _axes(bar, _t("col.year", lang), "tCO2e")
    bar.legend.position = "b"
    ws.add_chart(bar, _anchor(8, 3))


def _finance_sheet(ws, summary: dict, lang: str, currency: str, money: str):
    fin = summary["finance"]
    b = _Block(ws)
    b.title(_t("fin.title", lang))
    b.section(_t("fin.settings", lang))
    settings = fin["settings"]
    pairs = []
    for col in SHEETS["Finance"].columns:
        unit = unit_label(col.unit, lang).replace("currency", currency).replace("tiền tệ", currency)
        pct, value = unit.startswith("%"), settings.get(col.key)
        value = choice_label(col, value, lang) or None if col.choices else value  # a choice in words
        pairs.append((col.label(lang) + (f" [{unit}]" if unit else ""), _pct(value) if pct else value,
                      PCT if pct else (YEAR if col.key == "analysis_years" else money)))
    pairs.append((_t("fin.annual", lang, cur=currency), fin["annual_saving"], money))
    b.pairs([_t("info", lang), _t("value", lang)], pairs)

    b.section(_t("fin.indicators", lang))
    ind = ("simple_payback_years", "discounted_payback_years", "npv", "irr", "roi", "bcr",
           "cost_of_saved_energy_per_kwh")
    fmts = [None, None, money, NUM2, NUM2, money, PCT1, PCT1, NUM2, NUM2]
    irr_note = lambda code: _tt(code, lang, code) if code else None  # noqa: E731
    rows = [[m["id"], m["name"], m["capex"], *[m.get(k) for k in ind], irr_note(m.get("irr_code"))]
            for m in summary["measures"]]
    rows.append([None, _t("fin.portfolio", lang), fin["capex"], *[fin.get(k) for k in ind], None])
    b.table([_t(k, lang, cur=currency) for k in ("col.id", "col.measure", "col.capex", "col.simple_payback",
                                                 "col.discounted_payback", "col.npv", "col.irr", "col.roi",
                                                 "col.bcr", "col.cse", "col.note")],
            rows, fmts + [None], bold_rows=(len(rows) - 1,))

    b.section(_t("fin.cashflows", lang, cur=currency))
    flows = fin["cashflows"]
    columns = [m for m in summary["measures"] if m.get("cashflows")]
    rows = [[i, *[(m["cashflows"][i] if i < len(m["cashflows"]) else None) for m in columns], v]
            for i, v in enumerate(flows)]
    head, last = b.table([_t("col.year", lang), *[str(m["id"]) for m in columns], _t("fin.portfolio", lang)],
                         rows, [YEAR, *[money] * (len(columns) + 1)])
    b.widths[1] = max(b.widths.get(1, 10), 30)
    b.finish()
    if rows:
        bar = BarChart()
        bar.title, bar.legend = _t("fin.chart", lang, cur=currency), None
        portfolio_col = 2 + len(columns)
        bar.add_data(Reference(ws, min_col=portfolio_col, min_row=head, max_row=last), titles_from_data=True)
        bar.set_categories(Reference(ws, min_col=1, min_row=head + 1, max_row=last))
        _axes(bar, _t("col.year", lang), currency)
        ws.add_chart(bar, _anchor(13, 3))


def _financing_sheet(ws, summary: dict, lang: str, currency: str, money: str):
    b = _Block(ws)
    b.title(_t("fc.title", lang))
    b.row += 1
    options = summary["financing"]
    label = lambda o: _tt(f"option.{o}", lang, o)  # noqa: E731
    b.table([_t(k, lang, cur=currency) for k in ("col.option", "col.upfront", "col.npv", "col.irr", "col.payback")],
            [[label(o["option"]), o["customer_net_cost"], o["npv"], o["irr"], o["payback_years"]] for o in options],
            [None, money, money, PCT1, NUM2])
    b.section(_t("fc.cashflows", lang, cur=currency))
    n = max((len(o["cashflows"]) for o in options), default=0)
    b.table([_t("col.year", lang), *[label(o["option"]) for o in options]],
            [[i, *[(o["cashflows"][i] if i < len(o["cashflows"]) else None) for o in options]] for i in range(n)],
            [YEAR, *[money] * len(options)])
    b.widths[1] = max(b.widths.get(1, 10), 30)
    b.finish()


def _plan_sheet(ws, summary: dict, lang: str, currency: str, money: str):
    """The least-cost plan (:mod:`views.plan_report`): both modes, the yearly investment, the plan
    against the user's selection, the cost of ambition and the break-even carbon price."""
    plan = summary["plan"]
    names = {m["id"]: m["name"] for m in summary["measures"] if m.get("status") == "ok"}
    b = _Block(ws)
    b.title(pr.plan_t("title", lang))
    b.line(pr.intro(plan, lang, currency))
    for mode in pr.MODES:
        b.section(pr.mode_title(plan, mode, lang))
        b.line(pr.status_sentence(plan, mode, lang, currency))
        headers, rows = pr.chosen_table(plan, mode, names, lang, currency)
        if rows:
            b.table(headers, rows, [None, None, YEAR, YEAR, money, money, TCO2E])
            left = pr.not_chosen(plan, mode, names, lang)
            if left:
                b.line(left)
        needed = pr.budget_needed_table(plan, mode, lang, currency)
        if needed:
            text, headers, rows = needed
            b.line(text)
            b.table(headers, rows, [YEAR, money, money, money])
        b.line(pr.break_even_sentence(plan, mode, lang, currency))
    b.section(pr.plan_t("compare", lang))
    headers, rows, kinds = pr.compare_table(plan, lang, currency)
    head, last = b.table(headers, rows, [None, TCO2E, TCO2E])
    for r, kind in zip(range(head + 1, last + 1), kinds):  # each row its own format
        for col in (2, 3):
            ws.cell(r, col).number_format = money if kind == "money" else TCO2E
    b.line(pr.own_sentence(plan, lang))
    b.section(pr.plan_t("yearly", lang))
    headers, rows = pr.yearly_table(plan, lang, currency)
    rows = [[y, pr.plan_t("no_budget", lang) if budget is None else budget, *rest] for y, budget, *rest in rows]
    head, last = b.table(headers, rows, [YEAR, money, money, money, TCO2E, TCO2E])
    if rows:  # the plan's (when there is one) and the user's yearly investment, side by side
        bar = BarChart()
        bar.title = pr.plan_t("yearly", lang)
        first = 3 if any(r[2] is not None for r in rows) else 4
        bar.add_data(Reference(ws, min_col=first, max_col=4, min_row=head, max_row=last), titles_from_data=True)
        bar.set_categories(Reference(ws, min_col=1, min_row=head + 1, max_row=last))
        _axes(bar, headers[0], currency)
        bar.legend.position = "b"
        ws.add_chart(bar, _anchor(8, head))
    b.section(pr.plan_t("ambition", lang))
    note, headers, rows = pr.ambition_table(plan, lang, currency)
    b.line(note)
    b.table(headers, [[lv, _pct(pct), t, cost, n] for lv, pct, t, cost, n in rows], [None, PCT1, TCO2E, money, YEAR])
    b.widths[1] = max(b.widths.get(1, 10), 34)
    b.finish()


def _mv_sheet(ws, mv: dict, lang: str, unit: str):
    b = _Block(ws)
    b.title(_t("mv.title", lang))
    drivers = ", ".join(_tt(f"driver.{d}", lang, d) for d in mv["drivers"]) or "–"
    b.line(_t("mv.drivers", lang, drivers=drivers))
    if mv["warnings"]:
        b.line(_t("mv.warnings", lang, codes=_warnings(mv["warnings"], lang)))
    if mv["coefficients"] is None:
        b.line(_t("mv.no_model", lang), BOLD)
        b.finish(first_col_width=30)
        return
    b.section(_t("mv.coefficients", lang))
    b.table([_t("col.variable", lang), _t("col.coefficient", lang), _t("col.std_error", lang)],
            [[_tt(f"driver.{k}", lang, k), v, mv["std_errors"].get(k)] for k, v in mv["coefficients"].items()],
            [None, "#,##0.0000", "#,##0.0000"])
    b.section(_t("mv.stats", lang))
    stats = [[_t("stat.r2", lang), mv["r2"], "0.0000"], [_t("stat.cv", lang), _pct(mv["cv_rmse_pct"]), PCT],
             [_t("stat.nmbe", lang), _pct(mv["nmbe_pct"]), PCT],
             [_t("stat.verdict", lang), _tt(f"verdict.{mv['verdict']}", lang, mv["verdict"]), None]]
    for conf, value in (mv.get("fsu_pct_by_confidence") or {}).items():
        stats.append([_t("stat.fsu", lang, c=round(float(conf) * 100)), _pct(value), PCT])
    b.pairs([_t("col.statistic", lang), _t("value", lang)], stats)
    avoided = mv.get("avoided_energy")
    if avoided:
        b.section(_t("mv.avoided", lang, unit=unit))
        rows = [[m, v] for m, v in zip(avoided["months"], avoided["by_month"])]
        rows.append([_t("row.total_avoided", lang), avoided["total"]])
        head, last = b.table([_t("col.month", lang), _t("col.avoided", lang, unit=unit)], rows, [None, NUM0],
                             bold_rows=(len(rows) - 1,))
    b.finish(first_col_width=30)
    if avoided and avoided["months"]:
        bar = BarChart()
        bar.title, bar.legend = _t("mv.chart", lang, unit=unit), None
        bar.add_data(Reference(ws, min_col=2, min_row=head, max_row=last - 1), titles_from_data=True)
        bar.set_categories(Reference(ws, min_col=1, min_row=head + 1, max_row=last - 1))
        _axes(bar, _t("col.month", lang), unit)
        ws.add_chart(bar, _anchor(5, 3))


def _title_sheet(ws, summary: dict, lang: str, written: list[tuple[str, str]], missing: list[str]):
    company, inv = summary["company"], summary["inventory"]
    grid = inv["grid_factor"]
    b = _Block(ws)
    b.title(_t("title", lang))
    b.line(company.get("name") or summary["scenario"] or "", Font(bold=True, size=12))
    b.row += 1
    rows = [[_t("company", lang), company.get("name"), None], [_t("sector", lang), company.get("sector"), None],
            [_t("base_year", lang), company.get("base_year"), YEAR],
            [_t("currency", lang), company.get("currency"), None],
            [_t("date", lang), dt.date.today(), DATE],
            [_t("library", lang), summary["factor_library_version"], None],
            [_t("grid", lang), grid["tco2_per_mwh"], "0.0000"], [_t("grid_year", lang), grid["year"], YEAR],
            [_t("grid_source", lang), grid.get("source_vi") or grid["source"] if lang == "vi" else grid["source"], None], [_t("gwp", lang), company.get("gwp_set"), None],
            [_t("scenario", lang), summary["scenario"], None], [_t("total", lang), inv["total_tco2e"], TCO2E]]
    top = b.row
    b.pairs([_t("info", lang), _t("value", lang)], rows)
    for i in range(1, len(rows) + 1):
        ws.cell(top + i, 2).alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)

    b.section(_t("contents", lang))
    head, _ = b.table([_t("sheet", lang), _t("holds", lang)], [[name, text] for name, text in written], [None, None])
    for i, (name, _text) in enumerate(written, start=1):
        cell = ws.cell(head + i, 1)
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"{quote_sheetname(name)}!A1")
        cell.font = Font(color="1565C0", underline="single")
    if missing:
        b.section(_t("no_data", lang))
        for text in missing:
            b.line(text)
    b.row += 1
    b.line(_t("numbers_note", lang))
    b.line(_t("reupload_note", lang))
    b.finish()
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 90
    for row in ws.iter_rows(min_row=head + 1, max_row=head + len(written), min_col=2, max_col=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")


# -- the workbook ---------------------------------------------------------------------------------

def write_report(scenario: Scenario, lang: str = "vi", *, summary: dict | None = None) -> bytes:
    """The workshop report as .xlsx bytes, sheet names and headers in ``lang`` ("vi" or "en").

    Parameters
    ----------
    scenario : Scenario
        A validated scenario; only Company and Activities need data.
    lang : str
        "vi" or "en".
    summary : dict, optional
        :func:`report_summary` of ``scenario`` when the caller already has it.
    """
    lang = "en" if lang == "en" else "vi"
    summary = summary if summary is not None else report_summary(scenario)
    currency = summary["company"].get("currency") or "VND"
    money = NUM0 if currency == "VND" else NUM2
    has_measures = bool(summary["measures"])
    has_targets = any(t["split_of"] is None for t in summary["targets"])
    has_portfolio = summary.get("portfolio") is not None and (has_measures or bool(summary["portfolio"]["target"]))
    mv = summary.get("mv")

    book = openpyxl.Workbook()
    title_ws = book.active
    title_ws.title = sheet_name("title", lang)
    written, missing = [], []

    def add(key: str):
        ws = book.create_sheet(sheet_name(key, lang))
        written.append((ws.title, _t(f"holds.{key}", lang)))
        return ws

    _inventory_sheet(add("inventory"), summary, lang)
    if has_targets:
        _targets_sheet(add("targets"), summary, lang)
    else:
        missing.append(_t("missing.targets", lang))
    if has_measures:
        _measures_sheet(add("measures"), summary, lang, currency, money)
    else:
        missing.append(_t("missing.measures", lang))
    if has_portfolio:
        _portfolio_sheet(add("portfolio"), summary, lang)
    else:
        missing.append(_t("missing.portfolio", lang))
    if has_measures and summary.get("finance"):
        _finance_sheet(add("finance"), summary, lang, currency, money)
        if summary.get("financing"):
            _financing_sheet(add("financing"), summary, lang, currency, money)
    if summary.get("plan") is not None:
        _plan_sheet(add("plan"), summary, lang, currency, money)
    else:
        missing.append(_t("missing.plan", lang))
    if mv is not None:
        units = scenario.table("Metering")["unit"].dropna()
        _mv_sheet(add("mv"), mv, lang, str(units.iloc[0]) if len(units) else "")
    else:
        missing.append(_t("missing.mv", lang))

    # the scenario's own sheets, as write_scenario writes them (the report reads back as the scenario)
    for key, sheet in SHEETS.items():
        ws = book.create_sheet(sheet.label(lang))
        if sheet.kind == "fields":
            _write_fields(ws, sheet, scenario.fields.get(key, {}), lang)
        else:
            _write_table(ws, sheet, scenario.tables.get(key, empty_table(key)), lang)
        ws.sheet_properties.tabColor = INPUT_TAB
        written.append((ws.title, f"{_t('input', lang)}: {sheet.help_vi if lang == 'vi' else sheet.help_en}"))

    _title_sheet(title_ws, summary, lang, written, missing)
    book.active = 0
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
