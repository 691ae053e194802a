"""Event commands (create, edit, participants, delete, kinds) and the list query."""

from datetime import date, time

import pytest
from sqlalchemy import func, select

from coorace_desktop.domain.enums import EventStatus
from coorace_desktop.domain.events import Event, Participation
from coorace_desktop.domain.events_rules import EventInput
from coorace_desktop.domain.validation import DraftInvalid, ValidationError
from coorace_desktop.services import listing
from coorace_desktop.services.events.commands import (
    EventNotFoundError,
    add_event_kind,
    create_event,
    delete_event_kind,
    delete_events,
    ensure_default_kinds,
    event_kinds,
    get_event,
    organisation_choices,
    set_participants,
    update_event,
)
from coorace_desktop.services.events.event_list import (
    KIND,
    PERIOD,
    STATUS,
    YEAR,
    DayMark,
    count_events,
    day_marks,
    event_days,
    event_years,
    list_events,
)
from coorace_desktop.services.listing import ListQuery


@pytest.fixture
def kinds(demo_database):
    return {row.name: row.id for row in event_kinds(demo_database)}


def organisation_id(database, name):
    return next(choice.id for choice in organisation_choices(database, name) if choice.name == name)


def test_create_read_and_edit_an_event_with_participants(demo_database, kinds):
    laser, chorus = organisation_id(demo_database, "LASER 81"), organisation_id(demo_database, "CHORUS")
    values = EventInput("Webinaire réemploi", kinds["Webinaire"], 2022, date(2022, 3, 8), time(10), place="Visio",
                        online=True, other_participants=4)
    event_id = create_event(demo_database, values, {laser: 2, chorus: 1})
    details = get_event(demo_database, event_id)
    assert details.kind_name == "Webinaire" and details.values.year == 2022
    assert {(row.name, row.persons) for row in details.participants} == {("LASER 81", 2), ("CHORUS", 1)}
    assert details.member_persons == 3

    update_event(demo_database, event_id, EventInput("Webinaire réemploi (2)", kinds["Webinaire"], 2022,
                                                     date(2022, 3, 9), status=EventStatus.DONE))
    details = get_event(demo_database, event_id)
    assert details.values.title == "Webinaire réemploi (2)" and details.values.status is EventStatus.DONE
    assert details.member_persons == 3  # participants None: untouched
    set_participants(demo_database, event_id, {chorus: 5})
    assert [(row.name, row.persons) for row in get_event(demo_database, event_id).participants] == [("CHORUS", 5)]


def test_search_key_follows_edits(demo_database, kinds):
    event_id = create_event(demo_database, EventInput("Petit-déjeuner", kinds["Rencontre"], 2022, place="Nîmes"))
    assert [row.id for row in list_events(demo_database, ListQuery(search="NIMES"))] == [event_id]
    update_event(demo_database, event_id, EventInput("Petit-déjeuner", kinds["Rencontre"], 2022, place="Sète"))
    assert list_events(demo_database, ListQuery(search="nimes")) == []
    assert [row.id for row in list_events(demo_database, ListQuery(search="petit dejeuner sete"))] == [event_id]


def test_bad_input_changes_nothing(demo_database, kinds):
    before = count_events(demo_database, ListQuery())
    with pytest.raises(DraftInvalid):
        create_event(demo_database, EventInput("", kinds["Rencontre"], 2022))
    with pytest.raises(ValidationError, match="au moins une personne"):
        create_event(demo_database, EventInput("X", kinds["Rencontre"], 2022), {1: 0})
    with pytest.raises(ValidationError, match="^1 structure cochée n'existe plus dans l'annuaire.$"):
        create_event(demo_database, EventInput("X", kinds["Rencontre"], 2022), {99999: 1})
    with pytest.raises(ValidationError, match="^2 structures cochées n'existent plus dans l'annuaire.$"):  # « 2 structure(s) »
        create_event(demo_database, EventInput("X", kinds["Rencontre"], 2022), {99998: 1, 99999: 1})
    with pytest.raises(ValidationError, match="type d'événement n'existe plus"):
        create_event(demo_database, EventInput("X", 99999, 2022))
    assert count_events(demo_database, ListQuery()) == before
    with pytest.raises(EventNotFoundError):
        update_event(demo_database, 99999, EventInput("X", kinds["Rencontre"], 2022))


def test_delete_takes_participations_along(demo_database):
    with demo_database.session() as session:
        laser_event = session.execute(select(Participation.event_id).limit(1)).scalar_one()
    assert delete_events(demo_database, [laser_event]) == 1
    with demo_database.session() as session:
        assert session.execute(select(func.count()).where(Participation.event_id == laser_event)).scalar_one() == 0
        assert session.get(Event, laser_event) is None


