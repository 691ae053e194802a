"""Importing yearly figures per organisation."""

import pytest
from sqlalchemy import select, update

from coorace_desktop.domain import Organisation, YearlyFigures
from coorace_desktop.services.importing import FIGURES, Action, ImportRefused, propose_mapping, read_table
from coorace_desktop.services.importing import figures as figures_import
from coorace_desktop.services.importing.figures import apply_figures, preview_figures
from tests.services.importing.files import french_excel_csv, ods

HEADERS = ["Structure", "Année", "Chiffre d'affaires", "Masse salariale", "Salariés en insertion", "ETP", "Heures d'insertion"]


def preview_of(database, path):
    table = read_table(path)
    return preview_figures(database, table, propose_mapping(table, FIGURES))


def figures_of(database, name: str) -> dict[int, YearlyFigures]:
    with database.session() as session:
        statement = select(YearlyFigures).join(Organisation).where(Organisation.name == name)
        return {row.year: row for row in session.execute(statement).scalars()}


def test_french_csv_figures_with_decimal_commas(demo_database, tmp_path):
    rows = [
        HEADERS,
        ["AJE", "2020", "1 234 567,40", "800 000", "120", "45,5", "60 000"],
        ["Hérisson-Bellor", "2020", "", "", "30", "", ""],
        ["Casta", "2020", "beaucoup", "", "", "", ""],
        ["Inconnue SARL", "2020", "1", "", "", "", ""],
        ["AJE", "2020", "2", "", "", "", ""],
        ["AJE", "1850", "2", "", "", "", ""],
        ["IRISE", "2020", "2", "", "", "", ""],
    ]
    preview = preview_of(demo_database, french_excel_csv(tmp_path / "chiffres.csv", rows))
    assert [(item.organisation_name, item.action) for item in preview.planned] == [("AJE", Action.CREATE), ("HERISSON BELLOR", Action.CREATE)]
    reasons = {error.line: error.reason for error in preview.errors}
    assert reasons[4] == "Chiffre d'affaires (€) : nombre attendu, pas « beaucoup »."
    assert reasons[5] == "Structure inconnue : « Inconnue SARL »."
    assert reasons[6] == "Chiffres 2020 de AJE déjà donnés ligne 2."
    assert reasons[7] == "Année invalide : 1850."
    assert reasons[8] == "Structure inconnue : « IRISE ». Voulez-vous dire « IRISSE » ?"
    with pytest.raises(ImportRefused):
        apply_figures(demo_database, preview)
    assert figures_of(demo_database, "AJE") == {}
    result = apply_figures(demo_database, preview, skip_invalid=True)
    assert (result.created, result.rows_in_error) == (2, 5)
    aje = figures_of(demo_database, "AJE")[2020]
    assert (aje.turnover, aje.gross_wages, aje.insertion_employees, aje.fte, aje.insertion_hours) == (1234567, 800000, 120, 45.5, 60000)
    assert aje.public_funding is None  # not given: unknown, never 0


def test_a_second_import_updates_only_what_it_gives(demo_database, tmp_path):
    apply_figures(demo_database, preview_of(demo_database, french_excel_csv(tmp_path / "a.csv", [HEADERS, ["AJE", "2020", "1000", "500", "10", "4", "100"]])))
    second = preview_of(demo_database, ods(tmp_path / "b.ods", [["Raison sociale", "Année", "ETP", "CA"], ["AJE", 2020, 5.5, 1000], ["AJE", 2021, 6, 1100]]))
    assert [(item.draft.year, item.action, item.changes) for item in second.planned] == [
        (2020, Action.UPDATE, ("ETP",)),
        (2021, Action.CREATE, ()),
    ]
    result = apply_figures(demo_database, second)
    assert (result.created, result.updated) == (1, 1)
    figures = figures_of(demo_database, "AJE")
    assert (figures[2020].fte, figures[2020].turnover, figures[2020].gross_wages) == (5.5, 1000, 500)
    assert figures[2021].turnover == 1100
    third = preview_of(demo_database, ods(tmp_path / "b.ods", [["Raison sociale", "Année", "ETP"], ["AJE", 2020, 5.5]]))
    assert third.planned[0].action == Action.UNCHANGED


def test_figures_need_an_organisation_and_a_year_column(demo_database, tmp_path):
    table = read_table(french_excel_csv(tmp_path / "a.csv", [["Structure", "CA"], ["AJE", "1"]]))
    with pytest.raises(ImportRefused, match="année"):
        preview_figures(demo_database, table, propose_mapping(table, FIGURES))


