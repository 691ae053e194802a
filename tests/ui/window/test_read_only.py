"""A read-only database is one application state: the title says so once, nothing offers to
write, and opening a database (read-only or not) writes nothing."""

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from coorace_desktop.domain.events import EventKind
from coorace_desktop.services.members.organisations import get_organisation
from coorace_desktop.storage.database import open_database
from coorace_desktop.ui.members.organisation_dialog import OrganisationDialog
from coorace_desktop.ui.widgets.app_state import READ_ONLY_HINT
from coorace_desktop.ui.widgets.table_tab import DataTable
from coorace_desktop.ui.window.backup_controller import DataSafety
from coorace_desktop.ui.window.main_window import TABS, MainWindow


def show_every_tab(window: MainWindow) -> list:
    return [window.show_tab(title) for title, _spec in TABS]


@pytest.fixture
def read_only_window(qtbot, demo_database, settings):
    window = MainWindow(open_database(demo_database.path, read_only=True), settings)
    qtbot.addWidget(window)
    window.safety = DataSafety(window, None)  # adds its File items (Restaurer… writes)
    window.show()
    return window


def test_the_title_says_read_only_once(read_only_window):
    assert read_only_window.windowTitle() == "demo.sqlite (lecture seule) — Coorace Desktop"


def test_no_table_offers_new_delete_or_another_writing_button(read_only_window):
    tabs = show_every_tab(read_only_window)
    tables = [table for tab in tabs for table in tab.findChildren(DataTable)]
    assert len(tables) >= 8, "every tab built, with its tables"
    for table in tables:
        assert not table.new_button.isEnabled() and not table.delete_button.isEnabled()
    governance = tabs[2]
    hidden = [governance.board_page.office_button, governance.board_page.national_button,
              governance.assemblies_page.elect_button, governance.staff_page.end_button,
              governance.profile_page.edit_button, tabs[3].actions_view.duplicate_button,
              tabs[3].holders_view.convert_button, tabs[3].territories_view.stage_button,
              tabs[3].territories_view.delete_stage_button,
              governance.board_page.seats.edit_button, governance.board_page.bureau.edit_button]
    assert [button.text() for button in hidden if button.isVisible()] == []


def test_the_file_menu_items_that_write_are_disabled(read_only_window):
    enabled = {action.text().replace("&", ""): action.isEnabled() for action in read_only_window.file_menu.actions()}
    assert enabled["Importer un tableur…"] is False and enabled["Restaurer une sauvegarde…"] is False
    assert enabled["Enregistrer une copie…"] and enabled["Ouvrir…"]  # reading and copying stay


def test_a_dialog_shows_the_record_but_cannot_save_it(qtbot, read_only_window):
    members = read_only_window.show_tab("Adhérents")
    row = members.table.model.row_at(0)
    dialog = OrganisationDialog(read_only_window.database, get_organisation(read_only_window.database, row.id), members)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.name_edit.text() == row.name
    assert not dialog.ok_button.isEnabled()
    assert dialog.general_error.text() == READ_ONLY_HINT
    assert dialog.buttons.button(dialog.buttons.StandardButton.Cancel).text() == "Fermer"
    dialog.name_edit.setText("Nouveau nom")
    dialog.accept()  # Enter, or a shortcut: refused as well
    assert get_organisation(read_only_window.database, row.id).name == row.name


def test_opening_every_tab_writes_nothing(qtbot, database, settings):
    """The Événements tab used to add the standard event kinds to a database on opening it."""
    window = MainWindow(database, settings)
    qtbot.addWidget(window)
    show_every_tab(window)
    QApplication.processEvents()
    with database.session() as session:
        assert session.execute(select(func.count()).select_from(EventKind)).scalar_one() == 0
