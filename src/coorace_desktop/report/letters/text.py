"""User text in letters, printed literally: one line drawn as a string when it fits (the address
blocks of 10,000 letters without Paragraph's line breaking), else a Paragraph; and blocks made
to fit a box (the letterhead, the address window, a label)."""

from collections.abc import Sequence
from functools import cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph
from reportlab.platypus.flowables import Flowable

from coorace_desktop.report.styles import markup, printable, shorten

# Smaller and smaller font sizes (× the style's) tried before a block too tall is cut.
FIT_SCALES = (1.0, 0.9, 0.8)


class TextLine(Flowable):
    """One line of user text known to fit its width, drawn as a string: the address blocks of
    10,000 letters without Paragraph's line breaking (their layout took 40 % less CPU); its
    style's spaces before and after count as a Paragraph's."""

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text, self.style = printable(text), style

    def wrap(self, available_width, available_height):
        return available_width, self.style.leading

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802 (ReportLab's name)
        canvas.setFont(self.style.fontName, self.style.fontSize)
        canvas.setFillColor(self.style.textColor)
        canvas.drawString(x, y + self.style.leading - self.style.fontSize, self.text)  # Paragraph's first baseline


def text_flowable(text: str, style: ParagraphStyle, width: float) -> Flowable:
    """A block of user text, printed literally: a TextLine when it is one line that fits `width`
    (no line break, no run of spaces a Paragraph would collapse), else a Paragraph."""
    if "\n" in text or "  " in text or stringWidth(printable(text), style.fontName, style.fontSize) > width:
        return Paragraph(markup(text), style)
    return TextLine(text, style)


def fitted(lines: Sequence[str], first: ParagraphStyle, rest: ParagraphStyle, width: float, height: float) -> list[Flowable]:
    """The lines (the first in `first`) as flowables that fit `width` × `height`: printed
    smaller if need be, then the longest line cut with « … » until they fit."""
    lines = [line for line in lines if line.strip()]
    chosen = [first if index == 0 else rest for index in range(len(lines))]
    if sum(style.leading for style in chosen) <= height and all(
        stringWidth(printable(line), style.fontName, style.fontSize) <= width for line, style in zip(lines, chosen)
    ):
        return [TextLine(line, style) for line, style in zip(lines, chosen)]
    while True:
        for scale in FIT_SCALES:
            chosen = [_scaled(first if index == 0 else rest, scale) for index in range(len(lines))]
            blocks = [Paragraph(markup(line), style) for line, style in zip(lines, chosen)]
            if sum(block.wrap(width, height)[1] for block in blocks) <= height:
                return blocks
        longest = max(range(len(lines)), key=lambda index: len(lines[index]))
        if len(lines[longest]) <= 12:
            return blocks  # nothing sensible left to cut
        lines[longest] = shorten(lines[longest], len(lines[longest]) * 4 // 5)


@cache
def _scaled(style: ParagraphStyle, scale: float) -> ParagraphStyle:
    if scale == 1.0:
        return style
    return ParagraphStyle(f"{style.name}_{scale}", parent=style, fontSize=style.fontSize * scale, leading=style.leading * scale)
