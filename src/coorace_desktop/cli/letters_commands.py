"""`letters`: a mail merge template's letters (one PDF, one PDF per organisation, or e-mail
drafts) for the current members or the organisations named; `labels`: their address labels."""

import argparse
from pathlib import Path

from coorace_desktop.cli.common import CommandError, database_parent, open_for_reading, output_target
from coorace_desktop.domain.enums import MembershipStatus
from coorace_desktop.domain.french import plural
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.services.members.organisation_list import STATUS_FILTER, member_ids


def register(commands: argparse._SubParsersAction) -> None:
    from coorace_desktop.report.letters.labels import SHEETS

    letters = commands.add_parser(
        "letters",
        parents=[database_parent()],
        help="courriers d'un modèle (publipostage) en PDF ou en brouillons d'e-mails",
        description="Écrit les courriers d'un modèle pour les adhérents actuels (ou les structures de --ids).",
    )
    letters.add_argument("--template", required=True, metavar="MODÈLE", help="clé ou titre du modèle (convocation-ag, lettre-adherents…)")
    letters.add_argument("-o", "--output", required=True, metavar="FICHIER.pdf|DOSSIER", help="un PDF ; un dossier avec --per-file ou --eml")
    letters.add_argument("--per-file", action="store_true", help="un PDF par structure dans le dossier -o")
    letters.add_argument("--eml", action="store_true", help="un brouillon d'e-mail (.eml, courrier en pièce jointe) par structure dans le dossier -o")
    _selection_arguments(letters)
    letters.set_defaults(run=run_letters)

    labels = commands.add_parser(
        "labels",
        parents=[database_parent()],
        help="étiquettes d'adresse sur planches A4, en PDF",
        description="Écrit les étiquettes d'adresse des adhérents actuels (ou des structures de --ids).",
    )
    labels.add_argument("-o", "--output", required=True, metavar="FICHIER.pdf", help="le PDF à écrire")
    labels.add_argument("--format", default=SHEETS[0].key, choices=[sheet.key for sheet in SHEETS], help=" ; ".join(f"{sheet.key} : {sheet.label}" for sheet in SHEETS))
    labels.add_argument("--start", type=int, default=1, metavar="N", help="position de la première étiquette sur la planche entamée (1 : en haut à gauche)")
    _selection_arguments(labels)
    labels.set_defaults(run=run_labels)


def _selection_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ids", type=int, nargs="+", metavar="N", help="numéros des structures (par défaut : les adhérents actuels)")


def _chosen(database, arguments: argparse.Namespace) -> list[int]:
    if arguments.ids:
        return list(dict.fromkeys(arguments.ids))
    return member_ids(database, ListQuery(filters={STATUS_FILTER: MembershipStatus.ACTIVE.value}))


def run_letters(arguments: argparse.Namespace) -> int:
    from coorace_desktop.report.letters.mail_merge import write_email_drafts, write_merged_letters
    from coorace_desktop.services.letters.templates import find_template

    if arguments.per_file and arguments.eml:
        raise CommandError("Choisissez --per-file ou --eml, pas les deux.")
    template = find_template(arguments.template)
    folder = arguments.per_file or arguments.eml
    target = output_target(arguments.output if not folder else arguments.output.rstrip("/\\") + "/")
    with open_for_reading(arguments) as database:
        ids = _chosen(database, arguments)
        if arguments.eml:
            drafts = write_email_drafts(database, template, ids, target)
            print(f"{plural(len(drafts.paths), 'brouillon', 'brouillons')} d'e-mail dans {target}.")
            if drafts.without_email:
                print(f"Sans adresse e-mail, donc sans brouillon : {', '.join(drafts.without_email)}.")
            return 0
        result = write_merged_letters(database, template, ids, target if folder else Path(target), per_file=arguments.per_file)
    where = target if folder else result.paths[0]
    print(f"« {template.title} » : {plural(result.letters, 'courrier', 'courriers')} dans {where} ({plural(result.pages, 'page', 'pages')}).")
    return 0


def run_labels(arguments: argparse.Namespace) -> int:
    from coorace_desktop.report.letters.labels import sheet_format, write_labels

    sheet = sheet_format(arguments.format)
    with open_for_reading(arguments) as database:
        result = write_labels(database, _chosen(database, arguments), output_target(arguments.output, "etiquettes.pdf"), sheet, arguments.start)
    print(f"Étiquettes {sheet.label} : {plural(result.labels, 'adresse', 'adresses')} dans {result.path} ({plural(result.pages, 'planche', 'planches')}).")
    return 0
