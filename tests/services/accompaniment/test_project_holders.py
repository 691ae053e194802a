"""Project holders: the list, refusals, and conversion into a member that keeps the history."""

from dataclasses import replace
from datetime import date

import pytest

from coorace_desktop.domain.accompaniment_rules import BeneficiaryKind, BeneficiaryRef, ProjectHolderDraft
from coorace_desktop.domain.enums import ActionKind, ProjectHolderStatus
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.services.accompaniment.actions import create_action, search_beneficiaries
from coorace_desktop.services.accompaniment.actions_list import action_page, count_actions
from coorace_desktop.services.accompaniment.project_holders import (
    convert_to_member,
    count_project_holders,
    create_project_holder,
    delete_project_holder,
    get_project_holder,
    project_holder_deletion_question,
    project_holder_page,
    update_project_holder,
)
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.services.members import organisations as members

DRAFT = ProjectHolderDraft(
    name="Recyclerie des Causses", contact_name="Marie  Dupont", email="marie@causses.fr", phone="0561678037",
    project="Atelier de réemploi", territory="Causse de Gramat", department="46",
)


def test_create_cleans_and_lists(database):
    holder_id = create_project_holder(database, DRAFT)
    stored = get_project_holder(database, holder_id)
    assert (stored.contact_name, stored.phone) == ("Marie Dupont", "05 61 67 80 37")
    [row] = project_holder_page(database, ListQuery(search="recyclerie causses"), 0, 10)
    assert (row.id, row.department, row.status, row.actions) == (holder_id, "46", ProjectHolderStatus.CONTACT, 0)
    assert count_project_holders(database, ListQuery().with_filter("status", ProjectHolderStatus.SUPPORTED)) == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [({"name": "  "}, "nom est obligatoire"), ({"email": "marie@"}, "e-mail invalide"), ({"department": "99"}, "Département inconnu")],
)
def test_bad_input_changes_nothing(database, change, message):
    holder_id = create_project_holder(database, DRAFT)
    with pytest.raises(ValidationError, match=message):
        update_project_holder(database, holder_id, replace(DRAFT, **change))
    assert get_project_holder(database, holder_id) == replace(DRAFT, contact_name="Marie Dupont", phone="05 61 67 80 37")


def test_a_holder_with_actions_is_not_deleted(database, log):
    create_action(database, log.draft("Zest'", ActionKind.ADVICE, log.holder("Ferme de Lézat")))
    with pytest.raises(ValidationError, match="« Ferme de Lézat » a 1 action d'accompagnement : .* « Abandonné »"):
        delete_project_holder(database, log.holders["Ferme de Lézat"])
    create_action(database, log.draft("Zest'", ActionKind.ADVICE, log.holder("Ferme de Lézat")))  # « 2 action(s) » before
    with pytest.raises(ValidationError, match="« Ferme de Lézat » a 2 actions d'accompagnement :"):
        delete_project_holder(database, log.holders["Ferme de Lézat"])
    assert "Recyclerie du Lot" in project_holder_deletion_question(database, log.holders["Recyclerie du Lot"])
    delete_project_holder(database, log.holders["Recyclerie du Lot"])
    assert count_project_holders(database, ListQuery()) == 1


def test_conversion_makes_a_member_that_keeps_the_history(database, log):
    holder_id = create_project_holder(database, DRAFT)
    ref = BeneficiaryRef(BeneficiaryKind.PROJECT_HOLDER, holder_id)
    create_action(database, log.draft("Zest'", ActionKind.ADVICE, ref, action_date=date(2024, 1, 10), notes="Premier rendez-vous"))

    organisation_id = convert_to_member(database, holder_id, joined_on=date(2024, 9, 1))

    organisation = members.get_organisation(database, organisation_id)
    assert organisation.name == "Recyclerie des Causses"
    assert organisation.memberships[0].joined_on == date(2024, 9, 1)
    assert organisation.contacts[0].last_name == "Dupont" and organisation.contacts[0].email == "marie@causses.fr"
    assert get_project_holder(database, holder_id).status == ProjectHolderStatus.CONVERTED
    [row] = project_holder_page(database, ListQuery(search="causses"), 0, 10)
    assert row.organisation == "Recyclerie des Causses"
    # the member's history shows what was done for it as a project holder
    member_ref = BeneficiaryRef(BeneficiaryKind.ORGANISATION, organisation_id)
    [action] = action_page(database, ListQuery().with_filter("beneficiary", member_ref), 0, 10)
    assert action.notes == "Premier rendez-vous" and action.beneficiary_kind == "Porteur de projet"
    # new actions go to the member: the holder is no longer offered
    assert [choice.ref.kind for choice in search_beneficiaries(database, "causses")] == ["organisation"]
    with pytest.raises(ValidationError, match="déjà adhérent"):
        convert_to_member(database, holder_id)


def test_conversion_onto_an_existing_member(database, log):
    holder_id = log.holders["Recyclerie du Lot"]
    assert convert_to_member(database, holder_id, organisation_id=log.organisations["AJE"]) == log.organisations["AJE"]
    assert count_actions(database, ListQuery()) == 0
    with pytest.raises(ValidationError, match="« Convertir en adhérent »"):
        update_project_holder(database, log.holders["Ferme de Lézat"],
                              ProjectHolderDraft(name="Ferme de Lézat", status=ProjectHolderStatus.CONVERTED))
