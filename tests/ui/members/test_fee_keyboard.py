"""The Cotisations page and its dialogs by a hurried keyboard: mnemonics that each lead somewhere,
amounts typed as they are written, a date typed with its slashes, Échap asking before typed text
is lost, and a short form opening with its fields in full."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from coorace_desktop.services.fees.fee_list import YEAR, list_fees
from coorace_desktop.services.fees.payments import payments_of
from coorace_desktop.services.fees.scale import get_scale
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.ui.members.fee_dialogs import EurosSpinBox, ManualAmountDialog, PaymentDialog, ScaleDialog
from coorace_desktop.ui.members.tab import MembersTab
from coorace_desktop.ui.widgets import form_dialog
from tests import fee_campaign as campaign


@pytest.fixture
def fee_rows(demo_database):
    campaign.run_calls(demo_database)
    return list_fees(demo_database, ListQuery(filters={YEAR: campaign.YEAR}))


def shown(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def mnemonics(root: QWidget) -> list[str]:
    """The letter of each visible label's and button's mnemonic (« &Montant »: m)."""
    letters = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, (QAbstractButton, QLabel)) and widget.isVisibleTo(root):
            text = widget.text().replace("&&", "")
            if "&" in text:
                letters.append(text[text.index("&") + 1].lower())
    return letters


def type_text(widget: QWidget, text: str) -> None:
    """Keys carrying `text`, « € » and spaces included (QTest types ASCII only)."""
    for char in text:
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def test_each_dialog_and_the_page_have_mnemonics_without_duplicates(qtbot, demo_database, fee_rows):
    tab = shown(qtbot, MembersTab(demo_database))
    page = tab.show_fees()
    # The window's menus are &Fichier and &Aide: the page takes neither letter.
    assert sorted(mnemonics(page)) == sorted(set(mnemonics(page))) and not {"a", "f"} & set(mnemonics(page))
    assert len(mnemonics(page)) == 10  # every button of the page has one
    for dialog in (ScaleDialog(demo_database, get_scale(demo_database, campaign.YEAR)),
                   PaymentDialog(demo_database, fee_rows[5]), ManualAmountDialog(demo_database, fee_rows[5])):
        shown(qtbot, dialog)
        letters = mnemonics(dialog)
        assert len(letters) >= 2 and len(letters) == len(set(letters)), (dialog.windowTitle(), letters)


def test_a_payment_by_the_keyboard_amount_with_a_space_and_date_with_slashes(qtbot, demo_database, fee_rows, boxes):
    row = fee_rows[5]  # 900 € called
    dialog = shown(qtbot, PaymentDialog(demo_database, row))
    assert dialog.amount_edit.hasFocus()
    qtbot.keyClicks(dialog.amount_edit, "1 200")  # over the balance proposed, selected: confirmed below
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # « Reçu &le »
    assert dialog.date_edit.hasFocus()
    dialog.date_edit.setSelectedSection(dialog.date_edit.Section.DaySection)
    qtbot.keyClicks(dialog.date_edit, "18/06/2021")
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # « Ré&férence »
    qtbot.keyClicks(dialog.reference_edit, "VIR 18")
    qtbot.keyClick(dialog.reference_edit, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.general_error.text()
    assert len(boxes.asked) == 1 and "reste dû" in boxes.asked[0]
    [payment] = payments_of(demo_database, row.fee_id)
    assert (payment.amount, payment.paid_on, payment.reference) == (1200, date(2021, 6, 18), "VIR 18")


@pytest.mark.parametrize("typed", ["1 200", "1200 €", "1 200,00", "1\u202f200 €"])
def test_an_amount_typed_as_written_is_that_many_euros(qtbot, typed):
    spin = shown(qtbot, EurosSpinBox(300))
    spin.selectAll()
    type_text(spin, typed)
    spin.interpretText()
    assert spin.value() == 1200 and spin.text() == "1\u202f200 €"


def test_cents_are_refused_as_they_are_typed(qtbot):
    spin = shown(qtbot, EurosSpinBox(300))
    spin.selectAll()
    type_text(spin, "1200,5")
    assert spin.value() == 1200 and spin.cleanText() == "1200,"


def test_the_manual_amount_opens_with_both_fields_in_full(qtbot, demo_database, fee_rows):
    dialog = shown(qtbot, ManualAmountDialog(demo_database, fee_rows[5]))
    qtbot.waitUntil(lambda: dialog.general_error.isVisible())  # « Pour enregistrer : donnez la raison… »
    for field in (dialog.amount_spin, dialog.reason_edit):
        assert field.visibleRegion().boundingRect().size() == field.size(), field
    qtbot.keyClick(dialog.amount_spin, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert dialog.reason_edit.hasFocus()


def test_escape_on_a_filled_payment_asks_before_losing_it(qtbot, demo_database, fee_rows, monkeypatch):
    asked = []
    monkeypatch.setattr(form_dialog, "ask_discard", lambda parent: asked.append(parent.windowTitle()) or False)
    dialog = shown(qtbot, PaymentDialog(demo_database, fee_rows[5]))
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClicks(dialog.reference_edit, "CHQ 1234")
    qtbot.keyClick(dialog.reference_edit, Qt.Key.Key_Escape)
    assert asked == [dialog.windowTitle()] and dialog.isVisible()  # « Continuer la saisie »: still there
    assert dialog.reference_edit.text() == "CHQ 1234"


def test_the_page_fits_a_1024_pixel_screen(qtbot, demo_database, fee_rows):
    tab = shown(qtbot, MembersTab(demo_database))
    page = tab.show_fees()
    page.year_combo.setCurrentIndex(page.year_combo.findData(campaign.YEAR))
    assert page.totals_label.text().startswith("51 lignes")
    assert tab.minimumSizeHint().width() <= 1024 - 20  # the window's margins


def test_the_status_column_shows_a_partial_payment_reminded_in_full(qtbot, demo_database, fee_rows):
    view = shown(qtbot, MembersTab(demo_database)).show_fees().table.view
    status = next(n for n, column in enumerate(view.model().columns) if column.title == "Statut")
    assert view.columnWidth(status) >= view.fontMetrics().horizontalAdvance("Payée partiellement (relance 1)") + 12
