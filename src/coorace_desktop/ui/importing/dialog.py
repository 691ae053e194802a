"""The import wizard: the file (format detected, overridable), the columns (proposed from the
headers, remembered), the preview (what will be created, updated, left alone, refused, and the
possible duplicates to merge, skip or create), then the import, whole or not at all."""

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from coorace_desktop.domain.french import plural
from coorace_desktop.services.importing import (
    FIGURES,
    MEMBERS,
    ColumnMapping,
    SourceError,
    propose_mapping,
    read_table,
    remember_mapping,
)
from coorace_desktop.services.importing.cells import as_text
from coorace_desktop.services.importing.mapping import FIELDS
from coorace_desktop.services.importing.sources import SourceTable
from coorace_desktop.storage.database import Database
from coorace_desktop.storage.errors import StorageError, user_message
from coorace_desktop.ui.importing.preview_page import PreviewPage
from coorace_desktop.ui.widgets import messages
from coorace_desktop.ui.widgets.screen_fit import fit_to_screen

FILE_FILTER = "Tableurs (*.xlsx *.ods *.csv);;Tous les fichiers (*)"
ENCODINGS = [
    ("Détection automatique", None), ("UTF-8", "utf-8-sig"), ("Windows-1252 (Excel)", "cp1252"),
    ("ISO-8859-15 (avec €)", "iso8859-15"), ("ISO-8859-1", "latin-1"), ("UTF-16", "utf-16"),
]
DELIMITERS = [("Détection automatique", None), ("Point-virgule ;", ";"), ("Virgule ,", ","), ("Tabulation", "\t"), ("Barre verticale |", "|")]
IGNORED = "— ne pas importer —"
WARNING_STYLE = "color: #a15c00;"
SAMPLES = 3


class FilePage(QWizardPage):
    """Which import, which file; how the file was read, with encoding and separator to override."""

    def __init__(self, wizard: "ImportWizard") -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle("Fichier à importer")
        self.setSubTitle("Un classeur Excel (.xlsx), LibreOffice (.ods) ou un fichier CSV. Rien n'est enregistré avant la dernière étape.")
        self.members_radio = QRadioButton("Adhérents (structure, site, types, contact)")
        self.figures_radio = QRadioButton("Chiffres annuels par adhérent (observatoire)")
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.members_radio)
        self.kind_group.addButton(self.figures_radio)
        (self.members_radio if wizard.kind == MEMBERS else self.figures_radio).setChecked(True)
        self.path_edit = QLineEdit(readOnly=True, placeholderText="Choisissez un fichier…")
        self.browse_button = QPushButton("&Parcourir…")
        self.format_label = QLabel(wordWrap=True)
        self.doubt_label = QLabel(wordWrap=True, styleSheet=WARNING_STYLE)
        self.encoding_combo = QComboBox()
        self.delimiter_combo = QComboBox()
        for combo, choices in ((self.encoding_combo, ENCODINGS), (self.delimiter_combo, DELIMITERS)):
            for text, value in choices:
                combo.addItem(text, value)
            combo.currentIndexChanged.connect(self.reread)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow("Importer :", self.members_radio)
        form.addRow("", self.figures_radio)
        form.addRow("Fichier :", path_row)
        form.addRow("Lu comme :", self.format_label)
        form.addRow("", self.doubt_label)
        form.addRow("Encodage :", self.encoding_combo)
        form.addRow("Séparateur :", self.delimiter_combo)
        self.setLayout(form)
        self.browse_button.clicked.connect(self.browse)
        self.kind_group.buttonToggled.connect(lambda *_: self._kind_changed())
        self._show_csv_options(False)

    def _kind_changed(self) -> None:
        self.owner.kind = MEMBERS if self.members_radio.isChecked() else FIGURES
        self.owner.mapping = None

    def _show_csv_options(self, visible: bool) -> None:
        for widget in (self.encoding_combo, self.delimiter_combo):
            widget.setVisible(visible)
            self.layout().labelForField(widget).setVisible(visible)

    def browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Fichier à importer", str(Path.home()), FILE_FILTER)
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path) -> None:
        self.path_edit.setText(str(path))
        for combo in (self.encoding_combo, self.delimiter_combo):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.reread()

    def reread(self) -> None:
        path = Path(self.path_edit.text()) if self.path_edit.text() else None
        self.owner.table = None
        self.owner.mapping = None
        if path is not None:
            try:
                table = read_table(path, encoding=self.encoding_combo.currentData(), delimiter=self.delimiter_combo.currentData())
            except (SourceError, OSError) as error:
                self.format_label.setText("")
                self.doubt_label.setText(user_message(error))
            else:
                self.owner.table = table
                self.format_label.setText(f"{table.format_label} — {plural(len(table.rows), 'ligne non vide', 'lignes non vides')}")
                self.doubt_label.setText(table.doubt or ("" if table.rows else "Le fichier ne contient aucune ligne."))
            self._show_csv_options(path.suffix.lower() in (".csv", ".txt"))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.owner.table is not None and bool(self.owner.table.rows)


