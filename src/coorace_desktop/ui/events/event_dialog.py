"""The event form: what, when, where, who organised it, its temps fort story, and who came."""

from dataclasses import dataclass
from datetime import date, time

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from coorace_desktop.domain.concurrency import StaleRecordError
from coorace_desktop.domain.enums import EventStatus, Organiser
from coorace_desktop.domain.events_rules import EventInput, event_errors
from coorace_desktop.domain.french import plural
from coorace_desktop.services.events.commands import (
    EventDetails,
    add_event_kind,
    create_event,
    event_kinds,
    organisation_choices,
    update_event,
)
from coorace_desktop.services.events.registrations import event_attendance
from coorace_desktop.storage.database import Database
from coorace_desktop.ui.events.attendance_dialog import AttendanceDialog
from coorace_desktop.ui.events.participants_picker import ParticipantsPicker
from coorace_desktop.ui.widgets.app_state import Area, announce
from coorace_desktop.ui.widgets.dates import date_edit
from coorace_desktop.ui.widgets.errors import run_command
from coorace_desktop.ui.widgets.form_dialog import FormDialog


@dataclass(frozen=True, slots=True)
class EventDraft:
    values: EventInput
    participants: dict[int, int]


def _row(*widgets: QWidget, stretch_last: bool = False) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    if stretch_last:  # the row takes the form's width (a place typed is seen whole)
        box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    else:
        layout.addStretch(1)
    return box


