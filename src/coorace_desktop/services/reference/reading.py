"""Reading the reference files the user downloaded: data·inclusion's « structures » (JSON or CSV)
and les emplois de l'inclusion's SIAE API pages (JSON), entry by entry, into rows of the
reference table. A large JSON array is decoded one entry at a time from 1 MB chunks, so that a
200,000-entry national file never sits in memory as 200,000 dictionaries."""

import codecs
import csv
import functools
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from coorace_desktop.domain.departments import department_of_postcode
from coorace_desktop.domain.french import plural
from coorace_desktop.domain.reference import REFERENCE_TYPES, ReferenceSource
from coorace_desktop.domain.validation import ValidationError, siret_checksum_ok

CHUNK = 1 << 20
MARGIN = 1 << 16  # an entry is rarely over 2 kB; a longer one makes the buffer grow
_SPACE = re.compile(r"[ \t\n\r]*").match
DATA_INCLUSION_FIELDS = (
    "id", "nom", "siret", "commune", "code_postal", "code_insee", "adresse", "complement_adresse",
    "telephone", "courriel", "site_web", "date_maj", "reseaux_porteurs", "typologie",
)
EMPLOIS_FIELDS = (
    "siret", "type", "raison_sociale", "enseigne", "site_web", "addresse_ligne_1", "addresse_ligne_2",
    "code_postal", "ville", "departement",
)
COORACE = "coorace"
_NOT_DIGITS = re.compile(r"\D")
_LIST_SEPARATORS = re.compile(r"[,;|]")


class ReferenceFileError(ValidationError):
    """A reference file that cannot be read as one; str() says which and why, in French."""


@dataclass(slots=True)
class ReadCounts:
    """What the files held besides the entries kept."""

    entries: int = 0
    without_siret: int = 0
    invalid_siret: int = 0
    duplicates: int = 0
    other_kinds: int = 0
    file_date: date | None = None
    source: ReferenceSource | None = None


@dataclass
class ReferenceReader:
    """The rows of the files, each SIRET once: a later entry of a SIRET already read is a
    duplicate (counted), except an emplois entry bringing another agreement type of the same SIAE
    (the API lists one entry per type), whose type is added (`merged_types`, applied after)."""

    paths: list[Path]
    counts: ReadCounts = field(default_factory=ReadCounts)
    merged_types: dict[str, str] = field(default_factory=dict)
    done_bytes: int = 0
    total_bytes: int = 0

    def rows(self) -> Iterator[dict]:
        seen: dict[str, str] = {}
        self.total_bytes = sum(_size(path) for path in self.paths)
        finished = 0
        for path in self.paths:
            for source, item in _items(path, lambda done, finished=finished: setattr(self, "done_bytes", finished + done)):
                self._check_source(source, path)
                row = _row(source, item)
                if row is None:
                    self.counts.other_kinds += 1
                    continue
                siret = row["siret"]
                if not siret:
                    self.counts.without_siret += 1
                elif not siret_checksum_ok(siret):
                    self.counts.invalid_siret += 1
                elif siret in seen:
                    self._repeat(siret, seen, row["types"])
                else:
                    seen[siret] = row["types"]
                    self.counts.entries += 1
                    if row["updated_on"] and (self.counts.file_date is None or row["updated_on"] > self.counts.file_date):
                        self.counts.file_date = row["updated_on"]
                    yield row
            finished += _size(path)
        if self.counts.source == ReferenceSource.EMPLOIS or self.counts.file_date is None:
            # The API gives no date: the day the newest page was saved.
            self.counts.file_date = max(date.fromtimestamp(path.stat().st_mtime) for path in self.paths)

    def _check_source(self, source: ReferenceSource, path: Path) -> None:
        if self.counts.source is None:
            self.counts.source = source
        elif source != self.counts.source:
            raise ReferenceFileError(
                f"{path.name} vient de {source.label}, les fichiers précédents de {self.counts.source.label} : "
                "importez les fichiers d'une seule source à la fois."
            )

    def _repeat(self, siret: str, seen: dict[str, str], types: str) -> None:
        known = seen[siret].split(", ") if seen[siret] else []
        added = [kind for kind in types.split(", ") if kind and kind not in known]
        if added and self.counts.source == ReferenceSource.EMPLOIS:
            seen[siret] = self.merged_types[siret] = ", ".join(known + added)
        else:
            self.counts.duplicates += 1


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _items(path: Path, read_bytes) -> Iterator[tuple[ReferenceSource, dict]]:
    """(source, entry) of one file, by its content: a JSON array, an API page, or a CSV."""
    try:
        stream = path.open("rb")
    except FileNotFoundError as error:
        raise ReferenceFileError(f"Le fichier {path.name} est introuvable.") from error
    with stream:
        head = stream.read(4096).lstrip(codecs.BOM_UTF8).lstrip()
        stream.seek(0)
        if not head:
            raise ReferenceFileError(f"Le fichier {path.name} est vide.")
        if head[:1] == b"[":
            yield from _typed(path, _array_entries(path, stream, read_bytes))
        elif head[:1] == b"{":
            yield from _typed(path, _page_entries(path, stream))
        else:
            yield from _csv_entries(path, stream, read_bytes)


