"""The shape every table tab shares: a search box, a row of filters, the table, and
New / Edit / Delete with the keyboard (Ctrl+N, Enter, Del) and a confirmation before deleting."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coorace_desktop.domain.french import plural
from coorace_desktop.domain.periods import period_text
from coorace_desktop.services.exporting.spreadsheet import ExportColumn
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.ui.widgets import messages
from coorace_desktop.ui.widgets.app_state import Area, announce
from coorace_desktop.ui.widgets.errors import run_command
from coorace_desktop.ui.widgets.period_selector import ALL_DATES, PeriodSelector
from coorace_desktop.ui.widgets.search_edit import SearchEdit
from coorace_desktop.ui.widgets.shortcuts import shortcut, tab_in_layout_order
from coorace_desktop.ui.widgets.table_model import ROW_ROLE, Column, WindowedTableModel

SEARCH_DELAY_MS = 250
EMPTY_STYLE = "color: #5f6368; font-size: 11pt; padding: 24px;"


class DataTable(QWidget):
    """A searchable, filterable, sortable table over a service list query, with its own toolbar.

    Owners connect `new_requested`, `edit_requested(row)` and give `delete_row` (see `set_delete`)."""

    new_requested = Signal()
    edit_requested = Signal(object)
    changed = Signal()

    def __init__(
        self,
        columns: Sequence[Column],
        count: Callable[[ListQuery], int],
        fetch_page: Callable[[ListQuery, int, int], list],
        *,
        noun: tuple[str, str],
        search_placeholder: str = "Rechercher…",
        settings_key: str,
        export_columns: Sequence[ExportColumn] | None = None,
        empty_text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.noun_singular, self.noun_plural = noun
        self.empty_text = empty_text or "Rien à afficher."  # what an empty table says to do
        self._filter_combos: dict[str, QComboBox] = {}  # by filter name
        self.period_selector: PeriodSelector | None = None
        self._period_names: tuple[str, str] = ("", "")  # the period filter's name, the year filter's
        self._chips: dict[str, QToolButton] = {}  # filters without a combo, by name (see show_filtered)
        self.settings_key = settings_key
        self._delete_question: Callable[[Any], str] | None = None
        self._delete_row: Callable[[Any], object] | None = None
        self._delete_announces: frozenset[Area] = frozenset()
        self._write_buttons: list[QWidget] = []
        self._column_modes: dict[int, QHeaderView.ResizeMode] = {}
        # What narrows the rows besides the search and the filter boxes (a date, a period), in French:
        # the owner's, printed above the table.
        self.filter_notes: Callable[[], list[str]] = list

        # Enter is the search's (in a dialog too): the rows at once, and the keyboard in the table.
        self.search_edit = SearchEdit(placeholderText=search_placeholder, clearButtonEnabled=True)
        self.search_edit.setAccessibleName("Recherche")
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.search_edit.returnPressed.connect(self._search_and_go_to_list)

        self.filters_layout = QHBoxLayout()
        self.new_button = QPushButton("&Nouveau…")
        self.edit_button = QPushButton("&Modifier…")
        self.delete_button = QPushButton("&Supprimer")
        self.new_button.setToolTip("Ctrl+N")
        self.edit_button.setToolTip("Entrée ou double-clic")
        self.delete_button.setToolTip("Suppr")
        self.export_button = QPushButton("E&xporter…")
        self.export_button.setToolTip("Les lignes affichées (recherche et filtres appliqués) vers Excel ou CSV")

        self.model = WindowedTableModel(columns, count, fetch_page, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(140)
        self.count_label = QLabel()
        # Said in the middle of an empty table: what to do, or that the search found nothing.
        self.empty_label = QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter, styleSheet=EMPTY_STYLE)
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        QVBoxLayout(self.view.viewport()).addWidget(self.empty_label)

        top = QHBoxLayout()
        top.addWidget(self.search_edit, 2)
        top.addLayout(self.filters_layout, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.export_button)
        self.buttons_layout = buttons
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

        self.new_button.clicked.connect(self.new_requested)
        self.read_only = False
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        # The list query itself, for what reads every row shown (export, printing), in any thread.
        self.count_rows, self.fetch_page = count, fetch_page
        self._export_columns = export_columns
        self.export_button.clicked.connect(self.export_shown)
        self.view.doubleClicked.connect(self.edit_current)
        # Two tables side by side (the board and its bureau) each keep their own keys.
        with_children, only_view = Qt.ShortcutContext.WidgetWithChildrenShortcut, Qt.ShortcutContext.WidgetShortcut
        shortcut(QKeySequence.StandardKey.New, self, self.new_button.click, with_children)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut(QKeySequence(key), self.view, self.edit_current, only_view)
        shortcut(QKeySequence.StandardKey.Delete, self.view, self.delete_current, only_view)
        shortcut(QKeySequence.StandardKey.Find, self, self.search_edit.setFocus, with_children)
        self.model.modelReset.connect(self._update_state)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_state()

    # -- configuration by the owning tab
    def add_filter(self, name: str, label: str, choices: Sequence[tuple[str, object]]) -> QComboBox:
        """A combo box filtering on `name`; the first choice should be ('Tous', None)."""
        combo = QComboBox()
        combo.setAccessibleName(label)
        combo.setToolTip(label)
        for text, value in choices:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(lambda _=0: self._filter_chosen(name, combo.currentData()))
        self.filters_layout.addWidget(combo)
        self._filter_combos[name] = combo
        return combo

    def add_period_filter(self, name: str, year_name: str) -> PeriodSelector:
        """The period chooser (« Toutes les dates », this week… from … to …) filtering on `name`
        (first and last day), on a line of its own under the search with the year filter
        `year_name`: choosing one clears the other, so the rows never answer two dates at odds."""
        selector = PeriodSelector(ALL_DATES, optional=True)
        year_combo = self._filter_combos[year_name]
        year_label = QLabel("Année")
        year_label.setBuddy(year_combo)
        line = QHBoxLayout()
        for widget in (year_label, year_combo, selector):  # the year leaves the filters' line
            line.addWidget(widget)
        line.addStretch(1)
        self.layout().insertLayout(1, line)
        self.period_selector, self._period_names = selector, (name, year_name)
        selector.changed.connect(lambda *_: self._filter_chosen(name, selector.chosen()))
        return selector

    def show_filtered(self, filters: Mapping[str, object], chips: Mapping[str, str] = {}) -> None:
        """Show the rows of exactly `filters` (another tab's click-through), the search cleared: the
        combos show theirs, and each filter named in `chips` (one without a combo, e.g. members of a
        period) is a button saying it (its text) that removes it."""
        for name, combo in self._filter_combos.items():
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(filters.get(name)), 0))
            combo.blockSignals(False)
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        if self.period_selector is not None:
            if (period := filters.get(self._period_names[0])) is not None:
                self.period_selector.set_between(*period, notify=False)
            else:
                self.period_selector.set_all_dates(notify=False)
        for button in self._chips.values():
            button.deleteLater()
        self._chips = {}
        for position, (name, text) in enumerate(chips.items()):
            button = QToolButton(text=f"{text}  ✕", toolTip="Retirer ce filtre")
            button.setAccessibleName(f"Retirer le filtre « {text} »")
            button.clicked.connect(lambda _=False, name=name: self._remove_chip(name))
            self.filters_layout.insertWidget(position, button)
            self._chips[name] = button
        tab_in_layout_order(self.layout())
        self.model.set_query(replace(self.model.query, search="", filters=dict(filters)))

    def _remove_chip(self, name: str) -> None:
        self._chips.pop(name).deleteLater()
        self.model.set_filter(name, None)

    def _filter_chosen(self, name: str, value: object) -> None:
        """One query for the filter chosen (and the year or period it clears)."""
        query = self.model.query.with_filter(name, value)
        if value is not None and name in self._period_names:
            period_name, year_name = self._period_names
            if name == period_name:
                combo = self._filter_combos[year_name]
                combo.blockSignals(True)
                combo.setCurrentIndex(0)
                combo.blockSignals(False)
            else:
                self.period_selector.set_all_dates(notify=False)
            query = query.with_filter(year_name if name == period_name else period_name, None)
        self.model.set_query(query)

    def set_column_widths(self, widths: Sequence[int], *, stretch: Sequence[int] = (), fit: Sequence[int] = ()) -> None:
        """Widths a first run starts with (the user's own are kept in the settings); the columns
        `stretch` (names) share the spare width, those to `fit` (a short flag) take their contents'."""
        for column, width in enumerate(widths):
            self.view.setColumnWidth(column, width)
        self._column_modes = {column: QHeaderView.ResizeMode.Stretch for column in stretch}
        self._column_modes.update({column: QHeaderView.ResizeMode.ResizeToContents for column in fit})
        self._apply_column_modes()

    def _apply_column_modes(self) -> None:
        header = self.view.horizontalHeader()
        if self._column_modes:
            header.setStretchLastSection(False)
        for column, mode in self._column_modes.items():
            header.setSectionResizeMode(column, mode)

    def add_button(self, button: QWidget, writes: bool = False) -> None:
        """An extra action after Delete (export, print…), left of the count; one that `writes` is
        hidden on a read-only database."""
        self.buttons_layout.insertWidget(self.buttons_layout.count() - 2, button)  # before the stretch
        if writes:
            self._write_buttons.append(button)
            button.setVisible(not self.read_only)

    def set_delete(self, question: Callable[[Any], str], delete_row: Callable[[Any], object], *, announces: Area | frozenset[Area]) -> None:
        """question(row) gives the French confirmation text (it may raise ValidationError to refuse);
        a deletion announces the areas it changes."""
        self._delete_question = question
        self._delete_row = delete_row
        self._delete_announces = frozenset({announces}) if isinstance(announces, Area) else announces

    # -- actions
    def current_row(self) -> Any:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isSelected(index):
            rows = self.view.selectionModel().selectedRows()
            if not rows:
                return None
            index = rows[0]
        return self.model.data(index, ROW_ROLE)

    def edit_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.edit_requested.emit(row)

    def delete_current(self) -> None:
        row = self.current_row()
        if row is None or self._delete_row is None or self.read_only:
            return
        ok, question = run_command(self, self._delete_question, row)
        if not ok:
            return
        if messages.ask(self, f"Supprimer {self.noun_singular}", question):
            ok, _ = run_command(self, self._delete_row, row)
            if ok:
                self.reload()
                announce(self, self._delete_announces)

    def export_shown(self) -> None:
        """The rows shown (search, filters, sort) to a spreadsheet the user names."""
        # The spreadsheet writers are imported on the first export, not when a tab starts.
        from coorace_desktop.ui.widgets.table_export import export_as_shown

        export_as_shown(
            self, self.model, self.count_rows, self.fetch_page, self.noun_plural.capitalize(), self.settings_key, self._export_columns
        )

    def reload(self, select_id: int | None = None) -> None:
        """Read the rows again, then select `select_id`, or else the row selected before."""
        if select_id is None:
            select_id = getattr(self.current_row(), "id", None)
        self.model.refresh()
        if select_id is not None:
            position = self.model.row_of_id(select_id)
            if position is None:
                # fetch pages until found, bounded: a new row may sort anywhere
                for position in range(min(self.model.rowCount(), 5000)):
                    if self.model.row_at(position).id == select_id:
                        break
                else:
                    position = None
            if position is not None:
                self.view.selectRow(position)
                self.view.scrollTo(self.model.index(position, 0))
        self.changed.emit()

    def shown_filters(self) -> list[str]:
        """What the rows shown are narrowed by, in French: the search, each filter box set, the owner's notes."""
        search = self.model.query.search.strip()
        shown = [f"Recherche : « {search} »"] if search else []
        shown += [f"{combo.accessibleName()} : {combo.currentText()}" for combo in self._filter_combos.values() if combo.currentData() is not None]
        if self.period_selector is not None and (period := self.period_selector.chosen()) is not None:
            shown.append(f"Période : {period_text(*period)}")
        shown += [button.text().removesuffix("✕").strip() for button in self._chips.values()]
        return shown + self.filter_notes()

    def status_text(self) -> str:
        count = self.model.rowCount()
        return plural(count, self.noun_singular, self.noun_plural)

    def showEvent(self, event) -> None:
        tab_in_layout_order(self.layout())  # the owning tab's filters and buttons, added later, in reading order
        super().showEvent(event)

    def _apply_search(self) -> None:
        self.model.set_search(self.search_edit.text())

    def _search_and_go_to_list(self) -> None:
        """Entrée in the search box: search now, then the list takes the keyboard on its first row
        (a second Entrée opens it)."""
        self._search_timer.stop()
        self._apply_search()
        if self.model.rowCount():
            self.view.setFocus()
            self.view.setCurrentIndex(self.model.index(0, 0))
            self.view.selectRow(0)

    def _update_state(self) -> None:
        self.count_label.setText(self.status_text())
        search = self.search_edit.text().strip()
        if search:
            self.empty_label.setText(f"Aucun résultat pour « {search} ».")
        elif self._chips or any(combo.currentIndex() > 0 for combo in self._filter_combos.values()) or (
            self.period_selector is not None and self.period_selector.chosen() is not None
        ):
            self.empty_label.setText("Aucun résultat avec ces filtres.")
        else:
            self.empty_label.setText(self.empty_text)
        self.empty_label.setVisible(self.model.rowCount() == 0)
        self._update_buttons()
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        """A database opened read-only: no New, Delete or other writing button (Edit still shows
        the record, the dialog's Enregistrer disabled)."""
        self.read_only = read_only
        for button in self._write_buttons:
            button.setVisible(not read_only)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_row = bool(self.view.selectionModel().selectedRows())
        self.new_button.setEnabled(not self.read_only)
        self.edit_button.setEnabled(has_row)
        self.delete_button.setEnabled(has_row and self._delete_row is not None and not self.read_only)

    # -- column widths persist
    def save_state(self, settings: QSettings) -> None:
        settings.setValue(f"tables/{self.settings_key}", self.view.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value(f"tables/{self.settings_key}")
        if state is not None:
            self.view.horizontalHeader().restoreState(state)
            self._apply_column_modes()  # a state saved by an older version must not bring back its modes


def refill_combo(combo: QComboBox, choices: Sequence[tuple[str, object]]) -> None:
    """New choices for a filter (after an edit), keeping the current one while it still exists;
    currentIndexChanged fires only if the selection really changed."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, value in choices:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.blockSignals(False)
    if combo.currentData() != current:
        combo.currentIndexChanged.emit(combo.currentIndex())
