"""Closed years (the report as sent: PDF, SHA-256, context; history of closing and reopening)
and the day each membership period was recorded

Existing periods get their recorded-on date from the best information held: their joining
date; else 1 January of the organisation's first fee or figures year; else the day of the
migration. The migration says how many periods got each, and how many have no known joining
date, to whoever opens the database (window, command line) and in the application's log.

Revision ID: 0006_closed_years
Revises: 0005_erasure_register
"""

from datetime import date

import sqlalchemy as sa
from alembic import context, op

from coorace_desktop.domain.french import plural

revision = '0006_closed_years'
down_revision = '0005_erasure_register'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'closed_years',
        sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('closed_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('closed_by', sa.String(), nullable=False),
        sa.Column('pdf', sa.LargeBinary(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('context', sa.JSON(), nullable=False),
        sa.Column('context_version', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('year'),
    )
    op.create_table(
        'year_closing_events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('action', sa.String(length=10), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('by', sa.String(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('pdf', sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_year_closing_events_year'), 'year_closing_events', ['year'], unique=False)
    op.add_column('memberships', sa.Column('recorded_on', sa.Date(), nullable=True))
    _fill_recorded_on()


def _fill_recorded_on() -> None:
    bind = op.get_bind()
    from_joining = bind.execute(sa.text("UPDATE memberships SET recorded_on = joined_on WHERE joined_on IS NOT NULL")).rowcount
    first_years = bind.execute(sa.text(
        "SELECT m.id, MIN(y.year) FROM memberships m JOIN ("
        " SELECT organisation_id, year FROM membership_fees"
        " UNION SELECT organisation_id, year FROM yearly_figures WHERE organisation_id IS NOT NULL"
        ") y ON y.organisation_id = m.organisation_id WHERE m.recorded_on IS NULL GROUP BY m.id"
    )).all()
    update = sa.text("UPDATE memberships SET recorded_on = :day WHERE id = :id")
    for membership_id, year in first_years:
        bind.execute(update, {"day": date(year, 1, 1), "id": membership_id})
    today = bind.execute(sa.text("UPDATE memberships SET recorded_on = :day WHERE recorded_on IS NULL"), {"day": date.today()}).rowcount
    unknown = len(first_years) + today
    if not from_joining and not unknown:
        return  # a new database: nothing to say
    note = (
        f"Date d'enregistrement des périodes d'adhésion : {from_joining} d'après la date d'adhésion, {len(first_years)} "
        f"au 1er janvier de la première année de cotisation ou de chiffres, {today} à la date de la migration (aucune information)."
    )
    if unknown:
        note += (
            f" {plural(unknown, 'période', 'périodes')} d'adhésion sans date d'adhésion connue "
            "(adhérent depuis toujours dans les rapports) : saisissez-la dans la fiche de l'adhérent si elle est connue."
        )
    # Said to the user once, by whoever opened the database (storage.migrate.NOTES); in the log too.
    context.config.attributes.setdefault("notes", []).append(note)


def downgrade() -> None:
    op.drop_column('memberships', 'recorded_on')
    op.drop_index(op.f('ix_year_closing_events_year'), table_name='year_closing_events')
    op.drop_table('year_closing_events')
    op.drop_table('closed_years')
