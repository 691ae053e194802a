"""PostgreSQL only: the words of the actions' and events' search keys as tables of (word, id)

A search shows how many rows it matches. SQLite counts them inside its FTS5 word index; PostgreSQL's
GIN word index (0013_sort_keys) holds no visibility, so counting 37,873 matches read every page of
the table (35 ms, where SQLite took 5). action_words and event_words hold each distinct word of a
row's search key once, keyed (word, id) in byte order ("C": a typed word's prefix is a range of
the key): a count, and the few ids of a rare word, are read from that key alone once autovacuum
has marked the pages visible (index-only scans; a common word: 6 ms). The GIN indexes stay: they
find the rows themselves, for the sums of a common word's totals. Kept by statement-level
triggers (a bulk insert adds its words in one statement); derived, outside the models, never
copied by a transfer; `check` recounts them.

Revision ID: 0016_pg_words
Revises: 0015_pg_indexes
"""

from alembic import op

revision = '0016_pg_words'
down_revision = '0015_pg_indexes'
branch_labels = None
depends_on = None

# The table searched -> its words.
WORD_TABLES = {"support_actions": "action_words", "events": "event_words"}
# The rows of a statement whose search key changed (an UPDATE's transition tables), as (id, search_key).
CHANGED = "(SELECT {side}.id, {side}.search_key FROM added JOIN removed ON removed.id = added.id " \
          "WHERE added.search_key IS DISTINCT FROM removed.search_key)"


def _words_of(rows: str) -> str:
    """Each distinct word of the search keys of `rows` (id, search_key) once; keys are folded words
    separated by spaces, and ' | ' between their parts."""
    return (f"SELECT DISTINCT word, source.id FROM {rows} AS source, "
            "unnest(string_to_array(source.search_key, ' ')) AS word WHERE word NOT IN ('', '|')")


def _function(words: str) -> str:
    insert, delete = f"INSERT INTO {words} (word, id) {{}}; ", f"DELETE FROM {words} USING ({{}}) AS gone " \
        f"WHERE {words}.word = gone.word AND {words}.id = gone.id; "
    return (
        f"CREATE FUNCTION {words}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF TG_OP = 'INSERT' THEN {insert.format(_words_of('added'))}"
        f"ELSIF TG_OP = 'DELETE' THEN {delete.format(_words_of('removed'))}"
        f"ELSIF TG_OP = 'UPDATE' THEN {delete.format(_words_of(CHANGED.format(side='removed')))}"
        f"{insert.format(_words_of(CHANGED.format(side='added')))}"
        f"ELSE TRUNCATE {words}; END IF; RETURN NULL; END $$"
    )


def _upgrade(table: str, words: str) -> tuple[str, ...]:
    return (
        f"CREATE TABLE {words} (word text COLLATE \"C\" NOT NULL, id integer NOT NULL, PRIMARY KEY (word, id))",
        f"INSERT INTO {words} (word, id) {_words_of(table)}",
        _function(words),
        f"CREATE TRIGGER {words}_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS added "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {words}()",
        f"CREATE TRIGGER {words}_update AFTER UPDATE ON {table} REFERENCING OLD TABLE AS removed NEW TABLE AS added "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {words}()",
        f"CREATE TRIGGER {words}_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS removed "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {words}()",
        f"CREATE TRIGGER {words}_truncate AFTER TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {words}()",
    )


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, words in WORD_TABLES.items():
            for statement in _upgrade(table, words):
                op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, words in WORD_TABLES.items():
            for when in ("truncate", "delete", "update", "insert"):
                op.execute(f"DROP TRIGGER {words}_{when} ON {table}")
            op.execute(f"DROP FUNCTION {words}()")
            op.execute(f"DROP TABLE {words}")
