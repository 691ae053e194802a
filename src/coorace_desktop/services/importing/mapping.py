"""Which column of a file holds which field: proposed from the header names (accents, case and
punctuation ignored, French synonyms), and remembered for next time in the user config folder."""

import json
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_config_path

from coorace_desktop.domain.members import ORGANISATION_FIELDS
from coorace_desktop.domain.text import fold
from coorace_desktop.services.importing.cells import as_text
from coorace_desktop.services.importing.sources import SourceTable
from coorace_desktop.storage.files import written_atomically
from coorace_desktop.storage.paths import APP_NAME

MEMBERS = "members"
FIGURES = "figures"
REGISTRATIONS = "registrations"  # an event's registration list (services/importing/registrations.py)
_HEADER_SEARCH_ROWS = 15
_REMEMBERED = 200
_EXACT = 100
_WEAK = 90  # 'Nom' alone: the organisation's name unless another column says so better
_CONTAINED = 60
_UNTITLED = "Colonne "  # the name of a column without a header: "Colonne 3"


@dataclass(frozen=True, slots=True)
class ImportField:
    """A field an import can fill: its key, French label and the header names that mean it."""

    key: str
    label: str
    synonyms: tuple[str, ...]
    required: bool = False
    weak_synonyms: tuple[str, ...] = ()


# The organisation's own fields as declared once in the domain (heading, synonyms).
_ORGANISATION = {
    field.name: ImportField(field.name, field.heading, field.synonyms, field.required, field.weak_synonyms)
    for field in ORGANISATION_FIELDS
}

FIELDS: dict[str, tuple[ImportField, ...]] = {
    MEMBERS: (
        *_ORGANISATION.values(),
        ImportField("types", "Types (AI, ACI…)", ("type", "types", "type de structure", "type de siae", "conventionnement", "agrement", "type d agrement", "categorie", "types de conventionnement")),
        ImportField("address", "Adresse", ("adresse", "adresse postale", "rue", "voie", "adresse 1", "adresse du siege")),
        ImportField("postcode", "Code postal", ("cp", "code postal", "code post", "c p")),
        ImportField("city", "Ville", ("ville", "commune", "localite", "bureau distributeur")),
        ImportField("department", "Département", ("departement", "dept", "dep", "dpt", "n departement")),
        ImportField("phone", "Téléphone", ("tel", "telephone", "standard", "telephone fixe", "fixe", "tel structure", "telephone structure", "n tel", "n telephone")),
        ImportField("email", "E-mail", ("courriel", "e mail", "email", "mail", "adresse electronique", "adresse mail", "mel", "adresse e mail", "courriel structure")),
        ImportField("contact_first_name", "Prénom du contact", ("prenom", "prenom du contact", "contact prenom", "prenom contact")),
        ImportField("contact_last_name", "Nom du contact", ("nom du contact", "contact", "nom contact", "contact nom", "responsable", "nom du responsable"), weak_synonyms=("nom",)),
        ImportField("contact_role", "Fonction du contact", ("fonction", "role", "qualite", "poste", "fonction du contact", "fonction contact")),
        ImportField("contact_email", "E-mail du contact", ("courriel du contact", "email du contact", "e mail du contact", "mail du contact", "courriel contact", "email contact", "mail contact")),
        ImportField("contact_phone", "Téléphone du contact", ("tel du contact", "telephone du contact", "portable", "mobile", "tel contact", "telephone contact", "tel portable")),
        ImportField("joined_on", "Date d'adhésion", ("date d adhesion", "adhesion", "adherent depuis", "date adhesion", "membre depuis")),
    ),
    FIGURES: (
        _ORGANISATION["name"],
        _ORGANISATION["siret"],
        ImportField("year", "Année", ("annee", "exercice", "annee de reference", "millesime"), required=True),
        ImportField("turnover", "Chiffre d'affaires (€)", ("chiffre d affaires", "ca", "c a", "ca total", "chiffre d affaires total")),
        ImportField("gross_wages", "Masse salariale brute (€)", ("masse salariale", "masse salariale brute", "salaires bruts", "salaires")),
        ImportField("public_funding", "Financements publics (€)", ("financements publics", "financement public", "aides publiques", "subventions", "subventions publiques")),
        ImportField("insertion_employees", "Salariés en insertion", ("salaries en insertion", "salaries en parcours", "nombre de salaries en insertion", "salaries insertion", "personnes en insertion", "salaries en parcours d insertion")),
        ImportField("permanent_staff", "Permanents", ("permanents", "salaries permanents", "personnel permanent", "nombre de permanents")),
        ImportField("fte", "ETP", ("etp", "equivalents temps plein", "equivalent temps plein", "nombre d etp", "etp insertion")),
        ImportField("insertion_hours", "Heures d'insertion", ("heures d insertion", "heures travaillees", "nombre d heures", "heures", "heures de travail")),
    ),
    REGISTRATIONS: (
        ImportField("last_name", "Nom", ("nom", "nom de famille", "nom du participant", "participant", "nom usuel"), required=True),
        ImportField("first_name", "Prénom", ("prenom", "prenom du participant")),
        ImportField("organisation", "Structure", ("structure", "organisation", "organisme", "employeur", "entreprise", "societe", "raison sociale")),
        ImportField("email", "E-mail", ("courriel", "e mail", "email", "mail", "adresse electronique", "adresse mail", "mel", "adresse e mail")),
    ),
}


