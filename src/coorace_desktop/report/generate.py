"""Printing a year's report: each chosen section builds its flowables from service queries,
then ReportLab lays them out into a PDF written next to the target and renamed over it only
once complete (a cancelled or failed run leaves any previous file untouched)."""

import errno
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.platypus import NextPageTemplate, PageBreak

from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.report import cover, highlights, members, moral, organisation, overview, rendezvous
from coorace_desktop.report.context import ReportRequest, SectionContext
from coorace_desktop.report.document import COVER, PagedCanvas, PageDecor, ReportDocument, SectionTitle
from coorace_desktop.report.styles import styles
from coorace_desktop.report.text_table import TextTable
from coorace_desktop.services.governance.composition import delegation_profile
from coorace_desktop.storage.database import Database
from coorace_desktop.storage.errors import StorageError

Progress = Callable[[int, int, str], None]


def _never_missing(database: Database, year: int) -> str:
    return ""


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    title: str
    build: Callable[[SectionContext], list]
    # Why the year has nothing for the section ('' when it has): such a section is left out,
    # never printed as a placeholder sentence.
    missing: Callable[[Database, int], str] = _never_missing


# In the order the report prints them; keys are what `report --section` takes.
SECTIONS: tuple[Section, ...] = (
    Section("couverture", "Couverture", cover.build),
    Section(moral.KEY, "Rapport moral", moral.build, moral.missing),
    Section(overview.KEY, "La délégation en bref", overview.build, overview.missing),
    Section(organisation.KEY, "Notre organisation", organisation.build),
    Section(highlights.KEY, "Temps forts", highlights.build, highlights.missing),
    Section(members.KEY, "Nos adhérents", members.build, members.missing),
    Section(rendezvous.KEY, "Rendez-vous et partenaires", rendezvous.build, rendezvous.missing),
)
SECTION_KEYS = tuple(section.key for section in SECTIONS)

# Share of the progress bar for gathering the data; the layout takes the rest.
_GATHER_SHARE = 30
_TOTAL = 100


class UnknownSectionError(ValueError):
    def __init__(self, key: str):
        super().__init__(f"Section inconnue : {key}. Sections possibles : {', '.join(SECTION_KEYS)}.")


class ReportOutputError(StorageError):
    """The PDF cannot be written where asked (a StorageError: shown to the user, not a bug)."""


_WRITE_FAILURES = {
    errno.ENOENT: "le dossier n'existe pas",
    errno.EACCES: "accès refusé",
    errno.EPERM: "accès refusé",
    errno.EROFS: "support en lecture seule",
    errno.ENOSPC: "disque plein",
    errno.EISDIR: "c'est un dossier",
}


@dataclass(frozen=True, slots=True)
class ReportResult:
    path: Path
    pages: int
    omitted: dict[str, str] = field(default_factory=dict)  # section key -> why it was left out


class NothingToPrintError(ValidationError):
    """Every section asked for is left out for want of data."""


def omitted_sections(database: Database, request: ReportRequest) -> dict[str, str]:
    """The sections asked for that the year has no data for, with the reason (section key -> reason)."""
    reasons = {section.key: section.missing(database, request.year) for section in chosen_sections(request.sections)}
    return {key: reason for key, reason in reasons.items() if reason}


def chosen_sections(keys: tuple[str, ...]) -> list[Section]:
    """The sections asked for, in the report's order (all of them when none is named)."""
    for key in keys:
        if key not in SECTION_KEYS:
            raise UnknownSectionError(key)
    return [section for section in SECTIONS if not keys or section.key in keys]


def generate_report(
    database: Database, request: ReportRequest, target: Path, progress: Progress | None = None
) -> ReportResult:
    """Write the report to `target`; `progress(done, total, text)` may raise to cancel."""
    report = progress or (lambda done, total, text: None)
    omitted = omitted_sections(database, request)
    sections = [section for section in chosen_sections(request.sections) if section.key not in omitted]
    if not sections:
        raise NothingToPrintError(
            f"Rien à imprimer pour {request.year} : " + " ; ".join(omitted.values()) + ". Aucun fichier n'a été écrit."
        )
    delegation = delegation_profile(database).name
    context = SectionContext(database, request, styles(), delegation)
    flowables: list = []
    for index, section in enumerate(sections):
        report(index * _GATHER_SHARE // len(sections), _TOTAL, f"Préparation : {section.title}…")
        flowables += section.build(context)
    with_cover = sections[0].key == "couverture"
    first_template = COVER if with_cover else _drop_leading_break(flowables)
    target = Path(target)
    partial = target.with_name(f".{target.name}.partiel")
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
        str(partial), PageDecor(request.year, delegation), first_template=first_template, contents=contents, on_flowable=on_flowable
    )
    try:
        partial.touch()  # fail before the layout, not after it, when the folder is not writable
        document.build(flowables, canvasmaker=PagedCanvas)
        os.replace(partial, target)
    except OSError as error:
        reason = _WRITE_FAILURES.get(error.errno, error.strerror or str(error))
        raise ReportOutputError(f"Impossible d'enregistrer le rapport dans {target} : {reason}. Rien n'a été écrit.") from error
    finally:
        partial.unlink(missing_ok=True)
    report(_TOTAL, _TOTAL, "Rapport enregistré.")
    return ReportResult(target, document.page, omitted)


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
