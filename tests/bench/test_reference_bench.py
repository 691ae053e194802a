"""The reference benchmark still runs end to end (small size)."""

from tests.bench.scripts import load_bench_script


def test_reference_bench_runs(capsys, monkeypatch):
    module = load_bench_script("reference_bench", monkeypatch)
    for kind in ("json", "csv"):
        assert module.main(["--entries", "3000", "--format", kind]) == 0
        output = capsys.readouterr().out
        # 3,000 entries: 600 other kinds of structures, then 2 bad checksums and 2 duplicates among the rest.
        assert output.startswith(f"3,000 entries from .{kind}") and "2,396 imported, 604 left out" in output, output
