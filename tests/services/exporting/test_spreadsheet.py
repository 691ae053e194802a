"""Exports as shown: .xlsx and .csv re-read, formula injection neutralised, .vcf and .ics parsed back."""

import csv
from datetime import date
from types import SimpleNamespace

import icalendar
import pytest
import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import select

from coorace_desktop.domain import Organisation, Site
from coorace_desktop.domain.enums import SiaeType
from coorace_desktop.services.exporting.members import MEMBERS_EXPORT
from coorace_desktop.services.exporting.spreadsheet import ExportError, neutralised, write_rows
from coorace_desktop.services.exporting.tables import EVENTS_EXPORT, export_detail, export_table
from coorace_desktop.services.importing.cells import as_text
from coorace_desktop.services.importing.sources import read_table
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.services.members.organisation_list import DEPARTMENT_FILTER, count_members

HOSTILE = ["=HYPERLINK(\"http://x\";\"clic\")", "+33 5 61", "-2+3", "@SUM(A1)", "sans danger"]


def test_neutralised_prefixes_only_formula_starts():
    assert [neutralised(text) for text in HOSTILE] == ["'" + text for text in HOSTILE[:4]] + ["sans danger"]


def test_xlsx_keeps_types_and_never_stores_a_formula(tmp_path):
    path = tmp_path / "t.xlsx"
    rows = [[text, 3, 2.5, date(2026, 11, 27), SiaeType.PS, None, True] for text in HOSTILE]
    assert write_rows(path, ["Texte", "Entier", "Décimal", "Date", "Type", "Vide", "Oui/non"], rows) == 5
    sheet = load_workbook(path).active
    assert [cell.value for cell in sheet[1]] == ["Texte", "Entier", "Décimal", "Date", "Type", "Vide", "Oui/non"]
    for line, text in enumerate(HOSTILE, start=2):
        cell = sheet.cell(line, 1)
        assert (cell.value, cell.data_type) == (text, "s")  # the text as typed, never a formula
        assert cell.quotePrefix == text.startswith(("=", "+", "-", "@"))
    assert [cell.value for cell in sheet[2]][1:] == [3, 2.5, sheet.cell(2, 4).value, "P'S", None, "Oui"]
    assert sheet.cell(2, 4).value.date() == date(2026, 11, 27) and sheet.cell(2, 4).number_format == "DD/MM/YYYY"
    assert sheet.freeze_panes == "A2"


def test_csv_is_what_french_excel_opens(tmp_path):
    path = tmp_path / "t.csv"
    write_rows(path, ["Texte", "Décimal", "Date"], [[text, 2.5, date(2026, 11, 27)] for text in HOSTILE])
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[1] == ["'=HYPERLINK(\"http://x\";\"clic\")", "2,5", "27/11/2026"]
    assert [row[0] for row in rows[2:]] == ["'+33 5 61", "'-2+3", "'@SUM(A1)", "sans danger"]


def test_unknown_format_is_refused_and_no_file_left(tmp_path):
    with pytest.raises(ExportError, match="Format d'export non pris en charge"):
        write_rows(tmp_path / "t.pdf", ["A"], [["x"]])
    assert list(tmp_path.iterdir()) == []


def test_members_as_shown_with_a_filter(demo_database, tmp_path):
    query = ListQuery(filters={DEPARTMENT_FILTER: "09"})
    done = export_table(demo_database, MEMBERS_EXPORT, tmp_path / "ariege.xlsx", query)
    sheet = load_workbook(done.path).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert done.rows == len(names) == count_members(demo_database, query) == 7
    assert names == sorted(names) and "HERISSON BELLOR" in names
    header = [cell.value for cell in sheet[1]]
    herisson = dict(zip(header, next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "HERISSON BELLOR")))
    assert herisson["Types"] == "ACI/EI" and herisson["Ville"] == "Mazères" and herisson["E-mail"] == "pr.hb@wanadoo.fr"


