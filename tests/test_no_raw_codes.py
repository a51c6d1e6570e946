"""No raw codes anywhere (issue 14): a scan of everything a user reads.

The texts of every page (both languages, trainer mode off and on; the bundled samples and a
generated scenario), the workshop report, the PDF board report's extracted text, the scenario
download and the template must hold

- no internal key: a snake_case identifier (``electricity_grid``, ``rate_after``), a UI text or
  warning key (``inv.title``, ``mv.driver_out_of_range``), or a whole cell / option that is a
  choice key not written in the user's language (``diesel``, ``loan``);
- no missing value (``None``, ``nan``, ``NaN``, ``NaT``, ``<NA>``, ``inf``);
- no Python list or dict (``['``, ``{'``);
- in Vietnamese, no English word: a word of the app's own English vocabulary (every English UI
  text, schema label and help, fuel and choice name) or of a short list of common words (months,
  ``cash``, ``amount``...), unless it is a unit or an acronym (all capitals: NPV, IRR, ESCO),
  a name (GHG Protocol, Excel, Massachusetts, a file name) or possibly a Vietnamese syllable
  written without accents ("can", "tin", "ban": Vietnamese syllables ending in p, t, c or ch
  always carry a tone mark, so an ASCII syllable ends in a vowel, m, n, ng or nh).

Rule for data: text the user typed into the workbook's free-text cells (names, sources, sites,
notes, the 5W1H plan...) is theirs and is allowed in any language; everything the app writes
itself (labels, headers, choices, units, warnings, dates, axes) must be in the user's language.
A bilingual element on purpose (the trainer's Vietnamese–English glossary, the language picker,
the workbook's two-language README sheet) is scanned for keys and missing values only.
"""
from __future__ import annotations

import io
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from apptest_support import new_app, open_scenario, plotly_figures

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_data"
LANGS = ("vi", "en")

# -- the detector ---------------------------------------------------------------------------------
MISSING = re.compile(r"(?<![\w.])(nan|NaN|None|NaT|<NA>|inf|-inf|Infinity|null)(?![\w])")
PY_REPR = re.compile(r"\[['\"]|\{['\"]|['\"]\]|['\"]\}")
SNAKE = re.compile(r"(?<![\w./\\-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w])")
DOTTED = re.compile(r"(?<![\w./-])([a-z][a-z0-9_]*)\.([a-z][a-z0-9_.]*[a-z0-9])(?![\w])")
FILE_NAME = re.compile(r"[\w\-. ]*\.(?:xlsx|xlsm|xls|xlsb|ods|csv|pdf|zip|png|svg|toml)\b")
URL = re.compile(r"https?://\S+|\?s=\S+|www\.\S+")
WORD = re.compile(r"(?<![^\W\d_])[A-Za-z][A-Za-z0-9]*(?![^\W_])")  # an ASCII word, not part of a Vietnamese one

#: units and unit-like symbols written the same way in both languages
UNITS = {"kWh", "MWh", "GWh", "kW", "MW", "kg", "kL", "GJ", "MJ", "TJ", "Wh", "W", "L", "h", "t", "m", "km",
         "gal", "therm", "MMBtu", "Btu", "tCO2e", "tCO2", "kgCO2e", "CO2e", "CO2", "toe", "ppm", "lm", "cm",
         "mm", "Hz", "V", "A", "kVA", "kVAr", "USD", "VND", "EUR", "RON95", "DO", "FO", "LPG", "CNG", "LNG"}
#: names that stay as they are in a Vietnamese text (standards, places, products, people's tools)
NAMES = ("GHG Protocol", "ASHRAE Guideline", "Mass Save", "Massachusetts", "Excel", "Chromium", "Plotly",
         "Streamlit", "RETScreen", "Google", "LibreOffice", "numpy", "default_rng", "Viet Nam", "halogen",
         "compact", "servo", "diesel", "chauffage", "Chauffage", "Trainer mode", "Language", "English",
         "sheet", "Sheet", "canteen", "inverter", "Monte Carlo", "Pareto", "Gantt", "Newton", "Excel's",
         "Chi-square", "Student", "Tornado", "tornado", "Bootstrap", "DCC", "Ngôn ngữ / Language",
         "Viet Nam's 2023 Updated Grid Emission Factor", "New England", "eGRID", "Clearinghouse", "Halogen",
         "Compact", "HEAT Loan", "Heat Loan", "Giải pháp / Measures")
