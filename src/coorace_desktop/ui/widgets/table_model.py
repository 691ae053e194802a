"""A windowed table model over a service's list query: only the rows on screen are fetched,
and search, filters and sort run in SQL (a proxy model over every row collapses at 200,000)."""

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from coorace_desktop.services.listing import ListQuery
from coorace_desktop.ui.widgets.formats import display

PAGE_SIZE = 200
PAGES_KEPT = 16
ROW_ID_ROLE = Qt.ItemDataRole.UserRole
ROW_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One column: its title, the service's sort key (None: not sortable), how to read a row."""

    title: str
    sort_key: str | None
    value: Callable[[Any], object]
    numeric: bool = False
    format: Callable[[object], str] = display


class WindowedTableModel(QAbstractTableModel):
    """Rows come page by page from `fetch_page(query, offset, limit)`; `count(query)` sizes the table."""

    def __init__(
        self,
        columns: Sequence[Column],
        count: Callable[[ListQuery], int],
        fetch_page: Callable[[ListQuery, int, int], list],
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._count_rows = count
        self._fetch_page = fetch_page
        self.query = ListQuery(sort_key=next((c.sort_key for c in self.columns if c.sort_key), ""))
        self._pages: OrderedDict[int, list] = OrderedDict()
        self.generation = 0
        self._row_count = self._count_rows(self.query)

    # -- Qt model interface
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._row_count

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._row_count:
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.format(column.value(row))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].title
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or self.columns[column].sort_key is None:
            return
        query = replace(self.query, sort_key=self.columns[column].sort_key, descending=order == Qt.SortOrder.DescendingOrder)
        # The view asks again for the sort already shown (sorting enabled, its header restored):
        # three counts and resets of a table being built for nothing.
        if query != self.query:
            self.set_query(query)

    # -- what tabs use
    def set_query(self, query: ListQuery) -> None:
        self.query = query
        self._reload()

    def set_search(self, text: str) -> None:
        if text != self.query.search:
            self.set_query(replace(self.query, search=text))

    def set_filter(self, name: str, value: object) -> None:
        self.set_query(self.query.with_filter(name, value))

    def refresh(self) -> None:
        """Re-read from the database after its data may have changed (`generation` counts these)."""
        self.generation += 1
        self._reload()

    def _reload(self) -> None:
        self.beginResetModel()
        self._pages.clear()
        self._row_count = self._count_rows(self.query)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        number, offset = divmod(row, PAGE_SIZE)
        page = self._pages.get(number)
        if page is None:
            page = self._fetch_page(self.query, number * PAGE_SIZE, PAGE_SIZE)
            self._pages[number] = page
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[offset] if offset < len(page) else None

    def row_of_id(self, row_id: int) -> int | None:
        """The position of a row already fetched (used to reselect after an edit)."""
        for number, page in self._pages.items():
            for offset, row in enumerate(page):
                if row.id == row_id:
                    return number * PAGE_SIZE + offset
        return None
