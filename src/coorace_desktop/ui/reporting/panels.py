"""The Reports tab's two read-only panels: the Vérifier findings and the PDF preview."""

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QStyle, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from coorace_desktop.services.reporting.check import Finding, Severity

# Details listed under a finding; past this many, a last line says how many more there are.
DETAILS_SHOWN = 200
OPEN_HINT = "Entrée ou double-clic : ouvrir"
FINDING_ROLE = Qt.ItemDataRole.UserRole  # (finding, the id of the record the line names or None)


class FindingsView(QTreeWidget):
    """One line per finding (warnings first), its details (which members, which events) beneath.
    Enter or a double-click on a line asks to open what fixes it: `open_requested(finding,
    record_id)`, the id of the record a detail names (None for the finding itself)."""

    open_requested = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels(["Constat", "Section"])
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.header().setStretchLastSection(False)
        self.header().resizeSection(1, 130)
        self.header().setSectionResizeMode(0, self.header().ResizeMode.Stretch)
        self.itemActivated.connect(self._activated)

    def show_findings(self, findings: list[Finding], section_titles: dict[str, str]) -> None:
        self.clear()
        icons = {
            Severity.WARNING: self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            Severity.INFO: self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation),
        }
        if not findings:
            QTreeWidgetItem(self, ["Rien à signaler : le rapport peut être imprimé.", ""])
            return
        for finding in findings:
            item = self._line(self, finding, None, finding.message, section_titles.get(finding.section, finding.section))
            item.setIcon(0, icons[finding.severity])
            item.setToolTip(0, f"{finding.severity.label} : {finding.message}\n{OPEN_HINT}")
            for index, detail in enumerate(finding.details[:DETAILS_SHOWN]):
                record_id = finding.record_ids[index] if finding.record_ids else None
                self._line(item, finding, record_id, detail).setToolTip(0, f"{detail}\n{OPEN_HINT}")
            if len(finding.details) > DETAILS_SHOWN:
                self._line(item, finding, None, f"… et {len(finding.details) - DETAILS_SHOWN} autres")

    @staticmethod
    def _line(parent, finding: Finding, record_id: int | None, *texts: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, list(texts))
        item.setData(0, FINDING_ROLE, (finding, record_id))
        return item

    def _activated(self, item: QTreeWidgetItem) -> None:
        target = item.data(0, FINDING_ROLE)
        if target is not None:  # not « Rien à signaler »
            self.open_requested.emit(*target)


class PdfPreview(QWidget):
    """The pages of the last generated report, fit to the width, one under the other."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.placeholder = QLabel("Générez le PDF pour le voir ici.", alignment=Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.view, 1)
        self.view.hide()

    def show_pdf(self, path: Path) -> int:
        """Load the file; returns its page count (0 if it cannot be read)."""
        self.document.close()
        if self.document.load(str(path)) != QPdfDocument.Error.None_:
            self.clear("Aperçu impossible : le fichier ne peut pas être lu.")
            return 0
        self.placeholder.hide()
        self.view.show()
        return self.document.pageCount()

    def clear(self, message: str = "Générez le PDF pour le voir ici.") -> None:
        """Release the file (Windows keeps an open file from being replaced) and show the message."""
        self.document.close()
        self.view.hide()
        self.placeholder.setText(message)
        self.placeholder.show()
