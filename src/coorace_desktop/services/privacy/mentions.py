"""Where a person's name appears in free texts (reports, notes, stories), accent- and case-insensitively."""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sqlalchemy import or_
from sqlmodel import Session, SQLModel, select

from coorace_desktop.domain import (
    ClosedYear,
    Event,
    GeneralAssembly,
    Membership,
    Organisation,
    Partner,
    Person,
    ProjectHolder,
    ReportText,
    Site,
    SupportAction,
    Territory,
)
from coorace_desktop.domain.text import fold

EXCERPT_LENGTH = 160
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")


@dataclass(frozen=True, slots=True)
class Mention:
    """A free text naming the person: where it is, and the sentence that does."""

    place: str
    excerpt: str


# Each table with free texts: how to name a row, and its text columns with their French names.
_TEXTS: list[tuple[type[SQLModel], Callable[[SQLModel], str], dict[str, str]]] = [
    (ReportText, lambda r: f"Rapport {r.year}", {"moral_report": "rapport moral", "signatory_name": "signataire", "context": "contexte"}),
    (Organisation, lambda r: f"Adhérent {r.name}", {"notes": "notes"}),
    (Membership, lambda r: f"Adhésion n° {r.id}", {"notes": "notes"}),
    (Event, lambda r: f"Événement « {r.title} »", {
        "title": "titre", "description": "description", "organiser_name": "organisateur",
        "highlight_title": "titre du temps fort", "highlight_story": "récit du temps fort",
    }),
    (SupportAction, lambda r: f"Accompagnement du {r.action_date:%d/%m/%Y}", {"group_label": "groupe", "notes": "notes"}),
    (ProjectHolder, lambda r: f"Porteur de projet {r.name}", {"name": "nom", "contact_name": "contact", "notes": "notes"}),
    (Territory, lambda r: f"Territoire {r.name}", {"notes": "notes"}),
    (Partner, lambda r: f"Partenaire {r.name}", {"description": "description"}),
    (GeneralAssembly, lambda r: f"Assemblée générale du {r.held_on:%d/%m/%Y}", {"notes": "notes"}),
    (Person, lambda r: f"Personne n° {r.id}", {"notes": "notes"}),
]


def name_patterns(first_name: str, last_name: str) -> list[str]:
    """The folded forms that name the person: 'first last' and 'last first' (the last name alone
    only when no first name is recorded, as a lone surname would match namesakes)."""
    first, last = fold(first_name), fold(last_name)
    if not last:
        return []
    if not first:
        return [last]
    return [f"{first} {last}", f"{last} {first}"]


def email_names(first_name: str, last_name: str) -> set[str]:
    """The local parts of an e-mail built from the name, letters only: i.chatry, isabelle.chatry,
    chatry.i, chatryisabelle... (a surname alone is a namesake as often as the person)."""
    first, last = fold(first_name).replace(" ", ""), fold(last_name).replace(" ", "")
    if not (first and last):
        return set()
    return {first[0] + last, first + last, last + first, last + first[0]}


def find_mentions(session: Session, person: Person) -> Iterator[Mention]:
    """Free texts, and organisations' site e-mails built from the name, that still name the person."""
    yield from _texts_naming(session, person)
    names = email_names(person.first_name, person.last_name)
    if not names:
        return
    rows = session.exec(
        select(Site.email, Organisation.name).join(Organisation, Organisation.id == Site.organisation_id).where(Site.email != "")
    )
    for email, organisation in rows:
        if fold(email.partition("@")[0]).replace(" ", "") in names:
            yield Mention(f"Adhérent {organisation} (e-mail d'un site)", email)


def _texts_naming(session: Session, person: Person) -> Iterator[Mention]:
    patterns = [f" {pattern} " for pattern in name_patterns(person.first_name, person.last_name)]
    if not patterns:
        return
    for table, place, columns in _TEXTS:
        non_empty = or_(*(getattr(table, column) != "" for column in columns))
        for row in session.exec(select(table).where(non_empty)):
            if table is Person and row.id == person.id:
                continue
            for column, label in columns.items():
                excerpt = _excerpt(getattr(row, column) or "", patterns)
                if excerpt is not None:
                    yield Mention(f"{place(row)} ({label})", excerpt)
    # A closed year keeps its report as sent (PDF and facts): erasing does not rewrite it.
    for closed in session.exec(select(ClosedYear)):
        if _excerpt(" | ".join(_strings(closed.context.get("facts"))), patterns) is not None:
            yield Mention(
                f"Rapport {closed.year} clos (gardé tel qu'envoyé)",
                "Le rapport clos nomme la personne ; rouvrir l'année pour qu'il soit recalculé sans elle.",
            )


def _strings(value: object) -> Iterator[str]:
    """Every string inside a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _excerpt(text: str, patterns: list[str]) -> str | None:
    """The first sentence of `text` naming the person, or None when it does not."""
    if not any(pattern in f" {fold(text)} " for pattern in patterns):
        return None
    for sentence in _SENTENCES.split(text):
        if any(pattern in f" {fold(sentence)} " for pattern in patterns):
            return sentence if len(sentence) <= EXCERPT_LENGTH else sentence[: EXCERPT_LENGTH - 1] + "…"
    return text[: EXCERPT_LENGTH - 1] + "…"  # the name spans two sentences
