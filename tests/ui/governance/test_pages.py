"""The Governance tab's other pages and its person picker: assemblies, staff, the delegation's profile."""

from datetime import date

from PySide6.QtCore import QDate

from coorace_desktop.domain.governance_drafts import PersonRef
from coorace_desktop.services.governance.composition import delegation_profile, staff_on
from coorace_desktop.ui.governance.delegation_profile_dialog import DelegationProfileDialog
from coorace_desktop.ui.governance.dialogs import AssemblyDialog, StaffDialog
from coorace_desktop.ui.governance.pages import AssembliesPage, ProfilePage, StaffPage
from coorace_desktop.ui.widgets.dates import DateDialog
from coorace_desktop.ui.widgets.person_picker import PersonPicker
from tests.ui.governance.helpers import answering, rows, select


def test_the_person_picker_finds_recorded_persons_and_names_new_ones(qtbot, demo_database):
    picker = PersonPicker(demo_database)
    qtbot.addWidget(picker)
    # QTest.keyClicks aborts on non-ASCII text offscreen: accents are typed with setText.
    picker.name_edit.setText("chât")
    picker.search_now()
    assert picker.proposals() == ["Isabelle CHATRY"]
    picker.choose("Isabelle CHATRY")
    assert picker.person_ref().person_id is not None and picker.hint_label.isHidden()
    picker.name_edit.clear()
    qtbot.keyClicks(picker.name_edit, "Isabelle Chatry")
    picker.search_now()
    assert picker.person_ref() == PersonRef(None, "Isabelle", "Chatry")
    assert picker.hint_label.text() == "Ce nom est déjà enregistré : choisissez la personne dans la liste."
    picker.name_edit.clear()
    qtbot.keyClicks(picker.name_edit, "Lea de LA TOUR")
    picker.search_now()
    assert picker.person_id is None
    assert picker.hint_label.text() == "Nouvelle personne : prénom « Lea de », nom « LA TOUR »."


def test_assemblies_new_edit_and_a_refused_deletion(qtbot, demo_database, monkeypatch, shown, qtmodeltester):
    page = AssembliesPage(demo_database)
    qtbot.addWidget(page)
    assert page.elected.model.rowCount() == 0
    select(page.table, lambda row: row.held_on == date(2020, 7, 2))
    assert page.elected.model.rowCount() == 15
    qtmodeltester.check(page.elected.model)

    def create(dialog):
        dialog.held_on_edit.setDate(QDate(2021, 6, 24))
        dialog.kind_combo.setCurrentIndex(1)
    answering(AssemblyDialog, create, monkeypatch)
    page.table.new_button.click()
    assert [(row.held_on, row.kind_label) for row in rows(page.table)][0] == (date(2021, 6, 24), "Extraordinaire")

    answering(AssemblyDialog, lambda dialog: dialog.place_edit.setText("Albi"), monkeypatch)
    select(page.table, lambda row: row.held_on == date(2021, 6, 24))
    page.table.edit_current()
    assert rows(page.table)[0].place == "Albi"

    select(page.table, lambda row: row.held_on == date(2020, 7, 2))
    page.table.delete_current()
    assert shown == ["L'assemblée générale du 02/07/2020 a élu 15 administrateurs : elle fait partie de l'historique du conseil et n'est pas supprimée."]
    assert page.table.model.rowCount() == 2