#: words Vietnamese uses as they are: the deck's 5W1H method (What, Why, Where, When, Who, How), and
#: loanwords of everyday Vietnamese (tab, zip, carbon)
LOANWORDS = {"what", "why", "where", "when", "who", "how", "tab", "zip", "carbon", "sheet", "compact", "halogen",
             "rebate"}  # "Hoàn tiền (rebate)": the deck's term
#: common English words that a Vietnamese screen must not show (besides the app's own English texts)
COMMON_ENGLISH = set("""
jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august september
october november december mon tue wed thu fri sat sun monday tuesday wednesday thursday friday saturday sunday
cash amount warning error note info production total none null true false yes no value field key unit
units year years yr month months day days hour hours week per and the of to in for with from by at or not is
are be this that was were will can should must may new old other item items row rows column columns table
sheet sheets file files page pages chart charts data date dates time start end min max mean average sum count
source sources site sites fuel fuels energy electricity grid gas oil coal saving savings cost costs price
prices rate rates loan grant equity rebate tax credit share shared guaranteed baseline reporting period
measure measures target targets scope scopes category categories method direct capex opex npv irr payback
""".split())
#: acronyms in mixed case and short forms allowed as they are
ACRONYM_LIKE = {"tCO2e", "kWh", "MWh", "ESCOs", "IPCC", "AR4", "AR5", "AR6", "SBTi", "BAU", "KNK", "TKNL",
                "NPV", "IRR", "ROI", "B/C", "PI", "DSCR", "CRF", "TOE", "IPMVP", "CV", "RMSE", "NMBE", "FSU",
                "R2", "P10", "P50", "P90", "LED", "CFL", "vs"}
VI_INITIAL = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|b|c|d|g|h|k|l|m|n|p|r|s|t|v|x)?"
VI_ASCII_SYLLABLE = re.compile(rf"{VI_INITIAL}[aeiouy]{{1,3}}(?:ng|nh|m|n)?")


def vietnamese_syllable(word: str) -> bool:
    """Whether ``word`` (lower case ASCII) may be a Vietnamese syllable written without accents."""
    return VI_ASCII_SYLLABLE.fullmatch(word) is not None


@lru_cache(maxsize=1)
def english_vocabulary() -> frozenset[str]:
    """Every word of the app's own English texts (UI texts, schema labels and help, choices, fuel
    names, report texts, the glossary) and the common words above, less the words that may be a
    Vietnamese syllable without accents and the words the app's Vietnamese texts use as loanwords."""
    from calc.factors import load_library
    from ui.i18n import TEXT
    from ui.trainer import GLOSSARY
    from views.report import TEXTS as REPORT_TEXTS
    from workbook.schema import WORKBOOK_SHEETS

    english = [v["en"] for v in TEXT.values()] + [en for _, en in REPORT_TEXTS.values()]
    english += [en for _, en in GLOSSARY]
    for sheet in WORKBOOK_SHEETS.values():
        english += [sheet.en, sheet.help_en]
        for col in sheet.columns:
            english += [col.en, col.help_en] + [c.en for c in col.choices]
    english += list(load_library().fuels["name_en"])
    words = {w.lower() for text in english for w in WORD.findall(str(text)) if not any(ch.isdigit() for ch in w)}
    words |= COMMON_ENGLISH
    return frozenset(w for w in words if len(w) >= 2 and not vietnamese_syllable(w))


