"""The band above the tabs while the demonstration data is open: what is typed there belongs to
no delegation, so the way to one's own database is always one click away."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

BANNER_STYLE = "#demoBanner { background: #fff4d6; border-bottom: 1px solid #e0c27a; } QLabel { color: #5c3d00; }"


class DemoBanner(QWidget):
    def __init__(self, on_create, on_open, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demoBanner")
        self.setStyleSheet(BANNER_STYLE)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.text_label = QLabel(
            "<b>Données de démonstration 2020.</b> Ce qui est saisi ici ne concerne aucune délégation réelle.",
            wordWrap=True,
        )
        self.create_button = QPushButton("Créer ma base…")
        self.open_button = QPushButton("Ouvrir…")
        # Out of the Tab chain, so the window does not open with the focus on « Créer ma base… »;
        # the keyboard has the same actions in the File menu.
        for button, tip in ((self.create_button, "Fichier > Nouvelle base… (Ctrl+Maj+N)"), (self.open_button, "Fichier > Ouvrir… (Ctrl+O)")):
            button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            button.setToolTip(tip)
        self.create_button.clicked.connect(on_create)
        self.open_button.clicked.connect(on_open)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.text_label, 1)
        layout.addWidget(self.create_button)
        layout.addWidget(self.open_button)
