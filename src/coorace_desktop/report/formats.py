"""French formats of the printed report, by Babel (CLDR): 27,5 M €, 4 799, 2 juillet 2020.

CLDR separates thousands and units with a narrow no-break space (U+202F), but ReportLab's
Paragraph breaks lines there and prints it as a plain space ("4" at the end of a line, "799"
on the next): the report uses the no-break space U+00A0 instead."""

from datetime import date

from babel.dates import format_date
from babel.numbers import format_compact_currency, format_decimal, format_percent

from coorace_desktop.domain.french import LOCALE, whole_euros


def unbreakable(text: str) -> str:
    """Narrow no-break spaces made no-break spaces that ReportLab honours."""
    return text.replace("\u202f", "\u00a0")


def number(value: float) -> str:
    """4 799; 1 469,5 (one decimal at most)."""
    return unbreakable(format_decimal(value, format="#,##0.#", locale=LOCALE))


def money(value: float) -> str:
    """Whole euros: 12 345 €."""
    return unbreakable(whole_euros(value))


def compact_money(value: float) -> str:
    """27,5 M €; 45 k €; 950 €."""
    return unbreakable(format_compact_currency(value, "EUR", locale=LOCALE, fraction_digits=1))


def percent(value: float) -> str:
    """A percentage given in percent (16.0 -> '16 %', 9.61 -> '9,6 %')."""
    return unbreakable(format_percent(value / 100, format="#,##0.#\u00a0%", locale=LOCALE))


def long_date(day: date) -> str:
    """2 juillet 2020; 1er juillet 2020 (the French ordinal for the first of the month)."""
    text = format_date(day, format="d MMMM y", locale=LOCALE)
    return "1er" + text[1:] if day.day == 1 else text


def _day(day: date) -> str:
    return "1er" if day.day == 1 else str(day.day)


def date_range(start: date, end: date | None) -> str:
    """'2 juillet 2020', '13 et 14 octobre 2020', 'du 3 au 7 mai 2021', 'du 30 avril au 2 mai 2021'."""
    if end is None or end == start:
        return long_date(start)
    month_year = format_date(end, format="MMMM y", locale=LOCALE)
    if (start.year, start.month) == (end.year, end.month):
        if (end - start).days == 1:
            return f"{_day(start)} et {_day(end)} {month_year}"
        return f"du {_day(start)} au {_day(end)} {month_year}"
    if start.year == end.year:
        return f"du {_day(start)} {format_date(start, format='MMMM', locale=LOCALE)} au {_day(end)} {month_year}"
    return f"du {long_date(start)} au {long_date(end)}"
