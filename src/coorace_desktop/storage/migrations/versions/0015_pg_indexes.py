"""PostgreSQL only: the events' newest-first order walks an index, their count is kept by triggers

On SQLite (nothing changes there) the events' newest-first order (starts_on DESC NULLS LAST, ...)
walks the starts_on index backwards, NULL being its smallest value, and a count of the events reads
the smallest index in a few milliseconds. PostgreSQL sorts NULL last going up, so a backward walk
of the same index gives NULL first: it sorted all 200,000 events instead; and it counts rows by
reading them (MVCC). So, on PostgreSQL:
- ix_events_newest_first: the whole newest-first order, as the list asks it;
- event_count: one row, the number of events, kept by statement-level triggers (a bulk insert adds
  its rows once), read by the unfiltered list instead of count(*) (`check` recounts it); derived,
  outside the models, never copied by a transfer, as action_beneficiaries.

Revision ID: 0015_pg_indexes
Revises: 0013_sort_keys
"""

from alembic import op

revision = '0015_pg_indexes'
down_revision = '0014_event_aggregates'
branch_labels = None
depends_on = None

UPGRADE = (
    "CREATE INDEX ix_events_newest_first ON events "
    "(starts_on DESC NULLS LAST, start_time DESC NULLS LAST, year DESC, id DESC)",
    "CREATE TABLE event_count (events bigint NOT NULL)",
    "INSERT INTO event_count SELECT count(*) FROM events",
    "CREATE FUNCTION event_count() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF TG_OP = 'INSERT' THEN UPDATE event_count SET events = events + (SELECT count(*) FROM added); "
    "ELSIF TG_OP = 'DELETE' THEN UPDATE event_count SET events = events - (SELECT count(*) FROM removed); "
    "ELSE UPDATE event_count SET events = 0; END IF; RETURN NULL; END $$",
    "CREATE TRIGGER event_count_insert AFTER INSERT ON events REFERENCING NEW TABLE AS added "
    "FOR EACH STATEMENT EXECUTE FUNCTION event_count()",
    "CREATE TRIGGER event_count_delete AFTER DELETE ON events REFERENCING OLD TABLE AS removed "
    "FOR EACH STATEMENT EXECUTE FUNCTION event_count()",
    "CREATE TRIGGER event_count_truncate AFTER TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION event_count()",
)
DOWNGRADE = (
    "DROP TRIGGER event_count_truncate ON events", "DROP TRIGGER event_count_delete ON events",
    "DROP TRIGGER event_count_insert ON events", "DROP FUNCTION event_count()", "DROP TABLE event_count",
    "DROP INDEX ix_events_newest_first",
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in UPGRADE:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in DOWNGRADE:
            op.execute(statement)
