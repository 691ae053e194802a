"""The user guide: a page per tab, shipped with the application; F1 opens the tab's page."""

import re

import pytest
from PySide6.QtCore import Qt

from coorace_desktop.ui.window.help_window import INDEX_PAGE, PAGE_SEPARATOR, TAB_PAGES, help_folder
from coorace_desktop.ui.window.main_window import TABS, MainWindow


def test_every_tab_has_its_page_and_every_link_leads_somewhere():
    assert {key.split(PAGE_SEPARATOR)[0] for key in TAB_PAGES} == {title for title, _spec in TABS}
    pages = {path.name: path.read_text(encoding="utf-8") for path in help_folder().glob("*.html")}
    assert INDEX_PAGE in pages and set(TAB_PAGES.values()) <= set(pages)
    for name, text in pages.items():
        for link in re.findall(r'href="([^"#]+)"', text):
            assert link in pages, f"{name} links to {link}"


@pytest.fixture
def window(qtbot, demo_database, settings):
    window = MainWindow(demo_database, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


def test_f1_opens_the_guide_at_the_tab_shown(window, qtbot):
    window.show_tab("Gouvernance")
    qtbot.keyClick(window.tabs, Qt.Key.Key_F1)
    assert window.help_window is not None and window.help_window.isVisible()
    assert window.help_window.page() == "gouvernance.html"
    assert "Après une assemblée générale" in window.help_window.browser.toPlainText()
    window.show_tab("Rapports")
    qtbot.keyClick(window.tabs, Qt.Key.Key_F1)
    assert window.help_window.page() == "rapports.html"
    window.help_window.contents_button.click()
    assert window.help_window.page() == INDEX_PAGE
    window.help_window.back_button.click()
    assert window.help_window.page() == "rapports.html"


def test_f1_on_the_cotisations_page_opens_its_own_page(window, qtbot):
    members = window.show_tab("Adhérents")
    members.show_fees()
    qtbot.keyClick(window.tabs, Qt.Key.Key_F1)
    assert window.help_window.page() == "cotisations.html"
    text = window.help_window.browser.toPlainText()
    assert all(word in text for word in ("Le barème", "Les appels", "Les paiements", "Les relances", "Les reçus", "Payée partiellement"))
    members.pages.setCurrentIndex(0)  # back on Structures: the tab's page
    qtbot.keyClick(window.tabs, Qt.Key.Key_F1)
    assert window.help_window.page() == "adherents.html"
