"""A line edit that completes a beneficiary (member, project holder, territory) as you type,
accents aside: the matching is a SQL query per keystroke, so it stays quick on any directory."""

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QWidget

from coorace_desktop.domain.accompaniment_rules import BeneficiaryRef
from coorace_desktop.domain.text import fold
from coorace_desktop.services.accompaniment.actions import BeneficiaryChoice
from coorace_desktop.ui.widgets.search_edit import SearchEdit

SHOWN = 20


class BeneficiaryEdit(SearchEdit):
    """`ref` is the beneficiary picked from the list; typing anything else clears it."""

    chosen = Signal(object)

    def __init__(
        self, search: Callable[[str, int], Sequence[BeneficiaryChoice]], placeholder: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._search = search
        self._choices: dict[str, BeneficiaryChoice] = {}
        self.ref: BeneficiaryRef | None = None
        self.setPlaceholderText(placeholder or "Tapez quelques lettres du nom…")
        self.setClearButtonEnabled(True)
        self._model = QStringListModel(self)
        self.completer_ = QCompleter(self._model, self)
        # The query already filtered (accent-insensitively); Qt must not filter again by prefix.
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setMaxVisibleItems(12)
        self.completer_.setWidget(self)
        self.completer_.activated.connect(self._pick)
        self.completer_.popup().installEventFilter(self)  # after the completer's: this one runs first
        self.textEdited.connect(self._typed)

    def set_choice(self, choice: BeneficiaryChoice | None) -> None:
        """Show a beneficiary already chosen (an action being edited), or nothing."""
        self._choices = {choice.text: choice} if choice else {}
        self.ref = choice.ref if choice else None
        self.setText(choice.text if choice else "")
        self.chosen.emit(self.ref)

    def refresh_choice(self, lookup: Callable[[BeneficiaryRef], BeneficiaryChoice | None]) -> None:
        """Show the chosen beneficiary as the database now names it (renamed or deleted meanwhile)."""
        if self.ref is not None:
            self.set_choice(lookup(self.ref))

    def _typed(self, text: str) -> None:
        if self.ref is not None:
            self.ref = None
            self.chosen.emit(None)
        if not text.strip():
            self.completer_.popup().hide()
            return
        choices = self._search(text, SHOWN)
        self._choices = {choice.text: choice for choice in choices}
        self._model.setStringList(list(self._choices))
        if not choices:
            self.completer_.popup().hide()
            return
        self.completer_.complete()
        # Enter picks at once only the one proposal, or the exact name ("valoris": VALORIS, not
        # LES RUDOVALORISTES); otherwise nothing is current and Enter moves into the list.
        popup = self.completer_.popup()
        if len(choices) == 1 or fold(choices[0].name) == fold(text):
            popup.setCurrentIndex(self.completer_.completionModel().index(0, 0))
        else:
            popup.setCurrentIndex(QModelIndex())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the proposals with none current selects the first (arrows then move; Enter
        picks) instead of closing the list with nothing chosen."""
        popup = self.completer_.popup()
        if (
            watched is popup
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not popup.currentIndex().isValid()
        ):
            popup.setCurrentIndex(self.completer_.completionModel().index(0, 0))
            return True
        return super().eventFilter(watched, event)

    def keeps_enter(self) -> bool:
        # Enter before a beneficiary is picked belongs to the field: it must not save the form. With
        # the list open it is the completer's, which picks the current proposal; once picked, it saves.
        return self.ref is None and not self.completer_.popup().isVisible()

    def _pick(self, text: str) -> None:
        choice = self._choices.get(text)
        if choice is None:
            return
        self.setText(choice.text)
        self.ref = choice.ref
        self.chosen.emit(self.ref)
