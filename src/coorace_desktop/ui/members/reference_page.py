"""« Référentiel SIAE », a page of the Adhérents tab: import the national reference the office
downloaded, confirm the members it finds (the SIRET is then stored on the member), take over a
field it gives otherwise (« Reprendre », asked first: nothing is overwritten silently), and list
the region's SIAE that are not in the database (« Créer l'adhérent »)."""

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from coorace_desktop.domain.departments import department_label
from coorace_desktop.domain.french import plural
from coorace_desktop.domain.reference import REFERENCE_TYPES
from coorace_desktop.services.reference import commands
from coorace_desktop.services.reference.lists import (
    DEPARTMENT_FILTER,
    FIELD_FILTER,
    PROSPECT_COLUMNS,
    STATE_FILTER,
    TYPE_FILTER,
    differences_list,
    matches_list,
    prospects_list,
)
from coorace_desktop.services.reference.matching import (
    REGION,
    DifferenceField,
    MatchState,
    ReferenceOverview,
    reference_overview,
)
from coorace_desktop.services.reference.store import import_reference
from coorace_desktop.storage.database import Database
from coorace_desktop.ui.widgets import messages
from coorace_desktop.ui.widgets.app_state import Area, announce
from coorace_desktop.ui.widgets.errors import run_command
from coorace_desktop.ui.widgets.table_model import Column
from coorace_desktop.ui.widgets.table_tab import DataTable
from coorace_desktop.ui.widgets.worker import run_in_background

FILES = "Référentiel SIAE (*.json *.csv);;Tous les fichiers (*)"
NO_REFERENCE = (
    "Aucun référentiel importé. Téléchargez les structures de data·inclusion (data.gouv.fr, JSON ou CSV) ou les pages "
    "de l'API des emplois de l'inclusion, puis « Importer un fichier… » : le fichier est lu sur ce poste, sans réseau."
)

EMPTY_TEXTS = (
    "Aucun adhérent à rapprocher.",
    "Aucune différence entre les adhérents et le référentiel.",
    "Aucune SIAE de la région hors des adhérents.",
)


def _entry_text(match) -> str:
    return match.entry.name if match.entry else ""


MATCH_COLUMNS = [
    Column("Adhérent", "name", lambda m: m.name),
    Column("Rapprochement", "state", lambda m: m.state.label),
    Column("Indice", "evidence", lambda m: m.evidence),
    Column("SIAE du référentiel", "entry", _entry_text),
    Column("SIRET", "siret", lambda m: m.entry.siret if m.entry else m.siret),
    Column("Adresse au référentiel", None, lambda m: m.entry.place if m.entry else ""),
]
DIFFERENCE_COLUMNS = [
    Column("Adhérent", "member", lambda d: d.member),
    Column("Champ", "field", lambda d: d.field.label),
    Column("Dans la base", "current", lambda d: d.current),
    Column("Dans le référentiel", "reference", lambda d: d.reference),
]
PROSPECT_TABLE_COLUMNS = [
    Column("Nom", "name", lambda e: e.name),
    Column("Types", "types", lambda e: e.types_text),
    Column("Dépt", "department", lambda e: e.department),
    Column("Ville", "city", lambda e: e.city),
    Column("Téléphone", "phone", lambda e: e.phone),
    Column("E-mail", "email", lambda e: e.email),
    Column("SIRET", "siret", lambda e: e.siret),
]


def _table(columns, widths, stretch, listed, noun, settings_key, empty_text, export_columns=None) -> DataTable:
    table = DataTable(
        columns, listed.count, listed.page, noun=noun, settings_key=settings_key, empty_text=empty_text,
        export_columns=export_columns, search_placeholder="Rechercher un nom, une ville, un SIRET… (Ctrl+F)",
    )
    table.set_column_widths(widths, stretch=stretch)
    for button in (table.new_button, table.delete_button):
        button.hide()
    table.edit_button.setText("&Ouvrir l'adhérent…")
    return table


