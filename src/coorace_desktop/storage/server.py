"""A database on a PostgreSQL server: recognising ours, refusing others and newer schemas.

A server database has no file header or application_id; what marks it as ours is a comment
on its alembic_version table, written when the schema is created there."""

from sqlalchemy import Connection, Engine, inspect

from coorace_desktop.storage import migrate
from coorace_desktop.storage.errors import ForeignDatabaseError, NewerSchemaError

MARKER = "Coorace Desktop"
VERSION_TABLE = "alembic_version"


def check_server_database(engine: Engine, display_name: str) -> None:
    """Refuse, without writing to it, a server database that is not ours or is newer than this version.

    An empty database (just created by the server's administrator) is initialised like a new file."""
    with engine.connect() as connection:
        inspector = inspect(connection)
        tables = set(inspector.get_table_names())
        if not tables:
            return
        marked = VERSION_TABLE in tables and inspector.get_table_comment(VERSION_TABLE).get("text") == MARKER
        if not marked:
            raise ForeignDatabaseError(
                f"La base {display_name} contient les tables d'une autre application : Coorace Desktop ne l'ouvre pas. "
                "Demandez une base vide à l'administrateur du serveur."
            )
        revision = connection.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}").scalar()
    if revision and revision not in migrate.known_revisions():
        raise NewerSchemaError(
            f"La base {display_name} a été enregistrée par une version plus récente de Coorace Desktop "
            f"(schéma {revision}). Mettez l'application à jour pour l'ouvrir."
        )


def mark_as_ours(connection: Connection) -> None:
    """Sign a database whose schema this application has just created."""
    connection.exec_driver_sql(f"COMMENT ON TABLE {VERSION_TABLE} IS '{MARKER}'")
