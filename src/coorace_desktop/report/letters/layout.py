"""The A4 letter (the API is described in report/letters/__init__.py).

The first page of each letter has fixed places, in millimetres from the page's top left corner:
the letterhead (20, 15), the address block (110, 50), 85 wide and 32 high, the place and date
line at 95. The address block is placed for a DL window envelope (110 × 220, window 100 × 45 at
20 mm from the right and 15 mm from the bottom) with the A4 sheet folded in three: the window
then shows 50 to 95 mm of the sheet, or 39 to 84 mm when the sheet slides down the envelope;
the block (50 to 82 mm) is seen in both. Then the subject, the body, the signature; every page
has the delegation's footer."""

import io
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Frame, KeepTogether, PageBreak, PageTemplate, Paragraph, Spacer
from reportlab.platypus.flowables import Flowable

from coorace_desktop.domain.progress import Progress, no_progress
from coorace_desktop.domain.text import file_name
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.report.formats import long_date
from coorace_desktop.report.letters.forms import Repeated, drawn
from coorace_desktop.report.letters.text import TextLine, fitted, text_flowable
from coorace_desktop.report.styles import (
    FONT,
    FONT_BOLD,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    PRIMARY,
    RULE,
    markup,
    printable,
    shorten,
    styles,
)
from coorace_desktop.storage.errors import file_failure
from coorace_desktop.storage.files import TEMPORARY_PREFIX, TEMPORARY_SUFFIX, replace_file, written_atomically
from coorace_desktop.storage.paths import private_folder

MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP = 20 * mm, 15 * mm, 15 * mm
FOOTER_HEIGHT = 20 * mm
LETTERHEAD_WIDTH = 80 * mm
ADDRESS_LEFT, ADDRESS_TOP, ADDRESS_WIDTH, ADDRESS_HEIGHT = 110 * mm, 50 * mm, 85 * mm, 32 * mm
DATE_LINE_TOP = 95 * mm
FIRST_PAGE_HEAD = 102 * mm  # what the letterhead, address and date line take of the first page
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
LETTERHEAD_FORM, FOOTER_FORM = "letterhead", "footer"


@dataclass(frozen=True, slots=True)
class Sender:
    """Who writes: the letterhead (name, lines under it), the place of the date line, the footer
    and who signs."""

    name: str
    lines: tuple[str, ...] = ()
    place: str = ""
    signatory_name: str = ""
    signatory_title: str = ""


@dataclass(frozen=True, slots=True)
class Letter:
    recipient: tuple[str, ...]
    subject: str
    body: str
    on: date
    file_stem: str = ""
    reference: str = ""
    flowables: tuple[Flowable, ...] = ()
    closing: str = ""
    annex_title: str = ""
    annex: str = ""


@dataclass(frozen=True, slots=True)
class LettersResult:
    paths: list[Path]
    pages: int
    letters: int


@dataclass(frozen=True)
class LetterStyles:
    body: ParagraphStyle
    subject: ParagraphStyle
    letterhead_name: ParagraphStyle
    letterhead_line: ParagraphStyle
    address: ParagraphStyle
    address_first: ParagraphStyle
    signature: ParagraphStyle
    annex_title: ParagraphStyle


@cache
def letter_styles() -> LetterStyles:
    body = ParagraphStyle("letter_body", parent=styles().body, fontSize=10, leading=14, spaceAfter=7)
    address = ParagraphStyle("letter_address", parent=body, fontSize=10, leading=12.5, spaceAfter=0)
    return LetterStyles(
        body=body,
        subject=ParagraphStyle("letter_subject", parent=body, fontName=FONT_BOLD, spaceAfter=12),
        letterhead_name=ParagraphStyle("letterhead_name", parent=body, fontName=FONT_BOLD, fontSize=14, leading=17, textColor=PRIMARY, spaceAfter=2),
        letterhead_line=ParagraphStyle("letterhead_line", parent=body, fontSize=8, leading=10, textColor=MUTED, spaceAfter=0),
        address=address,
        address_first=ParagraphStyle("letter_address_first", parent=address, fontName=FONT_BOLD),
        signature=ParagraphStyle("letter_signature", parent=body, leftIndent=100 * mm, spaceAfter=0),
        annex_title=ParagraphStyle("letter_annex_title", parent=body, fontName=FONT_BOLD, fontSize=14, leading=18, textColor=PRIMARY, spaceAfter=10),
    )


