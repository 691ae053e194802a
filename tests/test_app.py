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


def test_the_shell_paints_before_the_database_layer_and_heavy_libraries_wait(demo_file, tmp_path):
    database = tmp_path / "demo.sqlite"
    shutil.copy(demo_file, database)
    # The real start, each marker followed by the top-level packages then loaded.
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from coorace_desktop import app\n"
        "def print_marker(marker):\n"
        "    print(marker, '|', ' '.join(sorted({name.split('.')[0] for name in sys.modules})), flush=True)\n"
        "app._print_marker = print_marker\n"
        f"sys.exit(app.run_application(Path({str(database)!r})))\n"
    )
    environment = dict(os.environ, **{EXIT_AFTER_SHOW_VAR: "1", "QT_QPA_PLATFORM": "offscreen"})
    finished = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    loaded = dict(line.split(" | ") for line in finished.stdout.splitlines() if " | " in line)
    at_paint, at_filled = set(loaded[SHOWN_MARKER].split()), set(loaded[FILLED_MARKER].split())
    assert at_paint & set(ON_DEMAND + DATABASE_LAYER) == set()
    assert at_filled & set(ON_DEMAND) == set()
    assert "sqlmodel" in at_filled  # the first tab did read the database


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
