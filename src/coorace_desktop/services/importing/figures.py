"""Importing the observatoire's yearly figures per organisation (one row per organisation and year)."""

import math
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlalchemy import Float, bindparam, cast, func, select, update

from coorace_desktop.domain import Organisation, YearlyFigures
from coorace_desktop.domain import validation as check
from coorace_desktop.domain.progress import Progress, no_progress
from coorace_desktop.domain.text import fold
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.services.importing.bulk import hold_write_lock, insert_rows
from coorace_desktop.services.importing.cells import as_number, as_text, as_whole_number
from coorace_desktop.services.importing.mapping import FIGURES, ColumnMapping, field_labels
from coorace_desktop.services.importing.outcome import (
    Action,
    ImportRefused,
    ImportResult,
    RowError,
    nothing_imported,
    preview_summary,
)
from coorace_desktop.services.importing.sources import SourceTable
from coorace_desktop.storage.database import Database

WHOLE_FIGURES = ("turnover", "gross_wages", "public_funding", "insertion_employees", "permanent_staff", "insertion_hours")
MONEY_FIGURES = ("turnover", "gross_wages", "public_funding")
FIGURE_NAMES = (*WHOLE_FIGURES, "fte")
IMPORT_SOURCE = "Import de fichier"

_figures = YearlyFigures.__table__


@dataclass(frozen=True, slots=True)
class FiguresDraft:
    """One row: an organisation named by SIRET or name, a year, and the figures given (blank: not given)."""

    line: int
    cells: tuple[str, ...]
    name: str
    siret: str
    year: int
    values: tuple[tuple[str, float | int], ...]


@dataclass(frozen=True, slots=True)
class PlannedFigures:
    draft: FiguresDraft
    action: Action
    organisation_id: int
    organisation_name: str
    existing_id: int | None = None
    changes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FiguresPreview:
    table: SourceTable
    mapping: ColumnMapping
    planned: tuple[PlannedFigures, ...]
    errors: tuple[RowError, ...]
    stamp: tuple  # what the plan was made against (_stamp)

    def count(self, action: Action) -> int:
        return sum(1 for item in self.planned if item.action == action)

    def summary(self) -> str:
        return preview_summary(self.count(Action.CREATE), self.count(Action.UPDATE), self.count(Action.UNCHANGED), len(self.errors))


def _stamp(session) -> tuple:
    """A fingerprint of what _plan reads, cheap to take: it moves when an organisation is added,
    deleted or saved (its version: a renaming, a new SIRET) and when a figures row is added,
    deleted or changed: every figure is summed, and summed weighted by its row's id (as a float,
    which cannot overflow) so that two rows trading values move it too."""
    organisations = select(func.count(), func.max(Organisation.id), func.sum(Organisation.version))
    rows = _figures.c
    weighted = [func.sum(cast(rows[name], Float) * rows.id) for name in ("year", "organisation_id", *FIGURE_NAMES)]
    figures = select(func.count(), func.max(rows.id), *(func.sum(rows[name]) for name in FIGURE_NAMES), *weighted)
    return (*session.execute(organisations).one(), *session.execute(figures).one())


def parse_figures(table: SourceTable, mapping: ColumnMapping) -> tuple[list[FiguresDraft], list[RowError]]:
    labels = field_labels(FIGURES)
    drafts, errors = [], []
    for row in table.rows[mapping.header_index + 1 :]:
        values = {key: row.cells[column] if column < len(row.cells) else None for column, key in enumerate(mapping.fields) if key}
        cells = tuple(as_text(cell) for cell in row.cells)
        messages = []
        name = as_text(values.get("name"))
        try:
            siret = check.siret(as_text(values.get("siret")))
        except ValidationError as error:
            messages.append(str(error))
            siret = ""
        if not name and not siret:
            messages.append("La raison sociale (ou le SIRET) est obligatoire.")
        year = None
        try:
            year = as_whole_number(values.get("year"), "Année", decimal_comma=table.decimal_comma)
            if year is None:
                messages.append("L'année est obligatoire.")
            else:
                check.year(year)
        except ValidationError as error:
            messages.append(str(error))
        figures = []
        for key in FIGURE_NAMES:
            try:
                number = as_number(values.get(key), labels[key], decimal_comma=table.decimal_comma)
                if number is None:
                    continue
                check.non_negative(number, labels[key])
                if key in MONEY_FIGURES:
                    number = round(number)  # money is kept in whole euros
                elif key in WHOLE_FIGURES:
                    number = as_whole_number(number, labels[key], decimal_comma=False)
                figures.append((key, number))
            except ValidationError as error:
                messages.append(str(error))
        if messages:
            errors.append(RowError(row.line, tuple(messages), cells))
        else:
            drafts.append(FiguresDraft(row.line, cells, name, siret, year, tuple(figures)))
    return drafts, errors


