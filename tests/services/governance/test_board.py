"""Board commands on the demo data: elections, resignations, bureau offices, national seats."""

from datetime import date

import pytest
from sqlmodel import select

from coorace_desktop.domain import BoardMandate, Membership, Organisation, Person
from coorace_desktop.domain.enums import AssemblyKind, BureauRole
from coorace_desktop.domain.governance_drafts import (
    AssemblyDraft,
    ElectionDraft,
    MandateEndDraft,
    OfficeDraft,
    PersonRef,
    SeatDraft,
)
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.services.governance.board import (
    assign_office,
    delete_mandate,
    elect_board,
    election_warnings,
    end_mandate,
    end_national_seat,
    end_office,
    renewal_endings,
    start_national_seat,
)
from coorace_desktop.services.governance.composition import board_composition
from coorace_desktop.services.governance.records import save_assembly

ELECTED = date(2020, 7, 2)
AG_2023 = date(2023, 6, 29)


def ids(database, model, **where):
    with database.session() as session:
        statement = select(model)
        for name, value in where.items():
            statement = statement.where(getattr(model, name) == value)
        return session.exec(statement).one().id


def seat_of(database, last_name, on=date(2021, 1, 1)):
    return next(s for s in board_composition(database, on).seats if s.person_name.endswith(last_name))


def new_assembly(database, held_on=AG_2023):
    return save_assembly(database, AssemblyDraft(held_on, "Toulouse", AssemblyKind.ORDINARY))


def test_a_new_board_elected_with_renewal_ends_the_sitting_one(demo_database):
    assembly = new_assembly(demo_database)
    chatry = ids(demo_database, Person, last_name="CHATRY")
    draft = ElectionDraft(
        assembly,
        AG_2023,
        (
            SeatDraft(PersonRef(chatry), ids(demo_database, Organisation, name="INTER RELAIS")),
            SeatDraft(PersonRef(None, "Jeanne", "Martin"), ids(demo_database, Organisation, name="AVIE")),
        ),
        renew=True,
    )
    result = elect_board(demo_database, draft)
    assert len(result.mandate_ids) == 2 and result.warnings == []
    before, after = board_composition(demo_database, date(2023, 6, 28)), board_composition(demo_database, AG_2023)
    assert len(before.seats) == 15 and len(before.bureau) == 6 and len(before.national) == 2
    assert [(s.organisation_name, s.person_name) for s in after.seats] == [("AVIE", "Jeanne MARTIN"), ("INTER RELAIS", "Isabelle CHATRY")]
    assert after.bureau == [] and after.national == []
    # History kept: Chatry's 2020 mandate ended with a reason, and a new one started.
    old = seat_of(demo_database, "CHATRY")
    assert old.end_on == AG_2023 and old.end_reason == "Renouvellement du conseil (AG du 29/06/2023)"
    assert seat_of(demo_database, "CHATRY", AG_2023).mandate_id in result.mandate_ids


def test_a_renewal_says_which_offices_and_national_seats_it_ends(demo_database):
    endings = renewal_endings(demo_database, AG_2023)
    assert endings.offices == [
        "Présidente : Isabelle CHATRY", "Vice-présidente : Martine FROGER", "Trésorier : Bruno PEGAS",
        "Trésorier adjoint : Nicolas FAURE", "Secrétaire : Marie-Françoise CABAL-SCHNEIDER", "Membre : Sylvia RICCI",
    ]
    assert endings.national == ["Isabelle CHATRY", "Sylvia RICCI"]
    assert renewal_endings(demo_database, ELECTED) == renewal_endings(demo_database, date(2019, 1, 1))  # nothing sat then


def test_a_renewal_keeping_the_bureau_gives_re_elected_members_their_office_again(demo_database):
    assembly = new_assembly(demo_database)
    chatry, pegas = ids(demo_database, Person, last_name="CHATRY"), ids(demo_database, Person, last_name="PEGAS")
    seats = (
        SeatDraft(PersonRef(chatry), ids(demo_database, Organisation, name="INTER RELAIS")),
        SeatDraft(PersonRef(pegas), ids(demo_database, Organisation, name="IDDEES")),
    )
    elect_board(demo_database, ElectionDraft(assembly, AG_2023, seats, renew=True, keep_bureau=True))
    after = board_composition(demo_database, AG_2023)
    assert [(b.role_label, b.person_name, b.start_on) for b in after.bureau] == [
        ("Présidente", "Isabelle CHATRY", AG_2023), ("Trésorier", "Bruno PEGAS", AG_2023)
    ]
    assert after.national == ["Isabelle CHATRY"]
    assert len(board_composition(demo_database, date(2023, 6, 28)).bureau) == 6, "the old bureau's history stays"


