"""`import` and `export` as a user runs them: a subprocess, exit codes, and a kill -9 mid-import."""

import os
import signal
import sqlite3
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from coorace_desktop.cli import main
from tests.services.importing.files import MEMBER_HEADERS, french_excel_csv

GOOD = ["Régie Cœur de Ville", "ACI", "3 rue des Lilas", "31000", "Toulouse", "05 61 00 00 01", "regie@example.fr", "Martin", "Zoé", "Présidente"]
BAD = ["Chantier du Lot", "ACI", "1 rue X", "4600", "Cahors", "", "pas-un-courriel", "", "", ""]


def run(*args):
    return subprocess.run([sys.executable, "-m", "coorace_desktop", *map(str, args)], capture_output=True, text=True)


def dump(path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def organisations(path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT count(*) FROM organisations").fetchone()[0]
    finally:
        connection.close()


def test_rows_in_error_exit_1_and_write_nothing(demo_file, tmp_path):
    source = french_excel_csv(tmp_path / "adherents.csv", [MEMBER_HEADERS, GOOD, BAD])
    rejects = tmp_path / "a-corriger.xlsx"
    before = dump(demo_file)
    result = run("import", "members", source, "--db", demo_file, "--errors-to", rejects)
    assert result.returncode == 1
    assert "Ligne 3 : Code postal invalide : 4600" in result.stdout
    assert "Rien n'a été importé" in result.stderr
    assert dump(demo_file) == before
    sheet = load_workbook(rejects).active
    assert [cell.value for cell in sheet[1]][:4] == ["Erreur à corriger", "Ligne d'origine", "Raison sociale", "Type"]
    assert sheet.cell(2, 2).value == 3 and sheet.cell(2, 3).value == "Chantier du Lot"


def test_dry_run_then_skip_invalid(demo_file, tmp_path):
    database = tmp_path / "db.sqlite"
    database.write_bytes(demo_file.read_bytes())
    source = french_excel_csv(tmp_path / "adherents.csv", [MEMBER_HEADERS, GOOD, BAD])
    dry = run("import", "members", source, "--db", database, "--dry-run", "--skip-invalid")
    assert dry.returncode == 0, dry.stderr
    assert "1 à créer" in dry.stdout and "rien n'a été écrit" in dry.stdout
    assert organisations(database) == 51
    done = run("import", "members", source, "--db", database, "--skip-invalid")
    assert done.returncode == 0, done.stderr
    assert "Import terminé : 1 créé," in done.stdout
    assert organisations(database) == 52


def test_corrected_rejects_import_with_the_same_mapping(demo_file, tmp_path):
    database = tmp_path / "db.sqlite"
    database.write_bytes(demo_file.read_bytes())
    source = french_excel_csv(tmp_path / "adherents.csv", [MEMBER_HEADERS, ["Tarn Services", "AI", "", "81000", "Albi", "", "", "", "", ""], BAD])
    rejects = tmp_path / "a-corriger.csv"
    run("import", "members", source, "--db", database, "--skip-invalid", "--errors-to", rejects)
    text = rejects.read_text(encoding="utf-8-sig").replace(";4600;", ";46000;").replace("pas-un-courriel", "lot@example.fr")
    rejects.write_text(text, encoding="utf-8-sig")
    again = run("import", "members", rejects, "--db", database)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Colonnes ignorées : Erreur à corriger; Ligne d'origine" in again.stdout
    assert organisations(database) == 53


def test_export_formats_follow_the_extension(demo_file, tmp_path):
    for table, name in (("members", "m.xlsx"), ("members", "m.vcf"), ("actions", "a.csv"), ("events", "e.ics")):
        result = run("export", table, tmp_path / name, "--db", demo_file)
        assert result.returncode == 0, result.stderr
        assert (tmp_path / name).stat().st_size > 0
    refused = run("export", "actions", tmp_path / "a.ics", "--db", demo_file)
    assert refused.returncode == 1
    assert "format .ics non pris en charge" in refused.stderr
    assert not (tmp_path / "a.ics").exists()


def test_kill_9_during_a_20000_row_import_leaves_the_database_unchanged(demo_file, tmp_path):
    database = tmp_path / "db.sqlite"
    database.write_bytes(demo_file.read_bytes())
    rows = [
        [f"Structure d'insertion n° {n}", "ACI", f"{n} rue de la Paix", "31000", "Toulouse", "", f"contact{n}@example.fr", f"Nom{n}", "Zoé", "Directrice"]
        for n in range(20_000)
    ]
    source = french_excel_csv(tmp_path / "gros.csv", [MEMBER_HEADERS, *rows])
    before = dump(database)
    process = subprocess.Popen(
        [sys.executable, "-m", "coorace_desktop", "import", "members", str(source), "--db", str(database)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        for line in process.stderr:
            if line.startswith("Création des adhérents"):  # printed after each batch written
                os.kill(process.pid, signal.SIGKILL)
                break
    finally:
        process.wait(timeout=120)
    assert process.returncode == -signal.SIGKILL  # killed mid-import, not finished
    assert dump(database) == before
    check = run("check", "--db", database)
    assert check.returncode == 0, check.stdout + check.stderr


def test_damaged_and_oversized_files_are_refused_in_one_french_line(demo_file, tmp_path):
    (tmp_path / "long.csv").write_text("Raison sociale;Ville\n" + "A" * 140_000 + ";Foix\n", encoding="utf-8")
    (tmp_path / "renamed.xlsx").write_bytes(b"\xd0\xcf\x11\xe0 an old .xls file")
    expected = {
        "long.csv": "Erreur : long.csv, ligne 2 : une cellule dépasse 32\u202f767 caractères",
        "renamed.xlsx": "Erreur : renamed.xlsx n'est pas un classeur Excel lisible : ce n'est pas une archive de classeur",
    }
    for name, message in expected.items():
        result = run("import", "members", tmp_path / name, "--db", demo_file, "--dry-run")
        assert result.returncode == 1 and result.stderr.startswith(message), result.stderr
        assert "Traceback" not in result.stderr


def test_control_characters_are_dropped_so_the_export_works(demo_file, tmp_path):
    database = tmp_path / "copie.sqlite"
    database.write_bytes(demo_file.read_bytes())
    source = tmp_path / "sale.csv"
    source.write_bytes(b"Raison sociale;Ville;CP\r\nR\x1bgie\x01 du Lot\x00;Cahors;46000\r\n")
    result = run("import", "members", source, "--db", database)
    assert result.returncode == 0, result.stderr
    assert "Attention : 3 caractères de contrôle invisibles retirés des cellules (ligne 2)." in result.stdout
    exported = run("export", "members", tmp_path / "adherents.xlsx", "--db", database, "--search", "gie du lot")
    assert exported.returncode == 0, exported.stderr
    assert [row[0] for row in load_workbook(tmp_path / "adherents.xlsx").active.iter_rows(min_row=2, values_only=True)] == ["Rgie du Lot"]


def test_export_figures_of_a_year_imports_back_unchanged(demo_file, tmp_path):
    database = tmp_path / "db.sqlite"
    database.write_bytes(demo_file.read_bytes())
    source = french_excel_csv(tmp_path / "chiffres.csv", [
        ["Structure", "Année", "CA", "ETP", "Heures d'insertion"],
        ["AJE", "2019", "1 000 000", "12,5", ""], ["AJE", "2020", "1 100 000", "13,25", "20 000"], ["Casta", "2020", "", "3", ""],
    ])
    assert run("import", "figures", source, "--db", database).returncode == 0
    exported = run("export", "figures", f"{tmp_path / 'sortie'}{os.sep}", "--db", database, "--year", "2020")
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout == f"2 lignes exportées dans {tmp_path / 'sortie' / 'figures.xlsx'}\n"
    sheet = load_workbook(tmp_path / "sortie" / "figures.xlsx").active
    assert list(sheet.iter_rows(values_only=True)) == [
        ("Raison sociale", "SIRET", "Année", "Chiffre d'affaires (€)", "Masse salariale brute (€)", "Financements publics (€)",
         "Salariés en insertion", "Permanents", "ETP", "Heures d'insertion"),
        ("AJE", None, 2020, 1100000, None, None, None, None, 13.25, 20000),
        ("CASTA", None, 2020, None, None, None, None, None, 3, None),
    ]
    back = run("import", "figures", tmp_path / "sortie" / "figures.xlsx", "--db", database, "--dry-run")
    assert "Aperçu : 0 à créer, 0 à mettre à jour, 2 inchangés, 0 ligne en erreur." in back.stdout, back.stdout + back.stderr
    refused = run("export", "members", tmp_path / "m.csv", "--db", database, "--year", "2020")
    assert (refused.returncode, refused.stderr) == (1, "Erreur : --year ne s'applique qu'à l'export des chiffres annuels (export figures).\n")
    assert not (tmp_path / "m.csv").exists()


def test_the_export_line_agrees_with_its_count(demo_database, tmp_path, capsys):
    """It read « 1 ligne(s) exportée(s) », and « 1 fiche(s) d'adhérent » for cards."""
    target = tmp_path / "aje.vcf"
    assert main(["export", "members", str(target), "--db", str(demo_database.path), "--search", "AJE"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"1 ligne exportée dans {target} (1 fiche d'adhérent et ") and "(s)" not in out


@pytest.mark.parametrize(("errors", "said"), [(21, "… et 1 autre ligne en erreur."), (22, "… et 2 autres lignes en erreur.")])
def test_the_errors_not_listed_are_counted_in_agreement(demo_database, tmp_path, capsys, errors, said):
    rows = [[f"Chantier {n}", *BAD[1:]] for n in range(errors)]
    source = french_excel_csv(tmp_path / "adherents.csv", [MEMBER_HEADERS, *rows])
    assert main(["import", "members", str(source), "--db", str(demo_database.path), "--dry-run"]) == 1
    assert capsys.readouterr().out.splitlines()[-1].strip() == said
