"""The report benchmark builds a consistent database and measures both times (small size)."""

import importlib.util
from pathlib import Path

from coorace_desktop.services.directory import directory
from coorace_desktop.services.health import check_database

SCRIPT = Path(__file__).parents[2] / "bench" / "report_bench.py"


def load_bench(monkeypatch):
    monkeypatch.syspath_prepend(str(SCRIPT.parent))  # as when run as a script: harness.py is importable
    spec = importlib.util.spec_from_file_location("report_bench", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bench_builds_members_and_measures_the_report(database, monkeypatch):
    bench = load_bench(monkeypatch)
    bench.build(database, 200)
    assert check_database(database).ok
    # 51 demo organisations with 52 sites, plus 200 with one site each and every 10th with two.
    assert sum(len(group.entries) for group in directory(database, 2020)) == 52 + 220
    results = bench.measure(database, runs=1)
    assert set(results) == {"report, wall time (pages)", "report, CPU time (pages)"}
    assert all(pages > 15 and milliseconds > 0 for pages, milliseconds in results.values())
