"""Printing a table as shown (Fichier > Imprimer…, Ctrl+P): its search, filters and sort, its
visible columns in their order and proportions, French headings; a title naming the tab and
what narrows the rows, the date and « Page 2 sur 5 » on every page.

Tables are windowed over SQL: the rows are fetched here, page by page in the background (a
progress dialog after half a second, Annuler), and a table longer than `PAGES_WITHOUT_ASKING`
asks first. One line per row, cut with « … » as on screen, so the page count is known before
printing."""

import math
from dataclasses import dataclass, replace
from datetime import datetime

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPageLayout, QPainter, QPen
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QStackedWidget, QTabWidget, QWidget

from coorace_desktop.domain.french import number, plural
from coorace_desktop.ui.widgets import messages
from coorace_desktop.ui.widgets.formats import display
from coorace_desktop.ui.widgets.printing import new_printer, print_pages
from coorace_desktop.ui.widgets.table_tab import DataTable
from coorace_desktop.ui.widgets.worker import run_in_background

PAGES_WITHOUT_ASKING = 50
FETCH_SIZE = 1000  # rows per query while fetching
LANDSCAPE_FROM = 900  # the columns' width on screen (pixels) from which a table prints across the page
MARGIN_MM = 12
TEXT_PT, TITLE_PT, FOOTER_PT = 8.5, 12.0, 7.5
GREY, RULE, SHADE, HEADING_SHADE = QColor("#5f6368"), QColor("#bdc1c6"), QColor("#f1f3f4"), QColor("#dadce0")


@dataclass(frozen=True)
class PrintedTable:
    """What is printed, taken when Ctrl+P was pressed: headings, texts, the rows' cells as shown."""

    title: str
    description: str
    titles: list[str]
    widths: list[int]  # on screen, for the proportions
    numeric: list[bool]
    rows: list[tuple[str, ...]]
    printed_at: datetime


def heading(widget: QWidget) -> str:
    """The tabs the widget sits in, outermost first: « Accompagnements › Actions »."""
    names = []
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        owner = parent.parentWidget()
        if isinstance(parent, QStackedWidget) and isinstance(owner, QTabWidget):
            names.append(owner.tabText(owner.indexOf(child)).replace("&", ""))
        child, parent = parent, owner
    return " › ".join(reversed(names))


def shown_table(widget: QWidget) -> DataTable | None:
    """The table of `widget` the user is looking at: the one holding the focus, else the first shown."""
    tables = [table for table in widget.findChildren(DataTable) if table.isVisible()]
    focus = QApplication.focusWidget()
    return next((table for table in tables if focus is not None and table.isAncestorOf(focus)), tables[0] if tables else None)


def sort_text(table: DataTable) -> str:
    """« Tri : Ville, décroissant »; nothing for a table in its own order (the bureau's)."""
    if not table.view.isSortingEnabled():
        return ""
    query = table.model.query
    sortable = [column for column in table.model.columns if column.sort_key]
    column = next((c for c in sortable if c.sort_key == query.sort_key), sortable[0] if sortable else None)
    return "" if column is None else f"Tri : {column.title}, {'décroissant' if query.descending else 'croissant'}"


