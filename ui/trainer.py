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


def chart(fig: go.Figure) -> go.Figure:
    """The figure as it should be shown: larger fonts and height in trainer mode (projector)."""
    if state.trainer():
        fig.update_layout(font=dict(size=18), title_font=dict(size=24),
                          height=int((fig.layout.height or 450) * 1.3))
    return fig
