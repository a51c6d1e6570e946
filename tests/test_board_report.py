"""The PDF board report (views.board_report, printed by views.pdf with Debian's Chromium).

Each PDF is rendered to PNG pages (pypdfium2) and its extracted text is checked against the
results model (:func:`results.analyse`) formatted as the screen formats it, and against the deck's
inventory (total 3,299.33 tCO2e, seed digest). The text must carry no "None"/"nan", no internal
key and no Python list or dict, and keep every Vietnamese diacritic.
"""
from __future__ import annotations

import html
import io
import re
import time
import unicodedata
import warnings

import numpy as np
import pandas as pd
import pytest

from calc.factors import load_library
from paths import SAMPLES
from results import analyse
from test_plan_results import AIR_CAPEX, AIR_KWH, AIR_MONEY, E0, EF, LED_CAPEX, LED_KWH, LED_MONEY, flows, npv
from views import board_report
from views.board_report import board_html, key_figures, summary_lines, write_board_report
from views.format import fmt_num, fmt_pct
from views.pdf import PdfUnavailable, html_to_pdf, pdf_available
from workbook.model import empty_table
from workbook.read import read_scenario
from workbook.schema import SHEETS
from workbook_builders import activities_rows, activity, book, company_rows

pdfium = pytest.importorskip("pypdfium2")
needs_browser = pytest.mark.skipif(not pdf_available(), reason="no Chromium to print the PDF (make test installs it)")

#: the deck's inventory (seed digest §1), as each language writes it
DECK_TOTAL = {"vi": "3.299,33", "en": "3,299.33"}
MM = 72 / 25.4  # PDF points per millimetre
A4 = (595.3, 841.9)
#: words that only appear when the language is right
TITLE = {"vi": "Báo cáo cho Ban lãnh đạo", "en": "Board report"}
DIACRITICS = ["Kiểm kê phát thải khí nhà kính", "Mục tiêu và phần còn thiếu", "Các giải pháp tiết kiệm năng lượng",
              "Hiệu quả tài chính", "Kế hoạch chi phí thấp nhất", "Đo lường & kiểm chứng", "Giả định và nguồn số liệu", "Tổng phát thải",
              "Vốn đầu tư", "Phạm vi 1", "Toàn bộ danh mục", "Lộ trình giảm phát thải", "Vay tín dụng"]
CHART_TITLES = {"vi": ["Nguồn phát thải lớn nhất (Pareto 80 %)", "Lộ trình giảm phát thải",
                       "Phát thải: thông thường, mục tiêu và khi có giải pháp",
                       "Đường chi phí giảm phát thải biên (MACC)", "Dòng tiền theo năm – toàn bộ danh mục",
                       "Tiết kiệm lũy kế"],
                "en": ["Largest sources (Pareto 80 %)", "Reduction path", "Emissions: BAU, the target and with the measures",
                       "Marginal abatement cost curve (MACC)", "Cash flow by year – whole portfolio",
                       "Cumulative savings"]}


def _internal_keys() -> set[str]:
    """Keys a user must never read: fuels, schema columns and choices with an underscore, result
    codes (financing options, IRR and measure statuses)."""
    keys = {k for k in load_library().fuels.index if "_" in k}
    for sheet in SHEETS.values():
        for col in sheet.columns:
            keys |= {col.key} | {c.key for c in col.choices}
    keys |= {"esco_shared", "esco_guaranteed", "loan_incentives", "no_sign_change", "missing_inputs",
             "exceeds_source", "fuel_not_used", "rate_after", "saving_pct", "in_progress", "portfolio_row"}
    return {str(k) for k in keys if "_" in str(k)}


INTERNAL = _internal_keys()


def _text(pdf) -> str:
    raw = "\n".join(page.get_textpage().get_text_range() for page in pdf)
    return unicodedata.normalize("NFC", raw)


def _flat(text: str) -> str:
    """Whitespace (line breaks of wrapped lines) as single spaces."""
    return re.sub(r"\s+", " ", text)


def _scan(text: str, scenario_name: str) -> list[str]:
    """Words that must not be in a user's document."""
    text = text.replace(scenario_name, "")
    bad = re.findall(r"\b(?:None|nan|NaN|NaT|null|inf)\b", text)
    bad += [k for k in INTERNAL if re.search(rf"(?<![\w.]){re.escape(k)}(?![\w])", text)]
    bad += re.findall(r"\[['\"]|\{['\"]|['\"]\]|['\"]\}", text)  # a Python list or dict
    return bad


