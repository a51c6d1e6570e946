import ast
import re
from pathlib import Path

import pytest

from views.format import fmt_num, fmt_pct, plotly_separators
from ui.i18n import LANGS, TEXT, t

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "value, lang, decimals, text",
    [
        (3299.333396, "vi", 2, "3.299,33"),
        (3299.333396, "en", 2, "3,299.33"),
        (201.025, "vi", 2, "201,03"),  # half-up like the deck, not banker's rounding
        (201.025, "en", 2, "201.03"),
        (1_849_430.0, "en", 0, "1,849,430"),
        (0.0008041, "en", 7, "0.0008041"),
        (float("nan"), "vi", 2, "–"),
        (None, "en", 2, "–"),
    ],
)
def test_fmt_num(value, lang, decimals, text):
    assert fmt_num(value, lang, decimals) == text


def test_fmt_pct():
    assert fmt_pct(56.054, "vi") == "56,05 %"
    assert fmt_pct(56.054, "en") == "56.05%"


def test_plotly_separators():
    assert plotly_separators("vi") == ",." and plotly_separators("en") == ".,"


def test_every_text_has_both_languages_and_same_placeholders():
    for key, entry in TEXT.items():
        assert set(entry) == set(LANGS), key
        assert all(entry[lang].strip() for lang in LANGS), key
        fields = {lang: set(re.findall(r"{(\w+)}", entry[lang])) for lang in LANGS}
        assert fields["vi"] == fields["en"], key


def test_every_key_used_in_code_exists():
    """Literal keys passed to t(...) anywhere in the app exist in the catalogue."""
    used = set()
    for path in [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("ui/*.py")]:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "t" and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    used.add(arg.value)
    missing = used - set(TEXT)
    assert not missing, missing
    assert t("inv.total", "vi") == "Tổng phát thải"


def test_infinite_and_missing_values_never_fail():
    """A B/C ratio without costs or a cost of saved energy without savings is infinite: shown as
    ∞, never an exception (a page that failed on a what-if)."""
    import numpy as np
    import pandas as pd
    assert fmt_num(float("inf"), "en") == "∞" and fmt_num(-np.inf, "vi", 0) == "−∞"
    assert fmt_pct(np.inf, "vi") == "∞"
    assert fmt_num(pd.NA, "en") == "–" and fmt_num(np.float32("nan"), "en") == "–" and fmt_num("x", "en") == "–"
    assert fmt_num(np.float64(1234.5), "en", 1) == "1,234.5"


def test_numbers_beyond_28_digits_are_formatted():
    """A century of 100 % inflation gave an NPV of about 9 × 10⁴⁰ that made the Finance page fail
    (the decimal module's 28 digits). Expected: Python's own integer grouping of the same digits."""
    digits = "898871" + "0" * 35  # 8.98871e40 as the float's shortest repr writes it
    assert fmt_num(8.98871e40, "en", 0) == f"{int(digits):,}"
    assert fmt_num(8.98871e40, "vi", 2) == f"{int(digits):,}".replace(",", ".") + ",00"
    assert fmt_num(-1e300, "en", 0) == "-1" + ",000" * 100
    assert fmt_pct(1e30, "en", 1) == "1" + ",000" * 10 + ".0%"


def test_zero_never_shows_a_minus_sign():
    """A loan schedule of a measure without investment showed "-0"."""
    assert fmt_num(-0.0, "en", 0) == "0"
    assert fmt_num(-0.004, "vi", 2) == "0,00"
    assert fmt_num(-1e-12, "en", 0) == "0"
    assert fmt_num(-0.005, "en", 2) == "-0.01"  # half-up away from zero, still negative


def test_fmt_text_hides_missing_values():
    import numpy as np
    import pandas as pd

    from views.format import fmt_text
    assert [fmt_text(v) for v in (None, np.nan, pd.NA, pd.NaT)] == ["", "", "", ""]
    assert fmt_text(None, "–") == "–" and fmt_text("kWh") == "kWh" and fmt_text(0.5) == "0.5"


def test_choice_label_of_a_missing_value_is_blank():
    import numpy as np
    import pandas as pd

    from workbook.schema import SHEETS, choice_label
    column = SHEETS["Actions"].column("status")
    assert [choice_label(column, v, "en") for v in (None, np.nan, pd.NA)] == ["", "", ""]
    assert choice_label(column, "done", "vi") == "Hoàn thành" and choice_label(column, "other", "en") == "other"
