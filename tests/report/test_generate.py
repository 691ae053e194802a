"""Generation: sections asked for, progress, cancel and write failures leave the old file untouched."""

import pytest

from coorace_desktop.report.generate import BUILDERS, NothingToPrintError, generate_report
from coorace_desktop.report.sections import SECTION_KEYS, ReportRequest, UnknownSectionError, chosen_sections
from coorace_desktop.storage.errors import FileAccessError
from tests.report.conftest import PrintedReport


class Cancelled(Exception):
    pass


def test_sections_print_in_the_reports_order_whatever_the_order_asked():
    assert [section.key for section in chosen_sections(("rendez-vous", "couverture"))] == ["couverture", "rendez-vous"]
    assert [section.key for section in chosen_sections(())] == list(SECTION_KEYS)
    with pytest.raises(UnknownSectionError, match="Section inconnue : annexes"):
        chosen_sections(("annexes",))


def test_every_section_has_its_builder():
    assert list(BUILDERS) == list(SECTION_KEYS)


def test_progress_rises_to_the_end(demo_database, tmp_path):
    seen = []
    result = generate_report(demo_database, ReportRequest(2020), tmp_path / "r.pdf", lambda done, total, text: seen.append((done, total, text)))
    assert result.path.read_bytes().startswith(b"%PDF")
    assert seen[0][2] == "Préparation : Couverture…" and seen[-1] == (100, 100, "Rapport enregistré.")
    assert [done for done, _, _ in seen] == sorted(done for done, _, _ in seen)
    assert any(text == "Mise en page…" for _, _, text in seen)


@pytest.mark.parametrize("cancel_at", ["Préparation : Nos adhérents…", "Mise en page…"])
def test_cancel_leaves_the_previous_file_and_no_partial_one(demo_database, tmp_path, cancel_at):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "rapport.pdf"
    target.write_bytes(b"previous report")

    def progress(done, total, text):
        if text == cancel_at:
            raise Cancelled()

    with pytest.raises(Cancelled):
        generate_report(demo_database, ReportRequest(2020), target, progress)
    assert target.read_bytes() == b"previous report"
    assert sorted(path.name for path in folder.iterdir()) == ["rapport.pdf"]


def test_a_missing_folder_is_a_french_message(demo_database, tmp_path):
    with pytest.raises(FileAccessError, match="n'a pas été enregistré dans .* : ce dossier ou ce fichier n'existe pas."):
        generate_report(demo_database, ReportRequest(2020), tmp_path / "absent" / "r.pdf")


def test_sections_without_data_are_left_out_with_their_reason_never_printed_as_a_placeholder(database, tmp_path):
    result = generate_report(database, ReportRequest(2024), tmp_path / "r.pdf")
    assert result.omitted == {
        "rapport-moral": "le rapport moral 2024 n'est pas écrit",
        "en-bref": "aucun adhérent, chiffre clé ni ressource pour 2024",
        "temps-forts": "aucun temps fort, accompagnement ni événement réalisé en 2024",
        "adherents": "aucun adhérent en 2024",
        "rendez-vous": "aucun rendez-vous prévu en 2025 ni partenaire pour 2024",
    }
    report = PrintedReport(result.path, result.pages)
    assert "Rapport annuel" in report.text  # the cover, with no delegation name yet
    assert set(report.section_pages()) == {"Notre organisation"}
    for placeholder in ("n'a pas été rédigé", "Aucun chiffre clé", "Aucun temps fort", "Aucun rendez-vous", "Aucun partenaire"):
        assert placeholder not in report.text, placeholder


def test_a_report_with_nothing_to_print_is_refused_in_french(database, tmp_path):
    with pytest.raises(NothingToPrintError, match="Rien à imprimer pour 2024 : le rapport moral 2024 n'est pas écrit."):
        generate_report(database, ReportRequest(2024, ("rapport-moral",)), tmp_path / "r.pdf")
    assert not (tmp_path / "r.pdf").exists()


def test_a_2021_report_prints_neither_placeholders_nor_planned_events_as_held(demo_database, tmp_path):
    result = generate_report(demo_database, ReportRequest(2021), tmp_path / "r.pdf")
    report = PrintedReport(result.path, result.pages)
    assert "rapport-moral" in result.omitted
    assert "séances d'événements" not in report.text and "0 participant" not in report.text


def test_an_office_given_in_the_masculine_prints_its_masculine_title(demo_database, print_report):
    """The title follows the form chosen with the office, never a gender guessed from the name."""
    from sqlmodel import select

    from coorace_desktop.domain.enums import BureauRole, OfficeForm
    from coorace_desktop.domain.governance import BureauOffice

    with demo_database.session() as session:
        president = session.exec(select(BureauOffice).where(BureauOffice.role == BureauRole.PRESIDENT)).one()
        president.form = OfficeForm.MASCULINE
        session.add(president)
    text = print_report(demo_database, 2020, "organisation").text
    assert "Président Isabelle CHATRY INTER RELAIS" in text
    assert "Présidente" not in text and "Président·e" not in text
    assert "Trésorier Bruno PEGAS" in text  # given in the masculine in the demo
