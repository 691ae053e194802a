"""French numbers and plurals, by Babel (CLDR): 4 799, 1 469,5, 12 345 €, 12,3 Mo, '0 structure'.

Every area writes its counts through here so that "0 action" and "1,5 heure" agree (French puts
0 and anything under 2 in the singular). Numbers keep CLDR's narrow no-break space between
thousands; the printed report swaps it for one ReportLab honours (report/formats.py)."""

from datetime import date
from decimal import Decimal

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

LOCALE = "fr_FR"
_FRENCH = Locale.parse(LOCALE)


def number(value: float) -> str:
    """4 799; 1 469,5; 0,125 (up to three decimals)."""
    return format_decimal(value, locale=LOCALE)


def whole_euros(value: float) -> str:
    """12 345 € (rounded to the euro)."""
    return f"{format_decimal(value, format='#,##0', locale=LOCALE)}\u00a0€"


def percent(value: float | None) -> str:
    """'93,8 %' with the locale's own spacing; at most one decimal, none when it is zero; '—' for None."""
    if value is None:
        return "—"
    return format_percent(Decimal(str(round(value, 1))) / 100, locale=LOCALE, decimal_quantization=False)


def short_month(day: date, with_year: bool = False) -> str:
    """The month of `day` as an axis reads it: 'févr.', or 'févr. 2020'."""
    return format_date(day, "MMM yyyy" if with_year else "MMM", locale=LOCALE)


def megabytes(size: int) -> str:
    """A size in bytes as 12,3 Mo."""
    return f"{format_decimal(size / 1_000_000, '#,##0.0', locale=LOCALE)} Mo"


def plural_word(count: float, singular: str, plural: str) -> str:
    """The form agreeing with `count`: singular for 0 to 1,99..., plural from 2 on."""
    return singular if _FRENCH.plural_form(count) == "one" else plural


def plural(count: float, singular: str, plural: str) -> str:
    """The count and its noun: '0 structure', '51 structures adhérentes', '1 469,5 heures'."""
    return f"{number(count)} {plural_word(count, singular, plural)}"
