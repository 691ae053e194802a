"""Version columns for optimistic concurrency (domain/versioning.py); existing rows start at 1

Revision ID: 0003_record_versions
Revises: 0002_action_search
Create Date: 2026-11-27 10:35:29.750864
"""

from alembic import op
import sqlalchemy as sa


revision = '0003_record_versions'
down_revision = '0002_action_search'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain '1', not sa.text('1'): on SQLite, Alembic recreates a table for an added column whose
    # default is an expression, and dropping the old `organisations` fails its foreign keys as soon
    # as sites or contacts refer to it (every real database). A constant default is a plain ALTER
    # TABLE ADD COLUMN, and stores the integer 1 all the same.
    with op.batch_alter_table('board_mandates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))

    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))

    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))

    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))

    with op.batch_alter_table('support_actions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('support_actions', schema=None) as batch_op:
        batch_op.drop_column('version')

    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.drop_column('version')

    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_column('version')

    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('version')

    with op.batch_alter_table('board_mandates', schema=None) as batch_op:
        batch_op.drop_column('version')
