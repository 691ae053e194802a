"""The import figures on PostgreSQL beside SQLite's still run end to end (small size, a cluster of its own)."""

import re

from tests.bench.scripts import load_bench_script


def test_postgres_import_bench_runs(capsys, monkeypatch):
    """Without the server programs the cluster's start skips it (fails under CI=true), as elsewhere."""
    module = load_bench_script("postgres_import_bench", monkeypatch)
    assert module.main(["--organisations", "200", "--runs", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("  ")[0] for line in lines[1:]] == ["200 organisations", "200 against 200 stored"]
    assert all(re.search(r"\d+\.\d\d +\d+\.\d\d +\d+\.\d  read", line) for line in lines[1:]), lines
