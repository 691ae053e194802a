"""The mail merge templates: those shipped in resources/letters/ (one TOML file each, its name
the template's key) and the office's own, kept in the user data folder as one JSON file
(`modeles_courriers.json`): its edited copies of shipped templates (restorable) and the
templates it wrote. No table, so no migration; the file is written whole or not at all."""

import json
import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from coorace_desktop.domain.mail_merge import template_errors
from coorace_desktop.domain.text import fold
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.resources import resource
from coorace_desktop.storage.errors import file_failure
from coorace_desktop.storage.files import written_atomically
from coorace_desktop.storage.paths import APP_NAME, private_folder

TEXT_FIELDS = ("title", "subject", "body", "annex_title", "annex")
# Where each text field is, in the French messages.
WHERE = {"subject": "de l'objet", "body": "du texte", "annex_title": "du titre de l'annexe", "annex": "de l'annexe"}


@dataclass(frozen=True, slots=True)
class LetterTemplate:
    key: str  # "" for a template not saved yet
    title: str
    subject: str = ""
    body: str = ""
    annex_title: str = ""
    annex: str = ""
    shipped: bool = False  # one of the program's (restorable), maybe as the office edited it
    edited: bool = False  # the office's copy of a shipped template


def templates_file() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "modeles_courriers.json"


def validate_template(template: LetterTemplate) -> dict[str, str]:
    """{field: French message}: a title is needed, and every field named must be known."""
    errors = {}
    if not template.title.strip():
        errors["title"] = "Le titre du modèle est obligatoire."
    if not template.body.strip():
        errors["body"] = "Le texte de la lettre est vide."
    for name, where in WHERE.items():
        problems = template_errors(getattr(template, name), where)
        if problems:
            errors[name] = problems[0]
    return errors


def shipped_templates() -> dict[str, LetterTemplate]:
    templates = {}
    for path in sorted(resource("letters").glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        templates[path.stem] = LetterTemplate(path.stem, shipped=True, **{name: str(data.get(name, "")).strip() for name in TEXT_FIELDS})
    return templates


def load_templates() -> list[LetterTemplate]:
    """Every template, by title: shipped ones (the office's copy when it edited one) and its own."""
    shipped = shipped_templates()
    merged = dict(shipped)
    for key, texts in _office_copies().items():
        merged[key] = LetterTemplate(key, shipped=key in shipped, edited=key in shipped, **texts)
    return sorted(merged.values(), key=lambda template: fold(template.title))


def find_template(name: str) -> LetterTemplate:
    """The template whose key or title is `name` (accents and case ignored)."""
    templates = load_templates()
    for template in templates:
        if fold(name) in (fold(template.key), fold(template.title)):
            return template
    keys = ", ".join(template.key for template in templates)
    raise ValidationError(f"Modèle de courrier inconnu : « {name} ». Modèles : {keys}.")


def save_template(template: LetterTemplate) -> LetterTemplate:
    """Keep the office's version (a new key for a new template); ValidationError if invalid."""
    errors = validate_template(template)
    if errors:
        raise ValidationError(next(iter(errors.values())))
    copies = _office_copies()
    shipped = shipped_templates()
    key = template.key or _new_key(template.title, set(copies) | set(shipped))
    copies[key] = {name: getattr(template, name).strip() for name in TEXT_FIELDS}
    _write(copies)
    return replace(template, key=key, shipped=key in shipped, edited=key in shipped)


def restore_template(key: str) -> LetterTemplate:
    """Drop the office's copy of a shipped template: the program's text again."""
    original = shipped_templates().get(key)
    if original is None:
        raise ValidationError("Ce modèle a été écrit par le bureau : il n'a pas d'original à rétablir.")
    copies = _office_copies()
    if copies.pop(key, None) is not None:
        _write(copies)
    return original


def delete_template(key: str) -> None:
    """Delete one of the office's templates (a shipped one can only be restored)."""
    if key in shipped_templates():
        raise ValidationError("Un modèle fourni avec le programme ne se supprime pas : « Rétablir l'original » reprend son texte.")
    copies = _office_copies()
    if copies.pop(key, None) is not None:
        _write(copies)


def _new_key(title: str, taken: set[str]) -> str:
    base = re.sub(r"\s+", "-", fold(title)) or "modele"
    key, number = base, 1
    while key in taken:
        number += 1
        key = f"{base}-{number}"
    return key


def _office_copies() -> dict[str, dict[str, str]]:
    path = templates_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise ValidationError(
            f"Les modèles de courrier du bureau ne peuvent pas être lus ({path}) : le fichier est endommagé "
            "ou illisible. Déplacez-le pour repartir des modèles d'origine."
        ) from error
    if not isinstance(data, dict):
        return {}
    return {
        key: {name: str(texts.get(name, "")) for name in TEXT_FIELDS}
        for key, texts in data.items()
        if isinstance(key, str) and isinstance(texts, dict)
    }


def _write(copies: dict[str, dict[str, str]]) -> None:
    path = templates_file()
    action = "Les modèles de courrier n'ont pas été enregistrés dans"
    try:
        private_folder(path.parent)
    except OSError as error:
        raise file_failure(error, f"{action} {path}") from error
    with written_atomically(path, action) as temporary:
        temporary.write_text(json.dumps(copies, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")

