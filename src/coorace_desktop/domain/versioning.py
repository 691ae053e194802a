"""Optimistic concurrency: a version number on the records users edit in a dialog.

Two people may open the same record on two PCs; the second save must not silently undo the
first. Each record carries `version`, SQLAlchemy's version_id_col: 1 when inserted (by the ORM,
or by the server's default for Core and bulk inserts, which need not name it), incremented by
every ORM update, whose WHERE clause also checks it. Services compare it with the version a
dialog loaded and refuse a stale save (services.conflicts)."""

from typing import Any

from sqlalchemy import Column, Integer, text
from sqlalchemy.orm import declared_attr
from sqlmodel import Field

VERSION = "version"


def version_field() -> Any:
    """The `version` column of a versioned table (each table needs its own Column)."""
    return Field(default=1, sa_column=Column(VERSION, Integer, nullable=False, server_default=text("1")))


@declared_attr
def versioned(cls) -> dict:
    """`__mapper_args__ = versioned`: the ORM checks and increments `version` on every update."""
    return {"version_id_col": cls.__table__.c[VERSION]}
