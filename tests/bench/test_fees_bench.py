"""The fees benchmark still builds its data and times every scenario (small size)."""

from sqlalchemy import func, select

from coorace_desktop.domain import MembershipFee
from tests.bench.scripts import load_bench_script


def test_bench_calls_every_member_once_numbered_and_prints_their_letters_both_ways(database, monkeypatch):
    bench = load_bench_script("fees_bench", monkeypatch)
    bench.build(database, 40)
    results = bench.measure(database, runs=2)
    assert list(results) == ["calls numbered", "calls + letters, one PDF (target 15 s)", "calls + letters, one PDF, CPU",
                             "calls + letters, one file each (target 15 s)", "calls + letters, one file each, CPU"]
    assert all(rows == 40 and milliseconds > 0 for rows, milliseconds in results.values())  # 40 calls, 40 pages
    with database.session() as session:
        numbers = session.scalars(select(MembershipFee.number).where(MembershipFee.year == bench.YEAR)).all()
        assert sorted(numbers) == list(range(1, 41))
        assert session.scalar(select(func.count()).select_from(MembershipFee).where(MembershipFee.year == bench.YEAR)) == 40
