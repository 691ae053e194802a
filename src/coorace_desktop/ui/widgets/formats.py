"""How values read and are typed in the interface: French dates and numbers."""

from datetime import date, datetime

from coorace_desktop.domain.french import number, whole_euros


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
        return number(value)
    return str(value)


def money(value: int | float | None) -> str:
    return "" if value is None else whole_euros(value)


def parse_number(text: str, integer: bool) -> int | float | None:
    """'1 200 000' -> 1200000, '12,5' -> 12.5, '' -> None; ValueError with a French message."""
    cleaned = "".join(text.split()).removesuffix("€").replace(",", ".")
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"Nombre invalide : {text.strip()}.") from None
    if integer:
        if not value.is_integer():
            raise ValueError("Un nombre entier est attendu.")
        return int(value)
    return value
