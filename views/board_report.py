"""The board report: a few A4 pages a director reads, as PDF, in Vietnamese or English.

``write_board_report(scenario, lang) -> bytes`` follows the deck's chain on one page each:
key figures and a summary → inventory → target and gap → the chosen measures → finance (with the
financing options) → M&V status and the 5W1H plan → assumptions and sources.

Every number is a field of the one results model (:func:`results.analyse`), formatted with
:mod:`views.format` as the screen formats it (tCO2e with 2 decimals, the gap and target with 1,
money without decimals, IRR with 2; "–" for what cannot be computed, "∞" for a payback that
never comes). The summary is made of sentence templates filled with those numbers; a template is
chosen by the numbers (a gap or a margin, a positive or negative NPV), never written freely.
Labels come from this module's own :data:`TEXTS` and the workbook schema's choice labels, like
:mod:`views.report` (the ``ui`` texts sit above this layer); fuels, categories, classes, options
and statuses are always shown by their label, never by their key.

The page is HTML with its charts drawn by the Plotly.js that ships with plotly (the ``figures``
builders, 16:9, vector in the PDF) and is printed by Chromium (:mod:`views.pdf`).
"""
from __future__ import annotations

import datetime as dt
import functools
import html
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from calc.factors import load_library
from figures.finance import cashflow_chart, financing_chart
from figures.inventory import pareto_chart
from figures.measures import macc_chart, wedge_chart
from figures.mv import cumulative_savings_chart
from figures.targets import target_path_figure
from results.analyse import analyse
from results.model import ScenarioResults
from results.summary import plan_summary
from views import plan_report as pr
from views.format import fmt_num, fmt_pct, fmt_text, plotly_separators
from views.pdf import NO_BROWSER, PdfUnavailable, html_to_pdf, pdf_available
from workbook.model import Scenario
from workbook.schema import SHEETS, choice_label

__all__ = ["write_board_report", "board_html", "board_figures", "summary_lines", "key_figures",
           "pdf_available", "PdfUnavailable", "NO_BROWSER", "TEXTS", "CHART_PX"]

#: Chart size in CSS pixels: 16:9 across the A4 text width (182 mm ≈ 688 px at 96 px/in).
CHART_PX = (688, 387)
FONT = "'Liberation Sans', 'DejaVu Sans', 'Noto Sans', Arial, sans-serif"
TOP_SOURCES = 10
#: rows of the measure and indicator tables (the largest cuts), bars of the Pareto, bands of the
#: wedge chart (the rest in one band) and actions of the 5W1H table; the totals cover everything
TOP_MEASURES, PARETO_BARS, WEDGES, TOP_ACTIONS = 15, 15, 8, 20
GREEN = "#2E7D32"

