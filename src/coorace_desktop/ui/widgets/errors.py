"""Failures the user can act on become French messages; bugs are logged and shown with their
details folded away, and the application keeps running."""

import logging
import sys
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from typing import Any, TypeVar

import sqlalchemy.exc
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.storage.errors import known_failure
from coorace_desktop.storage.paths import log_dir

log = logging.getLogger("coorace_desktop")
T = TypeVar("T")


def expected_failure(error: BaseException) -> str | None:
    """The French message for a failure users can act on, or None for a bug."""
    if isinstance(error, ValidationError):
        return str(error)
    if isinstance(error, sqlalchemy.exc.IntegrityError):
        return "L'enregistrement est refusé : il contredit des données existantes (doublon ou élément encore utilisé)."
    failure = known_failure(error)
    return str(failure) if failure else None


def show_error(parent: QWidget | None, message: str, details: str = "") -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, "Coorace Desktop", message, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


def run_command(parent: QWidget | None, command: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[bool, T | None]:
    """Run a service command; an expected failure is shown in French and returns (False, None)."""
    try:
        return True, command(*args, **kwargs)
    except Exception as error:
        message = expected_failure(error)
        if message is None:
            raise
        show_error(parent, message)
        return False, None


def setup_logging() -> None:
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(folder / "coorace-desktop.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8")
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
    message = expected_failure(error)
    if QApplication.instance() is None:
        sys.__excepthook__(kind, error, tb)
        return
    show_error(
        QApplication.activeWindow(),
        message
        or "Une erreur inattendue s'est produite. L'opération en cours n'a pas été enregistrée ; "
        f"l'application continue. Le détail est consigné dans {log_dir() / 'coorace-desktop.log'}.",
        details,
    )
