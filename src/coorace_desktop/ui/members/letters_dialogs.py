"""What « Courriers » asks before it writes (the template and the output; the label sheet and
where to start on it), where to write, then the writing in the background with progress and
Annuler (a cancelled run writes nothing)."""

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coorace_desktop.domain.french import plural
from coorace_desktop.domain.text import file_name
from coorace_desktop.report.letters.labels import SHEETS, LabelSheet, write_labels
from coorace_desktop.report.letters.mail_merge import write_email_drafts, write_merged_letters
from coorace_desktop.services.letters.templates import LetterTemplate, load_templates
from coorace_desktop.storage.database import Database
from coorace_desktop.ui.members.letters_menu import names_text
from coorace_desktop.ui.widgets import messages
from coorace_desktop.ui.widgets.errors import run_command
from coorace_desktop.ui.widgets.printing import offer_pdf  # this module loads on the first Courriers
from coorace_desktop.ui.widgets.worker import run_in_background

ONE_PDF, PDF_EACH, EMAIL_DRAFTS = 0, 1, 2
OUTPUTS = (
    "&Un seul PDF, à imprimer (chaque courrier commence une page)",
    "Un &PDF par structure, dans un dossier",
    "Un &brouillon d'e-mail par structure (.eml, courrier joint en PDF), dans un dossier",
)


class LettersDialog(QDialog):
    """The template and what to write; `template()` and `output()` once accepted."""

    def __init__(self, count: int, output: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Courriers pour {plural(count, 'structure', 'structures')}")
        self.template_combo = QComboBox()
        self.template_combo.setAccessibleName("Modèle")
        self.subject_label = QLabel(wordWrap=True)
        self.templates_button = QPushButton("Éditer les mod&èles…")
        self.templates_button.clicked.connect(self.edit_templates)
        choice = QHBoxLayout()
        choice.addWidget(self.template_combo, 1)
        choice.addWidget(self.templates_button)
        form = QFormLayout()
        form.addRow(QLabel("&Modèle :", buddy=self.template_combo), choice)
        form.addRow("Objet :", self.subject_label)
        self.output_group = QButtonGroup(self)
        outputs = QVBoxLayout()
        for number, text in enumerate(OUTPUTS):
            button = QRadioButton(text)
            self.output_group.addButton(button, number)
            outputs.addWidget(button)
        self.output_group.button(output).setChecked(True)
        form.addRow("Écrire :", outputs)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Écrire…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.template_combo.currentIndexChanged.connect(self._show_subject)
        self._fill()
        self.template_combo.setFocus()

    def _fill(self, key: str = "") -> None:
        ok, templates = run_command(self, load_templates)
        self.template_combo.clear()
        for template in templates if ok else []:
            self.template_combo.addItem(template.title, template)
        index = next((number for number, template in enumerate(templates if ok else []) if template.key == key), 0)
        self.template_combo.setCurrentIndex(index)
        self.ok_button.setEnabled(self.template_combo.count() > 0)

    def _show_subject(self) -> None:
        template = self.template()
        self.subject_label.setText(template.subject if template else "")

    def edit_templates(self) -> None:
        from coorace_desktop.ui.members.templates_dialog import TemplatesDialog

        current = self.template()
        dialog = TemplatesDialog(self, current.key if current else "")
        dialog.exec()
        dialog.deleteLater()
        self._fill(current.key if current else "")

    def template(self) -> LetterTemplate | None:
        return self.template_combo.currentData()

    def output(self) -> int:
        return self.output_group.checkedId()


class LabelsDialog(QDialog):
    """The sheet format and the position of the first label (a sheet already partly used)."""

    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Étiquettes pour {plural(count, 'structure', 'structures')}")
        self.sheet_combo = QComboBox()
        for sheet in SHEETS:
            self.sheet_combo.addItem(sheet.label, sheet)
        self.start_spin = QSpinBox(minimum=1)
        self.start_spin.setToolTip("1 : en haut à gauche, puis de gauche à droite et de haut en bas")
        self.place_label = QLabel()
        form = QFormLayout()
        form.addRow("&Planche :", self.sheet_combo)
        form.addRow("&Commencer à l'étiquette :", self.start_spin)
        form.addRow("", self.place_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Écrire…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.sheet_combo.currentIndexChanged.connect(self._limit_start)
        self.start_spin.valueChanged.connect(self._show_place)
        self._limit_start()

    def _limit_start(self) -> None:
        self.start_spin.setMaximum(self.sheet().per_sheet)
        self._show_place()

    def _show_place(self) -> None:
        sheet = self.sheet()
        row, column = divmod(self.start_spin.value() - 1, sheet.columns)
        self.place_label.setText(f"Ligne {row + 1} sur {sheet.rows}, colonne {column + 1} sur {sheet.columns}")

    def sheet(self) -> LabelSheet:
        return self.sheet_combo.currentData()

    def start(self) -> int:
        return self.start_spin.value()


def ask_pdf_path(parent: QWidget, title: str, name: str) -> Path | None:
    """A PDF file to write (« .pdf » added when not typed), or None when the user cancels."""
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, str(Path.home() / f"{name}.pdf"), "PDF (*.pdf)")
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def ask_folder(parent: QWidget, title: str) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, title, str(Path.home()))
    return Path(chosen) if chosen else None


