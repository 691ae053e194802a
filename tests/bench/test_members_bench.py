"""The members benchmark still builds its data and answers every scenario (small size)."""

from sqlalchemy import func
from sqlmodel import select

from coorace_desktop.domain import Organisation, Site
from coorace_desktop.services.health import check_database
from tests.bench.scripts import load_bench_script


def test_bench_builds_consistent_data_and_measures_every_scenario(database, monkeypatch):
    bench = load_bench_script("members_bench", monkeypatch)
    bench.build(database, 300)
    with database.session() as session:
        assert session.exec(select(func.count()).select_from(Organisation)).one() == 300
        main_sites = session.exec(select(func.count()).select_from(Site).where(Site.position == 0)).one()
    assert main_sites == 300
    assert check_database(database).ok
    results = bench.measure(database, runs=1)
    assert set(results) == set(bench.scenarios())
    assert results["no filter, by name"][0] == 300
    assert all(milliseconds > 0 for _, milliseconds in results.values())
