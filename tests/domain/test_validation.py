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
