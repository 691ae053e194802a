"""The state of a database as `coorace-desktop check` reports it, and its repair (`check --repair`)."""

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, SQLModel, select

from coorace_desktop.domain import (
    BoardMandate,
    BureauOffice,
    Contact,
    Event,
    GeneralAssembly,
    Membership,
    MembershipFee,
    Organisation,
    Participation,
    Partner,
    Person,
    ProjectHolder,
    Registration,
    Site,
    StaffMember,
    SupportAction,
    Territory,
    YearlyFigures,
)
from coorace_desktop.services.derived_keys import key_problems, refresh_keys
from coorace_desktop.storage.backup import BackupKind, safety_copy
from coorace_desktop.storage.database import Database
from coorace_desktop.storage.errors import StorageError
from coorace_desktop.storage.integrity import integrity_problems, rebuild_derived

# What a user counts, under the names `check --json` prints.
COUNTED: dict[str, type[SQLModel]] = {
    "organisations": Organisation,
    "sites": Site,
    "contacts": Contact,
    "persons": Person,
    "memberships": Membership,
    "membership_fees": MembershipFee,
    "yearly_figures": YearlyFigures,
    "general_assemblies": GeneralAssembly,
    "board_members": BoardMandate,
    "bureau_offices": BureauOffice,
    "staff": StaffMember,
    "support_actions": SupportAction,
    "project_holders": ProjectHolder,
    "territories": Territory,
    "events": Event,
    "participations": Participation,
    "registrations": Registration,
    "partners": Partner,
}


@dataclass
class HealthReport:
    schema: str | None
    counts: dict[str, int]
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class RepairReport:
    before: HealthReport
    after: HealthReport
    done: list[str]
    safety_copy: Path | None


def counts(database: Database) -> dict[str, int]:
    with database.session() as session:
        return _counts(session)


def _counts(session: Session) -> dict[str, int]:
    return {name: session.exec(select(func.count()).select_from(table)).one() for name, table in COUNTED.items()}


def check_database(database: Database) -> HealthReport:
    """integrity_check, foreign_key_check, each word index, the schema, the stored search keys."""
    problems = integrity_problems(database)
    with database.session() as session:
        problems += key_problems(session)
        return HealthReport(schema=database.schema_revision(), counts=_counts(session), problems=problems)


def repair_database(database: Database) -> RepairReport:
    """Take a safety copy, rebuild what is derived (word indexes, indexes, search keys) in one
    transaction, then check again. Never deletes a user's row: any count change rolls it back."""
    before = check_database(database)
    if before.ok:
        return RepairReport(before, before, [], None)
    copy = safety_copy(database.path, BackupKind.BEFORE_REPAIR)[0] if database.path else None
    with Session(database.engine, expire_on_commit=False) as session, session.begin():
        done = rebuild_derived(session.connection()) if database.path else []
        refreshed = refresh_keys(session)
        done += [f"Clés de recherche recalculées : {count} {label}." for label, count in refreshed.items()]
        if _counts(session) != before.counts:
            raise StorageError("La réparation aurait changé le nombre de lignes : elle est annulée, rien n'a changé.")
    return RepairReport(before, check_database(database), done, copy.path if copy else None)
