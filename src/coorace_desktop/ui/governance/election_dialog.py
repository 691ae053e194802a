"""Electing a board at a general assembly: several mandates at once, in one transaction.

Each row names a person (recorded, or new) and the member organisation represented. Organisations
that are not members on the election date are warned about, not refused."""

import re
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coorace_desktop.domain.governance_drafts import ElectionDraft, SeatDraft, validate_election
from coorace_desktop.services.governance.board import ElectionResult, elect_board, election_warnings, renewal_endings
from coorace_desktop.services.governance.composition import board_composition
from coorace_desktop.services.governance.lists import assembly_choices, assembly_date, organisation_choices
from coorace_desktop.storage.database import Database
from coorace_desktop.ui.governance.dialogs import AssemblyDialog
from coorace_desktop.ui.widgets.app_state import Area
from coorace_desktop.ui.widgets.dates import OptionalDate, date_edit
from coorace_desktop.ui.widgets.form_dialog import FormDialog
from coorace_desktop.ui.widgets.person_picker import PersonPicker
from coorace_desktop.ui.widgets.shortcuts import give_shortcut

WARNING_STYLE = "color: #8a5a00; background: #fff4d6; padding: 4px;"
EMPTY_ROWS = 3
SEAT_KEY = re.compile(r"^seats\.(\d+)\.(\w+)$")


class SeatRow:
    """The widgets of one elected member: person, organisation represented, a clear button."""

    def __init__(self, database: Database, organisations: list) -> None:
        self.person_picker = PersonPicker(database)
        self.organisation_combo = QComboBox()
        self.organisation_combo.setAccessibleName("Adhérent représenté")
        # Long names must not widen the rows past the dialog: the list pops up wider anyway.
        self.organisation_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.organisation_combo.setMinimumContentsLength(22)
        self.organisation_combo.addItem("— adhérent représenté —", None)
        for choice in organisations:
            self.organisation_combo.addItem(choice.label, choice.id)
        self.clear_button = QToolButton(text="✕", toolTip="Vider la ligne")
        self.clear_button.clicked.connect(self.clear)
        self.widget = QWidget()
        layout = QHBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.person_picker, 3)
        layout.addWidget(self.organisation_combo, 2)
        layout.addWidget(self.clear_button)

    def clear(self) -> None:
        self.person_picker.person_id = None
        self.person_picker.name_edit.clear()
        self.organisation_combo.setCurrentIndex(0)

    def is_empty(self) -> bool:
        return self.person_picker.is_empty() and self.organisation_combo.currentData() is None


