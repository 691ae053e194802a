"""The action form's errors: none on a new form, and each shown whole once a save was tried."""

from PySide6.QtWidgets import QLabel

from coorace_desktop.ui.accompaniment.action_dialog import ActionDialog

# The fields a new action leaves to fill (domain.accompaniment_rules.action_errors on an empty draft).
REQUIRED = ("action_date", "officer_id", "programme_id", "kind", "beneficiary")


def test_a_new_action_opens_without_errors_and_shows_them_whole_once_saved(qtbot, demo_database):
    dialog = ActionDialog(demo_database)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not [name for name in REQUIRED if dialog.field_error(name)], "a pristine form is quiet"
    dialog.accept()
    assert dialog.field_error("officer_id") == "Choisissez le ou la chargé·e de mission."
    officer = next(label for label in dialog.findChildren(QLabel) if label.text() == dialog.field_error("officer_id"))
    # Not clipped: the label is given the height its text needs at its width.
    assert officer.height() >= officer.heightForWidth(officer.width())
    assert officer.width() >= officer.sizeHint().width(), "the message reads on one line"
