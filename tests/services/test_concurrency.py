"""Two people editing the same record on two PCs: the second save of a stale record is refused,
says what changed, and loses nothing. Each PC is its own Database (engine, connections)."""

import threading
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select, update

from coorace_desktop.domain import Organisation, Person, SupportAction
from coorace_desktop.domain.concurrency import CHANGES_LISTED, FieldChange, StaleRecordError, stale_message
from coorace_desktop.domain.events import Event
from coorace_desktop.domain.events_rules import EventInput
from coorace_desktop.domain.members import OrganisationDraft, SiteDraft
from coorace_desktop.services.accompaniment.actions import action_details, update_action
from coorace_desktop.services.events.commands import (
    create_event,
    event_kinds,
    get_event,
    set_participants,
    update_event,
)
from coorace_desktop.services.importing import MEMBERS, apply_members, preview_members, propose_mapping, read_table
from coorace_desktop.services.members import organisations as members
from coorace_desktop.storage.database import open_database
from coorace_desktop.storage.errors import DatabaseLockedError, known_failure
from tests.backends import SQLITE
from tests.services.importing.files import MEMBER_HEADERS, french_excel_csv


@pytest.fixture
def other_pc(database):
    """The same database opened a second time, as another PC would."""
    other = open_database(database.url)
    yield other
    other.close()


def new_member(database) -> int:
    return members.save_organisation(
        database, OrganisationDraft(name="Régie Éole", siret="", sites=(SiteDraft(postcode="81100", city="Castres"),))
    )


def version_of(database, table, record_id: int) -> int:
    with database.session() as session:
        return session.execute(select(table.version).where(table.id == record_id)).scalar_one()


def test_a_stale_organisation_save_is_refused_with_what_changed_and_nothing_lost(database, other_pc):
    member_id = new_member(database)
    mine = members.get_organisation(database, member_id)
    theirs = members.get_organisation(other_pc, member_id)
    assert mine.version == theirs.version

    members.save_organisation(other_pc, replace(theirs, name="Régie Éole Castres",
                                                sites=(SiteDraft(postcode="81100", city="Castres", phone="0563000000"),)),
                              loaded=theirs)
    my_draft = replace(mine, notes="Rencontre prévue en mars")
    with pytest.raises(StaleRecordError) as refused:
        members.save_organisation(database, my_draft, loaded=mine)

    message = str(refused.value).replace("\xa0", " ")  # no-break spaces inside « »
    assert "modifié par quelqu'un d'autre" in message and "rien n'a été enregistré" in message
    assert "• Nom : « Régie Éole » → « Régie Éole Castres »" in message
    assert "• Site principal, téléphone : (vide) → « 05 63 00 00 00 »" in message
    assert "Notes" not in message  # my own change is not theirs
    assert [(c.label, c.before, c.theirs) for c in refused.value.changes][0] == ("Nom", "«\xa0Régie Éole\xa0»", "«\xa0Régie Éole Castres\xa0»")
    now = members.get_organisation(database, member_id)
    assert (now.name, now.notes, now.sites[0].phone) == ("Régie Éole Castres", "", "05 63 00 00 00")  # theirs kept
    assert refused.value.current == now and now.version > mine.version

    # Saving again on their version knowingly replaces it with my draft.
    members.save_organisation(database, replace(my_draft, version=refused.value.current.version), loaded=refused.value.current)
    final = members.get_organisation(other_pc, member_id)
    assert (final.name, final.notes) == ("Régie Éole", "Rencontre prévue en mars") and final.version > now.version


def test_every_kind_of_save_gives_a_new_version(database):
    """Versions only grow (a save may flush its record more than once: by one or more)."""
    member_id = new_member(database)
    draft = members.get_organisation(database, member_id)
    members.save_organisation(database, replace(draft, sites=(SiteDraft(postcode="81100", city="Castres", email="a@eole.fr"),)))
    after_site = version_of(database, Organisation, member_id)
    assert after_site > draft.version  # only a site changed: still a new version
    members.save_organisation(database, replace(draft, version=None, notes="sans contrôle"))  # no version: not checked
    assert version_of(database, Organisation, member_id) > after_site


