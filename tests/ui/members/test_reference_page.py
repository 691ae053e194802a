"""« Référentiel SIAE » driven as the office would: import the file, confirm a match, take over a
field (asked first), turn a prospect into a member."""

import pytest
from PySide6.QtCore import Qt

from coorace_desktop.services.members.organisations import get_organisation
from coorace_desktop.services.reference.matching import MatchState
from coorace_desktop.ui.members.tab import MembersTab
from tests.services.reference.fixtures import build_fixture, write_data_inclusion_json


@pytest.fixture
def page(qtbot, demo_database, tmp_path, boxes):
    fixture = build_fixture(demo_database)
    tab = MembersTab(demo_database)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    page = tab.show_reference()
    assert page.status_label.text().startswith("Aucun référentiel importé")
    page.import_files([write_data_inclusion_json(tmp_path / "structures.json", fixture.entries)])
    qtbot.waitUntil(lambda: page.overview.status is not None, timeout=20_000)
    assert boxes.informed[-1].startswith("2\u202f000 SIAE de data·inclusion, fichier du 30/11/2026")
    page.fixture, page.members_tab = fixture, tab
    return page


def select_first(table) -> object:
    table.view.selectRow(0)
    return table.current_row()


def test_the_models_pass_the_qt_model_tester(qtmodeltester, page):
    for table in (page.matches_table, page.differences_table, page.prospects_table):
        qtmodeltester.check(table.model)


def test_import_then_confirm_a_match(qtbot, page, boxes):
    assert page.tables.tabText(2) == f"SIAE non adhérentes ({len(page.fixture.prospects)})"
    assert "adhérents retrouvés (dont 24 à confirmer), 3 absents du référentiel" in page.status_label.text()
    page.state_filter.setCurrentIndex(page.state_filter.findData(MatchState.TO_CONFIRM.value))
    match = select_first(page.matches_table)
    assert match.state == MatchState.TO_CONFIRM and page.confirm_button.isEnabled()
    boxes.answer = False
    qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)
    assert get_organisation(page.database, match.id).siret == ""
    boxes.answer = True
    qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)
    assert f"Le SIRET {match.entry.siret} sera enregistré" in boxes.asked[-1] and "Indice : même nom" in boxes.asked[-1]
    assert get_organisation(page.database, match.id).siret == match.entry.siret
    assert match.id not in {m.id for m in page.overview.matches if m.state == MatchState.TO_CONFIRM}
    page.state_filter.setCurrentIndex(page.state_filter.findData(MatchState.ABSENT.value))
    assert page.matches_table.model.rowCount() == 3  # flagged, not deleted
    assert page.members_tab.table.model.rowCount() == 51


def test_reprendre_a_field_asks_then_replaces_that_field_only(qtbot, page, boxes):
    tables = page.tables
    tables.setCurrentWidget(page.differences_table)
    page.field_filter.setCurrentIndex(page.field_filter.findData("address"))
    difference = select_first(page.differences_table)
    before = get_organisation(page.database, difference.organisation_id)
    boxes.answer = False
    page.take_over_button.click()
    assert get_organisation(page.database, difference.organisation_id) == before, "nothing overwritten silently"
    assert boxes.asked[-1].startswith(f"Remplacer : adresse de « {difference.member} » ?")
    assert f"Dans le référentiel : {difference.reference}" in boxes.asked[-1]
    boxes.answer = True
    page.take_over_button.click()
    after = get_organisation(page.database, difference.organisation_id)
    assert after.sites[0].address == difference.reference.split(",")[0] and after.sites[0].phone == before.sites[0].phone
    assert difference.organisation_id not in {d.organisation_id for d in page.overview.differences if d.field == "address"}
    assert page.differences_table.model.rowCount() == len(page.fixture.moved) - 1


def test_creer_l_adherent_from_a_prospect(qtbot, page, boxes):
    page.tables.setCurrentWidget(page.prospects_table)
    page.department_filter.setCurrentIndex(page.department_filter.findData("48"))
    page.type_filter.setCurrentIndex(page.type_filter.findData("EI"))
    shown = page.prospects_table.model.rowCount()
    assert shown == sum(1 for e in page.fixture.prospects if e.postcode.startswith("48") and e.types == ("EI",))
    prospect = select_first(page.prospects_table)
    page.create_button.click()
    assert boxes.asked[-1].startswith(f"Créer l'adhérent « {prospect.name} » (EI,")
    assert page.prospects_table.model.rowCount() == shown - 1
    members = page.members_tab.table
    assert members.model.rowCount() == 52
    members.search_edit.setText(prospect.name)
    qtbot.waitUntil(lambda: members.model.rowCount() == 1, timeout=3000)
    row = members.model.row_at(0)
    assert (row.types_text, row.city, row.status.value) == ("EI", prospect.city, "active")


def test_the_page_is_reached_with_ctrl_tab_and_built_then(qtbot, demo_database):
    tab = MembersTab(demo_database)
    qtbot.addWidget(tab)
    tab.show()
    tab.activateWindow()
    tab.table.search_edit.setFocus()
    assert tab.reference_page is None
    # Structures, Cotisations, Référentiel SIAE: the second Ctrl+Tab reaches the page.
    qtbot.keyClick(tab.table.search_edit, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert tab.pages.currentWidget() is tab.fees_holder and tab.reference_page is None
    qtbot.keyClick(tab.fees_view.table.search_edit, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert tab.reference_page is not None and tab.pages.currentWidget() is tab.reference_holder
    assert tab.status_text() == "0 adhérent"
