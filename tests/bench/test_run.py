"""bench/run.py still runs every area and writes results.json in the issue's format (tiny database)."""

import json
import subprocess
import sys
from pathlib import Path

RUN = Path(__file__).parents[2] / "bench" / "run.py"


def test_run_measures_every_area_but_the_import_and_writes_the_results(tmp_path):
    output = tmp_path / "results.json"
    areas = ["cold", "tabs", "memory", "lists", "dashboard", "report", "backup"]  # the import always reads 10,000 rows
    finished = subprocess.run(
        [sys.executable, str(RUN), "--tiny", "--quick", "--cache", str(tmp_path / "cache"), "--output", str(output), "--only", *areas],
        capture_output=True, text=True, timeout=600,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    results = json.loads(output.read_text(encoding="utf-8"))
    assert {"cold_start_ratio", "members_filled_ratio", "dashboard_filled_ratio", "tab_accompagnements_ms", "peak_memory_actions_tab_mb", "members_search_ms", "actions_sort_ms",
            "actions_totals_ms", "dashboard_opening_ms", "dashboard_last_year_ms", "report_demo_s", "report_directory_s", "backup_vs_cp_ratio"} <= set(results)
    assert len([name for name in results if name.startswith("tab_")]) == 6
    assert results["tab_tableau_de_bord_ms"]["target"] == 200
    for figure in results.values():
        assert figure["value"] > 0 and figure["target"] > 0 and figure["unit"]
        assert figure["ok"] == (figure["value"] <= figure["target"])
    assert "figures within target" in finished.stdout


def test_the_package_area_times_the_frozen_program_against_the_installed_one(tmp_path):
    frozen = tmp_path / "coorace-desktop"  # a stand-in for dist/coorace-desktop/coorace-desktop
    frozen.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m coorace_desktop "$@"\n')
    frozen.chmod(0o755)
    output = tmp_path / "results.json"
    finished = subprocess.run(
        [sys.executable, str(RUN), "--tiny", "--quick", "--cache", str(tmp_path / "cache"), "--output", str(output),
         "--only", "package", "--frozen", str(frozen)],
        capture_output=True, text=True, timeout=600,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    figure = json.loads(output.read_text(encoding="utf-8"))["package_start_ratio"]
    assert figure["value"] > 0 and figure["target"] == 1.2 and figure["unit"] == "×"
    assert "window painted" in figure["detail"] and "first tab filled" in figure["detail"]
