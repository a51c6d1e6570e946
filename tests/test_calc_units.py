import numpy as np
import pandas as pd
import pytest

from calc.units import canonical_unit, convert, unit_dimension


@pytest.mark.parametrize(
    "qty, src, dst, expected",
    [
        (1385, "L", "kL", 1.385),
        (1, "m3", "L", 1000),
        (2.5, "1000m3", "m3", 2500),
        (14521, "kg", "t", 14.521),
        (2_300_000, "kWh", "MWh", 2300),
        (1, "GJ", "kWh", 1e9 / 3.6e6),  # 1 GJ = 10^9 J, 1 kWh = 3.6 MJ
        (1, "MMBtu", "therm", 10),  # 1 therm = 100,000 Btu
        (1, "therm", "MJ", 105.505585262),  # 100,000 Btu_IT × 1,055.05585262 J
        (1, "gal", "L", 3.785411784),  # US gallon, exact by definition
    ],
)
def test_convert(qty, src, dst, expected):
    assert convert(qty, src, dst) == pytest.approx(expected, rel=1e-12)


def test_convert_vectorised_series():
    out = convert(pd.Series([1000.0, 2000.0]), "L", "kL")
    assert list(out) == [1.0, 2.0]


@pytest.mark.parametrize("src, dst", [("kWh", "L"), ("kg", "m3"), ("t", "MWh")])
def test_convert_across_dimensions_is_refused(src, dst):
    with pytest.raises(ValueError, match="heating value or density"):
        convert(1.0, src, dst)


def test_convert_unknown_unit():
    with pytest.raises(ValueError, match="unknown unit"):
        convert(1.0, "bananas", "L")


@pytest.mark.parametrize(
    "text, key",
    [("lít", "L"), (" L ", "L"), ("KWH", "kWh"), ("tấn", "t"), ("1000 m3", "1000m3"), ("m³", "m3"),
     ("MMBTU", "MMBtu"), ("therms", "therm"), ("bananas", None), (None, None)],
)
def test_canonical_unit(text, key):
    assert canonical_unit(text) == key


def test_unit_dimension():
    dims = unit_dimension(pd.Series(["L", "kg", "MWh", "nope"]))
    assert dims.tolist()[:3] == ["volume", "mass", "energy"]
    assert pd.isna(dims.iloc[3])
