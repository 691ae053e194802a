"""Printing a year's report: each chosen section builds its flowables from the year's facts
(report/facts.py: the live data's, or those a closed year kept), then ReportLab lays them out
into a PDF written next to the target and renamed over it only once complete (a cancelled or
failed run leaves any previous file untouched). A closed year's whole report is its stored PDF."""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from reportlab.platypus import NextPageTemplate, PageBreak

from coorace_desktop.domain.progress import Progress, no_progress
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.report import cover, highlights, members, moral, organisation, overview, rendezvous, sections
from coorace_desktop.report.context import SectionContext
from coorace_desktop.report.document import COVER, PagedCanvas, PageDecor, ReportDocument, SectionTitle
from coorace_desktop.report.facts import ReportFacts, printed_facts
from coorace_desktop.report.html import report_html
from coorace_desktop.report.sections import ReportRequest, chosen_sections, left_out
from coorace_desktop.report.styles import styles
from coorace_desktop.report.text_table import TextTable
from coorace_desktop.services.reporting.closing import closed_report
from coorace_desktop.storage.database import Database
from coorace_desktop.storage.files import written_atomically

# Each section's builder: its flowables from the year's facts (report/sections.py lists them).
BUILDERS: dict[str, Callable[[SectionContext], list]] = {
    sections.COVER.key: cover.build,
    sections.MORAL.key: moral.build,
    sections.OVERVIEW.key: overview.build,
    sections.ORGANISATION.key: organisation.build,
    sections.HIGHLIGHTS.key: highlights.build,
    sections.MEMBERS.key: members.build,
    sections.RENDEZVOUS.key: rendezvous.build,
}

# Share of the progress bar for gathering the data; the layout takes the rest.
_GATHER_SHARE = 30
_TOTAL = 100


@dataclass(frozen=True, slots=True)
class ReportResult:
    path: Path
    pages: int
    omitted: dict[str, str] = field(default_factory=dict)  # section key -> why it was left out


class NothingToPrintError(ValidationError):
    """Every section asked for is left out for want of data."""


def generate_report(
    database: Database, request: ReportRequest, target: Path, progress: Progress | None = None
) -> ReportResult:
    """Write the report to `target`; `progress(done, total, text)` may raise to cancel.

    A closed year prints from what was kept at closing: the whole report is the PDF as
    stored (byte for byte), chosen sections are drawn from the kept facts."""
    report = progress or no_progress
    closed = closed_report(database, request.year)
    if closed is not None and not request.sections:
        result = write_pdf(Path(target), closed.pdf)
        report(_TOTAL, _TOTAL, f"Année close : rapport réimprimé tel qu'arrêté le {closed.closed_on:%d/%m/%Y}.")
        return replace(result, pages=closed.context["pages"])
    facts, closed_on = printed_facts(database, closed, request.year, request.reference_year)
    omitted = left_out(facts, request)
    pages = [0]

    def render(output) -> None:
        pages[0] = render_pdf(facts, request, output, progress=report, closed_on=closed_on)

    result = _write(Path(target), render)
    report(_TOTAL, _TOTAL, "Rapport enregistré.")
    return replace(result, pages=pages[0], omitted=omitted)


def generate_html(database: Database, year: int, target: Path) -> ReportResult:
    """Write the accessible edition of the year's report; a closed year's as stored at closing
    (byte for byte; one closed before it was kept: drawn from its kept facts)."""
    closed = closed_report(database, year)
    html = closed.html if closed is not None else None
    if html is None:
        html = report_html(*printed_facts(database, closed, year)).encode("utf-8")
    return _write(Path(target), lambda output: output.write(html))


def render_pdf(
    facts: ReportFacts, request: ReportRequest, output, progress: Progress | None = None, closed_on: date | None = None
) -> int:
    """Lay the chosen sections of `facts` out into `output` (a path or a binary file); the page count."""
    report = progress or no_progress
    omitted = left_out(facts, request)
    printed = [section for section in chosen_sections(request.sections) if section.key not in omitted]
    if not printed:
        raise NothingToPrintError(
            f"Rien à imprimer pour {request.year} : " + " ; ".join(omitted.values()) + ". Aucun fichier n'a été écrit."
        )
    delegation = facts.profile.name
    context = SectionContext(facts, request, styles(), closed_on)
    flowables: list = []
    for index, section in enumerate(printed):
        report(index * _GATHER_SHARE // len(printed), _TOTAL, f"Préparation : {section.title}…")
        flowables += BUILDERS[section.key](context)
    with_cover = printed[0].key == sections.COVER.key
    first_template = COVER if with_cover else _drop_leading_break(flowables)
    # Progress of the layout: one per flowable, one per row of the long text tables.
    estimate = max(sum(_weight(flowable) for flowable in flowables), 1)
    laid_out = [0, 0]  # weight laid out, weight at the last report

    def on_flowable(flowable) -> None:
        laid_out[0] += _weight(flowable)
        if laid_out[0] - laid_out[1] >= 25:
            laid_out[1] = laid_out[0]
            done = _GATHER_SHARE + (_TOTAL - _GATHER_SHARE) * min(laid_out[0], estimate) // estimate
            report(done, _TOTAL, "Mise en page…")

    contents = [(flowable.key, flowable.title) for flowable in flowables if isinstance(flowable, SectionTitle)] if with_cover else []
    document = ReportDocument(
        output, PageDecor(request.year, delegation), first_template=first_template, contents=contents, on_flowable=on_flowable
    )
    document.build(flowables, canvasmaker=PagedCanvas)
    return document.page


def write_pdf(target: Path, pdf: bytes) -> ReportResult:
    """Write a PDF kept in the database (a closed year's) as the report files are written."""
    return _write(target, lambda output: output.write(pdf))


def _write(target: Path, write: Callable) -> ReportResult:
    """Call write(file) on a private file beside `target`, renamed over it only once complete
    (storage.files: created before the layout, so a folder that is not writable fails at once)."""
    with written_atomically(target, "Le rapport n'a pas été enregistré dans") as partial, open(partial, "wb") as output:
        write(output)
    return ReportResult(target, 0)


def _weight(flowable) -> int:
    return flowable.rows if isinstance(flowable, TextTable) else 1


def _drop_leading_break(flowables: list) -> str:
    """The first section opens with [NextPageTemplate, PageBreak]: on the first page that break
    would leave a blank page, so it goes and its template becomes the first page's."""
    if len(flowables) >= 2 and isinstance(flowables[0], NextPageTemplate) and isinstance(flowables[1], PageBreak):
        template = flowables[0].action[1]
        del flowables[:2]
        return template
    raise AssertionError("every section but the cover starts with section_start()")
