"""The governance forms: a general assembly, the end of a mandate, a bureau office, a staff post."""

from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from coorace_desktop.domain.enums import OFFICE_TITLES, AssemblyKind, BureauRole, OfficeForm
from coorace_desktop.domain.governance_drafts import (
    AssemblyDraft,
    MandateEndDraft,
    OfficeDraft,
    StaffDraft,
    validate_assembly,
    validate_mandate_end,
    validate_office,
    validate_staff,
)
from coorace_desktop.services.governance.board import assign_office, end_mandate
from coorace_desktop.services.governance.composition import BoardSeat, StaffPost, delegation_profile
from coorace_desktop.services.governance.records import save_assembly, save_staff_post
from coorace_desktop.storage.database import Database
from coorace_desktop.ui.widgets.app_state import Area
from coorace_desktop.ui.widgets.dates import OptionalDate, date_edit
from coorace_desktop.ui.widgets.form_dialog import FormDialog
from coorace_desktop.ui.widgets.person_picker import PersonPicker

END_REASONS = ("Démission", "Fin de mandat", "Départ de l'adhérent représenté", "Changement de représentant")


def seat_sentence(seat: BoardSeat) -> str:
    return f"{seat.person_name}, représentant {seat.organisation_name}, administrateur·rice depuis le {seat.start_on:%d/%m/%Y}."


class AssemblyDialog(FormDialog):
    """Creates (draft None) or corrects a general assembly."""

    announces = frozenset({Area.GOVERNANCE})

    def __init__(self, database: Database, draft: AssemblyDraft | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Modifier l'assemblée générale" if draft else "Nouvelle assemblée générale", parent)
        self.setMinimumWidth(460)
        self.database = database
        self.assembly_id = draft.id if draft else None
        self.held_on_edit = self.add_field("held_on", "Date", date_edit(draft.held_on if draft else None))
        self.place_edit = self.add_field("place", "Lieu", QLineEdit(draft.place if draft else ""))
        self.kind_combo = QComboBox()
        for kind in AssemblyKind:
            self.kind_combo.addItem(kind.label, kind)
        if draft:
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(draft.kind))
        self.add_field("kind", "Nature", self.kind_combo)
        self.notes_edit = self.add_field("notes", "Notes", QPlainTextEdit(draft.notes if draft else ""))
        self.notes_edit.setFixedHeight(90)

    def values(self) -> AssemblyDraft:
        return AssemblyDraft(
            self.held_on_edit.date().toPython(),
            self.place_edit.text(),
            self.kind_combo.currentData(),
            self.notes_edit.toPlainText(),
            self.assembly_id,
        )

    def validate(self, draft: AssemblyDraft) -> dict[str, str]:
        return validate_assembly(draft)

    def save(self, draft: AssemblyDraft) -> int:
        return save_assembly(self.database, draft)


class EndMandateDialog(FormDialog):
    """Ends a board mandate at a date (a resignation); its offices and national seat end with it."""

    announces = frozenset({Area.GOVERNANCE})

    def __init__(self, database: Database, seat: BoardSeat, on: date, parent: QWidget | None = None) -> None:
        super().__init__("Fin de mandat", parent)
        self.setMinimumWidth(460)
        self.database = database
        self.seat = seat
        self.seat_label = QLabel(seat_sentence(seat), wordWrap=True)
        self.form.addRow(self.seat_label)
        self.end_edit = self.add_field("end_on", "Fin du mandat le", date_edit(on))
        self.reason_combo = QComboBox(editable=True)
        self.reason_combo.addItems(END_REASONS)
        self.add_field("reason", "Motif", self.reason_combo)
        note = QLabel(
            "À cette date, ses fonctions au bureau et sa représentation nationale prennent fin aussi. "
            "Le mandat reste dans l'historique du conseil.",
            wordWrap=True,
        )
        self.form.addRow(note)

    def values(self) -> MandateEndDraft:
        return MandateEndDraft(self.seat.mandate_id, self.seat.start_on, self.end_edit.date().toPython(), self.reason_combo.currentText())

    def validate(self, draft: MandateEndDraft) -> dict[str, str]:
        return validate_mandate_end(draft)

    def save(self, draft: MandateEndDraft) -> None:
        end_mandate(self.database, draft)