def test_members_directory_to_vcards(demo_database, tmp_path):
    done = export_table(demo_database, MEMBERS_EXPORT, tmp_path / "annuaire.vcf", ListQuery(search="avie"))
    cards = list(vobject.readComponents((tmp_path / "annuaire.vcf").read_text(encoding="utf-8")))
    organisations = [card for card in cards if "x-abshowas" in card.contents]
    assert len(organisations) == done.rows == 1
    avie = organisations[0]
    assert avie.fn.value == "AVIE"
    cities = sorted(address.value.city for address in avie.contents["adr"])
    assert cities == ["Montauban", "Villemur-sur-Tarn"]
    with demo_database.session() as session:
        phones = set(session.execute(select(Site.phone).join(Organisation).where(Organisation.name == "AVIE", Site.phone != "")).scalars())
    assert {tel.value for tel in avie.contents["tel"]} == phones
    people = [card for card in cards if "x-abshowas" not in card.contents]
    assert all(card.org.value == ["AVIE"] for card in people)


def test_events_to_icalendar_through_the_events_code(demo_database, tmp_path):
    done = export_table(demo_database, EVENTS_EXPORT, tmp_path / "agenda.ics")
    calendar = icalendar.Calendar.from_ical((tmp_path / "agenda.ics").read_bytes())
    summaries = [component["summary"] for component in calendar.walk("VEVENT")]
    assert done.rows >= len(summaries) > 0
    assert done.detail.startswith(f"{len(summaries)} événements")


def test_events_table_to_csv(demo_database, tmp_path):
    done = export_table(demo_database, EVENTS_EXPORT, tmp_path / "agenda.csv", ListQuery(search="assemblée"))
    rows = list(csv.reader((tmp_path / "agenda.csv").read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][0] == "Titre" and len(rows) == done.rows + 1 >= 2
    assert all("ssembl" in row[0] for row in rows[1:])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(st.characters(codec="cp1252", exclude_categories=("Cc", "Cs"))), min_size=1, max_size=5))
def test_a_csv_export_reads_back_as_typed_even_when_neutralised(tmp_path, texts):
    path = tmp_path / "aller-retour.csv"
    write_rows(path, ["N°", "Texte"], [[number, text] for number, text in enumerate(texts)])
    table = read_table(path)
    assert table.delimiter == ";"
    assert [as_text(row.cells[1]) for row in table.rows[1:]] == [" ".join(text.split()) for text in texts]


def test_the_control_characters_left_out_are_those_openpyxl_refuses():
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    from coorace_desktop.domain.text import CONTROL_CHARACTERS

    characters = [chr(code) for code in range(0x10000)]
    assert [c for c in characters if CONTROL_CHARACTERS.match(c)] == [c for c in characters if ILLEGAL_CHARACTERS_RE.match(c)]


def test_control_characters_already_stored_still_export(demo_database, tmp_path):
    # Imported before the import dropped them (NUL is refused by PostgreSQL, so \x01 and ESC here).
    with demo_database.session() as session:
        organisation = session.execute(select(Organisation).where(Organisation.name == "AJE")).scalar_one()
        organisation.name = "AJE\x1b[31m\x01"
        organisation.notes = "ligne 1\n\tligne 2\x01"
    query = ListQuery(search="aje")
    export_table(demo_database, MEMBERS_EXPORT, tmp_path / "a.xlsx", query)
    names = [row[0] for row in load_workbook(tmp_path / "a.xlsx").active.iter_rows(values_only=True)]
    assert "AJE[31m" in names
    export_table(demo_database, MEMBERS_EXPORT, tmp_path / "a.csv", query)
    export_table(demo_database, MEMBERS_EXPORT, tmp_path / "a.vcf", query)
    for name in ("a.csv", "a.vcf"):
        text = (tmp_path / name).read_text(encoding="utf-8-sig")
        assert "AJE[31m" in text and "\x1b" not in text and "\x01" not in text
    assert write_rows(tmp_path / "notes.xlsx", ["Notes"], [["ligne 1\n\tligne 2\x00\x0b"]]) == 1
    assert load_workbook(tmp_path / "notes.xlsx").active["A2"].value == "ligne 1\n\tligne 2"


@pytest.mark.parametrize(("counts", "said"), [
    ((1, 1, 1), ("1 fiche d'adhérent et 1 fiche de contact", "1 événement, 1 sans date non exporté")),
    ((2, 3, 2), ("2 fiches d'adhérent et 3 fiches de contact", "2 événements, 2 sans date non exportés")),
])
def test_the_export_details_agree_with_their_counts(counts, said):
    """They read « 1 fiche(s) d'adhérent », « 1 événement(s) »."""
    first, second, undated = counts
    cards = SimpleNamespace(organisations=first, contacts=second)
    calendar = SimpleNamespace(exported=first, skipped_undated=undated)
    assert (export_detail(cards), export_detail(calendar)) == said
