"""One rule for errors: every refusal a user can cause is French, anything else is a bug."""

import ast
import errno
import inspect
import os
import re
from pathlib import Path

import pytest

import coorace_desktop
from coorace_desktop.domain.validation import DeletedMeanwhileError, ValidationError
from coorace_desktop.storage.errors import StorageError, user_message
from tests.package import defined_classes

# Exceptions of the package that are not refusals: they never reach the user as a message.
NOT_REFUSALS = {
    "coorace_desktop.ui.widgets.worker.JobCancelled",  # the user pressed Annuler; the job just stops
}


# Small words or accents a French sentence has and an English one does not.
FRENCH_WORDS = re.compile(r"\b(le|la|les|l'|de|des|du|d'|un|une|est|n'|pas|au|aux|en|et|ou|ce|cet|cette|sur|pour|dans|invalide)\b|[àâçéèêëîïôùû]", re.I)
STRERRORS = {os.strerror(code) for code in errno.errorcode}
# Neutral values, so that the French comes from the class (DraftInvalid shows its fields' own messages).
SAMPLE_ARGUMENTS = {int: 12, str: "X", dict[str, str]: {"name": "Indiquez le nom."}, Path: Path("X.sqlite")}


def reads_as_french(message: str | None, class_name: str) -> bool:
    return bool(
        message and message != class_name and not any(text in message for text in STRERRORS)
        and FRENCH_WORDS.search(message)
    )


def as_raised(cls: type) -> BaseException:
    """An instance built the way the package builds one: its own constructor with sample values
    (an id, a name, a path; None for the rest)."""
    parameters = list(inspect.signature(cls.__init__).parameters.values())[1:]
    types = inspect.get_annotations(cls.__init__, eval_str=True)
    return cls(*(SAMPLE_ARGUMENTS.get(types.get(parameter.name), SAMPLE_ARGUMENTS.get(int) if "id" in parameter.name else None) for parameter in parameters))


def messages_written_where_raised(classes: set[str]) -> list[tuple[str, str, str]]:
    """(file, class, message) for every `Class("…")` or `Class(f"…")` in the package's source."""
    found = []
    for path in Path(coorace_desktop.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            text = node.args[0]
            if name in classes and isinstance(text, ast.Constant | ast.JoinedStr):
                parts = [text] if isinstance(text, ast.Constant) else text.values
                found.append((path.name, name, "".join(str(part.value) if isinstance(part, ast.Constant) else "…" for part in parts)))
    return found


def test_every_exception_of_the_package_is_a_french_refusal_or_a_documented_exception():
    classes = defined_classes(BaseException)
    assert len(classes) > 25
    written_where_raised = set()
    for cls in classes:
        name = f"{cls.__module__}.{cls.__qualname__}"
        if name in NOT_REFUSALS:
            assert not issubclass(cls, ValidationError | StorageError), name
            continue
        assert issubclass(cls, ValidationError | StorageError), f"{name} would reach the user as the bug dialog"
        if any("__init__" in base.__dict__ for base in cls.__mro__ if base.__module__.startswith("coorace_desktop")):
            message = user_message(as_raised(cls))
            assert reads_as_french(message, cls.__name__), f"{name}: {message!r}"
        else:
            written_where_raised.add(cls.__name__)  # its message is the one given where it is raised
    raised = messages_written_where_raised(written_where_raised)
    assert len(raised) > 100
    for file, cls, message in raised:
        assert reads_as_french(message, cls), f"{file}: {cls}({message!r})"


def test_the_french_check_tells_an_english_or_bare_message_apart():
    assert reads_as_french("Le disque est plein : rien n'a été enregistré.", "DiskFullError")
    for message in ("", "DiskFullError", "No space left on device", "database is locked"):
        assert not reads_as_french(message, "DiskFullError"), message


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
