"""Qt's own dialogs speak French, the file dialog's labels included."""

import pytest
from PySide6.QtWidgets import QFileDialog, QLabel, QWizard

from coorace_desktop.ui.widgets.qt_french import install_french


@pytest.fixture
def french(qapp):
    installed = install_french(qapp)
    yield
    for translator in installed:
        qapp.removeTranslator(translator)


def test_qt_s_file_dialog_is_all_french(qtbot, french):
    dialog = QFileDialog(None, "Ouvrir une base de données", "", "Bases Coorace (*.sqlite *.db);;Tous les fichiers (*)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own, as on Linux without a desktop theme
    qtbot.addWidget(dialog)
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels == {"lookInLabel": "&Voir dans\u00a0:", "fileNameLabel": "&Nom de fichier\u00a0:",
                      "fileTypeLabel": "Fichiers de &type\u00a0:"}


def test_other_qt_strings_still_come_from_qt_s_catalogue(qtbot, french):
    wizard = QWizard()
    qtbot.addWidget(wizard)
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "&Suivant >"