def start_letters(parent: QWidget, database: Database, ids: list[int], email: bool) -> None:
    """Ask for the template, the output and where; then write in the background."""
    dialog = LettersDialog(len(ids), EMAIL_DRAFTS if email else ONE_PDF, parent)
    accepted, template, output = dialog.exec(), dialog.template(), dialog.output()
    dialog.deleteLater()
    if not accepted or template is None:
        return
    if output == ONE_PDF:
        target = ask_pdf_path(parent, "Enregistrer les courriers", file_name(template.title, "courriers"))
    else:
        target = ask_folder(parent, "Dossier des brouillons d'e-mails" if output == EMAIL_DRAFTS else "Dossier des courriers")
    if target is None:
        return
    if output == EMAIL_DRAFTS:

        def drafted(result) -> None:
            text = f"{plural(len(result.paths), 'brouillon', 'brouillons')} d'e-mail dans {target}."
            if result.paths:
                text += " Ouvrez-les (double-clic) dans votre messagerie pour les relire et les envoyer."
            if result.without_email:
                text += f"\n\n{plural(len(result.without_email), 'structure', 'structures')} sans adresse e-mail, donc sans brouillon : {names_text(result.without_email)}."
            messages.inform(parent, "Brouillons d'e-mails", text)

        run_in_background(parent, "Brouillons d'e-mails…", lambda progress: write_email_drafts(database, template, ids, target, progress), drafted)
        return

    def written(result) -> None:
        where = target if output == PDF_EACH else result.paths[0]
        text = f"{plural(result.letters, 'courrier', 'courriers')} dans {where} ({plural(result.pages, 'page', 'pages')})."
        if output == PDF_EACH:  # a folder of files: nothing to print at once
            messages.inform(parent, "Courriers", text)
        else:
            offer_pdf(parent, "Courriers", text, result.paths[0])

    def job(progress):
        return write_merged_letters(database, template, ids, target, per_file=output == PDF_EACH, progress=progress)

    run_in_background(parent, "Courriers…", job, written)


def start_labels(parent: QWidget, database: Database, ids: list[int]) -> None:
    dialog = LabelsDialog(len(ids), parent)
    accepted, sheet, start = dialog.exec(), dialog.sheet(), dialog.start()
    dialog.deleteLater()
    if not accepted:
        return
    target = ask_pdf_path(parent, "Enregistrer les étiquettes", "etiquettes")
    if target is None:
        return

    def written(result) -> None:
        text = f"{plural(result.labels, 'étiquette', 'étiquettes')} dans {result.path} ({plural(result.pages, 'planche', 'planches')})."
        text += (" Imprimer… les imprime en taille réelle ; depuis un autre programme, imprimez le PDF à 100 %,"
                 " sans ajuster à la page.")
        offer_pdf(parent, "Étiquettes", text, result.path, actual_size=True)

    run_in_background(parent, "Étiquettes…", lambda progress: write_labels(database, ids, target, sheet, start, progress), written)
