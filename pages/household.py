"""Household page (MA, USD): oil heat → weatherization / heat pump; stacked help by income tier; bill, tCO2, burden."""
import pandas as pd
import streamlit as st

from calc.household import SCENARIOS, STACK_ORDER, defaults, evaluate_household, parameter_table
from figures.household import burden_figure, cost_figure
from ui import settings, state
from views.format import fmt_num, fmt_pct, plotly_separators
from ui.guide import render_next_step
from ui.i18n import TEXT, t
from ui.labels import param_label
from ui.layout import form_columns

state.leave_legacy_pages_mode()
lang = state.lang()
params, base, seps = parameter_table(), defaults(), plotly_separators(lang)
# field → (min, max); an int default gives a whole-number field
SPEC = {"income": (0.0, None), "household_size": (1, 12), "oil_gallons": (0.0, None), "oil_price": (0.0, None),
        "electricity_price": (0.0, None), "other_kwh": (0.0, None), "weatherization_cut_pct": (0.0, 90.0),
        "weatherization_cost": (0.0, None), "hp_cost": (0.0, None), "hp_tons": (0.5, 10.0), "cop": (1.0, 6.0),
        "furnace_efficiency": (0.5, 1.0), "loan_rate_pct": (0.0, 30.0), "loan_years": (0, 30)}


def setting(field: str) -> str:
    """The page setting of an input (ui.settings): the same whatever the language."""
    return f"hh.{field}"


def usd(value, decimals: int = 0) -> str:  # "$" first in both languages
    return ("-" if value < 0 else "") + "$" + num(abs(value), decimals)


def num(value, decimals: int = 0) -> str:
    return fmt_num(value, lang, decimals)


def pct(value, decimals: int = 0) -> str:
    return fmt_pct(value, lang, decimals)


def source(field: str) -> str:
    return params.loc[field, "source"].replace("$", "\\$")  # tooltips are Markdown: no LaTeX


def number(column, field: str) -> None:
    lo, hi = SPEC[field]
    own = field in ("income", "household_size")  # the household's own data: an example, not an assumption
    flag = " ⚠️ U" if params.loc[field, "status"] == "U" and not own else ""
    whole = isinstance(base[field], int) and not isinstance(base[field], bool)
    settings.number_input(column, t(f"hh.in.{field}", lang) + flag, setting(field), base[field], min_value=lo,
                          max_value=hi, integer=whole, percent_unit=field.endswith("_pct"), help=source(field))


st.title(t("hh.title", lang))
st.info(t("guide.household_case", lang), icon="🏠")
st.caption(t("hh.caption", lang) + "  \n" + t("hh.u_note", lang))
st.subheader(t("hh.household", lang))
for column, field in zip(form_columns(6), ("income", "household_size", "oil_gallons", "oil_price", "electricity_price",
                                           "other_kwh")):  # three to a row: each value readable at 1024 px
    number(column, field)
st.subheader(t("hh.measures", lang))
c1, c2 = st.columns(2)
for column, switch, fields in ((c1, "weatherization", ("weatherization_cut_pct", "weatherization_cost")),
                               (c2, "heat_pump", ("hp_cost", "hp_tons", "cop", "furnace_efficiency"))):
    settings.checkbox(column, t(f"hh.in.{switch}", lang), setting(switch), bool(base[switch]))
    subs = column.columns(2)
    for i, field in enumerate(fields):
        number(subs[i % 2], field)
with st.expander(t("hh.finance_inputs", lang)):
    c1, c2, c3, c4 = st.columns(4)
    settings.checkbox(c1, t("hh.in.tax_credit", lang), setting("tax_credit"), bool(base["tax_credit"]),
                      help=source("tax_credit_pct"))
    settings.checkbox(c2, t("hh.in.use_loan", lang), setting("use_loan"), bool(base["use_loan"]),
                      help=source("loan_rate_pct"))
    number(c3, "loan_rate_pct")
    number(c4, "loan_years")

fields = [*SPEC, "weatherization", "heat_pump", "tax_credit", "use_loan"]
r = evaluate_household({f: settings.value(setting(f), base[f]) for f in fields})
x, before, after = r["inputs"], r["before"], r["after"]
tier = t(f"hh.tier.{r['tier']}", lang)
{"income_eligible": st.success, "enhanced": st.info, "standard": st.info}[r["tier"]](
    t("hh.tier_line", lang, tier=tier, pct=pct(r["income_pct_smi"]), n=x["household_size"],
      smi60=fmt_num(r["smi60_usd"], lang, 0), smi80=fmt_num(r["smi80_usd"], lang, 0)))
for code in r["warnings"]:
    (st.caption if code.startswith("smi_") else st.warning)(t(f"hh.w.{code}", lang))

c = st.columns(5)
for column, name, value, delta in (  # after the measures, and the change from now (a fall is good)
        (c[0], "upfront", usd(r["upfront_cash_usd"]), None), (c[1], "net_cost", usd(r["net_cost_usd"]), None),
        (c[2], "bill", usd(after["energy_cost_usd"]), usd(-r["annual_saving_usd"])),
        (c[3], "tco2", num(after["tco2"], 2), num(-r["tco2_saved"], 2)),
        (c[4], "burden", pct(after["burden_pct"], 1), pct(after["burden_pct"] - before["burden_pct"], 1))):
    column.metric(t(f"hh.m.{name}", lang), value, delta, delta_color="inverse")

