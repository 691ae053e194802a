"""The Cotisations page's dialogs: the year's scale, a payment (with the fee's payments), a
manual amount, and the preview of the scale."""

from dataclasses import replace
from operator import attrgetter

from PySide6.QtCore import Qt
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coorace_desktop.domain.enums import SIAE_TYPE_NAMES, FeeBasis, PaymentMethod, SiaeType
from coorace_desktop.domain.fee_rules import OverpaymentError, check_scale, payment_amount
from coorace_desktop.domain.french import number, plural
from coorace_desktop.domain.text import fold
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.services.fees.fee_list import FeeRow
from coorace_desktop.services.fees.payments import PaymentInput, delete_payment, payments_of, record_payment
from coorace_desktop.services.fees.scale import PreviewLine, ScaleInput, check_delays, save_scale, set_manual_amount
from coorace_desktop.services.listing import RowsInMemory
from coorace_desktop.storage.database import Database
from coorace_desktop.ui.widgets import messages
from coorace_desktop.ui.widgets.app_state import Area, announce, is_read_only
from coorace_desktop.ui.widgets.dates import date_edit
from coorace_desktop.ui.widgets.errors import run_command
from coorace_desktop.ui.widgets.form_dialog import FormDialog
from coorace_desktop.ui.widgets.formats import display, money, parse_number
from coorace_desktop.ui.widgets.table_model import Column
from coorace_desktop.ui.widgets.table_tab import DataTable

MAX_AMOUNT = 1_000_000


class EurosSpinBox(QSpinBox):
    """Whole euros typed as they are written, « 1 200 », « 1200 € », « 1 200,00 », shown
    « 1 200 € »: Qt's own box drops the space and the comma, reading « 1 200,00 » as 120 000."""

    def __init__(self, value: int = 0) -> None:
        super().__init__(maximum=MAX_AMOUNT, suffix=" €", singleStep=10)
        self.setValue(value)

    def _read(self, text: str) -> float | None:
        return parse_number(text.removesuffix(self.suffix()), integer=False)

    def validate(self, text: str, pos: int) -> QValidator.State:
        if any(not (char.isdigit() or char.isspace() or char in ",.€") for char in text):
            return QValidator.State.Invalid
        try:
            value = self._read(text)
        except ValueError:  # « 1 200, » on its way to « 1 200,00 »
            return QValidator.State.Intermediate
        if value is None:
            return QValidator.State.Intermediate
        if not value.is_integer() or value > self.maximum():  # no cents: the key is refused
            return QValidator.State.Invalid
        return QValidator.State.Acceptable

    def valueFromText(self, text: str) -> int:
        return int(self._read(text) or 0)

    def textFromValue(self, value: int) -> str:
        return number(value)


