"""The Governance tab on the demo data: the board on a date, elections, resignations, the bureau's rules."""

from datetime import date

import pytest
from PySide6.QtCore import QDate

from coorace_desktop.domain.enums import BureauRole
from coorace_desktop.services.governance.composition import board_composition
from coorace_desktop.ui.governance.dialogs import AssemblyDialog, EndMandateDialog, OfficeDialog
from coorace_desktop.ui.governance.election_dialog import ElectionDialog
from coorace_desktop.ui.governance.tab import GovernanceTab
from coorace_desktop.ui.widgets.dates import DateDialog
from tests.ui.governance.helpers import answering, cell, rows, select

END_OF_2020 = date(2020, 12, 31)


@pytest.fixture
def tab(qtbot, demo_database):
    tab = GovernanceTab(demo_database)
    qtbot.addWidget(tab)
    tab.board_page.show_date(END_OF_2020)
    return tab


def test_the_demo_board_is_shown_as_in_the_seed_report(tab, qtmodeltester):
    page = tab.board_page
    seats = page.seats.model
    assert seats.rowCount() == 15
    assert [cell(seats, 8, column) for column in range(7)] == [
        "INTER RELAIS", "31", "Isabelle CHATRY", "02/07/2020", "", "Présidente", "Oui",
    ]
    assert [cell(page.bureau.model, row, 0) for row in range(6)] == [
        "Présidente", "Vice-présidente", "Trésorier", "Trésorier adjoint", "Secrétaire", "Membre",
    ]
    assert page.national_label.text() == "Isabelle CHATRY et Sylvia RICCI"
    assert tab.status_text() == "15 administrateur·rices au 31/12/2020, bureau de 6"
    qtmodeltester.check(seats)
    qtmodeltester.check(page.bureau.model)


def test_the_composition_on_a_past_date(tab, qtbot):
    page = tab.board_page
    page.show_date(date(2020, 7, 1))
    assert page.seats.model.rowCount() == 0 and page.bureau.model.rowCount() == 0
    assert page.national_label.text() == "Aucun à cette date."
    page.today_button.click()
    assert page.date_edit.date() == QDate.currentDate()
    page.date_edit.setDate(QDate(2020, 7, 2))
    assert page.seats.model.rowCount() == 15


def test_electing_a_new_board_at_a_new_assembly(tab, qtbot, monkeypatch, demo_database):
    page = tab.board_page

    def new_assembly(dialog):
        dialog.held_on_edit.setDate(QDate(2023, 6, 29))
        qtbot.keyClicks(dialog.place_edit, "Narbonne")

    answering(AssemblyDialog, new_assembly, monkeypatch)

    def elect(dialog):
        dialog.new_assembly()
        assert dialog.assembly_combo.currentText() == "AG ordinaire du 29/06/2023 (Narbonne)"
        assert dialog.start_edit.date() == QDate(2023, 6, 29)
        dialog.fill_with_sitting_board()
        assert len(dialog.rows) == 15 and dialog.rows[8].person_picker.name_edit.text() == "Isabelle CHATRY"
        for row in dialog.rows[2:]:
            row.clear()
        extra = dialog.rows[2]
        qtbot.keyClicks(extra.person_picker.name_edit, "Jeanne MARTIN")
        extra.organisation_combo.setCurrentIndex(extra.organisation_combo.findText("AVIE (31)"))
        assert dialog.ok_button.isEnabled()

    opened = answering(ElectionDialog, elect, monkeypatch)
    page.seats.new_button.click()
    assert opened and opened[0].result_value.warnings == []
    assert page.date_edit.date() == QDate(2023, 6, 29)
    assert [row.person_name for row in rows(page.seats)] == ["Catherine GUILLET", "Micheline SLUPEK", "Jeanne MARTIN"]
    assert page.bureau.model.rowCount() == 0
    # Nothing overwritten: the day before, the 2020 board is still there.
    page.show_date(date(2023, 6, 28))
    assert page.seats.model.rowCount() == 15 and page.bureau.model.rowCount() == 6
    assembly_table = tab.assemblies_page.table
    assert [(row.held_on, row.elected) for row in rows(assembly_table)] == [(date(2023, 6, 29), 3), (date(2020, 7, 2), 15)]


def test_an_incomplete_election_keeps_ok_disabled(qtbot, demo_database):
    dialog = ElectionDialog(demo_database)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.rows[1].person_picker.name_edit, "Jeanne MARTIN")
    assert not dialog.ok_button.isEnabled()
    assert not dialog.field_error("seats.1.person"), "still typing"
    dialog.accept()  # refused: a save tried shows the error
    assert dialog.isVisible() and dialog.field_error("seats.1.person") == "Choisissez l'adhérent représenté."


