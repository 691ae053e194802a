"""What every table's list query shares: the query a table sends, search and sort in SQL."""

from collections.abc import Collection, Mapping
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

    def check(self, *, sort_keys: Collection[str] | None = None, filter_names: Collection[str] | None = None) -> None:
        """ValueError unless the sort key (no key: the list's default) and the filters are among those named.

        A key a list does not know is a programming error: refused, never silently replaced by
        another order or ignored (the table would show rows the user did not ask for)."""
        if sort_keys is not None and self.sort_key and self.sort_key not in sort_keys:
            raise ValueError(f"Tri inconnu « {self.sort_key} » : tris possibles {', '.join(sorted(sort_keys))}.")
        unknown = sorted(set(self.filters) - set(filter_names)) if filter_names is not None else []
        if unknown:
            raise ValueError(f"Filtre inconnu « {', '.join(unknown)} » : filtres possibles {', '.join(sorted(filter_names)) or 'aucun'}.")


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
    """ORDER BY the chosen column (no key: the first; an unknown key: ValueError), then by the
    tiebreak, so that paging is stable."""
    query.check(sort_keys=sort_columns)
    column = sort_columns[query.sort_key] if query.sort_key else next(iter(sort_columns.values()))
    # NULL (no site, no year) comes first going up and last going down, as on SQLite, whose default
    # this is (so its indexes still serve); PostgreSQL's default is the opposite.
    ordered = column.desc().nulls_last() if query.descending else column.asc().nulls_first()
    return statement.order_by(ordered, tiebreak.desc() if query.descending else tiebreak.asc())
