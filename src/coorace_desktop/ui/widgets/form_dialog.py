"""The form dialog every editor shares: fields with their error shown beneath them once left (or
once a save was tried), OK disabled until the form is valid, closing only once the service
command succeeded, and never throwing typed changes away without asking."""

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QTextEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from coorace_desktop.storage.errors import user_message
from coorace_desktop.ui.widgets import messages
from coorace_desktop.ui.widgets.app_state import READ_ONLY_HINT, Area, announce, is_read_only
from coorace_desktop.ui.widgets.screen_fit import VerticalScrollArea, fit_to_screen

ERROR_STYLE = "color: #b00020;"
# A field's own refusal of what is typed in it (a date that does not exist), held as this Qt
# property of the widget and signalled by its editingFinished: it shows as the field's error.
INPUT_ERROR = "input_error"
HINT_STYLE = "color: #5f6368;"


class FormDialog(QDialog):
    """Subclasses add fields with add_field(), and give:
    values() -> a typed draft; validate(draft) -> {field name: French message} (a pure domain
    function); save(draft) -> the service command's result, kept in self.result_value; and
    `announces`, the areas a save changes (the window refreshes the tabs showing them). On a
    read-only database Enregistrer stays disabled."""

    announces: frozenset[Area] = frozenset()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.result_value: Any = None
        self._errors: dict[str, QLabel] = {}
        self._fields: dict[str, list[QWidget]] = {}  # the widgets of each field, to know when it is left
        self._touched: set[str] = set()
        self._save_tried = False  # once tried, every error shows
        self._pristine: Any = None  # values() as the form opened; anything else asks before a discard
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.general_error = QLabel(wordWrap=True, styleSheet=ERROR_STYLE)
        self.general_error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Enregistrer")
        self.ok_button.setDefault(True)
        # Enter must never mean Cancel: while OK is disabled Qt would fall back on the next
        # auto-default button, and a typed record would be thrown away.
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # The fields scroll when the screen is too short for them (1024x600); the buttons stay.
        body = QWidget()
        self.body = QVBoxLayout(body)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.addLayout(self.form)
        layout = QVBoxLayout(self)
        layout.addWidget(VerticalScrollArea(body), 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        QApplication.instance().focusChanged.connect(self._focus_moved)

    # -- building
    def add_field(self, name: str, label: str, widget: QWidget, form: QFormLayout | None = None) -> QWidget:
        """Add a labelled field whose error (key `name` in validate()'s result) shows beneath it; a
        mnemonic in the label (« &Montant ») puts the focus in the field (in a container: on its
        own focus proxy)."""
        error = QLabel(wordWrap=True, styleSheet=ERROR_STYLE)
        error.hide()
        # The box takes the row's whole width, so the error reads on one line beneath a narrow
        # combo instead of wrapping into a height the form never gives it; the widget keeps its size.
        box = QWidget(sizePolicy=QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred))
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        grows = widget.sizePolicy().horizontalPolicy().value & QSizePolicy.PolicyFlag.ExpandFlag.value
        column.addWidget(widget, 0, Qt.AlignmentFlag(0) if grows else Qt.AlignmentFlag.AlignLeft)
        column.addWidget(error)
        form = form or self.form
        form.addRow(label, box)
        if "&" in label:  # Qt made the box its buddy, which takes no focus
            form.labelForField(box).setBuddy(widget.focusProxy() or widget)
        self._errors[name] = error
        self.watch(box, name)
        self.watch(widget)
        return widget

    def watch(self, widget: QWidget, name: str = "") -> None:
        """Revalidate whenever the widget changes; name: the field it belongs to, whose error shows
        once the user leaves it."""
        if name:
            self._fields.setdefault(name, []).append(widget)
        for signal_name in _CHANGE_SIGNALS.get(_kind(widget), ()):
            getattr(widget, signal_name).connect(lambda *_args: self.revalidate())

    def _focus_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        """The field the focus left is touched: its error may show now, not while it is typed."""
        if old is None or not self.isAncestorOf(old):
            return
        for name, widgets in self._fields.items():
            if any(_within(old, widget) for widget in widgets) and not any(_within(new, widget) for widget in widgets):
                self._touched.add(name)
                self.revalidate()
                return

    # -- to provide
    def values(self) -> Any:
        raise NotImplementedError

    def validate(self, draft: Any) -> Mapping[str, str]:
        raise NotImplementedError

    def save(self, draft: Any) -> Any:
        raise NotImplementedError

    def field_error(self, name: str) -> str:
        """The message shown beneath the field `name`, '' when none is shown."""
        label = self._errors[name]
        return "" if label.isHidden() else label.text()

    # -- behaviour
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if is_read_only(self):  # nothing to cancel: the dialog only shows the record
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Fermer")
        if self._pristine is None:
            self._pristine = self.values()
            fit_to_screen(self)
            if self.focusWidget() is None:
                self._focus_first_field()
        self.revalidate()

    def _focus_first_field(self) -> None:
        """A form opens on its first field, not on its buttons (created first, so first in the
        Tab chain), unless the subclass chose another field."""
        for widgets in self._fields.values():
            for widget in widgets:
                for candidate in (widget, *widget.findChildren(QWidget)):
                    if candidate.focusPolicy() & Qt.FocusPolicy.TabFocus and candidate.isEnabled() and candidate.isVisibleTo(self):
                        candidate.setFocus(Qt.FocusReason.OtherFocusReason)
                        return

    def is_modified(self) -> bool:
        return self._pristine is not None and self.values() != self._pristine

    def reject(self) -> None:
        """Échap, Annuler and closing the window come here: typed changes are not lost unasked."""
        if self.is_modified() and not ask_discard(self):
            return
        super().reject()

    def is_shown(self, key: str) -> bool:
        """Whether the error of field `key` may show: the field was left, or a save was tried."""
        return self._save_tried or key in self._touched or (key == "" and bool(self._touched))

    def revalidate(self) -> Mapping[str, str]:
        refused = self._refused_entries()  # a whole entry refused: shown at once, not when left
        errors = {**self.validate(self.values()), **refused}
        for name, label in self._errors.items():
            message = errors.get(name, "")
            label.setText(message)
            label.setVisible(bool(message) and (self.is_shown(name) or name in refused))
        general = errors.get("", "")
        if any(self.is_shown(key) for key in errors):
            self.general_error.setStyleSheet(ERROR_STYLE)
            self.general_error.setText(general)
            self.general_error.setVisible(bool(general) and self.is_shown(""))
        else:
            # Nothing typed wrong yet, but the form is incomplete: say what is missing, so a
            # disabled "Enregistrer" is never a riddle.
            self.general_error.setStyleSheet(HINT_STYLE)
            self.general_error.setText(f"Pour enregistrer : {next(iter(errors.values()))}" if errors else "")
            self.general_error.setVisible(bool(errors))
        if is_read_only(self):
            self.general_error.setStyleSheet(HINT_STYLE)
            self.general_error.setText(READ_ONLY_HINT)
            self.general_error.show()
        self.ok_button.setEnabled(not errors and not is_read_only(self))
        self.ok_button.setDefault(not errors)
        return errors

    def _refused_entries(self) -> dict[str, str]:
        return {
            name: edit.property(INPUT_ERROR)
            for name, widgets in self._fields.items()
            for widget in widgets
            for edit in (widget, *widget.findChildren(QDateEdit))
            if isinstance(edit, QDateEdit) and edit.property(INPUT_ERROR)
        }

    def accept(self) -> None:
        self._save_tried = True
        if self.revalidate() or is_read_only(self):
            return
        try:
            self.result_value = self.save(self.values())
        except Exception as error:
            message = user_message(error)
            if message is None:
                raise
            messages.show_error(self, message)
            return
        announce(self, self.announces)
        super().accept()


