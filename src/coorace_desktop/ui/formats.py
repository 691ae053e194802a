"""How values read in the interface: French dates and numbers."""

from datetime import date, datetime

from babel.numbers import format_decimal

LOCALE = "fr_FR"


def display(value: object) -> str:
    """The French text of a cell value: 27/11/2026, 4 799, 1 469,5, Oui/Non, '' for nothing."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, (int, float)):
        return format_decimal(value, locale=LOCALE)
    return str(value)


def money(value: int | float | None) -> str:
    return "" if value is None else f"{format_decimal(value, format='#,##0', locale=LOCALE)} €"