# -- the one-stop-shop view: cost, rebates, loan, what is paid when ------------------------------
st.subheader(t("hh.stack", lang))
sched, n_loan = r["loan_schedule"], len(r["loan_schedule"])
when = {"install": t("hh.when.install", lang), "year1": t("hh.when.year1", lang), "": "",
        "loan": t("hh.when.loan", lang, n=n_loan, pay=num(r["loan_payment_usd"]), rate=pct(x["loan_rate_pct"], 1))}
steps = [(t(f"hh.step.{s.step}", lang), usd(s.usd), when[s.when]) for s in r["steps"].itertuples()]
st.dataframe(pd.DataFrame(steps, columns=t("hh.stack_cols", lang).split("|")), hide_index=True, width="stretch",
             key="hh_stack")
st.subheader(t("hh.tiers", lang))
mark = {True: "  " + t("hh.this_household", lang), False: ""}
tiers = [[t(f"hh.tier.{k}", lang) + mark[bool(row["applies"])], *map(usd, row[[*STACK_ORDER, "net_cost"]])]
         for k, row in r["rebates"].iterrows()]
st.dataframe(pd.DataFrame(tiers, columns=t("hh.tiers_cols", lang).split("|")), hide_index=True, width="stretch",
             key="hh_tiers")

# -- bill, emissions and energy burden ---------------------------------------------------------
sc, labels = r["scenarios"], {k: t(f"hh.scen.{k}", lang) for k in SCENARIOS}
high, severe = x["burden_high_pct"], x["burden_severe_pct"]
c1, c2 = st.columns(2)
c1.plotly_chart(burden_figure(sc["burden_pct"], labels, high_pct=high, severe_pct=severe, separators=seps,
                              high_label=t("hh.fig.high", lang, p=pct(high)), title=t("hh.fig.burden", lang),
                              severe_label=t("hh.fig.severe", lang, p=pct(severe)), selected=r["selected"],
                              y_title=t("hh.fig.burden_axis", lang), pct_suffix=" %" if lang == "vi" else "%"),
                key="hh_burden", width="stretch")
c2.plotly_chart(cost_figure(sc, labels, oil_label=t("hh.fig.oil", lang), title=t("hh.fig.cost", lang),
                            electricity_label=t("hh.fig.electricity", lang), tco2_label="tCO2", separators=seps,
                            y_title=t("hh.fig.bill_axis", lang), y2_title=t("hh.fig.tco2_axis", lang), selected=r["selected"]),
                key="hh_cost", width="stretch")
rows = [[labels[k], num(s["oil_gal"]), num(s["electricity_kwh"]), usd(s["energy_cost_usd"]), num(s["tco2"], 2),
         pct(s["burden_pct"], 1)] for k, s in sc.iterrows()]
st.dataframe(pd.DataFrame(rows, columns=t("hh.scen_cols", lang).split("|")), hide_index=True, width="stretch",
             key="hh_scen")

# -- the brief's question, answered from the numbers -------------------------------------------
st.subheader(t("hh.question", lang))
saving, b0, level = r["annual_saving_usd"], before["energy_cost_usd"], after["burden_level"]
kw = dict(tier=tier, save=num(abs(saving)), pct=pct(abs(saving) / b0 * 100 if b0 else 0), b0=num(b0),
          b1=num(after["energy_cost_usd"]), net=num(r["net_cost_usd"]), payback=num(r["simple_payback_years"], 1),
          upfront=num(r["upfront_cash_usd"]), be=num(r["breakeven_electricity_price"], 3), n=n_loan,
          pay=num(r["loan_payment_usd"]), bu0=pct(before["burden_pct"], 1), bu1=pct(after["burden_pct"], 1),
          p=pct(severe if level == "severe" else high), t0=num(before["tco2"], 2), t1=num(after["tco2"], 2),
          kg=num(x["oil_kgco2_per_gal"], 2), grid=num(x["grid_tco2_per_mwh"], 5), eta=num(x["furnace_efficiency"], 2),
          cop=num(x["cop"], 1), kwh=num(sc.loc["heat_pump", "hp_kwh"]), per_ton=num(x["hp_rebate_per_ton"]),
          cap=num(x["hp_rebate_cap"]), enh=num(x["hp_rebate_enhanced_cap"]), tc=pct(x["tax_credit_pct"]),
          tc_cap=num(x["tax_credit_cap"]), high=pct(high), severe=pct(severe))
answer = [t(f"hh.v.{r['verdict']}", lang, **kw)]  # every text takes the values it needs from kw
if r["verdict"] != "no_measure":
    answer += [t("hh.v.loan", lang, **kw)] if r["loan_principal_usd"] > 0 and r["verdict"] != "benefits" else []
    answer += [t("hh.v.burden", lang, **kw) + t(f"hh.v.{level}", lang, **kw), t("hh.v.co2", lang, **kw)]
{"benefits": st.success, "benefits_with_cost": st.info}.get(r["verdict"], st.warning)(" ".join(answer))

with st.expander(t("hh.loan_schedule", lang)):
    st.dataframe(sched.reset_index().map(num).set_axis(t("hh.loan_cols", lang).split("|"), axis=1), hide_index=True,
                 key="hh_loan")
with st.expander(t("hh.how", lang)):
    st.markdown(t("hh.how_text", lang, **kw))
with st.expander(t("hh.assumptions", lang)):
    table = params.reset_index().astype({"value": str})
    table.iloc[:, 0] = [param_label(k, lang) for k in table.iloc[:, 0]]  # names and units in words
    table["unit"] = [t(f"hhu.{u}", lang) if f"hhu.{u}" in TEXT else u for u in table["unit"]]
    st.dataframe(table.set_axis(t("hh.assumptions_cols", lang).split("|"), axis=1), hide_index=True, width="stretch",
                 key="hh_params")
render_next_step("household", lang)
