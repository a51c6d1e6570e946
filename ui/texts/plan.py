"""Texts of the least-cost plan page (``plan.``) and its navigation title."""

TEXT = {
    "page.plan": {"vi": "Kế hoạch chi phí thấp nhất", "en": "Least-cost plan"},
    "plan.title": {"vi": "Kế hoạch chi phí thấp nhất để đạt mục tiêu", "en": "The least-cost plan to the target"},
    "plan.caption": {
        "vi": "Chọn giải pháp nào, bắt đầu năm nào, để đạt mục tiêu đúng hạn với ngân sách từng năm, với NPV lớn nhất "
              "(chi phí hiện tại ròng nhỏ nhất). Tính chính xác bằng quy hoạch nguyên hỗn hợp.",
        "en": "Which measures, started in which year, meet the target on time within each year's budget at the "
              "largest NPV (the least net present cost). Solved exactly as a mixed-integer programme (HiGHS)."},
    # inputs
    "plan.inputs": {"vi": "Điều kiện của kế hoạch", "en": "What the plan must respect"},
    "plan.mode": {"vi": "Đạt mục tiêu", "en": "Meet the target"},
    "plan.mode.target_year": {"vi": "trong năm mục tiêu ({year})", "en": "in the target year ({year})"},
    "plan.mode.every_year": {"vi": "mọi năm của lộ trình đến {year}", "en": "every year of the path up to {year}"},
    "plan.budgets": {"vi": "Ngân sách đầu tư theo năm", "en": "Yearly investment budgets"},
    "plan.budgets_help": {
        "vi": "Một dòng mỗi năm; năm không có trong bảng hoặc để trống = không giới hạn. Tính cả chi phí thay thế "
              "khi giải pháp hết tuổi thọ.",
        "en": "One row per year; a year not listed, or blank, is unlimited. Replacements at the end of a measure's "
              "life count too."},
    "plan.windows": {"vi": "Năm bắt đầu cho phép và nhóm phương án thay thế",
                     "en": "Allowed start years and groups of alternatives"},
    "plan.windows_help": {
        "vi": "Để trống = bất kỳ năm nào từ {first} đến {last}. Các giải pháp cùng nhóm là phương án thay thế: "
              "chỉ chọn nhiều nhất một.",
        "en": "Blank = any year from {first} to {last}. Measures in the same group are alternatives: at most one "
              "is done."},
    "plan.input_problems": {"vi": "{n} vấn đề trong dữ liệu của kế hoạch", "en": "{n} problem(s) in the plan's inputs"},
    "plan.problem_row": {"vi": "{sheet}, dòng {row}: {msg}", "en": "{sheet}, row {row}: {msg}"},
    # guards
    "plan.no_target": {
        "vi": "Chưa có mục tiêu giảm phát thải: kế hoạch cần một mục tiêu (trang Mục tiêu) để biết phải giảm bao "
              "nhiêu và đến năm nào.",
        "en": "No reduction target yet: the plan needs a target (Targets page) to know how much to cut and by when."},
    "plan.no_measures": {
        "vi": "Chưa lập được kế hoạch: cần ít nhất một giải pháp tính được (trang Giải pháp) và năm mục tiêu sau năm "
              "cơ sở ({base}).",
        "en": "No plan yet: it needs at least one measure that can be computed (Measures page) and a target year "
              "after the base year ({base})."},
    # status
    "plan.optimal": {
        "vi": "Kế hoạch chi phí thấp nhất đạt mục tiêu với {n} giải pháp; NPV {npv} {cur} (tối ưu đã chứng minh, "
              "{time} giây).",
        "en": "The least-cost plan meets the target with {n} measure(s); NPV {npv} {cur} (proven optimal, "
              "{time} s)."},
    "plan.time_limit": {
        "vi": "Bộ giải dừng ở giới hạn {limit} giây: kế hoạch dưới đây là kế hoạch tốt nhất tìm được, chưa chứng "
              "minh là tối ưu.",
        "en": "The solver stopped at its {limit} s limit: the plan below is the best found, not proven optimal."},
    "plan.time_limit_none": {
        "vi": "Bộ giải dừng ở giới hạn {limit} giây trước khi tìm được kế hoạch. Hãy thu hẹp năm bắt đầu cho phép "
              "hoặc bớt giải pháp.",
        "en": "The solver stopped at its {limit} s limit before finding a plan. Narrow the allowed start years or "
              "use fewer measures."},
    "plan.infeasible": {
        "vi": "Không có kế hoạch nào đạt mục tiêu: cần giảm {need} tCO2e vào năm {year}, các giải pháp (trong ngân "
              "sách) giảm được nhiều nhất {best} tCO2e ({best_pct} % so với năm cơ sở), thiếu {short} tCO2e "
              "({short_pct} % của năm cơ sở). Hãy thêm giải pháp hoặc giảm mức mục tiêu.",
        "en": "No plan meets the target: {need} tCO2e must be cut in {year}, the measures (within the budgets) cut "
              "at most {best} tCO2e ({best_pct} % of the base year), {short} tCO2e short ({short_pct} % of the "
              "base year). Add measures or lower the target."},
    "plan.budget_needed": {
        "vi": "Với các giải pháp hiện có, kế hoạch khả thi khi ngân sách tăng thêm (tổng thêm ít nhất {extra} "
              "{cur}):",
        "en": "With the measures there are, a plan exists when the budgets grow by (least extra money in total "
              "{extra} {cur}):"},
    "plan.budget_cols": {"vi": "Năm|Ngân sách|Cần thêm|Ngân sách cần", "en": "Year|Budget|Extra|Budget needed"},
    "plan.every_year_note": {
        "vi": "Đạt mục tiêu mọi năm đòi hỏi cắt giảm ngay từ năm đầu của lộ trình.",
        "en": "Meeting the target every year asks for cuts from the first year of the path."},
    # comparison
    "plan.compare": {"vi": "Kế hoạch so với lựa chọn của bạn", "en": "The plan against your own selection"},
    "plan.kpi_npv_plan": {"vi": "NPV kế hoạch ({cur})", "en": "NPV of the plan ({cur})"},
    "plan.kpi_npv_own": {"vi": "NPV lựa chọn của bạn ({cur})", "en": "NPV of your selection ({cur})"},
    "plan.kpi_t_plan": {"vi": "Kế hoạch giảm năm {year} (tCO2e)", "en": "Plan's cut in {year} (tCO2e)"},
    "plan.kpi_t_own": {"vi": "Lựa chọn của bạn giảm năm {year} (tCO2e)", "en": "Your selection's cut in {year} (tCO2e)"},
    "plan.kpi_need": {"vi": "Mục tiêu cần giảm năm {year} (tCO2e)", "en": "Cut the target asks for in {year} (tCO2e)"},
    "plan.kpi_capex_plan": {"vi": "Đầu tư của kế hoạch ({cur})", "en": "Plan's investment ({cur})"},
    "plan.kpi_capex_own": {"vi": "Đầu tư lựa chọn của bạn ({cur})", "en": "Your selection's investment ({cur})"},
    "plan.own_status": {
        "vi": "Lựa chọn của bạn (tất cả giải pháp, năm bắt đầu của bạn): {meets}; {budget}.",
        "en": "Your selection (every measure at your start years): {meets}; {budget}."},
    "plan.own_meets": {"vi": "đạt mục tiêu", "en": "meets the target"},
    "plan.own_misses": {"vi": "chưa đạt mục tiêu", "en": "does not meet the target"},
    "plan.own_in_budget": {"vi": "trong ngân sách", "en": "within the budgets"},
    "plan.own_over_budget": {"vi": "vượt ngân sách ít nhất một năm", "en": "over the budget in at least one year"},
    "plan.chosen": {"vi": "Giải pháp được chọn và năm bắt đầu", "en": "Chosen measures and start years"},
    "plan.chosen_cols": {
        "vi": "Mã|Giải pháp|Năm bắt đầu|Năm bắt đầu của bạn|Vốn đầu tư ({cur})|Đóng góp NPV ({cur})|Giảm năm {year} (tCO2e)",
        "en": "ID|Measure|Start year|Your start year|Investment ({cur})|NPV contribution ({cur})|Cut in {year} (tCO2e)"},
    "plan.not_chosen": {"vi": "Không chọn: {ids}", "en": "Not chosen: {ids}"},
    "plan.path": {"vi": "Phát thải: kế hoạch, lựa chọn của bạn, BAU và mục tiêu",
                  "en": "Emissions: the plan, your selection, BAU and the target"},
    "plan.with_plan": {"vi": "Với kế hoạch", "en": "With the plan"},
    "plan.own_line": {"vi": "Với lựa chọn của bạn", "en": "With your selection"},
    "plan.investment": {"vi": "Đầu tư hằng năm và ngân sách", "en": "Yearly investment against the budget"},
    "plan.plan": {"vi": "Kế hoạch", "en": "Plan"},
    "plan.own": {"vi": "Lựa chọn của bạn", "en": "Your selection"},
    "plan.budget": {"vi": "Ngân sách", "en": "Budget"},
    "plan.cumulative": {"vi": "Dòng tiền lũy kế", "en": "Cumulative cash flow"},
    "plan.year": {"vi": "Năm", "en": "Year"},
    # cost of ambition
    "plan.ambition": {"vi": "Chi phí của tham vọng", "en": "Cost of ambition"},
    "plan.ambition_caption": {
        "vi": "Chi phí hiện tại ròng nhỏ nhất (= −NPV) để giảm mỗi mức đến năm {year}, từ 0 % đến mức tối đa các "
              "giải pháp cho phép ({max} %); dưới 0 là có lãi.",
        "en": "The least net present cost (= −NPV) of cutting each level by {year}, from 0 % to the most the "
              "measures allow ({max} %); below 0 it earns money."},
    "plan.ambition_x": {"vi": "Mức giảm năm {year} so với năm cơ sở (%)", "en": "Cut in {year} below the base year (%)"},
    "plan.ambition_y": {"vi": "Chi phí hiện tại ròng ({cur})", "en": "Net present cost ({cur})"},
    "plan.mark.target": {"vi": "Mục tiêu {pct} %", "en": "Target {pct} %"},
    "plan.mark.wb2c": {"vi": "SBTi dưới 2 °C {pct} %", "en": "SBTi well-below 2 °C {pct} %"},
    "plan.mark.1.5c": {"vi": "SBTi 1,5 °C {pct} %", "en": "SBTi 1.5 °C {pct} %"},
    "plan.marks_cols": {"vi": "Mức|Giảm (%)|Chi phí hiện tại ròng ({cur})|Số giải pháp",
                        "en": "Level|Cut (%)|Net present cost ({cur})|Measures"},
    "plan.unreachable": {"vi": "không đạt được", "en": "out of reach"},
    "plan.ambition_skipped": {"vi": "Bỏ qua vì bộ giải đã dừng ở giới hạn thời gian.",
                              "en": "Skipped: the solver stopped at its time limit."},
    # break-even
    "plan.break_even": {"vi": "Giá carbon hòa vốn ({cur}/tCO2e)", "en": "Break-even carbon price ({cur}/tCO2e)"},
    "plan.break_even.pays_already": {
        "vi": "Kế hoạch đạt mục tiêu đã có lãi khi không có giá carbon (NPV {npv} {cur}).",
        "en": "The plan to the target already pays without a carbon price (NPV {npv} {cur})."},
    "plan.break_even.found": {
        "vi": "Với giá carbon {price} {cur}/tCO2e trở lên, kế hoạch đạt mục tiêu tự hoàn vốn (NPV ≥ 0).",
        "en": "From a carbon price of {price} {cur}/tCO2e, the plan to the target pays for itself (NPV ≥ 0)."},
    "plan.break_even.never": {"vi": "Không có giá carbon nào làm kế hoạch hoàn vốn.",
                              "en": "No carbon price makes the plan pay for itself."},
    "plan.break_even.none": {"vi": "Không tính được: chưa có kế hoạch đạt mục tiêu.",
                             "en": "Cannot be computed: no plan meets the target."},
    # saving as a variant
    "plan.save": {"vi": "Lưu kế hoạch thành phương án mới", "en": "Save the plan as a new variant"},
    "plan.save_help": {
        "vi": "Phương án mới = kịch bản hiện tại chỉ với các giải pháp được chọn và năm bắt đầu của kế hoạch; xem ở "
              "trang So sánh phương án và trong tệp tải về.",
        "en": "The new variant = the current scenario with only the chosen measures, at the plan's start years; "
              "see it in Compare variants and in the downloads."},
    "plan.variant_stem": {"vi": "Kế hoạch chi phí thấp nhất", "en": "Least-cost plan"},
    "plan.saved": {"vi": "Đã lưu phương án “{name}” và mở phương án đó.", "en": "Saved and opened the variant “{name}”."},
    "plan.step_saved": {"vi": "lưu kế hoạch thành {name}", "en": "saving the plan as {name}"},
    # how
    "plan.how": {"vi": "Cách tính", "en": "How is this computed"},
    "plan.how_objective": {
        "vi": "**Mục tiêu tối ưu:** NPV lớn nhất của danh mục giải pháp ở tỷ lệ chiết khấu {rate} %, t = 0 là đầu năm "
              "{first}, trong {years} năm phân tích; tính cả giá carbon ({price} {cur}/tCO2e), tăng giá năng lượng "
              "{esc} %/năm, lạm phát {infl} %/năm, thuế {tax} %; chi phí thay thế khi hết tuổi thọ và giá trị thu hồi "
              "như trang Tài chính.",
        "en": "**Objective:** the largest NPV of the portfolio at the {rate} % discount rate, t = 0 at the start of "
              "{first}, over the {years}-year analysis; counting the carbon price ({price} {cur}/tCO2e), energy "
              "price escalation {esc} %/yr, inflation {infl} %/yr, tax {tax} %; replacements at the end of a life "
              "and salvage as on the Finance page."},
    "plan.how_choice": {
        "vi": "**Lựa chọn:** mỗi giải pháp ({n}) làm hoặc không, và nếu làm thì bắt đầu một năm trong khoảng cho phép "
              "(mặc định {first}–{last}); tiết kiệm từ năm bắt đầu trở đi.",
        "en": "**Choice:** each of the {n} measures is done or not and, if done, starts in one year of its allowed "
              "window (default {first}–{last}); it saves from its start year on."},
    "plan.how_target": {
        "vi": "**Mục tiêu giảm:** phát thải với kế hoạch ≤ lộ trình mục tiêu {which}: BAU {bau} − mục tiêu {target} = "
              "cần giảm {need} tCO2e năm {year} (chỉ tính giải pháp trên phạm vi {scope}).",
        "en": "**Target:** emissions with the plan ≤ the target path {which}: BAU {bau} − target {target} = a cut of "
              "{need} tCO2e in {year} (only measures on scope {scope} count)."},
    "plan.how_which.target_year": {"vi": "trong năm mục tiêu", "en": "in the target year"},
    "plan.how_which.every_year": {"vi": "mọi năm đến năm mục tiêu", "en": "in every year up to the target year"},
    "plan.how_budget": {
        "vi": "**Ngân sách:** mỗi năm có ngân sách, tổng đầu tư (ban đầu và thay thế) ≤ ngân sách năm đó: {budgets}.",
        "en": "**Budget:** in each year with a budget, the investment (initial and replacements) ≤ that year's "
              "budget: {budgets}."},
    "plan.how_no_budget": {"vi": "**Ngân sách:** không giới hạn (sheet Ngân sách theo năm trống).",
                           "en": "**Budget:** unlimited (the Budgets sheet is empty)."},
    "plan.how_sources": {
        "vi": "**Không tính trùng:** các giải pháp trên cùng nguồn phát thải không tiết kiệm quá lượng phát thải của "
              "nguồn đó ({sources}); mỗi giải pháp cũng không vượt nguồn của riêng nó.",
        "en": "**No double counting:** measures on the same emission source save no more than that source emits "
              "({sources}); nor does any measure exceed its own rows."},
    "plan.how_alternatives": {
        "vi": "**Phương án thay thế:** nhiều nhất một giải pháp trong mỗi nhóm ({groups}).",
        "en": "**Alternatives:** at most one measure of each group ({groups})."},
    "plan.how_own": {
        "vi": "**So sánh cùng công thức:** lựa chọn của bạn (mọi giải pháp, năm bắt đầu của bạn, t = 0 cũng là đầu "
              "năm {first}) được tính bằng chính hàm mục tiêu này, nên hai NPV so sánh được. NPV ở trang Tài chính "
              "lấy t = 0 là năm bắt đầu sớm nhất ({fin_first}): {fin_npv} {cur}.",
        "en": "**Like with like:** your selection (every measure at your start years, t = 0 also at the start of "
              "{first}) is valued by this same objective, so the two NPVs compare. The Finance page's NPV takes "
              "t = 0 at the earliest start year ({fin_first}): {fin_npv} {cur}."},
    "plan.how_solver": {
        "vi": "**Giải:** bài toán quy hoạch nguyên hỗn hợp, giải chính xác đến sai số 1e-9; trạng thái "
              "{status}, {time} giây (giới hạn {limit} giây mỗi lần giải).",
        "en": "**Solved:** as a mixed-integer programme by HiGHS (scipy), exact to a 1e-9 gap; status {status}, "
              "{time} s (limit {limit} s per solve)."},
    "plan.how_ambition": {
        "vi": "**Chi phí của tham vọng:** cùng bài toán, mục tiêu năm {year} thay bằng từng mức giảm; SBTi: dưới 2 °C "
              "= 2,5 %/năm × {n} năm, 1,5 °C = 4,2 %/năm × {n} năm so với năm cơ sở. **Giá carbon hòa vốn:** giải lại "
              "với giá carbon tăng dần (phương pháp lặp tham số) đến khi NPV của kế hoạch = 0.",
        "en": "**Cost of ambition:** the same problem with the {year} target replaced by each level; SBTi: well-below "
              "2 °C = 2.5 %/yr × {n} years, 1.5 °C = 4.2 %/yr × {n} years below the base year. **Break-even carbon "
              "price:** re-solved at rising carbon prices (Dinkelbach) until the plan's NPV is 0."},
    "plan.status.optimal": {"vi": "tối ưu", "en": "optimal"},
    "plan.status.infeasible": {"vi": "không khả thi", "en": "infeasible"},
    "plan.status.time_limit": {"vi": "dừng ở giới hạn thời gian", "en": "stopped at the time limit"},
}
