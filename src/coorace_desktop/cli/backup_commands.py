"""`backup`, `restore`, `backups`: copies of the database; `export-person`, `erase-person`: GDPR."""

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

from coorace_desktop.cli.common import (
    CommandError,
    database_parent,
    database_path,
    database_target,
    open_existing,
    open_for_reading,
    output_target,
    person_argument,
)
from coorace_desktop.cli.server_commands import run_server_backup, run_server_restore
from coorace_desktop.domain.french import megabytes
from coorace_desktop.services.privacy.export import export_person
from coorace_desktop.services.privacy.person_data import (
    PersonSummary,
    erase_person,
    find_persons,
    person_record,
)
from coorace_desktop.services.privacy.register import restore_keeping_erasures, still_holding_lines
from coorace_desktop.storage.backup import BackupInfo, create_backup
from coorace_desktop.storage.rotation import list_backups

CONFIRMATION_WORD = "effacer"
# What a line of `backups` counts, in this order (the manifest counts every table).
SUMMARY_COUNTS = {"organisations": "adhérents", "persons": "personnes", "events": "événements", "support_actions": "accompagnements"}


def register(commands: argparse._SubParsersAction) -> None:
    backup = commands.add_parser("backup", parents=[database_parent()], help="enregistrer une copie de la base (avec empreinte SHA-256)")
    backup.add_argument("-o", "--output", metavar="FICHIER_OU_DOSSIER",
                        help="où enregistrer la copie : un fichier, ou un dossier (existant, ou terminé par /) "
                        "(défaut : le dossier des sauvegardes)")
    backup.set_defaults(run=run_backup)

    restore = commands.add_parser("restore", parents=[database_parent()], help="remplacer la base par une sauvegarde vérifiée")
    restore.add_argument("file", type=Path, metavar="FICHIER", help="la sauvegarde à restaurer")
    restore.set_defaults(run=run_restore)

    listing = commands.add_parser("backups", parents=[database_parent()], help="lister les sauvegardes de la base")
    listing.add_argument("--all", action="store_true", help="les sauvegardes de toutes les bases")
    listing.add_argument("--json", action="store_true", help="résultat en JSON")
    listing.set_defaults(run=run_list)

    export = commands.add_parser("export-person", parents=[database_parent()],
                                 help="exporter tout ce que la base contient sur une personne (RGPD)")
    export.add_argument("person", type=person_argument, metavar="PERSONNE", help="numéro ou nom de la personne")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FICHIER", help="fichier .txt (lisible) ou .json")
    export.set_defaults(run=run_export_person)

    erase = commands.add_parser("erase-person", parents=[database_parent()],
                                help="effacer une personne (anonymisée : effectifs et historique restent exacts)")
    erase.add_argument("person", type=person_argument, metavar="PERSONNE", help="numéro ou nom de la personne")
    erase.add_argument("--yes", action="store_true", help="ne pas demander de confirmation")
    erase.set_defaults(run=run_erase_person)


def describe(info: BackupInfo) -> str:
    counted = [f"{info.counts[name]} {label}" for name, label in SUMMARY_COUNTS.items() if name in info.counts]
    return ", ".join([f"{info.created_at:%d/%m/%Y %H:%M}", info.kind.label, megabytes(info.size), *counted])


def run_backup(arguments: argparse.Namespace) -> int:
    if arguments.output is not None:
        arguments.output = output_target(arguments.output)
    if isinstance(database_target(arguments), str):
        return run_server_backup(arguments)  # pg_dump
    info = create_backup(database_path(arguments), arguments.output)
    print(f"Copie enregistrée : {info.path}")
    print(f"  {describe(info)}, schéma {info.schema_revision}")
    print(f"  SHA-256 : {info.sha256}")
    return 0


def run_restore(arguments: argparse.Namespace) -> int:
    if isinstance(database_target(arguments), str):
        return run_server_restore(arguments)  # pg_restore
    result = restore_keeping_erasures(database_path(arguments), arguments.file)
    check = result.verification
    print(f"Base restaurée depuis {arguments.file}")
    details = [f"{check.counts.get('organisations', 0)} adhérents"]
    if check.created_at:
        details.insert(0, f"sauvegarde du {check.created_at:%d/%m/%Y à %H:%M}")
    details.append("empreinte SHA-256 vérifiée" if check.checksum_verified else "sans empreinte à vérifier")
    print(f"  {', '.join(details)}")
    if check.needs_migration:
        print(f"  Schéma mis à jour depuis la révision {check.schema_revision}.")
    for note in (result.erasure_note(), result.safety_note()):
        if note:
            print(f"  {note}")
    return 0


def run_list(arguments: argparse.Namespace) -> int:
    backups = list_backups(None, None if arguments.all else database_path(arguments))
    if arguments.json:
        print(json.dumps([
            {"path": str(b.path), "kind": str(b.kind), "created_at": b.created_at.isoformat(), "size": b.size,
             "sha256": b.sha256, "schema_revision": b.schema_revision, "source": b.source, "counts": b.counts}
            for b in backups
        ], ensure_ascii=False))
        return 0
    if not backups:
        print("Aucune sauvegarde.")
    for info in backups:
        print(f"{info.path}\n  {describe(info)}")
    return 0


def _person(database, text: str) -> PersonSummary:
    found = find_persons(database, text, include_erased=text.strip().isdecimal())
    if not found:
        raise CommandError(f"Aucune personne ne correspond à « {text} ».")
    if len(found) > 1:
        listed = "\n  ".join(f"n° {p.id} : {p.display_name}" for p in found[:20])
        raise CommandError(f"Plusieurs personnes correspondent à « {text} » : donnez le numéro.\n  {listed}")
    return found[0]


def run_export_person(arguments: argparse.Namespace) -> int:
    with open_for_reading(arguments) as database:
        person = _person(database, arguments.person)
        target = export_person(database, person.id, arguments.output)
    print(f"Données de {person.display_name} (n° {person.id}) exportées dans {target}")
    return 0


def run_erase_person(arguments: argparse.Namespace) -> int:
    with open_existing(arguments) as database:
        person = _person(database, arguments.person)
        record = person_record(database, person.id)
        print(f"Effacer {record.display_name} (n° {record.id}) : {record.roles} ?")
        print("Son nom, son e-mail, son téléphone et ses notes seront effacés ; ses rôles restent, sans nom.")
        if not arguments.yes and not _confirmed():
            raise CommandError("Rien n'a été effacé.")
        erased_at = datetime.now().astimezone()
        erasure = erase_person(database, person.id)
        held = still_holding_lines(database, erased_at)
    print(f"{erasure.former_name} est effacé·e (désormais « Personne effacée n° {erasure.person_id} »).")
    if erasure.mentions:
        print("Son nom figure encore dans ces textes, à revoir à la main :")
        for mention in erasure.mentions:
            print(f"  - {mention.place} : « {mention.excerpt} »")
    if held:
        print("Ces sauvegardes antérieures contiennent encore ses données :")
        for line in held:
            print(f"  - {line}")
    return 0


def _confirmed() -> bool:
    if not sys.stdin.isatty():
        raise CommandError("Confirmation impossible sans terminal : ajoutez --yes pour effacer.")
    answer = input(f"Tapez « {CONFIRMATION_WORD} » pour confirmer : ")
    return answer.strip().casefold() == CONFIRMATION_WORD