def test_a_resignation_ends_the_mandate_at_a_date(tab, monkeypatch):
    page = tab.board_page
    froger = select(page.seats, lambda seat: seat.person_name == "Martine FROGER")

    def resign(dialog):
        assert dialog.seat_label.text().startswith("Martine FROGER, représentant CASTA")
        dialog.end_edit.setDate(QDate(2021, 3, 15))

    answering(EndMandateDialog, resign, monkeypatch)
    page.seats.edit_current()
    page.show_date(date(2021, 3, 15))
    assert "Martine FROGER" not in [row.person_name for row in rows(page.seats)]
    assert "Vice-présidente" not in [row.role_label for row in rows(page.bureau)]
    page.show_date(date(2021, 3, 14))
    assert "Martine FROGER" in [row.person_name for row in rows(page.seats)]
    ended = board_composition(page.database, date(2021, 1, 1)).seats
    assert next(s for s in ended if s.mandate_id == froger.mandate_id).end_reason == "Démission"


def test_the_bureau_rules_are_explained_in_french(tab, monkeypatch, shown):
    page = tab.board_page
    select(page.seats, lambda seat: seat.person_name == "Camille VERGELY")
    attempts = iter(["Présidente", "Membre"])

    def choose(dialog):
        dialog.role_combo.setCurrentIndex(dialog.role_combo.findText(next(attempts)))

    opened = answering(OfficeDialog, choose, monkeypatch)
    page.office_button.click()
    assert shown == [
        "La fonction Présidente est déjà occupée par Isabelle CHATRY (depuis le 02/07/2020) : mettez d'abord fin à cette fonction."
    ]
    assert opened[0].isVisible() or not opened[0].result()
    assert page.bureau.model.rowCount() == 6
    page.office_button.click()
    assert [row.person_name for row in rows(page.bureau) if row.role is BureauRole.MEMBER] == ["Sylvia RICCI", "Camille VERGELY"]
    assert select(page.seats, lambda seat: seat.person_name == "Camille VERGELY").offices == ("Membre",)


def test_ending_an_office_and_the_national_seat(tab, monkeypatch):
    page = tab.board_page
    select(page.bureau, lambda office: office.role is BureauRole.PRESIDENT)
    answering(DateDialog, lambda dialog: dialog.date_edit.setDate(QDate(2021, 1, 1)), monkeypatch)
    page.bureau.edit_current()
    select(page.seats, lambda seat: seat.person_name == "Isabelle CHATRY")
    page.national_button.click()
    page.show_date(date(2021, 1, 1))
    assert [row.role_label for row in rows(page.bureau)][0] == "Vice-présidente"
    assert page.national_label.text() == "Sylvia RICCI"
    chatry = select(page.seats, lambda seat: seat.person_name == "Isabelle CHATRY")
    assert chatry.offices == () and not chatry.national


def test_deleting_a_mandate_asks_first(tab, boxes):
    page = tab.board_page
    select(page.seats, lambda seat: seat.person_name == "Camille VERGELY")
    boxes.answers = [False]
    page.seats.delete_current()
    assert "saisie erronée" in boxes.asked[0] and page.seats.model.rowCount() == 15
    page.seats.delete_current()
    assert page.seats.model.rowCount() == 14


def test_the_election_warns_about_a_former_member(qtbot, demo_database):
    from sqlmodel import select as sql_select

    from coorace_desktop.domain import Membership, Organisation

    with demo_database.session() as session:
        avie = session.exec(sql_select(Organisation).where(Organisation.name == "AVIE")).one()
        membership = session.exec(sql_select(Membership).where(Membership.organisation_id == avie.id)).one()
        membership.left_on = date(2020, 1, 1)
        session.add(membership)
    dialog = ElectionDialog(demo_database)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.warning_label.isHidden()
    combo = dialog.rows[0].organisation_combo
    combo.setCurrentIndex(combo.findText("AVIE (31)"))
    assert dialog.warning_label.isVisible()
    assert dialog.warning_label.text() == (
        "Attention : AVIE n'est pas adhérent au 02/07/2020 : vérifiez qu'il peut être représenté au conseil."
    )
    qtbot.keyClicks(dialog.rows[0].person_picker.name_edit, "Jeanne MARTIN")
    assert dialog.ok_button.isEnabled()  # a warning, not a refusal


def test_mandates_ending_within_three_months_are_flagged(tab, demo_database):
    from coorace_desktop.domain.governance_drafts import MandateEndDraft
    from coorace_desktop.services.governance.board import end_mandate

    page = tab.board_page
    vergely = select(page.seats, lambda seat: seat.person_name == "Camille VERGELY")
    end_mandate(demo_database, MandateEndDraft(vergely.mandate_id, vergely.start_on, date(2021, 3, 31)))
    page.reload()
    alerts = {cell(page.seats.model, row, 2): cell(page.seats.model, row, 7) for row in range(page.seats.model.rowCount())}
    assert alerts["Camille VERGELY"] == "Fin < 3 mois" and alerts["Isabelle CHATRY"] == ""
    page.ends_soon_check.setChecked(True)
    assert [row.person_name for row in rows(page.seats)] == ["Camille VERGELY"]
    page.show_date(date(2020, 12, 30))
    assert page.seats.model.rowCount() == 0


