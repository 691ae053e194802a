"""The issue's training on the demo data: an event of 3 sessions in 2020 with 25 registered
persons, 20 of member organisations (the demo's 15 contacts, and 5 typed with their member
organisation) and 5 guests (organisation as text, e-mail)."""

from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import select

from coorace_desktop.domain import Contact
from coorace_desktop.domain.enums import EventStatus
from coorace_desktop.domain.events_registrations import RegistrationInput
from coorace_desktop.domain.events_rules import EventInput
from coorace_desktop.domain.governance_drafts import PersonRef
from coorace_desktop.services.events.commands import create_event, event_kinds
from coorace_desktop.services.events.registrations import register

TYPED_MEMBERS = ("Inès ABADIE", "Paul BARTHE", "Chloé CAZALS", "Hugo DELMAS", "Léa ESCANDE")
GUESTS = (
    ("Nora", "FABRE", "Mission locale de Rodez", "n.fabre@ml-rodez.fr"),
    ("Yanis", "GARRIGUES", "Pôle emploi Albi", "y.garrigues@pole-emploi.fr"),
    ("Sofia", "HEBRARD", "Conseil départemental 31", "s.hebrard@cd31.fr"),
    ("Jules", "IZARD", "", "jules.izard@example.org"),
    ("Maëlle", "JULIEN", "Région Occitanie", ""),
)


@dataclass(frozen=True, slots=True)
class Training:
    event_id: int
    member_contacts: dict[int, int]  # person id -> organisation id, the demo's contacts


def make_training(database, *, starts_on: date = date(2020, 10, 6), status: EventStatus = EventStatus.DONE) -> Training:
    kind_id = next(kind.id for kind in event_kinds(database) if kind.name == "Formation")
    event_id = create_event(database, EventInput(
        "Formation des encadrants techniques", kind_id, starts_on.year, starts_on, time(9, 0), None, time(12, 30),
        place="Toulouse, Maison de l'économie sociale", status=status, sessions=3,
    ))
    with database.session() as session:
        contacts = dict(session.execute(select(Contact.person_id, Contact.organisation_id).order_by(Contact.id)).all())
    assert len(contacts) == 15
    organisations = list(contacts.values())
    entries = [RegistrationInput(PersonRef(person_id)) for person_id in contacts]
    entries += [RegistrationInput(PersonRef(None, *name.split()), organisations[i]) for i, name in enumerate(TYPED_MEMBERS)]
    entries += [RegistrationInput(PersonRef(None, first, last), None, organisation, email)
                for first, last, organisation, email in GUESTS]
    assert register(database, event_id, entries) == 25 * 3
    return Training(event_id, contacts)


# A registration list of 40 rows: 2 recorded persons, 1 possible duplicate, 37 new persons.
HEADERS = ["Nom", "Prénom", "Structure", "Courriel"]


def forty_rows() -> list[list[str]]:
    rows = [
        ["Chatry", "Isabelle", "INTER RELAIS", ""],  # recorded: the same name, accents and case aside
        ["GUILLET", "Catherine", "", ""],  # recorded, no organisation given
        ["Chatri", "Isabel", "INTER RELAIS", ""],  # close to Isabelle CHATRY, of the same organisation
        ["Dupont", "Line", "Mairie de Figeac", ""],  # another organisation: no evidence for anyone
    ]
    rows += [[f"Participant{n:02d}", "Anne", "Pôle emploi Albi" if n % 2 else "", f"p{n}@example.org"] for n in range(36)]
    return rows
