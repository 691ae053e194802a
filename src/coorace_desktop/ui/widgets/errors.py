"""Failures the user can act on become French messages; bugs are logged and shown with their
details folded away, and the application keeps running."""

import logging
import os
import sys
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from typing import Any, TypeVar

from PySide6.QtWidgets import QApplication, QWidget

from coorace_desktop.storage.errors import user_message
from coorace_desktop.storage.paths import log_dir, private_folder
from coorace_desktop.ui.widgets import messages

log = logging.getLogger("coorace_desktop")
T = TypeVar("T")


def run_command(parent: QWidget | None, command: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[bool, T | None]:
    """Run a service command; an expected failure is shown in French and returns (False, None)."""
    try:
        return True, command(*args, **kwargs)
    except Exception as error:
        message = user_message(error)
        if message is None:
            raise
        messages.show_error(parent, message)
        return False, None


class PrivateLogHandler(RotatingFileHandler):
    """The log, readable by its owner only (it holds tracebacks): each file it opens, rotated ones
    included, is created 0600, and one written by an older version is made so."""

    def _open(self):
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        if hasattr(os, "fchmod"):  # not on Windows
            os.fchmod(descriptor, 0o600)
        return open(descriptor, "a", encoding=self.encoding, errors=self.errors)


def setup_logging() -> None:
    folder = private_folder(log_dir())
    handler = PrivateLogHandler(folder / "coorace-desktop.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)


def handle_unexpected(kind, error, tb) -> None:
    """sys.excepthook for the GUI: log, show a French message with the details, carry on."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    details = "".join(traceback.format_exception(kind, error, tb))
    log.error("Erreur inattendue\n%s", details)
    message = user_message(error)
    if QApplication.instance() is None:
        sys.__excepthook__(kind, error, tb)
        return
    messages.show_error(
        QApplication.activeWindow(),
        message
        or "Une erreur inattendue s'est produite. L'opération en cours n'a pas été enregistrée ; "
        f"l'application continue. Le détail est consigné dans {log_dir() / 'coorace-desktop.log'}.",
        details,
    )
