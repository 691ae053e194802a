"""An index on the events' end day

The calendar's days and the list's upcoming events ask which events are under way on a day:
those starting that day (the start's index) and those that started earlier and end on it or
later. Without an index on the end day, the second read every event of the year before (no
event lasts longer than a year), ~20,000 rows at 200,000 events, for each month shown.

Revision ID: 0014_event_aggregates
Revises: 0013_sort_keys
"""

from alembic import op

revision = '0014_event_aggregates'
down_revision = '0013_sort_keys'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_events_ends_on', 'events', ['ends_on'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_events_ends_on', table_name='events')
