"""The accompaniment benchmark still builds consistent data and answers every scenario (small size)."""

from coorace_desktop.services.accompaniment.actions_list import action_totals, count_actions
from coorace_desktop.services.health import check_database
from coorace_desktop.services.listing import ListQuery
from tests.bench.scripts import load_bench_script


def test_bench_builds_consistent_data_and_measures_every_scenario(database, monkeypatch):
    bench = load_bench_script("accompaniment_bench", monkeypatch)
    bench.build(database, 500)
    assert count_actions(database, ListQuery()) == 500
    assert action_totals(database, ListQuery()).hours > 0
    assert check_database(database).ok
    results = bench.measure(database, runs=1)
    assert len(results) == 3 * len(bench.scenarios())
    assert results["no filter, newest first [shown]"][0] == 500
    assert all(milliseconds > 0 for _, milliseconds in results.values())
