"""Printing (Fichier > Imprimer…, Ctrl+P): a table as shown and any PDF, through QPrinter into a PDF
file (the print dialog replaced by the seam `printing.ask_printer`), and the print preview."""

from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QProgressDialog
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from coorace_desktop.services.accompaniment.actions_list import PERIOD
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.services.members.organisation_list import count_members, list_members
from coorace_desktop.ui.accompaniment.actions_view import ActionsView
from coorace_desktop.ui.governance.tab import BoardPage
from coorace_desktop.ui.widgets import messages, printing, table_printing
from coorace_desktop.ui.widgets.table_printing import print_table
from coorace_desktop.ui.window.main_window import MainWindow

NAME, CITY = 0, 3  # members table columns


class PdfPrinter:
    """The print dialog's stand-in: each print goes to the next PDF file; the page count it was offered is kept."""

    def __init__(self, folder) -> None:
        self.folder = folder
        self.files = []
        self.offered_pages = []

    def __call__(self, printer: QPrinter, pages: int, parent) -> bool:
        path = self.folder / f"impression-{len(self.files) + 1}.pdf"
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        self.files.append(path)
        self.offered_pages.append(pages)
        return True


@pytest.fixture
def printed(monkeypatch, tmp_path) -> PdfPrinter:
    recorder = PdfPrinter(tmp_path)
    monkeypatch.setattr(printing, "ask_printer", recorder)
    return recorder


@pytest.fixture
def window(qtbot, demo_database, settings):
    window = MainWindow(demo_database, settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def pdf_text(path) -> list[str]:
    """Each page's text, its lines' spaces as one space (pypdf reads some as tabs)."""
    return ["\n".join(" ".join(line.split()) for line in page.extract_text().splitlines()) for page in PdfReader(path).pages]


def look_at(path, tmp_path, name: str) -> None:
    """The printed PDF as images to be looked at (tmp_path/name-N.png), drawn by QtPdf as it reads it whole."""
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    for page in range(document.pageCount()):
        size = document.pagePointSize(page).toSize()  # 72 dpi: a pixel a point
        image = QImage(size, QImage.Format.Format_RGB32)
        image.fill(Qt.GlobalColor.white)  # the paper, where nothing is drawn
        painter = QPainter(image)
        painter.drawImage(0, 0, document.render(page, size))
        painter.end()
        assert image.save(str(tmp_path / f"{name}-{page + 1}.png"))
    document.close()


def make_pdf(path, pages: int) -> None:
    """A PDF of `pages` pages, the last one landscape, each naming its number in large type."""
    drawing = canvas.Canvas(str(path), pagesize=A4)
    for number in range(1, pages + 1):
        if number == pages:
            drawing.setPageSize(landscape(A4))
        drawing.setFont("Helvetica-Bold", 48)
        drawing.drawString(72, 500, f"Page {number}")
        drawing.rect(36, 36, 200, 100, fill=1)
        drawing.showPage()
    drawing.save()


def show_preview_then(inspect_dialog) -> None:
    """Run `inspect_dialog(dialog)` on the print preview about to open, then close it."""
    def inspect():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QPrintPreviewDialog):
            QTimer.singleShot(20, inspect)
            return
        inspect_dialog(dialog)
        dialog.reject()

    QTimer.singleShot(0, inspect)


def press_ctrl_p(qtbot, window) -> None:
    # A window manager gives the window its focus back after a dialog; offscreen, nothing does.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_p_prints_the_filtered_sorted_table_as_shown(qtbot, window, printed, demo_database, tmp_path):
    tab = window.show_tab("Adhérents")
    table = tab.table
    table.view.setFocus()
    tab.department_filter.setCurrentIndex(tab.department_filter.findData("46"))
    table.view.sortByColumn(CITY, Qt.SortOrder.DescendingOrder)
    table.view.horizontalHeader().hideSection(4)  # Téléphone: hidden on screen, not printed
    shown = [(table.model.index(row, NAME).data(), table.model.index(row, CITY).data()) for row in range(table.model.rowCount())]
    everyone = {row.name for row in list_members(demo_database, ListQuery(), 0, 1000)}
    assert 3 <= len(shown) < len(everyone) and [city for _, city in shown] == sorted((c for _, c in shown), reverse=True)

    assert window.print_action.shortcut().toString() == "Ctrl+P"
    press_ctrl_p(qtbot, window)
    qtbot.waitUntil(lambda: bool(printed.files) and printed.files[0].exists(), timeout=20_000)
    [text] = pdf_text(printed.files[0])
    look_at(printed.files[0], tmp_path, "adherents")
    lines = text.splitlines()
    assert lines[0] == "Adhérents › Structures"
    fee_year = f"Cotisation de l'année : {tab.fee_year_filter.currentText()}"  # the year the fee column shows
    assert f"{len(shown)} structures · Département : 46 Lot · {fee_year} · Tri : Ville, décroissant" in lines[1]
    # one line per cell: the visible columns' headings, then the rows in the order shown
    start = lines.index(shown[0][0])
    assert " ".join(lines[2:start]) == "Nom Types Dépt Ville E-mail Adhérent depuis Statut Cotisation 2026"  # a heading may take two lines
    assert "Téléphone" not in text
    assert [line for line in lines if line in everyone] == [name for name, _ in shown]
    assert lines[start:start + 4] == [shown[0][0], "AI", "46", shown[0][1]]
    assert "Page 1 sur 1" in text and "Imprimé le " in text


