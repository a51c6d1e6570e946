"""Why a value shows "–" or "∞" (the reason codes of :mod:`views.undefined`), shown under the table."""
from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "why.note": {"vi": "Ô có dấu – hoặc ∞ (không tính được): {items}.",
                 "en": "Cells with – or ∞ (cannot be computed): {items}."},
    "why.payback_never": {
        "vi": "hoàn vốn ∞: tiền tiết kiệm không bù được vốn đầu tư trong thời gian phân tích",
        "en": "payback ∞: the savings never repay the investment within the analysis period"},
    "why.roi_no_investment": {
        "vi": "ROI –: không có vốn đầu tư trong thời gian phân tích để chia (ROI = lợi nhuận ÷ vốn đầu tư)",
        "en": "ROI –: no investment within the analysis period to divide by (ROI = gain ÷ investment)"},
    "why.bcr_no_cost": {
        "vi": "B/C ∞: không có chi phí (chỉ có lợi ích), nên lợi ích ÷ chi phí là chia cho 0",
        "en": "B/C ∞: no costs (benefits only), so benefits ÷ costs divides by 0"},
    "why.bcr_no_flow": {
        "vi": "B/C –: không có cả lợi ích lẫn chi phí",
        "en": "B/C –: neither benefits nor costs"},
    "why.cse_no_energy": {
        "vi": "chi phí năng lượng tiết kiệm –: không tiết kiệm được kWh nào (chi phí ÷ kWh tiết kiệm)",
        "en": "cost of saved energy –: no kWh saved (cost ÷ kWh saved)"},
    "why.abatement_no_tco2e": {
        "vi": "chi phí giảm phát thải –: không giảm được tCO2e nào (chi phí ÷ tCO2e giảm)",
        "en": "abatement cost –: no tCO2e cut (cost ÷ tCO2e cut)"},
    "why.option_incomplete": {
        "vi": "phương án –: khoản vay cần lãi suất và thời hạn ít nhất 1 năm (sheet Nguồn vốn hoặc biểu mẫu trên)",
        "en": "option –: a loan needs an interest rate and a term of at least 1 year (Financing sheet or the form above)"},
    "why.option_no_irr": {
        "vi": "IRR –: dòng tiền không đổi dấu (ví dụ không phải bỏ vốn ban đầu), nên không có tỷ lệ nào cho NPV = 0",
        "en": "IRR –: the cash flows do not change sign (e.g. nothing paid upfront), so no rate gives NPV = 0"},
    "why.pi_no_investment": {
        "vi": "chỉ số sinh lời –: không có vốn đầu tư (NPV ÷ vốn đầu tư), giải pháp không được xếp hạng",
        "en": "profitability index –: no investment (NPV ÷ investment), so the measure is not ranked"},
    "why.dscr_no_payment": {
        "vi": "DSCR –: năm đó không phải trả nợ (tiết kiệm ÷ tiền trả nợ)",
        "en": "DSCR –: no loan payment that year (saving ÷ payment)"},
    "why.lcc_no_hours": {
        "vi": "tuổi thọ ∞: số giờ sử dụng mỗi năm là 0, thiết bị không bao giờ hết tuổi thọ",
        "en": "life ∞: 0 hours of use a year, so the unit never wears out"},
    "why.measure_incomplete": {
        "vi": "giải pháp chưa tính được: xem thông báo của dòng đó ở trên",
        "en": "a measure that cannot be computed yet: see its row's message above"},
    "why.pct_no_base": {
        "vi": "% so với năm cơ sở –: phát thải năm cơ sở bằng 0",
        "en": "% of base –: the base year's emissions are 0"},
    "why.mv_no_price": {
        "vi": "tiền tiết kiệm –: không có giải pháp nào trên năng lượng này có tiết kiệm dự kiến để lấy giá năng lượng",
        "en": "money saved –: no measure on this energy with an expected saving to take the energy price from"},
    "why.mv_no_expected": {
        "vi": "tỷ lệ đạt –: các giải pháp trên năng lượng này không có tiết kiệm dự kiến (đo được ÷ dự kiến)",
        "en": "realisation rate –: the measures on this energy expect no saving (verified ÷ expected)"},
}
