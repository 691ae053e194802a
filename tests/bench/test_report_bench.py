"""The report benchmark builds a consistent database and measures both times (small size)."""

from coorace_desktop.services.health import check_database
from coorace_desktop.services.members.directory import directory
from tests.bench.scripts import load_bench_script


def test_bench_builds_members_and_measures_the_report(database, monkeypatch):
    bench = load_bench_script("report_bench", monkeypatch)
    bench.build(database, 200)
    assert check_database(database).ok
    # 51 demo organisations with 52 sites, plus 200 with one site each and every 10th with two.
    assert sum(len(group.entries) for group in directory(database, 2020)) == 52 + 220
    results = bench.measure(database, runs=1)
    assert set(results) == {"report, wall time (pages)", "report, CPU time (pages)"}
    assert all(pages > 15 and milliseconds > 0 for pages, milliseconds in results.values())
