"""The Tableau de bord tab in the window: the period selector moves every figure (the key
figures at once, the charts once read in a thread), each period's figures kept until the database
changes, a click on a bar opens the actions filtered, « À faire » shows each line with its link,
charts export."""

import threading
from datetime import date

import pytest
from PySide6.QtCharts import QHorizontalBarSeries
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QToolButton

from coorace_desktop.domain.accompaniment import SupportAction
from coorace_desktop.domain.enums import ActionKind, EventStatus
from coorace_desktop.domain.events import Event
from coorace_desktop.services.accompaniment.actions_list import OFFICER, PERIOD
from coorace_desktop.services.dashboard.todo import SILENT_EVENTS, UNPAID_FEES
from coorace_desktop.services.events import event_list
from coorace_desktop.services.fees.fee_list import OWED, STATUS, YEAR
from coorace_desktop.services.members.organisation_list import (
    DEPARTMENT_FILTER,
    MEMBER_DURING_FILTER,
    TYPE_FILTER,
)
from coorace_desktop.ui.dashboard import tab as dashboard_tab
from coorace_desktop.ui.dashboard.tab import DashboardTab
from coorace_desktop.ui.widgets.app_state import Area, announce
from coorace_desktop.ui.widgets.period_selector import PeriodSelector
from coorace_desktop.ui.widgets.worker import BackgroundJob
from coorace_desktop.ui.window.main_window import MainWindow
from tests.dashboard_office import build_office


@pytest.fixture
def office(database):
    return build_office(database)


