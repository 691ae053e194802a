"""The backup benchmark still builds its database and measures both sides (small size)."""

import sqlite3

from tests.bench.scripts import load_bench_script


def test_bench_builds_the_size_asked_and_times_cp_and_backup(tmp_path, monkeypatch):
    bench = load_bench_script("backup_bench", monkeypatch)
    source = tmp_path / "coorace.sqlite"
    bench.build(source, 2)
    assert source.stat().st_size >= 2_000_000
    connection = sqlite3.connect(source)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert connection.execute("SELECT count(*) FROM organisations").fetchone()[0] >= 2000
    connection.close()
    times = bench.measure(source, tmp_path, runs=2)
    assert len(times["cp"]) == len(times["backup"]) == 2 and min(times["cp"] + times["backup"]) > 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".sqlite", ".json")) == ["coorace.sqlite"]
