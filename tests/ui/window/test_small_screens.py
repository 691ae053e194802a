"""The window and its dialogs on a 1024x600 screen (netbooks, projectors) and at 1366x768."""

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QDialog

from coorace_desktop.services.governance.lists import ON
from coorace_desktop.services.members.organisations import get_organisation
from coorace_desktop.ui.events.event_dialog import EventDialog
from coorace_desktop.ui.governance.election_dialog import ElectionDialog
from coorace_desktop.ui.governance.tab import SEAT_ALERT, SEAT_NAMES
from coorace_desktop.ui.importing.dialog import ImportWizard
from coorace_desktop.ui.members.organisation_dialog import OrganisationDialog
from coorace_desktop.ui.privacy.dialog import PrivacyDialog
from coorace_desktop.ui.widgets.screen_fit import UNDECORATED_FRAME
from coorace_desktop.ui.window.main_window import MainWindow

SMALL = QRect(0, 0, 1024, 600)


@pytest.fixture
def window(qtbot, demo_database, settings):
    window = MainWindow(demo_database, settings)
    qtbot.addWidget(window)
    window.demo_banner.show()  # the tallest case: the demo's banner takes a line
    window.show()
    for index in range(window.tabs.count()):  # every tab built: each weighs on the minimum size
        window.tabs.setCurrentIndex(index)
    return window


def test_the_window_fits_1024x600_whichever_tab_is_shown(window, qtbot):
    assert window.minimumSizeHint().width() <= 1000
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        window.resize(1024, 600)
        qtbot.wait(10)
        assert (window.width(), window.height()) == (1024, 600), window.tabs.tabText(index)


def test_the_board_goes_below_when_narrow_and_beside_when_wide(window, qtbot):
    board = window.show_tab("Gouvernance").board_page
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: board.splitter.orientation() == Qt.Orientation.Vertical)
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: board.splitter.orientation() == Qt.Orientation.Horizontal)


def test_names_get_the_board_table_s_width_before_the_alert(window, qtbot):
    board = window.show_tab("Gouvernance").board_page
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: board.splitter.orientation() == Qt.Orientation.Horizontal)
    board.seats.model.set_filter(ON, board.seats.model.row_at(0).start_on)  # the demo's board
    view = board.seats.view
    assert board.seats.model.rowCount() > 10
    for column in SEAT_NAMES:  # ENTRAIDE PARTAGE TRAVAIL, Marie-Françoise CABAL-SCHNEIDER: whole
        assert view.columnWidth(column) >= view.sizeHintForColumn(column), board.seats.model.headerData(column, Qt.Orientation.Horizontal)
    alert_width = max(view.sizeHintForColumn(SEAT_ALERT), view.horizontalHeader().sectionSizeHint(SEAT_ALERT))
    assert view.columnWidth(SEAT_ALERT) <= alert_width


@pytest.fixture
def small_screen(monkeypatch):
    """Every screen is a 1024x600 one for the code asking (ui/widgets/screen_fit.py)."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda screen: QRect(SMALL))


def member_dialog(database):
    return OrganisationDialog(database, get_organisation(database, 1))


def attendance_dialog(database):
    from coorace_desktop.ui.events.attendance_dialog import AttendanceDialog
    from tests.attendance_scenario import make_training

    return AttendanceDialog(database, make_training(database).event_id)


@pytest.mark.parametrize(
    "make",
    [member_dialog, lambda database: EventDialog(database), lambda database: ElectionDialog(database),
     lambda database: ImportWizard(database), lambda database: PrivacyDialog(database), attendance_dialog],
    ids=["member", "event", "election", "import", "privacy", "attendance"],
)
def test_dialogs_open_within_the_available_screen(qtbot, demo_database, small_screen, make):
    dialog: QDialog = make(demo_database)
    qtbot.addWidget(dialog)
    dialog.show()
    # Qt itself places the dialog on the real screen, inside it when it is small enough.
    frame = dialog.size() + UNDECORATED_FRAME  # + a title bar
    assert frame.width() <= SMALL.width() and frame.height() <= SMALL.height(), (dialog.windowTitle(), dialog.size())
