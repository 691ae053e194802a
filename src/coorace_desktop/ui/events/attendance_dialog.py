"""Registrations and attendance of one event, by name: register recorded persons or guests, tick
who came to each session (from the list, or by typing names: Enter ticks), add walk-ins, and
print the sign-in sheet and the attendance certificates. Each change is saved at once (one
command each); Enter never closes the dialog, Échap does (asking first when a person typed to
be registered would be lost)."""

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coorace_desktop.domain.enums import AttendanceStatus
from coorace_desktop.domain.events_registrations import RegistrationInput
from coorace_desktop.domain.french import plural
from coorace_desktop.domain.text import file_name, fold
from coorace_desktop.services.events.registrations import (
    RegisteredPerson,
    event_attendance,
    register,
    set_attendance,
    unregister,
)
from coorace_desktop.storage.database import Database
from coorace_desktop.ui.events.attendance_model import (
    ENTER,
    NAME,
    ORGANISATION,
    STATUS,
    AttendanceModel,
    AttendanceView,
)
from coorace_desktop.ui.widgets import form_dialog, messages
from coorace_desktop.ui.widgets.app_state import Area, announce, is_read_only
from coorace_desktop.ui.widgets.errors import run_command
from coorace_desktop.ui.widgets.person_picker import PersonPicker
from coorace_desktop.ui.widgets.screen_fit import fit_to_screen
from coorace_desktop.ui.widgets.search_edit import SearchEdit


def _button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)  # Enter ticks names: it never presses a button it was not on
    return button


