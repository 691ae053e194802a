import random
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coorace_desktop.domain import validation as check
from coorace_desktop.domain.departments import department_of_postcode
from coorace_desktop.domain.text import fold


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("0561678037", "05 61 67 80 37"), ("+33 5 61 67 80 37", "05 61 67 80 37"),
     ("05 65 31 8380", "05 65 31 83 80"), ("07.50.45.22.53", "07 50 45 22 53"), ("", "")],
)
def test_phone_numbers_are_normalised(typed, expected):
    assert check.french_phone(typed) == expected


@pytest.mark.parametrize("typed", ["12", "05 61 67 80", "abc", "00 00 00 00 00"])
def test_invalid_phone_numbers_are_refused_in_french(typed):
    with pytest.raises(check.ValidationError, match="Numéro de téléphone invalide"):
        check.french_phone(typed)


def test_foreign_numbers_keep_their_country_code():
    assert check.french_phone("+32 2 555 12 12").startswith("+32")


@pytest.mark.parametrize(("postcode", "department"), [("31250", "31"), ("09100", "09"), ("97400", "974"), ("20000", "2A"), ("20600", "2B")])
def test_postcode_gives_its_department(postcode, department):
    assert department_of_postcode(postcode) == department


def test_department_must_agree_with_postcode():
    assert check.department_for("31250", "") == "31"
    assert check.department_for("31250", "31") == "31"
    with pytest.raises(check.ValidationError, match="31250 est dans le département 31, pas 81"):
        check.department_for("31250", "81")
    with pytest.raises(check.ValidationError, match="Département inconnu"):
        check.department_for("", "99")


@pytest.mark.parametrize("typed", ["3125", "312500", "ABCDE", "00000"])
def test_invalid_postcodes_are_refused(typed):
    with pytest.raises(check.ValidationError, match="Code postal invalide"):
        check.postcode(typed)


def test_email_syntax_without_network():
    assert check.email_address(" contact@aje.fr ") == "contact@aje.fr"
    assert check.email_address("") == ""
    for bad in ("contact@", "a b@aje.fr", "@aje.fr", "contact.aje.fr"):
        with pytest.raises(check.ValidationError, match="Adresse e-mail invalide"):
            check.email_address(bad)


def test_siret_checksum():
    assert check.siret("732 829 320 00074") == "73282932000074"
    with pytest.raises(check.ValidationError, match="SIRET invalide"):
        check.siret("73282932000075")


def test_dates_in_order_and_figures_not_negative():
    check.period(date(2020, 7, 2), date(2023, 7, 2))
    check.period(date(2020, 7, 2), None)
    with pytest.raises(check.ValidationError, match="02/07/2019"):
        check.period(date(2020, 7, 2), date(2019, 7, 2))
    check.non_negative(0, "Le chiffre d'affaires")
    with pytest.raises(check.ValidationError, match="ne peut pas être négatif"):
        check.non_negative(-1, "Le chiffre d'affaires")


def test_required_names():
    assert check.required_text("  HERISSON   BELLOR ", "Le nom") == "HERISSON BELLOR"
    with pytest.raises(check.ValidationError, match="Le nom est obligatoire"):
        check.required_text("   ", "Le nom")


def test_fold_ignores_case_accents_and_punctuation():
    assert fold("HÉRISSON-BELLOR") == fold("Hérisson Bellor") == "herisson bellor"
    assert fold("AD'OC INTERIM") == "ad oc interim"


