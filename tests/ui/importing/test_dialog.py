"""The import wizard: file, columns, preview with decisions, import; and its preview model."""

import pytest
from PySide6.QtWidgets import QWizard
from sqlalchemy import func, select

from coorace_desktop.domain import Organisation
from coorace_desktop.services.importing import MEMBERS, Decision, preview_members, propose_mapping, read_table
from coorace_desktop.services.importing.mapping import mappings_file
from coorace_desktop.ui.importing.dialog import ImportWizard
from coorace_desktop.ui.importing.preview import PreviewTableModel, preview_lines
from tests.services.importing.files import MEMBER_HEADERS, french_excel_csv
from tests.services.importing.test_members import ROWS


@pytest.fixture
def source(tmp_path):
    return french_excel_csv(tmp_path / "adherents.csv", [["Liste des adhérents 2021"], MEMBER_HEADERS, *ROWS])


@pytest.fixture
def informed(monkeypatch, boxes):
    shown = boxes.informed
    return shown


def organisation_names(database) -> set[str]:
    with database.session() as session:
        return set(session.execute(select(Organisation.name)).scalars())


def to_preview(qtbot, wizard, source):
    wizard.file_page.open_file(source)
    assert wizard.file_page.isComplete()
    assert "Windows-1252" in wizard.file_page.format_label.text()
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    wizard.next()
    page = wizard.preview_page
    qtbot.waitUntil(lambda: page.preview is not None, timeout=10_000)
    return page


def test_the_whole_import_with_a_merge_decision(qtbot, demo_database, source, informed):
    wizard = ImportWizard(demo_database)
    qtbot.addWidget(wizard)
    wizard.show()
    page = to_preview(qtbot, wizard, source)
    assert page.summary_label.text() == "<b>2 à créer, 1 à mettre à jour, 1 inchangé, 3 doublons possibles, 4 lignes en erreur.</b>"
    assert not page.isComplete()  # rows in error: nothing can be imported yet
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled() is False
    page.state_combo.setCurrentIndex(page.state_combo.findText("Doublons possibles"))
    assert page.model.rowCount() == 3
    bati = next(row for row in range(3) if page.model.line_at(row).name == "Bâti Plus Ariège")
    page.view.selectRow(bati)
    assert page.merge_button.isEnabled()
    page.merge_button.click()
    assert page.model.line_at(bati).decision == Decision.MERGE and page.decisions == {8: Decision.MERGE}
    page.skip_invalid_check.setChecked(True)
    assert page.isComplete()
    before = organisation_names(demo_database)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.result() == QWizard.DialogCode.Accepted, timeout=10_000)
    assert informed == ["Import terminé : 2 créés, 2 mis à jour, 1 inchangé, 2 doublons possibles ignorés, 4 lignes en erreur non importées."]
    assert organisation_names(demo_database) - before == {"Régie de quartier Cœur de Ville", "Alliance Emploi 46"}
    assert mappings_file().exists()  # the columns are remembered for next time


def test_cancelling_writes_nothing(qtbot, demo_database, source):
    wizard = ImportWizard(demo_database)
    qtbot.addWidget(wizard)
    wizard.show()
    to_preview(qtbot, wizard, source)
    with demo_database.session() as session:
        before = session.execute(select(func.count()).select_from(Organisation)).scalar_one()
    wizard.reject()
    with demo_database.session() as session:
        assert session.execute(select(func.count()).select_from(Organisation)).scalar_one() == before


def test_a_column_choice_moves_the_field_and_required_fields_gate_next(qtbot, database, source):
    wizard = ImportWizard(database)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.open_file(source)
    wizard.next()
    page = wizard.mapping_page
    assert page.isComplete()
    name_combo = page.combos[0]
    name_combo.setCurrentIndex(name_combo.findData(""))
    assert not page.isComplete() and "Raison sociale" in page.missing_label.text()
    city_combo = page.combos[4]
    city_combo.setCurrentIndex(city_combo.findData("name"))
    assert page.isComplete()
    assert wizard.mapping.fields[4] == "name" and wizard.mapping.fields[0] == ""