TEXTS: dict[str, tuple[str, str]] = {
    "title": ("Báo cáo cho Ban lãnh đạo: kịch bản tiết kiệm năng lượng",
              "Board report: energy-saving scenario"),
    "footer": ("Báo cáo cho Ban lãnh đạo", "Board report"),
    "company": ("Công ty", "Company"),
    "sector": ("Ngành", "Sector"),
    "base_year": ("Năm cơ sở", "Base year"),
    "currency": ("Đơn vị tiền tệ", "Currency"),
    "scenario": ("Kịch bản", "Scenario"),
    "date": ("Ngày lập", "Date"),
    "library": ("Thư viện hệ số", "Factor library"),
    "key_figures": ("Các con số chính", "Key figures"),
    "summary": ("Tóm tắt", "Summary"),
    "summary_note": ("Các câu tóm tắt được lập tự động từ kết quả tính toán của kịch bản.",
                     "The summary sentences are written automatically from the scenario's results."),
    # key figure cards
    "kf.inventory": ("Tổng phát thải năm {year}", "Total emissions {year}"),
    "kf.target": ("Mục tiêu năm {year}", "Target for {year}"),
    "kf.target_none": ("Mục tiêu", "Target"),
    "kf.gap": ("Còn thiếu so với mục tiêu {year}", "Gap to the {year} target"),
    "kf.gap_none": ("Còn thiếu so với mục tiêu", "Gap to the target"),
    "kf.cut": ("Giảm phát thải nhờ giải pháp", "Cut by the measures"),
    "kf.capex": ("Vốn đầu tư", "Investment"),
    "kf.npv": ("NPV toàn danh mục", "Portfolio NPV"),
    "kf.irr": ("IRR toàn danh mục", "Portfolio IRR"),
    "kf.payback": ("Hoàn vốn giản đơn", "Simple payback"),
    "kf.mv": ("M&V: tỷ lệ hiện thực hóa", "M&V: realisation rate"),
    "kf.with": ("khi có giải pháp: {v} tCO2e", "with the measures: {v} tCO2e"),
    "kf.reduction": ("giảm {r} so với năm {y}", "{r} below {y}"),
    "kf.measures": ("{n} giải pháp", "{n} measures"),
    "kf.saving": ("tiết kiệm {v} {cur}/năm", "saves {v} {cur}/yr"),
    "kf.rate": ("chiết khấu {r}, {n} năm", "{r} discount rate, {n} years"),
    "kf.avoided": ("tránh được {v} {u}", "{v} {u} avoided"),
    "kf.no_data": ("chưa có số liệu đo", "no meter data yet"),
    "kf.not_set": ("chưa đặt", "not set"),
    "kf.met": ("đã đạt mục tiêu", "target met"),
    "unit.years": ("năm", "years"),
    "unit.t_yr": ("tCO2e/năm", "tCO2e/yr"),
    # summary sentences
    "s.inventory": ("Năm cơ sở {year}, tổng phát thải khí nhà kính là {total} tCO2e: {scopes}.",
                    "In the base year {year}, greenhouse-gas emissions were {total} tCO2e: {scopes}."),
    "s.scope": ("Phạm vi {s} {v} tCO2e ({p})", "Scope {s} {v} tCO2e ({p})"),
    "s.pareto": ("{n} trong {m} nguồn chiếm {p} tổng phát thải; nguồn lớn nhất là “{source}” ({share}).",
                 "{n} of {m} sources make {p} of the total; the largest is “{source}” ({share})."),
    "s.no_inventory": ("Chưa có số liệu hoạt động: tổng phát thải là 0 tCO2e.",
                       "No activity data yet: total emissions are 0 tCO2e."),
    "s.target": ("Mục tiêu “{name}” ({type}, {scope}): giảm {r} từ năm {y0} đến năm {yt}, "
                 "tức còn {et} tCO2e vào năm {yt}.",
                 "Target “{name}” ({type}, {scope}): cut {r} from {y0} to {yt}, to {et} tCO2e in {yt}."),
    "s.sub_target": ("Mục tiêu thành phần “{name}” ({scope}): giảm {r}.",
                     "Sub-target “{name}” ({scope}): cut {r}."),
    "s.no_target": ("Chưa đặt mục tiêu giảm phát thải (sheet “Mục tiêu”).",
                    "No reduction target has been set (sheet “Targets”)."),
    "s.sbti": ("Tốc độ giảm {rate}/năm {verdict} mức SBTi 1,5 °C (4,2 %/năm).",
               "The reduction rate of {rate}/yr {verdict} the SBTi 1.5 °C rate (4.2 %/yr)."),
    "s.sbti.yes": ("đạt", "meets"),
    "s.sbti.no": ("chưa đạt", "falls short of"),
    "s.measures": ("{n} giải pháp được tính giảm {t} tCO2e/năm khi vận hành đầy đủ; năm {yt} phát thải "
                   "khi có giải pháp là {w} tCO2e.",
                   "{n} counted measures cut {t} tCO2e/yr at full operation; in {yt} emissions with the "
                   "measures are {w} tCO2e."),
    "s.measures_no_target": ("{n} giải pháp được tính giảm {t} tCO2e/năm khi vận hành đầy đủ.",
                             "{n} counted measures cut {t} tCO2e/yr at full operation."),
    "s.gap": ("Như vậy còn thiếu {gap} tCO2e so với mục tiêu năm {yt}: cần thêm giải pháp.",
              "That leaves a gap of {gap} tCO2e to the {yt} target: more measures are needed."),
    "s.met": ("Như vậy đạt mục tiêu năm {yt}, thấp hơn mục tiêu {margin} tCO2e.",
              "That meets the {yt} target with {margin} tCO2e to spare."),
    "s.not_counted": ("{k} giải pháp chưa được tính vì thiếu hoặc sai dữ liệu.",
                      "{k} measures are not counted because inputs are missing or wrong."),
    "s.no_measures": ("Chưa có giải pháp nào được tính (sheet “Giải pháp”).",
                      "No measure can be counted yet (sheet “Measures”)."),
    "s.finance": ("Vốn đầu tư {capex} {cur}, tiết kiệm {saving} {cur}/năm; với tỷ lệ chiết khấu {r} trong {n} "
                  "năm: NPV {npv} {cur}, IRR {irr}, hoàn vốn giản đơn {pb} năm.",
                  "Investment {capex} {cur}, saving {saving} {cur}/yr; at a {r} discount rate over {n} years: "
                  "NPV {npv} {cur}, IRR {irr}, simple payback {pb} years."),
    "s.npv_pos": ("NPV dương: danh mục sinh lời ở tỷ lệ chiết khấu này.",
                  "The NPV is positive: the portfolio pays at this discount rate."),
    "s.npv_neg": ("NPV âm: danh mục không sinh lời ở tỷ lệ chiết khấu này.",
                  "The NPV is negative: the portfolio does not pay at this discount rate."),
    "s.financing": ("Trong {n} phương án vốn, “{best}” có NPV cao nhất ({npv} {cur}); “{low}” cần ít vốn ban đầu "
                    "nhất ({cost} {cur}).",
                    "Of {n} financing options, “{best}” has the highest NPV ({npv} {cur}); “{low}” needs the "
                    "least upfront ({cost} {cur})."),
    "s.financing_same": ("Trong {n} phương án vốn, “{best}” có NPV cao nhất ({npv} {cur}) và cần ít vốn ban đầu nhất "
                         "({cost} {cur}).",
                         "Of {n} financing options, “{best}” has the highest NPV ({npv} {cur}) and needs the least "
                         "upfront ({cost} {cur})."),
    "s.mv": ("M&V (IPMVP phương án {o}): mô hình đường cơ sở {verdict} ASHRAE Guideline 14; năng lượng "
             "tránh được {e} {u} trong {m} tháng, tỷ lệ hiện thực hóa {rr}.",
             "M&V (IPMVP option {o}): the baseline model {verdict} ASHRAE Guideline 14; avoided energy {e} {u} "
             "over {m} months, realisation rate {rr}."),
    "s.mv.pass": ("đạt theo", "passes"),
    "s.mv.warn": ("cần lưu ý theo", "is to be used with care under"),
    "s.mv.fail": ("không đạt theo", "fails"),
    "s.mv_no_model": ("M&V (IPMVP phương án {o}): đã có số liệu đo nhưng chưa đủ để lập mô hình đường cơ sở "
                      "hoặc chưa có tháng báo cáo.",
                      "M&V (IPMVP option {o}): there is meter data, but not enough for a baseline model or no "
                      "reporting month yet."),
    "s.mv_none": ("Chưa có số liệu đo: M&V đang ở bước kế hoạch (IPMVP phương án {o}).",
                  "No meter data yet: M&V is at the planning stage (IPMVP option {o})."),
    "s.plan": ("Kế hoạch 5W1H: {n} việc ({states}).", "5W1H plan: {n} actions ({states})."),
    "s.no_plan": ("Chưa có kế hoạch 5W1H.", "No 5W1H plan yet."),
    # sections
    "sec.inventory": ("1. Kiểm kê phát thải khí nhà kính", "1. Greenhouse-gas inventory"),
    "sec.target": ("2. Mục tiêu và phần còn thiếu", "2. Target and gap"),
    "sec.measures": ("3. Các giải pháp tiết kiệm năng lượng", "3. Energy-saving measures"),
    "sec.finance": ("4. Hiệu quả tài chính", "4. Finance"),
    "sec.plan": ("5. Kế hoạch chi phí thấp nhất để đạt mục tiêu", "5. The least-cost plan to the target"),
    "plan.none": ("Chưa lập được kế hoạch: cần một mục tiêu và ít nhất một giải pháp tính được.",
                  "No plan yet: it needs a target and at least one measure that can be computed."),
    "sec.mv": ("6. Đo lường & kiểm chứng (M&V) và kế hoạch thực hiện", "6. Measurement & verification (M&V) and plan"),
    "sec.assumptions": ("7. Giả định và nguồn số liệu", "7. Assumptions and sources"),
    "inv.summary": ("Tổng hợp theo hạng mục", "Summary by category"),
    "inv.top": ("Các nguồn phát thải lớn nhất", "Largest sources"),
    "inv.others": ("Các nguồn khác ({n})", "Other sources ({n})"),
    "inv.grid": ("Hệ số phát thải lưới điện {ef} tCO2/MWh (năm {year}); bộ hệ số GWP {gwp}.",
                 "Grid emission factor {ef} tCO2/MWh (year {year}); GWP set {gwp}."),
    "tgt.by_year": ("Phát thải theo năm (tCO2e)", "Emissions by year (tCO2e)"),
    "tgt.none": ("Chưa đặt mục tiêu giảm phát thải (sheet “Mục tiêu”).",
                 "No reduction target has been set (sheet “Targets”)."),
    "ms.none": ("Chưa có giải pháp.", "No measures yet."),
    "ms.not_counted": ("không tính: thiếu/sai dữ liệu", "not counted: inputs missing or wrong"),
    "ms.capped": ("giới hạn theo nguồn", "capped by its source"),
    "ms.more": ("Bảng chỉ ghi {k} giải pháp giảm nhiều nhất; {n} giải pháp khác có trong báo cáo Excel và trang Giải pháp; "
                "dòng tổng tính tất cả.",
                "The table lists the {k} measures that cut most; {n} more are in the Excel report and on the Measures "
                "page; the total row counts them all."),
    "ms.other_band": ("Các giải pháp khác ({n})", "Other measures ({n})"),
    "mv.more_actions": ("… và {n} việc khác (xem trang M&V).", "… and {n} more actions (see the M&V page)."),
    "fin.settings": ("Giả định: tỷ lệ chiết khấu {r}, {n} năm phân tích, tăng giá năng lượng {e}/năm, lạm phát "
                     "{i}/năm, thuế suất {tax}, giá carbon {c} {cur}/tCO2.",
                     "Assumptions: discount rate {r}, {n} years of analysis, energy price escalation {e}/yr, "
                     "inflation {i}/yr, tax rate {tax}, carbon price {c} {cur}/tCO2."),
    "fin.indicators": ("Chỉ tiêu tài chính", "Financial indicators"),
    "fin.options": ("So sánh phương án vốn (toàn bộ danh mục)", "Financing options compared (whole portfolio)"),
    "fin.options_note": ("Phương án vốn theo sheet “Nguồn vốn”; ô trống lấy mặc định: vay {lp} vốn đầu tư, lãi {lr}/năm, "
                         "{lt} năm; ESCO hưởng {es} tiết kiệm trong {ey} năm.",
                         "Options from the “Financing” sheet; blanks take the defaults: a loan of {lp} of the "
                         "investment at {lr}/yr over {lt} years; an ESCO taking {es} of the savings for {ey} years."),
    "fin.none": ("Chưa có giải pháp được tính: không có chỉ tiêu tài chính.",
                 "No counted measure: no financial indicators."),
    "mv.ipmvp": ("Phương án IPMVP: {o} – {text}", "IPMVP option: {o} – {text}"),
    "mv.meter": ("Công tơ: {fuel} ({u})", "Meter: {fuel} ({u})"),
    "mv.meter_cell": ("{fuel} ({u})", "{fuel} ({u})"),
    "mv.stats": ("Mô hình đường cơ sở: {verdict} (R² {r2}; CV(RMSE) {cv} %; NMBE {nmbe} %; ASHRAE Guideline 14, "
                 "theo tháng: CV(RMSE) ≤ 15 %, |NMBE| ≤ 5 %).",
                 "Baseline model: {verdict} (R² {r2}; CV(RMSE) {cv} %; NMBE {nmbe} %; ASHRAE Guideline 14, "
                 "monthly: CV(RMSE) ≤ 15 %, |NMBE| ≤ 5 %)."),
    "mv.warnings": ("Cảnh báo về số liệu đo: {n} (xem trang M&V của ứng dụng).",
                    "Warnings about the meter data: {n} (see the app's M&V page)."),
    "mv.plan": ("Kế hoạch 5W1H", "5W1H plan"),
    "mv.fsu": ("±{f} % (90 %)", "±{f} % (90 %)"),
    "ipmvp.A": ("Tách biệt, đo các thông số chính", "Retrofit isolation, key parameters measured"),
    "ipmvp.B": ("Tách biệt, đo tất cả các thông số", "Retrofit isolation, all parameters measured"),
    "ipmvp.C": ("Toàn bộ cơ sở (công tơ điện lực)", "Whole facility (utility meters)"),
    "ipmvp.D": ("Mô phỏng đã hiệu chỉnh", "Calibrated simulation"),
    # assumptions
    "as.method": ("Phương pháp", "Method"),
    "as.method_text": (
        "Phát thải = số liệu hoạt động × hệ số phát thải (GHG Protocol; GWP theo IPCC {gwp}); lộ trình mục tiêu "
        "tuyến tính hoặc giảm đều %/năm, so với SBTi 1,5 °C (4,2 %/năm) và dưới 2 °C (2,5 %/năm); tiết kiệm của "
        "giải pháp theo tài liệu tập huấn (A − B), không vượt quá nguồn phát thải; NPV, IRR và thời gian hoàn vốn "
        "tính theo dòng tiền từng năm (năm 0 là năm đầu tư); M&V theo IPMVP và ASHRAE Guideline 14.",
        "Emissions = activity data × emission factor (GHG Protocol; GWP of IPCC {gwp}); target paths linear or a "
        "constant %/yr, compared with SBTi 1.5 °C (4.2 %/yr) and well-below 2 °C (2.5 %/yr); measure savings as in "
        "the training deck (A − B), never more than their source; NPV, IRR and payback from the yearly cash flows "
        "(year 0 is the investment); M&V by IPMVP and ASHRAE Guideline 14."),
    "as.factors": ("Hệ số phát thải đã dùng", "Emission factors used"),
    "as.finance": ("Giả định tài chính", "Financial assumptions"),
    "as.default": ("mặc định (ô trống)", "default (blank)"),
    "as.given": ("trong tệp", "in the file"),
    "as.source_note": ("Nguồn hệ số được ghi nguyên văn theo thư viện hệ số v{v}.",
                       "Factor sources are cited as in the factor library v{v}."),
    "as.scenario": ("Số liệu đầu vào: tệp kịch bản “{name}”. Mọi con số trong báo cáo lấy từ cùng một mô hình kết quả "
                    "như màn hình và báo cáo Excel.",
                    "Input data: the scenario file “{name}”. Every number in this report comes from the same results "
                    "model as the screen and the Excel report."),
    # columns
    "col.no": ("TT", "No."),
    "col.category": ("Hạng mục", "Category"),
    "col.scope": ("Phạm vi", "Scope"),
    "col.tco2e": ("tCO2e", "tCO2e"),
    "col.share": ("Tỷ lệ", "Share"),
    "col.source": ("Nguồn phát thải", "Source"),
    "col.site": ("Cơ sở", "Site"),
    "col.fuel": ("Nhiên liệu / năng lượng", "Fuel / energy"),
    "col.year": ("Năm", "Year"),
    "col.bau": ("Thông thường (BAU)", "Business as usual"),
    "col.cut": ("Giảm nhờ giải pháp", "Cut by measures"),
    "col.with": ("Khi có giải pháp", "With measures"),
    "col.target": ("Mục tiêu", "Target"),
    "col.gap": ("Còn thiếu", "Gap"),
    "col.id": ("Mã", "ID"),
    "col.measure": ("Giải pháp", "Measure"),
    "col.class": ("Phân loại", "Class"),
    "col.t_yr": ("tCO2e/năm", "tCO2e/yr"),
    "col.money": ("Tiết kiệm [{cur}/năm]", "Saving [{cur}/yr]"),
    "col.capex": ("Vốn đầu tư [{cur}]", "Investment [{cur}]"),
    "col.abatement": ("Chi phí giảm [{cur}/tCO2e]", "Abatement cost [{cur}/tCO2e]"),
    "col.start": ("Năm bắt đầu", "Start"),
    "col.payback": ("Hoàn vốn [năm]", "Payback [yr]"),
    "col.dpayback": ("Hoàn vốn có chiết khấu [năm]", "Discounted payback [yr]"),
    "col.npv": ("NPV [{cur}]", "NPV [{cur}]"),
    "col.irr": ("IRR", "IRR"),
    "col.roi": ("ROI", "ROI"),
    "col.bcr": ("B/C", "B/C"),
    "col.option": ("Phương án", "Option"),
    "col.upfront": ("Bỏ ra ban đầu [{cur}]", "Upfront cost [{cur}]"),
    "col.note": ("Ghi chú", "Note"),
    "col.what": ("Việc gì", "What"),
    "col.who": ("Ai", "Who"),
    "col.when": ("Khi nào", "When"),
    "col.kpi": ("KPI", "KPI"),
    "col.status": ("Trạng thái", "Status"),
    "col.factor": ("Hệ số", "Factor"),
    "col.unit": ("Đơn vị", "Unit"),
    "col.factor_source": ("Nguồn", "Source"),
    "col.setting": ("Giả định", "Assumption"),
    "col.value": ("Giá trị", "Value"),
    "col.origin": ("Lấy từ", "From"),
    "col.avoided": ("Năng lượng tránh được", "Avoided energy"),
    "col.meter": ("Công tơ", "Meter"),
    "col.t_avoided": ("tCO2e tránh được", "tCO2e avoided"),
    "col.money_saved": ("Tiền tiết kiệm [{cur}]", "Money saved [{cur}]"),
    "col.rr": ("Tỷ lệ hiện thực hóa", "Realisation rate"),
    "col.fsu": ("Độ bất định", "Uncertainty"),
    "portfolio": ("Toàn bộ danh mục", "Whole portfolio"),
    "total": ("Tổng phát thải", "Total emissions"),
    "scope_total": ("Phạm vi {s}", "Scope {s}"),
    "scope": ("Phạm vi {s}", "Scope {s}"),
    # charts
    "ch.pareto": ("Nguồn phát thải lớn nhất (Pareto 80 %)", "Largest sources (Pareto 80 %)"),
    "ch.cumulative": ("Lũy kế %", "Cumulative %"),
    "ch.other_sources": ("{n} nguồn khác", "{n} other sources"),
    "ch.path": ("Lộ trình giảm phát thải", "Reduction path"),
    "ch.bau": ("Thông thường (BAU)", "Business as usual (BAU)"),
    "ch.ref15": ("SBTi 1,5 °C (4,2 %/năm)", "SBTi 1.5 °C (4.2 %/yr)"),
    "ch.refwb": ("SBTi dưới 2 °C (2,5 %/năm)", "SBTi well-below 2 °C (2.5 %/yr)"),
    "ch.wedge": ("Phát thải: thông thường, mục tiêu và khi có giải pháp",
                 "Emissions: BAU, the target and with the measures"),
    "ch.with": ("Khi có giải pháp", "With the measures"),
    "ch.target": ("Mục tiêu", "Target"),
    "ch.macc": ("Đường chi phí giảm phát thải biên (MACC)", "Marginal abatement cost curve (MACC)"),
    "ch.macc_x": ("Giảm phát thải (tCO2e/năm)", "Abatement (tCO2e/yr)"),
    "ch.macc_y": ("Chi phí ({cur}/tCO2e)", "Cost ({cur}/tCO2e)"),
    "ch.cashflow": ("Dòng tiền theo năm – toàn bộ danh mục", "Cash flow by year – whole portfolio"),
    "ch.cum_cash": ("Lũy kế", "Cumulative"),
    "ch.year_t": ("Năm (0 = năm đầu tư)", "Year (0 = investment)"),
    "ch.payback": ("hoàn vốn {y} năm", "payback {y} yr"),
    "ch.options": ("So sánh phương án: khách hàng bỏ ra ban đầu và NPV",
                   "Options compared: customer's upfront cost and NPV"),
    "ch.upfront": ("Khách hàng bỏ ra ban đầu", "Customer's upfront cost"),
    "ch.mv": ("Tiết kiệm lũy kế", "Cumulative savings"),
    # labels of codes
    "option.cash": ("Vốn chủ sở hữu", "Cash (equity)"),
    "option.loan": ("Vay tín dụng", "Bank loan"),
    "option.incentives": ("Có hỗ trợ (tài trợ, tín dụng thuế)", "With incentives"),
    "option.loan_incentives": ("Vay + hỗ trợ", "Loan + incentives"),
    "option.esco_shared": ("ESCO chia sẻ tiết kiệm", "ESCO shared savings"),
    "option.esco_guaranteed": ("ESCO bảo đảm tiết kiệm", "ESCO guaranteed savings"),
    # as on the Finance page
    "irr.no_sign_change": ("không xác định (dòng tiền không đổi dấu)", "undefined (no sign change)"),
    "irr.multiple": ("nhiều nghiệm", "several solutions"),
    "irr.no_convergence": ("không hội tụ", "did not converge"),
    "irr.no_real_root": ("không có nghiệm thực", "no real solution"),
    "irr.non_finite": ("dòng tiền không hợp lệ", "invalid cash flow"),
    "verdict.pass": ("Đạt", "Pass"),
    "verdict.warn": ("Cần lưu ý", "Use with care"),
    "verdict.fail": ("Không đạt", "Fails"),
    "fin.discount_rate_pct": ("Tỷ lệ chiết khấu", "Discount rate"),
    "fin.analysis_years": ("Số năm phân tích", "Analysis period"),
    "fin.energy_price_escalation_pct": ("Tăng giá năng lượng", "Energy price escalation"),
    "fin.inflation_pct": ("Lạm phát", "Inflation"),
    "fin.carbon_price_per_tco2": ("Giá carbon", "Carbon price"),
    "fin.tax_rate_pct": ("Thuế suất", "Tax rate"),
}

