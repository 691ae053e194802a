"""The database backends the storage and service tests run on: SQLite files, and a throw-away
PostgreSQL cluster (initdb + pg_ctl on a free 127.0.0.1 port). Its templates are migrated (or
loaded with the demo) once per session; a test gets a copy (server_database), or, for the shared
`database` and `demo_database` fixtures, a database put back to its template's rows after each
test (reused_server_database: ~20 ms instead of ~150 ms for CREATE DATABASE ... TEMPLATE)."""

import itertools
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
BACKENDS = (SQLITE, POSTGRESQL)
# Test folders whose tests run on both backends (every test there using a database fixture).
BOTH_BACKENDS_UNDER = ("storage", "services")
SERVER_GLOB = "/usr/lib/postgresql/*/bin"
SUPERUSER = "coorace"
SQLITE_ONLY_MARK = "sqlite_only"


def both_backends(metafunc: pytest.Metafunc, tests_root: Path) -> None:
    """Parametrise `backend` for the tests under BOTH_BACKENDS_UNDER; others stay on SQLite."""
    if "backend" not in metafunc.fixturenames:
        return
    relative = Path(metafunc.definition.path).relative_to(tests_root)
    if relative.parts[0] in BOTH_BACKENDS_UNDER:
        metafunc.parametrize("backend", BACKENDS, indirect=True)


def chosen_backend(request: pytest.FixtureRequest) -> str:
    """The test's backend; a test marked sqlite_only(reason) is skipped on PostgreSQL."""
    backend = getattr(request, "param", SQLITE)
    mark = request.node.get_closest_marker(SQLITE_ONLY_MARK)
    if backend == POSTGRESQL and mark is not None:
        pytest.skip(f"SQLite seulement : {mark.args[0] if mark.args else mark.kwargs.get('reason', '')}")
    return backend


def server_binaries() -> Path | None:
    """The newest PostgreSQL server's bin folder (Debian's layout), or None."""
    found = [Path(folder) for folder in sorted(Path("/").glob(SERVER_GLOB.lstrip("/")))]
    found = [folder for folder in found if (folder / "initdb").exists() and (folder / "pg_ctl").exists()]
    found.sort(key=lambda folder: int(folder.parent.name) if folder.parent.name.isdigit() else 0)
    return found[-1] if found else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresCluster:
    """A private cluster in a temp folder; as root its programs run as the `postgres` user."""

    def __init__(self, binaries: Path) -> None:
        self.binaries = binaries
        self.root = Path(tempfile.mkdtemp(prefix="coorace-pg-"))
        self.password = secrets.token_urlsafe(18)
        self.port = free_port()
        self._as_postgres = os.geteuid() == 0
        self._names = itertools.count(1)
        self._admin = None
        self.reused: dict[str, ReusedDatabase] = {}

    def _run(self, program: str, *arguments: str) -> None:
        command = [str(self.binaries / program), *arguments]
        if self._as_postgres:  # initdb and postgres refuse to run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{program} a échoué ({done.returncode}) : {done.stderr or done.stdout}\n{tail}")

    def start(self) -> None:
        password_file = self.root / "password"
        password_file.write_text(self.password)
        password_file.chmod(0o600)
        if self._as_postgres:
            user = pwd.getpwnam("postgres")
            for path in (self.root, password_file):
                os.chown(path, user.pw_uid, user.pw_gid)
        data = self.root / "data"
        self._run(
            "initdb", "-D", str(data), "-U", SUPERUSER, "--auth=scram-sha-256", f"--pwfile={password_file}",
            "--encoding=UTF8", "--locale=C", "--no-sync",
        )
        password_file.unlink()
        # Durability is of no use to a cluster thrown away at the end of the run.
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories='{self.root}' "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._run("pg_ctl", "-D", str(data), "-l", str(self.root / "server.log"), "-w", "-o", options, "start")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}:{self.password}@127.0.0.1:{self.port}/{database}"

    def _execute(self, sql: str) -> None:
        import psycopg

        if self._admin is None or self._admin.closed:
            self._admin = psycopg.connect(self.url().replace("+psycopg", ""), autocommit=True)
        self._admin.execute(sql)

    def create_database(self, template: str | None = None) -> str:
        """A new empty database (or a copy of `template`); its name."""
        name = f"test_{next(self._names)}"
        # FILE_COPY: for small databases, copying the files beats WAL-logging every page.
        self._execute(f"CREATE DATABASE {name}" + (f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""))
        return name

    def drop_database(self, name: str) -> None:
        self._execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        if self._admin is not None:
            self._admin.close()
        try:
            self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def start_cluster() -> PostgresCluster:
    """Start a cluster; skip (or fail under CI=true) when PostgreSQL or psycopg is missing."""
    binaries = server_binaries()
    missing = None
    if binaries is None:
        missing = f"serveur PostgreSQL absent (initdb et pg_ctl introuvables sous {SERVER_GLOB})"
    else:
        try:
            import psycopg  # noqa: F401
        except ImportError:
            missing = "pilote psycopg absent (pip install -e '.[test,postgres]')"
    if missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI : les tests PostgreSQL doivent tourner, mais {missing}. Lancez scripts/setup.")
        pytest.skip(f"Variantes PostgreSQL ignorées : {missing}.")
    cluster = PostgresCluster(binaries)
    try:
        cluster.start()
    except BaseException:
        shutil.rmtree(cluster.root, ignore_errors=True)
        raise
    return cluster


