"""`report`: print a year's activity report to PDF (or its accessible edition to HTML), list
what to check before printing, close a year (`report close`) or reopen it (`report reopen`)."""

import argparse
from pathlib import Path

from coorace_desktop.cli.common import (
    CommandError,
    database_parent,
    open_existing,
    open_for_reading,
    output_target,
    year_argument,
)
from coorace_desktop.report.closing import close_report
from coorace_desktop.report.generate import generate_html, generate_report
from coorace_desktop.report.sections import SECTION_KEYS, ReportRequest
from coorace_desktop.services.reporting.check import check_report
from coorace_desktop.services.reporting.closing import changes_since_closing, closed_report, reopen_year
from coorace_desktop.storage.lock import current_holder


def register(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser(
        "report",
        parents=[database_parent()],
        help="imprimer le rapport d'activité d'une année en PDF",
        description="Imprime le rapport d'activité d'une année en PDF (toutes les sections, ou celles nommées).",
    )
    report.add_argument(
        "action", nargs="?", choices=("close", "reopen"), metavar="close|reopen",
        help="close : clôturer l'année (Vérifier, puis le rapport gardé tel quel) ; reopen : la rouvrir (--reason)",
    )
    report.add_argument("--year", type=year_argument, required=True, metavar="ANNÉE", help="année du rapport")
    report.add_argument(
        "--section",
        action="append",
        choices=SECTION_KEYS,
        default=[],
        metavar="SECTION",
        help=f"section à imprimer (répétable) : {', '.join(SECTION_KEYS)}",
    )
    report.add_argument("--reference-year", type=year_argument, metavar="ANNÉE", help="année de comparaison des chiffres clés")
    report.add_argument("-o", "--output", metavar="FICHIER.pdf|.html",
                        help="fichier à écrire : PDF, ou HTML pour l'édition accessible ; un dossier (existant, ou terminé par /) reçoit rapport-activite-ANNÉE.pdf")
    report.add_argument("--reason", default="", metavar="TEXTE", help="pourquoi l'année est rouverte (gardé dans l'historique)")
    report.add_argument("--check", action="store_true", help="vérifier seulement : lister ce qui manque, sans imprimer")
    report.set_defaults(run=run_report)


def run_report(arguments: argparse.Namespace) -> int:
    year = arguments.year
    if arguments.action is None and not arguments.check and arguments.output is None:
        raise CommandError("Indiquez le fichier à écrire avec -o FICHIER.pdf ou FICHIER.html (ou --check pour vérifier seulement).")
    if arguments.action is not None:
        with open_existing(arguments) as database:
            if arguments.action == "close":
                return _close(database, year)
            reopen_year(database, year, arguments.reason, current_holder().user)
        print(f"Année {year} rouverte : le rapport sera recalculé à partir des données actuelles.")
        return 0
    with open_for_reading(arguments) as database:
        if arguments.check:
            return _print_findings(database, year, arguments.reference_year)
        closed = closed_report(database, year)
        if Path(arguments.output).suffix.lower() in (".html", ".htm"):
            result = generate_html(database, year, Path(arguments.output))
            print(f"Édition accessible du rapport {year} enregistrée dans {result.path}.")
        else:
            request = ReportRequest(year, tuple(arguments.section), arguments.reference_year)
            result = generate_report(database, request, output_target(arguments.output, f"rapport-activite-{year}.pdf"))
            print(f"Rapport d'activité {year} enregistré dans {result.path} ({result.pages} pages).")
        if closed is not None:
            print(f"Année close le {closed.closed_on:%d/%m/%Y} par {closed.closed_by} : chiffres arrêtés à cette date (SHA-256 du PDF {closed.sha256}).")
            _print_changes(database, year)
    return 0


def _print_changes(database, year: int) -> None:
    """What changed in the live data since the year was closed (not in the report as kept)."""
    changes = changes_since_closing(database, year)
    print("Changements depuis la clôture (absents du rapport gardé) :" if changes else "Aucun changement depuis la clôture.")
    for line in changes:
        print(f"  - {line}")


def _close(database, year: int) -> int:
    closed, findings = close_report(database, year, current_holder().user)
    _print_list(findings)
    print(f"Année {year} close le {closed.closed_on:%d/%m/%Y} : rapport gardé tel quel (SHA-256 {closed.sha256}).")
    return 0


def _print_findings(database, year: int, reference_year: int | None) -> int:
    findings = check_report(database, year, reference_year)
    if not findings:
        print(f"Rien à signaler pour le rapport {year}.")
    _print_list(findings)
    return 0


def _print_list(findings) -> None:
    for finding in findings:
        print(f"[{finding.severity.label}] {finding.message}")
        for detail in finding.details:
            print(f"    - {detail}")
