"""« Exporter… » under a table writes what the table shows; the File menu's import, yearly figures and vCard items."""

import errno
import os

import vobject
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog

from coorace_desktop.services.exporting.tables import TABLE_EXPORTS, export_table
from coorace_desktop.services.importing import FIGURES, Action, propose_mapping, read_table
from coorace_desktop.services.importing.figures import apply_figures, preview_figures
from coorace_desktop.services.members.organisation_list import DEPARTMENT_FILTER
from coorace_desktop.storage import files
from coorace_desktop.ui.members.tab import MembersTab
from coorace_desktop.ui.widgets.table_export import chosen_path, export_as_shown
from coorace_desktop.ui.window.main_window import MainWindow
from coorace_desktop.ui.window.transfer_actions import export_directory, open_import
from tests.services.importing.files import french_excel_csv


def _cells(path):
    return [[cell.value for cell in row] for row in load_workbook(path).active.iter_rows()]


def test_members_export_of_the_window_is_the_command_line_export(qtbot, demo_database, tmp_path, monkeypatch, boxes):
    tab = MembersTab(demo_database)
    qtbot.addWidget(tab)
    tab.table.model.set_filter(DEPARTMENT_FILTER, "82")
    tab.table.model.set_search("avie")
    target = tmp_path / "membres"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "Classeur Excel (*.xlsx)"))
    messages = boxes.informed
    tab.table.export_button.click()
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert messages == ["1 ligne exportée dans membres.xlsx."]
    window = _cells(tmp_path / "membres.xlsx")
    export_table(demo_database, TABLE_EXPORTS["members"], tmp_path / "cli.xlsx", tab.table.model.query)
    assert window == _cells(tmp_path / "cli.xlsx")
    assert window[0][:3] == ["Raison sociale", "SIRET", "Site web"] and "Départements" in window[0]
    assert len(window) == 2 and window[1][0] == "AVIE"


def test_an_export_into_a_read_only_folder_says_so_in_french(qtbot, demo_database, tmp_path, monkeypatch, boxes):
    folder = tmp_path / "protégé"
    folder.mkdir()
    folder.chmod(0o500)
    if os.geteuid() == 0:
        # Root writes into a 0500 folder anyway: raise the kernel's refusal where it would come,
        # creating the file beside the target (a real read-only file system: tests/cli/test_exit_codes.py).
        def refused(*args, dir=None, **kwargs):
            raise PermissionError(errno.EACCES, "Permission denied", os.path.join(dir, ".membres-x.xlsx"))

        monkeypatch.setattr(files.tempfile, "mkstemp", refused)
    tab = MembersTab(demo_database)
    qtbot.addWidget(tab)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(folder / "membres"), "Classeur Excel (*.xlsx)"))
    tab.table.export_button.click()
    qtbot.waitUntil(lambda: bool(boxes.errors), timeout=10_000)
    assert boxes.errors == [f"Impossible d'enregistrer {folder / 'membres.xlsx'} : accès refusé (dossier ou fichier protégé)."]
    assert boxes.bug_details == [] and boxes.informed == [] and list(folder.iterdir()) == []


def test_chosen_path_adds_the_extension_of_the_chosen_type(tmp_path):
    assert chosen_path(str(tmp_path / "a"), "CSV pour Excel (*.csv)").name == "a.csv"
    assert chosen_path(str(tmp_path / "a.xlsx"), "CSV pour Excel (*.csv)").name == "a.xlsx"
    assert chosen_path(str(tmp_path / "a"), "Classeur Excel (*.xlsx)").name == "a.xlsx"


def test_cancelled_file_choice_exports_nothing(qtbot, demo_database, tmp_path, monkeypatch):
    tab = MembersTab(demo_database)
    qtbot.addWidget(tab)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: ("", ""))
    calls = []
    export_as_shown(tab, tab.table.model, lambda q: calls.append(q) or 0, lambda q, o, n: [], "Adhérents", "adherents")
    assert calls == []  # nothing read, nothing written


def test_file_menu_offers_import_and_directory(qtbot, demo_database, settings, tmp_path, monkeypatch, boxes):
    window = MainWindow(demo_database, settings)
    qtbot.addWidget(window)
    texts = [action.text().replace("&", "") for action in window.file_menu.actions()]
    assert "Importer un tableur…" in texts and "Exporter l'annuaire des adhérents (vCard)…" in texts
    wizard = open_import(window)
    assert wizard.isVisible() and wizard.database is demo_database
    wizard.reject()
    messages = boxes.informed
    export_directory(window, tmp_path / "annuaire.vcf")
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    cards = list(vobject.readComponents((tmp_path / "annuaire.vcf").read_text(encoding="utf-8")))
    organisations = [card for card in cards if "x-abshowas" in card.contents]
    assert len(organisations) == 51
    assert messages[0].startswith("Annuaire enregistré dans annuaire.vcf : 51 fiches d'adhérent")


def test_file_menu_exports_the_yearly_figures_the_import_reads_back_unchanged(qtbot, demo_database, settings, tmp_path, monkeypatch, boxes):
    def figures_preview(path):
        table = read_table(path)
        return preview_figures(demo_database, table, propose_mapping(table, FIGURES))

    source = french_excel_csv(tmp_path / "saisie.csv", [["Structure", "Année", "ETP"], ["AJE", "2019", "4,5"], ["Casta", "2020", "3"]])
    apply_figures(demo_database, figures_preview(source))
    window = MainWindow(demo_database, settings)
    qtbot.addWidget(window)
    chosen = tmp_path / "chiffres"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(chosen), "CSV pour Excel, séparateur point-virgule (*.csv)"))
    window.figures_action.trigger()
    qtbot.waitUntil(lambda: bool(boxes.informed), timeout=10_000)
    assert boxes.informed[0].startswith("2 lignes de chiffres enregistrées dans chiffres.csv.")
    assert [item.action for item in figures_preview(tmp_path / "chiffres.csv").planned] == [Action.UNCHANGED] * 2
