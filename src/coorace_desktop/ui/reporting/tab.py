"""The Rapports tab: the year's report, its sections, what belongs to the year (rapport moral,
resources, partners), *Vérifier*, *Générer le PDF…* in the background, *Ouvrir*, a preview,
and closing the year (ui/reporting/closing_panel.py). Why a section will be left out comes from
the whole year's report facts (~0.6 s on a large database): read in a thread, after the tab's
first paint."""

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coorace_desktop.domain.french import plural
from coorace_desktop.report.sections import SECTION_TITLES, SECTIONS, ReportRequest, omitted_sections
from coorace_desktop.services.reporting.check import PARTNERS, REPORT_TEXT, RESOURCES, Finding, Severity, check_report
from coorace_desktop.services.reporting.member_figures import default_reference_year, figure_years
from coorace_desktop.services.reporting.year_inputs import (
    count_partners,
    delete_partners,
    partner_page,
    report_text,
    report_years,
    resources,
)
from coorace_desktop.storage.database import Database
from coorace_desktop.ui.reporting.closing_panel import ClosingPanel
from coorace_desktop.ui.reporting.dialogs import PartnerDialog, ReportTextDialog, ResourcesDialog
from coorace_desktop.ui.reporting.panels import OPEN_HINT, FindingsView, PdfPreview
from coorace_desktop.ui.widgets import messages
from coorace_desktop.ui.widgets.after_paint import after_paint
from coorace_desktop.ui.widgets.app_state import EVERY_AREA, OPEN_RECORD, Area, open_area
from coorace_desktop.ui.widgets.errors import run_command
from coorace_desktop.ui.widgets.formats import display
from coorace_desktop.ui.widgets.screen_fit import VerticalScrollArea
from coorace_desktop.ui.widgets.table_model import Column
from coorace_desktop.ui.widgets.table_tab import DataTable
from coorace_desktop.ui.widgets.worker import LatestRead, run_in_background

PARTNER_COLUMNS = [
    Column("Nom", "name", lambda row: row.name),
    Column("Précision", None, lambda row: row.description),
    Column("Depuis", "since", lambda row: row.since_year or ""),
    Column("Jusqu'en", "until", lambda row: row.until_year or ""),
]
PARTNER_WIDTHS = (300, 320, 80, 80)  # first run; the user's own widths are kept in the settings
CHECK_PAGE, PREVIEW_PAGE, PARTNERS_PAGE, CLOSING_PAGE = range(4)
OMITTED_STYLE = "color: #5f6368; font-size: 9pt;"


def default_year(database: Database, today: date | None = None) -> int:
    """The latest year with something recorded (not in the future), else last year."""
    this_year = (today or date.today()).year
    return next((year for year in report_years(database) if year <= this_year), this_year - 1)


