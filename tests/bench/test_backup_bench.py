"""The backup benchmark still builds its database and measures both sides (small size)."""

import importlib.util
import sqlite3
from pathlib import Path

SCRIPT = Path(__file__).parents[2] / "bench" / "backup_bench.py"


def load_bench():
    spec = importlib.util.spec_from_file_location("backup_bench", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bench_builds_the_size_asked_and_times_cp_and_backup(tmp_path):
    bench = load_bench()
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
