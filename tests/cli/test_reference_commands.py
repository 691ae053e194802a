"""`reference`: import the files, then status, matches, differences and prospects (--json, -o)."""

import json

import pytest
from openpyxl import load_workbook

from coorace_desktop.cli import main
from tests.services.reference.fixtures import build_fixture, write_data_inclusion_csv

pytestmark = pytest.mark.sqlite_only("the command line's file options")


@pytest.fixture
def imported(demo_database, tmp_path, capsys):
    fixture = build_fixture(demo_database)
    path = write_data_inclusion_csv(tmp_path / "structures.csv", fixture.entries)
    assert main(["reference", "import", str(path), "--db", str(demo_database.path)]) == 0
    assert capsys.readouterr().out.startswith("Référentiel importé : 2\u202f000 SIAE de data·inclusion, fichier du 30/11/2026")
    return fixture


def test_before_any_import_a_french_refusal(demo_database, capsys):
    assert main(["reference", "status", "--db", str(demo_database.path)]) == 1
    assert capsys.readouterr().err.startswith("Erreur : Aucun référentiel importé")


def test_a_bad_file_is_refused_and_nothing_changes(demo_database, imported, tmp_path, capsys):
    (tmp_path / "vide.csv").write_text("")
    assert main(["reference", "import", str(tmp_path / "vide.csv"), "--db", str(demo_database.path)]) == 1
    assert capsys.readouterr().err == "Erreur : Le fichier vide.csv est vide.\n"
    assert main(["reference", "status", "--json", "--db", str(demo_database.path)]) == 0
    assert json.loads(capsys.readouterr().out)["reference"]["entries"] == 2000


def test_status_matches_and_differences(demo_database, imported, capsys):
    db = ["--db", str(demo_database.path)]
    assert main(["reference", "status", "--json", *db]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["members"]["confirmed"] + status["members"]["to_confirm"] >= 45
    assert status["prospects"] == len(imported.prospects)
    assert main(["reference", "matches", "--json", *db]) == 0
    absent = {m["organisation_id"] for m in json.loads(capsys.readouterr().out) if m["state"] == "absent"}
    assert absent == set(imported.closed) & set(imported.member_sirets)
    assert main(["reference", "differences", "--json", *db]) == 0
    differences = json.loads(capsys.readouterr().out)
    assert {d["organisation_id"] for d in differences if d["field"] == "address"} == set(imported.moved)
    assert main(["reference", "differences", *db]) == 0
    assert "Adresse : « " in capsys.readouterr().out


def test_prospects_by_department_and_type_exported(demo_database, imported, tmp_path, capsys):
    db = ["--db", str(demo_database.path)]
    assert main(["reference", "prospects", "--department", "48", "--type", "ACI", "--json", *db]) == 0
    rows = json.loads(capsys.readouterr().out)
    expected = [e for e in imported.prospects if e.postcode.startswith("48") and e.types == ("ACI",)]
    assert sorted(row["SIRET"] for row in rows) == sorted(e.siret for e in expected) and rows
    assert main(["reference", "prospects", "--department", "31", "-o", f"{tmp_path / 'sorties'}/", *db]) == 0
    count = sum(1 for e in imported.prospects if e.postcode.startswith("31"))
    assert capsys.readouterr().out == f"{count} SIAE exportées dans {tmp_path / 'sorties' / 'prospects.xlsx'}.\n"
    sheet = load_workbook(tmp_path / "sorties" / "prospects.xlsx").active
    assert [cell.value for cell in sheet[1]][:3] == ["Raison sociale", "SIRET", "Types"] and sheet.max_row == count + 1
    assert main(["reference", "prospects", "--department", "99", *db]) == 1
    assert capsys.readouterr().err == "Erreur : Département inconnu : 99.\n"
