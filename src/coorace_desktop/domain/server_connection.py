"""What the Connexion à un serveur… dialog edits: a PostgreSQL server, a database, a login.

The password lives only in memory: it is part of the URL handed to the engine, never part of
what is remembered (remembered() leaves it out)."""

from dataclasses import dataclass, replace

from sqlalchemy.engine import URL, make_url

DEFAULT_PORT = 5432
SSL_REQUIRED = "require"


@dataclass(frozen=True, slots=True)
class ServerConnection:
    host: str = ""
    port: int = DEFAULT_PORT
    database: str = "coorace"
    user: str = ""
    password: str = ""  # empty: libpq looks in ~/.pgpass (or $PGPASSWORD)
    require_ssl: bool = False

    def url(self) -> str:
        """The engine's URL (password included, to be kept in memory only)."""
        return URL.create(
            "postgresql+psycopg",
            username=self.user.strip(),
            password=self.password or None,
            host=self.host.strip(),
            port=self.port,
            database=self.database.strip(),
            query={"sslmode": SSL_REQUIRED} if self.require_ssl else {},
        ).render_as_string(hide_password=False)

    def remembered(self) -> "ServerConnection":
        """What may be stored in the settings: everything but the password."""
        return replace(self, password="")


def from_url(url: str) -> ServerConnection:
    """The fields of a postgresql:// URL (as in $COORACE_DATABASE_URL)."""
    parsed = make_url(url)
    return ServerConnection(
        host=parsed.host or "",
        port=parsed.port or DEFAULT_PORT,
        database=parsed.database or "",
        user=parsed.username or "",
        password=parsed.password or "",
        require_ssl=parsed.query.get("sslmode") in ("require", "verify-ca", "verify-full"),
    )


def connection_errors(connection: ServerConnection) -> dict[str, str]:
    """French message per field that cannot be used; empty when the connection can be tried."""
    errors = {}
    host = connection.host.strip()
    if not host:
        errors["host"] = "Indiquez le nom ou l'adresse du serveur."
    elif any(character in host for character in " /@?#"):
        errors["host"] = "Le nom du serveur ne peut contenir ni espace, ni « / », « @ », « ? » ou « # »."
    if not 1 <= connection.port <= 65535:
        errors["port"] = "Le port est un nombre entre 1 et 65535 (PostgreSQL : 5432)."
    if not connection.database.strip():
        errors["database"] = "Indiquez le nom de la base sur le serveur."
    if not connection.user.strip():
        errors["user"] = "Indiquez l'identifiant de connexion au serveur."
    return errors
