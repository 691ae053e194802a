"""Importing the reference: the whole table replaced in one transaction (the previous one stays
until the new one is complete), with SQLAlchemy Core's executemany; and what it holds now."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import bindparam, delete, insert, select, update

from coorace_desktop.domain.french import plural
from coorace_desktop.domain.progress import Progress, no_progress
from coorace_desktop.domain.reference import ReferenceImport, ReferenceSource, SiaeReference
from coorace_desktop.services.importing.bulk import insert_rows
from coorace_desktop.services.reference.reading import ReadCounts, ReferenceFileError, ReferenceReader
from coorace_desktop.storage.database import Database

BATCH = 5_000
REFERENCE = SiaeReference.__table__
IMPORTS = ReferenceImport.__table__


@dataclass(frozen=True, slots=True)
class ReferenceStatus:
    """The import the table holds, as the page and `reference status` say it."""

    source: ReferenceSource
    files: str
    file_date: date | None
    imported_at: datetime
    entries: int
    without_siret: int
    invalid_siret: int
    duplicates: int
    other_kinds: int

    def summary(self) -> str:
        dated = f", fichier du {self.file_date:%d/%m/%Y}" if self.file_date else ""
        text = (f"{plural(self.entries, 'SIAE', 'SIAE')} de {self.source.label}{dated}, "
                f"importé le {self.imported_at.astimezone():%d/%m/%Y à %H:%M}")
        left_out = left_out_text(self)
        return f"{text} (non repris : {left_out})." if left_out else f"{text}."


def import_reference(database: Database, paths: Sequence[Path | str], progress: Progress = no_progress) -> ReferenceStatus:
    """Replace the reference table by the entries of the files (one source), in one transaction:
    a file that cannot be read, or holds no valid entry, leaves the previous table as it was."""
    reader = ReferenceReader([Path(path) for path in paths])
    with database.session() as session:
        connection = session.connection()
        connection.execute(delete(IMPORTS))
        connection.execute(delete(REFERENCE))
        batch: list[dict] = []
        for row in reader.rows():
            batch.append(row)
            if len(batch) == BATCH:
                insert_rows(connection, REFERENCE, batch)
                batch.clear()
                progress(reader.done_bytes, reader.total_bytes, "Lecture du référentiel…")
        insert_rows(connection, REFERENCE, batch)
        if reader.merged_types:
            statement = update(REFERENCE).where(REFERENCE.c.siret == bindparam("key")).values(types=bindparam("merged"))
            connection.execute(statement, [{"key": siret, "merged": kinds} for siret, kinds in reader.merged_types.items()])
        counts = reader.counts
        if not counts.entries:
            raise ReferenceFileError(_nothing_valid(counts))
        values = dict(
            source=counts.source.value, files=", ".join(Path(path).name for path in paths), file_date=counts.file_date,
            imported_at=datetime.now(UTC).replace(microsecond=0), entries=counts.entries, without_siret=counts.without_siret,
            invalid_siret=counts.invalid_siret, duplicates=counts.duplicates, other_kinds=counts.other_kinds,
        )
        connection.execute(insert(IMPORTS).values(**values))
    return ReferenceStatus(**{**values, "source": counts.source})


def left_out_text(counts: ReadCounts | ReferenceStatus) -> str:
    """'12 SIRET invalides, 3 doublons': what the files held that is not in the table ('' if nothing)."""
    parts = (
        (counts.invalid_siret, "SIRET invalide", "SIRET invalides"),
        (counts.duplicates, "doublon", "doublons"),
        (counts.without_siret, "entrée sans SIRET", "entrées sans SIRET"),
        (counts.other_kinds, "structure hors IAE", "structures hors IAE"),
    )
    return ", ".join(plural(number, singular, several) for number, singular, several in parts if number)


def _nothing_valid(counts: ReadCounts) -> str:
    if left_out := left_out_text(counts):
        return f"Aucune SIAE avec un SIRET valide dans ce fichier ({left_out}) : le référentiel précédent est conservé."
    return "Ce fichier ne contient aucune structure : le référentiel précédent est conservé."


def reference_status(database: Database) -> ReferenceStatus | None:
    """The import the table holds, or None before the first."""
    with database.session() as session:
        row = session.execute(select(IMPORTS)).mappings().first()
        if row is None:
            return None
        return ReferenceStatus(**{name: row[name] for name in ReferenceStatus.__slots__ if name != "source"}, source=ReferenceSource(row["source"]))

