"""Every table of the schema registered on `metadata` (SQLModel's): what migrations, transfers
and the models-vs-migrations test need."""

from importlib import import_module

from sqlmodel import SQLModel

from coorace_desktop.domain import TABLES

for _module in TABLES:
    import_module(f"coorace_desktop.domain.{_module}")

metadata = SQLModel.metadata
