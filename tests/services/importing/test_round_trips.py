"""Round trips that are no-ops: what was exported or imported, imported again, changes nothing."""

import itertools
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from coorace_desktop.domain import Organisation, YearlyFigures
from coorace_desktop.domain.text import fold
from coorace_desktop.services.exporting.figures import YEAR_FILTER
from coorace_desktop.services.exporting.tables import TABLE_EXPORTS, export_table
from coorace_desktop.services.importing import (
    FIGURES,
    MEMBERS,
    Action,
    apply_members,
    preview_members,
    propose_mapping,
    read_table,
)
from coorace_desktop.services.importing.figures import FIGURE_NAMES, apply_figures, preview_figures
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.storage.database import open_database
from tests.services.importing.files import french_excel_csv

pytestmark = pytest.mark.sqlite_only("aller-retour de fichiers, indépendant du serveur")
_numbers = itertools.count(1)


def member_preview(database, path):
    table = read_table(path)
    return preview_members(database, table, propose_mapping(table, MEMBERS))


def figures_preview(database, path):
    table = read_table(path)
    return preview_figures(database, table, propose_mapping(table, FIGURES))


def store_figures(database, figures: dict[int, dict[int, dict]]) -> int:
    """Write {organisation id: {year: figures}} as the window's figures page would; how many rows."""
    with database.session() as session:
        session.add_all(
            YearlyFigures(organisation_id=organisation_id, year=year, source="Saisie", **values)
            for organisation_id, years in figures.items()
            for year, values in years.items()
        )
    return sum(len(years) for years in figures.values())


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_exporting_the_members_then_importing_the_file_changes_nothing(demo_database, tmp_path, suffix):
    exported = export_table(demo_database, TABLE_EXPORTS["members"], tmp_path / f"adherents{suffix}")
    preview = member_preview(demo_database, exported.path)
    assert preview.summary() == "0 à créer, 0 à mettre à jour, 51 inchangés, 0 doublon possible, 0 ligne en erreur."


_words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèàçœ'- ", min_size=3, max_size=18).map(str.strip).filter(lambda w: len(w) >= 3)
_members = st.lists(
    st.tuples(_words, st.sampled_from(["Albi", "Foix", "Saint-Girons", "Cahors"]), st.sampled_from(["AI", "ACI", "EI/ETTI"]),
              st.sampled_from(["2015", "03/2016", "1er mars 2017", ""])),
    min_size=1, max_size=4,
)


@pytest.fixture(scope="module")
def empty_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("vide") / "vide.sqlite"
    open_database(path, create=True).close()
    return path


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(members=_members)
def test_importing_members_then_their_export_is_a_no_op(empty_file, tmp_path, members):
    number = next(_numbers)
    path = shutil.copy(empty_file, tmp_path / f"base-{number}.sqlite")  # a fresh database per example
    rows = [[f"Structure {i} {name}", town, types, since] for i, (name, town, types, since) in enumerate(members)]
    source = french_excel_csv(tmp_path / f"source-{number}.csv", [["Raison sociale", "Ville", "Types", "Adhérent depuis"], *rows])
    with open_database(path) as database:
        apply_members(database, member_preview(database, source))
        again = member_preview(database, source)
        assert {item.action for item in again.planned} == {Action.UNCHANGED}, [(i.draft.name, i.reason, i.changes) for i in again.planned]
        exported = export_table(database, TABLE_EXPORTS["members"], tmp_path / f"export-{number}.xlsx")
        back = member_preview(database, exported.path)
        assert {item.action for item in back.planned} == {Action.UNCHANGED}, [(i.draft.name, i.reason, i.changes) for i in back.planned]


