"""The registered persons of an event as the attendance dialog lists them: one session's attendance,
ticked from the list (Space or Enter on a row)."""

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QTableView

from coorace_desktop.domain.enums import AttendanceStatus
from coorace_desktop.services.events.registrations import RegisteredPerson

NAME, ORGANISATION, STATUS = range(3)
ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
Index = QModelIndex | QPersistentModelIndex


class AttendanceModel(QAbstractTableModel):
    """The registered persons matching the typed names, with their attendance at one session;
    ticking a name asks for them to be marked present (the dialog saves it)."""

    tick_requested = Signal(int, bool)  # person id, present

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.people: list[RegisteredPerson] = []
        self.session = 1

    def set_rows(self, people: list[RegisteredPerson], session: int) -> None:
        self.beginResetModel()
        self.people, self.session = list(people), session
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.people)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < 3:
            return ("Nom", "Structure", "Présence")[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == NAME and self.people[index.row()].status(self.session) is not None:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.people):
            return None
        person = self.people[index.row()]
        status = person.status(self.session)
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == NAME:
                return person.name
            if index.column() == ORGANISATION:
                return person.organisation
            return status.label if status else "Non inscrit·e à cette séance"
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == NAME and status is not None:
            return Qt.CheckState.Checked if status == AttendanceStatus.PRESENT else Qt.CheckState.Unchecked
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() != NAME:
            return False
        self.tick_requested.emit(self.people[index.row()].person_id, Qt.CheckState(value) == Qt.CheckState.Checked)
        return True

    def toggle(self, row: int) -> None:
        person = self.people[row]
        if person.status(self.session) is not None:
            self.tick_requested.emit(person.person_id, person.status(self.session) != AttendanceStatus.PRESENT)


class AttendanceView(QTableView):
    """Enter and Space tick or untick the current person."""

    def keyPressEvent(self, event) -> None:
        if event.key() in (*ENTER, Qt.Key.Key_Space) and self.currentIndex().isValid():
            self.model().toggle(self.currentIndex().row())
            event.accept()
            return
        super().keyPressEvent(event)
