"""The actions' running totals: SQLite reads a search's from a narrow index, PostgreSQL keeps their number

- SQLite: the totals under the actions table of a search alone (a common word: 37,873 of 200,010
  actions) looked each match up in the table itself, whose rows carry the notes and their search
  key. ix_support_actions_totals holds only what the totals read, by id; the statement names it
  (INDEXED BY: SQLite's planner prefers a rowid lookup otherwise). CPU time, interleaved:
  44 -> 30 ms; 4.4 MB for 200,010 actions. (PostgreSQL finds a common word's rows through its GIN
  index.)
- PostgreSQL: action_count, one row, the number of actions, kept by statement-level triggers as
  event_count (0015_pg_indexes) keeps the events': the unfiltered list read it as the sum of the
  per-beneficiary totals, 11,037 rows on the bench database (~0.8 ms on every sort). Derived,
  outside the models, never copied by a transfer. A TRUNCATE of the actions now empties the
  per-beneficiary totals too (0013's row triggers never saw one).

Revision ID: 0018_action_totals
Revises: 0017_event_presences
"""

from alembic import op

revision = '0018_action_totals'
down_revision = '0017_event_presences'
branch_labels = None
depends_on = None

COLUMNS = ["id", "organisation_id", "project_holder_id", "territory_id", "group_count", "hours"]
POSTGRESQL = (
    "CREATE TABLE action_count (actions bigint NOT NULL)",
    "INSERT INTO action_count SELECT count(*) FROM support_actions",
    "CREATE FUNCTION action_count() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF TG_OP = 'INSERT' THEN UPDATE action_count SET actions = actions + (SELECT count(*) FROM added); "
    "ELSIF TG_OP = 'DELETE' THEN UPDATE action_count SET actions = actions - (SELECT count(*) FROM removed); "
    "ELSE UPDATE action_count SET actions = 0; DELETE FROM action_beneficiaries; END IF; RETURN NULL; END $$",
    "CREATE TRIGGER action_count_insert AFTER INSERT ON support_actions REFERENCING NEW TABLE AS added "
    "FOR EACH STATEMENT EXECUTE FUNCTION action_count()",
    "CREATE TRIGGER action_count_delete AFTER DELETE ON support_actions REFERENCING OLD TABLE AS removed "
    "FOR EACH STATEMENT EXECUTE FUNCTION action_count()",
    "CREATE TRIGGER action_count_truncate AFTER TRUNCATE ON support_actions FOR EACH STATEMENT EXECUTE FUNCTION action_count()",
)
POSTGRESQL_DROPPED = ("TRIGGER action_count_truncate ON support_actions", "TRIGGER action_count_delete ON support_actions",
                      "TRIGGER action_count_insert ON support_actions", "FUNCTION action_count()", "TABLE action_count")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.create_index('ix_support_actions_totals', 'support_actions', COLUMNS, unique=False)
    else:
        for statement in POSTGRESQL:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.drop_index('ix_support_actions_totals', table_name='support_actions')
    else:
        for dropped in POSTGRESQL_DROPPED:
            op.execute(f"DROP {dropped}")
