"""The national SIAE reference data, apart from the members: its table and its last import

Revision ID: 0012_siae_reference
Revises: 0011_big_amounts
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0012_siae_reference'
down_revision = '0011_big_amounts'
branch_labels = None
depends_on = None

TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        'siae_reference',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('siret', TEXT(length=14), nullable=False),
        sa.Column('siren', TEXT(length=9), nullable=False),
        sa.Column('name', TEXT(), nullable=False),
        sa.Column('types', TEXT(), nullable=False),
        sa.Column('address', TEXT(), nullable=False),
        sa.Column('postcode', TEXT(length=5), nullable=False),
        sa.Column('city', TEXT(), nullable=False),
        sa.Column('department', TEXT(length=3), nullable=False),
        sa.Column('phone', TEXT(), nullable=False),
        sa.Column('email', TEXT(), nullable=False),
        sa.Column('website', TEXT(), nullable=False),
        sa.Column('networks', TEXT(), nullable=False),
        sa.Column('source', TEXT(length=20), nullable=False),
        sa.Column('updated_on', sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('siret'),
    )
    op.create_index(op.f('ix_siae_reference_siren'), 'siae_reference', ['siren'], unique=False)
    op.create_index(op.f('ix_siae_reference_department'), 'siae_reference', ['department'], unique=False)
    op.create_table(
        'siae_reference_imports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('source', TEXT(length=20), nullable=False),
        sa.Column('files', TEXT(), nullable=False),
        sa.Column('file_date', sa.Date(), nullable=True),
        sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('entries', sa.Integer(), nullable=False),
        sa.Column('without_siret', sa.Integer(), nullable=False),
        sa.Column('invalid_siret', sa.Integer(), nullable=False),
        sa.Column('duplicates', sa.Integer(), nullable=False),
        sa.Column('other_kinds', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade() -> None:
    op.drop_table('siae_reference_imports')
    op.drop_index(op.f('ix_siae_reference_department'), table_name='siae_reference')
    op.drop_index(op.f('ix_siae_reference_siren'), table_name='siae_reference')
    op.drop_table('siae_reference')
