"""The command line on a PostgreSQL server: --database-url, $COORACE_DATABASE_URL, transfer, backups."""

import json
from types import SimpleNamespace

import pytest

from coorace_desktop.cli import main
from coorace_desktop.domain import TABLE_NAMES
from tests.backends import server_database


@pytest.fixture
def run(capsys, monkeypatch):
    """Run the command line in this process (a subprocess per call would triple the time)."""

    def run(*args, **environment):
        with monkeypatch.context() as patch:
            for name, value in environment.items():
                patch.setenv(name, value)
            code = main([str(arg) for arg in args])
        out, err = capsys.readouterr()
        return SimpleNamespace(returncode=code, stdout=out, stderr=err)

    return run


@pytest.fixture
def server_url(request):
    """An empty server database at the current schema, by URL."""
    for database in server_database(request, "postgres_template"):
        database.close()
        yield database.url


@pytest.fixture
def checked_counts(run):
    def checked_counts(*where, **environment) -> dict:
        result = run("check", "--json", *where, **environment)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)["counts"]

    return checked_counts


def test_transfer_to_the_server_and_back_is_verified(run, checked_counts, demo_file, server_url, tmp_path):
    sent = run("transfer", demo_file, server_url)
    assert sent.returncode == 0, sent.stderr
    assert f"Copie vérifiée : {len(TABLE_NAMES)} tables" in sent.stdout and "identiques" in sent.stdout
    assert server_url.split("@")[0].split(":")[-1] not in sent.stdout + sent.stderr  # the password is never printed
    assert checked_counts("--database-url", server_url) == checked_counts("--db", demo_file)

    again = run("transfer", demo_file, server_url)
    assert again.returncode == 1 and "contient déjà des données (51 adhérents" in again.stderr

    back = tmp_path / "retour.sqlite"
    returned = run("transfer", server_url, back)
    assert returned.returncode == 0, returned.stderr
    assert checked_counts("--db", back) == checked_counts("--db", demo_file)


def test_a_failed_transfer_leaves_no_new_file(run, tmp_path):
    target = tmp_path / "nouvelle.sqlite"
    refused = run("transfer", tmp_path / "absente.sqlite", target)
    assert refused.returncode == 1 and "n'existe pas" in refused.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == []


def test_the_environment_variable_names_the_server(run, checked_counts, server_url):
    created = run("demo", COORACE_DATABASE_URL=server_url)
    assert created.returncode == 0, created.stderr
    assert "enregistrées dans test_" in created.stdout and " sur 127.0.0.1:" in created.stdout
    assert checked_counts(COORACE_DATABASE_URL=server_url)["organisations"] == 51
    both = run("check", "--db", "x.sqlite", "--database-url", server_url)
    assert both.returncode == 1 and "pas les deux" in both.stderr
    listing = run("backups", COORACE_DATABASE_URL=server_url)
    assert listing.returncode == 1 and "fichier SQLite" in listing.stderr


def test_backup_and_restore_of_a_server_database(run, server_url, tmp_path):
    assert run("demo", "--database-url", server_url).returncode == 0
    saved = run("backup", "--database-url", server_url, "-o", tmp_path)
    assert saved.returncode == 0, saved.stderr
    dump = next(tmp_path.glob("*.dump"))
    assert f"Copie enregistrée : {dump}" in saved.stdout and "SHA-256" in saved.stdout
    restored = run("restore", "--database-url", server_url, dump)
    assert restored.returncode == 0, restored.stderr
    assert "restaurée depuis" in restored.stdout and "(51 adhérents)" in restored.stdout
    assert "La base remplacée est conservée" in restored.stdout


def test_without_pg_dump_the_backup_command_says_what_to_install(run, server_url, tmp_path):
    assert run("demo", "--database-url", server_url).returncode == 0
    refused = run("backup", "--database-url", server_url, PATH=str(tmp_path))
    assert refused.returncode == 1
    assert "pg_dump, l'outil de PostgreSQL qui sauvegarde une base sur serveur, est introuvable" in refused.stderr
