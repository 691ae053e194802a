"""What every table's list query shares: the query a table sends, search and sort in SQL."""

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from operator import attrgetter

from sqlalchemy import ARRAY, Integer, Select, and_, any_, bindparam, case, func, literal, select
from sqlalchemy.sql import ColumnElement

from coorace_desktop.domain.text import fold
from coorace_desktop.storage.engine import is_sqlite
from coorace_desktop.storage.word_search import (
    ROW_COUNTS,
    count_in_word_table,
    has_words,
    ids_in_word_table,
    ids_with_words,
    starts_words,
    typed_words,
)

# A search matching this many rows or more is a common word (see word_condition).
COMMON_WORDS = 5000


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


def by_label(labels: Mapping[object, str]) -> list:
    """Codes in the order of their French labels, accents aside (Évaluation between D and F)."""
    return sorted(labels, key=lambda value: fold(labels[value]))


def segmented_ids(
    session, ids: Select, column: ColumnElement, values: Sequence[object], tiebreak: ColumnElement,
    descending: bool, offset: int, limit: int,
) -> list[int]:
    """A page of `ids` sorted by a code in the order of `values` (codes sorted by their labels:
    a few values, each a range of the index on (column, tiebreak)), then by the tiebreak; read
    segment by segment, where one sort by a CASE over the labels reads and sorts every row."""
    values = list(reversed(values) if descending else values)
    sizes: dict[object, int] = {}
    if offset:  # the segments before the page are only counted
        sizes = dict(session.execute(ids.with_only_columns(column, func.count()).group_by(column)).all())
    page: list[int] = []
    for value in values:
        if offset and offset >= (size := sizes.get(value, 0)):
            offset -= size
            continue
        segment = ids.where(column.is_(None) if value is None else column == value)
        segment = segment.order_by(tiebreak.desc() if descending else tiebreak).offset(offset).limit(limit - len(page))
        page += session.execute(segment).scalars().all()
        offset = 0
        if len(page) == limit:
            break
    return page


def ordered_page(
    session, ids: Select, order: Sequence[ColumnElement], descending: bool, offset: int, limit: int,
    kept_total: Callable[[], int | None],
) -> list[int]:
    """A page of `ids` sorted by the columns of `order` (all one way). Past the middle of the rows,
    when the database keeps their number (`kept_total`, asked only for a page past the first; None:
    it does not), the page is read backwards from the end: an OFFSET walks every row before the page
    (the last page of 200,000 events took 11-14 ms on PostgreSQL, where its index walks like
    SQLite's in 4)."""
    total = kept_total() if offset else None
    backwards = total is not None and offset > total / 2
    if backwards:
        offset, limit = max(total - offset - limit, 0), min(limit, total - offset)
        if limit <= 0:
            return []
    ordered = ids.order_by(*(column.desc() if descending != backwards else column for column in order))
    page = session.execute(ordered.offset(offset).limit(limit)).scalars().all()
    return page[::-1] if backwards else page


def kept_count(session, model) -> int | None:
    """How many rows the model's table holds, as PostgreSQL's triggers keep it (ROW_COUNTS: it
    counts rows by reading them, 30 ms for 200,000 events); None on SQLite, or for a table whose
    number is not kept."""
    if is_sqlite(session.get_bind().url) or (counts := ROW_COUNTS.get(model.__tablename__)) is None:
        return None
    return session.execute(select(*counts.c)).scalar_one()


def among(session, column: ColumnElement[int], ids: Sequence[int]) -> ColumnElement[bool]:
    """`column IN ids`; on PostgreSQL as one array parameter (`= ANY`): thousands of ids as as many
    parameters took longer to send and plan than the search that found them (3,338 events: 32 ms),
    and a page's 200 made a statement too long for psycopg to cache its parsing (~2 ms a page)."""
    if is_sqlite(session.get_bind().url):
        return column.in_(ids)
    return column == any_(bindparam("ids", list(ids), type_=ARRAY(Integer), unique=True))