def test_a_renewal_says_what_it_ends_and_re_elects_the_bureau_in_the_same_save(qtbot, demo_database):
    from coorace_desktop.domain.enums import AssemblyKind
    from coorace_desktop.domain.governance_drafts import AssemblyDraft
    from coorace_desktop.services.governance.records import save_assembly

    ag = date(2023, 6, 29)
    dialog = ElectionDialog(demo_database, save_assembly(demo_database, AssemblyDraft(ag, "Albi", AssemblyKind.ORDINARY)))
    qtbot.addWidget(dialog)
    dialog.show()
    said = dialog.endings_label.text()
    assert dialog.endings_label.isVisible() and "Présidente : Isabelle CHATRY" in said and "Membre : Sylvia RICCI" in said
    assert "représentations nationales de Isabelle CHATRY et Sylvia RICCI" in said
    assert dialog.keep_bureau_check.isVisible() and dialog.keep_bureau_check.isChecked()
    assert "29/06/2023" in dialog.keep_bureau_check.text()
    dialog.renew_check.setChecked(False)  # a partial election ends nothing: nothing to say
    assert not dialog.endings_label.isVisible() and not dialog.keep_bureau_check.isVisible()
    dialog.renew_check.setChecked(True)
    dialog.fill_with_sitting_board()
    dialog.accept()
    after = board_composition(demo_database, ag)
    assert len(after.seats) == 15 and [b.start_on for b in after.bureau] == [ag] * 6
    assert after.national == ["Isabelle CHATRY", "Sylvia RICCI"]


def test_a_first_office_is_proposed_from_the_ag_date(tab, qtbot):
    page = tab.board_page  # shows 31/12/2020; the board was elected on 02/07/2020
    vergely = select(page.seats, lambda seat: seat.person_name == "Camille VERGELY")
    dialog = OfficeDialog(page.database, vergely, page.on())
    qtbot.addWidget(dialog)
    assert dialog.start_edit.date().toPython() == date(2020, 7, 2)


def test_an_empty_bureau_says_what_to_do(tab):
    page = tab.board_page
    page.show_date(date(2019, 1, 1))  # before the first election
    assert page.bureau.empty_label.isVisibleTo(page)
    assert page.bureau.empty_label.text() == "Bureau vide à cette date : choisissez un administrateur, puis « Fonction au bureau… »."
    assert page.seats.empty_label.text().startswith("Aucun administrateur à cette date")


def test_an_office_title_takes_the_form_chosen_when_it_is_given(tab, monkeypatch, shown):
    page = tab.board_page
    select(page.bureau, lambda office: office.role is BureauRole.PRESIDENT)
    answering(DateDialog, lambda dialog: dialog.date_edit.setDate(QDate(2021, 1, 1)), monkeypatch)
    page.bureau.edit_current()  # Isabelle CHATRY leaves the presidency
    page.show_date(date(2021, 1, 1))
    select(page.seats, lambda seat: seat.person_name == "Bruno PEGAS")
    opened = answering(OfficeDialog, lambda dialog: None, monkeypatch)
    page.office_button.click()
    titles = [opened[0].role_combo.itemText(i) for i in range(opened[0].role_combo.count())]
    assert titles[:4] == ["Président", "Présidente", "Vice-président", "Vice-présidente"] and titles.count("Secrétaire") == 1


def test_a_president_in_the_masculine_reads_so_in_the_bureau(tab, monkeypatch, shown):
    page = tab.board_page
    select(page.bureau, lambda office: office.role is BureauRole.TREASURER)
    answering(DateDialog, lambda dialog: dialog.date_edit.setDate(QDate(2021, 1, 1)), monkeypatch)
    page.bureau.edit_current()  # Bruno PEGAS leaves the treasury...
    select(page.bureau, lambda office: office.role is BureauRole.PRESIDENT)
    page.bureau.edit_current()  # ...and Isabelle CHATRY the presidency, the same day
    page.show_date(date(2021, 1, 1))
    select(page.seats, lambda seat: seat.person_name == "Bruno PEGAS")
    def president(dialog):
        dialog.role_combo.setCurrentIndex(dialog.role_combo.findText("Président"))
        dialog.start_edit.setDate(QDate(2021, 1, 1))

    answering(OfficeDialog, president, monkeypatch)
    page.office_button.click()
    assert shown == []
    assert [(row.role_label, row.person_name) for row in rows(page.bureau)][0] == ("Président", "Bruno PEGAS")
    assert select(page.seats, lambda seat: seat.person_name == "Bruno PEGAS").offices == ("Président",)
