"""First start with no database: create an empty one, open the 2020 demo, or open a file."""

from enum import Enum, auto

from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomeChoice(Enum):
    NEW = auto()
    DEMO = auto()
    OPEN = auto()


class WelcomeDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Bienvenue dans Coorace Desktop")
        self.choice: WelcomeChoice | None = None
        intro = QLabel(
            "<h3>Bienvenue</h3><p>Aucune base de données n'est encore ouverte sur ce poste.<br>"
            "Que voulez-vous faire ?</p>"
        )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for text, choice in (
            ("Créer une &base vide", WelcomeChoice.NEW),
            ("Découvrir avec les données de &démonstration 2020", WelcomeChoice.DEMO),
            ("&Ouvrir un fichier existant…", WelcomeChoice.OPEN),
        ):
            button = QPushButton(text)
            button.setMinimumHeight(36)
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
            layout.addWidget(button)
        quit_button = QPushButton("&Quitter")
        quit_button.clicked.connect(self.reject)
        layout.addWidget(quit_button)

    def _choose(self, choice: WelcomeChoice) -> None:
        self.choice = choice
        self.accept()
