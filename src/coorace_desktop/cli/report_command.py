"""`report`: print a year's activity report to PDF, or only list what to check before printing."""

import argparse
from pathlib import Path

from coorace_desktop.cli.common import CommandError, database_parent, open_existing
from coorace_desktop.domain import validation
from coorace_desktop.report.context import ReportRequest
from coorace_desktop.report.generate import SECTION_KEYS, generate_report
from coorace_desktop.services.reporting.check import check_report


def register(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser(
        "report",
        parents=[database_parent()],
        help="imprimer le rapport d'activité d'une année en PDF",
        description="Imprime le rapport d'activité d'une année en PDF (toutes les sections, ou celles nommées).",
    )
    report.add_argument("--year", type=int, required=True, metavar="ANNÉE", help="année du rapport")
    report.add_argument(
        "--section",
        action="append",
        choices=SECTION_KEYS,
        default=[],
        metavar="SECTION",
        help=f"section à imprimer (répétable) : {', '.join(SECTION_KEYS)}",
    )
    report.add_argument("--reference-year", type=int, metavar="ANNÉE", help="année de comparaison des chiffres clés")
    report.add_argument("-o", "--output", type=Path, metavar="FICHIER.pdf", help="fichier PDF à écrire")
    report.add_argument("--check", action="store_true", help="vérifier seulement : lister ce qui manque, sans imprimer")
    report.set_defaults(run=run_report)


def run_report(arguments: argparse.Namespace) -> int:
    year = validation.year(arguments.year)
    if arguments.reference_year is not None:
        validation.year(arguments.reference_year)
    if not arguments.check and arguments.output is None:
        raise CommandError("Indiquez le fichier PDF à écrire avec -o FICHIER.pdf (ou --check pour vérifier seulement).")
    with open_existing(arguments) as database:
        if arguments.check:
            return _print_findings(database, year, arguments.reference_year)
        request = ReportRequest(year, tuple(arguments.section), arguments.reference_year)
        result = generate_report(database, request, arguments.output)
    print(f"Rapport d'activité {year} enregistré dans {result.path} ({result.pages} pages).")
    return 0


def _print_findings(database, year: int, reference_year: int | None) -> int:
    findings = check_report(database, year, reference_year)
    if not findings:
        print(f"Rien à signaler pour le rapport {year}.")
    for finding in findings:
        print(f"[{finding.severity.label}] {finding.message}")
        for detail in finding.details:
            print(f"    - {detail}")
    return 0
