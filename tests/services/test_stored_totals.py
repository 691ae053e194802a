"""The sort keys, totals and words the database's triggers keep (migrations 0013_sort_keys,
0015_pg_indexes, 0016_pg_words, 0017_event_presences) equal a recount after every writer (and
every change of attendance by name): the services (ORM), Core bulk inserts, plain SQL, the
import, the transfer between databases; on both backends. And `check` finds them stale,
`--repair` recounts them."""

import shutil
from datetime import date

import pytest
from sqlalchemy import delete, func, insert, select, update

from coorace_desktop.domain import Event, Organisation, Participation, StaffMember, SupportAction
from coorace_desktop.domain.accompaniment_rules import ActionDraft, BeneficiaryKind, BeneficiaryRef, ProjectHolderDraft
from coorace_desktop.domain.enums import ActionKind, AttendanceStatus
from coorace_desktop.domain.events_rules import EventInput
from coorace_desktop.services.accompaniment.actions import create_action, delete_action, update_action
from coorace_desktop.services.accompaniment.actions_list import action_page, action_totals
from coorace_desktop.services.accompaniment.project_holders import create_project_holder, update_project_holder
from coorace_desktop.services.derived_keys import beneficiary_totals, stale_totals, stored_beneficiary_totals
from coorace_desktop.services.events.commands import (
    create_event,
    delete_events,
    event_kinds,
    set_participants,
    update_event,
)
from coorace_desktop.services.events.event_list import YEAR, count_events, list_events
from coorace_desktop.services.events.registrations import event_attendance, set_attendance, unregister
from coorace_desktop.services.health import check_database, repair_database
from coorace_desktop.services.importing import (
    MEMBERS,
    Decision,
    apply_members,
    preview_members,
    propose_mapping,
    read_table,
)
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.services.privacy.person_data import erase_person
from coorace_desktop.storage.database import open_database
from coorace_desktop.storage.transfer import transfer
from tests.attendance_scenario import make_training
from tests.backends import POSTGRESQL, server_database
from tests.services.importing.files import MEMBER_HEADERS, utf8_bom_csv


def assert_recounted(database) -> None:
    with database.session() as session:
        assert stale_totals(session) == {}
        assert stored_beneficiary_totals(session) == beneficiary_totals(session)


def ids(database, model, **where) -> list[int]:
    with database.session() as session:
        return list(session.execute(select(model.id).filter_by(**where).order_by(model.id)).scalars())


def draft(database, beneficiary: BeneficiaryRef | None, **values) -> ActionDraft:
    with database.session() as session:
        programme = session.execute(select(SupportAction.programme_id).limit(1)).scalar_one()
        officer = session.execute(select(StaffMember.id).limit(1)).scalar_one()
    values.setdefault("group_count", None if beneficiary else 12)
    values.setdefault("group_label", "" if beneficiary else "salariés sensibilisés")
    values.setdefault("hours", 2.5)
    return ActionDraft(action_date=date(2024, 3, 1), officer_id=officer, programme_id=programme, kind=ActionKind.ADVICE,
                       beneficiary=beneficiary, **values)


def holder(database, name: str) -> BeneficiaryRef:
    """A new project holder (the demo has none)."""
    return BeneficiaryRef(BeneficiaryKind.PROJECT_HOLDER, create_project_holder(database, ProjectHolderDraft(name)))


def test_the_demo_starts_recounted_with_keys_and_totals_filled(demo_database):
    assert_recounted(demo_database)
    with demo_database.session() as session:
        assert "" not in set(session.execute(select(SupportAction.beneficiary_key)).scalars())
        assert session.execute(select(Event.participants).where(Event.participants > Event.other_participants)).first()
    whole = action_totals(demo_database, ListQuery())
    assert whole.actions > 0 and whole == action_totals(demo_database, ListQuery(filters={"year": None}))


def test_the_services_keep_them(demo_database):
    organisation = ids(demo_database, Organisation)[0]
    created = create_action(demo_database, draft(demo_database, BeneficiaryRef(BeneficiaryKind.ORGANISATION, organisation)))
    group = create_action(demo_database, draft(demo_database, None))
    assert_recounted(demo_database)
    update_action(demo_database, created, draft(demo_database, holder(demo_database, "Ferme de Lézat"), hours=7))
    update_action(demo_database, group, draft(demo_database, None, group_count=30))
    assert_recounted(demo_database)
    delete_action(demo_database, created)
    assert_recounted(demo_database)

    kind = event_kinds(demo_database)[0].id
    event = create_event(demo_database, EventInput("Atelier réemploi", kind, 2024, other_participants=3), {organisation: 4})
    assert [row.participants for row in list_events(demo_database, ListQuery(search="reemploi atelier"))] == [7]
    update_event(demo_database, event, EventInput("Atelier réemploi", kind, 2024, other_participants=10))
    set_participants(demo_database, event, {organisation: 1, ids(demo_database, Organisation)[1]: 2})
    assert [row.participants for row in list_events(demo_database, ListQuery(search="reemploi atelier"))] == [13]
    assert_recounted(demo_database)
    delete_events(demo_database, [event])
    assert_recounted(demo_database)


