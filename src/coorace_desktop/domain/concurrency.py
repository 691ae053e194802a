"""A save refused because someone else saved the same record meanwhile, and what they changed.

Records are compared as the user reads them: {French label: value as shown}, so the message
lists field by field the value the user loaded and the one saved since."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time
from enum import Enum
from typing import Any

from coorace_desktop.domain.french import number, plural
from coorace_desktop.domain.validation import ValidationError

EMPTY = "(vide)"
LONGEST_VALUE = 70  # characters of a value quoted in the message (notes can be pages long)
CHANGES_LISTED = 12


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field saved differently by someone else: as the user loaded it, and as it is now."""

    label: str
    before: str
    theirs: str


class StaleRecordError(ValidationError):
    """The record changed (or was deleted) since the user loaded it; nothing was saved.

    `current` is the record as it is now (None when deleted): a dialog keeps the user's draft
    and takes current's version, so that saving again knowingly replaces their changes."""

    def __init__(self, what: str, changes: list[FieldChange], current: Any) -> None:
        super().__init__(stale_message(what, changes))
        self.changes = changes
        self.current = current


def stale_message(what: str, changes: list[FieldChange]) -> str:
    lines = [f"{what} a été modifié par quelqu'un d'autre depuis que vous l'avez ouvert : rien n'a été enregistré."]
    if changes:
        lines.append("")
        lines.append("Ce qui a changé (à l'ouverture → maintenant) :")
        lines += [f"• {change.label} : {change.before} → {change.theirs}" for change in changes[:CHANGES_LISTED]]
        if len(changes) > CHANGES_LISTED:
            lines.append(f"• … et {plural(len(changes) - CHANGES_LISTED, 'autre changement', 'autres changements')}.")
    lines.append("")
    lines.append(
        "Votre saisie est conservée. Enregistrez à nouveau pour remplacer leur version par la vôtre, "
        "ou annulez pour garder la leur."
    )
    return "\n".join(lines)


def field_changes(before: Mapping[str, str], theirs: Mapping[str, str]) -> list[FieldChange]:
    """The labels whose shown value differs, in the order of `before` then labels new in `theirs`."""
    labels = list(before) + [label for label in theirs if label not in before]
    return [
        FieldChange(label, before.get(label, EMPTY), theirs.get(label, EMPTY))
        for label in labels
        if before.get(label, EMPTY) != theirs.get(label, EMPTY)
    ]


def shown(value: object) -> str:
    """A value as the message quotes it: French dates and numbers, « text », oui/non, (vide)."""
    if value is None or value == "" or value == frozenset():
        return EMPTY
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, Enum) and hasattr(value, "label"):
        return value.label
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if isinstance(value, int | float):
        return number(value)
    text = " ".join(str(value).split())
    if len(text) > LONGEST_VALUE:
        text = text[: LONGEST_VALUE - 1] + "…"
    return f"«\u00a0{text}\u00a0»"  # no-break spaces: a guillemet never ends a line alone
