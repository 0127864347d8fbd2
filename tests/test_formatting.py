"""French (and English) numbers: the fast path writes exactly what Babel writes."""

from __future__ import annotations

import random
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from babel.numbers import format_decimal

from observatory import formatting

NNBSP = "\u202f"


def babel(value, decimals: int, lang: str) -> str:
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(value, format=pattern, locale=formatting.LOCALES[lang])


EDGES = [0.0, -0.0, 0.05, 0.15, 0.25, 2.5, 3.5, -2.5, -0.04, 1234.5, 12345.675, 1e-5, 1e15,
         1e16, 306322474686531.4, float(2 ** 53 + 1), 12, -7, 10 ** 20 + 1, np.float64(0.15),
         np.int64(123456789), np.float32(0.1), Decimal("1.25")]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("decimals", [0, 1, 2])
def test_format_number_writes_what_babel_writes(lang, decimals):
    rng = random.Random(6)
    values = EDGES + [rng.uniform(-1e7, 1e7) for _ in range(2000)]
    values += [rng.randint(-20000, 20000) / 20 for _ in range(2000)]  # decimal ties
    values += [round(rng.uniform(-1e5, 1e5), rng.randint(0, 3)) for _ in range(2000)]
    for value in values:
        assert formatting.format_number(value, decimals, lang) == babel(value, decimals, lang), value


def test_french_separators_and_ties():
    assert formatting.format_number(1234567.25, 1) == f"1{NNBSP}234{NNBSP}567,2"
    assert formatting.format_number(0.15, 1) == "0,2"  # Babel rounds the text 0.15, half to even
    assert formatting.format_value(45.25, "pourcentage") == f"45,2{NNBSP}%"
    assert formatting.format_number(float("nan")) == ""


def test_format_values_never_writes_a_secret_as_a_number():
    values = formatting.format_values(np.array([12.5, 40.0, np.nan, 7.0]), "pourcentage",
                                      ["publie", "secret", "publie", "absent"])
    assert values == [f"12,5{NNBSP}%", "secret", "pas de donnée", "pas de donnée"]
    assert formatting.format_values([3.0], "tonnes", lang="en") == [f"3{NNBSP}t"]


def test_status_texts_say_computed_with_coverage_and_nothing_for_secret():
    assert formatting.status_text("calcule", "5/6") == "calculé — 5 territoires sur 6"
    assert formatting.status_text("calcule", "5/6", "en") == "computed — 5 of 6 territories"
    assert formatting.status_text("estime") == "estimé"
    assert formatting.status_text(None) == ""
    assert formatting.status_texts(pd.Series(["calcule", "definitif", "calcule", None]),
                                   pd.Series(["16/16", None, "3/4", None]),
                                   pd.Series(["publie", "publie", "secret", "absent"])) == [
        "calculé — 16 territoires sur 16", "définitif", "", ""]
    assert formatting.batch_text(4) == "lot n° 4"
    assert formatting.batch_text(None) == ""
    assert formatting.batch_text(4.0, "en") == "batch no. 4"


def test_coverage_agrees_with_its_count():
    assert formatting.coverage_text("1/1") == "1 territoire sur 1"
    assert formatting.coverage_text("0/3") == "0 territoire sur 3"
    assert formatting.coverage_text("5/6") == "5 territoires sur 6"
    assert formatting.coverage_text("1/1", "en") == "1 of 1 territory"
    assert formatting.coverage_text("1/3", "en") == "1 of 3 territories"


def test_a_change_that_rounds_to_nothing_is_unsigned_and_has_no_arrow():
    assert formatting.format_change(0.01, "pourcentage") == "0,0\u202fpts"
    assert formatting.format_change(-0.01, "pourcentage", relative=True) == "0,0\u202f%"
    assert formatting.delta_style(0.01, True, "0,0\u202fpts") == ("gray", "off")
    assert formatting.delta_style(-1.2, False, "−1,2\u202fpts") == ("red", "down")
    assert formatting.delta_style(-1.2, True, "−1,2\u202fpts") == ("green", "down")
    assert formatting.delta_style(3.0, None, "+3") == ("gray", "up")
    assert formatting.delta_style(None, None, "") == ("gray", "off")


def test_a_count_keeps_no_decimal_and_a_rate_in_nombre_keeps_one():
    assert formatting.format_value(175.0, "nombre") == "175"
    assert formatting.format_value(0.84, "nombre") == "0,8"
    assert formatting.format_value(12.34, "nombre", lang="en") == "12.3"
