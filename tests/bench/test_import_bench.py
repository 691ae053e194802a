"""The import benchmark still runs end to end (small size)."""

from tests.bench.scripts import load_bench_script


def test_import_bench_runs(capsys, monkeypatch):
    module = load_bench_script("import_bench", monkeypatch)
    assert module.main(["--organisations", "200", "--runs", "1", "--format", "xlsx"]) == 0
    output = capsys.readouterr().out
    assert output.startswith("200 organisations from .xlsx, median of 1 runs:")
    assert "total CPU" in output
