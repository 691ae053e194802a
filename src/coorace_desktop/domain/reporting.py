"""What belongs to a year rather than to a tab: the delegation's resources, report texts, partners."""

from sqlalchemy import String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from coorace_desktop.domain.enums import ResourceKind


class YearlyResource(SQLModel, table=True):
    """The delegation's income of one kind for a year: an amount in euros, or only the share
    (percent) when that is all that was published."""

    __tablename__ = "yearly_resources"
    __table_args__ = (UniqueConstraint("year", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    year: int
    kind: ResourceKind = Field(sa_type=String(20))
    amount: int | None = None
    share_percent: float | None = None


class ReportText(SQLModel, table=True):
    """The texts written for one year's report: the rapport moral and who signs it."""

    __tablename__ = "report_texts"

    year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    moral_report: str = Field(default="", sa_type=Text)
    signatory_name: str = ""
    signatory_title: str = ""
    context: str = Field(default="", sa_type=Text)


class Partner(SQLModel, table=True):
    """A funder or partner thanked in the report."""

    __tablename__ = "partners"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    description: str = ""
    since_year: int | None = None
    until_year: int | None = None
