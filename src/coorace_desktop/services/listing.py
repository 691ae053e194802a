"""What every table's list query shares: the query a table sends, search and sort in SQL."""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from sqlalchemy import Select, and_, case, literal
from sqlalchemy.sql import ColumnElement

from coorace_desktop.domain.text import fold


@dataclass(frozen=True)
class ListQuery:
    """What a table shows: the search text, filters by name, and the sort."""

    search: str = ""
    filters: Mapping[str, object] = field(default_factory=dict)
    sort_key: str = ""
    descending: bool = False

    def with_filter(self, name: str, value: object) -> "ListQuery":
        filters = {key: val for key, val in self.filters.items() if key != name}
        if value is not None and value != "":
            filters[name] = value
        return replace(self, filters=filters)

    def filter(self, name: str, default: object = None) -> object:
        return self.filters.get(name, default)


def search_condition(column: ColumnElement, text: str) -> ColumnElement | None:
    """Every word of the user's text, folded, must appear in the folded key column."""
    words = fold(text).split()
    if not words:
        return None
    return and_(*(column.like(f"%{word}%") for word in words))


def match_rank(name_key: ColumnElement, text: str) -> ColumnElement:
    """How well a folded name matches the typed text, best first: 0 the exact name, 1 its start,
    2 a word's start, 3 anywhere (so "valoris" proposes VALORIS before LES RUDOVALORISTES)."""
    typed = fold(text)
    if not typed:
        return literal(3)
    return case(
        (name_key == typed, 0),
        (name_key.like(f"{typed}%"), 1),
        (name_key.like(f"% {typed}%"), 2),
        else_=3,
    )


def apply_search(statement: Select, column: ColumnElement, text: str) -> Select:
    condition = search_condition(column, text)
    return statement if condition is None else statement.where(condition)


def apply_sort(
    statement: Select, sort_columns: Mapping[str, ColumnElement], query: ListQuery, tiebreak: ColumnElement
) -> Select:
    """ORDER BY the chosen column (unknown keys fall back to the first), then by the tiebreak,
    so that paging is stable."""
    # `is None`, not `or`: SQL expressions other than plain columns refuse bool().
    column = sort_columns.get(query.sort_key)
    if column is None:
        column = next(iter(sort_columns.values()))
    # NULL (no site, no year) comes first going up and last going down, as on SQLite, whose default
    # this is (so its indexes still serve); PostgreSQL's default is the opposite.
    ordered = column.desc().nulls_last() if query.descending else column.asc().nulls_first()
    return statement.order_by(ordered, tiebreak.desc() if query.descending else tiebreak.asc())
