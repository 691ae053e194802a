"""Reading a spreadsheet file into rows of cells: .xlsx (openpyxl), .ods (calamine) and .csv as
French Excel writes it (`;`, Windows-1252 or UTF-8 with BOM, decimal comma) or plain UTF-8 `,`.

The format is detected, not asked; `SourceTable.doubt` says when the guess is shaky so that the
user can be asked to confirm. A file that cannot be read, or is beyond the limits below (a
"spreadsheet bomb": a few kilobytes unpacking to gigabytes), is refused with a French SourceError."""

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError

from coorace_desktop.domain.french import megabytes, number, plural, plural_word
from coorace_desktop.domain.text import CONTROL_CHARACTERS
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.services.importing.bulk import collector_paused
from coorace_desktop.storage.errors import file_failure

SUPPORTED_SUFFIXES = (".xlsx", ".xlsm", ".ods", ".csv", ".txt")
CSV_DELIMITERS = (";", ",", "\t", "|")
# Limits of one import: rows of the file (blank ones included), characters of a cell (Excel's
# own limit), and the size of a CSV file or of a workbook's content once unzipped.
MAX_ROWS = 100_000
MAX_CELL_CHARS = 32_767
MAX_UNPACKED_BYTES = 200_000_000
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# Bytes Windows-1252 leaves undefined: a file holding them is not really Windows-1252.
_CP1252_HOLES = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
# Windows-1252's € ‚ … Œ ' " – Š ... : control codes in ISO-8859-15, so never in its text.
_CP1252_SIGNS = re.compile(rb"[\x80-\x9f]")
# Where ISO-8859-15 has € Š š Ž ž Œ œ Ÿ, Windows-1252 has signs French text hardly uses (¤ ¦ ¨ ´ ¸ ¼ ½ ¾).
_LATIN9_LETTERS = re.compile(rb"[\xa4\xa6\xa8\xb4\xb8\xbc\xbd\xbe]")
# UTF-8 read as Windows-1252: a lead byte (Â to ô) then continuation bytes (€ to ¿), 'Ã‰' for 'É'.
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][" + re.escape(bytes(range(0x80, 0xC0)).decode("cp1252", errors="ignore")) + "]{1,3}"
)
_XLSX_SHEETS = re.compile(r"xl/worksheets/[^/]+\.xml$")
_XLSX_ROW = re.compile(rb"<(?:[\w.-]+:)?row[\s>/]")
_WORD = re.compile(r'[^\s;,|"]+')
_DECIMAL_COMMA = re.compile(r"^-?\d{1,3}(?:[ \u00a0\u202f.]?\d{3})*,\d+$")
_SAMPLE_CHARS = 64_000
_LINES_NAMED = 5
# What a damaged workbook raises from inside openpyxl or zipfile while it is read.
_DAMAGED = (ParseError, zipfile.BadZipFile, zlib.error, EOFError, KeyError, IndexError, TypeError, ValueError)


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
    controls_removed: int = 0  # invisible control characters taken out of the cells


