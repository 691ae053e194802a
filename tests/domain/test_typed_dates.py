"""Dates as people type them: how much was given is kept, what cannot be read for certain is refused."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coorace_desktop.domain.enums import DatePrecision
from coorace_desktop.domain.typed_dates import TypedDate, from_number, parse_typed_date
from coorace_desktop.domain.validation import ValidationError

YEAR, MONTH, DAY = DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.DAY


@pytest.mark.parametrize(("typed", "value", "precision"), [
    ("2015", date(2015, 1, 1), YEAR),
    ("03/2015", date(2015, 3, 1), MONTH),
    ("3-2015", date(2015, 3, 1), MONTH),
    ("2015-03", date(2015, 3, 1), MONTH),
    ("mars 2015", date(2015, 3, 1), MONTH),
    ("01/03/2015", date(2015, 3, 1), DAY),
    ("1.3.2015", date(2015, 3, 1), DAY),
    ("1/3/15", date(2015, 3, 1), DAY),
    ("2015-03-01", date(2015, 3, 1), DAY),
    ("2015-03-01T00:00:00", date(2015, 3, 1), DAY),
    ("42064", date(2015, 3, 1), DAY),
    ("1er mars 2015", date(2015, 3, 1), DAY),
    ("Lundi 2 Mars 2015", date(2015, 3, 2), DAY),
    ("15 août 2016", date(2016, 8, 15), DAY),
    ("2 févr. 2015", date(2015, 2, 2), DAY),
])
def test_what_people_type(typed, value, precision):
    parsed = parse_typed_date(typed)
    assert (parsed.value, parsed.precision) == (value, precision)


@pytest.mark.parametrize(("typed", "message"), [
    ("31/02/2015", "Adhésion : « 31/02/2015 » n'est pas une date du calendrier."),
    ("13/2015", "Adhésion : « 13/2015 » n'est pas une date du calendrier."),
    ("1850", "Adhésion : « 1850 » est hors des années 1900 à 2100."),
    ("bientôt", "Adhésion : date attendue (2015, 03/2015, 01/03/2015 ou 1er mars 2015), pas « bientôt »."),
    ("1er floréal 2015", "Adhésion : date attendue (2015, 03/2015, 01/03/2015 ou 1er mars 2015), pas « 1er floréal 2015 »."),
])
def test_refused_in_french(typed, message):
    with pytest.raises(ValidationError) as refused:
        parse_typed_date(typed, "Adhésion")
    assert str(refused.value) == message


def test_numbers_are_years_or_excel_serials():
    assert from_number(2015.0, "Adhésion").shown() == "2015"
    assert from_number(42064.0, "Adhésion").shown() == "01/03/2015"
    with pytest.raises(ValidationError):
        from_number(12.0, "Adhésion")


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_every_shown_date_reads_back_the_same(value):
    for precision in DatePrecision:
        shown = TypedDate(value, precision).shown()
        parsed = parse_typed_date(shown)
        assert parsed.precision is precision and parsed.shown() == shown
