"""The Adhérents tab: the organisations table (search, filters and sort in SQL) and its dialog,
and its pages Cotisations and « Référentiel SIAE » (each built when first shown).

The tab shown first at start: its module imports what the table needs; the dialog and the
commands (which load the other areas' tables, ~120 ms) are imported on the first edit or delete."""

from datetime import date

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QPushButton, QTabWidget, QVBoxLayout, QWidget

from coorace_desktop.domain.departments import department_label
from coorace_desktop.domain.enums import FeeStatus, MembershipStatus, SiaeType
from coorace_desktop.domain.members import OrganisationDraft
from coorace_desktop.domain.periods import period_text
from coorace_desktop.services.exporting.members import MEMBERS_EXPORT
from coorace_desktop.services.fees.fee_list import OWED, OWED_FEES, STATUS, YEAR, fee_years
from coorace_desktop.services.members.organisation_list import (
    DEPARTMENT_FILTER,
    FEE_YEAR_FILTER,
    MEMBER_DURING_FILTER,
    STATUS_FILTER,
    TYPE_FILTER,
    MemberRow,
    count_members,
    list_members,
    member_departments,
)
from coorace_desktop.storage.database import Database
from coorace_desktop.ui.members.letters_menu import LettersMenu
from coorace_desktop.ui.widgets.app_state import OPEN_RECORD, Area, is_read_only
from coorace_desktop.ui.widgets.errors import run_command
from coorace_desktop.ui.widgets.formats import display
from coorace_desktop.ui.widgets.table_model import Column
from coorace_desktop.ui.widgets.table_tab import DataTable, refill_combo

COLUMN_WIDTHS = (260, 90, 70, 175, 115, 230, 120, 120)


def fee_text(row: MemberRow) -> str:
    if row.fee_status == FeeStatus.PAID and row.fee_paid_on:
        return f"Payée le {display(row.fee_paid_on)}"
    return row.fee_status.label


def fee_column(fee_year: int) -> Column:
    return Column(f"Cotisation {fee_year}", "fee", fee_text)


def member_columns(fee_year: int) -> list[Column]:
    return [
        Column("Nom", "name", lambda row: row.name),
        Column("Types", "types", lambda row: row.types_text),
        Column("Dépt", "departments", lambda row: row.departments_text),
        Column("Ville", "city", lambda row: row.city),
        Column("Téléphone", "phone", lambda row: row.phone),
        Column("E-mail", "email", lambda row: row.email),
        Column("Adhérent depuis", "member_since", lambda row: row.member_since_shown),
        Column("Statut", "status", lambda row: row.status.label),
        fee_column(fee_year),
    ]


