"""The Accompagnements tab: quick entry with the keyboard, filters and totals, duplicate, the
summary, converting a project holder, TZCLD stage counts at a date."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication

from coorace_desktop.domain.accompaniment_rules import ActionDraft, BeneficiaryKind, BeneficiaryRef, ProjectHolderDraft
from coorace_desktop.domain.enums import ActionKind, ProjectHolderStatus, TerritoryStage
from coorace_desktop.services.accompaniment.actions import (
    action_details,
    create_action,
    officer_choices,
    programme_choices,
    search_beneficiaries,
)
from coorace_desktop.services.accompaniment.actions_list import PERIOD, YEAR, action_page, count_actions
from coorace_desktop.services.accompaniment.project_holders import create_project_holder, get_project_holder
from coorace_desktop.services.accompaniment.territories import create_territory
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.ui.accompaniment.action_dialog import ActionDialog
from coorace_desktop.ui.accompaniment.tab import AccompanimentTab
from coorace_desktop.ui.widgets.table_model import ROW_ROLE


def _ids(database):
    officers = {choice.name.split()[-1]: choice.id for choice in officer_choices(database)}
    programmes = {choice.name: choice.id for choice in programme_choices(database)}
    return officers, programmes


def _type_and_pick(qtbot, dialog: ActionDialog, text: str) -> None:
    """Type some letters, then Enter takes the first proposal of the completion list."""
    qtbot.keyClicks(dialog.beneficiary_edit, text)
    popup = dialog.beneficiary_edit.completer_.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def _answer_next_dialog(callback) -> None:
    """Act on the modal dialog that the code under test is about to open (exec() blocks)."""
    def act():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, act)
            return
        callback(dialog)
    QTimer.singleShot(0, act)


@pytest.fixture
def tab(qtbot, demo_database):
    widget = AccompanimentTab(demo_database)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    return widget


def test_quick_entry_with_the_keyboard_only(qtbot, demo_database):
    officers, programmes = _ids(demo_database)
    dialog = ActionDialog(demo_database, defaults=(officers["VERA"], programmes["Zest'"]))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.date_edit.date() == QDate.currentDate()
    assert dialog.officer_combo.currentText() == "Rosana VERA" and dialog.programme_combo.currentText() == "Zest'"
    assert dialog.focusWidget() is dialog.beneficiary_edit  # the one field always to type
    assert not dialog.ok_button.isEnabled()

    _type_and_pick(qtbot, dialog, "herisson")  # accent- and case-insensitive: HERISSON BELLOR
    assert dialog.beneficiary_edit.text() == "HERISSON BELLOR (Adhérent)"
    assert dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.beneficiary_edit, Qt.Key.Key_Tab)  # on to the kind, then hours
    qtbot.keyClick(dialog.hours_spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.hours_spin, "2,5")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.hours_spin, Qt.Key.Key_Return)

    [row] = action_page(demo_database, ListQuery(sort_key="date", descending=True), 0, 1)
    assert (row.beneficiary, row.officer, row.programme, row.hours, row.action_date) == (
        "HERISSON BELLOR", "Rosana VERA", "Zest'", 2.5, date.today()
    )


def test_a_date_typed_whole_is_saved_and_one_that_does_not_exist_is_not(qtbot, demo_database):
    """« 18/06/2021 » typed in the date kept only the day with Qt's own typing."""
    officers, programmes = _ids(demo_database)
    dialog = ActionDialog(demo_database, defaults=(officers["VERA"], programmes["Zest'"]))
    qtbot.addWidget(dialog)
    dialog.show()
    _type_and_pick(qtbot, dialog, "herisson")
    dialog.date_edit.setFocus()
    qtbot.keyClicks(dialog.date_edit, "31/02/2021")
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Return)  # refused: Enter does not save
    assert dialog.isVisible() and not dialog.ok_button.isEnabled()
    assert dialog.field_error("action_date") == "Date : « 31/02/2021 » n'est pas une date du calendrier."
    qtbot.keyClicks(dialog.date_edit, "18062021")
    assert dialog.revalidate() == {} and dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Return)
    assert action_details(demo_database, dialog.result_value).draft.action_date == date(2021, 6, 18)