class ScaleDialog(FormDialog):
    """A year's scale: brackets of last year's figure and/or a fixed amount per agreement type,
    a minimum and a maximum, the due delay and the two reminders' delays and texts."""

    announces = frozenset({Area.MEMBERS})

    def __init__(self, database: Database, scale: ScaleInput, parent: QWidget | None = None) -> None:
        super().__init__(f"Barème des cotisations {scale.year}", parent)
        self.database, self.scale = database, scale
        if scale.copied_from:
            note = QLabel(f"Aucun barème enregistré pour {scale.year} : voici celui de {scale.copied_from}, à enregistrer.", wordWrap=True)
            self.body.insertWidget(0, note)
        self.basis_combo = QComboBox()
        for basis in FeeBasis:
            self.basis_combo.addItem(basis.label, basis)
        self.basis_combo.setCurrentIndex(self.basis_combo.findData(scale.basis))
        self.add_field("basis", f"Tranches selon le &chiffre {scale.year - 1}", self.basis_combo)
        self.brackets_table = QTableWidget(0, 2)
        self.brackets_table.setHorizontalHeaderLabels(["À partir de", "Montant (€)"])
        self.brackets_table.horizontalHeader().setStretchLastSection(True)
        self.brackets_table.setMinimumHeight(130)
        for bound, amount in scale.brackets:
            self._add_bracket(bound, amount)
        add, remove = QPushButton("&Ajouter une tranche"), QPushButton("Reti&rer la tranche")
        add.clicked.connect(lambda: self._add_bracket(None, None))
        remove.clicked.connect(lambda: self.brackets_table.removeRow(max(self.brackets_table.currentRow(), 0)))
        brackets = QWidget()
        brackets.setFocusProxy(self.brackets_table)
        column = QVBoxLayout(brackets)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.brackets_table)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        column.addLayout(row)
        self.add_field("brackets", "&Tranches", brackets)
        self.watch(self.brackets_table)
        self.brackets_table.itemChanged.connect(lambda _item: self.revalidate())
        self.brackets_table.model().rowsRemoved.connect(lambda *_: self.revalidate())
        types = QWidget()
        grid = QGridLayout(types)
        grid.setContentsMargins(0, 0, 0, 0)
        self.type_spins: dict[SiaeType, QSpinBox] = {}
        for n, siae_type in enumerate(SiaeType):
            spin = EurosSpinBox(scale.type_amounts.get(siae_type, 0))
            spin.setToolTip(SIAE_TYPE_NAMES[siae_type])
            spin.setAccessibleName(f"Montant fixe {siae_type.label}")
            grid.addWidget(QLabel(siae_type.label), n // 3, (n % 3) * 2)
            grid.addWidget(spin, n // 3, (n % 3) * 2 + 1)
            self.type_spins[siae_type] = spin
            self.watch(spin)
        types.setFocusProxy(next(iter(self.type_spins.values())))
        self.add_field("types", "Montant &fixe par conventionnement\n(le plus élevé des siens)", types)
        self.minimum_spin = self.add_field("minimum", "M&inimum", EurosSpinBox(scale.minimum))
        self.maximum_spin = self.add_field("maximum", "Ma&ximum (0 : aucun)", EurosSpinBox(scale.maximum or 0))
        self.due_spin = self.add_field("due_days", "Éc&héance (jours après l'appel)", QSpinBox(maximum=366, value=scale.due_days))
        self.reminder1_spin = self.add_field(
            "reminder1_days", "Relance &1 (jours après l'échéance)", QSpinBox(maximum=366, value=scale.reminder1_days))
        self.reminder1_edit = self.add_field("reminder1_text", "T&exte de la relance 1", self._text(scale.reminder1_text))
        self.reminder2_spin = self.add_field(
            "reminder2_days", "Relance &2 (jours après la relance 1)", QSpinBox(maximum=366, value=scale.reminder2_days))
        self.reminder2_edit = self.add_field("reminder2_text", "Texte &de la relance 2", self._text(scale.reminder2_text))
        self.resize(720, 700)

    @staticmethod
    def _text(value: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(value, tabChangesFocus=True)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4)
        return edit

    def _add_bracket(self, bound: float | None, amount: int | None) -> None:
        row = self.brackets_table.rowCount()
        self.brackets_table.insertRow(row)
        self.brackets_table.setItem(row, 0, QTableWidgetItem("" if bound is None else display(bound)))
        self.brackets_table.setItem(row, 1, QTableWidgetItem("" if amount is None else str(amount)))

    def _brackets(self) -> tuple[tuple[float, int], ...] | str:
        """The brackets typed, or the French message of the first one that does not read."""
        brackets = []
        for row in range(self.brackets_table.rowCount()):
            texts = [(self.brackets_table.item(row, column) or QTableWidgetItem()).text() for column in (0, 1)]
            if not any(text.strip() for text in texts):
                continue
            try:
                bound, amount = parse_number(texts[0], integer=False), parse_number(texts[1], integer=True)
            except ValueError as error:
                return f"Tranche {row + 1} : {error}"
            if bound is None or amount is None:
                return f"Tranche {row + 1} : donnez le seuil et le montant."
            brackets.append((bound, amount))
        return tuple(brackets)

    def values(self) -> ScaleInput:
        brackets = self._brackets()
        return replace(
            self.scale, basis=self.basis_combo.currentData(), minimum=self.minimum_spin.value(),
            maximum=self.maximum_spin.value() or None, type_amounts={t: s.value() for t, s in self.type_spins.items() if s.value()},
            brackets=brackets if isinstance(brackets, tuple) else ((-1.0, -1),),  # unreadable: validate() says why
            due_days=self.due_spin.value(), reminder1_days=self.reminder1_spin.value(), reminder2_days=self.reminder2_spin.value(),
            reminder1_text=self.reminder1_edit.toPlainText(), reminder2_text=self.reminder2_edit.toPlainText(),
        )

    def validate(self, draft: ScaleInput) -> dict[str, str]:
        brackets = self._brackets()
        if isinstance(brackets, str):
            return {"brackets": brackets}
        try:
            check_scale(draft.rules)
            check_delays(draft)
        except ValidationError as error:
            return {"": str(error)}
        return {}

    def save(self, draft: ScaleInput) -> None:
        save_scale(self.database, draft)


class PaymentDialog(FormDialog):
    """A payment of the fee `row`, above the list of its payments (one can be deleted)."""

    announces = frozenset({Area.MEMBERS})

    def __init__(self, database: Database, row: FeeRow, parent: QWidget | None = None) -> None:
        super().__init__(f"Paiement de la cotisation {row.year} – {row.name}", parent)
        self.database, self.row = database, row
        summary = QLabel(f"Appel {row.number_text} : {money(row.amount)} · reçu {money(row.received)} · reste dû {money(row.outstanding)}")
        summary.setTextFormat(Qt.TextFormat.PlainText)
        self.payments_list = QListWidget()
        self.payments_list.setMaximumHeight(110)
        self.delete_button = QPushButton("&Supprimer ce paiement…")
        self.delete_button.clicked.connect(self._delete_payment)
        payments_label = QLabel("Paiements &reçus :", buddy=self.payments_list)
        for position, widget in enumerate((summary, payments_label, self.payments_list, self.delete_button)):
            self.body.insertWidget(position, widget)  # above the form
        self._fill_payments()
        self.amount_edit = self.add_field("amount", "&Montant (€)", QLineEdit(str(row.outstanding) if row.outstanding else ""))
        self.date_edit = self.add_field("paid_on", "Reçu &le", date_edit())
        self.method_combo = QComboBox()
        for method in PaymentMethod:
            if method is not PaymentMethod.UNKNOWN:
                self.method_combo.addItem(method.label, method)
        self.add_field("method", "M&ode", self.method_combo)
        self.reference_edit = self.add_field("reference", "Ré&férence", QLineEdit(placeholderText="n° de chèque, libellé du virement…"))
        self.warnings: list[str] = []
        self.amount_edit.setFocus()
        self.amount_edit.selectAll()

    def _fill_payments(self) -> None:
        self.payments_list.clear()
        for payment in payments_of(self.database, self.row.fee_id):
            reference = f" – {payment.reference}" if payment.reference else ""
            item = QListWidgetItem(f"{display(payment.paid_on)} : {money(payment.amount)} ({payment.method.label.lower()}){reference}")
            item.setData(Qt.ItemDataRole.UserRole, payment.id)
            self.payments_list.addItem(item)
        self.delete_button.setEnabled(self.payments_list.count() > 0 and not is_read_only(self))

    def _delete_payment(self) -> None:
        item = self.payments_list.currentItem() or self.payments_list.item(0)
        if item is None or not messages.ask(self, "Supprimer le paiement", f"Supprimer le paiement « {item.text()} » ?"):
            return
        ok, _ = run_command(self, delete_payment, self.database, item.data(Qt.ItemDataRole.UserRole))
        if ok:
            announce(self, self.announces)
            self._fill_payments()

    def values(self) -> PaymentInput:
        return PaymentInput(self.amount_edit.text(), self.date_edit.date().toPython(), self.method_combo.currentData(),
                            self.reference_edit.text())

    def validate(self, draft: PaymentInput) -> dict[str, str]:
        try:
            payment_amount(draft.amount)
        except ValidationError as error:
            return {"amount": str(error)}
        return {}

    def save(self, draft: PaymentInput) -> list[str]:
        try:
            self.warnings = record_payment(self.database, self.row.fee_id, draft)
        except OverpaymentError as error:
            if not messages.ask(self, "Paiement supérieur au reste dû", f"{error}\n\nL'enregistrer quand même ?", warning=True):
                raise ValidationError("Paiement non enregistré : corrigez le montant, ou confirmez-le.") from None
            self.warnings = record_payment(self.database, self.row.fee_id, draft, confirmed=True)
        return self.warnings


class ManualAmountDialog(FormDialog):
    """An amount typed for one member and year in place of the scale's, with its reason."""

    announces = frozenset({Area.MEMBERS})

    def __init__(self, database: Database, row: FeeRow, parent: QWidget | None = None) -> None:
        super().__init__(f"Montant de la cotisation {row.year} – {row.name}", parent)
        self.database, self.row = database, row
        self.amount_spin = self.add_field("amount", "&Montant", EurosSpinBox(row.amount or 0))
        self.reason_edit = self.add_field("reason", "&Raison", QLineEdit(row.manual_reason, placeholderText="gardée avec la cotisation"))
        self.setMinimumWidth(460)

    def values(self) -> tuple[int, str]:
        return self.amount_spin.value(), self.reason_edit.text()

    def validate(self, draft: tuple[int, str]) -> dict[str, str]:
        return {} if draft[1].strip() else {"reason": "Donnez la raison du montant saisi à la main."}

    def save(self, draft: tuple[int, str]) -> None:
        set_manual_amount(self.database, self.row.id, self.row.year, *draft)


class PreviewDialog(QDialog):
    """Each member's amount by the scale and the figure it used; those lacking it named first."""

    def __init__(self, year: int, lines: list[PreviewLine], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Aperçu des cotisations {year}")
        missing = [line for line in lines if line.missing_figure]
        total = sum(line.amount or 0 for line in lines)
        text = f"{plural(len(lines), 'adhérent', 'adhérents')}, {money(total)} au total"
        if missing:
            text += (f" ; {plural(len(missing), 'adhérent', 'adhérents')} sans le chiffre {year - 1} du barème, "
                     "à saisir dans sa fiche ou à fixer à la main (il ne sera pas appelé) : " + ", ".join(line.name for line in missing))
        self.summary_label = QLabel(text, wordWrap=True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        # One line per member (10,000 on a large file): the shared lazy table, searched and sorted
        # in memory, the members lacking the figure first.
        listed = RowsInMemory(
            lambda: lines,
            {
                "amount": lambda line: (line.amount is not None, line.amount or 0), "name": lambda line: fold(line.name),
                "figure": lambda line: (line.figure is not None, line.figure or 0), "manual": lambda line: line.manual_reason,
            },
            lambda line: line.name,
            identity=attrgetter("organisation_id"),
        )
        self.table = DataTable(
            [
                Column("Adhérent", "name", attrgetter("name")),
                Column("Types", None, lambda line: "/".join(t.label for t in line.types)),
                Column(f"Chiffre {year - 1}", "figure", lambda line: display(line.figure) if line.figure is not None else "—", numeric=True),
                Column("Montant", "amount", lambda line: money(line.amount) if line.amount is not None else "sans chiffre", numeric=True),
                Column("Montant fixé à la main", "manual", attrgetter("manual_reason")),
            ],
            listed.count, listed.page, noun=("adhérent", "adhérents"), settings_key="fee_preview",
            search_placeholder="Rechercher un adhérent… (Ctrl+F)",
        )
        for button in (self.table.new_button, self.table.edit_button, self.table.delete_button):
            button.hide()
        self.table.set_column_widths((260, 90, 110, 110, 200), stretch=(4,))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 600)

