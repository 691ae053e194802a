"""A day's entry on the real window by the keyboard alone (issue 18, done-when 3): every key
goes to whichever widget has the focus, as a user's would; no widget is set directly. Then the
database holds exactly what was typed."""

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from sqlmodel import select

from coorace_desktop.domain import Organisation
from coorace_desktop.domain.events import Event
from coorace_desktop.services.accompaniment.actions_list import action_page, count_actions
from coorace_desktop.services.events.commands import get_event
from coorace_desktop.services.governance.composition import board_composition
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.services.members.organisations import get_organisation
from coorace_desktop.ui.window.main_window import TABS, MainWindow

CTRL, SHIFT, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.AltModifier
ELECTED_ON = date(2021, 6, 18)


class Keyboard:
    """Keys sent to the focus widget; a dialog opened by keys is filled from inside its exec()."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot

    def focus(self):
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def press(self, key, modifiers=Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:
        for _ in range(times):
            self.qtbot.keyClick(self.focus(), key, modifiers)

    def type(self, text: str) -> None:  # ASCII only: QTest.keyClicks stops at other characters
        self.qtbot.keyClicks(self.focus(), text)

    def go_to_tab(self, window: MainWindow, title: str) -> None:
        """Alt+N, N the tab's place (its tooltip says which)."""
        number = [entry[0] for entry in TABS].index(title) + 1
        self.press(getattr(Qt.Key, f"Key_{number}"), ALT)
        page = window.tabs.widget(number - 1)
        self.qtbot.waitUntil(lambda: page.isAncestorOf(QApplication.focusWidget())
                             and QApplication.focusWidget().focusPolicy() & Qt.FocusPolicy.TabFocus)

    def in_dialog(self, open_keys, fill) -> None:
        """Press `open_keys`; the dialog they open (exec() blocks) gets `fill`'s keys, whose last must close it."""
        seen: dict = {}
        before = QApplication.activeModalWidget()

        def drive():
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, QDialog) or not dialog.isVisible() or dialog is before:
                QTimer.singleShot(20, drive)
                return
            try:
                dialog.activateWindow()
                self.qtbot.waitUntil(lambda: dialog.isActiveWindow() and dialog.isAncestorOf(QApplication.focusWidget()))
                fill(dialog)
                if dialog.isVisible():
                    shown = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible() and label.text()]
                    raise AssertionError(f"{dialog.windowTitle()} still open after its last key: {shown}")
            except BaseException as error:  # close it, or exec() would wait for ever
                seen["error"] = error
                dialog.done(0)
            seen["done"] = True

        QTimer.singleShot(0, drive)
        owner = self.focus().window()
        open_keys()
        self.qtbot.waitUntil(lambda: "done" in seen, timeout=20_000)  # a mnemonic clicks 100 ms later
        if "error" in seen:
            raise seen["error"]
        # A window manager gives the window its focus back; offscreen, nothing does.
        owner.activateWindow()
        self.qtbot.waitUntil(lambda: owner.isActiveWindow() and owner.isAncestorOf(QApplication.focusWidget()))


