"""The A4 template of the report: cover page, running header with the year and the section,
"page N / M" footer, one- and two-column pages, PDF outline, the cover's contents; and the
section title flowable."""

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate, Paragraph
from reportlab.platypus.flowables import Flowable

from coorace_desktop.report.styles import (
    ACCENT,
    FONT,
    FONT_BOLD,
    LIGHT,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    PRIMARY,
    RULE,
    TEXT,
    TEXT_WIDTH,
    markup,
    printable,
    styles,
)

COVER, ONE_COLUMN, TWO_COLUMNS = "cover", "one_column", "two_columns"
COLUMN_GAP = 8 * mm
COVER_BAND_HEIGHT = 118 * mm
# The cover's flowables stay above this line; the table of contents is drawn below it.
COVER_TEXT_BOTTOM = 105 * mm
CONTENTS_TOP = 92 * mm
FRAME_PADDING = 6  # ReportLab's default Frame padding, in points
PAGE_TOTAL_WIDTH = 9 * mm  # room for " / 9999" at the right of the footer


class SectionTitle(Paragraph):
    """A section's title: starts the running header's section name and a PDF outline entry."""

    def __init__(self, title: str, key: str):
        super().__init__(markup(title), styles().section)
        self.title = title
        self.key = key


def section_start(title: str, key: str, *, columns: int = 1) -> list[Flowable]:
    """A new page (one or two columns) opening with the section's title.

    The title of a two-column section sits in the first column's top; the page break comes
    first so that every section starts on its own page."""
    template = TWO_COLUMNS if columns == 2 else ONE_COLUMN
    return [NextPageTemplate(template), PageBreak(), SectionTitle(title, key)]


