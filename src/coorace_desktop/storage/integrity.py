"""SQLite's own health checks on an open database."""

from coorace_desktop.storage.database import Database


def integrity_problems(database: Database) -> list[str]:
    """What integrity_check and foreign_key_check report (empty when healthy; nothing to run off SQLite)."""
    if database.path is None:
        return []
    with database.engine.connect() as connection:
        integrity = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]
        foreign_keys = list(connection.exec_driver_sql("PRAGMA foreign_key_check"))
    problems = [] if integrity == ["ok"] else integrity
    problems += [f"Référence invalide dans {table} (ligne {rowid}) vers {parent}" for table, rowid, parent, _ in foreign_keys]
    return problems