def _plan(session, drafts: list[FiguresDraft]) -> tuple[list[PlannedFigures], list[RowError]]:
    organisations = session.execute(select(Organisation.id, Organisation.name, Organisation.siret)).all()
    by_siret = {row.siret: row for row in organisations if row.siret}
    by_name: dict[str, list] = {}
    for row in organisations:
        by_name.setdefault(fold(row.name), []).append(row)
    stored = {
        (row.organisation_id, row.year): row
        for row in session.execute(select(_figures).where(_figures.c.organisation_id.is_not(None)))
    }
    planned, errors, seen = [], [], {}
    for draft in drafts:
        organisation = by_siret.get(draft.siret) if draft.siret else None
        named = by_name.get(fold(draft.name), [])
        if organisation is None and len(named) > 1:
            # Never the first one found: the figures would go to another organisation.
            message = f"{len(named)} structures s'appellent « {draft.name} » : donnez le SIRET de la bonne."
            errors.append(RowError(draft.line, (message,), draft.cells))
            continue
        organisation = organisation or (named[0] if named else None)
        if organisation is None:
            errors.append(RowError(draft.line, (_unknown(draft, list(by_name)),), draft.cells))
            continue
        key = (organisation.id, draft.year)
        if key in seen:
            errors.append(RowError(draft.line, (f"Chiffres {draft.year} de {organisation.name} déjà donnés ligne {seen[key]}.",), draft.cells))
            continue
        seen[key] = draft.line
        current = stored.get(key)
        if current is None:
            planned.append(PlannedFigures(draft, Action.CREATE, organisation.id, organisation.name))
            continue
        labels = field_labels(FIGURES)
        changes = tuple(labels[name] for name, value in draft.values if not _same(getattr(current, name), value))
        action = Action.UPDATE if changes else Action.UNCHANGED
        planned.append(PlannedFigures(draft, action, organisation.id, organisation.name, current.id, changes))
    return planned, errors


def _same(stored: float | int | None, given: float | int) -> bool:
    """Whole numbers compare exactly; a spreadsheet keeps 15 significant digits of an ETP (Excel;
    openpyxl writes 16): 0.30000000000000004 comes back 0.3, the same figure."""
    if stored is None or not isinstance(given, float):
        return stored == given
    return math.isclose(stored, given, rel_tol=1e-14)


def _unknown(draft: FiguresDraft, names: list[str]) -> str:
    message = f"Structure inconnue : « {draft.name or draft.siret} »."
    match = process.extractOne(fold(draft.name), names, scorer=fuzz.token_sort_ratio, score_cutoff=70) if names and draft.name else None
    return f"{message} Voulez-vous dire « {match[0].upper()} » ?" if match else message


def preview_figures(database: Database, table: SourceTable, mapping: ColumnMapping) -> FiguresPreview:
    if "year" not in mapping.fields or not {"name", "siret"} & set(mapping.fields):
        raise ImportRefused("Il faut une colonne pour la structure (raison sociale ou SIRET) et une pour l'année.")
    drafts, errors = parse_figures(table, mapping)
    with database.session() as session:
        stamp = _stamp(session)
        planned, unknown = _plan(session, drafts)
    return FiguresPreview(table, mapping, tuple(planned), tuple(sorted(errors + unknown, key=lambda e: e.line)), stamp)


def apply_figures(
    database: Database, preview: FiguresPreview, *, skip_invalid: bool = False, progress: Progress = no_progress
) -> ImportResult:
    """Write the figures in one transaction; blank cells keep what was stored."""
    if preview.errors and not skip_invalid:
        raise ImportRefused(nothing_imported(len(preview.errors)))
    with database.session() as session:
        # The preview's plan, unless someone wrote since: then planned again, under the lock.
        hold_write_lock(session.connection())
        planned = list(preview.planned)
        if _stamp(session) != preview.stamp:
            planned, _errors = _plan(session, [item.draft for item in preview.planned])
        creates = [
            {name: None for name in FIGURE_NAMES}
            | dict(item.draft.values)
            | {"organisation_id": item.organisation_id, "year": item.draft.year, "organisations_covered": None, "source": IMPORT_SOURCE}
            for item in planned
            if item.action == Action.CREATE
        ]
        updates = [{"target_id": item.existing_id, **dict(item.draft.values)} for item in planned if item.action == Action.UPDATE]
        progress(0, len(planned) or 1, "Enregistrement des chiffres")
        connection = session.connection()
        insert_rows(connection, _figures, creates)
        # Rows give different figures: one executemany per set of columns given.
        by_columns: dict[tuple[str, ...], list[dict]] = {}
        for row in updates:
            by_columns.setdefault(tuple(sorted(row)), []).append(row)
        for rows in by_columns.values():
            connection.execute(update(_figures).where(_figures.c.id == bindparam("target_id")), rows)
        progress(len(planned), len(planned) or 1, "Enregistrement des chiffres")
    unchanged = sum(1 for item in planned if item.action == Action.UNCHANGED)
    return ImportResult(len(creates), len(updates), unchanged, 0, len(preview.errors))
