"""`events`: the event figures of a year or period (sessions by kind, online, participants,
coverage of member organisations) and the year's rendez-vous, as the report prints them."""

import argparse
import json
from datetime import date

from coorace_desktop.cli.common import CommandError, database_parent, open_for_reading, year_argument
from coorace_desktop.cli.governance_commands import french_date
from coorace_desktop.domain.french import number, plural
from coorace_desktop.services.events.commands import event_figures, rendezvous


def register(commands: argparse._SubParsersAction) -> None:
    events = commands.add_parser(
        "events", parents=[database_parent()], help="chiffres des événements d'une année ou d'une période, rendez-vous"
    )
    events.add_argument("--year", type=year_argument, default=None, help="année (défaut : l'année en cours)")
    events.add_argument("--from", dest="start", type=french_date, metavar="JJ/MM/AAAA", help="début de la période")
    events.add_argument("--to", dest="end", type=french_date, metavar="JJ/MM/AAAA", help="fin de la période")
    events.add_argument("--kind", default=None, metavar="TYPE", help="un seul type, par exemple « Animation régionale »")
    events.add_argument("--json", action="store_true", help="résultat en JSON")
    events.set_defaults(run=run_events)


def _period(arguments: argparse.Namespace) -> tuple[date, date]:
    if (arguments.start is None) != (arguments.end is None):
        raise CommandError("Indiquez --from et --to ensemble.")
    if arguments.start is not None:
        if arguments.year is not None:
            raise CommandError("Choisissez --year ou --from/--to, pas les deux.")
        if arguments.end < arguments.start:
            raise CommandError("La fin de la période est antérieure à son début.")
        return arguments.start, arguments.end
    year = arguments.year or date.today().year
    return date(year, 1, 1), date(year, 12, 31)


def run_events(arguments: argparse.Namespace) -> int:
    start, end = _period(arguments)
    with open_for_reading(arguments) as database:
        figures = event_figures(database, start, end, kind=arguments.kind)
        planned = rendezvous(database, start.year) if start.year == end.year else []
    if arguments.json:
        print(json.dumps(
            {
                "start": start.isoformat(), "end": end.isoformat(), "kind": arguments.kind,
                "sessions": figures.events, "by_kind": figures.by_kind, "online": figures.online,
                "participants": figures.participants, "participants_by_kind": figures.participants_by_kind,
                "reached": figures.reached, "active_members": figures.active_members,
                "coverage_percent": figures.coverage_percent, "persons_reached": figures.persons_reached,
                "by_names": figures.by_names, "by_numbers": figures.by_numbers, "training_hours": figures.training_hours,
                "rendezvous": [
                    {"title": r.title, "kind": r.kind, "place": r.place, "online": r.online,
                     "starts_on": r.starts_on.isoformat() if r.starts_on else None,
                     "ends_on": r.ends_on.isoformat() if r.ends_on else None}
                    for r in planned
                ],
            },
            ensure_ascii=False,
        ))
        return 0
    what = f" « {arguments.kind} »" if arguments.kind else ""
    print(f"Événements{what} du {start:%d/%m/%Y} au {end:%d/%m/%Y} : "
          f"{plural(figures.events, 'séance', 'séances')}, dont {number(figures.online)} en ligne")
    for kind, sessions in figures.by_kind.items():
        participants = figures.participants_by_kind.get(kind, 0)
        print(f"  {kind} : {plural(sessions, 'séance', 'séances')}, {plural(participants, 'participant', 'participants')}")
    print(f"Participants : {figures.participants}")
    coverage = "—" if figures.coverage_percent is None else f"{figures.coverage_percent:.1f} %".replace(".", ",")
    if figures.by_names:
        print(f"Personnes distinctes : {figures.persons_reached} (événements comptés par noms : {figures.by_names}, "
              f"par nombres : {figures.by_numbers})")
    if figures.training_hours is not None:
        print(f"Heures de formation : {figures.training_hours:g}".replace(".", ","))
    print(f"Structures adhérentes touchées : {figures.reached} sur {figures.active_members} ({coverage})")
    if planned:
        print(f"Rendez-vous {start.year} :")
        for item in planned:
            if item.starts_on is None:
                print(f"  date à préciser : {item.title}")
            else:
                until = f" au {item.ends_on:%d/%m/%Y}" if item.ends_on and item.ends_on != item.starts_on else ""
                print(f"  {item.starts_on:%d/%m/%Y}{until} {item.title}")
    return 0
