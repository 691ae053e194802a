"""What every import shares: rows in error, the action planned for each record, the result."""

from dataclasses import dataclass

from coorace_desktop.domain.enums import LabelledEnum
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
        parts = [f"{self.created} créé(s)", f"{self.updated} mis à jour", f"{self.unchanged} inchangé(s)"]
        if self.skipped:
            parts.append(f"{self.skipped} doublon(s) possible(s) ignoré(s)")
        if self.rows_in_error:
            parts.append(f"{self.rows_in_error} ligne(s) en erreur non importée(s)")
        return ", ".join(parts) + "."
