"""A person's data as a file they can read (text) or reuse (JSON), written readable by its owner only."""

import json
from dataclasses import asdict
from datetime import date
from pathlib import Path

from sqlmodel import select

from coorace_desktop.domain import Delegation
from coorace_desktop.services.privacy.person_data import Period, PersonRecord, person_record
from coorace_desktop.storage.database import Database
from coorace_desktop.storage.files import written_atomically

DEFAULT_DELEGATION = "la délégation"


def export_person(database: Database, person_id: int, target: Path, today: date | None = None) -> Path:
    """Write everything held about the person to `target`: JSON when it ends in .json, else text."""
    record = person_record(database, person_id)
    with database.session() as session:
        delegation = session.exec(select(Delegation.name)).first() or DEFAULT_DELEGATION
    today = today or date.today()
    if target.suffix.lower() == ".json":
        content = json.dumps(as_document(record, delegation, today), ensure_ascii=False, indent=2, default=str)
    else:
        content = render_text(record, delegation, today)
    with written_atomically(target) as temporary:  # personal data: a new file readable by its owner only
        temporary.write_text(content, encoding="utf-8", newline="\n")
    return target


def as_document(record: PersonRecord, delegation: str, today: date) -> dict:
    document = asdict(record)
    return {"controller": delegation, "exported_on": today.isoformat(), "person": document}


def render_text(record: PersonRecord, delegation: str, today: date) -> str:
    lines = [
        f"Données personnelles détenues par {delegation}",
        f"Personne n° {record.id} : {record.display_name}",
        f"Document établi le {_day(today)}.",
        "",
    ]
    if record.erased_on:
        lines += [f"Les données de cette personne ont été effacées le {_day(record.erased_on)} ;",
                  "seuls subsistent, sans son nom, les rôles ci-dessous (pour que l'historique reste exact).", ""]
    lines += ["Identité"]
    for label, value in (("Prénom", record.first_name), ("Nom", record.last_name), ("E-mail", record.email),
                         ("Téléphone", record.phone), ("Notes", record.notes)):
        lines.append(f"  {label} : {value or '(non renseigné)'}")
    lines += _section("Contact pour des adhérents", [f"{c.organisation}{' : ' + c.role if c.role else ''}" for c in record.contacts])
    board = []
    for seat in record.board:
        elected = f", élu·e à l'assemblée générale du {_day(seat.elected_at)}" if seat.elected_at else ""
        ended = f" ({seat.end_reason})" if seat.end_reason else ""
        board.append(f"représente {seat.organisation} {_period(seat.period)}{elected}{ended}")
        board += [f"    Bureau : {role} {_period(period)}" for role, period in seat.offices]
        board += [f"    Représentation au conseil national {_period(period)}" for period in seat.national]
    lines += _section("Conseil d'administration", board)
    lines += _section("Équipe salariée", [
        f"{post.job_title}{' (' + post.site + ')' if post.site else ''} {_period(post.period)}"
        f" ; accompagnements enregistrés à son nom : {post.actions_logged}"
        for post in record.staff
    ])
    lines += _section("Inscriptions à des événements", [
        f"{line.event}{' (' + _day(line.starts_on) + ')' if line.starts_on else ''}"
        f"{f', séance {line.session} sur {line.sessions}' if line.sessions > 1 else ''}"
        f"{' pour ' + line.organisation if line.organisation else ''} : {line.status}"
        for line in record.registrations
    ])
    lines += _section("Mentions dans des textes libres", [f"{m.place} : « {m.excerpt} »" for m in record.mentions])
    return "\n".join(lines) + "\n"


def _section(title: str, items: list[str]) -> list[str]:
    count = sum(1 for item in items if not item.startswith("    "))
    body = [item if item.startswith("    ") else f"  - {item}" for item in items] or ["  (néant)"]
    return ["", f"{title} ({count})", *body]


def _day(value: date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else "?"


def _period(period: Period) -> str:
    if period.start_on and period.end_on:
        return f"du {_day(period.start_on)} au {_day(period.end_on)}"
    if period.start_on:
        return f"depuis le {_day(period.start_on)}"
    return f"jusqu'au {_day(period.end_on)}" if period.end_on else "(dates non renseignées)"