class ReferencePage(QWidget):
    """The reference against the members; `changed` after a member was changed here, and
    `open_requested(organisation_id)` for the members tab to open its dialog."""

    changed = Signal()
    open_requested = Signal(int)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.overview = ReferenceOverview()
        self.status_label = QLabel(wordWrap=True, textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        self.import_button = QPushButton("&Importer un fichier…")
        self.import_button.setToolTip("Structures de data·inclusion (.json, .csv) ou pages de l'API des emplois de l'inclusion (.json)")
        self.import_button.clicked.connect(self.choose_files)

        current = lambda: self.overview  # noqa: E731 (the tables read the overview of the last refresh)
        self.matches_table = _table(MATCH_COLUMNS, (200, 130, 190, 200, 125, 260), (0, 3), matches_list(current), ("adhérent", "adhérents"), "reference_matches",
                                    EMPTY_TEXTS[0])
        self.state_filter = self.matches_table.add_filter(
            STATE_FILTER, "Rapprochement", [("Tous les rapprochements", None)] + [(state.label, state.value) for state in MatchState]
        )
        self.confirm_button = QPushButton("&Confirmer le rapprochement")
        self.confirm_button.setToolTip("Enregistre sur l'adhérent le SIRET de la SIAE du référentiel")
        self.confirm_button.clicked.connect(self.confirm_current)
        self.matches_table.add_button(self.confirm_button, writes=True)

        self.differences_table = _table(DIFFERENCE_COLUMNS, (220, 90, 300, 300), (2, 3), differences_list(current), ("différence", "différences"),
                                        "reference_differences", EMPTY_TEXTS[1])
        self.field_filter = self.differences_table.add_filter(
            FIELD_FILTER, "Champ", [("Tous les champs", None)] + [(field.label, field.value) for field in DifferenceField]
        )
        self.take_over_button = QPushButton("&Reprendre")
        self.take_over_button.setToolTip("Remplace ce champ de l'adhérent par celui du référentiel, après confirmation")
        self.take_over_button.clicked.connect(self.take_over_current)
        self.differences_table.add_button(self.take_over_button, writes=True)

        self.prospects_table = _table(PROSPECT_TABLE_COLUMNS, (260, 80, 50, 160, 115, 220, 125), (0,), prospects_list(current), ("SIAE", "SIAE"), "reference_prospects",
                                      EMPTY_TEXTS[2], PROSPECT_COLUMNS)
        self.prospects_table.edit_button.hide()
        self.type_filter = self.prospects_table.add_filter(
            TYPE_FILTER, "Type", [("Tous les types", None)] + [(kind, kind) for kind in REFERENCE_TYPES]
        )
        self.department_filter = self.prospects_table.add_filter(
            DEPARTMENT_FILTER, "Département", [("Tous les départements", None)] + [(department_label(code), code) for code in REGION]
        )
        self.create_button = QPushButton("Créer l'&adhérent…")
        self.create_button.clicked.connect(self.create_current)
        self.prospects_table.add_button(self.create_button, writes=True)

        for table in (self.matches_table, self.differences_table):
            table.edit_requested.connect(lambda row: self.open_requested.emit(getattr(row, "organisation_id", row.id)))
        self.prospects_table.edit_requested.connect(lambda _row: self.create_current())
        self.matches_table.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.matches_table.model.modelReset.connect(self._update_buttons)

        self.tables = QTabWidget()
        self.tables.addTab(self.matches_table, "Rapprochements")
        self.tables.addTab(self.differences_table, "Différences")
        self.tables.addTab(self.prospects_table, "SIAE non adhérentes")
        top = QHBoxLayout()
        top.addWidget(self.status_label, 1)
        top.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tables, 1)
        self.refresh()

    # -- reading
    def refresh(self) -> None:
        ok, overview = run_command(self, reference_overview, self.database)
        self.overview = overview if ok else ReferenceOverview()
        for table, empty_text in zip(self.tables_shown(), EMPTY_TEXTS, strict=True):
            table.empty_text = empty_text if self.overview.status else "Aucun référentiel importé : « Importer un fichier… »."
            table.reload()
        status = self.overview.status
        if status is None:
            self.status_label.setText(NO_REFERENCE)
        else:
            found = self.overview.count(MatchState.CONFIRMED) + self.overview.count(MatchState.TO_CONFIRM)
            self.status_label.setText(
                f"{status.summary()}\n{plural(found, 'adhérent retrouvé', 'adhérents retrouvés')} "
                f"(dont {self.overview.count(MatchState.TO_CONFIRM)} à confirmer), "
                f"{plural(self.overview.count(MatchState.ABSENT), 'absent', 'absents')} du référentiel."
            )
        counts = (len(self.overview.matches), len(self.overview.differences), len(self.overview.prospects))
        for index, (title, count) in enumerate(zip(("Rapprochements", "Différences", "SIAE non adhérentes"), counts, strict=True)):
            self.tables.setTabText(index, f"{title} ({count})")
        self._update_buttons()

    def set_read_only(self, read_only: bool) -> None:
        """A database opened read-only: the lists show, nothing can be imported, confirmed or taken over."""
        self.import_button.setEnabled(not read_only)
        for table in self.tables_shown():
            table.set_read_only(read_only)

    def tables_shown(self) -> tuple[DataTable, DataTable, DataTable]:
        return self.matches_table, self.differences_table, self.prospects_table

    def save_state(self, settings: QSettings) -> None:
        for table in self.tables_shown():
            table.save_state(settings)

    def restore_state(self, settings: QSettings) -> None:
        for table in self.tables_shown():
            table.restore_state(settings)

    def _update_buttons(self) -> None:
        match = self.matches_table.current_row()
        self.confirm_button.setEnabled(match is not None and match.state == MatchState.TO_CONFIRM)

    # -- import
    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Importer le référentiel SIAE", str(Path.home()), FILES)
        if names:
            self.import_files([Path(name) for name in names])

    def import_files(self, paths: list[Path]) -> None:
        def done(status) -> None:
            self.refresh()
            messages.inform(self, "Référentiel importé", status.summary())

        run_in_background(self, "Import du référentiel SIAE…", lambda progress: import_reference(self.database, paths, progress), done)

    # -- acting on a row
    def confirm_current(self) -> None:
        match = self.matches_table.current_row()
        if match is None or match.state != MatchState.TO_CONFIRM:
            return
        entry = match.entry
        question = (f"« {match.name} » est-il « {entry.name} » ({entry.place}) ?\n\nIndice : {match.evidence}.\n\n"
                    f"Le SIRET {entry.siret} sera enregistré sur l'adhérent.")
        if messages.ask(self, "Confirmer le rapprochement", question):
            self._changed(commands.confirm_match, match.id, entry.id)

    def take_over_current(self) -> None:
        difference = self.differences_table.current_row()
        if difference is None:
            return
        if difference.field == DifferenceField.TYPES:
            verb = f"Ajouter à « {difference.member} » les types du référentiel"
        else:
            verb = f"Remplacer : {difference.field.label.lower()} de « {difference.member} »"
        question = (f"{verb} ?\n\nDans la base : {difference.current or '(vide)'}\n"
                    f"Dans le référentiel : {difference.reference}")
        if messages.ask(self, "Reprendre du référentiel", question):
            self._changed(commands.take_over, difference.organisation_id, difference.entry_id, difference.field)

    def create_current(self) -> None:
        entry = self.prospects_table.current_row()
        if entry is None or self.prospects_table.read_only:
            return
        question = (f"Créer l'adhérent « {entry.name} » ({entry.types_text}, {entry.place}, SIRET {entry.siret}) ?\n\n"
                    "Il sera adhérent à partir d'aujourd'hui ; sa fiche reprend les données du référentiel.")
        if messages.ask(self, "Créer l'adhérent", question):
            self._changed(commands.create_member, entry.id)

    def _changed(self, command, *args) -> None:
        ok, _ = run_command(self, command, self.database, *args)
        self.refresh()  # the reference may have been re-imported meanwhile: shown as it is now
        if ok:
            announce(self, {Area.MEMBERS})
            self.changed.emit()
