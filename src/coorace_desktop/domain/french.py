"""French numbers and plurals, by Babel (CLDR): 4 799, 1 469,5, 12 345 €, 12,3 Mo, '0 structure'.

Every area writes its counts through here so that "0 action" and "1,5 heure" agree (French puts
0 and anything under 2 in the singular). Numbers keep CLDR's narrow no-break space between
thousands; the printed report swaps it for one ReportLab honours (report/formats.py). Whole
numbers and the plural rule need no locale data: Babel's (~25 ms to load) waits for the first
decimal or amount, so the window's first table is counted without it (tests compare the two)."""

from datetime import date

LOCALE = "fr_FR"
THOUSANDS = "\u202f"  # CLDR's French group separator, a narrow no-break space


def number(value: float) -> str:
    """4 799; 1 469,5; 0,125 (up to three decimals)."""
    if type(value) is int:
        return f"{value:,}".replace(",", THOUSANDS)
    from babel.numbers import format_decimal

    return format_decimal(value, locale=LOCALE)


def whole_euros(value: float) -> str:
    """12 345 € (rounded to the euro)."""
    if type(value) is int:  # without Babel: the letters of 10,000 fee calls print 20,000 amounts
        return f"{number(value)}\u00a0€"
    from babel.numbers import format_decimal

    return f"{format_decimal(value, format='#,##0', locale=LOCALE)}\u00a0€"


def percent(value: float | None) -> str:
    """'93,8 %' with the locale's own spacing; at most one decimal, none when it is zero; '—' for None."""
    if value is None:
        return "—"
    from decimal import Decimal

    from babel.numbers import format_percent

    return format_percent(Decimal(str(round(value, 1))) / 100, locale=LOCALE, decimal_quantization=False)


def short_month(day: date, with_year: bool = False) -> str:
    """The month of `day` as an axis reads it: 'févr.', or 'févr. 2020'."""
    from babel.dates import format_date

    return format_date(day, "MMM yyyy" if with_year else "MMM", locale=LOCALE)


def megabytes(size: int) -> str:
    """A size in bytes as 12,3 Mo."""
    from babel.numbers import format_decimal

    return f"{format_decimal(size / 1_000_000, '#,##0.0', locale=LOCALE)} Mo"


def plural_word(count: float, singular: str, plural: str) -> str:
    """The form agreeing with `count`: singular for 0 to 1,99..., plural from 2 on (CLDR's French
    "one": an integer part of 0 or 1)."""
    return singular if abs(count) < 2 else plural


def plural(count: float, singular: str, plural: str) -> str:
    """The count and its noun: '0 structure', '51 structures adhérentes', '1 469,5 heures'."""
    return f"{number(count)} {plural_word(count, singular, plural)}"