def template_database(cluster: PostgresCluster, fill=None) -> str:
    """A database at the current schema (then given to `fill(database)`), to copy for each test."""
    from coorace_desktop.storage.database import open_database

    name = cluster.create_database()
    database = open_database(cluster.url(name), create=True)
    try:
        if fill is not None:
            fill(database)
    finally:
        database.close()  # a template must have no connection left when it is copied
    return name


def server_database(request: pytest.FixtureRequest, template_fixture: str):
    """A fresh copy of a session template for one test, dropped afterwards."""
    from coorace_desktop.storage.database import open_database

    cluster = request.getfixturevalue("postgres_cluster")
    name = cluster.create_database(request.getfixturevalue(template_fixture))
    database = open_database(cluster.url(name))
    try:
        yield database
    finally:
        database.close()
        cluster.drop_database(name)


class ReusedDatabase:
    """One copy of a template reused test after test: its rows are put back to the template's
    after each test; it is made anew when a test changed more than rows (schema, revision,
    marker) or left a lock behind."""

    def __init__(self, cluster: PostgresCluster, template: str) -> None:
        from sqlalchemy import create_engine, select

        from coorace_desktop.storage.transfer import tables

        self.cluster, self.template, self.name, self.engine = cluster, template, None, None
        engine = create_engine(cluster.url(template))
        with engine.connect() as connection:
            self.rows = {table.name: [dict(row._mapping) for row in connection.execute(select(table))] for table in tables()}
        engine.dispose()

    def open(self):
        from sqlalchemy import create_engine

        from coorace_desktop.storage.database import open_database

        if self.name is None:
            self.name = self.cluster.create_database(self.template)
            self.engine = create_engine(self.cluster.url(self.name), pool_size=1)  # kept: one login per session
        return open_database(self.cluster.url(self.name))

    def put_back(self) -> None:
        from sqlalchemy import delete, insert

        from coorace_desktop.storage.migrate import head_revision
        from coorace_desktop.storage.server import MARKER
        from coorace_desktop.storage.transfer import move_sequences, tables
        from coorace_desktop.storage.word_search import DERIVED_TABLES

        expected = (sorted([table.name for table in tables()] + ["alembic_version"]), head_revision(), MARKER)
        try:
            with self.engine.begin() as connection:
                connection.exec_driver_sql("SET LOCAL lock_timeout = '2s'")
                found = connection.exec_driver_sql(
                    "SELECT (SELECT array_agg(tablename::text ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'),"
                    " (SELECT max(version_num) FROM alembic_version),"
                    " obj_description('public.alembic_version'::regclass, 'pg_class')"
                ).one()
                # The tables the migrations keep beside the models (their triggers refill them below).
                found = ([name for name in found[0] if not name.startswith(DERIVED_TABLES)], *found[1:])
                if tuple(found) != expected:
                    raise LookupError(f"schema changed: {found}")
                for table in reversed(tables()):
                    connection.execute(delete(table))
                for table in tables():
                    if self.rows[table.name]:
                        connection.execute(insert(table), self.rows[table.name])
                move_sequences(connection)
        except Exception:  # noqa: BLE001 (whatever the test left, the next one gets a fresh copy)
            self.engine.dispose()
            self.cluster.drop_database(self.name)
            self.name = self.engine = None


def reused_server_database(request: pytest.FixtureRequest, template_fixture: str):
    """The template's reused database for one test, put back afterwards."""
    cluster = request.getfixturevalue("postgres_cluster")
    template = request.getfixturevalue(template_fixture)
    reused = cluster.reused.get(template) or cluster.reused.setdefault(template, ReusedDatabase(cluster, template))
    database = reused.open()
    try:
        yield database
    finally:
        database.close()
        reused.put_back()
