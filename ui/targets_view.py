"""Targets page glue: the form ↔ Targets sheet, the deck's year table, pros and cons, SBTi text.

Only formatting, labelling and mapping widget values to table rows happen here; every number
comes from :mod:`calc.targets`.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from calc.targets import SBTI_1_5C_PCT_PER_YEAR, SBTI_WB2C_PCT_PER_YEAR, TARGET_SCOPES, TargetResult
from views.format import fmt_num, fmt_pct
from ui.i18n import t
from workbook.model import empty_table

#: Form fields stored in the Company sheet rather than in the Targets sheet.
COMPANY_FIELDS = ("output_base", "value_added_base")

# The deck's table of target types (section 2), in its own words and in English.
PROS_CONS = {
    "absolute": {
        "pros": [("Kỳ vọng mạnh mẽ", "Strong ambition"),
                 ("Bền vững và đáng tin cậy hơn về mặt môi trường", "More robust and credible environmentally")],
        "cons": [("Không cho phép so sánh cường độ/hiệu quả KNK", "Does not allow comparing GHG intensity/efficiency"),
                 ("Mục tiêu có thể khó đạt được hơn đối với một công ty đang phát triển",
                  "Can be harder to reach for a growing company")],
    },
    "physical_intensity": {
        "pros": [("Cải thiện hiệu suất KNK không phụ thuộc vào sự tăng trưởng hoặc suy giảm của doanh nghiệp",
                  "Tracks GHG performance independently of growth or decline of the business"),
                 ("Phù hợp hơn với các chiến lược giảm phát thải", "Fits reduction strategies better"),
                 ("Phù hợp đối với các nhà cung ứng và nhà sản xuất có lượng phát thải Phạm vi 1 và 2 đáng kể",
                  "Suits suppliers and manufacturers with large Scope 1 and 2 emissions")],
        "cons": [("Kém bền vững và ít đáng tin cậy hơn về mặt môi trường", "Less robust and less credible environmentally"),
                 ("Các công ty có hoạt động đa dạng có thể gặp khó khăn trong việc xác định một thước đo kinh doanh chung về cường độ vật lý",
                  "Diversified companies may struggle to define one common physical intensity metric"),
                 ("Các mục tiêu cường độ cần phải đảm bảo thêm rằng chúng đủ kỳ vọng để phù hợp với trường hợp khí hậu dưới 2°C",
                  "Intensity targets must also be shown ambitious enough for a below-2 °C pathway")],
    },
    "economic_intensity": {
        "pros": [("Phù hợp cho những Công ty sản xuất sản phẩm đa dạng", "Suits companies with diverse products"),
                 ("Phù hợp với những Công ty đang trên đà tăng trưởng nhanh", "Suits fast-growing companies")],
        "cons": [("Không phải là cơ sở tốt nhất cho lĩnh vực may mặc và giày dép vì giá cả của các sản phẩm khác nhau",
                  "Not the best basis for apparel and footwear, as product prices differ"),
                 ("Kém bền vững về môi trường (biến động kinh tế) và khó theo dõi tiến độ mục tiêu",
                  "Less robust environmentally (economic swings) and hard to track"),
                 ("Các mục tiêu cường độ cần phải đảm bảo thêm rằng chúng đủ kỳ vọng để phù hợp với trường hợp khí hậu dưới 2°C",
                  "Intensity targets must also be shown ambitious enough for a below-2 °C pathway")],
    },
}


def pros_cons_markdown(lang: str) -> dict[str, str]:
    """The same table as Markdown per target type (a heading, then pros and cons as lists)."""
    i = 0 if lang == "vi" else 1
    return {k: (f"**{t(f'tgt.type.{k}', lang)}**\n\n*{t('tgt.pros', lang)}*\n"
                + "".join(f"\n- {p[i]}" for p in v["pros"])
                + f"\n\n*{t('tgt.cons', lang)}*\n" + "".join(f"\n- {c[i]}" for c in v["cons"]))
            for k, v in PROS_CONS.items()}


def scope_name(key: str, lang: str) -> str:
    return t("tgt.scope_line", lang, scope=key)


def year_table(lines: pd.DataFrame, lang: str, base_year: int) -> pd.DataFrame:
    """The deck's layout: for each line, tCO2e by year and % of its base year (1 decimal)."""
    years = [str(y) + (f" ({t('tgt.base', lang)})" if y == base_year else "") for y in lines.index]
    rows, index = [], []
    for key in lines.columns:
        values = lines[key]
        rows.append([fmt_num(v, lang, 1) for v in values])
        index.append(f"{scope_name(key, lang)} (tCO2e)")
        base = values.iloc[0]
        rows.append([fmt_pct(v / base * 100, lang, 0) if base else "–" for v in values])
        index.append(t("tgt.pct_of_base", lang, line=scope_name(key, lang)))
    return pd.DataFrame(rows, index=index, columns=years)


