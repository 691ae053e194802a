"""Every table of the schema, imported: what migrations, transfers and the models-vs-migrations
test read from SQLModel.metadata (`metadata` here), and what `coorace_desktop.domain.X` resolves."""

from sqlmodel import SQLModel

from coorace_desktop.domain.accompaniment import (
    Programme,
    ProjectHolder,
    SupportAction,
    Territory,
    TerritoryStageChange,
)
from coorace_desktop.domain.events import Event, EventKind, Participation
from coorace_desktop.domain.governance import (
    BoardMandate,
    BureauOffice,
    Delegation,
    DelegationSite,
    GeneralAssembly,
    Mission,
    NationalMandate,
    StaffMember,
)
from coorace_desktop.domain.organisations import (
    Contact,
    Membership,
    MembershipFee,
    Organisation,
    OrganisationType,
    Person,
    Site,
    YearlyFigures,
)
from coorace_desktop.domain.reporting import Partner, ReportText, YearlyResource

__all__ = [
    "metadata",
    "BoardMandate", "BureauOffice", "Contact", "Delegation", "DelegationSite", "Event",
    "EventKind", "GeneralAssembly", "Membership", "MembershipFee", "Mission", "NationalMandate",
    "Organisation", "OrganisationType", "Participation", "Partner", "Person", "Programme",
    "ProjectHolder", "ReportText", "Site", "StaffMember", "SupportAction", "Territory",
    "TerritoryStageChange", "YearlyFigures", "YearlyResource",
]

metadata = SQLModel.metadata
