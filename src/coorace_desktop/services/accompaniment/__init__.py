"""Accompaniment: the support actions log, project holders, TZCLD territories, and the yearly
summary the report prints. The report imports programme_summary and territory_stage_counts from here."""

from coorace_desktop.services.accompaniment.summary import (
    OfficerSummary,
    ProgrammeSummary,
    SummaryLine,
    programme_summary,
)
from coorace_desktop.services.accompaniment.territories import stage_counts_text, territory_stage_counts

__all__ = [
    "OfficerSummary",
    "ProgrammeSummary",
    "SummaryLine",
    "programme_summary",
    "stage_counts_text",
    "territory_stage_counts",
]
