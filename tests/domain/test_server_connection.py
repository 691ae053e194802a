"""The server connection the dialog edits: its URL, what is remembered, its field errors."""

from hypothesis import given
from hypothesis import strategies as st

from coorace_desktop.domain.server_connection import ServerConnection, connection_errors, from_url

OFFICE = ServerConnection(host="bdd.coorace-occitanie.fr", port=5433, database="coorace", user="marie", password="p@ss:w/rd é%", require_ssl=True)


def test_the_url_carries_everything_and_reads_back():
    url = OFFICE.url()
    assert url.startswith("postgresql+psycopg://marie:") and url.endswith("@bdd.coorace-occitanie.fr:5433/coorace?sslmode=require")
    assert from_url(url) == OFFICE
    assert from_url("postgresql://paul@localhost/delegation") == ServerConnection("localhost", 5432, "delegation", "paul")


@given(st.text(min_size=1, max_size=30))
def test_any_password_survives_the_url(password):
    assert from_url(ServerConnection("h", 5432, "d", "u", password).url()).password == password


def test_what_is_remembered_has_no_password():
    assert OFFICE.remembered().password == "" and OFFICE.remembered().host == OFFICE.host


def test_missing_or_impossible_fields_are_french_errors():
    assert connection_errors(OFFICE) == {}
    errors = connection_errors(ServerConnection(host="serveur bureau", port=0, database=" ", user=""))
    assert set(errors) == {"host", "port", "database", "user"}
    assert errors["port"].startswith("Le port est un nombre entre 1 et 65535")
    assert connection_errors(ServerConnection(host="", database="c", user="u")) == {"host": "Indiquez le nom ou l'adresse du serveur."}
