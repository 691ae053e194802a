"""A small office where every dashboard figure is known: three members, two officers, two
programmes, a few actions, events and fees (the dashboard's service and interface tests)."""

from dataclasses import dataclass
from datetime import date

from coorace_desktop.domain import Organisation, Person, Programme, StaffMember
from coorace_desktop.domain.accompaniment import SupportAction
from coorace_desktop.domain.enums import ActionKind, EventStatus, PaymentMethod, SiaeType
from coorace_desktop.domain.events import Event, EventKind, Participation
from coorace_desktop.domain.fees import FeePayment
from coorace_desktop.domain.organisations import Membership, MembershipFee, OrganisationType, Site


@dataclass
class Office:
    database: object
    organisations: dict[str, int]
    officers: dict[str, int]
    programmes: dict[str, int]
    kind_id: int


def _added(session, row):
    session.add(row)
    session.flush()
    return row.id


def build_office(database) -> Office:
    """A: member since 2015; B: joined 01/03/2024; C: left on 01/06/2024 (its last day 31/05);
    D: never a member. A has a site in 31 and is an AI, B a site in 09 and is an EI, C an ACI. Actions of VERA and ROUMEAU in 2024, events and fees of 2024."""
    with database.session() as session:
        organisations = {name: _added(session, Organisation(name=name, name_key=name.lower())) for name in "ABCD"}
        for name, joined, left in (("A", date(2015, 1, 1), None), ("B", date(2024, 3, 1), None), ("C", date(2016, 1, 1), date(2024, 6, 1))):
            session.add(Membership(organisation_id=organisations[name], joined_on=joined, left_on=left))
        for name, siae_type in (("A", SiaeType.AI), ("B", SiaeType.EI), ("C", SiaeType.ACI)):
            session.add(OrganisationType(organisation_id=organisations[name], siae_type=siae_type))
        for name, department in (("A", "31"), ("B", "09")):
            session.add(Site(organisation_id=organisations[name], department=department))
        officers = {}
        for last in ("VERA", "ROUMEAU"):
            person = _added(session, Person(first_name="Ana", last_name=last, name_key=f"{last.lower()} ana"))
            officers[last] = _added(session, StaffMember(person_id=person, job_title="Chargée de mission"))
        programmes = {name: _added(session, Programme(name=name)) for name in ("Zest'", "CEDRE")}
        for day, officer, programme, organisation, hours in (
            (date(2024, 1, 15), "VERA", "Zest'", "A", 2.0),
            (date(2024, 1, 20), "VERA", "Zest'", "B", 1.5),
            (date(2024, 3, 3), "ROUMEAU", "CEDRE", "A", 3.0),
            (date(2024, 3, 31), "VERA", "CEDRE", "C", 1.0),
            (date(2023, 12, 31), "VERA", "Zest'", "A", 9.0),  # the year before: never counted in 2024
        ):
            session.add(SupportAction(action_date=day, officer_id=officers[officer], programme_id=programmes[programme],
                                      organisation_id=organisations[organisation], kind=ActionKind.INDIVIDUAL_SUPPORT, hours=hours))
        kind_id = _added(session, EventKind(name="Webinaire"))
        first = _added(session, Event(title="Un", kind_id=kind_id, year=2024, starts_on=date(2024, 2, 5), status=EventStatus.DONE, other_participants=4))
        session.add(Participation(event_id=first, organisation_id=organisations["A"], persons=2))
        _added(session, Event(title="Deux", kind_id=kind_id, year=2024, starts_on=date(2024, 3, 9), status=EventStatus.DONE, sessions=3))
        for number, (name, amount, paid) in enumerate((("A", 300, date(2024, 2, 1)), ("B", 200, None), ("C", 100, None)), start=1):
            fee = _added(session, MembershipFee(organisation_id=organisations[name], year=2024, amount=amount, number=number,
                                                called_on=date(2024, 1, 10), due_on=date(2024, 12, 31)))
            if paid:
                session.add(FeePayment(fee_id=fee, amount=amount, paid_on=paid, method=PaymentMethod.TRANSFER))
    return Office(database, organisations, officers, programmes, kind_id)