def test_an_etp_is_compared_to_the_15_digits_a_spreadsheet_keeps_and_euros_exactly(demo_database, tmp_path):
    with demo_database.session() as session:
        aje = session.execute(select(Organisation.id).where(Organisation.name == "AJE")).scalar_one()
        session.add(YearlyFigures(organisation_id=aje, year=2020, fte=0.1 + 0.2, turnover=1_000_000))
    rows = [["Structure", "Année", "ETP", "CA"], ["AJE", "2020", "0,3", "1 000 001"]]
    preview = preview_of(demo_database, french_excel_csv(tmp_path / "chiffres.csv", rows))
    assert [item.changes for item in preview.planned] == [("Chiffre d'affaires (€)",)]


def test_a_name_two_organisations_bear_needs_the_siret(demo_database, tmp_path):
    with demo_database.session() as session:
        session.add(Organisation(name="Aje", name_key="aje", siret="73282932000074"))
    rows = [["Structure", "SIRET", "Année", "ETP"], ["AJE", "", "2020", "4"], ["Aje", "732 829 320 00074", "2020", "5"]]
    preview = preview_of(demo_database, french_excel_csv(tmp_path / "chiffres.csv", rows))
    assert [error.reason for error in preview.errors] == ["2 structures s'appellent « AJE » : donnez le SIRET de la bonne."]
    assert [(item.organisation_name, item.draft.values) for item in preview.planned] == [("Aje", (("fte", 5.0),))]


@pytest.fixture
def plans(monkeypatch) -> list:
    """The plans made (preview and apply), each a list of planned figures."""
    made, plan = [], figures_import._plan

    def planning(session, drafts):
        planned, errors = plan(session, drafts)
        made.append(planned)
        return planned, errors

    monkeypatch.setattr(figures_import, "_plan", planning)
    return made


def test_figures_planned_at_preview_are_applied_as_planned_when_nothing_changed(demo_database, tmp_path, plans):
    preview = preview_of(demo_database, french_excel_csv(tmp_path / "chiffres.csv", [HEADERS, ["AJE", "2020", "1000", "", "", "", ""]]))
    assert apply_figures(demo_database, preview).created == 1 and len(plans) == 1  # the preview's only
    assert figures_of(demo_database, "AJE")[2020].turnover == 1000


@pytest.mark.parametrize("meanwhile", [["AJE", "2020", "999", "", "", "", ""], ["AJE", "2021", "5", "", "", "", ""]])
def test_figures_written_since_the_preview_make_the_apply_plan_again(demo_database, tmp_path, plans, meanwhile):
    """Another import wrote figures between this one's preview and apply: the apply plans again,
    under the write lock, and updates the row that now exists instead of creating a twin."""
    first = [HEADERS, ["AJE", "2020", "1000", "", "", "", ""]]
    preview = preview_of(demo_database, french_excel_csv(tmp_path / "chiffres.csv", first))
    other = preview_of(demo_database, french_excel_csv(tmp_path / "autres.csv", [HEADERS, meanwhile]))
    apply_figures(demo_database, other)
    result = apply_figures(demo_database, preview)
    assert len(plans) == 3 and plans[-1][0].action == (Action.UPDATE if meanwhile[1] == "2020" else Action.CREATE)
    assert (result.created, result.updated) == ((0, 1) if meanwhile[1] == "2020" else (1, 0))
    assert figures_of(demo_database, "AJE")[2020].turnover == 1000


def test_a_figure_changed_since_the_preview_makes_the_apply_plan_again(demo_database, tmp_path, plans):
    """The same rows, one figure changed in place (no row added): the stamp still moves."""
    rows = [HEADERS, ["AJE", "2020", "1000", "", "", "", ""]]
    apply_figures(demo_database, preview_of(demo_database, french_excel_csv(tmp_path / "avant.csv", rows)))
    preview = preview_of(demo_database, french_excel_csv(tmp_path / "chiffres.csv", rows))
    assert preview.planned[0].action == Action.UNCHANGED
    with demo_database.session() as session:
        session.execute(update(YearlyFigures).where(YearlyFigures.year == 2020, YearlyFigures.turnover == 1000).values(turnover=1001))
    result = apply_figures(demo_database, preview)
    assert plans[-1][0].action == Action.UPDATE and result.updated == 1
    assert figures_of(demo_database, "AJE")[2020].turnover == 1000
