"""The least-cost plan in the take-home reports: its sentences and tables, in both languages.

Both reports read the plan from :func:`results.summary.plan_summary` (the one results model's
JSON view), so the Excel workbook and the PDF say the same: whether a plan meets the target and
at what NPV (or by how much every plan falls short, and what budget would make one possible),
the chosen measures and their start years, the yearly investment against the budgets, the plan
against the user's own selection, the cost of ambition at the target and the SBTi rates, and the
break-even carbon price. Table rows carry numbers (the Excel report writes them as numbers with a
format; the PDF formats them with :mod:`views.format`); missing values are None, as the summary
(strict JSON) has them.
"""
from __future__ import annotations

from views.format import fmt_num

#: mode key in the plan summary → its words
MODES = ("target_year", "every_year")

TEXTS: dict[str, tuple[str, str]] = {
    "title": ("Kế hoạch chi phí thấp nhất để đạt mục tiêu", "The least-cost plan to the target"),
    "intro": ("Chọn giải pháp và năm bắt đầu sao cho đạt mục tiêu với NPV lớn nhất (chi phí hiện tại ròng nhỏ nhất), "
              "trong ngân sách từng năm, ở suất chiết khấu {rate} % và giá carbon {price} {cur}/tCO2e.",
              "Which measures to do and in which year so that the target is met at the highest NPV (least net "
              "present cost), within each year's budget, at a {rate} % discount rate and a carbon price of "
              "{price} {cur}/tCO2e."),
    "mode.target_year": ("Đạt mục tiêu trong năm mục tiêu ({year})", "Meet the target in the target year ({year})"),
    "mode.every_year": ("Đạt mục tiêu mọi năm của lộ trình đến {year}",
                        "Meet the target every year of the path up to {year}"),
    "optimal": ("Kế hoạch chi phí thấp nhất đạt mục tiêu với {n} giải pháp; NPV {npv} {cur} (tối ưu đã chứng minh).",
                "The least-cost plan meets the target with {n} measure(s); NPV {npv} {cur} (proven optimal)."),
    "time_limit": ("Bộ giải dừng ở giới hạn thời gian: kế hoạch dưới đây là kế hoạch tốt nhất tìm được, NPV {npv} "
                   "{cur}, chưa chứng minh là tối ưu.",
                   "The solver stopped at its time limit: the plan below is the best found, NPV {npv} {cur}, not "
                   "proven optimal."),
    "time_limit_none": ("Bộ giải dừng ở giới hạn thời gian trước khi tìm được kế hoạch. Hãy thu hẹp năm bắt đầu cho "
                        "phép hoặc bớt giải pháp.",
                        "The solver stopped at its time limit before finding a plan. Narrow the allowed start years "
                        "or use fewer measures."),
    "infeasible": ("Không có kế hoạch nào đạt mục tiêu: cần giảm {need} tCO2e vào năm {year}, các giải pháp (trong "
                   "ngân sách) giảm được nhiều nhất {best} tCO2e ({best_pct} % so với năm cơ sở), thiếu {short} tCO2e "
                   "({short_pct} % của năm cơ sở). Hãy thêm giải pháp hoặc giảm mức mục tiêu.",
                   "No plan meets the target: {need} tCO2e must be cut in {year}, the measures (within the budgets) "
                   "cut at most {best} tCO2e ({best_pct} % of the base year), {short} tCO2e short ({short_pct} % of "
                   "the base year). Add measures or lower the target."),
    "budget_needed": ("Với các giải pháp hiện có, kế hoạch khả thi khi ngân sách tăng thêm (tổng thêm ít nhất "
                      "{extra} {cur}):",
                      "With the measures there are, a plan exists when the budgets grow by (least extra money in "
                      "total {extra} {cur}):"),
    "col.year": ("Năm", "Year"),
    "col.id": ("Mã", "ID"),
    "col.measure": ("Giải pháp", "Measure"),
    "col.start": ("Năm bắt đầu", "Start year"),
    "col.own_start": ("Năm bắt đầu của bạn", "Your start year"),
    "col.capex": ("Vốn đầu tư [{cur}]", "Investment [{cur}]"),
    "col.npv": ("Đóng góp NPV [{cur}]", "NPV contribution [{cur}]"),
    "col.cut": ("Giảm năm {year} [tCO2e]", "Cut in {year} [tCO2e]"),
    "col.budget": ("Ngân sách [{cur}]", "Budget [{cur}]"),
    "col.extra": ("Cần thêm [{cur}]", "Extra [{cur}]"),
    "col.needed": ("Ngân sách cần [{cur}]", "Budget needed [{cur}]"),
    "col.inv_plan": ("Đầu tư của kế hoạch [{cur}]", "Plan's investment [{cur}]"),
    "col.inv_own": ("Đầu tư lựa chọn của bạn [{cur}]", "Your selection's investment [{cur}]"),
    "col.with_plan": ("Phát thải với kế hoạch [tCO2e]", "Emissions with the plan [tCO2e]"),
    "col.with_own": ("Phát thải với lựa chọn của bạn [tCO2e]", "Emissions with your selection [tCO2e]"),
    "no_budget": ("không giới hạn", "no limit"),
    "not_chosen": ("Không chọn: {ids}", "Not chosen: {ids}"),
    "yearly": ("Đầu tư hằng năm và ngân sách, phát thải theo năm", "Yearly investment against the budget, emissions"),
    "compare": ("Kế hoạch so với lựa chọn của bạn", "The plan against your own selection"),
    "row.npv": ("NPV [{cur}]", "NPV [{cur}]"),
    "row.capex": ("Tổng đầu tư đến năm mục tiêu [{cur}]", "Investment up to the target year [{cur}]"),
    "row.cut": ("Giảm năm {year} [tCO2e]", "Cut in {year} [tCO2e]"),
    "row.need": ("Mục tiêu cần giảm năm {year} [tCO2e]", "Cut the target asks for in {year} [tCO2e]"),
    "col.what": ("Chỉ số", "Indicator"),
    "col.plan": ("Kế hoạch", "Plan"),
    "col.own": ("Lựa chọn của bạn", "Your selection"),
    "own_status": ("Lựa chọn của bạn (tất cả giải pháp, năm bắt đầu của bạn): {meets}; {budget}.",
                   "Your selection (every measure at your start years): {meets}; {budget}."),
    "own_meets": ("đạt mục tiêu", "meets the target"),
    "own_misses": ("chưa đạt mục tiêu", "does not meet the target"),
    "own_in_budget": ("trong ngân sách", "within the budgets"),
    "own_over_budget": ("vượt ngân sách ít nhất một năm", "over the budget in at least one year"),
    "ambition": ("Chi phí của tham vọng", "Cost of ambition"),
    "ambition_note": ("Chi phí hiện tại ròng nhỏ nhất (= −NPV) để giảm mỗi mức đến năm {year}; các giải pháp cho "
                      "phép giảm tối đa {max} % so với năm cơ sở; dưới 0 là có lãi.",
                      "The least net present cost (= −NPV) of cutting each level by {year}; the measures allow at "
                      "most {max} % below the base year; below 0 it earns money."),
    "col.level": ("Mức", "Level"),
    "col.cut_pct": ("Giảm [%]", "Cut [%]"),
    "col.cut_t": ("Cần giảm [tCO2e]", "Cut needed [tCO2e]"),
    "col.cost": ("Chi phí hiện tại ròng [{cur}]", "Net present cost [{cur}]"),
    "col.count": ("Số giải pháp", "Measures"),
    "mark.target": ("Mục tiêu", "Target"),
    "mark.wb2c": ("SBTi dưới 2 °C", "SBTi well-below 2 °C"),
    "mark.1.5c": ("SBTi 1,5 °C", "SBTi 1.5 °C"),
    "unreachable": ("không đạt được", "out of reach"),
    "ambition_skipped": ("Bỏ qua vì bộ giải đã dừng ở giới hạn thời gian.",
                         "Skipped: the solver stopped at its time limit."),
    "break_even.pays_already": ("Giá carbon hòa vốn: kế hoạch đạt mục tiêu đã có lãi khi không có giá carbon "
                                "(NPV {npv} {cur}).",
                                "Break-even carbon price: the plan to the target already pays without a carbon "
                                "price (NPV {npv} {cur})."),
    "break_even.found": ("Giá carbon hòa vốn: với giá carbon {price} {cur}/tCO2e trở lên, kế hoạch đạt mục tiêu tự "
                         "hoàn vốn (NPV ≥ 0).",
                         "Break-even carbon price: from a carbon price of {price} {cur}/tCO2e, the plan to the "
                         "target pays for itself (NPV ≥ 0)."),
    "break_even.never": ("Giá carbon hòa vốn: không có giá carbon nào làm kế hoạch hoàn vốn.",
                         "Break-even carbon price: no carbon price makes the plan pay for itself."),
    "break_even.skipped": ("Giá carbon hòa vốn: không tính, vì bộ giải đã dừng ở giới hạn thời gian.",
                           "Break-even carbon price: not computed, the solver stopped at its time limit."),
    "break_even.none": ("Giá carbon hòa vốn: không tính được, chưa có kế hoạch đạt mục tiêu.",
                        "Break-even carbon price: cannot be computed, no plan meets the target."),
}


