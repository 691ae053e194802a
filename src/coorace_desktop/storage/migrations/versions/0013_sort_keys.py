"""Stored sort keys and totals kept by triggers, indexes for every sort, word indexes on both backends

At 200,000 rows every sort and search must walk an index:
- support_actions.beneficiary_key: the folded name of the action's beneficiary (a member, a project
  holder, a territory; a group: the start of its search key), sorted through its index. Triggers
  set it on every insert and beneficiary change, and follow a renamed beneficiary.
- events.participants: as the events list and figures count them (issue 19): an event with
  registrations, the distinct persons marked present; else other_participants + the persons of its
  participations. Kept by triggers on events, participations and registrations (recounted from the
  rows each time, so a writer that copies the stored value, as the transfer between databases
  does, cannot count twice).
- action_beneficiaries: per beneficiary (a group of unnamed people: one row, kind 'group'), its
  actions, hours and the people of its groups, kept by triggers on support_actions: the running
  totals of the whole table read these few rows instead of 200,000.
- indexes for the actions' hours, kind, outcome and notes, and the events' title, place, status,
  sessions and participants; a covering index for a period's event figures.
- word indexes: SQLite's FTS5 for events (as 0004 did for actions), PostgreSQL's full-text GIN
  indexes for both (the 'simple' configuration: folded keys hold only [0-9a-z] words).
The triggers run inside the writer's transaction, for every writer (ORM, Core, plain SQL, import,
transfer).

Revision ID: 0013_sort_keys
Revises: 0012_siae_reference
"""

import sqlalchemy as sa
from alembic import op

revision = '0013_sort_keys'
down_revision = '0012_siae_reference'
branch_labels = None
depends_on = None

# The beneficiary key of the support_actions row `row` (new or a table name), in SQL both backends read.
BENEFICIARY_KEY = (
    "coalesce((SELECT name_key FROM organisations WHERE id = {row}.organisation_id),"
    " (SELECT name_key FROM project_holders WHERE id = {row}.project_holder_id),"
    " (SELECT name_key FROM territories WHERE id = {row}.territory_id),"
    " substr({row}.search_key, 1, 200))"
)
BENEFICIARY_COLUMNS = "organisation_id, project_holder_id, territory_id, search_key"
# Each beneficiary table and the support_actions column naming it.
BENEFICIARY_TABLES = {"organisations": "organisation_id", "project_holders": "project_holder_id", "territories": "territory_id"}
# The beneficiary of the support_actions row `row` as action_beneficiaries keys it.
BENEFICIARY_KIND = (
    "CASE WHEN {row}.organisation_id IS NOT NULL THEN 'organisation' WHEN {row}.project_holder_id IS NOT NULL"
    " THEN 'project_holder' WHEN {row}.territory_id IS NOT NULL THEN 'territory' ELSE 'group' END"
)
BENEFICIARY_ID = "coalesce({row}.organisation_id, {row}.project_holder_id, {row}.territory_id, 0)"
TOTALS_COLUMNS = "organisation_id, project_holder_id, territory_id, group_count, hours"


def _add_action(row: str, sign: str) -> str:
    """Add (sign '+') or take away ('-') the support_actions row `row` from its beneficiary's totals."""
    kind, id = BENEFICIARY_KIND.format(row=row), BENEFICIARY_ID.format(row=row)
    return (
        "INSERT INTO action_beneficiaries (kind, id, actions, hours, people) "
        f"VALUES ({kind}, {id}, {sign}1, {sign}{row}.hours, {sign}coalesce({row}.group_count, 0)) "
        "ON CONFLICT (kind, id) DO UPDATE SET actions = action_beneficiaries.actions + excluded.actions, "
        "hours = action_beneficiaries.hours + excluded.hours, people = action_beneficiaries.people + excluded.people; "
        + (f"DELETE FROM action_beneficiaries WHERE kind = {kind} AND id = {id} AND actions = 0; " if sign == "-" else "")
    )