def _typed(path: Path, entries: Iterable[object]) -> Iterator[tuple[ReferenceSource, dict]]:
    for entry in entries:
        source = _source_of(entry) if isinstance(entry, dict) else None
        if source is None:
            raise ReferenceFileError(
                f"{path.name} n'est pas un fichier de structures de data·inclusion ni une page de l'API des emplois "
                f"de l'inclusion (champs attendus : {', '.join(DATA_INCLUSION_FIELDS[1:4])}… ou {', '.join(EMPLOIS_FIELDS[:3])}…)."
            )
        yield source, entry


def _source_of(entry: dict) -> ReferenceSource | None:
    if "raison_sociale" in entry and "siret" in entry:
        return ReferenceSource.EMPLOIS
    if "nom" in entry and "siret" in entry:
        return ReferenceSource.DATA_INCLUSION
    return None


def _broken(path: Path, where: str) -> ReferenceFileError:
    return ReferenceFileError(f"{path.name} n'est pas un JSON lisible ({where}) : le fichier est peut-être tronqué ou abîmé.")


def _array_entries(path: Path, stream, read_bytes) -> Iterator[object]:
    """The elements of a top-level JSON array, decoded one at a time by the json module's own
    scanner, from a buffer kept at least MARGIN characters ahead of the entry being read."""
    scan, decode = json.JSONDecoder().scan_once, codecs.getincrementaldecoder("utf-8-sig")().decode
    buffer, position, done, ended, count = "", 0, 0, False, 0

    def refill() -> None:
        nonlocal buffer, position, done, ended
        chunk = stream.read(CHUNK)
        done += len(chunk)
        read_bytes(done)
        try:
            buffer = buffer[position:] + decode(chunk, final=not chunk)
        except UnicodeDecodeError as error:
            raise ReferenceFileError(f"{path.name} n'est pas en UTF-8, comme le sont les fichiers publiés.") from error
        position, ended = 0, not chunk

    def skip_space() -> str:
        """The next character that is not white space ('' at the end of the file)."""
        nonlocal position
        while True:
            position = _SPACE(buffer, position).end()
            if position < len(buffer) or ended:
                return buffer[position : position + 1]
            refill()

    refill()
    skip_space()
    position += 1  # the "[", seen by _items
    if skip_space() == "]":
        return
    while True:
        while not ended and len(buffer) - position < MARGIN:
            refill()
        try:
            entry, position = scan(buffer, position)
        except (StopIteration, json.JSONDecodeError) as error:
            if not ended:  # an entry longer than the margin: read on
                refill()
                continue
            raise _broken(path, f"entrée n° {count + 1}") from error
        count += 1
        yield entry
        separator = skip_space()
        if separator == "]":
            return
        if separator != ",":
            raise _broken(path, f"fin du fichier après {plural(count, 'entrée', 'entrées')}" if not separator else f"après l'entrée n° {count}")
        position += 1
        skip_space()


