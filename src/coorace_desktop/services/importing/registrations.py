"""Importing an event's registration list (name, first name, organisation, e-mail) from a
spreadsheet. Each row is matched to the recorded persons with the members import's rules: the
same name is that person; a different name with the same e-mail, or a close name (the members
import's name likeness) of someone of the same organisation, is a possible duplicate that waits
for the user's decision; anything else is a new person (a guest, or of the organisation named)."""

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select

from coorace_desktop.domain import Contact, Organisation, Person
from coorace_desktop.domain.events_registrations import RegistrationInput
from coorace_desktop.domain.french import plural
from coorace_desktop.domain.governance_drafts import PersonRef
from coorace_desktop.domain.names import display_name, name_key
from coorace_desktop.domain.text import fold
from coorace_desktop.domain.validation import ValidationError, email_address
from coorace_desktop.services.events.registrations import register
from coorace_desktop.services.importing.cells import as_text
from coorace_desktop.services.importing.mapping import ColumnMapping
from coorace_desktop.services.importing.member_match import name_likeness
from coorace_desktop.services.importing.outcome import Action, Decision, ImportRefused, RowError
from coorace_desktop.services.importing.sources import SourceTable
from coorace_desktop.storage.database import Database


@dataclass(frozen=True, slots=True)
class PlannedRegistration:
    """One row of the list and what importing it does: UNCHANGED registers the recorded person of
    the same name, CREATE records a new person, DUPLICATE waits for a decision (person_id: the
    recorded person it may be)."""

    line: int
    first_name: str
    last_name: str
    organisation: str
    email: str
    action: Action
    person_id: int | None = None
    organisation_id: int | None = None
    existing_name: str = ""
    reason: str = ""

    @property
    def name(self) -> str:
        return display_name(self.first_name, self.last_name)


@dataclass(frozen=True, slots=True)
class RegistrationPreview:
    planned: tuple[PlannedRegistration, ...]
    errors: tuple[RowError, ...]

    def count(self, action: Action) -> int:
        return sum(1 for row in self.planned if row.action is action)


@dataclass(frozen=True, slots=True)
class RegistrationImportResult:
    registered: int  # persons registered (for every session)
    new_persons: int
    waiting: int  # possible duplicates left undecided, hence not registered

    def summary(self) -> str:
        text = (f"{plural(self.registered, 'personne inscrite', 'personnes inscrites')}, dont "
                f"{plural(self.new_persons, 'nouvelle', 'nouvelles')} dans l'annuaire")
        if self.waiting:
            return text + f" ; {plural(self.waiting, 'doublon possible', 'doublons possibles')} en attente de décision."
        return text + "."


@dataclass(slots=True)
class _Known:
    person_id: int
    first_name: str
    last_name: str
    email: str
    organisations: set[int]


def _cell(row, mapping: ColumnMapping, key: str) -> str:
    column = mapping.column_of(key)
    return as_text(row.cells[column]) if column is not None and column < len(row.cells) else ""


def preview_registrations(database: Database, table: SourceTable, mapping: ColumnMapping) -> RegistrationPreview:
    """Read the rows with the mapping and match them with the recorded persons (read only)."""
    if missing := mapping.missing_required():
        raise ImportRefused(f"Aucune colonne n'est associée à : {', '.join(missing)}.")
    with database.session() as session:
        persons = {pid: _Known(pid, first, last, email, set()) for pid, first, last, email in session.execute(
            select(Person.id, Person.first_name, Person.last_name, Person.email).where(Person.erased_on.is_(None)))}
        for person_id, organisation_id in session.execute(select(Contact.person_id, Contact.organisation_id)):
            if person_id in persons:
                persons[person_id].organisations.add(organisation_id)
        organisations = {fold(name): oid for oid, name in session.execute(select(Organisation.id, Organisation.name))}
    by_key = {}
    by_email = {}
    for person in persons.values():
        by_key.setdefault(name_key(person.first_name, person.last_name), person)
        if person.email:
            by_email.setdefault(person.email.casefold(), person)
    planned, errors = [], []
    for row in table.rows[mapping.header_index + 1:]:
        first, last = " ".join(_cell(row, mapping, "first_name").split()), " ".join(_cell(row, mapping, "last_name").split())
        organisation, email = " ".join(_cell(row, mapping, "organisation").split()), _cell(row, mapping, "email")
        problems = [] if last else ["Le nom est obligatoire."]
        try:
            email = email_address(email)
        except ValidationError as error:
            problems.append(str(error))
        if problems:
            errors.append(RowError(row.line, tuple(problems), tuple(as_text(cell) for cell in row.cells)))
            continue
        organisation_id = organisations.get(fold(organisation)) if organisation else None
        key = name_key(first, last)
        fields = (row.line, first, last, organisation, email)
        if (same := by_key.get(key)) is not None:
            planned.append(PlannedRegistration(*fields, Action.UNCHANGED, same.person_id, organisation_id,
                                               display_name(same.first_name, same.last_name), "même nom"))
            continue
        duplicate = _possible_duplicate(key, email, organisation_id, by_email, persons.values())
        if duplicate is not None:
            person, reason = duplicate
            planned.append(PlannedRegistration(*fields, Action.DUPLICATE, person.person_id, organisation_id,
                                               display_name(person.first_name, person.last_name), reason))
        else:
            planned.append(PlannedRegistration(*fields, Action.CREATE, None, organisation_id))
    return RegistrationPreview(tuple(planned), tuple(errors))


def _possible_duplicate(key: str, email: str, organisation_id: int | None, by_email, persons) -> tuple[_Known, str] | None:
    """The recorded person a new name may well be, and why: the same e-mail, or a close name and
    the same organisation (a close name alone is no evidence, as in the members import)."""
    if email and (person := by_email.get(email.casefold())) is not None:
        return person, f"même e-mail : {email}"
    if organisation_id is None:
        return None
    for person in persons:
        if organisation_id in person.organisations:
            likeness = name_likeness(key, name_key(person.first_name, person.last_name))
            if likeness:
                return person, f"{likeness} et même structure"
    return None


def apply_registrations(
    database: Database, event_id: int, preview: RegistrationPreview, decisions: Mapping[int, Decision] | None = None,
) -> RegistrationImportResult:
    """Register every planned row for all the event's sessions, in one transaction. A possible
    duplicate follows its decision (by line): MERGE registers the recorded person, CREATE a new
    one, SKIP nobody; without a decision it waits (not registered). Rows in error refuse it all."""
    if preview.errors:
        raise ImportRefused(f"{plural(len(preview.errors), 'ligne', 'lignes')} en erreur : rien n'a été importé. Corrigez-les d'abord.")
    decisions = decisions or {}
    entries, new_persons, waiting = [], 0, 0
    for row in preview.planned:
        action = row.action
        if action is Action.DUPLICATE:
            decision = decisions.get(row.line)
            if decision is None:
                waiting += 1
                continue
            if decision is Decision.SKIP:
                continue
            action = Action.UNCHANGED if decision is Decision.MERGE else Action.CREATE
        if action is Action.UNCHANGED:
            person = PersonRef(row.person_id)
        else:
            person = PersonRef(None, row.first_name, row.last_name)
            new_persons += 1
        organisation_text = "" if row.organisation_id else row.organisation
        entries.append(RegistrationInput(person, row.organisation_id, organisation_text, row.email if person.person_id is None else ""))
    if entries:
        register(database, event_id, entries)
    return RegistrationImportResult(len(entries), new_persons, waiting)
