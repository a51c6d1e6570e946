"""UI texts of the target warnings that carry numbers; keys start with ``tgt.w.``.

:func:`warning_args` gives the formatted numbers a warning's text needs, so the targets page
shows ``t(f"tgt.w.{code}", lang, **warning_args(result, code, lang))``.
"""
from __future__ import annotations

from views.format import fmt_num

TEXT = {
    "tgt.w.target.sub_raises_other": {
        "vi": "Mục tiêu riêng của Phạm vi {sub_scope} (giảm {sub_pct} %) giảm nhiều hơn mức tổng cần: phần còn lại "
              "cho phép Phạm vi {scope} TĂNG từ {base} tCO2e (năm {base_year}) lên {target} tCO2e (năm "
              "{target_year}). Hãy kiểm tra lại hai mục tiêu.",
        "en": "The Scope {sub_scope} sub-target (−{sub_pct} %) cuts more than the total needs: the remainder lets "
              "Scope {scope} RISE from {base} tCO2e ({base_year}) to {target} tCO2e ({target_year}). Check the "
              "two targets.",
    },
}


def warning_args(result, code: str, lang: str) -> dict[str, str]:
    """The values of ``result.warning_values[code]`` formatted for ``lang`` (tonnes to 1 decimal,
    years as they are); an empty dict for a warning without numbers."""
    values = dict(getattr(result, "warning_values", {}).get(code, {}))
    if not values:
        return {}
    out = {k: str(v) for k, v in values.items()}
    for key, name in (("base_tco2e", "base"), ("target_tco2e", "target")):
        if key in values:
            out[name] = fmt_num(values[key], lang, 1)
    if "sub_pct" in values:
        out["sub_pct"] = ", ".join(fmt_num(float(p), lang, 0 if float(p).is_integer() else 1)
                                   for p in str(values["sub_pct"]).split(", "))
    return out
