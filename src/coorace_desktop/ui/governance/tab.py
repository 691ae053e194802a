"""The Gouvernance tab: the board on any date ("Composition au …") with its bureau and national
representatives, the general assemblies, the staff, and the delegation's profile."""

from datetime import date

from PySide6.QtCore import QDate, QSettings, Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QCheckBox, QGroupBox, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from coorace_desktop.domain.governance_drafts import period_errors
from coorace_desktop.services.governance.board import (
    delete_mandate,
    delete_office,
    end_national_seat,
    end_office,
    start_national_seat,
)
from coorace_desktop.services.governance.composition import BoardSeat, BureauSeat, board_composition
from coorace_desktop.services.governance.lists import ENDS_SOON, ON, bureau_rows, count_seats, seat_page
from coorace_desktop.storage.database import Database
from coorace_desktop.ui.governance.dialogs import EndMandateDialog, OfficeDialog
from coorace_desktop.ui.governance.election_dialog import ElectionDialog
from coorace_desktop.ui.governance.pages import AssembliesPage, ProfilePage, StaffPage
from coorace_desktop.ui.widgets.app_state import Area
from coorace_desktop.ui.widgets.dates import DateDialog, date_edit
from coorace_desktop.ui.widgets.formats import display
from coorace_desktop.ui.widgets.screen_fit import ResponsiveSplitter
from coorace_desktop.ui.widgets.table_model import Column
from coorace_desktop.ui.widgets.table_tab import DataTable

SEAT_COLUMNS = [
    Column("Adhérent", "organisation", lambda seat: seat.organisation_name),
    Column("Dépt", "department", lambda seat: seat.department),
    Column("Représentant·e", "person", lambda seat: seat.person_name),
    Column("Début", "start", lambda seat: seat.start_on),
    Column("Fin", "end", lambda seat: seat.end_on),
    Column("Bureau", None, lambda seat: ", ".join(seat.offices)),
    Column("National", None, lambda seat: "Oui" if seat.national else ""),
    Column("Alerte", None, lambda seat: "Fin < 3 mois" if seat.ends_soon else ""),
]
# Widths a first run starts with; the names share the spare width, the alert takes its text's.
SEAT_WIDTHS = (165, 42, 195, 80, 80, 115, 60)
SEAT_NAMES, SEAT_ALERT = (0, 2), 7
# Under this width the bureau and the national seats go below the board (1024x600 and 1280
# screens): beside it, they need the board's buttons (900 px) and their own (390 px).
BOARD_SIDE_BY_SIDE = 1300
# The organisation is in the board table beside: the bureau shows office and name only.
BUREAU_COLUMNS = [
    Column("Fonction", None, lambda office: office.role_label),
    Column("Nom", None, lambda office: office.person_name),
]


