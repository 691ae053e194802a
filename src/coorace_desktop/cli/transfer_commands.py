"""`import` and `export`: spreadsheets in (members, yearly figures), tables, cards and calendars out."""

import argparse
import sys

from coorace_desktop.cli.common import (
    CommandError,
    database_parent,
    open_existing,
    open_for_reading,
    output_target,
    year_argument,
)
from coorace_desktop.domain.french import plural
from coorace_desktop.services.exporting.figures import YEAR_FILTER
from coorace_desktop.services.exporting.tables import TABLE_EXPORTS, export_table
from coorace_desktop.services.importing import (
    FIGURES,
    MEMBERS,
    Decision,
    apply_members,
    preview_members,
    propose_mapping,
    read_table,
)
from coorace_desktop.services.importing.figures import apply_figures, preview_figures
from coorace_desktop.services.importing.mapping import field_labels
from coorace_desktop.services.importing.rejects import save_rejected_rows
from coorace_desktop.services.listing import ListQuery

ERRORS_SHOWN = 20
DECISIONS = {"merge": Decision.MERGE, "skip": Decision.SKIP, "create": Decision.CREATE}
DONE = {Decision.MERGE: "fusionné", Decision.SKIP: "ignoré", Decision.CREATE: "créé quand même"}


def register(commands: argparse._SubParsersAction) -> None:
    importing = commands.add_parser("import", help="importer un tableur (.xlsx, .ods, .csv)")
    kinds = importing.add_subparsers(dest="kind", metavar="QUOI", required=True, parser_class=type(importing))
    for kind, text in ((MEMBERS, "adhérents (structure, site, types, contact)"), (FIGURES, "chiffres annuels par adhérent")):
        parser = kinds.add_parser(kind, parents=[database_parent()], help=text)
        parser.add_argument("file", metavar="FICHIER")
        parser.add_argument("--dry-run", action="store_true", help="montrer ce qui serait fait, sans rien écrire")
        parser.add_argument("--skip-invalid", action="store_true", help="importer les lignes valides et laisser les lignes en erreur")
        parser.add_argument("--errors-to", metavar="FICHIER", help="enregistrer les lignes en erreur (.csv ou .xlsx) pour les corriger")
        if kind == MEMBERS:
            parser.add_argument(
                "--duplicates", choices=sorted(DECISIONS), default="skip",
                help="que faire des doublons possibles d'adhérents existants (défaut : skip, les ignorer)",
            )
        parser.set_defaults(run=run_import)

    exporting = commands.add_parser(
        "export", parents=[database_parent()],
        help="exporter une table (.xlsx, .csv), l'annuaire (.vcf), le calendrier (.ics), les chiffres annuels (à réimporter)",
    )
    exporting.add_argument("table", choices=sorted(TABLE_EXPORTS), metavar="TABLE", help="members, actions, events ou figures")
    exporting.add_argument("file", metavar="FICHIER_OU_DOSSIER",
                           help="le format suit l'extension ; un dossier (existant, ou terminé par /) reçoit TABLE.xlsx")
    exporting.add_argument("--search", default="", help="n'exporter que les lignes que cette recherche montre")
    exporting.add_argument("--year", type=year_argument, metavar="AAAA", help="figures : n'exporter que les chiffres de cette année")
    exporting.set_defaults(run=run_export)


def _progress(done: int, total: int, text: str) -> None:
    print(f"{text} : {done}/{total}", file=sys.stderr, flush=True)


def run_import(arguments: argparse.Namespace) -> int:
    table = read_table(arguments.file)
    mapping = propose_mapping(table, arguments.kind)
    print(table.format_label)
    if table.doubt:
        print(f"Attention : {table.doubt}")
    labels = field_labels(arguments.kind)
    used = [f"{header} → {labels[key]}" for header, key in zip(mapping.headers, mapping.fields) if key]
    ignored = [header for header, key in zip(mapping.headers, mapping.fields) if not key]
    print("Colonnes : " + "; ".join(used))
    if ignored:
        print("Colonnes ignorées : " + "; ".join(ignored))
    if repeated := mapping.repeated_headers():
        print(f"Attention : {repeated}")
    with open_existing(arguments) as database:
        return _import(database, arguments, table, mapping)


def _import(database, arguments, table, mapping) -> int:
    members = arguments.kind == MEMBERS
    preview = (preview_members if members else preview_figures)(database, table, mapping)
    print(f"Aperçu : {preview.summary()}")
    for error in preview.errors[:ERRORS_SHOWN]:
        print(f"  Ligne {error.line} : {error.reason}")
    if len(preview.errors) > ERRORS_SHOWN:
        print(f"  … et {plural(len(preview.errors) - ERRORS_SHOWN, 'autre ligne', 'autres lignes')} en erreur.")
    decision = DECISIONS[arguments.duplicates] if members else Decision.SKIP
    if members:
        for item in preview.duplicates:
            print(f"  Ligne {item.draft.line} : « {item.draft.name} » ressemble à « {item.existing_name} » ({item.reason}) : {DONE[decision]}.")
    if preview.errors and arguments.errors_to:
        save_rejected_rows(arguments.errors_to, mapping.headers, preview.errors)
        print(f"Lignes en erreur enregistrées dans {arguments.errors_to}")
    if preview.errors and not arguments.skip_invalid:
        print("Rien n'a été importé : corrigez les lignes en erreur, ou relancez avec --skip-invalid.", file=sys.stderr)
        return 1
    if arguments.dry_run:
        print("Essai à blanc : rien n'a été écrit.")
        return 0
    if members:
        result = apply_members(database, preview, default_decision=decision, skip_invalid=True, progress=_progress)
    else:
        result = apply_figures(database, preview, skip_invalid=True, progress=_progress)
    print(f"Import terminé : {result.summary()}")
    return 0


def run_export(arguments: argparse.Namespace) -> int:
    export = TABLE_EXPORTS[arguments.table]
    query = ListQuery(search=arguments.search)
    if arguments.year is not None:
        if arguments.table != "figures":
            raise CommandError("--year ne s'applique qu'à l'export des chiffres annuels (export figures).")
        query = query.with_filter(YEAR_FILTER, arguments.year)
    with open_for_reading(arguments) as database:
        target = output_target(arguments.file, f"{arguments.table}.xlsx")
        done = export_table(database, export, target, query)
    print(f"{plural(done.rows, 'ligne exportée', 'lignes exportées')} dans {done.path}"
          + (f" ({done.detail})" if done.detail else ""))
    return 0
