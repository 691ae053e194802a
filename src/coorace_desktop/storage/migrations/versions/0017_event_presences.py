"""events.presences: how an event is counted, and its presences, kept by triggers in the figures index

A period's figures tell the events counted by names (anyone registered) from those counted by
numbers, and add up the presences of the first (hours of training: each presence counts a
session's duration). They looked both up in the registrations for every counted event, four
times, and looked up the persons present at every counted event, by names or not, twice.
events.presences holds them: NULL for an event nobody is registered for (counted by numbers),
else its registrations marked present (one per person and session). Kept by triggers on events
and registrations (recounted from the rows each time, as events.participants: a writer that
copies the stored value, as the transfer between databases does, cannot count twice), and added
to the figures index, which a period's figures then read alone, looking up the presences only
of the events counted by names (CPU time of the figures of 2020, interleaved: 16,526 events among
200,000 without registrations 48 -> 32 ms; with 50,000 registrations 33 -> 25 ms).

Revision ID: 0017_event_presences
Revises: 0016_pg_words
"""

import sqlalchemy as sa
from alembic import op

revision = '0017_event_presences'
down_revision = '0016_pg_words'
branch_labels = None
depends_on = None

# The presences of the event whose id is `event`: NULL without registrations (services/derived_keys.py
# recounts the same).
PRESENCES = (
    "(SELECT CASE WHEN count(*) > 0 THEN count(CASE WHEN registrations.status = 'present' THEN 1 END) END"
    " FROM registrations WHERE registrations.event_id = {event})"
)
# What a registration's update changes in its event's presences.
REGISTRATION_COLUMNS = "event_id, status"
FIGURES = ["starts_on", "status", "year", "kind_id", "online", "start_time", "end_time", "sessions", "participants"]

SQLITE_TRIGGERS = (
    # Not written again when the writer gave the right value (an event is new: nobody is registered yet).
    f"CREATE TRIGGER events_presences_insert AFTER INSERT ON events WHEN new.presences IS NOT {PRESENCES.format(event='new.id')} "
    f"BEGIN UPDATE events SET presences = {PRESENCES.format(event='new.id')} WHERE id = new.id; END",
    *(
        f"CREATE TRIGGER registrations_presences_{name} AFTER {when} ON registrations BEGIN "
        + "".join(f"UPDATE events SET presences = {PRESENCES.format(event=f'{row}.event_id')} WHERE id = {row}.event_id; "
                  for row in rows)
        + "END"
        for name, when, rows in (("insert", "INSERT", ("new",)), ("update", f"UPDATE OF {REGISTRATION_COLUMNS}", ("old", "new")),
                                 ("delete", "DELETE", ("old",)))
    ),
)
SQLITE_DROPPED = ("events_presences_insert", *(f"registrations_presences_{name}" for name in ("insert", "update", "delete")))
POSTGRESQL_TRIGGERS = (
    "CREATE FUNCTION events_presences() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    f"NEW.presences := {PRESENCES.format(event='NEW.id')}; RETURN NEW; END $$",
    "CREATE TRIGGER events_presences BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION events_presences()",
    "CREATE FUNCTION recount_presences() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    f"IF TG_OP <> 'INSERT' THEN UPDATE events SET presences = {PRESENCES.format(event='OLD.event_id')} WHERE id = OLD.event_id; END IF; "
    f"IF TG_OP <> 'DELETE' THEN UPDATE events SET presences = {PRESENCES.format(event='NEW.event_id')} WHERE id = NEW.event_id; END IF; "
    "RETURN NULL; END $$",
    f"CREATE TRIGGER registrations_presences AFTER INSERT OR DELETE OR UPDATE OF {REGISTRATION_COLUMNS} ON registrations "
    "FOR EACH ROW EXECUTE FUNCTION recount_presences()",
)
POSTGRESQL_DROPPED = ("TRIGGER registrations_presences ON registrations", "FUNCTION recount_presences()",
                      "TRIGGER events_presences ON events", "FUNCTION events_presences()")


def upgrade() -> None:
    op.add_column('events', sa.Column('presences', sa.Integer(), nullable=True))
    op.execute(f"UPDATE events SET presences = {PRESENCES.format(event='events.id')} "
               "WHERE id IN (SELECT event_id FROM registrations)")
    op.drop_index('ix_events_figures', table_name='events')
    op.create_index('ix_events_figures', 'events', [*FIGURES, 'presences'], unique=False)
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_TRIGGERS if sqlite else POSTGRESQL_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for dropped in (f"TRIGGER {name}" for name in SQLITE_DROPPED) if sqlite else POSTGRESQL_DROPPED:
        op.execute(f"DROP {dropped}")
    op.drop_index('ix_events_figures', table_name='events')
    op.create_index('ix_events_figures', 'events', FIGURES, unique=False)
    # ALTER TABLE DROP COLUMN (SQLite 3.35+), not a batch copy: that would drop the tables' triggers.
    op.execute("ALTER TABLE events DROP COLUMN presences")
