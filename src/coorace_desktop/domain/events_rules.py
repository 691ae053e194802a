"""What an event must satisfy before it is saved: pure checks returning French field errors."""

from dataclasses import dataclass, replace
from datetime import date, time, timedelta

from coorace_desktop.domain import validation as check
from coorace_desktop.domain.enums import EventStatus, Organiser
from coorace_desktop.domain.validation import DraftInvalid, ValidationError

# The kinds a new database starts with; the office adds its own.
DEFAULT_KINDS = (
    "Animation régionale",
    "Webinaire",
    "Assemblée générale",
    "Formation",
    "Représentation / CDIAE",
    "Rencontre",
    "Hackathon",
)


# Longer than this is a programme, not an event (and the calendar looks no further back).
LONGEST_EVENT = timedelta(days=366)


@dataclass(frozen=True, slots=True)
class EventInput:
    """An event as typed in the form; `year` matters only while the date is unknown."""

    title: str
    kind_id: int | None
    year: int
    starts_on: date | None = None
    start_time: time | None = None
    ends_on: date | None = None
    end_time: time | None = None
    place: str = ""
    online: bool = False
    organiser: Organiser = Organiser.DELEGATION
    organiser_name: str = ""
    status: EventStatus = EventStatus.PLANNED
    description: str = ""
    sessions: int = 1
    other_participants: int = 0
    is_highlight: bool = False
    highlight_title: str = ""
    highlight_story: str = ""


def event_errors(values: EventInput) -> dict[str, str]:
    """French error per field name of EventInput; empty when the event can be saved."""
    errors: dict[str, str] = {}
    if not " ".join(values.title.split()):
        errors["title"] = "Le titre est obligatoire."
    if values.kind_id is None:
        errors["kind_id"] = "Choisissez un type d'événement."
    if values.starts_on is None:
        try:
            check.year(values.year)
        except ValidationError as error:
            errors["year"] = str(error)
        if values.ends_on is not None:
            errors["ends_on"] = "Indiquez la date de début avant la date de fin."
        if values.start_time is not None:
            errors["start_time"] = "Une heure de début demande une date."
    else:
        end_day = values.ends_on or values.starts_on
        try:
            check.period(values.starts_on, values.ends_on)
        except ValidationError as error:
            errors["ends_on"] = str(error)
        else:
            if values.ends_on is not None and values.ends_on - values.starts_on > LONGEST_EVENT:
                errors["ends_on"] = "Un événement dure au plus un an : pour une action plus longue, laissez la date de fin vide."
            if (
                end_day == values.starts_on
                and values.start_time is not None
                and values.end_time is not None
                and values.end_time < values.start_time
            ):
                errors["end_time"] = "L'heure de fin est antérieure à l'heure de début."
    if values.end_time is not None and values.start_time is None:
        errors["end_time"] = "Indiquez l'heure de début avant l'heure de fin."
    if values.sessions < 1:
        errors["sessions"] = "Le nombre de séances est d'au moins 1."
    if values.other_participants < 0:
        errors["other_participants"] = "Le nombre d'autres participants ne peut pas être négatif."
    if values.organiser == Organiser.PARTNER and not values.organiser_name.strip():
        errors["organiser_name"] = "Indiquez le nom du partenaire organisateur."
    if values.is_highlight and not values.highlight_title.strip():
        errors["highlight_title"] = "Un temps fort a besoin d'un titre pour le rapport."
    return errors


def clean_event(values: EventInput) -> EventInput:
    """The input trimmed and made consistent (year of a dated event = its year), or DraftInvalid."""
    errors = event_errors(values)
    if errors:
        raise DraftInvalid(errors)
    return replace(
        values,
        title=" ".join(values.title.split()),
        year=values.starts_on.year if values.starts_on else values.year,
        place=values.place.strip(),
        organiser_name=values.organiser_name.strip(),
        description=values.description.strip(),
        highlight_title=" ".join(values.highlight_title.split()),
        highlight_story=values.highlight_story.strip(),
    )


def clean_participants(persons_by_organisation: dict[int, int]) -> dict[int, int]:
    """Ticked organisations with their head counts; each ticked one sent at least one person."""
    for persons in persons_by_organisation.values():
        if persons < 1:
            raise ValidationError("Chaque structure cochée compte au moins une personne.")
    return dict(persons_by_organisation)


def clean_kind_name(name: str) -> str:
    return check.required_text(name, "Le nom du type d'événement")
