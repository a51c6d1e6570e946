"""Trainer mode: the deck's glossary and projector-size charts.

The switch lives in the sidebar (``st.session_state["sidebar_trainer"]``); pages open their
"how is this computed" expanders when it is on and pass charts through :func:`chart`.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui import state
from ui.i18n import t

#: The deck's terms, Vietnamese first (the deck's own words), then English.
GLOSSARY = (
    ("Kiểm kê khí nhà kính (KNK)", "Greenhouse-gas (GHG) inventory"),
    ("Phạm vi 1 – phát thải trực tiếp", "Scope 1 – direct emissions"),
    ("Phạm vi 2 – gián tiếp (điện, hơi, nhiệt, làm mát mua vào)", "Scope 2 – indirect (purchased electricity, steam, heat, cooling)"),
    ("Phạm vi 3 – gián tiếp khác trong chuỗi cung ứng", "Scope 3 – other indirect, in the value chain"),
    ("Nguồn đốt cố định / di động", "Stationary / mobile combustion"),
    ("Môi chất làm lạnh (rò rỉ)", "Refrigerant (leaks)"),
    ("Hệ số phát thải", "Emission factor"),
    ("Năm cơ sở / năm mục tiêu", "Base year / target year"),
    ("Mục tiêu tuyệt đối", "Absolute target"),
    ("Mục tiêu cường độ vật lý / kinh tế", "Physical / economic intensity target"),
    ("Giải pháp tiết kiệm năng lượng (TKNL)", "Energy-saving measure"),
    ("Quản lý – Cải tạo, cải tiến – Giảm tổn thất", "Management – Retrofit – Loss reduction"),
    ("Thiết bị – Công nghệ – Chuyển dịch năng lượng", "Equipment – Technology – Energy switch"),
    ("Lượng tiết kiệm (A − B)", "Saving (A − B)"),
    ("TOE – tấn dầu quy đổi", "TOE – tonne of oil equivalent"),
    ("Thời gian hoàn vốn giản đơn", "Simple payback"),
    ("Giá trị hiện tại ròng (NPV)", "Net present value (NPV)"),
    ("Tỷ suất hoàn vốn nội bộ (IRR)", "Internal rate of return (IRR)"),
    ("Tỷ lệ chiết khấu", "Discount rate"),
    ("Vốn chủ sở hữu / tín dụng", "Equity / credit"),
    ("Công ty dịch vụ năng lượng (ESCO)", "Energy service company (ESCO)"),
    ("Đo lường và kiểm chứng (M&V)", "Measurement and verification (M&V)"),
    ("Giai đoạn cơ sở / giai đoạn báo cáo", "Baseline period / reporting period"),
    ("Kế hoạch 5W1H", "5W1H plan (what, why, where, when, who, how)"),
    ("Phương án – so sánh phương án", "Variant – comparing variants"),
)


def render_glossary(lang: str) -> None:
    with st.expander(t("glossary.title", lang), expanded=True):
        st.dataframe(pd.DataFrame(GLOSSARY, columns=["Tiếng Việt", "English"]), hide_index=True,
                     width="stretch", key="trainer_glossary")


#: trainer mode: every text of a chart this many times larger (Plotly's 12 px → 18 px)
FONT_SCALE = 1.5


def _scale_fonts(node, scale: float, in_font: bool = False):
    """A figure's JSON with every font size set in it (``font``, ``tickfont``, ``textfont``,
    ``title.font``, a legend's or an annotation's ``font``...) multiplied by ``scale``."""
    if isinstance(node, dict):
        return {k: (v * scale if in_font and k == "size" and isinstance(v, (int, float)) and not isinstance(v, bool)
                    else _scale_fonts(v, scale, k.endswith("font"))) for k, v in node.items()}
    if isinstance(node, list):
        return [_scale_fonts(v, scale, in_font) for v in node]
    return node


def _font_at_least(owner: dict, key: str, size: float) -> None:
    """``owner[key]`` (a font) with a size: its own, else ``size``."""
    font = owner.get(key) or {}
    owner[key] = {**font, "size": font.get("size", size)}


def projector(fig: go.Figure) -> go.Figure:
    """``fig`` for a projector: all its text larger — every font size a builder set ×
    :data:`FONT_SCALE`; the base font, axis ticks and titles, legends and annotations without a
    size of their own 18 px (Streamlit's chart theme sets 12 px ticks and legends, which the
    base font alone would not change); the title at least 24 px — and the figure 30 % taller."""
    spec = fig.to_plotly_json()
    template = spec["layout"].pop("template", None)
    spec = _scale_fonts(spec, FONT_SCALE)
    layout = spec["layout"]
    base = 12 * FONT_SCALE
    _font_at_least(layout, "font", base)
    for axis in {"xaxis", "yaxis", *(k for k in layout if k.startswith(("xaxis", "yaxis")))}:
        layout[axis] = layout.get(axis) or {}
        _font_at_least(layout[axis], "tickfont", base)
        title = layout[axis].get("title") or {}
        layout[axis]["title"] = title if isinstance(title, dict) else {"text": title}
        _font_at_least(layout[axis]["title"], "font", base)
    layout["legend"] = layout.get("legend") or {}
    _font_at_least(layout["legend"], "font", base)
    for note in layout.get("annotations") or []:
        _font_at_least(note, "font", base)
    title = layout.get("title") if isinstance(layout.get("title"), dict) else {"text": layout.get("title")}
    title["font"] = {**title.get("font", {}), "size": max(24, title.get("font", {}).get("size", 0))}
    layout["title"] = title
    layout["height"] = int((fig.layout.height or 450) * 1.3)
    if template is not None:
        layout["template"] = template
    return go.Figure(spec)


def chart(fig: go.Figure) -> go.Figure:
    """The figure as it should be shown: all text larger and the figure taller in trainer mode."""
    return projector(fig) if state.trainer() else fig
