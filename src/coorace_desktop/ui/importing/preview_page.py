"""The wizard's last page: the preview (computed in the background), decisions on possible
duplicates, saving the rows in error, and the import itself."""

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)

from coorace_desktop.services.importing import MEMBERS, Action, Decision, apply_members, preview_members
from coorace_desktop.services.importing.figures import apply_figures, preview_figures
from coorace_desktop.services.importing.rejects import save_rejected_rows
from coorace_desktop.ui.importing.preview import DECISION_COLUMN, ERROR, PreviewTableModel, preview_lines
from coorace_desktop.ui.widgets.app_state import Area
from coorace_desktop.ui.widgets.errors import run_command
from coorace_desktop.ui.widgets.worker import run_in_background

DEFAULT_DECISION = Decision.SKIP
STATE_FILTERS = [
    ("Toutes les lignes", None),
    ("À créer", Action.CREATE.value),
    ("À mettre à jour", Action.UPDATE.value),
    ("Inchangées", Action.UNCHANGED.value),
    ("Doublons possibles", Action.DUPLICATE.value),
    ("En erreur", ERROR),
]
WIDTHS = (55, 125, 210, 140)


class PreviewPage(QWizardPage):
    def __init__(self, wizard) -> None:
        super().__init__()
        self.owner = wizard
        self.preview = None
        self.imported = False
        self.running = False
        self.decisions: dict[int, Decision] = {}
        self.setTitle("Aperçu avant import")
        self.setSubTitle("Rien n'est encore enregistré. L'import se fera en entier, ou pas du tout.")
        self.summary_label = QLabel(wordWrap=True)
        self.state_combo = QComboBox()
        self.state_combo.setAccessibleName("Afficher")
        for text, value in STATE_FILTERS:
            self.state_combo.addItem(text, value)
        self.model = PreviewTableModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate(WIDTHS):
            self.view.setColumnWidth(column, width)
        self.merge_button = QPushButton("&Fusionner avec l'existant")
        self.skip_button = QPushButton("I&gnorer")
        self.create_button = QPushButton("&Créer quand même")
        self.decision_label = QLabel("Doublons possibles sélectionnés :")
        self.save_errors_button = QPushButton("&Enregistrer les lignes en erreur…")
        self.skip_invalid_check = QCheckBox("Importer sans les lignes en erreur")

        top = QHBoxLayout()
        top.addWidget(self.summary_label, 1)
        top.addWidget(QLabel("Afficher :"))
        top.addWidget(self.state_combo)
        decisions = QHBoxLayout()
        decisions.addWidget(self.decision_label)
        for button in (self.merge_button, self.skip_button, self.create_button):
            decisions.addWidget(button)
        decisions.addStretch(1)
        errors = QHBoxLayout()
        errors.addWidget(self.skip_invalid_check)
        errors.addStretch(1)
        errors.addWidget(self.save_errors_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(decisions)
        layout.addLayout(errors)

        self.state_combo.currentIndexChanged.connect(lambda _=0: self.model.set_state_filter(self.state_combo.currentData()))
        self.merge_button.clicked.connect(lambda: self.decide(Decision.MERGE))
        self.skip_button.clicked.connect(lambda: self.decide(Decision.SKIP))
        self.create_button.clicked.connect(lambda: self.decide(Decision.CREATE))
        self.save_errors_button.clicked.connect(self.save_errors)
        self.skip_invalid_check.toggled.connect(lambda _=False: self.completeChanged.emit())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

    # -- computing the preview
    def initializePage(self) -> None:
        self.preview = None
        self.decisions = {}
        self.skip_invalid_check.setChecked(False)
        self.model.set_lines([])
        self.summary_label.setText("Analyse du fichier…")
        self._update_buttons()
        owner = self.owner
        compute = preview_members if owner.kind == MEMBERS else preview_figures
        table, mapping, database = owner.table, owner.mapping, owner.database
        run_in_background(self, "Analyse du fichier…", lambda progress: compute(database, table, mapping), self.show_preview,
                          on_cancel=lambda: self.summary_label.setText("Analyse annulée."))

    def show_preview(self, preview) -> None:
        self.preview = preview
        self.summary_label.setText(f"<b>{preview.summary()}</b>")
        self._refresh_lines()
        self.completeChanged.emit()

    def _refresh_lines(self) -> None:
        self.model.set_lines(preview_lines(self.preview, self.decisions, DEFAULT_DECISION))
        self._update_buttons()

    def _update_buttons(self) -> None:
        members = self.owner.kind == MEMBERS
        has_duplicates = bool(self.preview and members and self.preview.duplicates)
        for widget in (self.decision_label, self.merge_button, self.skip_button, self.create_button):
            widget.setVisible(has_duplicates)
        self.view.setColumnHidden(DECISION_COLUMN, not has_duplicates)
        selected = [index.row() for index in self.view.selectionModel().selectedRows()]
        chosen = any(self.model.line_at(row).decision is not None for row in selected)
        for button in (self.merge_button, self.skip_button, self.create_button):
            button.setEnabled(chosen)
        has_errors = bool(self.preview and self.preview.errors)
        self.save_errors_button.setVisible(has_errors)
        self.skip_invalid_check.setVisible(has_errors)

    def decide(self, decision: Decision) -> None:
        rows = [index.row() for index in self.view.selectionModel().selectedRows()]
        for key in self.model.set_decision(rows, decision):
            self.decisions[key] = decision

    def save_errors(self) -> None:
        suggested = Path.home() / f"{self.owner.table.path.stem}-lignes-en-erreur.xlsx"
        name, selected = QFileDialog.getSaveFileName(
            self, "Enregistrer les lignes en erreur", str(suggested), "Classeur Excel (*.xlsx);;CSV (*.csv)"
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_name(path.name + (".csv" if "*.csv" in selected else ".xlsx"))
        ok, _ = run_command(self, save_rejected_rows, path, self.owner.mapping.headers, self.preview.errors)
        if ok:
            self.summary_label.setText(f"<b>{self.preview.summary()}</b> Lignes en erreur enregistrées dans {path.name}.")

    # -- importing
    def isComplete(self) -> bool:
        if self.preview is None:
            return False
        return not self.preview.errors or self.skip_invalid_check.isChecked()

    def validatePage(self) -> bool:
        """Start the import; the wizard closes when it has been written (never before)."""
        if self.imported:
            return True  # QWizard.done() asks again when the finished import closes the wizard
        if self.running:
            return False
        self.running = True
        preview, database = self.preview, self.owner.database
        if self.owner.kind == MEMBERS:
            decisions = dict(self.decisions)

            def job(progress):
                return apply_members(database, preview, decisions, default_decision=DEFAULT_DECISION, skip_invalid=True, progress=progress)
        else:

            def job(progress):
                return apply_figures(database, preview, skip_invalid=True, progress=progress)

        def finished(result) -> None:
            self.running = False
            self.imported = True
            self.owner.finished_import(f"Import terminé : {result.summary()}")

        def stopped() -> None:
            self.running = False

        # Members or their yearly figures: every tab showing members reads them again.
        job_handle = run_in_background(self, "Import en cours…", job, finished, on_cancel=stopped, announces=frozenset({Area.MEMBERS}))
        job_handle.thread.failed.connect(lambda _error: stopped())
        return False