@lru_cache(maxsize=1)
def text_keys() -> frozenset[str]:
    """UI text keys and their feature prefixes (``inv``, ``mv.w``...), for dotted identifiers."""
    from ui.i18n import TEXT

    prefixes = {k.split(".")[0] for k in TEXT}
    return frozenset(set(TEXT) | prefixes)


@lru_cache(maxsize=1)
def choice_keys() -> dict[str, frozenset[str]]:
    """Per language: the choice keys (and fuel keys) that differ from their label in it: a cell or
    an option that is exactly one of them shows a code, not a word."""
    from calc.factors import load_library
    from workbook.schema import WORKBOOK_SHEETS

    pairs = [(str(c.key), c.vi, c.en) for s in WORKBOOK_SHEETS.values() for col in s.columns for c in col.choices]
    fuels = load_library().fuels
    pairs += list(zip(fuels.index, fuels["name_vi"], fuels["name_en"]))
    labels = {lang: {vi if lang == "vi" else en for _, vi, en in pairs} for lang in LANGS}
    return {lang: frozenset(k for k, _, _ in pairs
                            if not k.isdigit() and k not in labels[lang] and not k.isupper() and len(k) > 1
                            and not any(ch.isdigit() for ch in k))
            for lang in LANGS}


@lru_cache(maxsize=1)
def citations() -> tuple[str, ...]:
    """Where a number comes from, quoted as written (English documents and their derivations):
    the factor library's sources (but not the grid factor's, which has a Vietnamese text) and the
    household case's. Longest first."""
    from calc.factors import load_library
    from calc.household import parameter_table

    lib = load_library()
    texts = set(lib.factors["source"].dropna()) | set(lib.gwp["source"].dropna())
    texts |= set(parameter_table()["source"].dropna())
    texts |= {f"GWP {s} = {v:g}: {src}" for s in ("AR4", "AR5", "AR6")
              for v, src in zip(lib.gwp[s.lower()], lib.gwp["source"]) if v == v}
    return tuple(sorted((str(x) for x in texts if str(x).strip()), key=len, reverse=True))


def _strip_names(text: str) -> str:
    """The text without what is not the app's own words: web addresses, file names, names and
    quoted sources."""
    text = URL.sub(" ", text)
    for source in citations():
        if source in text or source.replace("$", "\\$") in text:
            text = text.replace(source, " ").replace(source.replace("$", "\\$"), " ")
    text = FILE_NAME.sub(" ", text)
    for name in sorted(NAMES, key=len, reverse=True):
        text = text.replace(name, " ")
    return text


def problems_in(text: str, lang: str, *, user_words: frozenset[str] = frozenset(), whole: bool = False,
                bilingual: bool = False, reference: bool = False) -> list[str]:
    """What is wrong with one shown text (empty when nothing). ``whole``: the text is a whole cell
    or option (checked against the choice keys too); ``user_words``: words of the user's own
    free-text cells (allowed as they are); ``bilingual``: an element in both languages on purpose
    (no English-word check)."""
    if not isinstance(text, str) or not text.strip():
        return []
    found = []
    if MISSING.search(text):
        found.append(f"missing value {MISSING.search(text).group(0)!r}")
    if PY_REPR.search(text):
        found.append("Python list/dict")
    if reference:
        return found
    bare = _strip_names(text)
    for token in SNAKE.findall(bare):
        if token.lower() not in user_words:
            found.append(f"key {token!r}")
    for m in DOTTED.finditer(bare):
        if m.group(1) in text_keys():
            found.append(f"text key {m.group(0)!r}")
    if whole and text.strip() in choice_keys()[lang] and text.strip().lower() not in user_words:
        found.append(f"choice key {text.strip()!r}")
    if lang == "vi" and not bilingual:
        english = sorted({w for w in WORD.findall(bare) if is_english(w) and w.lower() not in user_words})
        if english:
            found.append(f"English {english}")
    return found


