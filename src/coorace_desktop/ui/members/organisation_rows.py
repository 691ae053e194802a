"""The list editors of the organisation dialog: sites, contacts, membership periods.

Each entry is a small form whose fields are registered with the dialog as
"<list>.<n>.<field>", the keys validate_organisation() gives its messages under. Removing an
entry shifts the values of the following ones up and hides the last form instead of deleting
it, so every error label the dialog holds stays alive."""

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coorace_desktop.domain.departments import DEPARTMENTS, department_label, department_of_postcode
from coorace_desktop.domain.members import (
    ContactDraft,
    MembershipDraft,
    SiteDraft,
    membership_joined,
    shown_joined,
)
from coorace_desktop.domain.names import display_name
from coorace_desktop.services.members.organisations import get_person
from coorace_desktop.storage.database import Database
from coorace_desktop.ui.widgets.dates import OptionalDate
from coorace_desktop.ui.widgets.form_dialog import FormDialog
from coorace_desktop.ui.widgets.person_picker import PersonPicker


class EntryForm(QGroupBox):
    """One entry of a list: columns of labelled fields, and a Remove button."""

    remove_requested = Signal(object)

    def __init__(self, dialog: FormDialog, key: str) -> None:
        super().__init__()
        self.dialog = dialog
        self.key = key
        self.columns = QHBoxLayout()
        # autoDefault off: Enter anywhere in the dialog saves, it never adds or removes a line.
        self.remove_button = QPushButton("Retirer", autoDefault=False)
        self.remove_button.setToolTip("Retirer cette ligne (rien n'est enregistré avant « Enregistrer »)")
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        layout = QHBoxLayout(self)
        layout.addLayout(self.columns, 1)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)

    def column(self) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.columns.addLayout(form, 1)
        return form

    def field(self, name: str, label: str, widget: QWidget, form: QFormLayout) -> Any:
        return self.dialog.add_field(f"{self.key}.{name}", label, widget, form)

    def date_field(self, name: str, label: str, text: str, form: QFormLayout) -> OptionalDate:
        """An optional date; its changes revalidate the dialog like any field's."""
        widget = self.field(name, label, OptionalDate(text), form)
        self.dialog.watch(widget.check_box, f"{self.key}.{name}")
        self.dialog.watch(widget.date_edit, f"{self.key}.{name}")
        return widget

    # -- given by each kind of entry
    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def first_field(self) -> QWidget:
        raise NotImplementedError


class EntryList(QWidget):
    """Entries of one kind, with an Add button; values() gives the drafts in order."""

    changed = Signal()

    def __init__(
        self,
        dialog: FormDialog,
        prefix: str,
        make_form: Callable[[FormDialog, str], EntryForm],
        empty_value: Callable[["EntryList"], Any],
        add_text: str,
        none_text: str,
        title: Callable[[int], str] = lambda n: "",
    ) -> None:
        super().__init__()
        self.dialog = dialog
        self.prefix = prefix
        self._make_form = make_form
        self._empty_value = empty_value
        self._title = title
        self.forms: list[EntryForm] = []
        self.count = 0
        self.none_label = QLabel(none_text, styleSheet="color: #555;")
        self.add_button = QPushButton(add_text, autoDefault=False)
        self.add_button.clicked.connect(self.add)
        self.entries_layout = QVBoxLayout()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.none_label)
        layout.addLayout(self.entries_layout)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def values(self) -> tuple:
        return tuple(form.value() for form in self.forms[: self.count])

    def set_values(self, values: tuple) -> None:
        while len(self.forms) < len(values):
            form = self._make_form(self.dialog, f"{self.prefix}.{len(self.forms)}")
            form.remove_requested.connect(self.remove)
            self.entries_layout.addWidget(form)
            self.forms.append(form)
        for number, form in enumerate(self.forms):
            if number < len(values):
                form.set_value(values[number])
                form.setTitle(self._title(number))
            form.setVisible(number < len(values))
        self.count = len(values)
        self.none_label.setVisible(not values)
        self.changed.emit()
        self.dialog.revalidate()

    def add(self) -> None:
        self.set_values(self.values() + (self._empty_value(self),))
        self.forms[self.count - 1].first_field().setFocus()

    def remove(self, form: EntryForm) -> None:
        values = list(self.values())
        del values[self.forms.index(form)]
        self.set_values(tuple(values))
        (self.forms[min(self.forms.index(form), self.count - 1)].first_field() if self.count else self.add_button).setFocus()


