"""Domain: SQLModel tables, vocabularies and pure validation. No session, no Qt, no ReportLab.

Importing the package (or `domain.enums`, `domain.validation`…) loads no table: a name such as
`domain.Organisation` imports its own module on first use, and `domain.tables` every one."""

from importlib import import_module

# The table classes and their tables, by the module that defines them (the names let the opening
# of a file check that no table is missing without loading the models: tests/domain/test_tables.py).
TABLES = {
    "organisations": {
        "Contact": "contacts", "ErasureRecord": "erasures", "Membership": "memberships", "MembershipFee": "membership_fees",
        "Organisation": "organisations", "OrganisationType": "organisation_types", "Person": "persons", "Site": "sites",
        "YearlyFigures": "yearly_figures",
    },
    "governance": {
        "BoardMandate": "board_mandates", "BureauOffice": "bureau_offices", "Delegation": "delegation",
        "DelegationSite": "delegation_sites", "GeneralAssembly": "general_assemblies", "Mission": "missions",
        "NationalMandate": "national_mandates", "StaffMember": "staff",
    },
    "accompaniment": {
        "Programme": "programmes", "ProjectHolder": "project_holders", "SupportAction": "support_actions",
        "Territory": "territories", "TerritoryStageChange": "territory_stage_changes",
    },
    "fees": {"FeeBracket": "fee_brackets", "FeePayment": "fee_payments", "FeeScale": "fee_scales", "FeeTypeAmount": "fee_type_amounts"},
    "events": {
        "Event": "events", "EventKind": "event_kinds", "Participation": "participations", "Registration": "registrations",
    },
    "reporting": {
        "ClosedYear": "closed_years", "Partner": "partners", "ReportText": "report_texts",
        "YearClosingEvent": "year_closing_events", "YearlyResource": "yearly_resources",
    },
    "reference": {"ReferenceImport": "siae_reference_imports", "SiaeReference": "siae_reference"},
}
TABLE_NAMES = frozenset(table for tables in TABLES.values() for table in tables.values())
_HOME = {name: module for module, names in TABLES.items() for name in names}


def __getattr__(name: str) -> object:
    # Called for names not yet set, submodules included ("validation" in `from
    # coorace_desktop.domain import validation`): only table names import anything here.
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)
