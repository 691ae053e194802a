"""Domain: SQLModel tables, vocabularies and pure validation. No session, no Qt, no ReportLab."""

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
from coorace_desktop.domain.reporting import ClosedYear, Partner, ReportText, YearClosingEvent, YearlyResource

__all__ = [
    "BoardMandate", "BureauOffice", "ClosedYear", "Contact", "Delegation", "DelegationSite", "Event",
    "EventKind", "GeneralAssembly", "Membership", "MembershipFee", "Mission", "NationalMandate",
    "Organisation", "OrganisationType", "Participation", "Partner", "Person", "Programme",
    "ProjectHolder", "ReportText", "Site", "StaffMember", "SupportAction", "Territory",
    "TerritoryStageChange", "YearClosingEvent", "YearlyFigures", "YearlyResource",
]
