"""Version columns for optimistic concurrency (domain/versioning.py); existing rows start at 1

Revision ID: 0003_record_versions
Revises: 0002_action_search
Create Date: 2026-11-27 10:35:29.750864
"""

import sqlalchemy as sa
from alembic import op

revision = '0003_record_versions'
down_revision = '0002_action_search'
branch_labels = None
depends_on = None


VERSIONED = ('board_mandates', 'events', 'organisations', 'persons', 'support_actions')


def upgrade() -> None:
    # A plain '1', not sa.text('1'), and no batch: a plain ALTER TABLE ADD COLUMN. Alembic's batch
    # mode recreates a SQLite table for an expression default, and dropping the old
    # `organisations` then fails its foreign keys on every real database.
    for table in VERSIONED:
        op.add_column(table, sa.Column('version', sa.Integer(), server_default='1', nullable=False))


def downgrade() -> None:
    # ALTER TABLE DROP COLUMN (SQLite 3.35+), for the same reason: no table is recreated.
    for table in VERSIONED:
        op.drop_column(table, 'version')