def _page_entries(path: Path, stream) -> list[object]:
    """The entries of a saved API page ({"count", "next", "results": [...]})."""
    try:
        page = json.loads(stream.read().decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise ReferenceFileError(f"{path.name} n'est pas en UTF-8, comme le sont les fichiers publiés.") from error
    except json.JSONDecodeError as error:
        raise _broken(path, f"ligne {error.lineno}") from error
    results = page.get("results") if isinstance(page, dict) else None
    if not isinstance(results, list):
        raise ReferenceFileError(f"{path.name} n'est pas une page de l'API des emplois de l'inclusion (pas de liste « results »).")
    return results


def _csv_entries(path: Path, stream, read_bytes) -> Iterator[tuple[ReferenceSource, dict]]:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        header = text.readline()
        delimiter = max(",;\t", key=header.count)
        names = next(csv.reader([header], delimiter=delimiter))
        if not {"siret", "nom"} <= set(names):
            raise ReferenceFileError(
                f"{path.name} n'est pas un fichier de structures de data·inclusion : colonnes siret et nom attendues "
                f"(trouvées : {', '.join(names[:6]) or 'aucune'})."
            )
        for number, values in enumerate(csv.reader(text, delimiter=delimiter), start=1):
            if number % 5000 == 0:
                read_bytes(stream.tell())
            if values:
                yield ReferenceSource.DATA_INCLUSION, dict(zip(names, values, strict=False))
    except UnicodeDecodeError as error:
        raise ReferenceFileError(f"{path.name} n'est pas en UTF-8, comme le sont les fichiers publiés.") from error
    except csv.Error as error:
        raise ReferenceFileError(f"{path.name} n'est pas un CSV lisible : {error}.") from error


def _text(value: object) -> str:
    if type(value) is str:
        return value.strip()
    return "" if value is None else str(value).strip()


def _words(value: object) -> list[str]:
    """A list written as a JSON list, or as text separated by commas (CSV)."""
    if isinstance(value, list):
        return [text for item in value if (text := _text(item))]
    text = _text(value)
    if not text or text.isalnum():  # nothing, or one code alone ("ACI"): most entries
        return [text] if text else []
    return [word.strip(" '\"") for word in _LIST_SEPARATORS.split(text.strip("[]")) if word.strip(" '\"")]


def _joined(first: object, second: object) -> str:
    first, second = _text(first), _text(second)
    return f"{first}, {second}" if first and second else first or second


def _day(value: object) -> date | None:
    return _iso_day(_text(value)[:10])


@functools.lru_cache(maxsize=4096)  # a file has few distinct dates, and fewer postcodes than entries
def _iso_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


_department = functools.lru_cache(maxsize=65536)(department_of_postcode)


def _row(source: ReferenceSource, item: dict) -> dict | None:
    """The table's row of one entry; None for an entry that is no SIAE (nor carried by Coorace)."""
    get = item.get
    if source == ReferenceSource.EMPLOIS:
        kinds, networks = [_text(get("type")).upper()], []
    else:
        kinds, networks = [kind.upper() for kind in _words(get("typologie"))], _words(get("reseaux_porteurs"))
    kinds = [kind for kind in kinds if kind in REFERENCE_TYPES]
    if not kinds and COORACE not in (network.lower() for network in networks):
        return None
    if source == ReferenceSource.EMPLOIS:
        name = _text(get("enseigne")) or _text(get("raison_sociale"))
        address = _joined(get("addresse_ligne_1"), get("addresse_ligne_2"))
        postcode, city, department = _text(get("code_postal")), _text(get("ville")), _text(get("departement"))
        phone = email = ""
        updated_on = None
    else:
        name = _text(get("nom"))
        address = _joined(get("adresse"), get("complement_adresse"))
        postcode, city = _text(get("code_postal")), _text(get("commune"))
        department = "" if postcode else _text(get("code_insee"))[:2]
        phone, email, updated_on = _text(get("telephone")), _text(get("courriel")), _day(get("date_maj"))
    siret = _text(get("siret"))
    if not siret.isdigit():
        siret = _NOT_DIGITS.sub("", siret)
    if len(postcode) == 4 and postcode.isdigit():
        postcode = "0" + postcode  # a postcode read as a number lost its zero
    return {
        "siret": siret, "siren": siret[:9], "name": name or siret, "types": ", ".join(kinds),
        "address": address, "postcode": postcode[:5], "city": city,
        "department": _department(postcode) or department.upper()[:3],
        "phone": phone, "email": email, "website": _text(get("site_web")),
        "networks": ", ".join(networks), "source": source.value, "updated_on": updated_on,
    }