class EventDialog(FormDialog):
    """Creates an event (details None) or edits one; closes once it is saved."""

    announces = frozenset({Area.EVENTS})

    def __init__(self, database: Database, details: EventDetails | None = None, parent: QWidget | None = None,
                 on_day: date | None = None) -> None:
        super().__init__("Modifier l'événement" if details else "Nouvel événement", parent)
        self.database = database
        self.event_id = details.id if details else None
        self.loaded = details  # with its version: a save made on it is refused if someone saved since

        self.title_edit = self.add_field("title", "Titre", QLineEdit())
        self.kind_combo = QComboBox()
        self.new_kind_button = QPushButton("Nouveau type…")
        self.new_kind_button.setAutoDefault(False)
        self.new_kind_button.setVisible(not database.read_only)  # it writes at once
        self.add_field("kind_id", "Type", _row(self.kind_combo, self.new_kind_button, stretch_last=True))
        self.watch(self.kind_combo, "kind_id")

        self.starts_edit = date_edit()
        self.undated_check = QCheckBox("Date à préciser")
        self.year_spin = QSpinBox(prefix="Année ")
        self.year_spin.setRange(1900, 2200)
        self.year_spin.setValue(QDate.currentDate().year())
        self.add_field("year", "Date", _row(self.starts_edit, self.undated_check, self.year_spin))
        self.several_days_check = QCheckBox("Sur plusieurs jours, jusqu'au")
        self.ends_edit = date_edit()
        self.add_field("ends_on", "Fin", _row(self.several_days_check, self.ends_edit))
        self.timed_check = QCheckBox("Horaires")
        self.start_time_edit = QTimeEdit(QTime(9, 30), displayFormat="HH:mm")
        self.end_time_edit = QTimeEdit(QTime(12, 0), displayFormat="HH:mm")
        self.add_field("start_time", "Heure", _row(self.timed_check, self.start_time_edit, QLabel("à"), self.end_time_edit))
        for widget, name in ((self.starts_edit, "year"), (self.undated_check, "year"), (self.year_spin, "year"),
                             (self.several_days_check, "ends_on"), (self.ends_edit, "ends_on"),
                             (self.timed_check, "start_time"), (self.start_time_edit, "start_time"),
                             (self.end_time_edit, "start_time")):
            self.watch(widget, name)

        self.place_edit = QLineEdit(placeholderText="Ville, salle… ou rien pour un webinaire")
        self.online_check = QCheckBox("En ligne")
        self.add_field("place", "Lieu", _row(self.place_edit, self.online_check, stretch_last=True))
        self.watch(self.place_edit, "place")
        self.watch(self.online_check, "place")
        self.organiser_combo = QComboBox()
        for organiser in Organiser:
            self.organiser_combo.addItem(organiser.label, organiser)
        self.organiser_name_edit = QLineEdit(placeholderText="Nom du partenaire")
        self.add_field("organiser_name", "Organisé par", _row(self.organiser_combo, self.organiser_name_edit, stretch_last=True))
        self.watch(self.organiser_combo, "organiser_name")
        self.watch(self.organiser_name_edit, "organiser_name")
        self.status_combo = QComboBox()
        for status in EventStatus:
            self.status_combo.addItem(status.label, status)
        self.add_field("status", "Statut", self.status_combo)
        self.sessions_spin = QSpinBox()
        self.sessions_spin.setRange(1, 9999)
        self.sessions_spin.setToolTip("Une série connue seulement par son nombre (23 réunions de CDIAE) : une fiche, 23 séances.")
        self.add_field("sessions", "Séances", self.sessions_spin)
        self.description_edit = self.add_field("description", "Description", QPlainTextEdit())
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(70)

        self.highlight_group = QGroupBox("Temps fort du rapport", checkable=True, checked=False)
        highlight_form = QFormLayout(self.highlight_group)
        self.highlight_title_edit = self.add_field("highlight_title", "Titre", QLineEdit(), highlight_form)
        self.highlight_story_edit = self.add_field("highlight_story", "Récit", QPlainTextEdit(), highlight_form)
        self.highlight_story_edit.setTabChangesFocus(True)
        self.watch(self.highlight_group, "highlight_title")

        self.picker = ParticipantsPicker(lambda text, only, first: organisation_choices(database, text, only, first))
        self.other_spin = QSpinBox()
        self.other_spin.setRange(0, 999_999)
        self.other_spin.setToolTip("Participants venus d'ailleurs que des structures adhérentes, ou non détaillés.")
        participants_group = QGroupBox("Participants")
        participants_layout = QVBoxLayout(participants_group)
        # Alt+P reaches the search from anywhere in the form: it sits a dozen Tabs away.
        participants_label = QLabel("Structures adhérentes &présentes (cochez, puis indiquez le nombre de personnes) (Alt+P) :")
        participants_label.setBuddy(self.picker.search_edit)
        participants_label.setWordWrap(True)  # the dialog fits a 1024-pixel screen
        participants_layout.addWidget(participants_label)
        participants_layout.addWidget(self.picker, 1)
        other_form = QFormLayout()
        self.add_field("other_participants", "Autres participants", self.other_spin, other_form)
        participants_layout.addLayout(other_form)
        # By name: registrations and attendance, saved by their own dialog as they are made.
        self.attendance_button = QPushButton("&Inscriptions et présences…")
        self.attendance_button.setAutoDefault(False)
        self.attendance_button.setEnabled(self.event_id is not None)
        self.attendance_button.setToolTip(
            "Inscrire des personnes, pointer les présents, imprimer la feuille d'émargement et les attestations."
            if self.event_id is not None else "Enregistrez d'abord l'événement pour y inscrire des personnes.")
        self.attendance_label = QLabel(wordWrap=True)
        participants_layout.addWidget(self.attendance_button)
        participants_layout.addWidget(self.attendance_label)
        self.attendance_button.clicked.connect(self.open_attendance)

        # Two columns: the event on the left, attendance on the right.
        self.body.removeItem(self.form)
        left = QVBoxLayout()
        left.addLayout(self.form)
        left.addWidget(self.highlight_group, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addWidget(participants_group, 2)
        self.body.addLayout(columns)

        self.new_kind_button.clicked.connect(self.add_kind)
        self.starts_edit.dateChanged.connect(self._follow_start)
        for signal in (self.undated_check.toggled, self.several_days_check.toggled, self.timed_check.toggled,
                       self.organiser_combo.currentIndexChanged, self.highlight_group.toggled):
            signal.connect(self._update_enabled)
        self.picker.changed.connect(self.revalidate)
        self._load_kinds()
        if details is not None:
            self._load(details)
            self._show_attendance(event_attendance(database, details.id))
        elif on_day is not None:
            self.starts_edit.setDate(QDate(on_day))
        self._update_enabled()
        self.resize(1100, 680)
        self.title_edit.setFocus()

    # -- filling
    def _load_kinds(self, select_id: int | None = None) -> None:
        current = select_id if select_id is not None else self.kind_combo.currentData()
        self.kind_combo.clear()
        for kind in event_kinds(self.database):
            self.kind_combo.addItem(kind.name, kind.id)
        position = self.kind_combo.findData(current)
        self.kind_combo.setCurrentIndex(max(position, 0) if self.kind_combo.count() else -1)

    def _load(self, details: EventDetails) -> None:
        values = details.values
        self.title_edit.setText(values.title)
        self._load_kinds(values.kind_id)
        self.undated_check.setChecked(values.starts_on is None)
        self.year_spin.setValue(values.year)
        if values.starts_on:
            self.starts_edit.setDate(QDate(values.starts_on))
        self.several_days_check.setChecked(values.ends_on is not None and values.ends_on != values.starts_on)
        if values.ends_on or values.starts_on:
            self.ends_edit.setDate(QDate(values.ends_on or values.starts_on))
        self.timed_check.setChecked(values.start_time is not None)
        if values.start_time:
            self.start_time_edit.setTime(QTime(values.start_time))
        if values.end_time:
            self.end_time_edit.setTime(QTime(values.end_time))
        self.place_edit.setText(values.place)
        self.online_check.setChecked(values.online)
        self.organiser_combo.setCurrentIndex(self.organiser_combo.findData(values.organiser))
        self.organiser_name_edit.setText(values.organiser_name)
        self.status_combo.setCurrentIndex(self.status_combo.findData(values.status))
        self.sessions_spin.setValue(values.sessions)
        self.other_spin.setValue(values.other_participants)
        self.description_edit.setPlainText(values.description)
        self.highlight_group.setChecked(values.is_highlight)
        self.highlight_title_edit.setText(values.highlight_title)
        self.highlight_story_edit.setPlainText(values.highlight_story)
        self.picker.set_participants(
            {row.organisation_id: row.persons for row in details.participants},
            {row.organisation_id: row.name for row in details.participants},
        )

    def _update_enabled(self, *_args: object) -> None:
        dated = not self.undated_check.isChecked()
        self.starts_edit.setVisible(dated)
        self.year_spin.setVisible(not dated)
        self.several_days_check.setEnabled(dated)
        self.ends_edit.setEnabled(dated and self.several_days_check.isChecked())
        self.timed_check.setEnabled(dated)
        timed = dated and self.timed_check.isChecked()
        self.start_time_edit.setEnabled(timed)
        self.end_time_edit.setEnabled(timed)
        self.organiser_name_edit.setEnabled(self._organiser() is not Organiser.DELEGATION)
        self.revalidate()

    def _follow_start(self, day: QDate) -> None:
        # A one-day event's (greyed) end follows its start, ready if it becomes several days.
        if not self.several_days_check.isChecked() or self.ends_edit.date() < day:
            self.ends_edit.setDate(day)

    def _organiser(self) -> Organiser:
        # Qt hands the enum back as a plain string.
        return Organiser(self.organiser_combo.currentData())

    def add_kind(self) -> None:
        name, ok = QInputDialog.getText(self, "Nouveau type d'événement", "Nom du type :")
        if ok:
            done, kind_id = run_command(self, add_event_kind, self.database, name)
            if done:
                announce(self, self.announces)  # saved already, whether or not the event is
                self._load_kinds(kind_id)

    def open_attendance(self) -> None:
        dialog = AttendanceDialog(self.database, self.event_id, self)
        dialog.exec()
        self._show_attendance(dialog.attendance)

    def _show_attendance(self, attendance) -> None:
        """Say when the event is counted by names: its head counts then do not count."""
        if not attendance.people:
            self.attendance_label.setText("")
            return
        present = {p.person_id for n in range(1, attendance.sessions + 1) for p in attendance.present(n)}
        self.attendance_label.setText(
            f"Compté par noms : {plural(len(present), 'personne présente', 'personnes présentes')} sur "
            f"{plural(len(attendance.people), 'inscrite', 'inscrites')} (les nombres ci-dessus ne comptent plus)."
        )

    # -- FormDialog
    def values(self) -> EventDraft:
        dated = not self.undated_check.isChecked()
        starts_on: date | None = self.starts_edit.date().toPython() if dated else None
        ends_on = self.ends_edit.date().toPython() if dated and self.several_days_check.isChecked() else None
        timed = dated and self.timed_check.isChecked()
        start_time: time | None = self.start_time_edit.time().toPython() if timed else None
        end_time: time | None = self.end_time_edit.time().toPython() if timed else None
        organiser = self._organiser()
        highlight = self.highlight_group.isChecked()
        values = EventInput(
            title=self.title_edit.text(),
            kind_id=self.kind_combo.currentData(),
            year=starts_on.year if starts_on else self.year_spin.value(),
            starts_on=starts_on,
            start_time=start_time,
            ends_on=ends_on,
            end_time=end_time,
            place=self.place_edit.text(),
            online=self.online_check.isChecked(),
            organiser=organiser,
            organiser_name=self.organiser_name_edit.text() if organiser is not Organiser.DELEGATION else "",
            status=EventStatus(self.status_combo.currentData()),
            description=self.description_edit.toPlainText(),
            sessions=self.sessions_spin.value(),
            other_participants=self.other_spin.value(),
            is_highlight=highlight,
            highlight_title=self.highlight_title_edit.text() if highlight else "",
            highlight_story=self.highlight_story_edit.toPlainText() if highlight else "",
        )
        return EventDraft(values, self.picker.participants())

    def validate(self, draft: EventDraft) -> dict[str, str]:
        errors = event_errors(draft.values)
        # Both times share one row, whose error line shows either message.
        if "end_time" in errors:
            errors.setdefault("start_time", errors.pop("end_time"))
        return errors

    def save(self, draft: EventDraft) -> int:
        if self.event_id is None:
            return create_event(self.database, draft.values, draft.participants)
        try:
            update_event(self.database, self.event_id, draft.values, draft.participants, loaded=self.loaded)
        except StaleRecordError as error:
            self.loaded = error.current  # the form keeps this draft; saving again replaces theirs
            raise
        return self.event_id
