"""The Rapports tab's *Clôture* page: whether the year is closed (when, by whom, the PDF's
SHA-256), *Clôturer l'année…* after Vérifier, *Rouvrir…* with a reason, what changed in the
live data since closing, the history, and the accessible edition (HTML)."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coorace_desktop.domain.french import plural
from coorace_desktop.services.reporting.check import Severity
from coorace_desktop.services.reporting.closing import (
    ACTION_LABELS,
    REOPEN,
    changes_since_closing,
    closed_report,
    closing_history,
    reopen_year,
    reopened_pdf,
)
from coorace_desktop.storage.database import Database
from coorace_desktop.storage.lock import current_holder
from coorace_desktop.ui.widgets import messages
from coorace_desktop.ui.widgets.errors import run_command
from coorace_desktop.ui.widgets.worker import run_in_background


class ClosingPanel(QWidget):
    """`check()` runs Vérifier (the tab's) and returns its findings; `folder()` the last folder used."""

    changed = Signal()  # the year was closed or reopened

    def __init__(self, database: Database, check: Callable[[], list], folder: Callable[[], Path], parent: QWidget | None = None):
        super().__init__(parent)
        self.database = database
        self._check = check
        self._folder = folder
        self.year = 0
        self.job = None
        self.status_label = QLabel(wordWrap=True)
        self.close_button = QPushButton("&Clôturer l'année…")
        self.close_button.setToolTip("Vérifier, puis garder le rapport tel qu'imprimé maintenant : ses réimpressions seront identiques")
        self.reopen_button = QPushButton("Ro&uvrir l'année…")
        self.html_button = QPushButton("Édition accessible (&HTML)…")
        self.html_button.setToolTip("Le rapport en une page HTML lisible par un lecteur d'écran, à publier sur le site")
        buttons = QHBoxLayout()
        for button in (self.close_button, self.reopen_button, self.html_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.changes_list = QListWidget()
        self.changes_list.setAccessibleName("Changements depuis la clôture")
        self.history_list = QListWidget()
        self.history_list.setAccessibleName("Historique des clôtures")
        self.history_ids: list[int] = []  # of the history's rows; a reopening keeps the PDF it set aside
        self.sent_button = QPushButton("Enregistrer le &PDF clos alors…", enabled=False)
        self.sent_button.setToolTip("Le rapport tel qu'il avait été clos, gardé lors de la réouverture choisie")
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        layout.addWidget(QLabel("Changements dans les données depuis la clôture (le rapport clos n'en tient pas compte) :"))
        layout.addWidget(self.changes_list, 2)
        layout.addWidget(QLabel("Historique :"))
        layout.addWidget(self.history_list, 1)
        sent = QHBoxLayout()
        sent.addWidget(self.sent_button)
        sent.addStretch(1)
        layout.addLayout(sent)
        self.close_button.clicked.connect(self.close_year)
        self.reopen_button.clicked.connect(self.reopen)
        self.html_button.clicked.connect(self.save_html)
        self.sent_button.clicked.connect(self.save_reopened_pdf)
        self.history_list.currentRowChanged.connect(self._history_selected)

    def show_year(self, year: int) -> None:
        self.year = year
        closed = closed_report(self.database, year)
        if closed is None:
            self.status_label.setText(f"Année {year} ouverte : le rapport est calculé à partir des données actuelles.")
        else:
            self.status_label.setText(
                f"Année {year} close le {closed.closed_on:%d/%m/%Y} par {closed.closed_by} : le rapport se réimprime "
                f"tel quel (« chiffres arrêtés au {closed.closed_on:%d/%m/%Y} »). SHA-256 du PDF : {closed.sha256}"
            )
        self.close_button.setEnabled(closed is None and self.job is None)
        self.reopen_button.setEnabled(closed is not None)
        self.changes_list.clear()
        changes = changes_since_closing(self.database, year)
        self.changes_list.addItems(changes or (["Aucun changement."] if closed else ["Année ouverte."]))
        self.history_list.clear()
        self.history_ids = []
        for entry in closing_history(self.database, year):
            self.history_ids.append(entry.id if entry.action == REOPEN else 0)
            reason = f" : {entry.reason}" if entry.reason else ""
            when = entry.at.astimezone()
            self.history_list.addItem(f"{ACTION_LABELS[entry.action]} le {when:%d/%m/%Y à %H:%M} par {entry.by}{reason}")

    def showEvent(self, event) -> None:
        """Shown again: the live data may have changed in another tab since."""
        super().showEvent(event)
        if self.year:
            self.show_year(self.year)

    def _history_selected(self, row: int) -> None:
        self.sent_button.setEnabled(0 <= row < len(self.history_ids) and self.history_ids[row] != 0)

    def close_year(self) -> bool:
        """Ask, then close in the background (the report is printed again); False if declined."""
        warnings = sum(finding.severity is Severity.WARNING for finding in self._check())
        checked = f"Vérifier signale {plural(warnings, 'point', 'points')} à vérifier (onglet Vérification).\n\n" if warnings else ""
        if not messages.ask(
            self, "Clôturer l'année",
            f"{checked}Clôturer l'année {self.year} ? Le rapport est gardé tel qu'imprimé maintenant ; "
            "ses réimpressions seront identiques jusqu'à la réouverture.",
        ):
            return False
        from coorace_desktop.report.closing import close_report  # ReportLab: loaded when printing only

        year, user = self.year, current_holder().user
        self.close_button.setEnabled(False)
        self.job = run_in_background(
            self, f"Clôture de l'année {year}…",
            lambda progress: close_report(self.database, year, user, progress),
            lambda _result: self._done(True),
            on_end=self._job_finished,
        )
        return True

    def _job_finished(self) -> None:
        """After success, cancel or failure: the buttons say the year's state again."""
        self.job = None
        self.show_year(self.year)

    def reopen(self) -> bool:
        reason, ok = QInputDialog.getText(self, "Rouvrir l'année", f"Pourquoi rouvrir l'année {self.year} ? (gardé dans l'historique)")
        if not ok:
            return False
        ok, _ = run_command(self, reopen_year, self.database, self.year, reason, current_holder().user)
        self._done(ok)
        return ok

    def save_html(self) -> Path | None:
        suggested = self._folder() / f"Rapport d'activité {self.year}.html"
        name, _ = QFileDialog.getSaveFileName(self, "Enregistrer l'édition accessible", str(suggested), "Pages HTML (*.html)")
        if not name:
            return None
        path = Path(name) if name.lower().endswith(".html") else Path(name + ".html")
        from coorace_desktop.report.generate import generate_html  # ReportLab: loaded when printing only

        ok, result = run_command(self, generate_html, self.database, self.year, path)
        return result.path if ok else None

    def save_reopened_pdf(self) -> Path | None:
        """Write the PDF the selected reopening set aside."""
        row = self.history_list.currentRow()
        pdf = reopened_pdf(self.database, self.history_ids[row]) if 0 <= row < len(self.history_ids) else None
        if not pdf:
            return None
        suggested = self._folder() / f"Rapport d'activité {self.year} (clos).pdf"
        name, _ = QFileDialog.getSaveFileName(self, "Enregistrer le rapport clos", str(suggested), "Documents PDF (*.pdf)")
        if not name:
            return None
        from coorace_desktop.report.generate import write_pdf

        ok, result = run_command(self, write_pdf, Path(name), pdf)
        return result if ok else None

    def _done(self, ok: bool) -> None:
        if ok:
            self.show_year(self.year)
            self.changed.emit()
