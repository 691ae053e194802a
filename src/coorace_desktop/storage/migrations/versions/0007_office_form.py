"""The form of a bureau office's title (« Président » or « Présidente »), chosen when the office is
given; persons have no gender. Offices given before keep NULL and read « Président·e ».

Revision ID: 0007_office_form
Revises: 0006_closed_years
"""

import sqlalchemy as sa
from alembic import op

revision = '0007_office_form'
down_revision = '0006_closed_years'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ALTER TABLE ADD COLUMN (nullable, no default): no table is recreated (see 0003).
    op.add_column('bureau_offices', sa.Column('form', sa.String(length=10), nullable=True))


def downgrade() -> None:
    op.drop_column('bureau_offices', 'form')
