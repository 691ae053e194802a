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
