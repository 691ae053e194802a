"""« Courriers » on the Adhérents table: letters, e-mail drafts, addresses copied, labels and
the template editor, driven from the keyboard and the menu."""

from email import message_from_bytes
from email.policy import default

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog

from coorace_desktop.services.letters.templates import find_template, templates_file
from coorace_desktop.ui.members import letters_dialogs
from coorace_desktop.ui.members.letters_menu import NOTHING_SELECTED
from coorace_desktop.ui.members.tab import MembersTab
from coorace_desktop.ui.members.templates_dialog import TemplatesDialog
from coorace_desktop.ui.widgets import messages, printing
from tests.services.letters.test_recipients_and_drafts import add_organisation


@pytest.fixture
def tab(qtbot, demo_database):
    add_organisation(demo_database, "ZZ SANS COURRIEL")  # no e-mail anywhere
    widget = MembersTab(demo_database)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    qtbot.waitUntil(lambda: widget.table.model.rowCount() == 52)
    return widget


def select_first(tab, count: int) -> None:
    """The first `count` rows, as Shift+Down would select them."""
    tab.table.view.setFocus()
    tab.table.view.selectRow(0)
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    tab.table.view.selectionModel().select(QItemSelection(tab.table.model.index(0, 0), tab.table.model.index(count - 1, 0)), flags)
    assert len(tab.selected_ids()) == count


def press(qtbot, tab, keys: str) -> None:
    qtbot.keyClick(tab.table.view, keys[-1], Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def accept_with(monkeypatch, dialog_class, prepare=lambda dialog: None) -> None:
    def run(dialog):
        prepare(dialog)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(dialog_class, "exec", run)


def test_the_courriers_button_holds_the_actions_with_their_keys(tab):
    assert tab.letters_button.menu() is tab.letters_menu
    texts = [action.text() for action in tab.letters_menu.actions() if action.text()]
    assert texts == [
        "&Courriers à partir d'un modèle…", "&Brouillons d'e-mails (.eml)…", "Copier les &adresses e-mail",
        "Étiquettes d'a&dresse…", "&Modèles de courrier…",
    ]
    assert tab.letters_menu.letters_action.shortcut().toString() == "Ctrl+Shift+L"
    assert tab.table.view.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu


def test_nothing_selected_says_what_to_do(qtbot, tab, boxes):
    tab.table.view.clearSelection()
    tab.table.view.setFocus()
    press(qtbot, tab, "C")
    assert boxes.informed == [NOTHING_SELECTED]


def test_copy_addresses_puts_the_selection_on_the_clipboard_and_counts_those_without(qtbot, tab, boxes):
    tab.table.view.setFocus()
    tab.table.view.selectAll()
    press(qtbot, tab, "C")
    addresses = QApplication.clipboard().text().split("; ")
    # 51 members with an address, INTER RELAIS and LE RELAIS sharing their contact's: once.
    assert len(addresses) == 50 and addresses.count("i.chatry@inter-relais.asso.fr") == 1
    assert "contact@adoc-interim.com" in addresses
    (text,) = boxes.informed
    assert text.startswith("50 adresses e-mail copiées dans le presse-papiers")
    assert text.endswith("1 structure sans adresse e-mail : ZZ SANS COURRIEL.")


def test_letters_of_the_selection_in_one_pdf_in_the_background(qtbot, tab, boxes, monkeypatch, tmp_path):
    select_first(tab, 3)
    target = tmp_path / "lettres.pdf"
    accept_with(monkeypatch, letters_dialogs.LettersDialog, lambda dialog: dialog.template_combo.setCurrentIndex(
        dialog.template_combo.findText(find_template("lettre-adherents").title)))
    monkeypatch.setattr(letters_dialogs, "ask_pdf_path", lambda parent, title, name: target)
    press(qtbot, tab, "L")
    qtbot.waitUntil(lambda: bool(boxes.informed), timeout=10_000)
    assert boxes.informed == [f"3 courriers dans {target} (3 pages)."]
    pages = [page.extract_text() for page in PdfReader(target).pages]
    assert [names.split("\n")[0] for names in pages] and all("Information aux structures adhérentes" in page for page in pages)
    assert "AD'OC INTERIM" in pages[0] and "ADEL" in pages[1]


def test_email_drafts_of_the_selection_name_those_without_an_address(qtbot, tab, boxes, monkeypatch, tmp_path):
    tab.table.search_edit.setText("A")
    tab.table.view.setFocus()
    tab.table.view.selectAll()
    selected = tab.selected_ids()
    accept_with(monkeypatch, letters_dialogs.LettersDialog, lambda dialog: dialog.template_combo.setCurrentIndex(
        dialog.template_combo.findText(find_template("lettre-adherents").title)))
    monkeypatch.setattr(letters_dialogs, "ask_folder", lambda parent, title: tmp_path / "brouillons")
    press(qtbot, tab, "M")
    qtbot.waitUntil(lambda: bool(boxes.informed), timeout=20_000)
    drafts = sorted((tmp_path / "brouillons").glob("*.eml"))
    assert len(drafts) == len(selected) - 1
    message = message_from_bytes(drafts[0].read_bytes(), policy=default)
    assert message["X-Unsent"] == "1" and len(list(message.iter_attachments())) == 1
    assert boxes.informed[0].endswith("1 structure sans adresse e-mail, donc sans brouillon : ZZ SANS COURRIEL.")


def test_labels_from_a_start_position(qtbot, tab, boxes, monkeypatch, tmp_path):
    select_first(tab, 5)
    target = tmp_path / "etiquettes.pdf"

    def prepare(dialog):
        dialog.sheet_combo.setCurrentIndex(2)  # 2 × 7
        dialog.start_spin.setValue(12)

    accept_with(monkeypatch, letters_dialogs.LabelsDialog, prepare)
    monkeypatch.setattr(letters_dialogs, "ask_pdf_path", lambda parent, title, name: target)
    tab.letters_menu.labels_action.trigger()
    qtbot.waitUntil(lambda: bool(boxes.informed), timeout=10_000)
    assert boxes.informed[0].startswith(f"5 étiquettes dans {target} (2 planches).")
    assert len(PdfReader(target).pages) == 2


def test_letters_and_labels_just_written_are_offered_for_printing_labels_at_actual_size(qtbot, tab, boxes, monkeypatch, tmp_path):
    printed = []  # (file, the printer drew from the paper's corner)

    def to_file(printer: QPrinter, pages: int, parent) -> bool:  # the print dialog's seam
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / f"imprimé-{len(printed)}.pdf"))
        printed.append((tmp_path / f"imprimé-{len(printed)}.pdf", printer.fullPage()))
        return True

    monkeypatch.setattr(printing, "ask_printer", to_file)
    boxes.file_choice = messages.PRINT
    select_first(tab, 3)
    accept_with(monkeypatch, letters_dialogs.LettersDialog, lambda dialog: dialog.template_combo.setCurrentIndex(
        dialog.template_combo.findText(find_template("lettre-adherents").title)))
    monkeypatch.setattr(letters_dialogs, "ask_pdf_path", lambda parent, title, name: tmp_path / "lettres.pdf")
    press(qtbot, tab, "L")
    qtbot.waitUntil(lambda: len(printed) == 1, timeout=10_000)
    assert len(PdfReader(printed[0][0]).pages) == 3 and not printed[0][1]  # letters: fit to the printable area
    accept_with(monkeypatch, letters_dialogs.LabelsDialog)
    monkeypatch.setattr(letters_dialogs, "ask_pdf_path", lambda parent, title, name: tmp_path / "etiquettes.pdf")
    tab.letters_menu.labels_action.trigger()
    qtbot.waitUntil(lambda: len(printed) == 2, timeout=10_000)
    assert len(PdfReader(printed[1][0]).pages) == 1 and printed[1][1]  # labels: at 100 %, from the paper's corner


