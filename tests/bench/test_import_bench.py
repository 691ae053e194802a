"""The import benchmark still runs end to end (small size)."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).parents[2] / "bench" / "import_bench.py"


def test_import_bench_runs(capsys):
    spec = importlib.util.spec_from_file_location("import_bench", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--organisations", "200", "--runs", "1", "--format", "xlsx"]) == 0
    output = capsys.readouterr().out
    assert output.startswith("200 organisations from .xlsx, median of 1 runs:")
    assert "total CPU" in output
