"""The PostgreSQL test cluster: skipped with its reason on a machine without the server, a
failure under CI (where scripts/setup installs it), and bound to 127.0.0.1 only."""

import socket

import pytest

from tests import backends


def test_without_the_server_binaries_the_variants_skip_but_ci_fails(monkeypatch):
    monkeypatch.setattr(backends, "server_binaries", lambda: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="serveur PostgreSQL absent"):
        backends.start_cluster()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI : les tests PostgreSQL doivent tourner"):
        backends.start_cluster()


def test_the_cluster_listens_on_the_loopback_only_and_asks_a_password(postgres_cluster):
    import psycopg

    socket.create_connection(("127.0.0.1", postgres_cluster.port), timeout=5).close()
    with psycopg.connect(postgres_cluster.url().replace("+psycopg", "")) as connection:
        assert connection.execute("SHOW listen_addresses").fetchone()[0] == "127.0.0.1"
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(postgres_cluster.url().replace("+psycopg", "").replace(postgres_cluster.password, "x"))
