"""The sidebar shared by every page: language, scenario source, download; the upload report."""
from __future__ import annotations

from dataclasses import replace

import streamlit as st

from calc.factors import load_library
from ui import session, state
from ui.confirm_view import open_or_ask, render_confirmation
from ui.i18n import LANGS, t
from ui.inventory_view import problems_table
from ui.layout import show_problems
from ui.mapping_view import render_mapping_step
from ui.variants_view import render_variant_manager
from views.pdf import pdf_available

UPLOAD_TYPES = ["xlsx", "xlsm", "xls", "xlsb", "ods", "csv"]


# The downloads' writers (openpyxl, the reports, the chart images) are imported when a file is
# asked for, not by the first page: each deferred callable below imports its own.
def _scenario_file(scenario, lang: str, variants: dict, current: str) -> bytes:
    """The scenario workbook (every variant) of :func:`workbook.write.write_scenario`."""
    from workbook.write import write_scenario
    return write_scenario(scenario, lang, variants=variants, current=current)


def _report_file(scenario, lang: str) -> bytes:
    """The Excel report of :func:`views.report.write_report`."""
    from views.report import write_report
    return write_report(scenario, lang)


def _board_report_file(scenario, lang: str) -> bytes:
    """The board report (PDF) of :func:`views.board_report.write_board_report`."""
    from views.board_report import write_board_report
    return write_board_report(scenario, lang)


def _charts_file(scenario, lang: str) -> bytes:
    """The chart images (zip) of :func:`ui.export.charts_zip`."""
    from ui.export import charts_zip
    return charts_zip(scenario, lang)


def _template_file(lang: str) -> bytes:
    """The empty template of :func:`workbook.write.write_template`."""
    from workbook.write import write_template
    return write_template(lang)


def download_stem(name: str | None) -> str:
    """The stem of the download files' names: the scenario's file name without its extension and
    without a language suffix (``sample_factory_vi.xlsx`` → ``sample_factory``), since every
    download adds the language it is written in."""
    stem = (name or "scenario").rsplit(".", 1)[0]
    for lang in LANGS:
        if stem.endswith(f"_{lang}") and len(stem) > len(lang) + 1:
            return stem[: -len(lang) - 1]
    return stem


