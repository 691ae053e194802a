"""What every import shares: rows in error, the action planned for each record, the result."""

from dataclasses import dataclass

from coorace_desktop.domain.enums import LabelledEnum
from coorace_desktop.domain.french import number, plural
from coorace_desktop.domain.validation import ValidationError


class ImportRefused(ValidationError):
    """An import that would write nothing right (rows in error, nothing to import); str() is French."""


class Action(LabelledEnum):
    CREATE = "create", "À créer"
    UPDATE = "update", "À mettre à jour"
    UNCHANGED = "unchanged", "Inchangé"
    DUPLICATE = "duplicate", "Doublon possible"


class Decision(LabelledEnum):
    """What to do with a possible duplicate of an existing organisation."""

    MERGE = "merge", "Fusionner avec l'existant"
    SKIP = "skip", "Ignorer"
    CREATE = "create", "Créer quand même"


@dataclass(frozen=True, slots=True)
class RowError:
    """A row that will not be imported, why, and its cells as read (to save them for correction)."""

    line: int
    messages: tuple[str, ...]
    cells: tuple[str, ...]

    @property
    def reason(self) -> str:
        return " ".join(self.messages)


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an applied import did, in numbers of records (organisations or yearly figures)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    rows_in_error: int = 0

    def summary(self) -> str:
        parts = [plural(self.created, "créé", "créés"), f"{number(self.updated)} mis à jour",
                 plural(self.unchanged, "inchangé", "inchangés")]
        if self.skipped:
            parts.append(plural(self.skipped, "doublon possible ignoré", "doublons possibles ignorés"))
        if self.rows_in_error:
            parts.append(plural(self.rows_in_error, "ligne en erreur non importée", "lignes en erreur non importées"))
        return ", ".join(parts) + "."


def nothing_imported(errors: int) -> str:
    """Why an import with rows in error wrote nothing: '1 ligne en erreur : rien n'a été importé.'"""
    return f"{plural(errors, 'ligne en erreur', 'lignes en erreur')} : rien n'a été importé."


def preview_summary(create: int, update: int, unchanged: int, errors: int, duplicates: int | None = None) -> str:
    """What an import would do: '2 à créer, 1 à mettre à jour, 1 inchangé, 4 lignes en erreur.'
    (duplicates: members only)."""
    parts = [f"{number(create)} à créer", f"{number(update)} à mettre à jour", plural(unchanged, "inchangé", "inchangés")]
    if duplicates is not None:
        parts.append(plural(duplicates, "doublon possible", "doublons possibles"))
    parts.append(plural(errors, "ligne en erreur", "lignes en erreur"))
    return ", ".join(parts) + "."