class ReportsTab(QWidget):
    title = "Rapports"
    reads = EVERY_AREA  # the report prints every area
    status_changed = Signal()

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.last_result = None  # the ReportResult of the last PDF generated
        self.job = None
        self.folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())

        self.year_spin = QSpinBox(minimum=1990, maximum=2200)
        self.year_spin.setGroupSeparatorShown(False)
        self.year_spin.setAccessibleName("Année du rapport")
        self.reference_combo = QComboBox()
        self.reference_combo.setAccessibleName("Année de comparaison des chiffres clés")
        years = QFormLayout()
        years.addRow("&Année", self.year_spin)
        years.addRow("Comparer à", self.reference_combo)

        sections_box = QGroupBox("Sections")
        sections_layout = QVBoxLayout(sections_box)
        self.section_checks: dict[str, QCheckBox] = {}
        self.omitted_labels: dict[str, QLabel] = {}  # why a section will be left out of the PDF
        self.omitted_reads = LatestRead(self, self._show_omitted)
        self._omitted_after_paint = False
        for section in SECTIONS:
            self.section_checks[section.key] = check = QCheckBox(section.title, checked=True)
            check.toggled.connect(self._update_state)
            sections_layout.addWidget(check)
            self.omitted_labels[section.key] = label = QLabel(wordWrap=True, styleSheet=OMITTED_STYLE)
            label.setContentsMargins(22, 0, 0, 4)
            label.hide()
            sections_layout.addWidget(label)

        content_box = QGroupBox("Ce qui appartient à l'année")
        content = QFormLayout(content_box)
        self.moral_label = QLabel(wordWrap=True)
        self.moral_button = QPushButton("Rapport &moral et signataire…")
        self.resources_label = QLabel(wordWrap=True)
        self.resources_button = QPushButton("&Ressources de la délégation…")
        content.addRow(self.moral_label)
        content.addRow(self.moral_button)
        content.addRow(self.resources_label)
        content.addRow(self.resources_button)
        content.addRow(QLabel("Les partenaires remerciés : onglet « Partenaires » à droite.", wordWrap=True))

        self.check_button = QPushButton("&Vérifier")
        self.check_button.setToolTip("Lister ce qui manque ou paraît suspect pour l'année, avant d'imprimer")
        self.generate_button = QPushButton("&Générer le PDF…")
        self.generate_button.setDefault(True)
        self.open_button = QPushButton("&Ouvrir")
        self.open_button.setToolTip("Ouvrir le dernier PDF généré dans la visionneuse du système (Ctrl+P l'imprime)")
        self.result_label = QLabel(wordWrap=True)
        actions = QHBoxLayout()
        for button in (self.check_button, self.generate_button, self.open_button):
            actions.addWidget(button)

        choices = QWidget()
        choices_layout = QVBoxLayout(choices)
        choices_layout.setContentsMargins(0, 0, 0, 0)
        choices_layout.addLayout(years)
        choices_layout.addWidget(sections_box)
        choices_layout.addWidget(content_box)
        choices_layout.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(VerticalScrollArea(choices), 1)  # 1024x600: the choices scroll, the buttons stay
        left_layout.addLayout(actions)
        left_layout.addWidget(self.result_label)

        self.findings = FindingsView()
        self.findings.open_requested.connect(self.open_finding)
        check_page = QWidget()
        check_layout = QVBoxLayout(check_page)
        check_layout.setContentsMargins(0, 0, 0, 0)
        check_layout.addWidget(self.findings, 1)
        check_layout.addWidget(QLabel(f"{OPEN_HINT} ce qui corrige le constat ou la ligne choisie.", styleSheet=OMITTED_STYLE))
        self.preview = PdfPreview()
        self.partners = DataTable(
            PARTNER_COLUMNS,
            lambda query: count_partners(database, query),
            lambda query, offset, limit: partner_page(database, query, offset, limit),
            noun=("partenaire", "partenaires"),
            empty_text='Aucun partenaire : Nouveau… pour remercier un financeur ou un allié.',
            settings_key="partners",
        )
        self.partners.search_edit.hide()  # a few dozen rows: sorting is enough
        for column, width in enumerate(PARTNER_WIDTHS):
            self.partners.view.horizontalHeader().resizeSection(column, width)
        self.partners.set_delete(
            lambda row: f"Supprimer le partenaire « {row.name} » ? Il disparaîtra du rapport de chaque année.",
            lambda row: delete_partners(database, [row.id]),
            announces=Area.REPORTING,
        )
        self.pages = QTabWidget()
        self.pages.insertTab(CHECK_PAGE, check_page, "Vérification")
        self.pages.insertTab(PREVIEW_PAGE, self.preview, "Aperçu")
        self.pages.insertTab(PARTNERS_PAGE, self.partners, "Partenaires")
        self.closing = ClosingPanel(database, self.check, lambda: self.folder)
        self.pages.insertTab(CLOSING_PAGE, self.closing, "Clôture")
        self.closing.changed.connect(self._year_changed)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([330, 870])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        self.year_spin.setValue(default_year(database))
        self._year_changed()
        self.year_spin.valueChanged.connect(self._year_changed)
        self.moral_button.clicked.connect(self.edit_report_text)
        self.resources_button.clicked.connect(self.edit_resources)
        self.check_button.clicked.connect(self.check)
        self.generate_button.clicked.connect(self.generate)
        self.open_button.clicked.connect(self.open_pdf)
        self.partners.new_requested.connect(lambda: self.edit_partner(None))
        self.partners.edit_requested.connect(self.edit_partner)

    # -- the request
    @property
    def year(self) -> int:
        return self.year_spin.value()

    def request(self) -> ReportRequest:
        sections = tuple(key for key, check in self.section_checks.items() if check.isChecked())
        return ReportRequest(self.year, sections, self.reference_combo.currentData())

    def _year_changed(self) -> None:
        self.reference_combo.clear()
        automatic = default_reference_year(self.database, self.year)
        self.reference_combo.addItem(f"Automatique ({automatic})" if automatic else "Automatique (aucune)", None)
        for year in figure_years(self.database):
            if year < self.year:
                self.reference_combo.addItem(str(year), year)
        self.findings.clear()
        self.preview.clear()
        for label in self.omitted_labels.values():  # they name the year: hidden until read for this one
            label.hide()
        self.last_result = None
        self.closing.show_year(self.year)
        self._refresh_content()

    def _refresh_content(self) -> None:
        text = report_text(self.database, self.year)
        paragraphs = len([block for block in text.moral_report.split("\n\n") if block.strip()])
        if text.moral_report:
            signed = f", signé {text.signatory_name}" if text.signatory_name else ", sans signataire"
            self.moral_label.setText(f"Rapport moral {self.year} : {plural(paragraphs, 'paragraphe', 'paragraphes')}{signed}.")
        else:
            self.moral_label.setText(f"Rapport moral {self.year} : pas encore écrit.")
        lines = resources(self.database, self.year)
        if lines:
            shares = " · ".join(f"{line.label} {display(round(line.share_percent or 0, 1))}\u00a0%" for line in lines)
            self.resources_label.setText(f"Ressources : {shares}.")
        else:
            self.resources_label.setText(f"Ressources {self.year} : non saisies.")
        if self.isVisible():
            self._read_omitted()
        elif not self._omitted_after_paint:  # being built or hidden: once it has painted, for its year then
            self._omitted_after_paint = True
            after_paint(self, self._read_omitted)
        self._update_state()

    def _read_omitted(self) -> None:
        """The newest read wins: the year or its data changed meanwhile."""
        self._omitted_after_paint = False
        year = self.year
        self.omitted_reads.start(lambda: omitted_sections(self.database, ReportRequest(year)))

    def _show_omitted(self, omitted: dict[str, str]) -> None:
        for key, label in self.omitted_labels.items():
            label.setText(f"Laissée de côté : {omitted[key]}." if key in omitted else "")
            label.setVisible(key in omitted)

    def _update_state(self) -> None:
        has_sections = any(check.isChecked() for check in self.section_checks.values())
        self.generate_button.setEnabled(has_sections and self.job is None)
        self.open_button.setEnabled(self.last_result is not None)
        if self.last_result is not None:
            self.result_label.setText(
                f"Rapport {self.year} : {self.last_result.pages} pages, enregistré dans {self.last_result.path}."
            )
        else:
            self.result_label.setText("")
        self.status_changed.emit()

    def status_text(self) -> str:
        if self.last_result is not None:
            return f"Rapport {self.year} : {self.last_result.pages} pages ({self.last_result.path.name})"
        checked = sum(check.isChecked() for check in self.section_checks.values())
        return f"Rapport {self.year} : {plural(checked, 'section', 'sections')} sur {len(SECTIONS)}"

    def refresh(self) -> None:
        self._refresh_content()
        self.partners.reload()

    # -- editors
    def edit_report_text(self) -> None:
        if ReportTextDialog(self.database, self.year, self).exec():
            self._refresh_content()

    def edit_resources(self) -> None:
        if ResourcesDialog(self.database, self.year, self).exec():
            self._refresh_content()

    def edit_partner(self, row) -> None:
        dialog = PartnerDialog(self.database, row, self)
        if dialog.exec():
            self.partners.reload(select_id=dialog.result_value)

    def open_finding(self, finding: Finding, record_id: int | None) -> None:
        """What fixes a finding: one of this tab's editors, the record a detail names, or the
        tab of the finding's area."""
        editors = {REPORT_TEXT: self.edit_report_text, RESOURCES: self.edit_resources,
                   PARTNERS: lambda: self.pages.setCurrentIndex(PARTNERS_PAGE)}
        if finding.editor:
            editors[finding.editor]()
        else:
            open_area(self, Area(finding.area), {OPEN_RECORD: record_id} if record_id is not None else {})

    # -- check, generate, open
    def check(self) -> list:
        ok, findings = run_command(self, check_report, self.database, self.year, self.reference_combo.currentData())
        if ok:
            self.findings.show_findings(findings, SECTION_TITLES)
            self.pages.setCurrentIndex(CHECK_PAGE)
            warnings = sum(finding.severity is Severity.WARNING for finding in findings)
            self.pages.setTabText(CHECK_PAGE, f"Vérification ({warnings})" if warnings else "Vérification")
        return findings or []

    def choose_target(self) -> Path | None:
        suggested = self.folder / f"Rapport d'activité {self.year}.pdf"
        name, _ = QFileDialog.getSaveFileName(self, "Enregistrer le rapport", str(suggested), "Documents PDF (*.pdf)")
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def generate(self) -> None:
        request = self.request()
        if not request.sections:
            messages.show_error(self, "Cochez au moins une section à imprimer.")
            return
        warnings = sum(finding.severity is Severity.WARNING for finding in self.check())
        if warnings and not self.confirm_despite(warnings):
            return
        target = self.choose_target()
        if target is not None:
            self.generate_to(target, request)

    def confirm_despite(self, warnings: int) -> bool:
        """« N points à vérifier : générer quand même ? »; the default button goes back to them."""
        return messages.choose(
            self, "Générer le rapport", f"{plural(warnings, 'point', 'points')} à vérifier : générer quand même ?",
            "Ils sont listés dans l'onglet « Vérification ».", "Générer quand même", "Voir les points",
        )

    def generate_to(self, target: Path, request: ReportRequest | None = None):
        """Print in the background; the preview shows the file once written."""
        from coorace_desktop.report.generate import generate_report  # ReportLab: loaded when printing only

        request = request or self.request()
        self.preview.clear("Génération en cours…")
        self.folder = target.parent
        self.job = run_in_background(
            self,
            f"Génération du rapport {request.year}…",
            lambda progress: generate_report(self.database, request, target, progress),
            self._generated,
            on_end=self._finished,
        )
        self._update_state()
        return self.job

    def _generated(self, result) -> None:
        self.job = None
        self.last_result = result
        self.preview.show_pdf(result.path)
        self.pages.setCurrentIndex(PREVIEW_PAGE)
        self._update_state()

    def _finished(self) -> None:
        """After success, cancel or failure: the button comes back; a cancel leaves no file."""
        self.job = None
        if self.last_result is None:
            self.preview.clear()
        self._update_state()

    def open_pdf(self) -> None:
        if self.last_result is None or not self.last_result.path.exists():
            messages.show_error(self, "Le fichier du rapport n'existe plus : générez-le de nouveau.")
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_result.path)))

    def printable(self) -> Path | None:
        """What Ctrl+P prints: the report last generated, except from the Partenaires page (its table)."""
        if self.pages.currentIndex() == PARTNERS_PAGE or self.last_result is None:
            return None
        return self.last_result.path

    # -- state kept between sessions
    def save_state(self, settings: QSettings) -> None:
        settings.setValue("reports/folder", str(self.folder))
        settings.setValue("reports/splitter", self.splitter.saveState())
        self.partners.save_state(settings)

    def restore_state(self, settings: QSettings) -> None:
        folder = settings.value("reports/folder")
        if folder and Path(folder).is_dir():
            self.folder = Path(folder)
        state = settings.value("reports/splitter")
        if state is not None:
            self.splitter.restoreState(state)
        self.partners.restore_state(settings)
