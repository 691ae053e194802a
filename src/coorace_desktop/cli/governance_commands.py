"""`board`: the board, bureau, national representatives and staff on a date, as the report lists them."""

import argparse
import json
from datetime import date, datetime

from coorace_desktop.cli.common import database_parent, open_for_reading
from coorace_desktop.domain.french import plural
from coorace_desktop.services.governance.composition import board_composition, staff_on


def french_date(text: str) -> date:
    """JJ/MM/AAAA (or AAAA-MM-JJ) for --date."""
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"date invalide : {text} (attendu JJ/MM/AAAA)")


def register(commands: argparse._SubParsersAction) -> None:
    board = commands.add_parser(
        "board", parents=[database_parent()], help="composition du conseil, du bureau et de l'équipe à une date"
    )
    board.add_argument("--date", type=french_date, default=None, metavar="JJ/MM/AAAA", help="défaut : aujourd'hui")
    board.add_argument("--json", action="store_true", help="résultat en JSON")
    board.set_defaults(run=run_board)


def run_board(arguments: argparse.Namespace) -> int:
    on = arguments.date or date.today()
    with open_for_reading(arguments) as database:
        composition, staff = board_composition(database, on), staff_on(database, on)
    if arguments.json:
        print(json.dumps(
            {
                "date": on.isoformat(),
                "board": [
                    {"organisation": s.organisation_name, "department": s.department, "person": s.person_name,
                     "start": s.start_on.isoformat(), "end": s.end_on.isoformat() if s.end_on else None,
                     "offices": list(s.offices), "national": s.national, "ends_soon": s.ends_soon}
                    for s in composition.seats
                ],
                "bureau": [{"office": b.role_label, "person": b.person_name} for b in composition.bureau],
                "national": composition.national,
                "staff": [{"person": p.person_name, "job_title": p.job_title, "site": p.site_name} for p in staff],
            },
            ensure_ascii=False,
        ))
        return 0
    print(f"Conseil d'administration au {on:%d/%m/%Y} : {plural(len(composition.seats), 'membre', 'membres')}")
    for seat in composition.seats:
        department = f" ({seat.department})" if seat.department else ""
        soon = f" — fin le {seat.end_on:%d/%m/%Y}" if seat.ends_soon else ""
        print(f"  {seat.organisation_name}{department} – {seat.person_name}{soon}")
    print("Bureau :")
    for office in composition.bureau:
        print(f"  {office.role_label}, {office.person_name}")
    print("Représentants au CA de la fédération nationale : " + (" et ".join(composition.national) or "aucun"))
    print("Équipe salariée :")
    for post in staff:
        site = f" ({post.site_name})" if post.site_name else ""
        print(f"  {post.person_name}, {post.job_title}{site}")
    return 0
