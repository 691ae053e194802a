"""Files that are damaged, dirty or too big: refused in French, naming the file and the line, or
cleaned with a word in the preview (issue 24, findings 7 to 10)."""

import zipfile

import pytest
from openpyxl import Workbook

from coorace_desktop.services.importing import sources
from coorace_desktop.services.importing.sources import SourceError, read_table
from tests.services.importing.files import ods, plain_csv


def workbook(path, rows) -> object:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def rewritten(path, target, member: str, change) -> object:
    """A copy of the workbook at `path` with one member's bytes changed."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            data = source.read(info.filename)
            copy.writestr(info, change(data) if info.filename == member else data)
    return target


MEMBERS = [["Raison sociale", "Ville"], ["AJE", "Pamiers"], ["CASTA", "Alzen"]]


# -- finding 7: damaged files


def test_a_csv_cell_beyond_the_csv_module_limit_is_refused_with_its_line(tmp_path):
    path = plain_csv(tmp_path / "long.csv", [*MEMBERS, ["A" * 140_000, "Foix"]])
    with pytest.raises(SourceError, match=r"long\.csv, ligne 4 : une cellule dépasse 32.767 caractères"):
        read_table(path)


def test_an_xlsx_with_malformed_xml_is_refused_after_its_last_good_line(tmp_path):
    good = workbook(tmp_path / "good.xlsx", MEMBERS)
    broken = rewritten(good, tmp_path / "cassé.xlsx", "xl/worksheets/sheet1.xml", lambda data: data[: data.index(b"Alzen")])
    with pytest.raises(SourceError, match=r"cassé\.xlsx n'est pas un classeur Excel lisible : il est endommagé après la ligne 2"):
        read_table(broken)


def test_an_xlsx_with_a_malformed_workbook_part_is_refused(tmp_path):
    good = workbook(tmp_path / "good.xlsx", MEMBERS)
    broken = rewritten(good, tmp_path / "b.xlsx", "xl/workbook.xml", lambda data: data[:40])
    with pytest.raises(SourceError, match=r"b\.xlsx n'est pas un classeur Excel lisible : il est endommagé ou incomplet"):
        read_table(broken)


@pytest.mark.parametrize("name", ["renamed.xlsx", "renamed.ods", "empty.xlsx"])
def test_a_file_that_is_no_archive_is_refused_in_french(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"" if name.startswith("empty") else b"\xd0\xcf\x11\xe0 an old .xls file")
    with pytest.raises(SourceError, match=f"{name} n'est pas un classeur .* lisible : ce n'est pas une archive de classeur"):
        read_table(path)


# -- finding 10: limits, checked on small files with the limits lowered


def test_an_xlsx_with_too_many_rows_is_refused_before_openpyxl_reads_it(tmp_path, monkeypatch):
    path = workbook(tmp_path / "bombe.xlsx", [*MEMBERS, *[["X", "Foix"]] * 3])
    monkeypatch.setattr(sources, "MAX_ROWS", 5)
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: pytest.fail("the sheet was read"))
    with pytest.raises(SourceError, match=r"bombe\.xlsx a plus de 5 lignes, la limite d'un import"):
        read_table(path)


def test_rows_are_counted_exactly_across_the_chunks_of_a_sheet(tmp_path, monkeypatch):
    # 3,000 rows of ~1 KB: row tags fall across the 1 MB chunks the count reads.
    path = workbook(tmp_path / "large.xlsx", [["Raison sociale", "Notes"], *[[f"S{n}", "x" * 1_000] for n in range(2_999)]])
    monkeypatch.setattr(sources, "MAX_ROWS", 3_000)
    assert len(read_table(path).rows) == 3_000
    monkeypatch.setattr(sources, "MAX_ROWS", 2_999)
    with pytest.raises(SourceError, match="plus de 2.999 lignes"):
        read_table(path)


@pytest.mark.parametrize("suffix", [".csv", ".ods"])
def test_csv_and_ods_with_too_many_rows_are_refused_blank_rows_included(tmp_path, monkeypatch, suffix):
    rows = [*MEMBERS, ["", ""], ["X", "Foix"], ["Y", "Foix"]]
    path = plain_csv(tmp_path / "a.csv", rows) if suffix == ".csv" else ods(tmp_path / "a.ods", rows)
    monkeypatch.setattr(sources, "MAX_ROWS", 6)
    assert len(read_table(path).rows) == 5
    monkeypatch.setattr(sources, "MAX_ROWS", 5)
    with pytest.raises(SourceError, match="plus de 5 lignes"):
        read_table(path)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".ods"])
def test_a_cell_beyond_the_cell_limit_is_refused_with_its_line(tmp_path, monkeypatch, suffix):
    rows = [*MEMBERS, ["Régie du Pays de Foix", "Foix"]]
    writer = {".csv": plain_csv, ".xlsx": workbook, ".ods": ods}[suffix]
    path = writer(tmp_path / f"a{suffix}", rows)
    monkeypatch.setattr(sources, "MAX_CELL_CHARS", 20)
    with pytest.raises(SourceError, match=rf"a\{suffix}, ligne 4 : une cellule dépasse 20 caractères"):
        read_table(path)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".ods"])
def test_a_file_unpacking_beyond_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch, suffix):
    writer = {".csv": plain_csv, ".xlsx": workbook, ".ods": ods}[suffix]
    path = writer(tmp_path / f"a{suffix}", [*MEMBERS, *[["X" * 500, "Foix"]] * 20])
    monkeypatch.setattr(sources, "MAX_UNPACKED_BYTES", 5_000)
    with pytest.raises(SourceError, match=r"au-delà de la limite d'un import \(0,0 Mo\)"):
        read_table(path)


# -- finding 8: control characters


def test_control_characters_are_dropped_counted_and_named_tab_and_newline_kept(tmp_path):
    path = tmp_path / "sale.csv"
    path.write_bytes(
        b"Raison sociale;Ville;Notes\r\n"
        b"AJE\x1b[31m;Pamiers;ok\r\n"
        b"CASTA;Al\x00zen\x01;\"ligne 1\n\tligne 2\"\r\n"
    )
    table = read_table(path)
    assert [row.cells for row in table.rows[1:]] == [("AJE[31m", "Pamiers", "ok"), ("CASTA", "Alzen", "ligne 1\n\tligne 2")]
    assert table.controls_removed == 3
    assert "3 caractères de contrôle invisibles retirés des cellules (lignes 2, 3)" in table.doubt


def test_a_clean_file_has_no_word_about_control_characters(tmp_path):
    table = read_table(plain_csv(tmp_path / "a.csv", MEMBERS))
    assert table.controls_removed == 0 and table.doubt == ""


# -- finding 9: encodings, unclosed quotes


def french_text_file(path, text: str, encoding: str):
    path.write_bytes(text.encode(encoding))
    return path


def test_iso_8859_15_is_told_from_windows_1252_by_its_euro_and_oe_bytes(tmp_path):
    text = "Raison sociale;Ville\r\nŒUVRE € ŠKODA;Foix\r\n"
    latin9 = read_table(french_text_file(tmp_path / "a.csv", text, "iso8859-15"))
    assert latin9.encoding == "iso8859-15" and latin9.rows[1].cells[0] == "ŒUVRE € ŠKODA"
    assert "ISO-8859-15" in latin9.format_label
    windows = read_table(french_text_file(tmp_path / "b.csv", text, "cp1252"))
    assert windows.encoding == "cp1252" and windows.rows[1].cells[0] == "ŒUVRE € ŠKODA"
    plain = read_table(french_text_file(tmp_path / "c.csv", "Raison sociale;Ville\r\nRégie;Mazères\r\n", "iso8859-15"))
    assert plain.encoding == "cp1252" and plain.rows[1].cells == ("Régie", "Mazères") and plain.doubt == ""


def test_utf8_read_as_windows_1252_in_a_mixed_file_is_a_doubt_naming_the_word_and_line(tmp_path):
    path = tmp_path / "mixte.csv"
    path.write_bytes("Raison sociale;Ville\r\n".encode() + "Régie;Mazères\r\n".encode("cp1252") + "CAFÉ;Foix\r\n".encode())
    table = read_table(path)
    assert table.rows[2].cells[0] == "CAFÃ‰"  # read as it is, but not silently
    assert "Ligne 3 : « CAFÃ‰ » semble mal décodé (« Ã‰ » pour « É »)" in table.doubt
    assert "deux encodages" in table.doubt


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_its_byte_order_mark_is_read(tmp_path, encoding):
    from coorace_desktop.services.importing.mapping import MEMBERS as MEMBER_IMPORT
    from coorace_desktop.services.importing.mapping import propose_mapping

    bom = "\ufeff".encode(encoding)
    path = tmp_path / "unicode.txt"  # Excel's "Texte Unicode": UTF-16 with tabs
    path.write_bytes(bom + "Raison sociale\tVille\r\nŒuvre Cévenole\tFlorac\r\n".encode(encoding))
    table = read_table(path)
    assert table.encoding == "utf-16" and table.delimiter == "\t"
    assert table.rows[1].cells == ("Œuvre Cévenole", "Florac")
    assert propose_mapping(table, MEMBER_IMPORT, remembered={}).fields == ("name", "city")


def test_an_unclosed_quote_swallowing_rows_is_reported(tmp_path):
    path = tmp_path / "guillemet.csv"
    path.write_text('Raison sociale;Ville\nAJE;"Pamiers\nCASTA;Alzen\nIRISSE;Foix\n', encoding="utf-8")
    table = read_table(path)
    assert len(table.rows) == 2
    assert "Ligne 2 : une cellule contient des « ; » et des retours à la ligne" in table.doubt
    assert "guillemet non fermé" in table.doubt and "(2 lignes lues pour 4 dans le fichier)" in table.doubt


def test_a_quoted_multiline_note_is_no_doubt(tmp_path):
    path = plain_csv(tmp_path / "notes.csv", [["Raison sociale", "Notes"], ["AJE", "ligne 1\nligne 2"]])
    assert read_table(path).doubt == ""


def test_a_mojibake_a_grave_is_named_too():
    from coorace_desktop.services.importing.sources import mojibake_doubt

    assert mojibake_doubt("Nom;Ville\nRégie;Foix\nAtelier Ã\xa0 vélo;Albi\n").startswith("Ligne 3 : « Ã » semble mal décodé (« Ã\xa0 » pour « à »)")
    assert mojibake_doubt("Nom;Ville\nRégie « Été »;Foix\n") == ""


def test_an_ods_row_repeated_a_million_times_counts_as_many_rows(tmp_path, monkeypatch):
    good = ods(tmp_path / "a.ods", MEMBERS)
    repeated = rewritten(
        good, tmp_path / "bombe.ods", "content.xml",
        lambda data: data.replace(b"<table:table-row>", b'<table:table-row table:number-rows-repeated="1000000">', 2),
    )
    monkeypatch.setattr(sources, "MAX_ROWS", 1000)
    with pytest.raises(SourceError, match=r"bombe\.ods a plus de 1.000 lignes"):
        read_table(repeated)