def test_registrations_keep_them_counted_by_names(demo_database):
    """An event with registrations counts the distinct persons present (issue 19), through every
    change of its registrations; without any, its head counts again."""
    training = make_training(demo_database)
    event, organisation = training.event_id, ids(demo_database, Organisation)[0]
    set_participants(demo_database, event, {organisation: 4})

    def stored() -> int:
        assert_recounted(demo_database)
        with demo_database.session() as session:
            return session.get(Event, event).participants

    assert stored() == 0  # registered, nobody ticked yet: by names, not the 4 of the head count
    people = [person.person_id for person in event_attendance(demo_database, event).people]
    for number, present in ((1, people[:18]), (2, people[:17]), (3, people[10:20])):
        set_attendance(demo_database, event, number, dict.fromkeys(present, AttendanceStatus.PRESENT))
    assert stored() == 20  # distinct persons present at one session at least
    set_attendance(demo_database, event, 3, dict.fromkeys(people[18:20], AttendanceStatus.ABSENT))
    assert stored() == 18
    erase_person(demo_database, people[0])  # the registrations stay, nameless: the count too
    assert stored() == 18
    assert unregister(demo_database, event, people[:2]) == 6
    assert stored() == 16
    rows = list_events(demo_database, ListQuery(sort_key="participants", descending=True, filters={YEAR: 2020}), limit=500)
    assert next(row.participants for row in rows if row.id == event) == 16
    assert [row.participants for row in rows] == sorted((row.participants for row in rows), reverse=True)
    unregister(demo_database, event, people)
    assert stored() == 4  # nobody registered: counted by numbers again
    delete_events(demo_database, [event])
    assert_recounted(demo_database)


def test_core_bulk_inserts_and_plain_sql_keep_them(demo_database):
    organisations = ids(demo_database, Organisation)
    with demo_database.session() as session:
        row = session.execute(select(SupportAction).limit(1)).scalar_one()
        columns = {column: getattr(row, column) for column in ("programme_id", "officer_id", "kind", "outcome")}
        session.execute(insert(SupportAction), [
            {**columns, "action_date": date(2024, 5, day), "organisation_id": organisations[day], "hours": day,
             "search_key": "vrac"} for day in range(1, 6)
        ])
        event = session.execute(select(Event.id).where(~Event.id.in_(select(Participation.event_id))).limit(1)).scalar_one()
        session.execute(insert(Participation), [{"event_id": event, "organisation_id": o, "persons": 2} for o in organisations[:3]])
    assert_recounted(demo_database)
    with demo_database.engine.begin() as connection:
        connection.execute(update(Organisation).where(Organisation.id == organisations[1]).values(name_key="aaa renamed"))
        connection.execute(update(SupportAction).where(SupportAction.search_key == "vrac").values(
            organisation_id=None, group_count=4, group_label="vrac"))
        connection.execute(update(Participation).where(Participation.event_id == event).values(persons=5))
        connection.execute(update(Event).where(Event.id == event).values(other_participants=1))
        connection.execute(delete(Participation).where(Participation.organisation_id == organisations[0], Participation.event_id == event))
    assert_recounted(demo_database)
    with demo_database.session() as session:
        assert session.get(Event, event).participants == 11
    with demo_database.engine.begin() as connection:
        connection.execute(delete(SupportAction).where(SupportAction.search_key == "vrac"))
    assert_recounted(demo_database)
    if demo_database.is_server:  # the number of actions kept (0018_action_totals) follows a TRUNCATE too
        with demo_database.engine.begin() as connection:
            connection.exec_driver_sql("TRUNCATE support_actions CASCADE")
        assert_recounted(demo_database)


def test_the_events_count_follows_bulk_inserts_and_deletes(demo_database):
    """The unfiltered events list's count (on PostgreSQL kept by statement triggers, 0015_pg_indexes)
    equals a recount after an ORM insert, a Core bulk insert, plain SQL deletes and TRUNCATE."""
    def assert_counted(expected: int) -> None:
        with demo_database.session() as session:
            assert session.execute(select(func.count()).select_from(Event)).scalar_one() == expected
        assert count_events(demo_database, ListQuery()) == expected
        assert_recounted(demo_database)

    before = count_events(demo_database, ListQuery())
    kind = event_kinds(demo_database)[0].id
    create_event(demo_database, EventInput(title="Atelier compté", kind_id=kind, year=2024))
    with demo_database.session() as session:
        session.execute(insert(Event), [{"title": f"Réunion {n}", "kind_id": kind, "year": 2024, "search_key": "vrac"}
                                        for n in range(7)])
    assert_counted(before + 8)
    with demo_database.engine.begin() as connection:
        connection.execute(delete(Event).where(Event.search_key == "vrac"))
    assert_counted(before + 1)
    with demo_database.engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM registrations")
        connection.exec_driver_sql("DELETE FROM participations")
        connection.exec_driver_sql("DELETE FROM events")
    assert_counted(0)
    if demo_database.is_server:
        create_event(demo_database, EventInput(title="Atelier compté", kind_id=kind, year=2024))
        with demo_database.engine.begin() as connection:
            connection.exec_driver_sql("TRUNCATE events CASCADE")
        assert_counted(0)


