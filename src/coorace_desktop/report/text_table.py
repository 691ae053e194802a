"""A table of plain-text cells for very long listings (the members directory).

ReportLab's Table wraps every cell again at each page split and draws each cell through its
own flowable: measured at 43 s for a 10,000-member directory with Paragraph cells, still 9 s
with light flowable cells. This table wraps each cell once, knows its row heights from the
start, splits by slicing, repeats its header on every page and draws each page's text in one
text object. User text is drawn literally (never parsed as markup)."""

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.flowables import Flowable

from coorace_desktop.report.styles import FONT_BOLD, LIGHT, PRIMARY, RULE, printable, shorten

LEADING = 1.25
PAD_X, PAD_Y = 4, 3
HEADER_SIZE = 8


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of a cell's text in one font, size and colour; it starts on a new line."""

    text: str
    font: str
    size: float
    colour: Color


def _longest_prefix(text: str, font: str, size: float, width: float) -> int:
    """How many leading characters of `text` fit in `width` (at least one)."""
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle], font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def wrap_text(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines no wider than `width`: broken at spaces, and inside a word only when it alone is too wide."""
    if stringWidth(text, font, size) <= width:
        return [text]
    lines = []
    for line in simpleSplit(text, font, size, width):
        while len(line) > 1 and stringWidth(line, font, size) > width:
            cut = _longest_prefix(line, font, size, width)
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return lines


# A laid-out cell: (line, font, size, colour) from the top.
Lines = list[tuple[str, str, float, Color]]


def layout_cell(runs: list[Run], width: float) -> Lines:
    lines: Lines = []
    for run in runs:
        if run.text:
            text = printable(shorten(run.text)).replace("\n", " ")
            lines += [(line, run.font, run.size, run.colour) for line in wrap_text(text, run.font, run.size, width)]
    return lines


def _height(lines: Lines) -> float:
    return sum(size * LEADING for _, _, size, _ in lines)


class _Rows:
    """Rows laid out once, shared by every piece of a split table."""

    def __init__(self, header: list[str], rows: list[list[list[Run]]], widths: list[float]):
        self.widths = widths
        inner = [width - 2 * PAD_X for width in widths]
        self.header = [layout_cell([Run(label, FONT_BOLD, HEADER_SIZE, colors.white)], w) for label, w in zip(header, inner)]
        self.header_height = max(_height(cell) for cell in self.header) + 2 * PAD_Y
        self.cells = [[layout_cell(cell, w) for cell, w in zip(row, inner)] for row in rows]
        heights = [max(_height(cell) for cell in row) + 2 * PAD_Y for row in self.cells]
        self.tops = [0.0, *accumulate(heights)]  # tops[i]: height of rows before row i


class TextTable(Flowable):
    """Rows [start, end) of a text table, with its header on top."""

    def __init__(self, header: list[str], rows: list[list[list[Run]]], widths: list[float], *, _rows=None, _span=None):
        super().__init__()
        self._rows = _rows or _Rows(header, rows, widths)
        self._start, self._end = _span or (0, len(self._rows.cells))
        self.width = sum(widths)

    @property
    def rows(self) -> int:
        return self._end - self._start

    def _piece(self, start: int, end: int) -> "TextTable":
        return TextTable([], [], self._rows.widths, _rows=self._rows, _span=(start, end))

    def _body_height(self, start: int, end: int) -> float:
        return self._rows.tops[end] - self._rows.tops[start]

    def wrap(self, available_width, available_height):
        self.height = self._rows.header_height + self._body_height(self._start, self._end)
        return self.width, self.height

    def split(self, available_width, available_height):
        room = available_height - self._rows.header_height
        tops = self._rows.tops
        # The last row whose bottom still fits: tops[i + 1] - tops[start] <= room.
        end = bisect_right(tops, tops[self._start] + room, lo=self._start) - 1
        if end <= self._start:
            return []
        return [self._piece(self._start, end), self._piece(end, self._end)]

    def draw(self):
        canvas = self.canv
        rows = self._rows
        top = self.height
        canvas.saveState()
        canvas.setFillColor(PRIMARY)
        canvas.rect(0, top - rows.header_height, self.width, rows.header_height, stroke=0, fill=1)
        text = canvas.beginText()
        self._pen = None
        self._draw_row(text, rows.header, top)
        y = top - rows.header_height
        canvas.setFillColor(LIGHT)
        for index in range(self._start, self._end):
            height = rows.tops[index + 1] - rows.tops[index]
            if index % 2:
                canvas.rect(0, y - height, self.width, height, stroke=0, fill=1)
            self._draw_row(text, rows.cells[index], y)
            y -= height
        canvas.drawText(text)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(0, 0, self.width, 0)
        canvas.restoreState()

    def _draw_row(self, text, cells: list[Lines], top: float) -> None:
        x = 0.0
        for cell, width in zip(cells, self._rows.widths):
            y = top - PAD_Y
            for line, font, size, colour in cell:
                y -= size * LEADING
                if self._pen != (font, size, colour):
                    # Font and colour operators only when they change: most lines share them.
                    self._pen = (font, size, colour)
                    text.setFont(font, size)
                    text.setFillColor(colour)
                # The baseline sits a quarter of the size above the line's bottom, room for descenders.
                text.setTextOrigin(x + PAD_X, y + size * 0.25)
                text.textOut(line)
            x += width
