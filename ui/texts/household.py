"""UI texts of the household page (Massachusetts, USD); keys start with ``hh.``."""

TEXT = {
    "hh.title": {"vi": "Hộ gia đình sưởi bằng dầu (Massachusetts)",
                 "en": "A household heating with oil (Massachusetts)"},
    "hh.caption": {
        "vi": "Kịch bản “một cửa” của Clearinghouse: một hộ sưởi bằng dầu cân nhắc cải tạo cách nhiệt và bơm "
              "nhiệt toàn nhà. Các khoản hỗ trợ Mass Save theo nhóm thu nhập, tín dụng thuế liên bang 25C và khoản "
              "vay ưu đãi được cộng dồn theo thứ tự để thấy hộ phải tự trả bao nhiêu. Thay thu nhập để xem hộ thu "
              "nhập thấp có được lợi không. Đơn vị tiền: USD.",
        "en": "The Clearinghouse's one-stop-shop view: a household heating with oil considers weatherization and "
              "a whole-home heat pump. Mass Save incentives by income tier, the federal 25C tax credit and a "
              "subsidised loan are stacked in order to show what the household pays itself. Change the income to "
              "see whether a low-income household benefits. Money in USD."},
    "hh.u_note": {
        "vi": "⚠️ U = giả định chưa được xác nhận (trạng thái U trong bảng hệ số): hãy thay bằng số của hộ.",
        "en": "⚠️ U = an unconfirmed assumption (status U in the factor table): replace it with the household's "
              "own figure."},
    "hh.household": {"vi": "Hộ gia đình và giá năng lượng", "en": "Household and energy prices"},
    "hh.measures": {"vi": "Giải pháp", "en": "Measures"},
    "hh.finance_inputs": {"vi": "Tín dụng thuế và khoản vay", "en": "Tax credit and loan"},
    "hh.in.income": {"vi": "Thu nhập hộ (USD/năm)", "en": "Household income (USD/yr)"},
    "hh.in.household_size": {"vi": "Số người trong hộ", "en": "Household size (persons)"},
    "hh.in.oil_gallons": {"vi": "Dầu sưởi (gal/năm)", "en": "Heating oil (gal/yr)"},
    "hh.in.oil_price": {"vi": "Giá dầu sưởi (USD/gal)", "en": "Oil price (USD/gal)"},
    "hh.in.electricity_price": {"vi": "Giá điện (USD/kWh)", "en": "Electricity price (USD/kWh)"},
    "hh.in.other_kwh": {"vi": "Điện cho nhu cầu khác (kWh/năm)", "en": "Other electricity use (kWh/yr)"},
    "hh.in.weatherization": {"vi": "Cải tạo cách nhiệt (cách nhiệt, bịt kín khe hở)",
                             "en": "Weatherization (insulation, air sealing)"},
    "hh.in.heat_pump": {"vi": "Bơm nhiệt nguồn không khí toàn nhà", "en": "Whole-home air-source heat pump"},
    "hh.in.weatherization_cut_pct": {"vi": "Giảm nhu cầu sưởi (%)", "en": "Heating demand cut (%)"},
    "hh.in.weatherization_cost": {"vi": "Chi phí cách nhiệt (USD)", "en": "Weatherization cost (USD)"},
    "hh.in.hp_cost": {"vi": "Chi phí lắp bơm nhiệt (USD)", "en": "Heat pump installed cost (USD)"},
    "hh.in.hp_tons": {"vi": "Công suất bơm nhiệt (ton)", "en": "Heat pump capacity (tons)"},
    "hh.in.cop": {"vi": "COP theo mùa", "en": "Seasonal COP"},
    "hh.in.furnace_efficiency": {"vi": "Hiệu suất lò dầu hiện có", "en": "Existing oil furnace efficiency"},
    "hh.in.tax_credit": {"vi": "Nhận tín dụng thuế liên bang 25C", "en": "Claim the federal 25C tax credit"},
    "hh.in.use_loan": {"vi": "Vay ưu đãi (kiểu HEAT Loan) phần còn phải trả khi lắp",
                       "en": "Subsidised loan (HEAT Loan type) for what is due at installation"},
    "hh.in.loan_rate_pct": {"vi": "Lãi suất vay (%/năm)", "en": "Loan rate (%/yr)"},
    "hh.in.loan_years": {"vi": "Thời hạn vay (năm)", "en": "Loan term (years)"},
    "hh.tier.standard": {"vi": "Tiêu chuẩn (trên 80 % SMI)", "en": "Standard (above 80% SMI)"},
    "hh.tier.enhanced": {"vi": "Hỗ trợ tăng cường theo thu nhập (61–80 % SMI)",
                         "en": "Income-based enhanced (61–80% SMI)"},
    "hh.tier.income_eligible": {"vi": "Đủ điều kiện thu nhập thấp (≤ 60 % SMI)",
                                "en": "Income-eligible (≤ 60% SMI)"},
    "hh.tier_line": {
        "vi": "Nhóm thu nhập: **{tier}**. Thu nhập bằng {pct} thu nhập trung vị của bang (SMI); với hộ {n} người, "
              "60 % SMI = \\${smi60}/năm và 80 % SMI = \\${smi80}/năm.",
        "en": "Income tier: **{tier}**. The income is {pct} of the state median income (SMI); for {n} persons, "
              "60% SMI = \\${smi60}/yr and 80% SMI = \\${smi80}/yr."},
    "hh.w.smi_interpolated": {
        "vi": "Ngưỡng SMI cho cỡ hộ này được nội suy tuyến tính từ bảng 1, 2 và 4 người (FY2025).",
        "en": "The SMI threshold for this household size is interpolated linearly from the 1-, 2- and 4-person "
              "values (FY2025)."},
    "hh.w.smi_extrapolated": {
        "vi": "Ngưỡng SMI cho cỡ hộ này được ngoại suy tuyến tính từ giá trị 2 và 4 người (FY2025); trên 6 người "
              "cách này cho ngưỡng cao hơn quy tắc LIHEAP (+3 %/người).",
        "en": "The SMI threshold for this household size is extrapolated linearly from the 2- and 4-person values "
              "(FY2025); above 6 persons this gives more than the LIHEAP rule (+3% per person)."},
    "hh.w.loan_capped": {"vi": "Số tiền phải trả khi lắp vượt mức vay tối đa; phần vượt hộ phải tự trả.",
                         "en": "What is due at installation exceeds the loan maximum; the household pays the rest."},
    "hh.w.no_income": {"vi": "Chưa có thu nhập: không tính được gánh nặng năng lượng.",
                       "en": "No income given: the energy burden cannot be computed."},
    "hh.m.upfront": {"vi": "Hộ trả khi lắp đặt", "en": "Household pays at installation"},
    "hh.m.net_cost": {"vi": "Chi phí ròng sau mọi hỗ trợ", "en": "Net cost after all incentives"},
    "hh.m.bill": {"vi": "Hóa đơn năng lượng (USD/năm)", "en": "Energy bill (USD/yr)"},
    "hh.m.tco2": {"vi": "Phát thải (tCO2/năm)", "en": "Emissions (tCO2/yr)"},
    "hh.m.burden": {"vi": "Gánh nặng năng lượng", "en": "Energy burden"},
    "hh.stack": {"vi": "Cộng dồn hỗ trợ (góc nhìn một cửa)", "en": "Stacked incentives (one-stop-shop view)"},
    "hh.stack_cols": {"vi": "Bước|USD|Khi nào", "en": "Step|USD|When"},
    "hh.step.capex": {"vi": "Chi phí lắp đặt", "en": "Installed cost"},
    "hh.step.hp_rebate": {"vi": "Hoàn tiền bơm nhiệt Mass Save", "en": "Mass Save heat-pump rebate"},
    "hh.step.weatherization_incentive": {"vi": "Hỗ trợ cách nhiệt Mass Save",
                                         "en": "Mass Save weatherization incentive"},
    "hh.step.tax_credit_25c": {"vi": "Tín dụng thuế liên bang 25C", "en": "Federal 25C tax credit"},
    "hh.step.loan": {"vi": "Khoản vay ưu đãi", "en": "Subsidised loan"},
    "hh.step.upfront": {"vi": "= Hộ trả khi lắp đặt", "en": "= Household pays at installation"},
    "hh.step.net_cost": {"vi": "= Chi phí ròng của hộ (khoản vay được trả dần từ đây)",
                   "en": "= Net cost to the household (the loan is repaid out of this)"},
    "hh.when.install": {"vi": "khi lắp đặt", "en": "at installation"},
    "hh.when.year1": {"vi": "năm 1 (khi quyết toán thuế)", "en": "year 1 (tax return)"},
    "hh.when.loan": {"vi": "trả ${pay}/năm trong {n} năm, lãi {rate}",
                     "en": "repaid ${pay}/yr over {n} years at {rate}"},
    "hh.tiers": {"vi": "Cùng ngôi nhà, theo từng nhóm thu nhập", "en": "The same house in each income tier"},
    "hh.tiers_cols": {"vi": "Nhóm thu nhập|Hoàn tiền bơm nhiệt|Hỗ trợ cách nhiệt|Tín dụng 25C|Chi phí ròng",
                      "en": "Income tier|Heat-pump rebate|Weatherization incentive|25C credit|Net cost"},
    "hh.this_household": {"vi": "◀ hộ này", "en": "◀ this household"},
    "hh.scen.baseline": {"vi": "Hiện trạng (dầu)", "en": "Now (oil)"},
    "hh.scen.weatherization": {"vi": "Cách nhiệt", "en": "Weatherization"},
    "hh.scen.heat_pump": {"vi": "Bơm nhiệt", "en": "Heat pump"},
    "hh.scen.both": {"vi": "Cả hai", "en": "Both"},
    "hh.scen_table": {"vi": "Bốn kịch bản", "en": "The four scenarios"},
    "hh.scen_cols": {"vi": "Kịch bản|Dầu (gal/năm)|Điện (kWh/năm)|Hóa đơn (USD/năm)|tCO2/năm|Gánh nặng năng lượng",
                     "en": "Scenario|Oil (gal/yr)|Electricity (kWh/yr)|Bill (USD/yr)|tCO2/yr|Energy burden"},
    "hh.fig.burden": {"vi": "Gánh nặng năng lượng = chi phí năng lượng / thu nhập",
                      "en": "Energy burden = energy costs / income"},
    "hh.fig.burden_axis": {"vi": "% thu nhập", "en": "% of income"},
    "hh.fig.high": {"vi": "cao > {p}", "en": "high > {p}"},
    "hh.fig.severe": {"vi": "rất cao > {p}", "en": "severe > {p}"},
    "hh.fig.cost": {"vi": "Hóa đơn năng lượng và phát thải mỗi năm", "en": "Energy bill and emissions per year"},
    "hh.fig.oil": {"vi": "Dầu sưởi", "en": "Heating oil"},
    "hh.fig.electricity": {"vi": "Điện", "en": "Electricity"},
    "hh.fig.bill_axis": {"vi": "USD/năm", "en": "USD/yr"},
    "hh.fig.tco2_axis": {"vi": "tCO2/năm", "en": "tCO2/yr"},
    "hh.question": {"vi": "Hộ sưởi bằng dầu này có được lợi không?",
                    "en": "Does this household on heating oil benefit?"},
    "hh.v.benefits": {
        "vi": "**Có.** Hộ không phải trả gì: hỗ trợ của nhóm “{tier}” trả toàn bộ chi phí, và hóa đơn năng lượng "
              "giảm \\${save}/năm ({pct}), từ \\${b0} xuống \\${b1}.",
        "en": "**Yes.** The household pays nothing: the “{tier}” incentives cover the cost, and the energy bill "
              "falls by \\${save}/yr ({pct}), from \\${b0} to \\${b1}."},
    "hh.v.benefits_with_cost": {
        "vi": "**Có một phần.** Hóa đơn năng lượng giảm \\${save}/năm ({pct}), nhưng sau hoàn tiền và tín dụng thuế "
              "hộ vẫn chịu chi phí ròng \\${net} (hoàn vốn giản đơn {payback} năm); khi lắp đặt hộ trả \\${upfront}.",
        "en": "**Partly.** The energy bill falls by \\${save}/yr ({pct}), but after rebates and the tax credit the "
              "household still bears a net cost of \\${net} (simple payback {payback} years); at installation it "
              "pays \\${upfront}."},
    "hh.v.loan": {"vi": "Trong {n} năm vay, hộ trả nợ \\${pay}/năm, so với \\${save}/năm tiết kiệm được trên hóa đơn.",
                  "en": "While the loan runs ({n} years), the household repays \\${pay}/yr against \\${save}/yr saved "
                        "on the bill."},
    "hh.v.bill_rises": {
        "vi": "**Không, xét theo hóa đơn.** Hóa đơn năng lượng tăng \\${save}/năm: với giá điện trên \\${be}/kWh, điện "
              "cho bơm nhiệt đắt hơn lượng dầu nó thay thế. Chi phí ròng của hộ: \\${net}.",
        "en": "**Not on the bill.** The energy bill rises by \\${save}/yr: above \\${be}/kWh the heat pump's "
              "electricity costs more than the oil it replaces. Net cost to the household: \\${net}."},
    "hh.v.no_measure": {"vi": "Hãy chọn cách nhiệt và/hoặc bơm nhiệt để xem hiệu quả.",
                        "en": "Choose weatherization and/or the heat pump to see the effect."},
    "hh.v.burden": {"vi": "Gánh nặng năng lượng: {bu0} → {bu1}", "en": "Energy burden: {bu0} → {bu1}"},
    "hh.v.severe": {"vi": ", vẫn ở mức rất cao (> {p}).", "en": ", still severe (> {p})."},
    "hh.v.high": {"vi": ", vẫn ở mức cao (> {p}).", "en": ", still high (> {p})."},
    "hh.v.below": {"vi": ", dưới ngưỡng gánh nặng cao {p}.", "en": ", below the {p} high-burden line."},
    "hh.v.co2": {"vi": "Phát thải giảm từ {t0} xuống {t1} tCO2/năm.",
                 "en": "Emissions fall from {t0} to {t1} tCO2/yr."},
    "hh.loan_schedule": {"vi": "Lịch trả nợ", "en": "Loan schedule"},
    "hh.loan_cols": {"vi": "Năm|Dư nợ đầu kỳ|Lãi|Gốc|Trả|Dư nợ cuối kỳ",
                     "en": "Year|Opening|Interest|Principal|Payment|Closing"},
        "hh.assumptions": {"vi": "Số liệu, nguồn và trạng thái", "en": "Figures, sources and status"},
    "hh.assumptions_cols": {"vi": "Thông số|Giá trị|Đơn vị|Trạng thái|Nguồn",
                            "en": "Parameter|Value|Unit|Status|Source"},
    "hh.how": {"vi": "Cách tính", "en": "How it is computed"},
    "hh.how_text": {
        "vi": "- Phát thải dầu = gal × {kg} kg CO2/gal (EPA 40 CFR 98 C-1); điện = kWh × {grid} t/MWh "
              "(eGRID2023 NEWE).\n"
              "- Điện bơm nhiệt = gal × 0,138 MMBtu/gal × hiệu suất lò {eta} / COP {cop} × 293,071 kWh/MMBtu "
              "= {kwh} kWh/năm (không cách nhiệt).\n"
              "- Hoàn tiền Mass Save: tiêu chuẩn \\${per_ton}/ton, tối đa \\${cap}; tăng cường tối đa \\${enh}; thu nhập "
              "thấp: miễn phí. 25C = min({tc} × chi phí bơm nhiệt sau hoàn tiền; \\${tc_cap}).\n"
              "- Thứ tự cộng dồn: hoàn tiền bơm nhiệt → hỗ trợ cách nhiệt → 25C (năm 1); khoản vay trả phần còn "
              "lại khi lắp đặt.\n"
              "- Gánh nặng năng lượng = chi phí năng lượng / thu nhập (DOE); cao > {high}, rất cao > {severe}.\n"
              "- Giá điện hòa vốn của bơm nhiệt so với dầu: \\${be}/kWh.",
        "en": "- Oil emissions = gal × {kg} kg CO2/gal (EPA 40 CFR 98 C-1); electricity = kWh × {grid} t/MWh "
              "(eGRID2023 NEWE).\n"
              "- Heat-pump electricity = gal × 0.138 MMBtu/gal × furnace efficiency {eta} / COP {cop} × "
              "293.071 kWh/MMBtu = {kwh} kWh/yr (without weatherization).\n"
              "- Mass Save: standard \\${per_ton}/ton capped at \\${cap}; enhanced up to \\${enh}; income-eligible: no "
              "cost. 25C = min({tc} × heat-pump cost after its rebate, \\${tc_cap}).\n"
              "- Stacking order: heat-pump rebate → weatherization incentive → 25C (year 1); the loan covers what "
              "is left at installation.\n"
              "- Energy burden = energy costs / income (DOE); high > {high}, severe > {severe}.\n"
              "- Break-even electricity price of the heat pump against oil: \\${be}/kWh."},
}