def _expected(res, lang: str) -> dict[str, str]:
    """The headline numbers as the screen shows them (Inventory, Targets, Measures, Finance pages)."""
    portfolio = res.finance.indicators.iloc[-1]
    target_year = res.main_target.target_year
    return {
        "total": fmt_num(res.inventory.total_tco2e, lang),                     # Inventory KPI
        "target": fmt_num(res.portfolio.loc[target_year, "target_tco2e"], lang, 1),  # Targets year table
        "gap": fmt_num(res.totals["gap_target_year_tco2e"], lang, 1),           # Measures KPI
        "npv": fmt_num(portfolio["npv"], lang, 0),                              # Finance table
        "irr": fmt_pct(portfolio["irr"] * 100, lang, 2),                        # Finance table
        "capex": fmt_num(res.totals["capex"], lang, 0),
        "payback": fmt_num(portfolio["simple_payback_years"], lang, 2),
    }


def _render(pdf, tmp_path, stem: str) -> list:
    """Every page as a PNG file (150 dpi); returns the images."""
    images = []
    for i, page in enumerate(pdf):
        image = page.render(scale=150 / 72).to_pil()
        image.save(tmp_path / f"{stem}_p{i + 1}.png")
        images.append(image)
    return images


@pytest.fixture(scope="module")
def samples():
    return {name: read_scenario(SAMPLES / f"sample_factory_{name}.xlsx").scenario for name in ("vi", "en")}


@pytest.fixture(scope="module")
def reports(samples):
    """The PDF of both samples in both languages, with the seconds each took."""
    write_board_report(samples["vi"], "vi")  # warm-up: imports, Plotly's validators, the browser's disk cache
    out = {}
    for name, scenario in samples.items():
        for lang in ("vi", "en"):
            start = time.perf_counter()
            data = write_board_report(scenario, lang)
            seconds = time.perf_counter() - start
            print(f"board report sample_factory_{name} in {lang}: {seconds:.2f} s, {len(data) / 1024:.0f} KiB")
            out[name, lang] = (data, seconds)
    return out


# -- the PDF of the samples ------------------------------------------------------------------------