class OfficeDialog(FormDialog):
    """Gives a board member an office of the bureau from a date."""

    announces = frozenset({Area.GOVERNANCE})

    def __init__(self, database: Database, seat: BoardSeat, on: date, parent: QWidget | None = None) -> None:
        super().__init__("Fonction au bureau", parent)
        self.setMinimumWidth(460)
        self.database = database
        self.seat = seat
        self.form.addRow(QLabel(seat_sentence(seat), wordWrap=True))
        # The title in the holder's form is chosen with the office: « Président » or « Présidente ».
        self.role_combo = QComboBox()
        for role in BureauRole:
            masculine, feminine = OFFICE_TITLES[role]
            forms = ((masculine, OfficeForm.MASCULINE), (feminine, OfficeForm.FEMININE)) if masculine != feminine else ((masculine, None),)
            for title, form in forms:
                self.role_combo.addItem(title, (role, form))
        self.add_field("role", "Fonction", self.role_combo)
        # A first office usually starts with the mandate, at the AG: the page's date would leave a gap.
        start = seat.start_on if not seat.offices else max(on, seat.start_on)
        self.start_edit = self.add_field("start_on", "À partir du", date_edit(start))
        self.form.addRow(QLabel(
            "Une personne n'occupe qu'une fonction à la fois, et chaque fonction n'a qu'un titulaire à la fois, "
            "sauf « Membre » que plusieurs administrateurs peuvent occuper.",
            wordWrap=True,
        ))

    def values(self) -> OfficeDraft:
        role, form = self.role_combo.currentData()
        return OfficeDraft(self.seat.mandate_id, role, self.start_edit.date().toPython(), form=form)

    def validate(self, draft: OfficeDraft) -> dict[str, str]:
        return validate_office(draft)

    def save(self, draft: OfficeDraft) -> int:
        return assign_office(self.database, draft)


class StaffDialog(FormDialog):
    """Creates (post None) or corrects a post of the delegation's team."""

    announces = frozenset({Area.GOVERNANCE})

    def __init__(self, database: Database, post: StaffPost | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Modifier le poste" if post else "Nouveau poste", parent)
        self.setMinimumWidth(560)
        self.database = database
        self.post_id = post.id if post else None
        self.person_picker = self.add_field("person", "Personne", PersonPicker(database))
        self.watch(self.person_picker.name_edit, "person")
        self.job_edit = self.add_field("job_title", "Poste", QLineEdit(post.job_title if post else ""))
        self.site_combo = QComboBox()
        self.site_combo.addItem("(non précisé)", None)
        for site in delegation_profile(database).sites:
            self.site_combo.addItem(site.name, site.id)
        if post:
            self.site_combo.setCurrentIndex(max(0, self.site_combo.findData(post.site_id)))
        self.add_field("site", "Site", self.site_combo)
        self.start_date = self.add_field("start_on", "Début", OptionalDate("connu :", post.start_on if post else None))
        self.end_date = self.add_field("end_on", "Fin", OptionalDate("connue :", post.end_on if post else None))
        for key, optional in (("start_on", self.start_date), ("end_on", self.end_date)):
            self.watch(optional.check_box, key)
            self.watch(optional.date_edit, key)
        if post:
            self.person_picker.set_person(post.person_id, post.person_name)
        self.person_picker.changed.connect(self.revalidate)

    def values(self) -> StaffDraft:
        return StaffDraft(
            self.person_picker.person_ref(),
            self.job_edit.text(),
            self.site_combo.currentData(),
            self.start_date.value(),
            self.end_date.value(),
            self.post_id,
        )

    def validate(self, draft: StaffDraft) -> dict[str, str]:
        return validate_staff(draft)

    def save(self, draft: StaffDraft) -> int:
        return save_staff_post(self.database, draft)