def is_english(word: str) -> bool:
    """Whether a word (as written) is English the app must not show in Vietnamese."""
    if any(ch.isdigit() for ch in word) or word in UNITS or word in ACRONYM_LIKE:
        return False
    if word.isupper() and len(word) > 1:  # an acronym (NPV, ESCO, IPMVP)
        return False
    lower = word.lower()
    return lower in english_vocabulary() and not vietnamese_syllable(lower) and lower not in LOANWORDS


def user_words_of(*scenarios, names=()) -> frozenset[str]:
    """Words of the scenarios' free-text cells and of their variants' ``names``: what the user
    typed is theirs, in any language."""
    from workbook.schema import SHEETS, TEXT as TEXT_TYPE

    words = {w.lower() for n in names for w in re.findall(r"[\w./-]+", str(n))}
    for scn in scenarios:
        texts = []
        for key, sheet in SHEETS.items():
            if sheet.kind == "fields":
                values = scn.fields.get(key, {})
                texts += [values.get(c.key) for c in sheet.columns if c.dtype == TEXT_TYPE]
            else:
                table = scn.tables.get(key)
                if table is None:
                    continue
                for c in sheet.columns:
                    if c.dtype == TEXT_TYPE and c.key in table and c.key != "fuel":
                        texts += table[c.key].dropna().astype(str).tolist()
        texts.append(scn.name)
        words |= {w.lower() for t in texts if isinstance(t, str) for w in re.findall(r"[\w./-]+", t)}
        words |= {w.lower() for t in texts if isinstance(t, str) for w in WORD.findall(t)}
    return frozenset(words)


# -- the detector finds what it must find ---------------------------------------------------------
@pytest.mark.parametrize("text, lang, expected", [
    ("Nhiên liệu: electricity_grid", "vi", "key"),
    ("Cảnh báo: mv.driver_out_of_range", "vi", "text key"),
    ("Tiêu đề inv.title", "en", "text key"),
    ("rate_after", "en", "key"),
    ("diesel", "vi", "choice key"),
    ("loan", "en", "choice key"),
    ("None", "vi", "missing value"),
    ("Giá trị nan", "en", "missing value"),
    ("(production: ['2023-09'])", "en", "Python list"),
    ("{'a': 1}", "en", "Python list"),
    ("Jan 2021", "vi", "English"),
    ("tCO2e/yr", "vi", "English"),
    ("USD/yr", "vi", "English"),
    ("cash", "vi", "English"),
    ("Số tiền (amount)", "vi", "English"),
    ("Warning: sản lượng", "vi", "English"),
    ("production", "vi", "English"),
    ("Tuổi thọ [years]", "vi", "English"),
])
def test_the_detector_flags_raw_codes(text, lang, expected):
    assert any(p.startswith(expected) for p in problems_in(text, lang, whole=True)), problems_in(text, lang, whole=True)


@pytest.mark.parametrize("text, lang", [
    ("Tổng phát thải 3.299,33 tCO2e/năm", "vi"),
    ("NPV, IRR, ROI và B/C của ESCO theo IPMVP; SBTi 1,5 °C", "vi"),
    ("Tin cậy: bán hàng, can thiệp, ban hành, con số, long", "vi"),
    ("Dầu diesel cho máy phát điện (GHG Protocol), 2.300.000 kWh", "vi"),
    ("Tải tệp sample_factory_vi.xlsx", "vi"),
    ("Electricity grid", "en"),
    ("Diesel", "en"),
    ("Trả đều", "vi"),
])
def test_the_detector_passes_good_texts(text, lang):
    assert problems_in(text, lang, whole=True) == []


def test_the_user_own_words_are_allowed():
    assert problems_in("Thay đèn LED ở Plant 1 (cash register room)", "vi") != []
    allowed = frozenset({"plant", "cash", "register", "room"})
    assert problems_in("Thay đèn LED ở Plant 1 (cash register room)", "vi", user_words=allowed) == []


# -- what a page shows ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Shown:
    where: str
    text: str
    whole: bool = False  # a whole cell or option (a choice key alone is a code)
    bilingual: bool = False  # in both languages on purpose
    reference: bool = False  # the format's reference (keys as accepted input): missing values and reprs only