class BoardPage(QWidget):
    """The board on the chosen date, its bureau and its national representatives.

    `status_changed`: what the status bar says changed; `data_changed`: a command changed the board."""

    status_changed = Signal()
    data_changed = Signal()

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.date_edit = date_edit()
        self.date_edit.setAccessibleName("Composition au")
        self.today_button = QPushButton("Aujourd'hui")
        self.ends_soon_check = QCheckBox("Fin de mandat dans les 3 mois")
        self.seats = DataTable(
            SEAT_COLUMNS,
            lambda query: count_seats(database, query),
            lambda query, offset, limit: seat_page(database, query, offset, limit),
            noun=("administrateur·rice", "administrateur·rices"),
            empty_text='Aucun administrateur à cette date : « Élire un conseil… », ou une autre date.',
            search_placeholder="Rechercher un nom ou un adhérent…",
            settings_key="governance_board",
        )
        self.seats.model.set_filter(ON, self.on())
        self.seats.filter_notes = lambda: [f"Composition au {display(self.on())}"] + (
            [self.ends_soon_check.text()] if self.ends_soon_check.isChecked() else [])
        for widget in (QLabel("Composition au"), self.date_edit, self.today_button, self.ends_soon_check):
            self.seats.filters_layout.addWidget(widget)
        self.seats.set_column_widths(SEAT_WIDTHS, stretch=SEAT_NAMES, fit=(SEAT_ALERT,))
        self.seats.new_button.setText("&Élire un conseil…")
        self.seats.edit_button.setText("&Fin de mandat…")
        self.seats.delete_button.setToolTip("Suppr : seulement pour un mandat saisi par erreur")
        self.seats.set_delete(self._delete_question, self._delete_mandate, announces=Area.GOVERNANCE)
        self.office_button = QPushButton("Fonction au &bureau…")
        self.national_button = QPushButton("Représentation &nationale…")
        for button in (self.office_button, self.national_button):
            self.seats.add_button(button, writes=True)

        self.bureau = DataTable(
            BUREAU_COLUMNS,
            lambda query: len(bureau_rows(database, query)),
            lambda query, offset, limit: bureau_rows(database, query)[offset : offset + limit],
            noun=("fonction", "fonctions"),
            empty_text='Bureau vide à cette date : choisissez un administrateur, puis « Fonction au bureau… ».',
            settings_key="governance_bureau",
        )
        self.bureau.model.set_filter(ON, self.on())
        self.bureau.filter_notes = lambda: [f"Composition au {display(self.on())}"]
        self.bureau.search_edit.hide()  # six offices or so, in the bureau's order
        self.bureau.new_button.hide()
        self.bureau.count_label.hide()
        self.bureau.edit_button.setText("Fin de fonction…")
        # Here Edit ends a mandate or an office: a write, with no record to show on a read-only database.
        for table in (self.seats, self.bureau):
            table.edit_button.setVisible(not database.read_only)
        self.bureau.delete_button.setToolTip("Suppr : seulement pour une fonction saisie par erreur")
        self.bureau.set_delete(
            lambda office: f"Supprimer la fonction {office.role_label} de {office.person_name} ? À réserver à une saisie erronée.",
            self._delete_office,
            announces=Area.GOVERNANCE,
        )
        self.bureau.view.setSortingEnabled(False)  # the bureau's own order
        self.bureau.view.setColumnWidth(0, 120)
        self.national_label = QLabel(wordWrap=True)
        bureau_box = QGroupBox("Bureau")
        bureau_layout = QVBoxLayout(bureau_box)
        bureau_layout.addWidget(self.bureau, 1)
        national_box = QGroupBox("Représentants de la région au CA de la fédération nationale")
        QVBoxLayout(national_box).addWidget(self.national_label)
        side = QWidget()
        self.side_layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, side)
        self.side_layout.setContentsMargins(0, 0, 0, 0)
        self.side_layout.addWidget(bureau_box, 1)
        self.side_layout.addWidget(national_box)

        self.splitter = ResponsiveSplitter(self.seats, side, BOARD_SIDE_BY_SIDE)
        self.splitter.setSizes([900, 380])
        # Below the board, the bureau and the national seats sit side by side.
        self.splitter.arranged.connect(lambda orientation: self.side_layout.setDirection(
            QBoxLayout.Direction.TopToBottom if orientation == Qt.Orientation.Horizontal else QBoxLayout.Direction.LeftToRight))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.date_edit.dateChanged.connect(self._date_changed)
        self.today_button.clicked.connect(lambda: self.show_date(date.today()))
        self.ends_soon_check.toggled.connect(lambda checked: self.seats.model.set_filter(ENDS_SOON, checked or None))
        self.seats.new_requested.connect(self.elect)
        self.seats.edit_requested.connect(self.end_mandate)
        self.seats.changed.connect(self._refresh_side)
        self.office_button.clicked.connect(self.assign_office)
        self.national_button.clicked.connect(self.toggle_national)
        self.bureau.edit_requested.connect(self.end_office)
        self.bureau.changed.connect(self.status_changed)
        self.seats.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.seats.model.modelReset.connect(self._update_buttons)
        self._refresh_side()

    # -- the date shown
    def on(self) -> date:
        return self.date_edit.date().toPython()

    def show_date(self, day: date) -> None:
        self.date_edit.setDate(QDate(day))

    def _date_changed(self) -> None:
        self.seats.model.set_filter(ON, self.on())  # the side follows through seats.changed

    def reload(self) -> None:
        self.seats.reload()

    def _refresh_side(self) -> None:
        self.bureau.model.set_filter(ON, self.on())
        national = board_composition(self.database, self.on()).national
        self.national_label.setText(" et ".join(national) if national else "Aucun à cette date.")
        self._update_buttons()
        self.status_changed.emit()

    def status_text(self) -> str:
        seats, bureau = self.seats.model.rowCount(), self.bureau.model.rowCount()
        noun = "administrateur·rice" if seats == 1 else "administrateur·rices"
        return f"{seats} {noun} au {self.on():%d/%m/%Y}, bureau de {bureau}"

    # -- selection
    def current_seat(self) -> BoardSeat | None:
        return self.seats.current_row()

    def _update_buttons(self, *_args: object) -> None:
        has_seat = self.current_seat() is not None
        self.office_button.setEnabled(has_seat)
        self.national_button.setEnabled(has_seat)

    # -- commands
    def _after_change(self, select_id: int | None = None) -> None:
        self.seats.reload(select_id)
        self.data_changed.emit()

    def elect(self) -> None:
        dialog = ElectionDialog(self.database, parent=self)
        if dialog.exec():
            self.show_date(dialog.values().start_on)
            self._after_change()

    def end_mandate(self, seat: BoardSeat) -> None:
        if EndMandateDialog(self.database, seat, self.on(), parent=self).exec():
            self._after_change()

    def _delete_question(self, seat: BoardSeat) -> str:
        return (
            f"Supprimer le mandat de {seat.person_name} ({seat.organisation_name}) et ses fonctions ? "
            "À réserver à une saisie erronée : pour une démission, utilisez « Fin de mandat… »."
        )

    def _delete_mandate(self, seat: BoardSeat) -> None:
        delete_mandate(self.database, seat.mandate_id)
        self.data_changed.emit()

    def _delete_office(self, office: BureauSeat) -> None:
        delete_office(self.database, office.office_id)
        self._after_change()

    def assign_office(self) -> None:
        seat = self.current_seat()
        if seat is not None and OfficeDialog(self.database, seat, self.on(), parent=self).exec():
            self._after_change(seat.mandate_id)

    def toggle_national(self) -> None:
        seat = self.current_seat()
        if seat is None:
            return
        if seat.national:
            title, text, label = "Fin de représentation nationale", f"{seat.person_name} cesse de représenter la région au CA de la fédération nationale.", "Fin le"
            command = lambda day: end_national_seat(self.database, seat.mandate_id, day)  # noqa: E731
        else:
            title, text, label = "Représentation nationale", f"{seat.person_name} représente la région au CA de la fédération nationale.", "À partir du"
            command = lambda day: start_national_seat(self.database, seat.mandate_id, day)  # noqa: E731
        dialog = DateDialog(title, text, label, self.on(), command, lambda day: period_errors(seat.start_on, day, "date"), parent=self,
                            announces=frozenset({Area.GOVERNANCE}))
        if dialog.exec():
            self._after_change(seat.mandate_id)

    def end_office(self, office: BureauSeat) -> None:
        dialog = DateDialog(
            "Fin de fonction",
            f"{office.person_name} quitte la fonction de {office.role_label} du bureau (son mandat d'administrateur continue).",
            "Fin le",
            self.on(),
            lambda day: end_office(self.database, office.office_id, day),
            lambda day: period_errors(office.start_on, day, "date"),
            parent=self,
            announces=frozenset({Area.GOVERNANCE}),
        )
        if dialog.exec():
            self._after_change()

    def save_state(self, settings: QSettings) -> None:
        self.seats.save_state(settings)
        self.bureau.save_state(settings)

    def restore_state(self, settings: QSettings) -> None:
        self.seats.restore_state(settings)
        self.bureau.restore_state(settings)


