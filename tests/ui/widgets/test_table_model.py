"""The windowed model: pages fetched on demand, search and sort delegated to SQL."""

from dataclasses import dataclass

from PySide6.QtCore import Qt
from sqlalchemy import func
from sqlmodel import select

from coorace_desktop.domain import Organisation, Site
from coorace_desktop.services.listing import ListQuery, apply_search, apply_sort
from coorace_desktop.ui.widgets import table_model
from coorace_desktop.ui.widgets.table_model import ROW_ID_ROLE, Column, WindowedTableModel


@dataclass(frozen=True)
class Row:
    id: int
    name: str
    city: str


SORTS = {"name": Organisation.name, "city": Site.city}


def make_model(database, calls):
    def base():
        return select(Organisation.id, Organisation.name, Site.city).join(
            Site, (Site.organisation_id == Organisation.id) & (Site.position == 0)
        )

    def count(query: ListQuery) -> int:
        statement = apply_search(base(), Organisation.search_key, query.search)
        with database.session() as session:
            return session.exec(select(func.count()).select_from(statement.subquery())).one()

    def page(query: ListQuery, offset: int, limit: int) -> list[Row]:
        calls.append((offset, limit))
        statement = apply_sort(apply_search(base(), Organisation.search_key, query.search), SORTS, query, Organisation.id)
        with database.session() as session:
            return [Row(*r) for r in session.exec(statement.offset(offset).limit(limit))]

    columns = [Column("Nom", "name", lambda r: r.name), Column("Ville", "city", lambda r: r.city), Column("N°", None, lambda r: r.id, numeric=True)]
    return WindowedTableModel(columns, count, page)


def test_model_passes_qt_model_tester(qtmodeltester, demo_database):
    model = make_model(demo_database, [])
    qtmodeltester.check(model)


def test_the_sort_already_shown_reads_nothing_again(demo_database):
    """A table view sorts its model again when sorting is enabled and when its header is restored."""
    calls = []
    model = make_model(demo_database, calls)
    model.data(model.index(0, 0))
    model.sort(0, Qt.SortOrder.AscendingOrder)  # the model's own order: by the first column, ascending
    model.data(model.index(0, 0))
    assert len(calls) == 1
    model.sort(0, Qt.SortOrder.DescendingOrder)
    model.data(model.index(0, 0))
    assert len(calls) == 2


def test_search_is_accent_insensitive_and_sort_runs_in_sql(demo_database):
    model = make_model(demo_database, [])
    assert model.rowCount() == 51
    model.set_search("vallées")
    assert model.rowCount() == 1
    assert model.data(model.index(0, 0)) == "VALLEES VILLAGES MONTAGNE"
    model.set_search("")
    model.sort(1, Qt.SortOrder.DescendingOrder)
    cities = [model.data(model.index(row, 1)) for row in range(model.rowCount())]
    assert cities == sorted(cities, reverse=True)
    assert cities[0] == "Villemur-sur-Tarn"


def test_unsortable_column_keeps_the_order(demo_database):
    model = make_model(demo_database, [])
    before = model.query
    model.sort(2, Qt.SortOrder.AscendingOrder)
    assert model.query == before


def test_only_visible_pages_are_fetched(demo_database, monkeypatch):
    monkeypatch.setattr(table_model, "PAGE_SIZE", 10)
    calls = []
    model = make_model(demo_database, calls)
    model.data(model.index(0, 0))
    model.data(model.index(5, 0))
    assert calls == [(0, 10)]
    model.data(model.index(45, 0), ROW_ID_ROLE)
    assert calls == [(0, 10), (40, 10)]