def test_the_start_position_stays_on_the_sheet(qtbot):
    dialog = letters_dialogs.LabelsDialog(3)
    qtbot.addWidget(dialog)
    dialog.start_spin.setValue(21)
    dialog.sheet_combo.setCurrentIndex(2)  # 14 labels a sheet
    assert dialog.start() == 14 and dialog.place_label.text() == "Ligne 7 sur 7, colonne 2 sur 2"


def test_the_template_editor_reports_unknown_fields_saves_and_restores(qtbot, boxes):
    dialog = TemplatesDialog(None, "lettre-adherents")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()  # shortcuts go to the active window, as for a user
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.body_edit.setFocus()
    dialog.body_edit.moveCursor(dialog.body_edit.textCursor().MoveOperation.End)
    dialog.body_edit.insertPlainText("\n\nÀ bientôt {prenon}")
    assert dialog.error_label.text() == "Champ inconnu {prenon} (ligne 9 du texte) : choisissez un champ de la liste."
    assert not dialog.save_button.isEnabled()
    for _ in range(len("{prenon}")):
        dialog.body_edit.textCursor().deletePreviousChar()
    field_row = next(row for row in range(dialog.fields_list.count()) if dialog.fields_list.item(row).text().startswith("{contact_prenom}"))
    dialog.fields_list.setCurrentRow(field_row)
    dialog.fields_list.setFocus()
    qtbot.keyClick(dialog.fields_list, Qt.Key.Key_Return)
    assert dialog.body_edit.toPlainText().endswith("À bientôt {contact_prenom}") and dialog.error_label.text() == ""
    assert dialog.save_button.isEnabled(), dialog.error_label.text()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert find_template("lettre-adherents").body.endswith("À bientôt {contact_prenom}")
    assert dialog.template_list.currentItem().text() == "Lettre aux adhérents (modifié)"
    dialog.restore_button.click()
    assert boxes.asked == ["Remplacer le texte de « Lettre aux adhérents » par celui fourni avec le programme ?"]
    assert "{contact_prenom}" not in find_template("lettre-adherents").body and "À bientôt" not in dialog.body_edit.toPlainText()
    assert "lettre-adherents" not in templates_file().read_text(encoding="utf-8")


def test_a_new_template_is_the_office_s_own_and_can_be_deleted(qtbot, boxes):
    dialog = TemplatesDialog(None, "lettre-adherents")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()  # shortcuts go to the active window, as for a user
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert dialog.title_edit.text() == "Nouveau modèle (Lettre aux adhérents)" and dialog.save_button.isEnabled()
    dialog.title_edit.setText("Invitation au séminaire")
    dialog.save_button.click()
    assert find_template("invitation-au-seminaire").title == "Invitation au séminaire"
    assert dialog.delete_button.isEnabled() and not dialog.restore_button.isEnabled()
    dialog.delete_button.click()
    assert boxes.asked == ["Supprimer le modèle « Invitation au séminaire » ?"]
    assert "Invitation au séminaire" not in [dialog.template_list.item(row).text() for row in range(dialog.template_list.count())]
