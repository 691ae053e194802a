"""The change signal: a save in one tab shows in every other tab that names the same data,
without any manual refresh; tabs not shown wait until they are."""

from datetime import date

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from coorace_desktop.services.accompaniment.actions import beneficiary_choice, search_beneficiaries
from coorace_desktop.ui.members.organisation_dialog import OrganisationDialog
from coorace_desktop.ui.widgets import worker
from coorace_desktop.ui.widgets.app_state import Area, announce
from coorace_desktop.ui.window.main_window import MainWindow

END_OF_2020 = date(2020, 12, 31)


@pytest.fixture
def window(qtbot, demo_database, settings):
    window = MainWindow(demo_database, settings)
    qtbot.addWidget(window)
    window.show()
    return window


def column(table, number: int) -> list[str]:
    model = table.model
    return [model.data(model.index(row, number)) for row in range(model.rowCount())]


def rename_in_members_tab(qtbot, window, old: str, new: str) -> None:
    members = window.show_tab("Adhérents")
    members.table.search_edit.setText(old)
    qtbot.waitUntil(lambda: column(members.table, 0) == [old], timeout=3000)
    members.table.view.selectRow(0)

    def rename() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, OrganisationDialog):
            QTimer.singleShot(20, rename)
            return
        dialog.name_edit.setText(new)
        dialog.accept()

    QTimer.singleShot(0, rename)
    members.table.edit_current()
    assert column(members.table, 0) == [new]


def test_a_rename_in_members_shows_in_governance_and_in_the_beneficiary_filter(qtbot, window, demo_database):
    governance = window.show_tab("Gouvernance")
    governance.board_page.show_date(END_OF_2020)
    assert "CHORUS" in column(governance.board_page.seats, 0)
    accompaniment = window.show_tab("Accompagnements")
    beneficiary = accompaniment.actions_view.beneficiary_filter
    [chorus] = search_beneficiaries(demo_database, "CHORUS", 5)
    beneficiary.set_choice(beneficiary_choice(demo_database, chorus.ref))
    assert beneficiary.text() == "CHORUS (Adhérent)"

    rename_in_members_tab(qtbot, window, "CHORUS", "CHORUS OCCITANIE")

    governance = window.show_tab("Gouvernance")
    seats = column(governance.board_page.seats, 0)
    assert "CHORUS OCCITANIE" in seats and "CHORUS" not in seats
    accompaniment = window.show_tab("Accompagnements")
    assert beneficiary.text() == "CHORUS OCCITANIE (Adhérent)"
    assert beneficiary.ref == chorus.ref  # still filtering on the same organisation


def test_a_tab_not_shown_refreshes_when_shown_and_the_shown_one_at_once(qtbot, window, monkeypatch):
    governance = window.show_tab("Gouvernance")
    events = window.show_tab("Événements")
    refreshed = []
    monkeypatch.setattr(governance, "refresh", lambda: refreshed.append("governance"))
    monkeypatch.setattr(events, "refresh", lambda: refreshed.append("events"))
    announce(window, {Area.GOVERNANCE})
    assert refreshed == []  # Gouvernance is hidden, Événements does not read governance
    announce(window, {Area.MEMBERS})
    assert refreshed == ["events"]  # shown: at once
    window.show_tab("Gouvernance")
    assert refreshed == ["events", "governance"]  # once, for both announcements
    window.show_tab("Événements")
    assert refreshed == ["events", "governance"]


def test_tabs_are_built_when_first_shown(window):
    assert window.tab(0) is not None  # the one shown at start
    assert all(window.tab(index) is None for index in range(1, window.tabs.count()))
    window.tabs.setCurrentIndex(4)
    assert window.tab(4).title == "Événements"


def test_a_background_job_announces_once_it_succeeded(qtbot, window, monkeypatch):
    heard = []
    window.app_state.changed.connect(lambda areas, source: heard.append(set(areas)))
    monkeypatch.setattr(worker, "handle_unexpected", lambda *args: None)  # the bug dialog, not wanted here

    def fail(_progress):
        raise ValueError("bug")

    for job in (fail, lambda _progress: 1):
        worker.run_in_background(window, "…", job, lambda _: None, announces=frozenset({Area.EVENTS}))
        qtbot.waitUntil(lambda: not worker.BackgroundJob.any_running())
    assert heard == [{Area.EVENTS}]  # the failed job changed nothing, so said nothing
