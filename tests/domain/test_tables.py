"""The domain package names every table, and loads one only when it is asked for."""

import subprocess
import sys

from sqlmodel import SQLModel

import coorace_desktop.domain as domain
from coorace_desktop.domain.tables import metadata


def test_every_registered_table_is_named_by_the_package():
    named = {getattr(domain, name).__tablename__ for names in domain.TABLES.values() for name in names}
    registered = {table.name for table in metadata.sorted_tables}
    assert named == registered and all(isinstance(getattr(domain, name), type) for name in domain._HOME)
    assert {name: getattr(domain, name).__tablename__ for name in domain._HOME} == {
        name: table for tables in domain.TABLES.values() for name, table in tables.items()
    }
    assert domain.TABLE_NAMES == registered
    assert issubclass(domain.Organisation, SQLModel)


def test_no_table_class_builds_its_pydantic_validators_when_defined():
    """SQLAlchemy fills rows without them: each table built them for nothing at start (~2 ms each)."""
    classes = [getattr(domain, name) for name in domain._HOME]
    assert not [table.__name__ for table in classes if table.__pydantic_complete__]
    organisation = domain.Organisation(name="ESPACE EMPLOI")  # still usable as a model
    assert organisation.model_dump()["name"] == "ESPACE EMPLOI"


def test_importing_the_vocabularies_or_one_table_loads_no_other_table():
    code = (
        "import sys\n"
        "from coorace_desktop.domain import enums, validation\n"
        "print('sqlmodel' in sys.modules)\n"
        "from coorace_desktop.domain import Organisation\n"
        "others = {'coorace_desktop.domain.' + name for name in ('accompaniment', 'events', 'governance', 'reporting')}\n"
        "print(sorted(others & set(sys.modules)))\n"
    )
    printed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert printed[:2] == ["False", "[]"]
