"""The Tableau de bord tab: one period chooser that every figure follows, the key figures, the
charts (a click on a bar opens its tab filtered: those actions, members, events, or the fees owed),
and « À faire ». The key figures are read and painted first; the charts' breakdowns are read in a
thread once they have painted, then « À faire ». Each period's figures are kept until the database
changes (refresh)."""

from datetime import date, timedelta
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from coorace_desktop.domain.french import number, percent, plural, short_month, whole_euros
from coorace_desktop.domain.periods import period_text
from coorace_desktop.services.accompaniment.actions_list import OFFICER, PERIOD, PROGRAMME
from coorace_desktop.services.dashboard.figures import (
    DashboardBreakdowns,
    DashboardFigures,
    Monthly,
    dashboard_breakdowns,
    dashboard_figures,
    latest_active_year,
)
from coorace_desktop.services.events import event_list
from coorace_desktop.services.fees.fee_list import OWED_FEES
from coorace_desktop.services.members.organisation_list import (
    DEPARTMENT_FILTER,
    MEMBER_DURING_FILTER,
    TYPE_FILTER,
)
from coorace_desktop.storage.database import Database
from coorace_desktop.ui.dashboard.charts import ChartCard
from coorace_desktop.ui.dashboard.todo_panel import TodoPanel
from coorace_desktop.ui.widgets.after_paint import after_paint
from coorace_desktop.ui.widgets.app_state import EVERY_AREA, Area, open_area
from coorace_desktop.ui.widgets.period_selector import PeriodSelector
from coorace_desktop.ui.widgets.worker import LatestRead

KEPT_PERIODS = 12  # the periods whose figures are kept (a few kB each) until the database changes
TILE_STYLE = "QFrame#tile { background: palette(base); border: 1px solid palette(mid); border-radius: 4px; }"