@needs_browser
@pytest.mark.parametrize("name", ["vi", "en"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_sample_report_numbers_are_the_screens(reports, samples, name, lang, tmp_path):
    data, seconds = reports[name, lang]
    assert data.startswith(b"%PDF")
    assert seconds < 10, f"the board report took {seconds:.1f} s (about 2–3 s expected)"
    pdf = pdfium.PdfDocument(data)
    assert 3 <= len(pdf) <= 10, "a few pages"
    images = _render(pdf, tmp_path, f"{name}_{lang}")
    assert all(np.asarray(im.convert("L")).min() < 128 for im in images), "a blank page"
    text = _flat(_text(pdf))
    res = analyse(samples[name])
    assert DECK_TOTAL[lang] in text
    for key, value in _expected(res, lang).items():
        assert value in text, f"{key} {value!r} is not in the PDF"
    assert TITLE[lang] in text
    for title in CHART_TITLES[lang]:
        assert title in text, f"chart {title!r} missing"


@needs_browser
@pytest.mark.parametrize("name", ["vi", "en"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_sample_report_has_no_raw_codes(reports, samples, name, lang):
    data, _ = reports[name, lang]
    text = _text(pdfium.PdfDocument(data))
    assert not _scan(text, samples[name].name)


@needs_browser
@pytest.mark.parametrize("name", ["vi", "en"])
def test_vietnamese_diacritics_extract_intact(reports, name):
    text = _flat(_text(pdfium.PdfDocument(reports[name, "vi"][0])))
    for phrase in DIACRITICS:
        assert phrase in text, phrase
    # the company and the measures as typed in the Vietnamese sample
    if name == "vi":
        for phrase in ("Nhà máy mẫu (tài liệu tập huấn)", "Khắc phục rò rỉ khí nén", "Điện lưới (Việt Nam)"):
            assert phrase in text, phrase


@needs_browser
def test_financing_comparison_is_in_the_report(reports, samples):
    """The Finance page's options table: every option with its upfront cost and NPV."""
    res = analyse(samples["vi"])
    text = _flat(_text(pdfium.PdfDocument(reports["vi", "vi"][0])))
    assert "So sánh phương án vốn (toàn bộ danh mục)" in text
    labels = {"cash": "Vốn chủ sở hữu", "loan": "Vay tín dụng", "esco_shared": "ESCO chia sẻ tiết kiệm"}
    for option in res.financing.options.to_dict("records"):
        row = f"{labels[option['option']]} {fmt_num(option['customer_net_cost'], 'vi', 0)} {fmt_num(option['npv'], 'vi', 0)}"
        assert row in text, row


@needs_browser
def test_nothing_outside_the_page_margins(reports):
    """Every character (tables, notes and the charts' own text) lies inside the 14 mm margins:
    nothing is cut at the paper's edge or pushed off the page."""
    for (name, lang), (data, _) in reports.items():
        pdf = pdfium.PdfDocument(data)
        for number, page in enumerate(pdf, start=1):
            width, height = page.get_size()
            assert (round(width), round(height)) == (595, 842), "A4"
            text = page.get_textpage()
            for i in range(text.count_chars()):
                left, bottom, right, top = text.get_charbox(i)
                if right - left <= 0:
                    continue  # a space or a line break
                assert 14 * MM - 2 <= left and right <= width - 14 * MM + 2, (name, lang, number, left, right)
                assert bottom >= 4 * MM and top <= height - 10 * MM, (name, lang, number, bottom, top)


# -- edge scenarios --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def minimal():
    """Only Company and Activities: one diesel generator; no target, measure or meter data."""
    result = read_scenario(book({"Company": company_rows("en"), "Activities": activities_rows(activity(), lang="en")}))
    assert result.ok
    return result.scenario


@needs_browser
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_minimal_scenario_shows_dashes(minimal, lang, tmp_path):
    start = time.perf_counter()
    data = write_board_report(minimal, lang)
    print(f"board report of the minimal scenario in {lang}: {time.perf_counter() - start:.2f} s")
    pdf = pdfium.PdfDocument(data)
    _render(pdf, tmp_path, f"minimal_{lang}")
    text = _text(pdf)
    assert not _scan(text, minimal.name)
    flat = _flat(text)
    res = analyse(minimal)
    assert fmt_num(res.inventory.total_tco2e, lang) in flat
    assert "–" in flat
    no_target = {"vi": "Chưa đặt mục tiêu giảm phát thải", "en": "No reduction target has been set"}
    no_measures = {"vi": "Chưa có giải pháp nào được tính", "en": "No measure can be counted yet"}
    assert no_target[lang] in flat and no_measures[lang] in flat


@needs_browser
def test_zero_investment_and_no_measures(samples, tmp_path):
    """Every investment 0 (no IRR, B/C ∞) and the measures removed: a PDF, with '–'/'∞' for what
    cannot be computed."""
    scenario = samples["en"]
    measures = scenario.table("Measures").copy()
    for col in ("capex_equipment", "capex_labour", "capex_other"):
        measures[col] = 0.0
    free = scenario.with_table("Measures", measures)
    res = analyse(free)
    portfolio = res.finance.indicators.iloc[-1]
    assert not np.isfinite(portfolio["irr"]) and np.isinf(portfolio["bcr"])
    pdf = pdfium.PdfDocument(write_board_report(free, "en"))
    _render(pdf, tmp_path, "free")
    text = _text(pdf)
    assert not _scan(text, free.name)
    flat = _flat(text)
    assert "undefined (no sign change)" in flat  # the IRR as the Finance page words it
    assert "∞" in flat                            # the portfolio's B/C
    assert f"Investment {fmt_num(0, 'en', 0)} VND" in flat

    bare = scenario.with_table("Measures", empty_table("Measures"))
    pdf = pdfium.PdfDocument(write_board_report(bare, "vi"))
    text = _text(pdf)
    assert not _scan(text, bare.name)
    flat = _flat(text)
    assert "Chưa có giải pháp." in flat and "Chưa có giải pháp được tính: không có chỉ tiêu tài chính." in flat
    assert fmt_num(analyse(bare).totals["gap_target_year_tco2e"], "vi", 1) in flat


# -- the page itself (no browser needed) -----------------------------------------------------------

def test_summary_and_cards_come_from_the_results(samples):
    res = analyse(samples["vi"])
    lines = summary_lines(res, "vi")
    expected = _expected(res, "vi")
    joined = " ".join(lines)
    for key in ("total", "target", "gap", "npv", "irr", "capex", "payback"):
        assert expected[key] in joined, key
    cards = key_figures(res, "en")
    assert [c[1] for c in cards[:3]] == [fmt_num(res.inventory.total_tco2e, "en"),
                                         _expected(res, "en")["target"], _expected(res, "en")["gap"]]
    assert all(len(card) == 4 and all(isinstance(part, str) for part in card) for card in cards)


def test_user_text_is_escaped(samples):
    """A company name that looks like markup is shown as text and cannot end the page's style or
    script (the footer is a CSS string, the charts' data a script)."""
    scenario = samples["en"].with_field("Company", "name", '</style></script><b>"ACME" & Co</b>')
    page = board_html(scenario, "en")
    assert "<b>" not in page.split("<body>", 1)[1].split("<script>", 1)[0]
    assert "&lt;/style&gt;&lt;/script&gt;&lt;b&gt;&quot;ACME&quot; &amp; Co&lt;/b&gt;" in page
    assert "</style></script><b>" not in page


def _visible(page: str) -> str:
    """The text a reader sees in the page (no style, no scripts, entities decoded)."""
    body = page.split("<body>", 1)[1]
    body = re.sub(r"<script>.*?</script>", " ", body, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def test_edge_scenarios_give_a_clean_page():
    """The edge scenarios of the no-page-fails tests (zero units, savings or investment, 200
    measures, a century of 100 % inflation, empty sheets, intensity targets, constant meters...):
    the page is built in both languages and shows no missing-number word or internal key."""
    nopf = pytest.importorskip("test_no_page_fails")
    for spec in nopf.EXAMPLES:
        scenario = nopf.accepted(spec)
        for lang in ("vi", "en"):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # the calculations' own warnings
                text = _visible(board_html(scenario, lang))
            assert not _scan(text, scenario.name), (spec, lang, _scan(text, scenario.name))


def test_no_browser_is_a_clear_error(monkeypatch, samples):
    monkeypatch.setattr("views.pdf.find_chromium", lambda: None)
    assert not board_report.pdf_available()
    with pytest.raises(PdfUnavailable):
        write_board_report(samples["en"], "en")
    with pytest.raises(PdfUnavailable):
        html_to_pdf("<p>x</p>")


@needs_browser
def test_company_name_with_markup_prints_as_text(samples):
    scenario = samples["en"].with_field("Company", "name", '</style><b>"ACME" & Co</b>')
    text = _flat(_text(pdfium.PdfDocument(write_board_report(scenario, "en"))))
    assert '</style><b>"ACME" & Co</b>' in text


# -- the Excel handout's financing comparison ------------------------------------------------------

@pytest.mark.parametrize("lang", ["vi", "en"])
def test_excel_handout_has_the_financing_comparison(samples, lang):
    """The workshop report (views.report) holds the Finance page's options table for the whole
    portfolio: every option of the results model with its upfront cost, NPV, IRR and payback."""
    import openpyxl

    from views.report import sheet_name, write_report

    scenario = samples[lang]
    res = analyse(scenario)
    ws = openpyxl.load_workbook(io.BytesIO(write_report(scenario, lang)))[sheet_name("financing", lang)]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=1, max_row=ws.max_row)]
    header = next(i for i, r in enumerate(rows) if r[0] in ("Phương án", "Option"))
    table = rows[header + 1: header + 1 + len(res.financing.options)]
    assert len(table) == len(res.financing.options) >= 3
    for got, option in zip(table, res.financing.options.to_dict("records")):
        assert got[1] == pytest.approx(option["customer_net_cost"])
        assert got[2] == pytest.approx(option["npv"])
        assert (got[3] is None) == (not np.isfinite(option["irr"]))
        if np.isfinite(option["irr"]):
            assert got[3] == pytest.approx(option["irr"])


# -- the least-cost plan ----------------------------------------------------------------------------
def _section(doc: str, number: str) -> str:
    """The plain text of the report's section ``number`` (its cells separated by " | ")."""
    part = doc[doc.index(f"<section><h2>{number}."):]
    part = part[:part.index("</section>")]
    part = re.sub(r"</(p|tr|h2|h3)>", "\n", part)
    return html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"</t[dh]>", " | ", part)))


