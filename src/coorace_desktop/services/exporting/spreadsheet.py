"""Exporting a table as shown (its search and filters applied) to .xlsx or .csv, with cells that
a spreadsheet would run as formulas neutralised; events to .ics and contacts to .vcf live in
calendar_export.py and vcards.py."""

import csv
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coorace_desktop.domain.enums import LabelledEnum
from coorace_desktop.domain.progress import Progress, no_progress
from coorace_desktop.domain.text import CONTROL_CHARACTERS
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.storage.database import Database
from coorace_desktop.storage.files import written_atomically

if TYPE_CHECKING:
    from openpyxl.cell import WriteOnlyCell

# openpyxl is imported when a workbook is written, not with this module: the window imports it
# at start (Exporter… under every table), where it cost ~90 ms and ~10 MB (bench/run.py).
TABLE_SUFFIXES = (".xlsx", ".csv")
PAGE = 1_000
# A cell starting with one of these is run as a formula by Excel and LibreOffice (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportError(ValidationError):
    """An export that cannot be written as asked; str() is the French message."""


@dataclass(frozen=True, slots=True)
class ExportColumn:
    """One column of an exported table: its title and how to read it from a row."""

    title: str
    value: Callable[[Any], object]


@dataclass(frozen=True)
class TableExport:
    """One exportable table: its sheet title, columns, list query, and extra formats by suffix."""

    title: str
    columns: Sequence[ExportColumn]
    count: Callable[[Database, ListQuery], int]
    page: Callable[[Database, ListQuery, int, int], list]
    # suffix -> function(database, ids of the rows shown, path) -> a result with counts
    other_formats: dict[str, Callable] = field(default_factory=dict)

    @property
    def suffixes(self) -> tuple[str, ...]:
        return (*TABLE_SUFFIXES, *self.other_formats)


def neutralised(text: str) -> str:
    """The text with a leading apostrophe when a spreadsheet would take it for a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell_value(value: object) -> object:
    """What a cell holds: numbers, dates and times kept as such, labels for vocabularies, text
    without control characters (but tab and line breaks)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, LabelledEnum):
        return value.label
    if isinstance(value, (int, float, date, time)):
        return value
    if isinstance(value, (tuple, list, set, frozenset)):
        return ", ".join(str(cell_value(item)) for item in value)
    # Control characters imported before the import dropped them: an .xlsx cannot hold them.
    return CONTROL_CHARACTERS.sub("", str(value))


def write_rows(
    path: Path | str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    sheet_title: str = "Export",
) -> int:
    """Write a table to .xlsx or .csv (by the file's extension); the number of rows written.

    The file appears whole or not at all: it is written beside the target, then renamed."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise ExportError(f"Format d'export non pris en charge : {path.suffix or 'sans extension'} (.xlsx ou .csv).")
    writer = _write_xlsx if suffix == ".xlsx" else _write_csv
    with written_atomically(path) as temporary:
        return writer(temporary, list(headers), rows, sheet_title)


def _csv_text(value: object) -> str:
    value = cell_value(value)
    if isinstance(value, float):
        return repr(value).replace(".", ",").removesuffix(",0")
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return neutralised(str(value))


def _write_csv(path: Path, headers: list[str], rows: Iterable[Sequence[object]], _title: str) -> int:
    # What Excel in French opens with a double click: UTF-8 with BOM, ';', CRLF, decimal comma.
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow([neutralised(title) for title in headers])
        for row in rows:
            writer.writerow([_csv_text(value) for value in row])
            count += 1
    return count


_FORMATS = {datetime: "DD/MM/YYYY HH:MM", date: "DD/MM/YYYY", time: "HH:MM"}


def _xlsx_cell(sheet, value: object) -> "WriteOnlyCell":
    from openpyxl.cell import WriteOnlyCell

    value = cell_value(value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        # Kept as the text it is, marked as text the way Excel's leading apostrophe does.
        cell.data_type = "s"
        cell.quotePrefix = True
    for kind, number_format in _FORMATS.items():
        if isinstance(value, kind):
            cell.number_format = number_format
            break
    return cell


def _write_xlsx(path: Path, headers: list[str], rows: Iterable[Sequence[object]], title: str) -> int:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)  # streams rows: 100,000 rows do not sit in memory as cells
    sheet = workbook.create_sheet(title[:31] or "Export")
    sheet.freeze_panes = "A2"
    widths = [max(10, min(len(header) + 2, 60)) for header in headers]
    rows = iter(rows)
    head = [list(row) for row in islice(rows, 200)]  # enough to size the columns
    for row in head:
        for column, value in enumerate(row[: len(widths)]):
            widths[column] = max(widths[column], min(len(str(cell_value(value))) + 2, 60))
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = _xlsx_cell(sheet, header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    count = 0
    for row in chain(head, rows):
        sheet.append([_xlsx_cell(sheet, value) for value in row])
        count += 1
    if headers:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{count + 1}"
    workbook.save(path)
    return count


def listing_rows(
    count: Callable[[ListQuery], int],
    page: Callable[[ListQuery, int, int], list],
    query: ListQuery,
    progress: Progress = no_progress,
) -> Iterable[Any]:
    """Every row a list query shows, page by page, in the order shown."""
    total = count(query)
    done = 0
    while done < total:
        rows = page(query, done, PAGE)
        if not rows:
            break
        yield from rows
        done += len(rows)
        progress(min(done, total), total, "Export")


def export_listing(
    path: Path | str,
    columns: Sequence[ExportColumn],
    count: Callable[[ListQuery], int],
    page: Callable[[ListQuery, int, int], list],
    query: ListQuery,
    *,
    sheet_title: str = "Export",
    progress: Progress = no_progress,
) -> int:
    """Export what a table shows (its query's search, filters and sort) with the given columns."""
    rows = ([column.value(row) for column in columns] for row in listing_rows(count, page, query, progress))
    return write_rows(path, [column.title for column in columns], rows, sheet_title=sheet_title)
