"""Members commands: the draft round trip, shared persons, deletion rules, duplicates."""

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func
from sqlmodel import select

from coorace_desktop.domain import Contact, Organisation, Person, Site
from coorace_desktop.domain.enums import DatePrecision, SiaeType
from coorace_desktop.domain.members import (
    ContactDraft,
    DraftInvalid,
    FiguresDraft,
    MembershipDraft,
    OrganisationDraft,
    SiteDraft,
    membership_joined,
)
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.services.health import counts
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.services.members import organisations as members
from coorace_desktop.services.members.organisation_list import list_members
from coorace_desktop.services.members.organisations import MemberRefusal, OrganisationNotFoundError, PersonNotFoundError

NEW = OrganisationDraft(
    name="Régie de Quartier Éole",
    types=frozenset({SiaeType.ACI, SiaeType.AI}),
    sites=(
        SiteDraft(address="3 place du Marché", postcode="81100", city="Castres", phone="0563000000", email="contact@eole.fr"),
        SiteDraft(postcode="34000", city="Montpellier"),
    ),
    contacts=(ContactDraft(last_name="Lefèvre", first_name="Anaïs", role="Directrice", email="anais@eole.fr"),),
    memberships=(MembershipDraft(joined_on=date(2019, 3, 1)),),
    figures=(FiguresDraft(2019, turnover=800_000, fte=10.5), FiguresDraft(2020, turnover=900_000, insertion_hours=12_000)),
)


def organisation_id(database, name: str) -> int:
    with database.session() as session:
        return session.exec(select(Organisation.id).where(Organisation.name == name)).one()


def person_count(database) -> int:
    with database.session() as session:
        return session.exec(select(func.count()).select_from(Person)).one()


def test_a_new_organisation_round_trips_cleaned(database):
    new_id = members.save_organisation(database, NEW)
    saved = members.get_organisation(database, new_id)
    assert saved.id == new_id
    assert saved.types == {SiaeType.ACI, SiaeType.AI}
    assert [(s.city, s.department, s.phone) for s in saved.sites] == [("Castres", "81", "05 63 00 00 00"), ("Montpellier", "34", "")]
    assert saved.contacts[0].full_name == "Anaïs LEFÈVRE" and saved.contacts[0].person_id is not None
    assert saved.memberships[0].joined_on == date(2019, 3, 1)
    assert saved.figures_for(2019).fte == 10.5 and saved.figures_for(2020).insertion_hours == 12_000


def test_saving_keeps_the_search_keys_up_to_date(database):
    new_id = members.save_organisation(database, NEW)
    with database.session() as session:
        organisation = session.get(Organisation, new_id)
        assert organisation.name_key == "regie de quartier eole"
        for word in ("castres", "montpellier", "contact eole fr", "anais lefevre", "anais eole fr"):
            assert word in organisation.search_key
    members.save_organisation(database, replace(members.get_organisation(database, new_id), name="Éole Services", contacts=()))
    with database.session() as session:
        organisation = session.get(Organisation, new_id)
        assert organisation.name_key == "eole services"
        assert "lefevre" not in organisation.search_key


def test_an_update_adds_changes_and_removes_rows(database):
    new_id = members.save_organisation(database, NEW)
    draft = members.get_organisation(database, new_id)
    castres = draft.sites[0]
    edited = replace(
        draft,
        types=frozenset({SiaeType.EI}),
        sites=(SiteDraft(postcode="09000", city="Foix"), replace(castres, city="Castres Centre")),
        figures=(replace(draft.figures_for(2020), turnover=950_000),),
    )
    members.save_organisation(database, edited)
    saved = members.get_organisation(database, new_id)
    assert saved.types == {SiaeType.EI}
    assert [s.city for s in saved.sites] == ["Foix", "Castres Centre"]
    assert saved.sites[1].id == castres.id, "an edited site keeps its row"
    assert [(f.year, f.turnover) for f in saved.figures] == [(2020, 950_000)]


