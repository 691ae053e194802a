"""Registrations and attendance by name, from the keyboard: register, tick who came, walk-ins,
sign-in sheet and certificates."""

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from coorace_desktop.domain.enums import AttendanceStatus
from coorace_desktop.services.events.commands import get_event
from coorace_desktop.services.events.registrations import event_attendance
from coorace_desktop.ui.events.attendance_dialog import AttendanceDialog
from coorace_desktop.ui.events.event_dialog import EventDialog
from coorace_desktop.ui.widgets import messages, printing
from tests.attendance_scenario import HEADERS, forty_rows, make_training

PRESENT = AttendanceStatus.PRESENT


@pytest.fixture
def training(demo_database):
    return make_training(demo_database)


@pytest.fixture
def dialog(qtbot, demo_database, training):
    dialog = AttendanceDialog(demo_database, training.event_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def point(dialog, qtbot, text):
    dialog.search_edit.clear()
    qtbot.keyClicks(dialog.search_edit, text)
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Return)


def present_names(database, event_id, session=1):
    return {person.name for person in event_attendance(database, event_id).present(session)}


def test_typing_names_and_enter_ticks_them_present_without_closing(dialog, qtbot, demo_database, training):
    assert dialog.count_label.text() == "25 inscrit·es, 0 présent·e à cette séance"
    for name in ("abadie", "chatry", "fabre nora", "izard"):
        point(dialog, qtbot, name)
    assert dialog.isVisible()
    assert present_names(demo_database, training.event_id) == {"Inès ABADIE", "Isabelle CHATRY", "Nora FABRE", "Jules IZARD"}
    assert dialog.count_label.text() == "25 inscrit·es, 4 présent·es à cette séance"
    # Enter on a name already ticked keeps it ticked and says so.
    point(dialog, qtbot, "abadie")
    assert "déjà pointé·e" in dialog.count_label.text()
    assert "Inès ABADIE" in present_names(demo_database, training.event_id)
    # Several matches: the list takes the keyboard; Space and Enter tick the current row there.
    point(dialog, qtbot, "a")
    assert dialog.view.hasFocus()
    dialog.view.setCurrentIndex(dialog.model.index(1, 0))
    name = dialog.model.people[1].name
    qtbot.keyClick(dialog.view, Qt.Key.Key_Space)
    assert name in present_names(demo_database, training.event_id)
    qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
    assert name not in present_names(demo_database, training.event_id)
    assert dialog.isVisible()
    # Another session has its own attendance.
    dialog.session_combo.setCurrentIndex(1)
    assert dialog.count_label.text() == "25 inscrit·es, 0 présent·e à cette séance"


def test_registering_a_known_person_and_a_walk_in(dialog, qtbot, demo_database, training, boxes):
    picker = dialog.person_picker
    qtbot.keyClicks(picker.name_edit, "lamarque")
    picker.search_now()
    # Already registered: registering again changes nothing.
    picker.choose(picker.proposals()[0])
    qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
    assert len(event_attendance(demo_database, training.event_id).people) == 25
    # Typed name not registered: Enter offers it as a walk-in, who comes in present at this session.
    point(dialog, qtbot, "Zoe KERVELLA")
    assert "Aucune personne inscrite" in dialog.count_label.text()
    assert picker.name_edit.text() == "Zoe KERVELLA"
    dialog.organisation_edit.setText("Chantier école")
    qtbot.mouseClick(dialog.walk_in_button, Qt.MouseButton.LeftButton)
    walk_in = next(p for p in event_attendance(demo_database, training.event_id).people if p.last_name == "KERVELLA")
    assert (walk_in.organisation, walk_in.statuses) == ("Chantier école", (PRESENT, None, None))
    assert dialog.count_label.text() == "26 inscrit·es, 1 présent·e à cette séance"
    assert boxes.errors == []
    # Nothing typed: said so, nothing registered.
    qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
    assert boxes.errors and "Choisissez une personne" in boxes.errors[-1]


def test_absent_excused_and_unregister_ask_first(dialog, qtbot, demo_database, training, boxes):
    dialog.view.selectRow(0)
    qtbot.mouseClick(dialog.excused_button, Qt.MouseButton.LeftButton)
    first = event_attendance(demo_database, training.event_id).people[0]
    assert first.statuses[0] == AttendanceStatus.EXCUSED
    boxes.answer = False
    dialog.view.selectRow(0)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert len(event_attendance(demo_database, training.event_id).people) == 25
    boxes.answer = True
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert len(event_attendance(demo_database, training.event_id).people) == 24


def test_sign_in_sheet_and_certificates_from_the_dialog(dialog, qtbot, demo_database, training, boxes, monkeypatch, tmp_path):
    for name in ("abadie", "chatry", "fabre nora"):
        point(dialog, qtbot, name)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "feuille.pdf"), ""))
    qtbot.mouseClick(dialog.sheet_button, Qt.MouseButton.LeftButton)
    assert "Nora FABRE" in " ".join(PdfReader(tmp_path / "feuille.pdf").pages[0].extract_text().split())
    assert boxes.informed[-1].startswith("25 noms sur 2 pages")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(tmp_path / "attestations"))
    (tmp_path / "attestations").mkdir()
    dialog.certificates_combo.setCurrentIndex(1)  # one file per person
    qtbot.mouseClick(dialog.certificates_button, Qt.MouseButton.LeftButton)
    assert boxes.informed[-1].startswith("3 attestations")
    assert len(list((tmp_path / "attestations").glob("*.pdf"))) == 3