def _cell_text(value) -> str:
    """A cell as the browser shows it (a missing number is a blank cell)."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def _frame_texts(el, where: str) -> list[Shown]:
    """Headers and cells of a table or editor as shown: column labels and dropdown labels from its
    column config, hidden columns left out."""
    config = json.loads(el.proto.columns or "{}")
    frame = el.value
    bilingual = list(map(str, frame.columns)) == ["Tiếng Việt", "English"]  # the trainer's glossary
    order = [c for c in (list(el.proto.column_order) or list(frame.columns)) if c in frame.columns]
    out = []
    for col in order:
        c = config.get(str(col)) or {}
        if c.get("hidden"):
            continue
        label = c.get("label") or str(col)
        out.append(Shown(f"{where} header", label, whole=True, bilingual=bilingual))
        options = (c.get("type_config") or {}).get("options") or []
        labels = {str(o["value"]): str(o.get("label", o["value"])) if isinstance(o, dict) else str(o)
                  for o in options if isinstance(o, dict)}
        labels.update({str(o): str(o) for o in options if not isinstance(o, dict)})
        out += [Shown(f"{where} [{label}] option", text, whole=True) for text in labels.values()]
        for value in frame[col].tolist():
            text = _cell_text(value)
            out.append(Shown(f"{where} [{label}]", labels.get(text, text), whole=True, bilingual=bilingual))
    return out


def page_texts(at) -> list[Shown]:
    """Everything readable on the page AppTest can see: texts, metrics, tables and editors,
    expanders, tabs, widget labels and options."""
    out = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "text", "info", "warning", "error",
                 "success", "latex"):
        out += [Shown(kind, str(el.value)) for el in at.get(kind)]
    for m in at.metric:
        out += [Shown("metric", m.label), Shown("metric", m.value, whole=True), Shown("metric", str(m.proto.delta))]
    for el in at.dataframe:
        out += _frame_texts(el, "editor" if el.proto.editing_mode else "table")
    for el in at.table:
        out += [Shown("table", _cell_text(c), whole=True) for row in el.value.astype(object).itertuples(index=False)
                for c in row]
    out += [Shown("expander", e.label) for e in at.expander]
    out += [Shown("tab", tab.label) for tab in at.tabs]
    for kind in ("selectbox", "radio", "multiselect"):
        for el in at.get(kind):
            bilingual = el.label == "Ngôn ngữ / Language"  # the language picker names each language
            out.append(Shown(kind, el.label, bilingual=bilingual))
            out += [Shown(f"{kind} option", str(o), whole=True, bilingual=bilingual) for o in el.options]
            if kind == "multiselect":
                out += [Shown(f"{kind} value", str(v), whole=True) for v in el.value]
    for kind in ("button", "checkbox", "toggle", "text_input", "number_input", "slider", "date_input",
                 "download_button", "text_area"):
        for el in at.get(kind):
            out.append(Shown(kind, str(el.label), bilingual="/ Trainer mode" in str(el.label)))
            help_text = getattr(el.proto, "help", "")
            if help_text:
                out.append(Shown(f"{kind} help", help_text))
    return out


_TEMPLATE_FIELD = re.compile(r"%\{[^}]*\}|<extra>.*?</extra>|<[^>]+>")
_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?")
SKIPPED_KEYS = {"template", "meta", "uid", "customdata", "legendgroup", "tickformat", "hoverformat",
                "xhoverformat", "yhoverformat", "separators", "textinfo", "hoverinfo"}
TEXT_KEYS = {"ticksuffix", "tickprefix", "text", "title", "name", "ticktext", "labels", "hovertext", "x", "y", "parents", "ids",
             "hovertemplate", "texttemplate", "header", "cells", "values", "legendgrouptitle"}


def figure_texts(fig: dict, lang: str) -> list[Shown]:
    """The texts of a Plotly figure (JSON dict): titles, axis titles and tick texts, trace names,
    labels, bar and hover texts (format fields removed), annotations; and a date axis whose ticks
    Plotly would write in English (month names) in a Vietnamese chart."""
    out = []

    def walk(node, path, texty):
        if isinstance(node, dict):
            for k, v in node.items():
                if k not in SKIPPED_KEYS:
                    walk(v, f"{path}.{k}", texty or k in TEXT_KEYS)
        elif isinstance(node, (list, tuple)):
            for v in node:
                walk(v, path, texty)
        elif isinstance(node, str) and texty and not _DATE.match(node):
            text = _TEMPLATE_FIELD.sub(" ", node) if path.endswith("template") else node
            out.append(Shown(f"chart {path}", text, whole=path.endswith((".x", ".y", ".labels", ".name"))))

    walk(fig.get("layout", {}), "layout", False)
    walk(fig.get("data", []), "data", False)
    if lang == "vi":
        layout = fig.get("layout", {})
        for name, axis in layout.items():
            if not re.fullmatch(r"[xy]axis\d*", name) or not isinstance(axis, dict):
                continue
            letter = name[0]
            dated = axis.get("type") == "date" or any(
                isinstance(tr.get(letter), list) and tr[letter] and isinstance(tr[letter][0], str)
                and _DATE.match(tr[letter][0]) for tr in fig.get("data", []))
            if dated and (not axis.get("tickformat") or re.search(r"%[bBaA]", axis.get("tickformat", ""))) \
                    and not axis.get("ticktext"):
                out.append(Shown(f"chart layout.{name}", "<date axis with English month names: Jan 2021>"))
    return out


def shown_problems(items: list[Shown], lang: str, user_words: frozenset[str]) -> list[str]:
    out = []
    for item in items:
        for p in problems_in(item.text, lang, user_words=user_words, whole=item.whole, bilingual=item.bilingual,
                             reference=item.reference):
            out.append(f"{item.where}: {p} in {item.text[:160]!r}")
    return out


# -- the scenarios scanned ------------------------------------------------------------------------
def _rows(key: str, rows: list[dict]) -> pd.DataFrame:
    from workbook.model import empty_table

    base = empty_table(key)
    return pd.DataFrame([{**{c: None for c in base.columns}, **r} for r in rows]).astype(base.dtypes.to_dict())


@lru_cache(maxsize=None)
def read_file(name: str):
    """(scenario, variants, current) of a bundled workbook."""
    from workbook.read import read_scenario

    result = read_scenario(SAMPLES / name)
    return result.scenario, dict(result.variants or {}), result.current


@lru_cache(maxsize=1)
def generated():
    """The English sample (English free text) with what made codes show: a partial activity row
    (as a new row in an editor), meter data with gaps, a duplicate and a driver outside the
    baseline range, financing of every kind, a partial measure, a sparse 5W1H plan, life-cycle
    alternatives and an intensity target; written to a Vietnamese workbook and read back."""
    from workbook.read import read_scenario
    from workbook.write import write_scenario

    scn, _, _ = read_file("sample_factory_en.xlsx")
    acts = scn.table("Activities")
    scn = scn.with_table("Activities", pd.concat(
        [acts, _rows("Activities", [dict(scope=1, category="stationary", source="New boiler", fuel="coal_3_4")])],
        ignore_index=True))
    meter = scn.table("Metering").copy()
    meter.loc[meter.index[-4], "production"] = meter["production"].max() * 3  # outside the baseline range
    meter = pd.concat([meter.drop(index=meter.index[[3, 15]]), meter.iloc[[0]]], ignore_index=True)
    scn = scn.with_table("Metering", meter)
    scn = scn.with_table("Financing", _rows("Financing", [
        dict(measure_id="*", type="loan", pct_of_capex=70.0, rate_pct=9.0, term_years=5.0),
        dict(measure_id="M1", type="grant", amount=20_000_000.0),
        dict(measure_id="M2", type="esco_shared_savings", share_pct=60.0, contract_years=5.0),
        dict(measure_id="M1", type="rebate", pct_of_capex=10.0),
        dict(measure_id="M2", type="tax_credit", amount=5_000_000.0)]))
    measures = scn.table("Measures")
    scn = scn.with_table("Measures", pd.concat(
        [measures, _rows("Measures", [dict(id="M3", name="Heat pump for the canteen", category="energy_switch",
                                           fuel="lpg", method="direct")])], ignore_index=True))
    scn = scn.with_table("Actions", pd.concat([scn.table("Actions"), _rows("Actions", [
        dict(what="Only a what"), dict(measure_id="M9", what="Unknown measure", status="late",
                                       start_date=pd.Timestamp("2024-06-01"), end_date=pd.Timestamp("2024-09-01"))])],
        ignore_index=True))
    scn = scn.with_table("LifeCycle", _rows("LifeCycle", [
        dict(alternative="Halogen lamp", watts=50.0, life_hours=2000.0, price=20000.0),
        dict(alternative="LED lamp", watts=7.0, life_hours=40000.0, price=90000.0)]))
    scn = scn.with_table("Targets", pd.concat([scn.table("Targets"), _rows("Targets", [
        dict(name="Per unit of output", type="physical_intensity", scope="1+2", base_year=2021, target_year=2030,
             reduction_pct=30.0, growth_pct=5.0)])], ignore_index=True))
    scn = scn.with_field("Company", "output_unit", "t").with_field("Company", "output_base", 1200.0)
    scn = scn.with_field("Finance", "budget", 100_000_000.0)
    result = read_scenario(write_scenario(scn, "vi"))
    assert result.scenario is not None, result.problems
    return result.scenario


#: scenario name → (scenario, variants, current variant)
def scenario_case(name: str):
    if name == "generated":
        scn = generated()
        return scn, {"Phương án 1": scn}, "Phương án 1"
    scn, variants, current = read_file(name)
    return scn, variants or {"Phương án 1": scn}, current or next(iter(variants or {"Phương án 1": 0}))


CASES = ["sample_factory_vi.xlsx", "sample_factory_en.xlsx", "sample_workshop_vi.xlsx", "generated"]


def app_pages() -> list[str]:
    """The pages of the app's navigation, in order."""
    return re.findall(r'"pages/(\w+)\.py"', (ROOT / "app.py").read_text(encoding="utf-8"))


