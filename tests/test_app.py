"""The start-up hook the benchmarks time: the real application shows its window, says so and quits."""

import os
import shutil
import subprocess
import sys

from coorace_desktop.app import EXIT_AFTER_SHOW_VAR, FILLED_MARKER, SHOWN_MARKER

# Heavy libraries used on demand only (report, images, fuzzy matching, spreadsheets, calendars,
# address cards, migrations): none may be loaded when the window paints or its first tab fills.
ON_DEMAND = ("reportlab", "PIL", "rapidfuzz", "openpyxl", "python_calamine", "icalendar", "vobject", "alembic")
# Nor the database layer before the shell has painted.
DATABASE_LAYER = ("sqlalchemy", "sqlmodel", "pydantic")


def test_exit_after_show_prints_the_marker_and_quits(demo_file, tmp_path):
    database = tmp_path / "demo.sqlite"  # the app locks and writes beside its file: not the shared template
    shutil.copy(demo_file, database)
    environment = dict(os.environ, **{EXIT_AFTER_SHOW_VAR: "1", "QT_QPA_PLATFORM": "offscreen"})
    finished = subprocess.run(
        [sys.executable, "-m", "coorace_desktop", "--db", str(database)],
        env=environment, capture_output=True, text=True, timeout=120,
    )
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.splitlines()[-2:] == [SHOWN_MARKER, FILLED_MARKER]


# All the application's modules the window's shell may load before it paints: the command line,
# the window and what its menus need; nothing of the database layer, of a tab or of a dialog.
SHELL_MODULES = {
    "coorace_desktop", "coorace_desktop.app", "coorace_desktop.cli", "coorace_desktop.cli.common",
    "coorace_desktop.domain", "coorace_desktop.domain.departments", "coorace_desktop.domain.validation",
    "coorace_desktop.resources", "coorace_desktop.storage", "coorace_desktop.storage.paths",
    "coorace_desktop.ui", "coorace_desktop.ui.widgets", "coorace_desktop.ui.widgets.after_paint", "coorace_desktop.ui.widgets.app_state",
    "coorace_desktop.ui.widgets.messages", "coorace_desktop.ui.widgets.qt_french",
    "coorace_desktop.ui.window", "coorace_desktop.ui.window.main_window", "coorace_desktop.ui.window.whats_new",
}
# What each marker reports of the process (evaluated there): the modules loaded, the Qt classes
# PySide6 has loaded (lazily, on first use), and the table classes SQLAlchemy has mapped.
REPORT = (
    "{'modules': sorted(sys.modules),"
    " 'qt': sorted(name for module in ('PySide6.QtCore', 'PySide6.QtWidgets') for name in vars(sys.modules[module])),"
    " 'mapped': sorted(m.class_.__name__ for m in sys.modules['sqlmodel'].SQLModel._sa_registry.mappers)"
    " if 'sqlmodel' in sys.modules else []}"
)


def start_and_report(database, settings_home, tab: int) -> dict[str, dict]:
    """Start the window as `coorace-desktop --db FILE` does, on the tab `tab` (the one it was left
    on), and return REPORT at its first paint and once that tab has painted its rows."""
    settings = settings_home / "xdg_config_home" / "Coorace Occitanie" / "Coorace Desktop.conf"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(f"[window]\ntab={tab}\n")
    code = (
        "import runpy, sys\n"
        "from coorace_desktop import app\n"
        f"app._print_marker = lambda marker: print(marker, '|', repr({REPORT}), flush=True)\n"
        f"sys.argv = ['coorace-desktop', '--db', {str(database)!r}]\n"
        "runpy.run_module('coorace_desktop', run_name='__main__', alter_sys=True)\n"
    )
    environment = dict(os.environ, **{EXIT_AFTER_SHOW_VAR: "1", "QT_QPA_PLATFORM": "offscreen"})
    finished = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    return {marker: eval(report) for marker, report in (line.split(" | ", 1) for line in finished.stdout.splitlines() if " | " in line)}


def test_the_shell_paints_before_the_database_layer_and_heavy_libraries_wait(demo_file, tmp_path, user_dirs):
    database = tmp_path / "demo.sqlite"
    shutil.copy(demo_file, database)
    reports = start_and_report(database, user_dirs, tab=0)  # a first start opens on the Tableau de bord
    at_paint, at_filled = reports[SHOWN_MARKER], reports[FILLED_MARKER]
    packages_at_paint = {name.split(".")[0] for name in at_paint["modules"]}
    assert packages_at_paint & set(ON_DEMAND + DATABASE_LAYER) == set()
    assert {name for name in at_paint["modules"] if name.startswith("coorace_desktop")} <= SHELL_MODULES
    # Qt's namespace (~120 enumerations) and the style classes the focus ring draws with cost the
    # shell ~20 ms: loaded once it has painted.
    assert not {"Qt", "QStyle", "QProxyStyle"} & set(at_paint["qt"])
    assert {name.split(".")[0] for name in at_filled["modules"]} & set(ON_DEMAND) == set()
    assert "sqlmodel" in at_filled["modules"]  # the first tab did read the database
    assert "QProxyStyle" in at_filled["qt"]  # the focus ring's style, installed once the shell has painted


def test_the_members_table_fills_with_the_organisation_tables_alone(demo_file, tmp_path, user_dirs):
    """The window left on Adhérents: its first rows need the organisations' tables and the fee
    tables its fee column reads in the same query; no other area's tables, tab or service (the
    first query maps every table class loaded: the others cost ~100 ms)."""
    from coorace_desktop.domain import TABLES

    database = tmp_path / "demo.sqlite"
    shutil.copy(demo_file, database)
    at_filled = start_and_report(database, user_dirs, tab=1)[FILLED_MARKER]
    modules = set(at_filled["modules"])
    assert {area for area in TABLES if f"coorace_desktop.domain.{area}" in modules} == {"organisations", "fees"}
    assert set(at_filled["mapped"]) <= set(TABLES["organisations"]) | set(TABLES["fees"])
    assert {"Organisation", "Site", "OrganisationType", "Membership"} <= set(at_filled["mapped"])
    ui_areas = {name.split(".")[2] for name in modules if name.startswith("coorace_desktop.ui.") and name.count(".") >= 3}
    assert ui_areas == {"members", "widgets", "window"}
    service_areas = {name.split(".")[2] for name in modules if name.startswith("coorace_desktop.services.")}
    assert service_areas <= {"members", "fees", "listing", "exporting"}
    assert {name.split(".")[0] for name in modules} & set(ON_DEMAND) == set()


def test_starting_the_window_leaves_out_libraries_used_only_on_demand():
    """Exports, imports, migrations and field checks import their libraries when used: at the
    window's start they cost ~450 ms and ~35 MB (bench/run.py's cold start and memory figures)."""
    on_demand = ON_DEMAND + DATABASE_LAYER + ("email_validator", "phonenumbers", "stdnum")
    code = f"import sys, coorace_desktop.app; print(sorted({{m.split('.')[0] for m in sys.modules}} & set({on_demand!r})))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"


def test_the_benchmark_waits_for_the_same_marker():
    """bench/run.py and the bare-window baseline spell the marker out (neither imports the app)."""
    from pathlib import Path

    bench = Path(__file__).parents[1] / "bench"
    for script in ("run.py", "bare_window.py"):
        assert f'SHOWN_MARKER = "{SHOWN_MARKER}"' in (bench / script).read_text(encoding="utf-8")
    assert f'FILLED_MARKER = "{FILLED_MARKER}"' in (bench / "run.py").read_text(encoding="utf-8")
