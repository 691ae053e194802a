"""The tables the command line exports (`export members|actions|events|figures`): each one's list
query, its columns, and the other formats it can go to (.vcf for members, .ics for events). The
members' is in services/exporting/members.py: the Members tab takes its columns at start; the
yearly figures' in services/exporting/figures.py, with the figures import's columns."""

from dataclasses import dataclass
from pathlib import Path

from coorace_desktop.domain.french import number, plural, plural_word
from coorace_desktop.domain.progress import Progress, no_progress
from coorace_desktop.services.accompaniment.actions_list import action_page, count_actions
from coorace_desktop.services.events.calendar_export import export_events_ics
from coorace_desktop.services.events.event_list import count_events, list_events
from coorace_desktop.services.exporting.figures import FIGURES_EXPORT
from coorace_desktop.services.exporting.members import MEMBERS_EXPORT
from coorace_desktop.services.exporting.spreadsheet import (
    TABLE_SUFFIXES,
    ExportColumn,
    ExportError,
    TableExport,
    export_listing,
    listing_rows,
)
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.storage.database import Database


def _hours(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


ACTIONS_EXPORT = TableExport(
    "Accompagnements",
    (
        ExportColumn("Date", lambda r: r.action_date),
        ExportColumn("Chargé·e de mission", lambda r: r.officer),
        ExportColumn("Bénéficiaire", lambda r: r.beneficiary),
        ExportColumn("Type de bénéficiaire", lambda r: r.beneficiary_kind),
        ExportColumn("Programme", lambda r: r.programme),
        ExportColumn("Nature", lambda r: r.kind),
        ExportColumn("Heures", lambda r: _hours(r.hours)),
        ExportColumn("Résultat", lambda r: r.outcome),
        ExportColumn("Notes", lambda r: r.notes),
    ),
    count_actions,
    action_page,
)

EVENTS_EXPORT = TableExport(
    "Événements",
    (
        ExportColumn("Titre", lambda r: r.title),
        ExportColumn("Type", lambda r: r.kind),
        ExportColumn("Année", lambda r: r.year),
        ExportColumn("Début", lambda r: r.starts_on),
        ExportColumn("Heure", lambda r: r.start_time),
        ExportColumn("Fin", lambda r: r.ends_on),
        ExportColumn("Lieu", lambda r: r.place),
        ExportColumn("En ligne", lambda r: r.online),
        ExportColumn("Statut", lambda r: r.status),
        ExportColumn("Séances", lambda r: r.sessions),
        ExportColumn("Participants", lambda r: r.participants),
    ),
    count_events,
    list_events,
    {".ics": lambda database, ids, path: export_events_ics(database, ids, path)},
)

TABLE_EXPORTS = {"members": MEMBERS_EXPORT, "actions": ACTIONS_EXPORT, "events": EVENTS_EXPORT, "figures": FIGURES_EXPORT}


@dataclass(frozen=True, slots=True)
class ExportDone:
    path: Path
    rows: int
    detail: str = ""


def export_table(
    database: Database,
    export: TableExport,
    path: Path | str,
    query: ListQuery | None = None,
    progress: Progress = no_progress,
) -> ExportDone:
    """Export the rows the query shows, in the format the file's extension names."""
    path = Path(path)
    query = query or ListQuery()
    suffix = path.suffix.lower()
    count = lambda q: export.count(database, q)  # noqa: E731
    page = lambda q, offset, limit: export.page(database, q, offset, limit)  # noqa: E731
    if suffix in TABLE_SUFFIXES:
        rows = export_listing(path, export.columns, count, page, query, sheet_title=export.title, progress=progress)
        return ExportDone(path, rows)
    writer = export.other_formats.get(suffix)
    if writer is None:
        raise ExportError(f"{export.title} : format {path.suffix or 'sans extension'} non pris en charge ({', '.join(export.suffixes)}).")
    ids = [row.id for row in listing_rows(count, page, query, progress)]
    result = writer(database, ids, path)
    return ExportDone(path, len(ids), export_detail(result))


def export_detail(result: object) -> str:
    """What a cards or calendar export holds besides its rows: '51 fiches d'adhérent et 60 fiches de contact'."""
    if hasattr(result, "contacts"):
        return (f"{plural(result.organisations, 'fiche', 'fiches')} d'adhérent et "
                f"{plural(result.contacts, 'fiche', 'fiches')} de contact")
    if hasattr(result, "skipped_undated"):
        skipped = result.skipped_undated
        left_out = f", {number(skipped)} sans date {plural_word(skipped, 'non exporté', 'non exportés')}" if skipped else ""
        return f"{plural(result.exported, 'événement', 'événements')}{left_out}"
    return ""
