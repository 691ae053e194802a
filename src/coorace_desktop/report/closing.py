"""Closing a year's report: Vérifier first, then the report printed with « chiffres arrêtés
au … » on its cover and its accessible edition, kept with its facts (services/reporting/closing.py
stores them)."""

import io
from datetime import UTC, datetime

from coorace_desktop.report.facts import gather, to_json
from coorace_desktop.report.generate import Progress, render_pdf
from coorace_desktop.report.html import report_html
from coorace_desktop.report.sections import ReportRequest
from coorace_desktop.services.reporting.check import Finding, check_report
from coorace_desktop.services.reporting.closing import ClosedReport, close_year, live_records, require_open
from coorace_desktop.storage.database import Database


def close_report(
    database: Database, year: int, by: str, progress: Progress | None = None, now: datetime | None = None
) -> tuple[ClosedReport, list[Finding]]:
    """Close `year`: its report as printed now, and what Vérifier said about it."""
    require_open(database, year)
    findings = check_report(database, year)
    at = now or datetime.now(UTC)
    records = live_records(database, year)  # before the facts: a change made meanwhile is listed, not missed
    facts = gather(database, year)
    output, closed_on = io.BytesIO(), at.astimezone().date()
    pages = render_pdf(facts, ReportRequest(year), output, progress=progress, closed_on=closed_on)
    html = report_html(facts, closed_on).encode("utf-8")
    closed = close_year(database, year, output.getvalue(), to_json(facts), by, now=at, pages=pages, records=records, html=html)
    return closed, findings
