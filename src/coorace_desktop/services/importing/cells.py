"""Reading one cell as text, number, date or SIAE types, whatever the spreadsheet stored in it."""

import re
from datetime import date, datetime

from coorace_desktop.domain.enums import SIAE_TYPE_NAMES, SiaeType
from coorace_desktop.domain.text import fold
from coorace_desktop.domain.typed_dates import TypedDate, from_number, parse_typed_date
from coorace_desktop.domain.validation import ValidationError

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_TYPE_SEPARATORS = re.compile(r"\s*(?:[/,;+&]|\s-\s)\s*")
_AND = re.compile(r"\s+et\s+", re.IGNORECASE)


def as_text(value: object) -> str:
    """The cell as the user sees it: numbers without a trailing .0, dates as 27/11/2026."""
    if type(value) is str:  # most cells: the other cases need not be asked
        return _typed_text(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return _typed_text(str(value))


def _typed_text(value: str) -> str:
    text = " ".join(value.split())
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        return text[1:]  # neutralised by an export against formula injection: read back as typed
    return text


def as_postcode_text(value: object) -> str:
    """A postcode stored as a number lost its leading zero in the spreadsheet: 9100 -> 09100.

    Typed text is left alone: '3100' may as well be 31000 with a digit missing."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1000 <= value < 10000:
        return f"{int(value):05d}"
    return as_text(value).replace(" ", "")


def as_number(value: object, what: str, *, decimal_comma: bool) -> float | None:
    """A number written '1 234,5', '1234.5', '12 000 €' or stored as a number; None when blank."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValidationError(f"{what} : nombre attendu, pas « {as_text(value)} ».")
    if isinstance(value, (int, float)):
        return float(value)
    text = _SPACES.sub("", str(value)).removesuffix("€").removesuffix("EUR")
    if decimal_comma:
        text = text.replace(".", "").replace(",", ".")
    elif "," in text:
        # '1,234.5' carries thousands commas; a lone comma ('12,5') is a decimal one.
        text = text.replace(",", "") if "." in text else text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        raise ValidationError(f"{what} : nombre attendu, pas « {as_text(value)} ».") from None


def as_whole_number(value: object, what: str, *, decimal_comma: bool) -> int | None:
    number = as_number(value, what, decimal_comma=decimal_comma)
    if number is None:
        return None
    if not number.is_integer():
        raise ValidationError(f"{what} : nombre entier attendu, pas « {as_text(value)} ».")
    return int(number)


def as_typed_date(value: object, what: str) -> TypedDate | None:
    """A date cell however it was typed or stored (a year, a month, a day, an Excel serial); None when blank."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return TypedDate(value.date())
    if isinstance(value, date):
        return TypedDate(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return from_number(float(value), what)
    return parse_typed_date(as_text(value), what)


def _type_names() -> dict[str, SiaeType]:
    names = {}
    for siae_type in SiaeType:
        for spelling in (siae_type.value, siae_type.label, SIAE_TYPE_NAMES[siae_type]):
            names[fold(spelling).replace(" ", "")] = siae_type
    names["proximservice"] = SiaeType.PS
    return names


_TYPES_BY_NAME = _type_names()


def as_siae_types(value: object) -> tuple[SiaeType, ...]:
    """'AI/ACI', 'ACI - EI', 'AI, ACI et GES', "P'S", 'Entreprise d'insertion' -> the types, in order."""
    text = as_text(value)
    found: list[SiaeType] = []
    for part in _TYPE_SEPARATORS.split(text):
        # 'Atelier et chantier d'insertion' is one type; 'AI et ACI' is two.
        key = fold(part).replace(" ", "")
        pieces = [part] if not key or key in _TYPES_BY_NAME else _AND.split(part)
        for piece in pieces:
            if not piece.strip():
                continue
            siae_type = _TYPES_BY_NAME.get(fold(piece).replace(" ", ""))
            if siae_type is None:
                raise ValidationError(
                    f"Type de structure inconnu : « {piece.strip()} » "
                    f"(attendus : {', '.join(t.label for t in SiaeType)})."
                )
            if siae_type not in found:
                found.append(siae_type)
    return tuple(found)
