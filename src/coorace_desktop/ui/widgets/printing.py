"""Printing through the system's print dialog, with a preview: `print_pdf(path, parent)` prints any
PDF the application made (the annual report, letters), rendered page by page with QtPdf;
ui/widgets/table_printing.py prints a table as shown; `offer_pdf` offers to print or open a PDF
just written (sign-in sheets, certificates, letters, labels). Both lay their pages out for the printer
chosen (`Pages`) and paint them through `print_pages`, which shows progress and Annuler.

QtPrintSupport and QtPdf load with this module, on the first print. `ask_printer` and
`show_preview` are the seam tests replace (no dialog opens offscreen)."""

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QMarginsF, QRectF, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPageLayout, QPaintEngine, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QProgressDialog, QWidget

from coorace_desktop.domain.french import plural
from coorace_desktop.ui.widgets import messages
from coorace_desktop.ui.widgets.screen_fit import fit_to_screen

# A PDF page is drawn as an image: at the printer's resolution, at most this (600 dpi on A4 is
# 140 MB a page); the preview keeps every page in memory, so it draws them coarser.
PDF_PRINT_DPI = 300
PDF_PREVIEW_DPI = 110


class Pages(Protocol):
    """A document laid out for one printer: how many pages, and how to paint page `index` (from 0)."""

    count: int

    def paint(self, painter: QPainter, index: int) -> None: ...


def new_printer(title: str, landscape: bool = False) -> QPrinter:
    """The printer the dialog starts from: the system's default, A4, the document's name for the queue."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait)
    return printer


def ask_printer(printer: QPrinter, pages: int, parent: QWidget | None) -> bool:
    """The system's print dialog (printer, pages, copies); True when the user chose Imprimer."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Imprimer « {printer.docName()} »")
    dialog.setMinMax(1, max(pages, 1))
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    return dialog.exec() == QDialog.DialogCode.Accepted


def show_preview(printer: QPrinter, paint: Callable[[QPrinter], None], parent: QWidget | None) -> None:
    """The preview window: pages, zoom, orientation, page setup, and its own Imprimer button."""
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"Aperçu avant impression — {printer.docName()}")
    dialog.paintRequested.connect(paint)
    dialog.resize(1100, 820)
    fit_to_screen(dialog)  # 1366x768 and smaller: the toolbar and a whole page in view
    dialog.exec()


def print_pages(parent: QWidget | None, printer: QPrinter, lay_out: Callable[[QPrinter], Pages], preview: bool) -> None:
    """Ask for the printer (or show the preview), then paint the pages laid out for it."""

    def paint(target: QPrinter) -> None:
        paint_pages(target, lay_out(target), parent)

    if preview:
        show_preview(printer, paint, parent)
    elif ask_printer(printer, lay_out(printer).count, parent):
        paint(printer)


def paint_pages(printer: QPrinter, pages: Pages, parent: QWidget | None) -> bool:
    """Paint the pages the printer asks for (its page range, else all); a progress dialog shows
    after half a second and Annuler stops the job. False when nothing or not all was printed."""
    ranges = printer.pageRanges()
    wanted = [index for index in range(pages.count) if ranges.isEmpty() or ranges.contains(index + 1)]
    if not wanted:
        messages.show_error(parent, f"Aucune page à imprimer : le document a {plural(pages.count, 'page', 'pages')}.")
        return False
    painter = QPainter()
    if not painter.begin(printer):
        messages.show_error(parent, "Impossible d'imprimer : l'imprimante ou le fichier choisi ne répond pas.")
        return False
    progress = QProgressDialog("Impression…", "Annuler", 0, len(wanted), parent)
    progress.setWindowTitle(messages.TITLE)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(500)
    cancelled = False
    try:
        for done, index in enumerate(wanted):
            progress.setLabelText(f"Impression de la page {done + 1} sur {len(wanted)}…")
            progress.setValue(done)  # a modal progress dialog lets Annuler through here
            if cancelled := progress.wasCanceled():
                # Windows drops the job; Qt's PDF and CUPS engines cannot, and send what was painted.
                printer.abort()
                break
            if done:
                printer.newPage()
            pages.paint(painter, index)
    finally:
        painter.end()
        progress.close()
        progress.deleteLater()
    if cancelled and printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        Path(printer.outputFileName()).unlink(missing_ok=True)  # printed to a file: no half document left
    return not cancelled


class PdfPages:
    """A PDF's pages, each drawn as an image fit to the printable area, centred."""

    def __init__(self, document: QPdfDocument, printer: QPrinter) -> None:
        self.document = document
        self.printer = printer
        self.count = document.pageCount()

    def paint(self, painter: QPainter, index: int) -> None:
        size = self.document.pagePointSize(index)  # in points (1/72 inch)
        area = QRectF(0, 0, self.printer.width(), self.printer.height())
        scale = min(area.width() / size.width(), area.height() / size.height())
        target = QRectF(0, 0, size.width() * scale, size.height() * scale)
        target.moveCenter(area.center())
        previewing = painter.paintEngine().type() == QPaintEngine.Type.Picture
        dpi = min(self.printer.resolution(), PDF_PREVIEW_DPI if previewing else PDF_PRINT_DPI)
        rendered = self.document.render(index, QSize(round(size.width() * dpi / 72), round(size.height() * dpi / 72)))
        # QtPdf leaves the paper transparent: drawn on white, the printer gets no transparency to work out.
        image = QImage(rendered.size(), QImage.Format.Format_RGB32)
        image.fill(Qt.GlobalColor.white)
        on_paper = QPainter(image)
        on_paper.drawImage(0, 0, rendered)
        on_paper.end()
        painter.drawImage(target, image)


def print_pdf(path: Path, parent: QWidget | None, *, preview: bool = False, actual_size: bool = False) -> None:
    """Print a PDF file through the system's print dialog (or show its print preview first).
    `actual_size` (label sheets): the page is drawn from the paper's corner, never shrunk to
    the printer's printable area, so an A4 page prints at 100 %."""
    document = QPdfDocument(parent)
    if document.load(str(path)) != QPdfDocument.Error.None_ or document.pageCount() == 0:
        messages.show_error(parent, f"Impossible d'imprimer {path.name} : le fichier n'existe plus ou ne peut pas être lu.")
        document.deleteLater()
        return
    first = document.pagePointSize(0)
    printer = new_printer(path.stem, landscape=first.width() > first.height())
    # The PDF carries its own margins: only the printer's unprintable edge (its minimum) is kept.
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    printer.setFullPage(actual_size)
    try:
        print_pages(parent, printer, lambda target: PdfPages(document, target), preview)
    finally:
        document.close()
        document.deleteLater()


def offer_pdf(parent: QWidget | None, title: str, text: str, path: Path, *, actual_size: bool = False) -> None:
    """After a PDF was written: say so, and print it or open it in the PDF reader if the user asks."""
    choice = messages.offer_file(parent, title, text)
    if choice == messages.PRINT:
        print_pdf(path, parent, actual_size=actual_size)
    elif choice == messages.OPEN:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
