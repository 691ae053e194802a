"""`accompaniment`: the year's support actions per programme, as the report's accompaniment section
prints them, with the TZCLD territories per stage at the end of the year."""

import argparse
import json
from dataclasses import asdict
from datetime import date

from coorace_desktop.cli.common import database_parent, open_for_reading, year_argument
from coorace_desktop.domain.french import plural
from coorace_desktop.services.accompaniment import programme_summary, stage_counts_text, territory_stage_counts
from coorace_desktop.services.accompaniment.summary import number


def register(commands: argparse._SubParsersAction) -> None:
    summary = commands.add_parser(
        "accompaniment", parents=[database_parent()],
        help="synthèse des accompagnements d'une année par programme (chiffres du rapport)",
    )
    summary.add_argument("--year", type=year_argument, default=date.today().year - 1, metavar="AAAA", help="défaut : l'an dernier")
    summary.add_argument("--json", action="store_true", help="résultat en JSON")
    summary.set_defaults(run=run_accompaniment)


def run_accompaniment(arguments: argparse.Namespace) -> int:
    end = date(arguments.year, 12, 31)
    with open_for_reading(arguments) as database:
        summaries, stages = programme_summary(database, arguments.year), territory_stage_counts(database, end)
    if arguments.json:
        print(json.dumps(
            {"year": arguments.year, "programmes": [asdict(summary) for summary in summaries],
             "territories": {stage.value: count for stage, count in stages.items()}},
            ensure_ascii=False,
        ))
        return 0
    print(f"Accompagnements {arguments.year}")
    for summary in summaries:
        print(f"\n{summary.programme} : {plural(summary.actions, 'action', 'actions')}, "
              f"{plural(summary.beneficiaries, 'bénéficiaire', 'bénéficiaires')}, {number(summary.hours)} h")
        for line in summary.lines:
            print(f"  • {line.text}")
    if not summaries:
        print("Aucune action enregistrée cette année.")
    print(f"\nTZCLD — {stage_counts_text(stages, end)}")
    return 0
