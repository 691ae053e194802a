"""Project holders (porteurs de projet): the list, the form, and "Convertir en adhérent"."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coorace_desktop.domain.accompaniment_rules import ProjectHolderDraft, project_holder_errors
from coorace_desktop.domain.departments import DEPARTMENTS, OCCITANIE
from coorace_desktop.domain.enums import ProjectHolderStatus
from coorace_desktop.domain.french import plural, plural_word
from coorace_desktop.services.accompaniment.project_holders import (
    ProjectHolderRow,
    convert_to_member,
    count_project_holders,
    create_project_holder,
    delete_project_holder,
    get_project_holder,
    project_holder_deletion_question,
    project_holder_page,
    update_project_holder,
)
from coorace_desktop.storage.database import Database
from coorace_desktop.ui.widgets import messages
from coorace_desktop.ui.widgets.app_state import Area, announce
from coorace_desktop.ui.widgets.errors import run_command
from coorace_desktop.ui.widgets.form_dialog import FormDialog
from coorace_desktop.ui.widgets.table_model import Column
from coorace_desktop.ui.widgets.table_tab import DataTable

COLUMNS = [
    Column("Nom", "name", lambda row: row.name),
    Column("Contact", "contact", lambda row: row.contact_name),
    Column("Projet", "project", lambda row: row.project),
    Column("Territoire", "territory", lambda row: row.territory),
    Column("Dép.", "department", lambda row: row.department),
    Column("Statut", "status", lambda row: row.status.label),
    Column("Adhérent", "organisation", lambda row: row.organisation),
    Column("Actions", "actions", lambda row: row.actions, numeric=True),
]
WIDTHS = (200, 140, 220, 150, 50, 110, 160, 60)


def department_choices(empty_text: str) -> list[tuple[str, str]]:
    """Occitanie first (where almost everything happens), then every other département."""
    others = [code for code in DEPARTMENTS if code not in OCCITANIE]
    return [(empty_text, "")] + [(f"{code} {DEPARTMENTS[code]}", code) for code in (*OCCITANIE, *others)]


def department_filter_choices() -> list[tuple[str, str | None]]:
    return [("Tous les départements", None)] + [(f"{code} {DEPARTMENTS[code]}", code) for code in OCCITANIE]


def department_combo() -> QComboBox:
    combo = QComboBox()
    for text, code in department_choices("—"):
        combo.addItem(text, code)
    return combo


class ProjectHolderDialog(FormDialog):

    announces = frozenset({Area.ACCOMPANIMENT})
    def __init__(self, database: Database, holder_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Modifier le porteur de projet" if holder_id else "Nouveau porteur de projet", parent)
        self.database = database
        self.holder_id = holder_id
        self.name_edit = self.add_field("name", "Nom", QLineEdit())
        self.contact_edit = self.add_field("contact_name", "Contact", QLineEdit(placeholderText="Prénom Nom"))
        self.email_edit = self.add_field("email", "E-mail", QLineEdit())
        self.phone_edit = self.add_field("phone", "Téléphone", QLineEdit())
        self.project_edit = self.add_field("project", "Projet", QLineEdit())
        self.territory_edit = self.add_field("territory", "Territoire", QLineEdit())
        self.department_combo = self.add_field("department", "Département", department_combo())
        # Filled before add_field() watches it: its first item would revalidate a half-built form.
        self.status_combo = QComboBox()
        for status in ProjectHolderStatus:
            if status != ProjectHolderStatus.CONVERTED:
                self.status_combo.addItem(status.label, status)
        self.add_field("status", "Statut", self.status_combo)
        self.notes_edit = self.add_field("notes", "Notes", QPlainTextEdit(tabChangesFocus=True))
        self.notes_edit.setFixedHeight(70)
        self.resize(520, self.sizeHint().height())
        if holder_id is not None:
            self._load(get_project_holder(database, holder_id))

    def _load(self, draft: ProjectHolderDraft) -> None:
        for edit, value in ((self.name_edit, draft.name), (self.contact_edit, draft.contact_name),
                            (self.email_edit, draft.email), (self.phone_edit, draft.phone),
                            (self.project_edit, draft.project), (self.territory_edit, draft.territory)):
            edit.setText(value)
        self.department_combo.setCurrentIndex(max(self.department_combo.findData(draft.department), 0))
        if draft.status == ProjectHolderStatus.CONVERTED:
            self.status_combo.addItem(draft.status.label, draft.status)
            self.status_combo.setEnabled(False)
        self.status_combo.setCurrentIndex(max(self.status_combo.findData(draft.status), 0))
        self.notes_edit.setPlainText(draft.notes)

    def values(self) -> ProjectHolderDraft:
        return ProjectHolderDraft(
            name=self.name_edit.text(), contact_name=self.contact_edit.text(), email=self.email_edit.text(),
            phone=self.phone_edit.text(), project=self.project_edit.text(), territory=self.territory_edit.text(),
            department=self.department_combo.currentData() or "", status=self.status_combo.currentData(),
            notes=self.notes_edit.toPlainText(),
        )

    def validate(self, draft: ProjectHolderDraft) -> dict[str, str]:
        return project_holder_errors(draft)

    def save(self, draft: ProjectHolderDraft) -> int:
        if self.holder_id is None:
            return create_project_holder(self.database, draft)
        update_project_holder(self.database, self.holder_id, draft)
        return self.holder_id


class ProjectHoldersView(QWidget):
    changed = Signal()

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.table = DataTable(
            COLUMNS,
            lambda query: count_project_holders(database, query),
            lambda query, offset, limit: project_holder_page(database, query, offset, limit),
            noun=("porteur de projet", "porteurs de projet"),
            empty_text='Aucun porteur de projet : « Nouveau porteur de projet… ».',
            search_placeholder="Rechercher un porteur de projet…",
            settings_key="accompaniment_holders",
        )
        self.table.add_filter("status", "Statut", [("Tous les statuts", None)] + [(s.label, s.value) for s in ProjectHolderStatus])
        self.table.add_filter("department", "Département", department_filter_choices())
        self.table.new_button.setText("&Nouveau porteur de projet…")
        self.convert_button = QPushButton("Convertir en &adhérent…")
        self.convert_button.setToolTip("Crée l'adhérent ; les actions passées restent dans son historique.")
        self.table.add_button(self.convert_button, writes=True)
        for column, width in enumerate(WIDTHS):
            self.table.view.setColumnWidth(column, width)
        self.table.view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.view.horizontalHeader().setStretchLastSection(False)
        self.table.set_delete(lambda row: project_holder_deletion_question(database, row.id),
                              lambda row: delete_project_holder(database, row.id), announces=Area.ACCOMPANIMENT)
        self.table.new_requested.connect(lambda: self._open(ProjectHolderDialog(database, parent=self)))
        self.table.edit_requested.connect(lambda row: self._open(ProjectHolderDialog(database, row.id, parent=self)))
        self.table.changed.connect(self.changed)
        self.convert_button.clicked.connect(self.convert_current)
        self.convert_button.setEnabled(False)
        self.table.view.selectionModel().selectionChanged.connect(self._update_convert_button)
        self.table.model.modelReset.connect(self._update_convert_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)

    def _update_convert_button(self, *_args) -> None:
        row = self.table.current_row()
        self.convert_button.setEnabled(row is not None and row.status != ProjectHolderStatus.CONVERTED)

    def _open(self, dialog: ProjectHolderDialog) -> None:
        if dialog.exec():
            self.table.reload(dialog.result_value)

    def convert_current(self) -> None:
        row: ProjectHolderRow | None = self.table.current_row()
        if row is None:
            return
        question = f"Créer l'adhérent « {row.name} » à partir de ce porteur de projet ?"
        if row.actions:
            question += (f"\n\n{plural(row.actions, 'action', 'actions')} d'accompagnement "
                         f"{plural_word(row.actions, 'reste enregistrée et apparaît', 'restent enregistrées et apparaissent')} "
                         "dans l'historique de l'adhérent.")
        if not messages.ask(self, "Convertir en adhérent", question):
            return
        ok, _ = run_command(self, convert_to_member, self.database, row.id)
        if ok:
            self.table.reload(row.id)
            announce(self, {Area.MEMBERS, Area.ACCOMPANIMENT})