def scan_pages(case: str, lang: str, trainer: bool) -> list[str]:
    scenario, variants, current = scenario_case(case)
    words = user_words_of(*variants.values(), names=variants)
    at = new_app(lang)
    at.session_state["variants"] = variants
    at.session_state["variant"] = current
    at.run()
    if trainer:
        at.sidebar.toggle(key="sidebar_trainer").set_value(True).run()
    problems = []
    for page in app_pages():
        at.switch_page(f"pages/{page}.py").run()
        problems += [f"{page}: exception {e.value}" for e in at.exception]
        items = page_texts(at)
        for fig in plotly_figures(at):
            items += figure_texts(fig, lang)
        problems += [f"{page}: {p}" for p in shown_problems(items, lang, words)]
    return list(dict.fromkeys(problems))


@pytest.mark.parametrize("trainer", [False, True], ids=["plain", "trainer"])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", CASES)
def test_pages_show_no_raw_codes(case, lang, trainer):
    problems = scan_pages(case, lang, trainer)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


# -- the downloads --------------------------------------------------------------------------------
#: columns of the README sheet that are in one language (by header); the others are bilingual on purpose
README_LANGUAGE_COLUMNS = {"vi": ("Cột (VI)", "Giải thích"), "en": ("Column (EN)", "Explanation")}


