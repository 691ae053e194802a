"""A closed year keeps its accessible edition (HTML, UTF-8 bytes) as it was at closing, so that a
later change of the code never alters what was published. Years closed before keep NULL: their
edition is drawn from the facts they kept.

Revision ID: 0008_closed_html
Revises: 0007_office_form
"""

import sqlalchemy as sa
from alembic import op

revision = '0008_closed_html'
down_revision = '0007_office_form'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ALTER TABLE ADD COLUMN (nullable, no default): no table is recreated (see 0003).
    op.add_column('closed_years', sa.Column('html', sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    op.drop_column('closed_years', 'html')
