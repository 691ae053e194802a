"""The base of every table class: pydantic builds a model's validators and serializers when they
are first used, not when the class is defined. SQLAlchemy fills the tables' rows without them,
so most are never built: ~2 ms of CPU saved per table loaded (the 13 the members table needs at
start, the others when their tab opens)."""

from pydantic import ConfigDict
from sqlmodel import SQLModel


class Table(SQLModel):
    model_config = ConfigDict(defer_build=True)
