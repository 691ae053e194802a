"""The editors of what belongs to a year's report: rapport moral and signatory, the
delegation's resources by kind, a partner."""

from dataclasses import dataclass, field

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QPushButton, QSpinBox, QWidget

from coorace_desktop.domain.enums import ResourceKind
from coorace_desktop.domain.french import whole_euros
from coorace_desktop.domain.reporting_rules import (
    SHARE_TOLERANCE,
    PartnerInput,
    ReportTextInput,
    ResourceInput,
    partner_errors,
    report_text_errors,
    resource_errors,
)
from coorace_desktop.services.fees.fee_list import year_totals
from coorace_desktop.services.reporting.year_inputs import (
    PartnerRow,
    report_text,
    resource_inputs,
    save_partner,
    save_report_text,
    save_resources,
)
from coorace_desktop.storage.database import Database
from coorace_desktop.ui.widgets.app_state import Area
from coorace_desktop.ui.widgets.form_dialog import FormDialog
from coorace_desktop.ui.widgets.formats import display, parse_number

NO_YEAR = 1899  # the spin box's "—": no year


class ReportTextDialog(FormDialog):
    """The year's rapport moral, its signatory, and the context lines of *La délégation en bref*."""

    announces = frozenset({Area.REPORTING})

    def __init__(self, database: Database, year: int, parent: QWidget | None = None) -> None:
        super().__init__(f"Rapport moral {year}", parent)
        self.database = database
        self.year = year
        current = report_text(database, year)
        self.setMinimumWidth(720)
        self.moral_edit = self.add_field("moral_report", "Rapport moral", QPlainTextEdit(current.moral_report))
        self.moral_edit.setPlaceholderText("Le texte tel qu'il sera imprimé ; une ligne vide sépare les paragraphes.")
        self.moral_edit.setMinimumHeight(360)
        self.name_edit = self.add_field("signatory_name", "Signataire", QLineEdit(current.signatory_name))
        self.title_edit = self.add_field("signatory_title", "Qualité", QLineEdit(current.signatory_title))
        self.title_edit.setPlaceholderText("Présidente, Président…")
        self.context_edit = self.add_field("context", "Contexte de l'année", QPlainTextEdit(current.context))
        self.context_edit.setPlaceholderText("Une ligne par point (page « La délégation en bref »).")
        self.context_edit.setFixedHeight(90)

    def values(self) -> ReportTextInput:
        return ReportTextInput(
            self.year,
            self.moral_edit.toPlainText(),
            self.name_edit.text(),
            self.title_edit.text(),
            self.context_edit.toPlainText(),
        )

    def validate(self, draft: ReportTextInput) -> dict[str, str]:
        return report_text_errors(draft)

    def save(self, draft: ReportTextInput) -> None:
        save_report_text(self.database, draft)


@dataclass(frozen=True)
class ResourcesDraft:
    entries: list[ResourceInput]
    typing_errors: dict[str, str] = field(default_factory=dict)


