"""« Courriers » on the Adhérents table (its button, the table's context menu and shortcuts):
letters from a template, e-mail drafts, the e-mail addresses copied, address labels and the
templates, for the rows selected. The dialogs and ReportLab load on first use."""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from coorace_desktop.domain.french import plural
from coorace_desktop.storage.database import Database
from coorace_desktop.ui.widgets import messages
from coorace_desktop.ui.widgets.errors import run_command

NOTHING_SELECTED = "Sélectionnez d'abord les structures dans le tableau (Ctrl+A : toutes celles affichées)."


class LettersMenu(QMenu):
    """The actions, each on the organisations `selected_ids()` gives, in the table's order."""

    def __init__(self, database: Database, selected_ids: Callable[[], list[int]], parent: QWidget) -> None:
        super().__init__("C&ourriers", parent)
        self.database, self.selected_ids, self.owner = database, selected_ids, parent
        self.letters_action = self._add("&Courriers à partir d'un modèle…", "Ctrl+Shift+L", lambda: self.write_letters(email=False))
        self.drafts_action = self._add("&Brouillons d'e-mails (.eml)…", "Ctrl+Shift+M", lambda: self.write_letters(email=True))
        self.copy_action = self._add("Copier les &adresses e-mail", "Ctrl+Shift+C", self.copy_addresses)
        self.labels_action = self._add("Étiquettes d'a&dresse…", "Ctrl+Shift+E", self.write_labels)
        self.addSeparator()
        self.templates_action = self._add("&Modèles de courrier…", "", self.edit_templates)

    def _add(self, text: str, keys: str, slot: Callable[[], object]) -> QAction:
        action = self.addAction(text)
        action.triggered.connect(slot)
        if keys:
            # Also pressed from anywhere in the tab, with the menu closed.
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.owner.addAction(action)
        return action

    def _chosen(self) -> list[int]:
        ids = self.selected_ids()
        if not ids:
            messages.inform(self.owner, "Courriers", NOTHING_SELECTED)
        return ids

    def write_letters(self, email: bool) -> None:
        ids = self._chosen()
        if ids:
            _dialogs().start_letters(self.owner, self.database, ids, email)

    def write_labels(self) -> None:
        ids = self._chosen()
        if ids:
            _dialogs().start_labels(self.owner, self.database, ids)

    def edit_templates(self) -> None:
        from coorace_desktop.ui.members.templates_dialog import TemplatesDialog

        dialog = TemplatesDialog(self.owner)
        dialog.exec()
        dialog.deleteLater()

    def copy_addresses(self) -> None:
        """The selection's e-mail addresses (one per organisation: its main contact's, else its
        own) on the clipboard, ready for a message's To or Bcc field."""
        from coorace_desktop.services.letters.email_drafts import address_list
        from coorace_desktop.services.letters.recipients import recipients

        ids = self._chosen()
        if not ids:
            return
        ok, found = run_command(self.owner, recipients, self.database, ids)
        if not ok:
            return
        addresses = address_list([recipient.email for recipient in found])
        without = [recipient.name for recipient in found if not recipient.email]
        if addresses:
            QGuiApplication.clipboard().setText(addresses)
        copied = len(addresses.split("; ")) if addresses else 0
        text = f"{plural(copied, 'adresse e-mail copiée', 'adresses e-mail copiées')} dans le presse-papiers : collez-les dans le champ Cci d'un message."
        if not copied:
            text = "Aucune adresse e-mail à copier : le presse-papiers n'a pas changé."
        if without:
            text += f"\n\n{plural(len(without), 'structure', 'structures')} sans adresse e-mail : {names_text(without)}."
        messages.inform(self.owner, "Copier les adresses e-mail", text)


def names_text(names: list[str], shown: int = 10) -> str:
    """'A, B, C' or 'A, B, … et 12 autres'."""
    if len(names) <= shown:
        return ", ".join(names)
    return ", ".join(names[:shown]) + f"… et {len(names) - shown} autres"


def _dialogs():
    from coorace_desktop.ui.members import letters_dialogs

    return letters_dialogs