class ElectionDialog(FormDialog):
    """Elect a board at an assembly; `result_value` is the ElectionResult once saved."""

    announces = frozenset({Area.GOVERNANCE})

    def __init__(self, database: Database, assembly_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Élire un conseil d'administration", parent)
        self.database = database
        self.resize(900, 660)
        self.organisations = organisation_choices(database)
        self.rows: list[SeatRow] = []

        self.assembly_combo = QComboBox()
        self.new_assembly_button = QPushButton("Nouvelle &AG…")
        self.new_assembly_button.setAutoDefault(False)
        self.new_assembly_button.clicked.connect(self.new_assembly)
        assembly_line = QWidget()
        line = QHBoxLayout(assembly_line)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.assembly_combo, 1)
        line.addWidget(self.new_assembly_button)
        self.add_field("assembly", "Assemblée générale", assembly_line)
        self.watch(self.assembly_combo, "assembly")
        self.start_edit = self.add_field("start_on", "Début des mandats", date_edit())
        self.end_date = self.add_field("end_on", "Fin prévue", OptionalDate("connue :"))
        self.watch(self.end_date.check_box, "end_on")
        self.watch(self.end_date.date_edit, "end_on")
        self.renew_check = QCheckBox("Renouvellement du conseil : les mandats en cours prennent fin ce jour-là")
        self.renew_check.setChecked(True)
        self.renew_check.setToolTip("Décochez pour une élection partielle qui complète le conseil en place.")
        self.form.addRow("", self.renew_check)
        self.watch(self.renew_check)
        self.renew_check.toggled.connect(self.update_warnings)
        # A renewal also ends the bureau and the national seats: said before, not discovered after.
        self.endings_label = QLabel(wordWrap=True, styleSheet=WARNING_STYLE)
        self.endings_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.form.addRow("", self.endings_label)
        self.keep_bureau_check = QCheckBox(checked=True)
        self.form.addRow("", self.keep_bureau_check)
        self.watch(self.keep_bureau_check)

        self.seats_form = QFormLayout()
        seats_box = QWidget()
        seats_layout = QVBoxLayout(seats_box)
        # Rows keep their height; the scroll area scrolls instead of squeezing them.
        seats_layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        seats_layout.addLayout(self.seats_form)
        seats_layout.addStretch(1)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(seats_box)
        self.add_field("seats", "Élus", scroll)
        self.add_row_button = QPushButton("Ajouter une ligne")
        self.sitting_button = QPushButton("&Reprendre les administrateurs en place")
        for button, slot in ((self.add_row_button, self.add_row), (self.sitting_button, self.fill_with_sitting_board)):
            button.setAutoDefault(False)
            button.clicked.connect(slot)
        give_shortcut(self.add_row_button, "Ctrl+Shift+L", self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_row_button)
        buttons.addWidget(self.sitting_button)
        buttons.addStretch(1)
        self.body.addLayout(buttons)
        self.warning_label = QLabel(wordWrap=True, styleSheet=WARNING_STYLE)
        self.warning_label.hide()
        self.body.addWidget(self.warning_label)

        self._fill_assemblies(assembly_id)
        self.assembly_combo.currentIndexChanged.connect(self._assembly_changed)
        self.start_edit.dateChanged.connect(self.update_warnings)
        for _ in range(EMPTY_ROWS):
            self.add_row()
        self._assembly_changed()
        self.rows[0].person_picker.name_edit.setFocus()

    # -- rows
    def add_row(self) -> SeatRow:
        row = SeatRow(self.database, self.organisations)
        number = len(self.rows)
        self.rows.append(row)
        self.add_field(f"seats.{number}.person", f"{number + 1}.", row.widget, form=self.seats_form)
        self.watch(row.person_picker.name_edit, f"seats.{number}.person")
        row.person_picker.changed.connect(self.revalidate)
        self.watch(row.organisation_combo, f"seats.{number}.person")
        row.organisation_combo.currentIndexChanged.connect(self.update_warnings)
        return row

    def fill_with_sitting_board(self) -> None:
        """Pre-fill the rows with the board sitting the day before the election (re-elections)."""
        start = self.start_edit.date().toPython()
        seats = board_composition(self.database, date.fromordinal(start.toordinal() - 1)).seats
        for row in self.rows:
            row.clear()
        while len(self.rows) < len(seats):
            self.add_row()
        for row, seat in zip(self.rows, seats):
            row.person_picker.set_person(seat.person_id, seat.person_name)
            row.organisation_combo.setCurrentIndex(max(0, row.organisation_combo.findData(seat.organisation_id)))
        self.revalidate()

    # -- assemblies
    def _fill_assemblies(self, selected: int | None) -> None:
        self.assembly_combo.blockSignals(True)
        self.assembly_combo.clear()
        self.assembly_combo.addItem("— choisir l'assemblée générale —", None)
        for choice in assembly_choices(self.database):
            self.assembly_combo.addItem(choice.label, choice.id)
        index = self.assembly_combo.findData(selected) if selected is not None else 1
        self.assembly_combo.setCurrentIndex(max(0, min(index, self.assembly_combo.count() - 1)))
        self.assembly_combo.blockSignals(False)

    def new_assembly(self) -> None:
        dialog = AssemblyDialog(self.database, parent=self)
        if dialog.exec():
            self._fill_assemblies(dialog.result_value)
            self._assembly_changed()

    def _assembly_changed(self) -> None:
        assembly_id = self.assembly_combo.currentData()
        held_on = assembly_date(self.database, assembly_id) if assembly_id is not None else None
        if held_on is not None:
            self.start_edit.setDate(QDate(held_on))
        self.update_warnings()
        self.revalidate()

    # -- FormDialog
    def values(self) -> ElectionDraft:
        self._row_of_seat = [number for number, row in enumerate(self.rows) if not row.is_empty()]
        seats = tuple(
            SeatDraft(self.rows[number].person_picker.person_ref(), self.rows[number].organisation_combo.currentData())
            for number in self._row_of_seat
        )
        return ElectionDraft(
            self.assembly_combo.currentData(),
            self.start_edit.date().toPython(),
            seats,
            self.end_date.value(),
            self.renew_check.isChecked(),
            self.renew_check.isChecked() and self.keep_bureau_check.isChecked(),
        )

    def validate(self, draft: ElectionDraft) -> dict[str, str]:
        """The domain's errors, with seat numbers turned back into row numbers (blank rows are skipped)."""
        errors = {}
        for key, message in validate_election(draft).items():
            match = SEAT_KEY.match(key)
            if match:
                key = f"seats.{self._row_of_seat[int(match.group(1))]}.person"
                message = errors.get(key, message)
            errors[key] = message
        return errors

    def save(self, draft: ElectionDraft) -> ElectionResult:
        return elect_board(self.database, draft)

    def update_warnings(self) -> None:
        organisation_ids = [row.organisation_combo.currentData() for row in self.rows]
        organisation_ids = [organisation_id for organisation_id in organisation_ids if organisation_id is not None]
        start, renew = self.start_edit.date().toPython(), self.renew_check.isChecked()
        warnings = election_warnings(self.database, organisation_ids, start, renew) if organisation_ids else []
        self.warning_label.setText("\n".join(f"Attention : {warning}" for warning in warnings))
        self.warning_label.setVisible(bool(warnings))
        self._show_endings(start, renew)

    def _show_endings(self, start: date, renew: bool) -> None:
        endings = renewal_endings(self.database, start) if renew else None
        lines = []
        if endings and endings.offices:
            lines.append("Ce renouvellement met fin au bureau : " + " ; ".join(endings.offices) + ".")
        if endings and endings.national:
            lines.append("Et aux représentations nationales de " + " et ".join(endings.national) + ".")
        self.endings_label.setText("\n".join(lines))
        self.endings_label.setVisible(bool(lines))
        self.keep_bureau_check.setText(
            f"Réélire le bureau : les administrateurs réélus gardent leur fonction à partir du {start:%d/%m/%Y}"
            + (" (et leur représentation nationale)" if endings and endings.national else "")
        )
        self.keep_bureau_check.setVisible(bool(lines))

