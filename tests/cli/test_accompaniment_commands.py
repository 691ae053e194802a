"""`accompaniment` prints the year's figures per programme, as the report does."""

import json

from coorace_desktop.cli import main


def test_the_2020_summary_as_text(demo_database, capsys):
    assert main(["accompaniment", "--db", str(demo_database.path), "--year", "2020"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Accompagnements 2020"
    assert "Zest' : 1 action, 6 bénéficiaires, 0 h" in lines  # not « 1 action(s) »
    assert "Évaluation CAP : 2 actions, 5 bénéficiaires, 0 h" in lines
    assert "  • 12 porteurs de projet conseillés" in lines
    assert lines[-1] == "TZCLD — Au 31 décembre 2020 : 13 projets émergents et 23 territoires intéressés"


def test_as_json_and_an_empty_year(demo_database, capsys):
    assert main(["accompaniment", "--db", str(demo_database.path), "--year", "2020", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert sum(p["beneficiaries"] for p in result["programmes"]) == 81
    assert result["territories"] == {"interested": 23, "emerging": 13, "authorised": 0}
    assert main(["accompaniment", "--db", str(demo_database.path), "--year", "2019"]) == 0
    assert "Aucune action enregistrée cette année." in capsys.readouterr().out
