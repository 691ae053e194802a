"""Domain: SQLModel tables, vocabularies and pure validation. No session, no Qt, no ReportLab.

Importing the package (or `domain.enums`, `domain.validation`…) loads no table: the tables are
in `domain.tables`, imported on first use of a name such as `domain.Organisation`."""


def __getattr__(name: str) -> object:
    # Only table names (capitalised): `from coorace_desktop.domain import validation` asks for
    # "validation" here before importing the submodule, and must not load every table for it.
    if name[:1].isupper():
        from coorace_desktop.domain import tables

        if name in tables.__all__:
            return getattr(tables, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
