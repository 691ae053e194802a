"""Domain: SQLModel tables, vocabularies and pure validation. No session, no Qt, no ReportLab.

Importing the package (or `domain.enums`, `domain.validation`…) loads no table: a name such as
`domain.Organisation` imports its own module on first use, and `domain.tables` every one."""

from importlib import import_module

# The table classes, by the module that defines them.
TABLES = {
    "organisations": ("Contact", "ErasureRecord", "Membership", "MembershipFee", "Organisation", "OrganisationType", "Person", "Site", "YearlyFigures"),
    "governance": ("BoardMandate", "BureauOffice", "Delegation", "DelegationSite", "GeneralAssembly", "Mission", "NationalMandate", "StaffMember"),
    "accompaniment": ("Programme", "ProjectHolder", "SupportAction", "Territory", "TerritoryStageChange"),
    "events": ("Event", "EventKind", "Participation"),
    "reporting": ("ClosedYear", "Partner", "ReportText", "YearClosingEvent", "YearlyResource"),
}
_HOME = {name: module for module, names in TABLES.items() for name in names}


def __getattr__(name: str) -> object:
    # Called for names not yet set, submodules included ("validation" in `from
    # coorace_desktop.domain import validation`): only table names import anything here.
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)
