"""The .ics export, read back with icalendar."""

from datetime import UTC, date, datetime, time

import pytest
from icalendar import Calendar

from coorace_desktop.domain.enums import EventStatus, Organiser
from coorace_desktop.domain.events_rules import EventInput
from coorace_desktop.services.events.calendar_export import export_events_ics
from coorace_desktop.services.events.commands import create_event, event_kinds
from coorace_desktop.services.events.event_list import list_events
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.storage.errors import DiskFullError


def read_events(path):
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(item["summary"]): item for item in calendar.walk("VEVENT")}


def test_upcoming_events_by_default(demo_database, tmp_path):
    result = export_events_ics(demo_database, None, tmp_path / "a.ics", today=date(2021, 6, 1))
    events = read_events(tmp_path / "a.ics")
    assert set(events) == {"Journée régionale ENEDIS", "Congrès Coorace"}
    assert (result.exported, result.skipped_undated) == (2, 0)
    congress = events["Congrès Coorace"]
    # All-day over two days: DTEND is the day after the last day.
    assert congress.decoded("dtstart") == date(2021, 11, 25) and congress.decoded("dtend") == date(2021, 11, 27)
    assert str(congress["location"]) == "Lille"
    assert "Organisateur : Fédération Coorace" in str(congress["description"])
    assert str(congress["uid"]).startswith("evenement-")


def test_selected_events_keep_their_times_and_text(demo_database, tmp_path):
    kind = next(row.id for row in event_kinds(demo_database) if row.name == "Webinaire")
    tricky = 'Webinaire « QVT » ; 1, 2 : <b>& co</b>\nligne 2'
    event_id = create_event(demo_database, EventInput(
        tricky, kind, 2022, date(2022, 7, 5), time(14, 0), end_time=time(16, 30), online=True,
        organiser=Organiser.PARTNER, organiser_name="ENEDIS", description="Lien envoyé la veille.",
    ))
    export_events_ics(demo_database, [event_id], tmp_path / "one.ics")
    (item,) = read_events(tmp_path / "one.ics").values()
    assert str(item["summary"]) == " ".join(tricky.split())  # titles are one line once saved
    # 14:00 in Paris in July is 12:00 UTC.
    assert item.decoded("dtstart") == datetime(2022, 7, 5, 12, 0, tzinfo=UTC)
    assert item.decoded("dtend") == datetime(2022, 7, 5, 14, 30, tzinfo=UTC)
    assert str(item["location"]) == "En ligne"
    assert "Organisateur : ENEDIS" in str(item["description"]) and "Lien envoyé" in str(item["description"])


def test_undated_events_are_skipped_and_cancelled_ones_marked(demo_database, tmp_path):
    rows = list_events(demo_database, ListQuery(filters={"year": 2021}))
    kind = event_kinds(demo_database)[0].id
    cancelled = create_event(demo_database, EventInput("Annulé", kind, 2022, date(2022, 1, 3), status=EventStatus.CANCELLED))
    result = export_events_ics(demo_database, [row.id for row in rows] + [cancelled], tmp_path / "b.ics")
    assert (result.exported, result.skipped_undated) == (4, 5)
    events = read_events(tmp_path / "b.ics")
    assert str(events["Annulé"]["status"]) == "CANCELLED"
    assert str(events["Assemblée générale 2021"]["status"]) == "CONFIRMED"
    # Cancelled events are left out of the "upcoming" export.
    export_events_ics(demo_database, None, tmp_path / "c.ics", today=date(2022, 1, 1))
    assert "Annulé" not in read_events(tmp_path / "c.ics")


def test_a_failed_write_leaves_the_old_file(demo_database, tmp_path, monkeypatch):
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "agenda.ics"
    target.write_text("ancien")

    def disk_full(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("coorace_desktop.storage.files.os.replace", disk_full)
    with pytest.raises(DiskFullError, match="Impossible d'enregistrer .*agenda.ics : le disque est plein."):
        export_events_ics(demo_database, None, target, today=date(2021, 1, 1))
    assert target.read_text() == "ancien"
    assert [p.name for p in folder.iterdir()] == ["agenda.ics"]  # no temporary file left behind