def plan_t(key: str, lang: str, **kw) -> str:
    """The text ``key`` in ``lang`` ("vi" or "en"), with ``kw`` filled in."""
    vi, en = TEXTS[key]
    text = vi if lang == "vi" else en
    return text.format(**kw) if kw else text


def mode_title(plan: dict, mode: str, lang: str) -> str:
    """The heading of a mode: the target year, or every year of the path."""
    return plan_t(f"mode.{mode}", lang, year=plan["target_year"])


def intro(plan: dict, lang: str, currency: str) -> str:
    """What the plan chooses, with the user's discount rate and carbon price."""
    return plan_t("intro", lang, rate=fmt_num(plan["discount_rate_pct"], lang, 1),
                  price=fmt_num(plan["carbon_price_per_tco2"] or 0.0, lang, 0), cur=currency)


def status_sentence(plan: dict, mode: str, lang: str, currency: str) -> str:
    """What the plan of ``mode`` (``target_year`` or ``every_year``) found, in words."""
    m = plan[f"{mode}_plan"]
    if m["status"] == "optimal":
        return plan_t("optimal", lang, n=len(m["chosen"]), npv=fmt_num(m["npv"], lang, 0), cur=currency)
    if m["status"] == "time_limit":
        if m["chosen"]:
            return plan_t("time_limit", lang, npv=fmt_num(m["npv"], lang, 0), cur=currency)
        return plan_t("time_limit_none", lang)
    s = m.get("shortfall") or {}
    return plan_t("infeasible", lang, need=fmt_num(s.get("required_tco2e"), lang, 1), year=plan["target_year"],
                  best=fmt_num(s.get("best_reduction_tco2e"), lang, 1),
                  best_pct=fmt_num(s.get("best_reduction_pct"), lang, 1),
                  short=fmt_num(s.get("shortfall_tco2e"), lang, 1), short_pct=fmt_num(s.get("shortfall_pct"), lang, 1))