def test_the_sheet_and_the_certificates_just_written_can_be_printed_or_opened(dialog, qtbot, training, boxes, monkeypatch, tmp_path):
    point(dialog, qtbot, "abadie")
    printed = []

    def to_file(printer: QPrinter, pages: int, parent) -> bool:  # the print dialog's seam: print to a PDF file
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / f"imprimé-{len(printed)}.pdf"))
        printed.append(tmp_path / f"imprimé-{len(printed)}.pdf")
        return True

    monkeypatch.setattr(printing, "ask_printer", to_file)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "feuille.pdf"), ""))
    boxes.file_choice = messages.PRINT
    qtbot.mouseClick(dialog.sheet_button, Qt.MouseButton.LeftButton)
    assert len(printed) == 1 and len(PdfReader(printed[0]).pages) == 2  # the sheet's two pages went to the printer
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "attestations.pdf"), ""))
    boxes.file_choice = messages.OPEN
    qtbot.mouseClick(dialog.certificates_button, Qt.MouseButton.LeftButton)
    assert opened == [str(tmp_path / "attestations.pdf")] and len(printed) == 1
    assert boxes.informed[-1] == f"1 attestation : {tmp_path / 'attestations.pdf'}"


def test_the_event_dialog_opens_attendance_and_says_it_counts_by_names(qtbot, demo_database, training, monkeypatch):
    dialog = EventDialog(demo_database, get_event(demo_database, training.event_id))
    qtbot.addWidget(dialog)
    assert "0 personne présente sur 25 inscrites" in dialog.attendance_label.text()
    opened = []
    monkeypatch.setattr(AttendanceDialog, "exec", lambda self: opened.append(self.attendance.title))
    qtbot.mouseClick(dialog.attendance_button, Qt.MouseButton.LeftButton)
    assert opened == ["Formation des encadrants techniques"]
    assert not EventDialog(demo_database).attendance_button.isEnabled()  # a new event is saved first


def test_importing_a_list_asks_about_the_possible_duplicate_and_exporting(dialog, qtbot, demo_database, training, boxes,
                                                                          monkeypatch, tmp_path):
    from coorace_desktop.services.exporting.spreadsheet import write_rows

    path = tmp_path / "liste.xlsx"
    write_rows(path, HEADERS, forty_rows())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(path), ""))
    boxes.answers = [False, True]  # the duplicate waits; the import goes ahead
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "Isabel CHATRI" in boxes.asked[0] and "Isabelle CHATRY" in boxes.asked[0]
    assert "39 personnes, dont 37 nouvelles personnes" in boxes.asked[1]
    assert boxes.informed[-1].endswith("1 doublon possible en attente de décision.")
    assert dialog.count_label.text().startswith("62 inscrit·es")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "inscrits.csv"), ""))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert boxes.informed[-1].startswith("62 lignes exportées")
    assert (tmp_path / "inscrits.csv").read_text(encoding="utf-8-sig").startswith("Nom;Prénom;Structure;E-mail;Séance 1")


def test_enter_in_the_person_fields_registers_them(dialog, qtbot, demo_database, training):
    qtbot.keyClicks(dialog.person_picker.name_edit, "Marc PONS")
    qtbot.keyClick(dialog.person_picker.name_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.organisation_edit, "Mairie de Millau")
    qtbot.keyClick(dialog.organisation_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.email_edit, "m.pons@millau.fr")
    qtbot.keyClick(dialog.email_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    person = next(p for p in event_attendance(demo_database, training.event_id).people if p.last_name == "PONS")
    assert (person.organisation, person.email, person.statuses) == ("Mairie de Millau", "m.pons@millau.fr", (AttendanceStatus.REGISTERED,) * 3)
    assert dialog.person_picker.name_edit.text() == "" and dialog.search_edit.hasFocus()


def test_escape_asks_before_losing_a_person_typed_and_not_registered(dialog, qtbot, monkeypatch):
    from coorace_desktop.ui.widgets import form_dialog

    asked = []
    monkeypatch.setattr(form_dialog, "ask_discard", lambda parent: asked.append(parent) or len(asked) > 1)
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Escape)  # nothing typed to register: closes at once
    assert not dialog.isVisible() and asked == []
    dialog.show()
    dialog.organisation_edit.setFocus()
    qtbot.keyClicks(dialog.organisation_edit, "Mission locale")
    qtbot.keyClick(dialog.organisation_edit, Qt.Key.Key_Escape)
    assert dialog.isVisible() and asked == [dialog]  # « Continuer la saisie »: the text is still there
    assert dialog.organisation_edit.text() == "Mission locale"
    qtbot.keyClick(dialog.organisation_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and len(asked) == 2  # « Abandonner »
