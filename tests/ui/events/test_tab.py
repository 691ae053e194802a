"""The Événements tab: list and filters, calendar marks, figures with coverage, delete, .ics export."""

from datetime import date

import pytest
from icalendar import Calendar
from PySide6.QtCore import QDate, QEvent, QItemSelectionModel, Qt
from PySide6.QtGui import QFont, QHelpEvent
from PySide6.QtWidgets import QApplication, QTableView, QToolTip

from coorace_desktop.domain.enums import EventStatus
from coorace_desktop.domain.events_rules import EventInput
from coorace_desktop.services.events.commands import create_event, event_kinds, organisation_choices
from coorace_desktop.services.events.event_list import DayEvent, DayMark, EventRow
from coorace_desktop.services.events.figures import EventFigures
from coorace_desktop.ui.events import tab as events_tab_module
from coorace_desktop.ui.events.event_calendar import EventCalendar
from coorace_desktop.ui.events.figures_panel import figures_html
from coorace_desktop.ui.events.tab import EventsTab, when
from coorace_desktop.ui.widgets.table_model import ROW_ROLE


@pytest.fixture
def tab(qtbot, demo_database):
    tab = EventsTab(demo_database)
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    return tab


def choose(combo, text):
    combo.setCurrentIndex(combo.findText(text))