def main_and_split(targets: pd.DataFrame) -> tuple[int | None, int | None]:
    """Positions of the row the form edits (first multi-scope row, else the first row) and of
    its split row (an absolute single-scope row inside it with the same years)."""
    if targets.empty:
        return None, None
    multi = [i for i, s in enumerate(targets["scope"]) if s in TARGET_SCOPES and "+" in s]
    main = multi[0] if multi else 0
    m = targets.iloc[main]
    for i, rec in enumerate(targets.to_dict("records")):
        if (i != main and rec["type"] == "absolute" and rec["scope"] in TARGET_SCOPES.get(m["scope"], ())
                and "+" in str(m["scope"]) and rec["base_year"] == m["base_year"]
                and rec["target_year"] == m["target_year"]):
            return main, i
    return main, None


def form_values(targets: pd.DataFrame, company: dict) -> dict:
    """Widget values for the Targets sheet (defaults: the deck's absolute 1+2 -30 % path)."""
    base_year = int(company.get("base_year") or 2021)
    values = {"type": "absolute", "scope": "1+2", "base_year": base_year, "target_year": base_year + 9,
              "mode": "pct", "reduction": 30.0, "method": "linear", "split": False, "split_scope": "1",
              "split_pct": 10.0, "growth": 0.0,
              **{f: float(company.get(f) or 0.0) for f in COMPANY_FIELDS}}
    main, split = main_and_split(targets)
    if main is None:
        return values
    m = targets.iloc[main]
    by_tonnes = pd.isna(m["reduction_pct"]) and pd.notna(m["reduction_tco2e"])
    values.update(
        type=m["type"] or "absolute", scope=m["scope"] or "1+2",
        base_year=int(m["base_year"]) if pd.notna(m["base_year"]) else base_year,
        target_year=int(m["target_year"]) if pd.notna(m["target_year"]) else base_year + 9,
        mode="t" if by_tonnes else "pct",
        reduction=float(m["reduction_tco2e"] if by_tonnes else (m["reduction_pct"] if pd.notna(m["reduction_pct"]) else 0.0)),
        method=m["method"] if isinstance(m["method"], str) else "linear",
        growth=float(m["growth_pct"]) if pd.notna(m["growth_pct"]) else 0.0,
    )
    if split is not None:
        s = targets.iloc[split]
        values.update(split=True, split_scope=s["scope"],
                      split_pct=float(s["reduction_pct"]) if pd.notna(s["reduction_pct"]) else 0.0)
    return values


def form_to_table(targets: pd.DataFrame, v: dict, lang: str) -> pd.DataFrame:
    """The Targets table with the form's values written into the main (and split) row."""
    table = targets.copy() if len(targets) else empty_table("Targets")
    main, split = main_and_split(table)
    pct = v["reduction"] if v["mode"] == "pct" else np.nan
    tonnes = v["reduction"] if v["mode"] == "t" else np.nan
    row = {"type": v["type"], "scope": v["scope"], "base_year": v["base_year"], "target_year": v["target_year"],
           "reduction_pct": pct, "reduction_tco2e": tonnes, "method": v["method"],
           "growth_pct": v["growth"] if v["growth"] else np.nan}
    records = table.to_dict("records")
    if main is None:
        records.append({**{c: None for c in table.columns}, "name": t("tgt.default_name", lang), **row})
        main = len(records) - 1
    else:
        records[main].update(row)
    want_split = v["split"] and v["type"] == "absolute" and "+" in v["scope"] and v["split_scope"] in TARGET_SCOPES[v["scope"]]
    if want_split:
        sub = {"type": "absolute", "scope": v["split_scope"], "base_year": v["base_year"],
               "target_year": v["target_year"], "reduction_pct": v["split_pct"], "reduction_tco2e": np.nan,
               "method": v["method"], "growth_pct": np.nan}
        if split is None:
            records.append({**{c: None for c in table.columns}, "growth_pct": np.nan,
                            "name": t("tgt.split_name", lang, scope=v["split_scope"]), **sub})
        else:
            records[split].update(sub)
    elif split is not None:
        del records[split]
    return pd.DataFrame(records, columns=table.columns).astype(table.dtypes.to_dict())


def sbti_messages(result: TargetResult, lang: str) -> list[tuple[str, str]]:
    """(kind, text) lines comparing the target with SBTi rates; kind is success/warning/info."""
    s = result.sbti
    out = [("success" if s["meets_1_5c"] else "warning" if not s["meets_wb2c"] else "info",
            t("tgt.sbti_rate", lang, rate=fmt_num(s["annual_rate_pct"], lang, 2),
              r15=fmt_num(SBTI_1_5C_PCT_PER_YEAR, lang, 1), rwb=fmt_num(SBTI_WB2C_PCT_PER_YEAR, lang, 1),
              need15=fmt_num(s["required_reduction_pct_1_5c"], lang, 1),
              needwb=fmt_num(s["required_reduction_pct_wb2c"], lang, 1), year=result.target_year))]
    if not s["timeframe_ok"]:
        out.append(("warning", t("tgt.sbti_timeframe", lang, years=s["years"])))
    if not s["coverage_ok"]:
        out.append(("warning", t("tgt.sbti_coverage", lang, pct=fmt_num(s["coverage_pct"], lang, 1))))
    if s["scope3_target_needed"]:
        out.append(("warning", t("tgt.sbti_scope3", lang, pct=fmt_num(s["scope3_share_pct"], lang, 1))))
    return out
