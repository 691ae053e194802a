"""The organisation dialog: everything an adhérent holds, on five pages, saved in one go.

Errors show next to their fields and mark their page; OK stays disabled until the whole form
is valid; creating (or renaming to) a name or e-mail that matches another organisation asks
first."""

from dataclasses import replace

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coorace_desktop.domain.concurrency import StaleRecordError
from coorace_desktop.domain.enums import SIAE_TYPE_NAMES, SiaeType
from coorace_desktop.domain.members import ORGANISATION_FIELDS, OrganisationDraft, validate_organisation
from coorace_desktop.domain.text import fold
from coorace_desktop.services.members.organisations import (
    PossibleDuplicate,
    find_possible_duplicates,
    save_organisation,
)
from coorace_desktop.storage.database import Database
from coorace_desktop.ui.members.figures_editor import FiguresEditor
from coorace_desktop.ui.members.organisation_rows import (
    ContactForm,
    EntryList,
    MembershipForm,
    SiteForm,
    new_contact,
    new_period,
    new_site,
)
from coorace_desktop.ui.widgets import messages
from coorace_desktop.ui.widgets.app_state import Area
from coorace_desktop.ui.widgets.form_dialog import FormDialog
from coorace_desktop.ui.widgets.shortcuts import give_shortcut

# What a page's first field can be (not its Add / Remove buttons).
FIELD_KINDS = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QCheckBox)

# Page titles, and the field keys whose errors each page holds ("" is the figures' general line).
PAGES = (
    ("&Identité", (*(field.name for field in ORGANISATION_FIELDS), "types")),
    ("&Sites", ("sites.",)),
    ("&Contacts", ("contacts.",)),
    ("A&dhésion", ("memberships.",)),
    ("C&hiffres de l'observatoire", ("figures.", "")),
)
ERROR_MARK = " ⚠"


