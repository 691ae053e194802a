"""`transfer`: move a database from a file to a PostgreSQL server, or back, and prove the copy;
`backup` and `restore` of a server database (pg_dump, pg_restore), called by backup_commands."""

import argparse
import sys
from pathlib import Path

from coorace_desktop.cli.common import open_existing
from coorace_desktop.domain.french import number
from coorace_desktop.services.health import counts
from coorace_desktop.storage.database import Database, open_database
from coorace_desktop.storage.lock import DatabaseLock
from coorace_desktop.storage.server_backup import create_server_backup, restore_server_backup
from coorace_desktop.storage.transfer import TransferResult, transfer


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "transfer",
        help="copier toute une base vers une autre (fichier vers serveur PostgreSQL, ou l'inverse) et vérifier la copie",
        description="Copie toutes les tables de SOURCE dans DESTINATION (vide), puis compare les nombres de lignes et "
        "les empreintes SHA-256 de chaque table. Code de sortie 1 à la moindre différence.",
    )
    parser.add_argument("source", metavar="SOURCE", help="fichier .sqlite ou URL postgresql://utilisateur@serveur/base")
    parser.add_argument("target", metavar="DESTINATION", help="fichier .sqlite (créé) ou URL d'une base vide du serveur")
    parser.set_defaults(run=run_transfer)


def _target(text: str) -> Path | str:
    return text if "://" in text else Path(text)


def run_transfer(arguments: argparse.Namespace) -> int:
    source_target, destination_target = _target(arguments.source), _target(arguments.target)
    lock = DatabaseLock(destination_target) if isinstance(destination_target, Path) else None
    if lock is not None:
        lock.acquire()  # no running application writes the file while it is filled
    new_file = isinstance(destination_target, Path) and not destination_target.exists()
    try:
        source = open_database(source_target)
        try:
            destination = open_database(destination_target, create=True)
            try:
                print(f"Copie de {source.display_name} vers {destination.display_name}…", flush=True)
                result = transfer(source, destination, _progress() if sys.stderr.isatty() else None)
            finally:
                destination.close()
        finally:
            source.close()
    except BaseException:
        if new_file:  # nothing was copied into it (one transaction): leave no empty file behind
            for suffix in ("", "-wal", "-shm"):
                destination_target.with_name(destination_target.name + suffix).unlink(missing_ok=True)
        raise
    finally:
        if lock is not None:
            lock.release()
    _print_result(result, destination)
    return 0 if result.ok else 1


def _progress():
    def progress(done: int, total: int, text: str) -> None:
        print(f"\r  {text} : {done * 100 // max(total, 1)} %\033[K", end="", file=sys.stderr, flush=True)

    return progress


def _print_result(result: TransferResult, destination: Database) -> None:
    if sys.stderr.isatty():
        print("\r\033[K", end="", file=sys.stderr)
    width = max(len(check.table) for check in result.tables)
    for check in result.tables:
        status = "identique" if check.ok else f"DIFFÉRENT (destination : {number(check.target_rows)} lignes)"
        print(f"  {check.table:<{width}}  {number(check.source_rows):>9} lignes  {check.source_sha256[:12]}  {status}")
    if result.ok:
        print(
            f"Copie vérifiée : {len(result.tables)} tables, {number(result.rows)} lignes, nombres et empreintes SHA-256 "
            f"identiques dans {destination.display_name}."
        )
    else:
        names = ", ".join(check.table for check in result.differences)
        print(f"Erreur : la copie diffère de la source pour {names}. Ne l'utilisez pas.", file=sys.stderr)


def run_server_backup(arguments: argparse.Namespace) -> int:
    with open_existing(arguments) as database:
        backup = create_server_backup(database, arguments.output)
    print(f"Copie enregistrée : {backup.path}")
    print(f"  {backup.created_at:%d/%m/%Y %H:%M}, sauvegarde pg_dump de {database.display_name}, {number(backup.size)} octets")
    print(f"  SHA-256 : {backup.sha256}")
    return 0


def run_server_restore(arguments: argparse.Namespace) -> int:
    with open_existing(arguments) as database:
        safety = restore_server_backup(database, arguments.file)
    restored = open_database(database.url)  # migrated when the backup is older
    try:
        members = counts(restored)["organisations"]
    finally:
        restored.close()
    print(f"Base {database.display_name} restaurée depuis {arguments.file} ({members} adhérents).")
    print(f"  La base remplacée est conservée : {safety.path}")
    return 0
