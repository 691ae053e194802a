"""Données personnelles: find a person, export their data, erase them after confirmation."""

import pytest
from PySide6.QtWidgets import QFileDialog

from coorace_desktop.services.privacy.person_data import find_persons
from coorace_desktop.ui.privacy import dialog as privacy_dialog
from coorace_desktop.ui.privacy.dialog import PrivacyDialog


@pytest.fixture
def dialog(qtbot, demo_database):
    dialog = PrivacyDialog(demo_database)
    qtbot.addWidget(dialog)
    return dialog


def select(dialog, qtbot, text):
    dialog.table.search_edit.setText(text)
    qtbot.waitUntil(lambda: dialog.table.model.rowCount() == 1)
    dialog.table.view.selectRow(0)


def test_the_persons_model_passes_the_qt_model_tester(qtmodeltester, dialog):
    qtmodeltester.check(dialog.table.model)
    assert dialog.table.model.rowCount() == 20
    assert not dialog.export_button.isEnabled() and not dialog.erase_button.isEnabled()


def test_export_writes_the_chosen_file(dialog, qtbot, tmp_path, monkeypatch, boxes):
    select(dialog, qtbot, "chatry")
    target = tmp_path / "chatry.txt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    told = boxes.informed
    dialog.export_button.click()
    assert "Personne n° " in target.read_text(encoding="utf-8") and "Isabelle CHATRY" in told[0]


def test_erase_asks_first_then_anonymises_and_lists_mentions(dialog, demo_database, qtbot, monkeypatch, boxes):
    select(dialog, qtbot, "chatry")
    boxes.answers = [False]
    asked = boxes.asked
    dialog.erase_button.click()
    assert "Effacer définitivement Isabelle CHATRY ?" in asked[0] and " 1 mandat au conseil " in asked[0]
    assert "(s)" not in asked[0]
    assert find_persons(demo_database, "chatry") and not dialog.erased
    told = boxes.informed
    dialog.erase_button.click()
    assert dialog.erased and find_persons(demo_database, "chatry") == []
    assert "Rapport 2020 (signataire)" in told[0]


def test_erased_persons_cannot_be_erased_again(dialog, qtbot, boxes):
    select(dialog, qtbot, "imberdis")
    dialog.erase_button.click()
    dialog.table.search_edit.setText("")
    combo = dialog.table.filters_layout.itemAt(0).widget()
    combo.setCurrentIndex(2)  # Effacées
    qtbot.waitUntil(lambda: dialog.table.model.rowCount() == 1)
    dialog.table.view.selectRow(0)
    assert dialog.export_button.isEnabled() and not dialog.erase_button.isEnabled()
    assert privacy_dialog.COLUMNS[3].title == "Effacée le"
    assert dialog.table.model.data(dialog.table.model.index(0, 3)) != ""
