"""Backups of a server database with PostgreSQL's own tools: pg_dump writes a `.dump` archive,
pg_restore puts one back. They must be on PATH (Debian: postgresql-client); without them the
user is told what to install. The password goes to the tools through PGPASSWORD, never on
their command line (which other users of the machine can read)."""

import hashlib
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from coorace_desktop.storage import migrate
from coorace_desktop.storage.database import Database
from coorace_desktop.storage.errors import NewerSchemaError, NotADatabaseError, StorageError, known_failure
from coorace_desktop.storage.paths import backup_dir, private_folder

DUMP_SUFFIX = ".dump"
DUMP_FILTER = "Sauvegardes PostgreSQL (*.dump);;Tous les fichiers (*)"
TOOLS_MISSING = (
    "{tool}, l'outil de PostgreSQL qui {does}, est introuvable sur cet ordinateur. Installez les outils clients "
    "de PostgreSQL, de la même version que le serveur ou plus récents (Debian, Ubuntu : paquet postgresql-client ; "
    "Windows, macOS : l'installateur de postgresql.org), vérifiez qu'ils sont dans le PATH, puis recommencez. "
    "Sinon, demandez la sauvegarde à l'administrateur du serveur."
)
_REVISION_LINE = re.compile(r"^COPY \S*alembic_version \(version_num\) FROM stdin;\n(.+?)\n", re.MULTILINE)


class ToolMissingError(StorageError):
    """pg_dump or pg_restore is not installed."""


@dataclass(frozen=True, slots=True)
class ServerBackup:
    path: Path
    created_at: datetime
    size: int
    sha256: str


def tool(name: str, does: str) -> str:
    """The path of a PostgreSQL client program, or ToolMissingError explaining what to install."""
    found = shutil.which(name)
    if found is None:
        raise ToolMissingError(TOOLS_MISSING.format(tool=name, does=does))
    return found


def _connection(database: Database) -> tuple[str, dict[str, str]]:
    """libpq's URI for the database (no password) and the environment carrying the password."""
    url = make_url(database.url)
    environment = dict(os.environ)
    if url.password:
        environment["PGPASSWORD"] = url.password
    uri = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    return uri, environment


def _run(command: list[str], environment: dict[str, str], what: str) -> subprocess.CompletedProcess:
    done = subprocess.run(command, capture_output=True, text=True, env=environment)
    if done.returncode != 0:
        message = done.stderr.strip() or done.stdout.strip()
        failure = known_failure(RuntimeError(message))  # login refused, server unreachable...
        if failure is not None:
            raise failure
        if "server version mismatch" in message or "unsupported version" in message:
            raise StorageError(
                f"{Path(command[0]).name} est plus ancien que le serveur : installez les outils clients de PostgreSQL "
                f"de la version du serveur. ({message.splitlines()[-1]})"
            )
        raise StorageError(f"{what} a échoué : {message.splitlines()[-1] if message else done.returncode}")
    return done


def create_server_backup(database: Database, target: Path | None = None, *, kind: str = "copie") -> ServerBackup:
    """pg_dump the database into `target` (a file, a folder, or the backups folder), written under a
    temporary name then renamed: an interrupted backup leaves no file that looks complete."""
    pg_dump = tool("pg_dump", "sauvegarde une base sur serveur")
    url = make_url(database.url)
    now = datetime.now().astimezone()
    name = f"{url.database}-{url.host or 'localhost'}-{kind}-{now:%Y%m%d-%H%M%S}{DUMP_SUFFIX}"
    final = (target / name if target.is_dir() else target) if target is not None else backup_dir() / name
    private_folder(final.parent)  # backups hold personal data
    partial = final.with_name(f".partiel-{final.name}")
    uri, environment = _connection(database)
    try:
        _run([pg_dump, "--format=custom", "--no-owner", "--no-privileges", f"--file={partial}", f"--dbname={uri}"],
             environment, "La sauvegarde (pg_dump)")
        partial.chmod(0o600)
        partial.replace(final)
    finally:
        partial.unlink(missing_ok=True)
    data = final.read_bytes()
    return ServerBackup(final, now, len(data), hashlib.sha256(data).hexdigest())


def dump_revision(dump: Path) -> str:
    """The schema revision recorded in a dump, or NotADatabaseError when it is not one of ours."""
    pg_restore = tool("pg_restore", "restaure une sauvegarde de base sur serveur")
    if not dump.is_file():
        raise NotADatabaseError(f"{dump} n'existe pas.")
    listing = subprocess.run([pg_restore, "--list", str(dump)], capture_output=True, text=True)
    if listing.returncode != 0 or " TABLE public organisations " not in listing.stdout:
        raise NotADatabaseError(f"{dump.name} n'est pas une sauvegarde Coorace Desktop faite par pg_dump (format .dump).")
    data = subprocess.run([pg_restore, "--data-only", "--table=alembic_version", "--file=-", str(dump)],
                          capture_output=True, text=True)
    found = _REVISION_LINE.search(data.stdout)
    if found is None:
        raise NotADatabaseError(f"{dump.name} ne dit pas à quel schéma il a été enregistré : ce n'est pas une sauvegarde Coorace Desktop.")
    return found.group(1).strip()


def restore_server_backup(database: Database, dump: Path) -> ServerBackup:
    """Replace the server database's contents by a dump of ours, in one transaction, after a safety
    copy of the current contents (returned). The caller closes its own connections first, and
    the other PCs should have closed the application."""
    revision = dump_revision(dump)
    if revision not in migrate.known_revisions():
        raise NewerSchemaError(
            f"{dump.name} a été enregistré par une version plus récente de Coorace Desktop (schéma {revision}) : "
            "mettez l'application à jour pour le restaurer."
        )
    pg_restore = tool("pg_restore", "restaure une sauvegarde de base sur serveur")
    safety = create_server_backup(database, kind="avant-restauration")
    database.close()
    uri, environment = _connection(database)
    _run([pg_restore, "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
          "--exit-on-error", f"--dbname={uri}", str(dump)], environment, "La restauration (pg_restore)")
    return safety