class Tile(QFrame):
    """A key figure: its value large, what it counts below."""

    def __init__(self, caption: str) -> None:
        super().__init__(objectName="tile")
        self.caption = caption
        self.value_label = QLabel(textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.value_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setBold(True)
        self.value_label.setFont(font)
        self.detail_label = QLabel(wordWrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(2)
        layout.addWidget(QLabel(caption))
        layout.addWidget(self.value_label)
        layout.addWidget(self.detail_label)
        layout.addStretch(1)

    def set(self, value: str, detail: str) -> None:
        self.value_label.setText(value)
        self.detail_label.setText(detail)
        self.setAccessibleName(f"{self.caption} : {value}, {detail}")


class DashboardTab(QWidget):
    title = "Tableau de bord"
    reads = EVERY_AREA
    status_changed = Signal()

    def __init__(self, database: Database, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.today = today or date.today()
        self.figures: DashboardFigures | None = None  # of the key figures shown
        self.charted: tuple[DashboardFigures, DashboardBreakdowns] | None = None  # of the charts shown (what a click opens)
        # Until the database changes: the figures and breakdowns by period, the trends by year.
        self.kept: dict[tuple[date, date], list] = {}
        self.trends: dict[int, tuple[tuple[int, int], ...]] = {}
        self.breakdown_reads = LatestRead(self, self._show_breakdowns)
        self._todo_read = False  # « À faire » is read after the charts have painted (the two cores go to them first)
        self.period_selector, self.opening_label = self._opening_period(database)
        self.tiles = {key: Tile(caption) for key, caption in (
            ("members", "Adhérents"), ("movements", "Arrivées et départs"), ("actions", "Accompagnements"),
            ("events", "Événements"), ("coverage", "Couverture des adhérents"), ("fees", "Cotisations"),
        )}
        self.programmes_label = QLabel("Lecture…", wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.programmes_label.setAccessibleName("Accompagnements par programme")
        self.by_type = ChartCard("Adhérents par type de conventionnement")
        self.by_department = ChartCard("Adhérents par département")
        self.trend = ChartCard("Adhérents sur dix ans")
        self.actions_chart = ChartCard("Actions par mois et par chargé·e de mission")
        self.hours_chart = ChartCard("Heures d'accompagnement par mois et par programme")
        self.events_chart = ChartCard("Séances et participants par mois")
        self.fees_chart = ChartCard("Cotisations")
        self.charts = (self.by_type, self.by_department, self.trend, self.actions_chart,
                       self.hours_chart, self.events_chart, self.fees_chart)
        for chart, what in ((self.actions_chart, "ces actions"), (self.hours_chart, "ces actions"),
                            (self.by_type, "ces adhérents"), (self.by_department, "ces adhérents"),
                            (self.events_chart, "les événements du mois"), (self.fees_chart, "les cotisations restant dues de l'année")):
            chart.view.setToolTip(f"Cliquez sur une barre pour ouvrir {what}")
        self.todo_panel = TodoPanel(database, self.today)

        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tiles.addWidget(tile, 1)
        grid = QGridLayout()
        grid.setSpacing(8)
        cells = (self.todo_panel, self._framed("Accompagnements par programme", self.programmes_label),
                 self.actions_chart, self.hours_chart, self.events_chart, self.fees_chart, self.trend, self.by_type)
        for index, cell in enumerate(cells):
            grid.addWidget(cell, index // 2, index % 2)
        grid.addWidget(self.by_department, len(cells) // 2, 0, 1, 2)
        for column in range(2):
            grid.setColumnStretch(column, 1)
        content = QWidget()
        content.setStyleSheet(TILE_STYLE)
        column = QVBoxLayout(content)
        column.addLayout(tiles)
        column.addLayout(grid)
        column.addStretch(1)
        scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        top = QHBoxLayout()
        top.addWidget(self.period_selector)
        top.addWidget(self.opening_label)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

        self.period_selector.changed.connect(self.show_period)
        self.period_selector.changed.connect(self.opening_label.hide)
        self.actions_chart.bar_clicked.connect(lambda key, index: self._open_actions(OFFICER, key, index))
        self.hours_chart.bar_clicked.connect(lambda key, index: self._open_actions(PROGRAMME, key, index))
        self.by_type.bar_clicked.connect(lambda _key, index: self._open_members(
            TYPE_FILTER, self.charted[0].members.counts.by_type[index].siae_type.value))
        self.by_department.bar_clicked.connect(lambda _key, index: self._open_members(
            DEPARTMENT_FILTER, self.charted[0].members.counts.by_department[index].code))
        self.events_chart.bar_clicked.connect(lambda _key, index: open_area(
            self, Area.EVENTS, {event_list.PERIOD: self._month_of_period(index)}))
        self.fees_chart.bar_clicked.connect(lambda *_: open_area(self, Area.MEMBERS, {OWED_FEES: self.charted[0].fees.year}))
        self.show_period(*self.period_selector.period())

    def _opening_period(self, database: Database) -> tuple[PeriodSelector, QLabel]:
        """This year; or, when nothing was done this year yet (no action, no event), the last year
        that has some, said beside the chooser: the 2020 demo opens on 2020, not on zeros."""
        year = latest_active_year(database, self.today)
        selector = PeriodSelector("last_year" if year == self.today.year - 1 else "year", self.today)
        label = QLabel()
        label.setAccessibleName("Période choisie à l'ouverture")
        if year is not None and year < self.today.year - 1:
            selector.set_between(date(year, 1, 1), date(year, 12, 31), notify=False)
        if year is not None and year < self.today.year:
            label.setText(f"Ni action ni événement tenu en {self.today.year} : voici {year}, la dernière année qui en a.")
        label.setVisible(bool(label.text()))
        return selector, label

    @staticmethod
    def _framed(title: str, widget: QWidget) -> QFrame:
        frame = QFrame(frameShape=QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(QLabel(f"<b>{title}</b>"))
        layout.addWidget(widget)
        layout.addStretch(1)
        return frame

    # -- the tab protocol
    def refresh(self) -> None:
        self.forget_figures()
        self._todo_read = False
        self.show_period(*self.period_selector.period())

    def forget_figures(self) -> None:
        """The database changed: every period's figures are read again (the reads under way too)."""
        self.kept.clear()
        self.trends.clear()
        self.breakdown_reads.forget()

    def status_text(self) -> str:
        return f"Période : {period_text(*self.period_selector.period())}"

    # -- figures
    def show_period(self, first_day: date, last_day: date) -> None:
        """The key figures at once (read now unless kept); the charts too when their breakdowns
        are kept, else they are read once the key figures have painted."""
        period = (first_day, last_day)
        if period not in self.kept:
            while len(self.kept) >= KEPT_PERIODS:
                del self.kept[next(iter(self.kept))]  # the oldest read
            self.kept[period] = [dashboard_figures(self.database, first_day, last_day), None]
        self.figures, breakdowns = self.kept[period]
        self._show_tiles(self.figures)
        self.breakdown_reads.forget()  # a read under way is for another period
        if breakdowns is None:  # read once the key figures have painted
            after_paint(self.tiles["members"].value_label, self._read_breakdowns)
            self.tiles["members"].value_label.update()  # painted again even when its text stays
        else:
            self._show_charts(self.figures, breakdowns)
        self.status_changed.emit()

    def _read_breakdowns(self) -> None:
        if self.breakdown_reads.pending or (self.charted and self.charted[0] is self.figures):
            return  # already under way (two periods before a paint), or shown from those kept
        first_day, last_day = self.figures.first_day, self.figures.last_day
        with_trend = last_day.year not in self.trends
        self.breakdown_reads.start(lambda: dashboard_breakdowns(self.database, first_day, last_day, with_trend))

    def _show_breakdowns(self, breakdowns: DashboardBreakdowns) -> None:
        if breakdowns.trend is not None:
            self.trends[breakdowns.last_day.year] = breakdowns.trend
        period = (breakdowns.first_day, breakdowns.last_day)
        if period in self.kept:
            self.kept[period][1] = breakdowns
        self._show_charts(self.figures, breakdowns)
        if not self._todo_read:  # once the charts have painted
            self._todo_read = True
            after_paint(self.programmes_label, self.todo_panel.refresh)
            self.programmes_label.update()

    def _show_tiles(self, figures: DashboardFigures) -> None:
        members, actions, events, fees = figures.members, figures.actions, figures.events, figures.fees
        self.tiles["members"].set(number(members.counts.organisations), members.counts.reading)
        self.tiles["movements"].set(f"+{number(members.joined)} / −{number(members.left)}",
                                    f"{plural(members.joined, 'arrivée', 'arrivées')}, {plural(members.left, 'départ', 'départs')}")
        self.tiles["actions"].set(
            plural(actions.actions, "action", "actions"),
            f"{plural(actions.beneficiaries, 'bénéficiaire', 'bénéficiaires')} · {number(actions.hours)} h",
        )
        self.tiles["events"].set(
            plural(events.events, "séance", "séances"),
            f"dont {number(events.online)} en ligne · {plural(events.participants, 'participant', 'participants')}",
        )
        self.tiles["coverage"].set(
            percent(events.coverage_percent),
            f"{number(events.reached)} {'touchée' if events.reached < 2 else 'touchées'} sur "
            f"{plural(events.active_members, 'adhérente', 'adhérentes')}",
        )
        self.tiles["fees"].set(
            whole_euros(fees.received),
            f"reçus sur {whole_euros(fees.called)} appelés en {fees.year} · reste {whole_euros(fees.outstanding)}",
        )

    def _show_charts(self, figures: DashboardFigures, breakdowns: DashboardBreakdowns) -> None:
        """The charts and the programmes' table of the period shown (figures and breakdowns of it)."""
        self.charted = (figures, breakdowns)
        rows = "".join(
            f"<tr><td>{escape(summary.programme)}</td><td align=right>{number(summary.actions)}</td>"
            f"<td align=right>{number(summary.beneficiaries)}</td><td align=right>{number(summary.hours)}</td></tr>"
            for summary in breakdowns.programmes
        )
        self.programmes_label.setText(
            "<table cellspacing=0 cellpadding=2 width=100%><tr><th align=left>Programme</th><th align=right>Actions</th>"
            f"<th align=right>Bénéf.</th><th align=right>Heures</th></tr>{rows}</table>"
            if rows else "Aucune action sur la période."
        )
        counts = figures.members.counts
        self.by_type.show_bars([row.name for row in counts.by_type],
                               [("Adhérents", None, [row.organisations for row in counts.by_type])], horizontal=True)
        departments = counts.by_department
        self.by_department.show_bars(
            [row.label for row in departments],
            [("Adhérents", None, [row.organisations for row in departments])], horizontal=True,
        )
        trend = self.trends[figures.last_day.year]
        self.trend.show_line([str(year) for year, _ in trend], "Adhérents", [count for _, count in trend])
        self._show_monthly(self.actions_chart, breakdowns.by_officer, stacked=True)
        self._show_monthly(self.hours_chart, breakdowns.hours_by_programme, stacked=True)
        self._show_monthly(self.events_chart, breakdowns.events_by_month)
        undated = figures.events.events - int(sum(breakdowns.events_by_month.series[0].values))
        self.events_chart.title_label.setText(
            f"<b>{escape(self.events_chart.title)}</b>"
            + (f" ({plural(undated, 'séance sans date', 'séances sans date')}, hors graphique)" if undated else "")
        )
        fees = figures.fees
        self.fees_chart.title_label.setText(f"<b>Cotisations {fees.year}</b> (en euros)")
        self.fees_chart.show_bars(["Appelées", "Reçues", "Restant dû"],
                                  [("Cotisations", None, [fees.called, fees.received, fees.outstanding])])

    @staticmethod
    def _show_monthly(chart: ChartCard, monthly: Monthly, stacked: bool = False) -> None:
        with_year = len({month.year for month in monthly.months}) > 1
        chart.show_bars([short_month(month, with_year) for month in monthly.months],
                        [(series.name, series.key, series.values) for series in monthly.series], stacked=stacked)

    def _month_of_period(self, index: int) -> tuple[date, date]:
        """The days of the charts' period in its month number `index`."""
        breakdowns = self.charted[1]
        month = breakdowns.by_officer.months[index]
        next_month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
        return max(month, breakdowns.first_day), min(next_month - timedelta(days=1), breakdowns.last_day)

    def _open_actions(self, filter_name: str, key: object, index: int) -> None:
        """The actions of that officer or programme in that month of the period."""
        open_area(self, Area.ACCOMPANIMENT, {filter_name: key, PERIOD: self._month_of_period(index)})

    def _open_members(self, filter_name: str, value: str) -> None:
        """The period's members of that agreement type or département (as the bar counts them)."""
        if value:  # « Département non renseigné » is no filter the members table knows
            period = (self.charted[0].first_day, self.charted[0].last_day)
            open_area(self, Area.MEMBERS, {filter_name: value, MEMBER_DURING_FILTER: period})
