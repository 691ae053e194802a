"""Loading a bench/ script as a module, as when it is run: harness.py beside it is importable."""

import importlib.util
from pathlib import Path
from types import ModuleType

BENCH_DIR = Path(__file__).parents[2] / "bench"


def load_bench_script(name: str, monkeypatch) -> ModuleType:
    """bench/<name>.py as a module (its `if __name__ == "__main__"` block does not run)."""
    monkeypatch.syspath_prepend(str(BENCH_DIR))
    spec = importlib.util.spec_from_file_location(name, BENCH_DIR / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