_figures = st.tuples(
    st.integers(0, 10**9), st.integers(0, 10**8), st.integers(0, 5000), st.decimals(0, 2000, places=1), st.integers(0, 10**6),
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(figures=_figures, year=st.integers(2000, 2030))
def test_importing_yearly_figures_twice_is_a_no_op(demo_database, tmp_path, figures, year):
    turnover, wages, employees, fte, hours = figures
    headers = ["Structure", "Année", "Chiffre d'affaires", "Masse salariale", "Salariés en insertion", "ETP", "Heures d'insertion"]
    row = ["AJE", str(year), f"{turnover:,}".replace(",", " "), str(wages), str(employees), str(fte).replace(".", ","), str(hours)]
    path = french_excel_csv(tmp_path / f"chiffres-{next(_numbers)}.csv", [headers, row])

    apply_figures(demo_database, figures_preview(demo_database, path))
    assert [item.action for item in figures_preview(demo_database, path).planned] == [Action.UNCHANGED]


def _demo_figures(number: int) -> dict:
    """Figures of every kind, some unknown (None), ETP with decimals."""
    values = {
        "turnover": 150_000 * number + 7, "gross_wages": 90_000 * number, "public_funding": 40_000 * number + 1,
        "insertion_employees": 3 * number, "permanent_staff": number % 7, "fte": round(number * 1.7 + 0.3, 2),
        "insertion_hours": 1_234 * number,
    }
    return {name: None if (number + index) % 5 == 0 else value for index, (name, value) in enumerate(values.items())}


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_exporting_yearly_figures_then_importing_the_file_changes_nothing(demo_database, tmp_path, suffix):
    # The demo holds only the network's totals (no organisation: the import has no row for them,
    # nor the export): its 51 members get two years of figures first.
    with demo_database.session() as session:
        ids = session.execute(select(Organisation.id).order_by(Organisation.id)).scalars().all()
    stored = store_figures(demo_database, {i: {2019: _demo_figures(n), 2020: _demo_figures(n + 1)} for n, i in enumerate(ids)})
    exported = export_table(demo_database, TABLE_EXPORTS["figures"], tmp_path / f"chiffres{suffix}")
    assert (len(ids), exported.rows) == (51, stored)
    preview = figures_preview(demo_database, exported.path)
    assert preview.summary() == "0 à créer, 0 à mettre à jour, 102 inchangés, 0 ligne en erreur."
    assert set(preview.mapping.fields) == {"name", "siret", "year", *FIGURE_NAMES}  # every column read back
    one_year = export_table(demo_database, TABLE_EXPORTS["figures"], tmp_path / f"chiffres-2020{suffix}", ListQuery(filters={YEAR_FILTER: 2020}))
    assert {item.draft.year for item in figures_preview(demo_database, one_year.path).planned} == {2020}


_money = st.none() | st.integers(0, 10**10)
_counts = st.none() | st.integers(0, 10**6)
_fte = st.none() | st.floats(0, 10_000, allow_nan=False, allow_infinity=False)
_year_figures = st.fixed_dictionaries({
    "turnover": _money, "gross_wages": _money, "public_funding": _money, "insertion_employees": _counts,
    "permanent_staff": _counts, "fte": _fte, "insertion_hours": _counts,
})
_organisations_figures = st.lists(
    st.tuples(st.sampled_from(["", "=", "-", "@"]), _words, st.dictionaries(st.integers(1990, 2030), _year_figures, min_size=1, max_size=3)),
    min_size=1, max_size=4,
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(organisations=_organisations_figures)
def test_exported_yearly_figures_import_back_unchanged(empty_file, tmp_path, organisations):
    number = next(_numbers)
    path = shutil.copy(empty_file, tmp_path / f"base-{number}.sqlite")
    # A name a spreadsheet would run as a formula ("=…", "-…") is neutralised by the export and read back as typed.
    names = [f"{start}Structure {i} {name}" for i, (start, name, _years) in enumerate(organisations)]
    source = french_excel_csv(tmp_path / f"adherents-{number}.csv", [["Raison sociale"], *([name] for name in names)], encoding="utf-8")
    with open_database(path) as database:
        apply_members(database, member_preview(database, source))
        with database.session() as session:
            ids = {fold(name): id_ for name, id_ in session.execute(select(Organisation.name, Organisation.id))}
        stored = store_figures(database, {ids[fold(name)]: years for name, (*_name, years) in zip(names, organisations)})
        for suffix in (".xlsx", ".csv"):
            exported = export_table(database, TABLE_EXPORTS["figures"], tmp_path / f"chiffres-{number}{suffix}")
            back = figures_preview(database, exported.path)
            assert (exported.rows, back.errors) == (stored, ()), back.errors
            assert {item.action for item in back.planned} == {Action.UNCHANGED}, [(suffix, i.draft.values, i.changes) for i in back.planned]