def test_a_sitting_member_cannot_be_elected_again_without_renewal(demo_database):
    assembly = new_assembly(demo_database)
    chatry = ids(demo_database, Person, last_name="CHATRY")
    draft = ElectionDraft(assembly, AG_2023, (SeatDraft(PersonRef(chatry), ids(demo_database, Organisation, name="INTER RELAIS")),))
    with pytest.raises(ValidationError, match="Isabelle CHATRY siège déjà au conseil d'administration"):
        elect_board(demo_database, draft)
    assert len(board_composition(demo_database, AG_2023).seats) == 15


def test_a_person_already_recorded_is_not_typed_twice(demo_database):
    assembly = new_assembly(demo_database)
    draft = ElectionDraft(assembly, AG_2023, (SeatDraft(PersonRef(None, "isabelle", "Chatry"), ids(demo_database, Organisation, name="AVIE")),))
    with pytest.raises(ValidationError, match="Isabelle CHATRY est déjà enregistré·e : choisissez cette personne"):
        elect_board(demo_database, draft)
    with demo_database.session() as session:
        assert len(session.exec(select(Person).where(Person.name_key == "chatry isabelle")).all()) == 1


def test_a_former_member_is_warned_about_but_elected(demo_database):
    avie = ids(demo_database, Organisation, name="AVIE")
    with demo_database.session() as session:
        membership = session.exec(select(Membership).where(Membership.organisation_id == avie)).one()
        membership.left_on = date(2022, 12, 31)
        session.add(membership)
    assert election_warnings(demo_database, [avie], AG_2023) == [
        "AVIE n'est pas adhérent au 29/06/2023 : vérifiez qu'il peut être représenté au conseil."
    ]
    result = elect_board(demo_database, ElectionDraft(new_assembly(demo_database), AG_2023, (SeatDraft(PersonRef(None, "Jeanne", "MARTIN"), avie),)))
    assert result.warnings and len(result.mandate_ids) == 1


def test_an_invalid_election_changes_nothing(demo_database):
    assembly = new_assembly(demo_database)
    avie = ids(demo_database, Organisation, name="AVIE")
    duplicate = (SeatDraft(PersonRef(None, "Jeanne", "MARTIN"), avie), SeatDraft(PersonRef(None, "Jeanne", "Martin"), avie))
    with pytest.raises(ValidationError, match="déjà dans la liste des élus"):
        elect_board(demo_database, ElectionDraft(assembly, AG_2023, duplicate, renew=True))
    with pytest.raises(ValidationError, match="antérieure au début"):
        elect_board(demo_database, ElectionDraft(assembly, AG_2023, duplicate[:1], end_on=date(2023, 1, 1), renew=True))
    assert len(board_composition(demo_database, AG_2023).seats) == 15


def test_a_resignation_ends_the_mandate_and_its_offices_at_a_date(demo_database):
    froger = seat_of(demo_database, "FROGER")
    end_mandate(demo_database, MandateEndDraft(froger.mandate_id, froger.start_on, date(2021, 3, 15), "Démission"))
    assert "Martine FROGER" in [s.person_name for s in board_composition(demo_database, date(2021, 3, 14)).seats]
    later = board_composition(demo_database, date(2021, 3, 15))
    assert len(later.seats) == 14 and "Vice-présidente" not in [b.role_label for b in later.bureau]
    assert seat_of(demo_database, "FROGER").end_reason == "Démission"
    with pytest.raises(ValidationError, match="se termine déjà le 15/03/2021"):
        end_mandate(demo_database, MandateEndDraft(froger.mandate_id, froger.start_on, date(2021, 4, 1)))
    with pytest.raises(ValidationError, match="antérieure au début"):
        end_mandate(demo_database, MandateEndDraft(froger.mandate_id, froger.start_on, date(2020, 1, 1)))


def test_one_holder_per_office_and_one_office_per_person(demo_database):
    vergely = seat_of(demo_database, "VERGELY")
    with pytest.raises(ValidationError, match="Présidente est déjà occupée par Isabelle CHATRY"):
        assign_office(demo_database, OfficeDraft(vergely.mandate_id, BureauRole.PRESIDENT, date(2021, 1, 1)))
    chatry = seat_of(demo_database, "CHATRY")
    with pytest.raises(ValidationError, match="Isabelle CHATRY est déjà Présidente du bureau"):
        assign_office(demo_database, OfficeDraft(chatry.mandate_id, BureauRole.MEMBER, date(2021, 1, 1)))
    # "Membre" may be held by several board members at once.
    assign_office(demo_database, OfficeDraft(vergely.mandate_id, BureauRole.MEMBER, date(2021, 1, 1)))
    bureau = board_composition(demo_database, date(2021, 1, 1)).bureau
    assert [b.person_name for b in bureau if b.role is BureauRole.MEMBER] == ["Sylvia RICCI", "Camille VERGELY"]


