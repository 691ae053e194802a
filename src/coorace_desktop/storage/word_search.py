"""Word search: SQLite's FTS5 indexes of the support actions' and events' search keys (migrations
0004_action_words and 0013_sort_keys); PostgreSQL's tables of their words (0016_pg_words) and
full-text GIN indexes of the same keys (0013); and the other tables and indexes the migrations
keep outside the models (0013, 0015_pg_indexes)."""

import functools
from collections.abc import Callable

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    bindparam,
    case,
    column,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
    text,
)

from coorace_desktop.domain.text import fold

WORD_INDEXES = ("support_actions_fts", "events_fts")
# PostgreSQL only (0016_pg_words): per searched table, each distinct word of each row's key, by (word, id).
WORD_TABLES = {name: table(words, column("word"), column("id"))
               for name, words in (("support_actions", "action_words"), ("events", "event_words"))}
# The (word, id) rows of a searched table's words, recounted from its keys (0016_pg_words keeps them).
WORDS_OF_KEYS = ("SELECT DISTINCT word, source.id FROM {table} AS source, "
                 "unnest(string_to_array(source.search_key, ' ')) AS word WHERE word NOT IN ('', '|')")
# PostgreSQL only (0015_pg_indexes, 0018_action_totals): per counted table, one row holding its
# number of rows, kept by triggers on it.
ROW_COUNTS = {"events": table("event_count", column("events")), "support_actions": table("action_count", column("actions"))}
# Tables the database derives by its triggers, outside the models, never copied by a transfer.
DERIVED_TABLES = (*WORD_INDEXES, *(words.name for words in WORD_TABLES.values()), "action_beneficiaries",
                  *(counts.name for counts in ROW_COUNTS.values()))
# Indexes on an expression (the notes' and titles' start; PostgreSQL's word indexes), made by
# 0013_sort_keys outside the models: SQLAlchemy does not reflect them on SQLite, nor does
# autogenerate compare them; and PostgreSQL's index of the events' newest-first order (0015).
EXPRESSION_INDEXES = ("ix_support_actions_notes_start", "ix_events_title_key", "ix_support_actions_words", "ix_events_words",
                      "ix_events_newest_first")
# Per beneficiary (kind 'organisation', 'project_holder', 'territory', id; or 'group', 0): its
# actions, hours and the people of its groups, kept by triggers on support_actions (0013_sort_keys).
ACTION_BENEFICIARIES = table("action_beneficiaries", *(column(name) for name in ("kind", "id", "actions", "hours", "people")))
# Search keys are folded: the 'simple' configuration keeps their words as they are.
_SIMPLE = literal_column("'simple'::regconfig")


def typed_words(typed: str) -> list[str]:
    """The folded words a search looks for; a lone letter ("plan d'actions") narrows nothing and,
    as a prefix, matches half the index, so it is dropped when longer words are typed."""
    words = fold(typed).split()
    return [word for word in words if len(word) > 1] or words


def ids_with_words(table: str, typed: str, limit: int | None = None) -> Select | None:
    """SQLite: ids of the `table` rows whose search key holds a word starting with each typed
    word (at most `limit` of them), or None when nothing is typed. Folded words hold only
    [0-9a-z], so they cannot be FTS syntax."""
    if not (words := typed_words(typed)):
        return None
    phrase = " ".join(f'"{word}"*' for word in words)
    ids = (
        select(literal_column("rowid"))
        .select_from(text(f"{table}_fts"))
        .where(text(f"{table}_fts MATCH :phrase").bindparams(phrase=phrase))
    )
    return ids if limit is None else ids.limit(limit)


def ids_in_word_table(table: str, words: list[str]) -> Select:
    """PostgreSQL: ids of the `table` rows whose key holds a word starting with each of `words`
    (typed_words), from its table of words by the key alone (index-only); an id once per matching
    word of each (count them DISTINCT). A typed word's words are a range of the key: from itself to
    the same with its last letter the next one up ('budget' <= word < 'budgeu')."""
    ranges = [_range(word) for word in words]
    return _joined_ids(table, len(words), lambda alias, number: _within(alias, ranges[number]))


def count_in_word_table(table: str, words: list[str]) -> tuple[Select, dict[str, str]]:
    """PostgreSQL: how many `table` rows hold a word starting with each of `words`, in one
    statement, and the values to run it with. When each typed word starts one word only
    ('tresorerie', not 'budget' of 'budget' and 'budgetaire': its range's first and last words,
    two index probes, are equal), the word's ids come out of the key in id order and the lists are
    merged, where the ranges' lists are hashed and their ids counted DISTINCT: two words of 38,000
    rows each, 7,722 in common, 6-7 ms instead of 11-17 (the executor reads only the branch taken).
    The statement is made once per number of words: making it cost 0.7 ms, as much as running it."""
    values = {f"{side}_{number}": bound for number, word in enumerate(words) for side, bound in zip(("low", "high"), _range(word))}
    return _count_statement(table, len(words)), values


@functools.cache
def _count_statement(table: str, count: int) -> Select:
    ranges = [(bindparam(f"low_{number}", type_=String), bindparam(f"high_{number}", type_=String)) for number in range(count)]
    probed = [(WORD_TABLES[table].alias(f"range_{number}"), bounds) for number, bounds in enumerate(ranges)]
    first_words = [select(func.min(words.c.word)).where(_within(words, bounds)).scalar_subquery() for words, bounds in probed]
    one_word_each = and_(*(
        select(func.min(words.c.word) == func.max(words.c.word)).where(_within(words, bounds)).scalar_subquery()
        for words, bounds in probed
    ))
    merged = _joined_ids(table, count, lambda alias, number: alias.c.word == first_words[number]).subquery()
    merged_count = select(func.count()).select_from(merged).scalar_subquery()
    hashed = _joined_ids(table, count, lambda alias, number: _within(alias, ranges[number])).subquery()
    hashed_count = select(func.count(hashed.c.id.distinct())).scalar_subquery()
    return select(case((one_word_each, merged_count), else_=hashed_count))


def _joined_ids(table: str, count: int, condition: Callable[[object, int], ColumnElement[bool]]) -> Select:
    """The ids of `table` found `count` times in its table of words, the number-th time by a
    word meeting `condition(words, number)`."""
    first, *others = (WORD_TABLES[table].alias(f"word_{number}") for number in range(count))
    ids = select(first.c.id).where(condition(first, 0))
    for number, alias in enumerate(others, start=1):
        ids = ids.join(alias, and_(alias.c.id == first.c.id, condition(alias, number)))
    return ids


def _range(word: str) -> tuple[str, str]:
    return word, word[:-1] + chr(ord(word[-1]) + 1)


def _within(words, bounds: tuple) -> ColumnElement[bool]:
    low, high = bounds
    return and_(words.c.word >= low, words.c.word < high)


def has_words(search_key: ColumnElement[str], typed: str) -> ColumnElement[bool] | None:
    """PostgreSQL: the same words, through the GIN index on to_tsvector('simple', search_key)."""
    if not (words := typed_words(typed)):
        return None
    return func.to_tsvector(_SIMPLE, search_key).op("@@")(
        func.to_tsquery(_SIMPLE, literal(" & ".join(f"{word}:*" for word in words)))
    )


def starts_words(search_key: ColumnElement[str], typed: str) -> ColumnElement[bool] | None:
    """The same words, read from each row's key (for rows an index on other columns has already
    narrowed: no word index list to build)."""
    if not (words := typed_words(typed)):
        return None
    return and_(*(or_(search_key.like(f"{word}%"), search_key.like(f"% {word}%")) for word in words))
