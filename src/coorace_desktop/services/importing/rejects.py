"""Saving the rows in error to a file the user corrects and imports again."""

from collections.abc import Sequence
from pathlib import Path

from coorace_desktop.services.exporting.spreadsheet import write_rows
from coorace_desktop.services.importing.outcome import RowError

ERROR_COLUMN = "Erreur à corriger"
LINE_COLUMN = "Ligne d'origine"


def save_rejected_rows(path: Path | str, headers: Sequence[str], errors: Sequence[RowError]) -> int:
    """Write the header row and every row in error as read, with its line and reason first (.csv or .xlsx).

    The same header row means the corrected file imports with the same column mapping; the two
    added columns are ignored by the import."""
    rows = ([error.reason, error.line, *error.cells] for error in errors)
    return write_rows(path, [ERROR_COLUMN, LINE_COLUMN, *headers], rows, sheet_title="Lignes en erreur")
