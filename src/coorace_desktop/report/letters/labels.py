"""Address labels on A4 sheets: the common formats of self-adhesive sheets, one address per
label (the letters' address block: name, contact, street, postcode and CITY), filled left to
right and top to bottom, from any position of the first sheet (a sheet already partly used)."""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from coorace_desktop.domain.progress import Progress, no_progress
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.report.letters.layout import letter_styles
from coorace_desktop.report.letters.text import fitted
from coorace_desktop.report.styles import PAGE_HEIGHT, PAGE_WIDTH
from coorace_desktop.services.letters.recipients import recipients
from coorace_desktop.storage.database import Database
from coorace_desktop.storage.files import written_atomically

PADDING = 4 * mm  # inside each label, for a sheet fed slightly askew


@dataclass(frozen=True, slots=True)
class LabelSheet:
    """A sheet format, in millimetres: the first label's top left corner, and the pitch from
    one label to the next (its size plus the gap)."""

    key: str
    label: str
    columns: int
    rows: int
    width: float
    height: float
    left: float
    top: float
    pitch_x: float
    pitch_y: float

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows


SHEETS = (
    LabelSheet("3x7", "3 × 7 : 21 étiquettes de 70 × 42,3 mm", 3, 7, 70, 42.3, 0, 0.45, 70, 42.3),
    LabelSheet("3x8", "3 × 8 : 24 étiquettes de 70 × 37 mm", 3, 8, 70, 37, 0, 0.5, 70, 37),
    LabelSheet("2x7", "2 × 7 : 14 étiquettes de 99,1 × 38,1 mm", 2, 7, 99.1, 38.1, 4.65, 15.15, 101.6, 38.1),
    LabelSheet("3x7-63", "3 × 7 : 21 étiquettes de 63,5 × 38,1 mm", 3, 7, 63.5, 38.1, 7.2, 15.15, 66.04, 38.1),
)
SHEETS_BY_KEY = {sheet.key: sheet for sheet in SHEETS}


@dataclass(frozen=True, slots=True)
class LabelPlace:
    page: int  # 0 for the first sheet
    left: float  # the label's top left corner, in mm from the sheet's top left corner
    top: float


@dataclass(frozen=True, slots=True)
class LabelsResult:
    path: Path
    labels: int
    pages: int


def sheet_format(key: str) -> LabelSheet:
    try:
        return SHEETS_BY_KEY[key]
    except KeyError:
        raise ValidationError(f"Format d'étiquettes inconnu : {key}. Formats : {', '.join(SHEETS_BY_KEY)}.") from None


def label_places(sheet: LabelSheet, count: int, start: int = 1) -> list[LabelPlace]:
    """Where `count` labels go, the first at position `start` (1 = top left, then along the row)."""
    if not 1 <= start <= sheet.per_sheet:
        raise ValidationError(f"La première étiquette doit être entre 1 et {sheet.per_sheet} pour ce format ({start} demandé).")
    places = []
    for number in range(start - 1, start - 1 + count):
        page, position = divmod(number, sheet.per_sheet)
        row, column = divmod(position, sheet.columns)
        places.append(LabelPlace(page, sheet.left + column * sheet.pitch_x, sheet.top + row * sheet.pitch_y))
    return places


def write_labels(
    database: Database, organisation_ids: Sequence[int], target: Path, sheet: LabelSheet, start: int = 1, progress: Progress | None = None
) -> LabelsResult:
    """The addresses of these organisations on label sheets, into the PDF `target`."""
    report = progress or no_progress
    chosen = recipients(database, list(organisation_ids))
    if not chosen:
        raise ValidationError("Aucune structure choisie : sélectionnez au moins une ligne du tableau.")
    places = label_places(sheet, len(chosen), start)
    style = letter_styles()
    width, height = sheet.width * mm - 2 * PADDING, sheet.height * mm - 2 * PADDING
    with written_atomically(Path(target), "Les étiquettes n'ont pas été enregistrées dans") as partial:
        canvas = Canvas(str(partial), pagesize=(PAGE_WIDTH, PAGE_HEIGHT), lang="fr-FR")
        canvas.setTitle(f"Étiquettes ({sheet.label})")
        page = 0
        for index, (recipient, place) in enumerate(zip(chosen, places)):
            if index % 50 == 0:
                report(index, len(chosen), f"Étiquette {index + 1} sur {len(chosen)}…")
            if place.page != page:
                canvas.showPage()
                page = place.page
            blocks = fitted(recipient.address_lines, style.address_first, style.address, width, height)
            sizes = [block.wrap(width, height) for block in blocks]
            # Centred in the label's height, from its padded left edge.
            top = PAGE_HEIGHT - place.top * mm - (sheet.height * mm - sum(h for _, h in sizes)) / 2
            for block, (_, block_height) in zip(blocks, sizes):
                top -= block_height
                block.drawOn(canvas, place.left * mm + PADDING, top)
        canvas.showPage()
        canvas.save()
    report(len(chosen), len(chosen), "Étiquettes enregistrées.")
    return LabelsResult(Path(target), len(chosen), places[-1].page + 1)
