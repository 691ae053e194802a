"""The Governance tab's other pages: general assemblies (and the board each elected), the staff,
and the delegation's profile."""

from datetime import date

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from coorace_desktop.domain.governance_drafts import period_errors
from coorace_desktop.services.governance.composition import StaffPost, delegation_profile
from coorace_desktop.services.governance.lists import (
    ASSEMBLY,
    ON,
    AssemblyRow,
    assembly_page,
    count_assemblies,
    count_seats,
    count_staff,
    seat_page,
    staff_page,
)
from coorace_desktop.services.governance.records import (
    assembly_deletion_question,
    delete_assembly,
    delete_staff_post,
    end_staff_post,
    get_assembly,
    staff_deletion_question,
)
from coorace_desktop.storage.database import Database
from coorace_desktop.ui.governance.delegation_profile_dialog import DelegationProfileDialog, profile_html
from coorace_desktop.ui.governance.dialogs import AssemblyDialog, StaffDialog
from coorace_desktop.ui.governance.election_dialog import ElectionDialog
from coorace_desktop.ui.widgets.app_state import Area
from coorace_desktop.ui.widgets.dates import DateDialog
from coorace_desktop.ui.widgets.errors import run_command
from coorace_desktop.ui.widgets.table_model import Column
from coorace_desktop.ui.widgets.table_tab import DataTable

ASSEMBLY_COLUMNS = [
    Column("Date", "held_on", lambda row: row.held_on),
    Column("Nature", "kind", lambda row: row.kind_label),
    Column("Lieu", "place", lambda row: row.place),
    Column("Élus", None, lambda row: row.elected, numeric=True),
    Column("Notes", None, lambda row: row.notes),
]
ELECTED_COLUMNS = [
    Column("Adhérent", "organisation", lambda seat: seat.organisation_name),
    Column("Dépt", "department", lambda seat: seat.department),
    Column("Représentant·e", "person", lambda seat: seat.person_name),
    Column("Début", "start", lambda seat: seat.start_on),
    Column("Fin", "end", lambda seat: seat.end_on),
    Column("Motif de fin", None, lambda seat: seat.end_reason),
]
STAFF_COLUMNS = [
    Column("Nom", "person", lambda post: post.person_name),
    Column("Poste", "job", lambda post: post.job_title),
    Column("Site", None, lambda post: post.site_name),
    Column("Début", "start", lambda post: post.start_on),
    Column("Fin", "end", lambda post: post.end_on),
]
STAFF_WIDTHS = (190, 420, 200, 90)
ELECTED_WIDTHS = (175, 42, 205, 80, 80)


def _period_errors(start: date | None):
    """A DateDialog validator: the date chosen is not before `start`."""
    return lambda end: period_errors(start, end, "date")


def _set_widths(table: DataTable, widths: tuple[int, ...]) -> None:
    for column, width in enumerate(widths):
        table.view.setColumnWidth(column, width)