# The participants of the event whose id is `event` and other participants `others`: by names when
# anyone is registered (the distinct persons present; the CASE is NULL without registrations), else
# by numbers (services/derived_keys.py recounts the same).
PARTICIPANTS = (
    "coalesce((SELECT CASE WHEN count(*) > 0 THEN count(DISTINCT CASE WHEN registrations.status = 'present'"
    " THEN registrations.person_id END) END FROM registrations WHERE registrations.event_id = {event}),"
    " {others} + coalesce((SELECT sum(participations.persons) FROM participations"
    " WHERE participations.event_id = {event}), 0))"
)
# What a registration's update changes in its event's participants.
REGISTRATION_COLUMNS = "event_id, person_id, status"
# name, table, columns (plain or SQL expressions: EXPRESSION_INDEXES of storage/word_search.py), both backends.
INDEXES = (
    ("ix_support_actions_beneficiary_key", "support_actions", ["beneficiary_key", "id"]),
    ("ix_support_actions_hours", "support_actions", ["hours", "id"]),
    ("ix_support_actions_kind", "support_actions", ["kind", "id"]),
    ("ix_support_actions_outcome", "support_actions", ["outcome", "id"]),
    ("ix_support_actions_notes_start", "support_actions", [sa.text("substr(notes, 1, 200)"), "id"]),
    ("ix_events_title_key", "events", [sa.text("substr(search_key, 1, 200)"), "id"]),
    ("ix_events_place", "events", ["place", "id"]),
    ("ix_events_status", "events", ["status", "id"]),
    ("ix_events_sessions", "events", ["sessions", "id"]),
    ("ix_events_participants", "events", ["participants", "id"]),
    # A period's figures read only this index: held events by date, with what they add up.
    ("ix_events_figures", "events",
     ["starts_on", "status", "year", "kind_id", "online", "start_time", "end_time", "sessions", "participants"]),
)
SQLITE_TRIGGERS = (
    # beneficiary totals
    f"CREATE TRIGGER action_beneficiaries_insert AFTER INSERT ON support_actions BEGIN {_add_action('new', '+')} END",
    f"CREATE TRIGGER action_beneficiaries_update AFTER UPDATE OF {TOTALS_COLUMNS} ON support_actions BEGIN "
    f"{_add_action('old', '-')} {_add_action('new', '+')} END",
    f"CREATE TRIGGER action_beneficiaries_delete AFTER DELETE ON support_actions BEGIN {_add_action('old', '-')} END",
    # beneficiary key (not written again when the writer gave the right one, as a transfer does)
    *(
        f"CREATE TRIGGER support_actions_beneficiary_key_{name} AFTER {when} ON support_actions "
        f"WHEN new.beneficiary_key IS NOT {BENEFICIARY_KEY.format(row='new')} BEGIN "
        f"UPDATE support_actions SET beneficiary_key = {BENEFICIARY_KEY.format(row='new')} WHERE id = new.id; END"
        for name, when in (("insert", "INSERT"), ("update", f"UPDATE OF {BENEFICIARY_COLUMNS}"))
    ),
    *(
        f"CREATE TRIGGER {table}_beneficiary_key AFTER UPDATE OF name_key ON {table} BEGIN "
        f"UPDATE support_actions SET beneficiary_key = {BENEFICIARY_KEY.format(row='support_actions')} "
        f"WHERE {column} = new.id; END"
        for table, column in BENEFICIARY_TABLES.items()
    ),
    # participants
    *(
        f"CREATE TRIGGER events_participants_{name} AFTER {when} ON events BEGIN "
        f"UPDATE events SET participants = {PARTICIPANTS.format(event='new.id', others='other_participants')} "
        "WHERE id = new.id; END"
        for name, when in (("insert", "INSERT"), ("update", "UPDATE OF other_participants"))
    ),
    *(
        f"CREATE TRIGGER {table}_{name} AFTER {when} ON {table} BEGIN "
        + "".join(f"UPDATE events SET participants = "
                  f"{PARTICIPANTS.format(event=f'{row}.event_id', others='other_participants')} WHERE id = {row}.event_id; "
                  for row in rows)
        + "END"
        for table, columns in (("participations", ""), ("registrations", f" OF {REGISTRATION_COLUMNS}"))
        for name, when, rows in (("insert", "INSERT", ("new",)), ("update", f"UPDATE{columns}", ("old", "new")),
                                 ("delete", "DELETE", ("old",)))
    ),
    # the events' word index (as 0004_action_words for actions)
    "CREATE VIRTUAL TABLE events_fts USING fts5("
    "search_key, content='events', content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN "
    "INSERT INTO events_fts(rowid, search_key) VALUES (new.id, new.search_key); END",
    "CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN "
    "INSERT INTO events_fts(events_fts, rowid, search_key) VALUES ('delete', old.id, old.search_key); END",
    "CREATE TRIGGER events_fts_update AFTER UPDATE OF search_key ON events BEGIN "
    "INSERT INTO events_fts(events_fts, rowid, search_key) VALUES ('delete', old.id, old.search_key); "
    "INSERT INTO events_fts(rowid, search_key) VALUES (new.id, new.search_key); END",
    "INSERT INTO events_fts(events_fts) VALUES ('rebuild')",
)
SQLITE_DROPPED = (
    "TRIGGER action_beneficiaries_insert", "TRIGGER action_beneficiaries_update", "TRIGGER action_beneficiaries_delete",
    "TRIGGER support_actions_beneficiary_key_insert", "TRIGGER support_actions_beneficiary_key_update",
    *(f"TRIGGER {table}_beneficiary_key" for table in BENEFICIARY_TABLES),
    "TRIGGER events_participants_insert", "TRIGGER events_participants_update",
    *(f"TRIGGER {table}_{when}" for table in ("participations", "registrations") for when in ("insert", "update", "delete")),
    "TRIGGER events_fts_insert", "TRIGGER events_fts_delete", "TRIGGER events_fts_update", "TABLE events_fts",
)


