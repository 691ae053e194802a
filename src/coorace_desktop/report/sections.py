"""The report's sections without ReportLab: key (what `report --section` takes), title, and why
a year has nothing for one (such a section is left out, never printed as a placeholder). The
Rapports tab lists and checks them from here; report/generate.py binds each key to its builder
and loads the layout only when printing."""

from collections.abc import Callable
from dataclasses import dataclass

from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.report.facts import ReportFacts, printed_facts
from coorace_desktop.services.reporting.closing import closed_report
from coorace_desktop.storage.database import Database


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """A year's report: which sections (keys of SECTIONS, in any order; printed in the report's
    order), and the reference year of the year-on-year changes (None: the last one with figures)."""

    year: int
    sections: tuple[str, ...] = ()
    reference_year: int | None = None


def _never_missing(facts: ReportFacts) -> str:
    return ""


def _moral_missing(facts: ReportFacts) -> str:
    return "" if facts.text.moral_report.strip() else f"le rapport moral {facts.year} n'est pas écrit"


def _overview_missing(facts: ReportFacts) -> str:
    if facts.counts.organisations or facts.key_figures.figures or facts.resources:
        return ""
    return f"aucun adhérent, chiffre clé ni ressource pour {facts.year}"


def _highlights_missing(facts: ReportFacts) -> str:
    if facts.stories or facts.programmes or any(facts.territories.values()) or facts.events.events:
        return ""
    return f"aucun temps fort, accompagnement ni événement réalisé en {facts.year}"


def _members_missing(facts: ReportFacts) -> str:
    return "" if facts.counts.organisations else f"aucun adhérent en {facts.year}"


def _rendezvous_missing(facts: ReportFacts) -> str:
    if facts.rendezvous or facts.partners:
        return ""
    return f"aucun rendez-vous prévu en {facts.year + 1} ni partenaire pour {facts.year}"


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    title: str
    # Why the year has nothing for the section ('' when it has).
    missing: Callable[[ReportFacts], str] = _never_missing


COVER = Section("couverture", "Couverture")
MORAL = Section("rapport-moral", "Rapport moral", _moral_missing)
OVERVIEW = Section("en-bref", "La délégation en bref", _overview_missing)
ORGANISATION = Section("organisation", "Notre organisation")
HIGHLIGHTS = Section("temps-forts", "Temps forts", _highlights_missing)
MEMBERS = Section("adherents", "Nos adhérents", _members_missing)
RENDEZVOUS = Section("rendez-vous", "Rendez-vous et partenaires", _rendezvous_missing)

# In the order the report prints them.
SECTIONS: tuple[Section, ...] = (COVER, MORAL, OVERVIEW, ORGANISATION, HIGHLIGHTS, MEMBERS, RENDEZVOUS)
SECTION_KEYS = tuple(section.key for section in SECTIONS)
SECTION_TITLES = {section.key: section.title for section in SECTIONS}


class UnknownSectionError(ValidationError):
    def __init__(self, key: str):
        super().__init__(f"Section inconnue : {key}. Sections possibles : {', '.join(SECTION_KEYS)}.")


def chosen_sections(keys: tuple[str, ...]) -> list[Section]:
    """The sections asked for, in the report's order (all of them when none is named)."""
    for key in keys:
        if key not in SECTION_KEYS:
            raise UnknownSectionError(key)
    return [section for section in SECTIONS if not keys or section.key in keys]


def left_out(facts: ReportFacts, request: ReportRequest) -> dict[str, str]:
    """The sections asked for that `facts` have nothing for, with the reason (section key -> reason)."""
    reasons = {section.key: section.missing(facts) for section in chosen_sections(request.sections)}
    return {key: reason for key, reason in reasons.items() if reason}


def omitted_sections(database: Database, request: ReportRequest) -> dict[str, str]:
    """The sections asked for that the year has no data for (a closed year: its kept facts)."""
    facts, _ = printed_facts(database, closed_report(database, request.year), request.year, request.reference_year)
    return left_out(facts, request)
