"""The import preview as a table: one line per organisation (or yearly figures) of the file, and
one per row in error, with what will happen to it; possible duplicates carry the user's decision."""

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from coorace_desktop.services.importing import Action, Decision
from coorace_desktop.services.importing.figures import FiguresPreview
from coorace_desktop.services.importing.mapping import FIGURES, field_labels
from coorace_desktop.services.importing.members import MemberPreview

ERROR = "error"
Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Ligne", "État", "Structure", "Décision", "Détail")
DECISION_COLUMN = 3
_COLOURS = {
    Action.CREATE: "#e6f4ea",
    Action.UPDATE: "#e8f0fe",
    Action.DUPLICATE: "#fef7e0",
    ERROR: "#fce8e6",
}


@dataclass(frozen=True, slots=True)
class PreviewLine:
    """One line of the preview table; `key` is the first line of the file it comes from."""

    key: int
    lines: str
    state: str
    state_label: str
    name: str
    detail: str
    decision: Decision | None = None


def preview_lines(preview: MemberPreview | FiguresPreview, decisions: dict[int, Decision], default: Decision) -> list[PreviewLine]:
    name_column = preview.mapping.column_of("name")
    labels = field_labels(FIGURES)
    lines = []
    for item in preview.planned:
        draft = item.draft
        numbers = getattr(draft, "lines", None) or (draft.line,)
        if isinstance(preview, MemberPreview):
            name = draft.name
            detail = _member_detail(item)
        else:
            name = f"{item.organisation_name} — {draft.year}"
            given = ", ".join(labels[key] for key, _value in draft.values)
            detail = {Action.CREATE: given, Action.UPDATE: "Modifiés : " + ", ".join(item.changes)}.get(item.action, "Déjà enregistrés à l'identique")
        decision = decisions.get(draft.line, default) if item.action == Action.DUPLICATE else None
        label = "Doublon possible" if item.action == Action.DUPLICATE else item.action.label
        lines.append(PreviewLine(draft.line, ", ".join(map(str, numbers)), item.action.value, label, name, detail, decision))
    for error in preview.errors:
        name = error.cells[name_column] if name_column is not None and name_column < len(error.cells) else ""
        lines.append(PreviewLine(error.line, str(error.line), ERROR, "En erreur", name, error.reason))
    return sorted(lines, key=lambda line: line.key)


def _member_detail(item) -> str:
    if item.action == Action.CREATE:
        draft = item.draft
        places = ", ".join(site.city or site.postcode for site in draft.sites if site.city or site.postcode)
        return f"Nouvel adhérent{' à ' + places if places else ''}"
    if item.action == Action.UNCHANGED:
        return f"Déjà enregistré ({item.reason}) : rien ne change"
    prefix = f"Ressemble à « {item.existing_name} » ({item.reason})" if item.action == Action.DUPLICATE else f"« {item.existing_name} » ({item.reason})"
    return f"{prefix} : {'; '.join(item.changes)}" if item.changes else prefix


class PreviewTableModel(QAbstractTableModel):
    """The preview lines, optionally only those in one state; the rows live in memory (a preview
    is computed from a file, never from a table of the database)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._all: list[PreviewLine] = []
        self._shown: list[PreviewLine] = []
        self._state: str | None = None

    def set_lines(self, lines: list[PreviewLine]) -> None:
        self.beginResetModel()
        self._all = list(lines)
        self._shown = self._filtered()
        self.endResetModel()

    def set_state_filter(self, state: str | None) -> None:
        self.beginResetModel()
        self._state = state
        self._shown = self._filtered()
        self.endResetModel()

    def _filtered(self) -> list[PreviewLine]:
        return [line for line in self._all if self._state is None or line.state == self._state]

    def line_at(self, row: int) -> PreviewLine:
        return self._shown[row]

    def set_decision(self, rows: list[int], decision: Decision) -> list[int]:
        """Give the decision to the duplicates among these rows; the file lines they concern."""
        keys = []
        for row in rows:
            line = self._shown[row]
            if line.decision is None:
                continue
            updated = replace(line, decision=decision)
            self._shown[row] = updated
            self._all[self._all.index(line)] = updated
            keys.append(line.key)
            self.dataChanged.emit(self.index(row, DECISION_COLUMN), self.index(row, DECISION_COLUMN))
        return keys

    # -- Qt model interface
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        line = self._shown[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (line.lines, line.state_label, line.name, line.decision.label if line.decision else "", line.detail)
            return values[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 1:
            colour = _COLOURS.get(line.state)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None