def test_an_unreadable_file_is_explained_and_blocks_next(qtbot, database, tmp_path):
    broken = tmp_path / "abimé.xlsx"
    broken.write_bytes(b"pas un classeur")
    wizard = ImportWizard(database)
    qtbot.addWidget(wizard)
    wizard.file_page.open_file(broken)
    assert not wizard.file_page.isComplete()
    assert "pas un classeur Excel lisible" in wizard.file_page.doubt_label.text()


def test_csv_options_override_detection(qtbot, database, tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes("Raison sociale;Ville\nCôté Jardin;Albi\n".encode("cp1252"))
    wizard = ImportWizard(database)
    qtbot.addWidget(wizard)
    wizard.file_page.open_file(path)
    wizard.file_page.encoding_combo.setCurrentIndex(wizard.file_page.encoding_combo.findData("latin-1"))
    assert wizard.table.encoding == "latin-1" and wizard.table.rows[1].cells[0] == "Côté Jardin"


def test_preview_model(qtmodeltester, demo_database, source):
    table = read_table(source)
    preview = preview_members(demo_database, table, propose_mapping(table, MEMBERS))
    model = PreviewTableModel()
    model.set_lines(preview_lines(preview, {}, Decision.SKIP))
    qtmodeltester.check(model)
    assert model.rowCount() == len(preview.planned) + len(preview.errors)
    model.set_state_filter("error")
    assert [model.line_at(row).name for row in range(model.rowCount())] == ["Chantier du Lot", "Atelier Vert", "", "Tarn Services"]
    qtmodeltester.check(model)


def test_figures_preview_lines_say_what_each_row_gives(demo_database, tmp_path):
    from coorace_desktop.services.importing import FIGURES
    from coorace_desktop.services.importing.figures import preview_figures
    from tests.services.importing.files import ods

    path = ods(tmp_path / "chiffres.ods", [["Structure", "Année", "CA", "ETP"], ["AJE", 2020, 1000, 4.5], ["IRISE", 2020, 1, 2]])
    table = read_table(path)
    preview = preview_figures(demo_database, table, propose_mapping(table, FIGURES))
    lines = preview_lines(preview, {}, Decision.SKIP)
    assert [(line.name, line.state_label, line.detail) for line in lines] == [
        ("AJE — 2020", "À créer", "Chiffre d'affaires (€), ETP"),
        ("IRISE", "En erreur", "Structure inconnue : « IRISE ». Voulez-vous dire « IRISSE » ?"),
    ]


def test_a_repeated_header_and_cleaned_cells_are_shown(qtbot, database, tmp_path):
    path = tmp_path / "doublon.csv"
    path.write_bytes("Raison sociale;Ville;CP;Ville\r\nAJE\x1b;Pamiers;09100;Foix\r\n".encode("cp1252"))
    wizard = ImportWizard(database)
    qtbot.addWidget(wizard)
    wizard.resize(1000, 640)
    wizard.show()
    wizard.file_page.open_file(path)
    assert wizard.file_page.doubt_label.text() == "1 caractère de contrôle invisible retiré des cellules (ligne 2)."
    wizard.next()
    page = wizard.mapping_page
    assert page.repeated_label.text().startswith("Le titre « Ville » figure sur les colonnes 2 et 4 : la colonne 2 est importée")
    page.combos[3].setCurrentIndex(page.combos[3].findData("address"))
    assert "la colonne 4 est importée comme « Adresse »" in page.repeated_label.text()


def test_the_file_line_agrees_with_its_count(qtbot, demo_database, tmp_path):
    """It read « 1 ligne(s) non vide(s) »."""
    wizard = ImportWizard(demo_database)
    qtbot.addWidget(wizard)
    for count, said in ((0, "1 ligne non vide"), (1, "2 lignes non vides")):  # the headers count
        wizard.file_page.open_file(french_excel_csv(tmp_path / f"{count}.csv", [MEMBER_HEADERS, *ROWS[:count]]))
        assert wizard.file_page.format_label.text().endswith(f" — {said}")
