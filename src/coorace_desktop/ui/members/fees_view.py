"""Adhérents > Cotisations: the year's fees, one line per organisation, with the totals called,
received and outstanding of what is shown; the scale and its preview, calls, payments,
reminders, and the letters (calls, reminders, receipts) in the background."""

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QLabel, QMenu, QPushButton, QToolButton, QVBoxLayout, QWidget

from coorace_desktop.domain.enums import FeeLetterKind, SiaeType
from coorace_desktop.domain.french import plural
from coorace_desktop.services.exporting.spreadsheet import ExportColumn
from coorace_desktop.services.fees.fee_list import (
    FEE_STATUS_ORDER,
    OWED,
    STATUS,
    TYPE,
    YEAR,
    FeeRow,
    count_fees,
    fee_totals,
    fee_years,
    list_fees,
)
from coorace_desktop.storage.database import Database
from coorace_desktop.ui.widgets import messages
from coorace_desktop.ui.widgets.app_state import Area, announce
from coorace_desktop.ui.widgets.errors import run_command
from coorace_desktop.ui.widgets.formats import money
from coorace_desktop.ui.widgets.table_model import Column
from coorace_desktop.ui.widgets.table_tab import DataTable, refill_combo
from coorace_desktop.ui.widgets.worker import run_in_background

COLUMNS = [
    Column("N° d'appel", "number", lambda row: row.number_text),
    Column("Adhérent", "name", lambda row: row.name + (" (parti)" if row.left else "")),
    Column("Types", None, lambda row: row.types_text),
    Column("Montant", "amount", lambda row: row.amount, numeric=True, format=money),
    Column("Reçu", "received", lambda row: row.received, numeric=True, format=money),
    Column("Reste dû", "outstanding", lambda row: row.outstanding, numeric=True, format=money),
    Column("Statut", "status", lambda row: row.status_text),
    Column("Dernier paiement", "last_paid_on", lambda row: row.last_paid_on),
    Column("Échéance", None, lambda row: row.due_on),
]
EXPORT_COLUMNS = (
    ExportColumn("N° d'appel", lambda r: r.number_text), ExportColumn("Adhérent", lambda r: r.name),
    ExportColumn("Types", lambda r: r.types_text), ExportColumn("Montant", lambda r: r.amount),
    ExportColumn("Reçu", lambda r: r.received), ExportColumn("Reste dû", lambda r: r.outstanding),
    ExportColumn("Statut", lambda r: r.status_text), ExportColumn("Dernier paiement", lambda r: r.last_paid_on),
    ExportColumn("Échéance", lambda r: r.due_on), ExportColumn("Montant fixé à la main", lambda r: r.manual_reason),
)
WIDTHS = (90, 280, 80, 80, 80, 80, 215, 120, 100)  # the status: « Payée partiellement (relance 1) » in full


