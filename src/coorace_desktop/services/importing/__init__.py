"""Importing spreadsheets: organisations (with site, types, contact) and yearly figures.

read_table() reads the file, propose_mapping() matches its columns, preview_*() says what would
happen without writing, apply_*() writes it in one transaction."""

from coorace_desktop.services.importing.mapping import (
    FIGURES,
    MEMBERS,
    ColumnMapping,
    propose_mapping,
    remember_mapping,
)
from coorace_desktop.services.importing.members import MemberPreview, apply_members, preview_members
from coorace_desktop.services.importing.outcome import Action, Decision, ImportRefused, ImportResult, RowError
from coorace_desktop.services.importing.sources import SourceError, SourceTable, read_table

__all__ = [
    "FIGURES", "MEMBERS", "Action", "ColumnMapping", "Decision", "ImportRefused", "ImportResult",
    "MemberPreview", "RowError", "SourceError", "SourceTable", "apply_members", "preview_members",
    "propose_mapping", "read_table", "remember_mapping",
]