def test_a_contact_can_name_a_recorded_person_without_typing_them_again(demo_database):
    choices = members.find_persons(demo_database, "chatry")
    assert [c.full_name for c in choices] == ["Isabelle CHATRY"]
    before = person_count(demo_database)
    chatry = choices[0]
    draft = replace(NEW, contacts=(ContactDraft(last_name=chatry.last_name, first_name=chatry.first_name, person_id=chatry.id, role="Présidente", email="i.chatry@example.org"),))
    new_id = members.save_organisation(demo_database, draft)
    assert person_count(demo_database) == before
    with demo_database.session() as session:
        assert session.get(Person, chatry.id).email == "i.chatry@example.org"
        roles = session.exec(select(Contact.organisation_id).where(Contact.person_id == chatry.id)).all()
    assert new_id in roles and len(roles) == 2, "the same person now acts for two organisations"


def test_a_recorded_person_keeps_their_name_when_named_as_a_contact(demo_database):
    chatry = members.find_persons(demo_database, "isabelle chatry")[0]
    typed = ContactDraft(last_name="Chatry", first_name="isabelle", person_id=chatry.id, phone="0561000000")
    members.save_organisation(demo_database, replace(NEW, contacts=(typed,)))
    assert members.get_person(demo_database, chatry.id) == replace(chatry, phone="05 61 00 00 00")
    with pytest.raises(PersonNotFoundError, match="n'existe plus"):
        members.get_person(demo_database, 99_999)


def test_an_invalid_draft_changes_nothing(demo_database):
    before = counts(demo_database)
    with pytest.raises(DraftInvalid) as raised:
        members.save_organisation(demo_database, replace(NEW, sites=(SiteDraft(city="Albi", postcode="8100"),)))
    assert "sites.0.postcode" in raised.value.errors
    assert counts(demo_database) == before


def test_a_failure_half_way_rolls_the_whole_save_back(demo_database, monkeypatch):
    aje = organisation_id(demo_database, "AJE")
    draft = replace(members.get_organisation(demo_database, aje), name="AJE renommée")
    before = counts(demo_database)

    def broken(*_args):
        raise RuntimeError("disk unplugged")

    monkeypatch.setattr(members, "_save_contacts", broken)
    with pytest.raises(RuntimeError):
        members.save_organisation(demo_database, replace(draft, sites=()))
    assert members.get_organisation(demo_database, aje).name == "AJE"
    assert counts(demo_database) == before


def test_updating_a_deleted_organisation_is_refused(database):
    new_id = members.save_organisation(database, NEW)
    members.delete_organisation(database, new_id)
    with pytest.raises(OrganisationNotFoundError, match="n'existe plus"):
        members.save_organisation(database, replace(NEW, id=new_id))


def test_deletion_is_refused_while_a_board_mandate_refers_to_it(demo_database):
    aje = organisation_id(demo_database, "AJE")
    with pytest.raises(MemberRefusal) as raised:
        members.deletion_question(demo_database, aje)
    assert str(raised.value).startswith("« AJE » ne peut pas être supprimé : il est cité par 1 mandat au conseil d'administration.")
    with pytest.raises(MemberRefusal):
        members.delete_organisation(demo_database, aje)
    assert members.get_organisation(demo_database, aje).name == "AJE"


def test_deletion_says_what_goes_with_it_and_keeps_the_persons(demo_database):
    avie = organisation_id(demo_database, "AVIE")
    members.save_organisation(demo_database, replace(members.get_organisation(demo_database, avie), contacts=NEW.contacts))
    question = members.deletion_question(demo_database, avie)
    assert "« AVIE »" in question
    assert "Seront aussi supprimés : 2 sites, 1 contact, 1 période d'adhésion." in question
    persons = person_count(demo_database)
    members.delete_organisation(demo_database, avie)
    with demo_database.session() as session:
        assert session.get(Organisation, avie) is None
        assert session.exec(select(func.count()).select_from(Site).where(Site.organisation_id == avie)).one() == 0
    assert person_count(demo_database) == persons


def test_every_reference_to_organisations_is_either_blocking_or_dependent():
    from sqlmodel import SQLModel

    referring = {
        table.name
        for table in SQLModel.metadata.tables.values()
        for key in table.foreign_keys
        if key.column.table.name == "organisations" and key.ondelete != "SET NULL" and table.name != "organisation_types"
    }
    handled = {model.__tablename__ for model in (*members.BLOCKING_REFERENCES, *members.DEPENDENTS)}
    assert referring == handled


