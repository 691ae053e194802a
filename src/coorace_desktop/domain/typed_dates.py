"""Dates as people type them in sheets and forms: 2015, 03/2015, mars 2015, 1er mars 2015,
01/03/2015, 2015-03-01, and the serial numbers Excel stores dates as.

A small parser rather than dateparser or dateutil: an import must refuse what it cannot read
for certain, and say how much was known. dateparser also reads "hier" or "il y a 2 ans" and
guesses the rest; dateutil knows no French month names and fills missing parts silently."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from coorace_desktop.domain.enums import DatePrecision
from coorace_desktop.domain.text import fold
from coorace_desktop.domain.validation import ValidationError

FIRST_YEAR, LAST_YEAR = 1900, 2100
EXCEL_EPOCH = date(1899, 12, 30)  # Excel's day 0, its 1900 leap-year bug included
_MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9, "sep": 9,
    "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
}
_WEEKDAYS = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+"
_YEAR = re.compile(r"(\d{4})")
_MONTH_YEAR = re.compile(r"(\d{1,2})[/.\-](\d{4})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})")
_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_SERIAL = re.compile(r"\d{5}")
_WRITTEN = re.compile(rf"(?:{_WEEKDAYS})?(?:(\d{{1,2}})(?:er)?\s+)?([a-z]+)\s+(\d{{4}})")
EXPECTED = "2015, 03/2015, 01/03/2015 ou 1er mars 2015"


@dataclass(frozen=True, slots=True)
class TypedDate:
    """A date and how much of it was given; a year alone is stored as its 1 January."""

    value: date
    precision: DatePrecision = DatePrecision.DAY

    def shown(self) -> str:
        return shown_date(self.value, self.precision)


def shown_date(value: date, precision: DatePrecision) -> str:
    """'2015', '03/2015' or '01/03/2015', as much as was known."""
    if precision is DatePrecision.YEAR:
        return f"{value.year}"
    if precision is DatePrecision.MONTH:
        return f"{value:%m/%Y}"
    return f"{value:%d/%m/%Y}"


def from_excel_serial(serial: float) -> TypedDate:
    """The day an Excel serial number stands for (a time of day is dropped)."""
    return _typed(EXCEL_EPOCH + timedelta(days=int(serial)), DatePrecision.DAY, str(serial))


def from_number(number: float, what: str) -> TypedDate:
    """A number in a date cell: a year (2015) or an Excel serial date (42064)."""
    if number.is_integer() and FIRST_YEAR <= number <= LAST_YEAR:
        return TypedDate(date(int(number), 1, 1), DatePrecision.YEAR)
    if number >= 10000:
        return from_excel_serial(number)
    raise ValidationError(f"{what} : date attendue ({EXPECTED}), pas « {number:g} ».")


def parse_typed_date(text: str, what: str = "Date") -> TypedDate:
    """The date in `text`, however much of it is given; ValidationError in French otherwise."""
    typed = " ".join(text.split())
    if match := _YEAR.fullmatch(typed):
        return _typed(date(int(match[1]), 1, 1) if _plausible(int(match[1])) else None, DatePrecision.YEAR, typed, what)
    if match := _MONTH_YEAR.fullmatch(typed):
        return _built(int(match[2]), int(match[1]), 1, DatePrecision.MONTH, typed, what)
    if match := _ISO_MONTH.fullmatch(typed):
        return _built(int(match[1]), int(match[2]), 1, DatePrecision.MONTH, typed, what)
    if match := _DAY_MONTH_YEAR.fullmatch(typed):
        year = int(match[3])
        if len(match[3]) == 2:  # as strptime's %y: 69-99 are the 1900s
            year += 1900 if year >= 69 else 2000
        return _built(year, int(match[2]), int(match[1]), DatePrecision.DAY, typed, what)
    if match := _ISO_DAY.fullmatch(typed):
        return _built(int(match[1]), int(match[2]), int(match[3]), DatePrecision.DAY, typed, what)
    if _SERIAL.fullmatch(typed):
        return from_excel_serial(int(typed))
    if (match := _WRITTEN.fullmatch(fold(typed))) and match[2] in _MONTHS:
        precision = DatePrecision.DAY if match[1] else DatePrecision.MONTH
        return _built(int(match[3]), _MONTHS[match[2]], int(match[1] or 1), precision, typed, what)
    raise ValidationError(f"{what} : date attendue ({EXPECTED}), pas « {typed} ».")


def _plausible(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


def _built(year: int, month: int, day: int, precision: DatePrecision, typed: str, what: str) -> TypedDate:
    try:
        value = date(year, month, day) if _plausible(year) else None
    except ValueError:
        raise ValidationError(f"{what} : « {typed} » n'est pas une date du calendrier.") from None
    return _typed(value, precision, typed, what)


def _typed(value: date | None, precision: DatePrecision, typed: str, what: str = "Date") -> TypedDate:
    if value is None or not _plausible(value.year):
        raise ValidationError(f"{what} : « {typed} » est hors des années {FIRST_YEAR} à {LAST_YEAR}.")
    return TypedDate(value, precision)
