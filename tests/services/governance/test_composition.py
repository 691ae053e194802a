"""The governance queries the report and the tab read: board, bureau, national seats, staff, profile."""

from datetime import date

import pytest

from coorace_desktop.domain.enums import BureauRole
from coorace_desktop.domain.governance_drafts import PersonRef, StaffDraft
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.services.governance.composition import (
    DelegationProfile,
    DelegationSiteInfo,
    board_composition,
    delegation_profile,
    save_delegation_profile,
    staff_on,
)
from coorace_desktop.services.governance.records import save_staff_post

END_OF_2020 = date(2020, 12, 31)

SEED_BOARD = [
    ("ADEL", "12", "Catherine GUILLET"),
    ("AILES", "31", "Micheline SLUPEK"),
    ("AIRELLE", "30", "Céline DILHAT"),
    ("AJE", "09", "Bernadette DEDIEU"),
    ("CASTA", "09", "Martine FROGER"),
    ("CHORUS", "12", "Sylvia RICCI"),
    ("ENTRAIDE PARTAGE TRAVAIL", "31", "Christian LAMARQUE"),
    ("IDDEES", "82", "Bruno PEGAS"),
    ("INTER RELAIS", "31", "Isabelle CHATRY"),
    ("LA PASSERELLE", "31", "Nicolas FAURE"),
    ("LE TREMPLIN", "31", "Marie-Françoise CABAL-SCHNEIDER"),
    ("QUERCY CONTACTS", "46", "Emmanuelle GARRALON"),
    ("REGAIN", "46", "Sylvie CHEVALIER"),
    ("RERTR", "46", "Fabian SORIA"),
    ("TREMPLIN POUR L'EMPLOI", "12", "Camille VERGELY"),
]


def test_the_demo_board_is_the_seed_reports(demo_database):
    composition = board_composition(demo_database, END_OF_2020)
    assert composition.on == END_OF_2020
    assert [(s.organisation_name, s.department, s.person_name) for s in composition.seats] == SEED_BOARD
    assert all(s.start_on == date(2020, 7, 2) and s.end_on is None and not s.ends_soon for s in composition.seats)


def test_the_demo_bureau_is_in_the_bureaus_order(demo_database):
    bureau = board_composition(demo_database, END_OF_2020).bureau
    assert [(b.role, b.role_label, b.person_name) for b in bureau] == [
        (BureauRole.PRESIDENT, "Présidente", "Isabelle CHATRY"),
        (BureauRole.VICE_PRESIDENT, "Vice-présidente", "Martine FROGER"),
        (BureauRole.TREASURER, "Trésorier", "Bruno PEGAS"),
        (BureauRole.DEPUTY_TREASURER, "Trésorier adjoint", "Nicolas FAURE"),
        (BureauRole.SECRETARY, "Secrétaire", "Marie-Françoise CABAL-SCHNEIDER"),
        (BureauRole.MEMBER, "Membre", "Sylvia RICCI"),
    ]
    assert bureau[0].organisation_name == "INTER RELAIS"


def test_seats_carry_offices_and_national_representation(demo_database):
    composition = board_composition(demo_database, END_OF_2020)
    by_name = {seat.person_name: seat for seat in composition.seats}
    assert by_name["Isabelle CHATRY"].offices == ("Présidente",)
    assert by_name["Isabelle CHATRY"].national
    assert by_name["Sylvia RICCI"].national and by_name["Sylvia RICCI"].offices == ("Membre",)
    assert by_name["Camille VERGELY"].offices == () and not by_name["Camille VERGELY"].national
    assert composition.national == ["Isabelle CHATRY", "Sylvia RICCI"]


def test_before_the_assembly_there_is_no_board(demo_database):
    composition = board_composition(demo_database, date(2020, 7, 1))
    assert composition.seats == [] and composition.bureau == [] and composition.national == []


