"""Reading a spreadsheet file into rows of cells: .xlsx (openpyxl), .ods (calamine) and .csv as
French Excel writes it (`;`, Windows-1252 or UTF-8 with BOM, decimal comma) or plain UTF-8 `,`.

The format is detected, not asked; `SourceTable.doubt` says when the guess is shaky so that the
user can be asked to confirm."""

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from coorace_desktop.domain.validation import ValidationError

SUPPORTED_SUFFIXES = (".xlsx", ".xlsm", ".ods", ".csv", ".txt")
CSV_DELIMITERS = (";", ",", "\t", "|")
# Bytes Windows-1252 leaves undefined: a file holding them is not really Windows-1252.
_CP1252_HOLES = frozenset(b"\x81\x8d\x8f\x90\x9d")
_DECIMAL_COMMA = re.compile(r"^-?\d{1,3}(?:[ \u00a0\u202f.]?\d{3})*,\d+$")
_SAMPLE_CHARS = 64_000


class SourceError(ValidationError):
    """A file that cannot be read as a table; str() is the French message."""


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One non-blank row: its line number in the file (1-based, as the spreadsheet shows it) and cells."""

    line: int
    cells: tuple[object, ...]


@dataclass(frozen=True, slots=True)
class SourceTable:
    """What was read from a file: every non-blank row, and how the file was understood."""

    path: Path
    rows: tuple[SourceRow, ...]
    format_label: str
    decimal_comma: bool = False
    doubt: str = ""
    encoding: str = ""
    delimiter: str = ""


def read_table(path: Path | str, *, encoding: str | None = None, delimiter: str | None = None) -> SourceTable:
    """Read the first sheet of a spreadsheet, or a CSV file; encoding/delimiter override detection."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise SourceError(f"Le fichier {path} est introuvable.")
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix == ".ods":
        return _read_ods(path)
    if suffix in (".csv", ".txt"):
        return _read_csv(path, encoding, delimiter)
    raise SourceError(
        f"Format non pris en charge : {path.suffix or 'sans extension'} "
        "(formats acceptés : .xlsx, .ods, .csv)."
    )


def _non_blank(rows) -> tuple[SourceRow, ...]:
    kept = []
    for line, cells in enumerate(rows, start=1):
        cells = tuple("" if cell is None else cell.strip() if isinstance(cell, str) else cell for cell in cells)
        if any(cell != "" for cell in cells):
            kept.append(SourceRow(line, cells))
    return tuple(kept)


def _read_xlsx(path: Path) -> SourceTable:
    from openpyxl import load_workbook  # here, like calamine below: not at the window's start
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # read_only streams the sheet (fast for 10,000+ rows); merged ranges then read as a value
        # in their first cell and blanks elsewhere, which header detection allows for.
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise SourceError(f"{path.name} n'est pas un classeur Excel lisible ({error}).") from error
    try:
        sheet = workbook.active or workbook.worksheets[0]
        rows = _non_blank(sheet.iter_rows(values_only=True))
        title = sheet.title
    finally:
        workbook.close()
    return SourceTable(path, rows, f"Classeur Excel, feuille « {title} »")


def _read_ods(path: Path) -> SourceTable:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        title = workbook.sheet_names[0]
        rows = _non_blank(workbook.get_sheet_by_index(0).to_python(skip_empty_area=False))
    except (CalamineError, IndexError, OSError, ValueError) as error:
        raise SourceError(f"{path.name} n'est pas un classeur OpenDocument lisible ({error}).") from error
    return SourceTable(path, rows, f"Classeur OpenDocument, feuille « {title} »")


def _read_csv(path: Path, encoding: str | None, delimiter: str | None) -> SourceTable:
    raw = path.read_bytes()
    doubts = []
    if encoding is None:
        encoding, doubt = detect_encoding(raw)
        doubts.append(doubt)
    try:
        text = raw.decode(encoding)
    except (UnicodeDecodeError, LookupError) as error:
        raise SourceError(f"{path.name} ne peut pas être lu avec l'encodage {encoding}.") from error
    if delimiter is None:
        delimiter, doubt = detect_delimiter(text[:_SAMPLE_CHARS])
        doubts.append(doubt)
    rows = _non_blank(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    decimal_comma = delimiter != "," and _has_decimal_commas(rows)
    label = f"Fichier CSV, séparateur « {_DELIMITER_NAMES.get(delimiter, delimiter)} », encodage {_ENCODING_NAMES.get(encoding, encoding)}"
    if decimal_comma:
        label += ", virgule décimale"
    return SourceTable(
        path, rows, label, decimal_comma, " ".join(d for d in doubts if d), encoding, delimiter
    )


_DELIMITER_NAMES = {";": "point-virgule", ",": "virgule", "\t": "tabulation", "|": "barre verticale"}
_ENCODING_NAMES = {"utf-8-sig": "UTF-8 avec BOM", "utf-8": "UTF-8", "cp1252": "Windows-1252", "latin-1": "ISO-8859-1"}


def detect_encoding(raw: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM) when the bytes decode as such, else Windows-1252: what Excel writes."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", ""
    try:
        raw.decode("utf-8")
        return "utf-8", ""
    except UnicodeDecodeError:
        pass
    if _CP1252_HOLES.isdisjoint(raw):
        return "cp1252", ""
    return "latin-1", "L'encodage du fichier n'a pas été reconnu avec certitude : vérifiez les accents."


def detect_delimiter(sample: str) -> tuple[str, str]:
    """The separator that splits the first lines into the same, largest number of columns.

    csv.Sniffer is not used: it is easily fooled by decimal commas inside `;` files."""
    lines = [line for line in sample.splitlines()[:30] if line.strip()]
    if len(lines) > 1 and not sample.endswith("\n"):
        lines.pop()  # the sample may cut the last line in the middle
    scores = {}
    for delimiter in CSV_DELIMITERS:
        widths = [len(cells) for cells in csv.reader(lines, delimiter=delimiter)]
        usual = max(set(widths), key=widths.count) if widths else 1
        scores[delimiter] = (usual > 1, widths.count(usual), usual)
    best = max(CSV_DELIMITERS, key=lambda d: scores[d])
    if not scores[best][0]:
        return ";", "Aucun séparateur de colonnes n'a été trouvé : le fichier semble n'avoir qu'une colonne."
    return best, ""


def _has_decimal_commas(rows: tuple[SourceRow, ...]) -> bool:
    return any(isinstance(cell, str) and _DECIMAL_COMMA.match(cell) for row in rows[:500] for cell in row.cells)
