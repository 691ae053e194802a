"""Every figure of the performance issue in one run, on one large database.

Run: .venv/bin/python bench/run.py [--quick] [--only cold tabs memory lists dashboard import report backup package] [--profile]
     [--events 200000]
Takes the large database from bench/generate.py (built once, then cached in the temp folder),
measures each figure as the median of several runs (--quick: fewer), prints a table and writes
bench/results.json as {"name": {"value", "unit", "target", "ok", "detail"}}. Qt figures (cold
start, tabs, memory) run in subprocesses, offscreen, with user folders in a temp folder. The
other benchmark scripts' measuring functions are imported, not copied. --profile runs each area
under pyinstrument (the `bench` extra) and writes where the time goes to
<temp>/coorace-bench/profiles/<area>.txt; its timings are inflated, so results.json is left alone."""

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

import accompaniment_bench
import backup_bench
import coorace_desktop
import events_bench
import import_bench
import members_bench
import report_bench
from coorace_desktop.domain.periods import RELATIVE_PERIODS, relative_period
from coorace_desktop.domain.text import fold
from coorace_desktop.services.dashboard.figures import dashboard_breakdowns, dashboard_figures
from coorace_desktop.services.demo import create_demo_database
from coorace_desktop.services.members.directory import directory
from coorace_desktop.storage.database import open_database
from generate import FULL, TINY, cached_database, with_events

BENCH = Path(__file__).resolve().parent
PYTHON = sys.executable
# Printed by app.py under COORACE_EXIT_AFTER_SHOW (spelt out: this script imports no Qt code):
SHOWN_MARKER = "coorace-desktop: main window shown"  # the window's shell painted
FILLED_MARKER = "coorace-desktop: first tab filled"  # the tab the window opens on painted its data
CHILD_TIMEOUT_S = 120
AREAS = ("cold", "tabs", "memory", "lists", "dashboard", "import", "report", "backup", "package")
# events_bench's figures of a year, and its scenarios that are not the list's (the calendar, the picker).
EVENTS_YEAR = "figures of 2020"
EVENTS_ASIDE = ("calendar month (6 weeks)", "calendar day's tooltip", "picker search 'structure 12'")
# Build + first paint of a tab, in ms; the dashboard draws every figure of the year at once.
TAB_TARGETS = {"Tableau de bord": 200}
# The frozen one-folder build of scripts/package; the `package` area runs by default once it is built.
FROZEN = BENCH.parent / "dist" / "coorace-desktop" / ("coorace-desktop.exe" if sys.platform == "win32" else "coorace-desktop")
# The installed package's console script, beside this interpreter.
INSTALLED = Path(sys.executable).with_name("coorace-desktop.exe" if sys.platform == "win32" else "coorace-desktop")


@dataclass(frozen=True)
class Figure:
    name: str
    label: str
    value: float
    unit: str
    target: float  # the value must not exceed it
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.value <= self.target


@dataclass(frozen=True)
class Settings:
    runs: int  # repetitions of a fast measure
    slow_runs: int  # of a measure taking seconds (cold start, large report, memory)
    environment: dict
    profiles: Path | None = None  # --profile: where the Qt children write their pyinstrument reports

    def python(self, name: str, *arguments: str) -> list[str]:
        """The command running `arguments` with this interpreter, under pyinstrument with --profile."""
        if self.profiles is None:
            return [PYTHON, *arguments]
        return [PYTHON, "-m", "pyinstrument", "-o", str(self.profiles / f"{name}.txt"), *arguments]


def child_environment(home: Path) -> dict:
    """Offscreen Qt and user folders (settings, automatic backups) in a temp folder."""
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        environment[variable] = str(home / variable.lower())
    environment.pop("COORACE_DB", None)
    return environment


def time_to_marker(command: list[str], environment: dict, markers: tuple[str, ...] = (SHOWN_MARKER,)) -> dict[str, float]:
    """Seconds from starting the process to each marker on its stdout; then wait for its exit."""
    begin = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=environment)
    # A modal dialog (an error, a lock held elsewhere) would wait for a click forever offscreen.
    watchdog = threading.Timer(CHILD_TIMEOUT_S, process.kill)
    watchdog.start()
    elapsed: dict[str, float] = {}
    try:
        for line in process.stdout:
            if line.strip() in markers and line.strip() not in elapsed:
                elapsed[line.strip()] = time.perf_counter() - begin
    finally:
        watchdog.cancel()
    if process.wait() != 0 or len(elapsed) < len(markers):
        raise RuntimeError(f"{' '.join(command)} exited with {process.returncode} without printing {markers}")
    return elapsed


