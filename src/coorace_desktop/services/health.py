"""The state of a database as `coorace-desktop check` reports it: integrity, schema, counts."""

from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import SQLModel, select

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
    Site,
    StaffMember,
    SupportAction,
    Territory,
    YearlyFigures,
)
from coorace_desktop.storage.database import Database
from coorace_desktop.storage.integrity import integrity_problems

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


def counts(database: Database) -> dict[str, int]:
    with database.session() as session:
        return {name: session.exec(select(func.count()).select_from(table)).one() for name, table in COUNTED.items()}


def check_database(database: Database) -> HealthReport:
    return HealthReport(schema=database.schema_revision(), counts=counts(database), problems=integrity_problems(database))
