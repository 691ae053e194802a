"""The reference page's three tables (matches, differences, prospects) as list queries over the
overview held in memory, searched, filtered and sorted as the SQL list queries are; the prospects'
columns as exported by the page and `reference prospects -o`."""

from collections.abc import Callable

from coorace_desktop.domain.text import fold
from coorace_desktop.services.exporting.spreadsheet import ExportColumn
from coorace_desktop.services.listing import RowsInMemory
from coorace_desktop.services.reference.matching import ReferenceOverview

TYPE_FILTER = "type"
DEPARTMENT_FILTER = "department"
STATE_FILTER = "state"
FIELD_FILTER = "field"


def matches_list(overview: Callable[[], ReferenceOverview]) -> RowsInMemory:
    return RowsInMemory(
        lambda: overview().matches,
        {
            "name": lambda m: fold(m.name), "state": lambda m: m.state.label, "evidence": lambda m: m.evidence,
            "entry": lambda m: fold(m.entry.name) if m.entry else "", "siret": lambda m: m.entry.siret if m.entry else m.siret,
        },
        lambda m: f"{m.name} {m.entry.name if m.entry else ''} {m.siret} {m.entry.siret if m.entry else ''}",
        {STATE_FILTER: lambda m, value: m.state == value},
    )


def differences_list(overview: Callable[[], ReferenceOverview]) -> RowsInMemory:
    return RowsInMemory(
        lambda: overview().differences,
        {"member": lambda d: fold(d.member), "field": lambda d: d.field.label, "current": lambda d: fold(d.current),
         "reference": lambda d: fold(d.reference)},
        lambda d: f"{d.member} {d.current} {d.reference}",
        {FIELD_FILTER: lambda d, value: d.field == value},
    )


def prospects_list(overview: Callable[[], ReferenceOverview]) -> RowsInMemory:
    return RowsInMemory(
        lambda: overview().prospects,
        {
            "name": lambda e: fold(e.name), "types": lambda e: e.types_text, "department": lambda e: e.department,
            "city": lambda e: fold(e.city), "phone": lambda e: e.phone, "email": lambda e: e.email.casefold(), "siret": lambda e: e.siret,
        },
        lambda e: f"{e.name} {e.city} {e.postcode} {e.siret} {e.email}",
        {TYPE_FILTER: lambda e, value: value in e.types, DEPARTMENT_FILTER: lambda e, value: e.department == value},
    )


PROSPECT_COLUMNS = (
    ExportColumn("Raison sociale", lambda e: e.name),
    ExportColumn("SIRET", lambda e: e.siret),
    ExportColumn("Types", lambda e: e.types_text),
    ExportColumn("Adresse", lambda e: e.address),
    ExportColumn("Code postal", lambda e: e.postcode),
    ExportColumn("Ville", lambda e: e.city),
    ExportColumn("Dépt", lambda e: e.department),
    ExportColumn("Téléphone", lambda e: e.phone),
    ExportColumn("E-mail", lambda e: e.email),
    ExportColumn("Site web", lambda e: e.website),
    ExportColumn("Réseaux", lambda e: e.networks),
    ExportColumn("Source", lambda e: e.source.label),
    ExportColumn("Mise à jour", lambda e: e.updated_on),
)