class ResourcesDialog(FormDialog):
    """The delegation's resources of the year: an amount in euros, or only a share in percent."""

    announces = frozenset({Area.REPORTING})

    def __init__(self, database: Database, year: int, parent: QWidget | None = None) -> None:
        super().__init__(f"Ressources de la délégation en {year}", parent)
        self.database = database
        self.year = year
        self.setMinimumWidth(520)
        note = QLabel(
            "Indiquez les montants (les parts en sont calculées) ou, à défaut, les seules parts publiées. "
            "Un champ vide n'est pas imprimé.",
            wordWrap=True,
        )
        self.body.insertWidget(0, note)
        self.edits: dict[ResourceKind, tuple[QLineEdit, QLineEdit]] = {}
        for entry in resource_inputs(database, year):
            amount = self.add_field(f"{entry.kind}.amount", f"{entry.kind.label} : montant (€)", QLineEdit(display(entry.amount)))
            share = self.add_field(f"{entry.kind}.share_percent", f"{entry.kind.label} : part (%)", QLineEdit(display(entry.share_percent)))
            self.edits[entry.kind] = (amount, share)
        self.total_label = QLabel()
        self.form.addRow("Total des parts", self.total_label)
        # The fees' amount can come from the payments recorded for the year (Adhérents > Cotisations).
        received = year_totals(database, year).received
        self.fees_from_payments = None
        if received:
            self.fees_from_payments = QPushButton(f"Cotisations : reprendre les paiements enregistrés ({whole_euros(received)})")
            self.fees_from_payments.setToolTip(f"Le montant des cotisations devient la somme des paiements des cotisations {year}")
            self.fees_from_payments.clicked.connect(lambda: self._fees_from_payments(received))
            self.form.addRow("", self.fees_from_payments)

    def _fees_from_payments(self, received: int) -> None:
        self.edits[ResourceKind.FEES][0].setText(display(received))
        self.fees_from_payments.setText(f"Cotisations : montant repris des paiements enregistrés pour {self.year}")
        self.fees_from_payments.setEnabled(False)

    def values(self) -> ResourcesDraft:
        entries, errors = [], {}
        for kind, (amount_edit, share_edit) in self.edits.items():
            values = {}
            for key, edit, integer in (("amount", amount_edit, True), ("share_percent", share_edit, False)):
                try:
                    values[key] = parse_number(edit.text(), integer)
                except ValueError as error:
                    errors[f"{kind}.{key}"] = str(error)
                    values[key] = None
            entries.append(ResourceInput(kind, values["amount"], values["share_percent"]))
        return ResourcesDraft(entries, errors)

    def validate(self, draft: ResourcesDraft) -> dict[str, str]:
        shares = [entry.share_percent for entry in draft.entries if entry.share_percent is not None]
        total = sum(shares)
        self.total_label.setText(f"{display(total)} %" if shares else "—")
        errors = {**resource_errors(draft.entries), **draft.typing_errors}
        if "shares" in errors:
            errors[""] = errors.pop("shares")
        elif shares and abs(total - 100) > SHARE_TOLERANCE:
            self.total_label.setText(f"{display(total)} % (le rapport le signalera : 100 % attendus)")
        return errors

    def save(self, draft: ResourcesDraft) -> None:
        save_resources(self.database, self.year, draft.entries)


def year_spin(value: int | None) -> QSpinBox:
    """A year, or "—" for none."""
    spin = QSpinBox(minimum=NO_YEAR, maximum=2200)
    spin.setSpecialValueText("—")
    spin.setGroupSeparatorShown(False)
    spin.setValue(value or NO_YEAR)
    return spin


def spin_year(spin: QSpinBox) -> int | None:
    return None if spin.value() == NO_YEAR else spin.value()


class PartnerDialog(FormDialog):
    """Creates (row None) or edits a partner thanked in the reports of its years."""

    announces = frozenset({Area.REPORTING})

    def __init__(self, database: Database, row: PartnerRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Modifier le partenaire" if row else "Nouveau partenaire", parent)
        self.database = database
        self.partner_id = row.id if row else None
        self.setMinimumWidth(460)
        self.name_edit = self.add_field("name", "Nom", QLineEdit(row.name if row else ""))
        self.description_edit = self.add_field("description", "Précision", QLineEdit(row.description if row else ""))
        self.description_edit.setPlaceholderText("Partenariat RSE, convention pluriannuelle…")
        self.since_spin = self.add_field("since_year", "Depuis", year_spin(row.since_year if row else None))
        self.until_spin = self.add_field("until_year", "Jusqu'en", year_spin(row.until_year if row else None))
        self.form.addRow(QLabel("Un partenaire est remercié dans le rapport des années de cette période.", wordWrap=True))

    def values(self) -> PartnerInput:
        return PartnerInput(
            self.name_edit.text(), self.description_edit.text(), spin_year(self.since_spin), spin_year(self.until_spin)
        )

    def validate(self, draft: PartnerInput) -> dict[str, str]:
        return partner_errors(draft)

    def save(self, draft: PartnerInput) -> int:
        return save_partner(self.database, draft, self.partner_id)
