"""What every section builder receives."""

from dataclasses import dataclass
from datetime import date

from coorace_desktop.report.facts import ReportFacts
from coorace_desktop.report.sections import ReportRequest
from coorace_desktop.report.styles import Styles


@dataclass(frozen=True, slots=True)
class SectionContext:
    """What a section builds from: the year's facts (never the database), the request, the styles."""

    facts: ReportFacts
    request: ReportRequest
    styles: Styles
    closed_on: date | None = None  # set when printing a closed year: « chiffres arrêtés au … »

    @property
    def year(self) -> int:
        return self.request.year

    @property
    def year_end(self) -> date:
        return date(self.year, 12, 31)