class MappingPage(QWizardPage):
    """One choice per column of the file, proposed from its header; remembered on the way out."""

    def __init__(self, wizard: "ImportWizard") -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle("Colonnes")
        self.setSubTitle("Vérifiez à quoi correspond chaque colonne. Vos choix seront proposés la prochaine fois.")
        self.header_label = QLabel(wordWrap=True)
        self.missing_label = QLabel(wordWrap=True, styleSheet=WARNING_STYLE)
        self.repeated_label = QLabel(wordWrap=True, styleSheet=WARNING_STYLE)
        self.form_host = QWidget()
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(self.form_host)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header_label)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.missing_label)
        layout.addWidget(self.repeated_label)
        self.combos: list[QComboBox] = []

    def initializePage(self) -> None:
        table: SourceTable = self.owner.table
        mapping = self.owner.mapping or propose_mapping(table, self.owner.kind)
        self.owner.mapping = mapping
        header_line = table.rows[mapping.header_index].line
        self.header_label.setText(f"Ligne des titres : {header_line}. Les lignes suivantes sont les données.")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.combos = []
        samples = table.rows[mapping.header_index + 1 : mapping.header_index + 1 + SAMPLES]
        for column, (header, key) in enumerate(zip(mapping.headers, mapping.fields)):
            combo = QComboBox()
            combo.setAccessibleName(header)
            combo.addItem(IGNORED, "")
            for field in FIELDS[self.owner.kind]:
                combo.addItem(field.label + (" *" if field.required else ""), field.key)
            combo.setCurrentIndex(max(combo.findData(key), 0))
            combo.currentIndexChanged.connect(lambda _=0, c=column, box=combo: self._chosen(c, box.currentData()))
            examples = ", ".join(text for row in samples if column < len(row.cells) and (text := as_text(row.cells[column])))
            label = QLabel(f"<b>{_escape(header)}</b><br><span style='color:#666'>{_escape(examples[:60]) or '(vide)'}</span>")
            form.addRow(label, combo)
            self.combos.append(combo)
        old = self.form_host.layout()
        if old is not None:
            QWidget().setLayout(old)  # detach the previous form so that a new one can be set
        self.form_host.setLayout(form)
        self._update_missing()

    def _chosen(self, column: int, key: str) -> None:
        self.owner.mapping = self.owner.mapping.with_field(column, key)
        for index, combo in enumerate(self.combos):
            wanted = self.owner.mapping.fields[index]
            if combo.currentData() != wanted:
                combo.blockSignals(True)
                combo.setCurrentIndex(max(combo.findData(wanted), 0))
                combo.blockSignals(False)
        self._update_missing()

    def _update_missing(self) -> None:
        missing = self.owner.mapping.missing_required()
        if self.owner.kind == FIGURES and "siret" in self.owner.mapping.fields and missing == ["Raison sociale"]:
            missing = []  # the SIRET names the organisation as well
        self.missing_label.setText(f"À associer obligatoirement : {', '.join(missing)}." if missing else "")
        self.repeated_label.setText(self.owner.mapping.repeated_headers())
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.owner.mapping is not None and not self.missing_label.text()

    def validatePage(self) -> bool:
        try:
            remember_mapping(self.owner.mapping)
        except (OSError, StorageError):
            pass  # not remembering is no reason to stop the import
        return True


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ImportWizard(QWizard):
    """Import members or yearly figures; accepted only once the import has been written."""

    def __init__(self, database: Database, kind: str = MEMBERS, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.kind = kind
        self.table: SourceTable | None = None
        self.mapping: ColumnMapping | None = None
        self.result_summary = ""
        self.setWindowTitle("Importer un tableur")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        for button, text in (
            (QWizard.WizardButton.BackButton, "< &Précédent"),
            (QWizard.WizardButton.NextButton, "&Suivant >"),
            (QWizard.WizardButton.FinishButton, "&Importer"),
            (QWizard.WizardButton.CancelButton, "Annuler"),
        ):
            self.setButtonText(button, text)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page):
            self.addPage(page)
        self.resize(960, 640)
        fit_to_screen(self)

    def finished_import(self, summary: str) -> None:
        self.result_summary = summary
        messages.inform(self, "Import terminé", summary)
        self.accept()

    def refuse(self, message: str) -> None:
        messages.show_error(self, message)