def _function(name: str, body: str) -> str:
    return f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {body} END $$"


POSTGRESQL_TRIGGERS = (
    _function(
        "action_beneficiaries",
        f"IF TG_OP <> 'INSERT' THEN {_add_action('OLD', '-')} END IF; "
        f"IF TG_OP <> 'DELETE' THEN {_add_action('NEW', '+')} END IF; RETURN NULL;",
    ),
    f"CREATE TRIGGER action_beneficiaries AFTER INSERT OR DELETE OR UPDATE OF {TOTALS_COLUMNS} ON support_actions "
    "FOR EACH ROW EXECUTE FUNCTION action_beneficiaries()",
    _function("support_actions_beneficiary_key", f"NEW.beneficiary_key := {BENEFICIARY_KEY.format(row='NEW')}; RETURN NEW;"),
    f"CREATE TRIGGER support_actions_beneficiary_key BEFORE INSERT OR UPDATE OF {BENEFICIARY_COLUMNS} ON support_actions "
    "FOR EACH ROW EXECUTE FUNCTION support_actions_beneficiary_key()",
    *(
        statement
        for table, column in BENEFICIARY_TABLES.items()
        for statement in (
            _function(f"{table}_beneficiary_key",
                      f"UPDATE support_actions SET beneficiary_key = {BENEFICIARY_KEY.format(row='support_actions')} "
                      f"WHERE {column} = NEW.id; RETURN NULL;"),
            f"CREATE TRIGGER {table}_beneficiary_key AFTER UPDATE OF name_key ON {table} "
            f"FOR EACH ROW WHEN (OLD.name_key IS DISTINCT FROM NEW.name_key) EXECUTE FUNCTION {table}_beneficiary_key()",
        )
    ),
    _function("events_participants",
              f"NEW.participants := {PARTICIPANTS.format(event='NEW.id', others='NEW.other_participants')}; RETURN NEW;"),
    "CREATE TRIGGER events_participants BEFORE INSERT OR UPDATE OF other_participants ON events "
    "FOR EACH ROW EXECUTE FUNCTION events_participants()",
    # For a row of participations or registrations (both name their event by event_id).
    _function(
        "recount_participants",
        "IF TG_OP <> 'INSERT' THEN UPDATE events SET participants = "
        f"{PARTICIPANTS.format(event='OLD.event_id', others='other_participants')} WHERE id = OLD.event_id; END IF; "
        "IF TG_OP <> 'DELETE' THEN UPDATE events SET participants = "
        f"{PARTICIPANTS.format(event='NEW.event_id', others='other_participants')} WHERE id = NEW.event_id; END IF; "
        "RETURN NULL;",
    ),
    "CREATE TRIGGER participations_participants AFTER INSERT OR UPDATE OR DELETE ON participations "
    "FOR EACH ROW EXECUTE FUNCTION recount_participants()",
    f"CREATE TRIGGER registrations_participants AFTER INSERT OR DELETE OR UPDATE OF {REGISTRATION_COLUMNS} "
    "ON registrations FOR EACH ROW EXECUTE FUNCTION recount_participants()",
    "CREATE INDEX ix_support_actions_words ON support_actions USING gin (to_tsvector('simple', search_key))",
    "CREATE INDEX ix_events_words ON events USING gin (to_tsvector('simple', search_key))",
)
POSTGRESQL_DROPPED = (
    "TRIGGER action_beneficiaries ON support_actions", "FUNCTION action_beneficiaries()",
    "INDEX ix_support_actions_words", "INDEX ix_events_words",
    "TRIGGER participations_participants ON participations", "TRIGGER registrations_participants ON registrations",
    "FUNCTION recount_participants()",
    "TRIGGER events_participants ON events", "FUNCTION events_participants()",
    *(statement for table in BENEFICIARY_TABLES
      for statement in (f"TRIGGER {table}_beneficiary_key ON {table}", f"FUNCTION {table}_beneficiary_key()")),
    "TRIGGER support_actions_beneficiary_key ON support_actions", "FUNCTION support_actions_beneficiary_key()",
)