def test_a_new_president_after_the_office_ended(demo_database):
    office = next(b for b in board_composition(demo_database, date(2021, 1, 1)).bureau if b.role is BureauRole.PRESIDENT)
    end_office(demo_database, office.office_id, date(2022, 1, 1))
    vergely = seat_of(demo_database, "VERGELY")
    assign_office(demo_database, OfficeDraft(vergely.mandate_id, BureauRole.PRESIDENT, date(2022, 1, 1)))
    assert board_composition(demo_database, date(2021, 12, 31)).bureau[0].person_name == "Isabelle CHATRY"
    assert board_composition(demo_database, date(2022, 1, 1)).bureau[0].person_name == "Camille VERGELY"
    assert seat_of(demo_database, "CHATRY", date(2022, 1, 1)).offices == ()


def test_an_office_lies_within_the_mandate(demo_database):
    vergely = seat_of(demo_database, "VERGELY")
    with pytest.raises(ValidationError, match="dépasse le mandat"):
        assign_office(demo_database, OfficeDraft(vergely.mandate_id, BureauRole.MEMBER, date(2020, 1, 1)))
    end_mandate(demo_database, MandateEndDraft(vergely.mandate_id, vergely.start_on, date(2021, 6, 1)))
    with pytest.raises(ValidationError, match="dépasse le mandat"):
        assign_office(demo_database, OfficeDraft(vergely.mandate_id, BureauRole.MEMBER, date(2021, 7, 1)))
    # Given within an ended mandate, the office ends with it.
    assign_office(demo_database, OfficeDraft(vergely.mandate_id, BureauRole.MEMBER, date(2021, 1, 1)))
    assert seat_of(demo_database, "VERGELY", date(2021, 5, 31)).offices == ("Membre",)


def test_national_seats_start_and_end(demo_database):
    vergely = seat_of(demo_database, "VERGELY")
    start_national_seat(demo_database, vergely.mandate_id, date(2021, 1, 1))
    assert board_composition(demo_database, date(2021, 1, 1)).national == ["Isabelle CHATRY", "Sylvia RICCI", "Camille VERGELY"]
    with pytest.raises(ValidationError, match="représente déjà la région"):
        start_national_seat(demo_database, vergely.mandate_id, date(2021, 2, 1))
    end_national_seat(demo_database, vergely.mandate_id, date(2021, 6, 1))
    assert "Camille VERGELY" not in board_composition(demo_database, date(2021, 6, 1)).national
    with pytest.raises(ValidationError, match="ne représente pas la région"):
        end_national_seat(demo_database, vergely.mandate_id, date(2021, 7, 1))


def test_mandates_ending_within_three_months_are_flagged(demo_database):
    elect_board(
        demo_database,
        ElectionDraft(new_assembly(demo_database), AG_2023, (SeatDraft(PersonRef(None, "Jeanne", "MARTIN"), ids(demo_database, Organisation, name="AVIE")),), end_on=date(2026, 6, 29)),
    )
    assert seat_of(demo_database, "MARTIN", date(2026, 3, 29)).ends_soon
    assert not seat_of(demo_database, "MARTIN", date(2026, 3, 28)).ends_soon


def test_a_mandate_entered_by_mistake_is_deleted_with_its_offices(demo_database):
    chatry = seat_of(demo_database, "CHATRY")
    delete_mandate(demo_database, chatry.mandate_id)
    composition = board_composition(demo_database, date(2021, 1, 1))
    assert len(composition.seats) == 14 and composition.bureau[0].role is BureauRole.VICE_PRESIDENT
    assert composition.national == ["Sylvia RICCI"]
    with demo_database.session() as session:
        assert session.get(BoardMandate, chatry.mandate_id) is None
    with pytest.raises(ValidationError, match="Ce mandat n'existe plus"):
        end_mandate(demo_database, MandateEndDraft(chatry.mandate_id, chatry.start_on, date(2021, 1, 1)))


def test_an_organisation_already_represented_is_warned_about(demo_database):
    chorus = ids(demo_database, Organisation, name="CHORUS")
    avie = ids(demo_database, Organisation, name="AVIE")
    sitting = "CHORUS est déjà représenté au conseil par Sylvia RICCI : vérifiez qu'un second siège est voulu."
    assert election_warnings(demo_database, [chorus], AG_2023) == [sitting]
    # With a renewal, the sitting board is about to end: only the list itself counts.
    assert election_warnings(demo_database, [chorus], AG_2023, renew=True) == []
    assert election_warnings(demo_database, [avie, chorus, avie], AG_2023, renew=True) == ["AVIE est représenté 2 fois dans cette élection."]
    result = elect_board(demo_database, ElectionDraft(new_assembly(demo_database), AG_2023, (SeatDraft(PersonRef(None, "Jeanne", "MARTIN"), chorus),)))
    assert result.warnings == [sitting] and len(result.mandate_ids) == 1
