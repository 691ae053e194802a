"""Start with no database to reopen: a recent file, a new empty base, the 2020 demo, or a file."""

from enum import Enum, auto
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from coorace_desktop.ui.widgets.screen_fit import fit_to_screen


class WelcomeChoice(Enum):
    RECENT = auto()
    NEW = auto()
    DEMO = auto()
    OPEN = auto()


class WelcomeDialog(QDialog):
    """`choice` once accepted; with RECENT, `path` is the file picked in the list."""

    def __init__(self, recent: list[Path] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Bienvenue dans Coorace Desktop")
        self.choice: WelcomeChoice | None = None
        self.path: Path | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h3>Bienvenue</h3><p>Quelle base de données ouvrir ?</p>"))
        self.recent_list = QListWidget()
        self.recent_list.setAccessibleName("Fichiers récents")
        for path in recent:
            item = QListWidgetItem(f"{path.name}  —  {path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.recent_list.addItem(item)
        self.recent_list.itemActivated.connect(self._open_recent)
        if recent:
            layout.addWidget(QLabel("Fichiers &récents (Entrée ou double-clic pour ouvrir) :", buddy=self.recent_list))
            layout.addWidget(self.recent_list)
            self.recent_list.setCurrentRow(0)
        else:
            self.recent_list.hide()
        for text, choice in (
            ("Créer une &base vide", WelcomeChoice.NEW),
            ("Découvrir avec les données de &démonstration 2020", WelcomeChoice.DEMO),
            ("&Ouvrir un fichier existant…", WelcomeChoice.OPEN),
        ):
            button = QPushButton(text, autoDefault=False)
            button.setMinimumHeight(36)
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
            layout.addWidget(button)
        quit_button = QPushButton("&Quitter", autoDefault=False)
        quit_button.clicked.connect(self.reject)
        layout.addWidget(quit_button)
        (self.recent_list if recent else self).setFocus()
        # Wide enough for a file's folder (the whole path is the item's tooltip), within the screen.
        self.resize(max(self.sizeHint().width(), 560), self.sizeHint().height())
        fit_to_screen(self)

    def _open_recent(self, item: QListWidgetItem) -> None:
        self.path = Path(item.data(Qt.ItemDataRole.UserRole))
        self._choose(WelcomeChoice.RECENT)

    def _choose(self, choice: WelcomeChoice) -> None:
        self.choice = choice
        self.accept()
