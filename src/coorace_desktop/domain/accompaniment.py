"""Support actions of the mission officers, project holders and TZCLD territories."""

from datetime import date

from sqlalchemy import CheckConstraint, Index, String
from sqlmodel import Field

from coorace_desktop.domain.enums import (
    ActionKind,
    ActionOutcome,
    ProjectHolderStatus,
    TerritoryStage,
)
from coorace_desktop.domain.table import Table
from coorace_desktop.domain.versioning import version_field, versioned

# SQLite only: the support actions' index covering what their running totals add up, by id.
TOTALS_INDEX = "ix_support_actions_totals"

class Programme(Table, table=True):
    """A programme support actions belong to (Zest', CEDRE ISO 9001...); the office adds its own."""

    __tablename__ = "programmes"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    active: bool = True


class ProjectHolder(Table, table=True):
    """A porteur de projet: someone with a project who is not (yet) a member."""

    __tablename__ = "project_holders"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    contact_name: str = ""
    email: str = ""
    phone: str = ""
    project: str = ""
    territory: str = ""
    department: str = Field(default="", sa_type=String(3))
    status: ProjectHolderStatus = Field(default=ProjectHolderStatus.CONTACT, sa_type=String(20))
    organisation_id: int | None = Field(
        default=None, foreign_key="organisations.id", index=True, ondelete="SET NULL"
    )
    notes: str = ""
    name_key: str = Field(default="", index=True)


class Territory(Table, table=True):
    """A TZCLD territory (Territoires zéro chômeur de longue durée)."""

    __tablename__ = "territories"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    department: str = Field(default="", sa_type=String(3))
    notes: str = ""
    name_key: str = Field(default="", index=True)


class TerritoryStageChange(Table, table=True):
    """The date a territory reached a stage; its stage at a date is the latest change before it."""

    __tablename__ = "territory_stage_changes"

    id: int | None = Field(default=None, primary_key=True)
    territory_id: int = Field(foreign_key="territories.id", index=True, ondelete="CASCADE")
    stage: TerritoryStage = Field(sa_type=String(20))
    changed_on: date


class SupportAction(Table, table=True):
    """One support action logged by a mission officer.

    The beneficiary is exactly one of: a member organisation, a project holder, a territory,
    or a group known only by its size (group_count) when the names were not recorded.
    officer_id is NULL only for actions recorded from a past report that does not name the officer."""

    __tablename__ = "support_actions"
    __mapper_args__ = versioned
    __table_args__ = (
        CheckConstraint(
            "(CASE WHEN organisation_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN project_holder_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN territory_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN group_count IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_beneficiary",
        ),
        CheckConstraint("group_count IS NULL OR group_count > 0", name="group_count_positive"),
        CheckConstraint("hours >= 0", name="hours_not_negative"),
        Index("ix_support_actions_programme_date", "programme_id", "action_date"),
        # Searching the notes scans this narrow index instead of the table (half the bytes);
        # SQLite only: PostgreSQL refuses B-tree entries over ~2.7 kB, which long notes reach.
        Index("ix_support_actions_search_key", "search_key", "action_date").ddl_if(dialect="sqlite"),
        # Every column of the actions table sorts through an index (migration 0013_sort_keys,
        # which also indexes the notes' start and keeps beneficiary_key by triggers).
        Index("ix_support_actions_beneficiary_key", "beneficiary_key", "id"),
        Index("ix_support_actions_hours", "hours", "id"),
        Index("ix_support_actions_kind", "kind", "id"),
        Index("ix_support_actions_outcome", "outcome", "id"),
        # Named by the running totals of a search (0018_action_totals).
        Index(TOTALS_INDEX, "id", "organisation_id", "project_holder_id", "territory_id", "group_count", "hours")
        .ddl_if(dialect="sqlite"),
    )

    id: int | None = Field(default=None, primary_key=True)
    action_date: date = Field(index=True)
    officer_id: int | None = Field(default=None, foreign_key="staff.id", index=True, ondelete="RESTRICT")
    organisation_id: int | None = Field(
        default=None, foreign_key="organisations.id", index=True, ondelete="RESTRICT"
    )
    project_holder_id: int | None = Field(
        default=None, foreign_key="project_holders.id", index=True, ondelete="RESTRICT"
    )
    territory_id: int | None = Field(
        default=None, foreign_key="territories.id", index=True, ondelete="RESTRICT"
    )
    group_count: int | None = None
    group_label: str = ""
    programme_id: int = Field(foreign_key="programmes.id", index=True, ondelete="RESTRICT")
    kind: ActionKind = Field(sa_type=String(30))
    hours: float = 0
    outcome: ActionOutcome = Field(default=ActionOutcome.DONE, sa_type=String(20))
    notes: str = ""
    search_key: str = ""
    # The folded name of the beneficiary (a group: its search key's start), for sorting; kept by
    # the database's triggers (migration 0013_sort_keys), whatever a writer puts there.
    beneficiary_key: str = ""
    version: int = version_field()