FINANCE_FIELDS = ("discount_rate_pct", "analysis_years", "energy_price_escalation_pct", "inflation_pct",
                  "tax_rate_pct", "carbon_price_per_tco2")


def _t(key: str, lang: str, **kw) -> str:
    vi, en = TEXTS[key]
    text = vi if lang == "vi" else en
    return text.format(**kw) if kw else text


def _tt(key: str, lang: str, fallback: str = "–") -> str:
    """The text of an optional key (a code without a text shows ``fallback``, never the code)."""
    return _t(key, lang) if key in TEXTS else fallback


def _e(value) -> str:
    """Text for the page: escaped, '–' for a missing value (never "None" or "nan")."""
    return html.escape(fmt_text(value, "–"))


def _finite(value) -> bool:
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def _years(value, lang: str) -> str:
    """A payback in years as the screen shows it: 2 decimals, '∞' when it never comes."""
    return fmt_num(value, lang, 2)


def _irr(value, code, lang: str) -> str:
    """IRR as on the Finance page: a percentage with 2 decimals, else the reason in words."""
    if _finite(value):
        return fmt_pct(float(value) * 100, lang, 2)
    return _tt(str(code), lang) if code else "–"


# -- labels of keys -------------------------------------------------------------------------------

def _category(key, lang: str) -> str:
    return choice_label(SHEETS["Activities"].column("category"), key, lang) or "–"


