"""An event's registrations to .xlsx or .csv: one line per person, their attendance per session.
The first four columns are those the registration import reads, so a list exported then
imported again matches every person by name."""

from pathlib import Path

from coorace_desktop.services.events.registrations import event_attendance
from coorace_desktop.services.exporting.spreadsheet import write_rows
from coorace_desktop.storage.database import Database


def export_registrations(database: Database, event_id: int, path: Path | str) -> int:
    """Write the event's registered persons (by name) to `path`; returns how many lines."""
    attendance = event_attendance(database, event_id)
    headers = ["Nom", "Prénom", "Structure", "E-mail"]
    headers += [f"Séance {n}" for n in range(1, attendance.sessions + 1)] if attendance.sessions > 1 else ["Présence"]
    rows = (
        [person.last_name, person.first_name, person.organisation, person.email, *person.statuses]
        for person in attendance.people
    )
    return write_rows(path, headers, rows, sheet_title="Inscriptions")
