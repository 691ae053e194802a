"""Member organisations (adhérents), their sites, contacts, membership, fees and yearly figures."""

from datetime import date

from sqlalchemy import BigInteger, Index, Integer, String, UniqueConstraint, text
from sqlmodel import Field

from coorace_desktop.domain.enums import DatePrecision, SiaeType
from coorace_desktop.domain.table import Table
from coorace_desktop.domain.versioning import version_field, versioned

# Whole euros: BIGINT on PostgreSQL, whose INTEGER stops at 2 147 483 647 (a group's consolidated
# turnover passes it); SQLite's INTEGER already holds 64 bits, so its files keep INTEGER
# (migration 0011_big_amounts).
EUROS = BigInteger().with_variant(Integer(), "sqlite")


class Person(Table, table=True):
    """Anyone the office deals with by name: contacts, board members, staff."""

    __tablename__ = "persons"
    __mapper_args__ = versioned

    id: int | None = Field(default=None, primary_key=True)
    first_name: str = ""
    last_name: str
    email: str = ""
    phone: str = ""
    notes: str = ""
    name_key: str = Field(default="", index=True)
    erased_on: date | None = None
    version: int = version_field()


class ErasureRecord(Table, table=True):
    """The erasure register: which person was erased and when, never their name. Not a foreign
    key: it outlives restoring an older file, whose matching person is then erased again."""

    __tablename__ = "erasures"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(unique=True)
    erased_on: date


class Organisation(Table, table=True):
    """A member organisation (or a former or prospective one)."""

    __tablename__ = "organisations"
    __mapper_args__ = versioned

    id: int | None = Field(default=None, primary_key=True)
    name: str
    siret: str = ""
    website: str = ""
    notes: str = ""
    name_key: str = Field(default="", index=True)
    search_key: str = ""
    version: int = version_field()


class OrganisationType(Table, table=True):
    """One SIAE agreement type held by an organisation (an organisation may hold several)."""

    __tablename__ = "organisation_types"

    organisation_id: int = Field(foreign_key="organisations.id", primary_key=True, ondelete="CASCADE")
    siae_type: SiaeType = Field(sa_type=String(8), primary_key=True)


class Site(Table, table=True):
    """A place where an organisation works; position 0 is its main site."""

    __tablename__ = "sites"

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisations.id", index=True, ondelete="CASCADE")
    position: int = 0
    address: str = ""
    postcode: str = ""
    city: str = ""
    department: str = Field(default="", sa_type=String(3), index=True)
    phone: str = ""
    email: str = ""


class Contact(Table, table=True):
    """A person acting for an organisation, in a role (directeur, présidente...)."""

    __tablename__ = "contacts"

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisations.id", index=True, ondelete="CASCADE")
    person_id: int = Field(foreign_key="persons.id", index=True, ondelete="RESTRICT")
    role: str = ""


class Membership(Table, table=True):
    """A period of membership: joined, and left when it ended; recorded_on, the day it was entered.

    A period entered without a joining date starts on the day it was recorded (see
    joining_day), so that it does not reach back into years already reported. joined_on is
    NULL only on periods entered before recorded_on existed (migration 0006 says how many)."""

    __tablename__ = "memberships"

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisations.id", index=True, ondelete="CASCADE")
    joined_on: date | None = None
    # How much of joined_on was known (DatePrecision): "2015" is kept as a year, not as 1 January.
    joined_precision: DatePrecision = Field(default=DatePrecision.DAY, sa_type=String(10), sa_column_kwargs={"server_default": "day"})
    left_on: date | None = None
    notes: str = ""
    recorded_on: date | None = Field(default_factory=date.today)


class MembershipFee(Table, table=True):
    """The fee (cotisation) of an organisation for a year, in whole euros, and its call.

    A call has its number in the year (2021-014: `number` 14, gap-free, see services/fees/calls);
    a fee without a number is not called yet. Payments are FeePayment rows (domain/fees.py);
    `manual_reason` says why the amount is not the scale's."""

    __tablename__ = "membership_fees"
    __table_args__ = (UniqueConstraint("organisation_id", "year"), UniqueConstraint("year", "number", name="uq_membership_fees_year_number"))

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisations.id", index=True, ondelete="CASCADE")
    year: int
    amount: int = Field(default=0, sa_type=EUROS)
    manual_reason: str = Field(default="", sa_column_kwargs={"server_default": ""})
    number: int | None = None
    called_on: date | None = None
    due_on: date | None = None
    cancelled_on: date | None = None
    reminder_level: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    reminded_on: date | None = None


class YearlyFigures(Table, table=True):
    """The observatoire's figures for one year: of one organisation, or (organisation_id NULL)
    the network's totals as published when per-member figures were not collected.

    A missing figure is NULL (unknown), never 0. Money in whole euros."""

    __tablename__ = "yearly_figures"
    __table_args__ = (
        UniqueConstraint("organisation_id", "year"),
        # One network total per year. Migration 0001 creates it with the same condition on
        # PostgreSQL; naming `postgresql_where` here would load SQLAlchemy's PostgreSQL dialect
        # (~30 ms) at every start of the window on a file. Alembic does not compare index
        # conditions: tests/storage/test_migrations.py checks the index is partial on both.
        Index("ix_yearly_figures_network_year", "year", unique=True, sqlite_where=text("organisation_id IS NULL")),
    )

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int | None = Field(
        default=None, foreign_key="organisations.id", index=True, ondelete="CASCADE"
    )
    year: int = Field(index=True)
    turnover: int | None = Field(default=None, sa_type=EUROS)
    gross_wages: int | None = Field(default=None, sa_type=EUROS)
    public_funding: int | None = Field(default=None, sa_type=EUROS)
    insertion_employees: int | None = None
    permanent_staff: int | None = None
    fte: float | None = None
    insertion_hours: int | None = None
    organisations_covered: int | None = None
    source: str = ""


def joining_day(typed: date | None, recorded_on: date) -> date:
    """The start of a period entered on `recorded_on`: the date typed, else that day."""
    return typed or recorded_on
