"""backup, restore, backups, export-person, erase-person as a user runs them: subprocesses, French, exit codes."""

import hashlib
import io
import json
import subprocess
import sys

import pytest

from coorace_desktop.cli import main
from coorace_desktop.storage.backup import create_backup
from coorace_desktop.storage.lock import DatabaseLock
from tests.sqlite_files import copy_with, execute, organisation_count


def run(*args):
    return subprocess.run([sys.executable, "-m", "coorace_desktop", *map(str, args)], capture_output=True, text=True)


def test_backup_then_restore_round_trip(demo_database, tmp_path):
    path = demo_database.path
    demo_database.close()
    saved = run("backup", "--db", path, "-o", tmp_path / "copie.sqlite")
    assert saved.returncode == 0, saved.stderr
    assert "Copie enregistrée : " in saved.stdout and "51 adhérents" in saved.stdout
    digest = saved.stdout.split("SHA-256 : ")[1].strip()
    assert hashlib.sha256((tmp_path / "copie.sqlite").read_bytes()).hexdigest() == digest
    execute(path, "DELETE FROM organisations WHERE id NOT IN (SELECT organisation_id FROM contacts)")
    assert organisation_count(path) < 51
    restored = run("restore", "--db", path, tmp_path / "copie.sqlite")
    assert restored.returncode == 0, restored.stderr
    assert "empreinte SHA-256 vérifiée" in restored.stdout and "La base remplacée est conservée" in restored.stdout
    assert organisation_count(path) == 51
    listed = json.loads(run("backups", "--db", path, "--json").stdout)
    assert [entry["kind"] for entry in listed] == ["avant-restauration"]  # the copy went elsewhere (-o)


@pytest.mark.parametrize("kind", ["truncated", "text", "foreign", "newer"])
def test_a_refused_restore_is_one_french_line_and_changes_nothing(demo_database, tmp_path, kind):
    path = demo_database.path
    demo_database.close()
    candidate = tmp_path / f"{kind}.sqlite"
    data = create_backup(path, tmp_path / "good.sqlite").path.read_bytes()
    if kind == "truncated":
        candidate.write_bytes(data[: len(data) // 3])
    elif kind == "text":
        candidate.write_text("Ceci n'est pas une base.\n" * 20)
    elif kind == "foreign":
        execute(candidate, "CREATE TABLE t (x)")
    else:
        copy_with(tmp_path / "good.sqlite", candidate, "UPDATE alembic_version SET version_num = '9999_future'")
    before = path.read_bytes()
    refused = run("restore", "--db", path, candidate)
    assert refused.returncode == 1
    assert refused.stderr.startswith("Erreur : ") and len(refused.stderr.strip().splitlines()) == 1
    assert "Traceback" not in refused.stderr
    assert path.read_bytes() == before


def test_restore_refused_while_the_application_holds_the_database(demo_database, tmp_path, capsys):
    path = demo_database.path
    demo_database.close()
    copy = create_backup(path, tmp_path / "copie.sqlite").path
    before = path.read_bytes()
    with DatabaseLock(path):  # another lock on the same file, as a second process would take
        assert main(["restore", "--db", str(path), str(copy)]) == 1
    assert "est déjà ouverte par Coorace Desktop" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_export_and_erase_a_person(demo_database, tmp_path, capsys):
    path = str(demo_database.path)
    assert main(["export-person", "--db", path, "chatry", "-o", str(tmp_path / "chatry.txt")]) == 0
    assert "Isabelle CHATRY" in (tmp_path / "chatry.txt").read_text(encoding="utf-8")
    assert main(["erase-person", "--db", path, "chatry", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "Isabelle CHATRY est effacé·e" in out and "Rapport 2020 (signataire)" in out
    assert main(["export-person", "--db", path, "chatry", "-o", str(tmp_path / "again.txt")]) == 1
    assert "Aucune personne ne correspond à « chatry »" in capsys.readouterr().err


def test_erase_asks_for_confirmation_and_several_matches_ask_for_a_number(demo_database, tmp_path, capsys, monkeypatch):
    path = str(demo_database.path)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal
    assert main(["erase-person", "--db", path, "chatry"]) == 1
    assert "ajoutez --yes" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", Terminal("non\n"))
    assert main(["erase-person", "--db", path, "chatry"]) == 1
    assert "Rien n'a été effacé" in capsys.readouterr().err
    assert main(["export-person", "--db", path, "an", "-o", str(tmp_path / "x.txt")]) == 1
    assert "donnez le numéro" in capsys.readouterr().err
    assert not (tmp_path / "x.txt").exists()
    monkeypatch.setattr("sys.stdin", Terminal("effacer\n"))
    assert main(["erase-person", "--db", path, "chatry"]) == 0


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True