def workbook_texts(data: bytes, lang: str) -> list[Shown]:
    """Every text cell of a workbook (sheet names too); in the README sheet only the columns in
    ``lang`` are checked for English (the sheet explains the format in both languages)."""
    from workbook.schema import README_SHEET

    book = openpyxl.load_workbook(io.BytesIO(data))
    out = []
    for ws in book.worksheets:
        out.append(Shown("sheet name", ws.title, whole=True))
        readme = ws.title == README_SHEET[lang]
        header_row, own = None, set()
        for row in ws.iter_rows():
            for cell in row:
                v = cell.value
                if readme and v in README_LANGUAGE_COLUMNS[lang] and header_row in (None, cell.row):
                    header_row = cell.row
                    own.add(cell.column)
                if isinstance(v, float) and v != v:
                    out.append(Shown(f"{ws.title}!{cell.coordinate}", "nan"))
                if not isinstance(v, str) or v.startswith("="):
                    continue
                # the README's own-language columns are checked; its other columns document the format
                # in both languages with the keys a cell accepts
                reference = readme and (header_row is None or cell.row <= header_row or cell.column not in own)
                out.append(Shown(f"{ws.title}!{cell.coordinate}", v, whole=True, reference=reference))
    return out


def scenario_download(case: str, lang: str) -> bytes:
    """The scenario workbook the sidebar's download writes (every variant, the open one in the main sheets)."""
    from workbook.write import write_scenario

    scenario, variants, current = scenario_case(case)
    return write_scenario(scenario, lang, variants=variants, current=current)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", ["sample_factory_vi.xlsx", "sample_workshop_en.xlsx", "generated"])
