"""Connexion à un serveur… : the shared PostgreSQL database several offices work on.

The server, port, database and login are remembered in the settings; the password never is
(it is asked each time, or comes from $COORACE_DATABASE_URL or ~/.pgpass)."""

import os

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QSpinBox, QWidget

from coorace_desktop.domain.server_connection import DEFAULT_PORT, ServerConnection, connection_errors, from_url
from coorace_desktop.storage.database import Database, open_database
from coorace_desktop.storage.paths import DATABASE_URL_ENV_VAR
from coorace_desktop.ui.widgets.form_dialog import FormDialog

SETTINGS_GROUP = "server"
INTRO = (
    "La base partagée par plusieurs postes, sur un serveur PostgreSQL. Demandez ces informations à "
    "l'administrateur du serveur ; la base doit exister (vide la première fois : elle est alors préparée).\n"
    "Le mot de passe n'est jamais enregistré sur ce poste : il est demandé à chaque connexion "
    "(laissé vide, il est cherché dans ~/.pgpass)."
)


def remembered_connection(settings: QSettings) -> ServerConnection:
    """The last connection used (without its password), or $COORACE_DATABASE_URL's."""
    if os.environ.get(DATABASE_URL_ENV_VAR):
        return from_url(os.environ[DATABASE_URL_ENV_VAR])
    settings.beginGroup(SETTINGS_GROUP)
    try:
        return ServerConnection(
            host=str(settings.value("host", "")),
            port=int(settings.value("port", DEFAULT_PORT)),
            database=str(settings.value("database", ServerConnection.database)),
            user=str(settings.value("user", "")),
            require_ssl=str(settings.value("require_ssl", "false")).lower() == "true",
        )
    finally:
        settings.endGroup()


def remember_connection(settings: QSettings, connection: ServerConnection) -> None:
    kept = connection.remembered()  # never the password
    settings.beginGroup(SETTINGS_GROUP)
    for key in ("host", "port", "database", "user", "require_ssl"):
        settings.setValue(key, getattr(kept, key))
    settings.endGroup()


class ServerDialog(FormDialog):
    """Connects when Se connecter is pressed; result_value is then the open Database."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__("Connexion à un serveur", parent)
        self.settings = settings
        intro = QLabel(INTRO, wordWrap=True)
        self.body.insertWidget(0, intro)
        self.host_edit = self.add_field("host", "Serveur", QLineEdit(placeholderText="bdd.coorace-occitanie.fr"))
        self.port_spin = self.add_field("port", "Port", QSpinBox())
        self.port_spin.setRange(0, 65535)
        self.database_edit = self.add_field("database", "Base", QLineEdit())
        self.user_edit = self.add_field("user", "Identifiant", QLineEdit())
        self.password_edit = self.add_field("password", "Mot de passe", QLineEdit(echoMode=QLineEdit.EchoMode.Password))
        self.ssl_check = self.add_field("require_ssl", "", QCheckBox("Exiger une connexion chiffrée (SSL)"))
        self.ok_button.setText("Se connecter")
        self._load(remembered_connection(settings))
        self.setMinimumWidth(520)

    def _load(self, connection: ServerConnection) -> None:
        self.host_edit.setText(connection.host)
        self.port_spin.setValue(connection.port)
        self.database_edit.setText(connection.database)
        self.user_edit.setText(connection.user)
        self.password_edit.setText(connection.password)
        self.ssl_check.setChecked(connection.require_ssl)
        first_empty = next((edit for edit in (self.host_edit, self.user_edit, self.password_edit) if not edit.text()), None)
        (first_empty or self.password_edit).setFocus()

    # -- FormDialog
    def values(self) -> ServerConnection:
        return ServerConnection(
            host=self.host_edit.text(),
            port=self.port_spin.value(),
            database=self.database_edit.text(),
            user=self.user_edit.text(),
            password=self.password_edit.text(),
            require_ssl=self.ssl_check.isChecked(),
        )

    def validate(self, connection: ServerConnection) -> dict[str, str]:
        return connection_errors(connection)

    def save(self, connection: ServerConnection) -> Database:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # at most the 10 s connect timeout
        try:
            database = open_database(connection.url(), create=True)
        finally:
            QGuiApplication.restoreOverrideCursor()
        remember_connection(self.settings, connection)
        return database
