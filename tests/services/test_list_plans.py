"""The plans of the lists' statements, as the services send them: PostgreSQL walks an index where
SQLite does (migration 0015_pg_indexes) and counts a search's matches without reading the rows
(0016_pg_words), with sorting made the planner's last resort; SQLite adds up a search's totals
from the index covering them (0018_action_totals) and counts a year's events of one kind and
status, and sorts a year's, in the year's index (0019_event_filters, 0020_event_year_order)."""

import pytest
from sqlalchemy import event

from coorace_desktop.domain.accompaniment import TOTALS_INDEX
from coorace_desktop.services.accompaniment.actions_list import action_totals, count_actions
from coorace_desktop.services.events.event_list import KIND, STATUS, YEAR, count_events, list_events
from coorace_desktop.services.listing import ListQuery


def plans(database, read, marker: str) -> list[str]:
    """EXPLAIN of each statement `read(database)` sends whose SQL holds `marker`."""
    sent = []

    def keep(_connection, _cursor, statement, parameters, _context, _many):
        if marker in statement:
            sent.append((statement, parameters))

    event.listen(database.engine, "before_cursor_execute", keep)
    try:
        read(database)
    finally:
        event.remove(database.engine, "before_cursor_execute", keep)
    assert sent, f"no statement with {marker!r}"
    with database.engine.begin() as connection:
        if not database.is_server:
            return ["\n".join(row[-1] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters))
                    for statement, parameters in sent]
        connection.exec_driver_sql("SET LOCAL enable_sort = off")
        return ["\n".join(row[0] for row in connection.exec_driver_sql(f"EXPLAIN {statement}", parameters))
                for statement, parameters in sent]


@pytest.mark.parametrize("query", [ListQuery(sort_key="date", descending=True), ListQuery()], ids=["newest", "past"])
def test_the_events_newest_first_walk_their_index(demo_database, query):
    """Newest first, and the past after the upcoming events in the default order: NULLS LAST
    descending, which a backward walk of the starts_on index does not give there (NULL first)."""
    if not demo_database.is_server:
        pytest.skip("PostgreSQL seulement : SQLite parcourt l'index de starts_on à rebours")
    for plan in plans(demo_database, lambda db: list_events(db, query, 0, 200), "DESC NULLS LAST"):
        assert "ix_events_newest_first" in plan and "Sort" not in plan, plan


@pytest.mark.parametrize("count, words", [(count_actions, "action_words"), (count_events, "event_words")],
                         ids=["actions", "events"])
def test_a_search_is_counted_from_the_words_alone(demo_database, count, words):
    """Counting the matches of a search (two words, each a prefix) reads the table of words by its
    key, never the rows: PostgreSQL's GIN index would have read every matching row for its count."""
    if not demo_database.is_server:
        pytest.skip("PostgreSQL seulement : SQLite compte dans son index FTS5")
    [plan] = plans(demo_database, lambda db: count(db, ListQuery(search="form ac")), "count(DISTINCT")
    assert f"{words}_pkey" in plan and "Seq Scan" not in plan, plan
    assert ("support_actions" if words == "action_words" else "events") not in plan.replace(words, ""), plan


def test_a_search_alone_is_totalled_from_its_covering_index(demo_database):
    """The totals of a search alone look its matches up by id in the index holding what they add
    up, never in the table's rows (their notes and keys: 44 ms of CPU for a common word at 200,000
    actions, 30 so)."""
    if demo_database.is_server:
        pytest.skip("SQLite seulement : PostgreSQL trouve les lignes d'un mot courant par son index GIN")
    [plan] = plans(demo_database, lambda db: action_totals(db, ListQuery(search="dossier")), "count(DISTINCT")
    assert f"COVERING INDEX {TOTALS_INDEX}" in plan and "PRIMARY KEY" not in plan, plan


def test_a_year_is_counted_and_sorted_in_its_index(demo_database):
    """The events of a year (of one kind and status) are counted, and sorted in the default order,
    in the year's index alone, which holds the filters and the order's keys (0019_event_filters,
    0020_event_year_order): through the table's rows, 200,034 events took 21 and 26 ms for one
    kind and status, 40 for a whole year; 0.2, 3 and 16 so."""
    if demo_database.is_server:
        pytest.skip("SQLite seulement : le plan de PostgreSQL dépend du nombre de lignes (la démonstration en a peu)")
    query = ListQuery(filters={YEAR: 2020, KIND: 1, STATUS: "done"})
    [plan] = plans(demo_database, lambda db: count_events(db, query), "count(*)")
    assert "COVERING INDEX ix_events_year (year=? AND status=? AND kind_id=?)" in plan, plan
    [plan] = plans(demo_database, lambda db: list_events(db, ListQuery(filters={YEAR: 2020})), "ORDER BY CASE")
    assert "COVERING INDEX ix_events_year (year=?)" in plan, plan