def render_sidebar() -> str:
    """Draw the sidebar and return the chosen language."""
    sb = st.sidebar
    # a constant label keeps the widget's identity when the language changes
    st.session_state.setdefault(state.LANG_KEY, state.lang())
    lang = sb.radio("Ngôn ngữ / Language", list(LANGS), format_func=LANGS.get, key=state.LANG_KEY,
                    horizontal=True)
    state.set_lang(lang)
    sb.header(t("app.title", lang))
    _render_undo(sb, lang)
    # widgets whose labels change with the language are keyed per language (a new label is a new
    # widget for Streamlit); the choice itself is kept in a plain key
    options = ["sample", "upload"]
    source = sb.radio(t("sidebar.source", lang), options, key=f"sidebar_source_{lang}",
                      index=options.index(st.session_state.get("source", "sample")),
                      format_func=lambda k: t(f"sidebar.source.{k}", lang), horizontal=True)
    st.session_state["source"] = source
    add = sb.checkbox(t("variants.add", lang), value=st.session_state.get("add_as_variant", False),
                      key=f"sidebar_add_variant_{lang}", help=t("variants.add_help", lang))
    st.session_state["add_as_variant"] = add
    if source == "sample":
        files = state.sample_files()
        preferred = [i for i, p in enumerate(files) if p.stem.endswith(f"_{lang}")]
        pick = sb.selectbox(t("sidebar.sample_pick", lang), files, format_func=lambda p: p.name,
                            index=preferred[0] if preferred else 0, key=f"sidebar_sample_{lang}")
        if sb.button(t("sidebar.sample_load", lang), key="sidebar_sample_load") and pick is not None:
            open_or_ask(pick, add=add)
    else:
        uploaded = sb.file_uploader(t("sidebar.upload", lang), type=UPLOAD_TYPES, key=f"sidebar_upload_{lang}")
        state.take_upload(uploaded, add=add)
    render_variant_manager(sb, lang)
    current, variants, variant = state.scenario(), state.variants(), state.current_variant()
    edited = f" {t('sidebar.edited', lang)}" if st.session_state.get("scenario_edited") else ""
    sb.markdown(t("sidebar.current", lang, name=current.name or "–") + edited)
    stem = download_stem(current.name)
    # the deferred callables run in a worker thread without session state: bind the data now;
    # the scenario workbook holds every variant (its Variants sheet), the open one in the main sheets
    sb.download_button(t("sidebar.download", lang),
                       data=lambda scn=current, vs=variants, v=variant: _scenario_file(scn, lang, vs, v),
                       file_name=f"{stem}_{lang}.xlsx", key="sidebar_download", on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       type="primary")
    # the report and the charts are of the open variant: its name goes into the report's title sheet
    named = replace(current, name=f"{current.name} – {variant}") if len(variants) > 1 else current
    sb.download_button(t("sidebar.report", lang), data=lambda scn=named: _report_file(scn, lang),
                       file_name=f"{stem}_report_{lang}.xlsx", key="sidebar_report", on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    if pdf_available():  # the board report: HTML printed by the same Chromium as the chart images
        sb.download_button(t("board.download", lang), data=lambda scn=named: _board_report_file(scn, lang),
                           file_name=f"{stem}_board_report_{lang}.pdf", key="sidebar_board_report",
                           on_click="ignore", mime="application/pdf", help=t("board.download_help", lang))
    else:
        sb.caption(t("board.no_browser", lang))
    sb.download_button(t("sidebar.charts", lang), data=lambda scn=named: _charts_file(scn, lang),
                       file_name=f"{stem}_charts_{lang}.zip", key="sidebar_charts", on_click="ignore",
                       mime="application/zip", help=t("sidebar.charts_help", lang))
    template_button(sb, t("sidebar.template", lang), lang, key="sidebar_template")
    sb.toggle("Chế độ giảng viên / Trainer mode", key="sidebar_trainer", help=t("sidebar.trainer_help", lang))
    if state.trainer() and sb.button(t("sidebar.trainer_reset", lang), key="sidebar_trainer_reset"):
        open_or_ask(state.SAMPLE_DIR / f"sample_factory_{lang}.xlsx", add=False)
    _render_session(sb, lang)
    sb.caption(t("sidebar.library", lang, version=load_library().version))
    render_confirmation(lang)
    return lang


def template_button(container, label: str, lang: str, *, key: str, **kwargs) -> None:
    """The empty template of the language, written when clicked (the sidebar's and the welcome's)."""
    container.download_button(label, data=lambda: _template_file(lang), file_name=f"template_{lang}.xlsx", key=key,
                              on_click="ignore", **kwargs,
                              mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _render_undo(sb, lang: str) -> None:
    """Undo / redo of every change to the scenario, and what the last one did."""
    c1, c2 = sb.columns(2)
    c1.button(t("session.undo", lang), key="sidebar_undo", on_click=state.undo, disabled=not state.can_undo(),
              help=t("session.undo_help", lang, n=state.HISTORY_STEPS), width="stretch")
    c2.button(t("session.redo", lang), key="sidebar_redo", on_click=state.redo, disabled=not state.can_redo(),
              help=t("session.redo_help", lang), width="stretch")
    message = st.session_state.pop(state.UNDO_MESSAGE, None)
    if message:
        key, (step, values) = message
        sb.info(t(key, lang, what=t(step, lang, **values)), icon="↩️")


def _render_session(sb, lang: str) -> None:
    """The link that brings the session back, and a fresh start."""
    notice = st.session_state.pop(session.NOTICE_KEY, None)
    if notice:
        key, values = notice
        (sb.success if key == "session.restored" else sb.warning)(t(key, lang, **values))
    error = st.session_state.get(session.ERROR_KEY)
    if error:
        sb.error(t("session.unsaved", lang, error=error), icon="⚠️")
    with sb.expander(t("session.header", lang)):
        st.caption(t("session.link", lang))
        st.code(session.link(), language=None, wrap_lines=True)
        st.caption(t("session.link_help", lang, days=session.expiry_days()))
        st.button(t("session.fresh", lang), key="sidebar_fresh", on_click=state.ask, args=("fresh",),
                  help=t("session.fresh_help", lang))


def render_upload_report(lang: str) -> None:
    """The outcome of the last upload: errors (scenario kept) or notes, with every problem."""
    report = st.session_state.get("upload_report")
    if not report:
        return
    problems = report["problems"]
    if not report["loaded"]:
        n = sum(p.severity == "error" for p in problems)
        st.error(t("upload.failed", lang, name=report["name"], n=n), icon="⚠️")
        show_problems(st, problems_table(problems, lang), key="upload_problems")
        render_mapping_step(lang, report)  # names the app cannot place: the user picks
    else:
        st.success(t("upload.loaded", lang, name=report["name"]), icon="✅")
        if problems:
            with st.expander(t("upload.notes", lang, n=len(problems))):
                show_problems(st, problems_table(problems, lang))
