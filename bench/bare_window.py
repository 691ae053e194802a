"""The baseline of the cold start: a bare PySide6 QMainWindow with five empty tabs, shown and
painted once, then the same marker as the application's COORACE_EXIT_AFTER_SHOW hook (app.py).

Run: .venv/bin/python bench/bare_window.py (bench/run.py starts it as a subprocess)."""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget

SHOWN_MARKER = "coorace-desktop: main window shown"  # app.py's, not imported: the baseline loads no application code


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    tabs = QTabWidget(documentMode=True)
    for title in ("Adhérents", "Gouvernance", "Accompagnements", "Événements", "Rapports"):
        tabs.addTab(QWidget(), title)
    window.setCentralWidget(tabs)
    window.menuBar().addMenu("&Fichier")
    window.statusBar().showMessage("Prêt")
    window.resize(1200, 760)
    window.show()

    def shown() -> None:
        window.repaint()
        print(SHOWN_MARKER, flush=True)
        app.quit()

    QTimer.singleShot(0, shown)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
