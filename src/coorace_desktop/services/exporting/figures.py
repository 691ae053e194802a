"""The members' yearly figures as exported (`coorace-desktop export figures`, *Fichier > Exporter
les chiffres annuels…*): one row per organisation and year, under the headings the figures
import reads (its fields, mapping.FIELDS[FIGURES]), so that the file imported back changes
nothing. The network's totals (no organisation) are not among them: the import has no row for
them."""

from sqlalchemy import func, select

from coorace_desktop.domain import Organisation, YearlyFigures
from coorace_desktop.services.exporting.spreadsheet import ExportColumn, TableExport
from coorace_desktop.services.importing.mapping import FIELDS, FIGURES
from coorace_desktop.services.listing import ListQuery, apply_search
from coorace_desktop.storage.database import Database

YEAR_FILTER = "year"

# The import's fields are the columns, in its order: organisation (name, SIRET), year, figures.
_COLUMNS = tuple(
    getattr(Organisation, field.key) if field.key in ("name", "siret") else getattr(YearlyFigures, field.key)
    for field in FIELDS[FIGURES]
)


def _filtered(statement, query: ListQuery):
    query.check(sort_keys=(), filter_names=(YEAR_FILTER,))
    statement = statement.join(Organisation, Organisation.id == YearlyFigures.organisation_id)
    if (year := query.filter(YEAR_FILTER)) is not None:
        statement = statement.where(YearlyFigures.year == year)
    return apply_search(statement, Organisation.search_key, query.search)


def count_figures(database: Database, query: ListQuery) -> int:
    with database.session() as session:
        return session.execute(_filtered(select(func.count()).select_from(YearlyFigures), query)).scalar_one()


def list_figures(database: Database, query: ListQuery, offset: int, limit: int) -> list[tuple]:
    """One page of rows, each the values of the import's fields in their order; by organisation, then year."""
    statement = _filtered(select(*_COLUMNS), query).order_by(Organisation.name_key, Organisation.id, YearlyFigures.year)
    with database.session() as session:
        return [tuple(row) for row in session.execute(statement.offset(offset).limit(limit))]


FIGURES_EXPORT = TableExport(
    "Chiffres annuels",
    tuple(ExportColumn(field.label, lambda row, index=index: row[index]) for index, field in enumerate(FIELDS[FIGURES])),
    count_figures,
    list_figures,
)