def _class(key, lang: str) -> str:
    return choice_label(SHEETS["Measures"].column("category"), key, lang) or "–"


def _fuel(key, lang: str) -> str:
    fuels = load_library().fuels
    if key in fuels.index:
        return str(fuels.at[key, "name_vi" if lang == "vi" else "name_en"])
    return fmt_text(key, "–")


def _scope_name(key, lang: str) -> str:
    return choice_label(SHEETS["Targets"].column("scope"), str(key), lang) or _t("scope", lang, s=key)


def _status(key, lang: str) -> str:
    return choice_label(SHEETS["Actions"].column("status"), key, lang) or "–"


# -- the numbers the summary and the key figures read ---------------------------------------------

def _target_row(res: ScenarioResults):
    """The portfolio row of the main target's year (None without a target or years)."""
    main, by_year = res.main_target, res.portfolio
    if main is None or not len(by_year):
        return None
    year = main.target_year
    return by_year.loc[year] if year in by_year.index else by_year.iloc[-1]


def _counted(res: ScenarioResults) -> pd.Series:
    return (res.measures["status"] == "ok") if len(res.measures) else pd.Series(dtype=bool)


def _shown_measures(res: ScenarioResults) -> set[int]:
    """Positions of the measures the tables list: all, or the :data:`TOP_MEASURES` with the
    largest counted cut (their rows keep the workbook's order)."""
    m = res.measures
    if len(m) <= TOP_MEASURES:
        return set(range(len(m)))
    cut = pd.Series(np.where(m["status"].to_numpy() == "ok", res.applied["applied_tco2e"].to_numpy(float), -np.inf))
    return set(cut.sort_values(ascending=False, kind="stable").index[:TOP_MEASURES])


def _portfolio(res: ScenarioResults) -> pd.Series | None:
    """The portfolio row of the indicator table (None without a counted measure)."""
    table = res.finance.indicators
    return table.iloc[-1] if len(table) > 1 else None


def key_figures(res: ScenarioResults, lang: str) -> list[tuple[str, str, str, str]]:
    """The cover's cards: (label, value, unit, note), in the order of the deck's chain."""
    lang = "en" if lang == "en" else "vi"
    cur, inv, main, row = res.currency, res.inventory, res.main_target, _target_row(res)
    t_yr = _t("unit.t_yr", lang)
    cards = [(_t("kf.inventory", lang, year=res.base_year), fmt_num(inv.total_tco2e, lang), "tCO2e",
              ", ".join(f"{_t('scope', lang, s=s)}: {fmt_pct(inv.by_scope.loc[s, 'share_pct'], lang, 1)}"
                        for s in ("1", "2", "3") if s in inv.by_scope.index and inv.by_scope.loc[s, "tco2e"] > 0))]
    if main is not None and row is not None:
        gap = res.totals["gap_target_year_tco2e"]
        cards += [(_t("kf.target", lang, year=main.target_year), fmt_num(row["target_tco2e"], lang, 1), "tCO2e",
                   _t("kf.reduction", lang, r=fmt_pct(main.reduction_pct, lang, 1), y=main.base_year)),
                  (_t("kf.gap", lang, year=main.target_year), fmt_num(gap, lang, 1), "tCO2e",
                   _t("kf.met", lang) if _finite(gap) and gap <= 0 else
                   _t("kf.with", lang, v=fmt_num(res.totals["with_measures_target_year_tco2e"], lang, 1)))]
    else:
        cards += [(_t("kf.target_none", lang), "–", "", _t("kf.not_set", lang)),
                  (_t("kf.gap_none", lang), "–", "", _t("kf.not_set", lang))]
    cards += [(_t("kf.cut", lang), fmt_num(res.totals["tco2e_counted"], lang), t_yr,
               _t("kf.measures", lang, n=int(_counted(res).sum()))),
              (_t("kf.capex", lang), fmt_num(res.totals["capex"], lang, 0), cur,
               _t("kf.saving", lang, v=fmt_num(res.totals["money_saving"], lang, 0), cur=cur))]
    p = _portfolio(res)
    settings = res.finance.settings
    rate = _t("kf.rate", lang, r=fmt_pct(settings["discount_rate_pct"], lang, 1), n=int(settings["analysis_years"]))
    payback = _years(p["simple_payback_years"], lang) if p is not None else "–"
    payback += "" if payback == "–" else " " + _t("unit.years", lang)
    cards += [(_t("kf.npv", lang), fmt_num(p["npv"] if p is not None else np.nan, lang, 0), cur, rate),
              (_t("kf.irr", lang), _irr(p["irr"], p["irr_code"], lang) if p is not None else "–", "",
               f"{_t('kf.payback', lang)}: {payback}")]
    meter = res.mv.first if res.mv is not None else None
    if meter is not None and meter.has_savings:
        cards.append((_t("kf.mv", lang), fmt_pct(meter.realisation_rate_pct, lang, 0), "",
                      _t("kf.avoided", lang, v=fmt_num(meter.avoided_total, lang, 0), u=meter.unit)))
    else:
        cards.append((_t("kf.mv", lang), "–", "", _t("kf.no_data", lang)))
    return cards


def summary_lines(res: ScenarioResults, lang: str) -> list[str]:
    """The summary: one sentence per link of the chain, each a template filled with results."""
    lang = "en" if lang == "en" else "vi"
    cur, inv, out = res.currency, res.inventory, []
    # inventory
    if inv.total_tco2e > 0:
        scopes = [_t("s.scope", lang, s=s, v=fmt_num(inv.by_scope.loc[s, "tco2e"], lang),
                     p=fmt_pct(inv.by_scope.loc[s, "share_pct"], lang, 1))
                  for s in ("1", "2", "3") if s in inv.by_scope.index and inv.by_scope.loc[s, "tco2e"] > 0]
        out.append(_t("s.inventory", lang, year=res.base_year, total=fmt_num(inv.total_tco2e, lang),
                      scopes="; ".join(scopes)))
        top = res.pareto
        if top is not None and len(top):
            n = int(top["in_top"].sum())
            out.append(_t("s.pareto", lang, n=n, m=len(top), p=fmt_pct(top["share_pct"][top["in_top"]].sum(), lang, 1),
                          source=fmt_text(top["source"].iloc[0], "–"),
                          share=fmt_pct(top["share_pct"].iloc[0], lang, 1)))
    else:
        out.append(_t("s.no_inventory", lang))
    # target
    main, row = res.main_target, _target_row(res)
    if main is not None:
        et = row["target_tco2e"] if row is not None else np.nan
        out.append(_t("s.target", lang, name=fmt_text(main.name, "–"),
                      type=choice_label(SHEETS["Targets"].column("type"), main.type, lang).lower(),
                      scope=_scope_name(main.scope, lang), r=fmt_pct(main.reduction_pct, lang, 1),
                      y0=main.base_year, yt=main.target_year, et=fmt_num(et, lang, 1)))
        for sub in (t for t in res.targets if t.sub_of is not None and t.sub_of == main.name):
            out.append(_t("s.sub_target", lang, name=fmt_text(sub.name, "–"), scope=_scope_name(sub.scope, lang),
                          r=fmt_pct(sub.reduction_pct, lang, 1)))
        rate = main.sbti.get("annual_rate_pct")
        if _finite(rate):
            out.append(_t("s.sbti", lang, rate=fmt_pct(rate, lang, 2),
                          verdict=_t("s.sbti.yes" if main.sbti.get("meets_1_5c") else "s.sbti.no", lang)))
    else:
        out.append(_t("s.no_target", lang))
    # measures and the gap
    counted = _counted(res)
    n_ok, n_bad = int(counted.sum()), int((~counted).sum())
    if n_ok:
        t_cut = fmt_num(res.totals["tco2e_counted"], lang)
        if main is not None:
            out.append(_t("s.measures", lang, n=n_ok, t=t_cut, yt=main.target_year,
                          w=fmt_num(res.totals["with_measures_target_year_tco2e"], lang, 1)))
            gap = res.totals["gap_target_year_tco2e"]
            if _finite(gap):
                out.append(_t("s.gap", lang, gap=fmt_num(gap, lang, 1), yt=main.target_year) if gap > 0 else
                           _t("s.met", lang, margin=fmt_num(-gap, lang, 1), yt=main.target_year))
        else:
            out.append(_t("s.measures_no_target", lang, n=n_ok, t=t_cut))
    else:
        out.append(_t("s.no_measures", lang))
    if n_bad:
        out.append(_t("s.not_counted", lang, k=n_bad))
    # finance and financing
    p = _portfolio(res)
    if p is not None:
        s = res.finance.settings
        out.append(_t("s.finance", lang, capex=fmt_num(p["capex"], lang, 0), cur=cur,
                      saving=fmt_num(p["annual_saving"], lang, 0), r=fmt_pct(s["discount_rate_pct"], lang, 1),
                      n=int(s["analysis_years"]), npv=fmt_num(p["npv"], lang, 0),
                      irr=_irr(p["irr"], p["irr_code"], lang),
                      pb=_years(p["simple_payback_years"], lang)))
        if _finite(p["npv"]) and p["npv"] != 0:
            out.append(_t("s.npv_pos" if p["npv"] > 0 else "s.npv_neg", lang))
        options = res.financing.options
        npvs = pd.to_numeric(options["npv"], errors="coerce")
        costs = pd.to_numeric(options["customer_net_cost"], errors="coerce")
        if len(options) > 1 and npvs.notna().any() and costs.notna().any():
            best, low = options.loc[npvs.idxmax()], options.loc[costs.idxmin()]
            same = best["option"] == low["option"]
            out.append(_t("s.financing_same" if same else "s.financing", lang, n=len(options),
                          best=_tt(f"option.{best['option']}", lang),
                          npv=fmt_num(best["npv"], lang, 0), cur=cur, low=_tt(f"option.{low['option']}", lang),
                          cost=fmt_num(low["customer_net_cost"], lang, 0)))
    # M&V and the plan
    mv = res.mv
    option = (mv.ipmvp or {}).get("option", "–") if mv is not None else "–"
    meter = mv.first if mv is not None else None
    if meter is not None and meter.has_savings:
        out.append(_t("s.mv", lang, o=option, verdict=_tt(f"s.mv.{meter.verdict}", lang),
                      e=fmt_num(meter.avoided_total, lang, 0), u=meter.unit, m=meter.reporting_months,
                      rr=fmt_pct(meter.realisation_rate_pct, lang, 0)))
    elif meter is not None:
        out.append(_t("s.mv_no_model", lang, o=option))
    else:
        out.append(_t("s.mv_none", lang, o=option))
    actions = _actions(res)
    if len(actions):
        counts = actions["status"].fillna("planned").value_counts()
        states = ", ".join(f"{_status(k, lang).lower()}: {int(v)}" for k, v in counts.items())
        out.append(_t("s.plan", lang, n=len(actions), states=states))
    else:
        out.append(_t("s.no_plan", lang))
    return out


