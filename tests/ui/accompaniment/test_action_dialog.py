"""The action form's errors: none on a new form, and each shown whole once a save was tried."""

from coorace_desktop.ui.accompaniment.action_dialog import ActionDialog


def test_a_new_action_opens_without_errors_and_shows_them_whole_once_saved(qtbot, demo_database):
    dialog = ActionDialog(demo_database)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not [name for name, label in dialog._errors.items() if label.isVisible()], "a pristine form is quiet"
    dialog.accept()
    officer = dialog._errors["officer_id"]
    assert officer.isVisible() and officer.text() == "Choisissez le ou la chargé·e de mission."
    # Not clipped: the label is given the height its text needs at its width.
    assert officer.height() >= officer.heightForWidth(officer.width())
    assert officer.width() >= officer.sizeHint().width(), "the message reads on one line"
