"""The delegation itself: general assemblies, board mandates, bureau, national seats, staff."""

from datetime import date

from sqlalchemy import String
from sqlmodel import Field

from coorace_desktop.domain.enums import AssemblyKind, BureauRole, OfficeForm
from coorace_desktop.domain.table import Table
from coorace_desktop.domain.versioning import version_field, versioned


class Delegation(Table, table=True):
    """The delegation's profile, printed by the report (a single row)."""

    __tablename__ = "delegation"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    summary: str = ""


class DelegationSite(Table, table=True):
    """One of the delegation's own offices (Toulouse, Montpellier)."""

    __tablename__ = "delegation_sites"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    address: str = ""
    postcode: str = ""
    city: str = ""
    opened_on: date | None = None


class Mission(Table, table=True):
    """One of the delegation's missions, in the order the report prints them."""

    __tablename__ = "missions"

    id: int | None = Field(default=None, primary_key=True)
    position: int
    title: str
    text: str = ""


class GeneralAssembly(Table, table=True):
    """An assemblée générale, where the board is elected."""

    __tablename__ = "general_assemblies"

    id: int | None = Field(default=None, primary_key=True)
    held_on: date = Field(index=True)
    place: str = ""
    kind: AssemblyKind = Field(default=AssemblyKind.ORDINARY, sa_type=String(20))
    notes: str = ""


class BoardMandate(Table, table=True):
    """A seat on the board: a person representing a member organisation, from start to end."""

    __tablename__ = "board_mandates"
    __mapper_args__ = versioned

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="persons.id", index=True, ondelete="RESTRICT")
    organisation_id: int = Field(foreign_key="organisations.id", index=True, ondelete="RESTRICT")
    assembly_id: int | None = Field(
        default=None, foreign_key="general_assemblies.id", index=True, ondelete="RESTRICT"
    )
    start_on: date
    end_on: date | None = None
    end_reason: str = ""
    version: int = version_field()


class BureauOffice(Table, table=True):
    """An office of the bureau held by a board member over a period."""

    __tablename__ = "bureau_offices"

    id: int | None = Field(default=None, primary_key=True)
    mandate_id: int = Field(foreign_key="board_mandates.id", index=True, ondelete="CASCADE")
    role: BureauRole = Field(sa_type=String(20))
    form: OfficeForm | None = Field(default=None, sa_type=String(10))  # None: given before forms were chosen
    start_on: date
    end_on: date | None = None


class NationalMandate(Table, table=True):
    """A board member's seat representing the region at the national federation's board."""

    __tablename__ = "national_mandates"

    id: int | None = Field(default=None, primary_key=True)
    mandate_id: int = Field(foreign_key="board_mandates.id", index=True, ondelete="CASCADE")
    start_on: date
    end_on: date | None = None


class StaffMember(Table, table=True):
    """A post in the delegation's own team (équipe salariée)."""

    __tablename__ = "staff"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="persons.id", index=True, ondelete="RESTRICT")
    job_title: str
    site_id: int | None = Field(default=None, foreign_key="delegation_sites.id", ondelete="RESTRICT")
    start_on: date | None = None
    end_on: date | None = None