def test_a_day_of_entry_by_keyboard_alone(qtbot, demo_database, settings, boxes):
    window = MainWindow(demo_database, settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    keys = Keyboard(qtbot)
    actions_before = count_actions(demo_database, ListQuery())
    with demo_database.session() as session:
        organisations_before = len(session.exec(select(Organisation.id)).all())

    # A new member with two sites and a contact.
    keys.go_to_tab(window, "Adhérents")

    def member(dialog):
        keys.type("Atelier Clavier")
        keys.press(Qt.Key.Key_S, ALT)  # the Sites page, on its first field
        for address, postcode, city in (("1 rue des Touches", "31000", "Toulouse"), ("2 avenue du Clavier", "34000", "Montpellier")):
            if address.startswith("2"):
                keys.press(Qt.Key.Key_S, CTRL | SHIFT)  # Ajouter un site
            keys.type(address)
            keys.press(Qt.Key.Key_Tab)
            keys.type(postcode)
            keys.press(Qt.Key.Key_Tab)
            keys.type(city)
        keys.press(Qt.Key.Key_C, CTRL | SHIFT)  # Ajouter un contact
        keys.type("Jeanne TOUCHE")
        keys.press(Qt.Key.Key_Tab)
        keys.type("Directrice")
        keys.press(Qt.Key.Key_Return)

    keys.in_dialog(lambda: keys.press(Qt.Key.Key_N, CTRL), member)

    # Five support actions for five beneficiaries typed by their name's start.
    keys.go_to_tab(window, "Accompagnements")
    typed = {"herisson": "HERISSON BELLOR", "chor": "CHORUS", "recycl": "RECYCLERIE DU ROUERGUE", "quer": "QUERCY CONTACTS",
             "laser": "LASER 81"}
    for number, start in enumerate(typed):
        def action(dialog, start=start, first=number == 0, hours=f"{number + 1},5"):
            if first:  # no officer yet: back to the officer and the programme, remembered afterwards
                keys.press(Qt.Key.Key_Tab, SHIFT, times=3)
                assert keys.focus() is dialog.officer_combo
                keys.type("Rosana")
                keys.press(Qt.Key.Key_Tab)
                keys.type("Zest")
                keys.press(Qt.Key.Key_Tab, times=2)
            assert keys.focus() is dialog.beneficiary_edit
            keys.type(start)
            popup = dialog.beneficiary_edit.completer_.popup()
            qtbot.waitUntil(popup.isVisible)
            several = popup.model().rowCount() > 1  # "recycl": LA RECYCLANTE too
            qtbot.keyClick(popup, Qt.Key.Key_Return)  # the popup holds the keyboard while shown
            if several:  # the first Enter moved into the list; the second picks
                assert dialog.beneficiary_edit.ref is None
                qtbot.keyClick(popup, Qt.Key.Key_Return)
            keys.press(Qt.Key.Key_Tab, times=3)  # over the group box and the kind, to the hours
            assert keys.focus() is dialog.hours_spin
            keys.press(Qt.Key.Key_A, CTRL)
            keys.type(hours)
            keys.press(Qt.Key.Key_Return)

        keys.in_dialog(lambda: keys.press(Qt.Key.Key_N, CTRL), action)

    # An event with twelve participants ticked by typing their names.
    keys.go_to_tab(window, "Événements")
    single = ("herisson", "chorus", "laser", "quercy", "aidal", "aidologis", "airelle", "capdife", "iddees", "regain", "rertr")

    def event(dialog):
        keys.type("Atelier clavier")
        keys.press(Qt.Key.Key_P, ALT)  # the participants' search
        for name in single:  # one match each: Enter ticks it
            assert keys.focus() is dialog.picker.search_edit
            keys.type(name)
            keys.press(Qt.Key.Key_Return)
        keys.type("valoris")  # VALORIS and LES RUDOVALORISTES: Enter moves into the list
        keys.press(Qt.Key.Key_Return)
        assert keys.focus() is dialog.picker.view
        keys.press(Qt.Key.Key_Down, times=[choice.name for choice in dialog.picker.model.choices].index("VALORIS"))
        keys.press(Qt.Key.Key_Return)  # ticks it; the event is not saved
        assert dialog.isVisible()
        keys.press(Qt.Key.Key_Tab)  # out of the list
        assert keys.focus() is dialog.other_spin
        keys.press(Qt.Key.Key_Return)

    keys.in_dialog(lambda: keys.press(Qt.Key.Key_N, CTRL), event)

    # The board renewed at a new general assembly, its bureau re-elected.
    keys.go_to_tab(window, "Gouvernance")

    def election(dialog):
        def assembly(_dialog):
            keys.type("18/06/2021")  # as written: the « / » after a full day or month is no extra step
            keys.press(Qt.Key.Key_Tab)
            keys.type("Toulouse")
            keys.press(Qt.Key.Key_Return)

        keys.in_dialog(lambda: keys.press(Qt.Key.Key_A, ALT), assembly)  # Nouvelle AG…
        keys.press(Qt.Key.Key_R, ALT)  # Reprendre les administrateurs en place
        qtbot.waitUntil(lambda: not dialog.rows[0].is_empty())
        assert dialog.keep_bureau_check.isVisible() and dialog.keep_bureau_check.isChecked()
        keys.press(Qt.Key.Key_Return)

    keys.in_dialog(lambda: keys.press(Qt.Key.Key_N, CTRL), election)
    assert boxes.errors == [] and boxes.asked == []

    # What the database holds: exactly what was typed.
    with demo_database.session() as session:
        assert len(session.exec(select(Organisation.id)).all()) == organisations_before + 1
        member_id = session.exec(select(Organisation.id).where(Organisation.name == "Atelier Clavier")).one()
        event_id = session.exec(select(Event.id).where(Event.title == "Atelier clavier")).one()
    draft = get_organisation(demo_database, member_id)
    assert [(site.address, site.postcode, site.city, site.department) for site in draft.sites] == [
        ("1 rue des Touches", "31000", "Toulouse", "31"), ("2 avenue du Clavier", "34000", "Montpellier", "34")]
    assert [(contact.first_name, contact.last_name, contact.role) for contact in draft.contacts] == [("Jeanne", "TOUCHE", "Directrice")]

    assert count_actions(demo_database, ListQuery()) == actions_before + 5
    rows = action_page(demo_database, ListQuery(sort_key="date", descending=True), 0, 5)
    assert sorted((row.beneficiary, row.hours, row.officer, row.programme, row.action_date) for row in rows) == sorted(
        (name, number + 1.5, "Rosana VERA", "Zest'", date.today()) for number, name in enumerate(typed.values()))

    participants = {row.name for row in get_event(demo_database, event_id).participants}
    assert participants == {"HERISSON BELLOR", "CHORUS", "LASER 81", "QUERCY CONTACTS", "AIDAL 31", "AIDOLOGIS", "AIRELLE",
                            "CAPDIFE", "IDDEES", "REGAIN", "RERTR", "VALORIS"}

    before, after = (board_composition(demo_database, day) for day in (date(2021, 6, 17), ELECTED_ON))
    assert before.seats and {(s.person_id, s.organisation_id) for s in after.seats} == {(s.person_id, s.organisation_id) for s in before.seats}
    assert {seat.start_on for seat in after.seats} == {ELECTED_ON}
    assert [(office.role_label, office.person_name) for office in after.bureau] == [
        (office.role_label, office.person_name) for office in before.bureau]
    assert {office.start_on for office in after.bureau} == {ELECTED_ON}
