"""Qt's own dialogs (file dialogs, wizards, message boxes) in French: Qt's qtbase_fr catalogue,
plus the few strings it lacks."""

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

# Qt 6 gave these file dialog labels a mnemonic; the qtbase_fr.qm shipped with PySide6 still
# translates only the old "Look in:" and "Files of type:", so they showed in English.
MISSING: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "&Voir dans\u00a0:",
    ("QFileDialog", "Files of &type:"): "Fichiers de &type\u00a0:",
}


class MissingFrench(QTranslator):
    """The strings of MISSING; any other is left to the other translators."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        return MISSING.get((context, source))  # None: Qt asks the next translator ("" would be a translation)

    def isEmpty(self) -> bool:
        return False


def install_french(app: QCoreApplication) -> list[QTranslator]:
    """Install Qt's French catalogue and the missing strings; returns the translators installed."""
    installed: list[QTranslator] = []
    catalogue = QTranslator(app)
    if catalogue.load("qtbase_fr", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        installed.append(catalogue)
    installed.append(MissingFrench(app))
    for translator in installed:
        app.installTranslator(translator)
    return installed