class TablePages:
    """The table laid out for one printer: the same heading on each page, then as many rows as fit."""

    def __init__(self, table: PrintedTable, printer: QPrinter) -> None:
        self.table = table
        self.width, self.height = printer.width(), printer.height()
        base = QApplication.font()
        self.text_font, self.bold_font = QFont(base), QFont(base)
        self.text_font.setPointSizeF(TEXT_PT)
        self.bold_font.setPointSizeF(TEXT_PT)
        self.bold_font.setBold(True)
        self.title_font, self.footer_font = QFont(self.bold_font), QFont(base)
        self.title_font.setPointSizeF(TITLE_PT)
        self.footer_font.setPointSizeF(FOOTER_PT)
        self.text_metrics = QFontMetricsF(self.text_font, printer)
        self.line = self.text_metrics.height()
        self.row_height = self.line * 1.5
        self.padding = self.text_metrics.averageCharWidth() * 0.8
        total = sum(table.widths) or 1
        self.edges = [0.0]
        for width in table.widths:  # the page's width shared as on screen
            self.edges.append(self.edges[-1] + self.width * width / total)
        # Headings are never cut: one too long for its column goes on two lines.
        bold = QFontMetricsF(self.bold_font, printer)
        fits = all(bold.horizontalAdvance(title) <= self._cell(column)[1] for column, title in enumerate(table.titles))
        self.headings_height = self.row_height if fits else self.row_height + self.line
        self.title_line = QFontMetricsF(self.title_font, printer).height() * 1.3
        self.title_height = self.title_line + self.line * 1.6
        self.footer_height = QFontMetricsF(self.footer_font, printer).height() * 2
        self.rows_top = self.title_height + self.headings_height
        fit = math.floor((self.height - self.rows_top - self.footer_height) / self.row_height)
        self.rows_per_page = max(fit, 1)
        self.count = max(math.ceil(len(table.rows) / self.rows_per_page), 1)

    def _cell(self, column: int) -> tuple[float, float]:
        """Where a column's text starts, and its width, inside the padding."""
        left = self.edges[column] + self.padding
        return left, max(self.edges[column + 1] - self.padding - left, 0)

    def paint(self, painter: QPainter, index: int) -> None:
        table = self.table
        painter.setPen(Qt.GlobalColor.black)
        painter.setFont(self.title_font)
        painter.drawText(QRectF(0, 0, self.width, self.title_line), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, table.title)
        painter.setFont(self.text_font)
        painter.setPen(GREY)
        description = self.text_metrics.elidedText(table.description, Qt.TextElideMode.ElideRight, self.width)
        painter.drawText(QRectF(0, self.title_line, self.width, self.line), Qt.AlignmentFlag.AlignLeft, description)

        top = self.title_height
        painter.fillRect(QRectF(0, top, self.width, self.headings_height), HEADING_SHADE)
        painter.setFont(self.bold_font)
        painter.setPen(Qt.GlobalColor.black)
        for column, title in enumerate(table.titles):
            left, width = self._cell(column)
            flags = self._side(column) | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
            painter.drawText(QRectF(left, top, width, self.headings_height), flags, title)
        painter.setFont(self.text_font)
        first = index * self.rows_per_page
        for offset, cells in enumerate(table.rows[first:first + self.rows_per_page]):
            y = self.rows_top + offset * self.row_height
            if offset % 2:
                painter.fillRect(QRectF(0, y, self.width, self.row_height), SHADE)
            for column, text in enumerate(cells):  # cut with « … » as on screen
                left, width = self._cell(column)
                shown = self.text_metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
                painter.drawText(QRectF(left, y, width, self.row_height), self._side(column) | Qt.AlignmentFlag.AlignVCenter, shown)
        bottom = self.rows_top + min(len(table.rows) - first, self.rows_per_page) * self.row_height
        painter.setPen(QPen(RULE, 0))
        for y in (top, self.rows_top, max(bottom, self.rows_top)):
            painter.drawLine(QPointF(0, y), QPointF(self.width, y))

        painter.setFont(self.footer_font)
        painter.setPen(GREY)
        footer = QRectF(0, self.height - self.footer_height / 2, self.width, self.footer_height / 2)
        printed = table.printed_at
        painter.drawText(footer, Qt.AlignmentFlag.AlignLeft, f"Imprimé le {display(printed.date())} à {printed:%H:%M}")
        painter.drawText(footer, Qt.AlignmentFlag.AlignRight, f"Page {number(index + 1)} sur {number(self.count)}")

    def _side(self, column: int) -> Qt.AlignmentFlag:
        return Qt.AlignmentFlag.AlignRight if self.table.numeric[column] else Qt.AlignmentFlag.AlignLeft


def table_printer(title: str, landscape: bool) -> QPrinter:
    printer = new_printer(title, landscape)
    printer.setPageMargins(QMarginsF(*[MARGIN_MM] * 4), QPageLayout.Unit.Millimeter)
    return printer


def print_table(table: DataTable, parent: QWidget | None, *, preview: bool = False) -> None:
    """Print the rows the table's query gives (not only those on screen), as the table shows them."""
    header = table.view.horizontalHeader()
    shown = [header.logicalIndex(visual) for visual in range(header.count())]
    shown = [column for column in shown if not header.isSectionHidden(column)]
    columns = [table.model.columns[column] for column in shown]
    title = heading(table) or table.noun_plural.capitalize()
    printed = PrintedTable(
        title, " · ".join(filter(None, [*table.shown_filters(), sort_text(table)])), [column.title for column in columns],
        [header.sectionSize(column) for column in shown], [column.numeric for column in columns], [], datetime.now(),
    )
    printer = table_printer(title, landscape=sum(printed.widths) >= LANDSCAPE_FROM)
    total = table.model.rowCount()
    if total == 0:
        messages.show_error(parent, f"Rien à imprimer : le tableau « {title} » n'a aucune ligne.")
        return
    pages = math.ceil(total / TablePages(printed, printer).rows_per_page)
    if pages > PAGES_WITHOUT_ASKING and not messages.choose(
        parent, "Imprimer", f"{number(pages)} pages : imprimer quand même ?",
        f"Le tableau compte {plural(total, 'ligne', 'lignes')}. Une recherche ou un filtre réduit ce qui s'imprime.",
        "Imprimer quand même", "Annuler",
    ):
        return
    query, count, fetch = table.model.query, table.count_rows, table.fetch_page
    noun = table.noun_singular, table.noun_plural

    def job(progress) -> list[tuple[str, ...]]:
        # count and fetch open a session per call, in the thread that calls them: the worker's.
        expected, rows = count(query), []
        while True:
            progress(len(rows), expected, f"Préparation de l'impression : {number(len(rows))} lignes sur {number(expected)}…")
            page = fetch(query, len(rows), FETCH_SIZE)
            rows += [tuple(column.format(column.value(row)) for column in columns) for row in page]
            if len(page) < FETCH_SIZE:
                return rows

    def fetched(rows: list[tuple[str, ...]]) -> None:
        description = " · ".join(filter(None, [plural(len(rows), *noun), printed.description]))
        whole = replace(printed, description=description, rows=rows, printed_at=datetime.now())
        print_pages(parent, printer, lambda target: TablePages(whole, target), preview)

    run_in_background(parent, "Préparation de l'impression…", job, fetched)