class SiteForm(EntryForm):
    """Address, postcode, city, département (proposed from the postcode), phone, e-mail."""

    def __init__(self, dialog: FormDialog, key: str) -> None:
        super().__init__(dialog, key)
        self.site_id: int | None = None
        left, right = self.column(), self.column()
        self.address_edit = self.field("address", "Adresse", QLineEdit(), left)
        self.postcode_edit = self.field("postcode", "Code postal", QLineEdit(maxLength=6), left)
        self.city_edit = self.field("city", "Ville", QLineEdit(), left)
        self.department_combo = QComboBox()
        self.department_combo.addItem("", "")
        for code in DEPARTMENTS:
            self.department_combo.addItem(department_label(code), code)
        self.field("department", "Département", self.department_combo, right)
        self.phone_edit = self.field("phone", "Téléphone", QLineEdit(placeholderText="05 61 00 00 00"), right)
        self.email_edit = self.field("email", "E-mail", QLineEdit(), right)
        self.postcode_edit.textChanged.connect(self._propose_department)

    def _propose_department(self, postcode: str) -> None:
        department = department_of_postcode(postcode.strip().replace(" ", ""))
        if department:
            self.department_combo.setCurrentIndex(self.department_combo.findData(department))

    def value(self) -> SiteDraft:
        return SiteDraft(
            id=self.site_id,
            address=self.address_edit.text(),
            postcode=self.postcode_edit.text(),
            city=self.city_edit.text(),
            department=self.department_combo.currentData() or "",
            phone=self.phone_edit.text(),
            email=self.email_edit.text(),
        )

    def set_value(self, site: SiteDraft) -> None:
        self.site_id = site.id
        self.address_edit.setText(site.address)
        self.postcode_edit.setText(site.postcode)
        self.city_edit.setText(site.city)
        self.department_combo.setCurrentIndex(max(self.department_combo.findData(site.department), 0))
        self.phone_edit.setText(site.phone)
        self.email_edit.setText(site.email)

    def first_field(self) -> QWidget:
        return self.address_edit


class ContactForm(EntryForm):
    """A person (picked among those recorded, or new), their role, e-mail and phone."""

    def __init__(self, dialog: FormDialog, key: str, database: Database) -> None:
        super().__init__(dialog, key)
        self.database = database
        self.contact_id: int | None = None
        self._linked: ContactDraft | None = None
        left, right = self.column(), self.column()
        self.person_picker = self.field("last_name", "Personne", PersonPicker(database), left)
        dialog.watch(self.person_picker.name_edit, f"{key}.last_name")
        self.role_edit = self.field("role", "Fonction", QLineEdit(placeholderText="Directrice, président…"), left)
        self.email_edit = self.field("email", "E-mail", QLineEdit(), right)
        self.phone_edit = self.field("phone", "Téléphone", QLineEdit(), right)
        self.person_picker.changed.connect(self._person_changed)

    def _person_changed(self) -> None:
        person_id = self.person_picker.person_id
        if person_id is None or (self._linked and self._linked.person_id == person_id):
            return
        person = get_person(self.database, person_id)
        self._linked = ContactDraft(last_name=person.last_name, first_name=person.first_name, person_id=person.id)
        # The contact's details are the person's: show what is recorded, to keep or correct.
        self.email_edit.setText(person.email)
        self.phone_edit.setText(person.phone)

    def value(self) -> ContactDraft:
        details = dict(id=self.contact_id, role=self.role_edit.text(), email=self.email_edit.text(), phone=self.phone_edit.text())
        person_id = self.person_picker.person_id
        if person_id is not None and self._linked and self._linked.person_id == person_id:
            return ContactDraft(last_name=self._linked.last_name, first_name=self._linked.first_name, person_id=person_id, **details)
        ref = self.person_picker.person_ref()
        return ContactDraft(last_name=ref.last_name, first_name=ref.first_name, **details)

    def set_value(self, contact: ContactDraft) -> None:
        self.contact_id = contact.id
        self._linked = contact if contact.person_id is not None else None
        if contact.person_id is not None:
            self.person_picker.set_person(contact.person_id, display_name(contact.first_name, contact.last_name))
        else:
            self.person_picker.person_id = None
            self.person_picker.name_edit.setText(display_name(contact.first_name, contact.last_name))
        self.role_edit.setText(contact.role)
        self.email_edit.setText(contact.email)
        self.phone_edit.setText(contact.phone)

    def first_field(self) -> QWidget:
        return self.person_picker.name_edit


class MembershipForm(EntryForm):
    """A membership period: joined (a day, a month or a year, as much as is known; empty: unknown,
    a new period then starts the day it is saved), ended (unticked while it lasts), a note."""

    def __init__(self, dialog: FormDialog, key: str) -> None:
        super().__init__(dialog, key)
        self.membership_id: int | None = None
        dates, notes = self.column(), self.column()
        self.joined_edit = self.field("joined_on", "Adhésion", QLineEdit(placeholderText="inconnue"), dates)
        self.joined_edit.setMaximumWidth(self.joined_edit.fontMetrics().horizontalAdvance("1er septembre 2016") + 16)
        self.joined_edit.setToolTip(
            "Le jour (15/03/2016), le mois (03/2016) ou l'année seule (2016), selon ce qui est connu. "
            "Vide : date inconnue ; une nouvelle période commence alors le jour de son enregistrement, "
            "pour ne pas changer les rapports des années passées."
        )
        self.left_date = self.date_field("left_on", "Fin", "le", dates)
        self.notes_edit = self.field("notes", "Note", QLineEdit(), notes)

    def value(self) -> MembershipDraft:
        return MembershipDraft(
            id=self.membership_id, left_on=self.left_date.value(), notes=self.notes_edit.text(), **membership_joined(self.joined_edit.text())
        )

    def set_value(self, period: MembershipDraft) -> None:
        self.membership_id = period.id
        self.joined_edit.setText(shown_joined(period))
        self.left_date.set_value(period.left_on)
        self.notes_edit.setText(period.notes)

    def first_field(self) -> QWidget:
        return self.joined_edit


def new_site(_entries: EntryList) -> SiteDraft:
    return SiteDraft()


def new_contact(_entries: EntryList) -> ContactDraft:
    return ContactDraft()


def new_period(_entries: EntryList) -> MembershipDraft:
    return MembershipDraft(joined_on=date.today())
