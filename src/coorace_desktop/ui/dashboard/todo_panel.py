"""« À faire »: each line what needs doing with its count, and a link to the tab where it is done
(the backup line points to the File menu instead)."""

from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from coorace_desktop.storage.database import Database
from coorace_desktop.ui.widgets.app_state import Area, open_area
from coorace_desktop.ui.widgets.worker import LatestRead

if TYPE_CHECKING:
    from coorace_desktop.services.dashboard.todo import TodoLine


class TodoPanel(QFrame):
    def __init__(self, database: Database, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent, frameShape=QFrame.Shape.StyledPanel)
        self.database, self.today = database, today
        self.lines: list[TodoLine] = []
        self.reads = LatestRead(self, self._show)
        self.rows = QGridLayout()
        self.rows.setColumnStretch(0, 1)
        self.waiting_label = QLabel("Lecture…")
        self.rows.addWidget(self.waiting_label, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(QLabel("<b>À faire</b>"))
        layout.addLayout(self.rows)
        layout.addStretch(1)

    def refresh(self) -> None:
        """Read the lines in a thread (the report's Vérifier behind them takes 0.1-0.5 s on a large
        database); the newest read wins when the database changed meanwhile."""
        self.reads.start(partial(_read, self.database, self.today))

    def _show(self, lines: list["TodoLine"]) -> None:
        self.lines = lines
        while self.rows.count():
            self.rows.takeAt(0).widget().deleteLater()
        for row, line in enumerate(self.lines):
            label = QLabel(("⚠ " if line.count else "✓ ") + line.text)
            label.setWordWrap(True)
            label.setEnabled(bool(line.count))  # nothing to do reads greyed, the ✓ says so without colour
            self.rows.addWidget(label, row, 0)
            if line.area is not None:
                button = QPushButton("Ouvrir")
                button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
                button.setAccessibleName(f"Ouvrir : {line.text}")
                button.clicked.connect(lambda _=False, line=line: open_area(self, Area(line.area), line.filters))
                self.rows.addWidget(button, row, 1)
            elif line.count:
                self.rows.addWidget(QLabel("Fichier > Enregistrer\nune copie…"), row, 1)


def _read(database: Database, today: date) -> list["TodoLine"]:
    # Imported in the thread: the report's Vérifier behind « À faire » costs ~0.2 s of imports.
    from coorace_desktop.services.dashboard.todo import todo_lines

    return todo_lines(database, today)