@given(st.text())
def test_fold_is_idempotent_and_plain_ascii(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert folded == folded.strip()
    assert all(ch.isascii() for ch in folded)


def test_fold_spells_out_ligatures():
    assert fold("Mise en Œuvre du Cœur") == "mise en oeuvre du coeur"
    assert fold("Lætitia Søren") == "laetitia soren"


def _outcome(validator, value: str) -> str:
    try:
        return validator(value)
    except check.ValidationError as error:
        return f"refusé : {error}"


TRICKY_PHONES = [
    "05 61 67 80 37", " 05 61 67 80 37 ", "05 61 67 80 3", "05 61 67 80 377", "05  61 67 80 37", "0561678037",
    "05\u00a061 67 80 37", "\u0660\u0665 61 67 80 37", "05 ６1 67 80 37", "08 00 12 34 56", "0 800 12 34 56",
    "07 00 00 00 00", "06 39 00 00 00", "06 99 00 00 00", "02 62 12 34 56", "05 90 12 34 56", "09 00 00 00 00",
    "01 00 00 00 00", "00 61 67 80 37", "+33 5 61 67 80 37", "+32 2 555 12 12", "05-61-67-80-37",
]


def test_the_canonical_phone_shortcut_gives_what_phonenumbers_gives():
    """Every French number of the canonical shape by its first three digits (with three
    endings each), and hand-picked near misses: the shortcut and phonenumbers agree."""
    values = [
        f"0{first} {second}{third} {ending}"
        for first in "123456789"
        for second in "0123456789"
        for third in "0123456789"
        for ending in ("00 00 00", "99 99 99", "12 34 56")
    ]
    differing = [v for v in [*values, *TRICKY_PHONES] if _outcome(check.french_phone, v) != _outcome(check._parsed_phone, v.strip())]
    assert differing == []
    assert {_outcome(check.french_phone, v).startswith("refusé") for v in values} == {True, False}  # both kinds seen


TRICKY_EMAILS = [
    "contact@aje.fr", "Contact@aje.fr", "contact@AJE.fr", "info@aje.fr", "INFO@aje.fr", "a.b-c_d+e@sous-domaine.aje.fr",
    "a..b@aje.fr", ".a@aje.fr", "a.@aje.fr", "a@aje..fr", "a@.aje.fr", "a@aje.fr.", "a@-aje.fr", "a@aje-.fr",
    "a@ab--cd.fr", "a@xn--bcher-kva.fr", "a@xn--a.fr", "a@aje.123", "a@aje", "a@aje.local", "a@aje.test", "a@localhost",
    "a@x.onion", "a@in-addr.arpa", "a@aje.invalid", "a@test", "a@sub.test.fr", f"a@{'x' * 63}.fr", f"a@{'x' * 64}.fr",
    f"{'a' * 64}@aje.fr", f"{'a' * 65}@aje.fr", f"{'a' * 240}@{'b' * 9}.fr", f"{'a' * 241}@{'b' * 9}.fr",
    "é@aje.fr", "a@é.fr", "a b@aje.fr", "<a@aje.fr>", "Zoé <a@aje.fr>", "a@@aje.fr", "a@aje.fr@x.fr", "a@[127.0.0.1]",
]


def test_the_plain_email_shortcut_gives_what_email_validator_gives():
    """Hand-picked near misses, and 3,000 strings drawn from the characters that matter."""
    rng = random.Random(2026)
    drawn = ["".join(rng.choices("ab0.-_+@xnAé", k=rng.randint(3, 14))) for _ in range(3_000)]
    values = [*TRICKY_EMAILS, *drawn, *(f"{v}@aje.fr" for v in drawn[:500]), *(f"a@{v}.fr" for v in drawn[500:1000])]
    differing = [v for v in values if _outcome(check.email_address, v) != _outcome(check._validated_email, v.strip())]
    assert differing == []


@given(st.text(alphabet="0123456789", min_size=14, max_size=14) | st.from_regex(r"\A35600000[0-9]{6}\Z"))
def test_the_siret_checksum_agrees_with_python_stdnum(digits):
    """The application's own Luhn (17 times faster, for 200,000-entry reference files) accepts
    exactly the SIRET that python-stdnum accepts, La Poste's establishments included."""
    from stdnum.fr import siret

    assert check.siret_checksum_ok(digits) == siret.is_valid(digits)
