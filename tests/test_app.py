"""The start-up hook the benchmarks time: the real application shows its window, says so and quits."""

import os
import shutil
import subprocess
import sys

from coorace_desktop.app import EXIT_AFTER_SHOW_VAR, SHOWN_MARKER


def test_exit_after_show_prints_the_marker_and_quits(demo_file, tmp_path):
    database = tmp_path / "demo.sqlite"  # the app locks and writes beside its file: not the shared template
    shutil.copy(demo_file, database)
    environment = dict(os.environ, **{EXIT_AFTER_SHOW_VAR: "1", "QT_QPA_PLATFORM": "offscreen"})
    finished = subprocess.run(
        [sys.executable, "-m", "coorace_desktop", "--db", str(database)],
        env=environment, capture_output=True, text=True, timeout=120,
    )
    assert finished.returncode == 0, finished.stderr
    assert SHOWN_MARKER in finished.stdout.splitlines()


def test_starting_the_window_leaves_out_libraries_used_only_on_demand():
    """Exports, imports, migrations and field checks import their libraries when used: at the
    window's start they cost ~450 ms and ~35 MB (bench/run.py's cold start and memory figures)."""
    on_demand = ("openpyxl", "alembic", "icalendar", "vobject", "email_validator", "phonenumbers", "stdnum")
    code = f"import sys, coorace_desktop.app; print(sorted({{m.split('.')[0] for m in sys.modules}} & set({on_demand!r})))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"


def test_the_benchmark_waits_for_the_same_marker():
    """bench/run.py and the bare-window baseline spell the marker out (neither imports the app)."""
    from pathlib import Path

    bench = Path(__file__).parents[1] / "bench"
    for script in ("run.py", "bare_window.py"):
        assert f'SHOWN_MARKER = "{SHOWN_MARKER}"' in (bench / script).read_text(encoding="utf-8")
