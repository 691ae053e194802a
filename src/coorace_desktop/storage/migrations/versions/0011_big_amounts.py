"""Amounts in euros as BIGINT on PostgreSQL: its INTEGER stops at 2 147 483 647, which a large
group's consolidated turnover passes, while SQLite's INTEGER already holds 64 bits (nothing to do
there: no table is recreated). PostgreSQL rewrites each table once, under its lock.

Revision ID: 0011_big_amounts
Revises: 0010_fee_campaign
"""

import sqlalchemy as sa
from alembic import op

revision = '0011_big_amounts'
down_revision = '0010_fee_campaign'
branch_labels = None
depends_on = None

# (table, column, nullable): every amount in euros (domain.organisations.EUROS)
AMOUNTS = (
    ('membership_fees', 'amount', False),
    ('yearly_figures', 'turnover', True),
    ('yearly_figures', 'gross_wages', True),
    ('yearly_figures', 'public_funding', True),
    ('yearly_resources', 'amount', True),
)


def upgrade() -> None:
    _retype(sa.Integer(), sa.BigInteger())


def downgrade() -> None:
    # Refused by PostgreSQL (integer out of range) while an amount above 2 147 483 647 is stored.
    _retype(sa.BigInteger(), sa.Integer())


def _retype(old: sa.types.TypeEngine, new: sa.types.TypeEngine) -> None:
    if op.get_bind().dialect.name == 'sqlite':
        return
    for table, column, nullable in AMOUNTS:
        op.alter_column(table, column, type_=new, existing_type=old, existing_nullable=nullable)
