"""The user guide (resources/help/*.html, in French) in a window of its own; F1 opens the page of
the tab shown (or of its page shown, when that has one of its own)."""

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from coorace_desktop.resources import resource
from coorace_desktop.ui.widgets.screen_fit import fit_to_screen

INDEX_PAGE = "index.html"
# The page of each tab (titles as in main_window.TABS), and of a tab's page (« tab › page ») that
# has its own; any other shows the contents.
PAGE_SEPARATOR = " › "
TAB_PAGES = {
    "Tableau de bord": "tableau-de-bord.html",
    "Adhérents": "adherents.html",
    "Adhérents › Cotisations": "cotisations.html",
    "Gouvernance": "gouvernance.html",
    "Accompagnements": "accompagnements.html",
    "Événements": "evenements.html",
    "Rapports": "rapports.html",
}


def help_folder():
    return resource("help")


class HelpWindow(QWidget):
    """A browser over the guide's pages, with back and contents; kept open beside the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Guide de Coorace Desktop")
        self.browser = QTextBrowser(openExternalLinks=True)
        self.browser.setSearchPaths([str(help_folder())])
        self.back_button = QPushButton("◀ &Précédent")
        self.contents_button = QPushButton("&Sommaire")
        self.close_button = QPushButton("&Fermer")
        buttons = QHBoxLayout()
        for button in (self.back_button, self.contents_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.browser, 1)
        self.back_button.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.back_button.setEnabled(False)
        self.contents_button.clicked.connect(lambda: self.show_page(INDEX_PAGE))
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence.StandardKey.Cancel, self, self.close)
        self.resize(760, 640)
        fit_to_screen(self)

    def show_page(self, page: str) -> None:
        self.browser.setSource(QUrl(page))
        self.show()
        self.raise_()
        self.activateWindow()

    def page(self) -> str:
        return self.browser.source().fileName()


def page_for_tab(title: str) -> str:
    """The page of « Adhérents › Cotisations », else of its tab « Adhérents », else the contents."""
    return TAB_PAGES.get(title) or TAB_PAGES.get(title.split(PAGE_SEPARATOR)[0], INDEX_PAGE)
