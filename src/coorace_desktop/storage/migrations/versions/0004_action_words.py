"""Word index of support actions' search key (SQLite FTS5, kept in step by triggers)

Searching the notes of 200,000 actions with LIKE scans every key (~30-70 ms); the word index
answers in a few ms. Triggers keep it in step with every writer (ORM, Core, executemany,
transfer), inside the writer's own transaction. PostgreSQL keeps searching with LIKE.

Revision ID: 0004_action_words
Revises: 0003_record_versions
"""

from alembic import op

revision = '0004_action_words'
down_revision = '0003_record_versions'
branch_labels = None
depends_on = None

STATEMENTS = (
    "CREATE VIRTUAL TABLE support_actions_fts USING fts5("
    "search_key, content='support_actions', content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER support_actions_fts_insert AFTER INSERT ON support_actions BEGIN "
    "INSERT INTO support_actions_fts(rowid, search_key) VALUES (new.id, new.search_key); END",
    "CREATE TRIGGER support_actions_fts_delete AFTER DELETE ON support_actions BEGIN "
    "INSERT INTO support_actions_fts(support_actions_fts, rowid, search_key) VALUES ('delete', old.id, old.search_key); END",
    "CREATE TRIGGER support_actions_fts_update AFTER UPDATE OF search_key ON support_actions BEGIN "
    "INSERT INTO support_actions_fts(support_actions_fts, rowid, search_key) VALUES ('delete', old.id, old.search_key); "
    "INSERT INTO support_actions_fts(rowid, search_key) VALUES (new.id, new.search_key); END",
    "INSERT INTO support_actions_fts(support_actions_fts) VALUES ('rebuild')",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for trigger in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER support_actions_fts_{trigger}")
    op.execute("DROP TABLE support_actions_fts")
