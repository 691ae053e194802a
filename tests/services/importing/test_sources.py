"""Reading files: encodings, separators, decimal commas, sheets with titles and merged headers."""

import pytest

from coorace_desktop.domain.enums import SiaeType
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.services.importing.cells import as_number, as_postcode_text, as_siae_types, as_text
from coorace_desktop.services.importing.sources import SourceError, detect_delimiter, read_table
from tests.services.importing.files import (
    MEMBER_HEADERS,
    french_excel_csv,
    ods,
    plain_csv,
    utf8_bom_csv,
    xlsx_with_title_and_groups,
)

ROW = ["Hérisson-Bellor", "ACI/EI", "Domaine de Garabaud, route de Calmont", "09270", "Mazères", "05 61 69 40 80", "pr.hb@wanadoo.fr", "Durand", "Élise", "Directrice"]


def test_french_excel_csv_is_read_as_windows_1252_with_semicolons(tmp_path):
    path = french_excel_csv(tmp_path / "adherents.csv", [MEMBER_HEADERS, ROW, ["Chiffre", "1 234,50"]])
    table = read_table(path)
    assert table.encoding == "cp1252" and table.delimiter == ";" and table.decimal_comma
    assert table.rows[1].cells[:5] == ("Hérisson-Bellor", "ACI/EI", "Domaine de Garabaud, route de Calmont", "09270", "Mazères")
    assert "Windows-1252" in table.format_label and "virgule décimale" in table.format_label
    assert table.doubt == ""


def test_utf8_with_bom_loses_its_bom(tmp_path):
    table = read_table(utf8_bom_csv(tmp_path / "a.csv", [MEMBER_HEADERS, ROW]))
    assert table.encoding == "utf-8-sig"
    assert table.rows[0].cells[0] == "Raison sociale"  # not '\ufeffRaison sociale'
    assert table.rows[1].cells[8] == "Élise"


def test_plain_utf8_comma_csv_keeps_quoted_commas(tmp_path):
    table = read_table(plain_csv(tmp_path / "a.csv", [MEMBER_HEADERS, ROW]))
    assert table.delimiter == "," and table.encoding == "utf-8" and not table.decimal_comma
    assert table.rows[1].cells[2] == "Domaine de Garabaud, route de Calmont"


def test_blank_rows_are_dropped_and_line_numbers_kept(tmp_path):
    table = read_table(french_excel_csv(tmp_path / "a.csv", [MEMBER_HEADERS, [""] * 10, ROW, [";"] * 0, ROW]))
    assert [row.line for row in table.rows] == [1, 3, 5]


def test_semicolon_wins_over_commas_inside_cells():
    sample = "Nom;Adresse;CP\nA;1, rue X;31000\nB;2, rue Y;31000\n"
    assert detect_delimiter(sample) == (";", "")


def test_a_single_column_file_says_it_is_unsure(tmp_path):
    path = tmp_path / "noms.csv"
    path.write_text("Raison sociale\nAJE\nCASTA\n", encoding="utf-8")
    assert "une colonne" in read_table(path).doubt


def test_undecodable_bytes_fall_back_with_a_doubt(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b"Nom;Ville\nA\x81B;Foix\n")
    table = read_table(path)
    assert table.encoding == "latin-1" and "accents" in table.doubt


def test_xlsx_with_merged_title_and_blank_rows(tmp_path):
    path = xlsx_with_title_and_groups(tmp_path / "a.xlsx", MEMBER_HEADERS, [ROW, ROW, ROW, ROW])
    table = read_table(path)
    assert table.rows[0].cells[0] == "Annuaire des adhérents 2021"
    assert [row.line for row in table.rows[-4:]] == [5, 6, 8, 9]
    assert "Adhérents" in table.format_label


def test_ods_is_read(tmp_path):
    table = read_table(ods(tmp_path / "a.ods", [["Raison sociale", "CP"], ["AJE", 9100]]))
    assert table.rows[1].cells == ("AJE", 9100.0)
    assert as_postcode_text(table.rows[1].cells[1]) == "09100"


def test_unknown_suffix_and_damaged_workbook_are_refused_in_french(tmp_path):
    (tmp_path / "a.pdf").write_text("x")
    with pytest.raises(SourceError, match="Format non pris en charge"):
        read_table(tmp_path / "a.pdf")
    broken = tmp_path / "b.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(SourceError, match="pas un classeur Excel lisible"):
        read_table(broken)


def test_cells_are_read_as_the_user_sees_them():
    assert as_text(12.0) == "12" and as_text("  a  b ") == "a b"
    assert as_number("1 234,5", "CA", decimal_comma=True) == 1234.5
    assert as_number("12\u202f000 €", "CA", decimal_comma=False) == 12000
    assert as_number("1,234.5", "CA", decimal_comma=False) == 1234.5
    with pytest.raises(ValidationError, match="nombre attendu"):
        as_number("beaucoup", "CA", decimal_comma=True)
    assert as_postcode_text("3100") == "3100"  # typed text: a missing digit is not guessed


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("AI/ACI", (SiaeType.AI, SiaeType.ACI)),
        ("ACI - EI", (SiaeType.ACI, SiaeType.EI)),
        ("AI, ACI et GES", (SiaeType.AI, SiaeType.ACI, SiaeType.GES)),
        ("P'S", (SiaeType.PS,)),
        ("Atelier et chantier d'insertion / Entreprise d'insertion", (SiaeType.ACI, SiaeType.EI)),
        ("", ()),
    ],
)
def test_siae_types_in_the_ways_people_write_them(text, types):
    assert as_siae_types(text) == types


def test_unknown_type_is_named():
    with pytest.raises(ValidationError, match="« SCOP »"):
        as_siae_types("ACI/SCOP")