def word_condition(session, model, typed: str, walking: bool) -> ColumnElement[bool] | None:
    """The condition of a search in a table with a word index (support actions, events; by its
    `id` and `search_key`), or None when nothing is typed. A few matches (a rare word: see
    rare_matches) are read by id from the word index; so are many (a common word: COMMON_WORDS
    matches or more) unless an index walks the rows anyway (`walking`: a page in the sort's order,
    or a filter's index), which then match each row's key: building the word index's list of 38,000
    ids would cost more than that whole page. On PostgreSQL, a common search not walked is the GIN
    condition, which reads the rows themselves; a walked one reads each row's key as on SQLite,
    where to_tsvector would parse it (10 times longer)."""
    if not typed_words(typed):
        return None
    sqlite = is_sqlite(session.get_bind().url)
    if sqlite and not walking:  # the word index's ids, however many: no need to probe how many
        return model.id.in_(ids_with_words(model.__tablename__, typed))
    if (rare := rare_matches(session, model, typed)) is not None:
        return rare
    return starts_words(model.search_key, typed) if walking or sqlite else has_words(model.search_key, typed)


def rare_matches(session, model, typed: str) -> ColumnElement[bool] | None:
    """The matches of a rare search (fewer than COMMON_WORDS) as a condition reading them by id,
    or None for a common one (or nothing typed). SQLite probes how many there are in its word
    index (~2 ms). PostgreSQL counts up to COMMON_WORDS ids of each typed word in its table of
    words (~1 ms each, in one statement); when one is rare, the few matching ids are read (every
    word rare: joined in that table, 0.4 ms; else the rarest word's rows holding the others, on
    their keys) and sent as a list: given a subquery or its GIN condition, its planner walks the
    sort's index computing each row's words (2-3 s when none matches)."""
    if not (words := typed_words(typed)):
        return None
    table = model.__tablename__
    if is_sqlite(session.get_bind().url):
        probe = select(func.count()).select_from(ids_with_words(table, typed, COMMON_WORDS).subquery())
        return model.id.in_(ids_with_words(table, typed)) if session.execute(probe).scalar_one() < COMMON_WORDS else None
    probes = (select(func.count()).select_from(ids_in_word_table(table, [word]).limit(COMMON_WORDS).subquery()).scalar_subquery()
              for word in words)
    counts = dict(zip(words, session.execute(select(*probes)).one()))
    rarest = min(words, key=counts.__getitem__)
    if counts[rarest] >= COMMON_WORDS:
        return None
    if max(counts.values()) < COMMON_WORDS:  # every word rare: their ids joined in the table of words
        matches = set(session.execute(ids_in_word_table(table, words)).scalars().all())
    else:  # the rarest word's rows, those holding the other words matched on their keys
        rows = select(model.id).where(model.id.in_(ids_in_word_table(table, [rarest])), starts_words(model.search_key, typed))
        matches = set(session.execute(rows).scalars().all())
    return among(session, model.id, sorted(matches))


def word_count(session, model, typed: str) -> int | None:
    """How many rows a search alone matches, counted in the word index (SQLite: 5 ms for a word in
    38,000 actions; PostgreSQL: 6 ms by the key of its table of words, where its GIN index read
    every matching row), or None when nothing is typed."""
    if not (words := typed_words(typed)):
        return None
    if is_sqlite(session.get_bind().url):
        return session.execute(select(func.count()).select_from(ids_with_words(model.__tablename__, typed).subquery())).scalar_one()
    statement, values = count_in_word_table(model.__tablename__, words)
    return session.execute(statement, values).scalar_one()


@dataclass(frozen=True)
class RowsInMemory:
    """A table's rows computed in Python and held in memory (a few thousand: the SIAE reference
    against the members, a fee scale's preview), searched, filtered and sorted as the SQL list
    queries are: what DataTable and the exports call. `identity` breaks ties, so that pages join up."""

    rows: Callable[[], Sequence]
    sort_keys: Mapping[str, Callable[[object], object]]
    search_text: Callable[[object], str]
    filters: Mapping[str, Callable[[object, object], bool]] = field(default_factory=dict)
    identity: Callable[[object], object] = attrgetter("id")

    def select(self, query: ListQuery) -> list:
        query.check(sort_keys=self.sort_keys, filter_names=self.filters)
        words = fold(query.search).split()
        chosen = [
            row for row in self.rows()
            if all(test(row, query.filter(name)) for name, test in self.filters.items() if query.filter(name) is not None)
            and all(word in fold(self.search_text(row)) for word in words)
        ]
        key = self.sort_keys[query.sort_key] if query.sort_key else next(iter(self.sort_keys.values()))
        return sorted(chosen, key=lambda row: (key(row), self.identity(row)), reverse=query.descending)

    def count(self, query: ListQuery) -> int:
        return len(self.select(query))

    def page(self, query: ListQuery, offset: int, limit: int) -> list:
        return self.select(query)[offset : offset + limit]
