"""Pure validation of what users type: each function returns the cleaned value or raises
ValidationError with the French sentence to show next to the field."""

from datetime import date

from coorace_desktop.domain.departments import DEPARTMENTS, department_of_postcode

# phonenumbers and email_validator are imported by the validators that use them: at the
# window's start they cost ~140 ms together, before any field is checked (bench/run.py).


class ValidationError(ValueError):
    """A value a user typed that cannot be saved; str() is the French message."""


class DeletedMeanwhileError(ValidationError):
    """The record was deleted since the user loaded it (another window, an import); nothing was
    saved. Subclasses name the record in `message`."""

    message = "Cet élément n'existe plus : il a peut-être été supprimé entre-temps."

    def __init__(self, record_id: int | None = None) -> None:
        super().__init__(self.message)
        self.record_id = record_id


class DraftInvalid(ValidationError):
    """A draft (a whole form) that cannot be saved; errors maps field keys to French messages,
    str() is the first of them."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(next(iter(errors.values())))
        self.errors = errors


def required_text(value: str, what: str) -> str:
    cleaned = " ".join(value.split())
    if not cleaned:
        raise ValidationError(f"{what} est obligatoire.")
    return cleaned


def email_address(value: str) -> str:
    """A syntactically valid e-mail (no DNS look-up: the application works offline), or ''."""
    value = value.strip()
    if not value:
        return ""
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise ValidationError(f"Adresse e-mail invalide : {value}.") from error


def french_phone(value: str) -> str:
    """A French phone number written as '05 61 67 80 37' (international numbers kept in +xx form), or ''."""
    value = value.strip()
    if not value:
        return ""
    import phonenumbers

    try:
        number = phonenumbers.parse(value, "FR")
    except phonenumbers.NumberParseException as error:
        raise ValidationError(f"Numéro de téléphone invalide : {value}.") from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(f"Numéro de téléphone invalide : {value}.")
    if number.country_code == 33:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def postcode(value: str) -> str:
    value = value.strip().replace(" ", "")
    if not value:
        return ""
    if department_of_postcode(value) is None:
        raise ValidationError(f"Code postal invalide : {value} (cinq chiffres attendus).")
    return value


def department_for(postcode_value: str, department: str) -> str:
    """The département of a site: the one typed must agree with the postcode's."""
    department = department.strip().upper()
    expected = department_of_postcode(postcode_value) if postcode_value else None
    if not department:
        return expected or ""
    if department not in DEPARTMENTS:
        raise ValidationError(f"Département inconnu : {department}.")
    if expected and department != expected:
        raise ValidationError(
            f"Le code postal {postcode_value} est dans le département {expected}, pas {department}."
        )
    return department


def siret(value: str) -> str:
    """Fourteen digits (spaces and dots typed between them dropped) whose checksum holds, or ''."""
    value = value.strip()
    if not value:
        return ""
    digits = value.replace(" ", "").replace(".", "")
    if not siret_checksum_ok(digits):
        raise ValidationError(f"Numéro SIRET invalide : {value}.")
    return digits


# A doubled digit's digits added up (Luhn): 7 -> 14 -> 5.
_DOUBLED = str.maketrans("0123456789", "0246813579")
LA_POSTE_SIREN = "356000000"


def siret_checksum_ok(digits: str) -> bool:
    """Whether a string is a SIRET: 14 digits passing Luhn, as its first 9 (the SIREN) do; La
    Poste's establishments (SIREN 356000000) instead have digits adding up to a multiple of 5.
    About 1 µs (stdnum's took 17): a reference file holds 200,000 of them."""
    if len(digits) != 14 or not (digits.isascii() and digits.isdigit()):
        return False
    if digits.startswith(LA_POSTE_SIREN):
        return (sum(digits.encode()) - 48 * 14) % 5 == 0
    return _luhn(digits) and _luhn(digits[:9])


def _luhn(digits: str) -> bool:
    # The digits' bytes summed in C, less 48 (b"0") for each: no int() per digit.
    doubled = digits[-2::-2].translate(_DOUBLED)
    return (sum(digits[-1::-2].encode()) + sum(doubled.encode()) - 48 * len(digits)) % 10 == 0


def period(start: date | None, end: date | None, what: str = "La date de fin") -> None:
    if start and end and end < start:
        raise ValidationError(f"{what} ({end:%d/%m/%Y}) est antérieure au début ({start:%d/%m/%Y}).")


def non_negative(value: float | None, what: str) -> None:
    if value is not None and value < 0:
        raise ValidationError(f"{what} ne peut pas être négatif.")


def year(value: int) -> int:
    if not 1900 <= value <= 2200:
        raise ValidationError(f"Année invalide : {value}.")
    return value
