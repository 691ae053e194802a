"""Events to an iCalendar (.ics) file that Outlook, Thunderbird or a phone imports.

Times typed in the application are French local time; they are written in UTC, which every
calendar program reads without a VTIMEZONE block. An event whose date is unknown is skipped."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from coorace_desktop import __version__
from coorace_desktop.domain.enums import EventStatus, Organiser
from coorace_desktop.domain.events import Event, EventKind
from coorace_desktop.storage.database import Database
from coorace_desktop.storage.files import written_atomically

if TYPE_CHECKING:
    from icalendar import Event as CalendarEvent

LOCAL_ZONE = ZoneInfo("Europe/Paris")
# Outlook and Thunderbird replace an imported event with the same UID instead of duplicating it.
UID_DOMAIN = "coorace-desktop.invalid"
DEFAULT_LENGTH = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class CalendarExport:
    path: Path
    exported: int
    skipped_undated: int


def export_events_ics(
    database: Database, event_ids: list[int] | None, path: str | Path, today: date | None = None
) -> CalendarExport:
    """Write the given events (None: every upcoming event not cancelled) to an .ics file."""
    query = select(Event, EventKind.name).join(EventKind, EventKind.id == Event.kind_id)
    if event_ids is None:
        last_day = func.coalesce(Event.ends_on, Event.starts_on)
        query = query.where(last_day >= (today or date.today()), Event.status != EventStatus.CANCELLED)
    else:
        query = query.where(Event.id.in_(event_ids))
    with database.session() as session:
        rows = session.execute(query.order_by(Event.starts_on, Event.start_time, Event.id)).all()
    from icalendar import Calendar  # when exporting: ~50 ms and ~5 MB at the window's start otherwise

    calendar = Calendar()
    calendar.add("prodid", f"-//Coorace Occitanie//Coorace Desktop {__version__}//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Coorace Occitanie")
    stamp = datetime.now(UTC)
    dated = [(event, kind) for event, kind in rows if event.starts_on is not None]
    for event, kind in dated:
        calendar.add_component(_calendar_event(event, kind, stamp))
    target = Path(path)
    with written_atomically(target) as temporary:
        temporary.write_bytes(calendar.to_ical())
    return CalendarExport(target, len(dated), len(rows) - len(dated))


def _calendar_event(event: Event, kind: str, stamp: datetime) -> "CalendarEvent":
    from icalendar import Event as CalendarEvent

    item = CalendarEvent()
    item.add("uid", f"evenement-{event.id}@{UID_DOMAIN}")
    item.add("dtstamp", stamp)
    item.add("summary", event.title)
    start, end = _span(event)
    item.add("dtstart", start)
    item.add("dtend", end)
    if location := _location(event):
        item.add("location", location)
    item.add("description", _description(event, kind))
    item.add("categories", [kind])
    item.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
    return item


def _span(event: Event) -> tuple[date | datetime, date | datetime]:
    """All-day events end the day after their last day (RFC 5545); timed ones in UTC."""
    last_day = event.ends_on or event.starts_on
    if event.start_time is None:
        return event.starts_on, last_day + timedelta(days=1)
    start = _utc(event.starts_on, event.start_time)
    if event.end_time is not None:
        return start, _utc(last_day, event.end_time)
    return start, _utc(last_day, event.start_time) + DEFAULT_LENGTH


def _utc(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, LOCAL_ZONE).astimezone(UTC)


def _location(event: Event) -> str:
    if event.online and event.place:
        return f"{event.place} (en ligne)"
    return "En ligne" if event.online else event.place


def _description(event: Event, kind: str) -> str:
    organiser = Organiser(event.organiser)
    by = event.organiser_name if organiser is Organiser.PARTNER and event.organiser_name else organiser.label
    lines = [f"Type : {kind}", f"Organisateur : {by}"]
    if event.description:
        lines += ["", event.description]
    return "\n".join(lines)