def chosen_table(plan: dict, mode: str, names: dict, lang: str, currency: str) -> tuple[list[str], list[list]]:
    """(headers, rows) of the measures the plan of ``mode`` does: ID, name (``names``: id → name),
    start year, the user's own start year, investment, NPV contribution, cut in the target year."""
    own = {c["id"]: c["start_year"] for c in plan["own_selection"]["chosen"]}
    headers = [plan_t("col.id", lang), plan_t("col.measure", lang), plan_t("col.start", lang),
               plan_t("col.own_start", lang), plan_t("col.capex", lang, cur=currency),
               plan_t("col.npv", lang, cur=currency), plan_t("col.cut", lang, year=plan["target_year"])]
    rows = [[c["id"], names.get(c["id"], ""), _year(c["start_year"]), _year(own.get(c["id"])), c["capex"], c["npv"],
             c["reduction_target_year_tco2e"]] for c in plan[f"{mode}_plan"]["chosen"]]
    return headers, rows


def not_chosen(plan: dict, mode: str, names: dict, lang: str) -> str | None:
    """The candidate measures the plan leaves out ("Not chosen: M3, M4"), None when it does all."""
    done = {c["id"] for c in plan[f"{mode}_plan"]["chosen"]}
    left = [i for i in names if i not in done]
    return plan_t("not_chosen", lang, ids=", ".join(str(i) for i in left)) if left and done else None


def budget_needed_table(plan: dict, mode: str, lang: str, currency: str) -> tuple[str, list[str], list[list]] | None:
    """(sentence, headers, rows) of the budgets that would make a plan possible, or None when more
    money would not help (or a plan exists)."""
    need = plan[f"{mode}_plan"].get("budget_needed")
    if not need:
        return None
    extra = sum(r.get("extra") or 0.0 for r in need)
    headers = [plan_t("col.year", lang), plan_t("col.budget", lang, cur=currency),
               plan_t("col.extra", lang, cur=currency), plan_t("col.needed", lang, cur=currency)]
    rows = [[r["year"], r.get("budget"), r.get("extra"), r.get("needed")] for r in need]
    return plan_t("budget_needed", lang, extra=fmt_num(extra, lang, 0), cur=currency), headers, rows


