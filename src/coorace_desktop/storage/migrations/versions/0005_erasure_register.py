"""The erasure register (person number and date, no name) and how much of a joining date was known

Revision ID: 0005_erasure_register
Revises: 0004_action_words
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0005_erasure_register'
down_revision = '0004_action_words'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'erasures',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('erased_on', sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('person_id'),
    )
    # Persons erased before the register existed enter it, so a restore erases them again too.
    op.execute("INSERT INTO erasures (person_id, erased_on) SELECT id, erased_on FROM persons WHERE erased_on IS NOT NULL")
    # A plain ALTER TABLE ADD COLUMN (no batch: see 0003_record_versions); known dates were whole days.
    op.add_column('memberships', sa.Column('joined_precision', sqlmodel.sql.sqltypes.AutoString(length=10),
                                           server_default='day', nullable=False))


def downgrade() -> None:
    op.drop_column('memberships', 'joined_precision')
    op.drop_table('erasures')
