"""« Modèles de courrier… »: the office edits the mail merge templates (its copies are kept in
the data folder), writes new ones, restores a shipped one or deletes one of its own. Fields are
inserted from the list (double-click or Entrée); an unknown field or a brace left open is said
beneath the text, and Enregistrer waits until there is none."""

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from coorace_desktop.domain.mail_merge import FIELDS
from coorace_desktop.services.letters.templates import (
    LetterTemplate,
    delete_template,
    load_templates,
    restore_template,
    save_template,
    validate_template,
)
from coorace_desktop.ui.widgets import form_dialog, messages
from coorace_desktop.ui.widgets.errors import run_command
from coorace_desktop.ui.widgets.form_dialog import ERROR_STYLE
from coorace_desktop.ui.widgets.screen_fit import fit_to_screen
from coorace_desktop.ui.widgets.shortcuts import shortcut

NEW_TITLE = "Nouveau modèle"


class TemplatesDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, key: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Modèles de courrier")
        self.loaded: LetterTemplate | None = None  # the template as shown before any typing
        self.template_list = QListWidget()
        self.template_list.setAccessibleName("Modèles")
        self.template_list.setWordWrap(True)
        self.title_edit = QLineEdit()
        self.subject_edit = QLineEdit()
        self.body_edit = QPlainTextEdit()
        self.annex_title_edit = QLineEdit(placeholderText="Pouvoir, coupon-réponse… (vide : pas d'annexe)")
        self.annex_edit = QPlainTextEdit()
        self.annex_edit.setPlaceholderText("Imprimée sur une page à part, après la signature")
        self.text_edits = (self.title_edit, self.subject_edit, self.body_edit, self.annex_title_edit, self.annex_edit)
        self.last_text_edit: QWidget = self.body_edit  # where a field goes
        self.fields_list = QListWidget()
        self.fields_list.setAccessibleName("Champs")
        self.fields_list.setWordWrap(True)
        self.fields_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for merge_field in FIELDS:
            item = QListWidgetItem(f"{{{merge_field.key}}}  {merge_field.label}")
            item.setData(Qt.ItemDataRole.UserRole, merge_field.key)
            self.fields_list.addItem(item)
        self.error_label = QLabel(wordWrap=True, styleSheet=ERROR_STYLE)
        self.new_button = QPushButton("&Nouveau")
        self.save_button = QPushButton("&Enregistrer")
        self.restore_button = QPushButton("&Rétablir l'original")
        self.delete_button = QPushButton("&Supprimer")
        self.close_button = QPushButton("Fermer")
        self.new_button.setToolTip("Ctrl+N : un nouveau modèle, copie de celui affiché")
        self.save_button.setToolTip("Ctrl+S")

        form = QFormLayout()
        form.addRow("&Titre :", self.title_edit)
        form.addRow("&Objet :", self.subject_edit)
        form.addRow("Te&xte :", self.body_edit)
        form.addRow("Titre de l'&annexe :", self.annex_title_edit)
        form.addRow("Texte de &l'annexe :", self.annex_edit)
        fields_box = QVBoxLayout()
        fields_box.addWidget(QLabel("&Champs (double-clic ou Entrée pour insérer) :", buddy=self.fields_list))
        fields_box.addWidget(self.fields_list)
        editor = QWidget()
        editor_layout = QHBoxLayout(editor)
        editor_layout.addLayout(form, 3)
        editor_layout.addLayout(fields_box, 2)
        splitter = QSplitter()
        splitter.addWidget(self.template_list)
        splitter.addWidget(editor)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 1000])
        buttons = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.restore_button, self.delete_button, self.close_button):
            # Entrée inserts a field or types a line: it must never press a button of the dialog.
            button.setAutoDefault(False)
        for button in (self.new_button, self.save_button, self.restore_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.resize(1100, 680)

        self.template_list.currentRowChanged.connect(self._row_changed)
        self.fields_list.itemActivated.connect(self.insert_field)
        for edit in self.text_edits:
            edit.textChanged.connect(self._update_state)
        self.new_button.clicked.connect(self.new_template)
        self.save_button.clicked.connect(self.save)
        self.restore_button.clicked.connect(self.restore)
        self.delete_button.clicked.connect(self.delete)
        self.close_button.clicked.connect(self.reject)
        context = Qt.ShortcutContext.WindowShortcut
        shortcut(QKeySequence.StandardKey.Save, self, self.save_button.click, context)
        shortcut(QKeySequence.StandardKey.New, self, self.new_button.click, context)
        QApplication.instance().focusChanged.connect(self._focus_moved)
        self._fill(key)
        fit_to_screen(self)

    # -- the list
    def _fill(self, key: str = "") -> None:
        ok, templates = run_command(self, load_templates)
        self.template_list.blockSignals(True)
        self.template_list.clear()
        for template in templates if ok else []:
            item = QListWidgetItem(template.title + (" (modifié)" if template.edited else ""))
            item.setData(Qt.ItemDataRole.UserRole, template)
            self.template_list.addItem(item)
        self.template_list.blockSignals(False)
        keys = [self.template_list.item(row).data(Qt.ItemDataRole.UserRole).key for row in range(self.template_list.count())]
        self.template_list.setCurrentRow(keys.index(key) if key in keys else 0)

    def _row_changed(self, row: int) -> None:
        if self.loaded is not None and self.is_modified() and not form_dialog.ask_discard(self):
            self._reselect()
            return
        item = self.template_list.item(row)
        self._show(item.data(Qt.ItemDataRole.UserRole) if item else None)

    def _reselect(self) -> None:
        """Back on the template being edited, without asking again."""
        for row in range(self.template_list.count()):
            if self.template_list.item(row).data(Qt.ItemDataRole.UserRole).key == self.loaded.key:
                self.template_list.blockSignals(True)
                self.template_list.setCurrentRow(row)
                self.template_list.blockSignals(False)

    def _show(self, template: LetterTemplate | None) -> None:
        self.loaded = template
        shown = template or LetterTemplate("", "")
        for edit, text in zip(self.text_edits, (shown.title, shown.subject, shown.body, shown.annex_title, shown.annex)):
            edit.blockSignals(True)
            edit.setPlainText(text) if isinstance(edit, QPlainTextEdit) else edit.setText(text)
            edit.blockSignals(False)
        self._update_state()

    # -- editing
    def values(self) -> LetterTemplate:
        loaded = self.loaded or LetterTemplate("", "")
        texts = [edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text() for edit in self.text_edits]
        return replace(loaded, title=texts[0], subject=texts[1], body=texts[2], annex_title=texts[3], annex=texts[4])

    def is_modified(self) -> bool:
        return self.loaded is not None and self.values() != self.loaded

    def _update_state(self) -> None:
        errors = validate_template(self.values()) if self.loaded is not None else {}
        self.error_label.setText("\n".join(errors.values()))
        self.save_button.setEnabled(self.loaded is not None and not errors and (self.is_modified() or not self.loaded.key))
        self.restore_button.setEnabled(bool(self.loaded and self.loaded.edited))
        self.delete_button.setEnabled(bool(self.loaded and self.loaded.key and not self.loaded.shipped))
        for edit in self.text_edits:
            edit.setEnabled(self.loaded is not None)

    def insert_field(self, item: QListWidgetItem) -> None:
        edit = self.last_text_edit
        text = "{" + item.data(Qt.ItemDataRole.UserRole) + "}"
        edit.insertPlainText(text) if isinstance(edit, QPlainTextEdit) else edit.insert(text)
        edit.setFocus()

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new in self.text_edits:
            self.last_text_edit = new

    # -- buttons
    def new_template(self) -> None:
        if self.is_modified() and not form_dialog.ask_discard(self):
            return
        source = self.values()
        self.template_list.blockSignals(True)
        self.template_list.clearSelection()
        self.template_list.setCurrentRow(-1)
        self.template_list.blockSignals(False)
        self._show(LetterTemplate("", f"{NEW_TITLE} ({source.title})" if source.title else NEW_TITLE, source.subject, source.body,
                                  source.annex_title, source.annex))
        self.title_edit.setFocus()
        self.title_edit.selectAll()

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        ok, saved = run_command(self, save_template, self.values())
        if ok:
            self.loaded = saved
            self._fill(saved.key)

    def restore(self) -> None:
        if self.loaded is None or not self.loaded.edited:
            return
        if messages.ask(self, "Rétablir l'original", f"Remplacer le texte de « {self.loaded.title} » par celui fourni avec le programme ?"):
            ok, original = run_command(self, restore_template, self.loaded.key)
            if ok:
                self.loaded = original
                self._fill(original.key)

    def delete(self) -> None:
        if self.loaded is None or not self.loaded.key or self.loaded.shipped:
            return
        if messages.ask(self, "Supprimer le modèle", f"Supprimer le modèle « {self.loaded.title} » ?"):
            ok, _ = run_command(self, delete_template, self.loaded.key)
            if ok:
                self.loaded = None
                self._fill()

    def reject(self) -> None:
        if self.is_modified() and not form_dialog.ask_discard(self):
            return
        super().reject()
