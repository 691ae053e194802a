"""-o of backup, export and report: a trailing separator or an existing folder means a folder."""

import os

import pytest

from coorace_desktop.cli import main

pytestmark = pytest.mark.sqlite_only("fichiers de sortie à côté d'un fichier SQLite")


def test_backup_into_a_folder_that_does_not_exist_yet(demo_file, tmp_path):
    folder = tmp_path / "copies"
    assert main(["backup", "--db", str(demo_file), "-o", f"{folder}{os.sep}"]) == 0
    assert folder.is_dir()
    assert [path.suffix for path in sorted(folder.iterdir())] == [".sqlite", ".json"]


def test_backup_into_an_existing_folder_then_to_a_file(demo_file, tmp_path):
    assert main(["backup", "--db", str(demo_file), "-o", str(tmp_path)]) == 0
    assert len(list(tmp_path.glob("demo-copie-*.sqlite"))) == 1
    assert main(["backup", "--db", str(demo_file), "-o", str(tmp_path / "copie")]) == 0
    assert (tmp_path / "copie").is_file()


def test_export_and_report_into_a_new_folder(demo_file, tmp_path, capsys):
    out = tmp_path / "sorties"
    assert main(["export", "members", f"{out}{os.sep}", "--db", str(demo_file)]) == 0
    assert (out / "members.xlsx").is_file()
    assert main(["report", "--db", str(demo_file), "--year", "2020", "--section", "couverture", "-o", f"{out}{os.sep}"]) == 0
    assert (out / "rapport-activite-2020.pdf").read_bytes().startswith(b"%PDF")


def test_a_trailing_separator_after_a_file_is_refused_in_french(demo_file, tmp_path, capsys):
    (tmp_path / "fichier").write_text("x")
    assert main(["backup", "--db", str(demo_file), "-o", f"{tmp_path / 'fichier'}{os.sep}"]) == 1
    assert "est un fichier, pas un dossier" in capsys.readouterr().err
