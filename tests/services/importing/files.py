"""Real-world-shaped spreadsheet files, written by the tests themselves."""

import csv
import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import Workbook

MEMBER_HEADERS = ["Raison sociale", "Type", "Adresse", "CP", "Ville", "Tél.", "Courriel", "Nom", "Prénom", "Fonction"]


def french_excel_csv(path: Path, rows: list[list[object]], encoding: str = "cp1252") -> Path:
    """What Excel in French saves as 'CSV (séparateur : point-virgule)': `;`, CRLF, Windows-1252."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def utf8_bom_csv(path: Path, rows: list[list[object]], delimiter: str = ";") -> Path:
    """What Excel saves as 'CSV UTF-8': a byte order mark first."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    return path


def plain_csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def xlsx_with_title_and_groups(path: Path, headers: list[str], rows: list[list[object]]) -> Path:
    """A sheet as offices make them: a merged title, a merged group row above the headers,
    'Raison sociale' merged over both header rows, blank rows in the data."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Adhérents"
    width = len(headers)
    sheet.cell(1, 1, "Annuaire des adhérents 2021")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.cell(3, 1, headers[0])
    sheet.merge_cells(start_row=3, start_column=1, end_row=4, end_column=1)
    sheet.cell(3, 2, "Structure")
    sheet.merge_cells(start_row=3, start_column=2, end_row=3, end_column=3)
    sheet.cell(3, 4, "Coordonnées")
    sheet.merge_cells(start_row=3, start_column=4, end_row=3, end_column=width)
    for column, header in enumerate(headers[1:], start=2):
        sheet.cell(4, column, header)
    line = 5
    for number, row in enumerate(rows):
        if number % 3 == 2:
            line += 1  # a blank row now and then
        for column, value in enumerate(row, start=1):
            sheet.cell(line, column, value)
        line += 1
    workbook.save(path)
    return path


def ods(path: Path, rows: list[list[object]]) -> Path:
    """A minimal OpenDocument spreadsheet (what LibreOffice reads and writes)."""
    def cell(value: object) -> str:
        if isinstance(value, (int, float)):
            return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
        return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'

    body = "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Feuille1">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path
