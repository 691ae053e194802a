"""Amounts in euros beyond 32 bits: PostgreSQL's INTEGER stopped at 2 147 483 647 €."""

from datetime import date

from sqlalchemy import inspect

from coorace_desktop.domain.members import FiguresDraft, MembershipDraft, OrganisationDraft
from coorace_desktop.services.members import organisations as members
from coorace_desktop.services.reporting.member_figures import year_changes

FIVE_BILLION = 5_000_000_000
AMOUNTS = {"membership_fees": {"amount"}, "yearly_figures": {"turnover", "gross_wages", "public_funding"},
           "yearly_resources": {"amount"}}


def test_five_billion_euros_are_saved_and_read_back(database):
    """On both backends (tests/backends.py): the consolidated turnover of a large group."""
    draft = OrganisationDraft(
        name="Groupe Économique Solidaire",
        memberships=(MembershipDraft(joined_on=date(2018, 1, 1)),),
        figures=(FiguresDraft(2019, turnover=FIVE_BILLION - 1), FiguresDraft(2020, turnover=FIVE_BILLION,
                 gross_wages=FIVE_BILLION + 1, public_funding=FIVE_BILLION + 2)),
    )
    saved = members.get_organisation(database, members.save_organisation(database, draft))
    assert saved.figures_for(2020) == draft.figures_for(2020)
    # Summed for the report: an int on both (PostgreSQL's SUM of a BIGINT is a NUMERIC)
    [turnover] = [change for change in year_changes(database, 2020, 2019) if change.measure == "turnover"]
    assert (turnover.value, turnover.reference_value) == (FIVE_BILLION, FIVE_BILLION - 1)
    assert type(turnover.value) is int


def test_amounts_are_bigint_on_postgresql_and_integer_on_sqlite(database):
    """Migration 0011_big_amounts and the models agree (test_migrations compares the rest)."""
    wanted = "INTEGER" if database.engine.dialect.name == "sqlite" else "BIGINT"
    columns = inspect(database.engine)
    for table, names in AMOUNTS.items():
        types = {column["name"]: column["type"] for column in columns.get_columns(table) if column["name"] in names}
        assert set(types) == names
        assert {str(kind) for kind in types.values()} == {wanted}, (table, types)
