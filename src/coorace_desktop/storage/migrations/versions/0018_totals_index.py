"""SQLite only: the running totals of a search read a narrow index holding what they add up

The totals under the actions table of a search alone (a common word: 37,873 of 200,010 actions)
looked each match up in the table itself, whose rows carry the notes and their search key. This
index holds only what the totals read, by id; the statement names it (INDEXED BY: SQLite's planner
prefers a rowid lookup otherwise). CPU time, interleaved: 44 -> 30 ms; 4.4 MB for 200,010 actions.
PostgreSQL (nothing changes there) finds a common word's rows through its GIN index.

Revision ID: 0018_totals_index
Revises: 0017_event_presences
"""

from alembic import op

revision = '0018_totals_index'
down_revision = '0017_event_presences'
branch_labels = None
depends_on = None

COLUMNS = ["id", "organisation_id", "project_holder_id", "territory_id", "group_count", "hours"]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.create_index('ix_support_actions_totals', 'support_actions', COLUMNS, unique=False)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.drop_index('ix_support_actions_totals', table_name='support_actions')
