"""Generation: sections asked for, progress, cancel and write failures leave the old file untouched."""

import pytest

from coorace_desktop.report.context import ReportRequest
from coorace_desktop.report.generate import (
    SECTION_KEYS,
    UnknownSectionError,
    chosen_sections,
    generate_report,
)
from coorace_desktop.storage.errors import FileAccessError


class Cancelled(Exception):
    pass


def test_sections_print_in_the_reports_order_whatever_the_order_asked():
    assert [section.key for section in chosen_sections(("rendez-vous", "couverture"))] == ["couverture", "rendez-vous"]
    assert [section.key for section in chosen_sections(())] == list(SECTION_KEYS)
    with pytest.raises(UnknownSectionError, match="Section inconnue : annexes"):
        chosen_sections(("annexes",))


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


def test_an_empty_database_prints_a_report_that_says_what_is_missing(database, print_report):
    report = print_report(database, 2024)
    for fragment in (
        "Rapport annuel",  # no delegation name yet
        "Le rapport moral 2024 n'a pas été rédigé.",
        "Aucun chiffre clé n'est enregistré pour 2024.",
        "Aucun temps fort n'est enregistré pour 2024.",
        "Aucun rendez-vous prévu en 2025 pour l'instant.",
    ):
        assert fragment in report.text, fragment