class LetterHead(Flowable):
    """The first page's fixed places: letterhead, address block, place and date line. Always the
    first flowable of its page, it draws at the page's own coordinates."""

    def __init__(self, sender: Sender, letter: Letter, forms: bool) -> None:
        super().__init__()
        self.sender, self.letter, self.forms = sender, letter, forms

    def wrap(self, available_width, available_height):
        return available_width, FIRST_PAGE_HEAD - MARGIN_TOP

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802 (ReportLab's name)
        style = letter_styles()

        def letterhead() -> None:
            lines = (self.sender.name, *self.sender.lines)
            head = fitted(lines, style.letterhead_name, style.letterhead_line, LETTERHEAD_WIDTH, ADDRESS_TOP + ADDRESS_HEIGHT - MARGIN_TOP)
            _draw_column(canvas, head, MARGIN_LEFT, PAGE_HEIGHT - MARGIN_TOP, LETTERHEAD_WIDTH)

        drawn(canvas, LETTERHEAD_FORM if self.forms else None, letterhead)
        if self.letter.recipient:
            address = fitted(self.letter.recipient, style.address_first, style.address, ADDRESS_WIDTH, ADDRESS_HEIGHT)
            _draw_column(canvas, address, ADDRESS_LEFT, PAGE_HEIGHT - ADDRESS_TOP, ADDRESS_WIDTH)
        canvas.setFont(style.body.fontName, style.body.fontSize)  # on the address block's right edge
        canvas.setFillColor(style.body.textColor)
        baseline = PAGE_HEIGHT - DATE_LINE_TOP - style.body.fontSize
        canvas.drawRightString(ADDRESS_LEFT + ADDRESS_WIDTH, baseline, _date_line(self.sender.place, self.letter.on))
        if self.letter.reference:
            reference = [TextLine(f"Réf. : {shorten(self.letter.reference, 40)}", style.letterhead_line)]
            _draw_column(canvas, reference, MARGIN_LEFT, PAGE_HEIGHT - DATE_LINE_TOP - 1, LETTERHEAD_WIDTH)


@cache
def _date_line(place: str, on: date) -> str:
    return printable((f"{place}, le " if place else "Le ") + long_date(on))


def _draw_column(canvas, blocks: list[Flowable], x: float, top: float, width: float) -> None:
    for block in blocks:
        _, height = block.wrapOn(canvas, width, PAGE_HEIGHT)
        top -= height
        block.drawOn(canvas, x, top)


class _LetterDone(Flowable):
    """Reports progress once a letter is laid out (and lets the caller cancel there)."""

    def __init__(self, done: int, total: int, progress: Progress) -> None:
        super().__init__()
        self.done, self.total, self.progress = done, total, progress

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        self.progress(self.done, self.total, f"Mise en page : courrier {self.done} sur {self.total}…")


def _signature(sender: Sender) -> list[Flowable]:
    style = letter_styles()
    lines: list[Flowable] = [Spacer(1, 8 * mm)]
    if sender.signatory_title:
        lines.append(Paragraph(markup(sender.signatory_title), style.signature))
    if sender.signatory_name:
        lines.append(Paragraph(f"<b>{markup(sender.signatory_name)}</b>", style.signature))
    return lines


def letter_flowables(letter: Letter, sender: Sender, repeated: Repeated | None = None) -> list[Flowable]:
    """One letter: its first page's head, subject, body, extra flowables, closing, signature and
    annex; what `repeated` says the run's letters print alike laid out once."""
    style = letter_styles()
    repeated = repeated or Repeated([letter], forms=False, width=TEXT_WIDTH)
    flowables: list[Flowable] = [LetterHead(sender, letter, repeated.forms)]
    if letter.subject:
        flowables.append(text_flowable(f"Objet\u00a0: {letter.subject}", style.subject, TEXT_WIDTH))
    flowables += repeated.blocks(letter.body, style.body)
    flowables += letter.flowables
    flowables += repeated.blocks(letter.closing, style.body)
    if sender.signatory_name or sender.signatory_title:
        flowables.append(repeated.shared("signature", lambda: _signature(sender), keep=True) if repeated.signature
                         else KeepTogether(_signature(sender)))
    if letter.annex.strip() or letter.annex_title.strip():
        flowables += [PageBreak(), Paragraph(markup(letter.annex_title), style.annex_title), *repeated.blocks(letter.annex, style.body)]
    return flowables


def _footer_text(sender: Sender) -> str:
    text = printable(" · ".join(part for part in (sender.name, *sender.lines) if part))
    while text and stringWidth(text, FONT, 7.5) > TEXT_WIDTH:
        text = shorten(text, len(text) - 4)
    return text


class LetterDocument(BaseDocTemplate):
    """Letters on A4 with the delegation's footer (a form every page references when `forms`)."""

    def __init__(self, output, sender: Sender, title: str, forms: bool = False) -> None:
        super().__init__(
            output,
            pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
            leftMargin=MARGIN_LEFT,
            rightMargin=MARGIN_RIGHT,
            topMargin=MARGIN_TOP,
            bottomMargin=FOOTER_HEIGHT,
            title=printable(title),
            author=printable(sender.name),
            creator="Coorace Desktop",
            lang="fr-FR",
        )
        frame = Frame(MARGIN_LEFT, FOOTER_HEIGHT, TEXT_WIDTH, PAGE_HEIGHT - MARGIN_TOP - FOOTER_HEIGHT, 0, 0, 0, 0, id="letter")
        footer = _footer_text(sender)

        def draw_footer(canvas, _document) -> None:
            def footer_line() -> None:
                canvas.setStrokeColor(RULE)
                canvas.setLineWidth(0.5)
                canvas.line(MARGIN_LEFT, 14 * mm, PAGE_WIDTH - MARGIN_RIGHT, 14 * mm)
                canvas.setFont(FONT, 7.5)
                canvas.setFillColor(MUTED)
                canvas.drawCentredString(MARGIN_LEFT + TEXT_WIDTH / 2, 10 * mm, footer)

            canvas.saveState()
            drawn(canvas, FOOTER_FORM if forms else None, footer_line)
            canvas.restoreState()

        self.addPageTemplates([PageTemplate("letter", frames=[frame], onPage=draw_footer)])


def write_letters(
    letters: Sequence[Letter], sender: Sender, target: Path, *, per_file: bool = False, progress: Progress | None = None
) -> LettersResult:
    """Write the letters into one PDF `target`, or one PDF each into the folder `target`."""
    report = progress or no_progress
    target = Path(target)
    if not letters:
        raise ValidationError("Aucun courrier à écrire : aucune structure choisie.")
    if per_file:
        return _write_each(letters, sender, target, report)
    title = letters[0].subject if len(letters) == 1 else f"Courriers – {sender.name}"
    repeated = Repeated(letters, forms=len(letters) > 1, width=TEXT_WIDTH)
    flowables: list[Flowable] = []
    for index, letter in enumerate(letters):
        if index:
            flowables.append(PageBreak())
        flowables += letter_flowables(letter, sender, repeated)
        flowables.append(_LetterDone(index + 1, len(letters), report))
    report(0, len(letters), "Mise en page…")
    with written_atomically(target, "Les courriers n'ont pas été enregistrés dans") as partial, open(partial, "wb") as output:
        document = LetterDocument(output, sender, title, repeated.forms)
        document.build(flowables)
    return LettersResult([target], document.page, len(letters))


def _write_each(letters: Sequence[Letter], sender: Sender, folder: Path, report: Progress) -> LettersResult:
    names, pages, repeated = unique_names([letter.file_stem for letter in letters]), [0], Repeated(letters, forms=False, width=TEXT_WIDTH)

    def write_one(index: int, path: Path) -> None:
        report(index, len(letters), f"Courrier {index + 1} sur {len(letters)} : {names[index]}")
        document = LetterDocument(str(path), sender, letters[index].subject)
        document.build(letter_flowables(letters[index], sender, repeated))
        pages[0] += document.page

    paths = write_into_folder(folder, names, write_one, "Les courriers n'ont pas été enregistrés dans")
    return LettersResult(paths, pages[0], len(letters))


def write_into_folder(folder: Path, names: Sequence[str], write_one: Callable[[int, Path], None], action: str) -> list[Path]:
    """Files `names` written into `folder` (created if need be) by write_one(index, path), all
    or none, readable by their owner only: into a hidden staging folder first, moved into place once every one is written
    (an exception, a cancellation included, leaves the folder as it was)."""
    try:
        private_folder(folder)
        staging = Path(tempfile.mkdtemp(dir=folder, prefix=TEMPORARY_PREFIX, suffix=TEMPORARY_SUFFIX))
    except OSError as error:
        raise file_failure(error, f"{action} {folder}") from error
    try:
        for index, name in enumerate(names):
            write_one(index, staging / name)
            (staging / name).chmod(0o600)  # written by a library, with the umask's rights
        for name in names:
            replace_file(staging / name, folder / name)
    except OSError as error:
        raise file_failure(error, f"{action} {folder}") from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [folder / name for name in names]


def render_letter(letter: Letter, sender: Sender) -> tuple[bytes, int]:
    """One letter as PDF bytes, and its page count (an e-mail's attachment)."""
    output = io.BytesIO()
    document = LetterDocument(output, sender, letter.subject)
    document.build(letter_flowables(letter, sender))
    return output.getvalue(), document.page


def unique_names(stems: Sequence[str], extension: str = ".pdf") -> list[str]:
    """'ADEL.pdf', 'ADEL (2).pdf'…: each stem made a safe file name, never twice (case ignored)."""
    taken: set[str] = set()
    names = []
    for number, stem in enumerate(stems, start=1):
        base = file_name(stem, f"courrier-{number}")
        name, copy = f"{base}{extension}", 1
        while os.path.normcase(name.lower()) in taken:
            copy += 1
            name = f"{base} ({copy}){extension}"
        taken.add(os.path.normcase(name.lower()))
        names.append(name)
    return names