def test_plan_section_names_the_measures_start_years_and_npv():
    sample = read_scenario(SAMPLES / "sample_factory_en.xlsx").scenario
    targets = sample.table("Targets").iloc[:1].assign(reduction_pct=4.0).reset_index(drop=True)
    budgets = pd.DataFrame({"year": [2022], "budget": [100_000_000.0], "note": [None]})
    text = _section(board_html(sample.with_table("Targets", targets).with_table("Budgets", budgets), "en"), "5")
    plan_npv = npv(flows(AIR_CAPEX, AIR_MONEY, 3, 0)) + npv(flows(LED_CAPEX, LED_MONEY, 5, 1))
    assert f"meets the target with 2 measure(s); NPV {plan_npv:,.0f} VND" in text
    assert "M2 | Fix compressed-air leaks | 2022 | 2023 | 30,000,000 |" in text
    assert "| 2023 | 2022 | 160,000,000 |" in text
    assert "over the budget in at least one year" in text  # the user's LED in 2022 breaks the budget


def test_plan_section_of_the_sample_says_the_target_is_out_of_reach():
    text = _section(board_html(read_scenario(SAMPLES / "sample_factory_vi.xlsx").scenario, "vi"), "5")
    short = 0.30 * E0 - (LED_KWH + AIR_KWH) * EF
    assert f"thiếu {fmt_num(short, 'vi', 1)} tCO2e" in text
    assert text.count("không đạt được") == 3  # the target and both SBTi rates
    assert "Mục tiêu | 30,0 % | 989,8 |" in text
