"""General assemblies and staff posts: create, correct, end, delete, with refusals in French."""

from datetime import date

import pytest
from sqlmodel import select, update

from coorace_desktop.domain import BoardMandate, GeneralAssembly, Person, StaffMember, SupportAction
from coorace_desktop.domain.enums import AssemblyKind
from coorace_desktop.domain.governance_drafts import AssemblyDraft, PersonRef, StaffDraft
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.services.governance.composition import staff_on
from coorace_desktop.services.governance.records import (
    assembly_deletion_question,
    delete_assembly,
    delete_staff_post,
    end_staff_post,
    get_assembly,
    get_staff_post,
    save_assembly,
    save_staff_post,
    staff_deletion_question,
)


def test_an_assembly_is_created_corrected_and_deleted(database):
    assembly_id = save_assembly(database, AssemblyDraft(date(2021, 6, 24), "  Toulouse,  Pôle  ", AssemblyKind.EXTRAORDINARY, " Statuts "))
    assert get_assembly(database, assembly_id) == AssemblyDraft(date(2021, 6, 24), "Toulouse, Pôle", AssemblyKind.EXTRAORDINARY, "Statuts", assembly_id)
    save_assembly(database, AssemblyDraft(date(2021, 6, 25), "Montpellier", AssemblyKind.ORDINARY, "", assembly_id))
    assert get_assembly(database, assembly_id).held_on == date(2021, 6, 25)
    assert assembly_deletion_question(database, assembly_id) == "Supprimer l'assemblée générale du 25/06/2021 ?"
    delete_assembly(database, assembly_id)
    with pytest.raises(ValidationError, match="n'existe plus"):
        get_assembly(database, assembly_id)


def test_an_assembly_needs_a_date(database):
    with pytest.raises(ValidationError, match="La date de l'assemblée générale est obligatoire"):
        save_assembly(database, AssemblyDraft(None, "Toulouse"))
    with database.session() as session:
        assert session.exec(select(GeneralAssembly)).all() == []


def test_the_assembly_that_elected_the_board_is_kept(demo_database):
    with demo_database.session() as session:
        assembly_id = session.exec(select(GeneralAssembly.id)).one()
    with pytest.raises(ValidationError, match="02/07/2020 a élu 15 administrateurs :"):
        assembly_deletion_question(demo_database, assembly_id)
    with pytest.raises(ValidationError, match="n'est pas supprimée"):
        delete_assembly(demo_database, assembly_id)
    assert get_assembly(demo_database, assembly_id).held_on == date(2020, 7, 2)
    with demo_database.session() as session:  # it read « a élu 1 administrateur(s) »
        kept = session.exec(select(BoardMandate.id).where(BoardMandate.assembly_id == assembly_id)).first()
        session.exec(update(BoardMandate).where(BoardMandate.id != kept).values(assembly_id=None))
    with pytest.raises(ValidationError, match="02/07/2020 a élu 1 administrateur :"):
        assembly_deletion_question(demo_database, assembly_id)


def test_a_new_staff_member_and_a_departure(demo_database):
    montpellier = staff_on(demo_database, date(2021, 1, 1))[3].site_id
    post_id = save_staff_post(
        demo_database, StaffDraft(PersonRef(None, "Léa", "Bonnet"), "  Chargée de  mission ", montpellier, date(2021, 3, 1))
    )
    assert len(staff_on(demo_database, date(2021, 2, 28))) == 5
    newcomer = staff_on(demo_database, date(2021, 3, 1))[-1]
    assert (newcomer.person_name, newcomer.job_title, newcomer.site_name) == ("Léa BONNET", "Chargée de mission", "Montpellier (pôle Réalis)")
    end_staff_post(demo_database, post_id, date(2022, 8, 31))
    assert "Léa BONNET" not in [p.person_name for p in staff_on(demo_database, date(2022, 8, 31))]
    with pytest.raises(ValidationError, match="se termine déjà le 31/08/2022"):
        end_staff_post(demo_database, post_id, date(2022, 9, 30))
    intern = save_staff_post(demo_database, StaffDraft(PersonRef(newcomer.person_id), "Stagiaire", None, date(2023, 1, 1)))
    with pytest.raises(ValidationError, match="antérieure au début"):
        end_staff_post(demo_database, intern, date(2022, 1, 1))


def test_a_post_is_corrected_and_keeps_its_person(demo_database):
    post = staff_on(demo_database, date(2021, 1, 1))[0]
    draft = get_staff_post(demo_database, post.id)
    assert draft.person == PersonRef(post.person_id) and draft.job_title == "Secrétaire général"
    save_staff_post(demo_database, StaffDraft(draft.person, "Directeur", draft.site_id, date(2015, 9, 1), None, draft.id))
    assert staff_on(demo_database, date(2021, 1, 1))[0].job_title == "Directeur"
    assert staff_on(demo_database, date(2015, 8, 31))[0].person_name != "Nicolas IMBERDIS"


def test_a_staff_member_is_not_typed_twice(demo_database):
    with pytest.raises(ValidationError, match="Nicolas IMBERDIS est déjà enregistré·e"):
        save_staff_post(demo_database, StaffDraft(PersonRef(None, "Nicolas", "Imberdis"), "Directeur"))
    with pytest.raises(ValidationError, match="L'intitulé du poste est obligatoire"):
        save_staff_post(demo_database, StaffDraft(PersonRef(None, "Léa", "Bonnet"), " "))
    with demo_database.session() as session:
        assert session.exec(select(Person).where(Person.last_name == "Bonnet")).all() == []


def test_a_post_named_by_support_actions_is_not_deleted(demo_database):
    post = staff_on(demo_database, date(2021, 1, 1))[1]
    with demo_database.session() as session:
        action = session.exec(select(SupportAction)).first()
        action.officer_id = post.id
        session.add(action)
    with pytest.raises(ValidationError, match="cité par 1 action d'accompagnement :"):  # not « 1 action(s) »
        delete_staff_post(demo_database, post.id)
    with demo_database.session() as session:
        second = session.exec(select(SupportAction).where(SupportAction.id != action.id)).first()
        second.officer_id = post.id
        session.add(second)
    with pytest.raises(ValidationError, match="cité par 2 actions d'accompagnement :"):
        delete_staff_post(demo_database, post.id)
    other = staff_on(demo_database, date(2021, 1, 1))[2]
    assert "saisi par erreur" in staff_deletion_question(demo_database, other.id)
    delete_staff_post(demo_database, other.id)
    with demo_database.session() as session:
        assert session.get(StaffMember, other.id) is None
        assert session.get(Person, other.person_id) is not None