def read_table(path: Path | str, *, encoding: str | None = None, delimiter: str | None = None) -> SourceTable:
    """Read the first sheet of a spreadsheet, or a CSV file; encoding/delimiter override detection."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise SourceError(f"Le fichier {path} est introuvable.")
    if suffix not in SUPPORTED_SUFFIXES:
        raise SourceError(
            f"Format non pris en charge : {path.suffix or 'sans extension'} "
            "(formats acceptés : .xlsx, .ods, .csv)."
        )
    try:
        with collector_paused():  # a file's cells are ~a million objects, none in a cycle
            if suffix in (".xlsx", ".xlsm"):
                return _read_xlsx(path)
            if suffix == ".ods":
                return _read_ods(path)
            return _read_csv(path, encoding, delimiter)
    except OSError as error:
        raise SourceError(str(file_failure(error, f"Impossible de lire {path.name}"))) from error


@dataclass(slots=True)
class _Rows:
    """The non-blank rows of a file, cleaned and within the limits, as they are read."""

    path: Path
    kept: list[SourceRow]
    records: int = 0  # rows read, blank ones included
    controls: int = 0
    control_lines: list[int] = field(default_factory=list)

    @classmethod
    def read(cls, path: Path, rows: Iterable, damaged: tuple[type[BaseException], ...], what: str) -> "_Rows":
        """Every row of `rows`; a `damaged` exception while reading them refuses the file as not `what`."""
        reading = cls(path, [])
        try:
            for cells in rows:
                reading.add(cells)
        except SourceError:
            raise
        except csv.Error as error:
            if "field limit" in str(error):
                raise reading.too_long(reading.records + 1) from error
            raise SourceError(f"{path.name} n'est pas {what} lisible : il est mal formé à la ligne {reading.records + 1}.") from error
        except damaged as error:
            raise SourceError(
                f"{path.name} n'est pas {what} lisible : il est endommagé après la ligne {reading.records}."
            ) from error
        return reading

    def add(self, cells) -> None:
        self.records += 1
        line = self.records
        if line > MAX_ROWS:
            raise _too_many_rows(self.path)
        texts = [cell for cell in cells if isinstance(cell, str)]
        if texts and (max(map(len, texts)) > MAX_CELL_CHARS or CONTROL_CHARACTERS.search("".join(texts))):
            cleaned = self._cleaned(cells, line)
        else:  # most rows: each cell's text stripped, the row looked at once rather than cell by cell
            cleaned = [cell.strip() if isinstance(cell, str) else "" if cell is None else cell for cell in cells]
        if cleaned.count("") < len(cleaned):
            self.kept.append(SourceRow(line, tuple(cleaned)))

    def _cleaned(self, cells, line: int) -> list:
        """The cells of a row holding a cell too long or invisible control characters (taken out)."""
        cleaned = []
        for cell in cells:
            if isinstance(cell, str):
                if len(cell) > MAX_CELL_CHARS:
                    raise self.too_long(line)
                cell, removed = CONTROL_CHARACTERS.subn("", cell.strip())
                if removed:
                    self.controls += removed
                    if not self.control_lines or self.control_lines[-1] != line:
                        self.control_lines.append(line)
            cleaned.append("" if cell is None else cell)
        return cleaned

    def too_long(self, line: int) -> SourceError:
        return SourceError(
            f"{self.path.name}, ligne {line} : une cellule dépasse {number(MAX_CELL_CHARS)} caractères, "
            "la limite d'une cellule (celle d'Excel)."
        )

    @property
    def doubt(self) -> str:
        """What cleaning removed, in French; '' when nothing was."""
        if not self.controls:
            return ""
        lines = ", ".join(str(line) for line in self.control_lines[:_LINES_NAMED])
        more = "…" if len(self.control_lines) > _LINES_NAMED else ""
        return (
            f"{plural(self.controls, 'caractère de contrôle invisible retiré', 'caractères de contrôle invisibles retirés')} "
            f"des cellules ({plural_word(len(self.control_lines), 'ligne', 'lignes')} {lines}{more})."
        )


def _open_archive(path: Path, what: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, EOFError, ValueError) as error:
        raise SourceError(
            f"{path.name} n'est pas {what} lisible : ce n'est pas une archive de classeur "
            "(fichier endommagé, protégé par un mot de passe, ou d'un autre format renommé)."
        ) from error


def _check_archive(path: Path, what: str, sheets: re.Pattern | None = None) -> None:
    """Refuse, before reading it, a workbook whose content would unzip beyond MAX_UNPACKED_BYTES
    (zipfile stops at each member's declared size, so their sum cannot lie), or one of whose
    sheets (the members named like `sheets`) holds more than MAX_ROWS rows."""
    with _open_archive(path, what) as archive:
        members = archive.infolist()
        size = sum(info.file_size for info in members)
        if size > MAX_UNPACKED_BYTES:
            raise _too_big(path, size, " une fois décompressé")
        for info in members:
            if sheets is not None and sheets.match(info.filename) and _counted_rows(archive, info) > MAX_ROWS:
                raise _too_many_rows(path)


def _counted_rows(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    """The <row> elements of a sheet, counted on the bytes (~0.2 s for 2,000,000 rows, where openpyxl
    takes a minute), up to just past MAX_ROWS."""
    count, tail = 0, b""
    with archive.open(info) as stream:
        while count <= MAX_ROWS and (chunk := stream.read(1 << 20)):
            data = tail + chunk
            cut = data.rfind(b"<")
            if cut < len(data) - 64:
                cut = len(data)  # no tag can go on into the next chunk
            count += len(_XLSX_ROW.findall(data, 0, cut))
            tail = data[cut:]
    return count + len(_XLSX_ROW.findall(tail))


def _too_big(path: Path, size: int, unpacked: str = "") -> SourceError:
    return SourceError(
        f"{path.name} occupe {megabytes(size)}{unpacked}, au-delà de la limite d'un import "
        f"({megabytes(MAX_UNPACKED_BYTES)}) : découpez-le en plusieurs fichiers."
    )


def _too_many_rows(path: Path) -> SourceError:
    return SourceError(
        f"{path.name} a plus de {number(MAX_ROWS)} lignes, la limite d'un import : découpez-le en plusieurs fichiers."
    )


def _read_xlsx(path: Path) -> SourceTable:
    from openpyxl import load_workbook  # here, like calamine below: not at the window's start
    from openpyxl.utils.exceptions import InvalidFileException

    what = "un classeur Excel"
    _check_archive(path, what, _XLSX_SHEETS)
    try:
        # read_only streams the sheet (fast for 10,000+ rows); merged ranges then read as a value
        # in their first cell and blanks elsewhere, which header detection allows for.
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, *_DAMAGED) as error:
        raise SourceError(f"{path.name} n'est pas {what} lisible : il est endommagé ou incomplet.") from error
    try:
        sheet = workbook.active or workbook.worksheets[0]
        rows = _Rows.read(path, sheet.iter_rows(values_only=True), _DAMAGED, what)
        title = sheet.title
    finally:
        workbook.close()
    return SourceTable(path, tuple(rows.kept), f"Classeur Excel, feuille « {title} »", doubt=rows.doubt, controls_removed=rows.controls)


def _read_ods(path: Path) -> SourceTable:
    from python_calamine import CalamineError, CalamineWorkbook

    what = "un classeur OpenDocument"
    _check_archive(path, what)
    damaged = (CalamineError, IndexError, ValueError)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        title = workbook.sheet_names[0]
        # One row past the limit is enough to refuse the file: a row repeated 1,000,000 times is not made.
        cells = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False, nrows=MAX_ROWS + 1)
    except damaged as error:
        raise SourceError(f"{path.name} n'est pas {what} lisible : il est endommagé ou incomplet.") from error
    rows = _Rows.read(path, cells, damaged, what)
    return SourceTable(path, tuple(rows.kept), f"Classeur OpenDocument, feuille « {title} »", doubt=rows.doubt, controls_removed=rows.controls)


def _read_csv(path: Path, encoding: str | None, delimiter: str | None) -> SourceTable:
    size = path.stat().st_size
    if size > MAX_UNPACKED_BYTES:
        raise _too_big(path, size)
    raw = path.read_bytes()
    doubts = []
    if encoding is None:
        encoding, doubt = detect_encoding(raw)
        doubts.append(doubt)
    try:
        text = raw.decode(encoding)
    except (UnicodeDecodeError, LookupError) as error:
        raise SourceError(f"{path.name} ne peut pas être lu avec l'encodage {encoding}.") from error
    doubts.append(mojibake_doubt(text))
    if delimiter is None:
        delimiter, doubt = detect_delimiter(text[:_SAMPLE_CHARS])
        doubts.append(doubt)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = _Rows.read(path, reader, (), "un fichier CSV")
    doubts += [_merged_rows_doubt(rows, delimiter, reader.line_num), rows.doubt]
    decimal_comma = delimiter != "," and _has_decimal_commas(rows.kept)
    label = f"Fichier CSV, séparateur « {_DELIMITER_NAMES.get(delimiter, delimiter)} », encodage {_ENCODING_NAMES.get(encoding, encoding)}"
    if decimal_comma:
        label += ", virgule décimale"
    return SourceTable(
        path, tuple(rows.kept), label, decimal_comma, " ".join(d for d in doubts if d), encoding, delimiter, rows.controls
    )


_DELIMITER_NAMES = {";": "point-virgule", ",": "virgule", "\t": "tabulation", "|": "barre verticale"}
_ENCODING_NAMES = {
    "utf-8-sig": "UTF-8 avec BOM", "utf-8": "UTF-8", "utf-16": "UTF-16", "cp1252": "Windows-1252",
    "iso8859-15": "ISO-8859-15", "latin-1": "ISO-8859-1",
}


def detect_encoding(raw: bytes) -> tuple[str, str]:
    """By the byte order mark (UTF-8, UTF-16) when there is one; else UTF-8 when the bytes decode
    as such; else Windows-1252 (what Excel writes) or ISO-8859-15, told apart by their € Œ Š bytes."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return encoding, ""
    try:
        raw.decode("utf-8")
        return "utf-8", ""
    except UnicodeDecodeError:
        pass
    if _CP1252_HOLES.search(raw):
        return "latin-1", "L'encodage du fichier n'a pas été reconnu avec certitude : vérifiez les accents."
    if not _CP1252_SIGNS.search(raw) and _LATIN9_LETTERS.search(raw):
        return "iso8859-15", ""
    return "cp1252", ""


def mojibake_doubt(text: str) -> str:
    """A doubt naming the first word that looks like UTF-8 read as Windows-1252 ('CAFÃ‰'), or ''."""
    for match in _MOJIBAKE.finditer(text):
        try:
            meant = match.group().encode("cp1252").decode("utf-8")
        except UnicodeError:
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        words = (w.group() for w in _WORD.finditer(text, line_start) if w.start() <= match.start() < w.end())
        word = next(words, match.group())
        line = text.count("\n", 0, match.start()) + 1
        return (
            f"Ligne {line} : « {word} » semble mal décodé (« {match.group()} » pour « {meant} ») : le fichier "
            "mélange peut-être deux encodages. Vérifiez les accents."
        )
    return ""


def _merged_rows_doubt(rows: _Rows, delimiter: str, physical_lines: int) -> str:
    """A cell holding the separator and line breaks: an unclosed quote has likely swallowed rows."""
    for row in rows.kept:
        for cell in row.cells:
            if delimiter in cell and "\n" in cell:
                return (
                    f"Ligne {row.line} : une cellule contient des « {delimiter} » et des retours à la ligne : "
                    f"un guillemet non fermé a sans doute fusionné des lignes ({rows.records} lignes lues "
                    f"pour {physical_lines} dans le fichier). Vérifiez ce guillemet."
                )
    return ""


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


def _has_decimal_commas(rows: list[SourceRow]) -> bool:
    return any(isinstance(cell, str) and _DECIMAL_COMMA.match(cell) for row in rows[:500] for cell in row.cells)
