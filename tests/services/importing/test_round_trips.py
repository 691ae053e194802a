"""Round trips that are no-ops: what was exported or imported, imported again, changes nothing."""

import itertools
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
from coorace_desktop.services.importing.figures import apply_figures, preview_figures
from coorace_desktop.storage.database import open_database
from tests.services.importing.files import french_excel_csv

pytestmark = pytest.mark.sqlite_only("aller-retour de fichiers, indépendant du serveur")
_numbers = itertools.count(1)


def member_preview(database, path):
    table = read_table(path)
    return preview_members(database, table, propose_mapping(table, MEMBERS))


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_exporting_the_members_then_importing_the_file_changes_nothing(demo_database, tmp_path, suffix):
    exported = export_table(demo_database, TABLE_EXPORTS["members"], tmp_path / f"adherents{suffix}")
    preview = member_preview(demo_database, exported.path)
    assert preview.summary() == "0 à créer, 0 à mettre à jour, 51 inchangé(s), 0 doublon(s) possible(s), 0 ligne(s) en erreur."


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

    def preview():
        table = read_table(path)
        return preview_figures(demo_database, table, propose_mapping(table, FIGURES))

    apply_figures(demo_database, preview())
    assert [item.action for item in preview().planned] == [Action.UNCHANGED]