def field_labels(kind: str) -> dict[str, str]:
    return {field.key: field.label for field in FIELDS[kind]}


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """The header row found in the table, its headers, and the field of each column ('' = ignored)."""

    kind: str
    header_index: int
    headers: tuple[str, ...]
    fields: tuple[str, ...]

    def column_of(self, key: str) -> int | None:
        return self.fields.index(key) if key in self.fields else None

    def with_field(self, column: int, key: str) -> "ColumnMapping":
        """The same mapping with column set to key (taken from any other column that had it)."""
        fields = ["" if key and existing == key else existing for existing in self.fields]
        fields[column] = key
        return ColumnMapping(self.kind, self.header_index, self.headers, tuple(fields))

    def missing_required(self) -> list[str]:
        return [field.label for field in FIELDS[self.kind] if field.required and field.key not in self.fields]

    def repeated_headers(self) -> str:
        """A French warning for each header the file repeats over imported columns: which is
        imported as what, which is left out; '' when none is."""
        columns: dict[str, list[int]] = {}
        for column, header in enumerate(self.headers):
            if not header.startswith(_UNTITLED):
                columns.setdefault(fold(header), []).append(column)
        labels = field_labels(self.kind)
        warnings = []
        for same in columns.values():
            used = [column for column in same if self.fields[column]]
            if len(same) < 2 or not used:
                continue
            imported = ", ".join(f"la colonne {column + 1} est importée comme « {labels[self.fields[column]]} »" for column in used)
            left = " ; les autres sont ignorées" if len(used) < len(same) else ""
            numbers = ", ".join(str(column + 1) for column in same[:-1]) + f" et {same[-1] + 1}"
            warnings.append(f"Le titre « {self.headers[same[0]]} » figure sur les colonnes {numbers} : {imported}{left}.")
        return " ".join(warnings)


def _scores(header: str, field: ImportField) -> int:
    key = fold(header)
    if not key:
        return 0
    if key in field.synonyms:
        return _EXACT
    if key in field.weak_synonyms:
        return _WEAK
    padded = f" {key} "
    longest = max((len(s) for s in field.synonyms if f" {s} " in padded and len(s) > 2), default=0)
    return _CONTAINED + min(longest, 30) if longest else 0


def propose_mapping(table: SourceTable, kind: str, remembered: dict[str, str] | None = None) -> ColumnMapping:
    """Find the header row and propose a field for each column; remembered choices come first."""
    if remembered is None:
        remembered = load_remembered(kind)
    header_index = locate_header(table, kind)
    headers = _headers(table, header_index)
    candidates = []
    for column, header in enumerate(headers):
        key = fold(header)
        if key in remembered:
            candidates.append((_REMEMBERED, 0, -column, remembered[key]))
            continue
        for priority, field in enumerate(FIELDS[kind]):
            score = _scores(header, field)
            if score:
                candidates.append((score, -priority, -column, field.key))
    fields = [""] * len(headers)
    taken: set[str] = set()
    done: set[int] = set()
    # Best score first; on a tie, the field listed first, then the leftmost column (a repeated header).
    for _score, _priority, left, key in sorted(candidates, reverse=True):
        column = -left
        if column in done or (key and key in taken):
            continue
        fields[column] = key
        done.add(column)
        if key:
            taken.add(key)
    return ColumnMapping(kind, header_index, headers, tuple(fields))


def locate_header(table: SourceTable, kind: str) -> int:
    """The row (index in table.rows) among the first ones whose cells name the most fields.

    A title row merged across the columns, or a group row above the real headers, names none."""
    best, best_score = 0, 0
    for index, row in enumerate(table.rows[:_HEADER_SEARCH_ROWS]):
        score = sum(
            1 for cell in row.cells if isinstance(cell, str) and any(_scores(cell, f) for f in FIELDS[kind])
        )
        if score > best_score:
            best, best_score = index, score
    return best


def _headers(table: SourceTable, header_index: int) -> tuple[str, ...]:
    if not table.rows:
        return ()
    width = max(len(row.cells) for row in table.rows)
    cells = list(table.rows[header_index].cells) + [""] * width
    above = table.rows[header_index - 1] if header_index > 0 else None
    headers = []
    for column in range(width):
        header = as_text(cells[column])
        if not header and above and column < len(above.cells):
            # A header merged vertically over two rows reads as blank in the lower one.
            header = as_text(above.cells[column])
        headers.append(header or f"{_UNTITLED}{column + 1}")
    return tuple(headers)


# -- remembered choices


def mappings_file() -> Path:
    return user_config_path(APP_NAME, appauthor=False) / "correspondances_import.json"


def load_remembered(kind: str) -> dict[str, str]:
    """The field chosen last time for each (folded) header name; a damaged file is ignored."""
    try:
        data = json.loads(mappings_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    valid = {field.key for field in FIELDS[kind]} | {""}
    chosen = data.get(kind, {}) if isinstance(data, dict) else {}
    return {k: v for k, v in chosen.items() if isinstance(k, str) and v in valid} if isinstance(chosen, dict) else {}


def remember_mapping(mapping: ColumnMapping) -> None:
    """Keep the user's choices for these header names (written atomically: never half a file);
    a StorageError when the file cannot be written."""
    path = mappings_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        data = data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        data = {}
    chosen = data.setdefault(mapping.kind, {})
    for header, key in zip(mapping.headers, mapping.fields):
        if fold(header) and not header.startswith(_UNTITLED):
            chosen[fold(header)] = key
    path.parent.mkdir(parents=True, exist_ok=True)
    with written_atomically(path) as temporary:  # a new 0600 file, never a name someone could plant
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
