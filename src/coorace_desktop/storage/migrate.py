"""Alembic, driven from code: the revision a database is at, the newest one known, upgrades.

Alembic itself is imported only to migrate: importing it costs ~150 ms and ~16 MB, and every
start of the application and of each command opens a database that is already at the head."""

import ast
import re
import warnings
from collections.abc import Callable
from functools import cache

from sqlalchemy import Connection, inspect, text

from coorace_desktop.resources import MIGRATIONS_DIR
from coorace_desktop.storage.word_search import DERIVED_TABLES, EXPRESSION_INDEXES

VERSION_TABLE = "alembic_version"
NOTES = "notes"  # the key of alembic_config().attributes where migrations leave what the user should know


def alembic_config(connection: Connection | None = None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


# A top-level `revision = '…'` or `down_revision: … = …` line of a migration script.
_ASSIGNMENT = re.compile(r"^(revision|down_revision)\b[^=\n]*=(.+)$", re.MULTILINE)


@cache
def _revisions() -> dict[str, tuple[str, ...]]:
    """Each revision of versions/*.py and the revisions it follows, read from the files' top-level
    `revision` and `down_revision` lines (what Alembic reads; tests compare the two). A line scan:
    parsing the scripts would cost ~15 ms at every opening."""
    graph = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        values = {name: ast.literal_eval(value.strip()) for name, value in _ASSIGNMENT.findall(path.read_text(encoding="utf-8"))}
        if "revision" in values:
            down = values.get("down_revision")
            graph[values["revision"]] = tuple(down) if isinstance(down, tuple | list) else (down,) if down else ()
    return graph


def head_revision() -> str:
    """The newest revision; raises if the migrations have several heads (a merge is missing)."""
    graph = _revisions()
    followed = {parent for parents in graph.values() for parent in parents}
    heads = sorted(set(graph) - followed)
    if len(heads) != 1:
        raise RuntimeError(f"Les migrations ont {len(heads)} têtes ({', '.join(heads)}) au lieu d'une.")
    return heads[0]


def known_revisions() -> set[str]:
    return set(_revisions())


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    versions = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    if len(versions) > 1:
        raise RuntimeError(f"La base est à plusieurs révisions à la fois : {', '.join(versions)}.")
    return versions[0] if versions else None


def include_object_for(dialect: str) -> Callable[..., bool]:
    """Autogenerate's include_object: leave out the model objects made for another database only
    (`Index(...).ddl_if(dialect="sqlite")`), which this dialect rightly lacks, the tables the
    triggers derive and the indexes on an expression (storage/word_search.py)."""

    def include(item: object, name: str | None, kind: str, reflected: bool, _compare_to: object) -> bool:
        if reflected and kind == "table" and (name or "").startswith(DERIVED_TABLES):
            return False  # the FTS5 word indexes (and their shadow tables) and the derived totals live outside the models
        if reflected and kind == "index" and name in EXPRESSION_INDEXES:
            return False
        condition = getattr(item, "_ddl_if", None)
        return reflected or condition is None or condition.dialect in (None, dialect)

    return include


def upgrade_to_head(connection: Connection) -> list[str]:
    """Apply every pending migration inside the caller's transaction; what they noted for the
    user (a migration appends French sentences to its config's attributes[NOTES])."""
    from alembic import command

    config = alembic_config(connection)
    command.upgrade(config, "head")
    return list(config.attributes.get(NOTES, []))


def schema_differences(connection: Connection) -> list:
    """What autogenerate finds between the database and the models (see include_object_for)."""
    # Alembic's autogenerate is heavy: loaded by `check` and the tests, never while the window paints.
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from coorace_desktop.domain.tables import metadata

    options = {
        "compare_type": True,
        "include_object": include_object_for(connection.dialect.name),
        # Not even reflected: a damaged word index fails when its columns are read.
        "include_name": lambda name, kind, _parent: not (kind == "table" and (name or "").startswith(DERIVED_TABLES)),
    }
    with warnings.catch_warnings():
        # SQLite's indexes on an expression are not reflected, so not compared either.
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based index")
        return compare_metadata(MigrationContext.configure(connection, opts=options), metadata)
