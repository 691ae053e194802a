"""Index for searching support action notes (SQLite only: see SupportAction.__table_args__)

Revision ID: 0002_action_search
Revises: 0001
Create Date: 2026-11-27 09:55:13.388463
"""

from alembic import op

revision = '0002_action_search'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table('support_actions', schema=None) as batch_op:
        batch_op.create_index('ix_support_actions_search_key', ['search_key', 'action_date'], unique=False)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table('support_actions', schema=None) as batch_op:
        batch_op.drop_index('ix_support_actions_search_key')