@pytest.fixture
def window(qtbot, office, settings):
    window = MainWindow(office.database, settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def choose(qtbot, tab: DashboardTab, first: date, last: date) -> None:
    """Choose the period, then wait for its charts (read in a thread once its key figures painted)."""
    tab.period_selector.set_between(first, last)
    qtbot.waitUntil(lambda: tab.charted is not None and (tab.charted[1].first_day, tab.charted[1].last_day) == (first, last))


def shown(tab: DashboardTab) -> dict:
    """Every figure the tab shows: the tiles' texts and each chart's values."""
    figures = {key: (tile.value_label.text(), tile.detail_label.text()) for key, tile in tab.tiles.items()}
    figures |= {chart.title: chart.values for chart in tab.charts}
    figures["programmes"] = tab.programmes_label.text()
    return figures


def test_the_dashboard_is_the_first_tab_and_follows_the_period(qtbot, window):
    tab = window.current_tab()
    assert isinstance(tab, DashboardTab) and window.tabs.tabText(0) == "Tableau de bord"
    choose(qtbot, tab, date(2024, 1, 1), date(2024, 12, 31))
    year_2024 = shown(tab)
    assert year_2024["members"][0] == "3" and year_2024["actions"][0] == "4 actions"
    assert year_2024["events"][0] == "4 séances" and year_2024["fees"][0] == "300\u00a0€"
    assert window.status_label.text() == "Période : 2024"
    choose(qtbot, tab, date(2023, 1, 1), date(2023, 12, 31))
    year_2023 = shown(tab)
    assert year_2023["members"][0] == "2" and year_2023["actions"][0] == "1 action"
    assert [key for key in year_2024 if year_2024[key] == year_2023[key]] == []  # every figure moved
    assert window.status_label.text() == "Période : 2023"


def test_the_demo_opens_on_2020_its_own_year(qtbot, demo_database, settings):
    window = MainWindow(demo_database, settings)
    qtbot.addWidget(window)
    window.show()
    tab = window.current_tab()
    assert tab.period_selector.period() == (date(2020, 1, 1), date(2020, 12, 31)) and window.status_label.text() == "Période : 2020"
    assert tab.tiles["members"].value_label.text() == "51" and tab.tiles["actions"].value_label.text() != "0 action"
    assert tab.opening_label.isVisible() and f"en {date.today().year} : voici 2020" in tab.opening_label.text()
    tab.period_selector.period_combo.setCurrentIndex(tab.period_selector.period_combo.findData("year"))
    assert not tab.opening_label.isVisible()  # said once, until the user chooses


def test_a_database_active_this_year_opens_on_this_year(qtbot, office, settings):
    today = date.today()
    with office.database.session() as session:
        session.add(Event(title="Cette année", kind_id=office.kind_id, year=today.year, status=EventStatus.DONE))
    tab = DashboardTab(office.database)
    qtbot.addWidget(tab)
    assert tab.period_selector.period_combo.currentData() == "year" and tab.opening_label.isHidden()


def test_the_trend_is_read_once_per_year_until_the_database_changes(qtbot, window, monkeypatch):
    from coorace_desktop.services.dashboard import figures

    tab, read = window.current_tab(), []
    monkeypatch.setattr(figures, "member_trend", lambda database, year: read.append(year) or ((year, len(read)),))
    tab.refresh()  # the office opened on 2024, its last year of activity: read again through the fake
    for first, last in ((date(2024, 1, 1), date(2024, 12, 31)), (date(2024, 3, 1), date(2024, 3, 31)),
                        (date(2023, 1, 1), date(2023, 12, 31)), (date(2024, 4, 1), date(2024, 6, 30))):
        choose(qtbot, tab, first, last)
    assert read == [2024, 2023] and tab.trend.values == {"Adhérents": (1,)}  # 2024's trend as first read
    tab.refresh()  # the database changed
    qtbot.waitUntil(lambda: read == [2024, 2023, 2024])
    qtbot.waitUntil(lambda: tab.trend.values == {"Adhérents": (3,)})


def test_the_key_figures_paint_first_and_the_charts_follow_from_a_thread(qtbot, window, monkeypatch):
    tab, asked, release = window.current_tab(), [], threading.Event()
    choose(qtbot, tab, date(2024, 1, 1), date(2024, 12, 31))
    read = dashboard_tab.dashboard_breakdowns

    def slow_breakdowns(*arguments):
        asked.append(arguments[1:3])
        release.wait(5)
        return read(*arguments)

    monkeypatch.setattr(dashboard_tab, "dashboard_breakdowns", slow_breakdowns)
    tab.period_selector.set_between(date(2023, 1, 1), date(2023, 12, 31))
    assert tab.tiles["actions"].value_label.text() == "1 action"  # at once
    assert asked == [] and tab.charted[1].last_day == date(2024, 12, 31)  # the charts: read after the figures' paint
    qtbot.waitUntil(lambda: asked == [(date(2023, 1, 1), date(2023, 12, 31))])
    assert tab.breakdown_reads.pending and tab.actions_chart.values != {} and tab.charted[1].last_day == date(2024, 12, 31)
    assert window.isEnabled() and tab.tiles["actions"].value_label.text() == "1 action"  # the window goes on meanwhile
    release.set()
    qtbot.waitUntil(lambda: tab.charted[1].last_day == date(2023, 12, 31))
    assert sum(sum(values) for values in tab.actions_chart.values.values()) == 1 and "<td>Zest&#x27;</td><td align=right>1</td>" in tab.programmes_label.text()


def test_each_periods_figures_are_kept_until_the_database_changes(qtbot, window, office, monkeypatch):
    tab, reads = window.current_tab(), []
    read = dashboard_tab.dashboard_figures
    monkeypatch.setattr(dashboard_tab, "dashboard_figures", lambda *arguments: reads.append(arguments[1:]) or read(*arguments))
    year_2024, year_2023 = (date(2024, 1, 1), date(2024, 12, 31)), (date(2023, 1, 1), date(2023, 12, 31))
    choose(qtbot, tab, *year_2023)
    choose(qtbot, tab, *year_2024)  # the window opened on 2024: kept
    assert reads == [year_2023]
    tab.period_selector.set_between(*year_2023)
    assert reads == [year_2023] and tab.charted[1].last_day == date(2023, 12, 31)  # charts at once too, no read
    with office.database.session() as session:
        session.add(SupportAction(action_date=date(2023, 5, 2), officer_id=office.officers["VERA"], programme_id=office.programmes["CEDRE"],
                                  organisation_id=office.organisations["A"], kind=ActionKind.INDIVIDUAL_SUPPORT, hours=2.0))
    announce(window.show_tab("Accompagnements"), {Area.ACCOMPANIMENT})  # what a saved action says
    window.show_tab("Tableau de bord")  # refreshed when shown again
    assert reads == [year_2023, year_2023] and tab.tiles["actions"].value_label.text() == "2 actions"
    qtbot.waitUntil(lambda: "CEDRE" in tab.programmes_label.text())
    choose(qtbot, tab, *year_2024)
    assert reads == [year_2023, year_2023, year_2024]  # every period is read again


def test_the_relative_periods_follow_today(qtbot):
    selector = PeriodSelector("month", today=date(2024, 2, 29))
    qtbot.addWidget(selector)
    heard = []
    selector.changed.connect(lambda first, last: heard.append((first, last)))
    assert selector.period() == (date(2024, 2, 1), date(2024, 2, 29)) and selector.from_edit.isHidden()
    selector.period_combo.setCurrentIndex(selector.period_combo.findData("last_year"))
    selector.period_combo.setCurrentIndex(selector.period_combo.findData("week"))
    assert heard == [(date(2023, 1, 1), date(2023, 12, 31)), (date(2024, 2, 26), date(2024, 3, 3))]
    assert selector.range_label.text() == "(du 26/02/2024 au 03/03/2024)"
    selector.period_combo.setCurrentIndex(selector.period_combo.findData("between"))
    assert not selector.from_edit.isHidden() and selector.range_label.isHidden()


def test_a_click_on_an_officers_bar_opens_their_actions_of_that_month(qtbot, window, office):
    tab = window.current_tab()
    choose(qtbot, tab, date(2024, 1, 1), date(2024, 12, 31))
    qtbot.wait(50)  # the chart lays its bars out
    chart = tab.actions_chart.chart
    bars = chart.series()[0]
    vera = next(bar_set for bar_set in bars.barSets() if bar_set.label() == "Ana VERA")
    march = 2
    point = chart.mapToPosition(QPointF(march, vera.at(march) / 2 + (bars.barSets()[0].at(march) if bars.barSets()[0] is not vera else 0)), bars)
    position = tab.actions_chart.view.mapFromScene(chart.mapToScene(point))
    qtbot.mouseClick(tab.actions_chart.view.viewport(), Qt.MouseButton.LeftButton, pos=position)
    accompaniment = window.current_tab()
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Accompagnements"
    actions = accompaniment.actions_view
    assert accompaniment.pages.currentWidget() is actions
    assert actions.table.model.query.filters == {OFFICER: office.officers["VERA"], PERIOD: (date(2024, 3, 1), date(2024, 3, 31))}
    assert actions.table.model.rowCount() == 1 and actions.table.model.row_at(0).action_date == date(2024, 3, 31)
    assert actions.officer_combo.currentData() == office.officers["VERA"]
    assert actions.period_selector.chosen() == (date(2024, 3, 1), date(2024, 3, 31))  # shown in the table's period chooser
    actions.period_selector.set_all_dates()  # the period filter goes, the officer's stays
    assert actions.table.model.query.filters == {OFFICER: office.officers["VERA"]} and actions.table.model.rowCount() == 4


def click_bar(qtbot, card, category: int, bar_set: int = 0) -> None:
    """A click in the middle of a bar: `category` counts as the tab gave them (top down for
    horizontal bars), each set of a grouped series has its share of the category's half."""
    qtbot.wait(50)  # the chart lays its bars out
    chart = card.chart
    series = chart.series()[0]
    sets = series.barSets()
    value = sets[bar_set].at(category if not isinstance(series, QHorizontalBarSeries) else len(card.values[None]) - 1 - category)
    if isinstance(series, QHorizontalBarSeries):
        point = QPointF(value / 2, len(card.values[None]) - 1 - category)
    else:
        point = QPointF(category - 0.25 + 0.5 * (bar_set + 0.5) / len(sets), value / 2)
    position = card.view.mapFromScene(chart.mapToScene(chart.mapToPosition(point, series)))
    qtbot.mouseClick(card.view.viewport(), Qt.MouseButton.LeftButton, pos=position)


def titles(table) -> list[str]:
    """The names of the members shown, or the titles of the events."""
    return [table.model.index(row, 1 if table.settings_key == "events" else 0).data() for row in range(table.model.rowCount())]


def test_a_click_on_a_member_bar_opens_the_periods_members_of_that_type_or_département(qtbot, window, office):
    tab = window.current_tab()
    choose(qtbot, tab, date(2024, 1, 1), date(2024, 12, 31))
    assert [row.siae_type.value for row in tab.figures.members.counts.by_type] == ["AI", "ACI", "EI"]
    click_bar(qtbot, tab.by_type, 1)  # ACI: C, who left in 2024 (no longer a member today)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Adhérents"
    members = window.current_tab()
    period = (date(2024, 1, 1), date(2024, 12, 31))
    assert members.table.model.query.filters == {TYPE_FILTER: "ACI", MEMBER_DURING_FILTER: period}
    assert titles(members.table) == ["C"] and members.type_filter.currentData() == "ACI"
    chip = members.table.findChild(QToolButton, None)
    assert chip.text() == "Adhérents en 2024  ✕"
    chip.click()  # the period's filter goes, the type's stays
    assert members.table.model.query.filters == {TYPE_FILTER: "ACI"} and titles(members.table) == ["C"]
    window.show_tab("Tableau de bord")
    assert [row.code for row in tab.figures.members.counts.by_department] == ["09", "31"]
    click_bar(qtbot, tab.by_department, 1)
    assert members.table.model.query.filters == {DEPARTMENT_FILTER: "31", MEMBER_DURING_FILTER: period}
    assert titles(members.table) == ["A"] and members.type_filter.currentIndex() == 0


def test_the_keyboard_chooses_a_bar_and_enter_opens_it_as_a_click(qtbot, window, office):
    tab = window.current_tab()
    choose(qtbot, tab, date(2024, 1, 1), date(2024, 12, 31))
    tab.by_type.view.setFocus()  # Tab reaches it: the first bar is chosen and named
    qtbot.waitUntil(lambda: tab.by_type.current_bar == 0)
    assert "· Association intermédiaire — Adhérents : 1 (Entrée : voir la liste)" in tab.by_type.title_label.text()
    qtbot.keyClick(tab.by_type.view, Qt.Key.Key_Down)  # ACI
    assert tab.by_type.view.accessibleDescription().startswith("Atelier et chantier d")
    qtbot.keyClick(tab.by_type.view, Qt.Key.Key_Return)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Adhérents"
    members = window.current_tab()
    assert members.table.model.query.filters == {TYPE_FILTER: "ACI", MEMBER_DURING_FILTER: (date(2024, 1, 1), date(2024, 12, 31))}


def test_a_click_on_an_events_bar_opens_the_events_of_that_month(qtbot, window, office):
    tab = window.current_tab()
    choose(qtbot, tab, date(2024, 1, 1), date(2024, 12, 31))
    click_bar(qtbot, tab.events_chart, 2)  # March's sessions
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Événements"
    events = window.current_tab()
    march = (date(2024, 3, 1), date(2024, 3, 31))
    assert events.period_selector.chosen() == march and events.table.model.query.filters == {event_list.PERIOD: march}
    assert titles(events.table) == ["Deux"] and events.figures_panel.period() == march


def owed_fees_shown(window, year: int) -> list[str]:
    """The Cotisations page is shown on `year`'s fees owed: the names of its lines."""
    members = window.current_tab()
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Adhérents" and members.pages.currentWidget() is members.fees_holder
    table = members.fees_view.table
    assert table.model.query.filters == {YEAR: year, STATUS: OWED} and members.fees_view.year == year
    assert members.fees_view.status_combo.currentText() == "Restant dû (appelée, relancée, partielle)"
    return [table.model.row_at(row).name for row in range(table.model.rowCount())]


def test_a_click_on_the_fees_chart_opens_the_fees_owed_that_year(qtbot, window, office):
    tab = window.current_tab()
    choose(qtbot, tab, date(2024, 1, 1), date(2024, 12, 31))
    click_bar(qtbot, tab.fees_chart, 2)  # still due
    assert owed_fees_shown(window, 2024) == ["B", "C"]


def test_the_todo_line_of_unpaid_fees_opens_the_fees_owed_of_their_year(qtbot, window):
    panel = window.current_tab().todo_panel
    qtbot.waitUntil(lambda: panel.lines != [])
    row = [line.key for line in panel.lines].index(UNPAID_FEES)
    assert panel.lines[row].count == 2  # the 2024 calls, due on 31/12/2024
    panel.rows.itemAtPosition(row, 1).widget().click()
    assert owed_fees_shown(window, 2024) == ["B", "C"]


def test_todo_shows_each_line_and_opens_its_tab(qtbot, window):
    panel = window.current_tab().todo_panel
    qtbot.waitUntil(lambda: panel.lines != [])  # read once the figures have painted
    texts = [panel.rows.itemAtPosition(row, 0).widget().text() for row in range(len(panel.lines))]
    assert texts == [("⚠ " if line.count else "✓ ") + line.text for line in panel.lines]
    row = [line.key for line in panel.lines].index(SILENT_EVENTS)
    panel.rows.itemAtPosition(row, 1).widget().click()
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Événements"


def test_todo_is_read_in_a_thread_one_at_a_time_and_the_newest_read_wins(qtbot, window, monkeypatch):
    from coorace_desktop.services.dashboard import todo

    panel = window.current_tab().todo_panel
    qtbot.waitUntil(lambda: panel.lines != [])
    release, calls = threading.Event(), []

    def slow_lines(database, today):
        calls.append(today)
        if len(calls) == 1:
            release.wait(5)  # the first read is slow: the window goes on meanwhile
            return [todo.TodoLine(todo.MANDATES, 9, "stale")]
        return [todo.TodoLine(todo.MANDATES, 1, "newest")]

    monkeypatch.setattr(todo, "todo_lines", slow_lines)
    panel.refresh()  # returns at once, the read goes on
    qtbot.waitUntil(lambda: calls != [])
    assert panel.lines[0].text != "stale"
    panel.refresh()  # the database changed twice more: one read at a time, the newest asked for next
    panel.refresh()
    assert len(calls) == 1
    release.set()
    qtbot.waitUntil(lambda: panel.lines[0].text == "newest")
    qtbot.waitUntil(lambda: not BackgroundJob.any_running())
    assert [line.text for line in panel.lines] == ["newest"] and len(calls) == 2  # the stale one never shown, the middle one never read


def test_closing_the_window_waits_for_the_todo_read_before_closing_the_database(qtbot, window, office, monkeypatch):
    from coorace_desktop.services.dashboard import todo

    panel = window.current_tab().todo_panel
    qtbot.waitUntil(lambda: panel.lines != [])
    events, started = [], threading.Event()

    def slow_lines(database, today):
        started.set()
        threading.Event().wait(0.3)
        events.append("read")
        return []

    monkeypatch.setattr(todo, "todo_lines", slow_lines)
    close = office.database.close
    monkeypatch.setattr(office.database, "close", lambda: (events.append("closed"), close()))
    panel.refresh()
    started.wait(5)
    window.close()
    assert events == ["read", "closed"]


def test_each_chart_exports_to_png_and_svg(qtbot, window, tmp_path):
    tab = window.current_tab()
    choose(qtbot, tab, date(2024, 1, 1), date(2024, 12, 31))
    assert tab.hours_chart.export(tmp_path / "heures.png") and tab.hours_chart.export(tmp_path / "heures.svg")
    assert (tmp_path / "heures.png").read_bytes().startswith(b"\x89PNG")
    svg = (tmp_path / "heures.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "Heures d'accompagnement" in svg
    assert not tab.hours_chart.export(tmp_path / "absent" / "heures.png")
