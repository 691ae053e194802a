"""`report`: the PDF from the command line, or the Vérifier list with --check."""

import pytest
from pypdf import PdfReader

from coorace_desktop.cli import main
from coorace_desktop.domain.reporting_rules import PartnerInput
from coorace_desktop.services.reporting.year_inputs import save_partner
from tests.sqlite_files import demo_before_recorded_dates


def test_report_writes_the_whole_pdf(demo_database, tmp_path, capsys):
    target = tmp_path / "rapport 2020.pdf"
    assert main(["report", "--db", str(demo_database.path), "--year", "2020", "-o", str(target)]) == 0
    pages = len(PdfReader(target).pages)
    assert capsys.readouterr().out == f"Rapport d'activité 2020 enregistré dans {target} ({pages} pages).\n"
    assert pages >= 12


def test_report_prints_only_the_sections_named(demo_database, tmp_path, capsys):
    target = tmp_path / "annuaire.pdf"
    arguments = ["report", "--db", str(demo_database.path), "--year", "2020", "--section", "adherents", "-o", str(target)]
    assert main(arguments) == 0
    reader = PdfReader(target)
    assert [entry.title for entry in reader.outline] == ["Nos adhérents en 2020"]
    assert "Rapport moral" not in " ".join(page.extract_text() for page in reader.pages)


def test_check_lists_findings_without_printing(demo_database, tmp_path, capsys):
    assert main(["report", "--db", str(demo_database.path), "--year", "2020", "--check"]) == 0
    out = capsys.readouterr().out
    assert "[À vérifier] 21 événements réalisés en 2020 sans aucun participant enregistré" in out
    assert "    - Participation aux CDIAE de la région" in out
    assert list(tmp_path.glob("*.pdf")) == []


def test_missing_output_and_bad_year_are_french_refusals(demo_database, capsys):
    assert main(["report", "--db", str(demo_database.path), "--year", "2020"]) == 1
    assert "Indiquez le fichier à écrire avec -o FICHIER.pdf ou FICHIER.html" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["report", "--db", str(demo_database.path), "--year", "20", "-o", "x.pdf"])
    assert usage.value.code == 2
    assert "année invalide : 20 (attendu AAAA, entre 1900 et 2200)" in capsys.readouterr().err


def test_close_reprint_html_and_reopen(demo_database, tmp_path, capsys):
    db = ["--db", str(demo_database.path), "--year", "2020"]
    assert main(["report", "close", *db]) == 0
    out = capsys.readouterr().out
    assert "[À vérifier] 21 événements réalisés" in out and "Année 2020 close le " in out
    assert main(["report", "close", *db]) == 1
    assert "déjà close" in capsys.readouterr().err
    assert main(["report", *db, "-o", str(tmp_path / "r.pdf")]) == 0
    out = capsys.readouterr().out
    assert "Année close le " in out and "Aucun changement depuis la clôture." in out
    save_partner(demo_database, PartnerInput("Fondation retrouvée", since_year=2020))
    assert main(["report", *db, "-o", str(tmp_path / "r.pdf")]) == 0
    assert capsys.readouterr().out.endswith(
        "Changements depuis la clôture (absents du rapport gardé) :\n  - Autre élément du rapport modifié : partenaires\n"
    )
    assert "Chiffres arrêtés au " in PdfReader(tmp_path / "r.pdf").pages[0].extract_text()
    assert main(["report", *db, "-o", str(tmp_path / "r.html")]) == 0
    assert '<html lang="fr">' in (tmp_path / "r.html").read_text(encoding="utf-8")
    assert main(["report", "reopen", *db]) == 1
    assert "Indiquez pourquoi" in capsys.readouterr().err
    assert main(["report", "reopen", *db, "--reason", "chiffres corrigés"]) == 0
    assert "Année 2020 rouverte" in capsys.readouterr().out


def test_a_migration_on_opening_is_said_on_stderr_once(tmp_path, capsys):
    path = demo_before_recorded_dates(tmp_path / "ancienne.sqlite", undated=2)
    db = ["--db", str(path), "--year", "2020"]
    assert main(["report", "close", *db]) == 0
    captured = capsys.readouterr()
    assert captured.err.startswith("Base mise à jour : Date d'enregistrement des périodes d'adhésion : ")
    assert "2 périodes d'adhésion sans date d'adhésion connue" in captured.err
    assert "Année 2020 close le " in captured.out
    assert main(["report", "reopen", *db, "--reason", "essai"]) == 0
    assert capsys.readouterr().err == ""
