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
    with op.batch_alter_table('board_mandates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False))

    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False))

    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False))

    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False))

    with op.batch_alter_table('support_actions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False))


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