def test_typing_over_a_pick_forgets_it(qtbot, demo_database):
    dialog = ActionDialog(demo_database)
    qtbot.addWidget(dialog)
    dialog.show()
    _type_and_pick(qtbot, dialog, "aje")
    assert dialog.beneficiary_edit.ref is not None
    qtbot.keyClicks(dialog.beneficiary_edit, "x")
    assert dialog.beneficiary_edit.ref is None
    assert "beneficiary" in dialog.revalidate()


def test_new_action_from_the_tab_remembers_officer_and_programme(qtbot, tab, demo_database):
    officers, programmes = _ids(demo_database)
    actions = tab.actions_view

    def fill(dialog):
        dialog.officer_combo.setCurrentIndex(dialog.officer_combo.findData(officers["POUJADE"]))
        dialog.programme_combo.setCurrentIndex(dialog.programme_combo.findData(programmes["TZCLD"]))
        dialog.group_check.setChecked(True)
        dialog.group_count_spin.setValue(3)
        dialog.group_label_edit.setText("équipes projet réunies")
        dialog.accept()

    _answer_next_dialog(fill)
    tab.activateWindow()  # Ctrl+N belongs to the table that has the focus
    actions.table.view.setFocus()
    qtbot.waitUntil(actions.table.view.hasFocus)
    qtbot.keyClick(actions.table.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert count_actions(demo_database, ListQuery()) == 11
    qtbot.waitUntil(lambda: actions.totals_label.text().startswith("11 actions"))  # totals follow the table

    seen = {}
    _answer_next_dialog(lambda dialog: (seen.update(officer=dialog.officer_combo.currentText(),
                                                    programme=dialog.programme_combo.currentText()), dialog.reject()))
    actions.new_action()
    assert seen == {"officer": "Céline POUJADE", "programme": "TZCLD"}


def test_filters_search_and_totals(qtbot, tab, demo_database):
    officers, programmes = _ids(demo_database)
    create_action(demo_database, ActionDraft(date(2021, 3, 2), officers["VERA"], programmes["Zest'"], ActionKind.TRAINING,
                                             BeneficiaryRef(BeneficiaryKind.ORGANISATION, 1), hours=4, notes="Visite à Pamiers"))
    view = tab.actions_view
    view.fill_filters()
    view.table.reload()
    model = view.table.model
    assert model.rowCount() == 11
    view.year_combo.setCurrentIndex(view.year_combo.findData(2020))
    assert model.rowCount() == 10
    qtbot.waitUntil(lambda: view.totals_label.text() == "10 actions · 81 bénéficiaires · 0 h")
    view.programme_combo.setCurrentIndex(view.programme_combo.findData(programmes["Évaluation CAP"]))
    assert model.rowCount() == 2
    view.year_combo.setCurrentIndex(0)
    view.programme_combo.setCurrentIndex(0)
    view.table.search_edit.setText("PAMIERS")
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    qtbot.waitUntil(lambda: view.totals_label.text() == "1 action · 1 bénéficiaire · 4 h")
    view.table.search_edit.clear()
    view.kind_combo.setCurrentIndex(view.kind_combo.findData(ActionKind.AUDIT.value))
    qtbot.waitUntil(lambda: model.rowCount() == 1 and model.query.search == "")
    assert model.index(0, 2).data() == "12 structures certifiées CEDRE ISO 9001 (dont Coorace Occitanie)"


def test_a_period_filters_the_actions_and_takes_the_years_place(qtbot, tab, demo_database):
    """A mission officer sees her week; a year and a period are never filtered on together."""
    officers, programmes = _ids(demo_database)
    today = date.today()
    for day in (today, today - timedelta(days=8), date(2020, 3, 10)):  # 8 days ago: always the week before
        create_action(demo_database, ActionDraft(day, officers["VERA"], programmes["Zest'"], ActionKind.TRAINING,
                                                 BeneficiaryRef(BeneficiaryKind.ORGANISATION, 1), hours=1))
    view = tab.actions_view
    view.refresh()
    model, selector = view.table.model, view.period_selector
    assert selector.chosen() is None and model.rowCount() == 13  # « Toutes les dates »
    selector.period_combo.setCurrentIndex(selector.period_combo.findData("week"))
    assert [model.row_at(row).action_date for row in range(model.rowCount())] == [today]
    qtbot.waitUntil(lambda: view.totals_label.text() == "1 action · 1 bénéficiaire · 1 h")
    selector.set_between(date(2020, 3, 1), date(2020, 3, 31))
    assert [model.row_at(row).action_date for row in range(model.rowCount())] == [date(2020, 3, 10)]
    view.year_combo.setCurrentIndex(view.year_combo.findData(2020))  # the year replaces the period
    assert selector.chosen() is None and selector.period_combo.currentText() == "Toutes les dates"
    assert model.query.filters == {YEAR: 2020} and model.rowCount() == 11
    selector.period_combo.setCurrentIndex(selector.period_combo.findData("month"))  # and the other way round
    assert view.year_combo.currentIndex() == 0 and set(model.query.filters) == {PERIOD}
    selector.set_all_dates()
    assert model.query.filters == {} and model.rowCount() == 13


def test_the_actions_model_is_a_sound_qt_model(qtmodeltester, tab):
    qtmodeltester.check(tab.actions_view.table.model)
    qtmodeltester.check(tab.holders_view.table.model)
    qtmodeltester.check(tab.territories_view.table.model)


def test_duplicate_keeps_everything_but_asks_for_an_officer(qtbot, tab, demo_database):
    officers, _ = _ids(demo_database)
    view = tab.actions_view
    view.table.view.selectRow(0)
    row = view.table.current_row()

    def copy(dialog):
        assert dialog.windowTitle() == "Dupliquer l'action"
        assert dialog.group_check.isChecked() and dialog.group_label_edit.text() == action_details(demo_database, row.id).draft.group_label
        assert not dialog.ok_button.isEnabled()  # a historical record named no officer: one is required now
        dialog.officer_combo.setCurrentIndex(dialog.officer_combo.findData(officers["ROUMEAU"]))
        dialog.accept()

    _answer_next_dialog(copy)
    qtbot.keyClick(view.table.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert count_actions(demo_database, ListQuery()) == 11
    assert count_actions(demo_database, ListQuery().with_filter("officer", officers["ROUMEAU"])) == 1


def test_the_summary_prints_the_report_figures(tab):
    tab.pages.setCurrentWidget(tab.summary_view)
    text = tab.summary_view.browser.toPlainText()
    for line in ("6 structures formées à la démarche Zest'", "26 structures accompagnées sur leurs projets",
                 "12 porteurs de projet conseillés",
                 "Au 31 décembre 2020 : 13 projets émergents et 23 territoires intéressés"):
        assert line in text
    assert tab.status_text() == ""


def test_the_summary_escapes_what_users_typed(qtbot, demo_database):
    officers, programmes = _ids(demo_database)
    create_action(demo_database, ActionDraft(date(2020, 5, 5), officers["VERA"], programmes["Zest'"], ActionKind.TRAINING,
                                             group_count=2, group_label="<b>ateliers</b> & co"))
    tab = AccompanimentTab(demo_database)
    qtbot.addWidget(tab)
    tab.show()
    tab.pages.setCurrentWidget(tab.summary_view)
    assert "2 <b>ateliers</b> & co" in tab.summary_view.browser.toPlainText()


def test_the_summary_is_computed_only_when_seen(qtbot, demo_database, monkeypatch):
    import coorace_desktop.ui.accompaniment.summary_view as summary_view

    years = []
    computed = summary_view.programme_summary
    monkeypatch.setattr(summary_view, "programme_summary", lambda database, year: years.append(year) or computed(database, year))
    tab = AccompanimentTab(demo_database)
    qtbot.addWidget(tab)
    tab.show()
    tab.actions_view.table.reload()  # the actions changed: the summary is out of date, not recomputed
    assert years == []
    tab.pages.setCurrentWidget(tab.summary_view)
    assert years == [2020]
    assert "Zest'" in tab.summary_view.browser.toPlainText()


def test_converting_a_project_holder(qtbot, tab, demo_database, boxes):
    holder_id = create_project_holder(demo_database, ProjectHolderDraft(name="Recyclerie des Causses", department="46"))
    view = tab.holders_view
    view.table.reload(holder_id)
    view.convert_button.click()
    assert get_project_holder(demo_database, holder_id).status == ProjectHolderStatus.CONVERTED
    row = view.table.model.index(0, 0).data(ROW_ROLE)
    assert (row.organisation, row.status) == ("Recyclerie des Causses", ProjectHolderStatus.CONVERTED)
    assert "Recyclerie des Causses (Adhérent)" in [choice.text for choice in search_beneficiaries(demo_database, "recyclerie", 5)]


@pytest.mark.parametrize(("actions", "said"), [
    (0, None),
    (1, "1 action d'accompagnement reste enregistrée et apparaît dans l'historique de l'adhérent."),
    (2, "2 actions d'accompagnement restent enregistrées et apparaissent dans l'historique de l'adhérent."),
])
def test_the_conversion_question_agrees_with_the_actions(qtbot, tab, demo_database, boxes, actions, said):
    """It read « Ses 1 action(s) d'accompagnement restent enregistrées »."""
    officers, programmes = _ids(demo_database)
    holder_id = create_project_holder(demo_database, ProjectHolderDraft(name="Recyclerie des Causses", department="46"))
    for day in range(1, actions + 1):
        create_action(demo_database, ActionDraft(date(2021, 3, day), officers["VERA"], programmes["Zest'"], ActionKind.TRAINING,
                                                 BeneficiaryRef(BeneficiaryKind.PROJECT_HOLDER, holder_id)))
    view = tab.holders_view
    view.table.reload(holder_id)
    boxes.answer = False
    view.convert_button.click()
    question = boxes.asked[0].split("\n\n")
    assert question[0] == "Créer l'adhérent « Recyclerie des Causses » à partir de ce porteur de projet ?"
    assert question[1:] == ([said] if said else [])


def test_stage_counts_at_a_chosen_date(qtbot, tab, demo_database):
    create_territory(demo_database, "Lodève", "34", TerritoryStage.INTERESTED, date(2019, 3, 1))
    view = tab.territories_view
    view.table.search_edit.setText("lodeve")
    qtbot.waitUntil(lambda: view.table.model.rowCount() == 1)
    view.table.view.selectRow(0)

    _answer_next_dialog(lambda dialog: (dialog.date_edit.setDate(QDate(2021, 6, 1)), dialog.accept()))
    view.stage_button.click()
    assert view.history_list.count() == 2 and "Projet émergent" in view.history_list.item(1).text()

    view.counts_date.setDate(QDate(2020, 12, 31))
    assert view.counts_label.text() == "Au 31 décembre 2020 : 13 projets émergents et 24 territoires intéressés."
    view.counts_date.setDate(QDate(2021, 6, 1))
    assert view.counts_label.text() == "Au 1 juin 2021 : 14 projets émergents et 23 territoires intéressés."


def test_enter_edits_a_historical_record_that_keeps_its_unknown_officer(qtbot, tab, demo_database):
    view = tab.actions_view
    view.table.view.setFocus()
    view.table.view.selectRow(0)
    row = view.table.current_row()

    def edit(dialog):
        assert dialog.windowTitle() == "Modifier l'action"
        assert dialog.officer_combo.currentText() == "Non renseigné (saisie récapitulative)"
        assert dialog.ok_button.isEnabled()
        dialog.hours_spin.setValue(12)
        dialog.accept()

    _answer_next_dialog(edit)
    qtbot.keyClick(view.table.view, Qt.Key.Key_Return)
    details = action_details(demo_database, row.id)
    assert details.draft.hours == 12 and details.draft.officer_id is None
    qtbot.waitUntil(lambda: view.totals_label.text().endswith("12 h"))


def test_deleting_a_stage_asks_first(qtbot, tab, demo_database, boxes):
    territory = create_territory(demo_database, "Millau", "12", TerritoryStage.INTERESTED, date(2019, 1, 1))
    view = tab.territories_view
    view.table.reload(territory)
    _answer_next_dialog(lambda dialog: dialog.accept())
    view.stage_button.click()
    assert view.history_list.count() == 2
    boxes.answers = [False, True]
    view.delete_stage_button.click()
    assert view.history_list.count() == 2
    view.delete_stage_button.click()
    assert view.history_list.count() == 1


def test_totals_wait_until_the_actions_table_is_painted(qtbot, demo_database):
    tab = AccompanimentTab(demo_database)
    qtbot.addWidget(tab)
    QApplication.processEvents()
    assert tab.actions_view.totals_label.text() == ""  # built, never shown: no pass over the actions yet
    tab.show()
    qtbot.waitUntil(lambda: tab.actions_view.totals_label.text().startswith("10 actions"))


def test_a_new_sort_does_not_recount_the_totals_but_an_edit_does(qtbot, tab, demo_database, monkeypatch):
    from coorace_desktop.ui.accompaniment import actions_view

    view = tab.actions_view
    qtbot.waitUntil(lambda: view.totals_label.text().startswith("10 actions"))
    passes = []
    counted = actions_view.action_totals
    monkeypatch.setattr(actions_view, "action_totals", lambda *args: passes.append(1) or counted(*args))
    view.table.view.sortByColumn(5, Qt.SortOrder.AscendingOrder)
    view.table.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    QApplication.processEvents()
    assert passes == [], "sorting shows the same rows: the totals stand"
    officers, programmes = _ids(demo_database)
    create_action(demo_database, ActionDraft(date(2021, 3, 2), officers["VERA"], programmes["Zest'"], ActionKind.TRAINING,
                                             BeneficiaryRef(BeneficiaryKind.ORGANISATION, 1), hours=4))
    view.table.reload()
    qtbot.waitUntil(lambda: view.totals_label.text() == "11 actions · 82 bénéficiaires · 4 h")
    assert passes == [1]


def test_valoris_and_enter_picks_valoris_not_les_rudovaloristes(qtbot, demo_database):
    officers, programmes = _ids(demo_database)
    dialog = ActionDialog(demo_database, defaults=(officers["VERA"], programmes["Zest'"]))
    qtbot.addWidget(dialog)
    dialog.show()
    _type_and_pick(qtbot, dialog, "valoris")
    assert dialog.isVisible() and dialog.result_value is None  # the pick is shown, not saved
    assert dialog.beneficiary_edit.text() == "VALORIS (Adhérent)"
    assert dialog.chosen_label.text() == "Action pour : VALORIS (Adhérent)"


def test_enter_with_several_proposals_moves_into_the_list_and_picks_nothing(qtbot, demo_database):
    dialog = ActionDialog(demo_database)
    qtbot.addWidget(dialog)
    dialog.show()
    edit = dialog.beneficiary_edit
    qtbot.keyClicks(edit, "valo")  # VALORIS, LES RUDOVALORISTES…: no exact name
    popup = edit.completer_.popup()
    qtbot.waitUntil(popup.isVisible)
    proposals = edit.completer_.completionModel()
    assert proposals.rowCount() > 1 and not popup.currentIndex().isValid()
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert edit.ref is None and popup.isVisible() and popup.currentIndex().row() == 0
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    second = proposals.index(1, 0).data()
    assert edit.ref is not None and edit.text() == second
    assert dialog.chosen_label.text() == f"Action pour : {second}"
