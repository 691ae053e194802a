"""The action form, made for quick entry right after a call or a visit: today's date, the last
officer and programme already chosen, the beneficiary completed as you type, Enter saves."""

from datetime import date

from PySide6.QtCore import QDate, QLocale
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from coorace_desktop.domain.accompaniment_rules import MAX_ACTION_HOURS, ActionDraft, action_errors
from coorace_desktop.domain.enums import ActionKind, ActionOutcome
from coorace_desktop.services.accompaniment.actions import (
    ActionDetails,
    add_programme,
    create_action,
    officer_choices,
    programme_choices,
    search_beneficiaries,
    update_action,
)
from coorace_desktop.storage.database import Database
from coorace_desktop.ui.accompaniment.beneficiary_edit import BeneficiaryEdit
from coorace_desktop.ui.widgets.app_state import Area, announce
from coorace_desktop.ui.widgets.dates import date_edit
from coorace_desktop.ui.widgets.errors import run_command
from coorace_desktop.ui.widgets.form_dialog import FormDialog

UNKNOWN_OFFICER_TEXT = "Non renseigné (saisie récapitulative)"


def row_of(*widgets: QWidget) -> QWidget:
    """Widgets side by side in one form field."""
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    return box


class ActionDialog(FormDialog):
    """New action (details None), edit (details), or a copy of one (details, copy=True)."""

    announces = frozenset({Area.ACCOMPANIMENT})

    def __init__(
        self,
        database: Database,
        details: ActionDetails | None = None,
        *,
        copy: bool = False,
        defaults: tuple[int | None, int | None] = (None, None),
        parent: QWidget | None = None,
    ) -> None:
        editing = details is not None and not copy
        super().__init__("Modifier l'action" if editing else "Dupliquer l'action" if copy else "Nouvelle action", parent)
        self.database = database
        self.action_id = details.id if editing else None
        # Only a historical record being edited may keep its unknown officer.
        self.officer_required = not (editing and details.historical)

        self.form.setRowWrapPolicy(self.form.RowWrapPolicy.DontWrapRows)
        # Widgets are filled before add_field() watches them: revalidation reads every field.
        self.date_edit = date_edit()
        self.add_field("action_date", "Date", self.date_edit)
        self.officer_combo = QComboBox()
        self.add_field("officer_id", "Chargé·e de mission", self.officer_combo)
        self.programme_combo = QComboBox()
        self.programme_combo.setMinimumContentsLength(28)
        self.new_programme_button = QPushButton("Nouveau programme…", autoDefault=False)
        self.new_programme_button.setVisible(not database.read_only)  # it writes at once
        self.add_field("programme_id", "Programme", row_of(self.programme_combo, self.new_programme_button))
        self.watch(self.programme_combo, "programme_id")

        self.group_check = QCheckBox("Un groupe sans noms (effectif seulement)")
        self.beneficiary_edit = BeneficiaryEdit(lambda text, limit: search_beneficiaries(database, text, limit))
        self.beneficiary_edit.setMinimumWidth(320)
        self.add_field("beneficiary", "Bénéficiaire", self.beneficiary_edit)
        # The pick in full, before saving: a long name is cut in the field, and a wrong pick shows.
        self.chosen_label = QLabel(wordWrap=True, styleSheet="font-weight: bold;")
        self.chosen_label.setMinimumWidth(320)  # a word-wrapped label would otherwise break after each word
        self.chosen_label.hide()
        self.form.addRow("", self.chosen_label)
        self.form.addRow("", self.group_check)
        self.watch(self.group_check, "beneficiary")
        self.beneficiary_edit.chosen.connect(self._show_chosen)
        self.group_count_spin = QSpinBox(minimum=0, maximum=100_000)
        self.group_label_edit = QLineEdit(placeholderText="ex. structures formées à la démarche Zest'")
        self.add_field("group_count", "Effectif du groupe", self.group_count_spin)
        self.add_field("group_label", "Description du groupe", self.group_label_edit)
        self._group_rows = (self.form.rowCount() - 2, self.form.rowCount() - 1)

        self.kind_combo = QComboBox()
        for kind in ActionKind:
            self.kind_combo.addItem(kind.label, kind)
        self.hours_spin = QDoubleSpinBox(decimals=1, singleStep=0.5, suffix=" h", minimum=0, maximum=MAX_ACTION_HOURS)
        self.hours_spin.setLocale(QLocale(QLocale.Language.French, QLocale.Country.France))  # 2,5 h
        self.outcome_combo = QComboBox()
        for outcome in ActionOutcome:
            self.outcome_combo.addItem(outcome.label, outcome)
        self.outcome_combo.setCurrentIndex(self.outcome_combo.findData(ActionOutcome.DONE))  # logged once done
        self.notes_edit = QPlainTextEdit(tabChangesFocus=True)
        self.add_field("kind", "Type d'action", self.kind_combo)
        self.add_field("hours", "Heures", self.hours_spin)
        self.add_field("outcome", "Résultat", self.outcome_combo)
        self.add_field("notes", "Notes", self.notes_edit)
        self.notes_edit.setPlaceholderText("Ce qui a été fait, la suite prévue… (Ctrl+Entrée enregistre)")
        self.notes_edit.setFixedHeight(90)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self, self.accept)

        self.new_programme_button.clicked.connect(self.new_programme)
        self.group_check.toggled.connect(self._show_group)
        self._fill_choices(details.draft.officer_id if details else None)
        self.resize(620, self.sizeHint().height())
        if details is not None:
            self._load(details)
        else:
            self._select(self.officer_combo, defaults[0])
            self._select(self.programme_combo, defaults[1])
            self._show_group(False)
        self.beneficiary_edit.setFocus()
        if copy:
            self.beneficiary_edit.selectAll()

    # -- FormDialog
    def values(self) -> ActionDraft:
        group = self.group_check.isChecked()
        return ActionDraft(
            action_date=self.date_edit.date().toPython(),
            officer_id=self.officer_combo.currentData(),
            programme_id=self.programme_combo.currentData(),
            kind=self.kind_combo.currentData(),
            beneficiary=None if group else self.beneficiary_edit.ref,
            group_count=self.group_count_spin.value() if group else None,
            group_label=self.group_label_edit.text() if group else "",
            hours=self.hours_spin.value(),
            outcome=self.outcome_combo.currentData(),
            notes=self.notes_edit.toPlainText(),
        )

    def validate(self, draft: ActionDraft) -> dict[str, str]:
        return action_errors(draft, today=date.today(), officer_required=self.officer_required)

    def save(self, draft: ActionDraft) -> int:
        if self.action_id is None:
            return create_action(self.database, draft)
        update_action(self.database, self.action_id, draft)
        return self.action_id

    # -- filling
    def _fill_choices(self, officer_id: int | None) -> None:
        if not self.officer_required:
            self.officer_combo.addItem(UNKNOWN_OFFICER_TEXT, None)
        for choice in officer_choices(self.database, include_id=officer_id):
            self.officer_combo.addItem(choice.name, choice.id)
        for choice in programme_choices(self.database):
            self.programme_combo.addItem(choice.name, choice.id)

    def _load(self, details: ActionDetails) -> None:
        draft = details.draft
        self.date_edit.setDate(QDate(draft.action_date))
        self._select(self.officer_combo, draft.officer_id)
        if draft.officer_id is None and not self.officer_required:
            self.officer_combo.setCurrentIndex(0)
        self._select(self.programme_combo, draft.programme_id)
        self._select(self.kind_combo, draft.kind)
        self._select(self.outcome_combo, draft.outcome)
        self.hours_spin.setValue(draft.hours)
        self.notes_edit.setPlainText(draft.notes)
        self.group_check.setChecked(draft.is_group)
        self._show_group(draft.is_group)
        if draft.is_group:
            self.group_count_spin.setValue(draft.group_count or 0)
            self.group_label_edit.setText(draft.group_label)
        else:
            self.beneficiary_edit.set_choice(details.beneficiary)

    @staticmethod
    def _select(combo: QComboBox, value: object) -> None:
        """Select the item holding value; nothing (the user must choose) when it is not there."""
        combo.setCurrentIndex(combo.findData(value) if value is not None else -1)

    def _show_chosen(self, ref: object) -> None:
        self.chosen_label.setText(f"Action pour : {self.beneficiary_edit.text()}" if ref is not None else "")
        self.chosen_label.setVisible(ref is not None)
        self.revalidate()

    def _show_group(self, group: bool) -> None:
        self.beneficiary_edit.setEnabled(not group)
        for row in self._group_rows:
            self.form.setRowVisible(row, group)
        self.revalidate()

    def new_programme(self) -> None:
        name, ok = QInputDialog.getText(self, "Nouveau programme", "Nom du programme :")
        if not ok or not name.strip():
            return
        done, programme_id = run_command(self, add_programme, self.database, name)
        if done:
            announce(self, self.announces)  # saved already, whether or not the action is
            self.programme_combo.addItem(" ".join(name.split()), programme_id)
            self._select(self.programme_combo, programme_id)

