"""Board commands: elect a board at an assembly, end a mandate, bureau offices, national seats.

History is never rewritten: ending something sets its end date (only ever brought forward),
and a new election adds new mandates. Deleting is only for a line entered by mistake."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete
from sqlmodel import Session, select

from coorace_desktop.domain import BoardMandate, BureauOffice, GeneralAssembly, NationalMandate, Organisation, Person
from coorace_desktop.domain.enums import BureauRole, office_title
from coorace_desktop.domain.governance_drafts import (
    ElectionDraft,
    MandateEndDraft,
    OfficeDraft,
    validate_election,
    validate_mandate_end,
    validate_office,
)
from coorace_desktop.domain.governance_rules import (
    OfficeHolding,
    check_end,
    check_office,
    check_single_mandate,
    check_within_mandate,
)
from coorace_desktop.domain.names import display_name
from coorace_desktop.domain.periods import Period
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.services.governance.shared import (
    existing,
    person_name,
    refuse_if_invalid,
    representation_warnings,
)
from coorace_desktop.services.members.persons import resolve_person
from coorace_desktop.storage.database import Database


@dataclass(frozen=True, slots=True)
class ElectionResult:
    mandate_ids: list[int]
    warnings: list[str]


def _mandate(session: Session, mandate_id: int) -> BoardMandate:
    return existing(session, BoardMandate, mandate_id)


def _span(row: BoardMandate | BureauOffice | NationalMandate) -> Period:
    return Period(row.start_on, row.end_on)


def election_warnings(database: Database, organisation_ids: list[int], on: date, renew: bool = False) -> list[str]:
    """Warnings (not refusals) before an election: organisations that are not members on the date,
    or already represented (by a sitting member, unless the board is renewed, or twice in the list)."""
    with database.session() as session:
        warnings = []
        for organisation_id in dict.fromkeys(organisation_ids):
            warnings += representation_warnings(session, organisation_id, on, since=on if renew else None)
            if organisation_ids.count(organisation_id) > 1:
                name = existing(session, Organisation, organisation_id).name
                warnings.append(f"{name} est représenté {organisation_ids.count(organisation_id)} fois dans cette élection.")
        return warnings


@dataclass(frozen=True, slots=True)
class RenewalEndings:
    """What a renewal ends on its date besides the mandates: « Présidente : Anne DUPONT », and the
    names of the national representatives."""

    offices: list[str]
    national: list[str]


def _sitting(session: Session, start: date) -> list[BoardMandate]:
    """Mandates begun before `start` and still running then: a renewal on `start` ends them."""
    return list(session.exec(
        select(BoardMandate).where(BoardMandate.start_on < start, BoardMandate.end_on.is_(None) | (BoardMandate.end_on > start))
    ).all())


def _running(session: Session, table: type[BureauOffice] | type[NationalMandate], mandate_id: int, on: date) -> list:
    return [
        row for row in session.exec(select(table).where(table.mandate_id == mandate_id)).all()
        if row.start_on < on and (row.end_on is None or row.end_on > on)
    ]


def renewal_endings(database: Database, start: date) -> RenewalEndings:
    """The bureau offices (in the bureau's order) and national seats a renewal on `start` ends."""
    order = list(BureauRole)
    with database.session() as session:
        offices, national = [], []
        for mandate in _sitting(session, start):
            name = person_name(session, mandate.person_id)
            offices += [(order.index(BureauRole(office.role)), f"{office_title(office.role, office.form)} : {name}")
                        for office in _running(session, BureauOffice, mandate.id, start)]
            national += [name] * bool(_running(session, NationalMandate, mandate.id, start))
        return RenewalEndings([label for _, label in sorted(offices)], sorted(national))


def elect_board(database: Database, draft: ElectionDraft) -> ElectionResult:
    """Record the board elected at an assembly, one new mandate per seat, in one transaction.

    With `renew`, every mandate still running on the start date ends that day (with its offices
    and national seat): re-elected members get a new mandate, and with `keep_bureau` their office
    and national seat again from that day."""
    refuse_if_invalid(validate_election(draft))
    start = draft.start_on
    with database.session() as session:
        assembly = existing(session, GeneralAssembly, draft.assembly_id)
        kept_offices: dict[int, list[BureauOffice]] = {}  # person id -> offices ended by the renewal
        kept_national: set[int] = set()
        if draft.renew:
            reason = f"Renouvellement du conseil (AG du {assembly.held_on:%d/%m/%Y})"
            for mandate in _sitting(session, start):
                if draft.keep_bureau:
                    kept_offices[mandate.person_id] = _running(session, BureauOffice, mandate.id, start)
                    if _running(session, NationalMandate, mandate.id, start):
                        kept_national.add(mandate.person_id)
                _end_mandate(session, mandate, start, reason)
        span = Period(start, draft.end_on)
        mandate_ids, warnings = [], []
        for seat in draft.seats:
            person = resolve_person(session, seat.person)
            others = session.exec(select(BoardMandate).where(BoardMandate.person_id == person.id)).all()
            check_single_mandate(person_name(session, person.id), span, [_span(other) for other in others])
            # Renewed mandates have ended by now; earlier seats of this election count as sitting.
            warnings += representation_warnings(session, seat.organisation_id, start)
            mandate = BoardMandate(
                person_id=person.id, organisation_id=seat.organisation_id, assembly_id=assembly.id, start_on=start, end_on=draft.end_on
            )
            session.add(mandate)
            session.flush()
            mandate_ids.append(mandate.id)
            for office in kept_offices.get(person.id, ()):
                session.add(BureauOffice(mandate_id=mandate.id, role=office.role, form=office.form, start_on=start, end_on=draft.end_on))
            if person.id in kept_national:
                session.add(NationalMandate(mandate_id=mandate.id, start_on=start, end_on=draft.end_on))
        return ElectionResult(mandate_ids, warnings)


def end_mandate(database: Database, draft: MandateEndDraft) -> None:
    """A resignation (or any end): the mandate, its offices and its national seat end that day."""
    refuse_if_invalid(validate_mandate_end(draft))
    with database.session() as session:
        _end_mandate(session, _mandate(session, draft.mandate_id), draft.end_on, " ".join(draft.reason.split()))


def _end_mandate(session: Session, mandate: BoardMandate, end: date, reason: str) -> None:
    name = person_name(session, mandate.person_id)
    check_end(_span(mandate), end, f"Le mandat de {name}")
    for table, what in ((BureauOffice, "une fonction au bureau"), (NationalMandate, "une représentation nationale")):
        for row in session.exec(select(table).where(table.mandate_id == mandate.id)).all():
            if row.start_on >= end:
                raise ValidationError(
                    f"{name} a {what} qui commence le {row.start_on:%d/%m/%Y}, après cette fin de mandat : "
                    "supprimez-la d'abord si elle a été saisie par erreur."
                )
            if row.end_on is None or row.end_on > end:
                row.end_on = end
                session.add(row)
    mandate.end_on = end
    mandate.end_reason = reason
    session.add(mandate)


def delete_mandate(database: Database, mandate_id: int) -> None:
    """Remove a mandate entered by mistake, with its offices and national seat."""
    with database.session() as session:
        mandate = _mandate(session, mandate_id)
        for table in (BureauOffice, NationalMandate):
            session.execute(delete(table).where(table.mandate_id == mandate.id))
        session.delete(mandate)


def assign_office(database: Database, draft: OfficeDraft) -> int:
    """Give a board member a bureau office, under the bureau's rules; ends with the mandate by default."""
    refuse_if_invalid(validate_office(draft))
    with database.session() as session:
        mandate = _mandate(session, draft.mandate_id)
        name = person_name(session, mandate.person_id)
        role = BureauRole(draft.role)
        span = Period(draft.start_on, draft.end_on if draft.end_on is not None else mandate.end_on)
        check_within_mandate(span, _span(mandate), name, f"La fonction {office_title(role, draft.form)}")
        check_office(OfficeHolding(mandate.person_id, name, role, span, draft.form), _holdings(session))
        office = BureauOffice(mandate_id=mandate.id, role=role, form=draft.form, start_on=span.start, end_on=span.end)
        session.add(office)
        session.flush()
        return office.id


def _holdings(session: Session) -> list[OfficeHolding]:
    rows = session.exec(
        select(BureauOffice, Person.id, Person.first_name, Person.last_name)
        .join(BoardMandate, BoardMandate.id == BureauOffice.mandate_id)
        .join(Person, Person.id == BoardMandate.person_id)
    ).all()
    return [
        OfficeHolding(person_id, display_name(first, last), BureauRole(office.role), _span(office), office.form)
        for office, person_id, first, last in rows
    ]


def end_office(database: Database, office_id: int, end: date) -> None:
    with database.session() as session:
        office = existing(session, BureauOffice, office_id)
        check_end(_span(office), end, f"La fonction {office_title(office.role, office.form)}")
        office.end_on = end
        session.add(office)


def delete_office(database: Database, office_id: int) -> None:
    """Remove an office entered by mistake."""
    with database.session() as session:
        session.execute(delete(BureauOffice).where(BureauOffice.id == office_id))


def start_national_seat(database: Database, mandate_id: int, start: date) -> int:
    """The board member represents the region at the national federation's board from `start`."""
    with database.session() as session:
        mandate = _mandate(session, mandate_id)
        name = person_name(session, mandate.person_id)
        span = Period(start, mandate.end_on)
        check_within_mandate(span, _span(mandate), name, "La représentation nationale")
        for seat in session.exec(select(NationalMandate).where(NationalMandate.mandate_id == mandate_id)).all():
            if _span(seat).overlaps(span):
                raise ValidationError(f"{name} représente déjà la région au niveau national ({_span(seat).text()}).")
        seat = NationalMandate(mandate_id=mandate_id, start_on=start, end_on=mandate.end_on)
        session.add(seat)
        session.flush()
        return seat.id


def end_national_seat(database: Database, mandate_id: int, end: date) -> None:
    """End the national seat the board member holds on the day before `end`."""
    with database.session() as session:
        mandate = _mandate(session, mandate_id)
        seats = session.exec(select(NationalMandate).where(NationalMandate.mandate_id == mandate_id)).all()
        current = [seat for seat in seats if _span(seat).start <= end and (seat.end_on is None or seat.end_on > end)]
        if not current:
            raise ValidationError(f"{person_name(session, mandate.person_id)} ne représente pas la région au niveau national à cette date.")
        check_end(_span(current[0]), end, "La représentation nationale")
        current[0].end_on = end
        session.add(current[0])
