"""The national SIAE reference data (data·inclusion, les emplois de l'inclusion), kept apart
from the members: one table replaced as a whole at each import, and what that import read."""

from datetime import date, datetime

from sqlalchemy import String
from sqlmodel import Field

from coorace_desktop.domain.enums import LabelledEnum
from coorace_desktop.domain.table import Table


class ReferenceSource(LabelledEnum):
    DATA_INCLUSION = "data_inclusion", "data·inclusion"
    EMPLOIS = "emplois", "les emplois de l'inclusion"


# The agreement types the references list (les emplois de l'inclusion's, which data·inclusion's
# « typologie » shares); an entry of data·inclusion of another kind (a town hall, a CCAS) is left
# out unless the Coorace network carries it.
REFERENCE_TYPES = ("EI", "AI", "ACI", "ETTI", "EITI", "GEIQ", "EA", "EATT", "OPCS")


class SiaeReference(Table, table=True):
    """One SIAE as the reference file lists it. `types` and `networks` are comma-separated."""

    __tablename__ = "siae_reference"

    id: int | None = Field(default=None, primary_key=True)
    siret: str = Field(sa_type=String(14), unique=True)
    siren: str = Field(sa_type=String(9), index=True)
    name: str
    types: str = ""
    address: str = ""
    postcode: str = Field(default="", sa_type=String(5))
    city: str = ""
    department: str = Field(default="", sa_type=String(3), index=True)
    phone: str = ""
    email: str = ""
    website: str = ""
    networks: str = ""
    source: ReferenceSource = Field(sa_type=String(20))
    updated_on: date | None = None  # the entry's own date (data·inclusion's date_maj)


class ReferenceImport(Table, table=True):
    """The import the reference table holds now (one row, replaced with the table): its files,
    their date, and what was left out of them."""

    __tablename__ = "siae_reference_imports"

    id: int | None = Field(default=None, primary_key=True)
    source: ReferenceSource = Field(sa_type=String(20))
    files: str
    file_date: date | None = None
    imported_at: datetime
    entries: int = 0
    without_siret: int = 0
    invalid_siret: int = 0
    duplicates: int = 0
    other_kinds: int = 0