def _actions(res: ScenarioResults) -> pd.DataFrame:
    scenario = res.scenario
    if scenario is None or "Actions" not in getattr(scenario, "tables", {}):
        return pd.DataFrame(columns=["measure_id", "what", "who", "when", "kpi", "start_date", "end_date", "status"])
    return scenario.table("Actions")


# -- the charts -----------------------------------------------------------------------------------

def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _slide(fig: go.Figure, lang: str) -> go.Figure:
    """A figure as a 16:9 chart of the page: fixed size, print template, the page's font, margins
    that grow to fit tick labels and axis titles (nothing clipped)."""
    width, height = CHART_PX
    fig.update_layout(width=width, height=height, autosize=False, template="plotly_white",
                      font=dict(family=FONT.replace("'", ""), size=11, color="#212121"),
                      title=dict(font=dict(size=14), x=0.01, xanchor="left", y=0.97, yanchor="top"),
                      margin=dict(l=64, r=24, t=48, b=48), separators=plotly_separators(lang))
    fig.update_xaxes(automargin=True, title_standoff=6)
    fig.update_yaxes(automargin=True, title_standoff=6)
    fig.update_traces(cliponaxis=False, selector=dict(type="scatter"))
    return fig


def board_figures(res: ScenarioResults, lang: str) -> dict[str, go.Figure]:
    """The report's charts from the ``figures`` builders, 16:9; a chart without data is left out.

    Keys: ``pareto``, ``target_path``, ``wedges``, ``macc``, ``cashflow``, ``financing``,
    ``mv_cumulative``.
    """
    lang = "en" if lang == "en" else "vi"
    seps, cur, figs = plotly_separators(lang), res.currency, {}
    top = res.pareto
    if top is not None and len(top) and (top["tco2e"] > 0).any():
        figs["pareto"] = pareto_chart(top.assign(label=top["source"].map(lambda s: fmt_text(s, "–"))),
                                      title=_t("ch.pareto", lang), separators=seps, unit="tCO2e",
                                      cumulative_label=_t("ch.cumulative", lang), top_n=PARETO_BARS,
                                      other_label=_t("ch.other_sources", lang, n="{n}"))
    main = res.main_target
    if main is not None and len(main.lines):
        refs = res.target_references.get(main.name) or {}
        references = {_t("ch.ref15", lang): refs["1.5c"], _t("ch.refwb", lang): refs["wb2c"]} if refs else None
        figs["target_path"] = target_path_figure(
            main.lines, {k: _scope_name(k, lang) for k in main.lines.columns}, title=_t("ch.path", lang),
            separators=seps, unit="tCO2e", bau=main.bau, bau_label=_t("ch.bau", lang), references=references)
    counted = _counted(res)
    by_year = res.portfolio
    if counted.any() and len(by_year):
        labels = {c: _short(res.measure_label(i)) for i, c in enumerate(res.wedges.columns)} \
            if len(res.wedges.columns) == len(res.measures) else {}
        wedges = res.wedges.rename(columns=labels)
        figs["wedges"] = wedge_chart(  # the largest bands, the others in one (they still add up to BAU)
            by_year["bau_tco2e"], by_year["with_measures_tco2e"], wedges,
            target=by_year["target_tco2e"] if main is not None else None,
            labels={"bau": _t("ch.bau", lang), "with_measures": _t("ch.with", lang), "target": _t("ch.target", lang)},
            title=_t("ch.wedge", lang), separators=seps, unit="tCO2e",
            other_label=_t("ms.other_band", lang, n="{n}"), top_n=WEDGES - 1)
        macc = res.macc
        if len(macc) and ((macc["tco2e_per_year"] > 0) & macc["cost_per_tco2e"].notna()).any():
            figs["macc"] = macc_chart(macc.assign(label=macc["id"].map(lambda s: fmt_text(s, "–"))),
                                      title=_t("ch.macc", lang), separators=seps, x_title=_t("ch.macc_x", lang),
                                      y_title=_t("ch.macc_y", lang, cur=cur))
            figs["macc"].update_yaxes(tickformat=",.0f")
    p = _portfolio(res)
    if p is not None:
        flows = np.nan_to_num(res.flows_from_start(len(res.finance.indicators) - 1), nan=0.0)
        payback = p["simple_payback_years"]
        figs["cashflow"] = cashflow_chart(
            flows, title=_t("ch.cashflow", lang), separators=seps, currency=cur,
            cumulative_label=_t("ch.cum_cash", lang), payback_years=payback if _finite(payback) else None,
            payback_label=_t("ch.payback", lang, y=fmt_num(payback, lang, 2)) if _finite(payback) else "")
        figs["cashflow"].update_xaxes(title_text=_t("ch.year_t", lang))
        figs["cashflow"].update_yaxes(tickformat=",.0f")  # whole amounts, grouped: no k/M/G/B suffixes
        options = res.financing.options
        if len(options):
            frame = pd.DataFrame({"label": [_tt(f"option.{o}", lang) for o in options["option"]],
                                  "customer_net_cost": pd.to_numeric(options["customer_net_cost"], errors="coerce"),
                                  "npv": pd.to_numeric(options["npv"], errors="coerce")})
            figs["financing"] = financing_chart(frame, title=_t("ch.options", lang), separators=seps, currency=cur,
                                                cost_label=_t("ch.upfront", lang), npv_label="NPV")
    meter = res.mv.first if res.mv is not None else None
    if meter is not None and meter.has_savings:
        a = meter.avoided
        figs["mv_cumulative"] = cumulative_savings_chart(a["period_start"], a["cumulative"], title=_t("ch.mv", lang),
                                                         separators=seps, unit=meter.unit)
        figs["mv_cumulative"].update_xaxes(tickformat="%m/%Y")  # month numbers: no English month names
        figs["mv_cumulative"].update_yaxes(tickformat=",.0f")
    return {k: _slide(f, lang) for k, f in figs.items()}


@functools.lru_cache(maxsize=1)
def _plotly_js() -> str:
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def _chart(key: str, fig: go.Figure) -> str:
    spec = pio.to_json(fig, validate=False).replace("</", "<\\/")
    return (f'<figure class="chart" id="chart-{key}"></figure>'
            f"<script>(function(){{var f={spec};Plotly.newPlot('chart-{key}',f.data,f.layout,"
            f"{{staticPlot:true,displayModeBar:false}});}})();</script>")


