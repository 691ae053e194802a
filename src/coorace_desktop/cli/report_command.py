"""`report`: print a year's activity report to PDF, or only list what to check before printing."""

import argparse

from coorace_desktop.cli.common import CommandError, database_parent, open_existing, output_target
from coorace_desktop.domain import validation
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.report.context import ReportRequest
from coorace_desktop.report.generate import SECTION_KEYS, generate_report
from coorace_desktop.services.reporting.check import SEVERITY_LABELS, check_report


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
    report.add_argument("-o", "--output", metavar="FICHIER.pdf",
                        help="fichier PDF à écrire, ou un dossier (existant, ou terminé par /) qui reçoit rapport-activite-ANNÉE.pdf")
    report.add_argument("--check", action="store_true", help="vérifier seulement : lister ce qui manque, sans imprimer")
    report.set_defaults(run=run_report)


def run_report(arguments: argparse.Namespace) -> int:
    try:
        year = validation.year(arguments.year)
        if arguments.reference_year is not None:
            validation.year(arguments.reference_year)
    except ValidationError as error:
        raise CommandError(str(error)) from error
    if not arguments.check and arguments.output is None:
        raise CommandError("Indiquez le fichier PDF à écrire avec -o FICHIER.pdf (ou --check pour vérifier seulement).")
    with open_existing(arguments) as database:
        if arguments.check:
            return _print_findings(database, year, arguments.reference_year)
        request = ReportRequest(year, tuple(arguments.section), arguments.reference_year)
        result = generate_report(database, request, output_target(arguments.output, f"rapport-activite-{year}.pdf"))
    print(f"Rapport d'activité {year} enregistré dans {result.path} ({result.pages} pages).")
    return 0


def _print_findings(database, year: int, reference_year: int | None) -> int:
    findings = check_report(database, year, reference_year)
    if not findings:
        print(f"Rien à signaler pour le rapport {year}.")
    for finding in findings:
        print(f"[{SEVERITY_LABELS[finding.severity]}] {finding.message}")
        for detail in finding.details:
            print(f"    - {detail}")
    return 0
