"""Validation of the organisation draft: one French message per field key, cleaned values."""

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coorace_desktop.domain.enums import DatePrecision
from coorace_desktop.domain.members import (
    ContactDraft,
    DraftInvalid,
    FiguresDraft,
    MembershipDraft,
    OrganisationDraft,
    SiteDraft,
    clean_organisation,
    membership_joined,
    shown_joined,
    validate_organisation,
)

VALID = OrganisationDraft(
    name="  Hérisson   Bellor ",
    sites=(SiteDraft(address="Domaine de Garabaud", postcode="09270", city="Mazères", phone="0561694080", email="PR.HB@wanadoo.fr"),),
    contacts=(ContactDraft(last_name="Martin", first_name="Claire", role="Directrice", email="claire@hb.fr"),),
    memberships=(MembershipDraft(joined_on=date(2015, 1, 1)),),
    figures=(FiguresDraft(year=2019, turnover=1_200_000), FiguresDraft(year=2020, turnover=1_100_000, fte=12.5)),
)


def test_a_complete_draft_is_valid_and_cleaned():
    assert validate_organisation(VALID) == {}
    cleaned = clean_organisation(VALID)
    assert cleaned.name == "Hérisson Bellor"
    site = cleaned.sites[0]
    assert (site.department, site.phone, site.email) == ("09", "05 61 69 40 80", "PR.HB@wanadoo.fr")


def test_the_name_is_required():
    assert validate_organisation(OrganisationDraft(name="   ")) == {"name": "Le nom est obligatoire."}


def test_site_errors_name_their_row_and_field():
    draft = OrganisationDraft(
        name="X",
        sites=(SiteDraft(city="Foix", postcode="09000"), SiteDraft(city="", postcode="123", phone="12", email="pas-un-mail")),
    )
    errors = validate_organisation(draft)
    assert set(errors) == {"sites.1.city", "sites.1.postcode", "sites.1.phone", "sites.1.email"}
    assert errors["sites.1.postcode"].startswith("Code postal invalide")
    assert errors["sites.1.email"] == "Adresse e-mail invalide : pas-un-mail."


def test_a_department_contradicting_the_postcode_is_refused():
    draft = OrganisationDraft(name="X", sites=(SiteDraft(city="Revel", postcode="31250", department="81"),))
    assert validate_organisation(draft) == {"sites.0.department": "Le code postal 31250 est dans le département 31, pas 81."}


def test_the_same_person_twice_is_refused():
    draft = OrganisationDraft(
        name="X",
        contacts=(
            ContactDraft(last_name="Martin", first_name="Claire"),
            ContactDraft(last_name="MARTIN", first_name="Claire"),
            ContactDraft(last_name="Durand", person_id=7),
            ContactDraft(last_name="Durand", person_id=7),
        ),
    )
    errors = validate_organisation(draft)
    assert errors == {
        "contacts.1.last_name": "Cette personne figure déjà parmi les contacts.",
        "contacts.3.last_name": "Cette personne figure déjà parmi les contacts.",
    }


def test_membership_periods_must_be_ordered_and_not_overlap():
    backwards = OrganisationDraft(name="X", memberships=(MembershipDraft(date(2020, 5, 1), date(2019, 1, 1)),))
    assert "memberships.0.left_on" in validate_organisation(backwards)
    overlapping = OrganisationDraft(
        name="X", memberships=(MembershipDraft(date(2010, 1, 1), None), MembershipDraft(date(2015, 1, 1), date(2016, 1, 1)))
    )
    assert validate_organisation(overlapping) == {"memberships.1.joined_on": "Cette période d'adhésion chevauche une autre période."}
    successive = OrganisationDraft(
        name="X", memberships=(MembershipDraft(date(2018, 1, 1), None), MembershipDraft(date(2010, 1, 1), date(2012, 1, 1)))
    )
    assert validate_organisation(successive) == {}


def test_figures_one_per_year_and_never_negative():
    draft = OrganisationDraft(
        name="X",
        figures=(FiguresDraft(2020, gross_wages=-1), FiguresDraft(2020), FiguresDraft(1800)),
    )
    errors = validate_organisation(draft)
    assert errors == {
        "figures.0.gross_wages": "Ce chiffre ne peut pas être négatif.",
        "figures.1.year": "Les chiffres de 2020 sont déjà saisis.",
        "figures.2.year": "Année invalide : 1800.",
    }


def test_clean_refuses_an_invalid_draft_with_every_error():
    with pytest.raises(DraftInvalid) as raised:
        clean_organisation(OrganisationDraft(name="", siret="123"))
    assert set(raised.value.errors) == {"name", "siret"}
    assert str(raised.value) == "Le nom est obligatoire."


def test_figures_for_a_year():
    assert VALID.figures_for(2020).fte == 12.5
    assert VALID.figures_for(2018) is None


@given(st.text(max_size=40), st.text(max_size=12), st.text(max_size=30))
def test_validation_never_crashes_and_only_names_known_fields(name, postcode, email):
    draft = OrganisationDraft(name=name, sites=(SiteDraft(city="Foix", postcode=postcode, email=email),))
    errors = validate_organisation(draft)
    assert set(errors) <= {"name", "sites.0.postcode", "sites.0.department", "sites.0.email"}
    assert all(isinstance(message, str) and message for message in errors.values())


@pytest.mark.parametrize(
    ("typed", "joined_on", "precision", "shown"),
    [
        ("2015", date(2015, 1, 1), DatePrecision.YEAR, "2015"),
        (" 03/2015 ", date(2015, 3, 1), DatePrecision.MONTH, "03/2015"),
        ("mars 2015", date(2015, 3, 1), DatePrecision.MONTH, "03/2015"),
        ("15/03/2016", date(2016, 3, 15), DatePrecision.DAY, "15/03/2016"),
    ],
)
def test_a_joining_date_is_a_day_a_month_or_a_year_shown_back_as_typed(typed, joined_on, precision, shown):
    period = MembershipDraft(**membership_joined(typed))
    assert (period.joined_on, period.joined_precision) == (joined_on, precision)
    assert shown_joined(period) == shown
    assert validate_organisation(replace(VALID, memberships=(period,))) == {}


def test_a_joining_date_that_is_none_is_kept_and_refused_in_french():
    assert membership_joined("  ") == {"joined_on": None}
    period = MembershipDraft(**membership_joined("l'an dernier"))
    assert shown_joined(period) == "l'an dernier", "the form gives back what was typed"
    assert validate_organisation(replace(VALID, memberships=(*VALID.memberships, period))) == {
        "memberships.1.joined_on": "La date d'adhésion : date attendue (2015, 03/2015, 01/03/2015 ou 1er mars 2015), pas « l'an dernier »."
    }
    assert "memberships.0.joined_on" in validate_organisation(replace(VALID, memberships=(MembershipDraft(**membership_joined("31/02/2016")),)))