# -- the page -------------------------------------------------------------------------------------

CSS = """
@page { size: A4; margin: 14mm 14mm 16mm 14mm;
  @bottom-left { content: %(footer)s; font: 8pt %(font)s; color: #616161; }
  @bottom-right { content: counter(page) " / " counter(pages); font: 8pt %(font)s; color: #616161; } }
* { box-sizing: border-box; }
body { font-family: %(font)s; font-size: 9.5pt; line-height: 1.35; color: #212121; margin: 0; }
h1 { font-size: 18pt; color: %(green)s; margin: 0 0 2mm; }
h2 { font-size: 13pt; color: %(green)s; margin: 0 0 2.5mm; border-bottom: 1.5px solid %(green)s; padding-bottom: 1mm; }
h3 { font-size: 10.5pt; margin: 4mm 0 1.5mm; }
section.first { break-after: page; }
section { margin-bottom: 5mm; }
h2, h3 { break-after: avoid; }
p.lead { break-after: avoid; }
p { margin: 1.2mm 0; }
.company { font-size: 12pt; font-weight: bold; margin-bottom: 1mm; }
.meta { color: #424242; font-size: 9pt; margin-bottom: 4mm; }
.meta span { display: inline-block; margin-right: 5mm; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 2.5mm; margin: 2mm 0 4mm; }
.card { border: 1px solid #C8E6C9; border-left: 4px solid %(green)s; border-radius: 2px; padding: 2mm 2.5mm;
  break-inside: avoid; background: #F9FBF9; }
.card .label { font-size: 8pt; color: #424242; }
.card .value { font-size: 13pt; font-weight: bold; margin: 0.8mm 0; overflow-wrap: anywhere; }
.card .unit { font-size: 8.5pt; font-weight: normal; color: #424242; }
.card .note { font-size: 7.5pt; color: #616161; }
ul.summary { margin: 1mm 0 2mm 5mm; padding: 0; }
ul.summary li { margin: 1.2mm 0; }
.note { font-size: 8pt; color: #616161; }
table { border-collapse: collapse; width: 100%%; margin: 1.5mm 0 3mm; font-size: 8.3pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th { background: %(green)s; color: white; font-weight: bold; text-align: left; padding: 1.2mm 1.5mm;
  vertical-align: bottom; }
td { padding: 1mm 1.5mm; border-bottom: 0.5px solid #E0E0E0; vertical-align: top; }
td.n, th.n { text-align: right; }
td.n { white-space: nowrap; }
td { overflow-wrap: break-word; }
tr.total td { font-weight: bold; background: #E8F5E9; }
tbody tr:nth-child(even) td { background: #FAFAFA; }
tbody tr.total:nth-child(even) td { background: #E8F5E9; }
figure.chart { width: %(w)dpx; height: %(h)dpx; margin: 2mm 0 3mm; break-inside: avoid; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; }
"""


