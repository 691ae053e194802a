"""Attendance entry: tick member organisations in a searchable list, with a head count each.

Typing narrows the list (in SQL); Space or Enter in the list ticks the current row; Enter in
the search box ticks the only match (one already ticked stays so), or moves into the list when
several match. Enter never saves the form around it: a list of names is entered from the
keyboard alone."""

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coorace_desktop.services.events.commands import OrganisationChoice
from coorace_desktop.ui.widgets.formats import display
from coorace_desktop.ui.widgets.search_edit import SearchEdit

NAME, PERSONS = 0, 1
MAX_PERSONS = 9999
SEARCH_DELAY_MS = 150

Index = QModelIndex | QPersistentModelIndex


class ParticipantsModel(QAbstractTableModel):
    """Organisations on show (a search result) and the ticked ones (kept across searches)."""

    ticked_changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.choices: list[OrganisationChoice] = []
        self.ticked: dict[int, int] = {}
        self.names: dict[int, str] = {}

    def set_choices(self, choices: list[OrganisationChoice]) -> None:
        self.beginResetModel()
        self.choices = list(choices)
        self.names.update((choice.id, choice.name) for choice in choices)
        self.endResetModel()

    def set_ticked(self, ticked: dict[int, int], names: dict[int, str]) -> None:
        self.beginResetModel()
        self.ticked = dict(ticked)
        self.names.update(names)
        self.endResetModel()
        self.ticked_changed.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.choices)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return ("Structure", "Personnes")[section] if 0 <= section < 2 else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == NAME:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.choices):
            return None
        choice = self.choices[index.row()]
        persons = self.ticked.get(choice.id)
        if index.column() == NAME:
            if role == Qt.ItemDataRole.DisplayRole:
                return choice.name
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if persons is not None else Qt.CheckState.Unchecked
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return display(persons)
        if role == Qt.ItemDataRole.EditRole:
            return persons or 1
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.row() >= len(self.choices):
            return False
        organisation_id = self.choices[index.row()].id
        if index.column() == NAME and role == Qt.ItemDataRole.CheckStateRole:
            if Qt.CheckState(value) == Qt.CheckState.Checked:
                self.ticked.setdefault(organisation_id, 1)
            else:
                self.ticked.pop(organisation_id, None)
        elif index.column() == PERSONS and role == Qt.ItemDataRole.EditRole:
            try:
                persons = int(value)
            except (TypeError, ValueError):
                return False
            if not 1 <= persons <= MAX_PERSONS:
                return False
            # Typing a head count means the organisation came: it is ticked too.
            self.ticked[organisation_id] = persons
        else:
            return False
        self.dataChanged.emit(self.index(index.row(), NAME), self.index(index.row(), PERSONS))
        self.ticked_changed.emit()
        return True

    def is_ticked(self, row: int) -> bool:
        return self.choices[row].id in self.ticked

    def toggle(self, row: int) -> None:
        state = Qt.CheckState.Unchecked if self.is_ticked(row) else Qt.CheckState.Checked
        self.setData(self.index(row, NAME), state, Qt.ItemDataRole.CheckStateRole)


class PersonsDelegate(QStyledItemDelegate):
    """A spin box from 1: an organisation that came sent at least one person."""

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        editor = QSpinBox(parent)
        editor.setRange(1, MAX_PERSONS)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        return editor


class ParticipantsView(QTableView):
    """Enter toggles the current row as Space does: a table view would pass it on to the
    dialog's default button, saving the form with a half-made list."""

    def keyPressEvent(self, event) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not editing:
            if self.currentIndex().isValid():
                self.model().toggle(self.currentIndex().row())
            event.accept()
            return
        super().keyPressEvent(event)


class ParticipantsPicker(QWidget):
    """The search box, the list with its ticks and head counts, and a running total."""

    changed = Signal()

    def __init__(self, search, parent: QWidget | None = None) -> None:
        """search(text, only_ids, first_ids) -> list[OrganisationChoice], run in SQL by the service."""
        super().__init__(parent)
        self._search = search
        self.model = ParticipantsModel(self)
        self.search_edit = SearchEdit(placeholderText="Rechercher une structure (nom, ville)…", clearButtonEnabled=True)
        self.search_edit.setAccessibleName("Rechercher une structure")
        self.only_ticked_check = QCheckBox("Seulement les cochées")
        self.view = ParticipantsView()
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(PERSONS, PersonsDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setTabKeyNavigation(False)  # Tab goes on to the next field; arrows move in the list
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(PERSONS, QHeaderView.ResizeMode.ResizeToContents)
        self.total_label = QLabel()

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search_edit.textChanged.connect(self._timer.start)
        self.search_edit.returnPressed.connect(self._tick_single_match)
        self.only_ticked_check.toggled.connect(self.refresh)
        self.model.ticked_changed.connect(self._ticked_changed)

        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.only_ticked_check)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.total_label)
        self.refresh()
        self._ticked_changed()

    def refresh(self) -> None:
        self._timer.stop()
        ticked = list(self.model.ticked)
        only_ids = ticked if self.only_ticked_check.isChecked() else None
        # Ticked ones come first, as they were when the search changed: rows never jump on a tick.
        self.model.set_choices(self._search(self.search_edit.text(), only_ids, ticked))
        if self.model.rowCount():
            self.view.selectRow(0)

    def set_participants(self, ticked: dict[int, int], names: dict[int, str]) -> None:
        self.model.set_ticked(ticked, names)
        self.refresh()

    def participants(self) -> dict[int, int]:
        return dict(self.model.ticked)

    def _tick_single_match(self) -> None:
        self.refresh()
        if self.model.rowCount() == 1:
            if self.model.is_ticked(0):
                # A second Enter on the same name must not silently untick it.
                self._ticked_changed()
                self.total_label.setText(
                    f"« {self.model.choices[0].name} » déjà cochée (Espace dans la liste pour la décocher) · "
                    + self.total_label.text())
            else:
                self.model.toggle(0)
            self.search_edit.selectAll()
        elif self.model.rowCount():
            self.view.setFocus()

    def _ticked_changed(self) -> None:
        ticked = self.model.ticked
        count, persons = len(ticked), sum(ticked.values())
        if count == 0:
            self.total_label.setText("Aucune structure cochée")
        else:
            noun = "structure cochée" if count == 1 else "structures cochées"
            people = "personne" if persons == 1 else "personnes"
            self.total_label.setText(f"{display(count)} {noun}, {display(persons)} {people}")
        self.changed.emit()
