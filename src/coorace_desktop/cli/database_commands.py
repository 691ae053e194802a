"""`demo` and `check`: create the demonstration database, report a database's health."""

import argparse
import json

from coorace_desktop.cli.common import (
    CommandError,
    database_parent,
    database_path,
    database_target,
    open_existing,
    open_for_reading,
)
from coorace_desktop.services.demo import create_demo_database, load_demo
from coorace_desktop.services.health import check_database, repair_database
from coorace_desktop.storage.database import open_database


def register(commands: argparse._SubParsersAction) -> None:
    demo = commands.add_parser(
        "demo", parents=[database_parent()], help="créer une base avec les données de démonstration 2020"
    )
    demo.add_argument("--force", action="store_true", help="remplacer le fichier s'il existe")
    demo.set_defaults(run=run_demo)

    check = commands.add_parser("check", parents=[database_parent()], help="vérifier l'intégrité d'une base")
    check.add_argument("--json", action="store_true", help="résultat en JSON")
    check.add_argument("--repair", action="store_true",
                       help="après une copie de sécurité, reconstruire ce qui est dérivé (index, clés de recherche) ; "
                       "aucune ligne n'est supprimée")
    check.set_defaults(run=run_check)


def run_demo(arguments: argparse.Namespace) -> int:
    if isinstance(database_target(arguments), str):
        return _demo_on_server(arguments)
    path = database_path(arguments)
    create_demo_database(path, force=arguments.force)
    print(f"Données de démonstration 2020 enregistrées dans {path}")
    return 0


def _demo_on_server(arguments: argparse.Namespace) -> int:
    if arguments.force:
        raise CommandError("--force ne vide pas une base de serveur : demandez une base vide à son administrateur.")
    database = open_database(database_target(arguments), create=True)
    try:
        load_demo(database)
    finally:
        database.close()
    print(f"Données de démonstration 2020 enregistrées dans {database.display_name}")
    return 0


def run_check(arguments: argparse.Namespace) -> int:
    opener = open_existing if arguments.repair else open_for_reading  # only a repair may write
    with opener(arguments) as database:
        if arguments.repair:
            return _repair(database)
        report = check_database(database)
    if arguments.json:
        print(json.dumps({"ok": report.ok, "schema": report.schema, "counts": report.counts, "problems": report.problems}, ensure_ascii=False))
    else:
        print(f"Schéma : {report.schema}")
        for name, count in report.counts.items():
            print(f"  {name} : {count}")
        print("Base saine." if report.ok else "Problèmes :\n  " + "\n  ".join(report.problems))
    return 0 if report.ok else 1


def _repair(database) -> int:
    repair = repair_database(database)
    if repair.before.ok:
        print("Base saine : rien à réparer.")
        return 0
    print("Problèmes trouvés :\n  " + "\n  ".join(repair.before.problems))
    if repair.safety_copy:
        print(f"Copie de sécurité avant réparation : {repair.safety_copy}")
    print("Réparé :\n  " + "\n  ".join(repair.done))
    kept = sum(repair.after.counts.values())
    print(f"Toutes les lignes sont conservées ({kept} au total, comme avant).")
    if repair.after.ok:
        print("Base saine.")
        return 0
    print("Problèmes restants (à restaurer depuis une sauvegarde) :\n  " + "\n  ".join(repair.after.problems))
    return 1
