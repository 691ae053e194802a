"""The fees benchmark still builds its data and times every scenario (small size)."""

from sqlalchemy import func, select

from coorace_desktop.domain import MembershipFee
from tests.bench.scripts import load_bench_script


def test_bench_calls_every_member_once_numbered_and_prints_letters(database, monkeypatch):
    bench = load_bench_script("fees_bench", monkeypatch)
    monkeypatch.setattr(bench, "LETTERS", 5)
    bench.build(database, 40)
    results = bench.measure(database, runs=2)
    (calls, calls_ms), (pages, letters_ms) = results.values()
    assert (calls, pages) == (40, 5) and calls_ms > 0 and letters_ms > 0
    with database.session() as session:
        numbers = session.scalars(select(MembershipFee.number).where(MembershipFee.year == bench.YEAR)).all()
        assert sorted(numbers) == list(range(1, 41))
        assert session.scalar(select(func.count()).select_from(MembershipFee).where(MembershipFee.year == bench.YEAR)) == 40