def test_downloads_hold_no_raw_codes(case, lang):
    """The scenario download and the workshop report of each case, in both languages."""
    from views.report import write_report

    scenario, variants, _ = scenario_case(case)
    words = user_words_of(*variants.values(), names=variants)
    problems = [f"scenario: {p}" for p in shown_problems(workbook_texts(scenario_download(case, lang), lang), lang, words)]
    problems += [f"report: {p}" for p in shown_problems(workbook_texts(write_report(scenario, lang), lang), lang, words)]
    problems = list(dict.fromkeys(problems))
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_templates_and_bundled_workbooks_hold_no_raw_codes(lang):
    """The template the sidebar offers, the bundled template and the bundled samples in ``lang``."""
    from workbook.write import write_template

    problems = [f"template: {p}" for p in shown_problems(workbook_texts(write_template(lang), lang), lang, frozenset())]
    for path in sorted(SAMPLES.glob(f"*_{lang}.xlsx")):
        scenario, variants, _ = read_file(path.name)
        words = user_words_of(*(variants or {"": scenario}).values(), names=variants or ())
        problems += [f"{path.name}: {p}" for p in shown_problems(workbook_texts(path.read_bytes(), lang), lang, words)]
    problems = list(dict.fromkeys(problems))
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_board_report_text_holds_no_raw_codes(lang):
    """The PDF board report's extracted text (skipped without Chromium)."""
    from pypdf import PdfReader

    from views.board_report import write_board_report
    from views.pdf import pdf_available

    if not pdf_available():
        pytest.skip("no Chromium: the PDF board report cannot be printed here")
    problems = []
    for case in ("sample_factory_vi.xlsx", "generated"):
        scenario, variants, _ = scenario_case(case)
        words = user_words_of(*variants.values(), names=variants)
        reader = PdfReader(io.BytesIO(write_board_report(scenario, lang)))
        for i, page in enumerate(reader.pages, start=1):
            text = " ".join((page.extract_text() or "").split())  # lines wrapped by the layout joined again
            problems += shown_problems([Shown(f"{case} page {i}", text)], lang, words)
    problems = list(dict.fromkeys(problems))
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def test_download_names_say_the_language_once():
    """``sample_factory_vi.xlsx`` downloads as ``sample_factory_vi.xlsx``, not ``sample_factory_vi_vi.xlsx``."""
    from ui.sidebar import download_stem

    assert download_stem("sample_factory_vi") == "sample_factory"
    assert download_stem("sample_factory_en.xlsx") == "sample_factory"
    assert download_stem("My plant.xlsx") == "My plant"
    assert download_stem(None) == "scenario"
    assert download_stem("_vi") == "_vi"
