"""Events by name: who registers for which sessions, and the rules a registration list follows."""

from dataclasses import dataclass
from datetime import date, datetime, time

from coorace_desktop.domain import validation as check
from coorace_desktop.domain.enums import AttendanceStatus
from coorace_desktop.domain.governance_drafts import PersonRef
from coorace_desktop.domain.validation import DraftInvalid, ValidationError


@dataclass(frozen=True, slots=True)
class RegistrationInput:
    """One person to register: a recorded person, or a new one (a guest) with their e-mail and the
    organisation they come from as typed. organisation_id None takes the person's organisation
    from the directory (their contact), if any."""

    person: PersonRef
    organisation_id: int | None = None
    organisation_name: str = ""
    email: str = ""


def registration_errors(entry: RegistrationInput) -> dict[str, str]:
    """French error per field of RegistrationInput; empty when it can be registered."""
    errors: dict[str, str] = {}
    if entry.person.person_id is None and not entry.person.last_name.strip():
        errors["person"] = "Choisissez une personne dans la liste ou saisissez au moins son nom."
    try:
        check.email_address(entry.email)
    except ValidationError as error:
        errors["email"] = str(error)
    return errors


def clean_registration(entry: RegistrationInput) -> RegistrationInput:
    errors = registration_errors(entry)
    if errors:
        raise DraftInvalid(errors)
    return RegistrationInput(
        entry.person, entry.organisation_id, " ".join(entry.organisation_name.split()), check.email_address(entry.email)
    )


def clean_sessions(sessions: list[int] | None, event_sessions: int) -> list[int]:
    """The sessions asked for (all of the event's when None), each between 1 and the event's count."""
    if sessions is None:
        return list(range(1, event_sessions + 1))
    if not sessions:
        raise ValidationError("Choisissez au moins une séance.")
    for session in sessions:
        if not 1 <= session <= event_sessions:
            raise ValidationError(f"L'événement n'a pas de séance n° {session} (il en compte {event_sessions}).")
    return sorted(set(sessions))


def attendance_taken(statuses) -> bool:
    """Whether attendance was recorded: someone is marked other than merely registered."""
    return any(status != AttendanceStatus.REGISTERED for status in statuses)


def session_hours(start_time: time | None, end_time: time | None) -> float | None:
    """How long one session lasts, in hours, when its times are given (only a dated event has
    them, each session from start to end time); None otherwise."""
    if start_time is None or end_time is None or end_time <= start_time:
        return None
    delta = datetime.combine(date.min, end_time) - datetime.combine(date.min, start_time)
    return delta.total_seconds() / 3600
