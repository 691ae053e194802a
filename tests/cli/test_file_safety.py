"""Files handled safely from the command line (issue 24): read-only commands never write, the
file named is the file used."""

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.file_systems import read_only_folder


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "coorace_desktop", *map(str, args)], capture_output=True, text=True
    )


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_only_commands(db: Path, out: Path) -> list[list]:
    """Every command that only reads the database, each writing its output (if any) under `out`."""
    return [
        ["check", "--db", db],
        ["board", "--db", db, "--date", "01/07/2020"],
        ["events", "--db", db, "--year", "2020"],
        ["accompaniment", "--db", db, "--year", "2020"],
        ["report", "--db", db, "--year", "2020", "--section", "en-bref", "-o", out / "rapport.pdf"],
        ["export", "members", out / "adherents.csv", "--db", db],
        ["export-person", "--db", db, "1", "-o", out / "personne.json"],
        ["backups", "--db", db],
        ["backup", "--db", db, "-o", out / "copie.sqlite"],
    ]


def test_read_only_commands_leave_a_backup_byte_for_byte_unchanged_and_restorable(demo_file, tmp_path):
    current = tmp_path / "cur.sqlite"
    shutil.copy(demo_file, current)
    backup = tmp_path / "bk.sqlite"
    assert run("backup", "--db", current, "-o", backup).returncode == 0
    before = sha256(backup)
    for number, command in enumerate(read_only_commands(backup, tmp_path)):
        (tmp_path / "copie.sqlite").unlink(missing_ok=True)
        result = run(*command)
        assert result.returncode == 0, (command[0], result.stderr)
        assert sha256(backup) == before, f"{command[0]} changed the backup (command {number})"
    restored = run("restore", "--db", current, backup)
    assert restored.returncode == 0, restored.stderr


def test_read_only_commands_work_in_a_read_only_folder(demo_file, tmp_path):
    folder, out = tmp_path / "partage", tmp_path / "sorties"
    folder.mkdir()
    out.mkdir()
    db = folder / "coorace.sqlite"
    shutil.copy(demo_file, db)  # a file left in WAL mode, as the application leaves it
    before = sha256(db)
    with read_only_folder(folder):
        for command in read_only_commands(db, out):
            result = run(*command)
            assert result.returncode == 0, (command[0], result.stderr)
    assert sha256(db) == before
    assert sorted(p.name for p in folder.iterdir()) == ["coorace.sqlite"]


@pytest.mark.parametrize("name", ["Bilan?2024.sqlite", "a%41.sqlite", "x#1 &b=2.sqlite"])
def test_the_file_named_is_the_file_used(tmp_path, name):
    created = run("demo", "--db", tmp_path / name)
    assert created.returncode == 0, created.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
    assert run("check", "--db", tmp_path / name).returncode == 0
