"""The yearly figures' export on both databases: members' rows only, by organisation then year, one year or a search."""

from sqlalchemy import select

from coorace_desktop.domain import Organisation, YearlyFigures
from coorace_desktop.services.exporting.figures import YEAR_FILTER, count_figures, list_figures
from coorace_desktop.services.listing import ListQuery


def test_members_figures_by_organisation_then_year_without_the_network_totals(demo_database):
    with demo_database.session() as session:
        ids = dict(session.execute(select(Organisation.name, Organisation.id).where(Organisation.name.in_(["AJE", "CASTA"]))).all())
        session.add_all([
            YearlyFigures(organisation_id=ids["CASTA"], year=2020, turnover=900),
            YearlyFigures(organisation_id=ids["AJE"], year=2020, fte=2.5),
            YearlyFigures(organisation_id=ids["AJE"], year=2019, turnover=1_000, insertion_hours=0),
        ])
    every = list_figures(demo_database, ListQuery(), 0, 100)
    assert [row[:3] for row in every] == [("AJE", "", 2019), ("AJE", "", 2020), ("CASTA", "", 2020)]  # not the demo's two network totals
    assert every[0][3:] == (1_000, None, None, None, None, None, 0)
    assert count_figures(demo_database, ListQuery()) == 3
    year = ListQuery(filters={YEAR_FILTER: 2020})
    assert [row[0] for row in list_figures(demo_database, year, 1, 100)] == ["CASTA"]
    assert count_figures(demo_database, ListQuery(search="casta").with_filter(YEAR_FILTER, 2019)) == 0
