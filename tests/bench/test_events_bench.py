"""The events benchmark still builds its data and answers every scenario (small size)."""

import importlib.util
from pathlib import Path

from coorace_desktop.services.health import check_database, counts

SCRIPT = Path(__file__).parents[2] / "bench" / "events_bench.py"


def test_bench_builds_consistent_data_and_measures_every_scenario(database, monkeypatch):
    monkeypatch.syspath_prepend(str(SCRIPT.parent))  # as when run as a script: harness.py is importable
    spec = importlib.util.spec_from_file_location("events_bench", SCRIPT)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    bench.build(database, 400)
    assert counts(database)["events"] == 400 and counts(database)["participations"] > 0
    assert check_database(database).ok
    results = bench.measure(database, runs=1)
    assert set(bench.scenarios()) <= set(results)
    assert results["default: upcoming first"][0] == results["sort by title"][0] == 400
    assert all(milliseconds > 0 for _, milliseconds in results.values())