class PagedCanvas(Canvas):
    """A canvas that writes, once the layout is done, what only the end knows: the page count
    of the "N / M" footers and each section's page in the cover's contents. Pages draw them as
    PDF forms referenced before they are defined (pages are not held back: the outline's links
    and the memory stay as they are)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What a PDF without a structure tree can still give readers: the outline open, the
        # title (not the file name) in the window; the language is the document's (lang=).
        self.showOutline()
        self.setViewerPreference("DisplayDocTitle", "true")
        self.section_pages: dict[str, int] = {}  # filled during the layout
        self.contents_keys: list[str] = []  # the sections the cover lists

    def save(self):
        total = self.getPageNumber() - 1  # the last page has been shown
        self.beginForm(PAGE_TOTAL_FORM, lowerx=0, lowery=-4, upperx=80, uppery=12)
        self.setFont(FONT, 8)
        self.setFillColor(MUTED)
        self.drawString(0, 0, f" / {total}")
        self.endForm()
        for key in self.contents_keys:
            self.beginForm(contents_form(key), lowerx=-60, lowery=-4, upperx=0, uppery=14)
            self.setFont(FONT_BOLD, 10)
            self.setFillColor(PRIMARY)
            self.drawRightString(0, 0, str(self.section_pages.get(key, "")))
            self.endForm()
        super().save()


PAGE_TOTAL_FORM = "page-total"


def contents_form(key: str) -> str:
    return f"contents-{key}"


@dataclass
class PageDecor:
    """What the running header and footer print."""

    year: int
    delegation: str
    section: str = ""


class ReportDocument(BaseDocTemplate):
    """The report's document: page templates, running header, outline, progress."""

    def __init__(
        self,
        target,
        decor: PageDecor,
        *,
        first_template: str = ONE_COLUMN,
        contents: list[tuple[str, str]] = (),
        on_flowable: Callable[[Flowable], None] | None = None,
    ):
        """contents: the (key, title) of the sections the cover lists, in order."""
        title = f"Rapport d'activité {decor.year}" + (f" — {decor.delegation}" if decor.delegation else "")
        super().__init__(
            target,
            pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=printable(title),
            author=printable(decor.delegation),
            subject=f"Rapport d'activité {decor.year}",
            creator="Coorace Desktop",
            lang="fr-FR",
        )
        self.decor = decor
        self.contents = list(contents)
        self._on_flowable = on_flowable
        body_height = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
        column_width = (TEXT_WIDTH - COLUMN_GAP) / 2
        one = PageTemplate(
            ONE_COLUMN, [Frame(MARGIN_X, MARGIN_BOTTOM, TEXT_WIDTH, body_height, id="body")], onPageEnd=self._decorate
        )
        two = PageTemplate(
            TWO_COLUMNS,
            [
                Frame(MARGIN_X, MARGIN_BOTTOM, column_width, body_height, id="left"),
                Frame(MARGIN_X + column_width + COLUMN_GAP, MARGIN_BOTTOM, column_width, body_height, id="right"),
            ],
            onPageEnd=self._decorate,
        )
        cover = PageTemplate(
            COVER,
            [Frame(MARGIN_X, COVER_TEXT_BOTTOM, TEXT_WIDTH, PAGE_HEIGHT - 30 * mm - COVER_TEXT_BOTTOM, id="cover")],
            onPage=self._draw_cover,
        )
        templates = [cover, one, two]
        self.addPageTemplates(sorted(templates, key=lambda template: template.id != first_template))

    def afterFlowable(self, flowable):
        if isinstance(flowable, SectionTitle):
            self.decor.section = flowable.title
            self.canv.bookmarkPage(flowable.key)
            self.canv.addOutlineEntry(printable(flowable.title), flowable.key, level=0)
            self.canv.section_pages[flowable.key] = self.page
        if self._on_flowable is not None:
            self._on_flowable(flowable)

    def _decorate(self, canvas: Canvas, doc) -> None:
        """Running header (report, year, section) and footer rule, drawn once the page is full."""
        canvas.saveState()
        top = PAGE_HEIGHT - 14 * mm
        canvas.setFont(FONT_BOLD, 8)
        canvas.setFillColor(PRIMARY)
        canvas.drawString(MARGIN_X, top, "RAPPORT D'ACTIVITÉ")
        label_width = canvas.stringWidth("RAPPORT D'ACTIVITÉ ", FONT_BOLD, 8)
        canvas.setFillColor(ACCENT)
        canvas.drawString(MARGIN_X + label_width, top, f"| {self.decor.year}")
        canvas.setFont(FONT, 8)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(PAGE_WIDTH - MARGIN_X, top, printable(self.decor.section.upper()))
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN_X, top - 3 * mm, PAGE_WIDTH - MARGIN_X, top - 3 * mm)
        canvas.line(MARGIN_X, MARGIN_BOTTOM - 6 * mm, PAGE_WIDTH - MARGIN_X, MARGIN_BOTTOM - 6 * mm)
        footer_y = MARGIN_BOTTOM - 10 * mm
        canvas.drawString(MARGIN_X, footer_y, printable(self.decor.delegation))
        # "N" ends where the form " / M" (written at the very end) begins.
        number_end = PAGE_WIDTH - MARGIN_X - PAGE_TOTAL_WIDTH
        canvas.drawRightString(number_end, footer_y, str(canvas.getPageNumber()))
        canvas.translate(number_end, footer_y)
        canvas.doForm(PAGE_TOTAL_FORM)
        canvas.restoreState()

    def _draw_cover(self, canvas: Canvas, doc) -> None:
        canvas.saveState()
        canvas.setFillColor(PRIMARY)
        canvas.rect(0, PAGE_HEIGHT - COVER_BAND_HEIGHT, PAGE_WIDTH, COVER_BAND_HEIGHT, stroke=0, fill=1)
        canvas.setFillColor(ACCENT)
        canvas.rect(0, PAGE_HEIGHT - COVER_BAND_HEIGHT - 4 * mm, PAGE_WIDTH, 4 * mm, stroke=0, fill=1)
        canvas.setFillColor(LIGHT)
        canvas.rect(0, 0, PAGE_WIDTH, 16 * mm, stroke=0, fill=1)
        canvas.restoreState()
        self._draw_contents(canvas)

    def _draw_contents(self, canvas: Canvas) -> None:
        """The cover's "Sommaire": each section's title, a dotted leader, and its page (a form)."""
        if not self.contents:
            return
        canvas.saveState()
        canvas.contents_keys = [key for key, _ in self.contents]
        left = MARGIN_X + FRAME_PADDING  # aligned with the cover's text above
        right = PAGE_WIDTH - MARGIN_X - FRAME_PADDING
        y = CONTENTS_TOP
        canvas.setFont(FONT_BOLD, 11)
        canvas.setFillColor(PRIMARY)
        canvas.drawString(left, y, "Sommaire")
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.setDash(1, 2)
        for key, title in self.contents:
            y -= 7.5 * mm
            text = printable(title)
            canvas.setFont(FONT, 10)
            canvas.setFillColor(TEXT)
            canvas.drawString(left, y, text)
            leader = left + canvas.stringWidth(text, FONT, 10) + 2 * mm
            canvas.line(leader, y + 1, right - 10 * mm, y + 1)
            canvas.saveState()
            canvas.translate(right, y)
            canvas.doForm(contents_form(key))
            canvas.restoreState()
        canvas.restoreState()
