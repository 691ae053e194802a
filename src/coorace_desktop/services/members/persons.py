"""Persons are shared by contacts, board mandates and staff posts: a person is recorded once,
and a new name that is already recorded is refused so that nobody is typed twice."""

from sqlmodel import Session, select

from coorace_desktop.domain import Person
from coorace_desktop.domain.governance_drafts import PersonRef
from coorace_desktop.domain.names import display_name, name_key
from coorace_desktop.domain.validation import ValidationError, required_text


def new_person(session: Session, first_name: str, last_name: str) -> Person:
    """Record a person typed for the first time; refused if that name is already recorded."""
    last_name = required_text(last_name, "Le nom de la personne")
    first_name = " ".join(first_name.split())
    key = name_key(first_name, last_name)
    existing = session.exec(select(Person).where(Person.name_key == key, Person.erased_on.is_(None))).first()
    if existing is not None:
        raise ValidationError(
            f"{display_name(existing.first_name, existing.last_name)} est déjà enregistré·e : "
            "choisissez cette personne dans la liste plutôt que de la saisir à nouveau."
        )
    person = Person(first_name=first_name, last_name=last_name, name_key=key)
    session.add(person)
    session.flush()
    return person


def resolve_person(session: Session, ref: PersonRef) -> Person:
    """The Person a draft names: a recorded one still there, or a new one."""
    if ref.person_id is None:
        return new_person(session, ref.first_name, ref.last_name)
    person = session.get(Person, ref.person_id)
    if person is None or person.erased_on is not None:
        raise ValidationError("Cette personne n'existe plus dans la base : choisissez-la à nouveau.")
    return person
