"""Pure validation of what users type: each function returns the cleaned value or raises
ValidationError with the French sentence to show next to the field."""

import functools
import re
from datetime import date

from coorace_desktop.domain.departments import DEPARTMENTS, department_of_postcode

# phonenumbers and email_validator are imported by the validators that use them: at the
# window's start they cost ~140 ms together, before any field is checked (bench/run.py).

# Values already written as the slow paths write them are recognised without the libraries'
# parsing (~40 µs a phone, ~60 µs an e-mail: most of an import's preview): a French number as
# phonenumbers formats it (08 numbers it writes "0 800 ...": not this shape), an ASCII e-mail in
# lower case that email-validator returns unchanged. Anything else takes the slow path.
_CANONICAL_FRENCH_PHONE = re.compile(r"0[1-79](?: [0-9]{2}){4}")
_PLAIN_EMAIL = re.compile(r"[a-z0-9_+-]+(?:\.[a-z0-9_+-]+)*@((?:[a-z0-9]+(?:-[a-z0-9]+)*\.)+[a-z]+)")


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
    if (plain := _PLAIN_EMAIL.fullmatch(value)) and _plain_domain(plain[1]) and len(value) <= 254:
        return value
    return _validated_email(value)


def _validated_email(value: str) -> str:
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
    if _CANONICAL_FRENCH_PHONE.fullmatch(value) and _valid_french_number(value[1:].replace(" ", "")):
        return value
    return _parsed_phone(value)


def _parsed_phone(value: str) -> str:
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


def _plain_domain(domain: str) -> bool:
    """Whether email-validator takes this domain (lower-case ASCII labels) as it is: labels of at
    most 63 characters, not a special-use name (.local, .test...)."""
    special_use = _special_use_domains()
    return max(map(len, domain.split("."))) <= 63 and domain not in special_use and not domain.endswith(special_use)


@functools.cache
def _special_use_domains() -> tuple[str, ...]:
    """The names email-validator refuses with every name under them: 'local', '.local'..."""
    from email_validator import SPECIAL_USE_DOMAIN_NAMES

    return (*SPECIAL_USE_DOMAIN_NAMES, *(f".{name}" for name in SPECIAL_USE_DOMAIN_NAMES))


def _valid_french_number(national: str) -> bool:
    """Whether phonenumbers deems valid this French number (9 digits, without the leading 0)."""
    general, types = _french_number_patterns()
    return bool(general.fullmatch(national) and types.fullmatch(national))


@functools.cache
def _french_number_patterns() -> tuple[re.Pattern, re.Pattern]:
    """phonenumbers' own French patterns: the general one, and any type's (is_valid_number asks
    for both: the number matches the general description and is of a known type)."""
    from phonenumbers import PhoneMetadata

    metadata = PhoneMetadata.metadata_for_region("FR")
    descriptions = [
        getattr(metadata, name)
        for name in ("premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager", "uan", "voicemail", "fixed_line", "mobile")
    ]
    patterns = [
        f"(?:{d.national_number_pattern})"
        for d in descriptions
        if d is not None and d.national_number_pattern and (not d.possible_length or 9 in d.possible_length)
    ]
    return re.compile(f"(?:{metadata.general_desc.national_number_pattern})"), re.compile("|".join(patterns))


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
