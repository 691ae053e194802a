"""Dialogs of data safety: the database in use by another instance, and Restaurer… with its list."""

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coorace_desktop.domain.french import megabytes
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.storage.backup import BackupInfo, read_manifest
from coorace_desktop.storage.lock import DatabaseInUseError
from coorace_desktop.storage.rotation import list_backups
from coorace_desktop.ui.widgets import messages
from coorace_desktop.ui.widgets.screen_fit import fit_to_screen
from coorace_desktop.ui.widgets.table_model import Column
from coorace_desktop.ui.widgets.table_tab import DataTable

BACKUP_FILTER = "Sauvegardes Coorace (*.sqlite *.db);;Tous les fichiers (*)"


def ask_read_only(parent: QWidget | None, error: DatabaseInUseError, at_start: bool) -> bool:
    """Tell who holds the database; True when the user chooses to open it read-only."""
    box = QMessageBox(QMessageBox.Icon.Information, "Base déjà ouverte", str(error), parent=parent)
    box.setInformativeText(
        "Vous pouvez l'ouvrir en lecture seule pour consulter, imprimer ou exporter : "
        "les modifications ne seront possibles que dans l'autre fenêtre."
    )
    read_only = box.addButton("Ouvrir en &lecture seule", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("&Quitter" if at_start else "&Annuler", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(read_only)
    box.exec()
    return box.clickedButton() is read_only


def ask_repair_or_restore(parent: QWidget | None, name: str, problems: list[str]) -> str | None:
    """The base opened is damaged: "repair", "restore", or None to go on as it is."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Base endommagée", f"{name} est endommagée :\n\n" + "\n".join(f"• {p}" for p in problems),
                      parent=parent)
    box.setInformativeText(
        "Réparer reconstruit ce qui se déduit des données (index de recherche, clés de recherche) après une "
        "copie de sécurité, sans supprimer aucune ligne. Restaurer remplace la base par une sauvegarde."
    )
    repair = box.addButton("&Réparer", QMessageBox.ButtonRole.AcceptRole)
    restore = box.addButton("Restaurer une &sauvegarde…", QMessageBox.ButtonRole.ActionRole)
    box.addButton("&Continuer ainsi", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(repair)
    box.exec()
    return {repair: "repair", restore: "restore"}.get(box.clickedButton())


@dataclass(frozen=True, slots=True)
class BackupRow:
    """A backup as the list shows it (the table model wants an id per row)."""

    id: int
    info: BackupInfo

    def count(self, table: str) -> int | None:
        return self.info.counts.get(table)


BACKUP_COLUMNS = [
    Column("Date", "date", lambda r: r.info.created_at),
    Column("Type", "kind", lambda r: r.info.kind.label),
    Column("Taille", "size", lambda r: r.info.size, numeric=True, format=megabytes),
    Column("Adhérents", "organisations", lambda r: r.count("organisations"), numeric=True),
    Column("Personnes", "persons", lambda r: r.count("persons"), numeric=True),
    Column("Événements", "events", lambda r: r.count("events"), numeric=True),
    Column("Fichier", "file", lambda r: r.info.path.name),
]
_SORT_VALUES = {
    "date": lambda r: r.info.created_at,
    "kind": lambda r: r.info.kind.label,
    "size": lambda r: r.info.size,
    "file": lambda r: r.info.path.name,
}


class BackupList:
    """The backups of one database as the windowed model asks for them (a few dozen rows at most):
    those of the backups folder, and the copies saved elsewhere with « Enregistrer une copie… »."""

    def __init__(self, database: Path, saved_copies: list[Path] = ()) -> None:
        found = list_backups(None, database)
        known = {info.path.resolve() for info in found}
        for path in saved_copies:
            info = read_manifest(path) if path.is_file() and path.resolve() not in known else None
            if info is not None:
                found.append(info)
                known.add(path.resolve())
        self.rows = [BackupRow(number, info) for number, info in enumerate(found)]

    def count(self, _query: ListQuery) -> int:
        return len(self.rows)

    def page(self, query: ListQuery, offset: int, limit: int) -> list[BackupRow]:
        key = _SORT_VALUES.get(query.sort_key) or (lambda r: r.count(query.sort_key) or 0)
        ordered = sorted(self.rows, key=key, reverse=query.descending)
        return ordered[offset: offset + limit]


class RestoreDialog(QDialog):
    """The backups of the open database, newest first; `chosen` is the file to restore."""

    def __init__(self, database: Path, saved_copies: list[Path] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restaurer une sauvegarde")
        self.resize(860, 420)
        fit_to_screen(self)
        self.chosen: Path | None = None
        self.backups = BackupList(database, saved_copies)
        self.table = DataTable(BACKUP_COLUMNS, self.backups.count, self.backups.page,
                               noun=("sauvegarde", "sauvegardes"), settings_key="backups", parent=self,
                               empty_text="Aucune sauvegarde pour cette base : choisissez un fichier avec « Autre fichier… ».")
        # A short list to choose from: no search, and only Restaurer as an action.
        for widget in (self.table.search_edit, self.table.new_button, self.table.edit_button,
                       self.table.delete_button, self.table.export_button):
            widget.hide()
        self.view = self.table.view
        self.model = self.table.model
        self.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        intro = QLabel(
            f"Sauvegardes de <b>{database.name}</b> : automatiques (à la fermeture et chaque jour), "
            "avant une mise à jour du schéma ou une restauration, et copies enregistrées.<br>"
            "La base actuelle est conservée avant d'être remplacée."
        )
        intro.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = QPushButton("&Restaurer…")
        self.restore_button.setDefault(True)
        self.other_button = QPushButton("&Autre fichier…", autoDefault=False)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.restore_button.clicked.connect(self.restore_selected)
        self.other_button.clicked.connect(self.choose_other_file)
        self.buttons.rejected.connect(self.reject)
        self.table.edit_requested.connect(lambda _row: self.restore_selected())
        self.view.selectionModel().selectionChanged.connect(self._update_button)
        # Nothing chosen in advance: the default button must never restore a state nobody picked.
        self._update_button()

    def selected(self) -> BackupInfo | None:
        row = self.table.current_row()
        return row.info if row is not None else None

    def restore_selected(self) -> None:
        info = self.selected()
        if info is not None and self._confirm(describe(info)):
            self.chosen = info.path
            self.accept()

    def choose_other_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Restaurer depuis un fichier", "", BACKUP_FILTER)
        if name and self._confirm(f"le fichier {Path(name).name}"):
            self.chosen = Path(name)
            self.accept()

    def _confirm(self, what: str) -> bool:
        return messages.ask(
            self,
            "Restaurer une sauvegarde",
            f"Remplacer la base actuelle par {what} ?\n\nLe fichier est vérifié avant tout changement ; "
            "la base actuelle est conservée dans le dossier des sauvegardes (« Avant restauration »).",
        )

    def _update_button(self, *_args: object) -> None:
        self.restore_button.setEnabled(self.selected() is not None)


def describe(info: BackupInfo) -> str:
    """'la sauvegarde automatique du 27/11/2026 à 18:15 (51 adhérents, 20 personnes)'"""
    counted = [f"{info.counts[t]} {label}" for t, label in (("organisations", "adhérents"), ("persons", "personnes")) if t in info.counts]
    details = f" ({', '.join(counted)})" if counted else ""
    return f"la sauvegarde « {info.kind.label} » du {info.created_at:%d/%m/%Y à %H:%M}{details}"
