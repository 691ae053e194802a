"""Données personnelles (RGPD): find a person, export what is held about them, or erase them."""

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coorace_desktop.domain.text import fold
from coorace_desktop.services.privacy.export import export_person
from coorace_desktop.services.privacy.person_data import (
    PersonSummary,
    count_persons,
    erase_person,
    list_persons,
    person_record,
)
from coorace_desktop.services.privacy.register import still_holding_lines
from coorace_desktop.storage.database import Database
from coorace_desktop.ui.widgets import messages
from coorace_desktop.ui.widgets.app_state import EVERY_AREA, announce
from coorace_desktop.ui.widgets.errors import run_command
from coorace_desktop.ui.widgets.screen_fit import fit_to_screen
from coorace_desktop.ui.widgets.table_model import Column
from coorace_desktop.ui.widgets.table_tab import DataTable

EXPORT_FILTER = "Texte lisible (*.txt);;JSON (*.json)"
COLUMNS = [
    Column("Nom", "name", lambda p: p.display_name),
    Column("E-mail", "email", lambda p: p.email),
    Column("N°", None, lambda p: p.id, numeric=True),
    Column("Effacée le", "erased_on", lambda p: p.erased_on),
]
COLUMN_WIDTHS = (280, 240, 60)


class PrivacyDialog(QDialog):
    """The persons of the database; `erased` tells the caller whether names changed."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.erased = False
        self.setWindowTitle("Données personnelles (RGPD)")
        self.resize(820, 520)
        fit_to_screen(self)
        intro = QLabel(
            "Exporter : un fichier avec tout ce que la base contient sur la personne (à lui remettre). "
            "Effacer : son nom, son e-mail, son téléphone et ses notes sont effacés ; ses rôles (contact, "
            "mandat, poste) restent, sans nom, pour que les effectifs et l'historique restent exacts."
        )
        intro.setWordWrap(True)
        self.table = DataTable(
            COLUMNS,
            lambda query: count_persons(database, query),
            lambda query, offset, limit: list_persons(database, query, offset, limit),
            noun=("personne", "personnes"),
            empty_text='Aucune personne enregistrée.',
            search_placeholder="Rechercher une personne (nom, prénom)…",
            settings_key="privacy_persons",
            parent=self,
        )
        self.table.add_filter("erased", "État", [("Toutes", None), ("Présentes", False), ("Effacées", True)])
        # Only what this dialog is for: no new/edit/delete, no export of the list itself.
        for button in (self.table.new_button, self.table.edit_button, self.table.delete_button, self.table.export_button):
            button.hide()
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.view.setColumnWidth(column, width)
        self.export_button = QPushButton("E&xporter ses données…")
        self.erase_button = QPushButton("&Effacer…")
        self.table.add_button(self.export_button)
        self.table.add_button(self.erase_button)
        self.export_button.clicked.connect(self.export_current)
        self.erase_button.clicked.connect(self.erase_current)
        self.table.edit_requested.connect(lambda _row: self.export_current())
        self.table.view.selectionModel().selectionChanged.connect(self._update_buttons)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._update_buttons()

    def current(self) -> PersonSummary | None:
        return self.table.current_row()

    def export_current(self) -> None:
        person = self.current()
        if person is None:
            return
        folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
        suggested = folder / f"donnees-personnelles-{fold(person.display_name).replace(' ', '-')}.txt"
        name, _ = QFileDialog.getSaveFileName(self, "Exporter les données de la personne", str(suggested), EXPORT_FILTER)
        if not name:
            return
        ok, target = run_command(self, export_person, self.database, person.id, Path(name))
        if ok:
            messages.inform(self, "Données exportées", f"Les données de {person.display_name} sont dans {target}.")

    def erase_current(self) -> None:
        person = self.current()
        if person is None or person.erased_on is not None:
            return
        ok, record = run_command(self, person_record, self.database, person.id)
        if not ok:
            return
        question = (
            f"Effacer définitivement {record.display_name} ?\n\n"
            f"Son nom, son e-mail, son téléphone et ses notes seront effacés. Restent, au nom de "
            f"« Personne effacée n° {record.id} » : {record.roles}.\n\nCette opération ne peut pas être annulée "
            "(restaurer une sauvegarde plus ancienne l'efface de nouveau)."
        )
        if not messages.ask(self, "Effacer une personne", question, warning=True):
            return
        erased_at = datetime.now().astimezone()
        ok, erasure = run_command(self, erase_person, self.database, person.id)
        if not ok:
            return
        self.erased = True
        self.table.reload(select_id=person.id)
        announce(self, EVERY_AREA)  # the tabs show the erased names at once
        message = f"{erasure.former_name} est effacé·e."
        if erasure.mentions:
            places = "\n".join(f"• {m.place} : « {m.excerpt} »" for m in erasure.mentions)
            message += f"\n\nSon nom figure encore dans ces textes, à revoir à la main :\n{places}"
        if held := still_holding_lines(self.database, erased_at):
            message += "\n\nCes sauvegardes antérieures la contiennent encore :\n" + "\n".join(f"• {line}" for line in held)
        messages.inform(self, "Personne effacée", message)

    def _update_buttons(self, *_args: object) -> None:
        person = self.current()
        self.export_button.setEnabled(person is not None)
        self.erase_button.setEnabled(person is not None and person.erased_on is None and not self.database.read_only)
