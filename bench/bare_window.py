"""The baseline of the cold start: a bare PySide6 QMainWindow with five empty tabs; at its first
paint, the same marker as the application's COORACE_EXIT_AFTER_SHOW hook (app.py), then quit.
With --import-sqlmodel it imports sqlmodel first: the floor of any SQLModel application, which
the members table filled is compared with.

Run: .venv/bin/python bench/bare_window.py [--import-sqlmodel] (bench/run.py starts it as a subprocess)."""

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget

SHOWN_MARKER = "coorace-desktop: main window shown"  # app.py's, not imported: the baseline loads no application code


def main() -> int:
    if "--import-sqlmodel" in sys.argv:
        import sqlmodel  # noqa: F401
    app = QApplication(sys.argv)
    window = QMainWindow()
    tabs = QTabWidget(documentMode=True)
    for title in ("Adhérents", "Gouvernance", "Accompagnements", "Événements", "Rapports"):
        tabs.addTab(QWidget(), title)
    window.setCentralWidget(tabs)
    window.menuBar().addMenu("&Fichier")
    window.statusBar().showMessage("Prêt")
    window.resize(1200, 760)
    window.installEventFilter(QuitWhenPainted(window))
    window.show()
    return app.exec()


class QuitWhenPainted(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, shown)
        return False


def shown() -> None:
    print(SHOWN_MARKER, flush=True)
    QApplication.quit()


if __name__ == "__main__":
    sys.exit(main())