def test_a_table_of_several_pages_numbers_them_and_a_long_one_asks_first(qtbot, demo_database, printed, monkeypatch, boxes):
    from coorace_desktop.ui.members.tab import MembersTab

    tab = MembersTab(demo_database)
    qtbot.addWidget(tab)
    monkeypatch.setattr(table_printing, "LANDSCAPE_FROM", 10_000)  # portrait: the 51 members take two pages
    asked = []
    monkeypatch.setattr(messages, "choose", lambda parent, title, question, *args: asked.append(question) or False)
    monkeypatch.setattr(table_printing, "PAGES_WITHOUT_ASKING", 1)
    print_table(tab.table, tab)
    assert asked == ["2 pages : imprimer quand même ?"] and printed.files == []

    monkeypatch.setattr(table_printing, "PAGES_WITHOUT_ASKING", 50)
    print_table(tab.table, tab)
    qtbot.waitUntil(lambda: bool(printed.files) and printed.files[0].exists(), timeout=20_000)
    pages = pdf_text(printed.files[0])
    assert printed.offered_pages == [2] and len(pages) == 2
    assert "Page 1 sur 2" in pages[0] and "Page 2 sur 2" in pages[1]
    assert all(page.startswith("Adhérents") or page.startswith("Structures") for page in pages)
    rows = [page.count("\nAdhérent\n") - page.count("\nAdhérent\ndepuis") for page in pages]  # the status of each row
    assert sum(rows) == count_members(demo_database, ListQuery()) == 51 and rows[1] < rows[0]


def test_an_empty_table_or_a_tab_without_one_says_there_is_nothing_to_print(qtbot, window, printed, boxes):
    tab = window.show_tab("Adhérents")
    tab.table.model.set_search("zzzz introuvable")
    window.print_action.trigger()
    window.show_tab("Tableau de bord")
    window.print_action.trigger()
    assert boxes.errors == [
        "Rien à imprimer : le tableau « Adhérents › Structures » n'a aucune ligne.",
        "Rien à imprimer dans cet onglet : Ctrl+P imprime le tableau affiché, ou le rapport une fois son PDF généré.",
    ]
    assert printed.files == []


def test_a_pdf_prints_page_for_page(qtbot, printed, tmp_path):
    source = tmp_path / "lettres.pdf"
    make_pdf(source, 3)
    printing.print_pdf(source, None)
    [output] = printed.files
    reader = PdfReader(output)
    assert len(reader.pages) == 3 and printed.offered_pages == [3]
    assert {(round(page.mediabox.width), round(page.mediabox.height)) for page in reader.pages} == {(595, 842)}  # A4
    look_at(output, tmp_path, "lettres")
    # The landscape page is shrunk to the A4's width and centred: its black box (36-236 x 36-136 pt
    # from the bottom left) lands about 536-606 pt from the top, not where a portrait page has it.
    last = QImage(str(tmp_path / "lettres-3.png"))
    assert last.pixelColor(96, 570).lightness() < 50 and last.pixelColor(96, 760).lightness() > 200
    first = QImage(str(tmp_path / "lettres-1.png"))
    assert first.pixelColor(96, 760).lightness() < 50


def test_the_print_preview_shows_the_pages(qtbot, tmp_path):
    source = tmp_path / "lettres.pdf"
    make_pdf(source, 3)
    seen = {}

    def inspect(dialog):
        seen.update(pages=dialog.findChild(QPrintPreviewWidget).pageCount(), title=dialog.windowTitle())
        dialog.grab().save(str(tmp_path / "apercu.png"))

    show_preview_then(inspect)
    printing.print_pdf(source, None, preview=True)
    assert seen == {"pages": 3, "title": "Aperçu avant impression — lettres"}