def test_a_renamed_beneficiary_sorts_under_its_new_name(demo_database):
    ferme, recyclerie = holder(demo_database, "Ferme de Lézat"), holder(demo_database, "Recyclerie du Lot")
    for ref in (ferme, recyclerie):
        create_action(demo_database, draft(demo_database, ref))
    def named() -> list[str]:
        rows = action_page(demo_database, ListQuery(sort_key="beneficiary"), 0, 100)
        return [row.beneficiary for row in rows if row.beneficiary_kind != "Groupe"]

    assert named() == ["Ferme de Lézat", "Recyclerie du Lot"]
    update_project_holder(demo_database, recyclerie.id, ProjectHolderDraft("0 Recyclerie"))
    assert named() == ["0 Recyclerie", "Ferme de Lézat"]
    assert action_page(demo_database, ListQuery(sort_key="beneficiary"), 0, 1)[0].beneficiary == "0 Recyclerie"
    assert_recounted(demo_database)


def test_the_import_keeps_them(demo_database, tmp_path):
    rows = [["Régie de quartier Cœur de Ville", "ACI", "3 rue des Lilas", "31000", "Toulouse", "", "", "", "", ""],
            ["AJE", "AI", "9 rue Blanche", "09100", "Pamiers", "05 61 67 80 37", "contact@aje.fr", "", "", ""]]
    table = read_table(utf8_bom_csv(tmp_path / "adherents.csv", [MEMBER_HEADERS, *rows]))
    apply_members(demo_database, preview_members(demo_database, table, propose_mapping(table, MEMBERS)),
                  default_decision=Decision.CREATE)
    created = ids(demo_database, Organisation, name="Régie de quartier Cœur de Ville")
    create_action(demo_database, draft(demo_database, BeneficiaryRef(BeneficiaryKind.ORGANISATION, created[0])))
    assert_recounted(demo_database)


@pytest.fixture
def server(request, backend):
    if backend != POSTGRESQL:
        pytest.skip("la copie vers un serveur : une fois, depuis le fichier de démonstration")
    yield from server_database(request, "postgres_template")


def test_the_transfer_keeps_them_both_ways(server, demo_file, tmp_path):
    shutil.copy(demo_file, tmp_path / "bureau.sqlite")
    with open_database(tmp_path / "bureau.sqlite") as source, open_database(tmp_path / "retour.sqlite", create=True) as back:
        assert transfer(source, server).ok
        assert_recounted(server)
        with source.session() as left, server.session() as right:
            assert stored_beneficiary_totals(left) == stored_beneficiary_totals(right) != {}
        assert transfer(server, back).ok
        assert_recounted(back)


def test_check_names_stale_totals_and_repair_recounts_them(demo_database):
    with demo_database.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE support_actions SET beneficiary_key = 'périmé' WHERE id <= 2")
        connection.exec_driver_sql("UPDATE events SET participants = participants + 1 WHERE id <= 3")
        connection.exec_driver_sql("UPDATE events SET presences = coalesce(presences, 0) + 2 WHERE id <= 4")
        connection.exec_driver_sql("UPDATE action_beneficiaries SET hours = hours + 1")
        if demo_database.is_server:
            connection.exec_driver_sql("UPDATE event_count SET events = events + 1")
            connection.exec_driver_sql("UPDATE action_count SET actions = actions - 2")
            connection.exec_driver_sql("DELETE FROM action_words WHERE id IN (SELECT min(id) FROM action_words)")
            connection.exec_driver_sql("INSERT INTO event_words (word, id) SELECT 'fantome', min(id) FROM events")
    problems = check_database(demo_database).problems
    assert "Clés de tri et totaux périmés : 2 accompagnements (bénéficiaire) (les tris et totaux sont faux)" in problems
    assert "Clés de tri et totaux périmés : 3 événements (participants) (les tris et totaux sont faux)" in problems
    assert "Clés de tri et totaux périmés : 4 événements (présences) (les tris et totaux sont faux)" in problems
    assert any(problem.startswith("Clés de tri et totaux périmés :") and "totaux des accompagnements" in problem
               for problem in problems)
    if demo_database.is_server:
        assert "Clés de tri et totaux périmés : 1 total des événements (les tris et totaux sont faux)" in problems
        assert "Clés de tri et totaux périmés : 1 total des accompagnements (les tris et totaux sont faux)" in problems
        assert any(problem.startswith("Clés de tri et totaux périmés :") and "mots des accompagnements" in problem
                   for problem in problems)
        assert "Clés de tri et totaux périmés : 1 mots des événements (les tris et totaux sont faux)" in problems
    repair = repair_database(demo_database)
    assert repair.after.ok, repair.after.problems
    assert_recounted(demo_database)
