"""The events benchmark still builds its data and answers every scenario (small size)."""

import pytest

from coorace_desktop.services.health import check_database, counts
from tests.bench.scripts import load_bench_script


def test_bench_builds_consistent_data_and_measures_every_scenario(database, monkeypatch):
    bench = load_bench_script("events_bench", monkeypatch)
    bench.build(database, 400)
    assert counts(database)["events"] == 400 and counts(database)["participations"] > 0
    assert counts(database)["registrations"] == 100  # events / 4 participations by name
    assert check_database(database).ok
    results = bench.measure(database, runs=1)
    assert set(bench.scenarios()) <= set(results)
    assert results["default: upcoming first"][0] == results["sort by title"][0] == 400
    assert all(milliseconds > 0 for _, milliseconds in results.values())
    assert results["event dialog by names: opening"][0] == 25
    assert results["figures of 2020"][0] > 0


@pytest.mark.sqlite_only("the Qt probe opens the bench's file")
def test_the_tab_is_timed_built_shown_and_painted_in_a_qt_process(database, monkeypatch):
    bench = load_bench_script("events_bench", monkeypatch)
    bench.build(database, 400)
    events, milliseconds = bench.tab_opening(database, runs=1)
    assert events == 400 and milliseconds > 0
