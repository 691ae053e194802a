"""Pick a recorded person as you type, or name a new one: the same person is not typed twice.

Typing searches the shared persons (in SQL, a few names at a time) and offers them in a
completion list; choosing one links to that person. Text not chosen from the list names a new
person ("Prénom NOM"), and a hint says so, or says the name is already recorded."""

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit, QVBoxLayout, QWidget

from coorace_desktop.domain.governance_drafts import PersonRef, split_person_name
from coorace_desktop.domain.names import display_name, name_key
from coorace_desktop.domain.text import fold
from coorace_desktop.services.members.organisations import PersonChoice, find_persons
from coorace_desktop.storage.database import Database

SEARCH_DELAY_MS = 150
SHOWN = 15
HINT_STYLE = "color: #555;"


def choice_label(choice: PersonChoice) -> str:
    """'Isabelle CHATRY — i.chatry@inter-relais.asso.fr': the e-mail tells homonyms apart."""
    name = display_name(choice.first_name, choice.last_name)
    return f"{name} — {choice.email}" if choice.email else name


class PersonPicker(QWidget):
    """A person field; `person_ref()` is the recorded person chosen, or the new one typed."""

    changed = Signal()

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.person_id: int | None = None
        self._choices: dict[str, PersonChoice] = {}
        self.name_edit = QLineEdit(placeholderText="Tapez un nom pour chercher, ou Prénom NOM d'une nouvelle personne")
        self.name_edit.setAccessibleName("Personne")
        self.hint_label = QLabel(styleSheet=HINT_STYLE)
        self._model = QStringListModel(self)
        self.completer = QCompleter(self._model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.name_edit.setCompleter(self.completer)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self.name_edit.textEdited.connect(self._typed)
        self.completer.activated[str].connect(self.choose)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(self.name_edit)
        layout.addWidget(self.hint_label)
        self._update_hint()

    def set_person(self, person_id: int, name: str) -> None:
        self.person_id = person_id
        self.name_edit.setText(name)
        self._update_hint()
        self.changed.emit()

    def person_ref(self) -> PersonRef:
        if self.person_id is not None:
            return PersonRef(self.person_id)
        first_name, last_name = split_person_name(self.name_edit.text())
        return PersonRef(None, first_name, last_name)

    def is_empty(self) -> bool:
        return self.person_id is None and not self.name_edit.text().strip()

    def search_now(self) -> None:
        """Offer the recorded persons whose name holds every word typed."""
        text = self.name_edit.text()
        choices = find_persons(self.database, text, SHOWN) if fold(text) else []
        self._choices = {}
        for choice in choices:
            label = choice_label(choice)
            self._choices[label if label not in self._choices else f"{label} (n° {choice.id})"] = choice
        self._model.setStringList(list(self._choices))
        self._update_hint()
        if self._choices and self.name_edit.hasFocus():
            self.completer.complete()

    def proposals(self) -> list[str]:
        """The labels offered for what is typed, as the completer lists them."""
        return list(self._choices)

    def choose(self, label: str) -> None:
        choice = self._choices.get(label)
        if choice is not None:
            self.set_person(choice.id, display_name(choice.first_name, choice.last_name))

    def _typed(self, _text: str) -> None:
        self.person_id = None
        self._update_hint()
        self._timer.start()
        self.changed.emit()

    def _update_hint(self) -> None:
        """Say what saving will do with the text typed; nothing to say for a recorded person."""
        ref = self.person_ref()
        if self.person_id is not None or not ref.last_name:
            hint = ""
        elif any(name_key(c.first_name, c.last_name) == ref.name_key for c in self._choices.values()):
            hint = "Ce nom est déjà enregistré : choisissez la personne dans la liste."
        else:
            first = f"prénom « {ref.first_name} », " if ref.first_name else ""
            hint = f"Nouvelle personne : {first}nom « {ref.last_name.upper()} »."
        self.hint_label.setText(hint)
        self.hint_label.setVisible(bool(hint))
        self.name_edit.setToolTip("Personne déjà enregistrée." if self.person_id is not None else "")
