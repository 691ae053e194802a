"""Events by name: registrations of recorded persons per session, with their attendance.

Revision ID: 0009_registrations
Revises: 0008_closed_html
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0009_registrations'
down_revision = '0008_closed_html'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A new table only: no existing table is recreated, so SQLite needs no batch mode.
    op.create_table(
        'registrations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('session', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=True),
        sa.Column('organisation_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.CheckConstraint('session >= 1', name='session_positive'),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['person_id'], ['persons.id'], ondelete='RESTRICT'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('event_id', 'session', 'person_id', name='one_registration_per_session'),
    )
    op.create_index('ix_registrations_attendance', 'registrations', ['event_id', 'status', 'person_id', 'organisation_id'],
                    unique=False)
    op.create_index(op.f('ix_registrations_organisation_id'), 'registrations', ['organisation_id'], unique=False)
    op.create_index(op.f('ix_registrations_person_id'), 'registrations', ['person_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_registrations_person_id'), table_name='registrations')
    op.drop_index(op.f('ix_registrations_organisation_id'), table_name='registrations')
    op.drop_index('ix_registrations_attendance', table_name='registrations')
    op.drop_table('registrations')