def test_kinds_are_extended_without_duplicates_and_kept_while_used(demo_database, kinds):
    new_id = add_event_kind(demo_database, "Petit-déjeuner des adhérents")
    with pytest.raises(ValidationError, match="existe déjà"):
        add_event_kind(demo_database, "ANIMATION REGIONALE")
    with pytest.raises(ValidationError, match="utilisé par 8 événements :"):
        delete_event_kind(demo_database, kinds["Animation régionale"])
    create_event(demo_database, EventInput("Petit-déjeuner à Sète", new_id, 2022))  # « 1 événement(s) » before
    with pytest.raises(ValidationError, match="utilisé par 1 événement :"):
        delete_event_kind(demo_database, new_id)
    delete_events(demo_database, [row.id for row in list_events(demo_database, ListQuery(search="petit dejeuner sete"))])
    delete_event_kind(demo_database, new_id)
    assert "Petit-déjeuner des adhérents" not in {row.name for row in event_kinds(demo_database)}


def test_filters_by_year_kind_and_status(demo_database, kinds):
    planned_2021 = ListQuery(filters={YEAR: 2021, STATUS: "planned"})
    assert count_events(demo_database, planned_2021) == 8
    animations = ListQuery(filters={YEAR: 2020, KIND: kinds["Animation régionale"]})
    rows = list_events(demo_database, animations)
    assert len(rows) == count_events(demo_database, animations) == 8
    assert sum(row.sessions for row in rows) == 16 and sum(row.participants for row in rows) == 243
    assert event_years(demo_database) == [2021, 2020]


def test_a_period_filters_on_the_start_date_both_days_included(demo_database):
    def titles(first, last, **filters):
        query = ListQuery(filters={PERIOD: (first, last), **filters})
        rows = list_events(demo_database, query)
        assert count_events(demo_database, query) == len(rows)
        return [row.title for row in rows]

    assert titles(date(2021, 6, 17), date(2021, 11, 25)) == ["Congrès Coorace", "Journée régionale ENEDIS"]  # past: newest first
    assert titles(date(2021, 6, 18), date(2021, 11, 24)) == []
    assert titles(date(2021, 11, 26), date(2021, 11, 26)) == []  # the congress's second day: it counts where it starts
    # Events whose date is still « à préciser » have no place in a period (the year finds them).
    assert len(titles(date(2020, 1, 1), date(2020, 12, 31))) == 7 < count_events(demo_database, ListQuery(filters={YEAR: 2020}))
    assert titles(date(2020, 10, 1), date(2020, 10, 31), **{STATUS: "done"})[-1] == "Webconférence Fonds de développement de l'inclusion"


def test_default_order_puts_upcoming_events_first(demo_database):
    rows = list_events(demo_database, ListQuery(sort_key="date"), today=date(2021, 6, 1))
    assert [row.title for row in rows[:2]] == ["Journée régionale ENEDIS", "Congrès Coorace"]
    assert all(row.starts_on is None and row.status is EventStatus.PLANNED for row in rows[2:7])
    assert rows[7].title == "Assemblée générale 2021"  # the latest past event comes next
    newest_first = list_events(demo_database, ListQuery(sort_key="date", descending=True))
    assert newest_first[0].title == "Congrès Coorace"


def test_paging_is_stable_and_complete(demo_database):
    query = ListQuery(sort_key="title")
    total = count_events(demo_database, query)
    pages = [row.id for offset in range(0, total, 7) for row in list_events(demo_database, query, offset, 7)]
    assert len(pages) == len(set(pages)) == total


def test_calendar_days_mark_each_day_of_an_event(demo_database):
    days = event_days(demo_database, date(2021, 11, 1), date(2021, 11, 30))
    assert sorted(days) == [date(2021, 11, 25), date(2021, 11, 26)]
    assert days[date(2021, 11, 26)][0].title == "Congrès Coorace"
    # An event starting before the month shows only on its days inside it.
    assert sorted(event_days(demo_database, date(2020, 10, 14), date(2020, 10, 31))) == [date(2020, 10, 14)]


def test_calendar_marks_are_the_days_events_grouped(demo_database):
    """day_marks (one grouped query, no titles) marks what event_days lists: each day of an event,
    one under way since before the period included, grey only when all of the day's were cancelled."""
    kind = event_kinds(demo_database)[0].id
    create_event(demo_database, EventInput("Séminaire", kind, 2021, date(2021, 10, 29), ends_on=date(2021, 11, 2)))
    create_event(demo_database, EventInput("Annulé seul", kind, 2021, date(2021, 11, 10), status=EventStatus.CANCELLED))
    create_event(demo_database, EventInput("Annulé", kind, 2021, date(2021, 11, 25), status=EventStatus.CANCELLED))
    for first, last in ((date(2021, 11, 1), date(2021, 12, 12)), (date(2021, 10, 25), date(2021, 12, 5)), (date(2020, 9, 28), date(2020, 11, 8))):
        days = event_days(demo_database, first, last)
        expected = {day: DayMark(len(events), all(event.status is EventStatus.CANCELLED for event in events)) for day, events in days.items()}
        assert day_marks(demo_database, first, last) == expected
    marks = day_marks(demo_database, date(2021, 11, 1), date(2021, 12, 12))
    assert [day for day in marks if day < date(2021, 11, 3)] == [date(2021, 11, 1), date(2021, 11, 2)]  # the seminar's last days
    assert marks[date(2021, 11, 10)] == DayMark(1, True) and marks[date(2021, 11, 25)] == DayMark(2, False)
    assert [event.title for event in event_days(demo_database, date(2021, 11, 2), date(2021, 11, 2))[date(2021, 11, 2)]] == ["Séminaire"]


