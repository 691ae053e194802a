"""The events' year index also holds what their default order sorts by

A list filtered by year is sorted at once in the default order (upcoming first, then the undated
planned, then the past newest first), whose keys are the start and end days and the start time:
the year's 18,319 events of the bench (200,034 events) were each read from the table for them.
Held in the year's index (0019_event_filters: year, status, kind), with the ids on PostgreSQL
(SQLite's indexes hold the rowid), the page's ids come from the index alone (the count and the
page's ids, CPU time in sqlite3: 40.3 -> 15.6 ms; on PostgreSQL the page's ids 27.5 -> 5.6 ms).

Revision ID: 0020_event_year_order
Revises: 0019_event_filters
"""

from alembic import op

revision = '0020_event_year_order'
down_revision = '0019_event_filters'
branch_labels = None
depends_on = None

FILTERS = ['year', 'status', 'kind_id']


def upgrade() -> None:
    op.drop_index('ix_events_year', table_name='events')
    op.create_index('ix_events_year', 'events', [*FILTERS, 'starts_on', 'ends_on', 'start_time'], unique=False,
                    postgresql_include=['id'])


def downgrade() -> None:
    op.drop_index('ix_events_year', table_name='events')
    op.create_index('ix_events_year', 'events', FILTERS, unique=False)