def yearly_table(plan: dict, lang: str, currency: str) -> tuple[list[str], list[list]]:
    """(headers, rows) per year of the path: the budget (None = no limit), the target-year plan's
    and the user's investment, and the emissions with each."""
    m, own = plan["target_year_plan"], plan["own_selection"]
    budgets = {b["year"]: b["budget"] for b in plan["budgets"]}
    headers = [plan_t("col.year", lang), plan_t("col.budget", lang, cur=currency),
               plan_t("col.inv_plan", lang, cur=currency), plan_t("col.inv_own", lang, cur=currency),
               plan_t("col.with_plan", lang), plan_t("col.with_own", lang)]
    plan_by_year = dict(zip(m["years"], zip(m["investment"], m["with_plan_tco2e"])))
    rows = []
    for i, year in enumerate(own["years"]):
        inv, with_plan = plan_by_year.get(year, (None, None))
        rows.append([year, budgets.get(year), inv, own["investment"][i], with_plan, own["with_plan_tco2e"][i]])
    return headers, rows


def compare_table(plan: dict, lang: str, currency: str) -> tuple[list[str], list[list], list[str]]:
    """(headers, rows, kinds): NPV, total investment over the path (replacements included, as the
    page shows it) and the cut in the target year of the target-year plan and of the user's own
    selection, with the cut the target asks for; ``kinds`` says what each row counts (``money``
    or ``tco2e``), for its number format."""
    m, own, year = plan["target_year_plan"], plan["own_selection"], plan["target_year"]

    def cut(result):
        return result["reduction_tco2e"][result["years"].index(year)] if year in result["years"] else None

    headers = [plan_t("col.what", lang), plan_t("col.plan", lang), plan_t("col.own", lang)]
    rows = [[plan_t("row.npv", lang, cur=currency), m["npv"], own["npv"]],
            [plan_t("row.capex", lang, cur=currency), m["total_investment"], own["total_investment"]],
            [plan_t("row.cut", lang, year=year), cut(m), cut(own)],
            [plan_t("row.need", lang, year=year), plan["required_tco2e"], plan["required_tco2e"]]]
    return headers, rows, ["money", "money", "tco2e", "tco2e"]


def own_sentence(plan: dict, lang: str) -> str:
    """Whether the user's own selection meets the target and stays within the budgets."""
    own = plan["own_selection"]
    return plan_t("own_status", lang, meets=plan_t("own_meets" if own["meets_target"] else "own_misses", lang),
                  budget=plan_t("own_in_budget" if own["within_budget"] else "own_over_budget", lang))


def ambition_table(plan: dict, lang: str, currency: str) -> tuple[str, list[str], list[list]]:
    """(note, headers, rows) of the cost of ambition at the target and the SBTi rates: level,
    cut in %, tCO2e to cut, least net present cost (None = out of reach), measures."""
    amb = plan["cost_of_ambition"]
    headers = [plan_t("col.level", lang), plan_t("col.cut_pct", lang), plan_t("col.cut_t", lang),
               plan_t("col.cost", lang, cur=currency), plan_t("col.count", lang)]
    rows = []
    for mark in amb["marks"]:
        reached = mark["status"] in ("optimal", "time_limit") and mark["cost"] is not None
        rows.append([plan_t(f"mark.{mark['mark']}", lang), mark["level_pct"], mark["required_tco2e"],
                     mark["cost"] if reached else plan_t("unreachable", lang),
                     mark["measures"] if reached else None])
    if amb["status"] != "ok":
        note = plan_t("ambition_skipped", lang)
    else:
        note = plan_t("ambition_note", lang, year=plan["target_year"], max=fmt_num(amb["max_level_pct"], lang, 1))
    return note, headers, rows


def break_even_sentence(plan: dict, mode: str, lang: str, currency: str) -> str:
    """The carbon price from which the plan of ``mode`` pays for itself, in words."""
    b = plan["break_even_carbon_price"][mode]
    status = b.get("status")
    if status == "pays_already":
        return plan_t("break_even.pays_already", lang, npv=fmt_num(b.get("npv_at_zero"), lang, 0), cur=currency)
    if status == "found":
        return plan_t("break_even.found", lang, price=fmt_num(b.get("carbon_price_per_tco2"), lang, 0), cur=currency)
    if status == "never":
        return plan_t("break_even.never", lang)
    if status in ("time_limit", "skipped"):
        return plan_t("break_even.skipped", lang)
    return plan_t("break_even.none", lang)


def _year(value):
    """A start year of the summary (a float such as 2022.0, or None) as an int."""
    return None if value is None else int(value)
