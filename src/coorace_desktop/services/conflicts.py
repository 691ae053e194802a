"""Records as a user reads them, field by field, to say what someone else changed meanwhile.

Each function gives {French label: value as shown} (domain.concurrency compares two of them).
Entries of a list are labelled by their place ("Site 2, téléphone") or their year ("Cotisation 2020")."""

from sqlalchemy import inspect
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from coorace_desktop.domain.concurrency import StaleRecordError, field_changes, shown
from coorace_desktop.domain.enums import EventStatus, Organiser
from coorace_desktop.domain.members import FIGURE_LABELS, ORGANISATION_FIELDS, OrganisationDraft, shown_joined
from coorace_desktop.domain.versioning import VERSION

# Imported by the services that raise it.
__all__ = ["StaleRecordError", "event_fields", "organisation_fields", "require_version", "stale_event", "stale_organisation"]


def require_version(record: object, expected: int | None) -> None:
    """Before saving a versioned record loaded at `expected` (None: not checked): raise
    StaleDataError, as the ORM does when it loses a race, if the record has moved on since;
    else mark it changed, so that the save gives it a new version even when only the rows
    it holds change (sites, participants)."""
    if expected is not None and getattr(record, VERSION) != expected:
        raise StaleDataError(f"{type(record).__name__} {record.id}: version {getattr(record, VERSION)}, expected {expected}")
    # Flagging the version column itself would make the ORM write it unchanged: flag a data column.
    flag_modified(record, next(a.key for a in inspect(record).mapper.column_attrs if a.key not in ("id", VERSION)))


def _joined(*parts: str) -> str:
    return ", ".join(part for part in parts if part)


def organisation_fields(draft: OrganisationDraft) -> dict[str, str]:
    fields = {field.label: shown(getattr(draft, field.name)) for field in ORGANISATION_FIELDS}
    fields["Conventionnements"] = shown(", ".join(sorted(siae_type.label for siae_type in draft.types)))
    for n, site in enumerate(draft.sites):
        label = "Site principal" if n == 0 else f"Site {n + 1}"
        fields[f"{label}, adresse"] = shown(site.address)
        fields[f"{label}, commune"] = shown(f"{site.postcode} {site.city}".strip())
        fields[f"{label}, téléphone"] = shown(site.phone)
        fields[f"{label}, e-mail"] = shown(site.email)
    for n, contact in enumerate(draft.contacts, start=1):
        fields[f"Contact {n}"] = shown(contact.full_name + (f" ({contact.role})" if contact.role else ""))
        fields[f"Contact {n}, e-mail"] = shown(contact.email)
        fields[f"Contact {n}, téléphone"] = shown(contact.phone)
    for n, period in enumerate(draft.memberships, start=1):
        since = f"depuis {shown_joined(period)}" if period.joined_on else "date d'adhésion inconnue"
        until = f"jusqu'au {shown(period.left_on)}" if period.left_on else ""
        fields[f"Période d'adhésion {n}"] = shown(_joined(since, until, period.notes))
    for entry in draft.figures:
        for name, label in FIGURE_LABELS.items():
            fields[f"{label} {entry.year}"] = shown(getattr(entry, name))
    return fields


def stale_organisation(before: OrganisationDraft, theirs: OrganisationDraft) -> StaleRecordError:
    """The refusal of a save made on `before` when the record is now `theirs`."""
    return StaleRecordError(f"« {theirs.name} »", field_changes(organisation_fields(before), organisation_fields(theirs)), theirs)


def event_fields(details) -> dict[str, str]:
    """An events.EventDetails field by field (participants by organisation)."""
    values = details.values
    fields = {
        "Titre": shown(values.title),
        "Type": shown(details.kind_name),
        "Date": shown(values.starts_on) if values.starts_on else f"à préciser ({values.year})",
        "Fin": shown(values.ends_on),
        "Horaires": f"{shown(values.start_time)} à {shown(values.end_time)}" if values.start_time else shown(None),
        "Lieu": shown(values.place),
        "En ligne": shown(values.online),
        "Organisé par": shown(Organiser(values.organiser)),
        "Partenaire organisateur": shown(values.organiser_name),
        "Statut": shown(EventStatus(values.status)),
        "Séances": shown(values.sessions),
        "Description": shown(values.description),
        "Temps fort": shown(values.is_highlight),
        "Titre du temps fort": shown(values.highlight_title),
        "Récit du temps fort": shown(values.highlight_story),
        "Autres participants": shown(values.other_participants),
    }
    for row in details.participants:
        fields[f"Participants de {row.name}"] = shown(row.persons)
    return fields


def stale_event(before, theirs) -> StaleRecordError:
    """The refusal of a save made on `before` (EventDetails) when the event is now `theirs`."""
    changes = field_changes(event_fields(before), event_fields(theirs))
    return StaleRecordError(f"L'événement « {theirs.values.title} »", changes, theirs)
