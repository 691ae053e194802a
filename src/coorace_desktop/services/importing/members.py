"""Importing organisations (with site, types and contact): preview first, then apply whole or not at all."""

from collections.abc import Mapping
from dataclasses import dataclass

from coorace_desktop.domain.progress import Progress, no_progress
from coorace_desktop.services.importing.bulk import collector_paused, hold_write_lock
from coorace_desktop.services.importing.mapping import ColumnMapping
from coorace_desktop.services.importing.member_plan import ExistingIndex, PlannedOrganisation, plan_members
from coorace_desktop.services.importing.member_rows import OrganisationDraft, gather, parse_members
from coorace_desktop.services.importing.member_writes import MemberWriter
from coorace_desktop.services.importing.outcome import (
    Action,
    Decision,
    ImportRefused,
    ImportResult,
    RowError,
    nothing_imported,
    preview_summary,
)
from coorace_desktop.services.importing.sources import SourceTable
from coorace_desktop.storage.database import Database


@dataclass(frozen=True, slots=True)
class MemberPreview:
    """What an import would do, computed without writing anything."""

    table: SourceTable
    mapping: ColumnMapping
    planned: tuple[PlannedOrganisation, ...]
    errors: tuple[RowError, ...]
    index: ExistingIndex  # what the plan was made against, and when (ExistingIndex.stamp)
    stamp: tuple

    def count(self, action: Action) -> int:
        return sum(1 for item in self.planned if item.action == action)

    @property
    def duplicates(self) -> tuple[PlannedOrganisation, ...]:
        return tuple(item for item in self.planned if item.action == Action.DUPLICATE)

    @property
    def drafts(self) -> list[OrganisationDraft]:
        return [item.draft for item in self.planned]

    def summary(self) -> str:
        return preview_summary(self.count(Action.CREATE), self.count(Action.UPDATE), self.count(Action.UNCHANGED),
                               len(self.errors), self.count(Action.DUPLICATE))


def preview_members(database: Database, table: SourceTable, mapping: ColumnMapping) -> MemberPreview:
    """Read the rows with the mapping and compare them with the database (read only)."""
    missing = mapping.missing_required()
    if missing:
        raise ImportRefused(f"Aucune colonne n'est associée à : {', '.join(missing)}.")
    with collector_paused():
        drafts, errors = parse_members(table, mapping)
        with database.session() as session:
            stamp = ExistingIndex.stamp(session)
            index = ExistingIndex.load(session, drafts)
            planned = plan_members(index, drafts)
    return MemberPreview(table, mapping, tuple(planned), tuple(errors), index, stamp)


def apply_members(
    database: Database,
    preview: MemberPreview,
    decisions: Mapping[int, Decision] | None = None,
    *,
    default_decision: Decision = Decision.SKIP,
    skip_invalid: bool = False,
    progress: Progress = no_progress,
) -> ImportResult:
    """Apply the import in one transaction; possible duplicates follow `decisions` (by the
    draft's first line), else `default_decision`. Rows in error refuse the whole import unless
    `skip_invalid`; they are never imported in part."""
    if preview.errors and not skip_invalid:
        raise ImportRefused(f"{nothing_imported(len(preview.errors))} Corrigez le fichier, ou importez sans les lignes en erreur.")
    decisions = decisions or {}
    creates: list[OrganisationDraft] = []
    merges: dict[int, OrganisationDraft] = {}
    unchanged = skipped = 0
    with collector_paused(), database.session() as session:
        # The plan is the preview's, made without the lock (against 100,000 organisations it
        # takes seconds); planned again under it only if someone wrote since.
        hold_write_lock(session.connection())
        index, planned = preview.index, preview.planned
        if ExistingIndex.stamp(session) != preview.stamp:
            index = ExistingIndex.load(session, preview.drafts)
            planned = plan_members(index, preview.drafts)
        for item in planned:
            decision = decisions.get(item.draft.line, default_decision)
            if item.action == Action.CREATE or (item.action == Action.DUPLICATE and decision == Decision.CREATE):
                creates.append(item.draft)
            elif item.action == Action.UPDATE or (item.action == Action.DUPLICATE and decision == Decision.MERGE):
                earlier = merges.get(item.existing_id)
                # Two rows of the file may both be this organisation: merged once, together.
                merges[item.existing_id] = gather(earlier, item.draft, []) if earlier else item.draft
            elif item.action == Action.UNCHANGED:
                unchanged += 1
            else:
                skipped += 1
        total = len(creates) + len(merges) + sum(len(d.sites) + len(d.contacts) for d in creates)
        progress(0, max(total, 1), "Enregistrement")
        writer = MemberWriter(session.connection(), progress, total)
        writer.create(creates)
        for existing_id, draft in merges.items():
            writer.merge(index.organisations[existing_id], draft)
        writer.flush()
    return ImportResult(len(creates), len(merges), unchanged, skipped, len(preview.errors))
