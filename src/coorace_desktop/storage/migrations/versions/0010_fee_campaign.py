"""The fee campaign: a scale per year, numbered calls, payments, reminders

The yearly fees already entered stay the fees of their organisation and year: those with an
amount become calls numbered in the order they were entered (2020-001…), due on 31 December of
their year (they had no due date); a fee marked paid becomes one payment of its whole amount on
that day, method « Non précisé ». Each year holding fees gets an empty scale carrying its last
call number.

Revision ID: 0010_fee_campaign
Revises: 0009_registrations
"""

from collections import defaultdict
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = '0010_fee_campaign'
down_revision = '0009_registrations'
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    # Read before the table is rebuilt (SQLite batch mode): the payments are written after it,
    # so that dropping the old table never cascades into them.
    fees = bind.execute(sa.text("SELECT id, year, amount, paid_on FROM membership_fees ORDER BY year, id")).all()
    with op.batch_alter_table('membership_fees', schema=None) as batch_op:
        batch_op.add_column(sa.Column('manual_reason', sa.String(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('number', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('called_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('due_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('cancelled_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('reminder_level', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('reminded_on', sa.Date(), nullable=True))
        batch_op.create_unique_constraint('uq_membership_fees_year_number', ['year', 'number'])
        batch_op.drop_column('paid_on')
    op.create_table(
        'fee_scales',
        sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('basis', sa.String(length=10), nullable=False),
        sa.Column('minimum', sa.Integer(), nullable=False),
        sa.Column('maximum', sa.Integer(), nullable=True),
        sa.Column('due_days', sa.Integer(), nullable=False),
        sa.Column('reminder1_days', sa.Integer(), nullable=False),
        sa.Column('reminder1_text', sa.Text(), nullable=False),
        sa.Column('reminder2_days', sa.Integer(), nullable=False),
        sa.Column('reminder2_text', sa.Text(), nullable=False),
        sa.Column('last_number', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('year'),
    )
    op.create_table(
        'fee_type_amounts',
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('siae_type', sa.String(length=8), nullable=False),
        sa.Column('amount', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['year'], ['fee_scales.year'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('year', 'siae_type'),
    )
    op.create_table(
        'fee_brackets',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('lower_bound', sa.Float(), nullable=False),
        sa.Column('amount', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['year'], ['fee_scales.year'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_fee_brackets_year'), 'fee_brackets', ['year'], unique=False)
    op.create_table(
        'fee_payments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('fee_id', sa.Integer(), nullable=False),
        sa.Column('amount', sa.Integer(), nullable=False),
        sa.Column('paid_on', sa.Date(), nullable=False),
        sa.Column('method', sa.String(length=12), nullable=False),
        sa.Column('reference', sa.String(), nullable=False),
        sa.ForeignKeyConstraint(['fee_id'], ['membership_fees.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_fee_payments_fee_id'), 'fee_payments', ['fee_id'], unique=False)
    _carry_fees_over(bind, fees)


def _carry_fees_over(bind, fees) -> None:
    from coorace_desktop.domain.fees import DEFAULT_REMINDER_TEXTS

    last_numbers: dict[int, int] = defaultdict(int)
    for fee_id, year, amount, paid_on in fees:
        if amount > 0:
            last_numbers[year] += 1
            bind.execute(
                sa.text("UPDATE membership_fees SET number = :number, due_on = :due WHERE id = :id"),
                {"number": last_numbers[year], "due": date(year, 12, 31), "id": fee_id},
            )
        else:
            last_numbers.setdefault(year, 0)
        if paid_on is not None and amount > 0:
            bind.execute(
                sa.text("INSERT INTO fee_payments (fee_id, amount, paid_on, method, reference) VALUES (:fee, :amount, :day, 'unknown', '')"),
                {"fee": fee_id, "amount": amount, "day": paid_on if isinstance(paid_on, date) else date.fromisoformat(str(paid_on))},
            )
    for year, last in last_numbers.items():
        bind.execute(
            sa.text(
                "INSERT INTO fee_scales (year, basis, minimum, due_days, reminder1_days, reminder1_text, reminder2_days,"
                " reminder2_text, last_number) VALUES (:year, 'none', 0, 30, 15, :text1, 30, :text2, :last)"
            ),
            {"year": year, "text1": DEFAULT_REMINDER_TEXTS[0], "text2": DEFAULT_REMINDER_TEXTS[1], "last": last},
        )


def downgrade() -> None:
    bind = op.get_bind()
    # A fee paid in full keeps its last payment's date; a partial payment is lost (as before 0009).
    paid = bind.execute(sa.text(
        "SELECT f.id, MAX(p.paid_on) FROM membership_fees f JOIN fee_payments p ON p.fee_id = f.id"
        " GROUP BY f.id, f.amount HAVING SUM(p.amount) >= f.amount"
    )).all()
    op.drop_index(op.f('ix_fee_payments_fee_id'), table_name='fee_payments')
    op.drop_table('fee_payments')
    op.drop_index(op.f('ix_fee_brackets_year'), table_name='fee_brackets')
    op.drop_table('fee_brackets')
    op.drop_table('fee_type_amounts')
    op.drop_table('fee_scales')
    with op.batch_alter_table('membership_fees', schema=None) as batch_op:
        batch_op.add_column(sa.Column('paid_on', sa.Date(), nullable=True))
        batch_op.drop_constraint('uq_membership_fees_year_number', type_='unique')
        for column in ('reminded_on', 'reminder_level', 'cancelled_on', 'due_on', 'called_on', 'number', 'manual_reason'):
            batch_op.drop_column(column)
    for fee_id, day in paid:
        bind.execute(sa.text("UPDATE membership_fees SET paid_on = :day WHERE id = :id"),
                     {"day": day if isinstance(day, date) else date.fromisoformat(str(day)), "id": fee_id})
