"""`board` prints the composition on a date as the report lists it."""

import json

import pytest

from coorace_desktop.cli import main


def test_board_prints_the_seed_reports_organisation_page(demo_database, capsys):
    assert main(["board", "--db", str(demo_database.path), "--date", "31/12/2020"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Conseil d'administration au 31/12/2020 : 15 membres"
    assert lines[1] == "  ADEL (12) – Catherine GUILLET"
    assert "  Présidente, Isabelle CHATRY" in lines
    assert "Représentants au CA de la fédération nationale : Isabelle CHATRY et Sylvia RICCI" in lines
    assert lines[-1] == "  Nathalie DELCOUR, Assistante administrative, comptabilité, communication (Toulouse)"


def test_an_empty_board_reads_in_the_singular(demo_database, capsys):
    """It read « 0 membre(s) »; French puts 0 in the singular."""
    assert main(["board", "--db", str(demo_database.path), "--date", "01/07/2020"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "Conseil d'administration au 01/07/2020 : 0 membre"


def test_board_as_json_on_a_date_before_the_election(demo_database, capsys):
    assert main(["board", "--db", str(demo_database.path), "--date", "2020-07-01", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["board"] == [] and result["bureau"] == [] and len(result["staff"]) == 5


def test_a_bad_date_is_a_french_usage_error(demo_database, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["board", "--db", str(demo_database.path), "--date", "31/02/2020"])
    assert exit_info.value.code == 2
    assert "date invalide : 31/02/2020 (attendu JJ/MM/AAAA)" in capsys.readouterr().err