def test_the_demo_staff_in_the_reports_order(demo_database):
    staff = staff_on(demo_database, END_OF_2020)
    assert [(p.person_name, p.site_name) for p in staff] == [
        ("Nicolas IMBERDIS", "Toulouse"),
        ("Rosana VERA", "Toulouse"),
        ("Steve ROUMEAU", "Toulouse"),
        ("Céline POUJADE", "Montpellier (pôle Réalis)"),
        ("Nathalie DELCOUR", "Toulouse"),
    ]
    assert staff[0].job_title == "Secrétaire général"


def test_the_profile_has_two_sites_and_five_missions(demo_database):
    profile = delegation_profile(demo_database)
    assert profile.name == "Coorace Occitanie"
    assert [site.name for site in profile.sites] == ["Toulouse", "Montpellier (pôle Réalis)"]
    assert profile.sites[1].opened_on == date(2020, 1, 9)
    assert [title for title, _ in profile.missions] == ["Représenter", "Participer", "Animer", "Développer", "Accompagner"]


def test_saving_the_profile_updates_sites_in_place_and_rewrites_missions(demo_database):
    profile = delegation_profile(demo_database)
    toulouse = profile.sites[0]
    changed = DelegationProfile(
        name="  Coorace   Occitanie ",
        summary="Résumé.",
        sites=[
            DelegationSiteInfo(toulouse.id, "Toulouse", "3 rue X", "31000", "Toulouse"),
            profile.sites[1],
            DelegationSiteInfo(None, "Perpignan", postcode="66000", city="Perpignan"),
        ],
        missions=[("Représenter", "les adhérents"), ("", "  "), ("Animer", "le réseau")],
    )
    save_delegation_profile(demo_database, changed)
    saved = delegation_profile(demo_database)
    assert saved.name == "Coorace Occitanie" and saved.summary == "Résumé."
    assert [(s.id, s.name, s.postcode) for s in saved.sites][:2] == [(toulouse.id, "Toulouse", "31000"), (profile.sites[1].id, "Montpellier (pôle Réalis)", "")]
    assert saved.sites[2].name == "Perpignan"
    assert saved.missions == [("Représenter", "les adhérents"), ("Animer", "le réseau")]
    # Staff still point at the same Toulouse site.
    assert staff_on(demo_database, END_OF_2020)[0].site_name == "Toulouse"


def test_a_site_with_staff_cannot_be_removed(demo_database):
    profile = delegation_profile(demo_database)
    without_montpellier = DelegationProfile(profile.name, profile.summary, profile.sites[:1], profile.missions)
    with pytest.raises(ValidationError, match="Montpellier .* lieu de travail de 1 poste de l'équipe : changez son site avant"):
        save_delegation_profile(demo_database, without_montpellier)
    assert len(delegation_profile(demo_database).sites) == 2
    montpellier = profile.sites[1].id  # it read « 2 poste(s) de l'équipe »
    save_staff_post(demo_database, StaffDraft(PersonRef(None, "Léa", "Bonnet"), "Chargée de mission", montpellier, date(2021, 3, 1)))
    with pytest.raises(ValidationError, match="lieu de travail de 2 postes de l'équipe : changez leur site avant"):
        save_delegation_profile(demo_database, without_montpellier)


@pytest.mark.parametrize(
    ("profile", "message"),
    [
        (DelegationProfile(" ", ""), "Le nom de la délégation est obligatoire"),
        (DelegationProfile("X", "", missions=[("", "texte sans titre")]), "Le titre de chaque mission"),
        (DelegationProfile("X", "", sites=[DelegationSiteInfo(None, "Y", postcode="123")]), "Code postal invalide"),
    ],
)
def test_a_bad_profile_changes_nothing(demo_database, profile, message):
    before = delegation_profile(demo_database)
    with pytest.raises(ValidationError, match=message):
        save_delegation_profile(demo_database, profile)
    assert delegation_profile(demo_database) == before


def test_an_empty_database_has_an_empty_profile_then_a_saved_one(database):
    assert delegation_profile(database) == DelegationProfile("", "", [], [])
    save_delegation_profile(database, DelegationProfile("Coorace Occitanie", "", [DelegationSiteInfo(None, "Toulouse")], [("Représenter", "")]))
    assert delegation_profile(database).sites[0].name == "Toulouse"
    assert board_composition(database, END_OF_2020).seats == []
