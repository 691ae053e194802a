"""French numbers and plurals: one rule for every count the application writes."""

from datetime import date

import pytest

from coorace_desktop.domain.french import megabytes, number, percent, plural, plural_word, short_month, whole_euros


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 structure"), (1, "1 structure"), (1.5, "1,5 structure"), (2, "2 structures"), (4799, "4\u202f799 structures")],
)
def test_zero_and_one_take_the_singular(count, expected):
    assert plural(count, "structure", "structures") == expected


def test_a_million_takes_the_plural():
    assert plural_word(1_000_000, "heure", "heures") == "heures"


def test_numbers_read_the_french_way():
    assert number(1469.5) == "1\u202f469,5"
    assert whole_euros(12345.4) == "12\u202f345\u00a0€"
    assert megabytes(12_345_678) == "12,3 Mo"


def test_percent_and_short_month():
    assert percent(200 / 51) == "3,9\u00a0%"
    assert percent(100.0) == "100\u00a0%"
    assert percent(None) == "—"
    assert short_month(date(2020, 2, 1)) == "févr." and short_month(date(2020, 5, 1), with_year=True) == "mai 2020"


@pytest.mark.parametrize("value", [0, 7, -7, 999, 1000, -1000, 4799, 123_456, 1_000_000, -12_345_678, 10**15])
def test_whole_numbers_read_as_babel_writes_them(value):
    from babel.numbers import format_decimal

    assert number(value) == format_decimal(value, locale="fr_FR")
    assert whole_euros(value) == f"{format_decimal(value, format='#,##0', locale='fr_FR')}\u00a0€"  # the fee letters' amounts


@pytest.mark.parametrize("count", [0, 0.5, 1, 1.5, 1.99, 2, 2.5, 3, 17, 1_000_000, -1, -2])
def test_the_plural_rule_is_cldrs(count):
    from babel import Locale

    expected = "un" if Locale.parse("fr_FR").plural_form(abs(count)) == "one" else "des"
    assert plural_word(count, "un", "des") == expected