def _scrolling(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    return area


class OrganisationDialog(FormDialog):
    """Create (draft None) or edit an organisation; result_value is its id once saved."""

    announces = frozenset({Area.MEMBERS})

    def __init__(self, database: Database, draft: OrganisationDraft | None = None, parent: QWidget | None = None) -> None:
        self.original = draft or OrganisationDraft()
        super().__init__("Nouvel adhérent" if self.original.id is None else f"Adhérent : {self.original.name}", parent)
        self.database = database
        self._input_errors: dict[str, str] = {}
        self._ready = False  # the editors revalidate as they are built; wait until all exist
        self.pages = QTabWidget()
        self.body.addWidget(self.pages, 1)
        self.pages.addTab(self._identity_page(), PAGES[0][0])
        self.sites = EntryList(self, "sites", SiteForm, new_site, "Ajouter un site", "Aucun site.",
                               title=lambda n: "Site principal" if n == 0 else f"Site {n + 1}")
        self.pages.addTab(_scrolling(self.sites), PAGES[1][0])
        self.contacts = EntryList(self, "contacts", lambda dialog, key: ContactForm(dialog, key, database), new_contact,
                                  "Ajouter un contact", "Aucun contact.", title=lambda n: f"Contact {n + 1}")
        self.pages.addTab(_scrolling(self.contacts), PAGES[2][0])
        self.memberships = EntryList(self, "memberships", MembershipForm, new_period, "Ajouter une période d'adhésion",
                                     "Aucune période d'adhésion : la structure n'est pas adhérente.")
        self.pages.addTab(_scrolling(self._membership_page()), PAGES[3][0])
        self.figures_editor = FiguresEditor(self)
        self.pages.addTab(_scrolling(self.figures_editor), PAGES[4][0])
        for entries, keys in ((self.sites, "Ctrl+Shift+S"), (self.contacts, "Ctrl+Shift+C"), (self.memberships, "Ctrl+Shift+P"),
                              (self.figures_editor, "Ctrl+Shift+A")):
            give_shortcut(entries.add_button, keys, self)
        self._ready = True
        self.pages.currentChanged.connect(self._focus_first_field)
        self._load(self.original)
        self.resize(940, 660)
        self.name_edit.setFocus()

    def _focus_first_field(self, index: int) -> None:
        """A page opened with Alt+letter starts in its top-left field, not on its buttons."""
        page = self.pages.widget(index)
        fields = [
            widget for widget in page.findChildren(QWidget)
            if isinstance(widget, FIELD_KINDS) and widget.isVisibleTo(page) and widget.isEnabled()
        ]
        if fields:
            min(fields, key=lambda widget: (widget.mapTo(page, QPoint()).y(), widget.mapTo(page, QPoint()).x())).setFocus()

    def _identity_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addStretch(1)
        # The declared fields, the agreement types right after the name.
        self.field_edits: dict[str, QLineEdit | QPlainTextEdit] = {}
        for field in ORGANISATION_FIELDS:
            edit = QPlainTextEdit(tabChangesFocus=True) if field.multiline else QLineEdit(placeholderText=field.placeholder)
            if field.multiline:
                edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 6)
            self.field_edits[field.name] = self.add_field(field.name, field.label, edit, form)
            if field.name == "name":
                self._add_types_row(form)
        self.name_edit = self.field_edits["name"]
        return page

    def _add_types_row(self, form: QFormLayout) -> None:
        types_row = QWidget()
        types_layout = QHBoxLayout(types_row)
        types_layout.setContentsMargins(0, 0, 0, 0)
        self.type_boxes: dict[SiaeType, QCheckBox] = {}
        for siae_type in SiaeType:
            box = QCheckBox(siae_type.label, toolTip=SIAE_TYPE_NAMES[siae_type])
            self.type_boxes[siae_type] = box
            types_layout.addWidget(box)
        types_layout.addStretch(1)
        self.add_field("types", "Conventionnements", types_row, form)

    def _membership_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        group = QGroupBox("Périodes d'adhésion")
        QVBoxLayout(group).addWidget(self.memberships)
        layout.addWidget(group)
        # The fees have their own page (calls, payments, reminders): one place to keep them.
        layout.addWidget(QLabel("Les cotisations (appels, paiements, relances) se suivent dans Adhérents > Cotisations."))
        layout.addStretch(1)
        return page

    def _load(self, draft: OrganisationDraft) -> None:
        for name, edit in self.field_edits.items():
            if isinstance(edit, QPlainTextEdit):
                edit.setPlainText(getattr(draft, name))
            else:
                edit.setText(getattr(draft, name))
        for siae_type, box in self.type_boxes.items():
            box.setChecked(siae_type in draft.types)
        self.sites.set_values(draft.sites or ((new_site(self.sites),) if draft.id is None else ()))
        self.contacts.set_values(draft.contacts)
        self.memberships.set_values(draft.memberships)
        self.figures_editor.set_values(draft.figures)

    # -- FormDialog
    def values(self) -> OrganisationDraft:
        figures, self._input_errors = self.figures_editor.values()
        return OrganisationDraft(
            id=self.original.id,
            **{name: edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text() for name, edit in self.field_edits.items()},
            types=frozenset(siae_type for siae_type, box in self.type_boxes.items() if box.isChecked()),
            sites=self.sites.values(),
            contacts=self.contacts.values(),
            memberships=self.memberships.values(),
            figures=figures,
            version=self.original.version,
        )

    def validate(self, draft: OrganisationDraft) -> dict[str, str]:
        errors = validate_organisation(draft) | self._input_errors
        return self.figures_editor.place_errors(errors, draft.figures)

    def save(self, draft: OrganisationDraft) -> int:
        try:
            return save_organisation(self.database, draft, self.original)
        except StaleRecordError as error:
            # Saved by someone else meanwhile: the message says what changed and the draft stays;
            # a second Enregistrer knowingly replaces their version.
            self.original = error.current
            raise

    def is_modified(self) -> bool:
        # A row added and left empty (« Ajouter un site », then nothing typed) is nothing typed.
        return self._pristine is not None and _typed(self.values()) != _typed(self._pristine)

    def revalidate(self) -> dict[str, str]:
        if not self._ready:
            return {}
        errors = super().revalidate()
        for index, (title, prefixes) in enumerate(PAGES):
            # A page is marked once one of its errors shows: a new form opens without warnings.
            marked = any(_on_page(key, prefixes) and self.is_shown(key) for key in errors)
            self.pages.setTabText(index, title + (ERROR_MARK if marked else ""))
        return errors

    def accept(self) -> None:
        draft = self.values()
        errors = self.validate(draft)
        if errors:
            self.pages.setCurrentIndex(next(i for i, (_, prefixes) in enumerate(PAGES) if any(_on_page(k, prefixes) for k in errors)))
        elif self._renamed(draft):
            duplicates = find_possible_duplicates(self.database, draft.name, [site.email for site in draft.sites], draft.id)
            if duplicates and not self.confirm_duplicates(duplicates):
                return
        super().accept()

    def _renamed(self, draft: OrganisationDraft) -> bool:
        return draft.id is None or fold(draft.name) != fold(self.original.name)

    def confirm_duplicates(self, duplicates: list[PossibleDuplicate]) -> bool:
        """Ask whether to save although similar organisations exist; True to save."""
        lines = "\n".join(f"• {duplicate.name} ({duplicate.reason})" for duplicate in duplicates)
        return messages.ask(
            self, "Doublon possible", f"Un adhérent semblable existe déjà :\n{lines}\n\nEnregistrer quand même cette nouvelle fiche ?"
        )


def _typed(draft: OrganisationDraft) -> OrganisationDraft:
    """The draft without the rows that hold only what « Ajouter … » puts in a new one."""
    def kept(rows: tuple, empty) -> tuple:
        return tuple(row for row in rows if row != empty)

    return replace(draft, sites=kept(draft.sites, new_site(None)), contacts=kept(draft.contacts, new_contact(None)),
                   memberships=kept(draft.memberships, new_period(None)))


def _on_page(key: str, prefixes: tuple[str, ...]) -> bool:
    return any(key == prefix or (prefix.endswith(".") and key.startswith(prefix)) for prefix in prefixes)