def ask_discard(parent: QWidget) -> bool:
    """« Abandonner les modifications ? »: True to throw them away; the default keeps typing."""
    return messages.choose(
        parent, parent.windowTitle(), "Abandonner les modifications ?", "Ce qui a été saisi dans ce formulaire sera perdu.",
        "Abandonner", "Continuer la saisie", role=QMessageBox.ButtonRole.DestructiveRole,
    )


def _within(widget: QWidget | None, container: QWidget) -> bool:
    return widget is not None and (widget is container or container.isAncestorOf(widget))


def _kind(widget: QWidget) -> type:
    for kind in _CHANGE_SIGNALS:
        if isinstance(widget, kind):
            return kind
    return QWidget


_CHANGE_SIGNALS: dict[type, tuple[str, ...]] = {
    QLineEdit: ("textChanged",),
    QPlainTextEdit: ("textChanged",),
    QTextEdit: ("textChanged",),
    QComboBox: ("currentIndexChanged", "editTextChanged"),
    QDateEdit: ("dateChanged", "editingFinished"),
    QTimeEdit: ("timeChanged",),
    QSpinBox: ("valueChanged",),
    QDoubleSpinBox: ("valueChanged",),
    QAbstractButton: ("toggled",),
    QGroupBox: ("toggled",),  # a checkable group (an optional section of the form)
}
