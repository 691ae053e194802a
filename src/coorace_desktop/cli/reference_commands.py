"""`reference`: the national SIAE reference data: import the files downloaded, what it holds, the
members it gives otherwise, the members it matches (or no longer lists), the region's prospects."""

import argparse
import json
from dataclasses import asdict

from coorace_desktop.cli.common import CommandError, database_parent, open_existing, open_for_reading, output_target
from coorace_desktop.domain.departments import DEPARTMENTS
from coorace_desktop.domain.french import plural
from coorace_desktop.domain.reference import REFERENCE_TYPES
from coorace_desktop.services.exporting.spreadsheet import export_listing
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.services.reference.lists import DEPARTMENT_FILTER, PROSPECT_COLUMNS, TYPE_FILTER, prospects_list
from coorace_desktop.services.reference.matching import MatchState, ReferenceOverview, reference_overview
from coorace_desktop.services.reference.store import import_reference

NO_REFERENCE = "Aucun référentiel importé : coorace-desktop reference import FICHIER (voir le README pour le télécharger)."


def register(commands: argparse._SubParsersAction) -> None:
    reference = commands.add_parser("reference", help="référentiel national des SIAE : importer, comparer aux adhérents, prospects")
    actions = reference.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(reference))
    importing = actions.add_parser(
        "import", parents=[database_parent()],
        help="importer les structures de data·inclusion (.json, .csv) ou les pages de l'API des emplois de l'inclusion (.json)",
    )
    importing.add_argument("files", nargs="+", metavar="FICHIER", help="une seule source à la fois ; plusieurs pages de l'API")
    importing.set_defaults(run=run_import)
    for name, text, run in (
        ("status", "ce que contient le référentiel et les adhérents qu'il retrouve", run_status),
        ("matches", "chaque adhérent et sa SIAE du référentiel (même SIRET, à confirmer, absent)", run_matches),
        ("differences", "les adhérents dont le référentiel donne une autre adresse, un autre téléphone, e-mail ou type", run_differences),
        ("prospects", "les SIAE de la région qui ne sont pas dans la base", run_prospects),
    ):
        parser = actions.add_parser(name, parents=[database_parent()], help=text)
        parser.add_argument("--json", action="store_true", help="résultat en JSON")
        parser.set_defaults(run=run)
    prospects = actions.choices["prospects"]
    prospects.add_argument("--type", choices=REFERENCE_TYPES, help="ne garder que ce type")
    prospects.add_argument("--department", metavar="DÉPT", help="ne garder que ce département (31, 34…)")
    prospects.add_argument("-o", "--output", metavar="FICHIER", help="exporter la liste (.xlsx ou .csv)")


def run_import(arguments: argparse.Namespace) -> int:
    with open_existing(arguments) as database:
        status = import_reference(database, arguments.files)
    print(f"Référentiel importé : {status.summary()}")
    return 0


def _overview(arguments: argparse.Namespace) -> ReferenceOverview:
    with open_for_reading(arguments) as database:
        overview = reference_overview(database)
    if overview.status is None:
        raise CommandError(NO_REFERENCE)
    return overview


def run_status(arguments: argparse.Namespace) -> int:
    overview = _overview(arguments)
    counts = {state.value: overview.count(state) for state in MatchState}
    if arguments.json:
        status = asdict(overview.status) | {"source": overview.status.source.value}
        print(json.dumps({"reference": status, "members": counts, "differences": len(overview.differences),
                          "prospects": len(overview.prospects)}, ensure_ascii=False, default=str))
        return 0
    print(f"Référentiel : {overview.status.summary()}")
    print("Adhérents : " + ", ".join(f"{state.label} : {overview.count(state)}" for state in MatchState))
    print(f"Différences : {len(overview.differences)} ; SIAE de la région hors de la base : {len(overview.prospects)}")
    return 0


def run_matches(arguments: argparse.Namespace) -> int:
    overview = _overview(arguments)
    if arguments.json:
        print(json.dumps([
            {"organisation_id": m.id, "name": m.name, "siret": m.siret, "state": m.state.value, "evidence": m.evidence,
             "reference": {"siret": m.entry.siret, "name": m.entry.name} if m.entry else None}
            for m in overview.matches
        ], ensure_ascii=False))
        return 0
    for match in overview.matches:
        found = f" → {match.entry.name} ({match.entry.siret})" if match.entry else ""
        print(f"{match.name} — {match.state.label}{found} ({match.evidence})")
    return 0


def run_differences(arguments: argparse.Namespace) -> int:
    overview = _overview(arguments)
    if arguments.json:
        print(json.dumps([
            {"organisation_id": d.organisation_id, "name": d.member, "field": d.field.value, "current": d.current, "reference": d.reference}
            for d in overview.differences
        ], ensure_ascii=False))
        return 0
    for difference in overview.differences:
        print(f"{difference.member} — {difference.field.label} : « {difference.current} » ; le référentiel : « {difference.reference} »")
    if not overview.differences:
        print("Aucune différence entre les adhérents et le référentiel.")
    return 0


def run_prospects(arguments: argparse.Namespace) -> int:
    department = (arguments.department or "").strip().upper()
    if department and department not in DEPARTMENTS:
        raise CommandError(f"Département inconnu : {arguments.department}.")
    overview = _overview(arguments)
    listed = prospects_list(lambda: overview)
    query = ListQuery().with_filter(TYPE_FILTER, arguments.type).with_filter(DEPARTMENT_FILTER, department or None)
    if arguments.output:
        path = output_target(arguments.output, "prospects.xlsx")
        rows = export_listing(path, PROSPECT_COLUMNS, listed.count, listed.page, query, sheet_title="SIAE non adhérentes")
        print(f"{plural(rows, 'SIAE exportée', 'SIAE exportées')} dans {path}.")
        return 0
    prospects = listed.select(query)
    if arguments.json:
        print(json.dumps([{column.title: column.value(entry) for column in PROSPECT_COLUMNS} for entry in prospects], ensure_ascii=False, default=str))
        return 0
    for entry in prospects:
        print(f"{entry.department}  {entry.name} ({entry.types_text}) — {entry.postcode} {entry.city} — SIRET {entry.siret}")
    print(plural(len(prospects), "SIAE non adhérente", "SIAE non adhérentes"))
    return 0
