"""Alembic environment: migrations run on the connection handed in by storage.migrate."""

from alembic import context

from coorace_desktop.domain.tables import metadata
from coorace_desktop.storage.migrate import include_object_for

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    compare_type=True,
    include_object=include_object_for(connection.dialect.name),
)
with context.begin_transaction():
    context.run_migrations()
