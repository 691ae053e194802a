"""French formats by Babel: what the printed report shows for numbers, money and dates."""

from datetime import date

import pytest
from reportlab.platypus import Paragraph

from coorace_desktop.report import formats
from coorace_desktop.report.styles import styles


@pytest.mark.parametrize(
    "value, expected",
    [(4799, "4\xa0799"), (1469.0, "1\xa0469"), (1469.25, "1\xa0469,2"), (0, "0")],
)
def test_number(value, expected):
    assert formats.number(value) == expected


def test_no_line_break_inside_a_number():
    paragraph = Paragraph(f"aaaa bbbb cccc {formats.number(4799)} eeee", styles().body)
    paragraph.wrap(75, 1000)
    assert [" ".join(line[1]) for line in paragraph.blPara.lines][1].startswith("4\xa0799")


def test_money():
    assert formats.compact_money(27_500_000) == "27,5\xa0M\xa0€"
    assert formats.compact_money(45_000) == "45\xa0k\xa0€"
    assert formats.money(12_345) == "12\xa0345\xa0€"
    assert formats.percent(9.61) == "9,6\xa0%" and formats.percent(16.0) == "16\xa0%"


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