class AssembliesPage(QWidget):
    """The assemblies, newest first, and below them the mandates the selected one elected."""

    status_changed = Signal()
    data_changed = Signal()

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.table = DataTable(
            ASSEMBLY_COLUMNS,
            lambda query: count_assemblies(database, query),
            lambda query, offset, limit: assembly_page(database, query, offset, limit),
            noun=("assemblée générale", "assemblées générales"),
            empty_text='Aucune assemblée générale : Nouveau… pour la première.',
            settings_key="governance_assemblies",
        )
        self.table.search_edit.hide()  # a handful of rows, one a year
        self.table.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.set_delete(lambda row: assembly_deletion_question(database, row.id), lambda row: delete_assembly(database, row.id),
                              announces=Area.GOVERNANCE)
        self.elect_button = QPushButton("Élire un conseil à cette AG…")
        self.table.add_button(self.elect_button, writes=True)
        self.elected = DataTable(
            ELECTED_COLUMNS,
            lambda query: count_seats(database, query) if query.filter(ASSEMBLY) else 0,
            lambda query, offset, limit: seat_page(database, query, offset, limit) if query.filter(ASSEMBLY) else [],
            noun=("élu·e", "élu·es"),
            empty_text="Personne n'a été élu à cette assemblée : « Élire un conseil… ».",
            search_placeholder="Rechercher un élu ou un adhérent…",
            settings_key="governance_elected",
        )
        for button in (self.elected.new_button, self.elected.edit_button, self.elected.delete_button):
            button.hide()
        _set_widths(self.elected, ELECTED_WIDTHS)
        self.elected_title = QLabel()
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.elected_title)
        lower_layout.addWidget(self.elected)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.table.new_requested.connect(self.new_assembly)
        self.table.edit_requested.connect(self.edit_assembly)
        self.table.changed.connect(self.status_changed)
        self.elect_button.clicked.connect(self.elect)
        self.table.view.selectionModel().selectionChanged.connect(self._follow_selection)
        self._follow_selection()

    def reload(self) -> None:
        selected = self.table.current_row()
        self.table.reload(selected.id if selected else None)
        self.elected.reload()

    def new_assembly(self) -> None:
        dialog = AssemblyDialog(self.database, parent=self)
        if dialog.exec():
            self.table.reload(dialog.result_value)

    def edit_assembly(self, row: AssemblyRow) -> None:
        ok, draft = run_command(self, get_assembly, self.database, row.id)
        if ok and AssemblyDialog(self.database, draft, parent=self).exec():
            self.table.reload(row.id)

    def elect(self) -> None:
        row = self.table.current_row()
        dialog = ElectionDialog(self.database, row.id if row else None, parent=self)
        if dialog.exec():
            self.table.reload(row.id if row else None)
            self._follow_selection()
            self.data_changed.emit()

    def _follow_selection(self, *_args: object) -> None:
        row = self.table.current_row()
        self.elect_button.setEnabled(row is not None)
        self.elected.model.set_filter(ASSEMBLY, row.id if row else None)
        self.elected_title.setText(
            f"<b>Conseil élu lors de l'AG du {row.held_on:%d/%m/%Y}</b> (mandats en cours ou terminés)"
            if row else "<b>Conseil élu</b> : sélectionnez une assemblée générale."
        )

    def save_state(self, settings: QSettings) -> None:
        self.table.save_state(settings)
        self.elected.save_state(settings)

    def restore_state(self, settings: QSettings) -> None:
        self.table.restore_state(settings)
        self.elected.restore_state(settings)


class StaffPage(QWidget):
    """The delegation's team: posts in place today, or every post ever recorded."""

    status_changed = Signal()

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.table = DataTable(
            STAFF_COLUMNS,
            lambda query: count_staff(database, query),
            lambda query, offset, limit: staff_page(database, query, offset, limit),
            noun=("poste", "postes"),
            empty_text="Aucun poste salarié : Nouveau… pour l'équipe de la délégation.",
            search_placeholder="Rechercher un nom…",
            settings_key="governance_staff",
        )
        self.table.model.set_filter(ON, date.today())
        _set_widths(self.table, STAFF_WIDTHS)
        self.table.add_filter(ON, "Postes", [("Postes en cours", date.today()), ("Tous les postes, anciens compris", None)])
        self.end_button = QPushButton("&Fin de poste…")
        self.table.add_button(self.end_button, writes=True)
        self.table.set_delete(lambda post: staff_deletion_question(database, post.id), lambda post: delete_staff_post(database, post.id),
                              announces=Area.GOVERNANCE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self.table.new_requested.connect(self.new_post)
        self.table.edit_requested.connect(self.edit_post)
        self.end_button.clicked.connect(self.end_post)
        self.table.changed.connect(self.status_changed)
        self.table.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    def reload(self) -> None:
        self.table.reload()

    def new_post(self) -> None:
        dialog = StaffDialog(self.database, parent=self)
        if dialog.exec():
            self.table.reload(dialog.result_value)

    def edit_post(self, post: StaffPost) -> None:
        if StaffDialog(self.database, post, parent=self).exec():
            self.table.reload(post.id)

    def end_post(self) -> None:
        post = self.table.current_row()
        if post is None:
            return
        dialog = DateDialog(
            "Fin de poste",
            f"{post.person_name} quitte le poste « {post.job_title} ». Le poste reste dans l'historique de l'équipe.",
            "Fin le",
            date.today(),
            lambda end: end_staff_post(self.database, post.id, end),
            _period_errors(post.start_on),
            parent=self,
            announces=frozenset({Area.GOVERNANCE}),
        )
        if dialog.exec():
            self.table.reload(post.id)

    def _update_buttons(self, *_args: object) -> None:
        post = self.table.current_row()
        self.end_button.setEnabled(post is not None and post.end_on is None)


class ProfilePage(QWidget):
    """The delegation's name, summary, sites and missions, edited in one dialog."""

    status_changed = Signal()

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.profile_label = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.profile_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.edit_button = QPushButton("&Modifier le profil…")
        self.edit_button.clicked.connect(self.edit)
        self.edit_button.setVisible(not database.read_only)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.profile_label, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.profile_label.setText(profile_html(delegation_profile(self.database)))

    def edit(self) -> None:
        if DelegationProfileDialog(self.database, delegation_profile(self.database), parent=self).exec():
            self.reload()