class GovernanceTab(QWidget):
    title = "Gouvernance"
    reads = frozenset({Area.MEMBERS, Area.GOVERNANCE})  # members and their representatives are named
    status_changed = Signal()

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.board_page = BoardPage(database)
        self.assemblies_page = AssembliesPage(database)
        self.staff_page = StaffPage(database)
        self.profile_page = ProfilePage(database)
        self.pages = QTabWidget()
        for page, title in (
            (self.board_page, "Conseil et bureau"),
            (self.assemblies_page, "Assemblées générales"),
            (self.staff_page, "Équipe salariée"),
            (self.profile_page, "Délégation"),
        ):
            self.pages.addTab(page, title)
            page.status_changed.connect(self.status_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.pages)
        self.pages.currentChanged.connect(self.status_changed)
        # The assemblies count their elected members; an election from either page changes both.
        self.board_page.data_changed.connect(self.assemblies_page.reload)
        self.assemblies_page.data_changed.connect(self.board_page.reload)

    def refresh(self) -> None:
        self.board_page.reload()
        self.assemblies_page.reload()
        self.staff_page.reload()
        self.profile_page.reload()

    def status_text(self) -> str:
        page = self.pages.currentWidget()
        if page is self.board_page:
            return self.board_page.status_text()
        if page is self.assemblies_page:
            return self.assemblies_page.table.status_text()
        if page is self.staff_page:
            return self.staff_page.table.status_text()
        return ""

    def save_state(self, settings: QSettings) -> None:
        self.board_page.save_state(settings)
        self.assemblies_page.save_state(settings)
        self.staff_page.table.save_state(settings)
        settings.setValue("governance/splitter", self.board_page.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        self.board_page.restore_state(settings)
        self.assemblies_page.restore_state(settings)
        self.staff_page.table.restore_state(settings)
        state = settings.value("governance/splitter")
        if state is not None:
            self.board_page.splitter.restoreState(state)
