"""The report's context: every figure and list a year's report prints, gathered once from the
services. The PDF sections and the HTML edition are both drawn from it, and closing a year
keeps it as JSON (pydantic turns it to JSON and back, dates, enums and nested rows included)."""

from dataclasses import dataclass
from datetime import date
from functools import cache

from pydantic import TypeAdapter

from coorace_desktop.domain.enums import EventStatus, TerritoryStage
from coorace_desktop.domain.governance_drafts import DelegationProfile
from coorace_desktop.domain.reporting_rules import ReportTextInput
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.services.accompaniment.summary import ProgrammeSummary, programme_summary
from coorace_desktop.services.events.event_list import YEAR, EventRow, list_events
from coorace_desktop.services.events.figures import (
    EventFigures,
    Highlight,
    RendezVous,
    event_figures,
    highlights,
)
from coorace_desktop.services.governance.composition import (
    BoardComposition,
    StaffPost,
)
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.services.members.directory import DirectoryDepartment, directory
from coorace_desktop.services.reporting import member_figures as figures
from coorace_desktop.services.reporting.closing import CONTEXT_VERSION, ClosedReport
from coorace_desktop.services.reporting.member_figures import FigureChange, KeyFigures, MemberCounts
from coorace_desktop.services.reporting.report_parts import read_parts
from coorace_desktop.services.reporting.year_inputs import PartnerRow, ResourceLine
from coorace_desktop.storage.database import Database

# The events of a year the report lists at most (a delegation logs a few hundred).
MAX_LISTED_EVENTS = 2000


@dataclass(frozen=True, slots=True)
class ReportFacts:
    year: int
    reference_year: int | None
    profile: DelegationProfile
    text: ReportTextInput
    counts: MemberCounts
    key_figures: KeyFigures
    changes: list[FigureChange]
    resources: list[ResourceLine]
    board: BoardComposition
    staff: list[StaffPost]
    stories: list[Highlight]
    programmes: list[ProgrammeSummary]
    territories: dict[TerritoryStage, int]
    events: EventFigures
    event_rows: list[EventRow]
    directory: list[DirectoryDepartment]
    rendezvous: list[RendezVous]
    partners: list[PartnerRow]

    @property
    def year_end(self) -> date:
        return date(self.year, 12, 31)


def gather(database: Database, year: int, reference_year: int | None = None) -> ReportFacts:
    """The year's facts as the live data holds them now."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    reference_year = reference_year or figures.default_reference_year(database, year)
    events = [
        row
        for row in list_events(database, ListQuery(filters={YEAR: year}), limit=MAX_LISTED_EVENTS)
        if row.status != EventStatus.CANCELLED
    ]
    events.sort(key=lambda row: (row.starts_on is None, row.starts_on or end, row.id))
    return ReportFacts(
        year=year,
        reference_year=reference_year,
        counts=figures.member_counts(database, year),
        key_figures=figures.key_figures(database, year),
        changes=figures.year_changes(database, year, reference_year) if reference_year else [],
        stories=highlights(database, year),
        programmes=programme_summary(database, year),
        events=event_figures(database, start, end),
        event_rows=events,
        directory=directory(database, year),
        **read_parts(database, year),
    )


@cache
def _adapter() -> TypeAdapter:
    return TypeAdapter(ReportFacts)


def to_json(facts: ReportFacts) -> dict:
    """The facts as a JSON object (what a closed year keeps, as of version CONTEXT_VERSION)."""
    return _adapter().dump_python(facts, mode="json")


def from_json(data: dict, version: int) -> ReportFacts:
    """The facts a closed year kept. A later change of their shape bumps CONTEXT_VERSION and
    migrates older ones here; until then an unknown version is refused in French (the whole
    report still reprints: its PDF is served as stored)."""
    if version != CONTEXT_VERSION:
        raise ValidationError(
            f"Les chiffres gardés à la clôture sont dans une version que ce logiciel ne lit pas ({version}) : "
            "seul le rapport complet peut être réimprimé, tel qu'il a été clos."
        )
    return _adapter().validate_python(data)


def printed_facts(
    database: Database, closed: ClosedReport | None, year: int, reference_year: int | None = None
) -> tuple[ReportFacts, date | None]:
    """The facts to print and the day they were stopped: a closed year's kept ones, else the live data's."""
    if closed is None:
        return gather(database, year, reference_year), None
    return from_json(closed.context["facts"], closed.context_version), closed.closed_on
