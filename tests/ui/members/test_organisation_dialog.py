"""The organisation dialog driven through its widgets: errors beside fields, sub-editors, figures."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from coorace_desktop.domain.enums import DatePrecision, SiaeType
from coorace_desktop.domain.members import MembershipDraft, OrganisationDraft, SiteDraft
from coorace_desktop.services.members import organisations as members
from coorace_desktop.storage.errors import DiskFullError
from coorace_desktop.ui.members import organisation_dialog
from coorace_desktop.ui.members.organisation_dialog import ERROR_MARK, OrganisationDialog
from tests.ui.boxes import click_when_asked


@pytest.fixture
def new_dialog(qtbot, database):
    dialog = OrganisationDialog(database)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def type_and_leave(qtbot, widget, text: str) -> None:
    """Type into widget with the keyboard, then Tab out of it: its error may show only then."""
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Tab)


def fill_minimum(qtbot, dialog, name="Régie Éole", city="Castres"):
    # QTest types ASCII only (it aborts on 'é'): accented text is set directly.
    dialog.name_edit.setText(name)
    qtbot.keyClicks(dialog.sites.forms[0].city_edit, city)


def test_ok_waits_for_a_valid_form_and_errors_sit_beside_their_fields(qtbot, new_dialog):
    assert not new_dialog.ok_button.isEnabled()
    assert new_dialog.field_error("name") == "", "untouched fields stay quiet"
    assert not any(new_dialog.pages.tabText(i).endswith(ERROR_MARK) for i in range(5)), "no warning before typing"
    fill_minimum(qtbot, new_dialog)
    assert new_dialog.ok_button.isEnabled()
    site = new_dialog.sites.forms[0]
    new_dialog.pages.setCurrentIndex(1)
    site.postcode_edit.setFocus()
    qtbot.keyClicks(site.postcode_edit, "811")
    assert new_dialog.field_error("sites.0.postcode") == "", "no error while the field is typed"
    qtbot.keyClick(site.postcode_edit, Qt.Key.Key_Tab)
    assert new_dialog.field_error("sites.0.postcode") == "Code postal invalide : 811 (cinq chiffres attendus)."
    assert not new_dialog.ok_button.isEnabled()
    assert new_dialog.pages.tabText(1).endswith(ERROR_MARK)
    qtbot.keyClicks(site.postcode_edit, "00")
    assert new_dialog.field_error("sites.0.postcode") == ""
    assert site.department_combo.currentData() == "81", "the département is proposed from the postcode"
    assert new_dialog.ok_button.isEnabled() and not new_dialog.pages.tabText(1).endswith(ERROR_MARK)


def test_pressing_ok_on_an_invalid_form_shows_every_error_on_its_page(qtbot, new_dialog):
    new_dialog.name_edit.setText("Régie")
    new_dialog.pages.setCurrentIndex(4)
    new_dialog.accept()
    assert new_dialog.isVisible()
    assert new_dialog.pages.currentIndex() == 1
    assert new_dialog.field_error("sites.0.city") == "La ville est obligatoire."


def test_removing_an_entry_shifts_the_following_ones_up(qtbot, new_dialog):
    new_dialog.sites.add()
    new_dialog.sites.add()
    for form, city in zip(new_dialog.sites.forms, ("Albi", "Foix", "Rodez")):
        form.city_edit.setText(city)
    new_dialog.sites.forms[1].remove_button.click()
    assert [site.city for site in new_dialog.sites.values()] == ["Albi", "Rodez"]
    assert not new_dialog.sites.forms[2].isVisible()
    assert new_dialog.sites.forms[0].title() == "Site principal" and new_dialog.sites.forms[1].title() == "Site 2"


def test_a_contact_picks_a_recorded_person_and_shows_their_details(qtbot, demo_database):
    chatry = members.find_persons(demo_database, "chatry")[0]
    members.save_organisation(demo_database, members.get_organisation(demo_database, 1))  # untouched save is harmless
    with demo_database.session() as session:
        from coorace_desktop.domain import Person

        session.get(Person, chatry.id).email = "i.chatry@inter-relais.fr"
    dialog = OrganisationDialog(demo_database)
    qtbot.addWidget(dialog)
    dialog.contacts.add()
    contact = dialog.contacts.forms[0]
    qtbot.keyClicks(contact.person_picker.name_edit, "chat")
    contact.person_picker.search_now()
    label = contact.person_picker.proposals()[0]
    contact.person_picker.choose(label)
    assert contact.email_edit.text() == "i.chatry@inter-relais.fr"
    value = dialog.contacts.values()[0]
    assert (value.person_id, value.last_name, value.first_name) == (chatry.id, "CHATRY", "Isabelle")


def test_figures_show_the_previous_year_and_keep_text_across_years(qtbot, new_dialog):
    editor = new_dialog.figures_editor
    editor.add_year(2019)
    qtbot.keyClicks(editor.edits["turnover"], "1 000 000")
    editor.add_year(2020)
    qtbot.keyClicks(editor.edits["turnover"], "1 100 000")
    qtbot.keyClicks(editor.edits["fte"], "12,5")
    assert editor.previous_labels["turnover"].text().replace("\u202f", " ") == "1 000 000   (+10,0 %)"
    assert editor.previous_labels["fte"].text() == "inconnu"
    editor.year_combo.setCurrentIndex(editor.year_combo.findData(2019))
    assert editor.edits["turnover"].text() == "1 000 000"
    assert editor.previous_labels["turnover"].text() == "non saisi"
    figures, errors = editor.values()
    assert errors == {}
    assert [(f.year, f.turnover, f.fte) for f in figures] == [(2019, 1_000_000, None), (2020, 1_100_000, 12.5)]


def test_a_figure_that_is_not_a_number_is_refused_beside_it_or_above_for_another_year(qtbot, new_dialog):
    fill_minimum(qtbot, new_dialog)
    editor = new_dialog.figures_editor
    editor.add_year(2020)
    new_dialog.pages.setCurrentIndex(4)
    type_and_leave(qtbot, editor.edits["insertion_hours"], "12,5")
    assert new_dialog.field_error("figures.current.insertion_hours") == "Un nombre entier est attendu."
    assert not new_dialog.ok_button.isEnabled()
    editor.add_year(2021)
    new_dialog.accept()  # refused: a save tried shows every error
    errors = new_dialog.revalidate()
    assert errors[""] == "Chiffres 2020, Heures d'insertion : Un nombre entier est attendu."
    assert not new_dialog.general_error.isHidden()


def test_a_complete_organisation_is_saved_from_the_widgets(qtbot, database):
    dialog = OrganisationDialog(database)
    qtbot.addWidget(dialog)
    dialog.show()
    fill_minimum(qtbot, dialog)
    dialog.type_boxes[SiaeType.ACI].setChecked(True)
    qtbot.keyClicks(dialog.sites.forms[0].postcode_edit, "81100")
    dialog.memberships.add()
    dialog.memberships.forms[0].joined_edit.setText("01/03/2019")
    dialog.contacts.add()
    dialog.contacts.forms[0].person_picker.name_edit.setText("Anaïs LEFÈVRE")
    dialog.figures_editor.add_year(2020)
    qtbot.keyClicks(dialog.figures_editor.edits["permanent_staff"], "9")
    assert dialog.revalidate() == {}
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    saved = members.get_organisation(database, dialog.result_value)
    assert (saved.name, saved.types, saved.sites[0].department) == ("Régie Éole", {SiaeType.ACI}, "81")
    assert saved.memberships[0].joined_on == date(2019, 3, 1)
    assert (saved.contacts[0].first_name, saved.contacts[0].last_name) == ("Anaïs", "LEFÈVRE")
    assert saved.figures_for(2020).permanent_staff == 9


def test_a_joining_date_is_typed_as_a_day_a_month_or_a_year_and_saved_as_precise(qtbot, database):
    """Imported as « 2015 » (the year alone), the joining date shows as 2015; corrected to a day,
    it is saved as that day (not still as a year); anything else is refused beside the field."""
    year_only = MembershipDraft(joined_on=date(2015, 1, 1), joined_precision=DatePrecision.YEAR)
    new_id = members.save_organisation(database, OrganisationDraft(name="Régie Éole", sites=(SiteDraft(city="Castres"),), memberships=(year_only,)))
    dialog = OrganisationDialog(database, members.get_organisation(database, new_id))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.pages.setCurrentIndex(3)
    period = dialog.memberships.forms[0]
    assert period.joined_edit.text() == "2015" and not dialog.is_modified()
    period.joined_edit.clear()
    type_and_leave(qtbot, period.joined_edit, "l'an dernier")
    assert dialog.field_error("memberships.0.joined_on") == (
        "La date d'adhésion : date attendue (2015, 03/2015, 01/03/2015 ou 1er mars 2015), pas « l'an dernier »."
    )
    assert not dialog.ok_button.isEnabled()
    dialog.memberships.add()
    dialog.memberships.remove(dialog.memberships.forms[1])
    assert period.joined_edit.text() == "l'an dernier", "what was typed survives the list's reshuffles"
    period.joined_edit.setText("03/2015")
    assert dialog.field_error("memberships.0.joined_on") == "" and dialog.ok_button.isEnabled()
    period.joined_edit.setText("15/03/2016")
    dialog.accept()
    assert not dialog.isVisible()
    saved = members.get_organisation(database, new_id).memberships[0]
    assert (saved.joined_on, saved.joined_precision) == (date(2016, 3, 15), DatePrecision.DAY)


def test_a_failed_save_keeps_the_dialog_open_with_a_french_message(qtbot, new_dialog, monkeypatch, boxes):
    shown = boxes.errors

    def disk_full(*_args):
        raise DiskFullError("Le disque est plein : rien n'a été enregistré.")

    monkeypatch.setattr(organisation_dialog, "save_organisation", disk_full)
    fill_minimum(qtbot, new_dialog)
    new_dialog.accept()
    assert new_dialog.isVisible() and shown == ["Le disque est plein : rien n'a été enregistré."]


def test_a_possible_duplicate_asks_before_saving(qtbot, demo_database, monkeypatch):
    asked = []
    answer = [False]

    def confirm(self, duplicates):
        asked.append([(d.name, d.reason) for d in duplicates])
        return answer[0]

    monkeypatch.setattr(OrganisationDialog, "confirm_duplicates", confirm)
    dialog = OrganisationDialog(demo_database)
    qtbot.addWidget(dialog)
    dialog.show()
    fill_minimum(qtbot, dialog, name="Hérisson-Bellor", city="Mazeres")
    dialog.accept()
    assert asked == [[("HERISSON BELLOR", "même nom")]]
    assert dialog.isVisible() and dialog.result_value is None
    answer[0] = True
    dialog.accept()
    assert not dialog.isVisible() and dialog.result_value is not None


def test_editing_without_renaming_does_not_ask_about_duplicates(qtbot, demo_database, monkeypatch):
    monkeypatch.setattr(OrganisationDialog, "confirm_duplicates", lambda self, duplicates: pytest.fail("asked"))
    draft = members.get_organisation(demo_database, 5)
    dialog = OrganisationDialog(demo_database, draft)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Adhérent : HERISSON BELLOR"
    assert dialog.ok_button.isEnabled()
    dialog.field_edits["siret"].setText("")
    dialog.accept()
    assert dialog.result_value == 5


def test_tab_walks_the_identity_fields_in_reading_order(qtbot, new_dialog, boxes):
    new_dialog.activateWindow()
    qtbot.waitUntil(lambda: new_dialog.isActiveWindow(), timeout=3000)
    new_dialog.name_edit.setFocus()
    seen = []
    for _ in range(len(SiaeType) + 3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    boxes = list(new_dialog.type_boxes.values())
    assert seen == [*boxes, new_dialog.field_edits["siret"], new_dialog.field_edits["website"], new_dialog.field_edits["notes"]]


def test_a_page_opened_from_the_keyboard_starts_in_its_first_field(qtbot, database):

    from coorace_desktop.ui.members.organisation_dialog import OrganisationDialog

    dialog = OrganisationDialog(database)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.pages.setCurrentIndex(1)
    focused = dialog.focusWidget()
    assert focused is dialog.sites.forms[0].first_field()
    qtbot.keyClicks(focused, "12 allee de la Gare")
    assert dialog.sites.count == 1, "typing a space must not press a button"


def test_every_add_button_has_a_shortcut_shown_in_its_label_that_works_from_any_page(qtbot, new_dialog):
    labels = [entries.add_button.text() for entries in (new_dialog.sites, new_dialog.contacts, new_dialog.memberships)]
    assert labels == ["Ajouter un site (Ctrl+Maj+S)", "Ajouter un contact (Ctrl+Maj+C)", "Ajouter une période d'adhésion (Ctrl+Maj+P)"]
    new_dialog.activateWindow()
    new_dialog.name_edit.setFocus()
    qtbot.waitUntil(new_dialog.name_edit.hasFocus)
    qtbot.keyClick(new_dialog.name_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert new_dialog.pages.currentIndex() == 1 and new_dialog.sites.count == 2
    assert new_dialog.sites.forms[1].first_field().hasFocus(), "typing goes on in the new site"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert new_dialog.pages.currentIndex() == 2 and new_dialog.contacts.count == 1


def _escape_answering(qtbot, dialog, answer: str) -> list[str]:
    asked: list[str] = []
    click_when_asked(answer, asked)
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    return asked


def test_escape_on_a_new_member_with_two_sites_asks_and_no_keeps_everything(qtbot, new_dialog, monkeypatch):
    monkeypatch.undo()  # the real question
    dialog = new_dialog
    type_and_leave(qtbot, dialog.name_edit, "Atelier Clavier")
    type_and_leave(qtbot, dialog.sites.forms[0].city_edit, "Castres")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    type_and_leave(qtbot, dialog.sites.forms[1].city_edit, "Albi")
    typed = dialog.values()
    assert _escape_answering(qtbot, dialog, "Continuer la saisie") == ["Abandonner les modifications ?"]
    assert dialog.isVisible() and dialog.values() == typed
    assert _escape_answering(qtbot, dialog, "Abandonner") == ["Abandonner les modifications ?"]
    assert not dialog.isVisible()


def test_escape_on_an_edited_member_asks_and_no_keeps_the_edit(qtbot, demo_database, monkeypatch):
    monkeypatch.undo()
    dialog = OrganisationDialog(demo_database, members.get_organisation(demo_database, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    type_and_leave(qtbot, dialog.name_edit, " bis")
    assert _escape_answering(qtbot, dialog, "Continuer la saisie") == ["Abandonner les modifications ?"]
    assert dialog.isVisible() and dialog.name_edit.text().endswith(" bis")
    _escape_answering(qtbot, dialog, "Abandonner")  # closed here: at teardown the question would block
    assert not dialog.isVisible()


def test_an_untouched_member_and_an_empty_row_added_close_at_once(qtbot, demo_database, monkeypatch):
    monkeypatch.undo()  # a question would block: none may come
    for draft in (None, members.get_organisation(demo_database, 1)):
        dialog = OrganisationDialog(demo_database, draft)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        for keys in ("Ctrl+Shift+S", "Ctrl+Shift+C", "Ctrl+Shift+P"):  # empty rows: nothing typed
            qtbot.keyClick(dialog.focusWidget(), keys[-1], Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        assert not dialog.is_modified()
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)
        assert not dialog.isVisible()