def select_titles(tab, *titles):
    view, model = tab.table.view, tab.table.model
    view.clearSelection()
    for row in range(model.rowCount()):
        if model.row_at(row).title in titles:
            view.selectionModel().select(model.index(row, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def test_list_filters_and_status_count(tab):
    assert tab.status_text() == "34 événements"
    choose(tab.year_combo, "2021")
    assert tab.status_text() == "8 événements"
    choose(tab.kind_combo, "Rencontre")
    assert [tab.table.model.row_at(r).title for r in range(tab.table.model.rowCount())] == [
        "Congrès Coorace", "Journée régionale ENEDIS"]  # newest first once the dates are past


def test_table_model_passes_the_model_tester(tab, qtmodeltester):
    qtmodeltester.check(tab.table.model)


def test_calendar_marks_event_days(tab, demo_database):
    calendar = tab.calendar_panel.calendar
    calendar.setCurrentPage(2021, 11)
    assert date(2021, 11, 25) in calendar.marked_days() and date(2021, 11, 26) in calendar.marked_days()
    assert calendar.dateTextFormat(QDate(2021, 11, 25)).fontWeight() == QFont.Weight.Bold
    assert calendar.dateTextFormat(QDate(2021, 11, 24)).fontWeight() != QFont.Weight.Bold
    tab.calendar_panel.go_to(date(2021, 11, 26))
    assert [tab.calendar_panel.day_list.item(i).text() for i in range(tab.calendar_panel.day_list.count())] == ["Congrès Coorace"]

    kind = event_kinds(demo_database)[0].id
    create_event(demo_database, EventInput("Comité de pilotage", kind, 2021, date(2021, 11, 9)))
    tab.refresh()  # what the window calls when the events change
    assert date(2021, 11, 9) in calendar.marked_days()
    calendar.setCurrentPage(2021, 12)
    assert date(2021, 11, 9) not in calendar.marked_days()
    assert calendar.dateTextFormat(QDate(2021, 11, 9)).fontWeight() != QFont.Weight.Bold  # old marks cleared


def test_calendar_reads_a_days_titles_only_when_the_pointer_rests_on_it(qtbot):
    congress = date(2021, 11, 25)
    asked = []

    def events(first, last):
        asked.append((first, last))
        return {congress: [DayEvent(1, "Congrès Coorace", None, EventStatus.DONE), DayEvent(2, "AG", None, EventStatus.DONE)]}

    calendar = EventCalendar(lambda first, last: {congress: DayMark(2, False)}, events)
    qtbot.addWidget(calendar)
    calendar.setCurrentPage(2021, 11)
    calendar.show()
    grid = calendar.findChild(QTableView)
    cells = {}
    for row in range(1, 7):  # the grid's cells are the days of the six weeks shown (row 0: weekday names)
        for column in range(7):
            index = grid.model().index(row, column)
            day = calendar.day_at(grid.visualRect(index).center())
            assert day.day == int(index.data())
            cells[day] = grid.visualRect(index).center()
    assert len(cells) == 42 and asked == []  # marked, but no title read

    def hover(day):
        point = cells[day]
        QApplication.sendEvent(grid.viewport(), QHelpEvent(QEvent.Type.ToolTip, point, grid.viewport().mapToGlobal(point)))

    hover(congress)
    assert asked == [(congress, congress)] and QToolTip.text() == "Congrès Coorace\nAG"
    hover(date(2021, 11, 24))
    assert len(asked) == 1  # an unmarked day reads nothing
    QToolTip.hideText()


def test_selecting_a_row_shows_its_day_in_the_calendar(tab):
    choose(tab.year_combo, "2021")
    model = tab.table.model
    row = next(r for r in range(model.rowCount()) if model.row_at(r).title == "Journée régionale ENEDIS")
    tab.table.view.setCurrentIndex(model.index(row, 0))
    assert tab.calendar_panel.selected_day() == date(2021, 6, 17)


def test_figures_show_coverage_with_numerator_and_denominator(tab, demo_database):
    choose(tab.year_combo, "2020")
    panel = tab.figures_panel
    assert panel.figures is None  # not computed while hidden
    tab.side_tabs.setCurrentWidget(panel)
    assert panel.figures.events == 60 and (panel.figures.reached, panel.figures.active_members) == (2, 51)
    text = panel.result_label.text()
    assert "3,9\xa0%" in text and "<b>2</b> touchées" in text and "<b>51</b> adhérentes" in text
    choose(tab.kind_combo, "Animation régionale")
    assert (panel.figures.events, panel.figures.online, panel.figures.participants) == (16, 15, 243)

    # Two more members reached at an animation raise the coverage to 4 of 51.
    kind = next(k.id for k in event_kinds(demo_database) if k.name == "Animation régionale")
    ids = [choice.id for choice in organisation_choices(demo_database)[:2]]
    create_event(demo_database, EventInput("Atelier QVT", kind, 2020, date(2020, 11, 5), status=EventStatus.DONE), {ids[0]: 2, ids[1]: 1})
    tab.refresh()  # what the window calls when the events change
    assert (panel.figures.reached, panel.figures.participants) == (2, 246)
    choose(tab.kind_combo, "Tous les types")
    assert panel.figures.reached == 4 and "7,8\xa0%" in panel.result_label.text()


def test_a_period_filters_the_list_in_place_of_the_year(tab):
    selector, model = tab.period_selector, tab.table.model
    choose(tab.year_combo, "2021")
    selector.set_between(date(2021, 6, 1), date(2021, 12, 31))
    assert tab.year_combo.currentIndex() == 0  # the period replaces the year
    assert [model.row_at(row).title for row in range(model.rowCount())] == ["Congrès Coorace", "Journée régionale ENEDIS"]
    choose(selector.period_combo, "L'année dernière")
    assert model.rowCount() == 0 and tab.table.empty_label.text() == "Aucun résultat avec ces filtres."
    choose(tab.year_combo, "2020")  # the year replaces the period
    assert selector.chosen() is None and tab.status_text() == "26 événements"


def test_the_figures_open_on_the_last_year_held_as_the_dashboard(qtbot, demo_database):
    tab = EventsTab(demo_database)  # nothing selected yet
    qtbot.addWidget(tab)
    tab.show()
    tab.side_tabs.setCurrentWidget(tab.figures_panel)  # the year is found when the figures are first shown
    assert tab.figures_panel.period() == (date(2020, 1, 1), date(2020, 12, 31))  # 2021 is only planned
    assert tab.figures_panel.figures.events == 60


def test_the_figures_follow_the_filter_then_the_selected_event(tab):
    panel = tab.figures_panel
    tab.side_tabs.setCurrentWidget(panel)
    tab.period_selector.set_between(date(2020, 10, 1), date(2020, 10, 31))
    assert panel.period() == (date(2020, 10, 1), date(2020, 10, 31)) and panel.figures.events == 4
    model = tab.table.model
    tab.table.view.setCurrentIndex(model.index(0, 0))  # a filter chosen: it keeps the figures
    assert panel.period() == (date(2020, 10, 1), date(2020, 10, 31))
    tab.period_selector.set_all_dates()
    row = next(r for r in range(model.rowCount()) if model.row_at(r).title == "Journée régionale ENEDIS")
    tab.table.view.setCurrentIndex(model.index(row, 1))  # no filter: the figures of the event's year
    assert panel.period() == (date(2021, 1, 1), date(2021, 12, 31)) and panel.figures.events == 0  # nothing held yet
    row = next(r for r in range(model.rowCount()) if model.row_at(r).title == "Fils d'actualité")  # undated, of 2020
    tab.table.view.setCurrentIndex(model.index(row, 1))
    assert panel.period() == (date(2020, 1, 1), date(2020, 12, 31)) and panel.figures.events == 60
    choose(tab.year_combo, "2021")
    assert panel.period() == (date(2021, 1, 1), date(2021, 12, 31))


def test_delete_asks_first_then_updates_list_and_calendar(tab, boxes):
    choose(tab.year_combo, "2021")
    select_titles(tab, "Journée régionale ENEDIS")
    tab.table.view.setCurrentIndex(tab.table.view.selectionModel().selectedRows()[0])
    boxes.answers = [False, True]
    tab.table.delete_current()
    assert tab.status_text() == "8 événements"
    assert "Journée régionale ENEDIS" in boxes.asked[0]
    tab.table.delete_current()
    assert tab.status_text() == "7 événements"
    tab.calendar_panel.calendar.setCurrentPage(2021, 6)
    assert date(2021, 6, 17) not in tab.calendar_panel.calendar.marked_days()


def test_deleting_an_event_counted_by_names_says_how_many_registrations_go(qtbot, demo_database, boxes):
    from coorace_desktop.services.events.registrations import registered_count
    from tests.attendance_scenario import make_training

    training = make_training(demo_database)
    tab = EventsTab(demo_database)
    qtbot.addWidget(tab)
    tab.show()
    choose(tab.year_combo, "2020")
    select_titles(tab, "Formation des encadrants techniques")
    tab.table.view.setCurrentIndex(tab.table.view.selectionModel().selectedRows()[0])
    boxes.answers = [False]
    tab.table.delete_current()
    assert "\n25 inscriptions seront supprimées avec lui (les personnes restent dans l'annuaire)." in boxes.asked[0]
    assert registered_count(demo_database, training.event_id) == 25  # No: nothing deleted


def test_tab_goes_through_the_filters_in_reading_order_then_the_list_and_its_buttons(tab, qtbot):
    from PySide6.QtWidgets import QApplication, QComboBox

    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    tab.table.search_edit.setFocus()
    reached = []
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    table = tab.table
    status = next(combo for combo in table.findChildren(QComboBox) if combo.accessibleName() == "Statut")
    assert reached == [tab.kind_combo, status, tab.year_combo, tab.period_selector.period_combo,
                       table.view, table.new_button]


def test_export_selected_events_to_ics(tab, tmp_path, monkeypatch, boxes):
    target = tmp_path / "agenda"
    monkeypatch.setattr(events_tab_module.QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    messages = boxes.informed
    choose(tab.year_combo, "2021")
    select_titles(tab, "Congrès Coorace", "Assemblée générale 2021", "Lancement de Zest' BTP")
    tab.export_selected()
    calendar = Calendar.from_ical((tmp_path / "agenda.ics").read_bytes())
    summaries = sorted(str(event["summary"]) for event in calendar.walk("VEVENT"))
    assert summaries == ["Assemblée générale 2021", "Congrès Coorace"]
    assert messages == ["2 événements exportés dans agenda.ics.\n1 événement sans date (à préciser) "
                        "non exporté : un agenda a besoin d'une date."]


def test_export_failure_is_a_french_message(tab, tmp_path, monkeypatch, boxes):
    monkeypatch.setattr(events_tab_module.QFileDialog, "getSaveFileName",
                        lambda *args: (str(tmp_path / "absent" / "a.ics"), ""))
    shown = boxes.errors
    tab.export_upcoming()
    assert shown == [f"Impossible d'enregistrer {tmp_path / 'absent' / 'a.ics'} : ce dossier ou ce fichier n'existe pas."]
    assert boxes.bug_details == []


def test_dates_read_the_french_way(tab):
    rows = {tab.table.model.row_at(r).title: tab.table.model.row_at(r) for r in range(tab.table.model.rowCount())}
    assert when(rows["Congrès Coorace"]) == "25–26/11/2021"
    assert when(rows["Lancement de Zest' BTP"]) == "À préciser (2021)"
    assert when(rows["Hackathon Coorace 2020 : participation des salariés et implication citoyenne"]) == "13–14/10/2020"
    assert tab.table.model.index(0, 0).data(ROW_ROLE) is not None


def test_the_first_new_event_of_an_empty_database_offers_the_standard_kinds(qtbot, database, monkeypatch):
    tab = EventsTab(database)
    qtbot.addWidget(tab)
    assert event_kinds(database) == []  # opening the tab wrote nothing
    offered = []
    monkeypatch.setattr(events_tab_module.EventDialog, "exec",
                        lambda dialog: offered.extend(dialog.kind_combo.itemText(i) for i in range(dialog.kind_combo.count())) or 0)
    tab.new_event()
    assert len(event_kinds(database)) == 7 and "Animation régionale" in offered
    assert tab.kind_combo.count() == 8  # the filter too: "Tous les types" and the seven


@pytest.mark.parametrize(("count", "said"), [
    (1, ["<b>1</b> séance,", "<b>1</b> participant ·", "<b>1</b> touchée au", "<b>1</b> adhérente pendant"]),
    (2, ["<b>2</b> séances,", "<b>2</b> participants ·", "<b>2</b> touchées au", "<b>2</b> adhérentes pendant"]),
])
def test_the_figures_agree_with_their_counts(count, said):
    """They read « touchée(s) » and « adhérente(s) », and « 1 participants »."""
    text = figures_html(EventFigures(count, {}, 0, count, count, count, 100.0))
    assert all(part in text for part in said) and "(s)" not in text


@pytest.mark.parametrize(("count", "said"), [
    (1, "1 participant enregistré sera supprimé avec lui."),
    (3, "3 participants enregistrés seront supprimés avec lui."),
])
def test_the_delete_question_agrees_with_the_participants(tab, count, said):
    row = EventRow(1, "Comité", "Réunion", 2021, date(2021, 3, 5), None, None, "", False, EventStatus.DONE, 1, count, False)
    assert tab._delete_question(row).endswith(f"\n{said}")
