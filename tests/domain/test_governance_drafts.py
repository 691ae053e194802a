"""The governance dialogs' drafts: field errors in French, name splitting."""

from datetime import date

import pytest

from coorace_desktop.domain.enums import BureauRole
from coorace_desktop.domain.governance_drafts import (
    AssemblyDraft,
    ElectionDraft,
    MandateEndDraft,
    OfficeDraft,
    PersonRef,
    SeatDraft,
    StaffDraft,
    split_person_name,
    validate_assembly,
    validate_election,
    validate_mandate_end,
    validate_office,
    validate_staff,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Marie-Françoise CABAL-SCHNEIDER", ("Marie-Françoise", "CABAL-SCHNEIDER")),
        ("Jean de LA FONTAINE", ("Jean de", "LA FONTAINE")),
        ("  Isabelle   Chatry ", ("Isabelle", "Chatry")),
        ("Anne Marie Dupont", ("Anne Marie", "Dupont")),
        ("DELCOUR", ("", "DELCOUR")),
        ("", ("", "")),
    ],
)
def test_split_person_name(text, expected):
    assert split_person_name(text) == expected


def test_an_election_names_its_assembly_and_seats():
    assert validate_election(ElectionDraft(None, None, ())) == {
        "assembly": "Choisissez l'assemblée générale qui élit ce conseil.",
        "start_on": "La date de début des mandats est obligatoire.",
        "seats": "Ajoutez au moins un administrateur élu.",
    }


def test_each_seat_needs_a_person_once_and_an_organisation():
    seats = (
        SeatDraft(PersonRef(3), 1),
        SeatDraft(PersonRef(None, "", " "), None),
        SeatDraft(PersonRef(3), 2),
        SeatDraft(PersonRef(None, "Léa", "Bonnet"), 2),
        SeatDraft(PersonRef(None, "lea", "BONNET"), 2),
    )
    errors = validate_election(ElectionDraft(1, date(2023, 6, 29), seats))
    assert set(errors) == {"seats.1.person", "seats.1.organisation", "seats.2.person", "seats.4.person"}
    assert errors["seats.2.person"] == "Cette personne est déjà dans la liste des élus."
    assert validate_election(ElectionDraft(1, date(2023, 6, 29), seats[:1])) == {}


def test_a_term_end_before_the_election_is_refused():
    errors = validate_election(ElectionDraft(1, date(2023, 6, 29), (SeatDraft(PersonRef(3), 1),), end_on=date(2023, 1, 1)))
    assert errors == {"end_on": "La date de fin (01/01/2023) est antérieure au début (29/06/2023)."}


def test_other_drafts():
    assert validate_assembly(AssemblyDraft(None)) == {"held_on": "La date de l'assemblée générale est obligatoire."}
    assert validate_assembly(AssemblyDraft(date(2021, 6, 24))) == {}
    assert validate_mandate_end(MandateEndDraft(1, date(2020, 7, 2), None)) == {"end_on": "La date de fin est obligatoire."}
    assert "end_on" in validate_mandate_end(MandateEndDraft(1, date(2020, 7, 2), date(2020, 7, 1)))
    assert validate_office(OfficeDraft(1, BureauRole.MEMBER, None)) == {"start_on": "La date de début de la fonction est obligatoire."}
    assert set(validate_staff(StaffDraft(PersonRef(), " ", None, date(2021, 1, 2), date(2021, 1, 1)))) == {"person", "job_title", "end_on"}
