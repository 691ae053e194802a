"""`events` prints a period's event figures and the year's rendez-vous."""

import json

from coorace_desktop.cli import main


def test_2020_animations_as_the_report_counts_them(demo_database, capsys):
    assert main(["events", "--db", str(demo_database.path), "--year", "2020", "--kind", "Animation régionale"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Événements « Animation régionale » du 01/01/2020 au 31/12/2020 : 16 séances, dont 15 en ligne"
    assert "Participants : 243" in lines
    assert lines[-1] == "Structures adhérentes touchées : 0 sur 51 (0,0 %)"


def test_each_kind_agrees_with_its_counts(demo_database, capsys):
    """They read « 1 séance(s), 1 participant(s) »."""
    assert main(["events", "--db", str(demo_database.path), "--from", "01/10/2020", "--to", "31/10/2020"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Événements du 01/10/2020 au 31/10/2020 : 4 séances, dont 2 en ligne"
    assert lines[1:4] == ["  Animation régionale : 2 séances, 40 participants", "  Hackathon : 1 séance, 70 participants",
                          "  Plaidoyer : 1 séance, 1 participant"]


def test_2021_rendezvous_dated_first(demo_database, capsys):
    assert main(["events", "--db", str(demo_database.path), "--year", "2021"]) == 0
    out = capsys.readouterr().out
    assert "  20/05/2021 Assemblée générale 2021\n  17/06/2021 Journée régionale ENEDIS\n" in out
    assert "  25/11/2021 au 26/11/2021 Congrès Coorace\n  date à préciser : Lancement de Zest' BTP\n" in out


def test_a_period_as_json(demo_database, capsys):
    arguments = ["events", "--db", str(demo_database.path), "--from", "01/10/2020", "--to", "31/10/2020", "--json"]
    assert main(arguments) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["by_kind"] == {"Animation régionale": 2, "Hackathon": 1, "Plaidoyer": 1}
    assert (result["participants"], result["reached"], result["active_members"]) == (111, 1, 51)


def test_half_a_period_is_refused_in_french(demo_database, capsys):
    assert main(["events", "--db", str(demo_database.path), "--from", "01/01/2020"]) == 1
    assert capsys.readouterr().err == "Erreur : Indiquez --from et --to ensemble.\n"


def test_events_counted_by_names_are_said_so(demo_database, capsys):
    from coorace_desktop.domain.enums import AttendanceStatus
    from coorace_desktop.services.events.registrations import event_attendance, set_attendance
    from tests.attendance_scenario import make_training

    training = make_training(demo_database)
    people = event_attendance(demo_database, training.event_id).people
    set_attendance(demo_database, training.event_id, 1, {p.person_id: AttendanceStatus.PRESENT for p in people[:18]})
    assert main(["events", "--db", str(demo_database.path), "--year", "2020", "--kind", "Formation"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "Personnes distinctes : 18 (événements comptés par noms : 1, par nombres : 2)" in lines  # 2 demo trainings
    assert "Heures de formation : 63" in lines  # 18 presences of 3.5 hours
    assert main(["events", "--db", str(demo_database.path), "--year", "2020", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert (document["persons_reached"], document["by_names"]) == (18, 1)