def test_a_new_staff_member_then_a_departure(qtbot, demo_database, monkeypatch):
    page = StaffPage(demo_database)
    qtbot.addWidget(page)
    assert page.table.model.rowCount() == 5

    def hire(dialog):
        qtbot.keyClicks(dialog.person_picker.name_edit, "Lea BONNET")
        dialog.job_edit.setText("Chargée de mission")
        dialog.site_combo.setCurrentIndex(dialog.site_combo.findText("Montpellier (pôle Réalis)"))
        dialog.start_date.set_value(date(2021, 3, 1))
        assert dialog.ok_button.isEnabled()
    answering(StaffDialog, hire, monkeypatch)
    page.table.new_button.click()
    assert page.table.model.rowCount() == 6
    newcomer = select(page.table, lambda post: post.person_name == "Lea BONNET")
    assert page.end_button.isEnabled()

    answering(DateDialog, lambda dialog: dialog.date_edit.setDate(QDate(2022, 8, 31)), monkeypatch)
    page.end_button.click()
    assert page.table.model.rowCount() == 5  # "postes en cours" by default
    assert [p.end_on for p in staff_on(demo_database, date(2022, 8, 30)) if p.id == newcomer.id] == [date(2022, 8, 31)]


def test_a_staff_end_before_its_start_keeps_ok_disabled(qtbot, demo_database):
    dialog = StaffDialog(demo_database)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.person_picker.name_edit, "Lea BONNET")
    dialog.job_edit.setText("Chargée de mission")
    dialog.start_date.set_value(date(2021, 3, 1))
    dialog.end_date.set_value(date(2021, 2, 1))
    assert not dialog.ok_button.isEnabled()
    dialog.accept()  # a save tried shows the errors
    assert dialog.field_error("end_on") == "La date de fin (01/02/2021) est antérieure au début (01/03/2021)."


def test_the_profile_is_edited_in_one_place(qtbot, demo_database, monkeypatch, shown):
    page = ProfilePage(demo_database)
    qtbot.addWidget(page)
    assert "REPRÉSENTER" in page.profile_label.text() and "Montpellier (pôle Réalis)" in page.profile_label.text()

    def edit(dialog):
        dialog.mission_rows[4][1].setText("les projets <b>de territoire</b>")
        dialog.site_rows[1].remove()  # a site where someone works: refused by the service
    opened = answering(DelegationProfileDialog, edit, monkeypatch)
    page.edit_button.click()
    assert shown and "lieu de travail de 1 poste" in shown[0]
    assert opened[0].result() == 0 and len(delegation_profile(demo_database).sites) == 2

    def edit_mission(dialog):
        dialog.mission_rows[4][1].setText("les projets <b>de territoire</b>")
    answering(DelegationProfileDialog, edit_mission, monkeypatch)
    page.edit_button.click()
    assert delegation_profile(demo_database).missions[4] == ("Accompagner", "les projets <b>de territoire</b>")
    assert "&lt;b&gt;de territoire&lt;/b&gt;" in page.profile_label.text()


def test_a_profile_mission_without_title_is_shown_beside_it(qtbot, demo_database):
    dialog = DelegationProfileDialog(demo_database, delegation_profile(demo_database))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.mission_rows[2][0].clear()
    assert not dialog.ok_button.isEnabled()
    dialog.accept()  # a save tried shows the errors
    assert dialog.field_error("missions.2.title") == "Le titre de chaque mission est obligatoire."
    dialog.site_rows[0].postcode_edit.setText("310")
    assert dialog.field_error("sites.0") == "Code postal invalide : 310 (cinq chiffres attendus)."


def test_a_post_is_corrected_from_the_list(qtbot, demo_database, monkeypatch):
    page = StaffPage(demo_database)
    qtbot.addWidget(page)
    select(page.table, lambda post: post.person_name == "Nicolas IMBERDIS")

    def correct(dialog):
        assert dialog.person_picker.name_edit.text() == "Nicolas IMBERDIS" and dialog.person_picker.hint_label.isHidden()
        assert dialog.site_combo.currentText() == "Toulouse"
        dialog.job_edit.setText("Directeur")
    answering(StaffDialog, correct, monkeypatch)
    page.table.edit_current()
    assert [p.job_title for p in staff_on(demo_database, date(2021, 1, 1)) if p.person_name == "Nicolas IMBERDIS"] == ["Directeur"]
    assert page.table.model.rowCount() == 5
