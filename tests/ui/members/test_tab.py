"""The Adhérents tab driven like a user would: search, filters, sort, create, edit, delete."""

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication

from coorace_desktop.ui.members.organisation_dialog import OrganisationDialog
from coorace_desktop.ui.members.tab import MembersTab
from coorace_desktop.ui.widgets.table_model import ROW_ROLE


@pytest.fixture
def tab(qtbot, demo_database):
    widget = MembersTab(demo_database)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    return widget


def column_values(tab, column: int) -> list[str]:
    model = tab.table.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def select_name(qtbot, tab, name: str) -> None:
    tab.table.search_edit.setText(name)
    qtbot.waitUntil(lambda: tab.table.model.rowCount() >= 1 and column_values(tab, 0)[0] == name, timeout=3000)
    tab.table.view.selectRow(0)
    tab.table.view.setFocus()


def in_next_dialog(qtbot, action):
    """Run `action(dialog)` on the modal dialog the next call opens."""
    done = []

    def act():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, OrganisationDialog):
            QTimer.singleShot(20, act)
            return
        # Active, as for a user: keys are matched against the active window's shortcuts.
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        action(dialog)
        done.append(dialog)

    QTimer.singleShot(0, act)
    return done


def test_the_model_passes_the_qt_model_tester(qtmodeltester, tab):
    qtmodeltester.check(tab.table.model)


def test_the_table_shows_every_column_in_french(tab):
    model = tab.table.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:8] == ["Nom", "Types", "Dépt", "Ville", "Téléphone", "E-mail", "Adhérent depuis", "Statut"]
    assert headers[8].startswith("Cotisation ")
    assert tab.status_text() == "51 structures"
    assert column_values(tab, 0)[0] == "AD'OC INTERIM"


def test_search_is_debounced_and_accent_insensitive(qtbot, tab):
    qtbot.keyClicks(tab.table.search_edit, "herisson")
    assert tab.table.model.rowCount() == 51, "nothing happens on each keystroke"
    qtbot.waitUntil(lambda: tab.table.model.rowCount() == 1, timeout=3000)
    assert column_values(tab, 0) == ["HERISSON BELLOR"]
    assert column_values(tab, 1) == ["ACI/EI"]


def test_filters_by_type_department_and_status(qtbot, tab):
    tab.type_filter.setCurrentIndex(tab.type_filter.findData("GES"))
    assert column_values(tab, 0) == ["IRISSE"]
    tab.type_filter.setCurrentIndex(0)
    tab.department_filter.setCurrentIndex(tab.department_filter.findData("82"))
    assert "AVIE" in column_values(tab, 0) and tab.department_filter.currentText() == "82 Tarn-et-Garonne"
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("former"))
    assert tab.table.model.rowCount() == 0


def test_clicking_a_header_sorts_in_sql(qtbot, tab):
    header = tab.table.view.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(3) + 5, 5))
    cities = column_values(tab, 3)
    assert tab.table.model.query.sort_key == "city"
    assert cities == sorted(cities, key=str.lower) or cities == sorted(cities, key=str.lower, reverse=True)
    tab.table.view.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    assert column_values(tab, 3)[0] == "Villemur-sur-Tarn"


def test_create_from_the_keyboard_alone(qtbot, tab):
    def type_and_save(dialog):
        qtbot.keyClicks(dialog.name_edit, "Nouvelle Regie")
        qtbot.keyClicks(dialog.sites.forms[0].postcode_edit, "75011")
        qtbot.keyClicks(dialog.sites.forms[0].city_edit, "Paris")
        qtbot.keyClick(dialog.sites.forms[0].city_edit, Qt.Key.Key_Return)

    done = in_next_dialog(qtbot, type_and_save)
    qtbot.keyClick(tab.table.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert done, "Ctrl+N opened the dialog"
    assert tab.status_text() == "52 structures"
    row = tab.table.current_row()
    assert (row.name, row.city, row.departments) == ("Nouvelle Regie", "Paris", ("75",))
    assert tab.department_filter.findData("75") > 0, "the new département joins the filter"


def test_enter_edits_the_selected_row(qtbot, tab):
    select_name(qtbot, tab, "CASTA")

    def rename(dialog):
        assert dialog.name_edit.text() == "CASTA"
        dialog.name_edit.setText("CASTA Alzen")
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)

    done = in_next_dialog(qtbot, rename)
    qtbot.keyClick(tab.table.view, Qt.Key.Key_Return)
    assert done
    tab.table.search_edit.setText("alzen")
    qtbot.waitUntil(lambda: column_values(tab, 0) == ["CASTA Alzen"], timeout=3000)


def test_delete_asks_with_what_goes_with_it(qtbot, tab, boxes):
    asked = boxes.asked
    select_name(qtbot, tab, "BATI +")
    qtbot.keyClick(tab.table.view, Qt.Key.Key_Delete)
    assert asked and "« BATI + »" in asked[0] and "1 site, 1 période d'adhésion" in asked[0]
    tab.table.search_edit.clear()
    qtbot.waitUntil(lambda: tab.status_text() == "50 structures", timeout=3000)


def test_delete_is_refused_while_the_board_refers_to_it(qtbot, tab, monkeypatch, boxes):
    shown = boxes.errors
    select_name(qtbot, tab, "AJE")
    qtbot.keyClick(tab.table.view, Qt.Key.Key_Delete)
    assert shown and shown[0].startswith("« AJE » ne peut pas être supprimé") and boxes.asked == []
    assert tab.table.model.data(tab.table.model.index(0, 0), ROW_ROLE).name == "AJE"


def test_column_widths_persist(qtbot, demo_database, settings):
    first = MembersTab(demo_database)
    qtbot.addWidget(first)
    first.table.view.setColumnWidth(0, 333)
    first.save_state(settings)
    second = MembersTab(demo_database)
    qtbot.addWidget(second)
    second.restore_state(settings)
    assert second.table.view.columnWidth(0) == 333


def test_an_empty_table_says_what_to_do_and_an_empty_search_says_so(qtbot, database, tab):
    new = MembersTab(database)
    qtbot.addWidget(new)
    new.show()
    assert new.table.empty_label.isVisible()
    assert new.table.empty_label.text() == "Aucun adhérent : Nouveau… ou Fichier > Importer un tableur… (Ctrl+I)."
    assert not tab.table.empty_label.isVisible(), "51 rows: nothing to say"
    tab.table.search_edit.setText("zzz")
    qtbot.waitUntil(lambda: tab.table.model.rowCount() == 0, timeout=3000)
    assert tab.table.empty_label.isVisible() and tab.table.empty_label.text() == "Aucun résultat pour « zzz »."
    new.type_filter.setCurrentIndex(1)
    assert new.table.empty_label.text() == "Aucun résultat avec ces filtres."
