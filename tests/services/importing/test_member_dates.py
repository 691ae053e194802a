"""Joining dates in an import, as membership sheets hold them: years, months, Excel dates, written dates."""

from datetime import date

from openpyxl import Workbook
from sqlmodel import select

from coorace_desktop.domain import Membership, Organisation
from coorace_desktop.domain.enums import DatePrecision
from coorace_desktop.services.importing import MEMBERS, apply_members, preview_members, propose_mapping, read_table
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.services.members.organisation_list import list_members
from tests.services.importing.files import french_excel_csv

HEADERS = ["Raison sociale", "Ville", "Adhérent depuis"]


def imported(database, path) -> dict[str, tuple[date, DatePrecision]]:
    table = read_table(path)
    preview = preview_members(database, table, propose_mapping(table, MEMBERS))
    assert not preview.errors, [e.reason for e in preview.errors]
    apply_members(database, preview)
    with database.session() as session:
        rows = session.exec(select(Organisation.name, Membership.joined_on, Membership.joined_precision)
                            .join(Membership, Membership.organisation_id == Organisation.id)).all()
    return {name: (joined, DatePrecision(precision)) for name, joined, precision in rows}


def test_a_csv_where_adherent_depuis_is_a_year_imports_and_keeps_the_year(database, tmp_path):
    rows = [["Atelier Un", "Albi", "2015"], ["Atelier Deux", "Albi", "03/2015"], ["Atelier Trois", "Albi", "1er mars 2015"]]
    found = imported(database, french_excel_csv(tmp_path / "adherents.csv", [HEADERS, *rows]))
    assert found == {
        "Atelier Un": (date(2015, 1, 1), DatePrecision.YEAR),
        "Atelier Deux": (date(2015, 3, 1), DatePrecision.MONTH),
        "Atelier Trois": (date(2015, 3, 1), DatePrecision.DAY),
    }


def test_an_xlsx_with_real_dates_serials_and_numbers(database, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    sheet.append(["Atelier Un", "Albi", date(2015, 3, 1)])
    sheet.append(["Atelier Deux", "Albi", 42064])  # a date cell that lost its format
    sheet.append(["Atelier Trois", "Albi", 2015])
    workbook.save(tmp_path / "adherents.xlsx")
    found = imported(database, tmp_path / "adherents.xlsx")
    assert found == {
        "Atelier Un": (date(2015, 3, 1), DatePrecision.DAY),
        "Atelier Deux": (date(2015, 3, 1), DatePrecision.DAY),
        "Atelier Trois": (date(2015, 1, 1), DatePrecision.YEAR),
    }


def test_the_members_list_shows_as_much_as_was_known(database, tmp_path):
    rows = [["Atelier Un", "Albi", "2015"], ["Atelier Deux", "Albi", "03/2015"], ["Atelier Trois", "Albi", "1er mars 2015"]]
    imported(database, french_excel_csv(tmp_path / "adherents.csv", [HEADERS, *rows]))
    shown = {row.name: row.member_since_shown for row in list_members(database, ListQuery(), 0, 10)}
    assert shown == {"Atelier Un": "2015", "Atelier Deux": "03/2015", "Atelier Trois": date(2015, 3, 1)}
