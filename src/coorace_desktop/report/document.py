"""The A4 template of the report: cover page, running header with the year and the section,
"page N / M" footer, one- and two-column pages, PDF outline; and the section title flowable."""

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
    TEXT_WIDTH,
    markup,
    printable,
    styles,
)

COVER, ONE_COLUMN, TWO_COLUMNS = "cover", "one_column", "two_columns"
COLUMN_GAP = 8 * mm
COVER_BAND_HEIGHT = 118 * mm


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


class NumberedCanvas(Canvas):
    """Defers each page until the end so that its footer can say "page N / M"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self.numbered = False

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()
        self.numbered = False

    def save(self):
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            if self.numbered:
                self._draw_page_number(total)
            Canvas.showPage(self)
        Canvas.save(self)

    def _draw_page_number(self, total: int) -> None:
        self.setFont(FONT, 8)
        self.setFillColor(MUTED)
        self.drawRightString(PAGE_WIDTH - MARGIN_X, MARGIN_BOTTOM - 10 * mm, f"{self._pageNumber} / {total}")


@dataclass
class PageDecor:
    """What the running header and footer print."""

    year: int
    delegation: str
    section: str = ""


class ReportDocument(BaseDocTemplate):
    """The report's document: page templates, running header, outline, progress."""

    def __init__(self, target, decor: PageDecor, *, first_template: str = ONE_COLUMN, on_flowable: Callable[[Flowable], None] | None = None):
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
            [Frame(MARGIN_X, MARGIN_BOTTOM, TEXT_WIDTH, PAGE_HEIGHT - 30 * mm - MARGIN_BOTTOM, id="cover")],
            onPage=self._draw_cover,
        )
        templates = [cover, one, two]
        self.addPageTemplates(sorted(templates, key=lambda template: template.id != first_template))

    def afterFlowable(self, flowable):
        if isinstance(flowable, SectionTitle):
            self.decor.section = flowable.title
            self.canv.bookmarkPage(flowable.key)
            self.canv.addOutlineEntry(printable(flowable.title), flowable.key, level=0)
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
        canvas.drawString(MARGIN_X, MARGIN_BOTTOM - 10 * mm, printable(self.decor.delegation))
        canvas.restoreState()
        canvas.numbered = True

    def _draw_cover(self, canvas: Canvas, doc) -> None:
        canvas.saveState()
        canvas.setFillColor(PRIMARY)
        canvas.rect(0, PAGE_HEIGHT - COVER_BAND_HEIGHT, PAGE_WIDTH, COVER_BAND_HEIGHT, stroke=0, fill=1)
        canvas.setFillColor(ACCENT)
        canvas.rect(0, PAGE_HEIGHT - COVER_BAND_HEIGHT - 4 * mm, PAGE_WIDTH, 4 * mm, stroke=0, fill=1)
        canvas.setFillColor(LIGHT)
        canvas.rect(0, 0, PAGE_WIDTH, 16 * mm, stroke=0, fill=1)
        canvas.restoreState()
