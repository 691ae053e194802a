"""The house rules of shared/docs/architecture.md, checked by tools: import-linter's contracts in
pyproject.toml (the layer order, no Qt below the interface, interface areas independent) and
ruff (pyflakes, isort, bugbear) over the whole tree."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_import_contracts_are_kept():
    result = run(str(BIN / "lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_ruff_finds_nothing():
    result = run(str(BIN / "ruff"), "check", "--no-cache", "src", "tests", "bench", "scripts")
    assert result.returncode == 0, result.stdout + result.stderr