def test_a_save_racing_another_is_refused_by_the_versioned_update(database, other_pc, backend):
    """Both read version 1; the other PC's update is not committed yet when mine is written."""
    member_id = new_member(database)
    mine = members.get_organisation(database, member_id)
    outcome: list[BaseException | None] = []
    with other_pc.engine.connect() as connection:
        transaction = connection.begin()
        connection.execute(update(Organisation).where(Organisation.id == member_id)
                           .values(name="Régie Éole (autre poste)", version=Organisation.version + 1))

        def save_mine() -> None:
            try:
                members.save_organisation(database, replace(mine, name="Régie Éole (mon poste)"), loaded=mine)
                outcome.append(None)
            except Exception as error:  # noqa: BLE001 (the test inspects it)
                outcome.append(error)

        worker = threading.Thread(target=save_mine)
        worker.start()
        worker.join(0.5)  # mine has read version 1 and now waits for the other PC's row or file lock
        transaction.commit()
        worker.join(30)
    assert not worker.is_alive()
    error = outcome[0]
    if backend == SQLITE:  # SQLite refuses to write from a snapshot older than the other's commit
        assert isinstance(known_failure(error), DatabaseLockedError)
    else:  # PostgreSQL re-checks the row after the lock: WHERE version = 1 no longer matches
        assert isinstance(error, StaleRecordError)
        assert "« Régie Éole » → « Régie Éole (autre poste) »" in str(error).replace("\xa0", " ")
    assert members.get_organisation(database, member_id).name == "Régie Éole (autre poste)"


@pytest.fixture
def event(demo_database):
    kind = event_kinds(demo_database)[0]
    return create_event(demo_database, EventInput("Matinale de l'inclusion", kind.id, 2022, date(2022, 3, 8), place="Albi"))


def test_a_stale_event_save_is_refused_with_what_changed(demo_database, event):
    other = open_database(demo_database.url)
    try:
        mine, theirs = get_event(demo_database, event), get_event(other, event)
        update_event(other, event, replace(theirs.values, place="Castres", starts_on=date(2022, 3, 10)), loaded=theirs)
        with pytest.raises(StaleRecordError) as refused:
            update_event(demo_database, event, replace(mine.values, title="Matinale (reportée)"), loaded=mine)
    finally:
        other.close()
    message = str(refused.value).replace("\xa0", " ")  # no-break spaces inside « »
    assert message.startswith("L'événement « Matinale de l'inclusion » a été modifié par quelqu'un d'autre")
    assert "• Date : 08/03/2022 → 10/03/2022" in message and "• Lieu : « Albi » → « Castres »" in message
    now = get_event(demo_database, event)
    assert (now.values.title, now.values.place) == ("Matinale de l'inclusion", "Castres")
    update_event(demo_database, event, replace(mine.values, title="Matinale (reportée)"), loaded=refused.value.current)
    assert get_event(demo_database, event).values.title == "Matinale (reportée)"


def test_participants_and_core_updates_give_new_versions(demo_database, event):
    before = get_event(demo_database, event).version
    set_participants(demo_database, event, {})
    assert version_of(demo_database, Event, event) > before
    with demo_database.session() as session:
        action_id = session.execute(select(SupportAction.id).limit(1)).scalar_one()
        person_id = session.execute(select(Person.id).limit(1)).scalar_one()
    update_action(demo_database, action_id, action_details(demo_database, action_id).draft)
    assert version_of(demo_database, SupportAction, action_id) == 2
    assert version_of(demo_database, Person, person_id) == 1  # loaded with the demo, never edited


def test_an_import_gives_new_versions_to_what_it_updates(demo_database, tmp_path):
    """An import merged meanwhile must refuse a form opened before it, like any other save."""
    with demo_database.session() as session:
        herisson = session.execute(select(Organisation.id).where(Organisation.name == "HERISSON BELLOR")).scalar_one()
    opened = members.get_organisation(demo_database, herisson)
    rows = [
        ["Hérisson-Bellor", "ACI/EI", "Domaine de Garabaud", "09270", "Mazères", "0561694080", "pr.hb@wanadoo.fr", "Durand", "Élise", "Directrice"],
        ["Alliance Emploi 46", "AI/ETTI", "4 avenue de Cahors", "46000", "Cahors", "", "", "", "", ""],
    ]
    table = read_table(french_excel_csv(tmp_path / "adherents.csv", [MEMBER_HEADERS, *rows]))
    apply_members(demo_database, preview_members(demo_database, table, propose_mapping(table, MEMBERS)))
    with demo_database.session() as session:
        alliance = session.execute(select(Organisation.version).where(Organisation.name == "Alliance Emploi 46")).scalar_one()
    assert alliance == 1 and version_of(demo_database, Organisation, herisson) > opened.version
    with pytest.raises(StaleRecordError):
        members.save_organisation(demo_database, replace(opened, notes="ouvert avant l'import"), opened)


@pytest.mark.parametrize(("more", "said"), [(1, "• … et 1 autre changement."), (2, "• … et 2 autres changements.")])
def test_the_changes_not_listed_are_counted_in_agreement(more, said):
    """It read « … et 1 autre(s) changement(s) »."""
    changes = [FieldChange(f"Champ {n}", "avant", "après") for n in range(CHANGES_LISTED + more)]
    assert said in stale_message("L'adhérent", changes).splitlines()
