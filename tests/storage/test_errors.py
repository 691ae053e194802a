"""One rule for errors: every refusal a user can cause is French, anything else is a bug."""

import errno
import os

import pytest

from coorace_desktop.domain.validation import DeletedMeanwhileError, ValidationError
from coorace_desktop.storage.errors import StorageError, user_message
from tests.package import defined_classes

# Exceptions of the package that are not refusals: they never reach the user as a message.
NOT_REFUSALS = {
    "coorace_desktop.ui.widgets.worker.JobCancelled",  # the user pressed Annuler; the job just stops
}


def test_every_exception_of_the_package_is_a_french_refusal_or_a_documented_exception():
    classes = defined_classes(BaseException)
    assert len(classes) > 25
    for cls in classes:
        name = f"{cls.__module__}.{cls.__qualname__}"
        if name in NOT_REFUSALS:
            assert not issubclass(cls, ValidationError | StorageError), name
            continue
        assert issubclass(cls, ValidationError | StorageError), f"{name} would reach the user as the bug dialog"
        assert user_message(cls.__new__(cls)) is not None, name


def test_a_record_deleted_meanwhile_names_itself_in_french():
    deleted = [cls for cls in defined_classes(DeletedMeanwhileError) if cls is not DeletedMeanwhileError]
    assert len(deleted) >= 7  # action, territory, project holder, partner, organisation, person, event
    for cls in deleted:
        message = user_message(cls(12))
        assert "n'existe plus" in message and message != DeletedMeanwhileError.message, cls


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.ENOSPC, "le disque est plein"),
        (errno.EROFS, "lecture seule"),
        (errno.EACCES, "accès refusé"),
        (errno.EPERM, "accès refusé"),
        (errno.ENOENT, "n'existe pas"),
        (errno.ENAMETOOLONG, "nom du fichier est trop long"),
        (errno.EISDIR, "c'est un dossier"),
        (errno.ENOTDIR, "n'est pas un dossier"),
        (errno.EPIPE, "s'est arrêté"),
    ],
)
def test_a_file_failure_says_which_file_and_why_in_french(code, reason):
    message = user_message(OSError(code, os.strerror(code), "/exports/adherents.xlsx"))
    assert message.startswith("Impossible d'utiliser /exports/adherents.xlsx : ")
    assert reason in message and os.strerror(code) not in message


def test_an_unknown_errno_keeps_the_system_text_and_a_plain_bug_stays_a_bug():
    assert user_message(OSError(errno.EIO, "Input/output error", "/mnt/cle")) == "Impossible d'utiliser /mnt/cle : Input/output error."
    assert user_message(KeyError("organisation_id")) is None
    assert user_message(LookupError("no such thing")) is None