def test_possible_duplicates_by_folded_name_similar_name_and_email(demo_database):
    found = members.find_possible_duplicates(demo_database, "Hérisson-Bellor", [])
    assert [(d.name, d.reason) for d in found] == [("HERISSON BELLOR", "même nom")]
    similar = members.find_possible_duplicates(demo_database, "Vallées Village Montagne", [])
    assert similar[0].name == "VALLEES VILLAGES MONTAGNE" and similar[0].reason.startswith("nom proche")
    by_email = members.find_possible_duplicates(demo_database, "Tout autre nom", ["Contact@AJE.fr"])
    assert [(d.name, d.reason) for d in by_email] == [("AJE", "même e-mail (contact@aje.fr)")]
    assert members.find_possible_duplicates(demo_database, "Nom inédit", ["nouveau@exemple.fr"]) == []


def test_an_organisation_is_not_its_own_duplicate(demo_database):
    ailes = organisation_id(demo_database, "AILES")
    assert members.find_possible_duplicates(demo_database, "AILES", ["ailes-association@wanadoo.fr"], exclude_id=ailes) == []
    assert [d.id for d in members.find_possible_duplicates(demo_database, "Ailes", [])] == [ailes]


def test_a_recorded_name_typed_again_as_a_new_contact_is_refused(demo_database):
    before = person_count(demo_database)
    typed_again = ContactDraft(last_name="Chatry", first_name="Isabelle", role="Présidente")
    with pytest.raises(ValidationError, match="déjà enregistré·e : choisissez cette personne dans la liste"):
        members.save_organisation(demo_database, replace(NEW, contacts=(typed_again,)))
    assert person_count(demo_database) == before
    assert counts(demo_database)["organisations"] == 51


def test_a_contact_e_mail_changed_here_is_found_from_their_other_organisations(demo_database):
    chatry = members.find_persons(demo_database, "isabelle chatry")[0]
    named = ContactDraft(last_name=chatry.last_name, first_name=chatry.first_name, person_id=chatry.id, email="presidente@coorace-occitanie.example")
    members.save_organisation(demo_database, replace(NEW, contacts=(named,)))
    with demo_database.session() as session:
        inter_relais = session.exec(select(Organisation).where(Organisation.name == "INTER RELAIS")).one()
    assert "presidente coorace occitanie example" in inter_relais.search_key


def test_a_period_entered_without_a_joining_date_starts_the_day_it_is_recorded(database):
    new_id = members.save_organisation(database, replace(NEW, memberships=(MembershipDraft(),)))
    saved = members.get_organisation(database, new_id)
    assert [period.joined_on for period in saved.memberships] == [date.today()]
    members.save_organisation(database, saved)  # saved again: the periods keep their dates
    assert members.get_organisation(database, new_id).memberships == saved.memberships


def test_a_joining_date_keeps_the_precision_it_was_typed_with(database):
    """Imported as « 2015 » (a year), then corrected in the dialog to 15/03/2016: the day is kept
    as a day, not shown (nor exported) as « 2016 »."""
    year_only = MembershipDraft(joined_on=date(2015, 1, 1), joined_precision=DatePrecision.YEAR)
    new_id = members.save_organisation(database, replace(NEW, memberships=(year_only,)))
    saved = members.get_organisation(database, new_id)
    assert [(p.joined_on, p.joined_precision) for p in saved.memberships] == [(date(2015, 1, 1), DatePrecision.YEAR)]
    corrected = replace(saved.memberships[0], **membership_joined("15/03/2016"))
    members.save_organisation(database, replace(saved, memberships=(corrected,)), saved)
    again = members.get_organisation(database, new_id)
    assert [(p.joined_on, p.joined_precision) for p in again.memberships] == [(date(2016, 3, 15), DatePrecision.DAY)]
    assert list_members(database, ListQuery(), 0, 1)[0].member_since_shown == date(2016, 3, 15), "not « 2016 »"