class AttendanceDialog(QDialog):
    announces = frozenset({Area.EVENTS, Area.MEMBERS})  # a guest registered is a new person

    def __init__(self, database: Database, event_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.event_id = event_id
        self.changed = False
        self.attendance = event_attendance(database, event_id)
        self.setWindowTitle(f"Inscriptions et présences — {self.attendance.title}")
        writable = not (database.read_only or is_read_only(parent))

        self.session_combo = QComboBox()
        for number in range(1, self.attendance.sessions + 1):
            self.session_combo.addItem(f"Séance {number} sur {self.attendance.sessions}", number)
        self.search_edit = SearchEdit(placeholderText="Pointer : tapez un nom, Entrée le coche présent·e", clearButtonEnabled=True)
        self.search_edit.setAccessibleName("Pointer un nom")
        search_label = QLabel("&Pointer :")
        search_label.setBuddy(self.search_edit)
        self.model = AttendanceModel(self)
        self.view = AttendanceView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().setVisible(False)
        self.view.setAlternatingRowColors(True)
        self.view.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.view.horizontalHeader().setSectionResizeMode(ORGANISATION, QHeaderView.ResizeMode.Stretch)
        self.view.horizontalHeader().setSectionResizeMode(STATUS, QHeaderView.ResizeMode.ResizeToContents)
        self.count_label = QLabel()
        self.absent_button = _button("A&bsent·e")
        self.excused_button = _button("E&xcusé·e")
        self.remove_button = _button("&Désinscrire…")

        self.person_picker = PersonPicker(database)
        self.organisation_edit = QLineEdit(placeholderText="Pour une personne hors annuaire : sa structure")
        self.email_edit = QLineEdit(placeholderText="Son e-mail")
        self.register_button = _button("&Inscrire à toutes les séances")
        self.walk_in_button = _button("&Venu·e sans inscription")
        self.walk_in_button.setToolTip("Inscrit·e et présent·e à la séance choisie seulement.")
        register_group = QGroupBox("Inscrire une personne (cherchée dans l'annuaire, ou nouvelle : Prénom NOM)")
        register_form = QFormLayout(register_group)
        register_form.addRow("Pe&rsonne :", self.person_picker)
        register_form.addRow("Structure :", self.organisation_edit)
        register_form.addRow("E-mail :", self.email_edit)
        register_buttons = QHBoxLayout()
        register_buttons.addWidget(self.register_button)
        register_buttons.addWidget(self.walk_in_button)
        register_buttons.addStretch(1)
        register_form.addRow(register_buttons)

        self.orientation_combo = QComboBox()
        self.orientation_combo.addItem("Portrait", False)
        self.orientation_combo.addItem("Paysage", True)
        self.sheet_button = _button("&Feuille d'émargement (PDF)…")
        self.certificates_combo = QComboBox()
        self.certificates_combo.addItem("un seul PDF", False)
        self.certificates_combo.addItem("un fichier par personne", True)
        self.certificates_button = _button("&Attestations de présence…")
        self.export_button = _button("&Exporter…")
        self.import_button = _button("I&mporter une liste…")
        self.import_button.setToolTip("Un tableur (.xlsx, .ods, .csv) avec les colonnes Nom, Prénom, Structure, E-mail.")
        close_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close_box.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        close_box.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        close_box.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.session_combo)
        top.addWidget(search_label)
        top.addWidget(self.search_edit, 1)
        self.session_combo.setVisible(self.attendance.sessions > 1)
        marks = QHBoxLayout()
        marks.addWidget(self.count_label, 1)
        for button in (self.absent_button, self.excused_button, self.remove_button):
            marks.addWidget(button)
        printing = QHBoxLayout()
        printing.addWidget(self.sheet_button)
        printing.addWidget(self.orientation_combo)
        printing.addSpacing(16)
        printing.addWidget(self.certificates_button)
        printing.addWidget(self.certificates_combo)
        printing.addStretch(1)
        printing.addWidget(self.export_button)
        printing.addWidget(self.import_button)
        self.output_row = printing
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(marks)
        layout.addWidget(register_group)
        layout.addLayout(printing)
        layout.addWidget(close_box)

        for widget in (self.absent_button, self.excused_button, self.remove_button, self.register_button,
                       self.walk_in_button, self.person_picker, self.organisation_edit, self.email_edit, self.import_button):
            widget.setEnabled(writable)
        self.view.setEnabled(True)
        self.writable = writable
        self.session_combo.currentIndexChanged.connect(self.refresh)
        self.search_edit.textChanged.connect(self.refresh)
        self.search_edit.returnPressed.connect(self.tick_typed)
        self.model.tick_requested.connect(self._tick)
        self.absent_button.clicked.connect(lambda: self._mark_selected(AttendanceStatus.ABSENT))
        self.excused_button.clicked.connect(lambda: self._mark_selected(AttendanceStatus.EXCUSED))
        self.remove_button.clicked.connect(self.remove_selected)
        self.register_button.clicked.connect(lambda: self.register_person(walk_in=False))
        # Enter in the person's fields registers them (after the completer took a proposal).
        for edit in (self.person_picker.name_edit, self.organisation_edit, self.email_edit):
            edit.returnPressed.connect(lambda: self.register_person(walk_in=False))
        self.walk_in_button.clicked.connect(lambda: self.register_person(walk_in=True))
        self.sheet_button.clicked.connect(self.print_sheet)
        self.certificates_button.clicked.connect(self.print_certificates)
        self.export_button.clicked.connect(self.export_list)
        self.import_button.clicked.connect(self.import_list)
        self.refresh()
        self.resize(900, 640)
        fit_to_screen(self)  # 1024x600: the list shrinks, the buttons stay in view
        self.search_edit.setFocus()

    # -- reading
    def session(self) -> int:
        return self.session_combo.currentData() or 1

    def matching(self) -> list[RegisteredPerson]:
        words = fold(self.search_edit.text()).split()
        return [person for person in self.attendance.people
                if all(word in fold(f"{person.name} {person.organisation}") for word in words)]

    def refresh(self) -> None:
        current = self.view.currentIndex().row()
        self.model.set_rows(self.matching(), self.session())
        if self.model.rowCount():
            self.view.selectRow(min(max(current, 0), self.model.rowCount() - 1))
        registered = len(self.attendance.registered(self.session()))
        present = len(self.attendance.present(self.session()))
        self.count_label.setText(
            f"{plural(registered, 'inscrit·e', 'inscrit·es')}, {plural(present, 'présent·e', 'présent·es')} à cette séance"
        )

    def reload(self) -> None:
        self.attendance = event_attendance(self.database, self.event_id)
        self.refresh()

    def keyPressEvent(self, event) -> None:
        if event.key() in ENTER:  # never "accept" the dialog: Enter belongs to the names
            event.accept()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        """Échap or Fermer: attendance is saved as it is ticked, but a person typed and not yet
        registered would be lost: ask first, as the forms do."""
        typed = not self.person_picker.is_empty() or self.organisation_edit.text().strip() or self.email_edit.text().strip()
        if typed and not form_dialog.ask_discard(self):
            return
        super().reject()

    # -- attendance
    def _save(self, command, *args, **kwargs) -> bool:
        if not self.writable:
            return False
        done, _ = run_command(self, command, self.database, self.event_id, *args, **kwargs)
        if done:
            self.changed = True
            announce(self, self.announces)
        self.reload()
        return done

    def _tick(self, person_id: int, present: bool) -> None:
        status = AttendanceStatus.PRESENT if present else AttendanceStatus.REGISTERED
        self._save(set_attendance, self.session(), {person_id: status})

    def tick_typed(self) -> None:
        """Enter in the search box: the only registered person matching is ticked present (one
        already present stays so); several matches: the list takes the keyboard."""
        candidates = [person for person in self.matching() if person.status(self.session()) is not None]
        if len(candidates) == 1:
            person = candidates[0]
            if person.status(self.session()) == AttendanceStatus.PRESENT:
                self.count_label.setText(f"{person.name} est déjà pointé·e (Espace dans la liste pour décocher)")
                self.search_edit.selectAll()
                return
            self._tick(person.person_id, True)
            self.search_edit.clear()
        elif candidates:
            self.view.setFocus()
        elif self.search_edit.text().strip():
            self.count_label.setText("Aucune personne inscrite à ce nom : inscrivez-la ci-dessous (Venu·e sans inscription).")
            self.person_picker.name_edit.setText(self.search_edit.text())
            self.person_picker.search_now()

    def _selected(self) -> list[RegisteredPerson]:
        rows = {index.row() for index in self.view.selectionModel().selectedRows()}
        return [self.model.people[row] for row in sorted(rows)]

    def _mark_selected(self, status: AttendanceStatus) -> None:
        chosen = [p for p in self._selected() if p.status(self.session()) is not None]
        if chosen:
            self._save(set_attendance, self.session(), {p.person_id: status for p in chosen})

    def remove_selected(self) -> None:
        chosen = self._selected()
        if not chosen:
            return
        names = ", ".join(person.name for person in chosen)
        if messages.ask(self, "Désinscrire", f"Désinscrire de toutes les séances : {names} ?"):
            self._save(unregister, [person.person_id for person in chosen])

    def register_person(self, *, walk_in: bool) -> None:
        if self.person_picker.is_empty():
            messages.show_error(self, "Choisissez une personne dans la liste ou saisissez son nom (Prénom NOM).")
            self.person_picker.name_edit.setFocus()
            return
        entry = RegistrationInput(self.person_picker.person_ref(), None, self.organisation_edit.text(), self.email_edit.text())
        if walk_in:
            done = self._save(register, [entry], [self.session()], AttendanceStatus.PRESENT)
        else:
            done = self._save(register, [entry])
        if done:
            self.person_picker.name_edit.clear()
            self.person_picker.person_id = None
            self.organisation_edit.clear()
            self.email_edit.clear()
            self.search_edit.setFocus()

    # -- printing
    def _stem(self) -> str:
        return file_name(self.attendance.title, "evenement")

    def print_sheet(self) -> None:
        from coorace_desktop.report.attendance import write_signin_sheet  # ReportLab loads only now
        from coorace_desktop.ui.widgets.printing import offer_pdf

        suffix = f" - séance {self.session()}" if self.attendance.sessions > 1 else ""
        suggested = Path.home() / f"Émargement - {self._stem()}{suffix}.pdf"
        name, _ = QFileDialog.getSaveFileName(self, "Enregistrer la feuille d'émargement", str(suggested), "Documents PDF (*.pdf)")
        if not name:
            return
        done, result = run_command(self, write_signin_sheet, self.attendance, self.session(), Path(name),
                                   landscape_page=self.orientation_combo.currentData())
        if done:
            offer_pdf(self, "Feuille d'émargement",
                      f"{plural(result.names, 'nom', 'noms')} sur {plural(result.pages, 'page', 'pages')} : {result.path}", result.path)

    def print_certificates(self) -> None:
        from coorace_desktop.report.attendance import write_certificates  # ReportLab loads only now
        from coorace_desktop.report.letters import letter_sender
        from coorace_desktop.ui.widgets.printing import offer_pdf

        present = {p.person_id for n in range(1, self.attendance.sessions + 1) for p in self.attendance.present(n)}
        if not present:
            messages.show_error(self, "Personne n'est pointé·e présent·e : aucune attestation à établir.")
            return
        per_file = bool(self.certificates_combo.currentData())
        if per_file:
            name = QFileDialog.getExistingDirectory(self, "Dossier des attestations", str(Path.home()))
        else:
            suggested = Path.home() / f"Attestations - {self._stem()}.pdf"
            name, _ = QFileDialog.getSaveFileName(self, "Enregistrer les attestations", str(suggested), "Documents PDF (*.pdf)")
        if not name:
            return
        done, result = run_command(self, lambda: write_certificates(
            self.attendance, letter_sender(self.database), Path(name), per_file=per_file))
        if not done:
            return
        text = f"{plural(len(present), 'attestation', 'attestations')} : {name if per_file else result.paths[0]}"
        if per_file:  # a folder of files: nothing to print at once
            messages.inform(self, "Attestations de présence", text)
        else:
            offer_pdf(self, "Attestations de présence", text, result.paths[0])

    # -- spreadsheets
    def export_list(self) -> None:
        from coorace_desktop.services.exporting.registrations import export_registrations

        suggested = Path.home() / f"Inscrits - {self._stem()}.xlsx"
        name, _ = QFileDialog.getSaveFileName(self, "Exporter les inscriptions", str(suggested),
                                              "Classeur Excel (*.xlsx);;Texte CSV (*.csv)")
        if name:
            done, lines = run_command(self, export_registrations, self.database, self.event_id, Path(name))
            if done:
                messages.inform(self, "Export", f"{plural(lines, 'ligne exportée', 'lignes exportées')} : {name}")

    def import_list(self) -> None:
        """Read a list, say what importing it does, ask about each possible duplicate, then register."""
        from coorace_desktop.services.importing import Action, Decision, propose_mapping, read_table
        from coorace_desktop.services.importing.mapping import REGISTRATIONS
        from coorace_desktop.services.importing.registrations import apply_registrations, preview_registrations

        name, _ = QFileDialog.getOpenFileName(self, "Importer une liste d'inscrits", str(Path.home()),
                                              "Tableurs (*.xlsx *.ods *.csv)")
        if not name:
            return
        done, preview = run_command(self, lambda: preview_registrations(
            self.database, table := read_table(name), propose_mapping(table, REGISTRATIONS)))
        if not done:
            return
        if preview.errors:
            lines = "\n".join(f"Ligne {error.line} : {error.reason}" for error in preview.errors[:10])
            messages.show_error(self, f"{plural(len(preview.errors), 'ligne', 'lignes')} en erreur : rien n'est importé.\n{lines}")
            return
        decisions = {}
        for row in (row for row in preview.planned if row.action is Action.DUPLICATE):
            if messages.ask(self, "Doublon possible",
                            f"Ligne {row.line} : « {row.name} » est-elle {row.existing_name} ({row.reason}) ?\n"
                            f"Oui : inscrire {row.existing_name}. Non : laisser la ligne en attente, sans l'inscrire."):
                decisions[row.line] = Decision.MERGE
        known, new = preview.count(Action.UNCHANGED), preview.count(Action.CREATE)
        if not messages.ask(self, "Importer la liste",
                            f"Inscrire à toutes les séances {plural(known + new + len(decisions), 'personne', 'personnes')}, "
                            f"dont {plural(new, 'nouvelle personne', 'nouvelles personnes')} dans l'annuaire ?"):
            return
        done, result = run_command(self, apply_registrations, self.database, self.event_id, preview, decisions)
        if done:
            self.changed = True
            announce(self, self.announces)
            self.reload()
            messages.inform(self, "Import", result.summary())
