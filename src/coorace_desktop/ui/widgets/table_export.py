"""« Exporter… » on every data table: what the table shows (its search, filters and sort, its
columns as they read on screen) to an .xlsx or .csv file, in the background."""

from collections.abc import Callable, Sequence
from datetime import date, time
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from coorace_desktop.domain.french import plural
from coorace_desktop.services.exporting.spreadsheet import ExportColumn, export_listing
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.ui.widgets import messages
from coorace_desktop.ui.widgets.formats import display
from coorace_desktop.ui.widgets.table_model import Column, WindowedTableModel
from coorace_desktop.ui.widgets.worker import run_in_background

TABLE_FILTERS = "Classeur Excel (*.xlsx);;CSV pour Excel, séparateur point-virgule (*.csv)"


def shown_value(column: Column, row: object) -> object:
    """The cell as the table shows it; numbers and dates stay numbers and dates when the
    column shows them plainly, so that the spreadsheet can add and sort them."""
    value = column.value(row)
    plain = isinstance(value, (int, float, date, time)) and not isinstance(value, bool)
    return value if plain and column.format is display else column.format(value)


def export_columns(model: WindowedTableModel) -> list[ExportColumn]:
    return [ExportColumn(column.title, lambda row, c=column: shown_value(c, row)) for column in model.columns]


def chosen_path(name: str, selected_filter: str) -> Path:
    """The file name typed, with the extension of the chosen type when none was typed."""
    path = Path(name)
    if path.suffix.lower() in (".xlsx", ".csv"):
        return path
    return path.with_name(path.name + (".csv" if "*.csv" in selected_filter else ".xlsx"))


def export_as_shown(
    parent: QWidget,
    model: WindowedTableModel,
    count: Callable[[ListQuery], int],
    page: Callable[[ListQuery, int, int], list],
    title: str,
    suggested_name: str,
    columns: Sequence[ExportColumn] | None = None,
) -> None:
    """Ask for a file, then export every row the model's query gives (not only those on screen),
    with the given columns (a table the command line also exports) or the table's as shown."""
    name, selected = QFileDialog.getSaveFileName(
        parent, f"Exporter « {title} »", str(Path.home() / f"{suggested_name}.xlsx"), TABLE_FILTERS
    )
    if not name:
        return
    path = chosen_path(name, selected)
    columns, query = columns or export_columns(model), model.query
    # count and page open a session per call, in the thread that calls them: the worker's.

    def job(progress):
        return export_listing(path, columns, count, page, query, sheet_title=title, progress=progress)

    def done(rows: int) -> None:
        messages.inform(parent, "Export terminé", f"{plural(rows, 'ligne exportée', 'lignes exportées')} dans {path.name}.")

    run_in_background(parent, f"Export vers {path.name}…", job, done)
