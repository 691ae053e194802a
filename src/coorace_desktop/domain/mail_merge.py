"""Mail merge fields: `{nom}` in a letter template is replaced by the organisation's name.

The syntax is the smallest that is safe: a field is a lower-case word between braces; `{{` and
`}}` print one brace; nothing else (no attribute, index or format, unlike str.format). A field
the program does not know, or a brace left open, is reported in French with its line, never
printed raw."""

import re
from dataclasses import dataclass

from coorace_desktop.domain.validation import ValidationError


@dataclass(frozen=True, slots=True)
class MergeField:
    key: str
    label: str


FIELDS = (
    MergeField("nom", "Nom de la structure"),
    MergeField("adresse", "Adresse (rue, code postal et ville, sur deux lignes)"),
    MergeField("rue", "Rue du site principal"),
    MergeField("code_postal", "Code postal"),
    MergeField("ville", "Ville"),
    MergeField("email", "E-mail (du contact principal, sinon de la structure)"),
    MergeField("telephone", "Téléphone de la structure"),
    MergeField("siret", "SIRET"),
    MergeField("types", "Conventionnements (AI, ACI…)"),
    MergeField("contact_civilite", "Formule d'appel : « Madame, Monsieur » (la civilité n'est pas enregistrée)"),
    MergeField("contact_prenom", "Prénom du contact principal"),
    MergeField("contact_nom", "Prénom et nom du contact principal"),
    MergeField("contact_fonction", "Fonction du contact principal"),
    MergeField("date", "Date du jour (7 décembre 2026)"),
    MergeField("annee", "Année en cours"),
    MergeField("date_ag", "Date de la prochaine assemblée générale"),
    MergeField("lieu_ag", "Lieu de la prochaine assemblée générale"),
    MergeField("delegation", "Nom de la délégation"),
    MergeField("signataire", "Nom du ou de la signataire (président·e)"),
)
FIELD_KEYS = frozenset(field.key for field in FIELDS)

# `{{`, `}}`, a field, or a brace alone (an error).
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}|[{}]")


class TemplateError(ValidationError):
    """A template naming an unknown field or leaving a brace open."""


def template_errors(text: str, where: str = "") -> list[str]:
    """Each problem of `text` as a French sentence (`where`: « dans l'objet », …); [] if none."""
    errors = []
    for match in _TOKEN.finditer(text):
        token, line = match.group(0), text.count("\n", 0, match.start()) + 1
        place = f"ligne {line}{' ' + where if where else ''}"
        if token in ("{{", "}}"):
            continue
        if match.group(1) is None:
            errors.append(
                f"Accolade {'ouverte' if token == '{' else 'fermée'} seule ({place}) : écrivez un champ comme "
                "{nom}, ou doublez l'accolade pour l'imprimer."
            )
        elif match.group(1) not in FIELD_KEYS:
            errors.append(f"Champ inconnu {token} ({place}) : choisissez un champ de la liste.")
    return errors


def merge(text: str, values: dict[str, str]) -> str:
    """`text` with each field replaced by its value; TemplateError on the first problem."""
    errors = template_errors(text)
    if errors:
        raise TemplateError(errors[0])

    def value(match: re.Match) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        return values.get(match.group(1), "")

    return _TOKEN.sub(value, text)


def fields_used(text: str) -> set[str]:
    """The fields a (valid) text names."""
    return {match.group(1) for match in _TOKEN.finditer(text) if match.group(1) in FIELD_KEYS}