def _table(headers: list[str], rows: list[list[str]], numeric: set[int], total_rows: set[int] = frozenset()) -> str:
    """An HTML table of already formatted (plain-text) cells; columns in ``numeric`` align right."""
    head = "".join(f'<th class="n">{html.escape(h)}</th>' if j in numeric else f"<th>{html.escape(h)}</th>"
                   for j, h in enumerate(headers))
    body = []
    for i, row in enumerate(rows):
        cells = "".join(f'<td class="n">{html.escape(c)}</td>' if j in numeric else f"<td>{html.escape(c)}</td>"
                        for j, c in enumerate(row))
        body.append(f'<tr class="total">{cells}</tr>' if i in total_rows else f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal (quotes, backslashes, angle brackets and control
    characters escaped)."""
    return '"' + "".join(f"\\{ord(c):x} " if c in '"\\<>' or ord(c) < 32 else c for c in text) + '"'


def _p(text: str, cls: str = "") -> str:
    return f'<p class="{cls}">{html.escape(text)}</p>' if cls else f"<p>{html.escape(text)}</p>"


def _cover(res: ScenarioResults, lang: str, today: dt.date) -> str:
    c = res.company
    meta = [(_t("sector", lang), fmt_text(c.get("sector"), "–")), (_t("base_year", lang), str(res.base_year)),
            (_t("currency", lang), res.currency), (_t("scenario", lang), res.name or "–"),
            (_t("date", lang), today.strftime("%d/%m/%Y") if lang == "vi" else today.isoformat()),
            (_t("library", lang), "v" + str(load_library().version))]
    cards = "".join(f'<div class="card"><div class="label">{html.escape(label)}</div>'
                    f'<div class="value">{html.escape(value)} '
                    f'<span class="unit">{html.escape(unit if value != "–" else "")}</span></div>'
                    f'<div class="note">{html.escape(note)}</div></div>'
                    for label, value, unit, note in key_figures(res, lang))
    lines = "".join(f"<li>{html.escape(s)}</li>" for s in summary_lines(res, lang))
    return (f'<section class="first"><h1>{html.escape(_t("title", lang))}</h1>'
            f'<div class="company">{_e(c.get("name") or res.name)}</div>'
            f'<div class="meta">{" ".join(f"<span>{html.escape(k)}: {html.escape(v)}</span>" for k, v in meta)}</div>'
            f'<h2>{html.escape(_t("key_figures", lang))}</h2><div class="cards">{cards}</div>'
            f'<h2>{html.escape(_t("summary", lang))}</h2><ul class="summary">{lines}</ul>'
            f'{_p(_t("summary_note", lang), "note")}</section>')


def _inventory(res: ScenarioResults, lang: str, figs: dict) -> str:
    inv, grid = res.inventory, res.grid
    rows, totals, n = [], set(), 0
    for scope in ("1", "2", "3"):
        cats = [r for r in inv.by_category.itertuples() if str(r.scope) == scope]
        if not cats and scope == "3":
            continue
        for r in cats:
            n += 1
            rows.append([str(n), _category(r.category, lang), _t("scope", lang, s=scope), fmt_num(r.tco2e, lang),
                         fmt_pct(r.share_pct, lang, 1)])
        totals.add(len(rows))
        rows.append(["", _t("scope_total", lang, s=scope), "", fmt_num(inv.by_scope.loc[scope, "tco2e"], lang),
                     fmt_pct(inv.by_scope.loc[scope, "share_pct"], lang, 1)])
    totals.add(len(rows))
    rows.append(["", _t("total", lang), "", fmt_num(inv.total_tco2e, lang),
                 fmt_pct(100.0 if inv.total_tco2e else 0.0, lang, 1)])
    out = [f'<section><h2>{html.escape(_t("sec.inventory", lang))}</h2>',
           _p(_t("inv.grid", lang, ef=fmt_num(grid.tco2_per_mwh, lang, 4), year=fmt_text(grid.year, "–"),
                 gwp=fmt_text(res.company.get("gwp_set"), "AR5"))),
           f'<h3>{html.escape(_t("inv.summary", lang))}</h3>',
           _table([_t(k, lang) for k in ("col.no", "col.category", "col.scope", "col.tco2e", "col.share")], rows,
                  {3, 4}, totals)]
    if "pareto" in figs:
        out.append(_chart("pareto", figs["pareto"]))
    top = inv.rows.assign(tco2e=inv.rows["tco2e"].fillna(0.0)).sort_values("tco2e", ascending=False, kind="stable")
    if len(top):
        shown, rest = top.head(TOP_SOURCES), top.iloc[TOP_SOURCES:]
        many_sites = inv.rows["site"].nunique(dropna=True) > 1
        rows = [[_category(r.category, lang) + " – " + fmt_text(r.source, "–"), _fuel(r.fuel, lang)]
                + ([fmt_text(r.site, "–")] if many_sites else [])
                + [fmt_num(r.tco2e, lang), fmt_pct(r.share_pct, lang, 1)]
                for r in shown.itertuples()]
        if len(rest):
            rows.append([_t("inv.others", lang, n=len(rest)), ""] + ([""] if many_sites else [])
                        + [fmt_num(rest["tco2e"].sum(), lang), fmt_pct(rest["share_pct"].sum(), lang, 1)])
        headers = [_t("col.source", lang), _t("col.fuel", lang)] + ([_t("col.site", lang)] if many_sites else []) \
            + [_t("col.tco2e", lang), _t("col.share", lang)]
        k = len(headers)
        out += [f'<h3>{html.escape(_t("inv.top", lang))}</h3>', _table(headers, rows, {k - 2, k - 1})]
    out.append("</section>")
    return "".join(out)


def _target(res: ScenarioResults, lang: str, figs: dict) -> str:
    out = [f'<section><h2>{html.escape(_t("sec.target", lang))}</h2>']
    main = res.main_target
    if main is None:
        out.append(_p(_t("tgt.none", lang)))
    for key in ("target_path", "wedges"):
        if key in figs:
            out.append(_chart(key, figs[key]))
    by_year = res.portfolio
    if len(by_year) and (main is not None or _counted(res).any()):
        rows = [[str(y), fmt_num(r["bau_tco2e"], lang, 1), fmt_num(r["reduction_tco2e"], lang, 1),
                 fmt_num(r["with_measures_tco2e"], lang, 1),
                 fmt_num(r["target_tco2e"] if main is not None else np.nan, lang, 1),
                 fmt_num(r["gap_tco2e"] if main is not None else np.nan, lang, 1)]
                for y, r in by_year.iterrows()]
        out += [f'<h3>{html.escape(_t("tgt.by_year", lang))}</h3>',
                _table([_t(k, lang) for k in ("col.year", "col.bau", "col.cut", "col.with", "col.target", "col.gap")],
                       rows, {1, 2, 3, 4, 5})]
    out.append("</section>")
    return "".join(out)


def _measures(res: ScenarioResults, lang: str, figs: dict) -> str:
    cur = res.currency
    out = [f'<section><h2>{html.escape(_t("sec.measures", lang))}</h2>']
    m = res.measures
    if not len(m):
        out.append(_p(_t("ms.none", lang)))
    else:
        table = res.finance.indicators
        by_row = {int(r): i for i, r in enumerate(table["row"]) if r >= 0}
        shown = _shown_measures(res)
        rows = []
        for pos, (rec, applied) in enumerate(zip(m.to_dict("records"), res.applied.to_dict("records"))):
            if pos not in shown:
                continue
            ok = rec["status"] == "ok"
            ind = table.iloc[by_row[pos]] if pos in by_row else None
            note = "" if ok else _t("ms.not_counted", lang)
            if ok and applied.get("issue") == "exceeds_source":
                note = _t("ms.capped", lang)
            rows.append([fmt_text(rec["id"], "–"), fmt_text(rec["name"], "–"), _class(rec["category"], lang),
                         fmt_num(applied["applied_tco2e"] if ok else np.nan, lang),
                         fmt_num(rec["energy_cost_saving"] if ok else np.nan, lang, 0),
                         fmt_num(rec["capex"] if ok else np.nan, lang, 0),
                         fmt_num(rec["abatement_cost_per_tco2e"] if ok else np.nan, lang, 0),
                         _years(ind["simple_payback_years"], lang) if ind is not None else "–", note])
        p = _portfolio(res)
        rows.append(["", _t("portfolio", lang), "", fmt_num(res.totals["tco2e_counted"], lang),
                     fmt_num(res.totals["money_saving"], lang, 0), fmt_num(res.totals["capex"], lang, 0), "",
                     _years(p["simple_payback_years"], lang) if p is not None else "–", ""])
        out.append(_table([_t("col.id", lang), _t("col.measure", lang), _t("col.class", lang), _t("col.t_yr", lang),
                           _t("col.money", lang, cur=cur), _t("col.capex", lang, cur=cur),
                           _t("col.abatement", lang, cur=cur), _t("col.payback", lang), _t("col.note", lang)],
                          rows, {3, 4, 5, 6, 7}, {len(rows) - 1}))
        if len(shown) < len(m):
            out.append(_p(_t("ms.more", lang, k=len(shown), n=len(m) - len(shown)), "note"))
    if "macc" in figs:
        out.append(_chart("macc", figs["macc"]))
    out.append("</section>")
    return "".join(out)


def _finance(res: ScenarioResults, lang: str, figs: dict) -> str:
    cur, s = res.currency, res.finance.settings
    out = [f'<section><h2>{html.escape(_t("sec.finance", lang))}</h2>',
           _p(_t("fin.settings", lang, r=fmt_pct(s["discount_rate_pct"], lang, 1), n=int(s["analysis_years"]),
                 e=fmt_pct(s["energy_price_escalation_pct"], lang, 1), i=fmt_pct(s["inflation_pct"], lang, 1),
                 tax=fmt_pct(s["tax_rate_pct"], lang, 1), c=fmt_num(s["carbon_price_per_tco2"], lang, 0), cur=cur))]
    if _portfolio(res) is None:
        out += [_p(_t("fin.none", lang)), "</section>"]
        return "".join(out)
    rows = []
    table = res.finance.indicators
    shown = _shown_measures(res)
    for r in table.itertuples():
        if r.row >= 0 and int(r.row) not in shown:
            continue
        name = _t("portfolio", lang) if r.id == "portfolio" else f"{fmt_text(r.id)} {fmt_text(r.name)}".strip()
        rows.append([name, fmt_num(r.capex, lang, 0), fmt_num(r.annual_saving, lang, 0),
                     _years(r.simple_payback_years, lang), _years(r.discounted_payback_years, lang),
                     fmt_num(r.npv, lang, 0), _irr(r.irr, r.irr_code, lang), fmt_pct(r.roi * 100, lang, 1),
                     fmt_num(r.bcr, lang, 2)])
    out += [f'<h3>{html.escape(_t("fin.indicators", lang))}</h3>',
            _table([_t("col.measure", lang), _t("col.capex", lang, cur=cur), _t("col.money", lang, cur=cur),
                    _t("col.payback", lang), _t("col.dpayback", lang), _t("col.npv", lang, cur=cur),
                    _t("col.irr", lang), _t("col.roi", lang), _t("col.bcr", lang)], rows,
                   set(range(1, 9)), {len(rows) - 1})]
    if len(table) - 1 > len(rows) - 1:
        more = len(table) - len(rows)
        out.append(_p(_t("ms.more", lang, k=len(rows) - 1, n=more), "note"))
    if "cashflow" in figs:
        out.append(_chart("cashflow", figs["cashflow"]))
    options = res.financing.options
    v = res.financing.values
    rows = [[_tt(f"option.{o['option']}", lang), fmt_num(o["customer_net_cost"], lang, 0), fmt_num(o["npv"], lang, 0),
             fmt_pct(o["irr"] * 100, lang, 1) if _finite(o["irr"]) else "–", _years(o["payback_years"], lang)]
            for o in options.to_dict("records")]
    out += [f'<h3>{html.escape(_t("fin.options", lang))}</h3>',
            _table([_t("col.option", lang), _t("col.upfront", lang, cur=cur), _t("col.npv", lang, cur=cur),
                    _t("col.irr", lang), _t("col.payback", lang)], rows, {1, 2, 3, 4}),
            _p(_t("fin.options_note", lang, lp=fmt_pct(v["loan_pct"], lang, 0), lr=fmt_pct(v["loan_rate"], lang, 1),
                  lt=fmt_num(v["loan_term"], lang, 0), es=fmt_pct(v["esco_share"], lang, 0),
                  ey=fmt_num(v["esco_years"], lang, 0)), "note")]
    out.append("</section>")
    return "".join(out)


def _year(value: int | None) -> str:
    """A calendar year of :mod:`views.plan_report`'s tables as written (2023, never 2,023); "–" when missing."""
    return "–" if value is None else str(value)


def _plan(res: ScenarioResults, lang: str) -> str:
    """The least-cost plan to the target (:mod:`views.plan_report`, the same words as the Excel
    report): the target-year plan's measures and start years, the plan against the user's own
    selection, the cost of ambition and the break-even carbon price."""
    cur = res.currency
    out = [f'<section><h2>{html.escape(_t("sec.plan", lang))}</h2>']
    plan = plan_summary(res)
    if plan is None:
        out += [_p(_t("plan.none", lang)), "</section>"]
        return "".join(out)
    names = {i: fmt_text(n, "–") for i, n, st in zip(res.measures["id"], res.measures["name"], res.measures["status"])
             if st == "ok"}
    out.append(_p(pr.intro(plan, lang, cur), "note"))
    out.append(_p(pr.status_sentence(plan, "target_year", lang, cur)))
    headers, rows = pr.chosen_table(plan, "target_year", names, lang, cur)
    if rows:
        out.append(_table(headers, [[fmt_text(i, "–"), n, _year(y), _year(own),
                                     fmt_num(capex, lang, 0), fmt_num(npv, lang, 0), fmt_num(cut, lang, 1)]
                                    for i, n, y, own, capex, npv, cut in rows], {2, 3, 4, 5, 6}))
        left = pr.not_chosen(plan, "target_year", names, lang)
        if left:
            out.append(_p(left, "note"))
    needed = pr.budget_needed_table(plan, "target_year", lang, cur)
    if needed:
        text, headers, rows = needed
        out += [_p(text), _table(headers, [[_year(y), fmt_num(b, lang, 0), fmt_num(e, lang, 0), fmt_num(n, lang, 0)]
                                           for y, b, e, n in rows], {1, 2, 3})]
    out.append(_p(pr.break_even_sentence(plan, "target_year", lang, cur)))
    out.append(f'<h3>{html.escape(pr.plan_t("compare", lang))}</h3>')
    headers, rows, kinds = pr.compare_table(plan, lang, cur)
    digits = {"money": 0, "tco2e": 1}
    out.append(_table(headers, [[label, fmt_num(a, lang, digits[k]), fmt_num(b, lang, digits[k])]
                                for (label, a, b), k in zip(rows, kinds)], {1, 2}))
    out.append(_p(pr.own_sentence(plan, lang)))
    out.append(_p(pr.mode_title(plan, "every_year", lang) + ": " + pr.status_sentence(plan, "every_year", lang, cur)))
    out.append(f'<h3>{html.escape(pr.plan_t("ambition", lang))}</h3>')
    note, headers, rows = pr.ambition_table(plan, lang, cur)
    out.append(_table(headers, [[lv, fmt_pct(pct, lang, 1), fmt_num(t, lang, 1),
                                 cost if isinstance(cost, str) else fmt_num(cost, lang, 0), fmt_num(n, lang, 0)]
                                for lv, pct, t, cost, n in rows], {1, 2, 3, 4}))
    out.append(_p(note, "note"))
    out.append("</section>")
    return "".join(out)


def _mv(res: ScenarioResults, lang: str, figs: dict) -> str:
    cur, mv = res.currency, res.mv
    out = [f'<section><h2>{html.escape(_t("sec.mv", lang))}</h2>']
    option = (mv.ipmvp or {}).get("option") if mv is not None else None
    if option:
        out.append(_p(_t("mv.ipmvp", lang, o=option, text=_tt(f"ipmvp.{option}", lang))))
    meters = mv.meters if mv is not None else ()
    if not meters:
        out.append(_p(_t("s.mv_none", lang, o=option or "–")))
    rows = []
    for meter in meters:
        label = _t("mv.meter", lang, fuel=_fuel(meter.fuel, lang), u=meter.unit)
        if meter.model is not None:
            model = meter.model
            out.append(f"<h3>{html.escape(label)}</h3>")
            out.append(_p(_t("mv.stats", lang, verdict=_tt(f"verdict.{model.verdict}", lang),
                             r2=fmt_num(model.r2, lang, 3),
                             cv=fmt_num(model.cv_rmse_pct, lang, 1), nmbe=fmt_num(model.nmbe_pct, lang, 2))))
        if meter.has_savings:
            rows.append([_t("mv.meter_cell", lang, fuel=_fuel(meter.fuel, lang), u=meter.unit),
                         f"{fmt_num(meter.avoided_total, lang, 0)} {meter.unit}",
                         fmt_num(meter.verified_tco2e, lang, 2), fmt_num(meter.verified_money, lang, 0),
                         fmt_pct(meter.realisation_rate_pct, lang, 0),
                         _t("mv.fsu", lang, f=fmt_num(meter.fsu_pct.get(0.90, np.nan), lang, 1))])
        else:
            out.append(_p(_t("s.mv_no_model", lang, o=option or "–")))
    if rows:
        out.append(_table([_t("col.meter", lang), _t("col.avoided", lang), _t("col.t_avoided", lang),
                           _t("col.money_saved", lang, cur=cur), _t("col.rr", lang), _t("col.fsu", lang)],
                          rows, {1, 2, 3, 4, 5}))
    n_warn = sum(len(m.warnings) for m in meters) + (len(mv.warnings) if mv is not None else 0)
    if n_warn:
        out.append(_p(_t("mv.warnings", lang, n=n_warn), "note"))
    if "mv_cumulative" in figs:
        out.append(_chart("mv_cumulative", figs["mv_cumulative"]))
    actions = _actions(res)
    out.append(f'<h3>{html.escape(_t("mv.plan", lang))}</h3>')
    if len(actions):
        rows = []
        for a in actions.head(TOP_ACTIONS).to_dict("records"):
            start, end = a.get("start_date"), a.get("end_date")
            dates = " – ".join(d.strftime("%d/%m/%Y" if lang == "vi" else "%Y-%m-%d")
                               for d in (start, end) if isinstance(d, (dt.date, pd.Timestamp)) and not pd.isna(d))
            rows.append([fmt_text(a.get("measure_id"), "–"), fmt_text(a.get("what"), "–"),
                         fmt_text(a.get("who"), "–"),
                         dates or fmt_text(a.get("when"), "–"), fmt_text(a.get("kpi"), "–"),
                         _status(a.get("status"), lang)])
        out.append(_table([_t(k, lang) for k in ("col.id", "col.what", "col.who", "col.when", "col.kpi", "col.status")],
                          rows, set()))
        if len(actions) > TOP_ACTIONS:
            out.append(_p(_t("mv.more_actions", lang, n=len(actions) - TOP_ACTIONS), "note"))
    else:
        out.append(_p(_t("s.no_plan", lang)))
    out.append("</section>")
    return "".join(out)


def _assumptions(res: ScenarioResults, lang: str) -> str:
    cur, inv = res.currency, res.inventory
    out = [f'<section><h2>{html.escape(_t("sec.assumptions", lang))}</h2>',
           f'<h3>{html.escape(_t("as.method", lang))}</h3>',
           _p(_t("as.method_text", lang, gwp=fmt_text(res.company.get("gwp_set"), "AR5"))),
           _p(_t("as.scenario", lang, name=res.name or "–"))]
    used = inv.rows[inv.rows["factor_tco2e_per_unit"].notna()]
    used = used.drop_duplicates(subset=["fuel", "unit", "factor_tco2e_per_unit"])
    if len(used):
        grid, year = res.grid, f" ({res.grid.year})" if res.grid.year else ""
        own = {f"{grid.source}{year}": f"{grid.source_in(lang)}{year}"}  # the grid factor's source in the language
        rows = [[_fuel(r.fuel, lang), fmt_text(r.unit, "–"), fmt_num(r.factor_tco2e_per_unit, lang, 6),
                 fmt_text(own.get(r.factor_source, r.factor_source), "–")] for r in used.itertuples()]
        out += [f'<h3>{html.escape(_t("as.factors", lang))}</h3>',
                _table([_t("col.fuel", lang), _t("col.unit", lang), _t("col.factor", lang) + " [tCO2e/" +
                        _t("col.unit", lang).lower() + "]", _t("col.factor_source", lang)], rows, {2}),
                _p(_t("as.source_note", lang, v=load_library().version), "note")]
    given = (res.scenario.fields.get("Finance") or {}) if res.scenario is not None else {}
    s = res.finance.settings
    rows = []
    for key in FINANCE_FIELDS:
        value = s.get(key)
        shown = (str(int(value)) + " " + _t("unit.years", lang) if key == "analysis_years"
                 else fmt_num(value, lang, 0) + f" {cur}/tCO2" if key == "carbon_price_per_tco2"
                 else fmt_pct(value, lang, 1))
        blank = given.get(key) is None or (isinstance(given.get(key), float) and math.isnan(given[key]))
        rows.append([_t(f"fin.{key}", lang), shown, _t("as.default" if blank else "as.given", lang)])
    out += [f'<h3>{html.escape(_t("as.finance", lang))}</h3>',
            _table([_t("col.setting", lang), _t("col.value", lang), _t("col.origin", lang)], rows, {1})]
    out.append("</section>")
    return "".join(out)


def board_html(scenario: Scenario | None = None, lang: str = "vi", *, results: ScenarioResults | None = None,
               today: dt.date | None = None) -> str:
    """The report as one self-contained HTML page (Plotly.js inline, no network), ready to print.

    Parameters
    ----------
    scenario : Scenario
        Analysed with :func:`results.analyse` unless ``results`` is given.
    lang : str
        "vi" or "en".
    results : ScenarioResults, optional
        The scenario's results when the caller already has them (the app's cache).
    today : date, optional
        The report's date (today by default).
    """
    lang = "en" if lang == "en" else "vi"
    res = results if results is not None else analyse(scenario)
    today = today or dt.date.today()
    figs = board_figures(res, lang)
    footer = f"{fmt_text(res.company.get('name') or res.name, '')} – {_t('footer', lang)}"
    css = CSS % {"font": FONT, "green": GREEN, "w": CHART_PX[0], "h": CHART_PX[1], "footer": _css_string(footer)}
    body = "".join([_cover(res, lang, today), _inventory(res, lang, figs), _target(res, lang, figs),
                    _measures(res, lang, figs), _finance(res, lang, figs), _plan(res, lang), _mv(res, lang, figs),
                    _assumptions(res, lang)])
    return ("<!DOCTYPE html><html lang=\"%s\"><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:; font-src data:\">"
            "<title>%s</title><style>%s</style><script>%s</script></head><body>%s</body></html>"
            % (lang, html.escape(_t("title", lang)), css, _plotly_js(), body))


def write_board_report(scenario: Scenario, lang: str = "vi", *, results: ScenarioResults | None = None,
                       today: dt.date | None = None) -> bytes:
    """The board report as PDF bytes (A4, a few pages) in ``lang`` ("vi" or "en").

    Parameters
    ----------
    scenario : Scenario
        A validated scenario; only Company and Activities need data (a section without data says
        so; a number that cannot be computed shows "–", a payback that never comes "∞").
    lang : str
        "vi" or "en".
    results : ScenarioResults, optional
        ``results.analyse(scenario)`` when the caller already has it.
    today : date, optional
        The date printed on the cover.

    Raises
    ------
    PdfUnavailable
        Without a usable Chromium (:func:`pdf_available` says so beforehand; :data:`NO_BROWSER`
        is the message for the user).
    """
    return html_to_pdf(board_html(scenario, lang, results=results, today=today))
