"""Files that are not ours, damaged or odd arguments: one French line, nothing changed, no snapshot (issue 24)."""

import shutil
from pathlib import Path

import pytest

from coorace_desktop.storage.engine import APPLICATION_ID
from coorace_desktop.storage.paths import backup_dir
from tests.cli.test_file_safety import run, sha256
from tests.file_systems import small_disk
from tests.sqlite_files import copy_with, execute, organisation_count


def assert_refused(result, *, code=1) -> str:
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return result.stderr


def snapshots() -> list[Path]:
    folder = backup_dir()
    return sorted(folder.iterdir()) if folder.exists() else []


def foreign_with_our_id(path: Path, *extra: str) -> Path:
    """Another application's SQLite file that happens to carry our application_id."""
    return execute(path, f"PRAGMA application_id = {APPLICATION_ID}", "CREATE TABLE recettes (nom TEXT)",
                   "INSERT INTO recettes VALUES ('tarte')", *extra)


@pytest.mark.parametrize("kind", ["text", "foreign", "our id", "our id, foreign revision"])
def test_a_file_not_ours_is_refused_unchanged_by_every_command(tmp_path, demo_file, kind):
    target = tmp_path / "autre.sqlite"
    if kind == "text":
        target.write_text("nom;ville\nA;Albi\n")
    elif kind == "foreign":
        execute(target, "CREATE TABLE recettes (nom TEXT)")
    elif kind == "our id":
        foreign_with_our_id(target)
    else:
        foreign_with_our_id(target, "CREATE TABLE alembic_version (version_num TEXT)",
                            "INSERT INTO alembic_version VALUES ('ae1027a6acf')")
    backup = tmp_path / "bk.sqlite"
    assert run("backup", "--db", demo_file, "-o", backup).returncode == 0
    before = sha256(target)
    for command in (["check"], ["erase-person", "1", "--yes"], ["restore", backup], ["demo", "--force"]):
        stderr = assert_refused(run(*command[:1], "--db", target, *command[1:]))
        assert stderr.startswith("Erreur : autre.sqlite ") and len(stderr.strip().splitlines()) == 1, stderr
        assert sha256(target) == before, command
    assert snapshots() == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["autre.sqlite", "bk.sqlite", "bk.sqlite.json"]


@pytest.mark.parametrize("damage", [
    "DROP TABLE participations",
    "DELETE FROM alembic_version",
    "INSERT INTO alembic_version VALUES ('0003_record_versions')",
])
def test_a_damaged_schema_is_a_french_line(tmp_path, demo_file, damage):
    path = copy_with(demo_file, tmp_path / "abime.sqlite", "PRAGMA foreign_keys = OFF", damage)
    before = sha256(path)
    for command in (["check"], ["board"], ["report", "--year", "2020", "-o", tmp_path / "r.pdf"], ["erase-person", "1", "--yes"]):
        stderr = assert_refused(run(command[0], "--db", path, *command[1:]))
        assert stderr.startswith("Erreur : abime.sqlite est endommagé"), stderr
    assert sha256(path) == before
    assert snapshots() == []


@pytest.mark.parametrize("command", [["events", "--year", "10000"], ["accompaniment", "--year", "0"],
                                     ["accompaniment", "--year", "-5"], ["accompaniment", "--year", "10000"],
                                     ["report", "--year", "abc", "-o", "x.pdf"]])
def test_years_out_of_range_are_usage_errors(tmp_path, demo_file, command):
    stderr = assert_refused(run(command[0], "--db", demo_file, *command[1:]), code=2)
    assert "Erreur d'utilisation : argument --year: année invalide" in stderr


@pytest.mark.parametrize("command", ["export-person", "erase-person"])
@pytest.mark.parametrize("number", ["99999999999999999999999", "2147483648", "0"])
def test_person_numbers_out_of_range_are_usage_errors(tmp_path, demo_file, command, number):
    extra = ["-o", tmp_path / "p.txt"] if command == "export-person" else ["--yes"]
    stderr = assert_refused(run(command, "--db", demo_file, number, *extra), code=2)
    assert f"argument PERSONNE: numéro de personne invalide : {number} (attendu un numéro de 1 à" in stderr


def test_restore_through_a_symlink_restores_the_database_it_points_to(tmp_path, demo_file):
    shared = tmp_path / "partage"
    shared.mkdir()
    real = shared / "coorace.sqlite"
    shutil.copy(demo_file, real)
    backup = tmp_path / "bk.sqlite"
    assert run("backup", "--db", real, "-o", backup).returncode == 0
    execute(real, "DELETE FROM organisations WHERE id NOT IN (SELECT organisation_id FROM support_actions "
                  "WHERE organisation_id IS NOT NULL UNION SELECT organisation_id FROM board_mandates "
                  "UNION SELECT organisation_id FROM participations WHERE organisation_id IS NOT NULL)")
    link = tmp_path / "raccourci.sqlite"
    link.symlink_to(real)
    restored = run("restore", "--db", link, backup)
    assert restored.returncode == 0, restored.stderr
    assert link.is_symlink() and link.resolve() == real
    assert organisation_count(real) == 51


def test_a_failed_safety_copy_leaves_no_empty_backup_and_restores_nothing(tmp_path, demo_file):
    damaged = tmp_path / "coorace.sqlite"
    data = bytearray(demo_file.read_bytes())
    data[4096 * 3: 4096 * 3 + 200] = b"\xff" * 200  # ours, but SQLite cannot read it whole: copied byte for byte
    damaged.write_bytes(bytes(data))
    backup = tmp_path / "bk.sqlite"
    assert run("backup", "--db", demo_file, "-o", backup).returncode == 0
    with small_disk(backup_dir(), "64k") as folder:
        stderr = assert_refused(run("restore", "--db", damaged, backup))
        assert "disque est plein" in stderr
        assert list(folder.iterdir()) == []
    assert damaged.read_bytes() == bytes(data)
    # SQLite's own -wal and -shm (left by reading a WAL file read-only) may remain; nothing else does.
    left = {p.name for p in tmp_path.iterdir()} - {"coorace.sqlite-wal", "coorace.sqlite-shm"}
    assert sorted(left) == ["bk.sqlite", "bk.sqlite.json", "coorace.sqlite"]