def test_an_unreadable_pdf_is_said_so(qtbot, printed, tmp_path, boxes):
    printing.print_pdf(tmp_path / "parti.pdf", None)
    assert boxes.errors == ["Impossible d'imprimer parti.pdf : le fichier n'existe plus ou ne peut pas être lu."]
    assert printed.files == []


def test_ctrl_p_on_the_rapports_tab_prints_the_report_generated(qtbot, window, printed, tmp_path, boxes):
    tab = window.show_tab("Rapports")
    window.print_action.trigger()
    assert boxes.errors == ["Rien à imprimer dans cet onglet : Ctrl+P imprime le tableau affiché, ou le rapport une fois son PDF généré."]
    for key, check in tab.section_checks.items():
        check.setChecked(key in ("couverture", "adherents"))
    tab.generate_to(tmp_path / "rapport.pdf")
    qtbot.waitUntil(lambda: tab.last_result is not None, timeout=30_000)
    press_ctrl_p(qtbot, window)
    [output] = printed.files
    assert len(PdfReader(output).pages) == tab.last_result.pages == printed.offered_pages[0] > 1
    look_at(output, tmp_path, "rapport")


def test_the_preview_of_a_table_shows_its_pages(qtbot, window, tmp_path):
    tab = window.show_tab("Événements")
    tab.table.view.setFocus()
    seen = {}

    def inspect(dialog):
        seen["pages"] = dialog.findChild(QPrintPreviewWidget).pageCount()
        dialog.grab().save(str(tmp_path / "apercu-evenements.png"))

    show_preview_then(inspect)
    window.print_preview_action.trigger()
    qtbot.waitUntil(lambda: "pages" in seen, timeout=20_000)
    assert seen["pages"] >= 1


def test_the_title_names_the_tab_and_what_the_owner_filters_on(qtbot, window, printed):
    board = window.show_tab("Gouvernance").findChild(BoardPage)
    board.show_date(date(2021, 6, 30))
    board.seats.view.setFocus()
    press_ctrl_p(qtbot, window)
    qtbot.waitUntil(lambda: bool(printed.files) and printed.files[0].exists(), timeout=20_000)
    lines = pdf_text(printed.files[0])[0].splitlines()
    assert lines[0] == "Gouvernance › Conseil et bureau"
    assert lines[1].startswith("15 administrateur·rices · Composition au 30/06/2021 · Tri : ")
    board.bureau.view.setFocus()  # the table beside it, in its own order
    press_ctrl_p(qtbot, window)
    qtbot.waitUntil(lambda: len(printed.files) == 2 and printed.files[1].exists(), timeout=20_000)
    lines = pdf_text(printed.files[1])[0].splitlines()
    assert lines[1] == f"{board.bureau.status_text()} · Composition au 30/06/2021"

    actions = window.show_tab("Accompagnements")
    actions.findChild(ActionsView).show_filtered({PERIOD: (date(2020, 1, 1), date(2020, 12, 31))})
    window.print_action.trigger()
    qtbot.waitUntil(lambda: len(printed.files) == 3 and printed.files[2].exists(), timeout=20_000)
    lines = pdf_text(printed.files[2])[0].splitlines()
    assert lines[0] == "Accompagnements › Actions"
    assert " · Période : 2020 · Tri : " in lines[1]


def test_annuler_stops_printing_and_leaves_no_half_file(qtbot, printed, tmp_path, monkeypatch):
    source = tmp_path / "lettres.pdf"
    make_pdf(source, 3)
    asked = []
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: asked.append(True) or len(asked) > 1)  # after page 1
    printing.print_pdf(source, None)
    assert len(asked) == 2 and not printed.files[0].exists()


def test_a_written_file_is_offered_for_printing_enter_prints_and_escape_does_nothing(qtbot, monkeypatch):
    monkeypatch.undo()  # the real message box, not the test's guard
    answers = []
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Escape, Qt.Key.Key_O):
        QTimer.singleShot(50, lambda key=key: qtbot.keyClick(QApplication.activeModalWidget(), key,
                                                            Qt.KeyboardModifier.AltModifier if key == Qt.Key.Key_O else Qt.KeyboardModifier.NoModifier))
        answers.append(messages.offer_file(None, "Étiquettes", "5 étiquettes dans etiquettes.pdf"))
    assert answers == [messages.PRINT, "", messages.OPEN]
