"""What bench/run.py measures inside a Qt process of its own (offscreen), printed as one JSON line.

Run: .venv/bin/python bench/qt_probe.py tabs DB [--runs 5] [--tab Événements]
     .venv/bin/python bench/qt_probe.py dashboard DB [--runs 5]
     .venv/bin/python bench/qt_probe.py memory DB [--opened-on "Tableau de bord"]
`tabs`: for each tab of the main window (ui/main_window.TABS), the median time to build it on
the database, show it and paint it once (its first page of rows fetched and drawn); what it then
reads in a thread (the dashboard's charts and « À faire ») finishes before the next run starts.
`dashboard`: the Tableau de bord opened, then for each relative period chosen, the median time to
its key figures painted and to its charts painted (read in a thread after the key figures), every
figure read again (the worst case: a period not kept, a new year's ten-year trend).
`memory`: the whole main window on the database, opened on a tab (the one it was left on: by
default Accompagnements, so that no other tab is built), then the Accompagnements tab shown, its
actions table scrolled to the last row and back; then the peak resident memory of this process."""

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from coorace_desktop.app import make_application  # noqa: E402
from coorace_desktop.domain.periods import RELATIVE_PERIODS  # noqa: E402
from coorace_desktop.storage.database import Database, open_database  # noqa: E402
from coorace_desktop.ui.widgets.worker import BackgroundJob  # noqa: E402
from coorace_desktop.ui.window.main_window import TABS, MainWindow, tab_class  # noqa: E402

WINDOW_SIZE = (1200, 760)


class PaintSeen(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.seen = self.seen or event.type() == QEvent.Type.Paint
        return False


def show_painted(widget) -> None:
    """Show `widget` and return once it has painted. Offscreen a new window paints when the event
    loop exposes it: repaint() right after show() draws nothing (the tabs' figures of this probe
    before 7 December 2026, 20:00 UTC, were build and show alone)."""
    painted = PaintSeen()
    widget.installEventFilter(painted)
    widget.show()
    while not painted.seen:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)  # no spinning: the readers have the cores
    widget.removeEventFilter(painted)


def show_tab(database: Database, tab_class) -> float:
    """Milliseconds to build one tab, show it at the window's size and paint it (the first page
    of rows fetched and drawn). What a tab defers until after its first paint (running totals,
    the dashboard's charts) runs afterwards, untimed: other figures measure it."""
    begin = time.perf_counter()
    tab = tab_class(database, None)
    tab.resize(*WINDOW_SIZE)
    show_painted(tab)
    elapsed = (time.perf_counter() - begin) * 1000
    settle()
    tab.close()
    tab.deleteLater()
    QApplication.processEvents()
    return elapsed


def settle() -> None:
    """Let what runs after a paint finish (queued events, background reads), so that it does
    not weigh on the next measure."""
    QApplication.processEvents()
    while BackgroundJob.any_running():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
    QApplication.processEvents()


def charts_painted(tab, begin: float) -> float:
    """Milliseconds from `begin` to the dashboard's charts painted for the key figures shown."""
    while tab.charted is None or tab.charted[0] is not tab.figures:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    tab.repaint()
    return (time.perf_counter() - begin) * 1000


def measure_dashboard(database: Database, runs: int) -> dict[str, dict]:
    from coorace_desktop.ui.dashboard.tab import DashboardTab  # here: the memory probe loads no chart it does not show

    opened = []
    for _ in range(runs + 1):  # the first: warm-up
        begin = time.perf_counter()
        tab = DashboardTab(database, None)
        tab.resize(*WINDOW_SIZE)
        show_painted(tab)
        opened.append(((time.perf_counter() - begin) * 1000, charts_painted(tab, begin)))
        settle()
        tab.close()
        tab.deleteLater()
    results = {"opening": {"ms": statistics.median(ms for ms, _ in opened[1:]), "charts_ms": statistics.median(ms for _, ms in opened[1:])}}
    tab = DashboardTab(database, None)
    tab.resize(*WINDOW_SIZE)
    show_painted(tab)
    settle()
    combo = tab.period_selector.period_combo
    for key, _label in RELATIVE_PERIODS:
        combo.setCurrentIndex(combo.findData(key))  # warm-up: the tab reads and paints the period once
        tab.repaint()
        settle()
        timings = []
        for _ in range(runs):  # what choosing the period runs (PeriodSelector.changed), nothing kept
            tab.forget_figures()
            begin = time.perf_counter()
            tab.show_period(*tab.period_selector.period())
            tab.repaint()
            timings.append(((time.perf_counter() - begin) * 1000, charts_painted(tab, begin)))
            settle()
        results[key] = {"ms": statistics.median(ms for ms, _ in timings), "charts_ms": statistics.median(ms for _, ms in timings)}
    tab.close()
    return results


def measure_tabs(database: Database, runs: int, only: str | None = None) -> dict[str, dict]:
    results = {}
    for title, spec in TABS:
        if only is not None and title != only:
            continue
        tab = tab_class(spec)
        show_tab(database, tab)  # warm-up: first imports, fonts, the SQLite page cache
        results[title] = {"ms": statistics.median(show_tab(database, tab) for _ in range(runs))}
    return results


def measure_memory(database: Database, settings: QSettings, opened_on: str) -> dict[str, dict]:
    settings.setValue("window/tab", [title for title, _ in TABS].index(opened_on))  # the window remembers its last tab
    window = MainWindow(database, settings)
    window.resize(*WINDOW_SIZE)
    window.show()
    tab = window.show_tab("Accompagnements")
    window.repaint()
    view = max(tab.findChildren(QTableView), key=lambda table: table.model().rowCount())
    rows = view.model().rowCount()
    for position in (rows // 2, rows - 1, 0):  # what a user scrolling the log makes the model fetch
        view.scrollTo(view.model().index(position, 0))
        window.repaint()
    QApplication.processEvents()
    peak = peak_rss_mb()
    window.close()
    return {"peak": {"mb": peak, "rows": rows}}


def peak_rss_mb() -> float:
    """This process's peak resident memory. On Linux, VmHWM of /proc/self/status: ru_maxrss keeps
    the parent's peak across fork and exec (measured: 418 MB reported right after the parent had
    generated the database, against 177 MB)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("tabs", "dashboard", "memory"))
    parser.add_argument("database", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--opened-on", default="Accompagnements", help="memory: the tab the window opens on")
    parser.add_argument("--tab", help="tabs: this tab only (its title)")
    arguments = parser.parse_args()
    make_application()
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        database = open_database(arguments.database)
        try:
            if arguments.mode == "tabs":
                result = measure_tabs(database, arguments.runs, arguments.tab)
            elif arguments.mode == "dashboard":
                result = measure_dashboard(database, arguments.runs)
            else:
                result = measure_memory(database, settings, arguments.opened_on)
        finally:
            database.close()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