class FeesView(QWidget):
    """The Cotisations page of the Adhérents tab."""

    changed = Signal()

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.job = None
        self.table = DataTable(
            COLUMNS, lambda query: count_fees(database, query), lambda query, offset, limit: list_fees(database, query, offset, limit),
            noun=("cotisation", "cotisations"), search_placeholder="Rechercher un adhérent… (Ctrl+F)", settings_key="fees",
            export_columns=EXPORT_COLUMNS,
            empty_text="Aucun adhérent cette année : choisissez une autre année.",
        )
        self.table.set_column_widths(WIDTHS, stretch=(1,))
        self.year_combo = self.table.add_filter(YEAR, "Année", _year_choices(database))
        self.table.model.set_filter(YEAR, self.year_combo.currentData())
        self.status_combo = self.table.add_filter(
            STATUS, "Statut", [("Tous les statuts", None), ("Restant dû (appelée, relancée, partielle)", OWED)]
            + [(s.label, s.value) for s in FEE_STATUS_ORDER]
        )
        self.table.add_filter(TYPE, "Conventionnement", [("Tous les types", None)] + [(t.label, t.value) for t in SiaeType])
        # New is « Appeler… », Edit a payment, Delete the call made by mistake.
        self.table.new_button.setText("Appe&ler…")  # Alt+A is the Aide menu
        self.table.new_button.setToolTip("Appeler les cotisations des adhérents sélectionnés, ou de tous ceux non encore appelés (Ctrl+N)")
        self.table.edit_button.setText("&Paiement…")
        self.table.delete_button.setText("&Supprimer l'appel")
        self.table.set_delete(self._delete_question, lambda row: _calls().delete_call(database, row.fee_id), announces=Area.MEMBERS)
        self.table.new_requested.connect(self.call_fees)
        self.table.edit_requested.connect(self.record_payment)
        self.scale_button = QPushButton("&Barème…")
        self.scale_button.clicked.connect(self.edit_scale)
        self.preview_button = QPushButton("Aperç&u…")
        self.preview_button.clicked.connect(self.show_preview)
        self.amount_button = QPushButton("&Montant…")
        self.amount_button.setToolTip("Fixer à la main le montant d'un adhérent, avec sa raison")
        self.amount_button.clicked.connect(self.set_amount)
        self.cancel_button = QPushButton("A&nnuler l'appel")
        self.cancel_button.clicked.connect(self.cancel_call)
        self.reminders_button = QPushButton("&Relances…")
        self.reminders_button.clicked.connect(self.run_reminders)
        self.letters_button = QToolButton(text="&Courriers", popupMode=QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.letters_button)
        for kind in FeeLetterKind:
            menu.addAction(f"{kind.label}…", lambda kind=kind: self.print_letters(kind))
        menu.addSeparator()
        self.per_file_action = QAction("Un PDF par adhérent, dans un dossier", menu, checkable=True)
        menu.addAction(self.per_file_action)
        self.letters_button.setMenu(menu)
        for button, writes in ((self.scale_button, True), (self.preview_button, False), (self.amount_button, True),
                               (self.cancel_button, True), (self.reminders_button, True), (self.letters_button, False)):
            self.table.add_button(button, writes=writes)
        self.totals_label = QLabel()
        self.totals_label.setAccessibleName("Totaux")
        self.table.count_label.hide()  # the totals count the lines
        # On a line of its own under the table: beside the page's ten buttons it would widen the window past 1024 pixels.
        self.table.layout().insertWidget(2, self.totals_label, 0, Qt.AlignmentFlag.AlignRight)
        self.table.model.modelReset.connect(self.update_totals)
        self.table.changed.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self.update_totals()

    # -- reading
    @property
    def year(self) -> int:
        return int(self.year_combo.currentData())

    def update_totals(self) -> None:
        totals = fee_totals(self.database, self.table.model.query)
        self.totals = totals
        self.totals_label.setText(
            f"{plural(self.table.model.rowCount(), 'ligne', 'lignes')} · appelé {money(totals.called)} · "
            f"reçu {money(totals.received)} · restant dû {money(totals.outstanding)}"
        )

    def refresh(self) -> None:
        refill_combo(self.year_combo, _year_choices(self.database))
        self.table.reload()

    def selected_rows(self) -> list[FeeRow]:
        return [self.table.model.row_at(index.row()) for index in self.table.view.selectionModel().selectedRows()]

    def _done(self, select_id: int | None = None) -> None:
        self.table.reload(select_id)
        announce(self, frozenset({Area.MEMBERS}))

    # -- the scale
    def edit_scale(self) -> None:
        from coorace_desktop.services.fees.scale import get_scale
        from coorace_desktop.ui.members.fee_dialogs import ScaleDialog

        dialog = ScaleDialog(self.database, get_scale(self.database, self.year), self)
        if dialog.exec():
            self.table.reload()
        dialog.deleteLater()

    def show_preview(self) -> None:
        from coorace_desktop.services.fees.scale import preview
        from coorace_desktop.ui.members.fee_dialogs import PreviewDialog

        ok, lines = run_command(self, preview, self.database, self.year)
        if ok:
            dialog = PreviewDialog(self.year, lines, self)
            dialog.exec()
            dialog.deleteLater()

    def set_amount(self) -> None:
        from coorace_desktop.ui.members.fee_dialogs import ManualAmountDialog

        row = self.table.current_row()
        if row is not None:
            dialog = ManualAmountDialog(self.database, row, self)
            if dialog.exec():
                self.table.reload(row.id)
            dialog.deleteLater()

    # -- calls
    def call_fees(self) -> None:
        rows = self.selected_rows()
        wanted = {row.id for row in rows if row.number is None} if len(rows) > 1 else None
        whom = plural(len(wanted), "adhérent sélectionné", "adhérents sélectionnés") if wanted else "tous les adhérents non encore appelés"
        if wanted is not None and not wanted:
            messages.inform(self, "Appeler", "Les adhérents sélectionnés sont déjà appelés.")
            return
        if not messages.ask(self, "Appeler les cotisations", f"Appeler les cotisations {self.year} de {whom} ? Chaque appel reçoit son numéro."):
            return
        year = self.year
        self.job = run_in_background(
            self, f"Appels de cotisation {year}…",
            lambda progress: _calls().generate_calls(self.database, year, wanted, progress=progress),
            self._called, on_cancel=self._called_cancelled, announces=frozenset({Area.MEMBERS}),
        )

    def _called(self, outcome) -> None:
        self.job = None
        self.table.reload()
        messages.inform(self, "Appels de cotisation", outcome.summary())
        if outcome.called and messages.ask(self, "Appels de cotisation", f"Imprimer les courriers de ces {plural(len(outcome.called), 'appel', 'appels')} ?"):
            self.print_letters(FeeLetterKind.CALL, list(outcome.organisation_ids))

    def _called_cancelled(self) -> None:
        # The batches done before Annuler are called and numbered; nothing of the rest is.
        self.job = None
        self._done()
        messages.inform(self, "Appels de cotisation", "Génération annulée : les appels déjà faits gardent leur numéro, les autres ne sont pas appelés.")

    def cancel_call(self) -> None:
        row = self.table.current_row()
        if row is None or row.fee_id is None or row.number is None:
            return
        if messages.ask(self, "Annuler l'appel", f"Annuler l'appel {row.number_text} de {row.name} ? Il garde son numéro.", warning=True):
            ok, _ = run_command(self, _calls().cancel_call, self.database, row.fee_id)
            if ok:
                self._done(row.id)

    def _delete_question(self, row: FeeRow) -> str:
        from coorace_desktop.domain.validation import ValidationError

        if row.fee_id is None:
            raise ValidationError(f"{row.name} n'a pas de cotisation {row.year} à supprimer.")
        what = f"l'appel {row.number_text}" if row.number else "le montant fixé à la main"
        return f"Supprimer {what} de {row.name} ({money(row.amount)}) ?"

    # -- payments
    def record_payment(self, row: FeeRow) -> None:
        from coorace_desktop.ui.members.fee_dialogs import PaymentDialog

        if row.number is None:
            messages.inform(self, "Paiement", f"La cotisation {row.year} de {row.name} n'est pas appelée : appelez-la d'abord.")
            return
        dialog = PaymentDialog(self.database, row, self)
        if dialog.exec():
            self.table.reload(row.id)
            for warning in dialog.warnings:
                messages.inform(self, "Paiement enregistré", warning)
        else:
            self.table.reload(row.id)  # a payment deleted in the dialog
        dialog.deleteLater()

    # -- reminders
    def run_reminders(self) -> None:
        from coorace_desktop.services.fees.reminders import due_reminders, record_reminders

        ok, due = run_command(self, due_reminders, self.database, self.year)
        if not ok:
            return
        if not due:
            messages.inform(self, "Relances", f"Aucune relance à faire aujourd'hui pour les cotisations {self.year}.")
            return
        levels = ", ".join(plural(sum(r.level == level for r in due), f"de niveau {level}", f"de niveau {level}")
                           for level in (1, 2) if any(r.level == level for r in due))
        names = ", ".join(f"{r.fee.name} ({money(r.balance)})" for r in due[:8]) + (" …" if len(due) > 8 else "")
        if not messages.ask(self, "Relances", f"{plural(len(due), 'relance', 'relances')} à faire aujourd'hui ({levels}) : {names}. Les enregistrer ?"):
            return
        ok, _ = run_command(self, record_reminders, self.database, due)
        if ok:
            self._done()
            if messages.ask(self, "Relances", "Imprimer les courriers de relance ?"):
                self.print_letters(FeeLetterKind.REMINDER, [r.fee.id for r in due])

    # -- letters
    def print_letters(self, kind: FeeLetterKind, organisation_ids: list[int] | None = None) -> None:
        """The letters of `kind` for `organisation_ids`, else the selection (else every line shown)."""
        from coorace_desktop.report.fee_letters import describe, write_fee_letters  # ReportLab: when printing only

        if organisation_ids is None:
            selected = self.selected_rows()
            organisation_ids = [row.id for row in selected] if selected else [
                row.id for row in list_fees(self.database, self.table.model.query)]
        title = kind.label
        target = self._letters_target(f"{title} {self.year}")
        if target is None:
            return
        year, per_file = self.year, self.per_file_action.isChecked()
        self.job = run_in_background(
            self, f"{title} {year}…",
            lambda progress: write_fee_letters(self.database, kind, year, organisation_ids, target, per_file=per_file, progress=progress),
            lambda result: self._printed(describe(result, kind)), on_cancel=self._print_cancelled,
        )

    def _letters_target(self, name: str) -> Path | None:
        settings = QSettings()
        folder = Path(str(settings.value("fees/letters_folder", Path.home())))
        if self.per_file_action.isChecked():
            chosen = QFileDialog.getExistingDirectory(self, f"{name} : dossier des courriers", str(folder))
            target = Path(chosen) / name if chosen else None
        else:
            chosen, _ = QFileDialog.getSaveFileName(self, f"{name} : enregistrer", str(folder / f"{name}.pdf"), "Documents PDF (*.pdf)")
            target = Path(chosen).with_suffix(".pdf") if chosen else None
        if target is not None:
            settings.setValue("fees/letters_folder", str(target.parent))
        return target

    def _printed(self, text: str) -> None:
        self.job = None
        messages.inform(self, "Courriers", f"Courriers écrits : {text}.")

    def _print_cancelled(self) -> None:
        self.job = None
        messages.inform(self, "Courriers", "Impression annulée : aucun fichier n'a été écrit.")

    # -- state
    def save_state(self, settings: QSettings) -> None:
        self.table.save_state(settings)
        settings.setValue("fees/per_file", self.per_file_action.isChecked())

    def restore_state(self, settings: QSettings) -> None:
        self.table.restore_state(settings)
        self.per_file_action.setChecked(settings.value("fees/per_file", False) in (True, "true"))


def _year_choices(database: Database) -> list[tuple[str, object]]:
    return [(f"Cotisations {year}", year) for year in fee_years(database)]


def _calls():
    from coorace_desktop.services.fees import calls

    return calls