class MembersTab(QWidget):
    """Organisations: create, edit (Enter, double-click), delete (Del) and find them."""

    title = "Adhérents"
    reads = frozenset({Area.MEMBERS})
    status_changed = Signal()

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self._settings: QSettings | None = None
        self.table = DataTable(
            member_columns(date.today().year),
            lambda query: count_members(database, query),
            lambda query, offset, limit: list_members(database, query, offset, limit),
            noun=("structure", "structures"),
            empty_text='Aucun adhérent : Nouveau… ou Fichier > Importer un tableur… (Ctrl+I).',
            search_placeholder="Rechercher un nom, une ville, un e-mail, un contact… (Ctrl+F)",
            settings_key="members",
            # The same columns and headings as `coorace-desktop export members`.
            export_columns=MEMBERS_EXPORT.columns,
        )
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.view.setColumnWidth(column, width)
        self.type_filter = self.table.add_filter(
            TYPE_FILTER, "Conventionnement", [("Tous les types", None)] + [(t.label, t.value) for t in SiaeType]
        )
        self.department_filter = self.table.add_filter(DEPARTMENT_FILTER, "Département", self._department_choices())
        self.status_filter = self.table.add_filter(
            STATUS_FILTER, "Statut", [("Tous les statuts", None)] + [(s.label, s.value) for s in MembershipStatus]
        )
        # The fee column shows the status of the year chosen here.
        self.fee_year_filter = self.table.add_filter(FEE_YEAR_FILTER, "Cotisation de l'année", self._fee_year_choices())
        self.fee_year_filter.currentIndexChanged.connect(self._show_fee_year)
        self.table.set_delete(
            lambda row: _commands().deletion_question(database, row.id),
            lambda row: _commands().delete_organisation(database, row.id),
            announces=Area.MEMBERS,
        )
        self.table.new_requested.connect(self.create)
        self.table.edit_requested.connect(lambda row: self.open_organisation(row.id))
        self.table.changed.connect(self.status_changed)
        self.letters_menu = LettersMenu(database, self.selected_ids, self)
        self.letters_button = QPushButton("C&ourriers")
        self.letters_button.setToolTip("Courriers, e-mails, adresses et étiquettes des structures sélectionnées")
        self.letters_button.setMenu(self.letters_menu)
        self.table.add_button(self.letters_button)
        self.table.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.view.customContextMenuRequested.connect(
            lambda point: self.letters_menu.exec(self.table.view.viewport().mapToGlobal(point))
        )
        # The other pages are built when first shown, each into its holder.
        self.fees_view = self.reference_page = None
        self.fees_holder, self.reference_holder = _holder(), _holder()
        self.pages = QTabWidget(documentMode=True)
        # The tab opens on its table's search box, not on the page tabs (Ctrl+Tab turns the page).
        self.pages.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pages.addTab(self.table, "Structures")
        self.pages.addTab(self.fees_holder, "Cotisations")
        self.pages.addTab(self.reference_holder, "Référentiel SIAE")
        self.pages.currentChanged.connect(self._page_shown)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    def _page_shown(self, index: int) -> None:
        page = self.pages.widget(index)
        if page is self.fees_holder:
            self.show_fees()
        elif page is self.reference_holder:
            self.show_reference()
        self.status_changed.emit()

    def show_fees(self) -> "QWidget":
        """The Cotisations page, shown (built if need be)."""
        if self.fees_view is None:
            from coorace_desktop.ui.members.fees_view import FeesView

            self.fees_view = FeesView(self.database)
            self.fees_view.table.set_read_only(self.table.read_only)
            self.fees_view.changed.connect(self.status_changed)
            self._install_page(self.fees_view, self.fees_holder)
        self.pages.setCurrentWidget(self.fees_holder)
        return self.fees_view

    def show_reference(self) -> "QWidget":
        """The « Référentiel SIAE » page, shown (built if need be: it reads the whole reference)."""
        if self.reference_page is None:
            from coorace_desktop.ui.members.reference_page import ReferencePage

            self.reference_page = ReferencePage(self.database)
            self.reference_page.set_read_only(is_read_only(self))
            self.reference_page.changed.connect(self.refresh_list)
            self.reference_page.open_requested.connect(self.open_organisation)
            self._install_page(self.reference_page, self.reference_holder)
        self.pages.setCurrentWidget(self.reference_holder)
        return self.reference_page

    def _install_page(self, page: QWidget, holder: QWidget) -> None:
        holder.layout().addWidget(page)
        if self._settings is not None:
            page.restore_state(self._settings)

    def _fee_year_choices(self) -> list[tuple[str, object]]:
        return [(f"Cotisation {year}", year) for year in fee_years(self.database)]

    def _show_fee_year(self) -> None:
        model = self.table.model
        model.columns[-1] = fee_column(int(self.fee_year_filter.currentData()))
        model.headerDataChanged.emit(Qt.Orientation.Horizontal, len(model.columns) - 1, len(model.columns) - 1)

    def _department_choices(self) -> list[tuple[str, object]]:
        return [("Tous les départements", None)] + [(department_label(code), code) for code in member_departments(self.database)]

    # -- actions
    def selected_ids(self) -> list[int]:
        """The organisations of the rows selected, in the table's order."""
        rows = sorted(index.row() for index in self.table.view.selectionModel().selectedRows())
        return [self.table.model.row_at(row).id for row in rows]

    def create(self) -> None:
        self._open(None)

    def open_organisation(self, organisation_id: int) -> None:
        ok, draft = run_command(self, _commands().get_organisation, self.database, organisation_id)
        if ok:
            self._open(draft)
        else:
            self.table.reload()

    def _open(self, draft: OrganisationDraft | None) -> None:
        from coorace_desktop.ui.members.organisation_dialog import OrganisationDialog

        dialog = OrganisationDialog(self.database, draft, self)
        if dialog.exec():
            self.refresh(select_id=dialog.result_value)
        dialog.deleteLater()

    def refresh_list(self, select_id: int | None = None) -> None:
        # A new site may bring a new département into the filter.
        refill_combo(self.department_filter, self._department_choices())
        refill_combo(self.fee_year_filter, self._fee_year_choices())
        self.table.reload(select_id=select_id)

    def refresh(self, select_id: int | None = None) -> None:
        self.refresh_list(select_id)
        for page in (self.fees_view, self.reference_page):
            if page is not None:
                page.refresh()

    # -- main window
    def show_filtered(self, filters: dict[str, object]) -> None:
        """Another tab's click-through: {OPEN_RECORD: id} opens that organisation; {OWED_FEES: year}
        the Cotisations page of that year on what is owed; else the members of those filters (a
        dashboard bar: a type or département and the period's members, the period shown as a
        button that removes it)."""
        if filters.get(OPEN_RECORD) is not None:
            self.open_organisation(filters[OPEN_RECORD])
            return
        if (year := filters.get(OWED_FEES)) is not None:
            self.show_fees().table.show_filtered({YEAR: year, STATUS: OWED})
            return
        chips = {}
        if (period := filters.get(MEMBER_DURING_FILTER)) is not None:
            text = period_text(*period)
            chips[MEMBER_DURING_FILTER] = f"Adhérents {'en ' if text.isdigit() else ''}{text}"
        self.table.show_filtered(filters, chips)

    def status_text(self) -> str:
        page = self.pages.currentWidget()
        if page is self.fees_holder and self.fees_view is not None:
            return self.fees_view.table.status_text()
        if page is self.reference_holder and self.reference_page is not None:
            return self.reference_page.tables.currentWidget().status_text()
        return self.table.status_text()

    def save_state(self, settings: QSettings) -> None:
        self.table.save_state(settings)
        for page in (self.fees_view, self.reference_page):
            if page is not None:
                page.save_state(settings)

    def restore_state(self, settings: QSettings) -> None:
        self._settings = settings
        self.table.restore_state(settings)


def _holder() -> QWidget:
    """An empty page that a page built later fills."""
    holder = QWidget()
    QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
    return holder


def _commands():
    """The organisation commands' module, imported on first use."""
    from coorace_desktop.services.members import organisations

    return organisations