def test_a_new_database_gets_the_standard_kinds_once(database, demo_database):
    assert ensure_default_kinds(database) == 7
    assert ensure_default_kinds(database) == 0
    assert "Représentation / CDIAE" in {row.name for row in event_kinds(database)}
    assert ensure_default_kinds(demo_database) == 0


def test_organisation_choices_search_every_word_accents_aside(demo_database):
    names = [choice.name for choice in organisation_choices(demo_database, "herisson")]
    assert names == ["HERISSON BELLOR"]
    assert [c.name for c in organisation_choices(demo_database, "laser 81")] == ["LASER 81"]
    everyone = organisation_choices(demo_database)
    assert len(everyone) == 51
    some = [everyone[0].id, everyone[5].id]
    assert [c.id for c in organisation_choices(demo_database, "", only_ids=some)] == some
    assert [c.id for c in organisation_choices(demo_database, first_ids=[some[1]])][:2] == [some[1], some[0]]


@pytest.mark.parametrize(("today", "first"), [
    (date(2020, 10, 1), "Webconférence Fonds de développement de l'inclusion"),
    (date(2021, 6, 1), "Journée régionale ENEDIS"),
    (date(2030, 1, 1), "Lancement de Zest' BTP"),  # nothing upcoming: the undated planned ones lead
    (date(2021, 11, 26), "Congrès Coorace"),  # under way since the day before (found by its end day)
])
def test_upcoming_first_pages_join_up_across_its_segments(demo_database, today, first):
    query = ListQuery(sort_key="date")
    whole = [row.id for row in list_events(demo_database, query, 0, 1000, today=today)]
    pages = [row.id for offset in range(0, len(whole), 4) for row in list_events(demo_database, query, offset, 4, today=today)]
    assert pages == whole and len(whole) == count_events(demo_database, query) == len(set(whole))
    assert list_events(demo_database, query, 0, 1, today=today)[0].title == first


@pytest.mark.parametrize("today", [date(2020, 10, 1), date(2021, 6, 1), date(2030, 1, 1), date(2021, 11, 26)])
def test_a_filtered_list_keeps_the_default_order(demo_database, today):
    """A filtered list, and a rare word's few matches, are sorted at once, in the order the whole
    list reads segment by segment: twins on the same day too."""
    kind = event_kinds(demo_database)[0].id
    twins = [create_event(demo_database, EventInput(f"Atelier jumeau {n}", kind, 2021, date(2021, 6, 15))) for n in (1, 2)]
    whole = list_events(demo_database, ListQuery(sort_key="date"), 0, 1000, today=today)
    for year in (2020, 2021):
        filtered = list_events(demo_database, ListQuery(filters={YEAR: year}, sort_key="date"), 0, 1000, today=today)
        assert [row.id for row in filtered] == [row.id for row in whole if row.year == year]
    searched = list_events(demo_database, ListQuery(search="jumeau", sort_key="date"), 0, 1000, today=today)
    assert [row.id for row in searched] == [row.id for row in whole if row.id in twins] and len(searched) == 2


@pytest.mark.parametrize("sort_key", ["title", "kind", "place", "status", "sessions", "participants"])
@pytest.mark.parametrize("descending", [False, True])
def test_every_sort_pages_join_up(demo_database, sort_key, descending):
    """Each column sorts through its index (kinds one after another, by name); pages join up."""
    query = ListQuery(sort_key=sort_key, descending=descending)
    whole = list_events(demo_database, query, 0, 1000)
    pages = [row.id for offset in range(0, len(whole), 7) for row in list_events(demo_database, query, offset, 7)]
    assert pages == [row.id for row in whole] and len(whole) == count_events(demo_database, query)
    if sort_key in ("sessions", "participants"):
        values = [getattr(row, sort_key) for row in whole]
        assert values == sorted(values, reverse=descending) and len(set(values)) > 1


@pytest.mark.parametrize("common_words", [5000, 1])
def test_a_search_finds_word_starts_in_title_place_and_description(demo_database, kinds, monkeypatch, common_words):
    """Through the word index, or on SQLite each row's key for a common word (COMMON_WORDS)."""
    monkeypatch.setattr(listing, "COMMON_WORDS", common_words)
    event_id = create_event(demo_database, EventInput("Petit-déjeuner", kinds["Rencontre"], 2022, place="Nîmes",
                                                      description="Échanges sur l'écoconception"))
    for typed in ("NIM", "petit dej", "ecoconc", "dejeuner nimes"):
        query = ListQuery(search=typed, sort_key="date")
        assert [row.id for row in list_events(demo_database, query)] == [event_id], typed
        assert count_events(demo_database, query) == count_events(demo_database, query.with_filter(YEAR, 2022)) == 1
    assert list_events(demo_database, ListQuery(search="conception")) == []  # not the start of a word
