"""French formats by Babel: what the printed report shows for numbers, money and dates."""

from datetime import date

import pytest

from coorace_desktop.report import formats


@pytest.mark.parametrize(
    "value, expected",
    [(4799, "4\u202f799"), (1469.0, "1\u202f469"), (1469.25, "1\u202f469,2"), (0, "0")],
)
def test_number(value, expected):
    assert formats.number(value) == expected


def test_money():
    assert formats.compact_money(27_500_000) == "27,5\xa0M\xa0€"
    assert formats.compact_money(45_000) == "45\xa0k\xa0€"
    assert formats.money(12_345) == "12\u202f345\xa0€"
    assert formats.percent(9.61) == "9,6\u202f%" and formats.percent(16.0) == "16\u202f%"


@pytest.mark.parametrize(
    "start, end, expected",
    [
        (date(2020, 7, 2), None, "2 juillet 2020"),
        (date(2021, 7, 1), None, "1er juillet 2021"),
        (date(2020, 10, 13), date(2020, 10, 14), "13 et 14 octobre 2020"),
        (date(2021, 5, 3), date(2021, 5, 7), "du 3 au 7 mai 2021"),
        (date(2021, 4, 30), date(2021, 5, 2), "du 30 avril au 2 mai 2021"),
        (date(2021, 12, 30), date(2022, 1, 2), "du 30 décembre 2021 au 2 janvier 2022"),
    ],
)
def test_date_range(start, end, expected):
    assert formats.date_range(start, end) == expected