def cold_start(database: Path, settings: Settings) -> list[Figure]:
    """The window's first paint against a bare PySide6 window, and a tab filled against the bare
    window that also imports sqlmodel (what any SQLModel application pays): the members table,
    as when the window was left on Adhérents (the issue's figure), and the Tableau de bord that a
    first start opens on (its figures of the year over 200,000 actions and its charts)."""
    environment = dict(settings.environment, COORACE_EXIT_AFTER_SHOW="1")
    on_members = dict(environment, **{variable: str(Path(environment[variable]).with_name(f"members-{variable.lower()}"))
                                      for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME")})
    settings_file = Path(on_members["XDG_CONFIG_HOME"], "Coorace Occitanie", "Coorace Desktop.conf")
    settings_file.parent.mkdir(parents=True, exist_ok=True)
    application = settings.python("cold", "-m", "coorace_desktop", "--db", str(database))
    bare = [PYTHON, str(BENCH / "bare_window.py")]
    runs: dict[str, list[float]] = {"app": [], "members": [], "dashboard": [], "bare": [], "sqlmodel": []}
    for _ in range(settings.slow_runs):  # alternated, so that all see the same machine load
        runs["bare"].append(time_to_marker(bare, environment)[SHOWN_MARKER])
        runs["sqlmodel"].append(time_to_marker([*bare, "--import-sqlmodel"], environment)[SHOWN_MARKER])
        started = time_to_marker(application, environment, (SHOWN_MARKER, FILLED_MARKER))
        runs["app"].append(started[SHOWN_MARKER])
        runs["dashboard"].append(started[FILLED_MARKER])
        settings_file.write_text("[window]\ntab=1\n")  # the window remembers its last tab: Adhérents
        runs["members"].append(time_to_marker(application, on_members, (FILLED_MARKER,))[FILLED_MARKER])
    ms = {name: statistics.median(values) * 1000 for name, values in runs.items()}
    floor = f"bare window + sqlmodel {ms['sqlmodel']:,.0f} ms"
    return [
        Figure("cold_start_ratio", "cold start / bare QMainWindow", ms["app"] / ms["bare"], "×", 1.3,
               f"window painted {ms['app']:,.0f} ms, bare window {ms['bare']:,.0f} ms"),
        Figure("members_filled_ratio", "members table filled / bare window + import sqlmodel", ms["members"] / ms["sqlmodel"], "×", 1.3,
               f"members table filled {ms['members']:,.0f} ms, {floor}"),
        Figure("dashboard_filled_ratio", "Tableau de bord filled / bare window + import sqlmodel", ms["dashboard"] / ms["sqlmodel"], "×", 2.0,
               f"dashboard filled {ms['dashboard']:,.0f} ms, {floor}"),
    ]


def package_start(frozen: Path, settings: Settings, folder: Path) -> list[Figure]:
    """The frozen build's start against the installed package's (its console script), alternately,
    to the window's first paint and to the first tab filled, on the demo database."""
    if not frozen.exists():
        raise RuntimeError(f"{frozen} manque : lancez scripts/package d'abord")
    database = folder / "demo-package.sqlite"
    create_demo_database(database)
    environment = dict(settings.environment, COORACE_EXIT_AFTER_SHOW="1")
    # The frozen program runs as on a PC without Python: none of this interpreter's variables.
    bare = {key: value for key, value in environment.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
    runs: dict[str, list[dict[str, float]]] = {"installed": [], "frozen": []}
    for _ in range(settings.runs):
        for name, program, variables in (("installed", INSTALLED, environment), ("frozen", frozen, bare)):
            runs[name].append(time_to_marker([str(program), "--db", str(database)], variables, (SHOWN_MARKER, FILLED_MARKER)))
    ms = {(name, marker): statistics.median(run[marker] for run in values) * 1000
          for name, values in runs.items() for marker in (SHOWN_MARKER, FILLED_MARKER)}
    shown, filled = ms["frozen", SHOWN_MARKER], ms["frozen", FILLED_MARKER]
    return [Figure("package_start_ratio", "frozen build start / installed package", shown / ms["installed", SHOWN_MARKER], "×", 1.2,
                   f"window painted {shown:,.0f} ms / {ms['installed', SHOWN_MARKER]:,.0f} ms; first tab filled "
                   f"{filled:,.0f} ms / {ms['installed', FILLED_MARKER]:,.0f} ms (× {filled / ms['installed', FILLED_MARKER]:.2f})")]


def probe(mode: str, database: Path, settings: Settings, *extra: str) -> dict:
    output = subprocess.run(settings.python(mode, str(BENCH / "qt_probe.py"), mode, str(database), *extra), env=settings.environment,
                            capture_output=True, text=True, timeout=CHILD_TIMEOUT_S, check=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def tabs(database: Path, settings: Settings) -> list[Figure]:
    shown = probe("tabs", database, settings, "--runs", str(settings.runs))
    return [Figure(f"tab_{_slug(title)}_ms", f"show tab {title}", result["ms"], "ms", TAB_TARGETS.get(title, 100), "build + first paint")
            for title, result in shown.items()]


def memory(database: Path, settings: Settings) -> list[Figure]:
    """Peak memory with the actions tab shown: the window left on Accompagnements (the issue's
    figure), and opened on the Tableau de bord first (its charts and figures loaded too)."""
    peaks = {opened_on: [probe("memory", database, settings, "--opened-on", opened_on)["peak"] for _ in range(settings.slow_runs)]
             for opened_on in ("Accompagnements", "Tableau de bord")}
    mb = {opened_on: statistics.median(peak["mb"] for peak in values) for opened_on, values in peaks.items()}
    rows = peaks["Accompagnements"][0]["rows"]
    return [Figure("peak_memory_actions_tab_mb", "peak RSS, actions tab shown", mb["Accompagnements"], "MB", 150,
                   f"{rows:,} actions, scrolled to the end; VmHWM of a subprocess; "
                   f"{mb['Tableau de bord']:,.0f} MB when the window opens on the Tableau de bord first")]


def lists(database: Path, settings: Settings) -> list[Figure]:
    """Search and sort in the data layer: the slowest scenario of each kind, count + page of 200."""
    opened = open_database(database)
    try:
        members = members_bench.measure(opened, settings.runs)
        actions = accompaniment_bench.measure(opened, settings.runs)
        events = events_bench.measure(opened, settings.runs)
    finally:
        opened.close()
    year_rows, year_ms = events.pop(EVENTS_YEAR)
    listed = {name: value for name, value in events.items() if name not in EVENTS_ASIDE}
    shown = {name.removesuffix(" [shown]"): value for name, value in actions.items() if name.endswith("[shown]")}
    totals = {name.removesuffix(" [totals]"): value for name, value in actions.items() if name.endswith("[totals]")}
    return [
        _slowest("members_sort_ms", "members: sort", members, sorting=True),
        _slowest("members_search_ms", "members: search, filters", members, sorting=False),
        _slowest("actions_sort_ms", "actions: sort", shown, sorting=True),
        _slowest("actions_search_ms", "actions: search, filters", shown, sorting=False),
        _slowest("actions_totals_ms", "actions: totals under the table", {k: v for k, v in totals.items() if not k.startswith("sort by")}),
        _slowest("events_sort_ms", "events: sort", listed, sorting=True),
        _slowest("events_search_ms", "events: search, filters, default order", listed, sorting=False),
        Figure("events_year_figures_ms", "events: a year's figures", year_ms, "ms", 50, f"{year_rows:,} sessions"),
    ]


def dashboard(database: Path, settings: Settings) -> list[Figure]:
    """The dashboard opened, and changing its period: to the key figures painted (a Qt child),
    then to the charts painted (read in a thread after them), every figure read again, the
    ten-year trend as for a new year; the readings alone (dashboard_figures, then
    dashboard_breakdowns) in the detail."""
    painted = probe("dashboard", database, settings, "--runs", str(settings.runs))
    opened = open_database(database)
    today = date.today()
    try:
        sql = {key: (_median_ms(partial(dashboard_figures, opened, *relative_period(key, today)), settings.runs),
                     _median_ms(partial(dashboard_breakdowns, opened, *relative_period(key, today), with_trend=True), settings.runs))
               for key, _label in RELATIVE_PERIODS}
    finally:
        opened.close()
    opening = painted["opening"]
    return [Figure("dashboard_opening_ms", "dashboard opened", opening["ms"], "ms", 200,
                   f"build to key figures painted; charts painted {opening['charts_ms']:.0f} ms")] + [
        Figure(f"dashboard_{key}_ms", f"dashboard period: {label.lower()}", painted[key]["ms"], "ms", 200,
               f"choice to key figures painted, charts {painted[key]['charts_ms']:.0f} ms; "
               f"reading them {sql[key][0]:.0f} ms, then {sql[key][1]:.0f} ms, trend included")
        for key, label in RELATIVE_PERIODS]


def _median_ms(function, runs: int) -> float:
    """Median milliseconds of `runs` calls after one warm-up call (the SQLite page cache)."""
    function()
    timings = []
    for _ in range(runs):
        begin = time.perf_counter()
        function()
        timings.append((time.perf_counter() - begin) * 1000)
    return statistics.median(timings)


def _slowest(name: str, label: str, results: dict[str, tuple[int, float]], sorting: bool | None = None) -> Figure:
    scenarios = {key: value for key, value in results.items() if sorting is None or key.startswith("sort by") == sorting}
    slowest = max(scenarios, key=lambda key: scenarios[key][1])
    rows, milliseconds = scenarios[slowest]
    return Figure(name, f"{label} (slowest of {len(scenarios)})", milliseconds, "ms", 50, f"{slowest} ({rows:,} rows)")


def importing(settings: Settings, folder: Path) -> list[Figure]:
    source = import_bench.write_file(folder, 10_000, "csv")
    template = folder / "demo-import.sqlite"
    create_demo_database(template)
    figures = [_import_figure("import_10000_organisations_s", "import 10,000 organisations (.csv)", 1.0, source, template, settings, folder)]
    stored, source = import_bench.fuzzy_files(folder, 10_000, 10_000)
    template = import_bench.database_with(folder, stored)
    label = "import 10,000 against 10,000, fuzzy duplicates (.csv)"
    figures.append(_import_figure("import_10000_against_10000_s", label, 2.0, source, template, settings, folder))
    return figures


def _import_figure(name: str, label: str, target: float, source: Path, template: Path, settings: Settings, folder: Path) -> Figure:
    runs = [import_bench.one_run(source, template, folder, number) for number in range(settings.runs)]
    total = statistics.median(run["total"] for run in runs)
    phases = ", ".join(f"{phase} {statistics.median(run[phase] for run in runs):.2f} s" for phase in ("read", "preview", "apply"))
    cpu = statistics.median(run["total CPU"] for run in runs)
    return Figure(name, label, total, "s", target, f"{phases}; CPU {cpu:.2f} s; {runs[0]['duplicates']} possible duplicates")


def reports(database: Path, settings: Settings, folder: Path) -> list[Figure]:
    demo_path = folder / "demo-report.sqlite"
    create_demo_database(demo_path)
    figures = []
    for name, label, path, runs, target in (
        ("report_demo_s", "report 2020, demo", demo_path, settings.runs, 1.0),
        ("report_directory_s", "report 2020, large directory", database, settings.slow_runs, 10.0),
    ):
        opened = open_database(path)
        try:
            members = len({entry.organisation_id for group in directory(opened, 2020) for entry in group.entries})
            measured = report_bench.measure(opened, runs)
        finally:
            opened.close()
        pages, wall = measured["report, wall time (pages)"]
        _, cpu = measured["report, CPU time (pages)"]
        figures.append(Figure(name, label, wall / 1000, "s", target, f"{members:,} members in the directory, {pages} pages, CPU {cpu / 1000:.2f} s"))
    return figures


def backup(database: Path, settings: Settings, folder: Path) -> list[Figure]:
    times = backup_bench.measure(database, folder, settings.runs)
    cp_ms, backup_ms = statistics.median(times["cp"]) * 1000, statistics.median(times["backup"]) * 1000
    return [Figure("backup_vs_cp_ratio", "backup / (cp + fsync)", backup_ms / cp_ms, "×", 4.0,
                   f"backup {backup_ms:,.0f} ms, cp + fsync {cp_ms:,.0f} ms, {database.stat().st_size / 1e6:.0f} MB")]


def profiled(measure, report: Path) -> list[Figure]:
    """Run an in-process area under pyinstrument; the Qt areas profile their children instead."""
    from pyinstrument import Profiler

    profiler = Profiler()
    with profiler:
        figures = measure()
    if not report.exists():  # a Qt area's child already wrote its own report there
        report.write_text(profiler.output_text(unicode=True, color=False), encoding="utf-8")
    return figures


def _slug(text: str) -> str:
    return fold(text).replace(" ", "_")


def print_table(figures: list[Figure]) -> None:
    print(f"\n{'figure':44} {'value':>10} {'target':>8}  ok   detail")
    for figure in figures:
        value = f"{figure.value:,.2f}" if figure.value < 100 else f"{figure.value:,.0f}"
        print(f"{figure.label:44} {value:>7} {figure.unit:2} {'≤ ' + format(figure.target, 'g'):>8}  "
              f"{'yes' if figure.ok else 'NO ':3}  {figure.detail}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs of each fast measure and 1 of each slow one")
    parser.add_argument("--only", nargs="+", choices=AREAS,
                        default=[area for area in AREAS if area != "package" or FROZEN.exists()])
    parser.add_argument("--output", type=Path, help="default: bench/results.json (with --tiny: none)")
    parser.add_argument("--tiny", action="store_true", help="a few hundred rows per table: checks the harness, not the figures")
    parser.add_argument("--events", type=int, help="a database with this many events (the events tab at 200,000)")
    parser.add_argument("--cache", type=Path, help="where the generated database is kept (default: <temp>/coorace-bench)")
    parser.add_argument("--profile", action="store_true", help="where the time goes, per area (pyinstrument); no results.json")
    parser.add_argument("--frozen", type=Path, default=FROZEN, help=f"the frozen program the package area times (default: {FROZEN})")
    arguments = parser.parse_args()
    if arguments.output is None:
        # Tiny figures say nothing about performance: they must not replace the real ones.
        arguments.output = Path(tempfile.gettempdir()) / "coorace-bench-tiny.json" if arguments.tiny else BENCH / "results.json"
    started = time.perf_counter()
    # The application's modules as an installed copy has them, compiled (pip compiles at install;
    # PySide6 and SQLModel, which the baselines load, are): with PYTHONDONTWRITEBYTECODE set and
    # no compiled copy, every start would compile the sources again.
    compileall.compile_dir(Path(coorace_desktop.__file__).parent, quiet=1)
    database = cached_database(with_events(TINY if arguments.tiny else FULL, arguments.events), folder=arguments.cache)
    with tempfile.TemporaryDirectory(prefix="coorace-bench-") as name:
        folder = Path(name)
        profiles = database.parent / "profiles" if arguments.profile else None
        if profiles:
            profiles.mkdir(exist_ok=True)
        settings = Settings(runs=3 if arguments.quick else 7, slow_runs=1 if arguments.quick else 3,
                            environment=child_environment(folder / "home"), profiles=profiles)
        os.environ.update({key: settings.environment[key] for key in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")})
        steps = {
            "cold": lambda: cold_start(database, settings),
            "tabs": lambda: tabs(database, settings),
            "memory": lambda: memory(database, settings),
            "lists": lambda: lists(database, settings),
            "dashboard": lambda: dashboard(database, settings),
            "import": lambda: importing(settings, folder),
            "report": lambda: reports(database, settings, folder),
            "backup": lambda: backup(database, settings, folder),
            "package": lambda: package_start(arguments.frozen, settings, folder),
        }
        figures, failed = [], []
        for area in AREAS:
            if area in arguments.only:
                begin = time.perf_counter()
                try:
                    figures.extend(profiled(steps[area], profiles / f"{area}.txt") if profiles else steps[area]())
                except Exception as error:  # noqa: BLE001
                    # One area broken (a crashed child, a half-landed change) must not cost the others.
                    failed.append(area)
                    traceback.print_exc()
                    print(f"{area}: FAILED {(getattr(error, 'stderr', None) or '')[-2000:]}", file=sys.stderr, flush=True)
                    continue
                print(f"{area}: measured in {time.perf_counter() - begin:.1f} s", flush=True)
        shutil.rmtree(folder / "home", ignore_errors=True)
    print_table(figures)
    if profiles:
        print(f"\nprofiles (timings above are inflated by the profiler): {profiles}")
        return 1 if failed else 0
    # --only updates its own figures in an existing results file and keeps the others.
    earlier = arguments.only != list(AREAS) and arguments.output.exists()
    results = json.loads(arguments.output.read_text(encoding="utf-8")) if earlier else {}
    results.update({f.name: {"value": round(f.value, 3), "unit": f.unit, "target": f.target, "ok": f.ok, "detail": f.detail}
                    for f in figures})
    arguments.output.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    misses = [f.name for f in figures if not f.ok]
    print(f"\n{len(figures) - len(misses)}/{len(figures)} figures within target; "
          f"{time.perf_counter() - started:.0f} s in all; written to {arguments.output}")
    if failed:
        print(f"not measured (failed): {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
