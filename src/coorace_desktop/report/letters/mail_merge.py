"""Letters for any selection: a template (services/letters/templates.py) merged with each
organisation's fields, laid out as PDF letters, or as e-mail drafts with the letter attached."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from coorace_desktop.domain.mail_merge import fields_used, merge
from coorace_desktop.domain.progress import Progress, no_progress
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.report.formats import long_date
from coorace_desktop.report.letters.layout import (
    Letter,
    LettersResult,
    Sender,
    render_letter,
    unique_names,
    write_into_folder,
    write_letters,
)
from coorace_desktop.report.letters.sender import letter_sender
from coorace_desktop.services.letters.email_drafts import draft_message
from coorace_desktop.services.letters.recipients import Recipient, next_assembly, recipients
from coorace_desktop.services.letters.templates import LetterTemplate, validate_template
from coorace_desktop.storage.database import Database

ASSEMBLY_FIELDS = frozenset({"date_ag", "lieu_ag"})


@dataclass(frozen=True, slots=True)
class MergedLetters:
    letters: list[Letter]
    sender: Sender
    recipients: list[Recipient]


@dataclass(frozen=True, slots=True)
class DraftsResult:
    paths: list[Path]
    without_email: list[str]  # names of the organisations that got no draft


def merged_letters(database: Database, template: LetterTemplate, organisation_ids: Sequence[int], today: date | None = None) -> MergedLetters:
    """The template merged for each organisation still there; ValidationError (French) when the
    template is wrong, the selection empty, or it needs an assembly that is not recorded."""
    today = today or date.today()
    errors = validate_template(template)
    if errors:
        raise ValidationError(f"Le modèle « {template.title} » ne peut pas servir : {next(iter(errors.values()))}")
    chosen = recipients(database, list(organisation_ids))
    if not chosen:
        raise ValidationError("Aucune structure choisie : sélectionnez au moins une ligne du tableau.")
    texts = (template.subject, template.body, template.annex_title, template.annex)
    assembly = next_assembly(database, today)
    if assembly is None and ASSEMBLY_FIELDS & set().union(*map(fields_used, texts)):
        raise ValidationError(
            f"Le modèle « {template.title} » cite la date ou le lieu de la prochaine assemblée générale, "
            f"mais aucune assemblée n'est enregistrée après le {today:%d/%m/%Y} : ajoutez-la dans Gouvernance."
        )
    sender = letter_sender(database, today)
    common = {
        "date": long_date(today),
        "annee": str(today.year),
        "date_ag": long_date(assembly[0]) if assembly else "",
        "lieu_ag": assembly[1] if assembly else "",
        "delegation": sender.name,
        "signataire": sender.signatory_name,
    }
    letters = []
    for recipient in chosen:
        values = common | recipient.values
        subject, body, annex_title, annex = (merge(text, values) for text in texts)
        letters.append(Letter(recipient.address_lines, subject, body, today, recipient.name, annex_title=annex_title, annex=annex))
    return MergedLetters(letters, sender, chosen)


def write_merged_letters(
    database: Database,
    template: LetterTemplate,
    organisation_ids: Sequence[int],
    target: Path,
    *,
    per_file: bool = False,
    progress: Progress | None = None,
) -> LettersResult:
    """The template's letters for these organisations, in one PDF or one file each."""
    merged = merged_letters(database, template, organisation_ids)
    return write_letters(merged.letters, merged.sender, target, per_file=per_file, progress=progress)


def write_email_drafts(
    database: Database, template: LetterTemplate, organisation_ids: Sequence[int], folder: Path, progress: Progress | None = None
) -> DraftsResult:
    """One .eml draft per organisation that has an e-mail address, to that address, its letter
    attached as PDF and its text as the message; those without an address are named."""
    report = progress or no_progress
    merged = merged_letters(database, template, organisation_ids)
    sendable = [(letter, recipient) for letter, recipient in zip(merged.letters, merged.recipients) if recipient.email]
    without = [recipient.name for recipient in merged.recipients if not recipient.email]
    names = unique_names([recipient.name for _, recipient in sendable], ".eml")

    def write_one(index: int, path: Path) -> None:
        letter, recipient = sendable[index]
        report(index, len(sendable), f"Brouillon {index + 1} sur {len(sendable)} : {recipient.name}")
        pdf, _pages = render_letter(letter, merged.sender)
        attachment = unique_names([f"{letter.subject} - {recipient.name}"])[0]
        path.write_bytes(draft_message(recipient.email, letter.subject, letter.body, attachment, pdf))

    paths = write_into_folder(folder, names, write_one, "Les brouillons d'e-mails n'ont pas été enregistrés dans") if sendable else []
    return DraftsResult(paths, without)
