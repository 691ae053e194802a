"""Adhérents > Cotisations driven like a user: the 2021 campaign of the demo (scale of three
brackets, 51 calls printed into one PDF, payments, a reminder run), the totals, the members
list showing a chosen year."""


import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from coorace_desktop.domain.enums import FeeStatus
from coorace_desktop.domain.french import whole_euros
from coorace_desktop.services.fees.fee_list import STATUS, year_totals
from coorace_desktop.services.fees.payments import payments_of
from coorace_desktop.services.fees.scale import set_manual_amount
from coorace_desktop.ui.members.fee_dialogs import PaymentDialog
from coorace_desktop.ui.members.tab import MembersTab
from tests import fee_campaign as campaign


@pytest.fixture
def tab(qtbot, demo_database):
    widget = MembersTab(demo_database)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    return widget


def show_year(qtbot, tab, year: int = campaign.YEAR):
    view = tab.show_fees()
    view.year_combo.setCurrentIndex(view.year_combo.findData(year))
    qtbot.waitUntil(lambda: view.table.model.query.filters.get("year") == year)
    return view


def flat(text: str) -> str:
    """Spaces as pypdf reads them back: the no-break ones as plain spaces."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def rows(view):
    model = view.table.model
    return [model.row_at(n) for n in range(model.rowCount())]


def test_calls_from_the_page_print_51_letters_in_one_pdf(qtbot, tab, demo_database, boxes, monkeypatch, tmp_path):
    members = campaign.prepare_scale(demo_database)
    for n, (organisation_id, _) in enumerate(members[:campaign.WITHOUT_FIGURES]):
        set_manual_amount(demo_database, organisation_id, campaign.YEAR, 300 + n, "Forfait")
    view = show_year(qtbot, tab)
    assert {row.status for row in rows(view)} == {FeeStatus.NOT_CALLED}
    pdf = tmp_path / "appels.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(pdf), ""))
    boxes.answers = [True, True]  # call them all; then print the letters
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    view.table.view.setFocus()
    qtbot.keyClick(view.table.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert boxes.asked, "Ctrl+N is « Appeler… » on this page"
    qtbot.waitUntil(lambda: pdf.exists() and view.job is None, timeout=60_000)
    assert boxes.asked[0].startswith("Appeler les cotisations 2021 de tous les adhérents non encore appelés")
    assert boxes.informed[0] == "51 appels de cotisation 2021-001 à 2021-051."
    assert boxes.informed[1].startswith("Courriers écrits : 51 appels, 51 pages")
    pages = [page.extract_text() for page in PdfReader(pdf).pages]
    assert len(pages) == 51
    by_number = {row.number_text: row for row in rows(view)}
    for n, text in enumerate(pages, start=1):
        row = by_number[f"2021-{n:03d}"]
        assert row.name in text and flat(whole_euros(row.amount)) in flat(text)


def test_totals_filters_a_payment_and_a_reminder_run(qtbot, tab, demo_database, boxes, qtmodeltester):
    members = campaign.run_calls(demo_database)
    campaign.record_payments(demo_database, members)
    view = show_year(qtbot, tab)
    qtmodeltester.check(view.table.model)
    totals = year_totals(demo_database, campaign.YEAR)
    assert view.totals_label.text() == (f"51 lignes · appelé {whole_euros(totals.called)} · reçu {whole_euros(totals.received)} · "
                                        f"restant dû {whole_euros(totals.outstanding)}")
    status_combo = view.status_combo
    status_combo.setCurrentIndex(status_combo.findData(FeeStatus.PARTIAL.value))
    qtbot.waitUntil(lambda: view.table.model.query.filters.get(STATUS) == FeeStatus.PARTIAL.value)
    assert [row.name for row in rows(view)] == [members[30][1], members[33][1]]
    assert view.totals_label.text().startswith("2 lignes") and "reçu 250" in view.totals_label.text()

    # The balance of a partial payment, then more than what is left: asked, and refused when not confirmed.
    row = rows(view)[0]
    dialog = PaymentDialog(demo_database, row, view)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.amount_edit.text() == str(row.outstanding)
    dialog.amount_edit.setText("abc")
    dialog.accept()
    assert dialog.isVisible() and dialog.field_error("amount") == "Le montant « abc » n'est pas un nombre."
    dialog.amount_edit.setText(str(row.outstanding + 50))
    boxes.answers = [False]
    dialog.accept()
    assert dialog.isVisible() and "dépasse le reste dû" in boxes.asked[-1]
    assert boxes.errors[-1].startswith("Paiement non enregistré")
    dialog.amount_edit.setText(str(row.outstanding))
    dialog.reference_edit.setText("Chèque 445566")
    dialog.accept()
    assert not dialog.isVisible()
    assert [p.reference for p in payments_of(demo_database, row.fee_id)][-1] == "Chèque 445566"
    view.table.reload()
    assert [r.name for r in rows(view)] == [members[33][1]]  # the other one is paid now

    # A reminder run today: the 41 unpaid and the one still partial, level 1; letters declined.
    status_combo.setCurrentIndex(0)
    boxes.answers = [True, False]
    view.reminders_button.click()
    assert boxes.asked[-2].startswith("42 relances à faire aujourd'hui (42 de niveau 1)")
    reminded = [r for r in rows(view) if r.reminder_level == 1]
    assert len(reminded) == 42 and {r.status for r in reminded} == {FeeStatus.REMINDED, FeeStatus.PARTIAL}
    assert next(r for r in reminded if r.status is FeeStatus.REMINDED).status_text == "Relancée (relance 1)"


def test_the_members_list_shows_the_fee_of_a_chosen_year(qtbot, tab, demo_database):
    members = campaign.run_calls(demo_database)
    campaign.record_payments(demo_database, members)
    tab.refresh()
    tab.fee_year_filter.setCurrentIndex(tab.fee_year_filter.findData(campaign.YEAR))
    model = tab.table.model
    qtbot.waitUntil(lambda: model.query.filters.get("fee_year") == campaign.YEAR)
    assert model.headerData(8, Qt.Orientation.Horizontal) == "Cotisation 2021"
    texts = [model.data(model.index(n, 8)) for n in range(model.rowCount())]
    assert (texts.count("Payée le 01/03/2021"), texts.count("Payée partiellement"), texts.count("Appelée")) == (8, 2, 41)


def test_deleting_a_call_with_payments_is_refused_in_french(qtbot, tab, demo_database, boxes):
    members = campaign.run_calls(demo_database)
    campaign.record_payments(demo_database, members)
    view = show_year(qtbot, tab)
    position = next(n for n, row in enumerate(rows(view)) if row.id == members[3][0])
    view.table.view.selectRow(position)
    view.table.view.setFocus()
    qtbot.keyClick(view.table.view, Qt.Key.Key_Delete)
    assert boxes.errors == ["L'appel 2021-004 a 1 paiement : il ne peut pas être supprimé (annulez-le, ou supprimez "
                            "d'abord les paiements saisis par erreur)."]



def test_the_preview_lists_every_member_sorts_those_lacking_the_figure_first_and_searches(qtbot, demo_database):
    from coorace_desktop.services.fees.scale import preview
    from coorace_desktop.services.listing import ListQuery
    from coorace_desktop.ui.members.fee_dialogs import PreviewDialog

    members = campaign.prepare_scale(demo_database)
    lines = preview(demo_database, campaign.YEAR)
    dialog = PreviewDialog(campaign.YEAR, lines, None)
    qtbot.addWidget(dialog)
    model = dialog.table.model
    assert model.rowCount() == len(lines) == len(members)
    lacking = {name for _, name in members[:campaign.WITHOUT_FIGURES]}
    model.set_query(ListQuery(sort_key="amount"))  # by amount: those without one first
    assert {model.row_at(row).name for row in range(campaign.WITHOUT_FIGURES)} == lacking
    assert model.index(0, 3).data() == "sans chiffre" and model.index(campaign.WITHOUT_FIGURES, 3).data() != "sans chiffre"
    name = members[-1][1]
    model.set_query(ListQuery(search=name.lower()))
    found = [model.row_at(row).name for row in range(model.rowCount())]
    assert name in found and len(found) < len(lines) and all(name.lower() in other.lower() for other in found)
    model.set_query(ListQuery(sort_key="amount", descending=True))
    amounts = [model.row_at(row).amount or 0 for row in range(model.rowCount())]
    assert amounts == sorted(amounts, reverse=True)