RECOUNT_BENEFICIARIES = (
    "INSERT INTO action_beneficiaries (kind, id, actions, hours, people) "
    f"SELECT {BENEFICIARY_KIND.format(row='support_actions')}, {BENEFICIARY_ID.format(row='support_actions')}, "
    "count(*), sum(hours), coalesce(sum(group_count), 0) FROM support_actions GROUP BY 1, 2"
)


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN (no table is recreated); the rows get their values just below.
    op.add_column('support_actions', sa.Column('beneficiary_key', sa.String(), nullable=False, server_default=''))
    op.add_column('events', sa.Column('participants', sa.Integer(), nullable=False, server_default='0'))
    op.execute(f"UPDATE support_actions SET beneficiary_key = {BENEFICIARY_KEY.format(row='support_actions')}")
    op.execute(f"UPDATE events SET participants = {PARTICIPANTS.format(event='events.id', others='other_participants')}")
    # Outside the models, as the word indexes are: derived from support_actions by its triggers,
    # never copied by a transfer (which would then count every action twice).
    op.create_table(
        'action_beneficiaries',
        sa.Column('kind', sa.String(20), nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('actions', sa.Integer(), nullable=False),
        sa.Column('hours', sa.Float(), nullable=False),
        sa.Column('people', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('kind', 'id'),
    )
    op.execute(RECOUNT_BENEFICIARIES)
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_TRIGGERS if sqlite else POSTGRESQL_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for dropped in SQLITE_DROPPED if sqlite else POSTGRESQL_DROPPED:
        op.execute(f"DROP {dropped}")
    op.drop_table('action_beneficiaries')
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
    # ALTER TABLE DROP COLUMN (SQLite 3.35+), not a batch copy: that would drop 0004's triggers.
    op.execute("ALTER TABLE events DROP COLUMN participants")
    op.execute("ALTER TABLE support_actions DROP COLUMN beneficiary_key")
