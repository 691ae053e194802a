"""What belongs to a year rather than to a tab: the delegation's resources, report texts, partners."""

from datetime import datetime

from sqlalchemy import JSON, LargeBinary, String, Text, UniqueConstraint
from sqlmodel import Field

from coorace_desktop.domain.enums import ResourceKind
from coorace_desktop.domain.organisations import EUROS
from coorace_desktop.domain.table import Table


class YearlyResource(Table, table=True):
    """The delegation's income of one kind for a year: an amount in euros, or only the share
    (percent) when that is all that was published."""

    __tablename__ = "yearly_resources"
    __table_args__ = (UniqueConstraint("year", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    year: int
    kind: ResourceKind = Field(sa_type=String(20))
    amount: int | None = Field(default=None, sa_type=EUROS)
    share_percent: float | None = None


class ReportText(Table, table=True):
    """The texts written for one year's report: the rapport moral and who signs it."""

    __tablename__ = "report_texts"

    year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    moral_report: str = Field(default="", sa_type=Text)
    signatory_name: str = ""
    signatory_title: str = ""
    context: str = Field(default="", sa_type=Text)


class Partner(Table, table=True):
    """A funder or partner thanked in the report."""

    __tablename__ = "partners"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    description: str = ""
    since_year: int | None = None
    until_year: int | None = None


class ClosedYear(Table, table=True):
    """A year whose report was sent: the PDF as printed then (served as stored, so that later
    migrations never change it), its SHA-256, and the facts it printed (context, a JSON object
    of version CONTEXT_VERSION) that the live data is compared with."""

    __tablename__ = "closed_years"

    year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    closed_at: datetime
    closed_by: str
    pdf: bytes = Field(sa_type=LargeBinary)
    sha256: str = Field(sa_type=String(64))
    context: dict = Field(sa_type=JSON)
    context_version: int = 1
    # The accessible edition as published at closing (UTF-8); None for years closed before 0008.
    html: bytes | None = Field(default=None, sa_type=LargeBinary)


class YearClosingEvent(Table, table=True):
    """The history of closing and reopening a year's report: reopening says why, and keeps the
    PDF that had been closed (what was sent is never lost)."""

    __tablename__ = "year_closing_events"

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(index=True)
    action: str = Field(sa_type=String(10))  # "close" or "reopen"
    at: datetime
    by: str
    reason: str = Field(default="", sa_type=Text)
    sha256: str = Field(default="", sa_type=String(64))
    pdf: bytes | None = Field(default=None, sa_type=LargeBinary)
